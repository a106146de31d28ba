"""The weekly report: every section, `--team`, every format, `--output`, `--check`, and on the demo."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from conftest import Samfam, built_once, copy_of
from support import OVERDUE_FOUND, _caseload_table, d, open_, weekly

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
    "barometer",
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
    "week by week",
    "experience of coordination",
)


# -- helpers -----------------------------------------------------------------------------------------


def heading_lines(text: str, fmt: str) -> list[str]:
    """The heading lines of a human-readable weekly report."""
    if fmt == "markdown":
        return [line for line in text.splitlines() if line.startswith("#")]
    if fmt == "html":
        return re.findall(r"<h[12][^>]*>(.*?)</h[12]>", text, flags=re.S)
    return text.splitlines()  # table: Rich prints each table's title on its own line


# -- a week in team Nord and team Syd -----------------------------------------------------------------


@pytest.fixture(scope="module")
def _week_db(tmp_path_factory, migrated_db):
    return built_once(tmp_path_factory, migrated_db, _build_week)


@pytest.fixture
def week(_week_db, tmp_path) -> Samfam:
    """The week below, built once for the module and copied for each test."""
    return copy_of(_week_db, tmp_path)


def _build_week(team: Samfam) -> Samfam:
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
        "seriously_overdue": 0,  # none is past twice its interval (see the levels below)
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


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_weekly_says_it_counts_each_case_under_its_primary_advisor_as_overdue_primary_does(week, fmt):
    # LBH is buddy on 2026-0001 (overdue): `overdue --advisor LBH` lists it, the report does not count it
    # under LBH, and says so; `overdue --advisor LBH --primary` gives the report's figure.
    shown = week("report", "weekly", "--format", fmt, env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.stderr
    assert "counts each case under its primary advisor (primary responsibility), not its buddy" in shown.stdout
    groups = {g["advisor"]: g["overdue"] for g in weekly(week)["overdue_by_advisor"]}
    for advisor, counted in groups.items():
        either = [r for r in week.ok("overdue", "--advisor", advisor, "-f", "json").json() if r["status"] == "overdue"]
        primary = week.ok("overdue", "--advisor", advisor, "--primary", "-f", "json").json()
        assert len([r for r in primary if r["status"] == "overdue"]) == counted
        assert len(either) == counted + (1 if advisor == "LBH" else 0)


def test_weekly_overdue_rows_carry_their_level(week):
    data = weekly(week)
    levels = {c["case"]: c["level"] for g in data["overdue_by_advisor"] for c in g["cases"]}
    # 2026-0001: 3m anchored 06-01, due 09-01; twice the interval is 12-01, so on 11-22 merely overdue.
    # 2026-0002: 6w anchored 10-01, due 11-12; twice the interval is 10-01 + 84 days = 12-24.
    # 2026-0003: 3m anchored 08-01, due 11-01; twice the interval is 2027-02-01.
    assert levels == {"2026-0001": "overdue", "2026-0002": "overdue", "2026-0003": "overdue"}
    assert {r["level"] for r in data["due_next_7_days"]} == {"due soon"}


def _seriously_overdue(s: Samfam) -> Samfam:
    """2026-0010, ATP (team Syd), BL 86 from 2026-05-01, never followed up: 3m anchored 05-01, due 08-01,
    twice the interval 11-01. On 11-22: 113 days overdue (Aug 1 -> Nov 1 92, + 21), seriously."""
    open_(s, "2026-0010", "BL 86", advisor="ATP", opened="2026-05-01")
    return s


@pytest.mark.parametrize(
    ("today", "days", "level"),
    [
        pytest.param("2026-11-01", 92, "overdue", id="twice-the-interval-is-still-overdue"),
        pytest.param("2026-11-02", 93, "seriously overdue", id="the-day-after-is-serious"),
        pytest.param("2026-11-22", 113, "seriously overdue", id="report-day"),
    ],
)
def test_weekly_a_follow_up_past_twice_its_interval_is_seriously_overdue(week, today, days, level):
    data = weekly(_seriously_overdue(week), "--team", "Syd", today=today)
    [group] = data["overdue_by_advisor"]
    [row] = group["cases"]
    assert (row["case"], row["next_due"], row["days_overdue"], row["level"]) == ("2026-0010", "2026-08-01", days, level)
    assert data["summary"]["seriously_overdue"] == (1 if level == "seriously overdue" else 0)


def test_weekly_the_level_and_the_serious_count_in_every_format(week):
    s = _seriously_overdue(week)
    summary = weekly(s)["summary"]
    assert (summary["overdue"], summary["seriously_overdue"]) == (4, 1)
    table = s.ok("report", "weekly").stdout.splitlines()
    assert table[1].startswith("10 open cases · 4 overdue (1 seriously) · ")
    header = table[table.index("Overdue follow-ups by advisor") + 2]
    assert [h.strip() for h in header.strip("┃").split("┃")][-2:] == ["Days overdue", "Level"]
    rows = {line.split("│")[2].strip(): line.split("│")[-2].strip() for line in table if "│ 2026-00" in line}
    assert rows["2026-0010"] == "seriously overdue" and rows["2026-0001"] == "overdue"
    markdown = s.ok("report", "weekly", "-f", "markdown").stdout
    assert "· 4 overdue (1 seriously) ·" in markdown
    row = next(x for x in markdown.splitlines() if x.startswith("| ATP") and "2026-0010" in x)
    assert row.rstrip(" |").endswith("seriously overdue")
    html = s.ok("report", "weekly", "-f", "html").stdout
    assert "<b>4</b>overdue<small>1 seriously</small>" in html
    assert html.count('<td class="nowrap alert">seriously overdue</td>') == 1
    assert html.count('<td class="nowrap">overdue</td>') == 3


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


# -- weekly report: the barometer, week by week -----------------------------------------------------------

# The 12 weeks up to Sunday 2026-11-22 are ISO weeks 36 (08-31..09-06) to 47 (11-16..11-22). The follow-ups
# that fell due in them, from the world above (a follow-up made after the anchor and on or before the due
# day is on time, and counts in the week of its due day):
# - W36, due 09-01: 2026-0001 (none: late), 2026-0003 (08-01), -0004 (08-25), -0005 (08-29), -0006 (08-30)
#   on time -> 5 due, 4 on time, 80.0 %; team Nord 4 due (not ATP's -0005), 3 on time, 75.0 %.
# - W37, due 09-12: 2026-0008 (6w from 08-01; follow-up only 11-20): late -> 1 due, 0.0 %.
# - W44, due 11-01: 2026-0003 (3m from its follow-up 08-01): late -> 1 due, 0.0 %.
# - W46, due 11-12: 2026-0002 (6w from 10-01) late, 2026-0009 (6w from 10-01, follow-up 11-16) late
#   -> 2 due, 0.0 %.
# - No other week has a follow-up due: no rate. 12 weeks: 9 due, 4 on time, 44.4 %.
# No investigation has ended: no investigation rate in any week.
WEEK_RATES = {  # week: (due, on time, on time %)
    "2026-W36": (5, 4, 80.0),
    "2026-W37": (1, 0, 0.0),
    "2026-W44": (1, 0, 0.0),
    "2026-W46": (2, 0, 0.0),
}
WEEK_LABELS = [f"2026-W{n}" for n in range(36, 48)]
FIGURES = ("followups_due", "on_time", "on_time_pct")


def _rates(weeks: list[dict]) -> dict[str, tuple]:
    return {w["week"]: tuple(w[k] for k in FIGURES) for w in weeks}


def test_weekly_barometer_json_has_twelve_weeks_and_their_total(week):
    section = weekly(week)["barometer"]
    assert set(section) == {"weeks", "total"}
    weeks = section["weeks"]
    assert [w["week"] for w in weeks] == WEEK_LABELS
    assert (weeks[0]["from"], weeks[0]["to"]) == ("2026-08-31", "2026-09-06")
    assert (weeks[-1]["from"], weeks[-1]["to"]) == ("2026-11-16", "2026-11-22")  # the report's own week
    keys = {"followups_due", "on_time", "on_time_pct"}
    keys |= {"investigations_finished", "investigations_in_time", "investigations_in_time_pct"}
    assert all(set(w) == {"week", "from", "to"} | keys for w in weeks)
    assert set(section["total"]) == {"from", "to"} | keys
    assert (section["total"]["from"], section["total"]["to"]) == ("2026-08-31", "2026-11-22")


def test_weekly_barometer_per_week_by_hand(week):
    section = weekly(week)["barometer"]
    assert _rates(section["weeks"]) == {label: WEEK_RATES.get(label, (0, 0, None)) for label in WEEK_LABELS}
    assert tuple(section["total"][k] for k in FIGURES) == (9, 4, 44.4)
    assert {(w["investigations_finished"], w["investigations_in_time_pct"]) for w in section["weeks"]} == {(0, None)}


@pytest.mark.parametrize(
    ("team_name", "w36", "w46", "total"),
    [
        pytest.param("Nord", (4, 3, 75.0), (1, 0, 0.0), (7, 3, 42.9), id="Nord"),  # not -0005, -0009
        pytest.param("Syd", (1, 1, 100.0), (1, 0, 0.0), (2, 1, 50.0), id="Syd"),  # only -0005, -0009
    ],
)
def test_weekly_barometer_follows_the_team_filter(week, team_name, w36, w46, total):
    section = weekly(week, "--team", team_name)["barometer"]
    rates = _rates(section["weeks"])
    assert (rates["2026-W36"], rates["2026-W46"]) == (w36, w46)
    assert tuple(section["total"][k] for k in FIGURES) == total


def _investigations(s: Samfam) -> Samfam:
    """Two investigations end: 2026-0011 (ATP, BL 20 from 05-01: 4 months to 09-01) ends 09-10, late, in
    W37; 2026-0008's BL 20 (from 08-01: to 12-01) ends 11-18, in time, in W47. Neither changes a follow-up
    that falls due in the 12 weeks: 2026-0011's first fell due 06-12, and 2026-0008's still 09-12."""
    open_(s, "2026-0011", "BL 20", advisor="ATP", opened="2026-05-01")
    s.ok("grant", "end", "2026-0011", "BL 20", "--on", "2026-09-10")
    s.ok("grant", "end", "2026-0008", "BL 20", "--on", "2026-11-18")
    return s


def test_weekly_barometer_investigations_by_hand(week):
    section = weekly(_investigations(week))["barometer"]
    ended = {w["week"]: (w["investigations_finished"], w["investigations_in_time"], w["investigations_in_time_pct"])
             for w in section["weeks"] if w["investigations_finished"]}  # fmt: skip
    assert ended == {"2026-W37": (1, 0, 0.0), "2026-W47": (1, 1, 100.0)}
    total = section["total"]
    assert (total["investigations_finished"], total["investigations_in_time"], total["investigations_in_time_pct"]) == (
        2,
        1,
        50.0,
    )
    assert _rates(section["weeks"]) == {label: WEEK_RATES.get(label, (0, 0, None)) for label in WEEK_LABELS}


SPAN_FIGURES = ("followups_due", "on_time", "on_time_pct", "investigations_finished", "investigations_in_time",
                "investigations_in_time_pct")  # fmt: skip


def _same_as_the_barometer_over_the_span(s: Samfam, *team: str) -> None:
    """The 12 weeks' total (their sum) is what `samfam barometer` gives over the whole span."""
    total = weekly(s, *team)["barometer"]["total"]
    span = s.ok("barometer", "--from", total["from"], "--to", total["to"], *team, "-f", "json").json()["total"]
    assert {k: total[k] for k in SPAN_FIGURES} == {k: span[k] for k in SPAN_FIGURES}


