"""Reading an import file (samfam.inputs.tables): files a hostile or careless hand made are refused
quickly, with one clear message, and nothing is read silently otherwise than it was written.

The hostile xlsx files are built here, by hand, as zips of XML (docs/import-export.md, "Limits")."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from samfam.errors import InvalidValue
from samfam.inputs import tables
from samfam.inputs.tables import read_table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
QUICK = 10  # seconds: generous for a busy CI machine; each refusal takes well under one here

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="events" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>case</t></is></c><c r="B1" t="inlineStr"><is><t>kind</t></is></c></row>'
)


def sheet(rows: str, dimension: str = "", prolog: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">{dim}'
        f"<sheetData>{HEADER_ROW}{rows}</sheetData></worksheet>"
    )


def write_xlsx(path: Path, sheet_xml: str, workbook: str = WORKBOOK) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def refused(path: Path, *words: str) -> str:
    start = time.perf_counter()
    with pytest.raises(InvalidValue) as caught:
        read_table(str(path), "events")
    took = time.perf_counter() - start
    assert took < QUICK, f"refused after {took:.1f} s"
    message = caught.value.message
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


# -- the hand-made workbook itself reads ----------------------------------------------------------------


def test_a_hand_made_workbook_reads(tmp_path):
    row = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>2026-0142</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>sms</t></is></c></row>'
    )
    table = read_table(str(write_xlsx(tmp_path / "ok.xlsx", sheet(row, "A1:B2"))), "events")
    assert table.header == ["case", "kind"] and table.rows == [(2, ["2026-0142", "sms"])]


# -- hostile xlsx ---------------------------------------------------------------------------------------


def test_a_tiny_xlsx_declaring_a_huge_sheet_is_refused_quickly(tmp_path):
    last = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = write_xlsx(tmp_path / "huge.xlsx", sheet(last, "A1:XFD1048576"))
    assert path.stat().st_size < 2000
    refused(path, "1,048,576 rows", "16,384 columns")


def test_a_huge_sheet_without_a_dimension_is_refused_at_its_first_wide_row(tmp_path):
    last = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    refused(write_xlsx(tmp_path / "undeclared.xlsx", sheet(last)), "row 1,048,576", "column 16,384")


def test_a_zip_bomb_is_refused_from_the_zips_directory(tmp_path):
    """A 1 GiB XML comment, deflated to about a megabyte: refused before any of it is parsed."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><!--'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(1024):
                f.write(chunk)
            f.write(b"--><sheetData/></worksheet>")
    assert path.stat().st_size < 2 * 1024 * 1024
    refused(path, "xl/worksheets/sheet1.xml", "1,073,741,", "at most")


def test_billion_laughs_is_refused(tmp_path):
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    prolog = f"<!DOCTYPE worksheet [{entities}]>"
    row = '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    refused(write_xlsx(tmp_path / "laughs.xlsx", sheet(row, "A1:B2", prolog)), "entit")


def test_an_external_entity_is_refused(tmp_path):
    prolog = '<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    row = '<row r="2"><c r="A2" t="inlineStr"><is><t>&secret;</t></is></c></row>'
    refused(write_xlsx(tmp_path / "external.xlsx", sheet(row, "A1:B2", prolog)), "entit")


def test_an_entity_in_the_workbook_part_is_refused_too(tmp_path):
    workbook = WORKBOOK.replace(
        "<workbook", '<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]><workbook', 1
    )
    refused(write_xlsx(tmp_path / "wb.xlsx", sheet(""), workbook), "entit")


# -- formulas -------------------------------------------------------------------------------------------


