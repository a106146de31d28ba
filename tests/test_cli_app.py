"""The root command's registry: `samfam --help` lists every command from the registry without importing
its module, so the registry's one-line help is held here to the command's own help."""

from __future__ import annotations

import inspect

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
