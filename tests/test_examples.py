"""The tour in examples/ runs start to end and shows what it promises."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_tour_runs(tmp_path):
    """The tour runs start to end as printed after the README's set-up (its default: `uv run samfam`);
    where uv is not installed, through this Python's samfam instead."""
    env = {k: v for k, v in os.environ.items() if k not in ("SAMFAM_BIN", "VIRTUAL_ENV")}
    env |= {"SAMFAM_DB": str(tmp_path / "tour.db"), "COLUMNS": "200"}
    if shutil.which("uv") is None:
        env["SAMFAM_BIN"] = f"{sys.executable} -m samfam"
    result = subprocess.run(
        ["bash", str(ROOT / "examples" / "tour.sh")], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # The investigation put 2026-0142 on the 6-week track from 2026-09-14: due 2026-10-26, 27 days overdue.
    assert "2026-0142" in out and "2026-10-26" in out and "27" in out
    # The respite case had a network meeting on 2026-10-29: 6 weeks later is 2026-12-10, within 30 days.
    assert "2023-0077" in out and "2026-12-10" in out
    assert "The clock runs from the day the track began" in out
    audit = json.loads(out[out.rindex("\n[\n") + 1 :])
    assert {e["action"] for e in audit} >= {"case.open", "event.add", "grant.add"}


def test_the_tour_uses_its_own_database_when_samfam_db_is_exported(tmp_path, demo):
    """The demo says `export SAMFAM_DB=…`; the tour run after it builds its own database all the same, and
    leaves the demo's (and the caller's day and user) alone."""
    exported = tmp_path / "samfam-demo.db"
    shutil.copy2(demo.samfam.db, exported)
    before = exported.read_bytes()
    env = {k: v for k, v in os.environ.items() if k not in ("SAMFAM_BIN", "VIRTUAL_ENV")}
    env |= {"SAMFAM_DB": str(exported), "SAMFAM_TODAY": "2027-01-05", "SAMFAM_USER": "MKJ", "COLUMNS": "200"}
    env["SAMFAM_BIN"] = f"{sys.executable} -m samfam"
    result = subprocess.run(
        ["bash", str(ROOT / "examples" / "tour.sh")], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "2026-10-26" in result.stdout  # the tour's own day, 2026-11-22: 2026-0142 due 2026-10-26
    assert exported.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["samfam-demo.db"]  # nothing left behind here


def test_the_demo_prints_commands_that_work_as_printed(demo):
    """After `uv run samfam demo`, the 'Try next' lines say `uv run samfam …`, not a bare `samfam`."""
    result = demo.output
    assert result.exit_code == 0, result.stderr
    tried = [line.strip() for line in result.stdout[result.stdout.index("Try next") :].splitlines()[2:] if line]
    assert tried and all(line.startswith("uv run samfam ") for line in tried), tried
