"""The team leader's commands: caseload, team rhythm and meetings, learning goals, programmes, experience."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conftest import Samfam, built_once, copy_of
from support import CASELOAD_FIELDS, d, open_, weekly

PILOT = "Én familie – én indgang"


# -- helpers -----------------------------------------------------------------------------------------


def by(rows: list[dict], key: str) -> dict:
    return {r[key]: r for r in rows}


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


@pytest.fixture(scope="module")
def _pilot_db(tmp_path_factory, migrated_db):
    return built_once(tmp_path_factory, migrated_db, _build_pilot)


@pytest.fixture
def pilot(_pilot_db, tmp_path) -> Samfam:
    """The pilot below, built once for the module and copied for each test."""
    return copy_of(_pilot_db, tmp_path)


def _build_pilot(team: Samfam) -> Samfam:
    """docs/rules.md § 1: Ishøj/Vallensbæk's *Én familie – én indgang*, children 0-6, target 30 by end of 2021.

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
