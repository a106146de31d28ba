"""The hot read path of the cadence reports, on SQLAlchemy Core alone.

`overdue`, `due` and the listings built on them run many times a day over tens of thousands of
cases. They read a handful of columns, so they use light table clauses naming just those columns
(a test checks each against the models) and never load the ORM, SQLModel or the model classes.
One query gives one row a case: who holds it, the last counting event (a correlated subquery that
walks the events index backwards) and its grants begun by the as-of date, aggregated into one
string (`code|start|end;…`) so that no grant row reaches Python on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Connection, Date, Integer, String, and_, cast, column, exists, func, or_, select, table
from sqlalchemy.sql import Select

from samfam.rules.events import COUNTING_KINDS

#: Rows fetched at a time (a server-side cursor on PostgreSQL): a national caseload is streamed.
STREAM_BATCH = 2_000

cases = table(
    "cases",
    column("id", Integer),
    column("ref", String),
    column("child_name", String),
    column("born", Date),
    column("advisor_id", Integer),
    column("buddy_id", Integer),
    column("complex", Boolean),
    column("opened", Date),
    column("closed", Date),
)
events = table("events", column("case_id", Integer), column("kind", String), column("day", Date))
grants = table("grants", column("case_id", Integer), column("code", String), column("start", Date), column("end", Date))
case_track = table(
    "case_track", column("case_id", Integer), column("track", String), column("since", Date), column("until", Date)
)
advisor = table(
    "advisor", column("id", Integer), column("initials", String), column("name", String), column("team", String)
)


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a listing or report covers."""

    as_of: date
    status: str = "open"  # open | closed | all, on the as-of date
    advisor: str | None = None  # initials: primary advisor or buddy
    team: str | None = None
    refs: tuple[str, ...] = ()


def advisor_directory(conn: Connection) -> dict[int, tuple[str, str | None]]:
    """id -> (initials, team) of every advisor: a few hundred rows, joined in Python."""
    return {row[0]: (row[1], row[2]) for row in conn.execute(select(advisor.c.id, advisor.c.initials, advisor.c.team))}


def open_on(as_of: date) -> Any:
    return and_(cases.c.opened <= as_of, or_(cases.c.closed.is_(None), cases.c.closed > as_of))


def _grant_spec(as_of: date) -> Any:
    """The case's grants begun by `as_of` as one string, `code|start|end` joined by `;`."""
    part = grants.c.code + "|" + cast(grants.c.start, String) + "|" + func.coalesce(cast(grants.c["end"], String), "")
    return (
        select(func.aggregate_strings(part, ";"))
        .where(grants.c.case_id == cases.c.id, grants.c.start <= as_of)
        .correlate(cases)
        .scalar_subquery()
        .label("grants")
    )


def _last_followup(as_of: date) -> Any:
    return (
        select(events.c.day)
        .where(events.c.case_id == cases.c.id, events.c.day <= as_of, events.c.kind.in_(COUNTING_KINDS))
        .order_by(events.c.day.desc())
        .limit(1)
        .correlate(cases)
        .scalar_subquery()
        .label("last_followup")
    )


def case_query(where: CaseFilter) -> Select:
    query = select(
        cases.c.id,
        cases.c.ref,
        cases.c.child_name,
        cases.c.born,
        cases.c.advisor_id,
        cases.c.buddy_id,
        cases.c.complex,
        cases.c.opened,
        cases.c.closed,
        _last_followup(where.as_of),
        _grant_spec(where.as_of),
    ).order_by(cases.c.id)
    if where.status == "open":
        query = query.where(open_on(where.as_of))
    elif where.status == "closed":
        query = query.where(cases.c.closed.is_not(None), cases.c.closed <= where.as_of)
    if where.advisor or where.team:
        primary = advisor.alias("primary_advisor")
        query = query.join(primary, primary.c.id == cases.c.advisor_id)
        if where.advisor:
            buddy = advisor.alias("buddy_advisor")
            query = query.outerjoin(buddy, buddy.c.id == cases.c.buddy_id)
            query = query.where(or_(primary.c.initials == where.advisor, buddy.c.initials == where.advisor))
        if where.team:
            query = query.where(primary.c.team == where.team)
    if where.refs:
        query = query.where(cases.c.ref.in_(where.refs))
    return query


def case_rows(conn: Connection, where: CaseFilter) -> Any:
    """One row a case the filter covers, streamed in case order."""
    return conn.execute(case_query(where).execution_options(yield_per=STREAM_BATCH))


def initials_known(conn: Connection) -> list[str]:
    return list(conn.execute(select(advisor.c.initials).order_by(advisor.c.initials)).scalars())


def teams_known(conn: Connection) -> list[str]:
    query = select(advisor.c.team).where(advisor.c.team.is_not(None)).distinct().order_by(advisor.c.team)
    return list(conn.execute(query).scalars())


def _no_followup_between(after: date, as_of: date) -> Any:
    """No counting event in (after, as_of]: an index range probe, evaluated once a case."""
    return ~exists().where(
        events.c.case_id == cases.c.id, events.c.day > after, events.c.day <= as_of, events.c.kind.in_(COUNTING_KINDS)
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
