"""What is due: overdue, due, explain, deadlines."""

from typing import Annotated

import typer

from samfam.cli.columns import DEADLINE_COLUMNS
from samfam.cli.options import (
    AdvisorFilter,
    FieldsOpt,
    Format,
    FormatOpt,
    PseudonymiseOpt,
    RefArg,
    TeamFilter,
    app_of,
    log_read,
    pseudonymised,
    whole,
)
from samfam.cli.show import render_table
from samfam.errors import ExitStatus
from samfam.listing import Listing
from samfam.output import emit as out
from samfam.output import formats as render
from samfam.output.cells import Column
from samfam.rules.cadence import DEFAULT_DUE_SOON_DAYS
from samfam.rules.privacy import CASEWORK

commands = typer.Typer()

CADENCE_FIELDS = [
    "case", "advisor", "buddy", "track", "paragraphs", "last_followup", "next_due", "days_overdue", "level",
]  # fmt: skip
OVERDUE_COLUMNS = [
    Column("case", "Case"),
    Column("advisor", "Advisor"),
    Column("buddy", "Buddy"),
    Column("track", "Track"),
    Column("paragraphs", "Paragraphs"),
    Column("last_followup", "Last follow-up"),
    Column("next_due", "Was due"),
    Column("days_overdue", "Days overdue", "right"),
    Column("level", "Level"),
]
ORPHAN_COLUMNS = [
    Column("case", "Case"),
    Column("advisor", "Advisor"),
    Column("reason", "Why"),
    Column("next_due", "Next due"),
]
UNCLASSIFIED_COLUMNS = [
    Column("case", "Case"),
    Column("advisor", "Advisor"),
    Column("paragraphs", "Paragraphs"),
    Column("reason", "Why unclassified"),
]
OVERDUE = Listing(tuple(OVERDUE_COLUMNS), (*CADENCE_FIELDS, "status", "reason", "needs_new_advisor"))
ORPHANS = Listing(tuple(ORPHAN_COLUMNS))
UNCLASSIFIED = Listing(tuple(UNCLASSIFIED_COLUMNS))


