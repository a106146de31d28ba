"""The terminal's own drawing of a plain table is the table Rich draws: the same characters and the same
escape codes, on a pipe and on a colour terminal, for any text (samfam.output.terminal)."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from samfam.output import terminal
from samfam.output.cells import Column, visible
from support import on_a_terminal

_cell = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    ),
    max_size=12,
)

CONSOLES = {
    "pipe": {"force_terminal": False},
    "truecolor": {"force_terminal": True, "color_system": "truecolor"},
    "16 colours": {"force_terminal": True, "color_system": "standard"},
}


def _rich(console: Console, columns: list[Column], cells: list[list[str]]) -> None:
    """What Rich's own Table draws for the same padded cells."""
    from rich.cells import cell_len

    widths = [max([cell_len(c.header), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    grid = Table(padding=0, pad_edge=False)
    for column, width in zip(columns, widths, strict=True):
        grid.add_column(Text(terminal._pad(column.header, width, column.justify)), width=width + 2, no_wrap=True)
    for row in cells:
        grid.add_row(*(Text(terminal._pad(t, w, c.justify)) for t, w, c in zip(row, widths, columns, strict=True)))
    console.print(grid, crop=False)


@pytest.mark.parametrize("kind", list(CONSOLES))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    headers=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ", min_size=1, max_size=10), min_size=1, max_size=5
    ),
    data=st.data(),
)
def test_the_plain_table_is_the_table_rich_draws(kind, headers, data):
    columns = [Column(f"k{i}", h, "right" if i % 2 else "left") for i, h in enumerate(headers)]
    rows = data.draw(st.lists(st.lists(_cell, min_size=len(columns), max_size=len(columns)), min_size=1, max_size=6))
    cells = [[visible(text) or "—" for text in row] for row in rows]
    theirs, ours = io.StringIO(), io.StringIO()
    _rich(Console(file=theirs, width=400, highlight=False, markup=False, emoji=False, **CONSOLES[kind]), columns, cells)
    screen = terminal.Screen(
        console=Console(file=ours, width=400, highlight=False, markup=False, emoji=False, **CONSOLES[kind])
    )
    terminal.table(
        [{c.key: text for c, text in zip(columns, row, strict=True)} for row in rows], columns, screen=screen
    )
    assert ours.getvalue() == theirs.getvalue()


@pytest.mark.parametrize("kind", list(CONSOLES))
@settings(max_examples=40, deadline=None)
@given(pairs=st.lists(st.tuples(st.text(alphabet="abcdefgh ", min_size=1, max_size=12), _cell), min_size=1, max_size=8))
def test_the_plain_card_is_the_grid_rich_draws(kind, pairs):
    shown = [(key, visible(value) or "—") for key, value in pairs]
    theirs, ours = io.StringIO(), io.StringIO()
    console = Console(file=theirs, width=400, highlight=False, markup=False, emoji=False, **CONSOLES[kind])
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key, value in shown:
        grid.add_row(key, Text(value))
    console.print(grid)
    from rich.cells import cell_len

    widths = (max(cell_len(k) for k, _ in shown), max(cell_len(line) for _, v in shown for line in v.split("\n")))
    terminal._print_plain_grid(
        terminal.STDOUT,
        Console(file=ours, width=400, highlight=False, markup=False, emoji=False, **CONSOLES[kind]),
        shown,
        widths,
    )
    assert ours.getvalue() == theirs.getvalue()


# -- on a pipe: plain lines at the table's own width, without Rich's console: what Rich writes there -------

_any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


def _both(monkeypatch, draw) -> tuple[str, str]:
    """What `draw()` writes to a pipe (plain lines) and what Rich's own console writes there when it is
    wide enough for every line (a pipe's lines are never wrapped)."""
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stdout", pipe)
    assert terminal._plain()
    draw(terminal.STDOUT)
    theirs = io.StringIO()
    screen = terminal.Screen(
        console=Console(file=theirs, width=100_000, force_terminal=False, highlight=False, markup=False, emoji=False)
    )
    assert not terminal._plain(screen)
    draw(screen)
    return pipe.getvalue(), theirs.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(_any_text, _any_text, st.integers(-99, 9999)), max_size=5),
    title=st.one_of(st.none(), _any_text),
    caption=st.one_of(st.none(), _any_text),
)
def test_a_table_on_a_pipe_is_what_rich_writes_there(monkeypatch, rows, title, caption):
    columns = [Column("name", "Name"), Column("note", "Note"), Column("days_overdue", "Due", "right")]
    data = [{"name": a, "note": b, "days_overdue": n} for a, b, n in rows]
    ours, theirs = _both(
        monkeypatch, lambda screen: terminal.table(data, columns, title=title, caption=caption, screen=screen)
    )
    assert ours == theirs


