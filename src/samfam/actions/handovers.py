"""Writes about handovers: starting one, ticking its items, completing it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from samfam.errors import Conflict, InvalidValue, UsageError
from samfam.rules import handovers as handover_rules
from samfam.rules.checks import case_open_on, not_before_opening, not_in_future
from samfam.store import tables as t
from samfam.store.queries import care as care_queries
from samfam.store.records import Case, Handover
from samfam.store.work import UnitOfWork
from samfam.views import checklists, lookups
from samfam.words import Phrase, mark


def begin(uow: UnitOfWork, case: Case, kind: str, on: date, detail: str | None = None) -> Handover:
    """Start a handover inside an open unit of work (also used by `case assign`)."""
    if kind not in handover_rules.KINDS:
        raise UsageError(
            "'{kind}' is not a handover kind; use one of: {kinds}", kind=kind, kinds=", ".join(handover_rules.KINDS)
        )
    if any(h.kind == kind and h.completed is None for h in care_queries.handovers_of(uow.conn, case.id)):
        raise Conflict(
            "case {ref} has an open {kind} handover already; see 'samfam handover show {ref}'", ref=case.ref, kind=kind
        )
    handover = Handover._make(
        uow.add(t.handover, case_id=case.id, kind=kind, started=on, started_by=uow.user, detail=detail)
    )
    uow.audit("handover.start", case.ref, kind + (f": {detail}" if detail else ""))
    return handover


def start_handover(uow: UnitOfWork, ref: str, kind: str, detail: str | None = None, on: date | None = None) -> Handover:
    with uow:
        case = lookups.case(uow.conn, ref)
        on = on or uow.today
        case_open_on(case, uow.today, on)
        not_before_opening(case, on, mark("handover start"))
        not_in_future(on, uow.today, mark("handover start"))
        handover = begin(uow, case, kind, on, detail)
        uow.commit()
        return handover


def tick_handover(uow: UnitOfWork, ref: str, item: str, kind: str | None = None, note: str | None = None) -> Handover:
    with uow:
        case = lookups.case(uow.conn, ref)
        case_open_on(case, uow.today)
        known = {
            i.key
            for h in care_queries.handovers_of(uow.conn, case.id)
            if h.completed is None
            for i in handover_rules.CHECKLISTS[h.kind]
        }
        handover = checklists.open_handover(uow.conn, case, kind, item if item in known else None)
        entry = handover_rules.item(handover.kind, item)
        if entry is None:
            keys = ", ".join(i.key for i in handover_rules.CHECKLISTS[handover.kind] if i.decided_by == "person")
            raise UsageError(
                "'{item}' is not an item of the {kind} handover; items to tick: {keys}",
                item=item,
                kind=handover.kind,
                keys=keys,
            )
        if entry.decided_by == "data":
            raise InvalidValue(
                "'{item}' ({label}) is decided by the case's data, not ticked; update the data",
                item=item,
                label=Phrase(entry.label),
            )
        if any(tick.item == item for tick in care_queries.ticks_of(uow.conn, handover.id)):
            raise Conflict(
                "'{item}' is ticked already on the {kind} handover of case {ref}",
                item=item,
                kind=handover.kind,
                ref=case.ref,
            )
        uow.insert(
            t.handover_tick,
            handover_id=handover.id,
            item=item,
            ticked_by=uow.user,
            ticked_at=datetime.now(UTC).replace(microsecond=0),
            note=note,
        )
        uow.audit("handover.tick", case.ref, f"{handover.kind}: {item}")
        uow.commit()
        return handover


def complete_handover(uow: UnitOfWork, ref: str, kind: str | None = None) -> Handover:
    with uow:
        case = lookups.case(uow.conn, ref)
        case_open_on(case, uow.today)
        handover = checklists.open_handover(uow.conn, case, kind)
        found = checklists.record(uow.conn, case.id, case.born)
        missing = checklists.missing(checklists.checklist(uow.conn, found, handover, uow.today))
        if missing:
            raise Conflict(
                "the {kind} handover of case {ref} is missing: {missing}",
                kind=handover.kind,
                ref=case.ref,
                missing=", ".join(missing),
            )
        handover = Handover._make(uow.update(t.handover, handover.id, completed=uow.today, completed_by=uow.user))
        uow.audit("handover.complete", case.ref, handover.kind)
        uow.commit()
        return handover
