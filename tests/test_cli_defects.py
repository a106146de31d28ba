"""Regression tests for defects that have been fixed, one test (or a few) per defect.

Every refusal follows docs/cli.md "Exit codes": the exit code first (1 domain, 2 usage), then one
`Error:` line on stderr naming the bad value and what would be valid, never a traceback or the word
"unexpected", and the database exactly as before.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from samfam.cli.app import app
from support import (
    DOMAIN_ERROR,
    OTHER,
    REF,
    USAGE_ERROR,
    add_goal,
    assert_error,
    assert_ok,
    assert_refused,
    card,
)

BEFORE_CHANGE = date(2026, 11, 1)  # as-of date before the change of advisor or buddy on 2026-11-10
AFTER_CHANGE = date(2026, 11, 22)  # the fixtures' today
CHANGE_DAY = "2026-11-10"


def refused(s, argv, exit_code, *names, **kwargs) -> str:
    """`assert_refused`, and the message is a clear one: never an internal error."""
    line = assert_refused(s, argv, exit_code, *names, **kwargs)
    assert "unexpected" not in line.lower(), line
    return line


def raw(s, *argv: str, env: dict[str, str] | None = None):
    """Invoke the app with exactly these arguments (no --db/--user/--today added)."""
    return s.runner.invoke(app, list(argv), env=env or {}, catch_exceptions=False)


def raw_refused(s, argv: list[str], exit_code: int, *names: str, env=None) -> str:
    before = s.snapshot()
    result = raw(s, *argv, env=env)
    line = assert_error(result, exit_code, *names)
    assert "unexpected" not in line.lower(), line
    assert s.snapshot() == before, "the database changed although the command failed"
    return line


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def advisor_of(rows: list[dict], ref: str) -> dict:
    (row,) = [r for r in rows if r["case"] == ref]
    return row


# -- 1. reports for an earlier as-of date name who was responsible then ---------------------------


@pytest.fixture
def reassigned(team, open_case):
    """REF (no follow-up: overdue) and OTHER (a follow-up on 2026-10-01: due 2027-01-01), both opened
    2026-06-01 with advisor MKJ and reassigned to LBH from 2026-11-10; a goal on each."""
    open_case(REF, "BL 86")
    open_case(OTHER, "BL 86")
    team.ok("event", "add", OTHER, "followup", "--on", "2026-10-01")
    add_goal(team, REF, "Alma sover i egen seng", "short")
    add_goal(team, OTHER, "Alma går i skole", "short")
    for ref in (REF, OTHER):
        team.ok("case", "assign", ref, "--advisor", "LBH", "--on", CHANGE_DAY)
    return team


@pytest.mark.parametrize(("today", "advisor"), [(BEFORE_CHANGE, "MKJ"), (AFTER_CHANGE, "LBH")])
def test_reports_name_the_advisor_responsible_on_the_as_of_date(reassigned, today, advisor):
    """Defect: reports for an earlier as-of date named today's advisor instead of the one responsible then."""
    s = reassigned
    assert advisor_of(s.ok("case", "list", "-f", "json", today=today).json(), REF)["advisor"] == advisor
    assert advisor_of(s.ok("overdue", "-f", "json", today=today).json(), REF)["advisor"] == advisor
    # 2027-01-01 is 61 days after 2026-11-01 and 40 days after 2026-11-22.
    assert advisor_of(s.ok("due", "--within", "90", "-f", "json", today=today).json(), OTHER)["advisor"] == advisor
    for ref in (REF, OTHER):
        assert s.ok("case", "show", ref, "-f", "json", today=today).json()["advisor"] == advisor
    goals = s.ok("goals", "-f", "json", today=today).json()
    assert {g["case"]: g["advisor"] for g in goals} == {REF: advisor, OTHER: advisor}


