"""Arranging a test's data through samfam's own actions (`samfam.actions`), as sqlite-utils' tests
arrange through its library: the CLI (`conftest.Samfam`) stays for the act and the exact assert.

    app = app_for(case1.db)                       # today 2026-11-22, user TST, as the CLI tests
    event = do(app, events.add_event, REF, "followup", d("2026-10-01"))
    refused(case1, InvalidValue, app, events.add_event, REF, "followup", d("2026-12-01"))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest

from samfam.context import App
from samfam.errors import SamfamError
from samfam.settings import Settings

TODAY = date(2026, 11, 22)  # as conftest.TODAY: a Sunday
USER = "TST"

T = TypeVar("T")


def app_for(db: Path | str, today: date = TODAY, user: str = USER) -> App:
    """An `App` on a test's database with a fixed today and user (the settings `--db --today --user` give)."""
    return App(Settings(db=str(db), user=user, today=today))


@contextmanager
def opened(db: Path | str, today: date = TODAY, user: str = USER) -> Iterator[App]:
    """`app_for`, with its engine disposed of at the end (for a fixture: `with opened(s.db) as app: yield app`)."""
    app = app_for(db, today, user)
    try:
        yield app
    finally:
        app.store.dispose()


def do(app: App, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """One action in its own unit of work: `do(app, cases.close_case, REF, "Flyttet")`."""
    return action(app.unit_of_work(), *args, **kwargs)


def refused(s: Any, error: type[SamfamError], app: App, action: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    """The action raises exactly `error` and leaves every table of `s`'s database as it was; its message."""
    before = s.snapshot()
    with pytest.raises(SamfamError) as caught:
        do(app, action, *args, **kwargs)
    assert type(caught.value) is error, f"{type(caught.value).__name__}: {caught.value.message}"
    assert s.snapshot() == before, "the database changed although the action was refused"
    return caught.value.message


def logged(app: App, case: str | None = None) -> list[tuple[str, str | None]]:
    """The audit log's (action, detail) pairs, newest first, of one case or of everything."""
    from samfam.views import audit

    return [(e["action"], e["detail"]) for e in audit.audit_log(app, case=case)]
