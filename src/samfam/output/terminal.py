"""Tables and cards for people: Rich on a terminal, plain lines on a pipe or in a file. The only module
that imports rich."""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

import samfam.words as words
from samfam.output import streams
from samfam.output.cells import IN_WORDS, Column, Row, clean, plain_value, shown
from samfam.output.streams import output


class Screen(NamedTuple):
    """Where tables and cards go, handed down to every line drawn: `file`, a text file written as plain lines
    (the weekly report's --output); `console`, a Rich console of the caller's (tests: a colour terminal);
    neither: stdout, through Rich on a terminal and as plain lines on a pipe."""

    file: Any = None
    console: Any = None
    #: Every column however narrow the terminal (--wide): none hidden, lines past its edge where they must.
    wide: bool = False

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
        # NO_COLOR (no-color.org): no escape codes at all, not even bold, also on a terminal (Rich alone would
        # still write bold); the layout stays the terminal's.
        colour = None if os.environ.get("NO_COLOR", "") != "" else "auto"
        console = Console(highlight=False, soft_wrap=False, markup=False, emoji=False, color_system=colour)
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
        console.print(_bold(text), soft_wrap=not console.is_terminal)


def _say(screen: Screen, console: Any, text: str = "") -> None:
    """A line of our own text (an empty table's words, a caption): whole on a pipe, wrapped at words to a
    terminal's width."""
    if console is None:
        screen.out.write(_people(text) + "\n")
    else:
        console.print(_people(text), soft_wrap=not console.is_terminal)


def lines(texts: Sequence[str], screen: Screen = STDOUT) -> None:
    """Lines of our own around tables (a sign-off under a table, a line between a command's tables): as they
    are on a pipe (samfam.output.streams.message), wrapped at words to a terminal's width."""
    if _plain(screen):
        for text in texts:
            streams.message(text)
        return
    console = _console(screen)
    for text in texts:
        _say(screen, console, text)


def notes(texts: Sequence[str]) -> None:
    """Remarks on stderr (samfam.output.streams.note), wrapped at words when stderr is a terminal."""
    try:
        terminal = sys.stderr.isatty()
    except (ValueError, AttributeError):
        terminal = False
    if not terminal or not texts:
        for text in texts:
            streams.note(text)
        return
    from rich.console import Console

    colour = None if os.environ.get("NO_COLOR", "") != "" else "auto"
    console = Console(stderr=True, highlight=False, markup=False, emoji=False, color_system=colour)
    for text in texts:
        console.print(_people(text))


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
    lang = words.language()
    say = words.catalogue(lang).gettext
    columns = [c._replace(header=words.phrased(c.header, lang)) for c in columns]
    cells = [
        [_people(shown(c.key, row.get(c.key), c.words and say, lang=lang, ident=c.ident) or "—") for c in columns]
        for row in rows
    ]
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
    # On a pipe every column is drawn at its own width. On a terminal too narrow for the table, what is kept
    # whole (a reference, a date, initials, a number) never is cut or wrapped: a long header wraps at its
    # words, free text wraps onto more lines, and where even that is too wide the columns declared to go
    # first are hidden (said under the table), unless --wide.
    hidden = 0
    fitted = None
    if console is not None:
        fitted = fit(columns, cells, widths, console.width, wide=screen.wide or streams.wide())
        if len(fitted.shown) < len(columns):
            hidden = len(columns) - len(fitted.shown)
            columns = [columns[i] for i in fitted.shown]
            widths = [widths[i] for i in fitted.shown]
            cells = [[row[i] for i in fitted.shown] for row in cells]
            one_line = not any("\n" in t for r in cells for t in r)
    # When every cell is one line and the table fits (almost always; on a pipe always), the table is drawn
    # as whole lines (_print_plain_table). Otherwise Rich wraps the columns at the widths fitted: told the
    # widths and given padded cells when they fit on a terminal that cannot show the box characters.
    fits = console is None or (one_line and fitted is not None and fitted.whole)
    if console is None or (fits and not console.options.ascii_only and not console.legacy_windows):
        _print_plain_table(screen, console, columns, widths, cells)
    else:
        assert fitted is not None
        _print_rich_table(console, columns, fitted.widths if not fits else widths, cells, fits)
    if hidden:
        _say(
            screen,
            console,
            words.plural(
                hidden,
                "{n} column hidden; widen the terminal or use --wide",
                "{n} columns hidden; widen the terminal or use --wide",
            ),
        )
    if caption:
        _say(screen, console, caption)


#: A column of free text is narrowed to no fewer cells than this (or its own width): a note wraps onto lines
#: of a few words, not a word a line.
TEXT_AT_LEAST = 10
#: Words up to this long stay whole when a column of free text is narrowed; a longer one (a path) is folded.
WORD_AT_MOST = 10


