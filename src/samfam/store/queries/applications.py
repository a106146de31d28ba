"""Queries about applications, the published processing deadlines (frister) and the closed days."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, select

from samfam.store import tables as t
from samfam.store.queries.scope import CaseFilter, primary_on, scoped, with_status


def application_by_id(conn: Connection, application_id: int) -> Row | None:
    return conn.execute(select(t.application).where(t.application.c.id == application_id)).one_or_none()


def application_rows(conn: Connection, where: CaseFilter, open_only: bool = False) -> list[Any]:
    """The applications on the cases the filter covers, with the case's reference and its primary advisor
    on the as-of date, oldest received first. `open_only`: those not decided yet."""
    a = t.application
    primary = t.advisor.alias()
    query = (
        select(
            a.c.id,
            a.c.case_id,
            t.cases.c.ref,
            primary.c.initials.label("advisor"),
            a.c.code,
            a.c.received,
            a.c.decided,
            a.c.outcome,
            a.c.letter,
            a.c.grant_id,
            a.c.recorded_by,
        )
        .select_from(a)
        .join(t.cases, t.cases.c.id == a.c.case_id)
        .join(primary, primary.c.id == primary_on(where.as_of))
        .order_by(a.c.received, t.cases.c.ref, a.c.id)
    )
    if open_only:
        query = query.where(a.c.decided.is_(None))
    return list(conn.execute(scoped(with_status(query, where), primary, where)).all())


def frist_of(conn: Connection, code: str) -> Row | None:
    return conn.execute(select(t.frist).where(t.frist.c.code == code)).one_or_none()


def frister(conn: Connection) -> list[Any]:
    """Every published processing deadline, by paragraph."""
    return list(conn.execute(select(t.frist).order_by(t.frist.c.code)).all())


def closed_day(conn: Connection, day: date) -> Row | None:
    return conn.execute(select(t.closed_day).where(t.closed_day.c.day == day)).one_or_none()


def closed_days(conn: Connection, first: date | None = None, last: date | None = None) -> list[Any]:
    """The days the municipality closes, in date order (from `first`, through `last`, when given)."""
    query = select(t.closed_day).order_by(t.closed_day.c.day)
    if first is not None:
        query = query.where(t.closed_day.c.day >= first)
    if last is not None:
        query = query.where(t.closed_day.c.day <= last)
    return list(conn.execute(query).all())
