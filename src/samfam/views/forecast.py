"""What is coming (`forecast`): per advisor and week, the follow-ups, legal deadlines and decisions falling
due, against the advisor's working days, with the weeks over the team's median flagged (docs/rules.md § 10).

The data comes from the reads that exist: the cases due by the horizon's end, picked in SQL
(samfam.store.queries.followups.candidate_rows) and projected by samfam.rules.forecast; the legal
deadlines (samfam.views.deadlines); the open applications with their processing deadlines
(samfam.views.applications); the days off (samfam.views.workdays) and the absences. Each item goes to
the case's primary advisor today: a projection cannot know later reassignments. No case reference
leaves this module: the forecast shows counts, not children's data.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from fractions import Fraction

from samfam.context import App
from samfam.errors import UsageError
from samfam.rules import forecast as forecast_rules
from samfam.rules.applications import KIND as APPLICATION
from samfam.rules.cases import works_on
from samfam.store.queries import applications as application_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Advisor, Conn
from samfam.views import lookups
from samfam.views.absences import away_periods
from samfam.views.applications import Deadlines
from samfam.views.deadlines import deadline_rows
from samfam.views.followups import due_before, scope
from samfam.views.forecast_grid import ForecastRow
from samfam.views.workdays import days_off

Counts = Counter[tuple[str, date, str]]


def forecast(
    app: App, weeks: int = forecast_rules.DEFAULT_WEEKS, advisor: str | None = None, team: str | None = None
) -> list[ForecastRow]:
    """One row per advisor and week, advisors by team and initials, weeks in order. With `advisor`, that
    advisor's rows, flagged against their own team's median."""
    if not 1 <= weeks <= forecast_rules.MAX_WEEKS:
        raise UsageError(
            "--weeks {weeks} is out of range; give a whole number from 1 to {most}",
            weeks=weeks,
            most=forecast_rules.MAX_WEEKS,
        )
    with app.connect() as conn:
        only = None
        if advisor is not None:
            person = lookups.advisor(conn, advisor)
            if team is not None and person.team != team:
                if person.team is None:
                    raise UsageError(
                        "advisor {advisor} is in team (none), not {team}; give --advisor or --team",
                        advisor=person.initials,
                        team=team,
                    )
                raise UsageError(
                    "advisor {advisor} is in team {own}, not {team}; give --advisor or --team",
                    advisor=person.initials,
                    own=person.team,
                    team=team,
                )
            only, team = person.initials, person.team
        where = scope(conn, app, None, team)
        mondays = forecast_rules.weeks(app.today, weeks)
        counts = coming(conn, app, where, forecast_rules.last_day(mondays))
        people = advisors(conn, app, team, {initials for initials, _, _ in counts} | ({only} if only else set()))
        if team is None and only is not None:  # an advisor without a team: measured against the others without
            people = [p for p in people if p.team is None]
        workdays = working_days(conn, people, mondays)
        holding = staff_queries.primary_holders(conn, app.today)  # staff holding no case: not in the median
        assessed = forecast_rules.assess([(p.initials, p.team) for p in people], mondays, counts, workdays, holding)
        return [row(week) for week in assessed if only is None or week.advisor == only]


def coming(conn: Conn, app: App, where: CaseFilter, last: date) -> Counts:
    """The items per (advisor's initials, Monday, kind) falling due through `last` on the cases the filter
    covers; those already past count in the first week."""
    today = app.today
    counts: Counts = Counter()
    # The cases due by the horizon's last day (and the unclassified, which have no due date).
    for head, fu in due_before(conn, where, last + timedelta(days=1)):
        if fu.next_due is None:
            continue
        for day in forecast_rules.projected_followups(fu.next_due, fu.track, today, last):
            counts[(head.advisor, forecast_rules.week_of(day, today), forecast_rules.FOLLOWUPS)] += 1
    for legal in deadline_rows(conn, app, where):
        if legal["kind"] != APPLICATION and legal["deadline"] <= last:
            counts[(legal["advisor"], forecast_rules.week_of(legal["deadline"], today), forecast_rules.DEADLINES)] += 1
    applications = application_queries.application_rows(conn, where, open_only=True)
    if applications:
        deadlines = Deadlines(conn)
        for a in applications:
            due = deadlines.of(a.code, a.received)
            if due is not None and due <= last:
                counts[(a.advisor, forecast_rules.week_of(due, today), forecast_rules.DECISIONS)] += 1
    return counts


def advisors(conn: Conn, app: App, team: str | None, wanted: set[str]) -> list[Advisor]:
    """The advisors in the forecast, by team (none last) and initials: those still on the staff today, and
    those who have left but still hold cases with work coming due (or are asked for by name)."""
    staff = [a for a in staff_queries.advisors(conn, team) if works_on(a.left, app.today) or a.initials in wanted]
    return sorted(staff, key=lambda a: (a.team is None, a.team or "", a.initials))


def working_days(conn: Conn, people: list[Advisor], mondays: list[date]) -> dict[tuple[str, date], int]:
    """(initials, Monday) -> the advisor's working days that week: less the days off, the days away, and
    the days after an advisor's last day."""
    if not people:
        return {}
    off = days_off(conn)
    first, last = mondays[0], forecast_rules.last_day(mondays)
    everyone = {monday: forecast_rules.working_days(monday, off) for monday in mondays}
    away = away_periods(conn, first, last)
    found = {}
    for person in people:
        periods = list(away.get(person.initials, ()))
        if person.left is not None and not works_on(person.left, last):  # the leave day itself is worked
            periods.append(forecast_rules.Period(person.left + timedelta(days=1), last))
        for monday in mondays:
            found[(person.initials, monday)] = (
                forecast_rules.working_days(monday, off, periods) if periods else everyone[monday]
            )
    return found


def row(week: forecast_rules.AdvisorWeek) -> ForecastRow:
    """One advisor's week as plain values: the loads as numbers with two decimals."""
    return {
        "advisor": week.advisor,
        "team": week.team,
        "week": week.week,
        "followups": week.followups,
        "deadlines": week.deadlines,
        "decisions": week.decisions,
        "items": week.items,
        "workdays": week.workdays,
        "load": _number(week.load),
        "team_median": _number(week.team_median),
        "flagged": week.flagged,
        "away": week.away,
    }


def _number(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 2)
