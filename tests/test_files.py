"""samfam.files.write_private: every file samfam writes, readable by its owner only, never half written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from samfam.errors import Conflict, InvalidValue
from samfam.files import create_private, write_private


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


def test_an_existing_file_with_wider_permissions_is_narrowed(tmp_path):
    path = tmp_path / "week.html"
    path.write_text("old")
    path.chmod(0o644)
    write_private(path, "new")
    assert path.read_text() == "new"
    assert _mode(path) == 0o600


def test_exclusive_refuses_an_existing_file_and_leaves_it(tmp_path):
    path = tmp_path / "archive.json"
    path.write_text("kept")
    with pytest.raises(Conflict, match="archive.json' exists already"):
        write_private(path, "other", exclusive=True)
    with pytest.raises(Conflict, match="move it"):
        write_private(path, "other", exclusive=True, exists="move it")
    assert path.read_text() == "kept"


def test_atomic_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text("old")
    write_private(path, "new", atomic=True)
    assert path.read_text() == "new"
    assert _mode(path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.json"]


def test_a_writer_that_fails_leaves_the_old_file_under_atomic(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text("old")

    def broken(handle):
        handle.write(b"half")
        raise RuntimeError("the writer failed")

    with pytest.raises(RuntimeError):
        write_private(path, broken, atomic=True)
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.json"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_folder_that_cannot_be_written_is_one_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(InvalidValue, match="cannot write"):
        write_private(folder / "x.txt", "x")


def test_a_missing_folder_is_one_clear_error(tmp_path):
    with pytest.raises(InvalidValue, match="cannot write '.*x.txt': No such file or directory"):
        write_private(tmp_path / "missing" / "x.txt", "x")


def test_create_private_makes_a_new_empty_file_and_refuses_an_existing_one(tmp_path):
    path = tmp_path / "backup.db"
    create_private(path)
    assert path.read_bytes() == b"" and _mode(path) == 0o600
    with pytest.raises(Conflict):
        create_private(path)