_listed = st.lists(_any_text, min_size=1, max_size=3).map("\n".join)  # a list on the card: one item a line


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(
        st.one_of(_any_text, _listed, st.sampled_from(["\n", "a\n", "\nb", "x\n\ny"])), min_size=1, max_size=6
    ),
    lines=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200), max_size=3),
    title=st.one_of(st.none(), _any_text),
)
def test_a_card_on_a_pipe_is_what_rich_writes_there(monkeypatch, values, lines, title):
    data = {f"key_{i}": v for i, v in enumerate(values)} | {"grants": [{"id": 1, "title": values[0]}]}
    sections = [("grants", "Grants", [Column("id", "Id", "right"), Column("title", "Title")])]
    ours, theirs = _both(monkeypatch, lambda screen: terminal.card(data, sections, lines, title, screen=screen))
    assert ours == theirs


def test_a_wide_table_on_a_pipe_is_not_wrapped(monkeypatch):
    """Each row one line however wide, so that grep finds whole rows; a cell's own lines stay lines (Rich
    draws that table, as wide as it needs)."""
    columns = [Column("a", "A"), Column("b", "B")]
    wide = [{"a": "x" * 150, "b": "y" * 150}]
    ours, theirs = _both(monkeypatch, lambda screen: terminal.table(wide, columns, screen=screen))
    assert ours == theirs
    assert "│ " + "x" * 150 + " │ " + "y" * 150 + " │\n" in ours
    monkeypatch.setattr("sys.stdout", pipe := io.StringIO())
    terminal.table([*wide, {"a": "two\nlines", "b": "z"}], columns)
    assert "│ " + "x" * 150 + " │ " + "y" * 150 + " │\n" in pipe.getvalue()
    assert "│ two " in pipe.getvalue() and "│ lines " in pipe.getvalue()


def test_a_weekly_report_to_a_file_is_plain_lines(monkeypatch):
    """--output FILE: the same plain lines as a pipe, in the file, never wrapped, whatever the terminal."""
    written = {}
    monkeypatch.setattr(terminal, "output", lambda text, path, force=False: written.update({path: text}))
    monkeypatch.setattr(
        terminal,
        "_weekly_table",
        lambda data, screen: terminal.table([{"a": "x" * 200}], [Column("a", "A")], screen=screen),
    )
    terminal.weekly_table({}, "week.txt")
    assert "│ " + "x" * 200 + " │\n" in written["week.txt"]


@pytest.mark.parametrize(
    ("setting", "plain"),
    [
        ({}, True),
        ({"FORCE_COLOR": "1"}, False),  # Rich writes colour to the pipe then: so must we
        ({"FORCE_COLOR": ""}, False),
        ({"TTY_COMPATIBLE": "1"}, False),
    ],
)
def test_plain_lines_only_where_rich_would_write_no_styles(monkeypatch, setting, plain):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in setting.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert terminal._plain() is plain


