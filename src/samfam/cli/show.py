"""The terminal's output module, imported on first use, not with the command (it loads rich)."""

from types import ModuleType


def terminal() -> ModuleType:
    from samfam.output import terminal

    return terminal
