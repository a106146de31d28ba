"""`--help` in the reader's language (issue 20): every help text a person reads in `--help` (a command's help, its
options' and arguments' help, an epilog, the root's one line per command, typer's own words around them) is a
message of the catalogue with its Danish, looked up where the help is formatted (samfam.cli.helptext). The
language is chosen as for every command: --lang, SAMFAM_LANG, the locale, else English; English stays as it
was (tests/test_golden.py and tests/test_cli_app.py hold it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
import typer.main
from babel.messages.pofile import read_po
from typer.core import TyperGroup
from typer.testing import CliRunner

from samfam import words
from samfam.cli import helptext
from samfam.cli.app import COMMANDS, Registry, app

PO = Path(__file__).parent.parent / "src/samfam/locale/da/LC_MESSAGES/samfam.po"
WIDE = {"COLUMNS": "200"}
#: The locale says Danish, nothing else does.
DANISH_LOCALE = {"SAMFAM_LANG": None, "LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "da_DK.UTF-8"}
CASE_LIST = "List cases with their track and next due date."
FIELD = re.compile(r"\{\w*\}")


def danish() -> dict[str, str]:
    with PO.open("rb") as f:
        return {m.id: m.string for m in read_po(f, locale="da") if m.id and isinstance(m.id, str) and not m.context}


def commands() -> Iterator[tuple[str, typer.core.TyperCommand | TyperGroup]]:
    """Every command a person can ask `--help` of, the root and every group too, with its path."""

    def walk(command, path: str):
        yield path, command
        if isinstance(command, TyperGroup):
            for name in command.list_commands(typer.Context(command)):
                yield from walk(command.commands[name], f"{path} {name}")

    yield "samfam", typer.main.get_command(app)
    registry = Registry()
    for name in COMMANDS:
        yield from walk(registry[name], f"samfam {name}")


def help_texts() -> Iterator[tuple[str, str]]:
    """(where, text) of every help text `--help` shows."""
    for path, command in commands():
        for attr in ("help", "short_help", "epilog"):
            if text := getattr(command, attr):
                yield f"{path} ({attr})", text
        for param in command.get_params(typer.Context(command)):
            if param.help and not param.hidden:
                yield f"{path} {param.opts[0] if param.opts else param.name}", param.help
    for name, (_, _, line) in COMMANDS.items():
        yield f"samfam --help, the line of {name}", line
    for msgid in (*helptext.FRAME.values(), helptext.USAGE):
        yield "typer's words around the help", msgid


def test_every_help_text_is_in_the_catalogue_with_its_danish():
    catalogue = danish()
    needed = [(where, msgid) for where, text in help_texts() for msgid in helptext.msgids(text)]
    assert len(needed) > 500  # the whole tree was walked
    missing = sorted({f"{where}: {msgid!r}" for where, msgid in needed if msgid not in catalogue})
    assert not missing, "not in the Danish catalogue:\n" + "\n".join(missing)
    untranslated = sorted({f"{where}: {msgid!r}" for where, msgid in needed if not catalogue[msgid]})
    assert not untranslated, "no Danish for:\n" + "\n".join(untranslated)


def test_every_help_text_with_values_is_said_in_danish_with_its_values():
    """A template's Danish has the template's fields, so each value is shown, and none is missing."""
    catalogue = danish()
    for where, text in help_texts():
        for msgid in helptext.msgids(text):
            if "{" in msgid and catalogue.get(msgid):
                assert set(FIELD.findall(catalogue[msgid])) == set(FIELD.findall(msgid)), (where, msgid)
        assert helptext.say(text, "da")  # formats


def test_a_help_text_with_values_is_its_template_and_its_words():
    hours = helptext.msgids("For how long (3; at most 24).")
    assert hours == ["For how long ({hours}; at most {most})."]
    on = helptext.msgids("The day ({forms}).".format(forms=words.mark("YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY")))
    assert on == ["The day ({forms}).", "YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY"]
    assert helptext.msgids("Only cases on this track today.") == ["Only cases on this track today."]


def flat(output: str) -> str:
    """The words of a help screen on one line: no frame, no line breaks of the terminal's width."""
    return " ".join(output.replace("│", " ").replace("╭─", " ").replace("─╮", " ").replace("─", " ").split())


def da(msgid: str) -> str:
    """The catalogue's Danish of `msgid`, one line, checked to be Danish."""
    danish_ = words.text(msgid, "da")
    assert danish_ and danish_ != msgid, f"no Danish for {msgid!r}"
    return " ".join(danish_.split())


