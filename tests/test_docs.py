"""The docs are held to the program: every command example in README.md, docs/*.md and the guides in docs/da/
names a command that exists and options that command takes, every `--format F` (and every other value from a
fixed list) is one the command accepts, and the examples that can run on the demo database run as the docs say.

A failure names the doc, its line and the example, and what is wrong with it, so that a command or option
renamed in the program (or a doc written before one is added) is found at once.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from samfam.cli.app import app
from samfam.output.formats import FORMATS
from samfam.rules import cadence

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "docs").glob("*/*.md"))]
#: The guides in another language (docs/da/): their commands run top to bottom on a new database of their own
#: (tests/test_docs_da.py), not on the demo.
GUIDES = ("docs/da/",)
ROOT_COMMAND = typer.main.get_command(app)


@dataclass(frozen=True)
class Example:
    doc: str  # README.md, docs/cli.md …
    line: int
    text: str  # as written, from `samfam` on
    in_block: bool  # a line of a code block (a command to run), else an inline `code` span (a synopsis)
    written: bool = True  # written with `samfam` (else a command named in prose, `case show`: checked, not run)

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}: `{self.text}`"


def _examples() -> list[Example]:
    """Every `samfam …` in the docs: the lines of code blocks that start with `samfam ` or `uv run samfam `
    (continuation lines joined), and inline code spans that start so."""
    found = []
    for path in DOCS:
        doc = str(path.relative_to(ROOT))
        lines = path.read_text(encoding="utf-8").splitlines()
        in_block, pending, start = False, "", 0
        for number, line in enumerate(lines, start=1):
            if line.lstrip().startswith("```"):
                in_block = not in_block
                continue
            if in_block:
                text = line.strip()
                if pending:
                    pending += " " + text
                elif text.startswith(("samfam ", "uv run samfam ")) or text == "samfam":
                    pending, start = text, number
                else:
                    continue
                if pending.endswith("\\"):
                    pending = pending[:-1]
                    continue
                found.append(Example(doc, start, _from_samfam(pending), True))
                pending = ""
            else:
                for span in re.findall(r"`([^`]+)`", line):
                    if span.startswith(("samfam ", "uv run samfam ")):
                        found.append(Example(doc, number, _from_samfam(span), False))
                    elif span.split()[0] in ROOT_COMMAND.commands and len(span.split()) > 1:
                        found.append(
                            Example(doc, number, "samfam " + span, False, written=False)
                        )  # `case assign REF --on D`
    return found


def _from_samfam(text: str) -> str:
    return text[text.index("samfam") :]


EXAMPLES = _examples()


def _words(example: Example) -> list[str]:
    """The words of an example; a synopsis's brackets and ellipses dropped, a comment left out."""
    text = example.text
    if not example.in_block:
        text = re.sub(r"[\[\]]", " ", text).replace("…", " ")
    try:
        words = shlex.split(text, comments=example.in_block)
    except ValueError:  # an unbalanced quote in a synopsis
        words = text.split()
    for stop in (">", "|", "||", "&&", ";", "2>&1"):
        if stop in words:
            words = words[: words.index(stop)]
    return [w for w in words if w not in ("", "…", "...")]


def _options(command) -> dict[str, object]:
    """A command's option names (-f and --format alike) -> the option."""
    names: dict[str, object] = {}
    for param in command.params:
        if param.param_type_name == "option":
            for name in (*param.opts, *param.secondary_opts):
                names[name] = param
    return names


def _takes_value(option) -> bool:
    return not (getattr(option, "is_flag", False) or getattr(option, "count", False))


def _is_placeholder(value: str) -> bool:
    """A synopsis's stand-in for a value (FILE, DATE, N, F, ID:HASH), not a value."""
    return bool(re.fullmatch(r"[A-ZÆØÅ][A-ZÆØÅ0-9_:.\-]*", value))


def check(example: Example) -> list[str]:
    """What is wrong with an example: an unknown command, an unknown option, a value not among the choices."""
    words = _words(example)
    if words[:2] == ["uv", "run"]:
        words = words[2:]
    assert words[0] == "samfam", example
    problems: list[str] = []
    paths = [((), ROOT_COMMAND)]  # a synopsis may name two commands at once: `advisor add/update --login`
    rest = words[1:]
    i = 0
    while i < len(rest):
        word = rest[i]
        paths = [  # `samfam access --cpr CPR`: the letter's options
            ((*path, "letter"), command.commands["letter"])
            if type(command).__name__ == "AccessGroup" and word.startswith("-") and word not in ("-h", "--help")
            else (path, command)
            for path, command in paths
        ]
        if word.startswith("-") and not _is_number(word):
            i += _check_option(example, word, rest[i + 1 :], paths, problems)
            continue
        if not all(hasattr(command, "commands") for _, command in paths):
            i += 1  # a command reached: an argument of it
            continue
        if _is_placeholder(word):  # `samfam COMMAND --help`, `samfam import KIND FILE`: any command
            return problems
        descended = []
        for path, group in paths:
            for name in word.split("/"):
                if name in group.commands:
                    descended.append(((*path, name), group.commands[name]))
                elif type(group).__name__ == "AccessGroup":  # `samfam access REF`: the letter's
                    descended.append(((*path, "letter"), group.commands["letter"]))
                else:
                    command = " ".join(("samfam", *path, name))
                    valid = ", ".join(sorted(group.commands))
                    problems.append(f"{example}: `{command}` names no command (the commands there: {valid})")
                    return problems
        paths = descended
        i += 1
    for path, command in paths:
        needs_command = hasattr(command, "commands") and not getattr(command, "invoke_without_command", False)
        shows_only = {"--version", "--help", "-h"} & set(words)
        if needs_command and type(command).__name__ != "AccessGroup" and example.in_block and not shows_only:
            problems.append(f"{example}: `samfam {' '.join(path)}` needs a command after it")
    return problems