@commands.command(
    epilog="Example: samfam overdue --team Nord -f csv > overdue.csv  ·  samfam overdue --check || mail …"
)
def overdue(
    ctx: typer.Context,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    check: Annotated[bool, typer.Option("--check", help="Exit with status 3 when any follow-up is overdue.")] = False,
    pseudonymise: PseudonymiseOpt = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Overdue follow-ups, most days overdue first; then cases whose advisor has left; then open cases that
    need classification."""
    from samfam.views import followups as followup_views

    out.check(OVERDUE, only, fmt.value)
    a = app_of(ctx)
    logged = followup_views.overdue(a, advisor, team)
    rows = pseudonymised(logged, pseudonymise)
    late = [r for r in rows if r["status"] == "overdue"]
    orphans = [r for r in rows if r["status"] == "needs a new advisor"]
    unclassified = [r for r in rows if r["status"] == "needs classification"]
    out.emit(
        out.Parts(
            [
                out.Table(
                    late,
                    OVERDUE,
                    title=f"Overdue follow-ups on {a.today.isoformat()} ({len(late)})",
                    empty="No follow-up is overdue.",
                ),
                out.Table(
                    orphans,
                    ORPHANS,
                    title=f"Needs a new advisor ({len(orphans)})",
                    empty="",
                    caption="The advisor has left; reassign with 'samfam case assign REF --advisor …'.",
                ),
                out.Table(
                    unclassified,
                    UNCLASSIFIED,
                    title=f"Needs classification ({len(unclassified)})",
                    empty="",
                    caption="No due date until the grants put the case on the 3-month or 6-week track.",
                ),
            ],
            whole=out.Table(rows, OVERDUE),
        ),
        fmt.value,
        only=only,
    )
    log_read(ctx, "overdue", logged, CASEWORK, f"{len(rows)} cases" + (", pseudonymised" if pseudonymise else ""))
    if check and late:
        raise typer.Exit(ExitStatus.OVERDUE_FOUND)


DUE_COLUMNS = [
    Column("case", "Case"),
    Column("advisor", "Advisor"),
    Column("buddy", "Buddy"),
    Column("track", "Track"),
    Column("last_followup", "Last follow-up"),
    Column("next_due", "Due"),
    Column("days_left", "Days left", "right"),
    Column("book_on", "Book on"),  # the last working day on or before the due date (docs/rules.md § 9)
    Column("level", "Level"),
]
DUE_FIELDS = [*CADENCE_FIELDS, "book_on"]


@commands.command(epilog="Example: samfam due --within 7 --advisor MKJ")
def due(
    ctx: typer.Context,
    within: Annotated[
        int,
        typer.Option(
            "--within", "-w", parser=whole(0, 36500), metavar="DAYS", help="How many days ahead (up to 100 years)."
        ),
    ] = DEFAULT_DUE_SOON_DAYS,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    pseudonymise: PseudonymiseOpt = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Follow-ups coming due from today through the next DAYS days, soonest first."""
    from samfam.views import followups as followup_views
    from samfam.views import workdays as workday_views

    render.check_fields(only, DUE_FIELDS, fmt.value)  # here: the table below is not drawn by listing
    a = app_of(ctx)
    logged, late = followup_views.due(a, within, advisor, team)
    logged = workday_views.book_on(a, logged)
    rows = pseudonymised(logged, pseudonymise)
    if fmt is Format.table:
        shown = [r | {"days_left": -r["days_overdue"]} for r in rows]
        render_table(
            shown,
            DUE_COLUMNS,
            title=f"Due from {a.today.isoformat()} within {within} days ({len(rows)})",
            empty=f"Nothing due within {within} days.",
            caption=f"{late} more overdue: see 'samfam overdue'." if late else None,
        )
    else:
        render.listing(rows, DUE_COLUMNS, fmt.value, fields=DUE_FIELDS, only=only)
    log_read(ctx, "due", logged, CASEWORK, f"{len(rows)} cases" + (", pseudonymised" if pseudonymise else ""))


@commands.command(epilog="Example: samfam explain 2026-0142")
def explain(ctx: typer.Context, ref: RefArg, fmt: FormatOpt = Format.table) -> None:
    """Why a case is on its track, which date anchors the clock, and when it is due."""
    from samfam.views import cases as cases_views

    data = cases_views.explain(app_of(ctx), ref)
    render.card(
        data,
        fmt.value,
        title=f"Case {data['case']}",
        lines=data["explanation"],
        sections=[
            (
                "history",
                "Track over time",
                [
                    Column("from", "From"),
                    Column("to", "To"),
                    Column("track", "Track"),
                    Column("paragraphs", "Active paragraphs"),
                ],
            )
        ],
    )
    log_read(ctx, "explain", data, CASEWORK)


@commands.command(epilog="Example: samfam deadlines --within 90 --advisor MKJ")
def deadlines(
    ctx: typer.Context,
    within: Annotated[
        int,
        typer.Option(
            "--within", "-w", parser=whole(0, 36500), metavar="DAYS", help="How many days ahead (up to 100 years)."
        ),
    ] = 30,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    pseudonymise: PseudonymiseOpt = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Legal deadlines passed or coming: investigations past 4 months, transition at 16, cases at 18."""
    from samfam.views import deadlines as deadlines_views

    a = app_of(ctx)
    logged = deadlines_views.deadlines(a, within, advisor, team)
    rows = pseudonymised(logged, pseudonymise)
    render.listing(
        rows,
        DEADLINE_COLUMNS,
        fmt.value,
        title=f"Legal deadlines to {within} days after {a.today.isoformat()}",
        empty="No legal deadline passed or coming.",
        fields=["case", "advisor", "kind", "deadline", "days_left", "what", "law", "age"],
        only=only,
    )
    log_read(ctx, "deadlines", logged, CASEWORK, f"{len(rows)} deadlines" + (", pseudonymised" if pseudonymise else ""))
