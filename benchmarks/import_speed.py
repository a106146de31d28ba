"""Import speed: 10,000 cases, 30,000 grants and 100,000 events from CSV into a new database.

    uv run python benchmarks/import_speed.py                  # the issue's sizes (target: < 45 s, < 300 MB)
    uv run python benchmarks/import_speed.py --cases 1000     # a tenth (grants and events scale with it)
    uv run python benchmarks/import_speed.py --million        # 1,000,000 events on 10,000 cases
                                                              # (target: < 8 min, < 500 MB, all or nothing)

Writes fictional CSV files (three grants and ten events per case, or `--events N` per case), then runs
`samfam import KIND FILE`
for advisors, cases, grants and events as whole child processes, and prints each one's wall time and
peak memory (the child's max RSS, from os.wait4) and the total. Figures, not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import sysconfig
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SAMFAM = BIN / "samfam"
TODAY = date(2026, 11, 22)
ADVISORS = [f"R{n:02d}" for n in range(40)]
PARAGRAPHS = ["BL 86", "BL 30", "BL 90", "BL 32.1.7", "BL 46", "BL 87", "BL 32.1.5", "BL 20"]  # no SEL beside its BL
KINDS = ["followup", "phone", "home-visit", "network-meeting", "sms", "email"]


def write_files(folder: Path, cases: int, events: int = 10, seed: int = 7) -> dict[str, Path]:
    rng = random.Random(seed)
    paths = {kind: folder / f"{kind}.csv" for kind in ("advisors", "cases", "grants", "events")}
    with paths["advisors"].open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["initials", "name", "team"])
        w.writerows([a, f"Rådgiver {a}", "Nord" if i % 2 else "Syd"] for i, a in enumerate(ADVISORS))
    with (
        paths["cases"].open("w", newline="", encoding="utf-8") as fc,
        paths["grants"].open("w", newline="", encoding="utf-8") as fg,
        paths["events"].open("w", newline="", encoding="utf-8") as fe,
    ):
        wc, wg, we = csv.writer(fc), csv.writer(fg), csv.writer(fe)
        wc.writerow(["case", "child", "born", "advisor", "opened"])
        wg.writerow(["case", "paragraph", "from", "to"])
        we.writerow(["case", "kind", "on", "note", "scale"])
        for n in range(cases):
            ref = f"B{n:06d}"
            opened = TODAY - timedelta(days=rng.randint(200, 1500))
            born = opened - timedelta(days=rng.randint(400, 5000))
            wc.writerow([ref, f"Barn {n}", born.isoformat(), ADVISORS[n % len(ADVISORS)], opened.isoformat()])
            codes = rng.sample(PARAGRAPHS, 3)
            for i, code in enumerate(codes):
                start = opened + timedelta(days=30 * i)
                end = start + timedelta(days=120) if i == 2 else None
                wg.writerow([ref, code, start.isoformat(), end.isoformat() if end else ""])
            span = (TODAY - opened).days
            for i in range(events):
                day = opened + timedelta(days=span * (i + 1) // (events + 1))
                kind = KINDS[(n + i) % len(KINDS)]
                scale = rng.randint(2, 9) if kind == "followup" else ""
                we.writerow([ref, kind, day.isoformat(), f"Notat {i}", scale])
    return paths


def run(db: Path, kind: str, path: Path) -> tuple[float, float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMFAM_")}
    env |= {"SAMFAM_TODAY": TODAY.isoformat()}  # the OS login acts
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(SAMFAM), "--db", str(db), "import", kind, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import {kind} failed: {err.strip()}")
    return wall, usage.ru_maxrss / 1024, out.strip()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=10_000)
    p.add_argument("--events", type=int, default=10, metavar="N", help="events per case (default 10)")
    p.add_argument("--million", action="store_true", help="1,000,000 events on 10,000 cases (100 per case)")
    args = p.parse_args(argv)
    if args.million:
        args.cases, args.events = 10_000, 100
    seconds, megabytes = (480, 500) if args.million else (45, 300)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", sysconfig.get_paths()["purelib"], str(ROOT / "src")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory(prefix="samfam-import-") as tmp:
        folder = Path(tmp)
        paths = write_files(folder, args.cases, args.events)
        db = folder / "import.db"
        subprocess.run([str(SAMFAM), "--db", str(db), "init"], check=True, stdout=subprocess.DEVNULL)
        total, peak = 0.0, 0.0
        for kind in ("advisors", "cases", "grants", "events"):
            wall, rss, out = run(db, kind, paths[kind])
            total += wall
            peak = max(peak, rss)
            print(f"{kind:9} {wall:6.1f} s  {rss:5.0f} MB  {out}")
        verdict = "within" if total < seconds and peak < megabytes else "MISSES"
        print(f"total     {total:6.1f} s  {peak:5.0f} MB peak  ({verdict} the targets: {seconds} s, {megabytes} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
