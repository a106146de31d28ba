"""What is coming: per advisor and week, the work falling due against the advisor's working days
(docs/rules.md § 10). Pure: `today`, the days off and the absences are parameters.

| step          | rule                                                                                        |
|---------------|---------------------------------------------------------------------------------------------|
| weeks         | ISO weeks, Monday to Sunday; the first is the week that holds today, then N in all (1-104)  |
| items         | follow-ups, legal deadlines (§ 5) and decisions (open applications' processing deadlines)  |
| an item's week| the week its day falls in; an item already past on today counts in the first week           |
| follow-ups    | the case's next due date, then, as if each follow-up were made on its due day, one interval |
|               | (3 calendar months or 42 days) after the other while they fall within the horizon; an      |
|               | overdue follow-up is taken as made today, and the next one is an interval after today       |
| working days  | Monday to Friday, less public holidays, closed days and the advisor's absence days          |
| load          | items / working days; none in a week without a working day                                  |
| away          | items in a week without a working day                                                       |
| team median   | the median of the loads of the team's advisors who hold an open case (as primary advisor)   |
|               | today and have at least one working day that week; staff holding no case are listed, not   |
|               | counted: their 0 would pull the median down and flag one or two items in a week            |
| flagged       | load more than 1.5 x the team median (and the median above 0), or away                      |

Examples, counted by hand (today Sunday 22 November 2026, 12 weeks: Monday 16 November 2026 through
Sunday 7 February 2027):

| case                         | follow-ups in the horizon                                   |
|------------------------------|-------------------------------------------------------------|
| 6w, next due 2026-12-01      | 2026-12-01, 2027-01-12 (2027-02-23 is after the horizon): 2 |
| 3m, next due 2026-12-15      | 2026-12-15 (2027-03-15 is after the horizon): 1             |
| 6w, overdue since 2026-11-12 | today 2026-11-22 (first week), 2027-01-03: 2                |

| week of Monday | days off                           | working days |
|----------------|------------------------------------|--------------|
| 2027-03-29     | Easter Monday                      | 4            |
| 2026-11-23     | away Monday to Wednesday           | 2            |
| 2026-12-21     | 25 December (24 December closed)   | 3            |

Loads in one week of a team of three: 6/5, 4/5 and 2/5 items a day; the median is 4/5, 1.5 x 4/5 is
6/5, and 6/5 is not more than that: nobody is flagged. With 7 items the first advisor's 7/5 is, and is
flagged. The loads are exact fractions, so that "more than" means exactly that.
"""

from __future__ import annotations

import statistics
from collections.abc import Container, Iterable, Mapping, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import NamedTuple

from samfam.rules.cadence import next_due
from samfam.rules.workdays import is_workday

#: The kinds of work the forecast counts, as its JSON names them.
FOLLOWUPS = "followups"
DEADLINES = "deadlines"  # the legal deadlines of docs/rules.md § 5
DECISIONS = "decisions"  # open applications' processing deadlines (§ 9)
KINDS = (FOLLOWUPS, DEADLINES, DECISIONS)

DEFAULT_WEEKS = 12
MAX_WEEKS = 104  # two years
#: A load above this many times the team's median is flagged.
OVER_MEDIAN = Fraction(3, 2)

_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)
_WORKWEEK = 5  # Monday to Friday


class Period(NamedTuple):
    """Days away, from `start` through `end` (both included)."""

    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def monday_of(day: date) -> date:
    """The Monday of the ISO week that holds `day`."""
    return day - timedelta(days=day.weekday())


def weeks(today: date, n: int = DEFAULT_WEEKS) -> list[date]:
    """The Mondays of the `n` weeks of the forecast, the first the week that holds today."""
    if not 1 <= n <= MAX_WEEKS:
        raise ValueError(f"{n} weeks: give 1 to {MAX_WEEKS}")
    first = monday_of(today)
    return [first + i * _WEEK for i in range(n)]


def last_day(mondays: Sequence[date]) -> date:
    """The Sunday that ends the forecast."""
    return mondays[-1] + 6 * _DAY


def week_of(day: date, today: date) -> date:
    """The week an item falls due in: the week of its day, or the first week when the day has passed."""
    return monday_of(max(day, today))


