"""The barometer: were we on time over a period (samfam.views.barometer)."""

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import AdvisorFilter, TeamFilter, app_of, date_option
from samfam.output import emit as out
from samfam.output.formats import CSV_FORMATS
from samfam.words import day as day_text
from samfam.words import text

commands = typer.Typer()

BarometerFormat = StrEnum("BarometerFormat", {f: f for f in ("table", "json", *CSV_FORMATS, "markdown")})  # type: ignore[misc]


@commands.command(epilog="Example: samfam barometer --from 2026-01-01 --to 2026-06-30 --team Nord -f csv")
def barometer(
    ctx: typer.Context,
    since: Annotated[date | None, date_option("--from", help="First day of the period; default 12 months back")] = None,
    until: Annotated[date | None, date_option("--to", help="Last day of the period; default today")] = None,
    team: TeamFilter = None,
    advisor: AdvisorFilter = None,
    fmt: Annotated[
        BarometerFormat,
        typer.Option("--format", "-f", help="table for people, markdown to hand on; json or csv for scripts."),
    ] = BarometerFormat.table,
) -> None:
    """Were we on time? Follow-ups and investigations that fell due in a period, per advisor and for the team.

    Also the applications against their processing deadline (frist)."""
    from samfam.documents import barometer as barometer_document
    from samfam.views import barometer as barometer_views

    data = barometer_views.barometer(app_of(ctx), since, until, team, advisor)
    rows = [*data["advisors"], data["total"]]
    listing = barometer_views.BAROMETER
    title = text("On time from {start} to {end}").format(start=day_text(data["from"]), end=day_text(data["to"]))
    title += text(", team {team}").format(team=team) if team else ""
    out.emit(
        out.Table(
            rows,
            listing,
            title=title,
            empty=text("Nothing fell due."),
            data=data,
            documents={
                "markdown": lambda: barometer_document.markdown(
                    data["from"], data["to"], data["team"], rows, listing.columns
                )
            },
        ),
        fmt.value,
    )
