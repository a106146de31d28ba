"""Every file samfam writes goes through `write_private` (or `staged`, for a writer that fills a file by
name), which owns the rules for a file that may hold a child's data:

- readable by its owner only (0600);
- never the database in use, nor its `-wal`, `-shm` or `-journal` file (`protect` registers it);
- never through a symbolic link: a link at the file's own path is refused (a linked folder on the way is
  allowed: the folder is where the user keeps the file, the link at the name is what could redirect it);
- never over an existing file unless `force` (`--force`);
- written under a temporary name in the same folder (created with `O_EXCL` and `O_NOFOLLOW`, 0600) and
  renamed into place, so that a reader or a crash sees the old file or the new one, never half of one; the
  temporary file is removed on any failure;
- an empty or blank name, a path that is a folder, a missing or read-only folder: one clear error, and
  nothing is written.

Reports, exports, templates, rejected rows, workbooks, archives, backups and caches all come here: the
output package's documents and workbooks, the store's backup, the retention archive, the holiday cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from samfam.errors import Conflict, InvalidValue, UsageError, cannot_write

Content = str | bytes | Callable[[BinaryIO], None]

#: The database files in use (resolved): registered once the database is known (`protect`).
_PROTECTED: set[Path] = set()
#: Beside an SQLite file: its write-ahead log, shared memory and rollback journal.
DATABASE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def protect(database: str | Path) -> None:
    """Register the SQLite file in use (and its -wal, -shm and -journal files): no file samfam writes may be
    one of them. The command line registers the `--db` it resolved, the application context its database."""
    base = Path(database).expanduser().resolve()
    _PROTECTED.update(Path(f"{base}{suffix}") for suffix in DATABASE_SUFFIXES)


def _is_protected(target: Path) -> bool:
    resolved = target.expanduser().resolve()
    if resolved in _PROTECTED:
        return True
    if not target.exists():
        return False
    for protected in _PROTECTED:  # another name for the same file (a hard link, another spelling)
        try:
            if protected.exists() and os.path.samefile(target, protected):
                return True
        except OSError:
            continue
    return False


def _exists(path: str | Path) -> Conflict:
    return Conflict("'{path}' exists already; give another file name, or --force to replace it", path=path)


def check_target(path: str | Path, *, force: bool = False, exists: Conflict | None = None) -> Path:
    """Refuse a file samfam may not write, before anything is read or written: an empty or blank name, the
    database in use, a symbolic link, a folder, a missing folder, an existing file (unless `force`; `exists`:
    the error to raise instead of the usual one). Returns the path."""
    if not str(path).strip():  # what was typed is not a file name at all: a usage error
        raise UsageError("the file name is empty; give the name of a file to write")
    target = Path(path)
    if not target.name.strip():
        raise UsageError("cannot write '{path}': the file name is blank; give the name of a file to write", path=path)
    if _is_protected(target):
        raise InvalidValue(
            "cannot write '{path}': it is the database in use (or its journal); give another file", path=path
        )
    if target.is_symlink():
        raise InvalidValue("cannot write '{path}': it is a symbolic link; give the file itself", path=path)
    if target.is_dir():
        raise InvalidValue("cannot write '{path}': it is a directory", path=path)
    folder = target.parent
    if not folder.is_dir():
        if folder.exists():
            raise InvalidValue("cannot write '{path}': the folder '{folder}' is not a folder", path=path, folder=folder)
        raise InvalidValue("cannot write '{path}': the folder '{folder}' does not exist", path=path, folder=folder)
    if target.exists() and not force:
        raise exists or _exists(path)
    if not os.access(folder, os.W_OK):
        raise InvalidValue("cannot write '{path}': permission denied (the folder '{folder}')", path=path, folder=folder)
    return target


@contextmanager
def staged(path: str | Path, *, force: bool = False, exists: Conflict | None = None) -> Iterator[Path]:
    """A new, empty temporary file (0600) beside `path`, for a writer that fills a file by name (SQLite's
    backup); when the block ends without an error it is renamed to `path`, else it is removed. The rules of
    `check_target` hold, checked before and again at the rename."""
    target = check_target(path, force=force, exists=exists)
    temporary, descriptor = _temporary(target, path)
    os.close(descriptor)
    try:
        yield temporary
        os.chmod(temporary, 0o600)
        _place(temporary, target, path, force=force, exists=exists)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    finally:
        temporary.unlink(missing_ok=True)


def write_private(path: str | Path, content: Content, *, force: bool = False, exists: Conflict | None = None) -> None:
    """Write `content` (text as UTF-8, bytes as they are, or a function that writes to the open file) to
    `path`, mode 0600, whole or not at all. An existing file is refused (`exists`: the error), unless
    `force`."""
    target = check_target(path, force=force, exists=exists)
    temporary, descriptor = _temporary(target, path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if isinstance(content, str):
                handle.write(content.encode("utf-8"))
            elif isinstance(content, bytes):
                handle.write(content)
            else:
                content(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _place(temporary, target, path, force=force, exists=exists)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    finally:
        temporary.unlink(missing_ok=True)


def _temporary(target: Path, path: str | Path) -> tuple[Path, int]:
    """A new temporary file in the target's folder, 0600, never through a link; its path and descriptor."""
    import secrets

    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(temporary, flags, 0o600)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        os.fchmod(descriptor, 0o600)  # whatever the umask
    except OSError:
        os.close(descriptor)
        temporary.unlink(missing_ok=True)
        raise
    return temporary, descriptor


def _place(temporary: Path, target: Path, path: str | Path, *, force: bool, exists: Conflict | None) -> None:
    """Rename the finished temporary file to the target: over an existing file only with `force`; never over
    a link, a folder or the database (checked again: it may have changed while the file was written)."""
    check_target(path, force=force, exists=exists)
    if force:
        os.replace(temporary, target)
        return
    try:  # a new name only: link(2) refuses an existing one, where rename(2) would replace it
        os.link(temporary, target)
    except FileExistsError:
        raise (exists or _exists(path)) from None
    except OSError:  # a file system without hard links: checked above, renamed now
        os.replace(temporary, target)


def append_private(path: str | Path, text: str, *, create: bool = False) -> bool:
    """Append `text` (UTF-8) to a log file only its owner may read (0600), never through a link and never the
    database; `create`: make it when missing (else a missing file is left missing: False). The one way a
    file grows instead of being replaced (the audit log's witness)."""
    target = Path(path)
    if _is_protected(target):
        raise InvalidValue("cannot write '{path}': it is the database in use", path=path)
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | (os.O_CREAT if create else 0)
    try:
        descriptor = os.open(target, flags, 0o600)
    except FileNotFoundError:
        if create:
            raise InvalidValue("cannot write '{path}': the folder does not exist", path=path) from None
        return False
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        os.fchmod(descriptor, 0o600)
        os.write(descriptor, text.encode("utf-8"))
    finally:
        os.close(descriptor)
    return True