def test_case_list_advisor_filter_uses_the_advisor_on_the_as_of_date(reassigned):
    """Defect: `case list --advisor` filtered on today's advisor whatever the as-of date."""
    s = reassigned
    before = [r["case"] for r in s.ok("case", "list", "--advisor", "MKJ", "-f", "json", today=BEFORE_CHANGE).json()]
    after = [r["case"] for r in s.ok("case", "list", "--advisor", "MKJ", "-f", "json", today=AFTER_CHANGE).json()]
    assert sorted(before) == [REF, OTHER]
    assert after == []


@pytest.fixture
def rebuddied(team, open_case):
    """REF and OTHER as in `reassigned`, with buddy ATP from the opening and buddy LBH from 2026-11-10."""
    open_case(REF, "BL 86", buddy="ATP")
    open_case(OTHER, "BL 86", buddy="ATP")
    team.ok("event", "add", OTHER, "followup", "--on", "2026-10-01")
    add_goal(team, REF, "Alma sover i egen seng", "short")
    add_goal(team, OTHER, "Alma går i skole", "short")
    for ref in (REF, OTHER):
        team.ok("case", "buddy", ref, "LBH", today=date(2026, 11, 10))
    return team


@pytest.mark.parametrize(("today", "buddy"), [(BEFORE_CHANGE, "ATP"), (AFTER_CHANGE, "LBH")])
def test_reports_name_the_buddy_on_the_as_of_date(rebuddied, today, buddy):
    """Defect: reports for an earlier as-of date named today's buddy instead of the buddy then."""
    s = rebuddied
    assert advisor_of(s.ok("case", "list", "-f", "json", today=today).json(), REF)["buddy"] == buddy
    assert advisor_of(s.ok("overdue", "-f", "json", today=today).json(), REF)["buddy"] == buddy
    assert advisor_of(s.ok("due", "--within", "90", "-f", "json", today=today).json(), OTHER)["buddy"] == buddy
    for ref in (REF, OTHER):
        assert s.ok("case", "show", ref, "-f", "json", today=today).json()["buddy"] == buddy
        # `goals` names the primary advisor (MKJ throughout); the buddy filter reaches it:
        assert {g["case"] for g in s.ok("goals", "--advisor", buddy, "-f", "json", today=today).json()} == {REF, OTHER}
    other_buddy = {"ATP": "LBH", "LBH": "ATP"}[buddy]
    assert s.ok("goals", "--advisor", other_buddy, "-f", "json", today=today).json() == []


def test_case_list_advisor_filter_uses_the_buddy_on_the_as_of_date(rebuddied):
    """Defect: `case list --advisor` matched today's buddy whatever the as-of date."""
    s = rebuddied
    before = [r["case"] for r in s.ok("case", "list", "--advisor", "ATP", "-f", "json", today=BEFORE_CHANGE).json()]
    after = [r["case"] for r in s.ok("case", "list", "--advisor", "ATP", "-f", "json", today=AFTER_CHANGE).json()]
    assert sorted(before) == [REF, OTHER]
    assert after == []


# -- 2. internal errors become clear errors ------------------------------------------------------


def test_huge_due_within_is_a_usage_error_naming_the_range(team):
    """Defect: `due --within 100000000000` overflowed into an "unexpected" error."""
    line = refused(team, ["due", "--within", "100000000000"], USAGE_ERROR, "100000000000", "--within")
    assert "0" in line and "36500" in line


def test_today_outside_the_supported_dates_is_a_usage_error(team):
    """Defect: `--today 9999-12-31 overdue` overflowed into an "unexpected" error."""
    raw_refused(
        team,
        ["--db", str(team.db), "--today", "9999-12-31", "overdue"],
        USAGE_ERROR,
        "9999-12-31",
        "1900-01-01",
        "2199-12-31",
    )


def test_a_text_file_as_database_is_a_clear_domain_error(samfam, tmp_path):
    """Defect: `--db` naming a text file gave an "unexpected DatabaseError"."""
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    result = type(samfam)(text)("case", "list")
    line = assert_error(result, DOMAIN_ERROR, str(text), "samfam database")
    assert "unexpected" not in line.lower()
    assert "cannot use" in line
    assert text.read_text() == "hello\n"


