"""The drill: 8 processes × 250 writes on one SQLite file that is one schema revision behind.

    uv run python benchmarks/concurrency.py
    uv run python benchmarks/concurrency.py --processes 8 --writes 250 --history 40000

Each process opens its own case, then adds WRITES events, with a look at its case card every tenth
write (a logged read), each as a whole samfam command run in-process (a fresh App, engine and schema
check each time, as the CLI runs it). They start together on a database at revision 0005 with a
long audit log, so the first commands of every process meet the upgrade, which chains every existing
row. Prints the wall time, the failures (expected: none, and never "database is locked"), and
whether the audit chain verifies afterwards. Figures, not a test (tests/test_store_concurrency.py is
the test, with 8 × 25).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

WORKER = textwrap.dedent(
    """
    import io, sys, contextlib
    from samfam.cli.app import app

    db, worker, writes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ref = f"2026-{worker + 1:04d}"
    failures = []

    def run(*args):
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = app(["--db", db, "--today", "2026-11-22", *args], standalone_mode=False)
        if code != 0:
            failures.append(err.getvalue().strip())

    run("case", "open", ref, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86")
    for i in range(writes):
        run("event", "add", ref, "phone", "--on", "2026-11-20", "--note", f"Opkald {i}")
        if i % 10 == 0:
            run("case", "show", ref, "-f", "json")
    for line in failures[:5]:
        print(line)
    sys.exit(len(failures))
    """
)


def older_database(path: Path, history: int) -> None:
    from alembic import command

    from samfam.store.engine import Store, _alembic_config

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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--processes", type=int, default=8)
    p.add_argument("--writes", type=int, default=250)
    p.add_argument("--history", type=int, default=40_000)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="samfam-drill-") as tmp:
        db = Path(tmp) / "old.db"
        older_database(db, args.history)
        worker = Path(tmp) / "worker.py"
        worker.write_text(WORKER)
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [sys.executable, str(worker), str(db), str(n), str(args.writes)],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for n in range(args.processes)
        ]
        outputs = [(proc.wait(), proc.communicate()[0]) for proc in procs]
        wall = time.perf_counter() - start
        failed = sum(code for code, _ in outputs)
        locked = sum("locked" in out for _, out in outputs)
        with sqlite3.connect(db) as conn:
            events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        verify = subprocess.run(
            [str(Path(sys.executable).parent / "samfam"), "--db", str(db), "audit", "verify"],
            capture_output=True,
            text=True,
        )
        commands = args.processes * (1 + args.writes + len(range(0, args.writes, 10)))
        print(
            f"{args.processes} processes × {args.writes} writes on a database at 0005 with {args.history:,} audit "
            f"rows: {wall:.1f} s wall for {commands:,} commands; revision now {revision}; {events:,} events"
        )
        print(f"failed commands: {failed}; 'database is locked' seen: {locked}")
        print(verify.stdout.strip() or verify.stderr.strip())
        for code, out in outputs:
            if code:
                print(out.strip())
    return 1 if failed or verify.returncode else 0


if __name__ == "__main__":
    raise SystemExit(main())
