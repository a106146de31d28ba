"""Time samfam end to end, as a user runs it, and print the figures against the issue's targets.

    uv run python benchmarks/run.py                 # generates benchmarks/data/national.db if missing
    uv run python benchmarks/run.py --db /tmp/national.db

Figures, not tests: nothing here fails when a target is missed. Every timing is the wall time of
a child process (the installed `samfam` entry point) from spawn to exit, best of N; peak memory is
the child's own max RSS, from os.wait4().

The environment sets PYTHONDONTWRITEBYTECODE=1, so a module without bytecode on disk would be
compiled again in every run; the script first writes the bytecode of the venv's site-packages and
of src/ (`python -m compileall -q`), so that the timings are those of an installed samfam.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SAMFAM = BIN / "samfam"
PYTHON = BIN / "python"
DEFAULT_DB = HERE / "data" / "national.db"
TODAY = "2026-11-22"
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "typer", "rich")


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMFAM_")}
    env["COLUMNS"] = "160"
    return env


def compile_bytecode() -> float:
    started = time.perf_counter()
    site = sysconfig.get_paths()["purelib"]
    targets = [site, str(ROOT / "src")]
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", *targets], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


class Failed(Exception):
    pass


def run_once(argv: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int, float]:
    """(wall seconds, max RSS in KiB, CPU seconds user+sys) of one child; Failed unless it exits 0
    (or 3: `overdue --check` found something)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, env=child_env())
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in (0, 3):
        raise Failed(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()}")
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime  # ru_maxrss is KiB on Linux


