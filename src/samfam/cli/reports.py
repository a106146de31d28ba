"""Documents to hand on: the weekly report for the team leader, the family's plan."""

from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import PseudonymiseOpt, RefArg, TeamFilter, app_of, log_read, pseudonymised
from samfam.cli.show import terminal
from samfam.errors import ExitStatus
from samfam.output import formats as render
from samfam.output import streams
from samfam.rules.privacy import CASEWORK, MANAGEMENT

commands = typer.Typer()
report_app = typer.Typer(name="report", help="Reports for the team leader.", no_args_is_help=True)


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


@report_app.command(
    "weekly", epilog="Example: samfam report weekly --team Nord --format html --output uge.html --check"
)
def report_weekly(
    ctx: typer.Context,
    team: TeamFilter = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Exit with status 3 when any follow-up is overdue.")] = False,
    pseudonymise: PseudonymiseOpt = False,
) -> None:
    """The team leader's weekly report: overdue, due, deadlines, handovers, goals, caseload, rhythm."""
    from samfam.views import weekly as weekly_views

    streams.check_writable(output)
    logged = weekly_views.weekly(app_of(ctx), team)
    data = pseudonymised(logged, pseudonymise)
    if fmt is ReportFormat.table:
        terminal().weekly_table(data, output)
    elif fmt is ReportFormat.json:
        streams.output(render.json_text(data), output)
    else:
        from samfam.documents.weekly import render_weekly

        streams.output(render_weekly(data, fmt.value), output)
    detail = ", ".join(([f"team {team}"] if team else []) + (["pseudonymised"] if pseudonymise else []))
    log_read(ctx, "report.weekly", logged, MANAGEMENT, detail or None)
    if check and data["summary"]["overdue"]:
        raise typer.Exit(ExitStatus.OVERDUE_FOUND)


class PlanFormat(StrEnum):
    markdown = "markdown"
    html = "html"


@commands.command(epilog="Example: samfam plan 2026-0142 --format html --output handleplan.html")
def plan(
    ctx: typer.Context,
    ref: RefArg,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f")] = PlanFormat.markdown,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file instead of stdout.")
    ] = None,
) -> None:
    """The family's joint action plan, in Danish, to hand over at a meeting."""
    from samfam.documents.plan import render_plan
    from samfam.views import plan as plan_views

    streams.check_writable(output)
    data = plan_views.plan_data(app_of(ctx), ref)
    streams.output(render_plan(data, fmt.value), output)
    log_read(ctx, "plan", [{"case": data["case"]}], CASEWORK)
