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
from samfam.words import mark, said


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
                    "a Signs of Safety scale goes on a follow-up, not on '{kind}'; counting kinds: {kinds}",
                    kind=kind,
                    kinds=", ".join(event_rules.COUNTING_KINDS),
                )
            if scale not in event_rules.SCALE_RANGE:
                raise UsageError("scale {scale} is outside 0-10", scale=scale)
        case = lookups.case(uow.conn, ref)
        on = on or uow.today
        case_open_on(case, uow.today, on if uow.history else None, history=uow.history)
        not_before_opening(case, on, mark("event date"))
        not_in_future(on, uow.today, mark("event date"))
        if case.closed is not None and on > case.closed:
            raise Conflict(
                "case {ref} was closed on {closed}; the event is after that",
                ref=case.ref,
                closed=case.closed,
            )
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
                "actor {actor} ({name}) left case {ref} on {until}, before the {kind} on {day}",
                actor=str(actor.id),
                name=actor.name,
                ref=case.ref,
                until=actor.until,
                kind=event.kind,
                day=event.day,
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
            raise _void_already(uow, event, "void")
        event = Event._make(uow.update(t.events, event.id, voided_at=uow.now(), voided_by=uow.user, void_reason=why))
        uow.audit("event.void", case.ref, f"{event.id} ({event.kind} on {event.day.isoformat()}): {why}")
        uow.commit()
        return event


def _void_already(uow: UnitOfWork, event: Event, verb: str) -> Conflict:
    """Why a void event cannot be voided or corrected again ("void" or "correct", `verb`), and which event to
    `verb` instead: the one that replaced it (through every later correction to the one in force), or none
    (record it anew)."""
    void = {"event": str(event.id), "by": event.voided_by, "reason": event.void_reason}
    chain: list[int] = []
    current = event
    while (later := case_queries.correction_of(uow.conn, current.id)) is not None:
        chain.append(later.id)
        current = later
    if not chain:
        return Conflict(
            "event {event} is void already (by {by}: {reason}); nothing replaced it: record the event anew "
            "with 'samfam event add'",
            **void,
        )
    if len(chain) > 1:
        since = ", ".join(said(mark("event {event}"), {"event": str(i)}) for i in chain[1:])
        replaced = said(
            mark("event {event} replaced it, corrected since by {since}"), {"event": str(chain[0]), "since": since}
        )
    else:
        replaced = said(mark("event {event} replaced it"), {"event": str(chain[0])})
    if current.voided_at is not None:
        return Conflict(
            "event {event} is void already (by {by}: {reason}); {replaced}, void too: record the event anew "
            "with 'samfam event add'",
            replaced=replaced,
            **void,
        )
    if verb == "void":
        return Conflict(
            "event {event} is void already (by {by}: {reason}); {replaced}: void event {current} instead",
            replaced=replaced,
            current=str(current.id),
            **void,
        )
    return Conflict(
        "event {event} is void already (by {by}: {reason}); {replaced}: correct event {current} instead",
        replaced=replaced,
        current=str(current.id),
        **void,
    )


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
            raise _void_already(uow, old, "correct")
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
