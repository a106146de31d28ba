"""`samfam demo`: a fictional team to try samfam on, never built over real data."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import Samfam
from samfam.cli.app import app
from support import assert_error


def test_the_demo_builds_shows_what_is_overdue_and_can_be_rebuilt(tmp_path, samfam):
    path = tmp_path / "try.db"
    first = samfam("demo", "--db", str(path))
    assert first.exit_code == 0, first.stderr
    assert "10 advisors, 240 cases" in first.stdout
    assert "Overdue follow-ups on 2026-11-22" in first.stdout and "Try next" in first.stdout
    assert f"export SAMFAM_DB='{path}'" in first.stdout
    with sqlite3.connect(path) as conn:
        counted = conn.execute("SELECT count(*) FROM cases").fetchone()
        assert conn.execute("SELECT cpr FROM cases WHERE cpr IS NOT NULL").fetchall() == []  # no CPR numbers
    again = samfam("demo", "--db", str(path))  # an earlier demo database is rebuilt, not added to
    assert again.exit_code == 0, again.stderr
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM cases").fetchone() == counted == (240,)


def test_the_demo_refuses_a_database_with_real_cases(team, open_case):
    open_case("2026-0001", "BL 86")
    before = team.snapshot()
    assert_error(team("demo", "--db", str(team.db)), 1, str(team.db), "real cases")
    assert team.snapshot() == before


def _names(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def test_a_demo_that_fails_halfway_leaves_the_earlier_demo_and_the_next_one_builds(tmp_path, samfam, monkeypatch):
    import samfam.demo as demo

    path = tmp_path / "try.db"

    def failing(*args, **kwargs):
        raise RuntimeError("killed halfway")

    with monkeypatch.context() as patched:
        patched.setattr(demo, "_team_life", failing)
        assert samfam("demo", "--db", str(path)).exit_code != 0
        assert "try.db" not in _names(tmp_path) and not [n for n in _names(tmp_path) if "building" in n]
        assert samfam("demo", "--db", str(path)).exit_code != 0  # again: nothing left refuses it
    assert samfam("demo", "--db", str(path)).exit_code == 0
    with sqlite3.connect(path) as conn:  # the demo's last row (its `overdue` read) may still be in the -wal file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    with monkeypatch.context() as patched:
        patched.setattr(demo, "_team_life", failing)
        assert samfam("demo", "--db", str(path)).exit_code != 0
    assert path.read_bytes() == before  # the earlier demo, whole
    assert not [n for n in _names(tmp_path) if "building" in n]
    assert samfam("demo", "--db", str(path)).exit_code == 0


def test_a_killed_demo_leaves_nothing_the_next_demo_refuses(tmp_path, samfam):
    import os
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "try.db"
    script = f"from samfam.cli.app import app\napp(['--today', '2026-11-22', 'demo', '--db', {str(path)!r}])\n"
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    building = tmp_path / f".try.db.{child.pid}.building"
    deadline = time.monotonic() + 60
    while not (building.exists() and building.stat().st_size > 0) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)  # well into the team's one transaction
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert building.exists() and not path.exists()  # killed while building: nothing at the demo's name
    result = samfam("demo", "--db", str(path))
    assert result.exit_code == 0, result.stderr
    assert not [n for n in _names(tmp_path) if "building" in n]  # the leftover is gone
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM cases").fetchone() == (240,)


def test_the_demos_audit_witness_is_at_its_own_name_not_the_building_one(tmp_path, samfam):
    import os

    from conftest import Samfam
    from samfam.store import custody

    path = tmp_path / "try.db"
    building = custody.witness_path(str((tmp_path / f".try.db.{os.getpid()}.building").resolve()))
    for _ in range(2):
        assert samfam("demo", "--db", str(path)).exit_code == 0
        assert custody.witness_path(str(path.resolve())).exists() and not building.exists()
    assert Samfam(path).ok("check").exit_code == 0


@pytest.mark.postgres
def test_the_demo_on_postgresql_prints_a_url_that_works_when_copied_and_never_the_password(pg_url):
    """'Try next' is copied as printed. A password in the URL is never shown (not even masked as ***, which
    would fail when copied): the URL is printed without it, with where libpq finds it instead."""
    url = pg_url.replace("postgres@", "postgres:hemmelig-demo@")  # the test server trusts its socket
    s = Samfam(Path("unused.db"))
    built = s("--db", url, "demo")
    assert built.exit_code == 0, built.stderr
    out = built.stdout + built.stderr
    assert "hemmelig-demo" not in out and "***" not in out
    assert "PGPASSWORD" in out and ".pgpass" in out
    exported = re.search(r"export SAMFAM_DB='([^']+)'", built.stdout).group(1)
    assert exported == pg_url
    tried = s("--db", exported, "overdue", "--advisor", "MKJ")
    assert tried.exit_code == 0, tried.stderr


def test_after_the_demo_a_command_on_the_default_database_names_the_demos_file(tmp_path, monkeypatch):
    """`samfam demo` writes samfam-demo.db in the user data directory; the next command, without --db, looks
    for samfam.db there, finds none, and says where the demo is and how to point at it."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # platformdirs' user data directory
    demo_file = tmp_path / "data" / "samfam" / "samfam-demo.db"
    runner = CliRunner()
    built = runner.invoke(app, ["--today", "2026-11-22", "demo"], env={"SAMFAM_DB": None})
    assert built.exit_code == 0, built.stderr
    assert demo_file.exists()
    result = runner.invoke(app, ["--today", "2026-11-22", "overdue"], env={"SAMFAM_DB": None})
    line = assert_error(result, 1, str(tmp_path / "data" / "samfam" / "samfam.db"), "samfam init")
    assert f"--db {demo_file}" in line and f"export SAMFAM_DB={demo_file}" in line, line
    hinted = runner.invoke(app, ["--today", "2026-11-22", "--db", str(demo_file), "overdue"])
    assert hinted.exit_code == 0, hinted.stderr


