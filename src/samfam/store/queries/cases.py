"""Queries about cases: the case itself, its grants, events, core team and who is responsible."""

import functools
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, bindparam, func, or_, select

from samfam.rules.events import COUNTING_KINDS
from samfam.store import tables as t
from samfam.store.queries.scope import CaseFilter, buddy_on, open_on, primary_on, scoped
from samfam.store.records import Assignment, Case, Closure, Event, Grant, Member

# The lookups every write makes (and an import makes for every row) are built once, their values bound.


@functools.cache
def _by_ref() -> Any:
    return select(t.cases).where(t.cases.c.ref == bindparam("ref"))


@functools.cache
def _grants(include_void: bool) -> Any:
    query = select(t.grants).where(t.grants.c.case_id == bindparam("case_id"))
    if not include_void:
        query = query.where(t.grants.c.voided_at.is_(None))
    return query.order_by(t.grants.c.start, t.grants.c.code, t.grants.c.id)


@functools.cache
def _events(include_void: bool) -> Any:
    query = select(t.events).where(t.events.c.case_id == bindparam("case_id"))
    if not include_void:
        query = query.where(t.events.c.voided_at.is_(None))
    return query.order_by(t.events.c.day, t.events.c.id)


def case_by_ref(conn: Connection, ref: str) -> Case | None:
    row = conn.execute(_by_ref(), {"ref": ref}).one_or_none()
    return None if row is None else Case._make(row)


def grants_of(conn: Connection, case_id: int, include_void: bool = False) -> list[Grant]:
    """The case's grants; a voided grant (entered by mistake) only when asked for."""
    return list(map(Grant._make, conn.execute(_grants(include_void), {"case_id": case_id})))


def open_grants(conn: Connection, case_id: int, code: str) -> list[Grant]:
    query = select(t.grants).where(
        t.grants.c.case_id == case_id, t.grants.c.code == code, t.grants.c.end.is_(None), t.grants.c.voided_at.is_(None)
    )
    return list(map(Grant._make, conn.execute(query.order_by(t.grants.c.start))))


def events_of(conn: Connection, case_id: int, include_void: bool = False) -> list[Event]:
    """The case's events, oldest first; void ones (which count for nothing) only when asked for."""
    return list(map(Event._make, conn.execute(_events(include_void), {"case_id": case_id})))


def has_events(conn: Connection, case_id: int) -> bool:
    """Whether the case has any event (void ones too)."""
    query = select(t.events.c.id).where(t.events.c.case_id == case_id).limit(1)
    return conn.execute(query).first() is not None


def event_by_id(conn: Connection, event_id: int) -> Event | None:
    row = conn.execute(select(t.events).where(t.events.c.id == event_id)).one_or_none()
    return None if row is None else Event._make(row)


def correction_of(conn: Connection, event_id: int) -> Event | None:
    """The event recorded in place of an event corrected (`corrects_id`), or None."""
    row = conn.execute(select(t.events).where(t.events.c.corrects_id == event_id)).first()
    return None if row is None else Event._make(row)


def counting(as_of: date) -> Any:
    """An event that counts as a follow-up on or before the day: a counting kind, not void."""
    return and_(t.events.c.day <= as_of, t.events.c.kind.in_(COUNTING_KINDS), t.events.c.voided_at.is_(None))


def last_followup(conn: Connection, case_id: int, as_of: date) -> date | None:
    query = select(func.max(t.events.c.day)).where(t.events.c.case_id == case_id, counting(as_of))
    return conn.execute(query).scalar_one()


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(t.meta.c.value).where(t.meta.c.key == key)).scalar_one_or_none()


class MemberRow(NamedTuple):
    """A member of a case's core team, with the advisor's initials and name."""

    id: int
    initials: str
    name: str
    role: str
    since: date
    until: date | None


def members_of(conn: Connection, case_id: int) -> list[MemberRow]:
    query = (
        select(
            t.case_member.c.id,
            t.advisor.c.initials,
            t.advisor.c.name,
            t.case_member.c.role,
            t.case_member.c.since,
            t.case_member.c.until,
        )
        .select_from(t.case_member)
        .join(t.advisor, t.advisor.c.id == t.case_member.c.advisor_id)
        .where(t.case_member.c.case_id == case_id, t.case_member.c.corrected_at.is_(None))
        .order_by(t.case_member.c.since, t.case_member.c.id)
    )
    return list(map(MemberRow._make, conn.execute(query)))


def current_member(conn: Connection, case_id: int, advisor_id: int) -> Member | None:
    m = t.case_member.c
    query = select(t.case_member).where(
        m.case_id == case_id, m.advisor_id == advisor_id, m.until.is_(None), m.corrected_at.is_(None)
    )
    row = conn.execute(query).first()
    return None if row is None else Member._make(row)


def member_periods_from(conn: Connection, case_id: int, advisor_id: int, on: date) -> list[Member]:
    """The advisor's core-team periods on the case in force (not corrected) on `on` or later, by start."""
    m = t.case_member.c
    query = select(t.case_member).where(
        m.case_id == case_id,
        m.advisor_id == advisor_id,
        m.corrected_at.is_(None),
        or_(m.until.is_(None), m.until >= on),
    )
    return list(map(Member._make, conn.execute(query.order_by(m.since, m.id))))