def test_weekly_barometer_total_is_the_barometer_over_the_twelve_weeks(week):
    s = _investigations(week)
    for team in ((), ("--team", "Nord"), ("--team", "Syd")):
        _same_as_the_barometer_over_the_span(s, *team)


def test_weekly_barometer_weeks_end_on_the_as_of_date(week):
    weeks = weekly(week, today="2026-11-25")["barometer"]["weeks"]  # a Wednesday
    assert (weeks[-1]["from"], weeks[-1]["to"]) == ("2026-11-19", "2026-11-25")
    assert (weeks[0]["from"], weeks[0]["to"]) == ("2026-09-03", "2026-09-09")
    # each week is named by the ISO week holding 4 of its 7 days: Thursday to Wednesday -> its Sunday's week
    assert [w["week"] for w in weeks] == WEEK_LABELS
    assert all((d(b["from"]) - d(a["to"])).days == 1 for a, b in itertools.pairwise(weeks))  # no gap, no overlap


def _section(text: str, fmt: str) -> str:
    if fmt == "markdown":
        start = text.index("## On time, week by week")
        return text[start : text.index("\n## ", start)]
    if fmt == "html":
        start = text.index('<section id="barometer"')
        return text[start : text.index("</section>", start)]
    start = text.index("On time, week by week (the barometer, last 12 weeks)")
    return text[start : text.index("Signs of Safety", start)]


