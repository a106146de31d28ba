"""Output in the formats scripts read: JSON and CSV, written directly and never through Rich; and the
choice between them and a table for people (samfam.output.terminal, imported only for tables)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from samfam.output.cells import Column, Row, cell, plain_value, spreadsheet_safe

FORMATS = ("table", "json", "csv")


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=plain_value) + "\n"


def write_json(data: Any, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(json_text(data))


def write_csv(rows: Iterable[Row], fields: Sequence[str], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([spreadsheet_safe(row.get(f), cell(row.get(f), "; ")) for f in fields] for row in rows)


def listing(
    rows: Sequence[Row],
    columns: Sequence[Column],
    fmt: str,
    *,
    fields: Sequence[str] | None = None,
    title: str | None = None,
    empty: str = "Nothing to show.",
    caption: str | None = None,
) -> None:
    """A list in the chosen format. JSON and CSV carry `fields` (default: every key of a row)."""
    keys = list(fields or (rows[0].keys() if rows else [c.key for c in columns]))
    if fmt == "json":
        write_json([{k: row.get(k) for k in keys} for row in rows] if fields else list(rows))
    elif fmt == "csv":
        write_csv(rows, keys)
    else:
        from samfam.output import terminal

        terminal.table(rows, columns, title=title, empty=empty, caption=caption)


def card(
    data: Row,
    fmt: str,
    sections: Sequence[tuple[str, str, Sequence[Column]]] = (),
    lines: Sequence[str] = (),
    title: str | None = None,
) -> None:
    """One record: JSON as an object; CSV as one row (lists of records as JSON cells); for people a card of
    key/value lines, then a table per section (key, heading, columns), then explanatory lines."""
    if fmt == "json":
        write_json(data)
        return
    if fmt == "csv":  # one row; lists of records go into their cell as JSON
        write_csv([data], list(data))
        return
    from samfam.output import terminal

    terminal.card(data, sections, lines, title)
