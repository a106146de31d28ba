"""What is coming (samfam.rules.forecast; docs/rules.md § 10): the weeks, the projection of follow-ups, the
working days of an advisor's week, the load, the team's median and the flags.

Pure rules: the days off are a plain set written out from the calendar (one test reads the real `holidays`
package through samfam.views.workdays). Today is Sunday 22 November 2026, as in every CLI test: the first
week is Monday 16 to Sunday 22 November 2026, and 12 weeks end on Sunday 7 February 2027. Every expected
value is counted by hand in the comments.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from samfam.rules import forecast as rules
from samfam.rules.forecast import Period
from samfam.views.workdays import DaysOff
from support import d

TODAY = d("2026-11-22")  # a Sunday
# Denmark's public holidays over Christmas 2026 and Easter 2027 (26 December 2026 is a Saturday).
CHRISTMAS_2026 = {d("2026-12-25"), d("2026-12-26"), d("2027-01-01")}
EASTER_2027 = {d("2027-03-25"), d("2027-03-26"), d("2027-03-28"), d("2027-03-29")}  # Thu, Fri, Sun, Mon
PUBLIC = CHRISTMAS_2026 | EASTER_2027


# -- the weeks ----------------------------------------------------------------------------------------


def test_the_weeks_start_with_the_week_that_holds_today():
    mondays = rules.weeks(TODAY, 12)
    assert mondays[0] == d("2026-11-16")  # Sunday 22 November belongs to the week of Monday 16 November
    assert mondays[-1] == d("2027-02-01")  # 11 weeks later
    assert len(mondays) == 12 and all(m.weekday() == 0 for m in mondays)
    assert rules.last_day(mondays) == d("2027-02-07")  # a Sunday
    assert rules.weeks(d("2026-11-16"), 1) == [d("2026-11-16")]  # a Monday is its own week's first day


@pytest.mark.parametrize("n", [0, -1, 105])
def test_the_weeks_are_1_to_104(n):
    with pytest.raises(ValueError, match="1 to 104"):
        rules.weeks(TODAY, n)


@pytest.mark.parametrize(
    ("day", "week"),
    [
        ("2026-11-22", "2026-11-16"),  # today, a Sunday: the first week
        ("2026-11-23", "2026-11-23"),  # Monday: the second
        ("2027-01-03", "2026-12-28"),  # Sunday 3 January 2027 is in ISO week 53 of 2026
        ("2026-11-16", "2026-11-16"),  # earlier this week, so past: the first week
        ("2026-10-27", "2026-11-16"),  # long past (overdue): the first week too
    ],
)
def test_an_item_falls_in_the_week_of_its_day_or_the_first_when_past(day, week):
    assert rules.week_of(d(day), TODAY) == d(week)


# -- projecting follow-ups ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("track", "due", "weeks", "expected"),
    [
        # 6 weeks: 1 December 2026, + 42 days = 12 January 2027, + 42 = 23 February (after 7 February).
        pytest.param("6w", "2026-12-01", 12, ["2026-12-01", "2027-01-12"], id="6w-over-12-weeks-gives-2"),
        # 3 months: 15 December 2026, then 15 March 2027 (after 7 February).
        pytest.param("3m", "2026-12-15", 12, ["2026-12-15"], id="3m-over-12-weeks-gives-1"),
        # Overdue since 12 November: taken as made today, 22 November; + 42 days = 3 January 2027;
        # + 42 = 14 February (after 7 February).
        pytest.param("6w", "2026-11-12", 12, ["2026-11-22", "2027-01-03"], id="6w-overdue-made-today"),
        # Due today counts.
        pytest.param("3m", "2026-11-22", 12, ["2026-11-22"], id="due-today"),
        # Each next one is an interval after the one before, month-end clamped: 30 November 2026, 28 February
        # 2027, 28 May 2027 (not 31 May from the anchor 31 August). 30 weeks end on Sunday 13 June 2027.
        pytest.param("3m", "2026-11-30", 30, ["2026-11-30", "2027-02-28", "2027-05-28"], id="3m-chained-from-due"),
        # The last day of the horizon counts; the day after does not.
        pytest.param("6w", "2027-02-07", 12, ["2027-02-07"], id="on-the-last-sunday"),
        pytest.param("6w", "2027-02-08", 12, [], id="after-the-horizon"),
        # One week (16-22 November): an overdue 6-week case gives today's only.
        pytest.param("6w", "2026-10-01", 1, ["2026-11-22"], id="one-week"),
    ],
)
def test_projected_followups(track, due, weeks, expected):
    until = rules.last_day(rules.weeks(TODAY, weeks))
    assert rules.projected_followups(d(due), track, TODAY, until) == [d(x) for x in expected]


def test_a_long_horizon_projects_every_interval():
    # 104 weeks from Monday 16 November 2026 end 727 days later, on Sunday 12 November 2028 (16 November
    # 2028 is 365 + 366 = 731 days on). A 6-week case due 1 December 2026: 1 December + 42 k days for
    # k = 0 .. 16 (+ 672 days = 3 October 2028; + 714 = 14 November 2028, after the end): 17 follow-ups.
    until = rules.last_day(rules.weeks(TODAY, 104))
    assert until == d("2026-11-16") + timedelta(days=727) == d("2028-11-12")
    found = rules.projected_followups(d("2026-12-01"), "6w", TODAY, until)
    assert len(found) == 17 and found[-1] == d("2028-10-03")


# -- working days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("monday", "closed", "away", "expected"),
    [
        pytest.param("2026-11-23", set(), [], 5, id="an-ordinary-week"),
        # Easter 2027: Monday 29 March is Easter Monday (Thursday 25 and Friday 26 are the week before).
        pytest.param("2027-03-29", PUBLIC, [], 4, id="easter-monday-leaves-4"),
        # Maundy Thursday and Good Friday: 22, 23, 24 March.
        pytest.param("2027-03-22", PUBLIC, [], 3, id="maundy-thursday-and-good-friday-leave-3"),
        # Away Monday to Wednesday 23-25 November: Thursday and Friday are left.
        pytest.param("2026-11-23", set(), [("2026-11-23", "2026-11-25")], 2, id="away-mon-to-wed-leaves-2"),
        # Away from Friday 20 to Tuesday 24 November: Wednesday, Thursday, Friday of the week of the 23rd.
        pytest.param("2026-11-23", set(), [("2026-11-20", "2026-11-24")], 3, id="away-across-a-weekend"),
        # Christmas 2026: Friday 25 December is a holiday, and the municipality closes on the 24th.
        pytest.param("2026-12-21", PUBLIC | {d("2026-12-24")}, [], 3, id="christmas-week-closed-24th"),
        # Away on a holiday counts once: 28-31 December away and 1 January a holiday: none left.
        pytest.param("2026-12-28", PUBLIC, [("2026-12-28", "2026-12-31")], 0, id="away-all-week-with-a-holiday"),
        # Two absences in one week: Monday, and Thursday-Friday.
        pytest.param(
            "2026-11-23", set(), [("2026-11-23", "2026-11-23"), ("2026-11-26", "2026-11-27")], 2, id="two-absences"
        ),
        # An absence on the weekend only changes nothing.
        pytest.param("2026-11-23", set(), [("2026-11-28", "2026-11-29")], 5, id="away-on-the-weekend"),
    ],
)
def test_working_days_of_a_week(monday, closed, away, expected):
    periods = [Period(d(a), d(b)) for a, b in away]
    assert rules.working_days(d(monday), closed, periods) == expected


def test_easter_monday_from_the_real_calendar():
    # Easter Sunday 2027 is 28 March, so Easter Monday is 29 March; the week after has all five days (the
    # holidays package, through samfam.views.workdays.DaysOff).
    assert rules.working_days(d("2027-03-29"), DaysOff()) == 4
    assert rules.working_days(d("2027-04-05"), DaysOff()) == 5


@pytest.mark.parametrize(
    ("first", "last", "closed", "expected"),
    [
        # 21, 22, 23, 24, 28, 29, 30, 31 December (25 December and 1 January are holidays, 26 a Saturday).
        ("2026-12-21", "2027-01-01", PUBLIC, 8),
        ("2026-11-28", "2026-11-29", set(), 0),  # a weekend
        ("2026-11-23", "2026-11-23", set(), 1),  # one day
    ],
)
def test_working_days_between(first, last, closed, expected):
    assert rules.working_days_between(d(first), d(last), closed) == expected


# -- load, median and flags ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loads", "median"),
    [
        ([Fraction(6, 5), Fraction(4, 5), Fraction(2, 5)], Fraction(4, 5)),
        ([Fraction(2, 5), Fraction(0)], Fraction(1, 5)),  # two: the mean of the middle two
        ([Fraction(1), None, Fraction(1, 2)], Fraction(3, 4)),  # None (no working day) takes no part
        ([None, None], None),
        ([], None),
    ],
)
def test_team_median(loads, median):
    assert rules.team_median(loads) == median


@pytest.mark.parametrize(
    ("load", "median", "over"),
    [
        (Fraction(6, 5), Fraction(4, 5), False),  # exactly 1.5 x: not more
        (Fraction(7, 5), Fraction(4, 5), True),
        (Fraction(1), Fraction(0), False),  # a median of 0 flags nobody
        (None, Fraction(1), False),  # no working day: no load (away instead)
        (Fraction(1), None, False),
    ],
)
def test_over_the_median(load, median, over):
    assert rules.over_median(load, median) is over


MONDAY = d("2026-11-23")


def _assess(week: dict[str, tuple[str | None, int, int]]) -> dict[str, rules.AdvisorWeek]:
    """{initials: (team, items, working days)} for one week, as follow-ups -> each advisor's week."""
    counts = {(a, MONDAY, rules.FOLLOWUPS): items for a, (_, items, _) in week.items()}
    workdays = {(a, MONDAY): days for a, (_, _, days) in week.items()}
    found = rules.assess([(a, team) for a, (team, _, _) in week.items()], [MONDAY], counts, workdays)
    return {w.advisor: w for w in found}


