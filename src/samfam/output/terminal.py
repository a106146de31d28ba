"""Tables and cards for people: Rich on a terminal, plain lines on a pipe or in a file. The only module
that imports rich."""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple

import samfam.words as words
from samfam.output.cells import Column, Row, cell, clean, plain_value
from samfam.output.streams import output


class Screen(NamedTuple):
    """Where tables and cards go, handed down to every line drawn: `file`, a text file written as plain lines
    (the weekly report's --output); `console`, a Rich console of the caller's (tests: a colour terminal);
    neither: stdout, through Rich on a terminal and as plain lines on a pipe."""

    file: Any = None
    console: Any = None

    @property
    def out(self) -> Any:
        return self.file if self.file is not None else sys.stdout


STDOUT = Screen()

#: How wide Rich's console is at least on a pipe or in a file, whatever COLUMNS says (cron's 80): what goes
#: through Rich there (a cell over several lines) is given at least this width, or the table's own.
PIPE_WIDTH = 160


def _plain(screen: Screen = STDOUT) -> bool:
    """True when the output goes where no one sees styles and Rich would write none: a pipe, a file, cron, a
    script. There a table is written as whole lines at its own width, never wrapped, so each row is one
    line that grep finds whole; the characters are those Rich writes at that width
    (tests/test_output_terminal.py), and Rich's console is not even imported: a tenth of a short command's
    time. A terminal, FORCE_COLOR or TTY_COMPATIBLE (Rich writes colour down a pipe then), an encoding other
    than UTF-8 (Rich's ASCII boxes), Windows, a notebook, or a console set for a test: Rich."""
    if screen.file is not None:
        return True
    if screen.console is not None or os.name != "posix":
        return False
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ or hasattr(builtins, "get_ipython"):
        return False
    stdout = sys.stdout
    try:
        if stdout.isatty():
            return False
    except (ValueError, AttributeError):  # closed, or no isatty: Rich decides
        return False
    return (getattr(stdout, "encoding", None) or "utf-8").lower().startswith("utf")


def _console(screen: Screen, wide: int = 0) -> Any:
    """Rich's console: for a terminal, or for what plain lines cannot draw (a cell over several lines); on a
    pipe or in a file at least `wide` columns wide, so that only such a cell's own lines break it."""
    if screen.console is not None:
        return screen.console
    from rich.console import Console

    # Nothing printed is ever parsed as markup or emoji codes: what people typed is shown as typed (and
    # the emoji table, a few milliseconds to load, is never needed).
    if screen.file is not None:
        console = Console(
            file=screen.file, force_terminal=False, color_system=None, highlight=False, markup=False, emoji=False
        )
    else:
        console = Console(highlight=False, soft_wrap=False, markup=False, emoji=False)
    if not console.is_terminal:
        console.width = max(console.width, PIPE_WIDTH, wide)
    return console


def _people(text: str) -> str:
    """User text as a table or card shows it: control characters made visible, a tab one space (Rich would
    expand it to the next tab stop, past the column's border)."""
    return clean(text).replace("\t", " ")


# -- lines, to Rich's console or (console None) straight out as text -------------------------------


def _heading(screen: Screen, console: Any, text: str) -> None:
    """A line of its own, bold on a terminal: a title's heading never wraps to a table's width."""
    if console is None:
        screen.out.write(_people(text) + "\n")
    else:
        console.print(_bold(text), soft_wrap=True)


def _say(screen: Screen, console: Any, text: str = "") -> None:
    """A line of our own text (an empty table's words, a caption), never wrapped."""
    if console is None:
        screen.out.write(_people(text) + "\n")
    else:
        console.print(_people(text), soft_wrap=True)


def _pieces(screen: Screen, console: Any, pieces: list[tuple[str, str | None]]) -> None:
    """Whole lines given as (text, style) pieces: joined on a pipe, one Rich Text with the styles else."""
    if console is None:
        screen.out.write("".join(text for text, _ in pieces))
        return
    from rich.text import Text

    out = Text(no_wrap=True, overflow="ignore", end="")
    for text, style in pieces:
        out.append(text, style=style)
    console.print(out, soft_wrap=True, crop=False, end="")


