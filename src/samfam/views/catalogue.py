"""The listings that need no database: the paragraph catalogue and the event kinds."""

from __future__ import annotations

from typing import TypedDict

from samfam.errors import UsageError
from samfam.listing import Column, Listing
from samfam.rules import events as event_rules
from samfam.rules.cadence import CATEGORY_WORDS
from samfam.rules.paragraphs import catalogue
from samfam.words import mark

#: How sure the mapping to the other law is (samfam.rules.paragraphs), as a table for people says it.
CONFIDENCE_WORDS = (mark("high"), mark("medium"))


class ParagraphRow(TypedDict):
    code: str
    law: str
    category: str
    title: str
    counterparts: list[str]
    confidence: str | None


PARAGRAPHS = Listing.of(
    ParagraphRow,
    (
        Column("code", "Code", keep=True),
        Column("law", "Law", keep=True),
        Column("category", "Category", keep=True, words=CATEGORY_WORDS),
        Column("title", "Title"),
        Column("counterparts", "Other law", drop=2),
        Column("confidence", "Mapping", keep=True, drop=1, words=CONFIDENCE_WORDS),
    ),
    every=False,
)


def paragraph_list(law: str | None = None) -> list[ParagraphRow]:
    if law is not None and law.upper() not in ("SEL", "BL"):
        raise UsageError("'{law}' is not a law; use SEL (Serviceloven) or BL (Barnets lov)", law=law)
    return [
        {
            "code": p.code,
            "law": p.law,
            "category": str(p.category),
            "title": p.title,
            "counterparts": list(p.counterparts),
            "confidence": p.confidence if p.counterparts else None,
        }
        for p in catalogue(law.upper() if law else None)
    ]


class EventKindRow(TypedDict):
    kind: str
    counts: bool
    danish: str
    what: str


EVENT_KINDS = Listing.of(
    EventKindRow,
    (
        Column("kind", "Kind", keep=True),
        Column("counts", "Counts as follow-up", keep=True),
        Column("danish", "Dansk"),
        Column("what", "What", words=tuple(k.description for k in event_rules.EVENT_KINDS)),
    ),
    every=False,
)


def event_kind_list() -> list[EventKindRow]:
    return [
        {"kind": k.name, "counts": k.counts_as_followup, "danish": k.danish, "what": k.description}
        for k in event_rules.EVENT_KINDS
    ]
