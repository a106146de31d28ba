"""The database: the engine, its SQLite settings, the schema revision, connections.

SQLite is the embedded default; the same code runs on PostgreSQL through an SQLAlchemy URL, so no
SQLite-only SQL appears in shared code paths (the SQLite pragmas below are applied only there).

Only SQLAlchemy Core is imported here. Every command checks the schema revision with one query
(`alembic_version`); Alembic itself is imported only by `init` and by an upgrade that is due.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from samfam.errors import DatabaseError
from samfam.settings import default_demo_db, display_db
from samfam.store import migrations
from samfam.store.refusal import refused

if TYPE_CHECKING:
    from datetime import date

    from samfam.store.work import UnitOfWork

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: PostgreSQL advisory lock held while the schema is upgraded (the audit log's is 7_246_001).
MIGRATION_LOCK_KEY = 7_246_002


def missing_database(path: Path) -> DatabaseError:
    """What to say of a database file that does not exist: how to create one, and, once `samfam demo` has
    built its file in the user data directory, where that is and how to point samfam at it."""
    demo = Path(default_demo_db())
    if demo.exists() and demo.resolve() != Path(path).resolve():
        import shlex

        return DatabaseError(
            "no samfam database at '{path}'; run 'samfam init' to create it. The demo is in {demo}: give --db "
            "{demo} or export SAMFAM_DB={demo}",
            path=path,
            demo=shlex.quote(str(demo)),
        )
    return DatabaseError(
        "no samfam database at '{path}'; run 'samfam init' to create it, or 'samfam demo' to try samfam on "
        "fictional cases",
        path=path,
    )


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, a busy timeout, and BEGIN IMMEDIATE for writes (WAL is set once, by `init`).

    pysqlite's own transaction handling starts transactions late and cannot wait for a writer;
    samfam emits BEGIN itself so that two advisors writing to one file wait instead of failing.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get("samfam_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        self.path = _sqlite_path(url)
        self._engine: Engine | None = None
        #: The log's keyed boundary and key, once read and checked (samfam.store.work).
        self._keying: tuple[int, bytes] | None = None

    # -- engine and schema -------------------------------------------------------------------

    @property
    def where(self) -> str:
        return str(self.path) if self.path else display_db(self.url)

    @property
    def place(self) -> str:
        """Where the database is, naming its witness (samfam.store.custody): the resolved path of an SQLite
        file; the server and database name otherwise (not the login: every user's samfam means one log)."""
        if self.path is not None:
            return str(self.path.resolve())
        url = make_url(self.url)
        return f"{url.get_backend_name()}://{url.host or ''}:{url.port or ''}/{url.database or ''}"

    @property
    def witness(self) -> Path:
        from samfam.store import custody

        return custody.witness_path(self.place)

    def verify_audit(self, conn: Connection, head: tuple[int, str] | None = None) -> Any:
        """The whole check of the audit log, with the key and the witness (samfam.store.queries.audit.verify_log)."""
        from samfam.store import custody
        from samfam.store.queries import audit as audit_queries

        return audit_queries.verify_log(conn, head, custody.load_key(), custody.read_witness(self.witness))

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            try:
                self._engine = create_engine(self.url)
            except ImportError as exc:  # a PostgreSQL URL whose driver is not installed
                raise DatabaseError(
                    "cannot use database '{where}': its driver ({driver}) is not installed; samfam reaches "
                    "PostgreSQL through psycopg (uv sync --extra postgres): postgresql+psycopg://USER@HOST/DB",
                    where=self.where,
                    driver=exc.name,
                ) from None
            except SQLAlchemyError as exc:
                raise DatabaseError("cannot use database '{where}': {reason}", where=self.where, reason=exc) from None
            if self._engine.dialect.name == "sqlite":
                _configure_sqlite(self._engine)
        return self._engine

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def revision(self) -> str | None:
        """The schema revision, or None for an empty database."""
        try:
            with self.engine.connect() as conn:
                # One query, no schema inspection: this runs before every command.
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError) as exc:
            if "alembic_version" in str(exc.orig):  # no such table: an empty database, or someone else's
                return None
            raise DatabaseError("cannot open database '{where}': {reason}", where=self.where, reason=exc.orig) from None
        except SQLAlchemyError as exc:  # e.g. a file that is not a database at all
            raise DatabaseError(
                "cannot use '{where}' as a samfam database ({reason}); give the path of a samfam database, or a "
                "new file to create with 'samfam init'",
                where=self.where,
                reason=getattr(exc, "orig", None) or exc,
            ) from None

    def _other_tables(self) -> list[str]:
        """Tables in an SQLite file that are not samfam's: such a file is someone else's database."""
        with self.engine.connect() as conn:
            names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars().all()
        return sorted(n for n in names if not n.startswith("sqlite_"))

    def init(self) -> tuple[str | None, str]:
        """Create or upgrade the schema (idempotent). Returns (revision before, after)."""
        if self.path is not None and not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Case data is special-category personal data: only the owner may read the file.
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        before = self.revision()
        if before is None and self.path is not None and (others := self._other_tables()):
            raise DatabaseError(
                "'{where}' holds tables samfam did not make ({tables}); samfam creates its database in a new file: "
                "give another --db",
                where=self.where,
                tables=", ".join(others[:5]),
            )
        if before is not None and before not in self._known_revisions():
            raise DatabaseError(
                "database '{where}' has schema revision {revision}, newer than this samfam knows (up to {head}); "
                "upgrade samfam",
                where=self.where,
                revision=before,
                head=migrations.HEAD,
            )
        if self.path is not None:  # persistent in the file: set once, by init, never on someone else's file
            with self.engine.connect() as conn:  # outside a transaction, which SQLite requires for this
                raw = conn.connection.driver_connection
                if raw.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    raw.execute("PRAGMA journal_mode = WAL")
        if before != migrations.HEAD:
            before = self._upgrade(before)
        if self.engine.dialect.name == "postgresql":
            self._secure()
        self._seal(new=before is None)
        return before, migrations.HEAD

    def _seal(self, new: bool) -> None:
        """Key the audit log if it is not yet (from the next row on; the key made on first use), and write its head
        to the witness: a new witness for a new database, else the head appended (docs/privacy.md § 2). On
        PostgreSQL only the owner or a superuser may write `meta`; for anyone else `init` leaves both alone."""
        from sqlalchemy import insert

        from samfam.store import chain, custody, tables
        from samfam.store.queries import audit as audit_queries
        from samfam.store.work import AUDIT_LOCK_KEY

        lines: list[str] = []
        try:
            with self.engine.connect().execution_options(samfam_write=True) as conn, conn.begin():
                postgres = conn.dialect.name == "postgresql"
                if postgres:
                    from samfam.store import security

                    if not security.may_apply(conn):
                        return
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
                keyed_from, _ = audit_queries.keying(conn)
                last = audit_queries.tail(conn)
                if keyed_from is None:
                    key = custody.load_key(create=True)
                    assert key is not None
                    keyed_from = (last.id if last is not None else 0) + 1
                    conn.execute(
                        insert(tables.meta),
                        [
                            {"key": custody.KEYED_FROM, "value": str(keyed_from)},
                            {"key": custody.KEY_CHECK, "value": custody.key_check(key, keyed_from)},
                        ],
                    )
                start = audit_queries.anchor(conn)
        except SQLAlchemyError as exc:
            raise DatabaseError(
                "cannot key the audit log of '{where}': {reason}",
                where=self.where,
                reason=getattr(exc, "orig", None) or exc,
            ) from None
        head = f"head {last.id}:{last.hash}" if last is not None else f"head 0:{chain.GENESIS}"
        witness = self.witness
        if new or not witness.exists():
            lines = [*(["start"] if new else []), f"keyed {keyed_from}"]
            lines += [f"anchor {start[0]}:{start[1]}"] if start is not None else []
        custody.append_witness(witness, [*lines, head], create=True)

    def _secure(self) -> None:
        """On PostgreSQL, the roles, privileges and row-level security of need to know (samfam.store.security),
        set up again by every `init` the database owner or a superuser runs; others leave them as they are."""
        from samfam.store import security

        try:
            with self.engine.connect() as conn, conn.begin():
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
                if security.may_apply(conn):
                    security.apply(conn)
        except SQLAlchemyError as exc:
            raise DatabaseError(
                "cannot set up need to know on '{where}': {reason}; run 'samfam init' as a superuser, or as the "
                "database's owner once a superuser has created the roles (docs/privacy.md)",
                where=self.where,
                reason=getattr(exc, "orig", None) or exc,
            ) from None

    def make_private(self) -> bool:
        """An SQLite file others can read is made readable by its owner only; True if it was changed."""
        if self.path is None or not self.path.exists():
            return False
        mode = self.path.stat().st_mode & 0o777
        if mode & 0o077 == 0:
            return False
        os.chmod(self.path, mode & 0o700)
        return True

    def ready(self) -> None:
        """Check the schema before a command; upgrade an older one."""
        if self.path is not None and not self.path.exists():
            raise missing_database(self.path)
        current = self.revision()
        if current == migrations.HEAD:
            return
        if current is None:
            raise DatabaseError(
                "'{where}' is not a samfam database yet; run 'samfam init' to create it", where=self.where
            )
        self.init()

    @staticmethod
    def _known_revisions() -> set[str]:
        from alembic.script import ScriptDirectory

        return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}

    def _upgrade(self, seen: str | None) -> str | None:
        """Upgrade to HEAD under the migration lock; the revision found under it. Commands started together on
        an older database queue here (SQLite: BEGIN IMMEDIATE and the busy timeout; PostgreSQL: an
        advisory lock): the first migrates, the others find HEAD and go on."""
        from alembic import command

        config = _alembic_config()
        with self.engine.connect().execution_options(samfam_write=True) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            if seen is not None:
                seen = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if seen == migrations.HEAD:
                    return seen
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        return seen

    # -- work and reading -------------------------------------------------------------------

    def unit_of_work(self, user: str, today: date) -> UnitOfWork:
        """A write transaction (see samfam.store.work)."""
        from samfam.store.work import UnitOfWork

        return UnitOfWork(self, user, today)

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A Core connection for reads."""
        with self.engine.connect() as conn:
            try:
                yield conn
            except (OperationalError, ProgrammingError) as exc:
                # A statement the database refuses to the login (need to know on PostgreSQL): not permitted.
                raise refused(exc, conn) or DatabaseError(
                    "database '{where}': {reason}", where=self.where, reason=exc.orig
                ) from None


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "samfam.store:migrations")
    return config
