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
    terminal._CONSOLE = Console(file=ours, width=400, highlight=False, markup=False, emoji=False, **CONSOLES[kind])
    try:
        terminal.table([{c.key: text for c, text in zip(columns, row, strict=True)} for row in rows], columns)
    finally:
        terminal._CONSOLE = None
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

    widths = (max(cell_len(k) for k, _ in shown), max(cell_len(v) for _, v in shown))
    terminal._print_plain_grid(
        Console(file=ours, width=400, highlight=False, markup=False, emoji=False, **CONSOLES[kind]), shown, widths
    )
    assert ours.getvalue() == theirs.getvalue()
