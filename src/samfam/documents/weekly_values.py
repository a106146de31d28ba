"""Values as the weekly report's cells show them: dates, numbers, tracks, one-line text, a dash for nothing.

Every value may come as a Python value or as its JSON form (dates as ISO strings) and gives the same text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from samfam.documents.text import as_date, english_date, english_span, one_line

DASH = "—"
MAX_TEXT = 100  # free text (learning goals) is cut here to keep the tables compact

_TRACKS = {"3m": "3-month", "6w": "6-week"}


def iso_day(value: Any) -> str:
    """A date as ISO text; a string that is not a date is shown as it is."""
    d = as_date(value)
    if d is not None:
        return d.isoformat()
    return DASH if value in (None, "") else str(value)


def long_day(value: Any) -> str:
    d = as_date(value)
    return english_date(d) if d else text_of(value)


def date_span(start: Any, end: Any) -> str:
    a, b = as_date(start), as_date(end)
    if a is None or b is None:
        return f"{text_of(start)} to {text_of(end)}"
    return english_span(a, b)


def text_of(value: Any) -> str:
    if value is None or value == "":
        return DASH
    if isinstance(value, date):
        return iso_day(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(text_of(v) for v in value) if value else DASH
    return one_line(value)  # no newlines or tabs inside a cell


def cut(value: Any, limit: int = MAX_TEXT) -> str:
    text = text_of(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def int_or_none(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def float_or_none(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def number(value: Any) -> str:
    return DASH if value is None else str(value)


def signed(value: Any, digits: int = 0) -> str:
    if value is None:
        return DASH
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if digits:
        return f"{x:+.{digits}f}"
    return f"{int(x):+d}" if x else "0"


def track_name(value: Any) -> str:
    return _TRACKS.get(value, text_of(value)) if isinstance(value, str) else text_of(value)


def records(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key) or []
    return [r for r in value if isinstance(r, Mapping)]


def days_until(row: Mapping[str, Any], as_of: date | None) -> int | None:
    late = int_or_none(row.get("days_overdue"))
    if late is not None:
        return -late
    due = as_date(row.get("next_due"))
    return (due - as_of).days if due and as_of else None
