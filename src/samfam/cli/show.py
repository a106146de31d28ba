"""Tables on the terminal. samfam.output.terminal (rich) is imported on first use, not with the command."""

from typing import Any


def terminal() -> Any:
    from samfam.output import terminal

    return terminal


def render_table(*args: Any, **kwargs: Any) -> None:
    terminal().table(*args, **kwargs)
