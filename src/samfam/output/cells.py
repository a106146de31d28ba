"""One value as text in a cell: shared by the JSON/CSV writers and the tables for people."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import samfam.words as words
from samfam.documents.text import UNSAFE, clean
from samfam.listing import Column, Row

__all__ = [
    "IN_WORDS",
    "UNSAFE",
    "Column",
    "Row",
    "cell",
    "clean",
    "days_overdue_words",
    "plain_value",
    "shown",
    "spreadsheet_safe",
    "visible",
]


def plain_value(value: Any) -> Any:
    """A JSON-ready value: ISO dates, UTC timestamps with Z."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def cell(value: Any, list_sep: str) -> str:
    kind = type(value)
    if kind is str:  # the common cases first: thousands of rows go through here
        return value
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if kind is date:
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return plain_value(value)
    if isinstance(value, list | tuple):
        if any(isinstance(v, dict) for v in value):  # records in one cell: JSON, for scripts to decode
            return json.dumps(value, ensure_ascii=False, default=plain_value)
        return list_sep.join(cell(v, list_sep) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=plain_value)
    return str(value)


# -- a value in words, for people (a table on the terminal, a Markdown document) ----------------------------


def days_overdue_words(days: Any) -> str:
    """For people: 12 → '12 days overdue', 0 → 'due today', -66 → 'due in 66 days' (JSON and CSV keep
    the number, negative for days left, as scripts rely on it)."""
    if not isinstance(days, int) or isinstance(days, bool):
        return cell(days, ", ")
    if days > 0:
        return words.plural(days, "{n} day overdue", "{n} days overdue")
    if days == 0:
        return words.text("due today")
    return words.plural(-days, "due in {n} day", "due in {n} days")


#: Values shown in words for people, by key.
IN_WORDS = {"days_overdue": days_overdue_words}


def shown(key: str, value: Any, say: Any = None, *, lang: str | None = None, ident: bool = False) -> str:
    """A listing's value as a person reads it in a table's cell (the terminal's, a Markdown document's), in the
    reader's language (or `lang`): a value shown in words by its key (IN_WORDS), yes or no, a phrase a rule
    made (samfam.words.Phrase, a reason), (`say`, the catalogue's lookup, for a column whose values are words)
    each word in it, and a number in the language's digits unless it is an identifier (`ident`, an id; a number
    in a list is one, as the actors an event was with)."""
    in_words = IN_WORDS.get(key)
    if in_words is not None and value is not None:
        return in_words(value)
    kind = type(value)
    if kind is bool:
        return words.text("yes", lang) if value else words.text("no", lang)
    if isinstance(value, words.Phrase):
        return words.phrased(value, lang)
    if say and kind is str:
        return str(say(value))
    if (kind is int or kind is float) and not ident:
        return words.figure(value, lang)
    if isinstance(value, list) and not any(isinstance(v, dict) for v in value):
        return ", ".join(shown("", v, say, lang=lang, ident=True) for v in value)
    return cell(value, ", ")


# -- user text that cannot break the output ------------------------------------------------------

#: The one neutraliser (samfam.documents.text.clean, below the documents and the output alike), by the
#: name the terminal and the workbook knew it by.
visible = clean


#: A spreadsheet reads a cell starting with these as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: The first characters of a cell that may need an apostrophe: a formula's, or an apostrophe already there.
_RISKY_FIRST = frozenset("".join(_FORMULA_START) + "'")


def _looks_neutralised(text: str) -> bool:
    """Apostrophes before formula text: what the import would take one apostrophe from."""
    return text[:1] == "'" and text.lstrip("'").startswith((*_FORMULA_START, "\n"))


def spreadsheet_safe(value: Any, text: str) -> str:
    """A CSV cell: text that came from a person and begins like a formula gets a leading apostrophe, as
    OWASP recommends; numbers and dates (a negative `days_overdue`) stay as they are."""
    if "\r" not in text and (not isinstance(value, str) or not text or text[0] not in _RISKY_FIRST):
        return text  # nearly every cell: nothing to do
    if isinstance(value, str) and (text.startswith(_FORMULA_START) or _looks_neutralised(text)):
        text = "'" + text  # also before text that already looks neutralised: an import removes exactly one
    # A carriage return inside a field: written as a newline, so that the field is quoted (the writer
    # quotes the characters of its own line ending, "\n", only) and every CSV reader reads one row.
    return text.replace("\r\n", "\n").replace("\r", "\n")