@pytest.mark.parametrize(
    ("week", "median", "flagged", "away"),
    [
        # Loads 6/5, 4/5, 2/5: median 4/5, 1.5 x 4/5 = 6/5; 6/5 is not more than that.
        pytest.param(
            {"MKJ": ("Nord", 6, 5), "LBH": ("Nord", 4, 5), "BAA": ("Nord", 2, 5)},
            Fraction(4, 5),
            set(),
            set(),
            id="three-advisors-none-over",
        ),
        # 7/5 is: MKJ is flagged.
        pytest.param(
            {"MKJ": ("Nord", 7, 5), "LBH": ("Nord", 4, 5), "BAA": ("Nord", 2, 5)},
            Fraction(4, 5),
            {"MKJ"},
            set(),
            id="three-advisors-one-over",
        ),
        # The same 4 items on 2 working days (away Monday to Wednesday) are 2 a day: median 4/5, over 6/5.
        pytest.param(
            {"MKJ": ("Nord", 4, 2), "LBH": ("Nord", 4, 5), "BAA": ("Nord", 4, 5)},
            Fraction(4, 5),
            {"MKJ"},
            set(),
            id="fewer-working-days-raise-the-load",
        ),
        # BAA is away all week with 3 items: away and flagged, and not in the median: of 7/5 and 2/5 it is
        # 9/10; 1.5 x 9/10 = 27/20 = 1.35 < 7/5 = 1.4, so MKJ is flagged too.
        pytest.param(
            {"MKJ": ("Nord", 7, 5), "LBH": ("Nord", 2, 5), "BAA": ("Nord", 3, 0)},
            Fraction(9, 10),
            {"MKJ", "BAA"},
            {"BAA"},
            id="away-all-week-with-items",
        ),
        # Away all week with nothing due: not flagged.
        pytest.param(
            {"MKJ": ("Nord", 1, 5), "LBH": ("Nord", 1, 5), "BAA": ("Nord", 0, 0)},
            Fraction(1, 5),
            set(),
            set(),
            id="away-with-nothing-due",
        ),
        # Most have nothing due: a median of 0 flags nobody.
        pytest.param(
            {"MKJ": ("Nord", 5, 5), "LBH": ("Nord", 0, 5), "BAA": ("Nord", 0, 5)},
            Fraction(0),
            set(),
            set(),
            id="median-zero",
        ),
    ],
)
def test_the_median_and_the_flags(week, median, flagged, away):
    found = _assess(week)
    assert {w.team_median for w in found.values()} == {median}
    assert {a for a, w in found.items() if w.flagged} == flagged
    assert {a for a, w in found.items() if w.away} == away
    assert all(w.load is None for w in found.values() if w.workdays == 0)


