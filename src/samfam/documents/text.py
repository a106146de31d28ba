"""Text for both documents (the family's plan, the weekly report): escaping, dates, Markdown and HTML tables.

Pure standard library, no locale: the month names are written out here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

FORMATS = ("markdown", "html")

ENGLISH_MONTHS = "January February March April May June July August September October November December".split()
DANISH_MONTHS = "januar februar marts april maj juni juli august september oktober november december".split()


# --- values -----------------------------------------------------------------------------------------


def one_line(value: Any) -> str:
    """A value as text on one line: newlines, tabs and runs of spaces become one space."""
    return " ".join(str(value).split())


def as_date(value: Any) -> date | None:
    """A date from a `date`, a `datetime` or an ISO string (time part ignored); None for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def danish_date(day: date) -> str:
    """A date in Danish long form: `22. november 2026`."""
    return f"{day.day}. {DANISH_MONTHS[day.month - 1]} {day.year}"


def english_date(day: date) -> str:
    """A date in English long form: `22 November 2026`."""
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def english_span(start: date, end: date) -> str:
    """Two dates as a span, saying the month and year once where they are shared: `16–22 November 2026`."""
    if start.year != end.year:
        return f"{english_date(start)} – {english_date(end)}"
    if start.month != end.month:
        return f"{start.day} {ENGLISH_MONTHS[start.month - 1]} – {english_date(end)}"
    return f"{start.day}–{english_date(end)}"


# --- escaping ---------------------------------------------------------------------------------------

#: The one set of characters no output shows raw (JSON writes them as escapes: samfam.output.formats): C0
#: controls but tab and newline (ESC shows as ␛, NUL as ␀), DEL as ␡, the C1 controls (U+0080–U+009F, CSI U+009B among
#: them) as U+FFFD. The line and paragraph separators break a line for some readers and vanish for others (Rich
#: drops one at a line's end): shown as ␤, so a terminal and a pipe show the same. The bidi embeddings,
#: overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the text around them ("Trojan Source",
#: CVE-2021-42574): shown as U+FFFD. The marks U+200E, U+200F and U+061C stay: they reorder no letter, and a
#: name in Arabic or Hebrew may need them.
_CLEAN = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)}
_CLEAN |= {0x7F: "\u2421"} | {code: "\ufffd" for code in range(0x80, 0xA0)}
_CLEAN |= {0x2028: "\u2424", 0x2029: "\u2424"}
_CLEAN |= {code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}

#: Any character `clean` changes (a carriage return too: it becomes a newline).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text as every output but JSON shows it (a terminal, CSV, Markdown, HTML, iCalendar, messages): the
    control characters, separators and bidi overrides of `_CLEAN` made visible, a carriage return (alone or
    before a newline) a newline; tab and newline kept. Idempotent, and nearly free for ordinary text."""
    if UNSAFE.search(text) is None:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CLEAN)


def escape_html(value: Any) -> str:
    """A value as HTML text or attribute value: `& < > " '` escaped. (The `html` module is imported here, by
    the documents that write HTML: its import reads the table of every named character, which no other output
    needs.)"""
    import html

    return html.escape(str(value), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_text(text: str) -> str:
    """Text that Markdown shows as written: inline markup, raw HTML and table pipes escaped, and a
    leading heading, list or numbered-list marker made literal."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if text[:1] in ("#", "-", "+", "="):
        return "\\" + text
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def md_cell(text: str) -> str:
    """Text in a Markdown table cell: only backslashes and pipes escaped, so the table stays rectangular."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


# --- tables -----------------------------------------------------------------------------------------


def markdown_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[bool] = (), aligned: bool = True
) -> list[str]:
    """A Markdown table, one line per row, from cells already escaped (`md_cell`, `md_text`).

    `right[i]` right-aligns column i. Aligned: every column padded to its widest cell (at least 3),
    so the source reads as a table too. Not aligned: the compact `| a | b |` with `| --- |` rules.
    """
    rights = [i < len(right) and right[i] for i in range(len(header))]
    if not aligned:
        rule = "|" + "|".join(" ---: " if r else " --- " for r in rights) + "|"
        return ["| " + " | ".join(header) + " |", rule, *("| " + " | ".join(row) + " |" for row in rows)]
    widths = [max(3, len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        padded = (t.rjust(w) if r else t.ljust(w) for t, w, r in zip(cells, widths, rights, strict=True))
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|" + "|".join(("-" * (w + 1) + ":") if r else "-" * (w + 2) for w, r in zip(widths, rights, strict=True)) + "|"
    )
    return [line(header), rule, *(line(row) for row in rows)]


def class_attr(*names: str) -> str:
    """` class="a b"` from the names given that are not empty; "" when none is."""
    joined = " ".join(n for n in names if n)
    return f' class="{joined}"' if joined else ""


def html_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    table_class: str = "",
    column_classes: Sequence[str] = (),
    cell_classes: Sequence[Sequence[str]] = (),
    row_classes: Sequence[str] = (),
    header_on_one_line: bool = False,
) -> list[str]:
    """An HTML table as lines: the header from plain text (escaped here), the rows from cells that are
    HTML already (escape text with `escape_html`).

    `column_classes[i]` is set on column i's header and cells, `cell_classes[r][i]` added to one cell,
    `row_classes[r]` set on row r; "" sets nothing. The header row is one line, or a line per cell.
    """

    def column(i: int) -> str:
        return column_classes[i] if i < len(column_classes) else ""

    def extra(r: int, i: int) -> str:
        return cell_classes[r][i] if r < len(cell_classes) and i < len(cell_classes[r]) else ""

    heads = [f'<th scope="col"{class_attr(column(i))}>{escape_html(h)}</th>' for i, h in enumerate(header)]
    out = [f"<table{class_attr(table_class)}>"]
    out += ["<thead><tr>" + "".join(heads) + "</tr></thead>"] if header_on_one_line else ["<thead><tr>", *heads]
    if not header_on_one_line:
        out.append("</tr></thead>")
    out.append("<tbody>")
    for r, row in enumerate(rows):
        cells = "".join(f"<td{class_attr(column(i), extra(r, i))}>{cell}</td>" for i, cell in enumerate(row))
        out.append(f"<tr{class_attr(row_classes[r] if r < len(row_classes) else '')}>{cells}</tr>")
    out += ["</tbody>", "</table>"]
    return out