def test_huge_caseload_target_is_a_usage_error(team):
    """Defect: `advisor update --caseload-target 99999999999999999999` overflowed the database integer."""
    refused(
        team,
        ["advisor", "update", "MKJ", "--caseload-target", "99999999999999999999"],
        USAGE_ERROR,
        "99999999999999999999",
        "--caseload-target",
    )


def test_huge_goal_id_is_a_usage_error(team):
    """Defect: `goal update 99999999999999999999` overflowed the database integer."""
    refused(team, ["goal", "update", "99999999999999999999", "--note", "x"], USAGE_ERROR, "99999999999999999999")


def test_invalid_utf8_argument_is_refused_and_nothing_stored(team, open_case):
    """Defect: an argument with a byte that is not UTF-8 (a lone surrogate) crashed on storing it."""
    open_case(REF, "BL 86")
    line = refused(team, ["event", "add", REF, "sms", "--note", "bad \udcff byte"], USAGE_ERROR, "not valid UTF-8")
    assert "\udcff" not in line
    assert team.ok("event", "list", REF, "-f", "json").json() == []


def test_empty_db_option_is_refused_without_falling_back_to_the_default(samfam, tmp_path):
    """Defect: `--db ""` silently used the default database in the user data directory."""
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}  # where the default database would go
    result = raw(samfam, "--db", "", "--today", "2026-11-22", "init", env=env)
    line = assert_error(result, USAGE_ERROR, "--db")
    assert "unexpected" not in line.lower()
    assert not home.exists(), "a default database was created"


def _invoices_db(tmp_path: Path) -> Path:
    """An SQLite file of another application (rollback journal, SQLite's default)."""
    other = tmp_path / "invoices.db"
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("CREATE TABLE invoices(id)")
        conn.execute("INSERT INTO invoices VALUES (1)")
    conn.close()
    return other


def _schema_and_rows(path: Path) -> tuple[list, list]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall(), conn.execute(
            "SELECT * FROM invoices"
        ).fetchall()
    finally:
        conn.close()


def test_init_refuses_another_applications_sqlite_file(samfam, tmp_path):
    """Defect: `init` added samfam's tables to an SQLite file that held another application's data."""
    other = _invoices_db(tmp_path)
    before = _schema_and_rows(other)
    result = type(samfam)(other)("init")
    line = assert_error(result, DOMAIN_ERROR, str(other), "invoices")
    assert "unexpected" not in line.lower()
    assert _schema_and_rows(other) == before


def test_init_leaves_another_applications_sqlite_file_byte_for_byte_unchanged(samfam, tmp_path):
    """Defect: `init` on another application's SQLite file changed the file although it refused."""
    other = _invoices_db(tmp_path)
    content = other.read_bytes()
    files = sorted(p.name for p in tmp_path.iterdir())  # the fixture's own samfam.db lies here too
    result = type(samfam)(other)("init")
    assert_error(result, DOMAIN_ERROR, str(other))
    assert other.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == files  # no -wal or -shm file next to it


# -- 3. the demo never builds over data it did not make ----------------------------------------------


def test_demo_refuses_a_samfam_database_with_staff_but_no_cases(samfam):
    """Defect: `demo --db` wiped a real database that held staff but no cases yet (audit log included)."""
    samfam.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    assert samfam.rows("cases") == []
    assert samfam.rows("advisor") and samfam.rows("audit_log")  # snapshot() covers the audit log too
    refused(samfam, ["demo", "--db", str(samfam.db)], DOMAIN_ERROR, str(samfam.db))


def test_demo_refuses_a_text_file(samfam, tmp_path):
    """Defect: `demo --db` on a file that is not a database overwrote it or failed with an internal error."""
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    result = samfam("demo", "--db", str(text))
    line = assert_error(result, DOMAIN_ERROR, str(text))
    assert "unexpected" not in line.lower()
    assert text.read_text() == "hello\n"


