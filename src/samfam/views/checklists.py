"""Handover checklists as the data shows them: each item done or not, and by whom.

An item is decided by the case's data (samfam.rules.handovers decides from the facts gathered here)
or ticked by a person, whose initials and time are kept.
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple, Protocol, TypedDict

from samfam.errors import NotFound, UsageError
from samfam.rules import events as event_rules
from samfam.rules import goals as goal_rules
from samfam.rules import handovers as handover_rules
from samfam.rules.cases import actor_on_case
from samfam.store.queries import care as care_queries
from samfam.store.queries import cases as case_queries
from samfam.store.records import Actor, Case, Conn, Event, Goal, Grant, Handover, HandoverTick
from samfam.words import Phrase


class PendingHandover(NamedTuple):
    """A handover not stored yet (the closure checklist a `case close` would need): no ticks."""

    kind: str
    started: date
    id: None = None


class HandoverOf(Protocol):
    """A handover whose checklist is shown: stored (`Handover`, a query's row of an open one) or pending."""

    @property
    def id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def started(self) -> date: ...


class ChecklistItem(TypedDict):
    """One item of a handover's checklist: done or not, and by whom ("data", or who ticked it)."""

    item: str
    label: str
    decided_by: str
    done: bool
    by: str | None
    at: datetime | None
    note: str | None


class Record(NamedTuple):
    """What a case's checklists and card are computed from, read once: goals, actors, grants and the
    events that count (not void). Four queries however many handovers the case has."""

    case_id: int
    born: date | None
    goals: Sequence[Goal]
    actors: Sequence[Actor]
    grants: Sequence[Grant]
    events: Sequence[Event]
    case: Case | None = None  # the case's own row, when the caller has it


def record(conn: Conn, case_id: int, born: date | None, case: Case | None = None) -> Record:
    return Record(
        case_id,
        born,
        care_queries.goals_of(conn, case_id),
        care_queries.actors_of(conn, case_id),
        case_queries.grants_of(conn, case_id),
        case_queries.events_of(conn, case_id),
        case,
    )


def facts(found: Record, handover: HandoverOf, on: date) -> handover_rules.CaseFacts:
    active_goals = [g for g in found.goals if goal_rules.is_active(g.status)]
    actors = [a for a in found.actors if actor_on_case(a.until, on)]
    counting = [e for e in found.events if e.day <= on and event_rules.counts_as_followup(e.kind)]
    last = max(counting, key=lambda e: (e.day, e.id), default=None)
    return handover_rules.CaseFacts(
        open_goals_without_owner_or_target=sum(1 for g in active_goals if g.target is None),
        scale_at_last_followup=last is not None and last.scale is not None,
        actors_without_coordinator=sum(1 for a in actors if a.coordinator is None),
        network_meeting_since_start=any(
            e.kind == "network-meeting" and e.day >= handover.started for e in found.events
        ),
        unfinished_goals=len(active_goals),
        open_grants=sum(1 for g in found.grants if g.end is None or g.end > on),
        born=found.born,
        handover_started=handover.started,
        adult_services_actor=any(a.kind == "adult-services" for a in actors),
    )


def checklist(
    conn: Conn, found: Record, handover: HandoverOf, on: date, ticks: Sequence[HandoverTick] | None = None
) -> list[ChecklistItem]:
    """Each item of a handover: done or not, and by whom (the data, or the person who ticked it).

    `ticks` are the handover's ticks when the caller has read them already (for several handovers at once).
    """
    if ticks is None:
        ticks = care_queries.ticks_of(conn, handover.id) if handover.id is not None else ()
    by_item = {t.item: t for t in ticks}
    case_facts = facts(found, handover, on)
    rows: list[ChecklistItem] = []
    for entry in handover_rules.CHECKLISTS[handover.kind]:
        tick = by_item.get(entry.key)
        by: str | None
        at: datetime | None
        if entry.decided_by == "data":
            done, by, at = handover_rules.data_item_done(entry.key, case_facts), Phrase(handover_rules.DATA), None
        else:
            done, by, at = tick is not None, (tick.ticked_by if tick else None), (tick.ticked_at if tick else None)
        rows.append(
            {
                "item": entry.key,
                "label": entry.label,
                "decided_by": entry.decided_by,
                "done": done,
                "by": by,
                "at": at,
                "note": tick.note if tick else None,
            }
        )
    return rows


def missing(rows: list[ChecklistItem]) -> list[str]:
    return [r["item"] for r in rows if not r["done"]]


def open_handover(conn: Conn, case: Case, kind: str | None = None, item: str | None = None) -> Handover:
    """The open handover a command means: by kind, or the only open one (holding `item`, if given)."""
    candidates = [h for h in care_queries.handovers_of(conn, case.id) if h.completed is None]
    if kind is not None:
        candidates = [h for h in candidates if h.kind == kind]
    if item is not None:
        candidates = [h for h in candidates if handover_rules.item(h.kind, item) is not None]
    if not candidates and kind and item:
        raise NotFound(
            "case {ref} has no open {kind} handover with item '{item}'; start one with 'samfam handover start REF "
            "KIND'",
            ref=case.ref,
            kind=kind,
            item=item,
        )
    if not candidates and kind:
        raise NotFound(
            "case {ref} has no open {kind} handover; start one with 'samfam handover start REF KIND'",
            ref=case.ref,
            kind=kind,
        )
    if not candidates and item:
        raise NotFound(
            "case {ref} has no open handover with item '{item}'; start one with 'samfam handover start REF KIND'",
            ref=case.ref,
            item=item,
        )
    if not candidates:
        raise NotFound("case {ref} has no open handover; start one with 'samfam handover start REF KIND'", ref=case.ref)
    if len(candidates) > 1:
        raise UsageError(
            "case {ref} has several open handovers ({kinds}); say which with --kind",
            ref=case.ref,
            kinds=", ".join(h.kind for h in candidates),
        )
    return candidates[0]
