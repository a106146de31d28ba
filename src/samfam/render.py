"""Output. Tables for people go through Rich; JSON and CSV are written directly, never through Rich.

The only module that imports rich.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TextIO

FORMATS = ("table", "json", "csv")

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    justify: str = "left"


def _plain(value: Any) -> Any:
    """A JSON-ready value: ISO dates, UTC timestamps with Z."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _cell(value: Any, list_sep: str) -> str:
    kind = type(value)
    if kind is str:  # the common cases first: thousands of rows go through here
        return value
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if kind is date:
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return _plain(value)
    if isinstance(value, list | tuple):
        if any(isinstance(v, dict) for v in value):  # records in one cell: JSON, for scripts to decode
            return json.dumps(value, ensure_ascii=False, default=_plain)
        return list_sep.join(_cell(v, list_sep) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=_plain)
    return str(value)


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain) + "\n"


def write_json(data: Any, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(json_text(data))


def write_csv(rows: Iterable[Row], fields: Sequence[str], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([_cell(row.get(f), "; ") for f in fields] for row in rows)


_CONSOLE: Any = None  # while set, tables go to this console (e.g. a file) instead of stdout


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    if _CONSOLE is not None:
        return _CONSOLE
    console = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console.width = max(console.width, 160)  # pipes and cron: no wrapping at 80 columns
    return console


def table(
    rows: Sequence[Row],
    columns: Sequence[Column],
    title: str | None = None,
    empty: str = "Nothing to show.",
    caption: str | None = None,
) -> None:
    from rich.table import Table

    console = _console()
    if title:  # printed as a line of its own: a table's title would wrap to the table's width
        console.print(f"[bold]{title}[/bold]", soft_wrap=True)
    if not rows:
        console.print(empty, soft_wrap=True)
        return
    grid = Table()
    for column in columns:
        grid.add_column(column.header, justify=column.justify)  # type: ignore[arg-type]
    for row in rows:
        grid.add_row(*(_cell(row.get(c.key), ", ") or "—" for c in columns))
    console.print(grid)
    if caption:
        console.print(caption, soft_wrap=True)


def listing(
    rows: Sequence[Row],
    columns: Sequence[Column],
    fmt: str,
    *,
    fields: Sequence[str] | None = None,
    title: str | None = None,
    empty: str = "Nothing to show.",
    caption: str | None = None,
) -> None:
    """A list in the chosen format. JSON and CSV carry `fields` (default: every key of a row)."""
    keys = list(fields or (rows[0].keys() if rows else [c.key for c in columns]))
    if fmt == "json":
        write_json([{k: row.get(k) for k in keys} for row in rows] if fields else list(rows))
    elif fmt == "csv":
        write_csv(rows, keys)
    else:
        table(rows, columns, title=title, empty=empty, caption=caption)


def card(
    data: Row,
    fmt: str,
    sections: Sequence[tuple[str, str, Sequence[Column]]] = (),
    lines: Sequence[str] = (),
    title: str | None = None,
) -> None:
    """One record: JSON as an object; CSV as one row (lists of records as JSON cells); for people a card of
    key/value lines, then a table per section (key, heading, columns), then explanatory lines."""
    if fmt == "json":
        write_json(data)
        return
    if fmt == "csv":  # one row; lists of records go into their cell as JSON
        write_csv([data], list(data))
        return
    nested = {key for key, _, _ in sections} | {
        k for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], dict)
    }
    plain_keys = [k for k in data if k not in nested and k != "explanation"]
    from rich.table import Table

    console = _console()
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key in plain_keys:
        grid.add_row(key.replace("_", " "), _cell(data[key], ", ") or "—")
    if title:
        console.print(f"[bold]{title}[/bold]")
    console.print(grid)
    for key, heading, columns in sections:
        console.print()
        table(data.get(key) or [], columns, title=heading, empty="none")
    if lines:
        console.print()
        for line in lines:
            console.print(line)


def message(text: str) -> None:
    """A confirmation for people, on stdout."""
    sys.stdout.write(text + "\n")


def note(text: str) -> None:
    """A remark that is not the command's output (hints, warnings), on stderr."""
    sys.stderr.write(text + "\n")


def error(text: str) -> None:
    sys.stderr.write(f"Error: {text}\n")


def check_writable(path: str | None) -> None:
    """Refuse an --output path that cannot be written, before anything is read or logged."""
    if path is None:
        return
    import os
    from pathlib import Path

    from samfam.errors import InvalidValue

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InvalidValue(f"cannot write '{path}': it is a directory")
    if not folder.is_dir():
        raise InvalidValue(f"cannot write '{path}': the folder '{folder}' does not exist")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InvalidValue(f"cannot write '{path}': permission denied")


def output(text: str, path: str | None) -> None:
    """A document to stdout, or to a file (UTF-8)."""
    if path is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from pathlib import Path

    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        from samfam.errors import InvalidValue

        raise InvalidValue(f"cannot write '{path}': {exc.strerror}") from None
    note(f"Wrote {path}.")


