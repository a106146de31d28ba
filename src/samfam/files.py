"""Every file samfam writes goes through `write_private`, which owns the rules for a file that may hold a
child's data: created readable by its owner only (0600, also where it existed with wider permissions);
with `exclusive`, an existing file is refused, never overwritten; with `atomic`, written under a
temporary name in the same folder and renamed, so that a reader (or a crash) sees the old file or the
new one, never half of one. A folder that cannot be written is one clear error.

Reports, exports, templates, rejected rows, workbooks, archives, backups and caches all come here: the
output package's documents and workbooks, the store's backup, the retention archive, the holiday cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from samfam.errors import Conflict, InvalidValue

Content = str | bytes | Callable[[BinaryIO], None]


def write_private(
    path: str | Path,
    content: Content,
    *,
    exclusive: bool = False,
    atomic: bool = False,
    exists: str | None = None,
) -> None:
    """Write `content` (text as UTF-8, bytes as they are, or a function that writes to the open file) to
    `path`, mode 0600. `exclusive`: refuse an existing file (`exists`: the error's text, else a plain one).
    `atomic`: write a temporary file beside it and rename it into place."""
    target = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive or atomic else os.O_TRUNC)
    written = target.with_name(f".{target.name}.{os.getpid()}.tmp") if atomic else target
    try:
        descriptor = os.open(written, flags, 0o600)
    except FileExistsError:
        raise Conflict(exists or f"'{path}' exists already; give another file name") from None
    except OSError as exc:
        raise InvalidValue(f"cannot write '{path}': {exc.strerror}") from None
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            if isinstance(content, str):
                handle.write(content.encode("utf-8"))
            elif isinstance(content, bytes):
                handle.write(content)
            else:
                content(handle)
        if atomic:
            os.replace(written, target)
    except OSError as exc:
        if atomic:
            written.unlink(missing_ok=True)
        raise InvalidValue(f"cannot write '{path}': {exc.strerror}") from None
    except BaseException:
        if atomic or exclusive:
            written.unlink(missing_ok=True)
        raise


def create_private(path: str | Path, *, exists: str | None = None) -> None:
    """A new, empty file only its owner may read, for a writer that fills it by name (SQLite's backup).
    An existing file is refused."""
    write_private(path, b"", exclusive=True, exists=exists)
