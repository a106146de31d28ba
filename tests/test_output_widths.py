"""Every listing on a terminal 60, 80, 100 and 160 columns wide (a pseudo-terminal, the demo database, a fixed
today): no line is longer than the terminal, no cell of a kept column (a case reference, a date, initials, a
number) is cut ("…") or split over two lines, no header is cut, and a footer says how many columns were hidden
exactly when some were (samfam.output.terminal; docs/cli.md "Output on a terminal")."""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from rich.cells import cell_len

import samfam.views
from conftest import Samfam
from samfam import words
from samfam.listing import Column, Listing
from support import on_a_terminal, on_a_terminal_many

WIDTHS = (60, 80, 100, 160)
REF = "2025-0031"  # a demo case with grants, events, goals, actors and a core team member

#: Every command that draws a table or a card for people, as run here (by its path in the registry).
LISTINGS: dict[str, tuple[str, ...]] = {
    "overdue": ("overdue",),
    "due": ("due", "--within", "14"),
    "explain": ("explain", REF),
    "paragraphs": ("paragraphs",),
    "audit": ("audit", "--limit", "40"),
    "audit unusual": ("audit", "unusual"),
    "audit sample": ("audit", "sample", "--team", "Nord"),
    "access review": ("access", "review", "--team", "Nord"),
    "retention": ("retention",),
    "goals": ("goals",),
    "deadlines": ("deadlines",),
    "barometer": ("barometer",),
    "caseload": ("caseload",),
    "enrolment": ("enrolment",),
    "forecast": ("forecast",),
    "advisor list": ("advisor", "list"),
    "advisor absences": ("advisor", "absences", "MKJ"),
    "case show": ("case", "show", REF),
    "case list": ("case", "list", "--attention"),
    "event list": ("event", "list", REF),
    "event kinds": ("event", "kinds"),
    "actor list": ("actor", "list", REF),
    "handover show": ("handover", "show", REF),
    "report weekly": ("report", "weekly"),
    "team rhythm": ("team", "rhythm"),
    "team meeting list": ("team", "meeting", "list"),
    "learning-goal list": ("learning-goal", "list"),
    "application list": ("application", "list", REF),
    "frist list": ("frist", "list"),
    "closed-day list": ("closed-day", "list"),
    "dag": ("dag", "--advisor", "MKJ"),
}

#: Also the advisor's own view from the issue (its case references and dates were cut at 80 columns).
MORE: dict[str, tuple[str, ...]] = {"overdue --advisor": ("overdue", "--advisor", "MKJ")}

#: Commands with --format that draw no table for people: lines of text, or a document.
NOT_LISTINGS = {
    "audit verify": "a line",
    "audit head": "a line",
    "check": "a line per check",
    "access letter": "a letter (Markdown)",
    "plan": "a plan (Markdown)",
    "export": "a file",
    "import template": "a file",
    "today": "the same as dag (its alias), tried as dag",
}


def test_every_listing_command_of_the_registry_is_tried():
    """A new command with --format is either a listing tried here or named as none."""
    import typer
    import typer.main
    from typer.core import TyperGroup

    from samfam.cli.app import app

    found = set()

    def walk(command, path):
        if isinstance(command, TyperGroup):
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name), [*path, name])
        elif any("--format" in getattr(p, "opts", ()) for p in command.params):
            found.add(" ".join(path))

    walk(typer.main.get_command(app), [])
    assert found - set(LISTINGS) - set(NOT_LISTINGS) == set()


# -- the declared columns: which are kept whole ----------------------------------------------------------


def _declared() -> list[tuple[Column, ...]]:
    """Every listing's columns as declared in the views, the case card's sections and the weekly report's."""
    found: list[tuple[Column, ...]] = []

    def take(value, depth=0):
        if isinstance(value, Listing):
            found.append(value.columns)
        elif isinstance(value, tuple | list) and value and all(isinstance(v, Column) for v in value):
            found.append(tuple(value))
        elif isinstance(value, tuple | list) and depth < 3:
            for v in value:
                take(v, depth + 1)

    for module in pkgutil.iter_modules(samfam.views.__path__):
        for value in vars(importlib.import_module(f"samfam.views.{module.name}")).values():
            take(value)
    from samfam.documents.sections import WEEKLY_SECTIONS

    found += [tuple(Column(*c) for c in section.table.columns) for section in WEEKLY_SECTIONS]
    return found


DECLARED = _declared()


def _kept(headers: list[str], lang: str = "en") -> list[bool]:
    """Which of a table's columns (all of them, by header, as a pipe draws it, in `lang`) are kept whole: as
    its listing declares (the forecast's week columns are made per request: kept, as the advisor's initials)."""
    for columns in DECLARED:
        if [words.text(c.header, lang) for c in columns] == headers:
            return [c.keep for c in columns]
    first = [words.text("Advisor", lang), words.text("Team", lang)]
    assert headers[:2] == first, f"no listing declares {headers}"
    return [h != first[1] for h in headers]


# -- reading what was drawn ----------------------------------------------------------------------------------


