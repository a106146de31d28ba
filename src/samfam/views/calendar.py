"""The calendar's items (`samfam calendar`): each open case's next follow-up, the legal deadlines and the
team meetings the rhythm says are due, from whatever is overdue or passed through a last day ahead.

The same rows `overdue`/`due`, `deadlines` and `team rhythm` show, read in one connection: the follow-ups
picked in SQL and confirmed by the cadence rule (views.followups), the deadlines of views.deadlines and
the rhythm rows of views.team. The child's name is read only when the calendar is to carry it.
"""

from datetime import date, timedelta
from typing import TypedDict

from samfam.context import App
from samfam.errors import UsageError
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Conn
from samfam.views.deadlines import DeadlineRow, deadline_rows
from samfam.views.followups import CadenceRow, cadence_row, due_before, followups, scope
from samfam.views.team import RhythmRow, meetings_due
from samfam.views.workdays import with_book_on


class _Due(CadenceRow):
    overdue: bool


class CalendarFollowUp(_Due):
    """An open case's next follow-up in the calendar: whether it is overdue, the day to book it on, and the
    child's name (None without --names)."""

    book_on: date | None
    child: str | None


class CalendarDeadline(DeadlineRow):
    """A legal deadline in the calendar, with the child's name (None without --names)."""

    child: str | None


class Calendar(TypedDict):
    """The calendar's items and what they cover."""

    as_of: date
    until: date
    weeks: int
    advisor: str | None
    team: str | None
    followups: list[CalendarFollowUp]
    deadlines: list[CalendarDeadline]
    meetings: list[RhythmRow]


def calendar(
    app: App, weeks: int = 8, advisor: str | None = None, team: str | None = None, with_names: bool = False
) -> Calendar:
    """Everything due on or before `weeks` weeks after today (overdue and passed items included):

    - `followups`: the next follow-up of each open case the filter covers (cases needing classification
      have no due date and are left out), soonest first, with `book_on`: the last working day on or
      before the due date;
    - `deadlines`: the legal deadlines of those cases (the rows of `samfam deadlines`, applications too);
    - `meetings`: the team meetings the rhythm says are due (`team rhythm`): of `team`, else of the
      advisor's team, else of every team. Kinds with no rhythm or none held yet have no due date.

    Each follow-up and deadline row has `child`: the child's name with `with_names`, else None.
    """
    if weeks < 0:
        raise UsageError("--weeks {weeks} is negative; give a number of weeks, 0 or more", weeks=weeks)
    until = app.today + timedelta(weeks=weeks)
    with app.connect() as conn:
        where = scope(conn, app, advisor, team)
        names: dict[str, str] = {}
        # the day to book (docs/rules.md § 9)
        due: list[CalendarFollowUp] = with_book_on(conn, _followups(conn, where, until, names))  # type: ignore[assignment]  # plain rows in and out
        deadlines: list[CalendarDeadline] = [
            {**r, "child": None} for r in deadline_rows(conn, app, where) if r["deadline"] <= until
        ]
        if with_names:
            missing = sorted({r["case"] for r in deadlines} - names.keys())
            if missing:
                picked = CaseFilter(as_of=app.today, refs=tuple(missing))
                names |= {head.ref: head.child_name for head, _ in followups(conn, picked)}
        for row in due:
            row["child"] = names.get(row["case"]) if with_names else None
        for deadline in deadlines:
            deadline["child"] = names.get(deadline["case"]) if with_names else None
        meetings = meetings_due(conn, app, where, team, until)
    return {
        "as_of": app.today,
        "until": until,
        "weeks": weeks,
        "advisor": where.advisor,
        "team": team,
        "followups": due,
        "deadlines": deadlines,
        "meetings": meetings,
    }


def _followups(conn: Conn, where: CaseFilter, until: date, names: dict[str, str]) -> list[_Due]:
    """The cases due on or before `until` (views.followups.due_before the day after); the cases needing
    classification have no due date and are left out."""
    rows: list[_Due] = []
    for head, fu in due_before(conn, where, until + timedelta(days=1)):
        if fu.next_due is not None:
            rows.append({**cadence_row(head, fu), "overdue": fu.overdue})
            names[head.ref] = head.child_name
    rows.sort(key=lambda r: (r["next_due"] or date.min, r["case"]))
    return rows
