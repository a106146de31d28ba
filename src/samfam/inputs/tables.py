"""A table from a CSV or xlsx file: its header and its rows as text (dates from Excel date cells as
dates), each with the line number a person sees in a spreadsheet.

CSV: comma or semicolon (detected from the header line), UTF-8 with or without a byte-order mark, or
Windows-1252 as Danish Excel writes it (the whole file one or the other: a UTF-8 file with one
Windows-1252 line is refused, naming the line). The table carries the dialect detected (`Sniffed`), so that
the refused rows are written as the file was. xlsx: the sheet `--sheet` names, else the sheet named
after the kind in English or Danish (`cases`, `Sager`: rules.transfer.SHEETS), else the first sheet, read
as a stream (openpyxl's read-only mode, its XML parsed by defusedxml: no entity expansion, no external
entities), after the zip's declared sizes and the sheet's declared dimension are checked. A formula cell
is refused (a value is data, a formula is not). A control character other than tab and line break is
refused in any cell, naming its line and column.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from samfam.errors import InvalidValue, UsageError, cannot_read
from samfam.rules.transfer import named_sheet, sheet_for

#: What samfam's CSV export puts an apostrophe before, against formula injection (OWASP): the same
#: characters as samfam.output.cells, where a carriage return is written as a newline (a test keeps them
#: equal). Only a CSV cell loses that apostrophe again; an xlsx cell is text as typed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

#: The largest file read: a department's data is far smaller; a mistake (a video, a disk image) is not.
MAX_BYTES = 200 * 1024 * 1024

#: An xlsx file is a zip of XML files: what they may unpack to, checked from the zip's directory before
#: any is parsed (a zip bomb: a 1 MB file of a 1 GiB XML comment). A member's declared size bounds what
#: Python's zipfile reads from it (more fails its CRC check).
MAX_XLSX_MEMBER = 100 * 1024 * 1024
MAX_XLSX_TOTAL = 150 * 1024 * 1024
#: The shared strings are held in memory whole (openpyxl), the sheet is streamed.
MAX_SHARED_STRINGS = 30 * 1024 * 1024
MAX_XLSX_MEMBERS = 1000
#: A sheet's size, declared (its dimension) or met: an import's columns are a dozen, its rows at most
#: Excel's 1,048,576.
MAX_COLUMNS = 100
MAX_ROWS = 1_048_576
MAX_CELLS = 10_000_000

#: Control characters other than tab, line feed and carriage return (C0, DEL and C1): never typed text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Sniffed(NamedTuple):
    """How a CSV file was written, as read: its delimiter ("," or ";", the header line's), its line end ("\r\n"
    or "\n", the header line's; "\n" for a file of one line without one) and its encoding ("utf-8-sig": UTF-8
    after a byte-order mark, "utf-8", or "cp1252")."""

    delimiter: str
    line_end: str
    encoding: str


@dataclass
class Table:
    source: str
    header: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (line number, cells)
    #: The CSV file's dialect; None for a workbook.
    dialect: Sniffed | None = None


def read_table(path: str, kind: str, sheet: str | None = None) -> Table:
    """The table of a CSV file, or of a workbook's sheet: `sheet` if given, else the one named after the kind in
    English or Danish (`cases`, `Sager`), else the first."""
    target = Path(path)
    if not target.is_file():
        raise InvalidValue("cannot read '{path}': no such file", path=path)
    if target.stat().st_size > MAX_BYTES:
        raise InvalidValue(
            "'{path}' is {n:,} bytes; an import file is at most {most:,}",
            path=path,
            n=target.stat().st_size,
            most=MAX_BYTES,
        )
    if target.suffix.casefold() in (".xlsx", ".xlsm"):
        return _xlsx(target, kind, sheet)
    if target.suffix.casefold() == ".xls":
        raise InvalidValue("'{path}' is an old Excel file (.xls); save it as .xlsx or CSV and import that", path=path)
    if sheet is not None:
        raise UsageError(
            "--sheet '{sheet}' names a sheet of an xlsx workbook; '{path}' is a CSV file", sheet=sheet, path=path
        )
    return _csv(target)


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """The file's text and its encoding (Sniffed.encoding)."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8 as a whole: Windows-1252 only if no line is UTF-8 text beyond ASCII (a UTF-8 file with one
    # Windows-1252 line read as Windows-1252 would store 'Søren' as 'SÃ¸ren').
    utf8_line = bad_line = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad_line = bad_line or number
        else:
            utf8_line = utf8_line or number
        if utf8_line and bad_line:
            raise InvalidValue(
                "'{path}' mixes encodings: line {utf8_line} is UTF-8 and line {bad_line} is not (Windows-1252?); "
                "save the whole file as CSV (UTF-8) and import that",
                path=path,
                utf8_line=str(utf8_line),
                bad_line=str(bad_line),
            )
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        raise InvalidValue("'{path}' is neither UTF-8 nor Windows-1252 text; save it as CSV (UTF-8)", path=path)
    return text, "cp1252"


