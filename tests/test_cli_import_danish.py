"""Import files in Danish (issue 20 item 2): Danish headers as `import template KIND --lang da` writes them
and their common variants (`Sagsnr.`, `CPR-nr.`), Danish words in cells (stored in English), columns samfam
does not know ignored with one warning (refused with --strict), a workbook's sheets named in Danish
(`Rådgivere`, `Sager`) or chosen with --sheet, and paragraphs written as the law writes them
(`BL § 32, stk. 1, nr. 7`) in a cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from support import DOMAIN_ERROR, USAGE_ERROR, assert_ok, assert_refused, parse_csv

ADVISORS = "Initialer;Navn;Team\nMKJ;Mette Kjær Jensen;Nord\n"
CASES = (
    "Sagsnr.;Barn;Født;CPR-nr.;Rådgiver;Oprettet;Kompleks;Paragraffer\n"
    "2026-0142;Alma Holm;2019-04-02;;MKJ;2026-05-04;nej;BL 86\n"
)
ACTORS = "Sagsnr.;Type;Navn;Kontakt;Koordinator\n2026-0142;Skole;Kildeskolen;Lærer Ane;familien\n"
GOALS = (
    "Sagsnr.;Mål;Sigt;Ejer;Måldato;Status\n"
    "2026-0142;Alma sover i egen seng;kort;aktør:Kildeskolen;2027-02-01;i gang\n"
    "2026-0142;Alma går i skole hver dag;Lang sigt;Familien;;åben\n"
)
EVENTS = (
    "Sagsnr.;Type;Dato;Notat;Skala;Med\n"
    "2026-0142;Opstartssamtale;2026-05-04;;;\n"
    "2026-0142;Opfølgningsmøde;18.11.2026;Ny skole;6;Kildeskolen\n"
    "2026-0142;telefon;19.11.2026;;;\n"
)
APPLICATIONS = "Sagsnr.;Paragraf;Modtaget;Afgjort;Udfald\n2026-0142;BL 20;2026-09-01;2026-09-10;bevilget\n"


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_department_in_danish_headers_and_words_is_stored_in_english(samfam, tmp_path):
    for kind, text in (("advisors", ADVISORS), ("cases", CASES), ("applications", APPLICATIONS),
                       ("actors", ACTORS), ("goals", GOALS), ("events", EVENTS)):  # fmt: skip
        result = samfam("import", kind, _write(tmp_path, f"{kind}.csv", text))
        assert_ok(result)
        assert result.stderr == ""
    card = samfam.ok("case", "show", "2026-0142", "-f", "json").json()
    assert (card["advisor"], card["born"], card["opened"]) == ("MKJ", "2019-04-02", "2026-05-04")
    assert [(a["kind"], a["coordinator"]) for a in card["actors"]] == [("school", "family")]
    assert [(g["horizon"], g["owner"], g["status"]) for g in card["goals"]] == [
        ("short", "actor:1 (Kildeskolen)", "in-progress"),
        ("long", "family", "open"),
    ]
    assert [(e["kind"], e["scale"]) for e in card["events"]] == [("startup", None), ("followup", 6), ("phone", None)]
    [application] = samfam.ok("application", "list", "-f", "json").json()
    assert application["outcome"] == "granted"
    # the same file again changes nothing: the Danish words are the stored English ones
    result = samfam("import", "events", str(tmp_path / "events.csv"))
    assert_ok(result)
    assert "0 new, 3 unchanged" in result.stdout


def test_a_danish_word_in_a_cell_refused_names_the_words_in_both_languages(samfam, tmp_path):
    samfam.ok("import", "advisors", _write(tmp_path, "advisors.csv", ADVISORS))
    samfam.ok("import", "cases", _write(tmp_path, "cases.csv", CASES))
    path = _write(tmp_path, "events.csv", "Sagsnr.;Type;Dato\n2026-0142;fest;2026-11-18\n")
    line = assert_refused(samfam, ["import", "events", path], DOMAIN_ERROR, "line 2", "'fest'")
    assert "followup (opfølgning)" in line


def test_the_template_in_danish_names_the_columns_as_the_import_reads_them(samfam, tmp_path):
    header, example = parse_csv(samfam.ok("import", "template", "cases", "--lang", "da").stdout)
    assert header == ["Sagsnr.", "Barn", "Født", "CPR-nr.", "Rådgiver", "Makker", "Oprettet", "Kompleks",
                      "Paragraffer", "Lukket", "Lukkeårsag", "Genåbnet"]  # fmt: skip
    english, _ = parse_csv(samfam.ok("import", "template", "cases", "--lang", "en").stdout)
    assert english[:3] == ["case", "child", "born"]
    assert parse_csv(samfam.ok("import", "template", "cases").stdout)[0] == english
    samfam.ok("import", "advisors", _write(tmp_path, "advisors.csv", ADVISORS))
    lines = [",".join(header), "2026-0142,Alma Holm,2019-04-02,,MKJ,,2026-05-04,nej,BL 86,,,"]
    assert_ok(samfam("import", "cases", _write(tmp_path, "sager.csv", "\n".join(lines) + "\n")))


@pytest.mark.parametrize("kind", ["advisors", "cases", "applications", "grants", "actors", "goals", "events"])
def test_every_danish_template_header_is_read_back(samfam, tmp_path, kind):
    header, _ = parse_csv(samfam.ok("import", "template", kind, "--lang", "da").stdout)
    result = samfam("import", kind, _write(tmp_path, f"{kind}.csv", ",".join(header) + "\n"), "--dry-run", "--strict")
    assert_ok(result)


def test_the_danish_xlsx_template_is_a_sheet_named_in_danish(samfam, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "sager.xlsx"
    samfam.ok("import", "template", "cases", "--lang", "da", "-f", "xlsx", "-o", str(path))
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["Sager"]


@pytest.mark.parametrize("header", ["Sagsnr.", "sagsnr", "SAGSNR", "Sags-nr.", "Sagsnummer", "sag"])
def test_header_variants_are_matched_ignoring_case_and_punctuation(samfam, tmp_path, header):
    samfam.ok("import", "advisors", _write(tmp_path, "advisors.csv", ADVISORS))
    text = f"{header};Barnets navn;Foedselsdato;Raadgiver;Oprettet\n2026-0142;Alma Holm;2019-04-02;MKJ;2026-05-04\n"
    assert_ok(samfam("import", "cases", _write(tmp_path, "cases.csv", text)))


def test_the_danish_cpr_header(samfam, tmp_path):
    samfam.ok("import", "advisors", _write(tmp_path, "advisors.csv", ADVISORS))
    text = "Sagsnr.;Barn;CPR-nr.;Rådgiver;Oprettet\n2026-0143;Ida Lund;150315-4001;MKJ;2026-06-01\n"
    assert_ok(samfam("import", "cases", _write(tmp_path, "cases.csv", text)))
    card = samfam.ok("case", "show", "2026-0143", "-f", "json").json()
    assert card["born"] == "2015-03-15"


# -- columns samfam does not know ------------------------------------------------------------------------------

EXTRA = (
    "Sagsnr.;Barn;Født;Rådgiver;Oprettet;Bemærkning;Intern kode\n"
    "2026-0142;Alma Holm;2019-04-02;MKJ;2026-05-04;Flyttet fra Aarhus;X1\n"
)


def test_unknown_columns_are_ignored_with_one_warning_naming_them(samfam, tmp_path):
    samfam.ok("import", "advisors", _write(tmp_path, "advisors.csv", ADVISORS))
    result = samfam("import", "cases", _write(tmp_path, "cases.csv", EXTRA))
    assert_ok(result)
    assert result.stdout.startswith("Imported cases.csv (cases): 1 new")
    assert result.stderr.splitlines() == [
        "Warning: cases.csv has columns samfam does not know for cases, ignored: 'Bemærkning', 'Intern kode' "
        "(--strict refuses the file)"
    ]
    assert samfam.ok("case", "show", "2026-0142", "-f", "json").json()["child"] == "Alma Holm"


def test_unknown_columns_with_strict_refuse_the_file_naming_them(samfam, tmp_path):
    samfam.ok("import", "advisors", _write(tmp_path, "advisors.csv", ADVISORS))
    argv = ["import", "cases", _write(tmp_path, "cases.csv", EXTRA), "--strict"]
    line = assert_refused(samfam, argv, DOMAIN_ERROR, "'Bemærkning'", "'Intern kode'", "Sagsnr.", "Barn")
    assert "(Danish names too)" not in line


# -- a workbook's sheets ------------------------------------------------------------------------------------------


def _danish_workbook(path: Path) -> str:
    book = Workbook()
    book.active.title = "Noter"
    book.active.append(["Ikke data: de andre ark er"])
    advisors = book.create_sheet("Rådgivere")
    advisors.append(["Initialer", "Navn"])
    advisors.append(["MKJ", "Mette Kjær Jensen"])
    cases = book.create_sheet("Sager")
    cases.append(["Sagsnr.", "Barn", "Født", "Rådgiver", "Oprettet", "Paragraffer"])
    cases.append(["2026-0142", "Alma Holm", "2019-04-02", "MKJ", "2026-05-04", "BL 86"])
    book.save(path)
    return str(path)


def test_a_workbook_with_danish_sheet_names_is_read_sheet_by_sheet(samfam, tmp_path):
    book = _danish_workbook(tmp_path / "afdeling.xlsx")
    assert_ok(samfam("import", "advisors", book))
    assert_ok(samfam("import", "cases", book))
    assert samfam.ok("case", "show", "2026-0142", "-f", "json").json()["advisor"] == "MKJ"


def test_sheet_names_the_sheet_to_read(samfam, tmp_path):
    book = Workbook()
    book.active.title = "Ark1"
    book.active.append(["x"])
    staff = book.create_sheet("Personale")
    staff.append(["Initialer", "Navn"])
    staff.append(["MKJ", "Mette Kjær Jensen"])
    path = tmp_path / "personale.xlsx"
    book.save(path)
    result = samfam("import", "advisors", str(path), "--sheet", "Personale")
    assert_ok(result)
    assert [a["initials"] for a in samfam.ok("advisor", "list", "-f", "json").json()] == ["MKJ"]


def test_an_unknown_sheet_is_refused_naming_the_sheets(samfam, tmp_path):
    book = _danish_workbook(tmp_path / "afdeling.xlsx")
    assert_refused(samfam, ["import", "cases", book, "--sheet", "Bevillinger"], DOMAIN_ERROR,
                   "'Bevillinger'", "'Noter'", "'Rådgivere'", "'Sager'")  # fmt: skip


def test_sheet_with_a_csv_file_is_a_usage_error(samfam, tmp_path):
    path = _write(tmp_path, "advisors.csv", ADVISORS)
    assert_refused(samfam, ["import", "advisors", path, "--sheet", "Rådgivere"], USAGE_ERROR, "--sheet", "xlsx")


# -- paragraphs in a cell -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        pytest.param("BL § 32, stk. 1, nr. 7", ["BL 32.1.7"], id="as-the-law-writes-it"),
        pytest.param("BL § 32, stk. 1, nr. 7; BL 86", ["BL 32.1.7", "BL 86"], id="semicolon"),
        pytest.param("BL 86\nBL § 32, stk. 1, nr. 7", ["BL 32.1.7", "BL 86"], id="line-break"),
    ],
)
def test_a_paragraph_cell_takes_what_the_command_line_takes(samfam, tmp_path, cell, codes):
    samfam.ok("import", "advisors", _write(tmp_path, "advisors.csv", ADVISORS))
    quoted = '"' + cell + '"'
    text = f"case;child;born;advisor;opened;paragraphs\n2026-0142;Alma Holm;2019-04-02;MKJ;2026-05-04;{quoted}\n"
    assert_ok(samfam("import", "cases", _write(tmp_path, "cases.csv", text)))
    card = samfam.ok("case", "show", "2026-0142", "-f", "json").json()
    assert sorted(g["code"] for g in card["grants"]) == codes


def test_a_refused_file_names_the_ignored_columns_in_its_one_error_line(samfam, tmp_path):
    samfam.ok("import", "advisors", _write(tmp_path, "advisors.csv", ADVISORS))
    text = EXTRA.replace(";MKJ;", ";ZZZ;")
    line = assert_refused(samfam, ["import", "cases", _write(tmp_path, "cases.csv", text)], DOMAIN_ERROR, "ZZZ")
    assert line.endswith("; columns ignored: 'Bemærkning', 'Intern kode'")


def test_the_danish_templates_examples_import_in_order_as_the_english_ones(samfam, tmp_path):
    for kind in ("advisors", "cases", "applications", "grants", "actors", "goals", "events"):
        text = samfam.ok("import", "template", kind, "--lang", "da").stdout
        result = samfam("import", kind, _write(tmp_path, f"da-{kind}.csv", text), "--strict")
        assert_ok(result)
    card = samfam.ok("case", "show", "2026-0142", "-f", "json").json()
    assert [a["kind"] for a in card["actors"]] == ["school"]
    assert [(g["horizon"], g["owner"], g["status"]) for g in card["goals"]] == [("short", "family", "open")]
    assert [e["kind"] for e in card["events"]] == ["followup"]