def test_a_formula_cell_is_refused_naming_the_cell(tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "events"
    ws.append(["case", "kind", "note"])
    ws.append(["2026-0142", "sms", '=CONCAT("Ny ", "skole")'])
    book.save(tmp_path / "formula.xlsx")
    refused(tmp_path / "formula.xlsx", "C2", "formula")


def test_a_formula_written_by_libreoffice_with_its_cached_value_is_refused(tmp_path):
    """LibreOffice writes a formula with t="str" and the value it computed: the value is not data."""
    row = (
        '<row r="2"><c r="A2" s="0" t="str"><f>CONCATENATE("2026-";"0142")</f><v>2026-0142</v></c>'
        '<c r="B2" s="0" t="inlineStr"><is><t>sms</t></is></c></row>'
    )
    refused(write_xlsx(tmp_path / "lo.xlsx", sheet(row, "A1:B2")), "A2", "formula")


def test_text_that_looks_like_a_formula_is_text(tmp_path):
    row = '<row r="2"><c r="A2" t="inlineStr"><is><t>=2026-0142</t></is></c></row>'
    table = read_table(str(write_xlsx(tmp_path / "text.xlsx", sheet(row, "A1:B2"))), "events")
    assert table.rows == [(2, ["=2026-0142"])]


# -- CSV: encodings and control characters -------------------------------------------------------------


def test_a_utf8_file_with_one_windows_1252_line_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("case,note\n2026-0142,Søren\n".encode() + "2026-0143,Bjørn\n".encode("cp1252"))
    message = refused(path, "line 3", "line 2", "UTF-8")
    assert "Ã" not in message


def test_a_windows_1252_file_is_still_read_as_such(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("case;note\n2026-0142;Søren\n2026-0143;Bjørn\n".encode("cp1252"))
    assert [cells for _, cells in read_table(str(path), "events").rows] == [
        ["2026-0142", "Søren"],
        ["2026-0143", "Bjørn"],
    ]


@pytest.mark.parametrize(
    ("char", "code"), [("\x00", "U+0000"), ("\x07", "U+0007"), ("\x1b", "U+001B"), ("\x7f", "U+007F")]
)
def test_a_control_character_in_a_cell_is_refused_naming_line_and_column(tmp_path, char, code):
    rows = "".join(f"2026-0142,sms,Notat {i}\n" for i in range(400))  # well past the first 4 KB
    path = tmp_path / "control.csv"
    path.write_text(f"case,kind,note\n{rows}2026-0142,sms,Før{char}efter\n", encoding="utf-8")
    assert path.stat().st_size > 4096
    refused(path, "line 402", "column 3 (note)", code)


def test_tab_and_line_breaks_in_a_cell_are_text(tmp_path):
    path = tmp_path / "tabs.csv"
    path.write_text('case,kind,note\r\n2026-0142,sms,"a\tb\r\nc"\r\n', encoding="utf-8", newline="")
    assert read_table(str(path), "events").rows == [(2, ["2026-0142", "sms", "a\tb\r\nc"])]


def test_the_limits_are_what_the_docs_say():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "import-export.md").read_text()
    for limit in (tables.MAX_XLSX_MEMBER, tables.MAX_XLSX_TOTAL, tables.MAX_SHARED_STRINGS):
        assert f"{limit // (1024 * 1024)} MB" in docs
    assert f"{tables.MAX_COLUMNS} columns" in docs and f"{tables.MAX_CELLS:,} cells" in docs


@pytest.mark.parametrize(
    ("data", "dialect"),
    [
        (b"case,note\n2026-0142,S\xc3\xb8ren\n", (",", "\n", "utf-8")),
        (b"\xef\xbb\xbfcase;note\r\n2026-0142;S\xc3\xb8ren\r\n", (";", "\r\n", "utf-8-sig")),
        ("case;note\r\n2026-0142;Søren\r\n".encode("cp1252"), (";", "\r\n", "cp1252")),
        (b"case;note", (";", "\n", "utf-8")),  # one line, no line end: the import's own
    ],
    ids=["comma", "excel-utf8", "excel-1252", "no-line-end"],
)
def test_a_csv_table_carries_the_dialect_it_was_written_in(tmp_path, data, dialect):
    """The refused rows are written as the file was (samfam.output.workbook.rejected_text)."""
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    table = read_table(str(path), "events")
    assert table.dialect == dialect
    assert (table.dialect.delimiter, table.dialect.line_end, table.dialect.encoding) == dialect


def test_a_workbook_table_has_no_csv_dialect(tmp_path):
    book = Workbook()
    book.active.append(["case", "note"])
    path = tmp_path / "file.xlsx"
    book.save(path)
    assert read_table(str(path), "events").dialect is None
