"""The store: schema by Alembic migrations, SQLite settings, transactions, the audit log."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from samfam.errors import Conflict, DatabaseError
from samfam.settings import to_url
from samfam.store import migrations, tables
from samfam.store.engine import Store, _alembic_config
from samfam.store.schema import SQLModel

TODAY = date(2026, 11, 22)


def test_head_constant_matches_alembics_head():
    assert ScriptDirectory.from_config(_alembic_config()).get_current_head() == migrations.HEAD


def test_migrations_create_exactly_the_models_schema(tmp_path):
    store = Store(to_url(str(tmp_path / "s.db")))
    store.init()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_init_is_idempotent(tmp_path):
    store = Store(to_url(str(tmp_path / "s.db")))
    assert store.init() == (None, migrations.HEAD)
    assert store.init() == (migrations.HEAD, migrations.HEAD)


def test_new_sqlite_files_are_private_and_use_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "s.db"
    store = Store(to_url(str(path)))
    store.init()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_command_on_a_missing_file_asks_for_init_and_creates_nothing(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(DatabaseError, match="samfam init"):
        Store(to_url(str(path))).ready()
    assert not path.exists()


def test_an_empty_database_is_not_silently_used(tmp_path):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    with pytest.raises(DatabaseError, match="samfam init"):
        Store(to_url(str(path))).ready()


def test_a_schema_newer_than_this_samfam_is_refused(tmp_path):
    """A revision this samfam does not know means a newer samfam wrote it: refuse, do not guess."""
    path = tmp_path / "old.db"
    store = Store(to_url(str(path)))
    store.init()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'nonexistent'")
    with pytest.raises(DatabaseError, match="newer than this samfam"):
        Store(to_url(str(path))).ready()


def test_a_failed_transaction_leaves_nothing_behind(tmp_path):
    store = Store(to_url(str(tmp_path / "s.db")))
    store.init()
    with pytest.raises(RuntimeError), store.unit_of_work("TST", TODAY) as uow:
        uow.insert(tables.advisor, initials="AAA", name="Anna")
        uow.audit("advisor.add")
        uow.commit()
        raise RuntimeError("something failed half-way")
    with sqlite3.connect(tmp_path / "s.db") as conn:
        assert conn.execute("SELECT count(*) FROM advisor").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)


def test_a_unique_violation_is_a_conflict_not_a_traceback(tmp_path):
    store = Store(to_url(str(tmp_path / "s.db")))
    store.init()
    with store.unit_of_work("TST", TODAY) as uow:
        uow.insert(tables.advisor, initials="AAA", name="Anna")
        uow.commit()
    with pytest.raises(Conflict), store.unit_of_work("TST", TODAY) as uow:
        uow.insert(tables.advisor, initials="AAA", name="Anne")


def test_the_audit_log_is_append_only(tmp_path):
    store = Store(to_url(str(tmp_path / "s.db")))
    store.init()
    with store.unit_of_work("TST", TODAY) as uow:
        uow.audit("test")
        uow.commit()
    with sqlite3.connect(tmp_path / "s.db") as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_log SET user = 'X'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_log")


def test_an_older_schema_is_upgraded_by_any_command(tmp_path):
    """A database left at the first revision by an older samfam is brought to head, data kept."""
    from alembic import command

    path = tmp_path / "old.db"
    store = Store(to_url(str(path)))
    store.init()
    with store.engine.begin() as conn:  # back to the first revision, as an older samfam left it
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO advisor (initials, name) VALUES ('MKJ', 'Mette')")
    store.dispose()
    assert Store(to_url(str(path))).revision() == "0001"
    Store(to_url(str(path))).ready()
    assert Store(to_url(str(path))).revision() == migrations.HEAD
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT initials FROM advisor").fetchall() == [("MKJ",)]
        assert conn.execute("SELECT count(*) FROM goal").fetchone() == (0,)


def test_the_track_periods_are_backfilled_when_upgrading_to_0004(tmp_path):
    from alembic import command

    path = tmp_path / "old.db"
    store = Store(to_url(str(path)))
    store.init()
    with store.engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO advisor (initials, name) VALUES ('MKJ', 'Mette')")
        conn.execute(
            "INSERT INTO cases (ref, child_name, advisor_id, complex, opened) "
            "VALUES ('2026-0001', 'Alma', 1, 0, '2026-01-05')"
        )
        conn.execute("INSERT INTO grants (case_id, code, start) VALUES (1, 'BL 86', '2026-01-05')")
        conn.execute(
            """INSERT INTO grants (case_id, code, start, "end") VALUES (1, 'BL 20', '2026-03-01', '2026-06-30')"""
        )
    store.dispose()
    Store(to_url(str(path))).ready()
    with sqlite3.connect(path) as conn:
        periods = conn.execute("SELECT track, since, until FROM case_track ORDER BY since").fetchall()
    assert periods == [
        ("3m", "2026-01-05", "2026-02-28"),
        ("6w", "2026-03-01", "2026-06-30"),
        ("3m", "2026-07-01", None),
    ]