def projected_followups(due: date, track: str, today: date, until: date) -> list[date]:
    """The days a case's follow-ups fall due from its next due date `due` through `until`: each one made
    on its due day, the next one interval (3 calendar months or 42 days) later. A follow-up already
    overdue is taken as made today, so the next one falls an interval after today."""
    found = []
    day = max(due, today)
    while day <= until:
        found.append(day)
        day = next_due(day, track)
    return found


def away_on(day: date, away: Iterable[Period]) -> bool:
    return any(period.holds(day) for period in away)


def working_days(monday: date, closed: Container[date], away: Sequence[Period] = ()) -> int:
    """The advisor's working days in the week of `monday`: Monday to Friday, less the days off (`closed`:
    public holidays and the municipality's closed days) and the days the advisor is away."""
    days = (monday + i * _DAY for i in range(_WORKWEEK))
    return sum(1 for day in days if is_workday(day, closed) and not away_on(day, away))


def working_days_between(first: date, last: date, closed: Container[date]) -> int:
    """The working days from `first` through `last` (an absence's length in working days)."""
    return sum(1 for i in range((last - first).days + 1) if is_workday(first + i * _DAY, closed))


def load(items: int, workdays: int) -> Fraction | None:
    """Items per working day; None for a week without a working day."""
    return Fraction(items, workdays) if workdays else None


def team_median(loads: Iterable[Fraction | None]) -> Fraction | None:
    """The median of the loads given (those of the advisors who count in it) that are not None: those with a
    working day in the week (None: nobody has)."""
    known = sorted(value for value in loads if value is not None)
    return statistics.median(known) if known else None


def over_median(value: Fraction | None, median: Fraction | None) -> bool:
    """More than 1.5 times the team's median, when that median is above 0."""
    return value is not None and median is not None and median > 0 and value > OVER_MEDIAN * median


def is_away(items: int, workdays: int) -> bool:
    """Work falls due in a week the advisor has no working day."""
    return items > 0 and workdays == 0


class AdvisorWeek(NamedTuple):
    """One advisor's week in the forecast."""

    advisor: str
    team: str | None
    week: date  # its Monday
    followups: int
    deadlines: int
    decisions: int
    workdays: int
    load: Fraction | None
    team_median: Fraction | None
    over_median: bool
    away: bool

    @property
    def items(self) -> int:
        return self.followups + self.deadlines + self.decisions

    @property
    def flagged(self) -> bool:
        """Needs the team leader's eye: over the team's median by more than half, or away with work due."""
        return self.over_median or self.away


def assess(
    advisors: Sequence[tuple[str, str | None]],
    mondays: Sequence[date],
    counts: Mapping[tuple[str, date, str], int],
    workdays: Mapping[tuple[str, date], int],
    holding: Container[str] | None = None,
) -> list[AdvisorWeek]:
    """Every advisor's weeks, in the order given, flagged against their team's median that week.

    `advisors` are (initials, team) pairs: the advisors without a team are a team of their own here.
    `counts` holds the items per (advisor, Monday, kind), `workdays` the working days per (advisor,
    Monday); what is missing is 0. `holding`: the advisors who hold an open case as primary advisor today;
    only their loads make the median (the others are listed, with their own figures). None: everyone's.
    """
    loads: dict[tuple[str, date], Fraction | None] = {}
    items: dict[tuple[str, date], int] = {}
    for initials, _ in advisors:
        for monday in mondays:
            key = (initials, monday)
            items[key] = sum(counts.get((initials, monday, kind), 0) for kind in KINDS)
            loads[key] = load(items[key], workdays.get(key, 0))
    members: dict[str | None, list[str]] = {}
    for initials, team in advisors:
        members.setdefault(team, [])
        if holding is None or initials in holding:
            members[team].append(initials)
    medians = {
        (team, monday): team_median(loads[(initials, monday)] for initials in people)
        for team, people in members.items()
        for monday in mondays
    }
    found = []
    for initials, team in advisors:
        for monday in mondays:
            key = (initials, monday)
            median = medians[(team, monday)]
            found.append(
                AdvisorWeek(
                    advisor=initials,
                    team=team,
                    week=monday,
                    followups=counts.get((initials, monday, FOLLOWUPS), 0),
                    deadlines=counts.get((initials, monday, DEADLINES), 0),
                    decisions=counts.get((initials, monday, DECISIONS), 0),
                    workdays=workdays.get(key, 0),
                    load=loads[key],
                    team_median=median,
                    over_median=over_median(loads[key], median),
                    away=is_away(items[key], workdays.get(key, 0)),
                )
            )
    return found
