"""Queries of the audit log: the listing, the chain in id order, one child's entries, the pruning anchor."""

import hmac
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Row, func, literal, or_, select, text

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


def keying(conn: Connection) -> tuple[int | None, str | None]:
    """The first keyed row and the key's check value (meta), or None for a log not keyed yet."""
    from samfam.store.custody import KEY_CHECK, KEYED_FROM

    found = dict(
        conn.execute(select(t.meta.c.key, t.meta.c.value).where(t.meta.c.key.in_([KEYED_FROM, KEY_CHECK]))).all()
    )
    keyed_from = found.get(KEYED_FROM)
    return (int(keyed_from) if keyed_from is not None and keyed_from.isdigit() else None), found.get(KEY_CHECK)


#: SQLite's append-only triggers on the log (migration 0006).
SQLITE_GUARDS = ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_rewrite")
#: PostgreSQL's policies on the log once need to know is set up (samfam.store.security).
PG_LOG_POLICIES = ("samfam_owner_all", "samfam_append", "samfam_read", "samfam_prune")


def missing_guards(conn: Connection) -> str | None:
    """What of the database's own guard on the log is missing: SQLite's triggers; PostgreSQL's trigger and its
    function, and (where `init` set up need to know: the log belongs to samfam_owner) row-level security."""
    if conn.dialect.name == "sqlite":
        found = dict(
            conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            ).all()
        )
        gone = [name for name in SQLITE_GUARDS if "RAISE(ABORT" not in (found.get(name) or "")]
        return f"the audit log's append-only trigger {', '.join(gone)} is missing or changed" if gone else None
    triggers = set(
        conn.exec_driver_sql(
            "SELECT tgname FROM pg_catalog.pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal "
            "AND tgenabled <> 'D'"
        ).scalars()
    )
    body = conn.exec_driver_sql(
        "SELECT p.prosrc FROM pg_catalog.pg_proc p WHERE p.proname = 'samfam_audit_append_only' "
        "AND pg_catalog.pg_function_is_visible(p.oid)"
    ).scalar()
    if "audit_log_append_only" not in triggers or "RAISE EXCEPTION" not in (body or ""):
        return "the audit log's append-only trigger audit_log_append_only is missing, disabled or changed"
    owner, rls, forced = conn.exec_driver_sql(
        "SELECT pg_catalog.pg_get_userbyid(relowner), relrowsecurity, relforcerowsecurity FROM pg_catalog.pg_class "
        "WHERE oid = 'audit_log'::regclass"
    ).one()
    if owner != "samfam_owner":  # need to know is not set up on this database
        return None
    policies = set(
        conn.exec_driver_sql(
            "SELECT policyname FROM pg_catalog.pg_policies WHERE tablename = 'audit_log' "
            "AND schemaname = current_schema()"
        ).scalars()
    )
    gone = [name for name in PG_LOG_POLICIES if name not in policies]
    if not (rls and forced):
        gone.insert(0, "ROW LEVEL SECURITY (enabled and forced)")
    return f"the audit log's row-level security is missing: {', '.join(gone)}" if gone else None


def _stored_hash(conn: Connection, row_id: int) -> str | None:
    log = t.audit_log
    return conn.execute(select(log.c.hash).where(log.c.id == row_id)).scalar()


def newest(conn: Connection) -> ChainLink | None:
    """The newest audit row, whoever asks: on PostgreSQL through `samfam_audit_tail()` (samfam.store.security),
    as row-level security may hide it from the login."""
    if conn.dialect.name == "postgresql":
        row = conn.execute(text("SELECT id, hash FROM samfam_audit_tail()")).first()
        return None if row is None else ChainLink._make(row)
    return tail(conn)


def verify_log(
    conn: Connection, head: tuple[int, str] | None = None, key: bytes | None = None, witness: Any = None
) -> Any:
    """The whole check of the log (samfam.store.chain.verify), the first failure named: the database's guards (its
    triggers and policies), the key against the log's keyed boundary, the pruning anchor against the log's newest
    `audit.prune` row and the witness (samfam.store.custody.Witnessed), the chain (plain SHA-256 before the keyed
    boundary, HMAC-SHA256 under `key` from it), and the witness's newest head: still in the log, unchanged."""
    from samfam.store import chain, custody

    def broken(row_id: int | None, what: str, message: str, rows: int = 0) -> chain.Verdict:
        return chain.Verdict(rows, None, "", chain.Break(row_id, what, message))

    if (missing := missing_guards(conn)) is not None:
        return broken(None, "trigger", missing)
    keyed_from, check = keying(conn)
    if keyed_from is not None:
        if key is None:
            return broken(
                keyed_from,
                "key",
                f"the log is keyed from row {keyed_from} and there is no audit key ({custody.key_source()}): "
                "give it with SAMFAM_AUDIT_KEY_FILE",
            )
        if check is None or not hmac.compare_digest(custody.key_check(key, keyed_from), check):
            return broken(
                keyed_from,
                "key",
                f"the audit key ({custody.key_source()}) does not match the log's (keyed from row {keyed_from})",
            )
    if witness is not None and witness.keyed is not None and keyed_from != witness.keyed:
        return broken(
            witness.keyed,
            "witness",
            f"the log says it is keyed from row {keyed_from}, the witness {witness.path} says from row "
            f"{witness.keyed}: the log was rewritten",
        )
    start = anchor(conn)
    if start is not None:
        written = latest_prune_detail(conn) or ""
        if f"anchor {start[0]}:{start[1]}" not in written:
            return broken(
                start[0],
                "anchor",
                f"the chain's starting point (row {start[0]}) is not the one the log's last pruning wrote down",
            )
    if witness is not None and start != witness.anchor:
        recorded = f"row {witness.anchor[0]}" if witness.anchor else "no pruning"
        return broken(
            start[0] if start else None,
            "anchor",
            f"the chain's starting point ({f'row {start[0]}' if start else 'the first row'}) is not the one the "
            f"witness {witness.path} recorded ({recorded}): a pruning was forged",
        )
    verdict = chain.verify(chain_rows(conn), start[1] if start else chain.GENESIS, head, key, keyed_from)
    if verdict.broken is not None or witness is None or witness.head is None or witness.head[0] == 0:
        return verdict
    seen_id, seen_hash = witness.head
    if verdict.head_id is None or verdict.head_id < seen_id:
        ends = f"ends at row {verdict.head_id}" if verdict.head_id is not None else "is empty"
        return verdict._replace(
            broken=chain.Break(
                seen_id,
                "witness",
                f"the log {ends}, before row {seen_id}, the newest head the witness {witness.path} recorded: rows "
                "were cut from the end",
            )
        )
    if start is not None and seen_id < start[0]:
        return verdict
    if _stored_hash(conn, seen_id) != seen_hash:
        return verdict._replace(
            broken=chain.Break(
                seen_id,
                "witness",
                f"row {seen_id} is not the head the witness {witness.path} recorded: the log was rewritten",
            )
        )
    return verdict
