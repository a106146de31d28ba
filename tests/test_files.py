"""samfam.files.write_private: every file samfam writes, readable by its owner only, never half written, never
the database, never through a link, never over a file without force."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import samfam.files as files
from samfam.errors import Conflict, InvalidValue, UsageError
from samfam.files import protect, staged, write_private


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("content", "expected"),
    [("Søren Ærø\n", "Søren Ærø\n".encode()), (b"\x00\x01", b"\x00\x01"), (lambda f: f.write(b"written"), b"written")],
    ids=["text as UTF-8", "bytes as they are", "a writer function"],
)
def test_a_new_file_holds_the_content_and_only_its_owner_may_read_it(tmp_path, content, expected):
    path = tmp_path / "report.txt"
    write_private(path, content)
    assert path.read_bytes() == expected
    assert _mode(path) == 0o600


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A database in use, registered as samfam's command line registers it (and forgotten after the test)."""
    monkeypatch.setattr(files, "_PROTECTED", set())
    path = tmp_path / "samfam.db"
    path.write_bytes(b"SQLite format 3\x00 the real work")
    protect(path)
    return path


def test_an_existing_file_with_wider_permissions_is_replaced_and_narrowed_with_force(tmp_path):
    path = tmp_path / "week.html"
    path.write_text("old")
    path.chmod(0o644)
    write_private(path, "new", force=True)
    assert path.read_text() == "new"
    assert _mode(path) == 0o600
    assert _names(tmp_path) == ["week.html"]


