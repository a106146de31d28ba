"""The README keeps its promises: every command has an example, and the crontab line works."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import typer.main
from typer.testing import CliRunner

from samfam.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_paths(group, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield from _command_paths(command, path)
        else:
            yield " ".join(path)


def test_the_readme_opens_with_the_two_setup_commands():
    setup = README[: README.index("## The rule")]
    assert "uv run samfam demo" in setup and "uv run pytest" in setup


def test_every_command_has_an_example_in_the_readme():
    missing = [p for p in _command_paths(typer.main.get_command(app)) if f"samfam {p}" not in README]
    assert missing == []


def test_every_command_has_an_example_in_its_help():
    group = typer.main.get_command(app)

    def walk(g):
        for command in g.commands.values():
            if hasattr(command, "commands"):
                yield from walk(command)
            else:
                yield command

    assert [c.name for c in walk(group) if not (c.epilog or "").startswith("Example")] == []


def test_the_crontab_line_writes_the_weekly_report(tmp_path, migrated_db):
    line = re.search(r"```cron\n(.+?)\n```", README, re.S).group(1)
    command = " ".join(line.split()[5:])  # after minute, hour, day, month, weekday
    command = command.replace("\\%", "%").replace("/srv/samfam", str(tmp_path))
    command = command.replace("uv run samfam", f"{sys.executable} -m samfam")
    (tmp_path / "reports").mkdir()
    shutil.copy2(migrated_db, tmp_path / "samfam.db")
    subprocess.run([sys.executable, "-m", "samfam", "--db", str(tmp_path / "samfam.db"), "advisor", "add", "MKJ",
                    "--name", "Mette", "--team", "Nord"], check=True, capture_output=True)  # fmt: skip
    subprocess.run([sys.executable, "-m", "samfam", "--db", str(tmp_path / "samfam.db"), "advisor", "update", "MKJ",
                    "--caseload-target", "24"], check=True, capture_output=True)  # fmt: skip
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=os.environ | {"CI": "1"})
    assert result.returncode == 0, result.stderr
    written = list((tmp_path / "reports").glob("uge-*.html"))
    assert len(written) == 1 and re.fullmatch(r"uge-\d{4}-\d{2}\.html", written[0].name)
    assert "<svg" in written[0].read_text(encoding="utf-8")


def _readme_commands() -> list[list[str]]:
    """The command block under '## Commands', one argv a command (continuations joined, comments and
    output redirections dropped)."""
    section = README[README.index("## Commands") :]
    block = re.search(r"```sh\n(.+?)\n```", section, re.S).group(1)
    commands = []
    for line in block.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        assert words[0] == "samfam", line
        if ">" in words:
            words = words[: words.index(">")]
        commands.append(words[1:])
    return commands


def test_the_readme_command_block_runs_top_to_bottom_on_a_fresh_database(tmp_path, monkeypatch):
    """Every command the README shows works as shown, in order, on a new database (docs/cli.md)."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    base = ["--db", str(tmp_path / "readme.db"), "--today", "2026-11-22"]  # the OS login acts
    commands = _readme_commands()
    assert len(commands) > 75
    for argv in commands:
        result = runner.invoke(app, [*base, *argv], env={"COLUMNS": "200"}, catch_exceptions=False)
        allowed = {0, 3} if "--check" in argv else {0}
        assert result.exit_code in allowed, f"samfam {' '.join(argv)}: exit {result.exit_code}\n{result.stderr}"
        assert "Error:" not in result.stderr and "Traceback" not in result.stderr, (argv, result.stderr)
    assert (tmp_path / "handleplan.html").exists()
    assert (tmp_path / "try-demo.db").exists()