def _is_number(word: str) -> bool:
    return bool(re.fullmatch(r"-\d+(\.\d+)?", word))


def _check_option(example: Example, word: str, after: list[str], paths, problems: list[str]) -> int:
    """Check one option against every command the example may name; return how many words it took."""
    name, _, inline = word.partition("=")
    took = 1
    for path, command in paths:
        options = {**_options(command), "--help": None, "-h": None}
        if name not in options:
            where = "samfam" + "".join(f" {p}" for p in path)
            valid = ", ".join(sorted(n for n in options if n.startswith("--")))
            problems.append(f"{example}: `{where}` has no option {name} (its options: {valid})")
            continue
        option = options[name]
        if option is None or not _takes_value(option):
            continue
        value = inline or (after[0] if after else "")
        took = 1 if inline else 2
        choices = getattr(option.type, "choices", None)
        if choices and value and not _is_placeholder(value):
            accepted = {str(c) for c in choices}
            for one in value.split("|"):
                if one and one not in accepted and not _is_placeholder(one):
                    where = "samfam" + "".join(f" {p}" for p in path)
                    problems.append(f"{example}: `{where} {name}` takes {'|'.join(sorted(accepted))}, not {one!r}")
    return took


def test_the_docs_have_command_examples_to_check():
    assert len([e for e in EXAMPLES if e.in_block]) > 100
    assert len([e for e in EXAMPLES if not e.in_block]) > 40
    assert {e.doc for e in EXAMPLES} >= {"README.md", "docs/cli.md", "docs/privacy.md", "docs/import-export.md"}


def test_every_example_names_a_command_and_options_it_has_and_values_it_accepts():
    problems = [problem for example in EXAMPLES for problem in check(example)]
    assert problems == [], "\n" + "\n".join(problems)


# -- the examples that run on the demo ---------------------------------------------------------------------

#: Examples not run here, and why.
NOT_RUN = {
    "demo": "builds a demo of its own (tests/test_demo.py)",
    "init": "the demo is initialised; tests/test_cli_app.py runs init",
    "backup": "writes a copy the size of the database (tests/test_cli_privacy.py)",
}


