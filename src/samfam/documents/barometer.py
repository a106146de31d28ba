"""The barometer as Markdown: its title and one table, a row per advisor and the total (samfam.views.barometer)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import samfam.words as words
from samfam.documents.text import clean, markdown_table, md_cell
from samfam.listing import Column


def markdown(
    start: date, end: date, team: str | None, rows: Sequence[Mapping[str, object]], columns: Sequence[Column]
) -> str:
    """The barometer from `start` through `end` (of `team`, if one) as a Markdown document: the columns'
    headers and alignment, a missing figure as '–'."""
    lines = [
        words.text("# Barometer {start} – {end}").format(start=words.day(start), end=words.day(end))
        + (words.text(", team {team}").format(team=team) if team else ""),
        "",
        *markdown_table(
            [words.text(c.header) for c in columns],
            [[md_cell(_text(r[c.key], c.ident) or "–") for c in columns] for r in rows],
            right=[c.justify == "right" for c in columns],
        ),
    ]
    return clean("\n".join(lines) + "\n")


def _text(value: object, ident: bool = False) -> str:
    """A figure as text: a number in the reader's digits ("1.017", "94,2" in Danish), a phrase (the total's
    "all") in the reader's words, initials as written, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, words.Phrase):
        return words.phrased(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and not ident:
        return words.figure(value)
    return str(value)
