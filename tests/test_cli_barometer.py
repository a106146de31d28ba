"""The barometer on a constructed history whose answer is worked out by hand (today 2026-11-22; the
default period is the 12 months 2025-11-23 .. 2026-11-22)."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import _built, _restore, add_team, opener
from support import DOMAIN_ERROR, USAGE_ERROR, assert_error


@pytest.fixture(scope="session")
def _history_db(tmp_path_factory, migrated_db):
    return _built(tmp_path_factory, migrated_db, "history", add_team, lambda s: _history(s, opener(s)))


@pytest.fixture
def history(team, _history_db):
    """`_history`, built once a session (a worker) and copied for each test."""
    return _restore(team, _history_db)


def _history(team, open_case):
    """
    MKJ  2026-0001 BL 86 from 01-10 (3m): follow-ups 04-10 (due 04-10: on time) and 07-11 (due 07-10: one day
         late); from 07-11 due 10-11, none since: 42 days late by 11-22.
    MKJ→LBH 2026-0002 BL 86 from 01-10: due 04-10; reassigned to LBH on 04-12; follow-up 04-20: the miss
         (10 days) is MKJ's, who was responsible on the due day. From 04-20 due 07-20, none: LBH, 125 days.
    ATP  2026-0003 BL 20 (an investigation, 6 weeks) 01-15 .. 05-15, ended on its last allowed day:
         finished in time. Due 02-26, none until the track ended 05-15: 78 days late.
    ATP  2026-0004 BL 20 from 02-01, still running past 06-01: running late. Due 03-15, none: 252 days.
    Applications under BL 86 (frist 10 days): on 2026-0001 received 03-01, decided 03-08 (in time); received
    10-01, open past 10-11 (late, MKJ's); on 2026-0002 received 11-20 (frist 11-30: not counted yet).
    """
    open_case("2026-0001", "BL 86", opened="2026-01-10")
    team.ok("event", "add", "2026-0001", "followup", "--on", "2026-04-10")
    team.ok("event", "add", "2026-0001", "followup", "--on", "2026-07-11")
    open_case("2026-0002", "BL 86", opened="2026-01-10")
    team.ok("case", "assign", "2026-0002", "--advisor", "LBH", "--on", "2026-04-12")
    team.ok("event", "add", "2026-0002", "followup", "--on", "2026-04-20")
    open_case("2026-0003", "BL 20", advisor="ATP", opened="2026-01-15")
    team.ok("grant", "end", "2026-0003", "BL 20", "--on", "2026-05-15")
    open_case("2026-0004", "BL 20", advisor="ATP", opened="2026-02-01")
    team.ok("frist", "set", "BL 86", "10", "--unit", "days")
    team.ok("application", "add", "2026-0001", "BL 86", "--received", "2026-03-01")  # frist: 03-11
    team.ok("application", "decide", "1", "--outcome", "refused", "--on", "2026-03-08")  # in time
    team.ok("application", "add", "2026-0001", "BL 86", "--received", "2026-10-01")  # 10-11: open past it
    team.ok("application", "add", "2026-0002", "BL 86", "--received", "2026-11-20")  # 11-30: not yet due
    return team


FIGURES = ("followups_due", "on_time", "median_delay", "worst_delay", "cases_late_over_30")
INVESTIGATIONS = ("investigations_finished", "investigations_in_time", "investigations_running_late")


def test_the_rates_per_advisor_and_for_the_team(history):
    data = history.ok("barometer", "-f", "json").json()
    assert (data["from"], data["to"]) == ("2025-11-23", "2026-11-22")
    by = {r["advisor"]: r for r in data["advisors"]}
    assert [tuple(by[a][k] for k in FIGURES) for a in ("MKJ", "LBH", "ATP")] == [
        (4, 1, 10.0, 42, 1),  # late by 1, 42 and 10 days: median 10
        (1, 0, 125.0, 125, 1),
        (2, 0, 165.0, 252, 2),  # 78 and 252
    ]
    assert by["MKJ"]["on_time_pct"] == 25.0 and by["LBH"]["on_time_pct"] == 0.0
    assert tuple(by["ATP"][k] for k in INVESTIGATIONS) == (1, 1, 1)
    total = data["total"]
    # 7 due, 1 on time; late 1, 42, 10, 125, 78, 252: median (42 + 78) / 2 = 60; four cases over 30 days
    assert tuple(total[k] for k in FIGURES) == (7, 1, 60.0, 252, 4)
    assert total["on_time_pct"] == 14.3 and tuple(total[k] for k in INVESTIGATIONS) == (1, 1, 1)
    applications = (
        "applications_decided",
        "applications_in_time",
        "applications_in_time_pct",
        "applications_open_late",
    )
    assert tuple(by["MKJ"][k] for k in applications) == (1, 1, 100.0, 1)
    assert tuple(by["LBH"][k] for k in applications) == (0, 0, None, 0)
    assert tuple(total[k] for k in applications) == (1, 1, 100.0, 1)


def test_a_period_counts_the_follow_ups_that_fell_due_in_it(history):
    data = history.ok(
        "barometer", "--from", "2026-04-01", "--to", "2026-04-30", "-f", "json", "--advisor", "MKJ"
    ).json()
    [mkj] = data["advisors"]
    # In April: 2026-0001's due 04-10 (on time) and 2026-0002's due 04-10 (made 04-20: 10 days late).
    assert tuple(mkj[k] for k in FIGURES) == (2, 1, 10.0, 10, 0)


def test_team_filter_and_every_format(history):
    nord = history.ok("barometer", "--team", "Nord", "-f", "json").json()
    assert {r["advisor"] for r in nord["advisors"]} == {"MKJ", "LBH"} and nord["total"]["followups_due"] == 5
    header, *rows = list(csv.reader(io.StringIO(history.ok("barometer", "-f", "csv").stdout)))
    assert header[:3] == ["advisor", "team", "followups_due"] and rows[-1][0] == "all" and rows[-1][2] == "7"
    table = history.ok("barometer").stdout
    assert "On time from 2025-11-23 to 2026-11-22" in table and "252" in table
    markdown = history.ok("barometer", "-f", "markdown").stdout
    assert markdown.startswith("# Barometer 2025-11-23 – 2026-11-22") and "| all " in markdown


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (("barometer", "--from", "2026-05-01", "--to", "2026-04-01"), DOMAIN_ERROR, ("--from 2026-05-01",)),
        (("barometer", "--to", "2027-01-01"), DOMAIN_ERROR, ("after today",)),
        (("barometer", "--team", "Øst"), DOMAIN_ERROR, ("Øst",)),
        (("barometer", "--advisor", "ZZZ"), DOMAIN_ERROR, ("ZZZ",)),
        (("barometer", "--from", "2026-13-01"), USAGE_ERROR, ("2026-13-01",)),
    ],
)
def test_refusals(history, argv, code, words):
    assert_error(history(*argv), code, *words)


def test_plans_and_first_follow_ups_on_measures(team, open_case):
    """MKJ, measures under BL § 32 stk. 1 nr. 7 from 2026-03-01:
    2026-0010: follow-up 04-01; the first follow-up was due 06-01 (3 months): on time. A plan decided 03-10,
    made 05-01: due 06-10, in time.
    2026-0011: an investigation (BL 20) alongside, ended 04-15; follow-up 04-20: due 04-15, late. A plan
    decided 05-01 and not made: due 08-01, late."""
    open_case("2026-0010", "BL 32.1.7", opened="2026-03-01")
    team.ok("event", "add", "2026-0010", "followup", "--on", "2026-04-01")
    team.ok("event", "add", "2026-0010", "plan-decided", "--on", "2026-03-10")
    team.ok("event", "add", "2026-0010", "plan-made", "--on", "2026-05-01")
    open_case("2026-0011", "BL 32.1.7", "BL 20", opened="2026-03-01")
    team.ok("grant", "end", "2026-0011", "BL 20", "--on", "2026-04-15")
    team.ok("event", "add", "2026-0011", "followup", "--on", "2026-04-20")
    team.ok("event", "add", "2026-0011", "plan-decided", "--on", "2026-05-01")
    [mkj] = team.ok("barometer", "--from", "2026-01-01", "-f", "json").json()["advisors"]
    assert (mkj["plans_due"], mkj["plans_in_time"], mkj["plans_in_time_pct"]) == (2, 1, 50.0)
    assert (mkj["first_followups_due"], mkj["first_followups_on_time"], mkj["first_followups_on_time_pct"]) == (
        2,
        1,
        50.0,
    )
    # Neither a plan decided nor a plan made counts as a follow-up.
    assert team.ok("explain", "2026-0010", "-f", "json").json()["last_followup"] == "2026-04-01"


# grants on the case (all from its opening), ended on → follow-up made → (first follow-ups due, on time)
FIRST_FOLLOWUP_CASES = [
    # BL 95 stk. 2 names BL 19: an afdækning alongside ending 03-20 makes the first follow-up due then, so
    # one made 04-15 is late, though within 3 months of the measure's start.
    pytest.param(("BL 32.1.7", "BL 19"), {"BL 19": "2026-03-20"}, "2026-04-15", (1, 0), id="bl19-afdaekning-late"),
    pytest.param(("BL 32.1.7", "BL 19"), {"BL 19": "2026-03-20"}, "2026-03-18", (1, 1), id="bl19-afdaekning-kept"),
    pytest.param(("BL 32.1.7", "BL 20"), {"BL 20": "2026-03-20"}, "2026-04-15", (1, 0), id="bl20-late"),
    pytest.param(("BL 32.1.7",), {}, "2026-04-15", (1, 1), id="no-investigation-3-months"),
    # A measure that ended after 20 days, before its first follow-up was due: nothing fell due, none missed.
    pytest.param(("BL 32.1.7",), {"BL 32.1.7": "2026-02-09"}, None, (0, 0), id="measure-ended-after-20-days"),
    pytest.param(("BL 32.1.7",), {"BL 32.1.7": "2026-04-20"}, None, (1, 0), id="measure-ran-to-its-due-day"),
]


@pytest.mark.parametrize(("grants", "ended", "followup", "expected"), FIRST_FOLLOWUP_CASES)
def test_the_first_follow_up_on_a_measure_by_the_investigations_bl_95_names(
    team, open_case, grants, ended, followup, expected
):
    """A measure from 2026-01-20 (its 3 months end 04-20)."""
    open_case("2026-0020", *grants, opened="2026-01-20")
    for code, day in ended.items():
        team.ok("grant", "end", "2026-0020", code, "--on", day)
    if followup:
        team.ok("event", "add", "2026-0020", "followup", "--on", followup)
    total = team.ok("barometer", "--from", "2026-01-01", "-f", "json").json()["total"]
    assert (total["first_followups_due"], total["first_followups_on_time"]) == expected


def test_the_demo_gives_the_same_figures_in_every_format(demo):
    s = demo.samfam
    data = s.ok("barometer", "-f", "json").json()
    total = data["total"]
    assert total["followups_due"] == sum(r["followups_due"] for r in data["advisors"]) > 0
    assert total["on_time"] == sum(r["on_time"] for r in data["advisors"])
    rows = list(csv.DictReader(io.StringIO(s.ok("barometer", "-f", "csv").stdout)))
    assert [(r["advisor"], int(r["followups_due"]), int(r["on_time"])) for r in rows] == [
        (r["advisor"], r["followups_due"], r["on_time"]) for r in [*data["advisors"], total]
    ]
    markdown = s.ok("barometer", "-f", "markdown").stdout
    table = s.ok("barometer").stdout
    for r in [*data["advisors"], total]:
        line = next(line for line in markdown.splitlines() if line.startswith(f"| {r['advisor']} "))
        assert f" {r['followups_due']} |" in line and f" {r['on_time']} |" in line
        assert any(r["advisor"] in row and str(r["followups_due"]) in row for row in table.splitlines())
    # The team figure is the barometer over the same period in the weekly report's 12 weeks, week by week.
    weekly = s.ok("report", "weekly", "-f", "json").json()["barometer"]
    span = s.ok("barometer", "--from", weekly["total"]["from"], "--to", weekly["total"]["to"], "-f", "json").json()
    assert weekly["total"]["followups_due"] == span["total"]["followups_due"]
