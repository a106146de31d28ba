"""Shared fixtures. Every test runs with a fixed `--today` and fictional people only."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samfam.cli import app

TODAY = date(2026, 11, 22)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


class Samfam:
    """Runs samfam commands through typer's CliRunner on one database, with a fixed today."""

    def __init__(self, db: Path, today: date = TODAY, user: str = "TST") -> None:
        self.db = db
        self.today = today
        self.user = user
        self.runner = CliRunner()

    def __call__(self, *args: str, today: date | None = None, user: str | None = None, env=None) -> Result:
        argv = ["--db", str(self.db), "--user", user or self.user, "--today", (today or self.today).isoformat()]
        result = self.runner.invoke(app, [*argv, *args], env=env or {}, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, **kwargs) -> Result:
        result = self(*args, **kwargs)
        assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr}{result.stdout}"
        return result

    def rows(self, table: str) -> list[tuple]:
        """Every row of a table, for before/after comparisons."""
        with sqlite3.connect(self.db) as conn:
            return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()

    def snapshot(self) -> dict[str, list[tuple]]:
        with sqlite3.connect(self.db) as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: self.rows(t) for t in tables}


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to the newest schema by `samfam init`, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "samfam.db"
    Samfam(path).ok("init")
    with sqlite3.connect(path) as conn:  # fold the write-ahead log into the file before copying
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def samfam(tmp_path: Path, migrated_db: Path) -> Samfam:
    """An initialised, empty database (a copy of the session's migrated one, mode 0600 kept)."""
    target = tmp_path / "samfam.db"
    shutil.copy2(migrated_db, target)
    return Samfam(target)


@pytest.fixture
def team(samfam: Samfam) -> Samfam:
    """Two advisors in team Nord, one in Syd."""
    samfam.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    samfam.ok("advisor", "add", "LBH", "--name", "Lars Bøgh Hansen", "--team", "Nord")
    samfam.ok("advisor", "add", "ATP", "--name", "Anders Toft Pedersen", "--team", "Syd")
    return samfam


OpenCase = Callable[..., Result]


@pytest.fixture
def open_case(team: Samfam) -> OpenCase:
    def _open(ref: str, *paras: str, advisor: str = "MKJ", opened: str = "2026-06-01", **options: str) -> Result:
        args = ["case", "open", ref, "--child", "Alma Holm", "--advisor", advisor, "--opened", opened]
        for p in paras:
            args += ["--para", p]
        for key, value in options.items():
            args += [f"--{key.replace('_', '-')}", value]
        return team.ok(*args)

    return _open