class Fitted(NamedTuple):
    """How a table is drawn on a terminal: the columns `shown` (their indexes, in order), their `widths`
    (without the padding), and `whole`: each at its own width."""

    shown: list[int]
    widths: list[int]
    whole: bool


def fit(columns: Sequence[Column], cells: list[list[str]], widths: list[int], room: int, wide: bool = False) -> Fitted:
    """The columns and widths of a table `room` cells wide (samfam.listing.Column says what each may do).

    Each column has a floor: a kept column its widest cell, and its header's longest word (the header wraps at
    its words, never within one); free text (`wrap`) at least TEXT_AT_LEAST cells and its longest word (up to
    WORD_AT_MOST); a column that is neither, cut with "…", its header's longest word. While the floors do not
    fit, the column with the highest `drop` is hidden (the rightmost of equals; never one of `drop` 0, and
    none with `wide`). Then the columns give way from their own widths to their floors: the headers of kept
    columns first (one more header line), then free text (more lines a row), the one with most to give first,
    and where nothing more may be hidden, free text on below its floor to its header's longest word. A table
    that does not fit even so is drawn at those widths, past the terminal's edge, nothing cut."""
    if sum(widths) + 3 * len(widths) + 1 <= room:  # nearly always: nothing to fit
        return Fitted(list(range(len(columns))), list(widths), True)
    from rich.cells import cell_len

    def longest_word(texts: Sequence[str]) -> int:
        return max((cell_len(word) for text in texts for word in text.split()), default=1)

    floors = []
    for i, column in enumerate(columns):
        header = longest_word([column.header])
        if column.keep:
            floors.append(max(header, max((cell_len(ln) for r in cells for ln in r[i].split("\n")), default=1)))
        elif column.wrap:
            words = min(WORD_AT_MOST, longest_word([r[i] for r in cells]))
            floors.append(min(widths[i], max(header, words, TEXT_AT_LEAST)))
        else:
            floors.append(min(widths[i], header))

    def need(shown: Sequence[int], sizes: Sequence[int]) -> int:
        return sum(sizes[i] for i in shown) + 3 * len(shown) + 1

    shown = list(range(len(columns)))
    while not wide and need(shown, floors) > room:
        droppable = [i for i in shown if columns[i].drop > 0]
        if not droppable:
            break
        shown.remove(max(droppable, key=lambda i: (columns[i].drop, i)))
    got = list(widths)
    excess = need(shown, got) - room
    # with nothing more to hide, free text narrows on to its header's longest word rather than run past the edge
    least = [floors[i] if c.keep else min(widths[i], longest_word([c.header])) for i, c in enumerate(columns)]
    for group, lowest in (
        ([i for i in shown if columns[i].keep], floors),
        ([i for i in shown if not columns[i].keep], floors),
        ([i for i in shown if not columns[i].keep], least),
    ):
        while excess > 0:
            slack = [i for i in group if got[i] > lowest[i]]
            if not slack:
                break
            i = max(slack, key=lambda i: (got[i] - lowest[i], i))
            got[i] -= 1
            excess -= 1
    return Fitted(shown, [got[i] for i in shown], all(got[i] == widths[i] for i in shown))


def _print_rich_table(
    console: Any, columns: Sequence[Column], widths: list[int], cells: list[list[str]], fits: bool
) -> None:
    """The table through Rich's layout, each column at its width: `fits`, whole one-line cells padded here (a
    terminal without box characters); else kept cells whole, free text wrapped at words (a word too long for
    the column folded), headers wrapped at words. Wider than the terminal (nothing more to hide, or --wide):
    drawn at its own width, never cut, the terminal showing the rest on further lines."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(padding=0, pad_edge=False) if fits else Table()
    for column, width in zip(columns, widths, strict=True):
        if fits:
            grid.add_column(Text(_pad(column.header, width, column.justify)), width=width + 2, no_wrap=True)
        else:
            grid.add_column(
                Text(column.header, no_wrap=False, overflow="fold"),
                justify=column.justify,
                width=width,
                no_wrap=column.keep or not column.wrap,
                overflow="fold" if column.wrap and not column.keep else "ellipsis",
            )
    for row in cells:
        shown = (_pad(text, w, c.justify) if fits else text for text, w, c in zip(row, widths, columns, strict=True))
        grid.add_row(*(Text(text) for text in shown))
    drawn = sum(widths) + 3 * len(columns) + 1
    if drawn <= console.width:
        console.print(grid, crop=False)
        return
    from rich.segment import SegmentLines

    lines = console.render_lines(grid, console.options.update_width(drawn), new_lines=False)
    console.print(SegmentLines(lines, new_lines=True), crop=False, soft_wrap=True)


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


def days_overdue_label(days: Any) -> str:
    """The card's label for `days_overdue`, by its sign: 'days overdue' over '12 days overdue', 'next
    follow-up' over 'due today' or 'due in 66 days'."""
    overdue = isinstance(days, int) and not isinstance(days, bool) and days > 0
    return words.text("days overdue") if overdue or days is None else words.text("next follow-up")


