"""The calendar's items (`samfam calendar`): each open case's next follow-up, the legal deadlines and the
team meetings the rhythm says are due, from whatever is overdue or passed through a last day ahead.

The same rows `overdue`/`due`, `deadlines` and `team rhythm` show, read in one connection: the follow-ups
picked in SQL and confirmed by the cadence rule (views.followups), the deadlines of views.deadlines and
the rhythm rows of views.team. The child's name is read only when the calendar is to carry it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from samfam.context import App
from samfam.errors import UsageError
from samfam.store.queries.scope import CaseFilter
from samfam.views import lookups
from samfam.views.deadlines import deadline_rows
from samfam.views.followups import Row, cadence_row, due_before, followups, scope
from samfam.views.team import rhythm_rows
from samfam.views.workdays import with_book_on

Conn = Any


def calendar(
    app: App, weeks: int = 8, advisor: str | None = None, team: str | None = None, with_names: bool = False
) -> Row:
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
        raise UsageError(f"--weeks {weeks} is negative; give a number of weeks, 0 or more")
    until = app.today + timedelta(weeks=weeks)
    with app.connect() as conn:
        where = scope(conn, app, advisor, team)
        names: dict[str, str] = {}
        due = with_book_on(conn, _followups(conn, where, until, names))  # the day to book (docs/rules.md § 9)
        deadlines = [r for r in deadline_rows(conn, app, where) if r["deadline"] <= until]
        if with_names:
            missing = sorted({r["case"] for r in deadlines} - names.keys())
            if missing:
                picked = CaseFilter(as_of=app.today, refs=tuple(missing))
                names |= {head.ref: head.child_name for head, _ in followups(conn, picked)}
        for row in (*due, *deadlines):
            row["child"] = names.get(row["case"]) if with_names else None
        meetings = _meetings(conn, app, where, team, until)
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


def _followups(conn: Conn, where: CaseFilter, until: Any, names: dict[str, str]) -> list[Row]:
    """The cases due on or before `until` (views.followups.due_before the day after); the cases needing
    classification have no due date and are left out."""
    rows: list[Row] = []
    for head, fu in due_before(conn, where, until + timedelta(days=1)):
        if fu.next_due is not None:
            rows.append(cadence_row(head, fu) | {"overdue": fu.overdue})
            names[head.ref] = head.child_name
    rows.sort(key=lambda r: (r["next_due"], r["case"]))
    return rows


def _meetings(conn: Conn, app: App, where: CaseFilter, team: str | None, until: Any) -> list[Row]:
    if team is None and where.advisor is not None:
        team = lookups.advisor(conn, where.advisor).team
        if team is None:  # an advisor outside any team has no team meetings
            return []
    rows = [r for r in rhythm_rows(conn, app, team) if r["next_due"] is not None and r["next_due"] <= until]
    rows.sort(key=lambda r: (r["next_due"], r["team"], r["kind"]))
    return rows
