"""Writes about the statutory paragraphs granted on a case over time."""

from __future__ import annotations

from datetime import date

from samfam.actions.cases import refresh_track
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.rules.checks import (
    case_open_on,
    grant_start_within_reach,
    not_before_opening,
    not_under_both_laws,
    overlaps,
    reason_given,
)
from samfam.store import tables as t
from samfam.store.queries import cases as case_queries
from samfam.store.records import Case, Grant
from samfam.store.work import UnitOfWork
from samfam.views import lookups
from samfam.words import Phrase, mark, said


def add_grant(uow: UnitOfWork, ref: str | Case, code: str, start: date | None = None, end: date | None = None) -> Grant:
    with uow:
        canonical = lookups.paragraph(code)
        case = lookups.case(uow.conn, ref)
        start = start or uow.today
        case_open_on(case, uow.today, start, history=uow.history)
        not_before_opening(case, start, mark("grant start"))
        grant_start_within_reach(start, uow.today)
        if end is not None and end < start:
            raise InvalidValue("grant end {end} is before its start {start}", end=end, start=start)
        existing_grants = case_queries.grants_of(uow.conn, case.id)
        for existing in existing_grants:
            if existing.code == canonical and overlaps(start, end, existing.start, existing.end):
                raise Conflict(
                    "case {ref} already has {code} from {start} ({until}); end it first with 'samfam grant end'",
                    ref=case.ref,
                    code=canonical,
                    start=existing.start,
                    until=existing.end.isoformat() if existing.end else Phrase(mark("open-ended")),
                )
        not_under_both_laws(case.ref, canonical, start, end, [(g.code, g.start, g.end) for g in existing_grants])
        grant = Grant._make(uow.add(t.grants, case_id=case.id, code=canonical, start=start, end=end))
        refresh_track(uow, case.id)
        period = f"from {start.isoformat()}" + (f" to {end.isoformat()}" if end else "")
        uow.audit("grant.add", case.ref, f"{canonical} {period}")
        uow.commit()
        return grant


def end_grant(uow: UnitOfWork, ref: str, code: str, on: date | None = None) -> Grant:
    with uow:
        canonical = lookups.paragraph(code)
        case = lookups.case(uow.conn, ref)
        case_open_on(case, uow.today)
        on = on or uow.today
        candidates = case_queries.open_grants(uow.conn, case.id, canonical)
        if not candidates:
            running = sorted({g.code for g in case_queries.grants_of(uow.conn, case.id) if g.end is None})
            raise NotFound(
                "case {ref} has no open-ended grant {code}; open-ended grants: {running}",
                ref=case.ref,
                code=canonical,
                running=", ".join(running) or Phrase(mark("none")),
            )
        grant = candidates[-1]
        if on < grant.start:
            raise InvalidValue(
                "end date {on} is before {code} started ({start})",
                on=on,
                code=canonical,
                start=grant.start,
            )
        grant = Grant._make(uow.update(t.grants, grant.id, end=on))
        refresh_track(uow, case.id)
        uow.audit("grant.end", case.ref, f"{canonical} on {on.isoformat()}")
        uow.commit()
        return grant


def void_grant(uow: UnitOfWork, ref: str, which: str, reason: str) -> Grant:
    """A grant entered by mistake: as if it never applied (kept, marked void; the track is recomputed).

    `which` is the paragraph (when the case has one grant of it) or the grant's id. Unlike `grant end`,
    which says the grant applied until a date.
    """
    with uow:
        why = reason_given(reason, mark("voiding the grant"))
        case = lookups.case(uow.conn, ref)
        case_open_on(case, uow.today, history=uow.history)
        grants = case_queries.grants_of(uow.conn, case.id)
        if any(ch.isdigit() and not ch.isascii() for ch in which):
            raise UsageError("'{which}' is neither a paragraph nor a grant id; ids take the digits 0-9", which=which)
        if which.strip().isdigit():
            found = [g for g in grants if g.id == int(which)]
        else:
            code = lookups.paragraph(which)
            found = [g for g in grants if g.code == code]
        if not found:
            listed = ", ".join(
                said(
                    mark("{grant} ({code} from {start})"),
                    {"grant": str(g.id), "code": g.code, "start": g.start.isoformat()},
                )
                for g in grants
            )
            raise NotFound(
                "case {ref} has no grant '{which}' that is not void; its grants: {listed}",
                ref=case.ref,
                which=which,
                listed=listed or Phrase(mark("none")),
            )
        if len(found) > 1:
            ids = ", ".join(
                said(mark("{grant} (from {start})"), {"grant": str(g.id), "start": g.start.isoformat()}) for g in found
            )
            raise UsageError(
                "case {ref} has {code} more than once: {ids}; give the grant's id",
                ref=case.ref,
                code=found[0].code,
                ids=ids,
            )
        grant = Grant._make(uow.update(t.grants, found[0].id, voided_at=uow.now(), voided_by=uow.user, void_reason=why))
        refresh_track(uow, case.id)
        uow.audit("grant.void", case.ref, f"{grant.id} {grant.code} from {grant.start.isoformat()}: {why}")
        uow.commit()
        return grant