def test_weekly_barometer_in_every_format(week):
    markdown = _section(week.ok("report", "weekly", "-f", "markdown").stdout, "markdown")
    rows = {cells[0]: cells[1:] for cells in (_cells(x) for x in markdown.splitlines() if x.startswith("| 2"))}
    assert [*rows] == WEEK_LABELS
    assert rows["2026-W36"] == ["2026-08-31", "2026-09-06", "5", "4", "80.0", "0", "—"]
    assert rows["2026-W38"] == ["2026-09-14", "2026-09-20", "0", "0", "—", "0", "—"]  # nothing due: no rate
    assert rows["2026-W46"] == ["2026-11-09", "2026-11-15", "2", "0", "0.0", "0", "—"]
    total = next(_cells(x) for x in markdown.splitlines() if x.startswith("| 12 weeks"))
    assert total == ["12 weeks", "2026-08-31", "2026-11-22", "9", "4", "44.4", "0", "—"]

    html = _section(week.ok("report", "weekly", "-f", "html").stdout, "html")
    assert html.count("<svg") == 2  # one per rate
    titles = re.findall(r"<svg[^>]*>\n<title>([^<]*)</title>", html)
    assert titles == [
        "Follow-ups on time per week, All teams: 2026-W36 to 2026-W47",
        "Investigations within 4 months per week, All teams: 2026-W36 to 2026-W47",
    ]
    follow_ups, investigations = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(re.findall(r"<polyline points=\"([^\"]*)\"", follow_ups)[0].split()) == 4  # W36, W37, W44, W46
    assert "<polyline" not in investigations and "No rate in these weeks" in investigations

    table = _section(week.ok("report", "weekly").stdout, "table")
    lines = [line for line in table.splitlines() if "│" in line]
    assert len(lines) == 13  # 12 weeks and their total
    assert [c.strip() for c in lines[0].strip("│").split("│")] == [
        "2026-W36", "2026-08-31", "2026-09-06", "5", "4", "80.0", "0", "—",
    ]  # fmt: skip
    assert [c.strip() for c in lines[-1].strip("│").split("│")][:6] == [
        "12 weeks", "2026-08-31", "2026-11-22", "9", "4", "44.4",
    ]  # fmt: skip
    assert "<svg" not in table and "polyline" not in table


