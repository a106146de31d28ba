"""Assertions, constants and helpers shared by the CLI tests."""

# Every CLI test runs with a fixed `--today` (conftest: 2026-11-22, a Sunday, unless a call says
# otherwise) and fictional people only. Expected dates are computed by hand in the comments;
# `add_months` clamps to the month's end (31 Aug + 3 months = 30 Nov), 6 weeks are 42 days, and a
# birthday on 29 February falls on 28 February in common years (docs/rules.md § 4, rules/dates.py).
#
# For every error: the exit code first (1 domain, 2 usage), then one `Error:` line on stderr, no
# traceback, nothing on stdout, and the database exactly as before (docs/cli.md "Exit codes").

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import TYPE_CHECKING

from samfam.settings import os_user

if TYPE_CHECKING:
    from conftest import Samfam

DOMAIN_ERROR = 1
USAGE_ERROR = 2
OVERDUE_FOUND = 3

REF = "2026-0101"
#: Who acts when a test gives no --user: the OS login (samfam.settings.os_user), e.g. "root" in CI.
ME = os_user()
OTHER = "2026-0102"


def assert_error(result, exit_code: int, *names: str) -> str:
    """Exit code first; then exactly one `Error: ` line on stderr naming `names`; stdout empty; no traceback."""
    assert result.exit_code == exit_code, (
        f"exit {result.exit_code}, expected {exit_code}\nstderr: {result.stderr!r}\nstdout: {result.stdout!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    line = lines[0]
    assert line.startswith("Error: "), line
    for name in names:
        assert name in line, f"{name!r} not named in {line!r}"
    assert result.stdout == "", result.stdout
    return line


def error_line(result, exit_code: int, prefix: str) -> str:
    """The one line a refused command writes on stderr, without its prefix ("Error: ", "Fejl: "): the exit code
    first, nothing on stdout, no traceback."""
    assert result.exit_code == exit_code, (result.exit_code, result.stderr, result.stdout)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(prefix), lines[0]
    return lines[0].removeprefix(prefix)


def assert_refused(s, argv: list[str], exit_code: int, *names: str, **kwargs) -> str:
    """The command fails as `assert_error` says and leaves every table as it was."""
    before = s.snapshot()
    result = s(*argv, **kwargs)
    line = assert_error(result, exit_code, *names)
    assert s.snapshot() == before, "the database changed although the command failed"
    return line


def assert_ok(result) -> None:
    assert result.exit_code == 0, f"exit {result.exit_code}\nstderr: {result.stderr!r}\nstdout: {result.stdout!r}"
    assert "Traceback" not in result.stdout + result.stderr


def add_goal(s, ref: str, text: str, horizon: str, owner: str = "family", target: str | None = None) -> int:
    argv = ["goal", "add", ref, text, "--horizon", horizon, "--owner", owner]
    if target:
        argv += ["--target", target]
    result = s(*argv)
    assert_ok(result)
    m = re.fullmatch(rf"Case {ref}: goal (\d+) added \({horizon} term, owner {re.escape(owner)}\)\.\n", result.stdout)
    assert m, result.stdout
    return int(m.group(1))


def add_actor(s, ref: str, kind: str, name: str, *options: str) -> int:
    result = s("actor", "add", ref, kind, "--name", name, *options)
    assert_ok(result)
    m = re.fullmatch(rf"Case {ref}: actor (\d+) {re.escape(name)} added\.\n", result.stdout)
    assert m, result.stdout
    return int(m.group(1))


def add_task(s, goal_id: int, text: str, by: str, *options: str) -> int:
    result = s("task", "add", str(goal_id), text, "--by", by, *options)
    assert_ok(result)
    m = re.fullmatch(rf"Task (\d+) added to goal {goal_id}\.\n", result.stdout)
    assert m, result.stdout
    return int(m.group(1))


def goal_rows(s, *argv: str) -> list[dict]:
    return s.ok("goals", *argv, "-f", "json").json()


def card(s, ref: str = REF) -> dict:
    return s.ok("case", "show", ref, "-f", "json").json()


def handovers(s, ref: str = REF) -> dict[str, dict]:
    """Every handover of a case by kind (the latest of a kind wins)."""
    return {h["kind"]: h for h in s.ok("handover", "show", ref, "--all", "-f", "json").json()}


def audit_actions(s, ref: str = REF) -> list[dict]:
    return s.ok("audit", "--case", ref, "-f", "json").json()


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def ready_closure(s):
    s.ok("handover", "start", REF, "closure")
    s.ok("grant", "end", REF, "BL 86")


def d(text: str) -> date:
    return date.fromisoformat(text)


def open_(s: Samfam, ref: str, *paras: str, advisor: str = "MKJ", opened: str = "2026-06-01", extra=(), today=None):
    args = ["case", "open", ref, "--child", "Alma Holm", "--advisor", advisor, "--opened", opened, *extra]
    for p in paras:
        args += ["--para", p]
    return s.ok(*args, today=d(today) if today else None)


def weekly(s: Samfam, *args: str, today: str | None = None) -> dict:
    result = s("report", "weekly", "-f", "json", *args, today=d(today) if today else None)
    assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr}"
    return result.json()


