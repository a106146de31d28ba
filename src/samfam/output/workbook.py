"""xlsx workbooks (openpyxl): a sheet per kind, a header row, then the rows; written 0600.

Text is always a text cell, never a formula: a name that begins with "=" is shown as typed and comes
back as typed when the workbook is imported. Dates are date cells, numbers number cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import samfam.files as files
from samfam.output.cells import visible


def write_workbook(path: str, sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]]) -> None:
    """`sheets`: (title, header, rows). The file holds personal data: only its owner may read it."""
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
    files.write_private(path, book.save)


def _value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, date, datetime)):
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # A spreadsheet cannot hold control characters: they are shown the way a terminal shows them.
    return ILLEGAL_CHARACTERS_RE.sub(lambda found: visible(found.group()), str(value))