def table(
    rows: Sequence[Row],
    columns: Sequence[Column],
    title: str | None = None,
    empty: str = "Nothing to show.",
    caption: str | None = None,
    screen: Screen = STDOUT,
) -> None:
    from rich.cells import cell_len

    # Headers in the user's language (one catalogue, samfam.words); cells are plain text, never markup: a
    # name with "[/bold]" in it is shown as typed.
    columns = [c._replace(header=words.text(c.header)) for c in columns]
    cells = [[_people(_shown(c.key, row.get(c.key)) or "—") for c in columns] for row in rows]
    widths = [
        max([cell_len(c.header), *(cell_len(line) for r in cells for line in r[i].split("\n"))])
        for i, c in enumerate(columns)
    ]
    one_line = not any("\n" in t for r in cells for t in r)
    drawn = sum(widths) + 3 * len(columns) + 1
    plain = _plain(screen)
    console = None if plain and one_line else _console(screen, wide=drawn if plain else 0)
    if title:  # printed as a line of its own: a table's title would wrap to the table's width
        _heading(screen, console, title)
    if not rows:
        _say(screen, console, empty)
        return
    # When every cell is one line and the table fits (almost always; on a pipe always), the table is drawn
    # as whole lines (_print_plain_table). Otherwise Rich sizes, pads and wraps the columns itself: told the
    # widths and given padded cells when they fit on a terminal that cannot show the box characters, else on
    # its own.
    fits = console is None or (one_line and drawn <= console.width)
    if console is None or (fits and not console.options.ascii_only and not console.legacy_windows):
        _print_plain_table(screen, console, columns, widths, cells)
    else:
        from rich.table import Table  # only here: a plain table needs none of it
        from rich.text import Text

        grid = Table(padding=0, pad_edge=False) if fits else Table()
        for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
            if fits:
                grid.add_column(Text(_pad(column.header, width, column.justify)), width=width + 2, no_wrap=True)
            else:  # too wide for the terminal: what is kept whole (a reference, a date) never wraps or is cut
                kept = max((cell_len(line) for r in cells for line in r[i].split("\n")), default=1)
                grid.add_column(
                    column.header,
                    justify=column.justify,
                    no_wrap=column.keep or not column.wrap,
                    min_width=kept if column.keep else None,
                    overflow="fold" if column.wrap and not column.keep else "ellipsis",
                )
        for row in cells:
            shown = (
                _pad(text, w, c.justify) if fits else text for text, w, c in zip(row, widths, columns, strict=True)
            )
            grid.add_row(*(Text(text) for text in shown))
        console.print(grid, crop=not fits)
    if caption:
        _say(screen, console, caption)


def _print_plain_table(
    screen: Screen, console: Any, columns: Sequence[Column], widths: list[int], cells: list[list[str]]
) -> None:
    """The table Rich draws for one-line cells that fit (the heavy-headed box, a bold header), as whole lines:
    the same characters and escape codes (tests/test_output_terminal.py compares them with Rich's Table),
    drawn in a tenth of the time, which a list of 223 cases notices. console None: plain, to stdout."""
    from rich.box import HEAVY_HEAD as b  # the box's characters only: no console, no layout

    spans = [w + 2 for w in widths]

    def rule(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * n for n in spans) + right + "\n"

    pieces: list[tuple[str, str | None]] = [(rule(b.top_left, b.top, b.top_divider, b.top_right), None)]
    pieces.append((b.head_left, None))
    for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
        if i:
            pieces.append((b.head_vertical, None))
        pieces.append((_pad(column.header, width, column.justify), "bold"))
    pieces.append((b.head_right + "\n", None))
    pieces.append((rule(b.head_row_left, b.head_row_horizontal, b.head_row_cross, b.head_row_right), None))
    lines = (
        b.mid_left
        + b.mid_vertical.join(_pad(text, w, c.justify) for text, w, c in zip(row, widths, columns, strict=True))
        + b.mid_right
        + "\n"
        for row in cells
    )
    pieces.append(("".join(lines), None))
    pieces.append((rule(b.bottom_left, b.bottom, b.bottom_divider, b.bottom_right), None))
    _pieces(screen, console, pieces)