#: A card's labels that depend on the value, by key (others are the key's words).
LABELS = {"days_overdue": days_overdue_label}


def _card_value(value: Any, say: Any = None, labels: Mapping[str, str] | None = None) -> str:
    """A value on the card, for people: a list one item a line, a small record as 'key value' pairs (each key by
    its label in `labels`, else its words); yes or no, numbers, phrases and (`say`) words in the reader's
    language."""
    if isinstance(value, list) and not any(isinstance(v, dict) for v in value):
        return "\n".join(shown("", v, say) for v in value)
    if isinstance(value, dict):
        labels = labels or {}
        return ", ".join(
            f"{words.text(labels[k]) if k in labels else k.replace('_', ' ')} {shown('', v)}"
            for k, v in value.items()
            if not isinstance(v, list)
        )
    return shown("", value, say)


def card(
    data: Row,
    sections: Sequence[tuple[str, str, Sequence[Column]]] = (),
    lines: Sequence[str] = (),
    title: str | None = None,
    screen: Screen = STDOUT,
    labels: Mapping[str, str] | None = None,
    in_words: Collection[str] = (),
) -> None:
    """One record for people: key/value lines, a table per section (key, heading, columns), then lines.
    `labels`: a key's label (English, marked with samfam.words.mark; else the key's words), `in_words`: the
    keys whose values are words; labels, words and headings in the reader's language."""
    nested = {key for key, _, _ in sections} | {
        k for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], dict)
    }
    plain_keys = [k for k in data if k not in nested and k != "explanation"]
    from rich.cells import cell_len

    say = words.catalogue(words.language()).gettext
    labels = labels or {}
    pairs = []
    for key in plain_keys:
        value = data[key]
        text = shown(key, value) if key in IN_WORDS else _card_value(value, key in in_words and say, labels)
        if key in LABELS:
            label = LABELS[key](value)
        else:
            label = say(labels[key]) if key in labels else key.replace("_", " ")
        pairs.append((label, _people(text or "—")))
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
        grid.add_column(style="bold", no_wrap=True)  # a key is short and never wraps: its value does
        grid.add_column(overflow="fold")
        for key, text in pairs:
            grid.add_row(key, Text(text))
        console.print(grid)
    for key, heading, columns in sections:
        _say(screen, console)
        table(data.get(key) or [], columns, title=say(heading), empty=words.text("none"), screen=screen)
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
    team = data["team"] or words.text("all teams")
    start, end = (words.day(d) if isinstance(d, date) else plain_value(d) for d in (week["from"], week["to"]))
    _heading(
        screen, console, words.text("Weekly report, {team}: {start} to {end}").format(team=team, start=start, end=end)
    )
    n = words.number
    serious = (
        " " + words.text("({n} seriously)").format(n=n(s["seriously_overdue"])) if s.get("seriously_overdue") else ""
    )
    _say(
        screen,
        console,
        words.text(
            "{open} open cases · {overdue} overdue{serious} · {due} due in 7 days · {unclassified} need classification"
        ).format(
            open=n(s["open_cases"]),
            overdue=n(s["overdue"]),
            serious=serious,
            due=n(s["due_next_7_days"]),
            unclassified=n(s["unclassified"]),
        ),
    )
    from samfam.documents.sections import COUNTED_BY, WEEKLY_SECTIONS  # only the weekly report needs them

    _say(screen, console, words.text(COUNTED_BY))

    for section in WEEKLY_SECTIONS:
        _say(screen, console)
        rows, caption = _weekly_rows(section.key, data[section.key])
        columns = [Column(*c) for c in section.table.columns]
        title, empty = words.text(section.table_heading), words.text(section.table_empty)
        table(rows, columns, title=title, empty=empty, caption=caption, screen=screen)


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
            words.text("Team: {first} -> {latest} ({change}) over ").format(
                first=_figure(team["first"]),
                latest=_figure(team["latest"]),
                change=_figure(team["change"], signed=True),
            )
            + words.plural(team["cases"], "{n} case", "{n} cases")
            if team
            else None
        )
        return value["advisors"], caption
    if key == "caseload":  # the last row sums the others: its label in the reader's words
        return [r | {"advisor": words.text("TOTAL")} if r.get("advisor") == "TOTAL" else r for r in value], None
    if key == "team_rhythm":
        from samfam.documents.weekly_values import rhythm_words

        return [r | {"rhythm": rhythm_words(r.get("rhythm"))} for r in value], None
    return value, None


def _figure(value: Any, signed: bool = False) -> str:
    """A figure in a line for people: English as Python writes it, Danish with a decimal comma."""
    if words.language() == "en" or not isinstance(value, int | float) or isinstance(value, bool):
        return f"{value:+}" if signed and isinstance(value, int | float) else str(value)
    shown = words.number(abs(value) if signed else value)
    return ("-" if value < 0 else "+") + shown if signed else shown


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
