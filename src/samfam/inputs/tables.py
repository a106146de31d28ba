"""A table from a CSV or xlsx file: its header and its rows as text (dates from Excel date cells as
dates), each with the line number a person sees in a spreadsheet.

CSV: comma or semicolon (detected from the header line), UTF-8 with or without a byte-order mark, or
Windows-1252 as Danish Excel writes it. xlsx: the sheet named after the kind, else the first sheet.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from samfam.errors import InvalidValue

#: What samfam's CSV export puts an apostrophe before, against formula injection (OWASP): the same
#: characters as samfam.output.cells, where a carriage return is written as a newline (a test keeps them
#: equal). Only a CSV cell loses that apostrophe again; an xlsx cell is text as typed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

#: The largest file read: a department's data is far smaller; a mistake (a video, a disk image) is not.
MAX_BYTES = 200 * 1024 * 1024


@dataclass
class Table:
    source: str
    header: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (line number, cells)


def read_table(path: str, kind: str) -> Table:
    target = Path(path)
    if not target.is_file():
        raise InvalidValue(f"cannot read '{path}': no such file")
    if target.stat().st_size > MAX_BYTES:
        raise InvalidValue(f"'{path}' is {target.stat().st_size:,} bytes; an import file is at most {MAX_BYTES:,}")
    if target.suffix.casefold() in (".xlsx", ".xlsm"):
        return _xlsx(target, kind)
    if target.suffix.casefold() == ".xls":
        raise InvalidValue(f"'{path}' is an old Excel file (.xls); save it as .xlsx or CSV and import that")
    return _csv(target)


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if "\ufffd" in text:
            raise InvalidValue(f"'{path}' is neither UTF-8 nor Windows-1252 text; save it as CSV (UTF-8)") from None
        return text


def _csv(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidValue(f"cannot read '{path}': {exc.strerror}") from None
    if b"\x00" in data[:4096]:
        raise InvalidValue(f"'{path}' is not a CSV text file; give a .csv or .xlsx file")
    text = _decode(data, path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InvalidValue(f"'{path}' is not readable as CSV: {exc}") from None
    if not rows:
        raise InvalidValue(f"'{path}' is empty; it needs a header row (see 'samfam import template KIND')")
    table = Table(str(path), [h.strip() for h in rows[0]])
    line = 1
    for cells in rows[1:]:
        line += 1
        if any(c.strip() for c in cells):
            table.rows.append((line, [_unneutralised(c) for c in cells]))
    return table


def _unneutralised(cell: str) -> str:
    """A CSV cell as it was before samfam's export neutralised it: one apostrophe fewer before formula text
    (`'=…` → `=…`, `''=…` → `'=…`)."""
    return cell[1:] if cell[:1] == "'" and cell.lstrip("'").startswith(FORMULA_START) else cell


def _xlsx(path: Path, kind: str) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InvalidValue(f"'{path}' is not a readable xlsx workbook ({exc})") from None
    try:
        sheet = book[kind] if kind in book.sheetnames else book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header_cells = next(lines, None)
        if header_cells is None:
            raise InvalidValue(f"sheet '{sheet.title}' of '{path}' is empty; it needs a header row")
        table = Table(f"{path} (sheet {sheet.title})", [_text(c).strip() for c in header_cells])
        for number, cells in enumerate(lines, start=2):
            values = [_cell(c) for c in cells]
            if any(v not in (None, "") for v in values):
                table.rows.append((number, values))
        return table
    finally:
        book.close()


def _cell(value: Any) -> Any:
    """A date cell is a date; a whole number stays a number's text; everything else is text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
