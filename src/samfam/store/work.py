"""The unit of work: one transaction, its audit rows, rolled back unless committed.

Every write goes through it (`samfam.actions`):

    def close_case(uow: UnitOfWork, ref: str, …) -> …:
        with uow:
            case = lookups.case(uow.conn, ref)
            uow.update(tables.cases, case.id, closed=on)
            uow.audit("case.close", case.ref, …)
            uow.commit()

Leaving the `with` block without `commit()` — an error, a refusal, an early return — rolls the
whole transaction back, so a refused command changes nothing. Entering it again inside an open
block joins the same transaction (the demo builds a whole team in one); only the outermost
`commit()` commits. Rows are written with SQLAlchemy Core, never through the ORM.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Executable,
    Insert,
    Row,
    Select,
    Table,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, ProgrammingError

from samfam.errors import Conflict, DatabaseError, InvalidValue
from samfam.rules import columns
from samfam.store import chain, tables
from samfam.store.refusal import refused

if TYPE_CHECKING:
    from samfam.store.engine import Store


def _length(table: Table, name: str) -> int:
    """The declared length of a text column."""
    length = getattr(table.c[name].type, "length", None)
    assert isinstance(length, int), name
    return length


AUDIT_DETAIL_LIMIT = _length(tables.audit_log, "detail")
AUDIT_PURPOSE_LIMIT = _length(tables.audit_log, "purpose")
#: PostgreSQL advisory lock that serialises appends to the audit log (and schema upgrades: + 1).
AUDIT_LOCK_KEY = 7_246_001


@functools.cache
def _insert_of(table: Table) -> Insert:
    return insert(table)


@functools.cache
def _insert_returning(table: Table) -> Insert:
    return insert(table).returning(*table.c)


@functools.cache
def _delete_by(table: Table, column: str) -> Executable:
    return delete(table).where(table.c[column] == bindparam("value"))


@functools.cache
def _limits(table: Table) -> dict[str, int]:
    """The declared lengths of a table's text columns, by name."""
    return {c.name: c.type.length for c in table.c if isinstance(getattr(c.type, "length", None), int)}


@functools.cache
def _get_of(table: Table) -> Select[Any]:
    return select(table).where(table.c.id == bindparam("row_id"))


class AuditRow(NamedTuple):
    """The columns of an audit row that its hash covers (samfam.store.chain.COVERED)."""

    id: int
    at: datetime
    user: str
    action: str
    kind: str
    purpose: str | None
    case_ref: str | None
    cases: str | None
    detail: str | None
    os_login: str | None


