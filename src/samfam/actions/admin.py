"""Writes about the database itself: creating or upgrading it, and marking a demo database."""

from __future__ import annotations

from samfam.context import App
from samfam.errors import UsageError
from samfam.rules.identity import NO_STAFF
from samfam.store import tables as t
from samfam.store.queries import cases as case_queries
from samfam.store.work import UnitOfWork


def init_database(app: App) -> tuple[str | None, str, bool]:
    """Create or upgrade the schema; the change is audited. Returns (revision before, after, whether
    the database file's permissions were tightened to 0600). Initials given with --user are refused on a
    database with no staff yet, before anything is created; on one with staff they must be a current
    member's (samfam.store.identity)."""
    if app.settings.claimed is not None:
        store = app.store
        if (store.path is not None and not store.path.exists()) or store.revision() is None:
            raise UsageError(NO_STAFF)
    before, after = app.store.init()
    tightened = app.store.make_private()
    app.acting()
    if before != after:
        with app.unit_of_work() as uow:
            uow.audit("db.init" if before is None else "db.upgrade", detail=f"{before or 'empty'} -> {after}")
            uow.commit()
    return before, after, tightened


def mark_demo(uow: UnitOfWork) -> None:
    """Mark the database as one `samfam demo` built (and may therefore rebuild)."""
    with uow:
        if case_queries.get_meta(uow.conn, "demo") is None:
            uow.insert(t.meta, key="demo", value="1")
        uow.commit()
