"""Queries of the audit log: the listing, the chain in id order, one child's entries, the pruning anchor."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Row, func, literal, or_, select

from samfam.store import tables as t
from samfam.store.records import AuditEntry

ANCHOR_ID = "audit.anchor.id"
ANCHOR_HASH = "audit.anchor.hash"


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def about(ref: str) -> ColumnElement[bool]:
    """The entries about one case: its own, and the listings that showed it."""
    log = t.audit_log
    spaced = literal(" ") + log.c.cases + literal(" ")
    return or_(log.c.case_ref == ref, spaced.contains(f" {ref} ", autoescape=True))


class LogEntry(NamedTuple):
    """An audit row as the log lists it (what its hash covers left out)."""

    id: int
    at: datetime
    user: str
    kind: str
    action: str
    case_ref: str | None
    cases: str | None
    purpose: str | None
    detail: str | None


class SubjectEntry(NamedTuple):
    """An audit row about one child, as the access report lists it."""

    id: int
    at: datetime
    user: str
    kind: str
    action: str
    case_ref: str | None
    cases: str | None
    purpose: str | None


def audit_entries(
    conn: Connection,
    case_ref: str | None = None,
    user: str | None = None,
    action: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[LogEntry]:
    log = t.audit_log
    query = select(
        log.c.id, log.c.at, log.c.user, log.c.kind, log.c.action, log.c.case_ref, log.c.cases, log.c.purpose,
        log.c.detail,
    ).order_by(log.c.id.desc())  # fmt: skip
    if case_ref:
        query = query.where(about(case_ref))
    if user:
        query = query.where(log.c.user == user)
    if action:
        query = query.where(or_(log.c.action == action, log.c.action.startswith(action + ".", autoescape=True)))
    if kind:
        query = query.where(log.c.kind == kind)
    if since:
        query = query.where(log.c.at >= _start_of(since))
    if until:
        query = query.where(log.c.at < _start_of(until + timedelta(days=1)))
    if limit:
        query = query.limit(limit)
    return list(map(LogEntry._make, conn.execute(query)))


def subject_entries(conn: Connection, refs: Sequence[str]) -> list[SubjectEntry]:
    """Every entry about any of these cases (one child's), oldest first."""
    log = t.audit_log
    query = (
        select(log.c.id, log.c.at, log.c.user, log.c.kind, log.c.action, log.c.case_ref, log.c.cases, log.c.purpose)
        .where(or_(*(about(ref) for ref in refs)))
        .order_by(log.c.id)
    )
    return list(map(SubjectEntry._make, conn.execute(query)))


def chain_rows(conn: Connection) -> Iterator[Row[Any]]:
    """Every row with what its hash covers, in id order, streamed (a million rows need not fit in memory).
    SQLAlchemy's rows, by name as chain.row_hash reads them: `audit verify` walks the whole log, and a
    record made of each row would cost it for every row."""
    log = t.audit_log
    query = select(
        log.c.id, log.c.at, log.c.user, log.c.action, log.c.kind, log.c.purpose, log.c.case_ref, log.c.cases,
        log.c.detail, log.c.os_login, log.c.prev_hash, log.c.hash,
    ).order_by(log.c.id)  # fmt: skip
    result = conn.execution_options(stream_results=True, yield_per=20_000).execute(query)
    yield from result


def anchor(conn: Connection) -> tuple[int, str] | None:
    """Where the chain starts after the oldest rows were pruned: (first id kept, hash before it)."""
    found = dict(
        conn.execute(select(t.meta.c.key, t.meta.c.value).where(t.meta.c.key.in_([ANCHOR_ID, ANCHOR_HASH]))).all()
    )
    if ANCHOR_ID not in found:
        return None
    return int(found[ANCHOR_ID]), found.get(ANCHOR_HASH, "")


def latest_prune_detail(conn: Connection) -> str | None:
    log = t.audit_log
    query = select(log.c.detail).where(log.c.action == "audit.prune").order_by(log.c.id.desc()).limit(1)
    return conn.execute(query).scalar()


def count_below(conn: Connection, boundary: int) -> int:
    log = t.audit_log
    return conn.execute(select(func.count()).select_from(log).where(log.c.id < boundary)).scalar_one()


def rows_before(conn: Connection, boundary: int) -> list[AuditEntry]:
    """The rows before id `boundary`, whole (hashes too), oldest first: what pruning archives."""
    log = t.audit_log
    return list(map(AuditEntry._make, conn.execute(select(log).where(log.c.id < boundary).order_by(log.c.id))))


class ChainLink(NamedTuple):
    """An audit row's id and one of its chain's hashes."""

    id: int
    hash: str | None


class FirstKept(NamedTuple):
    """The first audit row kept: its id and the hash before it."""

    id: int
    prev_hash: str | None


def first_kept(conn: Connection, day: date) -> FirstKept | None:
    """The oldest row written on or after `day` (UTC): the new start of the chain when the rows before it
    are pruned. The boundary is an id, not a moment, so that the chain is cut in one place."""
    log = t.audit_log
    query = select(log.c.id, log.c.prev_hash).where(log.c.at >= _start_of(day)).order_by(log.c.id).limit(1)
    row = conn.execute(query).first()
    return None if row is None else FirstKept._make(row)


def tail(conn: Connection) -> ChainLink | None:
    """The newest audit row: its id and hash."""
    log = t.audit_log
    row = conn.execute(select(log.c.id, log.c.hash).order_by(log.c.id.desc()).limit(1)).first()
    return None if row is None else ChainLink._make(row)


def verify_log(conn: Connection, head: tuple[int, str] | None = None) -> Any:
    """Re-compute the whole chain (samfam.store.chain.verify); a pruning anchor must be the one the
    log's own newest `audit.prune` row wrote down."""
    from samfam.store import chain

    start = anchor(conn)
    if start is not None:
        written = latest_prune_detail(conn) or ""
        if f"anchor {start[0]}:{start[1]}" not in written:
            return chain.Verdict(
                0,
                None,
                start[1],
                chain.Break(
                    start[0],
                    "anchor",
                    f"the chain's starting point (row {start[0]}) is not the one the log's last pruning wrote down",
                ),
            )
    return chain.verify(chain_rows(conn), start[1] if start else chain.GENESIS, head)