class Drawn(NamedTuple):
    headers: list[str]
    #: Each line of the body: its cells as drawn (padding and all).
    body: list[list[str]]
    #: The line after the table's bottom border.
    after: str


def tables(text: str) -> list[Drawn]:
    lines = text.split("\n")
    found = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("┏"):
            i += 1
            continue
        cuts = [j for j, ch in enumerate(lines[i]) if ch in "┏┳┓"]
        spans = list(zip(cuts, cuts[1:], strict=False))
        i += 1
        head = []
        while not lines[i].startswith("┡"):
            head.append([lines[i][a + 1 : b].strip() for a, b in spans])
            i += 1
        i += 1
        body = []
        while not lines[i].startswith("└"):
            body.append([lines[i][a + 1 : b] for a, b in spans])
            i += 1
        headers = [" ".join(h[k] for h in head if h[k]) for k in range(len(spans))]
        found.append(Drawn(headers, body, lines[i + 1] if i + 1 < len(lines) else ""))
    return found


def _rows(drawn: Drawn, column: int, kept: list[int]) -> list[str]:
    """The kept column's cells, one per row. A row's first line has every kept cell; a line under it (a
    wrapped note) has none: a kept cell is never split over two lines."""
    cells = []
    for line in drawn.body:
        filled = [bool(line[k].strip()) for k in kept]
        assert all(filled) or not any(filled), f"a kept cell split over lines: {line}"
        if filled[0]:
            cells.append(line[column].strip())
    return cells


def footer(hidden: int, lang: str = "en") -> str:
    return words.plural(
        hidden,
        "{n} column hidden; widen the terminal or use --wide",
        "{n} columns hidden; widen the terminal or use --wide",
        lang=lang,
    )


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _assert_fits(piped: str, shown: str, width: int, wide: bool = False, lang: str = "en") -> None:
    """What a terminal `width` wide shows (`shown`) against what a pipe gets (`piped`: every column, each at
    its own width)."""
    shown = ANSI.sub("", shown)
    if not wide:
        too_long = [line for line in shown.split("\n") if cell_len(line) > width]
        assert not too_long, f"{len(too_long)} lines longer than {width}: {too_long[:3]}"
    theirs, ours = tables(piped), tables(shown)
    assert len(ours) == len(theirs), shown
    hidden_tables = 0
    for full, drawn in zip(theirs, ours, strict=True):
        assert "…" not in "".join(drawn.headers), drawn.headers
        left = iter(full.headers)
        assert all(h in left for h in drawn.headers), f"{drawn.headers} are not columns of {full.headers}"
        kept_of = dict(zip(full.headers, _kept(full.headers, lang), strict=True))
        kept = [k for k, h in enumerate(drawn.headers) if kept_of[h]]
        full_kept = [k for k, h in enumerate(full.headers) if kept_of[h]]
        assert kept, drawn.headers
        for k in kept:
            cells = _rows(drawn, k, kept)
            assert not any("…" in c for c in cells), cells
            assert cells == _rows(full, full.headers.index(drawn.headers[k]), full_kept)
        hidden = len(full.headers) - len(drawn.headers)
        assert not (wide and hidden), f"--wide hid {hidden} columns"
        if hidden:
            hidden_tables += 1
            assert drawn.after == footer(hidden, lang)
        else:
            assert footer(2, lang).removeprefix("2 ") not in drawn.after
    assert shown.count(footer(2, lang).split(";")[1]) == hidden_tables


@pytest.fixture(scope="module")
def demo_db(demo, tmp_path_factory) -> Path:
    """The demo database as built, copied before every run: a run logs its look-up, which the audit log
    listed by the next would show."""
    import sqlite3

    path = tmp_path_factory.mktemp("widths") / "demo.db"
    for suffix in ("", "-wal"):  # the write-ahead log too, then folded into the copy
        if Path(f"{demo.samfam.db}{suffix}").exists():
            shutil.copy2(f"{demo.samfam.db}{suffix}", f"{path}{suffix}")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _fresh(demo_db: Path, tmp_path: Path, name: str) -> Samfam:
    target = tmp_path / f"{name}.db"
    for suffix in ("", "-wal"):
        if Path(f"{demo_db}{suffix}").exists():
            shutil.copy2(f"{demo_db}{suffix}", f"{target}{suffix}")
    return Samfam(target)


@pytest.mark.parametrize("name", [*LISTINGS, *MORE])
def test_a_listing_fits_the_terminal(name, demo_db, tmp_path):
    argv = {**LISTINGS, **MORE}[name]
    piped = _fresh(demo_db, tmp_path, "pipe")(*argv)
    assert piped.exit_code in (0, 3), piped.stderr  # overdue's 3: something is overdue
    runs = [(_fresh(demo_db, tmp_path, f"w{width}"), argv, width, {}) for width in WIDTHS]
    for width, (code, shown) in zip(WIDTHS, on_a_terminal_many(runs), strict=True):
        assert code == piped.exit_code, shown
        _assert_fits(piped.stdout, shown, width)


