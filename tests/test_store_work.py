"""The unit of work rolls back unless committed; the Core tables are exactly the schema's tables."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from samfam.settings import to_url
from samfam.store import tables
from samfam.store.engine import Store
from samfam.store.schema import SQLModel

TODAY = date(2026, 11, 22)


@pytest.fixture
def store(tmp_path):
    store = Store(to_url(str(tmp_path / "s.db")))
    store.init()
    yield store
    store.dispose()


def _count(store: Store, table: str) -> int:
    with sqlite3.connect(store.path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_work_left_without_commit_is_rolled_back(store):
    with store.unit_of_work("TST", TODAY) as uow:
        uow.insert(tables.advisor, initials="AAA", name="Anna")
        uow.audit("advisor.add")
    assert _count(store, "advisor") == 0
    assert _count(store, "audit_log") == 0


def test_committed_work_is_stored_with_its_audit_row(store):
    with store.unit_of_work("MKJ", TODAY) as uow:
        row = uow.add(tables.advisor, initials="AAA", name="Anna")
        uow.audit("advisor.add", detail="AAA")
        uow.commit()
    assert (row.initials, row.name) == ("AAA", "Anna")
    assert _count(store, "advisor") == 1
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT user, action FROM audit_log").fetchall() == [("MKJ", "advisor.add")]


def test_nested_work_joins_the_outer_transaction(store):
    """The demo builds a team in one transaction: an inner commit waits for the outer one."""
    uow = store.unit_of_work("TST", TODAY)
    with uow:
        with uow:
            uow.insert(tables.advisor, initials="AAA", name="Anna")
            uow.commit()
        assert _count(store, "advisor") == 0  # not visible outside before the outer block ends
        raise_after = False
        if raise_after:
            raise AssertionError
    assert _count(store, "advisor") == 1


def test_an_error_in_nested_work_rolls_back_the_whole(store):
    uow = store.unit_of_work("TST", TODAY)
    with pytest.raises(RuntimeError), uow:
        uow.insert(tables.advisor, initials="AAA", name="Anna")
        with uow:
            uow.insert(tables.advisor, initials="BBB", name="Bo")
            raise RuntimeError("half-way")
    assert _count(store, "advisor") == 0


def test_update_returns_the_row_as_stored(store):
    with store.unit_of_work("TST", TODAY) as uow:
        advisor = uow.add(tables.advisor, initials="AAA", name="Anna")
        changed = uow.update(tables.advisor, advisor.id, team="Nord", caseload_target=24)
        uow.commit()
    assert (changed.initials, changed.team, changed.caseload_target) == ("AAA", "Nord", 24)


def test_the_unit_of_work_is_only_usable_inside_its_block(store):
    uow = store.unit_of_work("TST", TODAY)
    with pytest.raises(RuntimeError, match="outside"):
        uow.conn  # noqa: B018


def _shape(column) -> tuple:
    return (
        column.name,
        column.type._type_affinity.__name__,
        getattr(column.type, "length", None),
        column.nullable,
        column.primary_key,
        sorted(fk.target_fullname for fk in column.foreign_keys),
    )


@pytest.mark.parametrize("name", sorted(SQLModel.metadata.tables))
def test_each_core_table_has_exactly_the_schemas_columns(name):
    """samfam.store.tables (run time) and samfam.store.schema (the definition) must never drift."""
    schema = SQLModel.metadata.tables[name]
    core = tables.every_table().tables[name]
    assert [_shape(c) for c in core.columns] == [_shape(c) for c in schema.columns]


def test_the_core_tables_are_every_schema_table():
    assert set(tables.every_table().tables) == set(SQLModel.metadata.tables)


# -- audit rows held back during an import (written together) -----------------------------------------


def _log(store: Store) -> list[tuple]:
    with sqlite3.connect(store.path) as conn:
        return conn.execute("SELECT id, action, detail FROM audit_log ORDER BY id").fetchall()


def test_held_audit_rows_are_written_in_order_when_the_work_commits(store):
    with store.unit_of_work("MKJ", TODAY) as uow:
        uow.audit_batch = []
        for n in range(3):
            with uow:  # an action inside the import: its commit() does not write the held rows yet
                uow.audit("advisor.add", detail=f"row {n}")
                uow.commit()
            assert len(uow.audit_batch) == n + 1
        uow.commit()
    assert _log(store) == [(1, "advisor.add", "row 0"), (2, "advisor.add", "row 1"), (3, "advisor.add", "row 2")]


def test_held_audit_rows_of_an_undone_savepoint_are_dropped_and_the_chain_holds(store):
    from samfam.store.queries import audit as audit_queries

    with store.unit_of_work("MKJ", TODAY) as uow:
        uow.audit_batch = []
        uow.audit("kept.before")
        with pytest.raises(RuntimeError), uow.savepoint():
            uow.audit("undone")
            raise RuntimeError("a bad row")
        with uow.savepoint():
            uow.audit("kept.after")
        assert uow.audit_batch == []  # written when its savepoint ended
        uow.commit()
    assert [action for _, action, _ in _log(store)] == ["kept.before", "kept.after"]
    from samfam.store import custody

    with store.engine.connect() as conn:
        verdict = audit_queries.verify_log(conn, key=custody.load_key())
    assert (verdict.rows, verdict.broken) == (2, None)


def test_held_audit_rows_are_written_when_an_inner_work_committed_and_the_outer_block_ends(store):
    with store.unit_of_work("MKJ", TODAY) as uow:
        uow.audit_batch = []
        with uow:
            uow.audit("advisor.add", detail="inner")
            uow.commit()
    assert _log(store) == [(1, "advisor.add", "inner")]
