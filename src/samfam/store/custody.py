"""What the audit log is checked against from outside the database: its key and its witness (docs/privacy.md § 2).

The key: 32 random bytes, as 64 hex digits. From SAMFAM_AUDIT_KEY (hex), else the file SAMFAM_AUDIT_KEY_FILE,
else `audit.key` in the user's config folder (samfam.settings.config_dir), which `samfam init` creates (0600)
when there is none. One key per user, not per database: a database copied (a backup, a move) still verifies.
Rows from `audit.keyed_from` (meta) on are HMAC-SHA256 under it; `audit.key_check` (meta) is an HMAC of that
boundary, so a wrong key is named as such and the boundary cannot be moved without the key.

The witness: an append-only text file per database (0600) in the witness folder (SAMFAM_AUDIT_WITNESS_DIR, else
witness/ in the config folder), named by a hash of where the database is (the resolved path of an SQLite file;
host, port and name on PostgreSQL). `init` starts it; every write that commits appends its new head. Lines:

    2026-12-06T07:31:22Z start                 a new database at this place (init): what came before is over
    2026-12-06T07:31:22Z keyed 1               the first keyed row
    2026-12-06T07:31:22Z anchor 1042:3f5a…     the pruning anchor (retention --apply)
    2026-12-06T07:31:22Z head 1107:9c1e…       the newest row after a write

Standard library only: every write touches it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import samfam.files as files
from samfam.errors import Conflict, DatabaseError, SamfamError

ENV_KEY = "SAMFAM_AUDIT_KEY"
ENV_KEY_FILE = "SAMFAM_AUDIT_KEY_FILE"
ENV_WITNESS_DIR = "SAMFAM_AUDIT_WITNESS_DIR"
KEY_FILENAME = "audit.key"
#: meta: the first row whose hash is keyed, and the HMAC of that boundary under the key.
KEYED_FROM = "audit.keyed_from"
KEY_CHECK = "audit.key_check"


def _config_dir() -> Path:
    from samfam.settings import config_dir

    return config_dir()


def key_source() -> str:
    """Where the key is looked for, for messages."""
    if os.environ.get(ENV_KEY):
        return ENV_KEY
    return str(key_path())


def key_path() -> Path:
    given = os.environ.get(ENV_KEY_FILE)
    return Path(given).expanduser() if given else _config_dir() / KEY_FILENAME


def _parse(text: str, where: str) -> bytes:
    text = text.strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise DatabaseError(
            "the audit key in {where} is not 64 hex digits (32 bytes); see docs/privacy.md § 2", where=where
        )
    return key


def load_key(create: bool = False) -> bytes | None:
    """The audit key, or None when there is none; `create`: make the default file (or SAMFAM_AUDIT_KEY_FILE's) when
    missing. Two processes creating it at once keep one key: it is written aside and linked into place."""
    if given := os.environ.get(ENV_KEY):
        return _parse(given, ENV_KEY)
    path = key_path()
    try:
        return _parse(path.read_text(), str(path))
    except FileNotFoundError:
        if not create:
            return None
    except OSError as exc:
        raise DatabaseError("cannot read the audit key {path}: {reason}", path=path, reason=exc.strerror) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # a new file only: two commands creating it at once end with the one key that was placed first
        files.write_private(path, secrets.token_bytes(32).hex() + "\n")
    except Conflict:
        pass
    except SamfamError as exc:
        raise DatabaseError("cannot write the audit key {path}: {reason}", path=path, reason=exc.message) from None
    return _parse(path.read_text(), str(path))


def key_check(key: bytes, keyed_from: int) -> str:
    """What meta keeps to tell the key and the boundary are the ones the log was keyed with."""
    return hmac.new(key, f"samfam audit key check {keyed_from}".encode(), hashlib.sha256).hexdigest()


# -- the witness ---------------------------------------------------------------------------------------------


def witness_path(where: str) -> Path:
    """The witness file of the database at `where` (samfam.store.engine.Store.place)."""
    folder = os.environ.get(ENV_WITNESS_DIR)
    base = Path(folder).expanduser() if folder else _config_dir() / "witness"
    return base / f"{hashlib.sha256(where.encode()).hexdigest()[:24]}.log"


class Witnessed(NamedTuple):
    """What the witness holds since its last `start`: the newest head, pruning anchor and keyed boundary."""

    path: Path
    head: tuple[int, str] | None
    anchor: tuple[int, str] | None
    keyed: int | None


def _link(text: str) -> tuple[int, str]:
    row_id, _, digest = text.partition(":")
    return int(row_id), digest


def read_witness(path: Path) -> Witnessed | None:
    """The witness, or None when the database has none here (a copy, or one not `init`-ed at this place)."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DatabaseError("cannot read the audit witness {path}: {reason}", path=path, reason=exc.strerror) from None
    head = anchor = None
    keyed = None
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        what = parts[1]
        try:
            if what == "start":
                head = anchor = None
                keyed = None
            elif what == "head" and len(parts) > 2:
                head = _link(parts[2])
            elif what == "anchor" and len(parts) > 2:
                anchor = _link(parts[2])
            elif what == "keyed" and len(parts) > 2:
                keyed = int(parts[2])
        except ValueError:
            raise DatabaseError(
                "the audit witness {path} has a line samfam did not write: {line}", path=path, line=line[:80]
            ) from None
    return Witnessed(path, head, anchor, keyed)


def append_witness(path: Path, lines: list[str], create: bool = False) -> None:
    """Append lines to the witness (only to an existing one unless `create`). A witness that cannot be written
    does not undo a committed write: the next write, or `init`, records the head again."""
    if not lines:
        return
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = "".join(f"{stamp} {line}\n" for line in lines)
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        files.append_private(path, text, create=create)
    except (OSError, SamfamError) as exc:
        if create:
            why = exc.message if isinstance(exc, SamfamError) else exc.strerror
            raise DatabaseError("cannot write the audit witness {path}: {reason}", path=path, reason=why) from None
