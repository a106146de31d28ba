"""Documents to hand on: the weekly report for the team leader, the family's plan."""

from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import ForceOpt, PseudonymiseOpt, RefArg, TeamFilter, app_of, log_read, pseudonymised
from samfam.cli.show import terminal
from samfam.documents.text import FORMATS as DOCUMENT_FORMATS
from samfam.errors import ExitStatus
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules.privacy import CASEWORK, MANAGEMENT

commands = typer.Typer()
report_app = typer.Typer(name="report", help="Reports for the team leader.", no_args_is_help=True)


ReportFormat = StrEnum("ReportFormat", {f: f for f in ("table", "json", *DOCUMENT_FORMATS)})  # type: ignore[misc]


@report_app.command(
    "weekly", epilog="Example: samfam report weekly --team Nord --format html --output uge.html --check"
)
def report_weekly(
    ctx: typer.Context,
    team: TeamFilter = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="table at the terminal; markdown or html as a document; json for scripts."),
    ] = ReportFormat.table,
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Exit with status 3 when any follow-up is overdue.")] = False,
    pseudonymise: PseudonymiseOpt = False,
    force: ForceOpt = False,
) -> None:
    """The team leader's weekly report: overdue, due, deadlines, handovers, goals, caseload, rhythm."""
    from samfam.views import weekly as weekly_views

    streams.check_writable(output, force)
    logged = weekly_views.weekly(app_of(ctx), team, whole_months=pseudonymise)
    data = pseudonymised(logged, pseudonymise)
    report = out.Document(
        lambda f: _weekly_document(data, f), data, lambda path: terminal().weekly_table(data, path, force)
    )
    out.emit(report, fmt.value, path=output, force=force)
    detail = ", ".join(([f"team {team}"] if team else []) + (["pseudonymised"] if pseudonymise else []))
    log_read(ctx, "report.weekly", logged, MANAGEMENT, detail or None)
    if check and data["summary"]["overdue"]:
        raise typer.Exit(ExitStatus.OVERDUE_FOUND)


def _weekly_document(data: dict, fmt: str) -> str:
    from samfam.documents.weekly import render_weekly  # only for the documents: the table needs it not

    return render_weekly(data, fmt)


PlanFormat = StrEnum("PlanFormat", {f: f for f in DOCUMENT_FORMATS})  # type: ignore[misc]


@commands.command(epilog="Example: samfam plan 2026-0142 --format html --output handleplan.html")
def plan(
    ctx: typer.Context,
    ref: RefArg,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help="markdown or html.")] = PlanFormat.markdown,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file instead of stdout.")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """The family's joint action plan, in Danish, to hand over at a meeting."""
    from samfam.documents.plan import render_plan
    from samfam.views import plan as plan_views

    streams.check_writable(output, force)
    data = plan_views.plan_data(app_of(ctx), ref)
    out.emit(out.Document(lambda f: render_plan(data, f), data), fmt.value, path=output, force=force)
    log_read(ctx, "plan", [{"case": data["case"]}], CASEWORK)
