"""The database file itself: a consistent backup copy, SQLite's integrity check, who may read the files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samfam.store.engine import Store


def files_of(store: Store) -> list[Path]:
    """The SQLite file and the write-ahead log beside it, those that exist."""
    if store.path is None:
        return []
    return [p for p in (store.path, Path(f"{store.path}-wal"), Path(f"{store.path}-shm")) if p.exists()]


def too_open(path: Path) -> bool:
    """Readable or writable by anyone but the owner."""
    return path.stat().st_mode & 0o077 != 0


def fold_log(path: Path) -> None:
    """Fold the write-ahead log into the SQLite file (a checkpoint), so that the file alone holds the
    database and can be renamed without its -wal (the demo, built under another name)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def integrity(path: Path) -> str:
    """SQLite's `PRAGMA integrity_check` of a file: "ok", or what it found (first lines)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()
    return "ok" if found == ["ok"] else "; ".join(found[:3])


def backup(store: Store, target: Path) -> None:
    """A consistent copy of the SQLite database while others write (SQLite's online backup API), into
    `target`: a new, empty file only its owner may read, made by the caller through `samfam.files.staged`
    (a temporary name beside the backup's, renamed into place once the copy is checked)."""
    raw = store.engine.raw_connection()
    try:
        copy = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(copy, pages=4096)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
    finally:
        raw.close()
    os.chmod(target, 0o600)
