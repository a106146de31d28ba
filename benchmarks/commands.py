"""Every daily command against the floor a samfam command can reach, measured side by side.

    uv run python benchmarks/commands.py             # 7 runs each, median
    uv run python benchmarks/commands.py --runs 11
    uv run python benchmarks/commands.py --terminal  # output to a pseudo-terminal, drawn by Rich in colour

The floor is a bare Typer app that opens the same database with SQLAlchemy Core (`create_engine`,
one `Table`, one `select`) and prints the number of open cases: what any command that keeps one
codebase for SQLite and PostgreSQL must pay. The script writes that app to a temporary file, builds
the demo database with `samfam demo`, and then times each samfam command and the floor alternately,
in the same run, as whole child processes. The figure is CPU seconds (user + system of the child,
from os.wait4): each run times the floor and the command back to back, and the ratio printed is the
median of those pairs' ratios (on a busy 2-core machine wall time varies much more than CPU time, and
CPU time still drifts from minute to minute). A write runs on a fresh copy of the demo database
each time (copied outside the timing).

By default every output goes to /dev/null, as to a pipe or a file, where samfam writes a table as plain
lines without Rich's console. With --terminal both go to a pseudo-terminal 160 columns wide, where Rich
draws the tables in colour (and wraps those wider than the window): what an advisor at a terminal pays.

Figures, not tests: nothing fails when a target is missed; the verdict column says it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SAMFAM = BIN / "samfam"
PYTHON = BIN / "python"
TODAY = "2026-11-22"
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")

FLOOR_APP = """
import typer
from sqlalchemy import Date, Integer, String, column, create_engine, func, or_, select, table

app = typer.Typer()


@app.command()
def main(db: str, today: str = "2026-11-22") -> None:
    cases = table("cases", column("id", Integer), column("opened", String), column("closed", String))
    engine = create_engine("sqlite:///" + db)
    with engine.connect() as conn:
        query = select(func.count()).select_from(cases).where(
            cases.c.opened <= today, or_(cases.c.closed.is_(None), cases.c.closed > today)
        )
        print(conn.execute(query).scalar())


if __name__ == "__main__":
    app()
