"""Revision 0009 (issue 19): application.voided_at, voided_by, void_reason and corrects_id; down to 0008 and
up again with the applications kept, and never down over a void application (it would count again)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect

from conftest import Samfam
from support import REF

NEW_COLUMNS = {"voided_at", "voided_by", "void_reason", "corrects_id"}


def _downgrade_to_0008(url: str) -> None:
    from alembic import command

    from samfam.store.engine import Store, _alembic_config

    store = Store(url)
    with store.engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0008")
    store.dispose()


def _columns(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns("application")}
    finally:
        engine.dispose()


def _world(backend: str, tmp_path, request) -> tuple[Samfam, str]:
    from samfam.settings import to_url

    url = to_url(str(tmp_path / "samfam.db")) if backend == "sqlite" else request.getfixturevalue("pg_url")
    s = Samfam(tmp_path / "samfam.db" if backend == "sqlite" else url)  # type: ignore[arg-type]
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86")
    s.ok("application", "add", REF, "BL 87", "--received", "2026-11-02")
    return s, url


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_0009_goes_down_and_comes_back_with_the_applications_kept(backend, tmp_path, request):
    s, url = _world(backend, tmp_path, request)
    assert NEW_COLUMNS <= _columns(url)
    _downgrade_to_0008(url)
    assert not NEW_COLUMNS & _columns(url)
    [row] = s.ok("application", "list", REF, "-f", "json").json()  # upgraded again by the command
    assert (row["id"], row["received"]) == (1, "2026-11-02")
    assert NEW_COLUMNS <= _columns(url)
    s.ok("application", "void", "1", "--reason", "Forkert sag")
    assert s.ok("application", "list", REF, "-f", "json").json() == []


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_0009_does_not_go_down_over_a_void_application(backend, tmp_path, request):
    s, url = _world(backend, tmp_path, request)
    s.ok("application", "void", "1", "--reason", "Forkert sag")
    with pytest.raises(RuntimeError, match="would count again"):
        _downgrade_to_0008(url)
    assert NEW_COLUMNS <= _columns(url)
