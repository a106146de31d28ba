"""`--help` in the reader's language. typer keeps every help text as it is written, in English: a command's
docstring or `help=`, an epilog, each option's and argument's `help=`. Each is a message of the catalogue (its
msgid), looked up where the help is formatted, when the language is known (`--lang`, read first, or
SAMFAM_LANG, or the locale), not where it is defined; so are typer's own words around them ("Usage: ",
"Options", "[default: …]"). A help text with values in it is a `Help`: its template is the msgid, formatted
after the lookup. In English nothing is looked up: the help is typer's, as it always was.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable, Iterator
from typing import Any

from typer.core import TyperGroup

from samfam import words
from samfam.words import Phrase, mark

#: typer's words around the help (constants of typer.rich_utils, read where the help is formatted), by name.
FRAME = {
    "ARGUMENTS_PANEL_TITLE": mark("Arguments"),
    "OPTIONS_PANEL_TITLE": mark("Options"),
    "COMMANDS_PANEL_TITLE": mark("Commands"),
    "DEFAULT_STRING": mark("[default: {}]"),
    "REQUIRED_LONG_STRING": mark("[required]"),
    "ENVVAR_STRING": mark("[env var: {}]"),
}
#: The first word of the help (click's).
USAGE = mark("Usage: ")
#: The help option's own help (click's): looked up as every option's is.
HELP_OPTION = mark("Show this message and exit.")

#: Every `Help` made, by its English as typer keeps it (typer keeps a copy of an option's help, a plain str).
_TEMPLATES: dict[str, Help] = {}


class Help(Phrase):
    """A help text with values in it, `Help(mark("For how long ({hours}; at most {most})."), hours=3, most=24)`:
    a `Phrase` (the English typer shows, "For how long (3; at most 24).", remembering its template and fields),
    said in the reader's language where the help is formatted (`say`, through `words.phrased`). Kept by its
    English too, since typer keeps a plain copy of an option's help. A field that is English words is a
    `Phrase(mark("…"))` or another `Help`, said too."""

    def __new__(cls, template: str, /, **fields: object) -> Help:
        made = super().__new__(cls, template, **fields)
        _TEMPLATES[str(made)] = _TEMPLATES[inspect.cleandoc(made)] = made
        return made


def say(text: str, lang: str | None = None) -> str:
    """A help text (English, as typer keeps it) in the reader's language, or in `lang`."""
    lang = lang or words.language()
    found = _TEMPLATES.get(text)
    return words.text(text, lang) if found is None else words.phrased(found, lang)


def msgids(text: str) -> list[str]:
    """The messages of the catalogue a help text is said with: the text itself, or a `Help`'s template and
    the messages of its fields that are words."""
    found = _TEMPLATES.get(text)
    if found is None:
        return [text]
    said = [found.template]
    for value in found.fields.values():
        if isinstance(value, Help):
            said += msgids(value)
        elif isinstance(value, Phrase):
            said.append(value.template)
    return said


@contextlib.contextmanager
def in_words(command: Any, ctx: Any) -> Iterator[None]:
    """While `command`'s help is formatted: its texts in the reader's language (its help, short help, epilog,
    those of its subcommands, which a group lists, and its options' and arguments'), and typer's words around
    them. Put back after, so the next help (another language, another test) starts from the English."""
    lang = words.language()
    if lang == "en":
        yield
        return
    from typer import rich_utils

    saved: list[tuple[object, str, object]] = []

    def put(thing: object, name: str, value: object) -> None:
        saved.append((thing, name, getattr(thing, name)))
        setattr(thing, name, value)

    group = isinstance(command, TyperGroup)
    listed = [command.get_command(ctx, name) for name in command.list_commands(ctx)] if group else []
    try:
        for each in (command, *filter(None, listed)):
            for name in ("help", "short_help", "epilog"):
                if text := getattr(each, name, None):
                    put(each, name, say(text, lang))
        for param in command.get_params(ctx):
            if param.help:
                put(param, "help", say(param.help, lang))
        for name, msgid in FRAME.items():
            put(rich_utils, name, words.text(msgid, lang))
        yield
    finally:
        for thing, name, value in reversed(saved):
            setattr(thing, name, value)


def write_usage(command: Any, ctx: Any, formatter: Any, english: Callable[..., None]) -> None:
    """The usage line, "Usage: samfam case list [OPTIONS]", its first word in the reader's language; `english`:
    the command's own, which writes it in English."""
    if words.language() == "en":
        english(command, ctx, formatter)
        return
    formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)), prefix=words.text(USAGE))


def speaking(command: Any) -> Any:
    """`command` and its subcommands, each formatting its help in the reader's language (`in_words`)."""
    command.__class__ = _speaking(type(command))
    for sub in getattr(command, "commands", {}).values():
        speaking(sub)
    return command


@functools.cache
def _speaking(kind: type) -> type:
    """`kind` (typer's command or group class) formatting its help in the reader's language."""
    if getattr(kind, "_speaks", False):
        return kind

    def format_help(self: Any, ctx: Any, formatter: Any) -> None:
        with in_words(self, ctx):
            kind.format_help(self, ctx, formatter)  # type: ignore[attr-defined]

    def format_usage(self: Any, ctx: Any, formatter: Any) -> None:
        write_usage(self, ctx, formatter, kind.format_usage)  # type: ignore[attr-defined]

    return type(kind.__name__, (kind,), {"format_help": format_help, "format_usage": format_usage, "_speaks": True})
