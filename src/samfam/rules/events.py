"""What happens on a case, and which of it counts as a follow-up (docs/rules.md § 4).

Informal availability between follow-ups (sms, phone, e-mail) is part of the model but does not
count; neither do conversations without the family present as a meeting, or meetings between
professionals only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from samfam.rules.vocabulary import Word, Words
from samfam.words import Phrase, mark


class EventKind(NamedTuple):
    name: str
    counts_as_followup: bool
    danish: str
    description: str  # English, marked: a table for people shows it in the reader's language


EVENT_KINDS: tuple[EventKind, ...] = (
    #          name (marked)               counts  Danish                 what it is (marked)
    EventKind(mark("startup"),            True,  "Opstartssamtale",
              mark("startup conversation with child and family")),
    EventKind(mark("followup"),           True,  "Opfølgningsmøde",      mark("follow-up meeting with the family")),
    EventKind(mark("home-visit"),         True,  "Hjemmebesøg",          mark("home visit")),
    EventKind(mark("network-meeting"),    True,  "Netværksmøde",
              mark("network meeting with family and professionals")),
    EventKind(mark("assessment-meeting"), True,  "Vurderingsmøde",
              mark("assessment meeting with the family (ICS)")),
    EventKind(mark("analysis-meeting"),   False, "Analysemøde",          mark("analysis meeting, professionals only")),
    EventKind(mark("child-conversation"), False, "Børnesamtale",         mark("conversation with the child")),
    EventKind(mark("child-observation"),  False, "Observation af barnet", mark("observation of the child")),
    EventKind(mark("case-meeting"),       False, "Internt sagsmøde",     mark("internal case meeting in the team")),
    EventKind(mark("phone"),              False, "Telefonopkald",        mark("phone call (informal availability)")),
    EventKind(mark("sms"),                False, "Sms",                  mark("text message (informal availability)")),
    EventKind(mark("email"),              False, "E-mail",               mark("e-mail (informal availability)")),
    EventKind(mark("plan-decided"),       False, "Plan besluttet",
              mark("a child's or youth plan (BL § 91/108) decided")),
    EventKind(mark("plan-made"),          False, "Plan udarbejdet",      mark("the plan decided is made")),
)  # fmt: skip

#: The Danish words typed for a kind besides its Danish name, the first shown beside the English in lists.
TYPED_IN_DANISH: dict[str, tuple[str, ...]] = {
    "startup":            ("opstart",),
    "followup":           ("opfølgning",),
    "home-visit":         ("hjemmebesøg", "besøg i hjemmet"),
    "network-meeting":    ("netværksmøde",),
    "assessment-meeting": ("vurderingsmøde",),
    "analysis-meeting":   ("analysemøde",),
    "child-conversation": ("børnesamtale", "samtale med barnet"),
    "child-observation":  ("observation", "børneobservation"),
    "case-meeting":       ("sagsmøde",),
    "phone":              ("telefon", "opkald"),
    "sms":                ("sms",),
    "email":              ("mail",),
    "plan-decided":       ("plan besluttet", "handleplan besluttet"),
    "plan-made":          ("plan udarbejdet", "handleplan udarbejdet"),
}  # fmt: skip

#: The kinds as typed on the command line and in an import cell, in English or Danish (rules.vocabulary).
EVENT_WORDS = Words(mark("an event kind"), (Word(k.name, (*TYPED_IN_DANISH[k.name], k.danish)) for k in EVENT_KINDS))

BY_NAME: dict[str, EventKind] = {kind.name: kind for kind in EVENT_KINDS}
#: The kinds, as the data keeps them (English; a table for people shows them in the reader's language).
KINDS: tuple[str, ...] = tuple(BY_NAME)
COUNTING_KINDS: tuple[str, ...] = tuple(k.name for k in EVENT_KINDS if k.counts_as_followup)
SCALE_RANGE = range(0, 11)  # Signs of Safety: 0-10, 10 = safe / well enough to close


def counts_as_followup(kind: str) -> bool:
    return kind in COUNTING_KINDS


# -- the start of a case: what the model asks for in its first weeks (docs/rules.md § 8) ----------

#: (kinds that satisfy it, days after opening, the attention reason when missing)
START_OF_CASE: tuple[tuple[tuple[str, ...], int, str], ...] = (
    (("startup",), 30, Phrase(mark("no startup conversation within 30 days of opening"))),
    (
        ("child-conversation", "child-observation"),
        60,
        Phrase(mark("no child conversation or observation within 60 days")),
    ),
)


#: Every kind the start of a case looks for.
START_KINDS: tuple[str, ...] = tuple(sorted({kind for kinds, _, _ in START_OF_CASE for kind in kinds}))


def first_days(kind_days: Iterable[tuple[str, date]]) -> dict[str, date]:
    """Each event kind with the first day it happened, from (kind, day) pairs in any order."""
    first_of: dict[str, date] = {}
    for kind, day in kind_days:
        if kind not in first_of or day < first_of[kind]:
            first_of[kind] = day
    return first_of


def start_attention(opened: date, first_of: dict[str, date], as_of: date) -> list[str]:
    """Reasons an open case needs attention at its start: a kind the model asks for that has not
    happened within its days of the opening, once those days have passed.

    `first_of` maps each event kind to the first (not void) day it happened on the case.
    """
    reasons = []
    for kinds, days, reason in START_OF_CASE:
        deadline = opened + timedelta(days=days)
        if as_of <= deadline:
            continue
        firsts = [first_of[k] for k in kinds if k in first_of]
        if not any(day <= deadline for day in firsts):
            reasons.append(reason)
    return reasons


class ScaleTrend(NamedTuple):
    """The Signs of Safety scale over a case's follow-ups: first, latest and the change between."""

    first: int
    latest: int
    change: int
    measurements: int


def scale_trend(scales: list[tuple[date, int]]) -> ScaleTrend | None:
    """The trend of (day, scale) measurements, oldest first; None without any."""
    if not scales:
        return None
    ordered = sorted(scales)
    return ScaleTrend(ordered[0][1], ordered[-1][1], ordered[-1][1] - ordered[0][1], len(ordered))
