"""The root command's registry: `samfam --help` lists every command from the registry without importing
its module, so the registry's one-line help is held here to the command's own help."""

from __future__ import annotations

import inspect
import re

import pytest

from samfam.cli.app import COMMANDS, Registry


def _first_paragraph(help_text: str | None) -> str:
    return " ".join(inspect.cleandoc(help_text or "").split("\n\n")[0].split())


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_registry_says_what_the_command_says(name: str) -> None:
    """The registry's line is the start of the command's own help: what `samfam --help` says of a command
    is what `samfam NAME --help` says first."""
    line = COMMANDS[name][2]
    own = _first_paragraph(Registry()[name].help)
    assert own.startswith(line), f"registry: {line!r}\ncommand:  {own!r}"


def _every_command() -> list[tuple[str, ...]]:
    """The path of every command a person can run (`case member add`), from the registry down."""
    from typer.core import TyperGroup

    def walk(command, path: tuple[str, ...]):
        if isinstance(command, TyperGroup):
            for name in command.list_commands(None):  # type: ignore[arg-type]
                yield from walk(command.commands[name], (*path, name))
        else:
            yield path

    registry = Registry()
    return [path for name in COMMANDS for path in walk(registry[name], (name,))]


def _command(path: tuple[str, ...]):
    command = Registry()[path[0]]
    for name in path[1:]:
        command = command.commands[name]
    return command


EVERY_COMMAND = _every_command()


@pytest.mark.parametrize("path", EVERY_COMMAND, ids=" ".join)
def test_help_names_values_not_parsers(samfam, path: tuple[str, ...]) -> None:
    """`--help` names what an option or argument takes (ID, SCORE, TEXT), never the type or parser behind it
    (`<str>`, `<parse>`, `<parse_day>`)."""
    result = samfam(*path, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "Usage:" in result.stdout
    leaked = sorted(set(re.findall(r"<[\w.]+>", result.stdout)))
    assert not leaked, f"samfam {' '.join(path)} --help shows {leaked}:\n{result.stdout}"


@pytest.mark.parametrize("path", EVERY_COMMAND, ids=" ".join)
def test_every_option_and_argument_says_what_it_is(path: tuple[str, ...]) -> None:
    """Every option and argument a person sees in `--help` has help text of its own."""
    command = _command(path)
    silent = [p.opts[0] if p.opts else p.name for p in command.params if not p.hidden and not p.help]
    assert not silent, f"samfam {' '.join(path)}: no help for {silent}"


TEAM_FILTER = "Only cases of advisors in this team."


@pytest.mark.parametrize(
    "path", [("advisor", "list"), ("team", "rhythm"), ("team", "meeting", "list"), ("learning-goal", "list")]
)
def test_team_options_that_filter_no_cases_say_what_they_filter(path: tuple[str, ...]) -> None:
    """`--team` on a listing of advisors, meetings or learning goals does not filter cases: its help says what
    it does filter."""
    (team,) = [p for p in _command(path).params if "--team" in getattr(p, "opts", ())]
    assert team.help and team.help != TEAM_FILTER, f"samfam {' '.join(path)} --team: {team.help!r}"
    assert "team" in team.help