# -- 4. blank initials ---------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["", "   "], ids=["empty", "spaces"])
def test_blank_user_is_refused_for_a_write(samfam, user):
    """Defect: `--user ""` (or spaces) wrote an audit entry by nobody."""
    raw_refused(
        samfam,
        ["--db", str(samfam.db), "--user", user, "--today", "2026-11-22", "advisor", "add", "XX", "--name", "X Y"],
        USAGE_ERROR,
        "--user",
    )


def test_blank_buddy_on_open_is_refused(team):
    """Defect: `case open … --buddy ""` stored a case with an empty buddy."""
    refused(
        team,
        ["case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--buddy", ""],
        USAGE_ERROR,
        "--buddy",
    )


def test_blank_buddy_on_case_buddy_is_refused(team, open_case):
    """Defect: `case buddy REF " "` stored a blank buddy."""
    open_case(REF, "BL 86")
    refused(team, ["case", "buddy", REF, " "], USAGE_ERROR, "' '", "letters or digits")


# -- 5. days left are not negative numbers for people --------------------------------------------


def test_case_show_says_due_in_n_days_and_json_keeps_the_negative_number(case1):
    """Defect: the card's table showed "days overdue -40" for a case due in 40 days."""
    case1.ok("event", "add", REF, "followup", "--on", "2026-10-01")  # next due 2027-01-01: 40 days on
    table = case1.ok("case", "show", REF).stdout
    assert re.search(r"due in 40 days", table), table
    assert "-40" not in table
    assert card(case1)["days_overdue"] == -40
    assert card(case1)["next_due"] == "2027-01-01"


def test_case_show_says_n_days_overdue(case1):
    """Defect (the other side): an overdue case must still say how many days it is overdue."""
    table = case1.ok("case", "show", REF).stdout  # due 2026-09-01: 82 days overdue on 2026-11-22
    assert "82 days overdue" in table, table
    assert card(case1)["days_overdue"] == 82


def test_team_rhythm_table_shows_no_negative_days(team):
    """Defect: `team rhythm` showed a negative number of days overdue for a meeting not yet due."""
    team.ok("team", "meeting", "add", "stop-op", "--on", "2026-10-01", "--team", "Nord")  # due 2027-01-01
    table = team.ok("team", "rhythm", "--team", "Nord").stdout
    assert "2027-01-01" in table
    assert not re.search(r"(?<![\w-])-\d", table), table
    (row,) = [r for r in team.ok("team", "rhythm", "--team", "Nord", "-f", "json").json() if r["kind"] == "stop-op"]
    assert row["days_overdue"] == -40


# -- 6. files written with --output are private --------------------------------------------------


def test_plan_output_is_created_0600(plan_world, tmp_path):
    """Defect: `plan --output` created the family's plan readable by everyone (umask, 0644)."""
    out = tmp_path / "plan.html"
    plan_world.ok("plan", REF, "--format", "html", "--output", str(out))
    assert out.read_text().strip()
    assert mode(out) == 0o600


def test_weekly_report_output_is_created_0600(plan_world, tmp_path):
    """Defect: `report weekly --output` created the report readable by everyone."""
    out = tmp_path / "week.md"
    plan_world.ok("report", "weekly", "--format", "markdown", "--output", str(out))
    assert out.read_text().strip()
    assert mode(out) == 0o600


def test_output_over_an_existing_0644_file_makes_it_0600(plan_world, tmp_path):
    """Defect: overwriting an existing file with `--output` kept its wide permissions (now with --force only:
    without it an existing file is refused, tests/test_cli_output_files.py)."""
    out = tmp_path / "plan.html"
    out.write_text("old\n")
    os.chmod(out, 0o644)
    plan_world.ok("plan", REF, "--format", "html", "--output", str(out), "--force")
    assert out.read_text() != "old\n"
    assert mode(out) == 0o600


