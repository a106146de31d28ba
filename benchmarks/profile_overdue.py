"""Where the time of `samfam overdue --format csv` goes, on the national database.

    uv run python benchmarks/profile_overdue.py                  # phases, SQL plans and timings
    uv run python benchmarks/profile_overdue.py --cprofile 25    # and the top of a cProfile

1. Phases, in a fresh interpreter (so the import figures are real): each import on the path, the
   schema check, the candidate query of `samfam.readpath` (SQL + fetch), the rule confirming each
   candidate (`followups.followups`), building and sorting the rows, writing the CSV. The same steps
   as `followups.overdue`; wall and CPU time, and the RSS after each phase. Run twice: as is, and
   with the cyclic garbage collector off.
2. The SQL of the candidate query and of the plain per-case query as SQLAlchemy compiles them for
   SQLite, their EXPLAIN QUERY PLAN, and execution + fetch time on the raw sqlite3 connection and
   through Core (`connection.execute`).

The bytecode of the venv and of src/ is compiled first (PYTHONDONTWRITEBYTECODE=1 is set here).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DB = HERE / "data" / "national.db"
TODAY = "2026-11-22"


# -- 1. phases (runs in a child interpreter) ----------------------------------------------------


def child(db: str, today_text: str, out: str) -> None:
    marks: list[tuple[str, float, float, float]] = []
    t0, c0 = time.perf_counter(), time.process_time()

    def mark(label: str) -> None:
        nonlocal t0, c0
        now, cpu = time.perf_counter(), time.process_time()
        with open("/proc/self/statm") as f:
            rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        marks.append((label, now - t0, cpu - c0, rss))
        t0, c0 = now, cpu

    import typer  # noqa: F401

    mark("import typer (+ its click)")
    import samfam.cli  # noqa: F401  (the root group, as every command imports it)
    from samfam.cli.due import CADENCE_FIELDS

    mark("import samfam.cli and the overdue command's module (rest: what --version loads)")
    import sqlalchemy  # noqa: F401
    from sqlalchemy.dialects import sqlite  # noqa: F401

    mark("import sqlalchemy (core + sqlite dialect)")
    from samfam.output import formats as render
    from samfam.rules import cadence
    from samfam.store.queries import followups as readpath
    from samfam.views import followups

    mark("import samfam.views.followups and its queries (rest; no ORM, no SQLModel)")

    import io
    from datetime import date

    from samfam.context import App
    from samfam.settings import Settings

    today = date.fromisoformat(today_text)
    app = App(Settings(db=db, user="BENCH", today=today))
    app._ensure_ready()
    mark("engine + store.ready() (schema revision check)")
    with app.connect() as conn:
        where = followups.scope(conn, app)
        latest = {track: cadence.latest_overdue_anchor(track, today) for track in cadence.TRACKS}
        candidates = list(readpath.candidate_rows(conn, where, latest))
        mark(f"readpath.candidate_rows: SQL + fetch ({len(candidates):,} rows)")
        standings = list(followups.followups(conn, where, rows=candidates))
        mark(f"the rule confirms each candidate ({len(standings):,})")
        rows = followups.overdue_rows(standings)
        mark(f"rows + sort ({len(rows):,} rows)")
    buf = io.StringIO()
    render.write_csv(rows, CADENCE_FIELDS + ["status", "reason"], buf)
    mark(f"render.write_csv ({len(buf.getvalue()) / 1e6:.1f} MB)")
    with open(out, "w") as f:
        json.dump(marks, f)


def run_phases(db: str, today: str, gc_off: bool) -> list:
    out = f"/tmp/samfam-profile-{os.getpid()}.json"
    env = dict(os.environ)
    code = "import gc; gc.disable(); " if gc_off else ""
    code += f"import sys; sys.path.insert(0, {str(HERE)!r}); import profile_overdue as p; p.child(*sys.argv[1:])"
    subprocess.run([sys.executable, "-c", code, db, today, out], check=True, env=env)
    with open(out) as f:
        marks = json.load(f)
    os.unlink(out)
    return marks


def print_phases(marks: list, title: str) -> None:
    print(f"\n{title}")
    print(f"  {'wall':>8}  {'cpu':>8}  {'RSS after':>9}  phase")
    for label, wall, cpu, rss in marks:
        print(f"  {wall * 1000:6.0f} ms {cpu * 1000:6.0f} ms  {rss:6.1f} MiB  {label}")
    print(
        f"  {sum(m[1] for m in marks) * 1000:6.0f} ms {sum(m[2] for m in marks) * 1000:6.0f} ms"
        "              total in the process (the interpreter's own start, ~15 ms, not included)"
    )


# -- 2. the SQL ---------------------------------------------------------------------------------


def sql_section(db: str, today_text: str) -> None:
    from datetime import date

    from sqlalchemy.dialects import sqlite as sqlite_dialect

    from samfam.context import App
    from samfam.rules import cadence
    from samfam.settings import Settings
    from samfam.store.queries import followups as readpath
    from samfam.views import followups

    today = date.fromisoformat(today_text)
    app = App(Settings(db=db, user="BENCH", today=today))

    def best(fn, n=3) -> float:
        b = float("inf")
        for _ in range(n):
            t = time.perf_counter()
            fn()
            b = min(b, time.perf_counter() - t)
        return b * 1000

    with app.connect() as conn:
        where = followups.scope(conn, app)
        latest = {track: cadence.latest_overdue_anchor(track, today) for track in cadence.TRACKS}
        case_rows = readpath.case_query(where)
        captured = {"candidate_rows (overdue)": None, "case_query (every open case)": case_rows}
        raw = conn.connection.dbapi_connection
        for name, query in captured.items():
            if query is None:
                print(f"\n== readpath.{name}: the case query narrowed by the stored track periods")
                took = best(lambda: list(readpath.candidate_rows(conn, where, latest)))
                print(f"  Core connection.execute:           {took:6.0f} ms")
                continue
            sql = str(query.compile(dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True}))
            print(f"\n== readpath.{name}\n{sql}\n")
            print("  EXPLAIN QUERY PLAN:")
            for row in raw.execute("EXPLAIN QUERY PLAN " + sql):
                print(f"    {row[3]}")
            print(f"  raw sqlite3 execute + fetch:       {best(lambda: raw.execute(sql).fetchall()):6.0f} ms")  # noqa: B023
            print(f"  Core connection.execute:           {best(lambda: list(conn.execute(query))):6.0f} ms")  # noqa: B023
    app.store.dispose()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="profile `samfam overdue --format csv` on the national database")
    p.add_argument("--db", default=str(DEFAULT_DB))
    p.add_argument("--today", default=TODAY)
    p.add_argument("--cprofile", type=int, metavar="N", default=0, help="also print the top N functions of a cProfile")
    args = p.parse_args(argv)
    site = sysconfig.get_paths()["purelib"]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", site, str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL
    )
    print("bytecode: compiled site-packages and src (`python -m compileall -q`) before timing")
    if not Path(args.db).exists():
        print(f"{args.db} is missing: generating it")
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--db", args.db, "--today", args.today], check=True)
    # A first run upgrades an older benchmark schema, if samfam's has moved on, and warms the page cache.
    run_phases(args.db, args.today, gc_off=False)
    print_phases(run_phases(args.db, args.today, gc_off=False), "1. phases, as followups.overdue runs them")
    print_phases(run_phases(args.db, args.today, gc_off=True), "   the same with the cyclic GC off (gc.disable())")
    print("\n2. the SQL")
    sql_section(args.db, args.today)
    if args.cprofile:
        import cProfile
        import pstats

        from samfam.cli import main as samfam_main

        sys.argv = ["samfam", "--db", args.db, "--today", args.today, "overdue", "--format", "csv"]
        profiler = cProfile.Profile()
        stdout = sys.stdout
        with open(os.devnull, "w") as sink:
            sys.stdout = sink
            try:
                profiler.runcall(samfam_main)
            except SystemExit:
                pass
            finally:
                sys.stdout = stdout
        print(f"\n3. cProfile of the whole command (imports excluded: already loaded), top {args.cprofile} by own time")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
