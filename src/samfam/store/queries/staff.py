"""Queries about staff: advisors by initials, by team, by id; their absences."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import Connection, Select, bindparam, select

from samfam.store import tables as t
from samfam.store.queries.scope import open_on, primary_on
from samfam.store.records import Absence, Advisor


@functools.cache
def _by_initials() -> Select[tuple[Advisor]]:
    return select(t.advisor).where(t.advisor.c.initials == bindparam("initials"))


def advisor_by_initials(conn: Connection, initials: str) -> Advisor | None:
    row = conn.execute(_by_initials(), {"initials": initials}).one_or_none()
    return None if row is None else Advisor._make(row)


def advisor_by_login(conn: Connection, login: str) -> Advisor | None:
    row = conn.execute(select(t.advisor).where(t.advisor.c.login == login)).one_or_none()
    return None if row is None else Advisor._make(row)


def advisors(conn: Connection, team: str | None = None) -> list[Advisor]:
    query = select(t.advisor).order_by(t.advisor.c.initials)
    if team:
        query = query.where(t.advisor.c.team == team)
    return list(map(Advisor._make, conn.execute(query)))


def initials_by_id(conn: Connection, ids: Sequence[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = conn.execute(select(t.advisor.c.id, t.advisor.c.initials).where(t.advisor.c.id.in_(wanted)))
    return dict(rows.all())


def advisor_directory(conn: Connection) -> dict[int, tuple[str, str | None]]:
    """id -> (initials, team) of every advisor: a few hundred rows, joined in Python."""
    return {
        row[0]: (row[1], row[2]) for row in conn.execute(select(t.advisor.c.id, t.advisor.c.initials, t.advisor.c.team))
    }


def initials_known(conn: Connection) -> list[str]:
    return list(conn.execute(select(t.advisor.c.initials).order_by(t.advisor.c.initials)).scalars())


def teams_known(conn: Connection) -> list[str]:
    query = select(t.advisor.c.team).where(t.advisor.c.team.is_not(None)).distinct().order_by(t.advisor.c.team)
    return list(conn.execute(query).scalars())


def departed(conn: Connection, as_of: date) -> dict[str, date]:
    """Initials -> leave day of every advisor who had departed on the as-of date, their leave day included
    (in SQL, the rule `rules.cases.has_left`)."""
    query = select(t.advisor.c.initials, t.advisor.c.left).where(t.advisor.c.left <= as_of)
    return dict(conn.execute(query).all())


def open_cases_of(conn: Connection, initials: tuple[str, ...], as_of: date) -> list[str]:
    """References of the open cases these advisors hold as primary advisor on the as-of date."""
    query = (
        select(t.cases.c.ref)
        .select_from(t.cases)
        .join(t.advisor, t.advisor.c.id == primary_on(as_of))
        .where(t.advisor.c.initials.in_(initials), open_on(as_of))
        .order_by(t.cases.c.ref)
    )
    return list(conn.execute(query).scalars())


def primary_holders(conn: Connection, as_of: date) -> set[str]:
    """Initials of the advisors who hold at least one case open on the as-of date (in SQL, the rule
    `rules.cases.is_open`) as its primary advisor on that date."""
    query = (
        select(t.advisor.c.initials)
        .select_from(t.cases)
        .join(t.advisor, t.advisor.c.id == primary_on(as_of))
        .where(open_on(as_of))
        .distinct()
    )
    return set(conn.execute(query).scalars())


class AbsenceRow(NamedTuple):
    """An absence with its advisor's initials and team."""

    id: int
    advisor_id: int
    advisor: str
    team: str | None
    start: date
    end: date
    reason: str | None


def _absence_rows() -> Select:
    """Absences with their advisor's initials and team: id, advisor_id, advisor, team, start, end, reason."""
    a = t.advisor_absence
    return select(
        a.c.id, a.c.advisor_id, t.advisor.c.initials.label("advisor"), t.advisor.c.team, a.c.start, a.c.end, a.c.reason
    ).join(t.advisor, t.advisor.c.id == a.c.advisor_id)


def absences(
    conn: Connection,
    first: date | None = None,
    last: date | None = None,
    advisor: str | None = None,
    team: str | None = None,
) -> list[AbsenceRow]:
    """Advisors' absences (as _absence_rows) that overlap the days from `first` through `last` (either may be
    open), of one advisor or team, in date order."""
    a = t.advisor_absence
    query = _absence_rows().order_by(a.c.start, t.advisor.c.initials, a.c.id)
    if first is not None:
        query = query.where(a.c.end >= first)
    if last is not None:
        query = query.where(a.c.start <= last)
    if advisor is not None:
        query = query.where(t.advisor.c.initials == advisor)
    if team is not None:
        query = query.where(t.advisor.c.team == team)
    return list(map(AbsenceRow._make, conn.execute(query)))


def absence(conn: Connection, absence_id: int) -> AbsenceRow | None:
    """One absence by its id (as _absence_rows)."""
    row = conn.execute(_absence_rows().where(t.advisor_absence.c.id == absence_id)).one_or_none()
    return None if row is None else AbsenceRow._make(row)


def overlapping_absence(conn: Connection, advisor_id: int, start: date, end: date) -> Absence | None:
    """The advisor's first absence that shares a day with the days from `start` through `end`, if any."""
    a = t.advisor_absence
    query = (
        select(a)
        .where(a.c.advisor_id == advisor_id, a.c.start <= end, a.c.end >= start)
        .order_by(a.c.start, a.c.id)
        .limit(1)
    )
    row = conn.execute(query).one_or_none()
    return None if row is None else Absence._make(row)
