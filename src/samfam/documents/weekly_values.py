"""Values as the weekly report's cells show them: dates, numbers, tracks, one-line text, a dash for nothing.

Every value may come as a Python value or as its JSON form (dates as ISO strings) and gives the same text.
In the command's language (samfam.words): a date in running text and a number are written as Danish
writes them ("22. november 2026", "12,5") in Danish; the English is as it always was.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

import samfam.words as words
from samfam.documents.text import as_date, english_date, english_span, one_line
from samfam.rules.team import rhythm_words as rhythm_words  # for the terminal too (output sits above rules)
from samfam.words import mark

DASH = "—"
MAX_TEXT = 100  # free text (learning goals) is cut here to keep the tables compact

_TRACKS = {"3m": mark("3-month"), "6w": mark("6-week")}


def english() -> bool:
    """True when the report is written in English (the command's language)."""
    return words.language() == "en"


def iso_day(value: Any) -> str:
    """A date as ISO text; a string that is not a date is shown as it is."""
    d = as_date(value)
    if d is not None:
        return d.isoformat()
    return DASH if value in (None, "") else str(value)


def long_day(value: Any) -> str:
    """A date in running text: "22 November 2026"; in Danish "22. november 2026" (words.day)."""
    d = as_date(value)
    if d is None:
        return text_of(value)
    return english_date(d) if english() else words.day(d)


def date_span(start: Any, end: Any) -> str:
    """Two dates as a span, the month and year said once where they are shared: "16–22 November 2026",
    in Danish "16.–22. november 2026"."""
    a, b = as_date(start), as_date(end)
    if a is None or b is None:
        return words.text("{start} to {end}").format(start=text_of(start), end=text_of(end))
    if english():
        return english_span(a, b)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}.–{words.day(b)}"
    return f"{words.day(a)} – {words.day(b)}"


def text_of(value: Any) -> str:
    """A value as a cell shows it: a phrase a rule made (a reason, samfam.words.Phrase) in the command's
    language, a date as ISO, a list one item after another, other text on one line."""
    if value is None or value == "":
        return DASH
    if isinstance(value, words.Phrase):
        return one_line(words.phrased(value))
    if isinstance(value, date):
        return iso_day(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(text_of(v) for v in value) if value else DASH
    return one_line(value)  # no newlines or tabs inside a cell


def word(value: Any) -> str:
    """A value that is an English word the data keeps (a level, a kind, a status: marked where defined), in the
    command's language."""
    return one_line(words.text(value)) if isinstance(value, str) and value else text_of(value)


def team_label(data: Mapping[str, Any]) -> str:
    """The report's team, as its title says it: "Team Nord", or "All teams"."""
    team = data.get("team")
    return words.text("Team {team}").format(team=text_of(team)) if team else words.text("All teams")


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
    """A count or a figure in a cell or a sentence: in Danish with Danish separators (words.number)."""
    if value is None:
        return DASH
    if english() or isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return words.figure(value)  # a decimal with the digits it has: "7,0" as English has "7.0"


def decimal(value: float, digits: int) -> str:
    """A number with `digits` decimals, no sign: "12.5", in Danish "12,5"."""
    return f"{value:.{digits}f}" if english() else words.number(value, decimals=digits)


def signed(value: Any, digits: int = 0) -> str:
    if value is None:
        return DASH
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if english():
        if digits:
            return f"{x:+.{digits}f}"
        return f"{int(x):+d}" if x else "0"
    if not digits and not int(x):
        return "0"
    shown = abs(x) if digits else abs(int(x))
    return ("-" if x < 0 else "+") + words.number(shown, decimals=digits)


def track_name(value: Any) -> str:
    if isinstance(value, str) and value in _TRACKS:
        return words.text(_TRACKS[value])
    return text_of(value)


def records(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key) or []
    return [r for r in value if isinstance(r, Mapping)]


def days_until(row: Mapping[str, Any], as_of: date | None) -> int | None:
    late = int_or_none(row.get("days_overdue"))
    if late is not None:
        return -late
    due = as_date(row.get("next_due"))
    return (due - as_of).days if due and as_of else None
