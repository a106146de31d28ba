"""xlsx workbooks (openpyxl): a sheet per kind, a header row, then the rows; written 0600. And the import's
own files written as such: a template (CSV text or a workbook), an export (a workbook, or a folder of
CSV files, one per kind) and the refused rows of an import (CSV in the dialect of the file imported).

Text is always a text cell, never a formula: a name that begins with "=" is shown as typed and comes
back as typed when the workbook is imported. Dates are date cells, numbers number cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import samfam.files as files
from samfam.errors import InvalidValue, UsageError, cannot_write
from samfam.output import streams
from samfam.output.cells import visible
from samfam.output.formats import CSV, CSV_FORMATS, DIALECTS, EXCEL, Dialect

#: The formats of an import template and of an export.
TEMPLATE_FORMATS = (*CSV_FORMATS, "xlsx")
EXPORT_FORMATS = ("json", *CSV_FORMATS, "xlsx")

#: A sheet or CSV file of the import's kind: (kind, its columns, its rows).
Kind = tuple[str, Sequence[str], Sequence[Mapping[str, Any]]]


def write_workbook(
    path: str, sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]], force: bool = False
) -> None:
    """`sheets`: (title, header, rows). The file holds personal data: only its owner may read it; an existing
    file is replaced only with `force` (samfam.files)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_value(v) for v in row])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
        for i, name in enumerate(header, start=1):
            sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(10, min(40, len(name) + 4))
        sheet.freeze_panes = "A2"
    files.write_private(path, book.save, force=force)


def _value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, date, datetime)):
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    # A spreadsheet cannot hold control characters, and a bidi override or a C1 control would mislead its
    # reader: the one neutraliser shows them as a terminal does (samfam.documents.text.clean).
    return visible(str(value))


def rejected_path(file: str, given: str | None) -> str:
    """Where an import's refused rows go: `--rejected`, else FILE.rejected.csv beside the file."""
    return given or f"{file}.rejected.csv"


def earlier_rejected(path: str) -> bool:
    """The default FILE.rejected.csv is an earlier import's refused rows of the same FILE (a plain file that
    begins with their header, in either delimiter, after a byte-order mark or not): the next import of FILE
    replaces it without --force. Any other file at that name is refused without --force."""
    target = Path(path)
    if target.is_symlink() or not target.is_file():
        return False
    try:
        with target.open("rb") as handle:
            start = handle.read(3 + len(b"line,reason,"))
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").startswith(_REJECTED_HEADERS)


#: The first cells of every file of refused rows (`rejected_text`), in each delimiter.
_REJECTED_HEADERS = tuple(sorted({f"line{d.delimiter}reason{d.delimiter}".encode() for d in DIALECTS.values()}))


def rejected_dialect(like: tuple[str, str, str] | None) -> Dialect:
    """The dialect of an import's refused rows: that of the file imported, so that the program that made it
    opens them alike (samfam.inputs.tables.Sniffed: its delimiter, its line end, its encoding). They are UTF-8
    with a byte-order mark if the file had one, and also if it was Windows-1252 (Danish Excel's "CSV
    (semikolonsepareret)"): Excel then reads "ø" as "ø", and so does the next import. A workbook's (None):
    the excel dialect, since its user works in Excel."""
    if like is None:
        return EXCEL
    delimiter, line_end, encoding = like
    return Dialect(delimiter, line_end, encoding != "utf-8")


def rejected_text(
    header: Sequence[str], rejected: Sequence[tuple[int, str, Sequence[Any]]], dialect: Dialect = CSV
) -> str:
    """An import's refused rows as CSV: each row's line and reason, then its cells as read."""
    import csv
    import io

    from samfam.output.cells import spreadsheet_safe

    buffer = io.StringIO()
    if dialect.bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator=dialect.line_end)
    writer.writerow(["line", "reason", *header])
    for line, reason, cells in rejected:
        shown = [c.isoformat() if hasattr(c, "isoformat") else str(c) for c in cells]
        writer.writerow([line, reason, *(spreadsheet_safe(c, c) for c in shown)])
    return buffer.getvalue()


def template_text(header: Sequence[str], example: Sequence[str], dialect: Dialect = CSV) -> str:
    """An import template as CSV: the header and one example row."""
    import csv
    import io

    buffer = io.StringIO()
    if dialect.bom:
        buffer.write("\ufeff")
    csv.writer(buffer, delimiter=dialect.delimiter, lineterminator=dialect.line_end).writerows([header, example])
    return buffer.getvalue()


def write_template(
    path: str | None, kind: str, header: Sequence[str], example: Sequence[str], force: bool = False
) -> None:
    """An import template as a workbook: one sheet, the header and one example row."""
    if path is None:
        raise UsageError("an xlsx template needs --output FILE.xlsx")
    streams.check_writable(path, force)
    write_workbook(path, [(kind, header, [example])], force)
    streams.wrote(path)


def check_export(fmt: str, path: str | None, force: bool = False) -> None:
    """Refuse an export's --output before anything is read: a workbook needs a file, CSV a folder."""
    if fmt == "xlsx" and path is None:
        raise UsageError("an xlsx export needs --output FILE.xlsx")
    if fmt in CSV_FORMATS and path is None:
        raise UsageError("a CSV export (-f {fmt}) is a file per kind: give --output FOLDER", fmt=fmt)
    if fmt in CSV_FORMATS:
        folder = Path(path or ".")
        if not str(path).strip():
            raise InvalidValue("--output is empty; give the folder for the CSV files")
        if folder.exists() and not folder.is_dir():
            raise InvalidValue("--output '{path}' is a file; a CSV export needs a folder", path=path)
    else:
        streams.check_writable(path, force)


def write_export(path: str | None, kinds: Sequence[Kind], force: bool = False) -> None:
    """An export as a workbook: a sheet per kind, in the import's columns."""
    sheets = [(kind, fields, [[r[f] for f in fields] for r in rows]) for kind, fields, rows in kinds]
    write_workbook(path or "", sheets, force)
    streams.wrote(path)


def write_export_folder(path: str | None, kinds: Sequence[Kind], force: bool = False, dialect: Dialect = CSV) -> None:
    """An export as CSV in `dialect`: KIND.csv per kind in the folder `path` (created 0700), each file 0600.
    Every file is checked before the first is written: an existing one is refused without `force`."""
    import io

    from samfam.output.formats import write_csv

    folder = Path(path or ".")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise cannot_write(folder, exc, folder=True) from None
    for kind, _, _ in kinds:
        files.check_target(folder / f"{kind}.csv", force=force)
    for kind, fields, rows in kinds:
        buffer = io.StringIO()
        write_csv(rows, fields, buffer, dialect)
        files.write_private(folder / f"{kind}.csv", buffer.getvalue(), force=force)
    streams.wrote(", ".join(f"{kind}.csv" for kind, _, _ in kinds), folder=str(folder))