"""


#: The language samfam speaks in the runs (--lang): SAMFAM_LANG of every child process; None: the locale's.
LANGUAGE: list[str | None] = [None]


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMFAM_")}  # the OS login acts
    env["COLUMNS"] = "160"
    if LANGUAGE[0]:
        env["SAMFAM_LANG"] = LANGUAGE[0]
    return env


def compile_bytecode() -> None:
    """PYTHONDONTWRITEBYTECODE=1 is set on this machine: without bytecode on disk every import
    would compile again in every run."""
    targets = [sysconfig.get_paths()["purelib"], str(ROOT / "src")]
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", *targets], check=True, stdout=subprocess.DEVNULL)


def cpu_of(argv: list[str], terminal: bool = False) -> float:
    """CPU seconds of one run; its output goes to /dev/null, or to a pseudo-terminal (read and dropped)."""
    if not terminal:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env())
        _, status, usage = os.wait4(proc.pid, 0)
    else:
        import pty
        import threading

        master, slave = pty.openpty()
        env = child_env() | {"LINES": "50"}
        proc = subprocess.Popen(argv, stdout=slave, stderr=subprocess.PIPE, env=env)
        os.close(slave)

        def drain() -> None:
            try:
                while os.read(master, 65536):
                    pass
            except OSError:  # the child has gone: the terminal is closed
                pass

        reader = threading.Thread(target=drain)
        reader.start()
        _, status, usage = os.wait4(proc.pid, 0)
        reader.join()
        os.close(master)
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if code not in (0, 3):
        raise SystemExit(f"{' '.join(argv)} failed ({code}): {err.strip()}")
    return usage.ru_utime + usage.ru_stime


def heavy_imports(args: list[str]) -> set[str]:
    proc = subprocess.run(
        [str(PYTHON), "-X", "importtime", "-m", "samfam", *args], capture_output=True, text=True, env=child_env()
    )
    found = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name.split(".")[0] in HEAVY:
                found.add(name.split(".")[0])
    return found


def demo_ids(db: Path) -> dict[str, str]:
    """A case with goals and actors, one of its goals and an open task: the arguments of the commands."""
    with sqlite3.connect(db) as conn:
        ref, case_id = conn.execute(
            "SELECT ref, id FROM cases WHERE closed IS NULL AND id IN (SELECT case_id FROM goal) "
            "AND id IN (SELECT case_id FROM actor) ORDER BY id LIMIT 1"
        ).fetchone()
        goal = conn.execute("SELECT id FROM goal WHERE case_id = ? ORDER BY id LIMIT 1", (case_id,)).fetchone()[0]
        task = conn.execute("SELECT id FROM task WHERE done IS NULL ORDER BY id LIMIT 1").fetchone()
        advisor = conn.execute("SELECT initials FROM advisor ORDER BY initials LIMIT 1").fetchone()[0]
        other = conn.execute(
            "SELECT initials FROM advisor WHERE id NOT IN (SELECT advisor_id FROM cases WHERE id = ?) "
            "ORDER BY initials LIMIT 1",
            (case_id,),
        ).fetchone()[0]
        team = conn.execute("SELECT team FROM advisor WHERE team IS NOT NULL LIMIT 1").fetchone()[0]
    return {
        "ref": ref,
        "goal": str(goal),
        "task": str(task[0]) if task else "1",
        "advisor": advisor,
        "other": other,
        "team": team,
    }


def commands(ids: dict[str, str]) -> list[tuple[str, str, list[str], float]]:
    """(group, label, arguments, target ratio)."""
    ref = ids["ref"]
    reads = [
        ("case show", ["case", "show", ref]),
        ("case list", ["case", "list"]),  # the whole department: 223 rows drawn by Rich
        ("case list --advisor", ["case", "list", "--advisor", ids["advisor"]]),  # an advisor's own cases
        ("overdue", ["overdue"]),
        ("due", ["due"]),
        ("explain", ["explain", ref]),
        ("goals", ["goals", ref]),
        ("goals --advisor", ["goals", "--advisor", ids["advisor"]]),
        ("event list", ["event", "list", ref]),
        ("actor list", ["actor", "list", ref]),
        ("handover show", ["handover", "show", ref]),
        ("deadlines", ["deadlines"]),
        ("caseload", ["caseload"]),
        ("dag --advisor", ["dag", "--advisor", ids["advisor"]]),  # an advisor's day (the OS login: the owner)
    ]
    writes = [
        ("event add", ["event", "add", ref, "followup", "--on", TODAY, "--note", "Benchmark"]),
        ("grant add", ["grant", "add", ref, "BL 30", "--from", TODAY]),
        ("goal add", ["goal", "add", ref, "Benchmark-mål", "--horizon", "short", "--owner", "family"]),
        ("task done", ["task", "done", ids["task"], "--on", TODAY]),
        ("case assign", ["case", "assign", ref, "--advisor", ids["other"]]),
    ]
    documents = [
        ("report weekly", ["report", "weekly"]),
        ("plan", ["plan", ref]),
    ]
    return (
        [("read", label, args, 1.3) for label, args in reads]
        + [("write", label, args, 1.5) for label, args in writes]
        + [("document", label, args, 1.8) for label, args in documents]
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="samfam commands against the floor (figures, not tests)")
    p.add_argument("--runs", type=int, default=7, help="runs of each command and of the floor (median)")
    p.add_argument("--only", help="only commands whose label contains this")
    p.add_argument(
        "--terminal",
        action="store_true",
        help="write the output of samfam and of the floor to a pseudo-terminal, as an advisor sees it (Rich draws "
        "the tables in colour there), instead of /dev/null (a pipe or a file: plain lines)",
    )
    p.add_argument(
        "--lang",
        choices=("da", "en"),
        help="the language samfam speaks (SAMFAM_LANG of every run): its catalogue lookup is measured too; "
        "default: the locale's",
    )
    args = p.parse_args(argv)
    LANGUAGE[0] = args.lang
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="samfam-floor-") as tmp:
        tmpdir = Path(tmp)
        floor_py = tmpdir / "floor.py"
        floor_py.write_text(FLOOR_APP)
        demo = tmpdir / "demo.db"
        subprocess.run(
            [str(SAMFAM), "--today", TODAY, "demo", "--db", str(demo)],
            check=True,
            stdout=subprocess.DEVNULL,
            env=child_env(),
        )
        ids = demo_ids(demo)
        scratch = tmpdir / "scratch.db"
        floor_argv = [str(PYTHON), str(floor_py), str(demo)]
        where = "a pseudo-terminal" if args.terminal else "/dev/null"
        print(
            f"python {sys.version.split()[0]}; demo database with case {ids['ref']}; {args.runs} runs, median CPU s; "
            f"output to {where}"
        )
        rows = []
        for group, label, cmd, target in commands(ids):
            if args.only and args.only not in label:
                continue
            floors, ours = [], []
            for _ in range(args.runs):
                db = demo
                if group == "write":
                    shutil.copyfile(demo, scratch)
                    for suffix in ("-wal", "-shm"):
                        Path(str(scratch) + suffix).unlink(missing_ok=True)
                    os.chmod(scratch, 0o600)
                    db = scratch
                floors.append(cpu_of(floor_argv, args.terminal))
                ours.append(cpu_of([str(SAMFAM), "--db", str(db), "--today", TODAY, *cmd], args.terminal))
            floor, mine = statistics.median(floors), statistics.median(ours)
            # Each pair ran back to back: the median of the pairs' ratios cancels the machine's drift
            # between pairs (on a shared VM the floor alone moves by a third from minute to minute).
            ratio = statistics.median(o / f for o, f in zip(ours, floors, strict=True))
            rows.append((group, label, floor, mine, ratio, target))
            print(f"  {label:<18} floor {floor:.3f} s  samfam {mine:.3f} s  ratio {ratio:.2f}  (target ≤ {target})")
        print()
        print(f"{'command':<18} {'floor s':>8} {'samfam s':>9} {'ratio':>6} {'target':>7}  verdict")
        for _group, label, floor, mine, ratio, target in rows:
            verdict = "ok" if ratio <= target else "MISSED"
            print(f"{label:<18} {floor:8.3f} {mine:9.3f} {ratio:6.2f} {target:>7}  {verdict}")
        print()
        helps = [["--help"], ["--version"], ["case", "--help"], ["case", "show", "--help"], ["overdue", "--help"]]
        helps += [["report", "weekly", "--help"], ["event", "add", "--help"]]
        for flags in helps:
            heavy = heavy_imports(flags)
            verdict = "ok" if not heavy else "MISSED"
            named = ", ".join(sorted(heavy)) or "none of " + "/".join(HEAVY)
            print(f"samfam {' '.join(flags):<22} imports {named}  {verdict}")
        print(json.dumps({label: round(ratio, 2) for _, label, _, _, ratio, _ in rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