class UnitOfWork:
    def __init__(self, store: Store, user: str, today: date, os_login: str | None = None) -> None:
        self.store = store
        self.user = user
        #: The operating-system login of whoever runs samfam, on every audit row (hashed when set).
        self.os_login = os_login
        self.today = today
        self._conn: Connection | None = None
        self._depth = 0
        self._committed = False
        self._tail: tuple[int, str] | None = None
        #: The tail as read at the transaction's start: a commit that moved it writes the new head to the witness.
        self._read_tail: tuple[int, str] | None = None
        #: The first keyed row and the key (None before the log is keyed: PostgreSQL until `init`).
        self._keyed: tuple[int, bytes] | None = None
        #: Lines for the witness besides the head (the pruning anchor), written after the commit.
        self.witness_lines: list[str] = []
        #: An import restoring cases' records: facts dated up to a closed case's closing day may be written
        #: (samfam.actions.checks.case_open_on).
        self.history = False
        #: Where the rows come from (an import's file and line), added to every audit row written meanwhile.
        self.source: str | None = None
        #: During an import: the cases whose track periods are rewritten once at its end, not after every grant
        #: (samfam.actions.cases.refresh_track).
        self.deferred_tracks: set[int] | None = None
        #: During an import: its audit rows, held and written together (one statement for many) when their
        #: savepoint ends or the work commits (`flush_audit`); None writes each row at once.
        self.audit_batch: list[dict[str, object]] | None = None

    # -- the transaction ---------------------------------------------------------------------

    def __enter__(self) -> UnitOfWork:
        if self._depth == 0:
            self._conn = self.store.engine.connect().execution_options(samfam_write=True)
            self._conn.begin()
            self._committed = False
            self._tail = self._read_tail = None
            self.witness_lines = []
            self.deferred_tracks = None
            self.audit_batch = None
        self._depth += 1
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._depth -= 1
        if self._depth > 0:
            return
        conn, self._conn = self._conn, None
        assert conn is not None
        # A statement run on `conn` directly (a look-up inside the work) that the database refused to the login.
        not_permitted = refused(exc, conn) if isinstance(exc, ProgrammingError) else None
        try:
            if self._committed and exc_type is None:
                if self.audit_batch:  # held back by work that committed inside another's block
                    conn.execute(_insert_of(tables.audit_log), self.audit_batch)
                    self.audit_batch = None
                conn.commit()
            else:
                conn.rollback()
        except IntegrityError as error:
            raise Conflict("the change conflicts with existing data: {reason}", reason=error.orig) from None
        except OperationalError as error:
            raise DatabaseError("database '{where}': {reason}", where=self.store.where, reason=error.orig) from None
        except ProgrammingError as error:  # a deferred check at commit
            if (denied := refused(error, conn)) is not None:
                raise denied from None
            raise
        finally:
            conn.close()
        if not_permitted is not None:
            raise not_permitted from None
        if self._committed and exc_type is None and self._tail is not None and self._tail != self._read_tail:
            from samfam.store import custody

            head = f"head {self._tail[0]}:{self._tail[1]}"
            custody.append_witness(self.store.witness, [*self.witness_lines, head])

    def commit(self) -> None:
        """Mark the work done; the outermost block commits it when it ends (with the audit rows held back)."""
        if self._depth <= 1:
            self.flush_audit()
        self._committed = True

    def discard(self) -> None:
        """Undo a `commit()` inside the block: the outermost block rolls everything back (a dry run)."""
        self._committed = False

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A part of the work that is undone alone when it raises (one row of an import); the rest stays."""
        self.flush_audit()  # the rows held so far belong to the work around it
        tail = self._tail
        nested = self.conn.begin_nested()
        try:
            yield
            self.flush_audit()
        except BaseException:
            nested.rollback()
            self._tail = tail  # the audit rows written inside it are gone too
            if self.audit_batch is not None:
                self.audit_batch.clear()
            raise
        else:
            nested.commit()

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("the unit of work is used outside its 'with' block")
        return self._conn

    def now(self) -> datetime:
        """The moment of this work, in UTC to the second (for who-did-what-when columns)."""
        return datetime.now(UTC).replace(microsecond=0)

    # -- rows ------------------------------------------------------------------------------------

    def _run(self, statement: Executable) -> CursorResult[Any]:
        try:
            return self.conn.execute(statement)
        except IntegrityError as error:
            raise Conflict("the change conflicts with existing data: {reason}", reason=error.orig) from None
        except DataError as error:
            raise InvalidValue("a value does not fit the database: {reason}", reason=error.orig) from None
        except OperationalError as error:
            raise DatabaseError("database '{where}': {reason}", where=self.store.where, reason=error.orig) from None
        except ProgrammingError as error:  # a write the database refuses to the login (need to know)
            if (denied := refused(error, self._conn)) is not None:
                raise denied from None
            raise

    @staticmethod
    def _fits(table: Table, values: dict[str, object]) -> dict[str, object]:
        """Refuse text longer than its column declares, on every database (SQLite would store it whole)."""
        limits = _limits(table)
        for name, value in values.items():
            limit = limits.get(name)
            if limit is not None and isinstance(value, str) and len(value) > limit:
                raise InvalidValue(
                    "the {what} is {n:,} characters long; at most {limit:,} fit",
                    what=columns.in_words(name),
                    n=len(value),
                    limit=limit,
                )
        return values

    def insert(self, table: Table, **values: object) -> int | None:
        """Insert one row; its new id (None for tables keyed otherwise). The statement is built once per
        table and the values bound to it: an import inserts a hundred thousand rows this way."""
        if table is tables.cases and "id" not in values and self.conn.dialect.name == "postgresql":
            # A new case's id is taken first, so that no RETURNING is needed: PostgreSQL checks a returned row
            # against the SELECT policy, and its set (samfam_visible_cases(), a STABLE function) cannot see the
            # row the same statement inserts, so an advisor could not open her own case (store.security).
            values["id"] = self.conn.execute(text("SELECT nextval(pg_get_serial_sequence('cases', 'id'))")).scalar()
        result = self._run_with(_insert_of(table), self._fits(table, values))
        key = result.inserted_primary_key
        return key[0] if key is not None and len(key) == 1 and "id" in table.c else None

    def add(self, table: Table, **values: object) -> Row[Any]:
        """Insert one row with an id and return it as stored (the caller makes it its table's record, e.g.
        `records.Case._make`: SQLAlchemy types a row of a Core table as `Row[Any]`, its columns unknown)."""
        if self.conn.dialect.name == "sqlite":  # one statement; PostgreSQL's row-level security reads back apart
            return self._run_with(_insert_returning(table), self._fits(table, values)).one()
        new_id = self.insert(table, **values)
        return self.get(table, new_id)

    def get(self, table: Table, row_id: int | None) -> Row[Any]:
        return self.conn.execute(_get_of(table), {"row_id": row_id}).one()

    def _run_with(
        self, statement: Executable, values: Mapping[str, object] | Sequence[Mapping[str, object]]
    ) -> CursorResult[Any]:
        try:
            return self.conn.execute(statement, values)
        except IntegrityError as error:
            raise Conflict("the change conflicts with existing data: {reason}", reason=error.orig) from None
        except DataError as error:
            raise InvalidValue("a value does not fit the database: {reason}", reason=error.orig) from None
        except OperationalError as error:
            raise DatabaseError("database '{where}': {reason}", where=self.store.where, reason=error.orig) from None
        except ProgrammingError as error:  # a write the database refuses to the login (need to know)
            if (denied := refused(error, self._conn)) is not None:
                raise denied from None
            raise

    def update(self, table: Table, row_id: int, **values: object) -> Row[Any]:
        """Change columns of one row (by id) and return it as stored."""
        self._run(update(table).where(table.c.id == row_id).values(**self._fits(table, values)))
        return self.get(table, row_id)

    def update_where(self, table: Table, *where: ColumnElement[bool], **values: object) -> None:
        """Change columns of every row that matches."""
        self._run(update(table).where(*where).values(**self._fits(table, values)))

    def delete(self, table: Table, *where: ColumnElement[bool]) -> None:
        self._run(delete(table).where(*where))

    def delete_by(self, table: Table, column: str, value: object) -> None:
        """Delete every row whose `column` holds `value` (the statement built once per table and column)."""
        self._run_with(_delete_by(table, column), {"value": value})

    def audit(
        self,
        action: str,
        case_ref: str | None = None,
        detail: str | None = None,
        *,
        kind: str = "write",
        purpose: str | None = None,
        cases: Sequence[str] = (),
    ) -> None:
        """The audit row of this work: who, when, what (a write, or a read and its purpose), which
        case or cases, chained to the row before it (samfam.store.chain)."""
        if self.source is not None:
            detail = f"{detail} ({self.source})" if detail else self.source
        if detail is not None and len(detail) > AUDIT_DETAIL_LIMIT:  # the log keeps what happened, cut short
            detail = detail[: AUDIT_DETAIL_LIMIT - 1] + "…"
        if purpose is not None and len(purpose) > AUDIT_PURPOSE_LIMIT:
            raise InvalidValue(
                "the purpose is {n:,} characters long; at most {limit} fit", n=len(purpose), limit=AUDIT_PURPOSE_LIMIT
            )
        last_id, prev_hash = self._audit_tail()
        refs = list(dict.fromkeys(cases))
        row = AuditRow(
            id=last_id + 1,
            at=self.now(),
            user=self.user,
            action=action,
            kind=kind,
            purpose=purpose,
            case_ref=case_ref if case_ref is not None else (refs[0] if len(refs) == 1 else None),
            cases=" ".join(refs) if refs else None,
            detail=detail,
            os_login=self.os_login,
        )
        keyed = self._keyed
        digest = chain.row_hash(prev_hash, row, keyed[1] if keyed is not None and row.id >= keyed[0] else None)
        if self.audit_batch is None:
            self.insert(tables.audit_log, **row._asdict(), prev_hash=prev_hash, hash=digest)
        else:
            self.audit_batch.append(
                self._fits(tables.audit_log, {**row._asdict(), "prev_hash": prev_hash, "hash": digest})
            )
        self._tail = (row.id, digest)

    def flush_audit(self) -> None:
        """Write the audit rows held back (`audit_batch`), in one statement."""
        if self.audit_batch:
            rows, self.audit_batch = self.audit_batch, []
            self._run_with(_insert_of(tables.audit_log), rows)

    def _audit_tail(self) -> tuple[int, str]:
        """The newest audit row's id and hash, read once per transaction under the log's lock: SQLite's
        writes hold the database (BEGIN IMMEDIATE); PostgreSQL takes a transaction lock first, so that
        two writers never chain onto the same row, and reads the tail through `samfam_audit_tail()`, which
        sees the rows the login's own row-level security hides."""
        if self._tail is None:
            if self.conn.dialect.name == "postgresql":
                self.conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
                # Through the owner (samfam.store.security): row-level security may hide the newest row.
                last = self.conn.execute(text("SELECT id, hash FROM samfam_audit_tail()")).first()
            else:
                log = tables.audit_log
                last = self.conn.execute(select(log.c.id, log.c.hash).order_by(log.c.id.desc()).limit(1)).first()
            if last is not None:
                self._tail = (last.id, last.hash)
            else:
                self._tail = (0, chain.GENESIS)
            self._read_tail = self._tail
            self._keyed = self._keying(self._tail[0])
        return self._tail

    def _keying(self, last_id: int) -> tuple[int, bytes] | None:
        """The log's keyed boundary and the key (samfam.store.custody), checked once per store: a keyed log is
        never written to without its key. An SQLite log not keyed yet (a database older than the key) is keyed
        from this row on, its key made on first use; a PostgreSQL one waits for the owner's `init`."""
        from samfam.store import custody
        from samfam.store.queries import audit as audit_queries

        if self.store._keying is not None:
            return self.store._keying
        keyed_from, check = audit_queries.keying(self.conn)
        if keyed_from is None:
            if self.conn.dialect.name == "postgresql":
                return None
            key = custody.load_key(create=True)
            assert key is not None
            keyed_from = last_id + 1
            self.insert(tables.meta, key=custody.KEYED_FROM, value=str(keyed_from))
            self.insert(tables.meta, key=custody.KEY_CHECK, value=custody.key_check(key, keyed_from))
            self.witness_lines.append(f"keyed {keyed_from}")
            return keyed_from, key
        key = custody.load_key()
        if key is None:
            raise DatabaseError(
                "the audit log of '{where}' is keyed and there is no audit key ({source}); give its file with "
                "SAMFAM_AUDIT_KEY_FILE (docs/privacy.md § 2)",
                where=self.store.where,
                source=custody.key_source(),
            )
        if check is None or not hmac.compare_digest(custody.key_check(key, keyed_from), check):
            raise DatabaseError(
                "the audit key ({source}) is not the one the audit log of '{where}' is keyed with; nothing was "
                "written (docs/privacy.md § 2)",
                source=custody.key_source(),
                where=self.store.where,
            )
        self.store._keying = (keyed_from, key)
        return self.store._keying
