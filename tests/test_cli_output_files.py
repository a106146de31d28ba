"""Every command that writes a file (samfam.files.write_private): never the database in use, never through a
link, never over an existing file without --force, whole or not at all, and one clear error when it cannot."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

import samfam.actions.privacy as privacy_actions
from conftest import Samfam, _built, _restore, add_team
from support import DOMAIN_ERROR, REF, USAGE_ERROR, assert_error, assert_refused
from test_cli_privacy import LATER, _child, _two_people

#: A cases file with one row the import refuses (an advisor no one knows).
BAD_CASES = (
    "case,child,born,cpr,advisor,buddy,opened,complex,paragraphs\n2026-0900,Ida Lund,,,ZZZ,,2026-06-01,nej,SEL 41\n"
)


def _import_bad(s: Samfam, out: str) -> list[str]:
    source = s.db.parent / "cases.csv"
    source.write_text(BAD_CASES)
    return ["import", "cases", str(source), "--rejected", out]


#: Each command that writes a file, given the file: its arguments.
WRITERS = {
    "report weekly": lambda s, out: ["report", "weekly", "-f", "markdown", "--output", out],
    "report weekly table": lambda s, out: ["report", "weekly", "--output", out],
    "plan": lambda s, out: ["plan", REF, "--output", out],
    "calendar": lambda s, out: ["calendar", "--output", out],
    "access": lambda s, out: ["access", REF, "--output", out],
    "import template": lambda s, out: ["import", "template", "cases", "--output", out],
    "import template xlsx": lambda s, out: ["import", "template", "cases", "-f", "xlsx", "--output", out],
    "export": lambda s, out: ["export", "--output", out],
    "export xlsx": lambda s, out: ["export", "-f", "xlsx", "--output", out],
    "import --rejected": _import_bad,
    "backup": lambda s, out: ["backup", out],
}
#: What each writes when all goes well (the import writes its refused rows, and fails for them).
FAILS_WHEN_WRITTEN = {"import --rejected"}


@pytest.fixture(scope="module")
def _child_db(tmp_path_factory, migrated_db):
    return _built(tmp_path_factory, migrated_db, "files", add_team, _child)


@pytest.fixture
def child(team, _child_db):
    """2026-0101 for Alma Holm, another case, the team (built once for the module, copied for each test)."""
    return _restore(team, _child_db)


def _names(folder: Path) -> set[str]:
    """The files in the folder, but the database's own and the import's source."""
    return {p.name for p in folder.iterdir() if not p.name.startswith("samfam.db") and p.name != "cases.csv"}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.mark.parametrize("force", [(), ("--force",)], ids=["", "--force"])
@pytest.mark.parametrize("suffix", ["", "-wal"])
@pytest.mark.parametrize("command", WRITERS)
def test_the_database_in_use_is_refused_as_the_file_to_write(child, command, suffix, force):
    before = child.db.read_bytes()
    argv = [*WRITERS[command](child, f"{child.db}{suffix}"), *force]
    assert_refused(child, argv, DOMAIN_ERROR, "it is the database in use")
    assert child.db.read_bytes() == before
    assert {p.name for p in child.db.parent.iterdir()} <= {"samfam.db", "samfam.db-wal", "samfam.db-shm", "cases.csv"}


@pytest.mark.parametrize("command", ["report weekly", "backup", "import template"])
def test_the_database_by_another_spelling_is_refused(child, command):
    (child.db.parent / "sub").mkdir()
    other = f"{child.db.parent}/sub/../{child.db.name}"
    assert_refused(child, WRITERS[command](child, other), DOMAIN_ERROR, "it is the database in use")


@pytest.mark.parametrize("command", WRITERS)
def test_a_symbolic_link_is_refused_and_its_target_untouched(child, tmp_path, command):
    target = tmp_path / "elsewhere.txt"
    target.write_text("someone's file")
    target.chmod(0o644)
    link = tmp_path / "out.file"
    link.symlink_to(target)
    for force in ((), ("--force",)):
        assert_refused(child, [*WRITERS[command](child, str(link)), *force], DOMAIN_ERROR, "a symbolic link")
    assert target.read_text() == "someone's file" and _mode(target) == 0o644
    assert link.is_symlink() and link.resolve() == target


@pytest.mark.parametrize("command", WRITERS)
def test_an_existing_file_is_refused_without_force_and_replaced_with_it(child, tmp_path, command):
    out = tmp_path / "out.file"
    out.write_text("kept")
    out.chmod(0o644)
    assert_refused(child, WRITERS[command](child, str(out)), DOMAIN_ERROR, str(out), "exists already", "--force")
    assert out.read_text() == "kept" and _mode(out) == 0o644
    result = child(*WRITERS[command](child, str(out)), "--force")
    if command in FAILS_WHEN_WRITTEN:
        assert_error(result, DOMAIN_ERROR, "1 of 1 rows", str(out))
    else:
        assert result.exit_code == 0, result.stderr
    assert out.read_bytes() != b"kept" and _mode(out) == 0o600
    assert _names(tmp_path) == {"out.file"}  # no temporary file left


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("missing/out.file", "the folder '{tmp}/missing' does not exist"),
        ("a-file/out.file", "the folder '{tmp}/a-file' is not a folder"),
        ("", "it is a directory"),
    ],
    ids=["a missing folder", "a folder that is a file", "a directory"],
)
def test_a_path_that_cannot_be_written_is_one_error_line_and_nothing_is_written(child, tmp_path, command, where, says):
    (tmp_path / "a-file").write_text("not a folder")
    out = str(tmp_path / where) if where else str(tmp_path)
    assert_refused(child, WRITERS[command](child, out), DOMAIN_ERROR, says.format(tmp=tmp_path))
    assert _names(tmp_path) == {"a-file"}
    assert (tmp_path / "a-file").read_text() == "not a folder"


@pytest.mark.parametrize("name", ["", " ", "  \t"], ids=["empty", "a space", "blanks"])
def test_a_backup_to_a_blank_name_is_one_clear_error(child, name, tmp_path, monkeypatch):
    """A usage error (exit 2) naming what is valid, never "'' exists already"."""
    monkeypatch.chdir(tmp_path)
    assert_refused(child, ["backup", name], USAGE_ERROR, "the file name is empty", "give the name of a file")
    assert _names(tmp_path) == set()


def test_an_export_to_a_folder_refuses_existing_files_before_writing_any(child, tmp_path):
    folder = tmp_path / "eksport"
    folder.mkdir()
    (folder / "goals.csv").write_text("kept")
    assert_refused(child, ["export", "-f", "csv", "--output", str(folder)], DOMAIN_ERROR, "goals.csv", "--force")
    assert [p.name for p in folder.iterdir()] == ["goals.csv"] and (folder / "goals.csv").read_text() == "kept"
    assert child("export", "-f", "csv", "--output", str(folder), "--force").exit_code == 0
    assert (folder / "goals.csv").read_text() != "kept" and _mode(folder / "goals.csv") == 0o600


def test_an_earlier_imports_refused_rows_are_replaced_by_the_next_import_of_the_same_file(child, tmp_path):
    source = tmp_path / "cases.csv"
    source.write_text(BAD_CASES)
    for _ in range(2):
        assert_error(child("import", "cases", str(source)), DOMAIN_ERROR, f"{source}.rejected.csv")
    assert Path(f"{source}.rejected.csv").read_text().startswith("line,reason,")
    Path(f"{source}.rejected.csv").write_text("someone's notes")  # not refused rows: kept
    assert_error(child("import", "cases", str(source)), DOMAIN_ERROR, "rejected.csv' exists already", "--force")
    assert Path(f"{source}.rejected.csv").read_text() == "someone's notes"


# -- the retention archive -------------------------------------------------------------------------------------


@pytest.fixture
def approved(child, clock):
    """2026-0101 closed long ago, a proposal approved by TL; the real clock on the day after it ran out."""
    child.ok("handover", "start", REF, "closure")
    child.ok("case", "close", REF, "--reason", "Familien fraflyttet", "--on", "2026-11-20", "--force", "Test")
    child.ok("advisor", "add", "TL", "--name", "Tove Lund", "--role", "teamleder", "--team", "Nord")
    clock(LATER)
    return _two_people(child)


def test_retention_at_an_existing_archive_file_or_a_file_for_a_folder_is_one_error_line(child, approved, tmp_path):
    archive = tmp_path / "arkiv"
    archive.mkdir()
    (archive / f"{REF}-1.json").write_text("someone's file")
    apply = ["retention", "--apply", approved, "--archive", str(archive)]
    assert_refused(child, apply, DOMAIN_ERROR, "archive files exist already", "nothing was removed", real_clock=True)
    assert_refused(child, [*apply, "--force"], USAGE_ERROR, "--force", real_clock=True)  # never with --force
    assert (archive / f"{REF}-1.json").read_text() == "someone's file"
    (tmp_path / "a-file").write_text("not a folder")
    at_a_file = ["retention", "--apply", approved, "--archive", str(tmp_path / "a-file")]
    assert_refused(child, at_a_file, DOMAIN_ERROR, "is a file", real_clock=True)
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_a_retention_run_killed_after_its_archive_leaves_nothing_that_blocks_the_next(
    child, approved, tmp_path, monkeypatch
):
    archive = tmp_path / "arkiv"

    def killed(*args, **kwargs):
        raise RuntimeError("killed")  # the archive is written; the database has not committed

    with monkeypatch.context() as patched:
        patched.setattr(privacy_actions, "_anonymise", killed)
        before = child.snapshot()
        crashed = child("retention", "--apply", approved, "--archive", str(archive), real_clock=True)
        assert crashed.exit_code != 0 and child.snapshot() == before
    left = json.loads((archive / f"{REF}-1.json").read_text())
    assert left["record"]["cases"][0]["child_name"] == "Alma Holm"
    assert not [p for p in archive.iterdir() if p.name.startswith(".")]  # no temporary file
    left["archived"] = "2031-11-20"  # as if killed the day before: the same record, another day
    (archive / f"{REF}-1.json").write_text(json.dumps(left))
    result = child("retention", "--apply", approved, "--archive", str(archive), real_clock=True)
    assert result.exit_code == 0, result.stderr
    saved = json.loads((archive / f"{REF}-1.json").read_text())
    assert saved["archived"] == LATER and saved["record"] == left["record"]
    assert _mode(archive / f"{REF}-1.json") == 0o600
    assert child.ok("case", "show", "slettet-1", "-f", "json").json()["child"] == "(slettet)"


def test_a_leftover_archive_file_whose_record_differs_still_blocks(child, approved, tmp_path, monkeypatch):
    archive = tmp_path / "arkiv"

    def killed(*args, **kwargs):
        raise RuntimeError("killed")

    with monkeypatch.context() as patched:
        patched.setattr(privacy_actions, "_anonymise", killed)
        assert child("retention", "--apply", approved, "--archive", str(archive), real_clock=True).exit_code != 0
    left = json.loads((archive / f"{REF}-1.json").read_text())
    left["record"]["cases"][0]["child_name"] = "Someone else"
    (archive / f"{REF}-1.json").write_text(json.dumps(left))
    apply = ["retention", "--apply", approved, "--archive", str(archive)]
    assert_refused(child, apply, DOMAIN_ERROR, "archive files exist already", real_clock=True)
    assert json.loads((archive / f"{REF}-1.json").read_text()) == left