def _commands_block() -> tuple[int, int]:
    """The lines of the README's command block, which tests/test_readme.py runs in order on a new database."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("```sh", lines.index("## Commands")) + 1
    return start, lines.index("```", start)


def _runnable(example: Example) -> bool:
    words = _words(example)
    if words[:2] == ["uv", "run"]:
        words = words[2:]
    return (
        example.written
        and example.doc != "docs/deployment.md"  # PostgreSQL logins: tests/test_deployment.py walks it through
        and not example.doc.startswith(GUIDES)
        and not (example.doc == "README.md" and BLOCK[0] <= example.line <= BLOCK[1])
        and not any(_is_placeholder(w) for w in words[1:])
        and "…" not in example.text
        and len(words) > 1
        and not ({"--version", "--help", "-h"} & set(words))
        and not any(w.split("/")[0] in NOT_RUN for w in words[1:2])
        and "--db" not in words
    )


BLOCK = _commands_block()
RUNNABLE = [e for e in EXAMPLES if _runnable(e)]


@pytest.mark.parametrize("doc", sorted({e.doc for e in RUNNABLE}))
def test_the_examples_run_on_the_demo_as_the_docs_say(doc, demo, tmp_path, monkeypatch):
    """The examples of a doc that name no placeholder run, in the doc's order as a reader follows them, on a
    copy of the demo (2026-11-22, the OS login acting, files written in a folder of their own), and each
    exits 0, or 3 where it asks `--check` (docs/cli.md, "Exit codes")."""
    db = tmp_path / "demo.db"
    shutil.copy2(demo.samfam.db, db)
    monkeypatch.chdir(tmp_path)
    failed = []
    for example in (e for e in RUNNABLE if e.doc == doc):
        words = _words(example)
        words = words[words.index("samfam") + 1 :]
        result = CliRunner().invoke(app, ["--db", str(db), "--today", "2026-11-22", *words], env={"COLUMNS": "200"})
        allowed = {0, 3} if "--check" in words else {0}
        if result.exit_code not in allowed:
            failed.append(f"{example}: exit {result.exit_code}, expected {sorted(allowed)}: {result.stderr.strip()}")
    assert failed == [], "\n" + "\n".join(failed)


# -- what the docs say of the program as a whole ----------------------------------------------------------

LISTING_FORMATS = set(FORMATS)  # the listings' one list (samfam.output.formats)


def _leaf_commands(group=ROOT_COMMAND, path=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _leaf_commands(command, (*path, name))
        else:
            yield (*path, name), command


def test_docs_cli_names_every_command_whose_formats_are_not_the_listings():
    """docs/cli.md: every listing and card takes table|json|ndjson|csv, and it names each command that takes
    other formats with exactly the ones it takes (the barometer has no ndjson)."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    paragraph = text[text.index("**Formats.**") :].split("\n\n")[0]
    stated = {
        name: set(formats.split("|")) for name, formats in re.findall(r"`([a-z -]+)`\s+takes\s+`([a-z|]+)`", paragraph)
    }
    wrong = []
    for path, command in _leaf_commands():
        option = _options(command).get("--format")
        if option is None:
            continue
        takes = {str(c) for c in option.type.choices}
        name = " ".join(path).removesuffix(" letter")  # `access` is the letter's
        if takes != LISTING_FORMATS and stated.get(name) != takes:
            wrong.append(f"`{name}` takes {'|'.join(sorted(takes))}; docs/cli.md says {stated.get(name)}")
        if takes == LISTING_FORMATS and name in stated:
            wrong.append(f"`{name}` takes the listings' formats; docs/cli.md says {stated[name]}")
    assert wrong == [], "\n" + "\n".join(wrong)


def _section(doc: str, heading: str) -> str:
    text = (ROOT / doc).read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n#", start + len(heading))
    return text[start : end if end != -1 else len(text)]


def test_docs_calendar_says_how_each_summary_begins_and_that_names_go_into_it(demo, tmp_path):
    """docs/import-export.md, "Calendars": every way an event's SUMMARY begins is named there, and so is the
    child's name in the SUMMARY (the title a shared calendar shows) with --with-names."""
    db = tmp_path / "demo.db"
    shutil.copy2(demo.samfam.db, db)  # the calendar's look-up is logged: a copy
    ics = tmp_path / "named.ics"
    result = CliRunner().invoke(
        app, ["--db", str(db), "--today", "2026-11-22", "calendar", "--with-names", "--weeks", "8", "-o", str(ics)]
    )
    assert result.exit_code == 0, result.stderr
    summaries = [
        line[len("SUMMARY:") :] for line in ics.read_text(encoding="utf-8").splitlines() if line.startswith("SUMMARY:")
    ]
    section = _section("docs/import-export.md", "## Calendars")
    flowing = " ".join(section.split())
    levels = [f"{level.capitalize()}:" for level in cadence.LEVELS if level != cadence.DUE_SOON]  # Overdue, …
    begins = {*levels, "Passed:"}
    assert {s.split(":")[0] + ":" for s in summaries if s.split(":")[0] + ":" in begins} >= {"Overdue:", "Passed:"}
    assert [b for b in sorted(begins) if f'"{b}"' not in flowing] == []
    names = {line.split("Child: ", 1)[1] for line in ics.read_text(encoding="utf-8").splitlines() if "Child: " in line}
    assert any(name.split("\\")[0] in summary for name in names for summary in summaries)
    paragraphs = section.split("\n\n")
    assert any("`SUMMARY`" in p and "--with-names" in p and "name" in p for p in paragraphs)


def test_docs_privacy_names_the_archive_files_as_retention_writes_them(demo, tmp_path):
    """docs/privacy.md § 4: the archive file of a case is `DIR/REF-ID.json` (the dry run lists each), and the
    audit rows' is `DIR/audit-before-DAY-row-ID.json` (samfam.actions.privacy)."""
    import inspect

    from samfam.actions import privacy as privacy_actions

    db = tmp_path / "demo.db"
    shutil.copy2(demo.samfam.db, db)
    result = CliRunner().invoke(app, ["--db", str(db), "--today", "2032-06-01", "retention", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    cases = json.loads(result.stdout)["cases"]
    assert cases and all(re.fullmatch(re.escape(c["case"]) + r"-\d+\.json", Path(c["archive"]).name) for c in cases)
    section = " ".join(_section("docs/privacy.md", "## 4. Retention").split())
    assert "`DIR/REF-ID.json`" in section
    assert 'f"audit-before-{' in inspect.getsource(privacy_actions) and "-row-{boundary}.json" in inspect.getsource(
        privacy_actions
    )
    assert "`DIR/audit-before-DAY-row-ID.json`" in section