C = Column
WEEKLY_TABLES: tuple[tuple[str, str, str, list[Column]], ...] = (
    # key, heading, when empty, columns
    ("due_next_7_days", "Due in the next 7 days", "Nothing due in the next 7 days.",
     [C("case", "Case"), C("advisor", "Advisor"), C("track", "Track"), C("next_due", "Due")]),
    ("unclassified", "Needs classification", "Every open case is classified.",
     [C("case", "Case"), C("advisor", "Advisor"), C("paragraphs", "Paragraphs"), C("reason", "Why")]),
    ("legal_deadlines", "Legal deadlines within 30 days", "No legal deadline within 30 days.",
     [C("case", "Case"), C("advisor", "Advisor"), C("kind", "Kind"), C("deadline", "Deadline"),
      C("days_left", "Days left", "right"), C("law", "Law")]),
    ("complex_without_buddy", "Complex cases without a buddy", "Every complex case has a buddy.",
     [C("case", "Case"), C("advisor", "Advisor"), C("track", "Track")]),
    ("open_handovers", "Open handovers with missing items", "No open handover is missing items.",
     [C("case", "Case"), C("advisor", "Advisor"), C("kind", "Kind"), C("started", "Started"), C("missing", "Missing")]),
    ("goals_past_target", "Goals past target", "No goal is past its target.",
     [C("case", "Case"), C("advisor", "Advisor"), C("id", "Goal", "right"), C("status", "Status"),
      C("target", "Target")]),
    ("actors_without_coordinator", "Actors without an agreed coordinator", "Every actor has a coordinator.",
     [C("case", "Case"), C("advisor", "Advisor"), C("id", "Actor", "right"), C("kind", "Kind"), C("name", "Name")]),
    ("caseload", "Caseload", "No advisors.",
     [C("advisor", "Advisor"), C("primary", "Primary", "right"), C("buddy", "Buddy", "right"), C("3m", "3m", "right"),
      C("6w", "6w", "right"), C("unclassified", "Uncl.", "right"), C("complex", "Complex", "right"),
      C("target", "Target", "right"), C("vs_target", "+/-", "right")]),
    ("team_rhythm", "Team rhythm", "No teams.",
     [C("team", "Team"), C("kind", "Meeting"), C("last", "Last"), C("next_due", "Next due"), C("status", "Status")]),
    ("learning_goals", "Learning goals not reviewed for 3 months", "Every learning goal is reviewed.",
     [C("advisor", "Advisor"), C("text", "Learning goal"), C("last_review", "Last review")]),
    ("followups_last_7_days", "Follow-ups done in the last 7 days", "No advisors.",
     [C("advisor", "Advisor"), C("name", "Name"), C("followups", "Follow-ups", "right")]),
)  # fmt: skip


def weekly_table(data: Row, path: str | None = None) -> None:
    """The weekly report for people: a summary line, then a table per section; to a file as plain text."""
    global _CONSOLE
    if path is None:
        _weekly_table(data)
        return
    import io

    from rich.console import Console

    buffer = io.StringIO()
    _CONSOLE = Console(file=buffer, width=160, force_terminal=False, color_system=None, highlight=False)
    try:
        _weekly_table(data)
    finally:
        _CONSOLE = None
    output(buffer.getvalue(), path)


def _weekly_table(data: Row) -> None:
    console = _console()
    s = data["summary"]
    week = data["week"]
    console.print(
        f"[bold]Weekly report, {data['team'] or 'all teams'}: {_plain(week['from'])} to {_plain(week['to'])}[/bold]"
    )
    console.print(
        f"{s['open_cases']} open cases · {s['overdue']} overdue · {s['due_next_7_days']} due in 7 days · "
        f"{s['unclassified']} need classification"
    )
    console.print()
    late = [c for group in data["overdue_by_advisor"] for c in group["cases"]]
    table(late, [C("advisor", "Advisor"), C("case", "Case"), C("track", "Track"), C("next_due", "Was due"),
                 C("days_overdue", "Days overdue", "right")],
          title="Overdue follow-ups by advisor", empty="No follow-up is overdue.")  # fmt: skip
    for key, heading, empty, columns in WEEKLY_TABLES:
        console.print()
        table(data[key], columns, title=heading, empty=empty)
    experience = data["experience"]
    console.print()
    columns = [C("advisor", "Advisor"), C("cases", "Cases", "right"), C("change", "Change", "right")]
    table(experience["advisors"], columns,
          title="Families' experience of coordination (change from first to latest, 1-5)",
          empty="No family has been asked twice yet.",
          caption=(f"Team: {experience['team']['first']} -> {experience['team']['latest']} "
                   f"({experience['team']['change']:+}) over {experience['team']['cases']} cases")
          if experience["team"] else None)  # fmt: skip
