"""`samfam audit verify` over a long audit log, and that the everyday commands do not feel its length.

    uv run python benchmarks/audit_verify.py              # 1,000,000 rows (target: verify under 30 s)
    uv run python benchmarks/audit_verify.py --rows 200000

Builds a database with `samfam init`, a team, a case, and then ROWS chained audit rows (written with
the store's own Core table and samfam.store.chain, keyed with the key `init` made in a throwaway config
folder, in batches: the same bytes `UnitOfWork.audit` writes), then times, as whole child processes
(CPU seconds of the child, and wall seconds):

- `audit verify` (walks the whole chain);
- `case show`, `event add` and `init` (each touches only the chain's newest row);
- the same three on a database with an empty log, for comparison.

Figures, not tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SAMFAM = BIN / "samfam"
PYTHON = BIN / "python"
TODAY = "2026-11-22"


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMFAM_") or k == "SAMFAM_CONFIG_DIR"}
    env["SAMFAM_TODAY"] = TODAY
    return env


def cpu_run(db: Path, *args: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(SAMFAM), "--db", str(db), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=child_env())  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"samfam {' '.join(args)} failed: {err.strip()}")
    return usage.ru_utime + usage.ru_stime, wall


def build(db: Path, rows: int) -> None:
    subprocess.run([str(SAMFAM), "--db", str(db), "init"], check=True, stdout=subprocess.DEVNULL, env=child_env())
    for argv in (
        ["advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord"],
        [
            "case",
            "open",
            "2026-0001",
            "--child",
            "Alma Holm",
            "--advisor",
            "MKJ",
            "--opened",
            "2026-06-01",
            "--para",
            "BL 86",
        ],  # fmt: skip
    ):
        subprocess.run([str(SAMFAM), "--db", str(db), *argv], check=True, stdout=subprocess.DEVNULL, env=child_env())
    if rows <= 0:
        return
    from sqlalchemy import create_engine, insert, select

    from samfam.store import chain, custody
    from samfam.store import tables as t
    from samfam.store.queries.audit import keying
    from samfam.store.work import AuditRow

    engine = create_engine(f"sqlite:///{db}")
    log = t.audit_log
    key = custody.load_key()
    with engine.begin() as conn:
        assert keying(conn)[0] is not None and key is not None, "init keys the log"
        last_id, prev = conn.execute(select(log.c.id, log.c.hash).order_by(log.c.id.desc()).limit(1)).one()
        start = datetime(2025, 1, 1, tzinfo=UTC)
        batch = []
        for n in range(rows):
            row = AuditRow(
                id=last_id + 1 + n,
                at=start + timedelta(seconds=20 * n),
                user=("MKJ", "LBH", "ATP", "HEM")[n % 4],
                action=("case.show", "case.list", "event.add", "goals")[n % 4],
                kind="write" if n % 4 == 2 else "read",
                purpose=None if n % 4 == 2 else "sagsbehandling",
                case_ref=f"2026-{n % 9000:04d}",
                cases=None if n % 4 != 1 else " ".join(f"2026-{(n + k) % 9000:04d}" for k in range(20)),
                detail="followup on 2026-11-20" if n % 4 == 2 else None,
                os_login=("mette", "lars", "anders", "hanne")[n % 4],
            )
            digest = chain.row_hash(prev, row, key)
            batch.append(row._asdict() | {"prev_hash": prev, "hash": digest})
            prev = digest
            if len(batch) == 20_000:
                conn.execute(insert(log), batch)
                batch = []
        if batch:
            conn.execute(insert(log), batch)
    with engine.connect() as conn:  # fold the write-ahead log into the file, as a long-lived database is
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)
    subprocess.run(
        [str(PYTHON), "-m", "compileall", "-q", sysconfig.get_paths()["purelib"], str(ROOT / "src")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory(prefix="samfam-audit-") as tmp:
        os.environ["SAMFAM_CONFIG_DIR"] = str(Path(tmp) / "config")  # the key `init` makes, and the witness
        small, large = Path(tmp) / "small.db", Path(tmp) / "large.db"
        began = time.perf_counter()
        build(small, 0)
        build(large, args.rows)
        print(f"built a log of {args.rows:,} rows in {time.perf_counter() - began:.1f} s "
              f"({large.stat().st_size / 1e6:.0f} MB)")  # fmt: skip
        cpu, wall = min(cpu_run(large, "audit", "verify") for _ in range(args.runs))
        verdict = "within" if wall < 30 else "MISSES"
        print(f"audit verify over {args.rows:,} rows: {wall:.1f} s wall, {cpu:.1f} s CPU  ({verdict} the 30 s target)")
        for label, cmd in (
            ("case show", ("case", "show", "2026-0001")),
            ("event add", ("event", "add", "2026-0001", "phone", "--on", "2026-11-20")),
            ("init", ("init",)),
            ("check", ("check",)),  # walks the whole chain, like verify
        ):
            empty = min(cpu_run(small, *cmd)[0] for _ in range(args.runs))
            full = min(cpu_run(large, *cmd)[0] for _ in range(args.runs))
            print(f"{label:10} empty log {empty:.3f} s CPU · {args.rows:,}-row log {full:.3f} s CPU "
                  f"({full / empty:.2f}x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