def test_without_a_demo_a_missing_database_suggests_init_or_the_demo(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["--today", "2026-11-22", "overdue"], env={"SAMFAM_DB": None})
    line = assert_error(result, 1, "samfam init", "samfam demo")
    assert "samfam-demo.db" not in line


@pytest.mark.parametrize(
    ("lang", "headline", "step", "what"),
    [
        (
            "en",
            "Built a fictional team in /tmp/d.db: 10 advisors, 240 cases (223 open), 2901 events, history up to "
            "2026-11-22.",
            "Try next (point samfam at the demo first; in the project, 'uv run samfam' runs samfam):",
            "what comes due in the next two weeks",
        ),
        (
            "da",
            "Byggede et fiktivt team i /tmp/d.db: 10 rådgivere, 240 sager (223 åbne), 2901 hændelser, historik til "
            "22. november 2026.",
            "Prøv derefter (peg først samfam på demoen; i projektet kører 'uv run samfam' samfam):",
            "hvad der forfalder de næste to uger",
        ),
    ],
)
def test_the_demos_summary_speaks_the_readers_language(lang, headline, step, what):
    from samfam import words
    from samfam.demo import summary

    token = words.use(lang)
    try:
        said = summary("/tmp/d.db", "/tmp/d.db", {"cases": 240, "open": 223, "events": 2901, "refs": ["2024-0001"]},
                       date(2026, 11, 22))  # fmt: skip
    finally:
        words.done(token)
    assert said.headline == headline
    assert said.next_steps.splitlines()[0] == step
    assert said.next_steps.splitlines()[2].startswith("  uv run samfam due --within 14 ")
    assert said.next_steps.splitlines()[2].endswith(what)
    assert "uv run samfam explain 2024-0001 " in said.next_steps
