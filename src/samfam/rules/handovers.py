"""Systematic handovers, docs/rules.md § 6: the four kinds and what makes each complete.

Each checklist item is decided either by the data (`data`) or ticked by a person (`person`). Items
the data decides cannot be ticked: fix the data instead. Pure: the facts come in as plain values.
"""

from datetime import date
from typing import NamedTuple

from samfam.rules.dates import birthday
from samfam.words import mark

KINDS = (mark("advisor-change"), mark("new-professional"), mark("closure"), mark("transition"))


class Item(NamedTuple):
    key: str
    label: str
    decided_by: str  # "data" or "person"


CHECKLISTS: dict[str, tuple[Item, ...]] = {
    "advisor-change": (
        Item("goals-current",        "every open goal has an owner and a target date",       "data"),
        Item("scale-recent",         "a Signs of Safety scale at the last follow-up",         "data"),
        Item("actors-current",       "every actor on the case has an agreed coordinator",     "data"),
        Item("family-told",          "the family is told who their new advisor is",           "person"),
        Item("handover-meeting",     "a handover meeting is held",                            "person"),
        Item("next-followup-booked", "the next follow-up is booked",                          "person"),
    ),
    "new-professional": (
        Item("goals-shared",         "the new actor is told the family's goals",              "person"),
        Item("network-meeting",      "a network meeting has been held since the handover began", "data"),
        Item("coordinator-agreed",   "every actor on the case has an agreed coordinator",     "data"),
    ),
    "closure": (
        Item("goals-finished",       "every goal is achieved or dropped",                     "data"),
        Item("family-told",          "the family is told the case closes",                    "person"),
        Item("actors-told",          "the actors are told the case closes",                   "person"),
        Item("grants-ended",         "every grant has ended",                                 "data"),
    ),
    "transition": (
        Item("started-by-16",        "the transition began by the 16th birthday",             "data"),
        Item("adult-contact",        "an adult-services contact is named as an actor",        "data"),
        Item("transition-meeting",   "a transition meeting is held",                          "person"),
        Item("topic-support",        "BL § 123 topic covered: support needs",                 "person"),
        Item("topic-education",      "BL § 123 topic covered: education",                     "person"),
        Item("topic-employment",     "BL § 123 topic covered: employment and income",         "person"),
        Item("topic-housing",        "BL § 123 topic covered: housing",                       "person"),
        Item("topic-social",         "BL § 123 topic covered: social circumstances",          "person"),
        Item("adult-decision",       "the adult-services decision is in place before 18",     "person"),
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
