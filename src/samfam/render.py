"""Output. Tables for people go through Rich; JSON and CSV are written directly, never through Rich.

The only module that imports rich.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TextIO

FORMATS = ("table", "json", "csv")

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    justify: str = "left"


def _plain(value: Any) -> Any:
    """A JSON-ready value: ISO dates, UTC timestamps with Z."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _cell(value: Any, list_sep: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return _plain(value)
    if isinstance(value, list | tuple):
        return list_sep.join(_cell(v, list_sep) for v in value)
    return str(value)


def write_json(data: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    json.dump(data, out, ensure_ascii=False, indent=2, default=_plain)
    out.write("\n")


def write_csv(rows: Iterable[Row], fields: Sequence[str], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([_cell(row.get(f), "; ") for f in fields] for row in rows)


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console.width = max(console.width, 160)  # pipes and cron: no wrapping at 80 columns
    return console


def table(
    rows: Sequence[Row],
    columns: Sequence[Column],
    title: str | None = None,
    empty: str = "Nothing to show.",
    caption: str | None = None,
) -> None:
    from rich.table import Table

    console = _console()
    if not rows:
        if title:
            console.print(f"[bold]{title}[/bold]")
        console.print(empty)
        return
    grid = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for column in columns:
        grid.add_column(column.header, justify=column.justify)  # type: ignore[arg-type]
    for row in rows:
        grid.add_row(*(_cell(row.get(c.key), ", ") or "—" for c in columns))
    console.print(grid)


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
    if fmt == "json":
        write_json(list(rows))
    elif fmt == "csv":
        keys = list(fields or (rows[0].keys() if rows else [c.key for c in columns]))
        write_csv(rows, keys)
    else:
        table(rows, columns, title=title, empty=empty, caption=caption)


def card(
    data: Row,
    fmt: str,
    sections: Sequence[tuple[str, str, Sequence[Column]]] = (),
    lines: Sequence[str] = (),
    title: str | None = None,
) -> None:
    """One record: JSON as an object; CSV as one row of its plain fields; for people a card of
    key/value lines, then a table per section (key, heading, columns), then explanatory lines."""
    if fmt == "json":
        write_json(data)
        return
    nested = {key for key, _, _ in sections} | {
        k for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], dict)
    }
    plain_keys = [k for k in data if k not in nested and k != "explanation"]
    if fmt == "csv":
        write_csv([data], plain_keys)
        return
    from rich.table import Table

    console = _console()
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key in plain_keys:
        grid.add_row(key.replace("_", " "), _cell(data[key], ", ") or "—")
    if title:
        console.print(f"[bold]{title}[/bold]")
    console.print(grid)
    for key, heading, columns in sections:
        console.print()
        table(data.get(key) or [], columns, title=heading, empty="none")
    if lines:
        console.print()
        for line in lines:
            console.print(line)


def message(text: str) -> None:
    """A confirmation for people, on stdout."""
    sys.stdout.write(text + "\n")


def note(text: str) -> None:
    """A remark that is not the command's output (hints, warnings), on stderr."""
    sys.stderr.write(text + "\n")


def error(text: str) -> None:
    sys.stderr.write(f"Error: {text}\n")


def output(text: str, path: str | None) -> None:
    """A document to stdout, or to a file (UTF-8)."""
    if path is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from pathlib import Path

    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        from samfam.errors import InvalidValue

        raise InvalidValue(f"cannot write '{path}': {exc.strerror}") from None
    note(f"Wrote {path}.")
