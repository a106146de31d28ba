"""Writes about the statutory paragraphs granted on a case over time."""

from __future__ import annotations

from datetime import date
from typing import Any

from samfam.actions.cases import refresh_track
from samfam.actions.checks import case_open_on, not_before_opening
from samfam.errors import Conflict, InvalidValue, NotFound
from samfam.store import tables as t
from samfam.store.queries import cases as case_queries
from samfam.store.work import UnitOfWork
from samfam.views import lookups


def _overlap(grant: Any, start: date, end: date | None) -> bool:
    return (grant.end is None or start <= grant.end) and (end is None or grant.start <= end)


def add_grant(uow: UnitOfWork, ref: str, code: str, start: date | None = None, end: date | None = None) -> Any:
    with uow:
        canonical = lookups.paragraph(code)
        case = lookups.case(uow.conn, ref)
        start = start or uow.today
        case_open_on(case, start)
        not_before_opening(case, start, "grant start")
        if end is not None and end < start:
            raise InvalidValue(f"grant end {end.isoformat()} is before its start {start.isoformat()}")
        for existing in case_queries.grants_of(uow.conn, case.id):
            if existing.code == canonical and _overlap(existing, start, end):
                until = existing.end.isoformat() if existing.end else "open-ended"
                raise Conflict(
                    f"case {case.ref} already has {canonical} from {existing.start.isoformat()} "
                    f"({until}); end it first with 'samfam grant end'"
                )
        grant = uow.add(t.grants, case_id=case.id, code=canonical, start=start, end=end)
        refresh_track(uow, case.id)
        period = f"from {start.isoformat()}" + (f" to {end.isoformat()}" if end else "")
        uow.audit("grant.add", case.ref, f"{canonical} {period}")
        uow.commit()
        return grant


def end_grant(uow: UnitOfWork, ref: str, code: str, on: date | None = None) -> Any:
    with uow:
        canonical = lookups.paragraph(code)
        case = lookups.case(uow.conn, ref)
        on = on or uow.today
        candidates = case_queries.open_grants(uow.conn, case.id, canonical)
        if not candidates:
            running = sorted({g.code for g in case_queries.grants_of(uow.conn, case.id) if g.end is None})
            raise NotFound(
                f"case {case.ref} has no open-ended grant {canonical}; open-ended grants: "
                + (", ".join(running) or "none")
            )
        grant = candidates[-1]
        if on < grant.start:
            raise InvalidValue(f"end date {on.isoformat()} is before {canonical} started ({grant.start.isoformat()})")
        grant = uow.update(t.grants, grant.id, end=on)
        refresh_track(uow, case.id)
        uow.audit("grant.end", case.ref, f"{canonical} on {on.isoformat()}")
        uow.commit()
        return grant