def _print_plain_grid(screen: Screen, console: Any, pairs: list[tuple[str, str]], widths: tuple[int, int]) -> None:
    """A card's key/value lines as Rich's grid draws them (a bold key column, two spaces, the value; a value
    over several lines goes on under a blank key), as whole lines: the same characters and escape codes
    (tests/test_output_terminal.py), without Rich's layout."""
    from rich.cells import cell_len

    blank = " " * widths[0]
    pieces: list[tuple[str, str | None]] = []
    for key, value in pairs:
        for i, line in enumerate(value.split("\n")):
            pieces.append((blank if i else key + " " * (widths[0] - cell_len(key)), "bold"))
            pieces.append(("  ", "bold"))
            pieces.append((line + " " * (widths[1] - cell_len(line)) + "\n", None))
    _pieces(screen, console, pieces)


def _bold(text: str) -> Any:
    """A heading: bold, and plain text (a team's or a case's name in it is never markup)."""
    from rich.text import Text

    return Text(_people(text), style="bold")


def _pad(text: str, width: int, justify: str) -> str:
    """A cell's text with the table's padding, one space each side, justified in the column's width."""
    from rich.cells import cell_len

    gap = " " * (width - cell_len(text))
    return f" {gap}{text} " if justify == "right" else f" {text}{gap} "


def days_overdue_words(days: Any) -> str:
    """For people: 12 → '12 days overdue', 0 → 'due today', -66 → 'due in 66 days' (JSON and CSV keep
    the number, negative for days left, as scripts rely on it)."""
    if not isinstance(days, int) or isinstance(days, bool):
        return cell(days, ", ")
    if days > 0:
        return words.plural(days, "{n} day overdue", "{n} days overdue")
    if days == 0:
        return "due today"
    return words.plural(-days, "due in {n} day", "due in {n} days")


#: Values shown in words for people, by key.
IN_WORDS = {"days_overdue": days_overdue_words}


def days_overdue_label(days: Any) -> str:
    """The card's label for `days_overdue`, by its sign: 'days overdue' over '12 days overdue', 'next
    follow-up' over 'due today' or 'due in 66 days'."""
    overdue = isinstance(days, int) and not isinstance(days, bool) and days > 0
    return "days overdue" if overdue or days is None else "next follow-up"


#: A card's labels that depend on the value, by key (others are the key's words).
LABELS = {"days_overdue": days_overdue_label}


def _shown(key: str, value: Any) -> str:
    words = IN_WORDS.get(key)
    return words(value) if words is not None and value is not None else cell(value, ", ")


def _card_value(value: Any) -> str:
    """A value on the card, for people: a list one item a line, a small record as 'key value' pairs."""
    if isinstance(value, list) and not any(isinstance(v, dict) for v in value):
        return "\n".join(cell(v, ", ") for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')} {cell(v, ', ')}" for k, v in value.items() if not isinstance(v, list))
    return cell(value, ", ")


def card(
    data: Row,
    sections: Sequence[tuple[str, str, Sequence[Column]]] = (),
    lines: Sequence[str] = (),
    title: str | None = None,
    screen: Screen = STDOUT,
) -> None:
    """One record for people: key/value lines, a table per section (key, heading, columns), then lines."""
    nested = {key for key, _, _ in sections} | {
        k for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], dict)
    }
    plain_keys = [k for k in data if k not in nested and k != "explanation"]
    from rich.cells import cell_len

    pairs = []
    for key in plain_keys:
        value = data[key]
        shown = _shown(key, value) if key in IN_WORDS else _card_value(value)
        label = LABELS[key](value) if key in LABELS else key.replace("_", " ")
        pairs.append((label, _people(shown or "—")))
    widths = (
        # Rich gives a column at least one cell, even when every line in it is empty
        (max(cell_len(k) for k, _ in pairs), max(1, *(cell_len(line) for _, v in pairs for line in v.split("\n"))))
        if pairs
        else (0, 0)
    )
    shown_lines = [_people(line) for line in lines]
    console = None if _plain(screen) else _console(screen)
    if title:
        _heading(screen, console, title)
    one_line = not any("\n" in v for _, v in pairs)
    if pairs and (console is None or (one_line and sum(widths) + 2 <= console.width)):
        _print_plain_grid(screen, console, pairs, widths)
    elif pairs:
        from rich.table import Table
        from rich.text import Text

        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        for key, text in pairs:
            grid.add_row(key, Text(text))
        console.print(grid)
    for key, heading, columns in sections:
        _say(screen, console)
        table(data.get(key) or [], columns, title=heading, empty="none", screen=screen)
    if lines:
        _say(screen, console)
        for line in shown_lines:
            if console is None:
                screen.out.write(line + "\n")
            else:
                console.print(line)


