"""The calendar file: the next follow-ups, the legal deadlines and the team meetings as iCalendar (.ics).

Which items: each open case's next follow-up (as `overdue`/`due` compute it; cases needing
classification have none), the legal deadlines (the rows of `samfam deadlines`) and the team meetings
the rhythm says are due (`team rhythm`), from anything already overdue or passed through `--weeks N`
weeks after today. Overdue items stay on the day they were due, with SUMMARY saying "Overdue:" (or
"Passed:"). The UIDs, stamps and what the text may say are in samfam.documents.calendar.
"""

from typing import Annotated

import typer

from samfam.cli.options import AdvisorFilter, ForceOpt, TeamFilter, app_of, log_read, whole
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules.privacy import CASEWORK
from samfam.words import plural

commands = typer.Typer()

WeeksOpt = Annotated[
    int,
    typer.Option(
        "--weeks",
        "-w",
        parser=whole(0, 5200),
        metavar="N",
        help="How many weeks ahead (up to 100 years). What is overdue or passed is always included, on its due "
        'date and marked "Overdue:".',
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to a file (mode 0600) instead of stdout."),
]
WithNamesOpt = Annotated[
    bool,
    typer.Option(
        "--with-names",
        help="Put the child's name in each event (never the CPR number). Calendars are often synchronised "
        "to phones and services outside the municipality: leave it out unless the file stays with you.",
    ),
]


@commands.command(epilog="Example: samfam calendar --advisor MKJ --weeks 8 --output mkj.ics")
def calendar(
    ctx: typer.Context,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    weeks: WeeksOpt = 8,
    output: OutputOpt = None,
    with_names: WithNamesOpt = False,
    force: ForceOpt = False,
) -> None:
    """An iCalendar file of the next follow-ups, legal deadlines and team meetings."""
    from datetime import UTC, datetime

    from samfam.documents.calendar import calendar_text
    from samfam.views import calendar as calendar_views

    streams.check_writable(output, force)
    data = calendar_views.calendar(app_of(ctx), weeks, advisor, team, with_names)
    document = out.Document(lambda _: calendar_text(data, datetime.now(UTC), with_names), data)
    out.emit(document, "ics", path=output, force=force)
    counts = (
        f"{plural(len(data['followups']), '{n} follow-up', '{n} follow-ups', stored=True)}, "
        f"{plural(len(data['deadlines']), '{n} deadline', '{n} deadlines', stored=True)}, "
        f"{plural(len(data['meetings']), '{n} meeting', '{n} meetings', stored=True)}"
    )
    log_read(
        ctx,
        "calendar",
        data,
        CASEWORK,
        f"{counts} to {data['until'].isoformat()}" + (", with names" if with_names else ""),
    )