def test_not_plain_on_a_terminal_or_in_another_encoding(monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    assert not terminal._plain()
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    monkeypatch.setattr("sys.stdout", latin)
    assert not terminal._plain()  # Rich draws ASCII boxes there


@pytest.mark.parametrize("kind", ["pipe", "truecolor"])
def test_a_tab_in_a_cell_keeps_the_borders_in_line(monkeypatch, kind):
    """Rich would expand a tab to the next tab stop, past the column's border: it is shown as one space."""
    rows = [{"a": "x\ty", "b": "1"}, {"a": "long value", "b": "2"}]
    out = io.StringIO()
    screen = terminal.Screen(
        console=Console(file=out, width=160, highlight=False, markup=False, emoji=False, **CONSOLES[kind])
    )
    terminal.table(rows, [Column("a", "A"), Column("b", "B")], screen=screen)
    import re

    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in out.getvalue().splitlines()]
    assert len({len(line) for line in lines}) == 1
    assert "│ x y        │ 1 │" in lines


def test_rich_is_not_imported_for_a_table_on_a_pipe():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from samfam.output import terminal\n"
        "from samfam.output.cells import Column\n"
        "terminal.card({'case': '2026-0001', 'rows': [{'a': 1}]}, [('rows', 'Rows', [Column('a', 'A')])], ['x'], 'C')\n"
        "assert 'rich.console' not in sys.modules and 'rich.text' not in sys.modules, sorted(sys.modules)\n"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("C\ncase  2026-0001\n")


@pytest.mark.parametrize("argv", [("case", "show", "2026-0101"), ("case", "list"), ("goals", "2026-0101")])
def test_on_a_terminal_rich_draws_in_bold_the_characters_a_pipe_gets(goal_world, argv):
    """The advisor at a terminal sees the headings and keys in bold; without the escape codes, the same
    characters as a pipe (where no Rich console is even loaded)."""
    import re

    code, shown = on_a_terminal(goal_world, *argv)
    assert code == 0, shown
    assert "\x1b[1m" in shown
    piped = goal_world.ok(*argv).stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", shown) == piped


# -- a terminal narrower than the table: what a column keeps whole --------------------------------------


def test_on_a_narrow_terminal_a_kept_column_is_never_cut_and_text_wraps():
    """A case reference and a date (`keep`) stay whole on a terminal too narrow for the table; free text
    wraps onto more lines instead."""
    rows = [
        {"case": f"2024-00{n}1", "due": "2026-11-30", "note": "Forældremøde om skoleskift og aflastning " * 2}
        for n in range(3)
    ]
    columns = [Column("case", "Case", keep=True), Column("due", "Was due", keep=True), Column("note", "Note")]
    out = io.StringIO()
    screen = terminal.Screen(console=Console(file=out, width=36, force_terminal=True, color_system=None))
    terminal.table(rows, columns, screen=screen)
    shown = out.getvalue()
    assert max(len(line) for line in shown.splitlines()) <= 36
    for row in rows:
        assert row["case"] in shown and shown.count(row["due"]) == 3
    assert "…" not in shown  # the note wrapped (a long word folded), nothing cut


def test_a_line_separator_in_a_value_is_shown_the_same_on_a_pipe_and_through_rich(monkeypatch):
    """U+2028 at the end of a value vanished through Rich but stayed on a pipe (found by the property above)."""
    data = {"key 0": "\n0\u2028"}
    ours, theirs = _both(monkeypatch, lambda screen: terminal.card(data, [], [], None, screen=screen))
    assert ours == theirs
    assert "0\u2424" in ours


# -- a terminal too narrow for every column: what is hidden, and said -------------------------------------------

_OVERDUE = [
    Column("case", "Case", keep=True),
    Column("advisor", "Advisor", keep=True),
    Column("paragraphs", "Paragraphs", drop=2),
    Column("last", "Last follow-up", keep=True, drop=1),
    Column("due", "Was due", keep=True),
    Column("days", "Days overdue", "right", keep=True),
    Column("level", "Level", keep=True, drop=3),
]
_LATE = [
    {
        "case": f"2025-00{n}1",
        "advisor": "MKJ",
        "paragraphs": "BL 32.1.5, SEL 41",
        "last": "2026-10-07",
        "due": "2026-11-18",
        "days": "4 days overdue",
        "level": "seriously overdue",
    }
    for n in range(3)
]