def weekly_table(data: Row, path: str | None = None, force: bool = False) -> None:
    """The weekly report for people: a summary line, then a table per section; to a file as plain text."""
    if path is None:
        _weekly_table(data, STDOUT)
        return
    import io

    screen = Screen(file=io.StringIO())
    _weekly_table(data, screen)
    output(screen.file.getvalue(), path, force)


def _weekly_table(data: Row, screen: Screen) -> None:
    console = None if _plain(screen) else _console(screen)
    s = data["summary"]
    week = data["week"]
    span = f"{plain_value(week['from'])} to {plain_value(week['to'])}"
    _heading(screen, console, f"Weekly report, {data['team'] or 'all teams'}: {span}")
    serious = f" ({s['seriously_overdue']} seriously)" if s.get("seriously_overdue") else ""
    _say(
        screen,
        console,
        f"{s['open_cases']} open cases · {s['overdue']} overdue{serious} · {s['due_next_7_days']} due in 7 days · "
        f"{s['unclassified']} need classification",
    )
    from samfam.documents.sections import COUNTED_BY, WEEKLY_SECTIONS  # only the weekly report needs them

    _say(screen, console, COUNTED_BY)

    for section in WEEKLY_SECTIONS:
        _say(screen, console)
        rows, caption = _weekly_rows(section.key, data[section.key])
        columns = [Column(*c) for c in section.table.columns]
        table(rows, columns, title=section.table_heading, empty=section.table_empty, caption=caption, screen=screen)


def _weekly_rows(key: str, value: Any) -> tuple[Sequence[Row], str | None]:
    """A weekly section's rows for its table, and the line under it: most sections are a list of rows;
    the overdue cases are grouped by advisor, the families' experience is per advisor and for the team, and
    the barometer is per week and for the weeks together (numbers only: the trend lines are the HTML's)."""
    if key == "overdue_by_advisor":
        return [c for group in value for c in group["cases"]], None
    if key == "barometer":
        total = value["total"]
        if not total["followups_due"] and not total["investigations_finished"]:
            return [], None
        return [*value["weeks"], total | {"week": words.plural(len(value["weeks"]), "{n} week", "{n} weeks")}], None
    if key == "experience":
        team = value["team"]
        caption = (
            f"Team: {team['first']} -> {team['latest']} ({team['change']:+}) over "
            + words.plural(team["cases"], "{n} case", "{n} cases")
            if team
            else None
        )
        return value["advisors"], caption
    return value, None


def progress(total: int, label: str) -> Any:
    """A progress bar on stderr while a long import runs: a context manager giving `advance(n)`. Nothing
    when stderr is not a terminal (a script, cron, a test) or the work is short."""
    import contextlib

    from rich.console import Console

    console = Console(stderr=True, markup=False, emoji=False)
    if total < PROGRESS_FROM or not console.is_terminal:
        return contextlib.nullcontext(lambda n: None)

    @contextlib.contextmanager
    def bar() -> Any:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, transient=True) as shown:
            task = shown.add_task(clean(label), total=total)
            yield lambda n: shown.advance(task, n)

    return bar()


#: Files with fewer rows import in a moment: no bar.
PROGRESS_FROM = 300
