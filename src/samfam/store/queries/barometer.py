"""The history the barometer reads: track periods, open spans, counting events, who was responsible,
investigations. A handful of queries over every case, whatever the number of cases; their rows stay
SQLAlchemy's own (read by name or unpacked), since the whole history of every case passes through them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select

from samfam.rules.cadence import TRACKS
from samfam.rules.deadlines import INVESTIGATION_CODES
from samfam.rules.events import COUNTING_KINDS
from samfam.rules.paragraphs import FIRST_FOLLOWUP_INVESTIGATIONS
from samfam.store import tables as t


def refs(conn: Connection, start: date, end: date) -> dict[int, str]:
    """The cases open at some time in the period."""
    c = t.cases.c
    query = select(c.id, c.ref).where(c.opened <= end, or_(c.closed.is_(None), c.closed >= start))
    return dict(conn.execute(query).all())


def track_periods(conn: Connection, history_start: date, end: date) -> list[Any]:
    k = t.case_track.c
    query = select(k.case_id, k.since, k.until, k.track).where(
        k.track.in_(TRACKS), k.since <= end, or_(k.until.is_(None), k.until >= history_start)
    )
    return list(conn.execute(query.order_by(k.case_id, k.since)).all())


def closures(conn: Connection) -> list[Any]:
    k = t.case_closure.c
    return list(conn.execute(select(k.case_id, k.closed, k.reopened).order_by(k.case_id, k.closed)).all())


def openings(conn: Connection) -> list[Any]:
    c = t.cases.c
    return list(conn.execute(select(c.id, c.opened, c.closed)).all())


def counting_events(conn: Connection, history_start: date, end: date) -> list[Any]:
    e = t.events.c
    query = select(e.case_id, e.day).where(
        e.voided_at.is_(None), e.kind.in_(COUNTING_KINDS), e.day > history_start, e.day <= end
    )
    return list(conn.execute(query.order_by(e.case_id, e.day)).all())


def last_counting_event_by(conn: Connection, day: date) -> dict[int, date]:
    """Each case's last counting event on or before `day`: where its clock stood then."""
    e = t.events.c
    query = (
        select(e.case_id, func.max(e.day))
        .where(e.voided_at.is_(None), e.kind.in_(COUNTING_KINDS), e.day <= day)
        .group_by(e.case_id)
    )
    return dict(conn.execute(query).all())


def primaries(conn: Connection) -> list[Any]:
    """Who was primary advisor on each case, and when, with their team (the periods in force)."""
    a, p = t.case_assignment.c, t.advisor.c
    query = (
        select(a.case_id, a.since, a.until, p.initials, p.team)
        .join_from(t.case_assignment, t.advisor, t.advisor.c.id == a.advisor_id)
        .where(a.role == "primary", a.corrected_at.is_(None))
        .order_by(a.case_id, a.since)
    )
    return list(conn.execute(query).all())


def investigations(conn: Connection, start: date, end: date) -> list[Any]:
    g = t.grants.c
    query = select(g.case_id, g.code, g.start, g.end).where(
        g.code.in_(INVESTIGATION_CODES),
        g.voided_at.is_(None),
        g.start <= end,
        or_(g.end.is_(None), g.end >= start),
    )
    return list(conn.execute(query).all())


def applications(conn: Connection, start: date, end: date) -> list[Any]:
    """Applications received by the period's end and not decided before it began (not void)."""
    a = t.application.c
    query = select(a.case_id, a.code, a.received, a.decided).where(
        a.voided_at.is_(None), a.received <= end, or_(a.decided.is_(None), a.decided >= start)
    )
    return list(conn.execute(query).all())


def plan_events(conn: Connection, history_start: date, end: date) -> list[Any]:
    """The plans decided and made (not void), in day order."""
    e = t.events.c
    query = select(e.case_id, e.kind, e.day).where(
        e.voided_at.is_(None), e.kind.in_(("plan-decided", "plan-made")), e.day > history_start, e.day <= end
    )
    return list(conn.execute(query.order_by(e.case_id, e.day)).all())


def measures(conn: Connection, history_start: date, end: date) -> list[Any]:
    """Grants of Barnets lov that started in the span, with their end (candidates for BL § 95 stk. 2's first
    follow-up)."""
    g = t.grants.c
    query = select(g.case_id, g.code, g.start, g.end).where(
        g.voided_at.is_(None), g.code.startswith("BL "), g.start > history_start, g.start <= end
    )
    return list(conn.execute(query).all())


def investigation_spans(conn: Connection) -> list[Any]:
    """The investigations that bring a measure's first follow-up forward when they end first (in SQL, the rule
    `rules.paragraphs.brings_first_followup_forward`: the paragraph, or any stk. or nr. below it)."""
    g = t.grants.c
    named = or_(*(or_(g.code == p, g.code.startswith(f"{p}.")) for p in FIRST_FOLLOWUP_INVESTIGATIONS))
    query = select(g.case_id, g.code, g.start, g.end).where(g.voided_at.is_(None), named)
    return list(conn.execute(query).all())