def _csv(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(path, exc) from None
    if b"\x00" in data[:4096]:  # a binary file; a NUL further on is a cell's control character
        raise InvalidValue("'{path}' is not a CSV text file; give a .csv or .xlsx file", path=path)
    text, encoding = _decode(data, path)
    del data  # a million rows: the bytes, the text and the cells are not all held at once
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    dialect = Sniffed(delimiter, "\r\n" if first.endswith("\r") else "\n", encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    same: dict[str, str] = {}  # one string for a value met again (a case's reference, a kind, a day)
    try:
        header = next(reader, None)
        if header is None:
            raise InvalidValue(
                "'{path}' is empty; it needs a header row (see 'samfam import template KIND')", path=path
            )
        table = Table(str(path), [h.strip() for h in header], dialect=dialect)
        line = 1
        for cells in reader:
            line += 1
            if any(c.strip() for c in cells):
                kept = [_unneutralised(c) for c in cells]
                table.rows.append((line, [same.setdefault(c, c) if len(c) < 40 else c for c in kept]))
    except csv.Error as exc:
        raise InvalidValue("'{path}' is not readable as CSV: {reason}", path=path, reason=exc) from None
    if CONTROL.search(text):
        _refuse_control(table, header)
    return table


def _refuse_control(table: Table, header: list[Any]) -> None:
    """Name the first cell (line and column) holding a control character, if any."""
    for number, cell in enumerate(header, start=1):
        if isinstance(cell, str) and CONTROL.search(cell):
            raise InvalidValue(
                "'{source}' line 1 column {column}: the cell holds a control character ({char}); only tab and line "
                "break are text — save the file again from the program that made it, or remove the character",
                source=table.source,
                column=str(number),
                char=_control(cell),
            )
    for line, cells in table.rows:
        for number, cell in enumerate(cells):
            if isinstance(cell, str) and CONTROL.search(cell):
                name = table.header[number] if number < len(table.header) and table.header[number] else ""
                if name:
                    raise InvalidValue(
                        "'{source}' line {line} column {column} ({name}): the cell holds a control character "
                        "({char}); only tab and line break are text — save the file again from the program that "
                        "made it, or remove the character",
                        source=table.source,
                        line=str(line),
                        column=str(number + 1),
                        name=name,
                        char=_control(cell),
                    )
                raise InvalidValue(
                    "'{source}' line {line} column {column}: the cell holds a control character ({char}); only tab "
                    "and line break are text — save the file again from the program that made it, or remove the "
                    "character",
                    source=table.source,
                    line=str(line),
                    column=str(number + 1),
                    char=_control(cell),
                )


def _control(cell: str) -> str:
    """The first control character in `cell`, as U+XXXX."""
    found = CONTROL.search(cell)
    assert found is not None
    return f"U+{ord(found.group()):04X}"


def _unneutralised(cell: str) -> str:
    """A CSV cell as it was before samfam's export neutralised it: one apostrophe fewer before formula text
    (`'=…` → `=…`, `''=…` → `'=…`)."""
    return cell[1:] if cell[:1] == "'" and cell.lstrip("'").startswith(FORMULA_START) else cell


def _check_zip(path: Path) -> None:
    """Refuse an xlsx whose members would unpack beyond the limits, before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InvalidValue("'{path}' is not a readable xlsx workbook ({reason})", path=path, reason=exc) from None
    if len(members) > MAX_XLSX_MEMBERS:
        raise InvalidValue(
            "'{path}' holds {n:,} files; an xlsx workbook to import holds at most {most:,}",
            path=path,
            n=len(members),
            most=MAX_XLSX_MEMBERS,
        )
    total = 0
    for member in members:
        limit = MAX_SHARED_STRINGS if member.filename.endswith("sharedStrings.xml") else MAX_XLSX_MEMBER
        if member.file_size > limit:
            raise InvalidValue(
                "'{path}' unpacks {member} to {n:,} bytes; an import reads at most {most:,} (split the sheet, or save "
                "it as CSV)",
                path=path,
                member=member.filename,
                n=member.file_size,
                most=limit,
            )
        total += member.file_size
    if total > MAX_XLSX_TOTAL:
        raise InvalidValue(
            "'{path}' unpacks to {n:,} bytes; an import reads at most {most:,}", path=path, n=total, most=MAX_XLSX_TOTAL
        )


def _xlsx(path: Path, kind: str, asked: str | None = None) -> Table:
    import openpyxl
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    if not openpyxl.DEFUSEDXML:  # OPENPYXL_DEFUSEDXML=False in the environment
        raise InvalidValue("xlsx files are read only with defusedxml on: unset OPENPYXL_DEFUSEDXML")
    _check_zip(path)
    bad_xml = (DefusedXmlException, SyntaxError)  # expat's errors are SyntaxErrors (ParseError)
    try:
        book = load_workbook(path, read_only=True, data_only=False)  # formulas as formulas, not cached values
    except bad_xml as exc:
        raise _xml_error(path, exc) from None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        if isinstance(exc.__cause__, bad_xml):  # openpyxl wraps what the XML parser raised in a ValueError
            raise _xml_error(path, exc.__cause__) from None
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InvalidValue("'{path}' is not a readable xlsx workbook ({reason})", path=path, reason=reason) from None
    try:
        if asked is not None:
            name = named_sheet(asked, book.sheetnames)
            if name is None:
                known = ", ".join(f"'{n}'" for n in book.sheetnames)
                raise InvalidValue(
                    "'{path}' has no sheet '{sheet}'; its sheets: {known}", path=path, sheet=asked, known=known
                )
        else:
            name = sheet_for(kind, book.sheetnames)
        sheet = book[name] if name is not None else book.worksheets[0]
        rows, columns = sheet.max_row or 0, sheet.max_column or 0  # declared: the sheet's <dimension>
        if columns > MAX_COLUMNS or rows > MAX_ROWS or rows * columns > MAX_CELLS:
            raise InvalidValue(
                "sheet '{sheet}' of '{path}' declares {rows:,} rows × {columns:,} columns; an import reads at most "
                "{most_columns} columns and {most_cells:,} cells",
                sheet=sheet.title,
                path=path,
                rows=rows,
                columns=columns,
                most_columns=MAX_COLUMNS,
                most_cells=MAX_CELLS,
            )
        sheet.reset_dimensions()  # rows as they are in the file: no padding to a declared size
        return _sheet_rows(sheet, path, f"{path} (sheet {sheet.title})")
    except bad_xml as exc:
        raise _xml_error(path, exc) from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InvalidValue("'{path}' is not a readable xlsx workbook ({reason})", path=path, reason=reason) from None
    finally:
        book.close()


def _sheet_rows(sheet: Any, path: Path, source: str) -> Table:
    """The rows of `sheet` of the workbook `path` (`source`: where the import's report says a row is from)."""
    table: Table | None = None
    cells_read = 0
    for number, row in enumerate(sheet.iter_rows(), start=1):  # a missing row comes as ()
        if not row:
            continue
        if len(row) > MAX_COLUMNS or number > MAX_ROWS:
            raise InvalidValue(
                "sheet '{sheet}' of '{path}' has a cell in row {row:,}, column {column:,}; an import reads at most "
                "{most_columns} columns and {most_rows:,} rows",
                sheet=sheet.title,
                path=path,
                row=number,
                column=len(row),
                most_columns=MAX_COLUMNS,
                most_rows=MAX_ROWS,
            )
        cells_read += len(row)
        if cells_read > MAX_CELLS:
            raise InvalidValue(
                "sheet '{sheet}' of '{path}' holds more than {most:,} cells; split it or save it as CSV",
                sheet=sheet.title,
                path=path,
                most=MAX_CELLS,
            )
        for cell in row:
            if cell.data_type == "f":
                raise InvalidValue(
                    "sheet '{sheet}' of '{path}' cell {cell} is a formula ({formula}); an import takes values only: "
                    "copy the column and paste it as values",
                    sheet=sheet.title,
                    path=path,
                    cell=cell.coordinate,
                    formula=str(cell.value)[:40],
                )
        if table is None:
            if number != 1:
                raise InvalidValue(
                    "sheet '{sheet}' of '{path}' has no header in row 1; it needs a header row",
                    sheet=sheet.title,
                    path=path,
                )
            table = Table(source, [_text(c.value).strip() for c in row])
            continue
        values = [_cell(c.value) for c in row]
        if any(v not in (None, "") for v in values):
            table.rows.append((number, values))
    if table is None:
        raise InvalidValue("sheet '{sheet}' of '{path}' is empty; it needs a header row", sheet=sheet.title, path=path)
    if any(isinstance(c, str) and CONTROL.search(c) for _, cells in table.rows for c in cells) or any(
        CONTROL.search(h) for h in table.header
    ):
        _refuse_control(table, table.header)
    return table


def _xml_error(path: Path, exc: BaseException) -> InvalidValue:
    """A workbook whose XML samfam will not read: entities declared (refused), or broken XML."""
    from defusedxml import DefusedXmlException

    if isinstance(exc, DefusedXmlException):
        return InvalidValue(
            "'{path}' is not an xlsx workbook samfam reads: its XML declares entities (an entity expansion or an "
            "external entity), which are refused",
            path=path,
        )
    return InvalidValue(
        "'{path}' is not an xlsx workbook samfam reads: its XML is broken ({reason})",
        path=path,
        reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
    )


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