@functools.cache
def _current_assignments() -> Any:
    c = t.case_assignment.c
    return select(t.case_assignment).where(
        c.case_id == bindparam("case_id"), c.role == bindparam("role"), c.until.is_(None), c.corrected_at.is_(None)
    )


def current_assignments(conn: Connection, case_id: int, role: str) -> list[Assignment]:
    return list(map(Assignment._make, conn.execute(_current_assignments(), {"case_id": case_id, "role": role})))


@functools.cache
def _assignments_from() -> Any:
    a = t.case_assignment.c
    query = select(t.case_assignment).where(
        a.case_id == bindparam("case_id"),
        a.role == bindparam("role"),
        a.corrected_at.is_(None),
        or_(a.until.is_(None), a.until >= bindparam("on")),
    )
    return query.order_by(a.since, a.id)


def assignments_from(conn: Connection, case_id: int, role: str, on: date) -> list[Assignment]:
    """The periods of `role` on the case in force (not corrected) on `on` or later, by start."""
    values = {"case_id": case_id, "role": role, "on": on}
    return list(map(Assignment._make, conn.execute(_assignments_from(), values)))


def event_actor_ids(conn: Connection, event_ids: Sequence[int]) -> dict[int, list[int]]:
    if not event_ids:
        return {}
    found: dict[int, list[int]] = {}
    query = select(t.event_actor.c.event_id, t.event_actor.c.actor_id).where(t.event_actor.c.event_id.in_(event_ids))
    for event_id, actor_id in conn.execute(query):
        found.setdefault(event_id, []).append(actor_id)
    return found


def case_by_id(conn: Connection, case_id: int) -> Case:
    return Case._make(conn.execute(select(t.cases).where(t.cases.c.id == case_id)).one())


def last_closure(conn: Connection, case_id: int) -> Closure | None:
    query = select(t.case_closure).where(t.case_closure.c.case_id == case_id)
    row = conn.execute(query.order_by(t.case_closure.c.closed.desc(), t.case_closure.c.id.desc()).limit(1)).first()
    return None if row is None else Closure._make(row)


def closures_of(conn: Connection, case_id: int) -> list[Closure]:
    query = select(t.case_closure).where(t.case_closure.c.case_id == case_id)
    return list(map(Closure._make, conn.execute(query.order_by(t.case_closure.c.closed, t.case_closure.c.id))))


class CaseRef(NamedTuple):
    """A case's reference alone."""

    ref: str


def open_case_with_cpr(conn: Connection, cpr: str, as_of: date) -> CaseRef | None:
    """An open case of the child with this CPR number, if any."""
    query = select(t.cases.c.ref).where(t.cases.c.cpr == cpr, or_(t.cases.c.closed.is_(None), t.cases.c.closed > as_of))
    row = conn.execute(query.limit(1)).first()
    return None if row is None else CaseRef._make(row)


def responsible_on(conn: Connection, case_id: int, day: date) -> tuple[int, int | None]:
    """(primary advisor id, buddy id) responsible for the case on the day."""
    query = select(primary_on(day), buddy_on(day)).where(t.cases.c.id == case_id)
    primary, buddy = conn.execute(query).one()
    return primary, buddy


def first_events(conn: Connection, where: CaseFilter, kinds: Sequence[str]) -> dict[int, dict[str, date]]:
    """For the open cases a filter covers: the first day each of `kinds` happened (void events left out)."""
    query = (
        select(t.events.c.case_id, t.events.c.kind, func.min(t.events.c.day))
        .select_from(t.events)
        .join(t.cases, t.cases.c.id == t.events.c.case_id)
        .where(t.events.c.kind.in_(kinds), t.events.c.voided_at.is_(None), open_on(where.as_of))
        .group_by(t.events.c.case_id, t.events.c.kind)
    )
    if where.advisor or where.team:  # who held the case on the day is read only to narrow by advisor or team
        primary = t.advisor.alias()
        query = scoped(query.join(primary, primary.c.id == primary_on(where.as_of)), primary, where)
    elif where.refs:
        query = query.where(t.cases.c.ref.in_(where.refs))
    found: dict[int, dict[str, date]] = {}
    for case_id, kind, day in conn.execute(query):
        found.setdefault(case_id, {})[kind] = day
    return found


class ScaleRow(NamedTuple):
    """A scored follow-up: its case, day and score."""

    case_id: int
    day: date
    scale: int


def scale_rows(conn: Connection, where: CaseFilter) -> list[ScaleRow]:
    """(case_id, day, scale) of the scored follow-ups on or before the as-of date on the open cases a
    filter covers, void ones left out, by case reference and oldest first."""
    primary = t.advisor.alias()
    query = (
        select(t.events.c.case_id, t.events.c.day, t.events.c.scale)
        .select_from(t.events)
        .join(t.cases, t.cases.c.id == t.events.c.case_id)
        .join(primary, primary.c.id == primary_on(where.as_of))
        .where(
            t.events.c.scale.is_not(None),
            t.events.c.voided_at.is_(None),
            t.events.c.day <= where.as_of,
            open_on(where.as_of),
        )
        .order_by(t.cases.c.ref, t.events.c.day, t.events.c.id)
    )
    return list(map(ScaleRow._make, conn.execute(scoped(query, primary, where))))
