"""The listings that need no database: the paragraph catalogue and the event kinds."""

from __future__ import annotations

from typing import Any

from samfam.errors import UsageError
from samfam.rules import events as event_rules
from samfam.rules.paragraphs import catalogue

Row = dict[str, Any]


def paragraph_list(law: str | None = None) -> list[Row]:
    if law is not None and law.upper() not in ("SEL", "BL"):
        raise UsageError(f"'{law}' is not a law; use SEL (Serviceloven) or BL (Barnets lov)")
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


def event_kind_list() -> list[Row]:
    return [
        {"kind": k.name, "counts": k.counts_as_followup, "danish": k.danish, "what": k.description}
        for k in event_rules.EVENT_KINDS
    ]
