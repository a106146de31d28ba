"""The context a command runs in: who acts, on which day, and the database, opened on first use.

Reads take a connection (`app.connect()`), writes a unit of work (`app.unit_of_work()`); both check
the schema revision once, with one query, and settle who really acts once (samfam.store.identity: on
PostgreSQL the login, one more query; on SQLite a query only when --user names initials). Importing this
module imports no database library.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from samfam.settings import Settings

if TYPE_CHECKING:
    from samfam.store.engine import Connection, Store
    from samfam.store.work import UnitOfWork


class App:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Store | None = None
        self._ready = False
        self._acting: str | None = None

    @property
    def today(self) -> date:
        return self.settings.today

    @property
    def user(self) -> str:
        """Who acts: as settled when the database was opened (before that, as the options say)."""
        return self._acting if self._acting is not None else self.settings.user

    @property
    def store(self) -> Store:
        if self._store is None:
            from samfam.store.engine import Store

            self._store = Store(self.settings.url)
        return self._store

    def _ensure_ready(self) -> None:
        if not self._ready:
            self.store.ready()
            self._acting = self._who_acts()
            self._ready = True

    def acting(self) -> str:
        """Who acts, settled now if it is not yet (the database is opened)."""
        self._ensure_ready()
        return self.user

    def _who_acts(self) -> str:
        settings = self.settings
        if self.store.path is not None and settings.claimed is None:
            return settings.user  # one person's SQLite file, no --user: nothing to ask the database
        from samfam.store.identity import acting

        with self.store.connection() as conn:
            return acting(conn, settings.claimed, settings.user, settings.today)

    def unit_of_work(self) -> UnitOfWork:
        """A write: `with uow: …; uow.commit()` (see samfam.store.work)."""
        self._ensure_ready()
        uow = self.store.unit_of_work(self.user, self.today)
        uow.os_login = self.settings.os_login
        return uow

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reads."""
        self._ensure_ready()
        with self.store.connection() as conn:
            yield conn

    def close(self) -> None:
        """Close the database's connections (the command line does when the command ends): on SQLite the last one
        closed folds the write-ahead log into the file."""
        if self._store is not None:
            self._store.dispose()

    def log_read(
        self, action: str, cases: Sequence[str], purpose: str, detail: str | None = None, case_ref: str | None = None
    ) -> None:
        """Log a use of personal data once it has succeeded: who, when, which command, why (the
        --purpose given, else the command's own), and every case it showed. Its own short write."""
        with self.unit_of_work() as uow:
            uow.audit(action, case_ref, detail, kind="read", purpose=self.settings.purpose or purpose, cases=cases)
            uow.commit()
