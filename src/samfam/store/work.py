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

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, Table, delete, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from samfam.errors import Conflict, DatabaseError, InvalidValue
from samfam.store import tables

if TYPE_CHECKING:
    from samfam.store.engine import Store


AUDIT_DETAIL_LIMIT = tables.audit_log.c.detail.type.length


class UnitOfWork:
    def __init__(self, store: Store, user: str, today: date) -> None:
        self.store = store
        self.user = user
        self.today = today
        self._conn: Connection | None = None
        self._depth = 0
        self._committed = False

    # -- the transaction ---------------------------------------------------------------------

    def __enter__(self) -> UnitOfWork:
        if self._depth == 0:
            self._conn = self.store.engine.connect().execution_options(samfam_write=True)
            self._conn.begin()
            self._committed = False
        self._depth += 1
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self._depth -= 1
        if self._depth > 0:
            return
        conn, self._conn = self._conn, None
        assert conn is not None
        try:
            if self._committed and exc_type is None:
                conn.commit()
            else:
                conn.rollback()
        except IntegrityError as error:
            raise Conflict(f"the change conflicts with existing data: {error.orig}") from None
        except OperationalError as error:
            raise DatabaseError(f"database '{self.store.where}': {error.orig}") from None
        finally:
            conn.close()

    def commit(self) -> None:
        """Mark the work done; the outermost block commits it when it ends."""
        self._committed = True

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("the unit of work is used outside its 'with' block")
        return self._conn

    def now(self) -> datetime:
        """The moment of this work, in UTC to the second (for who-did-what-when columns)."""
        return datetime.now(UTC).replace(microsecond=0)

    # -- rows ------------------------------------------------------------------------------------

    def _run(self, statement: Any) -> Any:
        try:
            return self.conn.execute(statement)
        except IntegrityError as error:
            raise Conflict(f"the change conflicts with existing data: {error.orig}") from None
        except DataError as error:
            raise InvalidValue(f"a value does not fit the database: {error.orig}") from None
        except OperationalError as error:
            raise DatabaseError(f"database '{self.store.where}': {error.orig}") from None

    @staticmethod
    def _fits(table: Table, values: dict[str, Any]) -> dict[str, Any]:
        """Refuse text longer than its column declares, on every database (SQLite would store it whole)."""
        for name, value in values.items():
            limit = getattr(table.c[name].type, "length", None)
            if limit is not None and isinstance(value, str) and len(value) > limit:
                raise InvalidValue(
                    f"the {name.replace('_', ' ')} is {len(value):,} characters long; at most {limit:,} fit"
                )
        return values

    def insert(self, table: Table, **values: Any) -> int | None:
        """Insert one row; its new id (None for tables keyed otherwise)."""
        result = self._run(insert(table).values(**self._fits(table, values)))
        key = result.inserted_primary_key
        return key[0] if key is not None and len(key) == 1 and "id" in table.c else None

    def add(self, table: Table, **values: Any) -> Row:
        """Insert one row with an id and return it as stored."""
        new_id = self.insert(table, **values)
        return self.get(table, new_id)

    def get(self, table: Table, row_id: int | None) -> Row:
        return self.conn.execute(select(table).where(table.c.id == row_id)).one()

    def update(self, table: Table, row_id: int, **values: Any) -> Row:
        """Change columns of one row (by id) and return it as stored."""
        self._run(update(table).where(table.c.id == row_id).values(**self._fits(table, values)))
        return self.get(table, row_id)

    def delete(self, table: Table, *where: Any) -> None:
        self._run(delete(table).where(*where))

    def audit(self, action: str, case_ref: str | None = None, detail: str | None = None) -> None:
        """The audit row of this work: who, when, what, which case."""
        if detail is not None and len(detail) > AUDIT_DETAIL_LIMIT:  # the log keeps what happened, cut short
            detail = detail[: AUDIT_DETAIL_LIMIT - 1] + "…"
        self.insert(
            tables.audit_log,
            at=self.now(),
            user=self.user,
            action=action,
            case_ref=case_ref,
            detail=detail,
        )