def test_an_existing_file_is_refused_without_force_and_left_as_it_was(tmp_path):
    path = tmp_path / "archive.json"
    path.write_text("kept")
    path.chmod(0o644)
    with pytest.raises(Conflict, match="archive.json' exists already; give another file name, or --force"):
        write_private(path, "other")
    with pytest.raises(Conflict, match="move it"):
        write_private(path, "other", exists=Conflict("move it"))
    assert path.read_text() == "kept" and _mode(path) == 0o644
    assert _names(tmp_path) == ["archive.json"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text("old")

    def broken(handle):
        handle.write(b"half")
        raise RuntimeError("the writer failed")

    with pytest.raises(RuntimeError):
        write_private(path, broken, force=True)
    with pytest.raises(RuntimeError):
        write_private(tmp_path / "new.json", broken)
    assert path.read_text() == "old"
    assert _names(tmp_path) == ["cache.json"]


def test_the_file_is_written_under_a_temporary_name_and_renamed_into_place(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("old")
    seen = []

    def writer(handle):
        seen.append((path.read_text(), [n for n in _names(tmp_path) if n != "report.md"]))
        handle.write(b"new")

    write_private(path, writer, force=True)
    old, temporary = seen[0]
    assert old == "old"  # the old file stays whole while the new one is written
    assert len(temporary) == 1 and temporary[0].startswith(".report.md.") and temporary[0].endswith(".tmp")
    assert path.read_text() == "new" and _names(tmp_path) == ["report.md"]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("force", [False, True], ids=["", "with force"])
def test_the_database_in_use_and_its_journal_files_are_never_written(database, suffix, force):
    target = Path(f"{database}{suffix}")
    with pytest.raises(InvalidValue, match="it is the database in use"):
        write_private(target, "report", force=force)
    assert database.read_bytes() == b"SQLite format 3\x00 the real work"
    assert _names(database.parent) == ["samfam.db"]


def test_the_database_by_another_name_is_never_written(database, tmp_path):
    (tmp_path / "sub").mkdir()
    other = tmp_path / "sub" / ".." / "samfam.db"  # another spelling
    hard = tmp_path / "hard.db"  # another name for the same file
    os.link(database, hard)
    linked_folder = tmp_path / "linked"
    linked_folder.symlink_to(tmp_path)
    for target in (other, hard, linked_folder / "samfam.db"):
        with pytest.raises(InvalidValue, match="it is the database in use"):
            write_private(target, "report", force=True)
    assert database.read_bytes() == b"SQLite format 3\x00 the real work"


@pytest.mark.parametrize("force", [False, True], ids=["", "with force"])
def test_a_symbolic_link_is_never_written_through_and_its_target_is_untouched(tmp_path, force):
    target = tmp_path / "elsewhere.txt"
    target.write_text("someone's file")
    target.chmod(0o644)
    link = tmp_path / "report.md"
    link.symlink_to(target)
    with pytest.raises(InvalidValue, match="it is a symbolic link"):
        write_private(link, "report", force=force)
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "not-yet")
    with pytest.raises(InvalidValue, match="it is a symbolic link"):
        write_private(dangling, "report", force=force)
    assert target.read_text() == "someone's file" and _mode(target) == 0o644
    assert link.is_symlink() and not (tmp_path / "not-yet").exists()
    assert _names(tmp_path) == ["dangling.md", "elsewhere.txt", "report.md"]


def test_a_link_put_at_the_name_while_the_file_is_written_is_refused_at_the_rename(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("someone's file")
    path = tmp_path / "report.md"

    def writer(handle):
        path.symlink_to(target)
        handle.write(b"report")

    with pytest.raises(InvalidValue, match="it is a symbolic link"):
        write_private(path, writer, force=True)
    assert target.read_text() == "someone's file" and path.is_symlink()
    assert _names(tmp_path) == ["elsewhere.txt", "report.md"]


def test_a_linked_folder_on_the_way_is_allowed(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "reports").symlink_to(real)
    write_private(tmp_path / "reports" / "week.md", "report")
    assert (real / "week.md").read_text() == "report" and _mode(real / "week.md") == 0o600


def test_a_file_put_at_the_name_while_the_file_is_written_is_kept(tmp_path):
    path = tmp_path / "report.md"

    def writer(handle):
        path.write_text("someone else's, meanwhile")
        handle.write(b"report")

    with pytest.raises(Conflict, match="exists already"):
        write_private(path, writer)
    assert path.read_text() == "someone else's, meanwhile"
    assert _names(tmp_path) == ["report.md"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "the file name is empty"),
        (" ", "the file name is empty"),
        ("\t", "the file name is empty"),
        ("sub/ ", "the file name is blank"),
    ],
    ids=["empty", "a space", "a tab", "a blank name in a folder"],
)
def test_an_empty_or_blank_name_is_one_clear_error(tmp_path, monkeypatch, name, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    with pytest.raises(UsageError, match=message):
        write_private(name, "x")
    assert _names(tmp_path) == ["sub"] and _names(tmp_path / "sub") == []


def test_a_directory_is_one_clear_error(tmp_path):
    with pytest.raises(InvalidValue, match="it is a directory"):
        write_private(tmp_path, "x", force=True)
    assert _names(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_folder_that_cannot_be_written_is_one_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(InvalidValue, match="cannot write .*permission denied"):
        write_private(folder / "x.txt", "x")
    assert _names(folder) == []


def test_a_missing_folder_is_one_clear_error(tmp_path):
    with pytest.raises(InvalidValue, match="cannot write '.*x.txt': the folder '.*missing' does not exist"):
        write_private(tmp_path / "missing" / "x.txt", "x")


def test_a_folder_that_is_a_file_is_one_clear_error(tmp_path):
    (tmp_path / "notes").write_text("a file")
    with pytest.raises(InvalidValue, match="the folder '.*notes' is not a folder"):
        write_private(tmp_path / "notes" / "x.txt", "x")


def test_staged_renames_the_filled_file_into_place_and_removes_it_on_failure(tmp_path):
    path = tmp_path / "backup.db"
    with staged(path) as temporary:
        assert temporary.parent == tmp_path and temporary.read_bytes() == b"" and _mode(temporary) == 0o600
        temporary.write_bytes(b"copy")
        assert not path.exists()
    assert path.read_bytes() == b"copy" and _mode(path) == 0o600
    with pytest.raises(Conflict):
        with staged(path):
            pass
    with pytest.raises(RuntimeError), staged(path, force=True) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("the check failed")
    assert path.read_bytes() == b"copy" and _names(tmp_path) == ["backup.db"]


def test_append_private_grows_a_file_0600_and_never_through_a_link(tmp_path):
    from samfam.files import append_private

    log = tmp_path / "witness"
    assert append_private(log, "one\n") is False  # missing and not asked to create: left missing
    assert append_private(log, "one\n", create=True) is True
    append_private(log, "two\n")
    assert log.read_text() == "one\ntwo\n" and _mode(log) == 0o600
    target = tmp_path / "elsewhere"
    target.write_text("kept")
    link = tmp_path / "linked"
    link.symlink_to(target)
    with pytest.raises(InvalidValue, match="cannot write"):
        append_private(link, "x\n", create=True)
    assert target.read_text() == "kept"
