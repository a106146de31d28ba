"""Tables for people as a Markdown document (`-f markdown` of a command whose output is several tables, as
`dag`): a heading, then each table under a heading of its own, its cells in the words the terminal shows them
(samfam.output.cells.shown), a missing value as "—"."""

from __future__ import annotations

from collections.abc import Sequence

import samfam.words as words
from samfam.documents.text import clean, markdown_table, md_cell, md_text, one_line
from samfam.listing import Column, Row
from samfam.output.cells import shown


def table(rows: Sequence[Row], columns: Sequence[Column]) -> list[str]:
    """One table's lines: the columns' headers in the user's language, their alignment, a cell per value in
    the words and digits the terminal shows it in (samfam.output.cells.shown)."""
    lang = words.language()
    say = words.catalogue(lang).gettext
    return markdown_table(
        [md_cell(words.phrased(c.header, lang)) for c in columns],
        [
            [
                md_cell(one_line(shown(c.key, row.get(c.key), c.words and say, lang=lang, ident=c.ident)) or "—")
                for c in columns
            ]
            for row in rows
        ],
        right=[c.justify == "right" for c in columns],
    )


def section(
    title: str | None, rows: Sequence[Row], columns: Sequence[Column], empty: str, caption: str | None
) -> list[str]:
    """A table under its `## title`, or its `empty` words when it has no rows, then its caption."""
    lines = [f"## {md_text(title)}", ""] if title else []
    lines += table(rows, columns) if rows else [md_text(empty)]
    return lines + (["", md_text(caption)] if caption else [])


def document(title: str | None, blocks: Sequence[list[str] | str]) -> str:
    """`# title`, then each block (a section's lines, or a line of text: a paragraph; "" nothing), a blank
    line between them; user text made visible (samfam.documents.text.clean)."""
    out = [f"# {md_text(title)}"] if title else []
    for block in blocks:
        if isinstance(block, str):
            if not block:
                continue
            block = [md_text(block)]
        out += ["", *block] if out else block
    return clean("\n".join(out) + "\n")
