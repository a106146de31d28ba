"""Issue 4 through the command line: the team leader's view.

Covers the weekly report (every section, every format, `--output`, `--check`, `--team`),
responsibility over time (primary advisor and buddy history; follow-ups credited to the advisor
responsible on the day), caseload against targets, the team rhythm (stop-op every 3 calendar months,
case meetings at the team's rhythm), learning goals, programmes and enrolment (the Ishøj/Vallensbæk
pilot of DOMAIN.md § 1), the families' experience score, and the errors of all those commands.

Every test runs with a fixed `--today` (conftest: 2026-11-22, a Sunday, unless a call says otherwise)
and fictional people only. Expected dates are computed by hand in the comments; 3 calendar months
are month-end clamped (31 Aug + 3 months = 30 Nov), 6 weeks are 42 days.

For every error: the exit code first (1 domain, 2 usage), then one `Error:` line on stderr, no
traceback, nothing on stdout, and the database exactly as before (CLI.md "Exit codes").
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Samfam
from support import assert_error

DOMAIN_ERROR = 1
USAGE_ERROR = 2
OVERDUE_FOUND = 3

WEEKLY_SECTIONS = (
    "overdue_by_advisor",
    "due_next_7_days",
    "unclassified",
    "legal_deadlines",
    "complex_without_buddy",
    "open_handovers",
    "goals_past_target",
    "actors_without_coordinator",
    "caseload",
    "team_rhythm",
    "learning_goals",
    "followups_last_7_days",
    "experience",
)

# A heading for each section, as it reads in every human format (table, markdown, html); matched
# case-insensitively as a substring of the heading line.
WEEKLY_HEADINGS = (
    "Overdue follow-ups",
    "Due in the next 7 days",
    "Needs classification",
    "Legal deadlines",
    "Complex cases without a buddy",
    "Open handovers",
    "Goals past target",
    "Actors without an agreed coordinator",
    "Caseload",
    "rhythm",
    "Learning goals not reviewed",
    "last 7 days",
    "experience of coordination",
)

PILOT = "Én familie – én indgang"


# -- helpers -----------------------------------------------------------------------------------------


def d(text: str) -> date:
    return date.fromisoformat(text)


def open_(s: Samfam, ref: str, *paras: str, advisor: str = "MKJ", opened: str = "2026-06-01", extra=(), today=None):
    args = ["case", "open", ref, "--child", "Alma Holm", "--advisor", advisor, "--opened", opened, *extra]
    for p in paras:
        args += ["--para", p]
    return s.ok(*args, today=d(today) if today else None)


def weekly(s: Samfam, *args: str, today: str | None = None) -> dict:
    result = s("report", "weekly", "-f", "json", *args, today=d(today) if today else None)
    assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr}"
    return result.json()


def by(rows: list[dict], key: str) -> dict:
    return {r[key]: r for r in rows}


def history(s: Samfam, ref: str) -> list[tuple]:
    """The responsibility history of a case: (role, initials, since, until), by role then date."""
    with sqlite3.connect(s.db) as conn:
        return conn.execute(
            "SELECT ca.role, a.initials, ca.since, ca.until FROM case_assignment ca "
            "JOIN advisor a ON a.id = ca.advisor_id JOIN cases c ON c.id = ca.case_id "
            "WHERE c.ref = ? ORDER BY ca.role, ca.since",
            (ref,),
        ).fetchall()


def heading_lines(text: str, fmt: str) -> list[str]:
    """The heading lines of a human-readable weekly report."""
    if fmt == "markdown":
        return [line for line in text.splitlines() if line.startswith("#")]
    if fmt == "html":
        return re.findall(r"<h[12][^>]*>(.*?)</h[12]>", text, flags=re.S)
    return text.splitlines()  # table: Rich prints each table's title on its own line


# -- a week in team Nord and team Syd -----------------------------------------------------------------


@pytest.fixture
def week(team: Samfam) -> Samfam:
    """Nine open cases with something in every section of the weekly report on Sunday 2026-11-22.

    Targets MKJ 3, LBH 5 (team Nord), ATP 2 (team Syd). Cases open 2026-06-01 unless said:
    - 2026-0001 MKJ, SEL 41, buddy LBH, complex, no follow-up: 3m from 06-01, due 09-01 -> 82 days
      overdue (Sep 1 -> Oct 1 30, -> Nov 1 31, -> Nov 22 21). A phone call on 11-18 does not count.
    - 2026-0002 MKJ, BL 20, follow-up 10-01: 6w, due 10-01 + 42 = 11-12 -> 10 days overdue; the
      investigation's 4 months ran out on 10-01 -> legal deadline, 52 days passed.
    - 2026-0003 LBH, BL 86, follow-up 08-01: due 11-01 -> 21 days overdue; a goal past target 11-01.
    - 2026-0004 LBH, BL 86, follow-up 08-25: due 11-25 -> due in 3 days.
    - 2026-0005 ATP, BL 86, follow-up 08-29: due 11-29 -> due in 7 days (the window's last day).
    - 2026-0006 MKJ, BL 86, follow-up 08-30: due 11-30 -> 8 days, not in the 7-day window; an open
      new-professional handover; a daycare without an agreed coordinator.
    - 2026-0007 MKJ, SEL 11 only, complex, no buddy: unclassified.
    - 2026-0008 LBH, BL 20 from 08-01, follow-up 11-20: due 2027-01-01; investigation deadline 12-01
      -> 9 days left.
    - 2026-0009 ATP, BL 20 from 10-01, follow-up 11-16: due 12-28; deadline 2027-02-01, 71 days: not
      within 30.
    Team rhythm: Nord case meetings every 14 days, last 11-01 -> due 11-15, 7 days overdue; Nord stop-op
    08-31 -> due 11-30; Syd stop-op 06-15 -> due 09-15, 68 days overdue; a department half-day 10-15.
    Learning goals set 08-01: MKJ's never reviewed (due 11-01: stale); LBH's reviewed 10-01 (due 2027-01-01).
    Experience: 2026-0003 (LBH) 2 -> 4; 2026-0001 (MKJ) 4 -> 3; 2026-0004 measured once.
    """
    s = team
    for initials, target in (("MKJ", "3"), ("LBH", "5"), ("ATP", "2")):
        s.ok("advisor", "update", initials, "--caseload-target", target)
    open_(s, "2026-0001", "SEL 41", extra=("--buddy", "LBH", "--complex"))
    s.ok("event", "add", "2026-0001", "phone", "--on", "2026-11-18")
    open_(s, "2026-0002", "BL 20")
    s.ok("event", "add", "2026-0002", "followup", "--on", "2026-10-01")
    open_(s, "2026-0003", "BL 86", advisor="LBH")
    s.ok("event", "add", "2026-0003", "followup", "--on", "2026-08-01")
    s.ok("goal", "add", "2026-0003", "Familien har faste aftaler med skolen", "--horizon", "short",
         "--owner", "family", "--target", "2026-11-01")  # fmt: skip
    open_(s, "2026-0004", "BL 86", advisor="LBH")
    s.ok("event", "add", "2026-0004", "followup", "--on", "2026-08-25")
    open_(s, "2026-0005", "BL 86", advisor="ATP")
    s.ok("event", "add", "2026-0005", "followup", "--on", "2026-08-29")
    open_(s, "2026-0006", "BL 86")
    s.ok("event", "add", "2026-0006", "followup", "--on", "2026-08-30")
    s.ok("handover", "start", "2026-0006", "new-professional", "--on", "2026-11-10")
    s.ok("actor", "add", "2026-0006", "daycare", "--name", "Børnehuset Solsikken")
    open_(s, "2026-0007", "SEL 11", extra=("--complex",))
    open_(s, "2026-0008", "BL 20", advisor="LBH", opened="2026-08-01")
    s.ok("event", "add", "2026-0008", "followup", "--on", "2026-11-20")
    open_(s, "2026-0009", "BL 20", advisor="ATP", opened="2026-10-01")
    s.ok("event", "add", "2026-0009", "followup", "--on", "2026-11-16")

    s.ok("team", "rhythm", "--team", "Nord", "--case-meetings-every", "14")
    s.ok("team", "meeting", "add", "case-meeting", "--on", "2026-11-01", "--team", "Nord")
    s.ok("team", "meeting", "add", "stop-op", "--on", "2026-08-31", "--team", "Nord")
    s.ok("team", "meeting", "add", "stop-op", "--on", "2026-06-15", "--team", "Syd")
    s.ok("team", "meeting", "add", "half-day", "--on", "2026-10-15")

    s.ok("learning-goal", "add", "MKJ", "Bruge Signs of Safety-skalaen i alle opfølgninger", today=d("2026-08-01"))
    s.ok("learning-goal", "add", "LBH", "Holde netværksmøder med skolen", today=d("2026-08-01"))
    s.ok("learning-goal", "review", "2", "--on", "2026-10-01", "--note", "God fremgang")

    s.ok("experience", "add", "2026-0003", "2", "--on", "2026-07-01")
    s.ok("experience", "add", "2026-0003", "4", "--on", "2026-11-01")
    s.ok("experience", "add", "2026-0001", "4", "--on", "2026-09-01")
    s.ok("experience", "add", "2026-0001", "3", "--on", "2026-11-10")
    s.ok("experience", "add", "2026-0004", "3", "--on", "2026-10-01")
    return s


# -- weekly report: content ---------------------------------------------------------------------------


def test_weekly_json_has_every_section_key(week):
    data = weekly(week)
    for key in WEEKLY_SECTIONS:
        assert key in data, f"section {key!r} missing from the weekly JSON"
    assert data["as_of"] == "2026-11-22"
    assert data["week"] == {"from": "2026-11-16", "to": "2026-11-22"}  # the last 7 days, today included


def test_weekly_summary(week):
    assert weekly(week)["summary"] == {
        "open_cases": 9,
        "overdue": 3,  # 2026-0001, -0002, -0003
        "due_next_7_days": 2,  # 2026-0004, -0005
        "unclassified": 1,  # 2026-0007
        "legal_deadlines": 2,  # 2026-0002 (passed), -0008 (9 days)
        "open_handovers": 1,  # 2026-0006
    }


def test_weekly_overdue_grouped_by_advisor_most_overdue_first(week):
    groups = weekly(week)["overdue_by_advisor"]
    # MKJ has both the most overdue cases (2) and the most overdue one (82 days), so either reading of
    # "most overdue first" puts MKJ before LBH; within a group the most days overdue come first.
    assert [g["advisor"] for g in groups] == ["MKJ", "LBH"]
    assert [g["overdue"] for g in groups] == [2, 1]
    assert groups[0]["name"] == "Mette Kjær Jensen"
    assert [(c["case"], c["next_due"], c["days_overdue"]) for c in groups[0]["cases"]] == [
        ("2026-0001", "2026-09-01", 82),
        ("2026-0002", "2026-11-12", 10),
    ]
    assert [(c["case"], c["next_due"], c["days_overdue"]) for c in groups[1]["cases"]] == [
        ("2026-0003", "2026-11-01", 21),
    ]
    assert groups[0]["cases"][0]["track"] == "3m"
    assert groups[0]["cases"][1]["track"] == "6w"


def test_weekly_due_next_7_days_includes_the_7th_day_and_not_the_8th(week):
    rows = weekly(week)["due_next_7_days"]
    # 2026-0004 due 11-25 (3 days), 2026-0005 due 11-29 (7 days); 2026-0006 due 11-30 (8 days) is out.
    assert [(r["case"], r["next_due"], r["days_overdue"]) for r in rows] == [
        ("2026-0004", "2026-11-25", -3),
        ("2026-0005", "2026-11-29", -7),
    ]


def test_weekly_unclassified_complex_handovers_goals_actors(week):
    data = weekly(week)
    assert [(r["case"], r["advisor"]) for r in data["unclassified"]] == [("2026-0007", "MKJ")]
    assert data["unclassified"][0]["track"] == "unclassified"
    # 2026-0001 is complex with buddy LBH; 2026-0007 is complex alone.
    assert [(r["case"], r["advisor"]) for r in data["complex_without_buddy"]] == [("2026-0007", "MKJ")]
    [handover] = data["open_handovers"]
    assert (handover["case"], handover["kind"], handover["started"]) == ("2026-0006", "new-professional", "2026-11-10")
    assert handover["missing"], "an open handover with nothing ticked has missing items"
    [goal] = data["goals_past_target"]
    assert (goal["case"], goal["advisor"], goal["target"]) == ("2026-0003", "LBH", "2026-11-01")
    [actor] = data["actors_without_coordinator"]
    assert (actor["case"], actor["kind"], actor["name"]) == ("2026-0006", "daycare", "Børnehuset Solsikken")


def test_weekly_legal_deadlines_within_30_days(week):
    rows = weekly(week)["legal_deadlines"]
    # 2026-0002: BL 20 from 06-01 + 4 months = 10-01 (52 days ago, still running) -> listed.
    # 2026-0008: BL 20 from 08-01 + 4 months = 12-01 -> 9 days left. 2026-0009: 2027-02-01, 71 days -> not.
    assert [(r["case"], r["kind"], r["deadline"], r["days_left"]) for r in rows] == [
        ("2026-0002", "investigation", "2026-10-01", -52),
        ("2026-0008", "investigation", "2026-12-01", 9),
    ]


CASELOAD_FIELDS = ("primary", "buddy", "3m", "6w", "unclassified", "complex", "target", "vs_target")


def _caseload_table(rows: list[dict]) -> dict[str, tuple]:
    return {r["advisor"]: tuple(r[k] for k in CASELOAD_FIELDS) for r in rows}


# advisor: primary, buddy, 3m, 6w, unclassified, complex, target, vs target
WEEK_CASELOAD = {
    "MKJ": (4, 0, 2, 1, 1, 2, 3, 1),  # 0001 (3m, complex), 0002 (6w), 0006 (3m), 0007 (uncl., complex)
    "LBH": (3, 1, 2, 1, 0, 0, 5, -2),  # 0003, 0004 (3m), 0008 (6w); buddy on 0001
    "ATP": (2, 0, 1, 1, 0, 0, 2, 0),  # 0005 (3m), 0009 (6w)
    "TOTAL": (9, 1, 5, 3, 1, 2, 10, -1),
}


def test_weekly_caseload_section_and_caseload_command_agree(week):
    assert _caseload_table(weekly(week)["caseload"]) == WEEK_CASELOAD
    result = week("caseload", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = result.json()
    assert _caseload_table(rows) == WEEK_CASELOAD
    assert rows[-1]["advisor"] == "TOTAL"


def test_weekly_team_rhythm_section(week):
    rows = {(r["team"], r["kind"]): r for r in weekly(week)["team_rhythm"]}
    assert set(rows) == {(t, k) for t in ("Nord", "Syd") for k in ("case-meeting", "half-day", "stop-op")}
    # Nord: case meetings every 14 days, last 11-01 -> due 11-15, 7 days overdue.
    nord_cm = rows[("Nord", "case-meeting")]
    assert (nord_cm["last"], nord_cm["next_due"], nord_cm["days_overdue"]) == ("2026-11-01", "2026-11-15", 7)
    assert nord_cm["status"] == "overdue"
    # Nord stop-op 08-31 + 3 months = 11-30 (clamped): 8 days left.
    nord_so = rows[("Nord", "stop-op")]
    assert (nord_so["last"], nord_so["next_due"], nord_so["days_overdue"]) == ("2026-08-31", "2026-11-30", -8)
    assert nord_so["status"] != "overdue"
    # Syd stop-op 06-15 + 3 months = 09-15: 68 days overdue (Sep 15 -> Oct 15 30, -> Nov 15 31, + 7).
    syd_so = rows[("Syd", "stop-op")]
    assert (syd_so["last"], syd_so["next_due"], syd_so["days_overdue"]) == ("2026-06-15", "2026-09-15", 68)
    assert syd_so["status"] == "overdue"
    # The department's half-day meeting counts for both teams; Syd has held no case meeting.
    assert rows[("Nord", "half-day")]["last"] == rows[("Syd", "half-day")]["last"] == "2026-10-15"
    assert rows[("Syd", "case-meeting")]["last"] is None
    assert rows[("Syd", "case-meeting")]["next_due"] is None


def test_weekly_learning_goals_lists_only_stale_goals(week):
    rows = weekly(week)["learning_goals"]
    # MKJ's goal set 08-01, never reviewed: due 11-01 < 11-22. LBH's reviewed 10-01: due 2027-01-01.
    assert [(r["id"], r["advisor"], r["last_review"], r["review_due"]) for r in rows] == [
        (1, "MKJ", None, "2026-11-01")
    ]


def test_weekly_followups_last_7_days_per_advisor(week):
    done = {r["advisor"]: r["followups"] for r in weekly(week)["followups_last_7_days"]}
    # 11-16..11-22: 2026-0008 (LBH) on 11-20, 2026-0009 (ATP) on 11-16; MKJ's phone call does not count.
    assert done.get("LBH") == 1
    assert done.get("ATP") == 1
    assert done.get("MKJ", 0) == 0
    assert set(done) <= {"MKJ", "LBH", "ATP"}


def test_weekly_experience_change_per_advisor_and_team(week):
    experience = weekly(week)["experience"]
    # 2026-0001 (MKJ): 4 -> 3 = -1; 2026-0003 (LBH): 2 -> 4 = +2; 2026-0004 measured once: no change yet.
    assert experience["advisors"] == [
        {"advisor": "LBH", "cases": 1, "change": 2.0},
        {"advisor": "MKJ", "cases": 1, "change": -1.0},
    ]
    # Team: first (4 + 2) / 2 = 3.0, latest (3 + 4) / 2 = 3.5, change +0.5 over 2 cases.
    assert experience["team"] == {"cases": 2, "first": 3.0, "latest": 3.5, "change": 0.5}


@pytest.mark.parametrize(
    ("today", "mkj_change", "team_change"),
    [
        # On 10-01 only 2026-0003 (2 on 07-01) and 2026-0001 (4 on 09-01) have one measurement each.
        pytest.param("2026-10-01", None, None, id="before-second-measurements"),
        # On 11-01 2026-0003 has 2 -> 4; 2026-0001 still only 4 (its 3 comes 11-10).
        pytest.param("2026-11-01", None, {"cases": 1, "first": 2.0, "latest": 4.0, "change": 2.0}, id="one-pair"),
        pytest.param("2026-11-10", -1.0, {"cases": 2, "first": 3.0, "latest": 3.5, "change": 0.5}, id="two-pairs"),
    ],
)
def test_weekly_experience_counts_measurements_up_to_the_as_of_date(week, today, mkj_change, team_change):
    experience = weekly(week, today=today)["experience"]
    changes = {r["advisor"]: r["change"] for r in experience["advisors"]}
    assert changes.get("MKJ") == mkj_change
    assert experience["team"] == team_change


# -- weekly report: --team ----------------------------------------------------------------------------


def test_weekly_team_filter_nord(week):
    data = weekly(week, "--team", "Nord")
    assert data["team"] == "Nord"
    assert data["summary"]["open_cases"] == 7
    assert [g["advisor"] for g in data["overdue_by_advisor"]] == ["MKJ", "LBH"]
    assert [r["case"] for r in data["due_next_7_days"]] == ["2026-0004"]  # not Syd's 2026-0005
    assert [r["case"] for r in data["legal_deadlines"]] == ["2026-0002", "2026-0008"]
    assert _caseload_table(data["caseload"]) == {
        "MKJ": WEEK_CASELOAD["MKJ"],
        "LBH": WEEK_CASELOAD["LBH"],
        "TOTAL": (7, 1, 4, 2, 1, 2, 8, -1),
    }
    assert {r["team"] for r in data["team_rhythm"]} == {"Nord"}
    done = {r["advisor"]: r["followups"] for r in data["followups_last_7_days"]}
    assert "ATP" not in done
    assert done.get("LBH") == 1


def test_weekly_team_filter_syd(week):
    data = weekly(week, "--team", "Syd")
    assert data["team"] == "Syd"
    assert data["summary"]["open_cases"] == 2
    assert data["summary"]["overdue"] == 0
    assert data["overdue_by_advisor"] == []
    assert [r["case"] for r in data["due_next_7_days"]] == ["2026-0005"]
    assert data["unclassified"] == []
    assert data["legal_deadlines"] == []  # 2026-0009's deadline is 71 days away
    assert data["complex_without_buddy"] == []
    assert data["open_handovers"] == []
    assert data["goals_past_target"] == []
    assert data["actors_without_coordinator"] == []
    assert _caseload_table(data["caseload"]) == {"ATP": WEEK_CASELOAD["ATP"], "TOTAL": (2, 0, 1, 1, 0, 0, 2, 0)}
    assert {r["team"] for r in data["team_rhythm"]} == {"Syd"}
    assert data["learning_goals"] == []
    assert {r["advisor"]: r["followups"] for r in data["followups_last_7_days"]} == {"ATP": 1}
    assert data["experience"]["advisors"] == []
    assert data["experience"]["team"] is None


@pytest.mark.parametrize(("team_name", "expected"), [("Nord", OVERDUE_FOUND), ("Syd", 0)])
def test_weekly_check_follows_the_team_filter(week, team_name, expected):
    result = week("report", "weekly", "--team", team_name, "--check", "-f", "json")
    assert result.exit_code == expected, result.stderr
    assert result.json()["team"] == team_name


# -- weekly report: formats ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_weekly_human_formats_carry_every_section_heading(week, fmt):
    result = week("report", "weekly", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    headings = [h.lower() for h in heading_lines(result.stdout, fmt)]
    for heading in WEEKLY_HEADINGS:
        assert any(heading.lower() in h for h in headings), f"{fmt}: no heading with {heading!r} in {headings!r}"
    for ref in ("2026-0001", "2026-0002", "2026-0003", "2026-0007"):  # overdue and unclassified cases
        assert ref in result.stdout, f"{fmt}: {ref} missing"


def test_weekly_json_format_exit_0_and_parses(week):
    result = week("report", "weekly", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert set(WEEKLY_SECTIONS) <= set(result.json())
    assert "Børnehuset Solsikken" in result.stdout  # UTF-8, not ASCII-escaped (CLI.md)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_weekly_documents_name_no_children(week, fmt):
    result = week("report", "weekly", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "Alma Holm" not in result.stdout  # case numbers only (DOMAIN.md § 7: as little as the work needs)


def test_weekly_html_is_self_contained_with_an_svg_chart(week):
    result = week("report", "weekly", "--format", "html")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "<svg" in page
    for banned in ("<script", "javascript:", "http://", "https://", "<link", "@import", "<iframe"):
        assert banned not in page.lower(), f"HTML contains {banned!r}"
    assert not re.search(r"\son[a-z]+\s*=", page, flags=re.I), "HTML has an inline event handler (JS)"
    assert page.rstrip().endswith("</html>")


def test_weekly_table_has_no_ansi_codes_when_not_a_terminal(week):
    # CliRunner's stdout is not a terminal; a colour-capable TERM must not bring colour back.
    result = week("report", "weekly", env={"TERM": "xterm-256color", "COLORTERM": "truecolor"})
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert "\x1b[" not in result.stderr
    assert result.stderr == ""  # no progress or colour noise either


@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_weekly_output_file(week, tmp_path, fmt):
    target = tmp_path / f"uge.{fmt}"
    result = week("report", "weekly", "--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "Error" not in result.stderr
    assert len(result.stderr.splitlines()) <= 1  # at most a note
    assert target.is_file()
    written = target.read_text(encoding="utf-8")
    printed = week("report", "weekly", "--format", fmt)
    assert printed.exit_code == 0
    assert written == printed.stdout  # the same document as on stdout
    if fmt == "json":
        assert set(WEEKLY_SECTIONS) <= set(json.loads(written))


def test_weekly_table_output_file_holds_the_table_not_json(week, tmp_path):
    # `--format table --output FILE` asks for the table; the file should carry the section headings.
    target = tmp_path / "uge.txt"
    result = week("report", "weekly", "--format", "table", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = target.read_text(encoding="utf-8")
    for heading in WEEKLY_HEADINGS:
        assert heading.lower() in written.lower(), f"table file has no heading {heading!r}"
    assert "\x1b[" not in written


def test_weekly_output_with_check_writes_the_file_and_exits_3(week, tmp_path):
    target = tmp_path / "uge.html"
    result = week("report", "weekly", "--format", "html", "--output", str(target), "--check")
    assert result.exit_code == OVERDUE_FOUND, result.stderr
    assert result.stdout == ""
    assert "<svg" in target.read_text(encoding="utf-8")


# -- weekly report: --check ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("para", "opened", "today", "expected"),
    [
        # 3m: 08-22 + 3 months = 11-22; the due day itself is not overdue.
        pytest.param("BL 86", "2026-08-22", "2026-11-22", 0, id="3m-due-today"),
        pytest.param("BL 86", "2026-08-21", "2026-11-22", OVERDUE_FOUND, id="3m-one-day-over"),
        # 6w: 10-11 + 42 days = 11-22 (Oct 11 + 20 = Oct 31, + 22 = Nov 22).
        pytest.param("BL 20", "2026-10-11", "2026-11-22", 0, id="6w-due-today"),
        pytest.param("BL 20", "2026-10-10", "2026-11-22", OVERDUE_FOUND, id="6w-one-day-over"),
        # Month-end clamp: 08-31 + 3 months = 11-30.
        pytest.param("BL 86", "2026-08-31", "2026-11-30", 0, id="3m-clamped-due-day"),
        pytest.param("BL 86", "2026-08-31", "2026-12-01", OVERDUE_FOUND, id="3m-clamped-one-day-over"),
        # Unclassified: no invented due date, so never overdue (listed as needing classification instead).
        pytest.param("SEL 11", "2026-01-05", "2026-11-22", 0, id="unclassified"),
    ],
)
def test_weekly_check_exit_code(team, para, opened, today, expected):
    open_(team, "2026-0301", para, opened=opened)
    result = team("report", "weekly", "--check", "-f", "json", today=d(today))
    assert result.exit_code == expected, result.stderr
    data = result.json()  # the report is still printed
    assert data["summary"]["overdue"] == (1 if expected == OVERDUE_FOUND else 0)


def test_weekly_check_table_format_exit_3_and_prints(team):
    open_(team, "2026-0301", "BL 86", opened="2026-08-21")  # due 11-21: 1 day overdue
    result = team("report", "weekly", "--check")
    assert result.exit_code == OVERDUE_FOUND, result.stderr
    assert "2026-0301" in result.stdout


def test_weekly_without_check_exits_0_even_when_overdue(team):
    open_(team, "2026-0301", "BL 86", opened="2026-08-21")
    result = team("report", "weekly", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["summary"]["overdue"] == 1


def test_weekly_check_ignores_closed_cases(team):
    open_(team, "2026-0301", "BL 86", opened="2026-01-05")  # due 04-05, never followed up
    team.ok("case", "close", "2026-0301", "--reason", "Flyttet", "--on", "2026-06-01", "--force", "Fraflyttet")
    result = team("report", "weekly", "--check", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["summary"]["open_cases"] == 0


# -- responsibility over time -------------------------------------------------------------------------


@pytest.mark.parametrize("recorded", ["on-wednesday", "afterwards"])
def test_reassignment_mid_week_keeps_earlier_followups_with_the_old_advisor(team, recorded):
    """MKJ holds 2026-0201 until Tuesday 11-17; LBH from Wednesday 11-18 (`case assign --on`).

    Follow-ups Monday 11-16 and Tuesday 11-17 (a home visit) stay with MKJ; Thursday 11-19's goes to
    LBH; an sms on Thursday counts for nobody. Either the assignment is recorded on the Wednesday
    itself, or on Sunday after the fact with --on Wednesday: the same attribution.
    """
    open_(team, "2026-0201", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-16", today=d("2026-11-16"))
    team.ok("event", "add", "2026-0201", "home-visit", "--on", "2026-11-17", today=d("2026-11-17"))
    if recorded == "on-wednesday":
        team.ok("case", "assign", "2026-0201", "--advisor", "LBH", "--on", "2026-11-18", today=d("2026-11-18"))
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-19", today=d("2026-11-19"))
    team.ok("event", "add", "2026-0201", "sms", "--on", "2026-11-19", today=d("2026-11-19"))
    if recorded == "afterwards":
        team.ok("case", "assign", "2026-0201", "--advisor", "LBH", "--on", "2026-11-18")

    done = {r["advisor"]: r["followups"] for r in weekly(team)["followups_last_7_days"]}
    assert done.get("MKJ") == 2  # Monday and Tuesday
    assert done.get("LBH") == 1  # Thursday
    assert done.get("ATP", 0) == 0

    assert history(team, "2026-0201") == [
        ("primary", "MKJ", "2026-06-01", "2026-11-17"),
        ("primary", "LBH", "2026-11-18", None),
    ]
    card = team.ok("case", "show", "2026-0201", "-f", "json").json()
    assert card["advisor"] == "LBH"


def test_the_assignment_day_belongs_to_the_new_advisor(team):
    # `--on` is the first day with the new advisor: a follow-up that Wednesday is LBH's.
    open_(team, "2026-0201", "BL 86", opened="2026-06-01")
    team.ok("case", "assign", "2026-0201", "--advisor", "LBH", "--on", "2026-11-18")
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-17")
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-18")
    done = {r["advisor"]: r["followups"] for r in weekly(team)["followups_last_7_days"]}
    assert done.get("MKJ") == 1
    assert done.get("LBH") == 1


def test_last_weeks_work_stays_with_the_old_advisor_in_an_earlier_report(team):
    # Reassigned on 11-18; the report for the week ending Sunday 11-15 (11-09..11-15), read afterwards,
    # still credits MKJ with both follow-ups of that week, and LBH with none.
    open_(team, "2026-0201", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-10")
    team.ok("event", "add", "2026-0201", "network-meeting", "--on", "2026-11-13")
    team.ok("case", "assign", "2026-0201", "--advisor", "LBH", "--on", "2026-11-18")
    done = {r["advisor"]: r["followups"] for r in weekly(team, today="2026-11-15")["followups_last_7_days"]}
    assert done.get("MKJ") == 2
    assert done.get("LBH", 0) == 0


def test_buddy_history_is_kept_with_dates(team):
    """2026-0202: MKJ primary with buddy LBH from 06-01; buddy ATP from 09-01 (`case buddy` on that day);
    ATP takes over as primary from 10-01 (so the case loses its buddy the day before); MKJ becomes the
    buddy on 10-05."""
    open_(team, "2026-0202", "BL 86", opened="2026-06-01", extra=("--buddy", "LBH"))
    team.ok("case", "buddy", "2026-0202", "ATP", today=d("2026-09-01"))
    team.ok("case", "assign", "2026-0202", "--advisor", "ATP", "--on", "2026-10-01", today=d("2026-10-01"))
    team.ok("case", "buddy", "2026-0202", "MKJ", today=d("2026-10-05"))

    assert history(team, "2026-0202") == [
        ("buddy", "LBH", "2026-06-01", "2026-08-31"),
        ("buddy", "ATP", "2026-09-01", "2026-09-30"),
        ("buddy", "MKJ", "2026-10-05", None),
        ("primary", "MKJ", "2026-06-01", "2026-09-30"),
        ("primary", "ATP", "2026-10-01", None),
    ]
    card = team.ok("case", "show", "2026-0202", "-f", "json").json()
    assert (card["advisor"], card["buddy"]) == ("ATP", "MKJ")
    load = _caseload_table(team.ok("caseload", "-f", "json").json())
    assert load["ATP"][:2] == (1, 0)  # primary 1, buddy 0
    assert load["MKJ"][:2] == (0, 1)  # primary 0, buddy 1
    assert "LBH" not in load  # no open case, no target


def test_reassignment_does_not_rewrite_the_old_advisors_september(team):
    # Follow-up 09-15 under MKJ, 10-10 under ATP (primary from 10-01); each week's report read later.
    open_(team, "2026-0202", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0202", "followup", "--on", "2026-09-15")
    team.ok("event", "add", "2026-0202", "followup", "--on", "2026-10-10")
    team.ok("case", "assign", "2026-0202", "--advisor", "ATP", "--on", "2026-10-01")
    september = {r["advisor"]: r["followups"] for r in weekly(team, today="2026-09-20")["followups_last_7_days"]}
    october = {r["advisor"]: r["followups"] for r in weekly(team, today="2026-10-11")["followups_last_7_days"]}
    assert (september.get("MKJ"), september.get("ATP", 0)) == (1, 0)
    assert (october.get("MKJ", 0), october.get("ATP")) == (0, 1)


# -- caseload -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cases", "target", "vs_target"),
    [
        pytest.param(3, "2", 1, id="one-above"),
        pytest.param(2, "2", 0, id="on-target"),
        pytest.param(1, "3", -2, id="two-below"),
        pytest.param(0, "4", -4, id="no-cases-with-target"),
        pytest.param(2, None, None, id="no-target"),
    ],
)
def test_caseload_against_target(team, cases, target, vs_target):
    for i in range(cases):
        open_(team, f"2026-04{i:02d}", "BL 86")
    if target is not None:
        team.ok("advisor", "update", "MKJ", "--caseload-target", target)
    result = team("caseload", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = by(result.json(), "advisor")
    mkj = rows["MKJ"]
    assert mkj["primary"] == cases
    assert mkj["target"] == (int(target) if target is not None else None)
    assert mkj["vs_target"] == vs_target
    assert rows["TOTAL"]["primary"] == cases


def test_caseload_counts_only_open_cases(team):
    open_(team, "2026-0401", "BL 86")
    open_(team, "2026-0402", "BL 86")
    team.ok("case", "close", "2026-0402", "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Fraflyttet")
    rows = by(team.ok("caseload", "-f", "json").json(), "advisor")
    assert rows["MKJ"]["primary"] == 1
    # Before the closing day both were open.
    before = by(team.ok("caseload", "-f", "json", today=d("2026-09-30")).json(), "advisor")
    assert before["MKJ"]["primary"] == 2


def test_caseload_table_and_csv(team):
    open_(team, "2026-0401", "BL 86", extra=("--buddy", "LBH"))
    team.ok("advisor", "update", "MKJ", "--caseload-target", "24")
    table = team("caseload")
    assert table.exit_code == 0, table.stderr
    assert "MKJ" in table.stdout and "LBH" in table.stdout and "TOTAL" in table.stdout
    assert "\x1b[" not in table.stdout
    csv_out = team("caseload", "-f", "csv")
    assert csv_out.exit_code == 0, csv_out.stderr
    lines = csv_out.stdout.splitlines()
    assert lines[0].split(",")[:5] == ["advisor", "name", "team", "primary", "buddy"]
    assert lines[-1].startswith("TOTAL,")


def test_caseload_team_filter_keeps_each_advisors_whole_load(team):
    # MKJ (Nord) is buddy on ATP's (Syd) case. Filtering on Nord picks the advisors of Nord; MKJ's row
    # is MKJ's load and must read the same as without the filter.
    open_(team, "2026-0401", "BL 86")
    open_(team, "2026-0402", "BL 86", advisor="ATP", extra=("--buddy", "MKJ"))
    everyone = by(team.ok("caseload", "-f", "json").json(), "advisor")
    nord = by(team.ok("caseload", "--team", "Nord", "-f", "json").json(), "advisor")
    assert set(nord) == {"MKJ", "TOTAL"}
    assert everyone["MKJ"]["buddy"] == 1
    assert {k: nord["MKJ"][k] for k in CASELOAD_FIELDS} == {k: everyone["MKJ"][k] for k in CASELOAD_FIELDS}


# -- team rhythm --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("held", "due"),
    [
        pytest.param("2026-08-31", "2026-11-30", id="31-aug-clamps-to-30-nov"),
        pytest.param("2026-11-30", "2027-02-28", id="30-nov-clamps-to-28-feb"),
        pytest.param("2027-11-30", "2028-02-29", id="30-nov-clamps-to-29-feb-leap"),
        pytest.param("2026-01-31", "2026-04-30", id="31-jan-clamps-to-30-apr"),
        pytest.param("2026-05-31", "2026-08-31", id="31-may-no-clamp"),
        pytest.param("2026-11-22", "2027-02-22", id="plain"),
    ],
)
def test_stop_op_due_every_3_calendar_months(team, held, due):
    team.ok("team", "meeting", "add", "stop-op", "--on", held, "--team", "Nord", today=d(held))
    on_time = by(team.ok("team", "rhythm", "--team", "Nord", "-f", "json", today=d(due)).json(), "kind")["stop-op"]
    assert (on_time["last"], on_time["next_due"], on_time["days_overdue"]) == (held, due, 0)
    assert on_time["status"] != "overdue"  # the due day itself is not overdue
    day_after = (d(due) + timedelta(days=1)).isoformat()
    late = by(team.ok("team", "rhythm", "--team", "Nord", "-f", "json", today=d(day_after)).json(), "kind")["stop-op"]
    assert (late["next_due"], late["days_overdue"], late["status"]) == (due, 1, "overdue")


@pytest.mark.parametrize(
    ("every", "held", "today", "due", "days_overdue"),
    [
        pytest.param("14", "2026-11-01", "2026-11-15", "2026-11-15", 0, id="14-days-due-today"),
        pytest.param("14", "2026-11-01", "2026-11-22", "2026-11-15", 7, id="14-days-a-week-late"),
        pytest.param("7", "2026-11-20", "2026-11-22", "2026-11-27", -5, id="weekly-not-yet-due"),
        pytest.param("30", "2026-10-31", "2026-11-22", "2026-11-30", -8, id="30-days"),
    ],
)
def test_case_meetings_at_the_teams_rhythm(team, every, held, today, due, days_overdue):
    set_ = team("team", "rhythm", "--team", "Nord", "--case-meetings-every", every, "-f", "json")
    assert set_.exit_code == 0, set_.stderr
    team.ok("team", "meeting", "add", "case-meeting", "--on", held, "--team", "Nord")
    row = by(team.ok("team", "rhythm", "--team", "Nord", "-f", "json", today=d(today)).json(), "kind")["case-meeting"]
    assert (row["last"], row["next_due"], row["days_overdue"]) == (held, due, days_overdue)
    assert (row["status"] == "overdue") == (days_overdue > 0)


def test_case_meetings_without_a_rhythm_have_no_due_date(team):
    team.ok("team", "meeting", "add", "case-meeting", "--on", "2026-11-01", "--team", "Syd")
    row = by(team.ok("team", "rhythm", "--team", "Syd", "-f", "json").json(), "kind")["case-meeting"]
    assert row["last"] == "2026-11-01"
    assert row["next_due"] is None
    assert row["status"] != "overdue"


def test_team_rhythm_is_per_team(team):
    team.ok("team", "rhythm", "--team", "Nord", "--case-meetings-every", "14")
    team.ok("team", "meeting", "add", "stop-op", "--on", "2026-10-01", "--team", "Nord")
    nord = by(team.ok("team", "rhythm", "--team", "Nord", "-f", "json").json(), "kind")
    syd = by(team.ok("team", "rhythm", "--team", "Syd", "-f", "json").json(), "kind")
    assert nord["stop-op"]["next_due"] == "2027-01-01"
    assert syd["stop-op"]["last"] is None  # Nord's meeting is not Syd's
    assert syd["case-meeting"]["next_due"] is None  # Nord's rhythm is not Syd's


def test_team_meeting_list_newest_first(team):
    team.ok("team", "meeting", "add", "stop-op", "--on", "2026-08-31", "--team", "Nord")
    team.ok("team", "meeting", "add", "half-day", "--on", "2026-10-15")
    team.ok("team", "meeting", "add", "case-meeting", "--on", "2026-11-01", "--team", "Syd")
    rows = team.ok("team", "meeting", "list", "-f", "json").json()
    assert [(r["day"], r["kind"], r["team"]) for r in rows] == [
        ("2026-11-01", "case-meeting", "Syd"),
        ("2026-10-15", "half-day", None),
        ("2026-08-31", "stop-op", "Nord"),
    ]
    nord = team.ok("team", "meeting", "list", "--team", "Nord", "-f", "json").json()
    assert [r["day"] for r in nord] == ["2026-10-15", "2026-08-31"]  # its own and department-wide


def test_team_meeting_add_defaults_to_today(team):
    team.ok("team", "meeting", "add", "half-day", "--team", "Nord")
    [row] = team.ok("team", "meeting", "list", "-f", "json").json()
    assert row["day"] == "2026-11-22"


# -- learning goals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("created", "review", "today", "review_due", "stale"),
    [
        # Never reviewed: 3 months from the day it was set. 08-22 + 3 months = 11-22.
        pytest.param("2026-08-22", None, "2026-11-22", "2026-11-22", False, id="set-exactly-3-months-ago"),
        pytest.param("2026-08-22", None, "2026-11-23", "2026-11-22", True, id="set-3-months-and-a-day-ago"),
        # Reviewed 08-31: 3 months later is 11-30 (clamped).
        pytest.param("2026-05-01", "2026-08-31", "2026-11-30", "2026-11-30", False, id="reviewed-exactly-3-months"),
        pytest.param("2026-05-01", "2026-08-31", "2026-12-01", "2026-11-30", True, id="reviewed-3-months-and-a-day"),
        pytest.param("2026-05-01", "2026-10-01", "2026-11-22", "2027-01-01", False, id="reviewed-recently"),
    ],
)
def test_learning_goal_staleness(team, created, review, today, review_due, stale):
    team.ok("learning-goal", "add", "MKJ", "Bruge skalaen i alle opfølgninger", today=d(created))
    if review:
        team.ok("learning-goal", "review", "1", "--on", review, "--note", "Godt i gang", today=d(review))
    [row] = team.ok("learning-goal", "list", "-f", "json", today=d(today)).json()
    assert (row["id"], row["advisor"], row["last_review"], row["review_due"]) == (1, "MKJ", review, review_due)
    assert bool(row["attention"]) is stale
    in_report = [r["id"] for r in weekly(team, today=today)["learning_goals"]]
    assert in_report == ([1] if stale else [])


def test_learning_goal_last_review_is_the_latest_date(team):
    team.ok("learning-goal", "add", "MKJ", "Bruge skalaen", today=d("2026-05-01"))
    team.ok("learning-goal", "review", "1", "--on", "2026-10-01")
    team.ok("learning-goal", "review", "1", "--on", "2026-07-01")  # recorded later, happened earlier
    [row] = team.ok("learning-goal", "list", "-f", "json").json()
    assert row["last_review"] == "2026-10-01"
    assert row["review_due"] == "2027-01-01"
    assert row["attention"] == []


def test_achieved_learning_goal_is_not_stale(team):
    team.ok("learning-goal", "add", "MKJ", "Bruge skalaen", today=d("2026-01-05"))
    team.ok("learning-goal", "review", "1", "--on", "2026-03-01", "--status", "achieved")
    [row] = team.ok("learning-goal", "list", "-f", "json").json()
    assert row["status"] == "achieved"
    assert row["attention"] == []
    assert weekly(team)["learning_goals"] == []


def test_learning_goal_list_filters(team):
    team.ok("learning-goal", "add", "MKJ", "Mål for MKJ")
    team.ok("learning-goal", "add", "ATP", "Mål for ATP")
    mine = team.ok("learning-goal", "list", "--advisor", "MKJ", "-f", "json").json()
    assert [r["advisor"] for r in mine] == ["MKJ"]
    syd = team.ok("learning-goal", "list", "--team", "Syd", "-f", "json").json()
    assert [r["advisor"] for r in syd] == ["ATP"]


# -- programmes and enrolment -------------------------------------------------------------------------


def _pilot_born(i: int) -> date:
    # 23 children born every 100 days from 2013-07-02 (turns 7 on 2020-07-02, so 6 on 2020-07-01)
    # to 2019-07-11 (0 years old on 2020-07-01): every one in the 0-6 band on the pilot's count day.
    return date(2013, 7, 2) + timedelta(days=100 * i)


def _pilot_opened(i: int) -> date:
    # Cases opened and enrolled every 10 days from 2019-09-02 to 2020-04-09.
    return date(2019, 9, 2) + timedelta(days=10 * i)


@pytest.fixture
def pilot(team: Samfam) -> Samfam:
    """DOMAIN.md § 1: Ishøj/Vallensbæk's *Én familie – én indgang*, children 0-6, target 30 by end of 2021.

    23 cases opened and enrolled 2019-09-02 .. 2020-04-09, each on its own day (`--today` that day);
    case 2019-0105 (enrolled 2019-10-12) discharged on 2020-05-15.
    """
    s = team
    s.ok("programme", "add", PILOT, "--target", "30", "--ends", "2021-12-31", today=d("2019-08-01"))
    for i in range(23):
        ref = f"2019-{i + 101:04d}"
        opened = _pilot_opened(i)
        s.ok("case", "open", ref, "--child", f"Barn {i + 1}", "--advisor", "MKJ", "--born", _pilot_born(i).isoformat(),
             "--opened", opened.isoformat(), "--para", "SEL 41", today=opened)  # fmt: skip
        s.ok("programme", "enrol", ref, PILOT, "--on", opened.isoformat(), today=opened)
    s.ok("programme", "discharge", "2019-0105", "--on", "2020-05-15", today=d("2020-05-15"))
    return s


def test_pilot_enrolment_on_1_july_2020(pilot):
    result = pilot("enrolment", "-f", "json", today=d("2020-07-01"))
    assert result.exit_code == 0, result.stderr
    [row] = result.json()
    assert row["programme"] == PILOT
    assert (row["enrolled"], row["discharged"], row["active"], row["target"]) == (23, 1, 22, 30)
    assert row["ends"] == "2021-12-31"
    bands = row["age_bands"]
    assert {"0-6", "7-12", "13-17"} <= set(bands)
    assert bands["0-6"] == 22  # the 22 active children, all aged 0-6
    assert {k: v for k, v in bands.items() if v} == {"0-6": 22}


def test_pilot_enrolment_with_programme_filter_and_table(pilot):
    pilot.ok("programme", "add", "Sammen om familien", "--target", "240", today=d("2020-01-02"))
    rows = pilot.ok("enrolment", "--programme", PILOT, "-f", "json", today=d("2020-07-01")).json()
    assert [(r["programme"], r["enrolled"], r["active"]) for r in rows] == [(PILOT, 23, 22)]
    both = pilot.ok("enrolment", "-f", "json", today=d("2020-07-01")).json()
    assert {r["programme"]: r["active"] for r in both} == {PILOT: 22, "Sammen om familien": 0}
    table = pilot("enrolment", "--programme", PILOT, today=d("2020-07-01"))
    assert table.exit_code == 0, table.stderr
    for text in (PILOT, "23", "22", "30"):
        assert text in table.stdout
    assert "\x1b[" not in table.stdout


@pytest.mark.parametrize(
    ("today", "enrolled", "discharged", "active"),
    [
        # Before the first enrolment (2019-09-02).
        pytest.param("2019-09-01", 0, 0, 0, id="before-start"),
        pytest.param("2019-09-02", 1, 0, 1, id="first-day"),
        # 2019-10-12 is the 5th enrolment (i = 4); 2019-10-22 the 6th.
        pytest.param("2019-10-12", 5, 0, 5, id="fifth-enrolment-day"),
        # The discharge day counts as discharged.
        pytest.param("2020-05-14", 23, 0, 23, id="day-before-discharge"),
        pytest.param("2020-05-15", 23, 1, 22, id="discharge-day"),
        pytest.param("2020-07-01", 23, 1, 22, id="pilot-count-day"),
    ],
)
def test_pilot_enrolment_as_of_dates(pilot, today, enrolled, discharged, active):
    [row] = pilot.ok("enrolment", "-f", "json", today=d(today)).json()
    assert (row["enrolled"], row["discharged"], row["active"], row["target"]) == (enrolled, discharged, active, 30)


def test_pilot_later_changes_do_not_alter_the_1_july_count(pilot):
    # After the count day: a 24th child enrolled 2020-09-01, case 2019-0110 discharged 2020-08-01.
    pilot.ok("case", "open", "2020-0124", "--child", "Barn 24", "--advisor", "LBH", "--born", "2018-01-10",
             "--opened", "2020-09-01", "--para", "SEL 41", today=d("2020-09-01"))  # fmt: skip
    pilot.ok("programme", "enrol", "2020-0124", PILOT, "--on", "2020-09-01", today=d("2020-09-01"))
    pilot.ok("programme", "discharge", "2019-0110", "--on", "2020-08-01", today=d("2020-09-01"))
    [then] = pilot.ok("enrolment", "-f", "json", today=d("2020-07-01")).json()
    assert (then["enrolled"], then["discharged"], then["active"]) == (23, 1, 22)
    assert then["age_bands"]["0-6"] == 22
    [later] = pilot.ok("enrolment", "-f", "json", today=d("2020-09-01")).json()
    assert (later["enrolled"], later["discharged"], later["active"]) == (24, 2, 22)


@pytest.mark.parametrize(
    ("as_of", "band"),
    [
        # Born 2014-03-15; ages on the as-of day.
        pytest.param("2021-03-14", "0-6", id="6-last-day"),
        pytest.param("2021-03-15", "7-12", id="7th-birthday"),
        pytest.param("2027-03-14", "7-12", id="12-last-day"),
        pytest.param("2027-03-15", "13-17", id="13th-birthday"),
        pytest.param("2032-03-14", "13-17", id="17-last-day"),
        pytest.param("2032-03-15", None, id="18th-birthday-in-no-child-band"),
    ],
)
def test_enrolment_age_band_boundaries(team, as_of, band):
    team.ok("programme", "add", "Sammen om familien", "--target", "10", today=d("2020-01-10"))
    open_(team, "2020-0001", "SEL 41", opened="2020-01-10", extra=("--born", "2014-03-15"), today="2020-01-10")
    team.ok("programme", "enrol", "2020-0001", "Sammen om familien", "--on", "2020-01-10", today=d("2020-01-10"))
    [row] = team.ok("enrolment", "-f", "json", today=d(as_of)).json()
    assert row["active"] == 1
    named = {k: row["age_bands"][k] for k in ("0-6", "7-12", "13-17")}
    assert named == {k: (1 if k == band else 0) for k in named}


def test_enrolment_newborn_is_in_the_youngest_band(team):
    team.ok("programme", "add", "Sammen om familien")
    open_(team, "2026-0001", "BL 86", opened="2026-11-22", extra=("--born", "2026-11-22"))
    team.ok("programme", "enrol", "2026-0001", "Sammen om familien")
    [row] = team.ok("enrolment", "-f", "json").json()
    assert (row["enrolled"], row["active"], row["target"]) == (1, 1, None)
    assert row["age_bands"]["0-6"] == 1


def test_enrol_after_discharge_counts_both_enrolments(team):
    team.ok("programme", "add", "Sammen om familien", "--target", "5")
    open_(team, "2026-0001", "BL 86", opened="2026-06-01")
    team.ok("programme", "enrol", "2026-0001", "Sammen om familien", "--on", "2026-06-01")
    team.ok("programme", "discharge", "2026-0001", "--on", "2026-08-01")
    team.ok("programme", "enrol", "2026-0001", "Sammen om familien", "--on", "2026-10-01")
    [row] = team.ok("enrolment", "-f", "json").json()
    assert (row["enrolled"], row["discharged"], row["active"]) == (2, 1, 1)


# -- experience ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("score", ["1", "5"])
def test_experience_score_bounds_are_accepted(team, score):
    open_(team, "2026-0001", "BL 86")
    result = team("experience", "add", "2026-0001", score, "--on", "2026-11-01")
    assert result.exit_code == 0, result.stderr


def test_experience_table_in_weekly_shows_the_team_change(team):
    open_(team, "2026-0001", "BL 86")
    team.ok("experience", "add", "2026-0001", "2", "--on", "2026-07-01")
    team.ok("experience", "add", "2026-0001", "3", "--on", "2026-09-01")
    team.ok("experience", "add", "2026-0001", "5", "--on", "2026-11-01")
    data = weekly(team)
    # First 2 (07-01), latest 5 (11-01): +3; the middle measurement does not matter.
    assert data["experience"]["advisors"] == [{"advisor": "MKJ", "cases": 1, "change": 3.0}]
    assert data["experience"]["team"] == {"cases": 1, "first": 2.0, "latest": 5.0, "change": 3.0}
    table = team("report", "weekly")
    assert table.exit_code == 0, table.stderr
    assert "experience of coordination" in table.stdout.lower()


# -- errors -------------------------------------------------------------------------------------------


@pytest.fixture
def world(team: Samfam) -> Samfam:
    """Case 2026-0001 (not enrolled) and 2026-0002 (enrolled 2026-07-01 in 'Sammen om familien'),
    learning goal 1 for MKJ set today."""
    open_(team, "2026-0001", "BL 86", opened="2026-06-01")
    open_(team, "2026-0002", "BL 86", opened="2026-06-01")
    team.ok("programme", "add", "Sammen om familien", "--target", "10", "--ends", "2027-12-31")
    team.ok("programme", "enrol", "2026-0002", "Sammen om familien", "--on", "2026-07-01")
    team.ok("learning-goal", "add", "MKJ", "Bruge skalaen")
    return team


ERRORS = [
    # -- unknown team --------------------------------------------------------------------------------
    pytest.param(("report", "weekly", "--team", "Øst"), DOMAIN_ERROR, ("Øst",), id="weekly-unknown-team"),
    pytest.param(
        ("report", "weekly", "--team", "Øst", "-f", "json"), DOMAIN_ERROR, ("Øst",), id="weekly-json-unknown-team"
    ),
    pytest.param(
        ("report", "weekly", "--team", "Øst", "--check"), DOMAIN_ERROR, ("Øst",), id="weekly-check-unknown-team"
    ),
    pytest.param(("caseload", "--team", "Øst"), DOMAIN_ERROR, ("Øst",), id="caseload-unknown-team"),
    pytest.param(("team", "rhythm", "--team", "Øst"), DOMAIN_ERROR, ("Øst",), id="rhythm-unknown-team"),
    pytest.param(
        ("team", "rhythm", "--team", "Øst", "--case-meetings-every", "14"),
        DOMAIN_ERROR,
        ("Øst",),
        id="set-rhythm-unknown-team",
    ),
    pytest.param(
        ("team", "meeting", "add", "stop-op", "--on", "2026-11-20", "--team", "Øst"),
        DOMAIN_ERROR,
        ("Øst",),
        id="meeting-unknown-team",
    ),
    # -- team meetings and rhythm --------------------------------------------------------------------
    pytest.param(
        ("team", "meeting", "add", "stop-op", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        ("2026-11-23",),
        id="meeting-in-the-future",
    ),
    pytest.param(
        ("team", "meeting", "add", "coffee", "--on", "2026-11-20"), USAGE_ERROR, ("coffee",), id="meeting-bad-kind"
    ),
    pytest.param(
        ("team", "meeting", "add", "stop-op", "--on", "2026-02-30"), USAGE_ERROR, ("2026-02-30",), id="meeting-bad-date"
    ),
    pytest.param(("team", "rhythm", "--case-meetings-every", "14"), USAGE_ERROR, ("--team",), id="rhythm-without-team"),
    pytest.param(
        ("team", "rhythm", "--team", "Nord", "--case-meetings-every", "0"), USAGE_ERROR, ("0",), id="rhythm-zero-days"
    ),
    # -- caseload target -----------------------------------------------------------------------------
    pytest.param(
        ("advisor", "update", "MKJ", "--caseload-target", "-1"), USAGE_ERROR, ("-1",), id="negative-caseload-target"
    ),
    pytest.param(
        ("advisor", "update", "ZZZ", "--caseload-target", "5"), DOMAIN_ERROR, ("ZZZ",), id="target-unknown-advisor"
    ),
    # -- programmes ----------------------------------------------------------------------------------
    pytest.param(
        ("programme", "add", "Sammen om familien", "--target", "5"),
        DOMAIN_ERROR,
        ("Sammen om familien",),
        id="duplicate-programme",
    ),
    pytest.param(("programme", "add", "Ny", "--target", "-1"), USAGE_ERROR, ("-1",), id="negative-programme-target"),
    pytest.param(
        ("programme", "enrol", "2026-0001", "Ukendt", "--on", "2026-07-01"),
        DOMAIN_ERROR,
        ("Ukendt",),
        id="enrol-unknown-programme",
    ),
    pytest.param(("enrolment", "--programme", "Ukendt"), DOMAIN_ERROR, ("Ukendt",), id="enrolment-unknown-programme"),
    pytest.param(
        ("programme", "enrol", "2026-0002", "Sammen om familien", "--on", "2026-11-01"),
        DOMAIN_ERROR,
        ("2026-0002",),
        id="enrol-twice",
    ),
    pytest.param(
        ("programme", "enrol", "2026-9999", "Sammen om familien"), DOMAIN_ERROR, ("2026-9999",), id="enrol-unknown-case"
    ),
    pytest.param(
        ("programme", "enrol", "2026-0001", "Sammen om familien", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        ("2026-11-23",),
        id="enrol-in-the-future",
    ),
    pytest.param(
        ("programme", "enrol", "2026-0001", "Sammen om familien", "--on", "2026-05-31"),
        DOMAIN_ERROR,
        ("2026-05-31",),
        id="enrol-before-opening",
    ),
    pytest.param(
        ("programme", "discharge", "2026-0001", "--on", "2026-11-01"),
        DOMAIN_ERROR,
        ("2026-0001",),
        id="discharge-not-enrolled",
    ),
    pytest.param(
        ("programme", "discharge", "2026-0002", "--on", "2026-06-30"),
        DOMAIN_ERROR,
        ("2026-06-30",),
        id="discharge-before-enrolment",
    ),
    # -- experience ----------------------------------------------------------------------------------
    pytest.param(("experience", "add", "2026-0001", "0"), USAGE_ERROR, ("0",), id="score-0"),
    pytest.param(("experience", "add", "2026-0001", "6"), USAGE_ERROR, ("6",), id="score-6"),
    pytest.param(("experience", "add", "2026-0001", "fire"), USAGE_ERROR, ("fire",), id="score-not-a-number"),
    pytest.param(("experience", "add", "2026-9999", "3"), DOMAIN_ERROR, ("2026-9999",), id="score-unknown-case"),
    pytest.param(
        ("experience", "add", "2026-0001", "3", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        ("2026-11-23",),
        id="score-in-the-future",
    ),
    # -- learning goals ------------------------------------------------------------------------------
    pytest.param(("learning-goal", "review", "99"), DOMAIN_ERROR, ("99",), id="review-unknown-learning-goal"),
    pytest.param(
        ("learning-goal", "review", "1", "--on", "2026-11-23"), DOMAIN_ERROR, ("2026-11-23",), id="review-in-future"
    ),
    pytest.param(
        ("learning-goal", "review", "1", "--on", "2026-11-21"), DOMAIN_ERROR, ("2026-11-21",), id="review-before-set"
    ),
    pytest.param(
        ("learning-goal", "review", "1", "--status", "halvvejs"), USAGE_ERROR, ("halvvejs",), id="review-bad-status"
    ),
    pytest.param(("learning-goal", "add", "ZZZ", "Mål"), DOMAIN_ERROR, ("ZZZ",), id="learning-goal-unknown-advisor"),
    # -- responsibility ------------------------------------------------------------------------------
    pytest.param(
        ("case", "assign", "2026-0001", "--advisor", "LBH", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        ("2026-11-23",),
        id="assign-in-the-future",
    ),
    pytest.param(
        ("case", "assign", "2026-0001", "--advisor", "LBH", "--on", "2026-05-31"),
        DOMAIN_ERROR,
        ("2026-05-31",),
        id="assign-before-opening",
    ),
    # -- weekly report options -----------------------------------------------------------------------
    pytest.param(("report", "weekly", "--format", "csv"), USAGE_ERROR, ("csv",), id="weekly-bad-format"),
]


@pytest.mark.parametrize(("argv", "exit_code", "names"), ERRORS)
def test_team_leader_errors(world, argv, exit_code, names):
    before = world.snapshot()
    result = world(*argv)
    assert_error(result, exit_code, *names)
    assert world.snapshot() == before


def test_weekly_output_to_a_missing_folder_is_an_error(world, tmp_path):
    target = tmp_path / "nowhere" / "uge.html"
    before = world.snapshot()
    result = world("report", "weekly", "--format", "html", "--output", str(target))
    assert_error(result, DOMAIN_ERROR, "nowhere")
    assert not target.exists()
    assert world.snapshot() == before


# -- the demo -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Samfam:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.db"
    s = Samfam(path)  # --today 2026-11-22
    result = s("demo", "--db", str(path))
    assert result.exit_code == 0, result.stderr
    return s


def test_demo_weekly_json_sections_are_filled(demo):
    data = weekly(demo)
    for key in WEEKLY_SECTIONS:
        assert key in data
    assert data["overdue_by_advisor"], "the demo should have overdue follow-ups"
    assert all(g["overdue"] == len(g["cases"]) > 0 for g in data["overdue_by_advisor"])
    assert data["caseload"]
    assert data["caseload"][-1]["advisor"] == "TOTAL"
    assert data["caseload"][-1]["primary"] == data["summary"]["open_cases"]
    assert data["team_rhythm"]
    assert data["experience"]["advisors"]
    assert data["experience"]["team"] is not None
    for group in data["overdue_by_advisor"]:
        days = [c["days_overdue"] for c in group["cases"]]
        assert days == sorted(days, reverse=True)
        assert all(n > 0 for n in days)


def test_demo_weekly_check_exits_3(demo):
    result = demo("report", "weekly", "--check", "-f", "json")
    assert result.exit_code == OVERDUE_FOUND, result.stderr
    assert result.json()["summary"]["overdue"] > 0


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_demo_weekly_formats(demo, fmt):
    result = demo("report", "weekly", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    headings = [h.lower() for h in heading_lines(result.stdout, fmt)]
    for heading in WEEKLY_HEADINGS:
        assert any(heading.lower() in h for h in headings), f"{fmt}: no heading {heading!r}"
    if fmt == "html":
        assert "<svg" in result.stdout
        assert "<script" not in result.stdout.lower()
        assert "http://" not in result.stdout and "https://" not in result.stdout


def test_demo_weekly_team_filter(demo):
    teams = {a["team"] for a in demo.ok("advisor", "list", "-f", "json").json() if a["team"]}
    assert len(teams) >= 2
    everyone = weekly(demo)
    total = 0
    for name in sorted(teams):
        data = weekly(demo, "--team", name)
        assert {r["team"] for r in data["team_rhythm"]} == {name}
        assert all(r["team"] in (name, None) for r in data["caseload"])
        total += data["summary"]["open_cases"]
    assert total == everyone["summary"]["open_cases"]
