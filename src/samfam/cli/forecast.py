"""What is coming: the forecast of follow-ups, legal deadlines and decisions per advisor and week
(samfam.views.forecast; docs/rules.md § 10), for people a table per 12 weeks (samfam.views.forecast_grid)."""

from typing import Annotated

import typer

from samfam.cli.options import FieldsOpt, Format, FormatOpt, app_of, whole
from samfam.output import emit as out
from samfam.rules.forecast import DEFAULT_WEEKS, MAX_WEEKS
from samfam.words import text

commands = typer.Typer()


@commands.command(epilog="Example: samfam forecast --weeks 8 --team Nord  ·  samfam forecast --advisor MKJ -f csv")
def forecast(
    ctx: typer.Context,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            "-w",
            parser=whole(1, MAX_WEEKS),
            metavar="N",
            help="How many weeks, the first the one that holds today (1 to 104).",
        ),
    ] = DEFAULT_WEEKS,
    team: Annotated[
        str | None,
        typer.Option("--team", "-t", metavar="TEAM", help="Only the advisors in this team, with their cases."),
    ] = None,
    advisor: Annotated[
        str | None,
        typer.Option(
            "--advisor",
            "-a",
            metavar="INITIALS",
            help="Only this advisor (as primary advisor), against their team's median.",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """What is coming: follow-ups, deadlines and decisions per advisor and week, against their working days."""
    from samfam.views import forecast as forecast_views
    from samfam.views import forecast_grid

    out.check(forecast_grid.FORECAST, only, fmt.value)
    a = app_of(ctx)
    rows = forecast_views.forecast(a, weeks, advisor, team)
    tables = [
        out.Table(grid.rows, grid.listing, title=grid.title, caption=grid.caption)
        for grid in forecast_grid.grids(rows, team, bool(advisor))
    ]
    out.emit(
        out.Parts(tables or [text(forecast_grid.NO_ADVISORS)], whole=out.Table(rows, forecast_grid.FORECAST)),
        fmt.value,
        only=only,
    )
