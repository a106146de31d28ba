"""What a listing is, defined once beside its row type: its fields (the JSON order and the names `--fields`
takes) and its columns for people (header, alignment, what may wrap, what is dropped first on a narrow
terminal, what is never cut).

A view defines its listing here-shaped (`Listing(...)`) next to the rows it returns, and `samfam.output.emit`
writes it in every format; the command layer names neither fields nor columns. Headers are the English
text of a message in `samfam.words`, looked up by it when a table is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

#: A row of a listing as the output writes it: field name -> plain value, in the listing's field order.
Row = dict[str, Any]

Justify = Literal["left", "right"]


class Column(NamedTuple):
    """One column of a table for people.

    `header` is the English text of the column's heading (the catalogue's key, `samfam.words`).
    `keep`: never cut or wrapped (a case reference, a date, initials, a number): on a narrow terminal the
    other columns give way first, and its header wraps at its words, never within one. `wrap`: free text
    that may wrap onto several lines (notes, names, reasons); a column neither kept nor wrapped is cut with
    "…". `drop`: hidden on a terminal too narrow for the table even so, highest first (0: never hidden); a
    line under the table counts them, and `--wide` shows them (samfam.output.terminal.fit). `words`: its
    values are English words for people (a follow-up's level, a track), the words it may show, each marked
    with `samfam.words.mark` where it is defined (`words=cadence.LEVELS`): a table for people shows them in
    the reader's language; JSON and CSV keep them as they are (tests/test_cli_danish_output.py holds each to
    its Danish). `ident`: its numbers are identifiers (an id, an audit row), written as they are; a table for
    people writes other numbers in the reader's digits ("1.234,5" in Danish).
    """

    key: str
    header: str
    justify: Justify = "left"
    keep: bool = False
    wrap: bool = True
    drop: int = 0
    words: bool | tuple[str, ...] = False
    ident: bool = False


class Listing(NamedTuple):
    """A listing's definition: its columns for people; `fields`, what JSON, NDJSON and CSV carry, in order
    (default: every key of a row, in the row's order); `known`, the names `--fields` may choose from
    (default: `fields`, else the columns' keys)."""

    columns: tuple[Column, ...]
    fields: tuple[str, ...] | None = None
    known: tuple[str, ...] | None = None

    @classmethod
    def of(
        cls, row: type[Any], columns: Sequence[Column], *, known: Sequence[str] | None = None, every: bool = True
    ) -> Listing:
        """The listing of a row type (a `TypedDict`): its fields are the row type's keys, in their order.
        `every=False`: JSON and CSV carry each row's own keys (a row type with keys not every row has)."""
        fields = tuple(row.__annotations__)
        return cls(tuple(columns), fields if every else None, tuple(known) if known else (None if every else fields))

    @property
    def names(self) -> tuple[str, ...]:
        """The names `--fields` may choose from."""
        return self.known or self.fields or tuple(c.key for c in self.columns)

    def with_columns(self, columns: Sequence[Column]) -> Listing:
        return Listing(tuple(columns), self.fields, self.known)