def best_of(argv: list[str], runs: int) -> tuple[float, float, int, list[float], float]:
    """(best wall s, median wall s, peak max RSS KiB over the runs, all walls, best CPU s).

    The CPU time (user + sys of the child) is printed beside the wall time: on a busy machine the
    wall time of a single-threaded child grows, its CPU time much less."""
    walls, cpus, peak = [], [], 0
    for _ in range(runs):
        wall, rss, cpu = run_once(argv)
        walls.append(wall)
        cpus.append(cpu)
        peak = max(peak, rss)
    ordered = sorted(walls)
    return ordered[0], ordered[len(ordered) // 2], peak, walls, min(cpus)


def imported(args: list[str]) -> tuple[set[str], float]:
    """Which heavy top-level packages `python -X importtime -m samfam ARGS` imports, and the
    self-reported cumulative import time of samfam.cli (ms)."""
    proc = subprocess.run(
        [str(PYTHON), "-X", "importtime", "-m", "samfam", *args],
        capture_output=True,
        text=True,
        env=child_env(),
    )
    found, cli_ms = set(), 0.0
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if not m:
            continue
        name = m.group(4)
        top = name.split(".")[0]
        if top in HEAVY:
            found.add(top)
        if name == "samfam.cli":
            cli_ms = int(m.group(2)) / 1000
    return found, cli_ms


def rows_of(argv: list[str]) -> int:
    out = subprocess.run(argv, capture_output=True, text=True, env=child_env())
    return max(0, len(out.stdout.splitlines()) - 1)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="samfam end-to-end benchmarks (figures, not tests)")
    p.add_argument("--db", default=str(DEFAULT_DB), help=f"the national database (default {DEFAULT_DB})")
    p.add_argument("--today", default=TODAY)
    p.add_argument("--small-runs", type=int, default=5, help="runs for --help/--version/demo (best of)")
    p.add_argument("--large-runs", type=int, default=3, help="runs for the national database (best of)")
    p.add_argument("--skip-national", action="store_true")
    args = p.parse_args(argv)

    print(f"samfam: {SAMFAM}   python: {sys.version.split()[0]}   today: {args.today}")
    secs = compile_bytecode()
    print(
        f"bytecode: compiled site-packages and src with `python -m compileall -q` ({secs:.1f} s) "
        "because PYTHONDONTWRITEBYTECODE=1 would otherwise make every import recompile"
    )
    results: list[tuple[str, str, str, str]] = []  # (figure, measured, target, verdict)

    # (a) --help and --version -------------------------------------------------------------------
    print("\n(a) startup")
    for flag in ("--help", "--version"):
        best, median, rss, _, cpu = best_of([str(SAMFAM), flag], args.small_runs)
        heavy, cli_ms = imported([flag])
        sa = "sqlalchemy" in heavy
        print(
            f"  samfam {flag:<9} best {best * 1000:6.0f} ms  median {median * 1000:6.0f} ms  cpu {cpu * 1000:5.0f} ms  "
            f"max RSS {rss / 1024:5.1f} MiB  "
            f"imports: {', '.join(sorted(heavy)) or 'none of ' + '/'.join(HEAVY)}  (samfam.cli import {cli_ms:.0f} ms "
            "under -X importtime)"
        )
        results.append((f"samfam {flag}: wall (best of {args.small_runs})", f"{best * 1000:.0f} ms", "-", ""))
        results.append((f"samfam {flag}: imports SQLAlchemy", "yes" if sa else "no", "no", "MISSED" if sa else "ok"))

    # (b) the demo database ----------------------------------------------------------------------
    print("\n(b) demo database")
    with tempfile.TemporaryDirectory(prefix="samfam-bench-") as tmp:
        demo_db = str(Path(tmp) / "demo.db")
        t0 = time.perf_counter()
        label_db = "demo"
        try:
            run_once([str(SAMFAM), "--today", args.today, "demo", "--db", demo_db])
            print(f"  built with `samfam --today {args.today} demo --db {demo_db}` in {time.perf_counter() - t0:.1f} s")
        except Failed as exc:
            # src/ is being edited: keep measuring on a demo-sized database from the generator.
            print(f"  `samfam demo` FAILED with the current src: {exc}")
            Path(demo_db).unlink(missing_ok=True)
            subprocess.run(
                [
                    str(PYTHON),
                    str(HERE / "generate.py"),
                    "--db",
                    demo_db,
                    "--today",
                    args.today,
                    "--quiet",
                    "--cases",
                    "240",
                    "--events",
                    "2500",
                    "--advisors",
                    "10",
                    "--teams",
                    "2",
                    "--years",
                    "3",
                ],
                check=True,
            )
            label_db = "demo-sized (generated)"
            print("  fell back to a demo-sized database from benchmarks/generate.py: 240 cases, 2,500 events")
        base = [str(SAMFAM), "--db", demo_db, "--today", args.today]
        for label, extra, target in (
            ("overdue", ["overdue"], 0.5),
            ("overdue --format csv", ["overdue", "--format", "csv"], 0.5),
        ):
            best, median, rss, _, cpu = best_of(base + extra, args.small_runs)
            n = rows_of(base + ["overdue", "--format", "csv"])
            print(
                f"  samfam {label:<22} best {best * 1000:6.0f} ms  median {median * 1000:6.0f} ms  "
                f"cpu {cpu * 1000:5.0f} ms  "
                f"max RSS {rss / 1024:5.1f} MiB  ({n} rows)"
            )
            ok = best < target
            results.append(
                (
                    f"{label_db} {label}: wall (best of {args.small_runs})",
                    f"{best * 1000:.0f} ms",
                    f"< {target * 1000:.0f} ms",
                    "ok" if ok else "MISSED",
                )
            )

    # (c) the national database ------------------------------------------------------------------
    if not args.skip_national:
        print("\n(c) national database")
        db = Path(args.db)
        if not db.exists():
            print(f"  {db} is missing: generating it (benchmarks/generate.py) …")
            subprocess.run([str(PYTHON), str(HERE / "generate.py"), "--db", str(db), "--today", args.today], check=True)
        size = db.stat().st_size / 2**20
        print(f"  {db} ({size:.0f} MiB)")
        base = [str(SAMFAM), "--db", str(db), "--today", args.today]
        for label, extra, wall_target, mem_target in (
            ("overdue --format csv", ["overdue", "--format", "csv"], 1.0, 150),
            ("due --format csv", ["due", "--format", "csv"], None, None),
            ("case list --format csv", ["case", "list", "--format", "csv"], None, None),
        ):
            run_once(base + extra)  # warm the OS page cache: the figures are for a warm file
            best, median, rss, walls, cpu = best_of(base + extra, args.large_runs)
            n = rows_of(base + extra)
            print(
                f"  samfam {label:<24} best {best:6.2f} s  median {median:6.2f} s  cpu {cpu:5.2f} s  "
                f"max RSS {rss / 1024:6.1f} MiB  "
                f"({n:,} rows; runs {', '.join(f'{w:.2f}' for w in walls)} s)"
            )
            if wall_target is not None:
                results.append(
                    (
                        f"national {label}: wall (best of {args.large_runs})",
                        f"{best:.2f} s",
                        f"< {wall_target:.0f} s",
                        "ok" if best < wall_target else "MISSED",
                    )
                )
                results.append(
                    (
                        f"national {label}: peak RSS",
                        f"{rss / 1024:.0f} MiB",
                        f"< {mem_target} MB",
                        "ok" if rss * 1024 < mem_target * 1_000_000 else "MISSED",
                    )
                )
            else:
                results.append((f"national {label}: wall (best of {args.large_runs})", f"{best:.2f} s", "-", ""))
                results.append((f"national {label}: peak RSS", f"{rss / 1024:.0f} MiB", "-", ""))

        # samfam against a standard-library script computing the same rows (benchmarks/stdlib_overdue.py)
        argv_std = [str(PYTHON), str(HERE / "stdlib_overdue.py"), "--db", str(db), "--today", args.today]
        argv_sam = base + ["overdue", "--format", "csv"]
        same = (
            subprocess.run(argv_std, capture_output=True, env=child_env()).stdout
            == subprocess.run(argv_sam, capture_output=True, env=child_env()).stdout
        )
        std_cpu, sam_cpu = [], []
        for _ in range(max(args.large_runs, 5)):  # alternating, so that both see the same machine
            std_cpu.append(run_once(argv_std)[2])
            sam_cpu.append(run_once(argv_sam)[2])
        std_med, sam_med = sorted(std_cpu)[len(std_cpu) // 2], sorted(sam_cpu)[len(sam_cpu) // 2]
        ratio = sam_med / std_med
        print(
            f"  standard-library floor (stdlib_overdue.py) cpu {std_med:.2f} s · samfam overdue -f csv cpu "
            f"{sam_med:.2f} s · ratio {ratio:.2f} · same bytes: {'yes' if same else 'NO'}"
        )
        results.append(("national overdue -f csv vs stdlib script (CPU, median)", f"{ratio:.2f}x", "<= 2x",
                        "ok" if ratio <= 2 and same else "MISSED"))  # fmt: skip

    # the table ------------------------------------------------------------------------------------
    print()
    width = max(len(r[0]) for r in results)
    print(f"{'figure':<{width}}  {'measured':>10}  {'target':>9}  verdict")
    print(f"{'-' * width}  {'-' * 10}  {'-' * 9}  -------")
    for figure, measured, target, verdict in results:
        print(f"{figure:<{width}}  {measured:>10}  {target:>9}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
