"""Which cases a listing covers: the filter, `open_on(day)` and the one scoping condition."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import and_, case, exists, func, or_, select

from samfam.store import tables as t


class CaseFilter(NamedTuple):
    """Which cases a listing or report covers."""

    as_of: date
    status: str = "open"  # open | closed | all, on the as-of date
    advisor: str | None = None  # initials: primary advisor or buddy
    team: str | None = None
    refs: tuple[str, ...] = ()
    primary_only: bool = False  # with `advisor`: the cases the advisor is primary advisor on, not buddy


def open_on(day: date) -> Any:
    """The case is open on the day: opened by then and not closed on or before it (in SQL, the rule
    `rules.cases.is_open`, which tests/test_store_queries_scope.py holds it to)."""
    return and_(t.cases.c.opened <= day, or_(t.cases.c.closed.is_(None), t.cases.c.closed > day))


def closed_on(day: date) -> Any:
    return and_(t.cases.c.closed.is_not(None), t.cases.c.closed <= day)


def with_status(query: Any, where: CaseFilter) -> Any:
    if where.status == "open":
        return query.where(open_on(where.as_of))
    if where.status == "closed":
        return query.where(closed_on(where.as_of))
    return query


def _held_on(role: str, day: date, now: Any) -> Any:
    """Who held `role` on the case on `day`, from the assignment history in force (a corrected period
    counts for nothing); the case's current holder when the history says nobody (the day is after
    closing, or before the history began)."""
    held = t.case_assignment.alias(f"held_{role}")
    on_day = (
        select(held.c.advisor_id)
        .where(
            held.c.case_id == t.cases.c.id,
            held.c.role == role,
            held.c.corrected_at.is_(None),
            held.c.since <= day,
            or_(held.c.until.is_(None), held.c.until >= day),
        )
        .order_by(held.c.since.desc())
        .limit(1)
        .correlate(t.cases)
        .scalar_subquery()
    )
    # Only a change after the day can make the holder then differ from the holder now: probe the
    # (case_id, role, since) index for one, and read the history only for the few cases that have one.
    later = t.case_assignment.alias(f"later_{role}")
    changed_since = (
        exists()
        .where(
            later.c.case_id == t.cases.c.id, later.c.role == role, later.c.since > day, later.c.corrected_at.is_(None)
        )
        .correlate(t.cases)
    )
    return case((changed_since, func.coalesce(on_day, now)), else_=now)


@functools.lru_cache(maxsize=4)
def primary_on(day: date) -> Any:
    """The primary advisor responsible for the case on the day (a listing names who was responsible
    on its as-of date, not who is responsible now)."""
    return _held_on("primary", day, t.cases.c.advisor_id)


@functools.lru_cache(maxsize=4)
def buddy_on(day: date) -> Any:
    """The buddy on the case on the day (see `primary_on`)."""
    return _held_on("buddy", day, t.cases.c.buddy_id)


def scoped(query: Any, primary: Any, where: CaseFilter) -> Any:
    """Narrow a query over cases joined to their primary advisor on the as-of date (`primary`, an
    alias of the advisor table, joined on `primary_on(where.as_of)`) by the filter's advisor (primary
    or buddy on that date; primary only with `primary_only`), team and references."""
    if where.advisor and where.primary_only:
        query = query.where(primary.c.initials == where.advisor)
    elif where.advisor:
        buddy = t.advisor.alias("buddy_advisor")
        query = query.join_from(t.cases, buddy, buddy.c.id == buddy_on(where.as_of), isouter=True)
        query = query.where(or_(primary.c.initials == where.advisor, buddy.c.initials == where.advisor))
    if where.team:
        query = query.where(primary.c.team == where.team)
    if where.refs:
        query = query.where(t.cases.c.ref.in_(where.refs))
    return query
