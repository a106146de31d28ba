"""What happens on a case, and which of it counts as a follow-up (docs/rules.md § 4).

Informal availability between follow-ups (sms, phone, e-mail) is part of the model but does not
count; neither do conversations without the family present as a meeting, or meetings between
professionals only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    name: str
    counts_as_followup: bool
    danish: str
    description: str


EVENT_KINDS: tuple[EventKind, ...] = (
    #          name                  counts  Danish                  what it is
    EventKind("startup",             True,  "Opstartssamtale",      "startup conversation with child and family"),
    EventKind("followup",            True,  "Opfølgningsmøde",      "follow-up meeting with the family"),
    EventKind("home-visit",          True,  "Hjemmebesøg",          "home visit"),
    EventKind("network-meeting",     True,  "Netværksmøde",         "network meeting with family and professionals"),
    EventKind("assessment-meeting",  True,  "Vurderingsmøde",       "assessment meeting with the family (ICS)"),
    EventKind("analysis-meeting",    False, "Analysemøde",          "analysis meeting, professionals only"),
    EventKind("child-conversation",  False, "Børnesamtale",         "conversation with the child"),
    EventKind("child-observation",   False, "Observation af barnet", "observation of the child"),
    EventKind("case-meeting",        False, "Internt sagsmøde",     "internal case meeting in the team"),
    EventKind("phone",               False, "Telefonopkald",        "phone call (informal availability)"),
    EventKind("sms",                 False, "Sms",                  "text message (informal availability)"),
    EventKind("email",               False, "E-mail",               "e-mail (informal availability)"),
)  # fmt: skip

BY_NAME: dict[str, EventKind] = {kind.name: kind for kind in EVENT_KINDS}
COUNTING_KINDS: tuple[str, ...] = tuple(k.name for k in EVENT_KINDS if k.counts_as_followup)
SCALE_RANGE = range(0, 11)  # Signs of Safety: 0-10, 10 = safe / well enough to close


def counts_as_followup(kind: str) -> bool:
    return kind in COUNTING_KINDS