def run(*args: str, env: dict | None = None) -> str:
    result = CliRunner().invoke(app, list(args), env={**WIDE, **(env or {})}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


ENGLISH_FRAME = ("Usage:", "Options", "Show this message and exit.")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--lang", "da", "case", "list", "--help"], {}),
        (["case", "list", "--help"], {"SAMFAM_LANG": "da"}),
        (["case", "list", "--help"], DANISH_LOCALE),
        (["--lang", "da", "case", "list", "--help"], {"SAMFAM_LANG": "en", "LANG": "en_GB.UTF-8"}),
    ],
)
def test_a_commands_help_in_danish(args, env):
    shown = flat(run(*args, env=env))
    for msgid in ("Usage: ", "Options", "Show this message and exit.", CASE_LIST, "[default: {}]"):
        assert da(msgid).strip().replace("{}", "table") in shown, (msgid, shown)
    assert da("Only cases of advisors in this team.") in shown
    assert "--advisor" in shown and "--format" in shown and "INITIALS" in shown  # names stay as they are
    for english in (*ENGLISH_FRAME, CASE_LIST, "[default: table]", "Only cases of advisors in this team."):
        assert english not in shown, english


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--lang", "da", "--help"], {}),
        (["--help", "--lang", "da"], {}),  # --help first: the language is still the one asked for
        (["--help", "--lang=da"], {"SAMFAM_LANG": "en"}),
        (["--help"], {"SAMFAM_LANG": "da"}),
        (["--help"], DANISH_LOCALE),
        ([], {"SAMFAM_LANG": "da"}),  # no command: the root's help
    ],
)
def test_the_roots_help_in_danish(args, env):
    shown = flat(run(*args, env=env))
    for msgid in ("Usage: ", "Options", "Commands", "Show this message and exit.", "[env var: {}]"):
        assert da(msgid).strip().replace(" {}]", "") in shown, (msgid, shown)
    for name in ("case", "init", "overdue", "closed-day"):
        assert f"{name} {da(COMMANDS[name][2])}" in shown, name
    assert da("Show the version and exit.") in shown
    assert "--lang" in shown and "SAMFAM_LANG" in shown
    for english in (*ENGLISH_FRAME, "Commands", "Cases: open, show, list, assign, close.", "Show the version"):
        assert english not in shown, english


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--lang", "en", "case", "list", "--help"], DANISH_LOCALE),
        (["case", "list", "--help"], {}),
        (["--lang", "en", "--help"], {"SAMFAM_LANG": "da"}),
        (["--help"], {}),
    ],
)
def test_help_in_english_stays_english(args, env):
    shown = flat(run(*args, env=env))
    for english in ENGLISH_FRAME:
        assert english in shown, english
    assert CASE_LIST in shown or "Cases: open, show, list, assign, close." in shown
    assert "Tilvalg" not in shown and "Brug:" not in shown


def test_english_help_is_the_same_before_and_after_a_danish_one():
    """The Danish is said for one help screen; nothing of it stays behind in the commands or in typer."""
    from typer import rich_utils

    for args in (["case", "list", "--help"], ["--help"], ["import", "cases", "--help"], ["access", "open", "--help"]):
        before = run(*args)
        assert run("--lang", "da", *args) != before
        assert run(*args) == before
        assert run("--lang", "en", *args) == before
    assert rich_utils.OPTIONS_PANEL_TITLE == "Options" and rich_utils.DEFAULT_STRING == "[default: {}]"


# The help texts with values in them (samfam.cli.helptext.Help: a template and its fields): (command, English,
# Danish). The words of a closed list stay as they are typed (`short (kort)`); numbers and date forms are filled in.
WITH_VALUES = [
    (["access", "open"], "For how long (3; at most 24).", "Hvor længe, i timer (3; højst 24)."),
    (["audit", "unusual"], "A read of more than N cases is bulk (50).",
     "Et opslag i mere end N sager er et masseopslag (50)."),
    (["goal", "add"], "short (kort), long (lang) term (English or Danish).",
     "Sigt: short (kort), long (lang) (på engelsk eller dansk)."),
    (["task", "add"], "Who does it (as --owner on goals: family (familien), advisor (rådgiveren) or actor:ID).",
     "Hvem der gør det (som --owner på mål: family (familien), advisor (rådgiveren) eller actor:ID)."),
    (["actor", "add"], "none (ingen): not agreed yet (English or Danish).",
     "none (ingen): endnu ikke aftalt (på engelsk eller dansk)."),
    (["application", "correct"], "The right outcome: granted (bevilget), refused (afslag), partly (delvis): partly is "
     "granted in part (English or Danish).", "Det rigtige udfald: granted (bevilget), refused (afslag), partly "
     "(delvis): partly betyder delvist bevilget (på engelsk eller dansk)."),
    (["closed-day", "add"], "The day (YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY).",
     "Dagen (ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ)."),
    (["event", "add"], "When it happened; default today (YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY).",
     "Hvornår det skete; som standard i dag (ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ)."),
    (["event", "add"], "assessment-meeting (vurderingsmøde) count as follow-up; analysis-meeting (analysemøde)",
     "assessment-meeting (vurderingsmøde) tæller som opfølgning; analysis-meeting (analysemøde)"),
    (["import", "cases"], "Import cases from FILE.", "Importér sager fra FILE."),
    (["import", "cases"], "Example: samfam import cases cases.csv --dry-run · samfam import cases afdeling.xlsx "
     "--sheet Sager", "Eksempel: samfam import cases cases.csv --dry-run · samfam import cases afdeling.xlsx "
     "--sheet Sager"),
    (["import", "goals"], "default the sheet named goals or Mål, else the first.",
     "som standard arket med navnet goals eller Mål, ellers det første."),
]  # fmt: skip


@pytest.mark.parametrize(("command", "english", "danish_"), WITH_VALUES, ids=[" ".join(c) for c, _, _ in WITH_VALUES])
def test_a_help_text_with_values_in_danish(command, english, danish_):
    assert english in flat(run(*command, "--help"))
    shown = flat(run("--lang", "da", *command, "--help"))
    assert danish_ in shown, shown
    assert english not in shown
