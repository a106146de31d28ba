"""Revision 0008 (issue 17): advisor.login, audit_log.os_login and three new tables; down to 0007 and up
again with the data, the audit log's guards and its chain kept."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from conftest import Samfam

NEW_TABLES = {"emergency_access", "retention_proposal", "access_signoff"}


def _downgrade_to_0007(url: str) -> None:
    from alembic import command

    from samfam.store.engine import Store, _alembic_config

    store = Store(url)
    with store.engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0007")
    store.dispose()


def _shape(url: str) -> tuple[set[str], set[str]]:
    engine = create_engine(url)
    try:
        found = inspect(engine)
        columns = {f"{t}.{c['name']}" for t in ("advisor", "audit_log") for c in found.get_columns(t)}
        return set(found.get_table_names()), columns
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_0008_goes_down_and_comes_back_with_the_data_and_guards_kept(backend, tmp_path, request):
    """A database whose audit rows carry no OS login yet (created by the store alone) goes down and up."""
    from samfam.settings import to_url
    from samfam.store.engine import Store

    url = to_url(str(tmp_path / "samfam.db")) if backend == "sqlite" else request.getfixturevalue("pg_url")
    s = Samfam(tmp_path / "samfam.db" if backend == "sqlite" else url)  # type: ignore[arg-type]
    store = Store(url)
    store.init()
    store.dispose()
    tables, columns = _shape(url)
    assert NEW_TABLES <= tables and {"advisor.login", "audit_log.os_login"} <= columns
    _downgrade_to_0007(url)
    tables, columns = _shape(url)
    assert not NEW_TABLES & tables and not {"advisor.login", "audit_log.os_login"} & columns
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen")  # upgraded again by the command
    tables, columns = _shape(url)
    assert NEW_TABLES <= tables and {"advisor.login", "audit_log.os_login"} <= columns
    assert s.ok("audit", "verify", "-f", "json").json()["ok"] is True
    engine = create_engine(url)
    try:
        with engine.connect() as conn:  # the log's guards survived the round trip
            with pytest.raises(Exception, match="append-only|audit"):
                conn.execute(text("DELETE FROM audit_log"))
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_0008_does_not_go_down_over_rows_whose_hash_covers_the_os_login(backend, tmp_path, request):
    from samfam.settings import to_url

    url = to_url(str(tmp_path / "samfam.db")) if backend == "sqlite" else request.getfixturevalue("pg_url")
    s = Samfam(tmp_path / "samfam.db" if backend == "sqlite" else url)  # type: ignore[arg-type]
    s.ok("init")
    with pytest.raises(RuntimeError, match="would break the audit chain"):
        _downgrade_to_0007(url)
    assert s.ok("audit", "verify", "-f", "json").json()["ok"] is True
