"""Commands started together on one database file: on an older schema they wait for the one that
migrates, then all succeed; "database is locked" never reaches a user (docs/privacy.md § 7).

The drill here is 8 processes × 10 writes and reads; benchmarks/concurrency.py runs 8 × 250."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from samfam.store.engine import Store
from samfam.store.migrations import HEAD

WORKER = textwrap.dedent(
    """
    import sys
    from samfam.cli.app import app

    db, worker, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ref = f"2026-{worker + 1:04d}"
    failures = 0

    def run(*args):
        global failures
        code = app(["--db", db, "--today", "2026-11-22", *args], standalone_mode=False)
        failures += code != 0

    run("case", "open", ref, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86")
    for i in range(rounds):
        run("event", "add", ref, "phone", "--on", "2026-11-20", "--note", f"Opkald {i}")
        if i % 5 == 0:
            run("case", "show", ref, "-f", "json")
    sys.exit(1 if failures else 0)
    """
)


def _older_database(path: Path, history: int = 40_000) -> None:
    """A database one revision behind, with one advisor and a long audit log (the upgrade chains every
    row, so it takes long enough for the others to arrive while it runs): what an upgrade meets."""
    from alembic import command

    from samfam.store.engine import _alembic_config

    store = Store(f"sqlite:///{path}")
    config = _alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
    store.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("INSERT INTO advisor (initials, name) VALUES ('MKJ', 'Mette Kjær Jensen')")
        conn.executemany(
            "INSERT INTO audit_log (at, user, action, detail) VALUES ('2026-01-01 08:00:00.000000', 'OLD', 'x', ?)",
            [(str(i),) for i in range(history)],
        )


def test_eight_processes_on_an_older_database_all_succeed(tmp_path):
    db = tmp_path / "old.db"
    _older_database(db)
    worker = tmp_path / "worker.py"
    worker.write_text(WORKER)
    rounds = 10
    procs = [
        subprocess.Popen(
            [sys.executable, str(worker), str(db), str(n), str(rounds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    for code, out, err in results:
        assert code == 0, err
        assert "locked" not in out + err and "Traceback" not in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        assert conn.execute("SELECT count(*) FROM cases").fetchone() == (8,)
        assert conn.execute("SELECT count(*) FROM audit_log WHERE hash IS NULL").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (8 * rounds,)
        reads = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'case.show'").fetchone()[0]
        assert reads == 8 * len(range(0, rounds, 5))
    # Every process chained its rows onto the one before, in one line.
    from conftest import Samfam

    verified = Samfam(db)("audit", "verify", "-f", "json")
    assert verified.exit_code == 0, verified.stdout
    assert verified.json()["rows"] == 40_000 + 8 * (1 + rounds + len(range(0, rounds, 5)))  # opened, events, look-ups
