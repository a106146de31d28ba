"""samfam.actions.admin, called directly: the database created or upgraded (audited), a demo marked."""

from __future__ import annotations

import os
import sqlite3

import pytest

from arrange import app_for, do, logged, opened
from samfam.actions import admin
from samfam.errors import DatabaseError
from samfam.store.migrations import HEAD


def test_init_creates_a_private_database_and_audits_it(tmp_path):
    path = tmp_path / "new" / "samfam.db"
    app = app_for(path)
    try:
        assert admin.init_database(app) == (None, HEAD, False)
        assert os.stat(path).st_mode & 0o777 == 0o600
        assert logged(app) == [("db.init", f"empty -> {HEAD}")]
    finally:
        app.store.dispose()


def test_init_again_changes_nothing_but_the_files_mode(samfam):
    os.chmod(samfam.db, 0o644)
    before = samfam.snapshot()
    with opened(samfam.db) as app:
        assert admin.init_database(app) == (HEAD, HEAD, True)
    assert os.stat(samfam.db).st_mode & 0o777 == 0o600
    assert samfam.snapshot() == before  # the same revision: no audit row


def test_init_refuses_someone_elses_database(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    with opened(path) as app, pytest.raises(DatabaseError, match="holds tables samfam did not make"):
        admin.init_database(app)
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["recipes"]


def test_mark_demo_once(samfam):
    with opened(samfam.db) as app:
        do(app, admin.mark_demo)
        do(app, admin.mark_demo)
    assert ("demo", "1") in samfam.rows("meta")
    assert [r for r in samfam.rows("meta") if r[0] == "demo"] == [("demo", "1")]


def test_cli_init_on_a_database_created_through_the_action(tmp_path):
    from conftest import Samfam

    path = tmp_path / "samfam.db"
    app = app_for(path)
    admin.init_database(app)
    app.store.dispose()
    result = Samfam(path)("init")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path} is up to date (schema {HEAD}).\n"
