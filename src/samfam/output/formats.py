"""Output in the formats of data: JSON, NDJSON and CSV (for scripts, and for Danish Excel), written directly and
never through Rich; the fields asked for (--fields); and the choice between them and a table for people
(samfam.output.terminal, imported only for tables)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TextIO

from samfam.errors import UsageError
from samfam.output.cells import UNSAFE, Column, Row, cell, clean, plain_value, spreadsheet_safe


class Dialect(NamedTuple):
    """How a CSV file is written: the cells' delimiter, each line's end, a UTF-8 byte-order mark first or not,
    and the decimal separator of a number that has one."""

    delimiter: str
    line_end: str
    bom: bool
    decimal: str = "."


#: For scripts: commas, "\n", UTF-8 without a byte-order mark (what `-f csv` has always written).
CSV = Dialect(",", "\n", False)
#: For a person in Excel with Danish settings: semicolons (its list separator; commas would put each row in
#: one column), a byte-order mark (without it Excel reads UTF-8 as Windows-1252: "ø" as "Ã¸"), CRLF line
#: ends (as Excel writes), a decimal comma (Danish Excel reads "1.5" as the 1st of May).
EXCEL = Dialect(";", "\r\n", True, ",")

#: The formats written as CSV, each with its dialect.
DIALECTS = {"csv": CSV, "excel": EXCEL}
CSV_FORMATS = tuple(DIALECTS)

#: The formats of data, not a table for people; --fields goes with these only. The one list of formats: every
#: listing's --format (samfam.cli.options.Format) takes FORMATS.
SCRIPT_FORMATS = ("json", "ndjson", *CSV_FORMATS)
FORMATS = ("table", *SCRIPT_FORMATS)


#: What JSON may hold unescaped but no output shows raw (samfam.output.cells.clean): DEL, the C1 controls, the
#: line separators (some line readers split on them: Python's str.splitlines, older JavaScript) and the bidi
#: overrides, written as \uXXXX escapes. The text is the same once read; every object of NDJSON stays on one line.
_ESCAPED = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}
_ESCAPED |= {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _escaped(text: str) -> str:
    """JSON text with the characters of `_ESCAPED` escaped: they occur only inside strings (C0 controls the
    encoder escapes itself)."""
    return text.translate(_ESCAPED) if UNSAFE.search(text) else text


def json_text(data: Any) -> str:
    return _escaped(json.dumps(data, ensure_ascii=False, indent=2, default=plain_value)) + "\n"


def write_json(data: Any, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(json_text(data))


def ndjson_text(rows: Iterable[Any]) -> str:
    """One JSON object a line (NDJSON), each line ending in a newline; nothing at all for no rows. The values
    are those of json_text: UTF-8, never ASCII-escaped, ISO dates."""
    return "".join(_escaped(json.dumps(row, ensure_ascii=False, default=plain_value)) + "\n" for row in rows)


def write_ndjson(rows: Iterable[Any], out: TextIO | None = None) -> None:
    (out or sys.stdout).write(ndjson_text(rows))


def check_fields(only: Sequence[str] | None, known: Sequence[str], fmt: str) -> None:
    """Refuse the fields --fields asked for (`only`) before anything is shown, unless each is one of the
    listing's fields (`known`) and the format one that scripts read. Nothing to check without --fields."""
    if only is None:
        return
    unknown = [name for name in only if name not in known]
    if len(unknown) == 1:
        raise UsageError(
            "unknown field '{name}' for --fields; valid fields: {known}", name=unknown[0], known=", ".join(known)
        )
    if unknown:
        raise UsageError(
            "unknown fields {named} for --fields; valid fields: {known}",
            named=", ".join(f"'{name}'" for name in unknown),
            known=", ".join(known),
        )
    if fmt not in SCRIPT_FORMATS:
        raise UsageError(
            "--fields chooses the fields of {formats} or {last} output; -f {fmt} shows its own: add {options} or "
            "-f {last}",
            formats=", ".join(SCRIPT_FORMATS[:-1]),
            last=SCRIPT_FORMATS[-1],
            fmt=fmt,
            options=", ".join(f"-f {f}" for f in SCRIPT_FORMATS[:-1]),
        )


def limited(rows: Iterable[Row], only: Sequence[str]) -> list[Row]:
    """Each row with the fields `only` names, in that order (a missing one as null)."""
    return [{k: row.get(k) for k in only} for row in rows]


def write_csv(rows: Iterable[Row], fields: Sequence[str], out: TextIO | None = None, dialect: Dialect = CSV) -> None:
    """A header of `fields`, then a line per row, in `dialect`. Text that begins like a formula gets an
    apostrophe in every dialect (samfam.output.cells.spreadsheet_safe)."""
    out = out or sys.stdout
    if dialect.bom:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator=dialect.line_end)
    writer.writerow([clean(f) for f in fields])
    if dialect.decimal == ".":  # csv: the hot path of a large listing, as it has always been
        writer.writerows([spreadsheet_safe(row.get(f), clean(cell(row.get(f), "; "))) for f in fields] for row in rows)
        return
    point = dialect.decimal
    writer.writerows(
        [_decimal(row.get(f), spreadsheet_safe(row.get(f), clean(cell(row.get(f), "; "))), point) for f in fields]
        for row in rows
    )


def _decimal(value: Any, text: str, point: str) -> str:
    """A number with a decimal point written with `point` instead; any other cell as it is."""
    return text.replace(".", point) if type(value) is float else text


def listing(
    rows: Sequence[Row],
    columns: Sequence[Column],
    fmt: str,
    *,
    fields: Sequence[str] | None = None,
    only: Sequence[str] | None = None,
    known: Sequence[str] | None = None,
    title: str | None = None,
    empty: str = "Nothing to show.",
    caption: str | None = None,
) -> None:
    """A list in the chosen format. JSON, NDJSON (one object a line) and CSV carry `fields` (default: every key
    of a row); with `only` (--fields) just those, in its order. `only` may name the listing's `known` fields
    (default: `fields`, else the columns' keys); an unknown one is refused before anything is shown, and so
    is `only` with the table."""
    check_fields(only, known or fields or [c.key for c in columns], fmt)
    keys = list(only or fields or (rows[0].keys() if rows else [c.key for c in columns]))
    if fmt in ("json", "ndjson"):
        shown = limited(rows, keys) if only or fields else list(rows)
        if fmt == "json":
            write_json(shown)
        else:
            write_ndjson(shown)
    elif fmt in DIALECTS:
        write_csv(rows, keys, dialect=DIALECTS[fmt])
    else:
        from samfam.output import terminal

        terminal.table(rows, columns, title=title, empty=empty, caption=caption)


def card(
    data: Row,
    fmt: str,
    sections: Sequence[tuple[str, str, Sequence[Column]]] = (),
    lines: Sequence[str] = (),
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    in_words: Collection[str] = (),
) -> None:
    """One record: JSON as an object; NDJSON as that object on one line; CSV as one row (lists of records as
    JSON cells); for people a card of key/value lines, then a table per section (key, heading, columns), then
    explanatory lines."""
    if fmt == "json":
        write_json(data)
        return
    if fmt == "ndjson":
        write_ndjson([data])
        return
    if fmt in DIALECTS:  # one row; lists of records go into their cell as JSON
        write_csv([data], list(data), dialect=DIALECTS[fmt])
        return
    from samfam.output import terminal

    terminal.card(data, sections, lines, title, labels=labels, in_words=in_words)
