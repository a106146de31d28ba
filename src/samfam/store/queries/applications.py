"""Queries about applications, the published processing deadlines (frister) and the closed days."""

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import Connection, select

from samfam.store import tables as t
from samfam.store.queries.scope import CaseFilter, primary_on, scoped, with_status
from samfam.store.records import Application, ClosedDay, Frist


def application_by_id(conn: Connection, application_id: int) -> Application | None:
    row = conn.execute(select(t.application).where(t.application.c.id == application_id)).one_or_none()
    return None if row is None else Application._make(row)


def applications_alike(conn: Connection, case_id: int, code: str, received: date) -> list[Application]:
    """The case's applications under one paragraph received on one day, oldest first: an import's natural
    key (two alike are two: the n-th row of a file is the n-th of them)."""
    a = t.application.c
    query = select(t.application).where(a.case_id == case_id, a.code == code, a.received == received).order_by(a.id)
    return list(map(Application._make, conn.execute(query)))


class ApplicationRow(NamedTuple):
    """An application with its case's reference and the case's primary advisor on the as-of date."""

    id: int
    case_id: int
    ref: str
    advisor: str
    code: str
    received: date
    decided: date | None
    outcome: str | None
    letter: date | None
    grant_id: int | None
    recorded_by: str
    voided_at: datetime | None
    voided_by: str | None
    void_reason: str | None
    corrects_id: int | None


def application_rows(
    conn: Connection, where: CaseFilter, open_only: bool = False, include_void: bool = False
) -> list[ApplicationRow]:
    """The applications on the cases the filter covers, with the case's reference and its primary advisor
    on the as-of date, oldest received first. `open_only`: those not decided yet. A void application (entered
    by mistake, or corrected) counts for nothing: listed only with `include_void`."""
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
            a.c.voided_at,
            a.c.voided_by,
            a.c.void_reason,
            a.c.corrects_id,
        )
        .select_from(a)
        .join(t.cases, t.cases.c.id == a.c.case_id)
        .join(primary, primary.c.id == primary_on(where.as_of))
        .order_by(a.c.received, t.cases.c.ref, a.c.id)
    )
    if open_only:
        query = query.where(a.c.decided.is_(None))
    if not include_void:
        query = query.where(a.c.voided_at.is_(None))
    return list(map(ApplicationRow._make, conn.execute(scoped(with_status(query, where), primary, where))))


def frist_of(conn: Connection, code: str) -> Frist | None:
    row = conn.execute(select(t.frist).where(t.frist.c.code == code)).one_or_none()
    return None if row is None else Frist._make(row)


def frister(conn: Connection) -> list[Frist]:
    """Every published processing deadline, by paragraph."""
    return list(map(Frist._make, conn.execute(select(t.frist).order_by(t.frist.c.code))))


def closed_day(conn: Connection, day: date) -> ClosedDay | None:
    row = conn.execute(select(t.closed_day).where(t.closed_day.c.day == day)).one_or_none()
    return None if row is None else ClosedDay._make(row)


def closed_days(conn: Connection, first: date | None = None, last: date | None = None) -> list[ClosedDay]:
    """The days the municipality closes, in date order (from `first`, through `last`, when given)."""
    query = select(t.closed_day).order_by(t.closed_day.c.day)
    if first is not None:
        query = query.where(t.closed_day.c.day >= first)
    if last is not None:
        query = query.where(t.closed_day.c.day <= last)
    return list(map(ClosedDay._make, conn.execute(query)))