#: The advisor's daily listings in Danish, whose words (headers, values, reasons) are longer than English.
IN_DANISH = ("overdue --advisor", "due", "case show", "case list", "dag", "goals", "deadlines", "caseload", "forecast")


@pytest.mark.parametrize("name", IN_DANISH)
def test_a_listing_in_danish_fits_80_columns(name, demo_db, tmp_path):
    argv = {**LISTINGS, **MORE}[name]
    danish = {"SAMFAM_LANG": "da"}
    piped = _fresh(demo_db, tmp_path, "pipe")(*argv, env=danish)
    assert piped.exit_code in (0, 3), piped.stderr
    runs = [(_fresh(demo_db, tmp_path, f"w{width}"), argv, width, danish) for width in (60, 80)]
    for width, (code, shown) in zip((60, 80), on_a_terminal_many(runs), strict=True):
        assert code == piped.exit_code, shown
        _assert_fits(piped.stdout, shown, width, lang="da")


#: What the demo has none of: applications (one void, one with a deadline), an absence, a void event, a handover.
MORE_DATA = (
    ("frist", "set", "BL 86", "40", "--unit", "workdays"),
    ("application", "add", REF, "BL 32.1.5", "--received", "2026-11-02"),
    ("application", "add", REF, "BL 86", "--received", "2026-11-09"),
    ("application", "void", "1", "--reason", "Registreret på den forkerte sag"),
    ("advisor", "away", "MKJ", "--from", "2026-12-21", "--to", "2027-01-01", "--reason", "Juleferie"),
    ("event", "void", "354", "--reason", "Registreret på forkert sag"),
    ("handover", "start", REF, "transition"),
)
ON_MORE = {
    "application list --all": ("application", "list", REF, "--all"),
    "event list --all": ("event", "list", REF, "--all"),
    "advisor absences": ("advisor", "absences", "MKJ"),
    "handover show": ("handover", "show", REF),
    "frist list": ("frist", "list"),
    "case show": ("case", "show", REF),
}


@pytest.fixture(scope="module")
def more_db(demo_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("more") / "demo.db"
    shutil.copy2(demo_db, path)
    s = Samfam(path)
    for argv in MORE_DATA:
        s.ok(*argv)
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.mark.parametrize("name", ON_MORE)
def test_a_listing_of_what_the_demo_lacks_fits_the_terminal(name, more_db, tmp_path):
    argv = ON_MORE[name]
    piped = _fresh(more_db, tmp_path, "pipe")(*argv)
    assert piped.exit_code == 0, piped.stderr
    assert "┏" in piped.stdout, piped.stdout
    runs = [(_fresh(more_db, tmp_path, f"w{width}"), argv, width, {}) for width in (60, 80)]
    for width, (code, shown) in zip((60, 80), on_a_terminal_many(runs), strict=True):
        assert code == 0, shown
        _assert_fits(piped.stdout, shown, width)


@pytest.mark.parametrize("name", ["barometer", "caseload", "case show", "overdue --advisor"])
def test_wide_shows_every_column_however_narrow_the_terminal(name, demo_db, tmp_path):
    argv = {**LISTINGS, **MORE}[name]
    piped = _fresh(demo_db, tmp_path, "pipe")(*argv).stdout
    code, shown = on_a_terminal(_fresh(demo_db, tmp_path, "wide"), "--wide", *argv, width=60)
    assert code in (0, 3), shown
    _assert_fits(piped, shown, 60, wide=True)
    code, also = on_a_terminal(_fresh(demo_db, tmp_path, "env"), *argv, width=60, env={"SAMFAM_WIDE": "1"})
    assert ANSI.sub("", also) == ANSI.sub("", shown)


# -- colour: NO_COLOR and FORCE_COLOR --------------------------------------------------------------------------


def test_no_color_writes_no_escape_codes_even_on_a_terminal(demo_db, tmp_path):
    code, coloured = on_a_terminal(_fresh(demo_db, tmp_path, "a"), "case", "show", REF, width=80)
    assert code == 0 and "\x1b[" in coloured
    code, shown = on_a_terminal(_fresh(demo_db, tmp_path, "b"), "case", "show", REF, width=80, env={"NO_COLOR": "1"})
    assert code == 0, shown
    assert "\x1b" not in shown
    assert shown == ANSI.sub("", coloured)  # the same layout, fitted to the terminal
    code, shown = on_a_terminal(
        _fresh(demo_db, tmp_path, "c"), "overdue", width=80, env={"NO_COLOR": "1", "FORCE_COLOR": "1"}
    )
    assert "\x1b" not in shown


def test_force_color_writes_colour_down_a_pipe(demo_db, tmp_path):
    s = _fresh(demo_db, tmp_path, "pipe")
    plain = s("case", "list")
    assert plain.exit_code == 0 and "\x1b[" not in plain.stdout
    forced = s("case", "list", env={"FORCE_COLOR": "1"})
    assert forced.exit_code == 0, forced.stderr
    assert "\x1b[1m" in forced.stdout  # the headers in bold
    assert "\x1b" not in s("case", "list", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
