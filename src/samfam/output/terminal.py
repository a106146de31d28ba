"""Tables and cards for people, through Rich: the only module that imports rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from samfam.output.cells import Column, Row, cell, plain_value
from samfam.output.streams import output

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
        grid.add_row(*(cell(row.get(c.key), ", ") or "—" for c in columns))
    console.print(grid)
    if caption:
        console.print(caption, soft_wrap=True)


def card(
    data: Row,
    sections: Sequence[tuple[str, str, Sequence[Column]]] = (),
    lines: Sequence[str] = (),
    title: str | None = None,
) -> None:
    """One record for people: key/value lines, a table per section (key, heading, columns), then lines."""
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
        grid.add_row(key.replace("_", " "), cell(data[key], ", ") or "—")
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
    span = f"{plain_value(week['from'])} to {plain_value(week['to'])}"
    console.print(f"[bold]Weekly report, {data['team'] or 'all teams'}: {span}[/bold]")
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