def _drawn(width: int, rows=_LATE, columns=_OVERDUE, wide: bool = False) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system=None)
    terminal.table(rows, columns, screen=terminal.Screen(console=console, wide=wide))
    return out.getvalue()


def test_on_a_narrow_terminal_the_columns_that_go_first_are_hidden_and_counted():
    """Level (drop 3) goes first, then Paragraphs (2), then Last follow-up (1); never a column of drop 0. One
    line under the table says how many are hidden."""
    shown = _drawn(60)
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert "Level" not in shown and "Paragraphs" not in shown and "follow-up" not in shown
    for header in ("Case", "Advisor", "Was due", "Days overdue"):
        assert header in shown
    for row in _LATE:
        assert sum(row["case"] in line and "4 days overdue" in line and row["due"] in line for line in lines) == 1
    assert lines[-1] == "3 columns hidden; widen the terminal or use --wide"
    one = _drawn(80).splitlines()
    assert "Paragraphs" in one[1] + one[2] and "Level" not in "".join(one)
    assert one[-1] == "1 column hidden; widen the terminal or use --wide"
    assert "hidden" not in _drawn(120)


def test_a_kept_header_wraps_at_its_words_and_is_never_cut():
    """'Last follow-up' over dates ten wide: two header lines, 'Last' and 'follow-up', never 'Last follo…'."""
    shown = _drawn(88)
    assert "…" not in shown
    header = [line for line in shown.splitlines() if line.startswith("┃")]
    assert len(header) == 2
    import re

    assert re.search(r"┃ Last +┃", header[0]) and re.search(r"┃ follow-up +┃", header[1])
    assert "Paragraphs" in header[1] and "Level" not in shown  # Level is hidden, then the header wraps


def test_wide_shows_every_column_past_the_terminal_edge_nothing_cut():
    shown = _drawn(60, wide=True)
    assert "hidden" not in shown and "…" not in shown
    for header in ("Paragraphs", "Level", "Was due"):
        assert header in shown
    assert max(len(line) for line in shown.splitlines()) > 60
    for row in _LATE:
        assert row["case"] in shown and row["level"] in shown


def test_fit_hides_by_drop_then_narrows_headers_then_free_text():
    columns = [Column("a", "Alpha beta", keep=True), Column("t", "Text"), Column("x", "X", keep=True, drop=1)]
    cells = [["1234", "some words to wrap here", "xyz"]]
    widths = [10, 23, 3]
    assert terminal.fit(columns, cells, widths, 200) == terminal.Fitted([0, 1, 2], [10, 23, 3], True)
    # 10 + 23 + 3 + 10 = 46: first "Alpha beta" gives way to "Alpha" (5), then the text
    assert terminal.fit(columns, cells, widths, 41) == terminal.Fitted([0, 1, 2], [5, 23, 3], False)
    assert terminal.fit(columns, cells, widths, 36) == terminal.Fitted([0, 1, 2], [5, 18, 3], False)
    # the floors, 5 + 10 (free text: at least TEXT_AT_LEAST) + 3 and the borders, 28, do not fit in 26: X is hidden
    assert terminal.fit(columns, cells, widths, 26) == terminal.Fitted([0, 1], [5, 14], False)
    # with nothing more to hide the text narrows on to its header's longest word ("Text"), then runs past the edge
    assert terminal.fit(columns, cells, widths, 26, wide=True) == terminal.Fitted([0, 1, 2], [5, 8, 3], False)
    assert terminal.fit(columns, cells, widths, 10, wide=True) == terminal.Fitted([0, 1, 2], [5, 4, 3], False)
