"""The audit log's hash chain: what each row's hash covers, and the check of a whole chain.

Every audit row stores the hash of the row before it (`prev_hash`) and its own `hash`:

    hash = HMAC-SHA256(key, prev_hash "\\n" canonical JSON of [id, at, user, action, kind, purpose,
                                                              case_ref, cases, detail(, os_login)] )

The key is kept outside the database (samfam.store.custody): someone who can write to the database but
does not hold the key cannot re-hash a rewritten log. Rows written before the log was keyed (meta
`audit.keyed_from`, the first keyed row) are plain SHA-256 of the same message, and stay valid.

`os_login` (the operating-system login of whoever ran samfam, 0008) is appended only when it is set:
rows written before it existed hash as they always did, and stay valid.

The first row's `prev_hash` is GENESIS, or after the oldest rows were pruned, the anchor kept in
`meta` (`audit.anchor.id`, `audit.anchor.hash`). So a row changed afterwards no longer matches its
own hash; a row removed or slipped in breaks the link of the row after it; and a row at the end can
be checked against a head written down earlier (`samfam audit verify --head ID:HASH`). The form is
the same on SQLite and PostgreSQL: the moment in UTC to the microsecond, text as stored.

Standard library only: `verify` streams rows through it, a million in a few seconds.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

GENESIS = "0" * 64

#: The columns a row's hash covers, in this order (`os_login` only when it is not None).
COVERED = ("id", "at", "user", "action", "kind", "purpose", "case_ref", "cases", "detail", "os_login")


def _moment(at: datetime) -> str:
    """UTC to the microsecond, `2026-11-22T09:00:00.000000Z` (isoformat: C-fast, a million rows a verify)."""
    offset = at.utcoffset()
    if offset is not None:
        at = (at - offset).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds") + "Z"


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _message(prev_hash: str, row: Any) -> bytes:
    content = [
        row.id,
        _moment(row.at),
        row.user,
        row.action,
        row.kind,
        row.purpose,
        row.case_ref,
        row.cases,
        row.detail,
    ]
    os_login = getattr(row, "os_login", None)
    if os_login is not None:
        content.append(os_login)
    return f"{prev_hash}\n{_encode(content)}".encode()


def row_hash(prev_hash: str, row: Any, key: bytes | None = None) -> str:
    """The hash of one row (anything with the COVERED attributes; `os_login` may be missing) after
    `prev_hash`: HMAC-SHA256 under `key`, plain SHA-256 without (the rows written before the log was keyed)."""
    if key is None:
        return hashlib.sha256(_message(prev_hash, row)).hexdigest()
    return hmac.new(key, _message(prev_hash, row), hashlib.sha256).hexdigest()


class Break(NamedTuple):
    """The first place the chain does not hold."""

    row_id: int | None
    what: str  # changed | unkeyed | removed-or-inserted | anchor | head | key | witness | trigger
    message: str


class Verdict(NamedTuple):
    rows: int
    head_id: int | None
    head_hash: str
    broken: Break | None


def verify(
    rows: Iterable[Any],
    start_hash: str = GENESIS,
    head: tuple[int, str] | None = None,
    key: bytes | None = None,
    keyed_from: int | None = None,
) -> Verdict:
    """Walk the rows in id order from `start_hash`; the first break, if any.

    A row whose own hash does not match its content was changed. A row whose `prev_hash` is not the
    hash of the row before it follows a row that was removed, or was itself slipped in. Rows from
    `keyed_from` on are HMAC-SHA256 under `key`: one hashed plainly there was re-hashed by someone without
    the key. `head` is a (id, hash) written down earlier: it must still be in the chain, unchanged."""
    expected_prev = start_hash
    count = 0
    last_id: int | None = None
    head_seen = head is None
    keyed = keyed_from is not None and key is not None
    mac = hmac.new(key, digestmod=hashlib.sha256) if keyed and key is not None else None
    sha256 = hashlib.sha256
    for row in rows:
        count += 1
        if row.prev_hash != expected_prev:
            before = f"after row {last_id}" if last_id is not None else "at the start of the log"
            return Verdict(
                count,
                last_id,
                expected_prev,
                Break(
                    row.id,
                    "removed-or-inserted",
                    f"row {row.id} does not follow the row before it: a row was removed {before}, or row "
                    f"{row.id} was inserted",
                ),
            )
        message = _message(expected_prev, row)
        if mac is not None and row.id >= keyed_from:  # type: ignore[operator]
            h = mac.copy()
            h.update(message)
            computed = h.hexdigest()
        else:
            computed = sha256(message).hexdigest()
        if row.hash != computed:
            if mac is not None and row.hash == sha256(message).hexdigest():
                broken = Break(
                    row.id,
                    "unkeyed",
                    f"row {row.id} ({row.action}, {_moment(row.at)}) is hashed without the audit key: the log was "
                    "rewritten and re-hashed from there",
                )
            else:
                what = f"row {row.id} ({row.action}, {_moment(row.at)})"
                broken = Break(row.id, "changed", f"{what} was changed after it was written")
            return Verdict(count, last_id, expected_prev, broken)
        expected_prev = computed
        last_id = row.id
        if head is not None and row.id == head[0]:
            if computed != head[1]:
                return Verdict(
                    count, last_id, computed, Break(row.id, "head", f"row {row.id} is not the head written down")
                )
            head_seen = True
    if not head_seen:
        assert head is not None
        return Verdict(
            count,
            last_id,
            expected_prev,
            Break(head[0], "head", f"row {head[0]}, the head written down, is no longer in the log: rows were removed"),
        )
    return Verdict(count, last_id, expected_prev, None)
