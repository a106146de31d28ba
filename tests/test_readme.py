"""The README keeps its promises: every command has an example, and the crontab line works."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner, Result

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


def test_the_crontab_line_works_under_crons_environment_and_is_silent_on_success(tmp_path):
    """Cron runs a line with PATH=/usr/bin:/bin and mails whatever it prints: the README's line names samfam
    by its absolute path (uv is not on cron's PATH) and prints nothing when all goes well."""
    line = re.search(r"```cron\n(.+?)\n```", README, re.S).group(1)
    command = " ".join(line.split()[5:]).replace("\\%", "%")  # after minute, hour, day, month, weekday
    words = command.split()
    program = words[words.index("report") - 1]  # what runs `samfam report weekly`
    assert program.startswith("/"), f"the crontab line runs {program!r}: cron's PATH has no samfam or uv"
    assert f"`{program}`" in README, "the README says what the path of samfam in the crontab line is"
    here = str(Path(sys.executable).parent / "samfam")  # this environment's samfam, as `uv run which samfam` says
    command = command.replace(program, here).replace("/srv/samfam", str(tmp_path))
    home = tmp_path / "home"  # cron's HOME: the audit key and the witness in its config folder
    home.mkdir()
    (tmp_path / "reports").mkdir()
    cron = ["env", "-i", f"HOME={home}", "PATH=/usr/bin:/bin", "/bin/sh", "-c"]
    db = str(tmp_path / "samfam.db")
    for argv in (["init"], ["advisor", "add", "MKJ", "--name", "Mette", "--team", "Nord"],
                 ["advisor", "update", "MKJ", "--caseload-target", "24"]):  # fmt: skip
        subprocess.run([*cron, shlex.join([here, "--db", db, *argv])], check=True, capture_output=True)
    result = subprocess.run([*cron, command], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    written = list((tmp_path / "reports").glob("uge-*.html"))
    assert len(written) == 1 and re.fullmatch(r"uge-\d{4}-\d{2}\.html", written[0].name)
    assert "<svg" in written[0].read_text(encoding="utf-8")


def test_uv_is_not_told_to_compile_the_environment_at_every_run():
    """`[tool.uv] compile-bytecode` makes every `uv run` recompile the whole environment and print "Bytecode
    compiled 2972 files" (uv bug astral-sh/uv#12202, since uv 0.5.5; PYTHONDONTWRITEBYTECODE or not), 0.25 s
    of CPU a command: the README says how to compile once instead."""
    import tomllib

    tool_uv = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"].get("uv", {})
    assert "compile-bytecode" not in tool_uv
    assert "uv sync --compile-bytecode" in README


def commands_in(block: str) -> list[list[str]]:
    """The commands of a ```sh block, one argv a command without the leading `samfam` (continuations joined,
    comments and output redirections dropped); every line that is not a comment starts with `samfam`."""
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


def run_top_to_bottom(commands: list[list[str]], db: Path, today: str, lang: str = "en") -> list[Result]:
    """Run each command in order on the database `db` as of `today` (the OS login acting, 200 columns, in
    `lang`): each exits 0 (or 3 where it asks `--check`) and says no error. The results, in order."""
    runner = CliRunner()
    base = ["--db", str(db), "--today", today]  # the OS login acts
    results = []
    for argv in commands:
        env = {"COLUMNS": "200", "SAMFAM_LANG": lang}
        result = runner.invoke(app, [*base, *argv], env=env, catch_exceptions=False)
        allowed = {0, 3} if "--check" in argv else {0}
        assert result.exit_code in allowed, f"samfam {' '.join(argv)}: exit {result.exit_code}\n{result.stderr}"
        assert "Traceback" not in result.stderr, (argv, result.stderr)
        assert "Error:" not in result.stderr and "Fejl:" not in result.stderr, (argv, result.stderr)
        results.append(result)
    return results


def _readme_commands() -> list[list[str]]:
    """The command block under '## Commands'."""
    section = README[README.index("## Commands") :]
    return commands_in(re.search(r"```sh\n(.+?)\n```", section, re.S).group(1))


@pytest.mark.parametrize(("today", "lang"), [("2026-11-22", "en"), ("2027-06-14", "da")])
def test_the_readme_command_block_runs_top_to_bottom_on_a_fresh_database(tmp_path, monkeypatch, today, lang):
    """Every command the README shows works as shown, in order, on a new database (docs/cli.md): on the day
    its dates were written for, and on a later day, as someone reading it runs it, in Danish (SAMFAM_LANG=da:
    every line for people in Danish, no refusal in either language)."""
    monkeypatch.chdir(tmp_path)
    commands = _readme_commands()
    assert len(commands) > 75
    results = run_top_to_bottom(commands, tmp_path / "readme.db", today, lang)
    said = "".join(r.stdout + r.stderr for r in results)
    assert ("Sag 2026-0142 for Alma Holm åbnet" in said) == (lang == "da")
    assert (tmp_path / "handleplan.html").exists()
    assert (tmp_path / "try-demo.db").exists()
