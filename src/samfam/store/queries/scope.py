"""Which cases a listing covers: the filter, `open_on(day)` and the one scoping condition."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, or_

from samfam.store import tables as t


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a listing or report covers."""

    as_of: date
    status: str = "open"  # open | closed | all, on the as-of date
    advisor: str | None = None  # initials: primary advisor or buddy
    team: str | None = None
    refs: tuple[str, ...] = ()


def open_on(day: date) -> Any:
    """The case is open on the day: opened by then and not closed on or before it."""
    return and_(t.cases.c.opened <= day, or_(t.cases.c.closed.is_(None), t.cases.c.closed > day))


def closed_on(day: date) -> Any:
    return and_(t.cases.c.closed.is_not(None), t.cases.c.closed <= day)


def with_status(query: Any, where: CaseFilter) -> Any:
    if where.status == "open":
        return query.where(open_on(where.as_of))
    if where.status == "closed":
        return query.where(closed_on(where.as_of))
    return query


def scoped(query: Any, primary: Any, where: CaseFilter) -> Any:
    """Narrow a query over cases joined to their primary advisor (`primary`, an alias of the advisor
    table) by the filter's advisor (primary or buddy), team and references."""
    if where.advisor:
        buddy = t.advisor.alias("buddy_advisor")
        query = query.outerjoin(buddy, buddy.c.id == t.cases.c.buddy_id)
        query = query.where(or_(primary.c.initials == where.advisor, buddy.c.initials == where.advisor))
    if where.team:
        query = query.where(primary.c.team == where.team)
    if where.refs:
        query = query.where(t.cases.c.ref.in_(where.refs))
    return query
