"""Revision 0010 (issue 19): the corrected mark on `case_assignment` and `case_member`; down to 0009 and up again
with the data kept, and no way down over a period marked corrected (it would count again)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from conftest import Samfam

COLUMNS = {
    f"{table}.{column}"
    for table in ("case_assignment", "case_member")
    for column in ("corrected_at", "corrected_by", "correction_reason")
}


def _downgrade_to_0009(url: str) -> None:
    from alembic import command

    from samfam.store.engine import Store, _alembic_config

    store = Store(url)
    with store.engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0009")
    store.dispose()


def _columns(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        found = inspect(engine)
        return {f"{t}.{c['name']}" for t in ("case_assignment", "case_member") for c in found.get_columns(t)}
    finally:
        engine.dispose()


def _world(s: Samfam) -> None:
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("advisor", "add", "LBH", "--name", "Lars Bøgh Hansen", "--team", "Nord")
    s.ok("advisor", "add", "HEM", "--name", "Hanne Egelund Madsen", "--team", "Nord")
    s.ok("case", "open", "2026-0301", "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01")
    s.ok("case", "assign", "2026-0301", "--advisor", "LBH", "--on", "2026-09-01")


def _url(backend: str, tmp_path, request) -> str:
    from samfam.settings import to_url

    return to_url(str(tmp_path / "samfam.db")) if backend == "sqlite" else request.getfixturevalue("pg_url")


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_0010_goes_down_and_comes_back_with_the_periods_kept(backend, tmp_path, request):
    url = _url(backend, tmp_path, request)
    s = Samfam(tmp_path / "samfam.db" if backend == "sqlite" else url)  # type: ignore[arg-type]
    _world(s)
    assert COLUMNS <= _columns(url)
    _downgrade_to_0009(url)
    assert not COLUMNS & _columns(url)
    if backend == "postgresql":  # need to know as 0008 and 0009 had it: nothing reads the dropped columns
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                bodies = conn.execute(
                    text("SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.proname LIKE 'samfam_%'")
                ).scalars()
                assert not [b for b in bodies if "corrected_at" in b]
                policies = conn.execute(text("SELECT policyname FROM pg_policies WHERE tablename = 'case_assignment'"))
                assert "samfam_current_only" in set(policies.scalars())
        finally:
            engine.dispose()
    # Upgraded again by the command; the periods recorded before are in force.
    s.ok("case", "assign", "2026-0301", "--advisor", "HEM", "--on", "2026-08-01", "--reason", "Forkert dato")
    assert COLUMNS <= _columns(url)
    assert s.ok("case", "show", "2026-0301", "-f", "json").json()["advisor"] == "HEM"
    assert s.ok("audit", "verify", "-f", "json").json()["ok"] is True


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_0010_does_not_go_down_over_a_period_marked_corrected(backend, tmp_path, request):
    url = _url(backend, tmp_path, request)
    s = Samfam(tmp_path / "samfam.db" if backend == "sqlite" else url)  # type: ignore[arg-type]
    _world(s)
    s.ok("case", "assign", "2026-0301", "--advisor", "HEM", "--on", "2026-08-01", "--reason", "Forkert dato")
    with pytest.raises(RuntimeError, match="marked corrected; going below 0010 would make them count again"):
        _downgrade_to_0009(url)
    assert COLUMNS <= _columns(url)
