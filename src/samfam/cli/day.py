"""The advisor's day on one screen: dag (alias today)."""

from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import AdvisorFilter, FieldsOpt, TeamFilter, app_of, log_read
from samfam.output import emit as out
from samfam.output.formats import FORMATS
from samfam.rules.privacy import CASEWORK
from samfam.words import day as day_text
from samfam.words import mark, text

commands = typer.Typer()

EPILOG = mark(
    "Example: samfam dag  ·  samfam dag --advisor LBH  ·  samfam today --team Nord -f json  ·  "
    "samfam dag -f markdown > dag.md"
)

#: The day's sections, in order: its key in the day (samfam.views.day), its listing there, its title (with the
#: days ahead and the count) and a caption. The listings are read where the command runs, not at import.
SECTIONS = (
    ("followups", "FOLLOWUPS", mark("Follow-ups overdue or due within {days} days ({n})"), None),
    ("tasks", "TASKS", mark("Tasks due by today ({n})"), None),
    ("deadlines", "DEADLINES", mark("Legal deadlines passed or within {days} days ({n})"), None),
    ("meetings", "MEETINGS", mark("Team meetings due within {days} days ({n})"), None),
    ("attention", "ATTENTION", mark("Needs attention ({n})"), None),
    (
        "emergency_access",
        "EMERGENCY",
        mark("Emergency access open ({n})"),
        mark("Close it when done: samfam access close REF."),
    ),
)

#: The listings' formats, and the day as a document: a Markdown table a section.
DayFormat = StrEnum("DayFormat", {f: f for f in (*FORMATS, "markdown")})  # type: ignore[misc]


@commands.command("dag", epilog=EPILOG)
def dag(
    ctx: typer.Context,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    fmt: Annotated[
        DayFormat,
        typer.Option(
            "--format",
            "-f",
            help="table for people, markdown to paste or mail (a table a section); json, ndjson or csv for "
            "scripts; excel: CSV for Danish Excel.",
        ),
    ] = DayFormat.table,
    only: FieldsOpt = None,
) -> None:
    """The advisor's day on one screen: follow-ups overdue or due within 7 days, tasks due, legal deadlines,
    team meetings, what needs attention, emergency access.

    Whose day: the advisor who acts (--user INITIALS on SQLite, else the advisor the OS login is linked to;
    on PostgreSQL the login's advisor). Another advisor's (--advisor) or a team's (--team): their team's
    leader or the administrator. json gives an object with a list per section; ndjson and csv one item a line;
    markdown a document with a table a section.
    """
    from samfam.views import day as day_views

    out.check(day_views.ITEMS, only, fmt.value)
    a = app_of(ctx)
    data = day_views.day(a, advisor, team)
    advisor_words = text("advisor {initials}").format(initials=data["advisor"]) if data["advisor"] else None
    team_words = text("team {team}").format(team=data["team"]) if data["team"] else None
    if advisor_words and team_words:
        whose = text("{advisor} and {team}").format(advisor=advisor_words, team=team_words)
    else:
        whose = advisor_words or team_words or ""
    within = data["within"]
    sections = [
        out.Table(
            data[key],
            getattr(day_views, listing),
            title=text(title).format(days=within, n=len(data[key])),
            empty="",
            caption=text(caption) if caption else None,
        )
        for key, listing, title, caption in SECTIONS
    ]
    heading = text("The day of {whose} on {day}").format(whose=whose, day=day_text(data["as_of"]))
    empty = text(
        "Nothing to do: no follow-up, task, deadline, meeting, attention or emergency access within {days} days."
    ).format(days=within)
    out.emit(
        out.Parts(
            [empty] if day_views.is_empty(data) else ["", *sections],
            whole=out.Table(day_views.items(data), day_views.ITEMS, data=data),
            title=heading,
        ),
        fmt.value,
        only=only,
    )
    log_read(ctx, "dag", data, CASEWORK, whose)


commands.command("today", help="The same as 'dag': the advisor's day on one screen.", epilog=EPILOG)(dag)