def test_each_team_has_its_own_median():
    # Nord: 2/5 and 2/5, median 2/5. Syd: ATP alone with 9/5 is its own median, so never over it.
    found = _assess({"MKJ": ("Nord", 2, 5), "LBH": ("Nord", 2, 5), "ATP": ("Syd", 9, 5)})
    assert (found["MKJ"].team_median, found["ATP"].team_median) == (Fraction(2, 5), Fraction(9, 5))
    assert not any(w.flagged for w in found.values())
    # Advisors without a team are measured against each other.
    found = _assess({"MKJ": ("Nord", 1, 5), "TL": (None, 9, 5), "XY": (None, 1, 5)})
    assert found["TL"].team_median == Fraction(1) and found["TL"].flagged and not found["MKJ"].flagged


def test_staff_holding_no_case_are_listed_but_left_out_of_the_median():
    # Nord this week: MKJ 2 items, LBH 3, PRL 2, SAN 1, and BAA and KSV hold no case (0 items). With them the
    # loads are 0, 0, 1/5, 2/5, 2/5, 3/5: median 3/10, and LBH's 3/5 is over 1.5 x 3/10 = 9/20 (and MKJ's and
    # PRL's 2/5 too). Without them: 1/5, 2/5, 2/5, 3/5, median 2/5, and 3/5 is not over 1.5 x 2/5 = 3/5.
    week = {"MKJ": 2, "LBH": 3, "PRL": 2, "SAN": 1, "BAA": 0, "KSV": 0}
    counts = {(a, MONDAY, rules.FOLLOWUPS): n for a, n in week.items()}
    workdays = {(a, MONDAY): 5 for a in week}
    people = [(a, "Nord") for a in week]
    every = {w.advisor: w for w in rules.assess(people, [MONDAY], counts, workdays)}
    assert every["LBH"].team_median == Fraction(3, 10) and every["LBH"].flagged
    holding = {"MKJ", "LBH", "PRL", "SAN"}
    found = {w.advisor: w for w in rules.assess(people, [MONDAY], counts, workdays, holding)}
    assert {w.team_median for w in found.values()} == {Fraction(2, 5)}
    assert not any(w.flagged for w in found.values())
    assert (found["BAA"].items, found["BAA"].load) == (0, Fraction(0))  # still listed, with their own figures