def test_init_tightens_an_existing_readable_database_and_says_so(samfam, tmp_path):
    """Defect: `init` left an existing database readable by others (0644)."""
    path = tmp_path / "shared.db"
    shutil.copy2(samfam.db, path)
    os.chmod(path, 0o644)
    result = type(samfam)(path)("init")
    assert_ok(result)
    assert mode(path) == 0o600
    assert "0600" in result.stderr


# -- 7. each option means one thing ---------------------------------------------------------------


def test_short_n_is_note_on_event_add(case1):
    """Defect: `-n` meant --note, --name or --limit depending on the command; it is --note."""
    case1.ok("event", "add", REF, "sms", "-n", "x")
    (event,) = case1.ok("event", "list", REF, "-f", "json").json()
    assert event["note"] == "x"


def test_advisor_add_keeps_old_short_n_for_name_but_hides_it(team):
    """Defect fix kept scripts working: `advisor add XX -n NAME` still works; its help no longer shows -n."""
    team.ok("advisor", "add", "XX", "-n", "Xenia Xu")
    (row,) = [a for a in team.ok("advisor", "list", "-f", "json").json() if a["initials"] == "XX"]
    assert row["name"] == "Xenia Xu"
    helptext = team.ok("advisor", "add", "--help").stdout
    assert "--name" in helptext
    assert not re.search(r"(?<![\w-])-n\b", helptext), helptext


def test_audit_short_n_still_limits(case1):
    """Defect fix kept scripts working: `audit -n 5` still limits the entries."""
    for _ in range(6):
        case1.ok("event", "add", REF, "sms")
    assert len(case1.ok("audit", "-f", "json").json()) > 5
    assert len(case1.ok("audit", "-n", "5", "-f", "json").json()) == 5


@pytest.mark.parametrize("option", ["--owner", "--by"])
def test_task_add_takes_owner_as_well_as_by(case1, option):
    """Defect: `task add` took --by where goals take --owner; both work now."""
    goal = add_goal(case1, REF, "Alma sover i egen seng", "short")
    result = case1.ok("task", "add", str(goal), "Lave billedskema", option, "family")
    assert re.fullmatch(rf"Task \d+ added to goal {goal}\.\n", result.stdout), result.stdout


@pytest.mark.parametrize("option", ["--enrolment-target", "--target"])
def test_programme_add_takes_enrolment_target(samfam, option):
    """Defect: `programme add --target` was a number where --target is a date elsewhere; --enrolment-target added."""
    samfam.ok("programme", "add", "Sammen om familien", option, "30")
    (row,) = samfam.rows("programme")
    assert 30 in row


def test_name_given_twice_as_name_and_short_n_is_refused(samfam):
    """Defect: `advisor add XX --name A -n B` silently kept one of the two names."""
    refused(samfam, ["advisor", "add", "XX", "--name", "A", "-n", "B"], USAGE_ERROR, "--name", "-n", "twice")


# -- 8. ids and dates ----------------------------------------------------------------------------


def test_full_width_digits_in_a_date_are_refused(case1):
    """Defect: `--on ２０２６-１１-２０` (full-width digits) was read as a date."""
    refused(
        case1,
        ["event", "add", REF, "followup", "--on", "２０２６-１１-２０"],
        USAGE_ERROR,
        "２０２６-１１-２０",
        "--on",
    )


def test_spaces_around_a_case_reference_are_trimmed(case1):
    """Defect: `case show " REF "` did not find the case although other commands trimmed the reference."""
    assert card(case1, f" {REF} ")["case"] == REF


def test_spaces_around_initials_are_trimmed(samfam):
    """Defect: `advisor add " AB "` stored the initials with the spaces."""
    samfam.ok("advisor", "add", " AB ", "--name", "Anna Berg")
    assert [a["initials"] for a in samfam.ok("advisor", "list", "-f", "json").json()] == ["AB"]
    samfam.ok("advisor", "update", "AB", "--team", "Nord")
