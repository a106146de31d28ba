"""The application context a command runs in: settings plus the store, opened on first use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from samfam.db import Store
from samfam.settings import Settings

if TYPE_CHECKING:  # the ORM is loaded only by the commands that use it
    from samfam.db import Connection
    from samfam.store import Session, Tx

P = ParamSpec("P")
R = TypeVar("R")


class App:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.url)
        self._ready = False

    @property
    def today(self) -> date:
        return self.settings.today

    @property
    def user(self) -> str:
        return self.settings.user

    def _ensure_ready(self) -> None:
        if not self._ready:
            self.store.ready()
            self._ready = True

    @contextmanager
    def write(self) -> Iterator[Tx]:
        self._ensure_ready()
        with self.store.transaction(self.user) as tx:
            yield tx

    @contextmanager
    def read(self) -> Iterator[Session]:
        self._ensure_ready()
        with self.store.reading() as session:
            yield session

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A Core connection, for the hot read path (no ORM)."""
        self._ensure_ready()
        with self.store.connection() as conn:
            yield conn


def unit_of_work(fn: Callable[Concatenate[Tx, App, P], R]) -> Callable[Concatenate[App, P], R]:
    """Run a write in its own transaction; `fn.within(tx, app, …)` runs it inside an open one."""

    @wraps(fn)
    def run(app: App, *args: P.args, **kwargs: P.kwargs) -> R:
        with app.write() as tx:
            return fn(tx, app, *args, **kwargs)

    run.within = fn  # type: ignore[attr-defined]
    return run


def reader(fn: Callable[Concatenate[Session, App, P], R]) -> Callable[Concatenate[App, P], R]:
    """Run a read in its own session."""

    @wraps(fn)
    def run(app: App, *args: P.args, **kwargs: P.kwargs) -> R:
        with app.read() as session:
            return fn(session, app, *args, **kwargs)

    run.within = fn  # type: ignore[attr-defined]
    return run


__all__ = ["App", "reader", "unit_of_work", "Any"]