def test_assess_counts_the_kinds_and_fills_the_gaps():
    mondays = [d("2026-11-16"), d("2026-11-23")]
    counts = {
        ("MKJ", mondays[0], rules.FOLLOWUPS): 2,
        ("MKJ", mondays[0], rules.DEADLINES): 1,
        ("MKJ", mondays[0], rules.DECISIONS): 1,
    }
    workdays = {("MKJ", mondays[0]): 5, ("MKJ", mondays[1]): 5}
    first, second = rules.assess([("MKJ", "Nord")], mondays, counts, workdays)
    assert (first.followups, first.deadlines, first.decisions, first.items) == (2, 1, 1, 4)
    assert first.load == Fraction(4, 5) and first.team_median == Fraction(4, 5) and not first.flagged
    assert (second.items, second.workdays, second.load) == (0, 5, Fraction(0))
    # Nothing known about a week: no working day and nothing due, neither away nor flagged.
    [blank] = rules.assess([("LBH", "Nord")], [mondays[0]], {}, {})
    assert (blank.items, blank.workdays, blank.load, blank.away, blank.flagged) == (0, 0, None, False, False)


def test_today_is_always_a_parameter():
    # The same case on another today: from Monday 7 December 2026, 12 weeks end on Sunday 28 February 2027.
    today = date(2026, 12, 7)
    until = rules.last_day(rules.weeks(today, 12))
    assert until == d("2027-02-28")
    assert rules.projected_followups(d("2026-12-01"), "6w", today, until) == [d("2026-12-07"), d("2027-01-18")]