def test_weekly_barometer_title_escapes_the_team_name(week):
    week.ok("advisor", "add", "XYZ", "--name", "Xenia Ytte Zander", "--team", "<R&D>")
    open_(week, "2026-0012", "BL 86", advisor="XYZ", opened="2026-06-01")  # due 09-01 (W36): late
    html = week.ok("report", "weekly", "--team", "<R&D>", "-f", "html").stdout
    section = _section(html, "html")
    assert "<title>Follow-ups on time per week, Team &lt;R&amp;D&gt;: 2026-W36 to 2026-W47</title>" in section
    assert "<R&D>" not in html


def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


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
    assert "Børnehuset Solsikken" in result.stdout  # UTF-8, not ASCII-escaped (docs/cli.md)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_weekly_documents_name_no_children(week, fmt):
    result = week("report", "weekly", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "Alma Holm" not in result.stdout  # case numbers only (docs/rules.md § 7: as little as the work needs)


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


# -- the demo -----------------------------------------------------------------------------------------


@pytest.fixture
def demo(demo) -> Samfam:
    """The session's demo database (built once, see conftest.py)."""
    return demo.samfam


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


def test_demo_weekly_barometer_adds_up(demo):
    weeks = weekly(demo)["barometer"]["weeks"]
    assert sum(w["followups_due"] for w in weeks) > 100 and any(w["investigations_finished"] for w in weeks)
    _same_as_the_barometer_over_the_span(demo)


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


# -- the weekly report in Danish (issue 20) ------------------------------------------------------------


def _headings(text: str, fmt: str) -> list[str]:
    """Every heading of a human-readable weekly report, as plain text without its count: Markdown's `#`
    lines, HTML's h1/h2 and the chart's figure texts, the table's first line and each line after an
    empty one (a section's title)."""
    if fmt == "markdown":
        found = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    elif fmt == "html":
        found = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<(?:h[12]|figcaption)[^>]*>(.*?)</", text, re.S)]
        found += re.findall(r'<text [^>]*font-weight="600">([^<]+)</text>', text)  # the chart's panels, advisors
    else:
        lines = text.splitlines()
        found = [lines[0]] + [b for a, b in itertools.pairwise(lines) if not a.strip() and b.strip()]
    found = [re.sub(r"\s*\(\d+\)$", "", h).strip() for h in found]
    return [h for h in found if h and not re.fullmatch(r"[A-ZÆØÅ]{2,4}", h)]  # not an advisor's initials


#: The English of the report that is no heading but read by people: none of it may be left in the Danish.
ENGLISH_LINES = ("Summary", "Produced by samfam", "Per advisor, the report counts", "By advisor:", "per week")


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_demo_weekly_in_danish_has_no_english_heading(demo, fmt):
    english = demo("--lang", "en", "report", "weekly", "--format", fmt)
    danish = demo("--lang", "da", "report", "weekly", "--format", fmt)
    assert english.exit_code == 0, english.stderr
    assert danish.exit_code == 0, danish.stderr
    headings = _headings(english.stdout, fmt)
    assert len(headings) >= 19, headings
    for heading in headings:
        assert heading not in danish.stdout, f"{fmt}: the English heading {heading!r} is in the Danish report"
    for line in ENGLISH_LINES:
        assert line not in danish.stdout, f"{fmt}: {line!r} is in the Danish report"
    shown = "\n".join(_headings(danish.stdout, fmt))
    for heading in ("Ugerapport", "Forfaldne opfølgninger", "Lovbestemte frister", "Sagsmængde", "Åbne overdragelser"):
        assert heading in shown, f"{fmt}: no Danish heading {heading!r} in {shown!r}"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_demo_weekly_documents_in_danish_have_danish_dates_and_numbers(demo, fmt):
    danish = demo("--lang", "da", "report", "weekly", "--format", fmt)
    assert danish.exit_code == 0, danish.stderr
    assert "22. november 2026" in danish.stdout  # the day of the data, through words.day
    assert "November" not in danish.stdout
    assert re.search(r"\b\d{1,3},\d\b", danish.stdout), "no rate with a decimal comma"  # the barometer's rates
    if fmt == "html":
        assert '<html lang="da">' in danish.stdout


def test_demo_weekly_table_in_danish_says_the_week_in_danish(demo):
    danish = demo("--lang", "da", "report", "weekly")
    assert danish.exit_code == 0, danish.stderr
    first = danish.stdout.splitlines()[0]
    assert first == "Ugerapport, alle teams: 16. november 2026 til 22. november 2026", first


def test_demo_weekly_json_is_the_same_in_both_languages(demo):
    english = demo("--lang", "en", "report", "weekly", "--format", "json")
    danish = demo("--lang", "da", "report", "weekly", "--format", "json")
    assert english.exit_code == danish.exit_code == 0, danish.stderr
    assert english.stdout == danish.stdout
