"""Systematic handovers, docs/rules.md § 6: the four kinds and what makes each complete.

Each checklist item is decided either by the data (`data`) or ticked by a person (`person`). Items
the data decides cannot be ticked: fix the data instead. Pure: the facts come in as plain values.
"""

from datetime import date
from typing import NamedTuple

from samfam.rules.dates import birthday
from samfam.words import mark

KINDS = (mark("advisor-change"), mark("new-professional"), mark("closure"), mark("transition"))
#: A handover's statuses, as the data keeps them.
STATUSES = (mark("open"), mark("complete"))


class Item(NamedTuple):
    key: str
    label: str  # English, marked: a table for people shows it in the reader's language
    decided_by: str  # DATA or PERSON


#: Who decides an item: the data, or a person who ticks it.
DATA = mark("data")
PERSON = mark("person")
DECIDERS = (DATA, PERSON)


CHECKLISTS: dict[str, tuple[Item, ...]] = {
    "advisor-change": (
        Item("goals-current",        mark("every open goal has an owner and a target date"),       DATA),
        Item("scale-recent",         mark("a Signs of Safety scale at the last follow-up"),         DATA),
        Item("actors-current",       mark("every actor on the case has an agreed coordinator"),     DATA),
        Item("family-told",          mark("the family is told who their new advisor is"),           PERSON),
        Item("handover-meeting",     mark("a handover meeting is held"),                            PERSON),
        Item("next-followup-booked", mark("the next follow-up is booked"),                          PERSON),
    ),
    "new-professional": (
        Item("goals-shared",         mark("the new actor is told the family's goals"),              PERSON),
        Item("network-meeting",      mark("a network meeting has been held since the handover began"), DATA),
        Item("coordinator-agreed",   mark("every actor on the case has an agreed coordinator"),     DATA),
    ),
    "closure": (
        Item("goals-finished",       mark("every goal is achieved or dropped"),                     DATA),
        Item("family-told",          mark("the family is told the case closes"),                    PERSON),
        Item("actors-told",          mark("the actors are told the case closes"),                   PERSON),
        Item("grants-ended",         mark("every grant has ended"),                                 DATA),
    ),
    "transition": (
        Item("started-by-16",        mark("the transition began by the 16th birthday"),             DATA),
        Item("adult-contact",        mark("an adult-services contact is named as an actor"),        DATA),
        Item("transition-meeting",   mark("a transition meeting is held"),                          PERSON),
        Item("topic-support",        mark("BL § 123 topic covered: support needs"),                 PERSON),
        Item("topic-education",      mark("BL § 123 topic covered: education"),                     PERSON),
        Item("topic-employment",     mark("BL § 123 topic covered: employment and income"),         PERSON),
        Item("topic-housing",        mark("BL § 123 topic covered: housing"),                       PERSON),
        Item("topic-social",         mark("BL § 123 topic covered: social circumstances"),          PERSON),
        Item("adult-decision",       mark("the adult-services decision is in place before 18"),     PERSON),
    ),
}  # fmt: skip


class CaseFacts(NamedTuple):
    """What the data says, for the items the data decides."""

    open_goals_without_owner_or_target: int
    scale_at_last_followup: bool
    actors_without_coordinator: int
    network_meeting_since_start: bool
    unfinished_goals: int
    open_grants: int
    born: date | None
    handover_started: date
    adult_services_actor: bool


def data_item_done(key: str, facts: CaseFacts) -> bool:
    if key == "goals-current":
        return facts.open_goals_without_owner_or_target == 0
    if key == "scale-recent":
        return facts.scale_at_last_followup
    if key in ("actors-current", "coordinator-agreed"):
        return facts.actors_without_coordinator == 0
    if key == "network-meeting":
        return facts.network_meeting_since_start
    if key == "goals-finished":
        return facts.unfinished_goals == 0
    if key == "grants-ended":
        return facts.open_grants == 0
    if key == "started-by-16":
        return facts.born is not None and facts.handover_started <= birthday(facts.born, 16)
    if key == "adult-contact":
        return facts.adult_services_actor
    raise KeyError(key)


def item(kind: str, key: str) -> Item | None:
    return next((i for i in CHECKLISTS[kind] if i.key == key), None)
