"""The hot read path of the cadence reports: where every case stands, in one query.

`overdue`, `due` and the listings built on them run many times a day over tens of thousands of
cases. One query gives one row a case: who holds it, the last counting event (a correlated subquery that
walks the events index backwards) and its grants begun by the as-of date, aggregated into one
string (`code|start|end;…`) so that no grant row reaches Python on its own.

The rows stay SQLAlchemy's own (read by name, as a record's fields): made into a record each, they
cost the stream about a sixth more a row (measured with the records of `samfam.store.records`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, String, and_, cast, exists, func, or_, select
from sqlalchemy.sql import Select

from samfam.rules.events import COUNTING_KINDS
from samfam.store.queries.scope import CaseFilter, buddy_on, primary_on, scoped, with_status
from samfam.store.tables import advisor, case_track, cases, events, grants

#: Rows fetched at a time (a server-side cursor on PostgreSQL): a national caseload is streamed.
STREAM_BATCH = 2_000

__all__ = ["CaseFilter", "STREAM_BATCH", "candidate_rows", "case_query", "case_rows"]


def _grant_spec(as_of: date) -> Any:
    """The case's grants begun by `as_of` as one string, `code|start|end` joined by `;`."""
    part = grants.c.code + "|" + cast(grants.c.start, String) + "|" + func.coalesce(cast(grants.c["end"], String), "")
    return (
        select(func.aggregate_strings(part, ";"))
        .where(grants.c.case_id == cases.c.id, grants.c.start <= as_of, grants.c.voided_at.is_(None))
        .correlate(cases)
        .scalar_subquery()
        .label("grants")
    )


def _last_followup(as_of: date) -> Any:
    return (
        select(events.c.day)
        .where(
            events.c.case_id == cases.c.id,
            events.c.day <= as_of,
            events.c.kind.in_(COUNTING_KINDS),
            events.c.voided_at.is_(None),
        )
        .order_by(events.c.day.desc())
        .limit(1)
        .correlate(cases)
        .scalar_subquery()
        .label("last_followup")
    )


def case_query(where: CaseFilter) -> Select:
    query = (
        select(
            cases.c.id,
            cases.c.ref,
            cases.c.child_name,
            cases.c.born,
            primary_on(where.as_of).label("advisor_id"),
            buddy_on(where.as_of).label("buddy_id"),
            cases.c.complex,
            cases.c.opened,
            cases.c.closed,
            cases.c.reopened,
            _last_followup(where.as_of),
            _grant_spec(where.as_of),
        )
        .select_from(cases)
        .order_by(cases.c.ref)  # by reference, never the order cases were entered in (an import's, a demo's)
    )
    query = with_status(query, where)
    if where.advisor or where.team:
        primary = advisor.alias("primary_advisor")
        query = scoped(query.join(primary, primary.c.id == primary_on(where.as_of)), primary, where)
    elif where.refs:
        query = query.where(cases.c.ref.in_(where.refs))
    return query


def case_rows(conn: Connection, where: CaseFilter) -> Any:
    """One row a case the filter covers, streamed by case reference."""
    return conn.execute(case_query(where).execution_options(yield_per=STREAM_BATCH))


def _no_followup_between(after: date, as_of: date) -> Any:
    """No counting event in (after, as_of]: an index range probe, evaluated once a case."""
    return ~exists().where(
        events.c.case_id == cases.c.id,
        events.c.day > after,
        events.c.day <= as_of,
        events.c.kind.in_(COUNTING_KINDS),
        events.c.voided_at.is_(None),
    )


def candidate_rows(conn: Connection, where: CaseFilter, latest_anchor: dict[str, date]) -> Any:
    """The cases due by a day, or needing classification, picked in SQL from the stored track periods.

    A case on a track is due before a day exactly when its anchor (the later of its last follow-up
    and the day the track began) is on or before `latest_anchor[track]`
    (cadence.latest_overdue_anchor); the rows come back with everything the rule needs to confirm
    it, and every other case stays in the database.
    """
    period = and_(
        case_track.c.case_id == cases.c.id,
        case_track.c.since <= where.as_of,
        or_(case_track.c.until.is_(None), case_track.c.until >= where.as_of),
    )
    maybe_late = [
        and_(case_track.c.track == track, case_track.c.since <= day, _no_followup_between(day, where.as_of))
        for track, day in latest_anchor.items()
    ]
    query = (
        case_query(where)
        .outerjoin(case_track, period)
        .where(or_(case_track.c.track.is_(None), case_track.c.track == "unclassified", *maybe_late))
    )
    return conn.execute(query.execution_options(yield_per=STREAM_BATCH))