CASELOAD_FIELDS = ("primary", "buddy", "3m", "6w", "unclassified", "complex", "target", "vs_target")


def _caseload_table(rows: list[dict]) -> dict[str, tuple]:
    return {r["advisor"]: tuple(r[k] for k in CASELOAD_FIELDS) for r in rows}


def on_a_terminal(s: Samfam, *argv: str, width: int = 200, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run a command in a child process on a pseudo-terminal `width` columns wide (200 unless told; stdin,
    stdout and stderr), as an advisor at a terminal would, with `env` added to the environment: its exit code
    and what the terminal showed (line ends as "\n")."""
    base = ["--db", str(s.db), *(["--user", s.user] if s.user else []), "--today", s.today.isoformat()]
    return _on_a_pty(["-m", "samfam", *base, *argv], width=width, env=env or {})


def _on_a_pty(python_args: list[str], width: int, env: dict[str, str]) -> tuple[int, str]:
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))  # the window's own size
    child_env = {
        k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "SAMFAM_WIDE")
    }
    child_env |= {"COLUMNS": str(width), "LINES": "50", "TERM": "xterm-256color"} | env
    proc = subprocess.Popen(
        [sys.executable, *python_args], stdin=terminal, stdout=terminal, stderr=terminal, env=child_env
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the command has ended: the terminal is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = proc.wait()
    os.close(controller)
    return code, b"".join(chunks).decode(errors="replace").replace("\r\n", "\n")


#: The child process of `on_a_terminal_many`: each run as `samfam` would run it, on the same pseudo-terminal set to
#: the run's width, one after another in one process (starting Python and importing samfam once, not per run);
#: after each, a marker line with the run's number and exit code.
_MANY = r"""
import fcntl, json, os, struct, sys, termios
runs = json.load(open(sys.argv[1], encoding="utf-8"))
from samfam.cli import main
base = dict(os.environ)
for number, (argv, width, env) in enumerate(runs):
    for fd in (0, 1, 2):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    os.environ.clear()
    os.environ.update(base | {"COLUMNS": str(width)} | env)
    sys.argv = ["samfam", *argv]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os.write(1, f"\n\x1eEND {number} {code}\x1e\n".encode())
"""


def on_a_terminal_many(runs: list[tuple[Samfam, tuple[str, ...], int, dict[str, str]]]) -> list[tuple[int, str]]:
    """`on_a_terminal` for several runs (a test's database, argv, width, env added) in one child process on one
    pseudo-terminal, its window set to each run's width in turn: each run's exit code and what it showed."""
    import json
    import os
    import tempfile

    payload = [
        (["--db", str(s.db), *(["--user", s.user] if s.user else []), "--today", s.today.isoformat(), *argv], w, env)
        for s, argv, w, env in runs
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(payload, f)
    try:
        code, shown = _on_a_pty(["-c", _MANY, f.name], width=runs[0][2] if runs else 80, env={})
    finally:
        os.unlink(f.name)
    assert code == 0, shown
    results, rest = [], shown
    for number in range(len(runs)):
        marker = re.search(rf"\n?\x1eEND {number} (-?\d+)\x1e\n", rest)
        assert marker is not None, f"run {number} did not end: {rest[-2000:]}"
        results.append((int(marker.group(1)), rest[: marker.start()]))
        rest = rest[marker.end() :]
    return results


def db_url(s: Samfam) -> str:
    """The SQLAlchemy URL of a test's database (a file path becomes an SQLite URL)."""
    return str(s.db) if "://" in str(s.db) else f"sqlite:///{s.db}"


def raw_sql(s: Samfam, *statements: str) -> None:
    """Run SQL as someone with the database file or the owner's password would: past samfam."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url(s))
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()
