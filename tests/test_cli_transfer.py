"""Import from CSV and xlsx, export, and the round trip (docs/import-export.md).

Every import is one transaction: a file with a bad row imports nothing (unless --skip-bad), a second
import of the same file changes nothing, a dry run writes nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import Samfam
from support import DOMAIN_ERROR, USAGE_ERROR, assert_error, assert_refused, on_a_terminal, parse_csv

ADVISORS = (
    "initials,name,team,role,caseload_target\nMKJ,Mette Kjær Jensen,Nord,rådgiver,24\nLBH,Lars Bøgh Hansen,Nord,,\n"
)
CASES = (
    "case,child,born,cpr,advisor,buddy,opened,complex,paragraphs\n"
    "2026-0142,Alma Holm,2019-04-02,,MKJ,LBH,2026-05-04,nej,BL 86; BL 30\n"
    "2026-0143,Ida Lund,,150315-4001,MKJ,,01-06-2026,ja,SEL 41\n"
)
GRANTS = "case,paragraph,from,to\n2026-0142,BL 20,2026-09-14,2026-11-13\n"
ACTORS = "case,kind,name,contact,coordinator\n2026-0142,school,Kildeskolen,Lærer Ane,family\n"
GOALS = (
    "case,text,horizon,owner,target,status\n2026-0142,Alma sover i egen seng,short,actor:Kildeskolen,2027-02-01,open\n"
)
EVENTS = (
    "case,kind,on,note,scale,with\n"
    "2026-0142,startup,2026-05-04,,,\n"
    "2026-0142,followup,18.11.2026,Ny skole,6,Kildeskolen\n"
)
APPLICATIONS = (
    "case,paragraph,received,letter,decided,outcome,grant_from,grant_to\n"
    "2026-0142,BL 20,2026-09-01,,2026-09-10,granted,2026-09-14,2026-11-13\n"  # the grant the grants file has too
    "2026-0143,SEL 41,2026-11-02,,,,,\n"
)
FILES = {
    "advisors": ADVISORS,
    "cases": CASES,
    "applications": APPLICATIONS,
    "grants": GRANTS,
    "actors": ACTORS,
    "goals": GOALS,
    "events": EVENTS,
}


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _import_all(s: Samfam, tmp_path: Path, files: dict[str, str] = FILES) -> None:
    for kind, text in files.items():
        s.ok("import", kind, str(_write(tmp_path, f"{kind}.csv", text)))


def _counts(s: Samfam) -> dict[str, int]:
    with sqlite3.connect(s.db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in
                ("advisor", "cases", "grants", "actor", "goal", "events", "event_actor", "audit_log")}  # fmt: skip


# -- a department in, kind by kind -----------------------------------------------------------------------


def test_a_department_imports_kind_by_kind_and_answers_like_the_commands_would(samfam, tmp_path):
    _import_all(samfam, tmp_path)
    card = samfam.ok("case", "show", "2026-0142", "-f", "json").json()
    assert (card["advisor"], card["buddy"], card["born"], card["opened"]) == ("MKJ", "LBH", "2019-04-02", "2026-05-04")
    assert sorted((g["code"], g["start"], g["end"]) for g in card["grants"]) == [
        ("BL 20", "2026-09-14", "2026-11-13"),
        ("BL 30", "2026-05-04", None),
        ("BL 86", "2026-05-04", None),
    ]
    assert [(e["kind"], e["note"], e["scale"]) for e in card["events"]] == [
        ("startup", None, None),
        ("followup", "Ny skole", 6),
    ]
    assert card["goals"][0]["owner"] == "actor:1 (Kildeskolen)" and card["actors"][0]["name"] == "Kildeskolen"
    other = samfam.ok("case", "show", "2026-0143", "--reveal-cpr", "-f", "json").json()
    assert (other["cpr"], other["born"], other["opened"], other["complex"]) == (
        "150315-4001",
        "2015-03-15",
        "2026-06-01",
        True,
    )
    # BL 20 (an investigation: 6 weeks) ended 2026-11-13; from 2026-11-14 the case is back on the 3-month
    # track, and the follow-up on 18.11.2026 anchors the clock: due 2027-02-18.
    explained = samfam.ok("explain", "2026-0142", "-f", "json").json()
    assert (explained["track"], explained["last_followup"], explained["next_due"]) == ("3m", "2026-11-18", "2027-02-18")
    assert samfam.ok("advisor", "list", "-f", "json").json()[0]["initials"] in ("LBH", "MKJ")


def test_a_second_import_of_the_same_file_changes_nothing(samfam, tmp_path):
    _import_all(samfam, tmp_path)
    before = _counts(samfam)
    for kind, text in FILES.items():
        result = samfam.ok("import", kind, str(_write(tmp_path, f"{kind}.csv", text)))
        rows = len(text.strip().splitlines()) - 1
        assert (
            result.stdout
            == f"Imported {kind}.csv ({kind}): 0 new, {rows} unchanged, 0 updated, 0 conflicts, 0 rejected.\n"
        )
    assert _counts(samfam) == before  # not even an audit row


def test_every_imported_row_is_audited_with_the_file_and_line(samfam, tmp_path):
    _import_all(samfam, tmp_path)
    opened = samfam.ok("audit", "--action", "case.open", "-f", "json").json()
    assert {e["detail"].rsplit("(", 1)[1] for e in opened} == {"import cases.csv line 2)", "import cases.csv line 3)"}
    events = samfam.ok("audit", "--action", "event.add", "-f", "json").json()
    assert any("import events.csv line 3" in e["detail"] for e in events)


@pytest.mark.parametrize(
    ("name", "text", "encoding"),
    [
        ("semicolons", "initialer;navn;team\nMKJ;Mette Kjær Jensen;Nord\n", "utf-8"),
        ("bom", "\ufeffinitials,name,team\nMKJ,Mette Kjær Jensen,Nord\n", "utf-8"),
        ("windows-1252", "Initialer;Navn;Team\r\nMKJ;Mette Kjær Jensen;Nord\r\n", "cp1252"),
        ("danish-headers", "INITIALER, Navn ,TEAM\nMKJ,Mette Kjær Jensen,Nord\n", "utf-8"),
    ],
)
def test_csv_as_danish_excel_writes_it(samfam, tmp_path, name, text, encoding):
    samfam.ok("import", "advisors", str(_write(tmp_path, f"{name}.csv", text, encoding)))
    [advisor] = samfam.ok("advisor", "list", "-f", "json").json()
    assert (advisor["initials"], advisor["name"], advisor["team"]) == ("MKJ", "Mette Kjær Jensen", "Nord")


def test_xlsx_with_date_cells_and_a_sheet_per_kind(samfam, tmp_path):
    from datetime import datetime

    book = Workbook()
    book.active.title = "notes"
    book.active.append(["this sheet is not read: the sheet named 'cases' is"])
    advisors = book.create_sheet("advisors")
    advisors.append(["initials", "name"])
    advisors.append(["MKJ", "Mette Kjær Jensen"])
    cases = book.create_sheet("cases")
    cases.append(["Sag", "Barn", "Født", "Rådgiver", "Oprettet", "Paragraffer"])
    cases.append(["2026-0142", "Alma Holm", datetime(2019, 4, 2), "MKJ", datetime(2026, 5, 4), "BL 86"])
    path = tmp_path / "afdeling.xlsx"
    book.save(path)
    samfam.ok("import", "advisors", str(path))
    samfam.ok("import", "cases", str(path))
    card = samfam.ok("case", "show", "2026-0142", "-f", "json").json()
    assert (card["born"], card["track"]) == ("2019-04-02", "3m")


# -- refusals -----------------------------------------------------------------------------------------------

#: (kind, the bad row's cells after the header of FILES[kind], words the reason must contain)
BAD_ROWS = [
    ("advisors", "mkj!,Mette", "mkj!"),
    ("advisors", "ABC,", "name"),
    ("advisors", "ABC,Anne,Nord,,many", "caseload_target 'many'"),
    ("cases", "2026-0200,Alma,2019-04-02,,ZZZ,,2026-05-04,nej,BL 86", "ZZZ"),
    ("cases", "2026-0200,Alma,2019-04-02,,MKJ,,2026-13-04,nej,BL 86", "opened '2026-13-04'"),
    ("cases", "2026-0200,Alma,2019-04-02,,MKJ,,2027-05-04,nej,BL 86", "after today"),
    ("cases", "2026-0200,Alma,2019-04-02,,MKJ,,2026-05-04,nej,BL 999", "BL 999"),
    ("cases", "2026-0200,Alma,,010190-1234,MKJ,,2026-05-04,nej,BL 86", "18"),
    ("cases", "2026-0200,Alma,,3213-12,MKJ,,2026-05-04,nej,BL 86", "CPR"),
    ("cases", "2026-0200,Alma,2019-04-02,,MKJ,,2026-05-04,måske,BL 86", "complex 'måske'"),
    ("cases", "2026-0200,Alma,2019-04-02,,MKJ,MKJ,2026-05-04,nej,BL 86", "buddy"),
    ("cases", "ø ø,Alma,2019-04-02,,MKJ,,2026-05-04,nej,BL 86", "ø ø"),
    ("applications", "2026-9999,BL 86,2026-11-02,,,,,", "2026-9999"),
    ("applications", "2026-0142,BL 86,2026-11-02,,2026-11-03,maybe,,", "'maybe' is not an outcome"),
    ("applications", "2026-0142,BL 86,2026-11-02,,,granted,,", "without a decision date"),
    ("applications", "2026-0142,BL 86,2026-11-02,,2026-11-01,granted,,", "before application"),
    ("applications", "2026-0142,BL 86,2026-11-02,,2026-11-03,refused,2026-11-04,", "grants nothing"),
    ("applications", "2026-0142,BL 86,2026-12-02,,,,,", "after today"),
    ("grants", "2026-9999,BL 20,2026-09-14,", "2026-9999"),
    ("grants", "2026-0142,SEL 999,2026-09-14,", "SEL 999"),
    ("grants", "2026-0142,BL 20,2026-01-01,", "before case 2026-0142 opened"),
    ("actors", "2026-0142,wizard,Merlin,,family", "wizard"),
    ("actors", "2026-0142,school,Skolen,,everyone", "everyone"),
    ("goals", "2026-0142,Et mål,medium,family,,", "medium"),
    ("goals", "2026-0142,Et mål,short,actor:Ukendt,,", "no actor 'Ukendt'"),
    ("goals", "2026-0142,Et mål,short,family,,finished", "finished"),
    ("events", "2026-0142,party,2026-11-01,,,", "party"),
    ("events", "2026-0142,followup,2026-11-01,,11,", "scale 11"),
    ("events", "2026-0142,sms,2026-11-01,,5,", "scale"),
    ("events", "2026-0142,followup,2026-01-01,,,", "before case 2026-0142 opened"),
    ("events", "2026-0142,followup,2026-11-01,,,Ukendt", "no actor 'Ukendt'"),
    ("events", "2026-0142,followup,2026-11-01,,x,", "scale 'x'"),
]


@pytest.mark.parametrize(("kind", "bad", "words"), BAD_ROWS, ids=[f"{k}-{w}" for k, _, w in BAD_ROWS])
def test_a_file_with_a_bad_row_imports_nothing_and_says_which_line_and_why(samfam, tmp_path, kind, bad, words):
    order = list(FILES)
    _import_all(samfam, tmp_path, {k: FILES[k] for k in order[: order.index(kind)]})
    good = FILES[kind]
    path = _write(tmp_path, f"bad-{kind}.csv", good + bad + "\n")
    bad_line = len(good.strip().splitlines()) + 1
    line = assert_refused(
        samfam, ["import", kind, str(path)], DOMAIN_ERROR, f"line {bad_line}", words, "nothing was imported"
    )
    assert f"{path}.rejected.csv" in line
    rejected = list(csv.reader(io.StringIO(Path(f"{path}.rejected.csv").read_text())))
    assert rejected[0][:2] == ["line", "reason"] and [r[0] for r in rejected[1:]] == [str(bad_line)]
    assert words in rejected[1][1]
    assert stat.S_IMODE(Path(f"{path}.rejected.csv").stat().st_mode) == 0o600


def test_skip_bad_imports_the_good_rows_and_still_exits_1(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    path = _write(tmp_path, "cases.csv", CASES + "2026-0200,Alma,2019-04-02,,ZZZ,,2026-05-04,nej,BL 86\n")
    rejected = tmp_path / "afvist.csv"
    result = samfam("import", "cases", str(path), "--skip-bad", "--rejected", str(rejected))
    assert_error(result, DOMAIN_ERROR, "1 of 3 rows", "the 2 good rows were imported", str(rejected))
    assert [c["case"] for c in samfam.ok("case", "list", "-f", "json").json()] == ["2026-0142", "2026-0143"]


def test_skip_bad_a_second_time_says_nothing_new_was_imported(samfam, tmp_path):
    """Defect: a second --skip-bad import said "the 2 good rows were imported" when both were there already."""
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    path = _write(tmp_path, "cases.csv", CASES + "2026-0200,Alma,2019-04-02,,ZZZ,,2026-05-04,nej,BL 86\n")
    samfam("import", "cases", str(path), "--skip-bad")
    before = samfam.snapshot()
    result = samfam("import", "cases", str(path), "--skip-bad", "--force")
    line = assert_error(result, DOMAIN_ERROR, "1 of 3 rows", "nothing new", "the 2 good rows were there already")
    assert "were imported" not in line, line
    assert {k: v for k, v in samfam.snapshot().items() if k != "audit_log"} == {
        k: v for k, v in before.items() if k != "audit_log"
    }


def test_skip_bad_counts_the_new_and_the_unchanged_rows_apart(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    first, second = CASES.splitlines(keepends=True)[1:3]
    header = CASES.splitlines(keepends=True)[0]
    bad = "2026-0200,Alma,2019-04-02,,ZZZ,,2026-05-04,nej,BL 86\n"
    samfam.ok("import", "cases", str(_write(tmp_path, "one.csv", header + first)))
    result = samfam("import", "cases", str(_write(tmp_path, "both.csv", header + first + second + bad)), "--skip-bad")
    assert_error(result, DOMAIN_ERROR, "1 new row was imported", "1 good row was there already")


def test_a_dry_run_writes_nothing_and_says_what_would_happen(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    before = samfam.snapshot()
    result = samfam.ok("import", "cases", str(_write(tmp_path, "cases.csv", CASES)), "--dry-run")
    assert (
        result.stdout
        == "Dry run: cases.csv (cases): 2 new, 0 unchanged, 0 updated, 0 conflicts, 0 rejected. Nothing was written.\n"
    )
    assert samfam.snapshot() == before


def test_a_changed_field_is_a_conflict_unless_update(samfam, tmp_path):
    _import_all(samfam, tmp_path)
    changed = _write(tmp_path, "advisors2.csv", ADVISORS.replace("Lars Bøgh Hansen,Nord", "Lars Bøgh Hansen,Syd"))
    line = assert_refused(
        samfam, ["import", "advisors", str(changed)], DOMAIN_ERROR, "conflict", "advisor LBH", "'Syd'"
    )
    assert "1 conflicts" in line
    result = samfam.ok("import", "advisors", str(changed), "--update")
    assert result.stdout.endswith("0 new, 1 unchanged, 1 updated, 0 conflicts, 0 rejected.\n")
    assert {a["initials"]: a["team"] for a in samfam.ok("advisor", "list", "-f", "json").json()}["LBH"] == "Syd"


@pytest.mark.parametrize(
    ("text", "options", "words"),
    [
        # with --strict; without it the column is ignored with a warning (test_cli_import_danish.py)
        ("initials,name,favourite_colour\nMKJ,Mette,blå\n", ["--strict"],
         ("favourite_colour", "initials (Initialer), name (Navn)")),
        ("name,team\nMette,Nord\n", [], ("no column initials",)),
    ],
)  # fmt: skip
def test_a_header_samfam_does_not_know_is_refused_before_any_row(samfam, tmp_path, text, options, words):
    argv = ["import", "advisors", str(_write(tmp_path, "a.csv", text)), *options]
    assert_refused(samfam, argv, DOMAIN_ERROR, *words)


def test_files_that_are_not_tables_are_refused(samfam, tmp_path):
    assert_refused(samfam, ["import", "cases", str(tmp_path / "missing.csv")], DOMAIN_ERROR, "no such file")
    assert_refused(samfam, ["import", "cases", str(_write(tmp_path, "empty.csv", ""))], DOMAIN_ERROR, "empty")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    assert_refused(samfam, ["import", "cases", str(binary)], DOMAIN_ERROR, "not a CSV")
    broken = _write(tmp_path, "broken.xlsx", "not a zip")
    assert_refused(samfam, ["import", "cases", str(broken)], DOMAIN_ERROR, "not a readable xlsx")
    assert_refused(samfam, ["import", "cases", str(_write(tmp_path, "old.xls", "x"))], DOMAIN_ERROR, ".xls")
    assert_error(samfam("import", "pets", "x.csv"), USAGE_ERROR, "pets")


def test_an_interrupted_import_leaves_the_database_as_it_was(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS, "cases": CASES})
    rows = "".join(f"2026-0142,phone,2026-11-{1 + i % 20:02d},Opkald {i},,\n" for i in range(60000))
    path = _write(tmp_path, "events.csv", "case,kind,on,note,scale,with\n" + rows)
    before = _counts(samfam)
    wal = samfam.db.with_name(samfam.db.name + "-wal")
    start = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "samfam",
            "--db",
            str(samfam.db),
            "--today",
            "2026-11-22",
            "import",
            "events",
            str(path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < start + 1_000_000):
        time.sleep(0.02)  # until the import has written rows (the transaction, not yet committed, in the WAL)
    assert proc.poll() is None, "the import ended before it could be interrupted: give it more rows"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _counts(samfam) == before
    with sqlite3.connect(samfam.db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# -- templates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(FILES))
def test_a_template_has_the_header_and_an_example_row(samfam, tmp_path, kind):
    header, example = list(csv.reader(io.StringIO(samfam.ok("import", "template", kind).stdout)))
    assert header == list(csv.reader(io.StringIO(FILES[kind])))[0] + [
        h for h in header if h not in list(csv.reader(io.StringIO(FILES[kind])))[0]
    ]
    assert len(example) == len(header) and example[0]
    path = tmp_path / f"{kind}.xlsx"
    samfam.ok("import", "template", kind, "--format", "xlsx", "--output", str(path))
    sheet = load_workbook(path)[kind]
    assert [c.value for c in sheet[1]] == header
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_templates_examples_import_in_order(samfam, tmp_path):
    for kind in FILES:
        text = samfam.ok("import", "template", kind).stdout
        samfam.ok("import", kind, str(_write(tmp_path, f"t-{kind}.csv", text)))
    assert samfam.ok("case", "show", "2026-0142", "-f", "json").json()["child"] == "Alma Holm"


# -- export and the round trip ---------------------------------------------------------------------------


def test_export_xlsx_then_import_each_sheet_reproduces_the_demo(demo, tmp_path):
    source = demo.samfam
    book = tmp_path / "afdeling.xlsx"
    source.ok("export", "--format", "xlsx", "--output", str(book))
    assert stat.S_IMODE(book.stat().st_mode) == 0o600
    assert load_workbook(book, read_only=True).sheetnames == list(FILES)
    target = Samfam(tmp_path / "new.db")
    target.ok("init")
    for kind in FILES:
        result = target.ok("import", kind, str(book))
        assert "0 conflicts, 0 rejected" in result.stdout
    # The same listings byte for byte, in the same order: the demo entered its cases in another order than
    # the sheets' (by reference), and no listing follows the order rows were entered in. The goals are
    # compared without their ids and owners' actor ids, which the new database numbers afresh.
    goal_fields = ("--fields", "case,horizon,text,status,target,attention,advisor")
    for argv in (
        ("case", "list"),
        ("case", "list", "--status", "all", "-f", "csv"),
        ("case", "list", "--attention", "-f", "json"),
        ("overdue",),
        ("overdue", "-f", "csv"),
        ("due", "--within", "60"),
        ("due", "--within", "60", "-f", "json"),
        ("goals", "-f", "csv", *goal_fields),
        ("goals", "--attention", "-f", "json", *goal_fields),
        ("caseload", "-f", "json"),
    ):
        mine, theirs = target.ok(*argv).stdout, source.ok(*argv).stdout
        assert mine == theirs, argv
    assert len(target.ok("case", "list", "--status", "all", "-f", "json").json()) == 240
    again = target.ok("import", "events", str(book)).stdout
    assert " 0 new," in again and "0 conflicts, 0 rejected" in again


def test_export_json_holds_every_record_incl_void_events_and_is_logged(demo, tmp_path):
    copy = tmp_path / "demo.db"
    with sqlite3.connect(demo.samfam.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # the demo is in WAL mode: a file copy could miss its newest pages
    s = Samfam(copy)
    ref = s.ok("case", "list", "-f", "json").json()[0]["case"]
    event = s.ok("event", "list", ref, "-f", "json").json()[0]["id"]
    s.ok("event", "void", str(event), "--reason", "Forkert sag")
    data = s.ok("export", "--case", ref).json()
    assert [c["case"] for c in data["cases"]] == [ref]
    record = data["cases"][0]
    assert {"cases", "grants", "events", "goal", "task", "actor", "handover", "case_assignment"} <= set(record)
    assert any(e["void_reason"] == "Forkert sag" for e in record["events"])
    entry = s.ok("audit", "--action", "export", "-f", "json").json()[0]
    assert (entry["kind"], entry["purpose"], entry["cases"]) == ("read", "dataudtræk", [ref])


def test_export_csv_is_a_private_file_per_kind(demo, tmp_path):
    folder = tmp_path / "eksport"
    demo.samfam.ok("export", "--format", "csv", "--output", str(folder), "--advisor", "MKJ")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k}.csv" for k in FILES)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    cases = list(csv.DictReader((folder / "cases.csv").open(encoding="utf-8")))
    assert cases and all("MKJ" in (c["advisor"], c["buddy"]) or c["closed"] for c in cases)


def test_text_that_looks_like_a_formula_goes_out_as_text_and_comes_back_as_typed(samfam, tmp_path):
    name = '=HYPERLINK("http://evil.example","Emil")'
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    samfam.ok("case", "open", "2026-0900", "--child", name, "--advisor", "MKJ", "--opened", "2026-06-01")
    book = tmp_path / "x.xlsx"
    samfam.ok("export", "-f", "xlsx", "-o", str(book))
    cell = load_workbook(book)["cases"]["B2"]
    assert (cell.value, cell.data_type) == (name, "s")
    folder = tmp_path / "csv"
    samfam.ok("export", "-f", "csv", "-o", str(folder))
    assert "'=HYPERLINK" in (folder / "cases.csv").read_text()
    target = Samfam(tmp_path / "back.db")
    target.ok("init")
    target.ok("import", "advisors", str(folder / "advisors.csv"))
    target.ok("import", "cases", str(folder / "cases.csv"))
    assert target.ok("case", "show", "2026-0900", "-f", "json").json()["child"] == name


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (("export", "--format", "xlsx"), USAGE_ERROR, ("--output",)),
        (("export", "--format", "csv"), USAGE_ERROR, ("--output FOLDER",)),
        (("export", "--case", "2026-0142", "--team", "Nord"), USAGE_ERROR, ("one of",)),
        (("export", "--case", "2026-9999"), DOMAIN_ERROR, ("2026-9999",)),
        (("import", "template", "cases", "--format", "xlsx"), USAGE_ERROR, ("--output",)),
    ],
)
def test_export_refuses_what_it_cannot_do(samfam, argv, code, words):
    assert_refused(samfam, list(argv), code, *words)


def test_json_export_of_an_empty_database(samfam):
    data = json.loads(samfam.ok("export").stdout)
    assert data["cases"] == [] and data["advisors"] == []


def test_a_long_import_shows_a_progress_bar_on_a_terminal_and_nothing_otherwise(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS, "cases": CASES})
    rows = "".join(f"2026-0142,phone,2026-11-{1 + i % 20:02d},Opkald {i},,\n" for i in range(400))
    path = _write(tmp_path, "events.csv", "case,kind,on,note,scale,with\n" + rows)
    plain = samfam.ok("import", "events", str(path), "--dry-run")
    assert plain.stderr == ""  # not a terminal: no bar, no control characters
    code, shown = on_a_terminal(samfam, "import", "events", str(path))
    assert code == 0, shown
    assert "400/400" in shown and "Imported events.csv (events): 400 new" in shown


@pytest.mark.postgres
def test_import_on_postgresql_is_one_transaction_with_a_savepoint_per_row(pg_url, tmp_path):
    s = Samfam(pg_url)  # type: ignore[arg-type]
    s.ok("init")
    s.ok("import", "advisors", str(_write(tmp_path, "advisors.csv", ADVISORS)))
    bad = _write(tmp_path, "cases.csv", CASES + "2026-0200,Alma,2019-04-02,,ZZZ,,2026-05-04,nej,BL 86\n")
    assert_error(s("import", "cases", str(bad)), DOMAIN_ERROR, "line 4", "ZZZ", "nothing was imported")
    assert s.ok("case", "list", "-f", "json").json() == []
    result = s("import", "cases", str(bad), "--skip-bad")
    assert result.exit_code == DOMAIN_ERROR
    assert [c["case"] for c in s.ok("case", "list", "-f", "json").json()] == ["2026-0142", "2026-0143"]
    again = s.ok("import", "cases", str(_write(tmp_path, "good.csv", CASES))).stdout
    assert "0 new, 2 unchanged" in again
    assert s.ok("audit", "verify").stdout.startswith("The audit log is intact")


def test_a_conflict_never_shows_a_cpr_number_and_is_logged_as_a_read(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS, "cases": CASES})
    changed = _write(tmp_path, "c2.csv", CASES.replace("150315-4001", "150315-4019").replace("Alma Holm", "Alma Holt"))
    rejected = tmp_path / "c2.rejected.csv"
    line = assert_error(samfam("import", "cases", str(changed), "--rejected", str(rejected)), DOMAIN_ERROR, "conflict")
    reasons = [row[1] for row in parse_csv(rejected.read_text())[1:]]
    for text in (line, *reasons):  # the stored number never; the file's own only in its own cells
        assert "4001" not in text and "4019" not in text
    assert "the CPR number differs (neither is shown)" in reasons[1]
    assert "'Alma Holm' here" in reasons[0]  # a stored name is shown: that is a look-up of the case ...
    entry = samfam.ok("audit", "--action", "import", "--kind", "read", "-f", "json").json()[0]
    assert (entry["action"], sorted(entry["cases"])) == ("import.conflicts", ["2026-0142", "2026-0143"])  # ... logged


def test_skip_bad_with_no_good_row_says_so(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    path = _write(tmp_path, "bad.csv", "case,child,advisor\n2026-0200,Alma,ZZZ\n2026-0201,Ida,YYY\n")
    assert_error(
        samfam("import", "cases", str(path), "--skip-bad"), DOMAIN_ERROR, "no row was good, so nothing was imported"
    )


def test_the_import_undoes_exactly_what_the_csv_export_did_to_formula_text():
    from samfam.inputs.tables import FORMULA_START
    from samfam.output.cells import _FORMULA_START

    assert set(FORMULA_START) == {*_FORMULA_START, "\n"}  # a carriage return is written as a newline


NOTES = ["'-) fint møde", "=SUM(A1)", "'=ikke en formel", "''+ to apostroffer", "-2 grader", "+45 12 34 56 78"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_notes_come_back_as_typed_through_export_and_import(samfam, tmp_path, fmt):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS, "cases": CASES})
    for day, note in enumerate(NOTES, start=10):
        samfam.ok("event", "add", "2026-0142", "phone", "--on", f"2026-11-{day}", "--note", note)
    out = tmp_path / ("x.xlsx" if fmt == "xlsx" else "x")
    samfam.ok("export", "-f", fmt, "-o", str(out))
    source = out if fmt == "xlsx" else out / "events.csv"
    again = samfam.ok("import", "events", str(source)).stdout
    assert f"0 new, {len(NOTES)} unchanged" in again  # the same events, not new ones
    target = Samfam(tmp_path / "t.db")
    target.ok("init")
    for kind in ("advisors", "cases", "events"):
        target.ok("import", kind, str(out if fmt == "xlsx" else out / f"{kind}.csv"))
    assert [e["note"] for e in target.ok("event", "list", "2026-0142", "-f", "json").json()] == NOTES


def test_two_alike_events_on_one_day_are_two_through_export_and_import(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS, "cases": CASES})
    for _ in range(2):
        samfam.ok("event", "add", "2026-0142", "email", "--on", "2026-11-20")
    folder = tmp_path / "x"
    samfam.ok("export", "-f", "csv", "-o", str(folder))
    assert "0 new, 2 unchanged" in samfam.ok("import", "events", str(folder / "events.csv")).stdout
    target = Samfam(tmp_path / "t.db")
    target.ok("init")
    for kind in ("advisors", "cases", "events"):
        target.ok("import", kind, str(folder / f"{kind}.csv"))
    assert [e["kind"] for e in target.ok("event", "list", "2026-0142", "-f", "json").json()] == ["email", "email"]


# -- imports that change nothing silently (issue 18) ------------------------------------------------------


def test_a_utf8_file_with_one_windows_1252_line_is_refused_not_read_as_windows_1252(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    path = tmp_path / "cases.csv"
    path.write_bytes(
        "case,child,born,advisor\n2026-0142,Søren Holm,2019-04-02,MKJ\n".encode()
        + "2026-0143,Bjørn Lund,2019-04-02,MKJ\n".encode("cp1252")
    )
    assert_refused(samfam, ["import", "cases", str(path)], DOMAIN_ERROR, "line 3", "UTF-8")
    assert not [r for r in samfam.rows("cases") if "Ã" in str(r)]


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("case,child,barn,born,advisor", ("'barn'", "child")),
        ("case,child,born,advisor,sagsbehandler", ("'sagsbehandler'", "advisor")),
        ("case,child,born,advisor,Advisor", ("'Advisor'",)),
    ],
)
def test_a_column_named_twice_is_refused_naming_it(samfam, tmp_path, header, words):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    row = (
        "2026-0142,Alma Holm,Ida Holm,2019-04-02,MKJ" if "barn" in header else "2026-0142,Alma Holm,2019-04-02,MKJ,LBH"
    )
    path = _write(tmp_path, "cases.csv", f"{header}\n{row}\n")
    assert_refused(samfam, ["import", "cases", str(path)], DOMAIN_ERROR, "twice", *words)


@pytest.mark.parametrize(
    "text",
    [
        "case,child,,born,advisor\n2026-0142,Alma Holm,vigtigt,2019-04-02,MKJ\n",
        "case,child,born,advisor\n2026-0142,Alma Holm,2019-04-02,MKJ,vigtigt\n",
    ],
    ids=["empty-header", "beyond-the-header"],
)
def test_a_value_in_a_column_without_a_header_is_refused_naming_line_and_column(samfam, tmp_path, text):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    path = _write(tmp_path, "cases.csv", text)
    column = "column 3" if ",," in text else "column 5"
    assert_refused(samfam, ["import", "cases", str(path)], DOMAIN_ERROR, "line 2", column, "no header")


def test_an_empty_column_without_a_header_is_no_matter(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    samfam.ok(
        "import",
        "cases",
        str(_write(tmp_path, "cases.csv", "case,child,born,advisor,\n2026-0142,Alma,2019-04-02,MKJ,\n")),
    )


def test_a_nul_byte_deep_in_the_file_is_refused_naming_line_and_column(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS, "cases": CASES})
    rows = "".join(f"2026-0142,phone,2026-11-{1 + i % 20:02d},Opkald {i}\n" for i in range(300))
    path = _write(tmp_path, "events.csv", "case,kind,on,note\n" + rows + "2026-0142,sms,2026-11-20,Før\x00efter\n")
    assert path.stat().st_size > 4096
    assert_refused(samfam, ["import", "events", str(path)], DOMAIN_ERROR, "line 302", "column 4 (note)", "U+0000")


def test_an_unknown_paragraph_code_is_refused_with_the_nearest_known_one(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS, "cases": CASES})
    path = _write(tmp_path, "grants.csv", "case,paragraph,from\n2026-0142,BL 86.99.99,2026-09-14\n")
    assert_refused(samfam, ["import", "grants", str(path)], DOMAIN_ERROR, "line 2", "'BL 86.99.99'", "'BL 86'")
    cases = _write(
        tmp_path, "cases2.csv", "case,child,born,advisor,paragraphs\n2026-0150,Alma,2019-04-02,MKJ,BL 86.99.99\n"
    )
    assert_refused(samfam, ["import", "cases", str(cases)], DOMAIN_ERROR, "'BL 86'")


def test_an_xlsx_formula_is_refused_and_nothing_imported(samfam, tmp_path):
    _import_all(samfam, tmp_path, {"advisors": ADVISORS})
    book = Workbook()
    sheet = book.active
    sheet.title = "cases"
    sheet.append(["case", "child", "born", "advisor"])
    sheet.append(["2026-0142", "Alma Holm", "2019-04-02", "MKJ"])
    sheet.append(["2026-0143", '=A2&" II"', "2019-04-02", "MKJ"])
    book.save(tmp_path / "cases.xlsx")
    assert_refused(samfam, ["import", "cases", str(tmp_path / "cases.xlsx")], DOMAIN_ERROR, "B3", "formula")


def test_a_tiny_xlsx_declaring_a_huge_sheet_is_refused_within_seconds(samfam, tmp_path):
    from test_inputs_tables import sheet, write_xlsx

    last = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = write_xlsx(tmp_path / "huge.xlsx", sheet(last, "A1:XFD1048576"))
    start = time.perf_counter()
    assert_refused(samfam, ["import", "events", str(path)], DOMAIN_ERROR, "16,384 columns")
    assert time.perf_counter() - start < 10


def _one_case_events(samfam: Samfam, tmp_path: Path, count: int) -> float:
    rows = "".join(f"2026-0142,phone,2026-11-{1 + i % 20:02d},Opkald {count}-{i}\n" for i in range(count))
    path = _write(tmp_path, f"events{count}.csv", "case,kind,on,note\n" + rows)
    start = time.perf_counter()
    samfam.ok("import", "events", str(path))
    return time.perf_counter() - start


def test_an_events_import_is_linear_in_the_events_per_case(samfam, tmp_path):
    """A row's natural key was looked up by reading all of the case's events: 5,000 events on one case took
    9.7 s, 20,000 took 124 s. Eight times the rows now take about eight times as long, not sixty-four."""
    _import_all(samfam, tmp_path, {"advisors": ADVISORS, "cases": CASES})
    _one_case_events(samfam, tmp_path, 100)  # warm: the first import compiles the statements
    small = _one_case_events(samfam, tmp_path, 500)
    large = _one_case_events(samfam, tmp_path, 4000)
    assert large < 14 * small, f"500 events: {small:.2f} s, 4,000 more on the same case: {large:.2f} s"


# -- applications and actors' end dates (issue 19) -------------------------------------------------------


def _copy_of_demo(demo, tmp_path: Path) -> Samfam:
    copy = tmp_path / "demo.db"
    with sqlite3.connect(demo.samfam.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # the demo is in WAL mode: a file copy could miss its newest pages
    return Samfam(copy)


def _application_ids(s: Samfam, ref: str) -> list[int]:
    return [a["id"] for a in s.ok("application", "list", ref, "-f", "json").json()]


def _with_applications_and_ended_actors(s: Samfam) -> None:
    """Two new cases on the demo: 2026-0990 (open) and 2026-0991 (closed since), with applications open,
    with a letter, refused, granted with a grant (one still running, one ended, one voided since), two alike
    on one day, and actors who left."""
    advisor = next(a["initials"] for a in s.ok("advisor", "list", "-f", "json").json() if a["left"] is None)
    for ref in ("2026-0990", "2026-0991"):
        s.ok("case", "open", ref, "--child", "Viggo Testesen", "--advisor", advisor, "--opened", "2026-06-01")
    s.ok("application", "add", "2026-0990", "BL 86", "--received", "2026-09-01")
    s.ok("application", "add", "2026-0990", "BL 20", "--received", "2026-06-10")
    s.ok("application", "add", "2026-0990", "BL 46", "--received", "2026-06-12")
    for _ in range(2):
        s.ok("application", "add", "2026-0990", "BL 30", "--received", "2026-11-02")
    partly, voided, big, _, _ = _application_ids(s, "2026-0990")  # oldest received first
    s.ok("application", "letter", str(big), "--on", "2026-10-01")
    s.ok("application", "decide", str(big), "--outcome", "granted", "--on", "2026-10-15", "--grant-from", "2026-11-01")
    s.ok("application", "decide", str(partly), "--outcome", "partly", "--on", "2026-06-20",
         "--grant-from", "2026-07-01", "--grant-to", "2026-08-31")  # fmt: skip
    s.ok(
        "application", "decide", str(voided), "--outcome", "granted", "--on", "2026-06-20", "--grant-from", "2026-07-01"
    )
    s.ok("grant", "void", "2026-0990", "BL 46", "--reason", "Bevilget på forkert sag")
    s.ok("application", "add", "2026-0991", "BL 86", "--received", "2026-07-01")
    s.ok(
        "application", "decide", str(_application_ids(s, "2026-0991")[0]), "--outcome", "refused", "--on", "2026-08-01"
    )
    for ref in ("2026-0990", "2026-0991"):
        s.ok("actor", "add", ref, "school", "--name", "Kildeskolen", "--since", "2026-06-01")
        s.ok("actor", "add", ref, "ppr", "--name", "PPR Nord", "--since", "2026-06-15")
        s.ok("event", "add", ref, "network-meeting", "--on", "2026-07-01", "--with", str(_actor_id(s, ref, "PPR Nord")))
        s.ok("actor", "end", str(_actor_id(s, ref, "PPR Nord")), "--on", "2026-09-30")
    s.ok("case", "close", "2026-0991", "--reason", "Flyttet", "--on", "2026-10-31", "--force", "testdata")


def _actor_id(s: Samfam, ref: str, name: str) -> int:
    return next(a["id"] for a in s.ok("actor", "list", ref, "--all", "-f", "json").json() if a["name"] == name)


def _applications(s: Samfam, *refs: str) -> list[dict]:
    """`application list` (every open case's) and each of `refs`' (a closed case's too), without the ids
    (a new database numbers them anew), with whether a grant was added."""
    rows = s.ok("application", "list", "-f", "json").json()
    for ref in refs:
        rows += s.ok("application", "list", ref, "-f", "json").json()
    return [{k: v for k, v in r.items() if k not in ("id", "grant_id")} | {"grant": r["grant_id"] is not None}
            for r in rows]  # fmt: skip


def _actors(s: Samfam, *refs: str) -> list[dict]:
    return [
        {k: v for k, v in a.items() if k != "id"}
        for ref in refs
        for a in s.ok("actor", "list", ref, "--all", "-f", "json").json()
    ]


def test_export_xlsx_round_trip_keeps_applications_and_actors_end_dates(demo, tmp_path):
    from samfam.rules.transfer import ORDER

    source = _copy_of_demo(demo, tmp_path)
    _with_applications_and_ended_actors(source)
    book = tmp_path / "afdeling.xlsx"
    source.ok("export", "--format", "xlsx", "--output", str(book))
    assert load_workbook(book, read_only=True).sheetnames == list(ORDER)
    target = Samfam(tmp_path / "new.db")
    target.ok("init")
    for kind in ORDER:
        result = target.ok("import", kind, str(book))
        assert "0 conflicts, 0 rejected" in result.stdout, (kind, result.stdout)
    refs = ("2026-0990", "2026-0991")
    before, after = _applications(source, *refs), _applications(target, *refs)
    for row in before:  # what is lost: the link to a grant voided since (the grants sheet has the grant)
        row["grant"] = row["grant"] and row["code"] != "BL 46"
    assert after == before
    assert len([a for a in after if a["case"] in refs]) == 5 * 2 + 1  # 2026-0990 is open: in both listings
    decided = [(a["code"], a["outcome"], a["grant"]) for a in after if a["case"] == "2026-0990" and a["decided"]]
    assert sorted(set(decided)) == [("BL 20", "partly", True), ("BL 46", "granted", False), ("BL 86", "granted", True)]
    assert _actors(target, *refs) == _actors(source, *refs)
    assert [a["until"] for a in _actors(target, *refs)] == [None, "2026-09-30", None, "2026-09-30"]
    for kind in ("applications", "actors"):  # a second import changes nothing
        again = target.ok("import", kind, str(book)).stdout
        assert " 0 new," in again and "0 conflicts, 0 rejected" in again, again


def test_export_csv_writes_applications_and_actors_until(demo, tmp_path):
    source = _copy_of_demo(demo, tmp_path)
    _with_applications_and_ended_actors(source)
    folder = tmp_path / "eksport"
    source.ok("export", "--format", "csv", "--output", str(folder), "--case", "2026-0991")
    applications = list(csv.DictReader((folder / "applications.csv").open(encoding="utf-8")))
    assert applications == [{"case": "2026-0991", "paragraph": "BL 86", "received": "2026-07-01",
                             "letter": "", "decided": "2026-08-01", "outcome": "refused",
                             "grant_from": "", "grant_to": ""}]  # fmt: skip
    actors = list(csv.DictReader((folder / "actors.csv").open(encoding="utf-8")))
    assert [(a["name"], a["until"]) for a in actors] == [("Kildeskolen", ""), ("PPR Nord", "2026-09-30")]


def test_import_template_applications(samfam, tmp_path):
    text = samfam.ok("import", "template", "applications").stdout
    assert text.splitlines()[0] == "case,paragraph,received,letter,decided,outcome,grant_from,grant_to"


#: The tables a JSON export leaves out: the audit log (`samfam audit`, `audit verify`) and the schema's
#: version. Every other table's every row is in it (docs/import-export.md).
NOT_IN_THE_JSON = {"audit_log", "meta"}


def test_export_json_holds_every_row_of_every_table(demo, tmp_path):
    s = _copy_of_demo(demo, tmp_path)
    _with_applications_and_ended_actors(s)
    s.ok("frist", "set", "BL 86", "40", "--unit", "workdays")
    s.ok("closed-day", "add", "2026-12-24", "--note", "Juleaften")
    s.ok("team", "meeting", "add", "stop-op", "--on", "2026-09-01", "--team", "Nord")
    data = s.ok("export").json()
    records, department = data["cases"], data["department"]
    with sqlite3.connect(s.db) as conn:
        tables = {
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_") and name != "alembic_version"
        }
        stored = {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in tables}
    exported = {name: len(rows) for name, rows in department.items()}
    for record in records:
        for name, rows in record.items():
            if name != "case":
                exported[name] = exported.get(name, 0) + len(rows)
    assert set(exported) == tables - NOT_IN_THE_JSON
    assert exported == {name: n for name, n in stored.items() if name not in NOT_IN_THE_JSON}
    assert all(exported[name] for name in ("frist", "closed_day", "team_meeting", "application", "advisor"))
    assert department["closed_day"] == [{"day": "2026-12-24", "note": "Juleaften"}]


def test_export_json_of_some_cases_holds_no_department_tables(demo):
    data = demo.samfam.ok("export", "--advisor", "ATP").json()
    assert data["cases"] and data["department"] == {}


def test_the_docs_list_the_import_kinds_their_columns_and_what_a_round_trip_keeps():
    from samfam.rules.transfer import KINDS, ORDER

    docs = (Path(__file__).resolve().parents[1] / "docs" / "import-export.md").read_text()
    named = docs.split("`KIND` is one of ", 1)[1].split(", imported", 1)[0]
    assert [word.strip("` \n") for word in named.replace(" and ", ", ").split(",")] == list(ORDER)
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in docs.splitlines() if line.startswith("| ")]
    table = {row[0]: row[2] for row in rows[1:] if row[0] in KINDS}
    assert list(table) == list(ORDER)
    for kind, columns in table.items():
        assert columns == ", ".join(f.name + ("" if f.required else "?") for f in KINDS[kind]), kind
    kept = docs.split("**The round trip.**", 1)[1].split("\n\n", 1)[0]
    assert [line[2:].split(":", 1)[0] for line in kept.splitlines() if line.startswith("- ")] == list(ORDER)
    assert f"Importing the {len(ORDER)} sheets" in docs.replace("seven", "7")
