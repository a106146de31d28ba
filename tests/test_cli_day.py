"""`samfam dag` (alias `today`): the advisor's day on one screen, each section what the listing it comes from
says for the same advisor on the same day (the demo database, --today 2026-11-22)."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Demo, Samfam
from support import DOMAIN_ERROR, ME, USAGE_ERROR, assert_ok, assert_refused

TODAY = date(2026, 11, 22)
WITHIN = 7
SECTIONS = ["followups", "tasks", "deadlines", "meetings", "attention", "emergency_access"]


@pytest.fixture(scope="module")
def _day_db(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo with a team leader of Nord (SAN, role teamleder)."""
    path = tmp_path_factory.mktemp("day") / "demo.db"
    with sqlite3.connect(demo.samfam.db) as source, sqlite3.connect(path) as target:
        source.backup(target)
    Samfam(path).ok("advisor", "update", "SAN", "--role", "teamleder")  # the OS login owns the file
    return path


@pytest.fixture(scope="module")
def mkj(_day_db: Path) -> Samfam:
    """The demo copy, MKJ acting (reads only: each logs itself)."""
    return Samfam(_day_db, user="MKJ")


@pytest.fixture
def day_copy(_day_db: Path, tmp_path: Path) -> Samfam:
    """A copy for a test that writes."""
    target = tmp_path / "demo.db"
    with sqlite3.connect(_day_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return Samfam(target, user="MKJ")


def _day(s: Samfam, *argv: str, **kwargs) -> dict:
    result = s("dag", *argv, "-f", "json", **kwargs)
    assert_ok(result)
    return result.json()


def test_the_json_is_one_object_with_a_list_per_section(mkj):
    data = _day(mkj)
    assert list(data) == ["as_of", "advisor", "team", "within", *SECTIONS]
    assert (data["as_of"], data["advisor"], data["team"], data["within"]) == ("2026-11-22", "MKJ", None, WITHIN)
    assert all(isinstance(data[s], list) for s in SECTIONS)
    assert data["followups"] and data["tasks"] and data["attention"] and data["meetings"]  # the demo's MKJ


def test_followups_are_what_overdue_and_due_say(mkj):
    shown = _day(mkj)["followups"]
    late = [r for r in mkj.ok("overdue", "--advisor", "MKJ", "-f", "json").json() if r["status"] == "overdue"]
    coming = mkj.ok("due", "--within", str(WITHIN), "--advisor", "MKJ", "-f", "json").json()
    keys = ("case", "advisor", "track", "next_due", "days_overdue", "level")
    assert [tuple(r[k] for k in keys) for r in shown] == [tuple(r[k] for k in keys) for r in late + coming]
    assert [r["status"] for r in shown] == ["overdue"] * len(late) + ["due"] * len(coming)
    assert all(r["level"] for r in shown)


def test_deadlines_are_what_deadlines_says(mkj):
    expected = mkj.ok("deadlines", "--within", str(WITHIN), "--advisor", "MKJ", "-f", "json").json()
    assert _day(mkj)["deadlines"] == expected


def test_the_attention_is_what_goals_and_case_list_say(mkj):
    rows = _day(mkj)["attention"]
    shown = {(r["case"], r["goal"], reason) for r in rows for reason in r["attention"]}
    goals = mkj.ok("goals", "--attention", "--advisor", "MKJ", "-f", "json").json()
    cases = mkj.ok("case", "list", "--attention", "--advisor", "MKJ", "-f", "json").json()
    expected = set()
    for g in goals:
        for reason in g["attention"]:
            if reason.startswith("case: ") or g["id"] is None:  # the goal picture's, once on the case's row
                expected.add((g["case"], None, "goals: " + reason.removeprefix("case: ")))
            else:
                expected.add((g["case"], g["id"], reason))
    for c in cases:  # a follow-up overdue is in the follow-ups already
        expected |= {(c["case"], None, r) for r in c["attention"] if not re.fullmatch(r"follow-up \d+ days overdue", r)}
    assert shown == expected
    assert len({(r["case"], r["goal"]) for r in rows}) == len(rows)  # one row a case or goal
    assert [r["case"] for r in rows] == sorted(r["case"] for r in rows)


def test_tasks_are_the_tasks_due_on_the_cards(mkj):
    shown = _day(mkj)["tasks"]
    refs = [c["case"] for c in mkj.ok("case", "list", "--advisor", "MKJ", "-f", "json").json()]
    expected = []
    for ref in refs:
        for goal in mkj.ok("case", "show", ref, "-f", "json").json()["goals"]:
            if goal["status"] in ("achieved", "dropped"):
                continue
            for task in goal["tasks"]:
                if task["done"] is None and task["due"] is not None and task["due"] <= TODAY.isoformat():
                    expected.append((ref, goal["id"], task["id"], task["text"], task["by"].split(" (")[0], task["due"]))
    got = [(t["case"], t["goal"], t["id"], t["text"], t["by"].split(" (")[0], t["due"]) for t in shown]
    assert sorted(got) == sorted(expected) and got
    assert [t["due"] for t in shown] == sorted(t["due"] for t in shown)
    assert all(t["days_late"] == (TODAY - date.fromisoformat(t["due"])).days for t in shown)


def test_meetings_are_what_the_team_rhythm_says_is_due_this_week(mkj):
    rhythm = mkj.ok("team", "rhythm", "--team", "Nord", "-f", "json").json()
    last_day = (TODAY + timedelta(days=WITHIN)).isoformat()
    expected = [r for r in rhythm if r["next_due"] is not None and r["next_due"] <= last_day]
    assert _day(mkj)["meetings"] == sorted(expected, key=lambda r: (r["next_due"], r["team"], r["kind"]))


def test_the_alias_today_is_the_same_day(mkj):
    assert mkj.ok("today").stdout == mkj.ok("dag").stdout


def test_ndjson_and_csv_give_one_item_a_line(mkj):
    data = _day(mkj)
    count = sum(len(data[s]) for s in SECTIONS)
    items = mkj.ok("dag", "-f", "ndjson").stdout.splitlines()
    assert len(items) == count
    lines = mkj.ok("dag", "-f", "csv").stdout.splitlines()
    assert lines[0] == "section,case,advisor,day,what" and len(lines) == count + 1
    picked = mkj.ok("dag", "-f", "json", "--fields", "section,case").json()
    assert len(picked) == count and all(list(r) == ["section", "case"] for r in picked)


def test_an_unknown_field_is_refused_before_anything_is_read(mkj):
    assert_refused(mkj, ["dag", "-f", "json", "--fields", "nope"], USAGE_ERROR, "nope", "section")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(("user", "argv"), [("MKJ", []), ("SAN", ["--team", "Nord"])])
def test_it_fits_80_columns_and_no_case_reference_is_cut(mkj, user, argv):
    # Rich, as on a terminal 80 wide (TTY_COMPATIBLE: what a pipe would write as whole lines)
    result = mkj("dag", *argv, user=user, env={"COLUMNS": "80", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    lines = _ANSI.sub("", result.stdout).splitlines()
    assert max(len(line) for line in lines) <= 80, [line for line in lines if len(line) > 80]
    data = _day(mkj, *argv, user=user)
    refs = {r["case"] for s in SECTIONS for r in data[s] if r.get("case")}
    whole = set(re.findall(r"\b\d{4}-\d{4}\b", "\n".join(lines)))
    assert refs and refs <= whole


def test_an_empty_day_says_so(samfam):
    samfam.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    result = samfam("dag", user="MKJ")
    assert_ok(result)
    assert result.stdout.splitlines() == [
        "The day of advisor MKJ on 2026-11-22",
        "Nothing to do: no follow-up, task, deadline, meeting, attention or emergency access within 7 days.",
    ]
    data = _day(samfam, user="MKJ")
    assert all(data[s] == [] for s in SECTIONS)
    assert samfam.ok("dag", "-f", "ndjson", user="MKJ").stdout == ""


def test_another_advisors_or_a_teams_day_is_for_their_team_leader(mkj):
    line = assert_refused(mkj, ["dag", "--advisor", "LBH"], DOMAIN_ERROR, "dag --advisor", "team leader of Nord")
    assert "MKJ acts" in line
    assert_refused(mkj, ["dag", "--team", "Nord"], DOMAIN_ERROR, "dag --team", "team leader of Nord")
    assert_refused(mkj, ["dag", "--advisor", "ATP"], DOMAIN_ERROR, "team leader of Syd", user="SAN")
    assert_refused(mkj, ["dag", "--team", "Syd"], DOMAIN_ERROR, "team leader of Syd", user="SAN")
    assert _day(mkj, "--advisor", "MKJ")["advisor"] == "MKJ"  # one's own day needs no right
    lbh = _day(mkj, "--advisor", "LBH", user="SAN")
    assert lbh["advisor"] == "LBH"
    assert lbh["deadlines"] == mkj.ok("deadlines", "--within", "7", "--advisor", "LBH", "-f", "json").json()
    team = _day(mkj, "--team", "Nord", user="SAN")
    assert (team["advisor"], team["team"]) == (None, "Nord")
    overdue = mkj.ok("overdue", "--team", "Nord", "-f", "json").json()
    assert [r["case"] for r in team["followups"] if r["status"] == "overdue"] == [
        r["case"] for r in overdue if r["status"] == "overdue"
    ]
    assert _day(Samfam(mkj.db), "--team", "Syd")["team"] == "Syd"  # the file's owner: its administrator


def test_without_an_advisor_acting_the_os_login_linked_to_one_is_me(day_copy):
    owner = Samfam(day_copy.db)  # the OS login, linked to no advisor
    assert_refused(owner, ["dag"], USAGE_ERROR, "no advisor acts", ME, "--user", "--advisor")
    owner.ok("advisor", "update", "HEM", "--login", ME)
    assert _day(owner)["advisor"] == "HEM"


def test_it_is_logged_as_a_read_with_its_purpose_and_cases(mkj):
    data = _day(mkj)
    with sqlite3.connect(mkj.db) as conn:
        kind, action, purpose, user, cases, detail = conn.execute(
            "SELECT kind, action, purpose, user, cases, detail FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert (kind, action, purpose, user, detail) == ("read", "dag", "sagsbehandling", "MKJ", "advisor MKJ")
    assert set(cases.split()) == {r["case"] for s in SECTIONS for r in data[s] if r.get("case")}


def test_emergency_access_open_to_the_advisor_is_shown(day_copy):
    assert _day(day_copy)["emergency_access"] == []
    day_copy.ok("access", "open", "2026-0006", "--reason", "Akut henvendelse fra skolen")
    shown = _day(day_copy)["emergency_access"]
    assert [(e["advisor"], e["case"], e["reason"]) for e in shown] == [
        ("MKJ", "2026-0006", "Akut henvendelse fra skolen")
    ]
    assert "2026-0006" in day_copy.ok("dag").stdout
    day_copy.ok("access", "close", "2026-0006")
    assert _day(day_copy)["emergency_access"] == []


def test_markdown_gives_each_section_as_a_headed_table(mkj):
    """`-f markdown`: the day as a document to paste or mail: its heading, then each section with rows as a
    `##` heading over a Markdown table of the columns the terminal shows, in the words it shows them."""
    data = _day(mkj)
    result = mkj("dag", "-f", "markdown")
    assert_ok(result)
    text = result.stdout
    assert text.startswith("# The day of advisor MKJ on 2026-11-22\n\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    shown = [s for s in SECTIONS if data[s]]
    assert len(headings) == len(shown) and headings[0].startswith(f"## Follow-ups overdue or due within {WITHIN} days")
    assert f"## Tasks due by today ({len(data['tasks'])})" in headings
    table = text[text.index(headings[0]) :].split("\n\n")[1].splitlines()
    assert table[0].split("|")[1].strip() == "Case" and set(table[1]) <= set("|-: ")
    assert len(table) == 2 + len(data["followups"])
    first = data["followups"][0]
    assert first["case"] in table[2] and f"{first['days_overdue']} days overdue" in table[2]
    refs = {r["case"] for s in SECTIONS for r in data[s] if r.get("case")}
    assert refs <= set(re.findall(r"\b\d{4}-\d{4}\b", text))
    assert "\x1b" not in text and "┃" not in text


def test_markdown_of_an_empty_day_says_so(samfam):
    samfam.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    result = samfam("dag", "-f", "markdown", user="MKJ")
    assert_ok(result)
    assert result.stdout == (
        "# The day of advisor MKJ on 2026-11-22\n\n"
        "Nothing to do: no follow-up, task, deadline, meeting, attention or emergency access within 7 days.\n"
    )


def test_markdown_takes_no_fields(mkj):
    assert_refused(mkj, ["dag", "-f", "markdown", "--fields", "case"], USAGE_ERROR, "--fields")
