"""Writes about what happened on a case: meetings, visits, calls, and the actors who took part."""

from __future__ import annotations

from datetime import date

from samfam.errors import Conflict, InvalidValue, UsageError
from samfam.rules import events as event_rules
from samfam.rules.checks import case_open_on, not_before_opening, not_in_future, reason_given
from samfam.store import tables as t
from samfam.store.queries import cases as case_queries
from samfam.store.records import Case, Event
from samfam.store.work import UnitOfWork
from samfam.views import lookups
from samfam.words import mark


def add_event(
    uow: UnitOfWork,
    ref: str | Case,
    kind: str,
    on: date | None = None,
    note: str | None = None,
    scale: int | None = None,
    actors: tuple[int, ...] = (),
) -> Event:
    with uow:
        kind = event_rules.EVENT_WORDS.resolve(kind)  # English or Danish, stored in English
        if scale is not None:
            if not event_rules.counts_as_followup(kind):
                raise InvalidValue(
                    f"a Signs of Safety scale goes on a follow-up, not on '{kind}'; counting kinds: "
                    + ", ".join(event_rules.COUNTING_KINDS)
                )
            if scale not in event_rules.SCALE_RANGE:
                raise UsageError(f"scale {scale} is outside 0-10")
        case = lookups.case(uow.conn, ref)
        on = on or uow.today
        case_open_on(case, uow.today, on if uow.history else None, history=uow.history)
        not_before_opening(case, on, mark("event date"))
        not_in_future(on, uow.today, mark("event date"))
        if case.closed is not None and on > case.closed:
            raise Conflict(f"case {case.ref} was closed on {case.closed.isoformat()}; the event is after that")
        event = Event._make(
            uow.add(t.events, case_id=case.id, kind=kind, day=on, note=note or None, scale=scale, recorded_by=uow.user)
        )
        _took_part(uow, case, event, actors)
        with_actors = f", with actors {', '.join(map(str, dict.fromkeys(actors)))}" if actors else ""
        scale_text = f", scale {scale}" if scale is not None else ""
        uow.audit("event.add", case.ref, f"{kind} on {on.isoformat()}{scale_text}{with_actors}")
        uow.commit()
        return event


def _took_part(uow: UnitOfWork, case: Case, event: Event, actor_ids: tuple[int, ...]) -> None:
    for actor_id in dict.fromkeys(actor_ids):
        actor = lookups.actor(uow.conn, actor_id, case)
        if actor.until is not None and actor.until < event.day:
            raise InvalidValue(
                f"actor {actor.id} ({actor.name}) left case {case.ref} on {actor.until.isoformat()}, "
                f"before the {event.kind} on {event.day.isoformat()}"
            )
        uow.insert(t.event_actor, event_id=event.id, actor_id=actor_id)


# -- corrections: a correction never erases ------------------------------------------------------


def void_event(uow: UnitOfWork, event_id: int, reason: str) -> Event:
    """Mark an event void: it stays in the history (who, when, why) and counts for nothing."""
    with uow:
        why = reason_given(reason, mark("voiding the event"))
        event = lookups.event(uow.conn, event_id)
        case = lookups.case_by_id(uow.conn, event.case_id)
        case_open_on(case, uow.today, history=uow.history)
        if event.voided_at is not None:
            raise Conflict(_void_already(uow, event, "void"))
        event = Event._make(uow.update(t.events, event.id, voided_at=uow.now(), voided_by=uow.user, void_reason=why))
        uow.audit("event.void", case.ref, f"{event.id} ({event.kind} on {event.day.isoformat()}): {why}")
        uow.commit()
        return event


def _void_already(uow: UnitOfWork, event: Event, verb: str) -> str:
    """Why a void event cannot be voided or corrected again, and which event to `verb` instead: the one that
    replaced it (through every later correction to the one in force), or none (record it anew)."""
    said = f"event {event.id} is void already (by {event.voided_by}: {event.void_reason})"
    chain: list[int] = []
    current = event
    while (later := case_queries.correction_of(uow.conn, current.id)) is not None:
        chain.append(later.id)
        current = later
    if not chain:
        return f"{said}; nothing replaced it: record the event anew with 'samfam event add'"
    replaced = f"event {chain[0]} replaced it" + (
        f", corrected since by {', '.join(f'event {i}' for i in chain[1:])}" if len(chain) > 1 else ""
    )
    if current.voided_at is not None:
        return f"{said}; {replaced}, void too: record the event anew with 'samfam event add'"
    return f"{said}; {replaced}: {verb} event {current.id} instead"


def correct_event(
    uow: UnitOfWork,
    event_id: int,
    reason: str,
    on: date | None = None,
    kind: str | None = None,
    note: str | None = None,
    scale: int | None = None,
) -> Event:
    """Void an event and record the corrected one in its place, linked to it."""
    with uow:
        why = reason_given(reason, mark("the correction"))
        old = lookups.event(uow.conn, event_id)
        if old.voided_at is not None:
            raise Conflict(_void_already(uow, old, "correct"))
        if on is None and kind is None and note is None and scale is None:
            raise UsageError("nothing to correct; give --on, --kind, --note or --scale")
        kind = event_rules.EVENT_WORDS.resolve(kind) if kind is not None else None
        case = lookups.case_by_id(uow.conn, old.case_id)
        took_part = tuple(case_queries.event_actor_ids(uow.conn, [old.id]).get(old.id, []))
        void_event(uow, old.id, f"corrected: {why}")
        new = add_event(
            uow,
            case.ref,
            kind or old.kind,
            on or old.day,
            note if note is not None else old.note,
            scale if scale is not None else (old.scale if event_rules.counts_as_followup(kind or old.kind) else None),
            took_part,
        )
        new = Event._make(uow.update(t.events, new.id, corrects_id=old.id))
        uow.audit("event.correct", case.ref, f"{old.id} -> {new.id}: {why}")
        uow.commit()
        return new
