"""What is due: overdue, due, explain, deadlines."""

from typing import Annotated

import typer

from samfam.cli.options import (
    AdvisorFilter,
    FieldsOpt,
    Format,
    FormatOpt,
    PrimaryFilter,
    PseudonymiseOpt,
    RefArg,
    TeamFilter,
    app_of,
    log_read,
    pseudonymised,
    whole,
)
from samfam.errors import ExitStatus
from samfam.output import emit as out
from samfam.rules.cadence import DEFAULT_DUE_SOON_DAYS
from samfam.rules.privacy import CASEWORK
from samfam.words import day as day_text
from samfam.words import plural, text

commands = typer.Typer()


@commands.command(
    epilog="Example: samfam overdue --team Nord -f csv > overdue.csv  ·  samfam overdue -f excel > forfaldne.csv  ·  "
    "samfam overdue --check || mail …"
)
def overdue(
    ctx: typer.Context,
    advisor: AdvisorFilter = None,
    primary: PrimaryFilter = False,
    team: TeamFilter = None,
    check: Annotated[bool, typer.Option("--check", help="Exit with status 3 when any follow-up is overdue.")] = False,
    pseudonymise: PseudonymiseOpt = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Overdue follow-ups, most days overdue first; then cases whose advisor has left; then open cases that
    need classification."""
    from samfam.views import followups as followup_views

    out.check(followup_views.OVERDUE, only, fmt.value)
    a = app_of(ctx)
    groups = followup_views.overdue_groups(a, advisor, team, primary)
    logged = groups.rows
    late, orphans, unclassified = pseudonymised(tuple(groups), pseudonymise)
    rows = late + orphans + unclassified
    out.emit(
        out.Parts(
            [
                out.Table(
                    late,
                    followup_views.OVERDUE,
                    title=text("Overdue follow-ups on {day} ({n})").format(day=day_text(a.today), n=len(late)),
                    empty=text("No follow-up is overdue."),
                ),
                out.Table(
                    orphans,
                    followup_views.ORPHANS,
                    title=text("Needs a new advisor ({n})").format(n=len(orphans)),
                    empty="",
                    caption=text("The advisor has left; reassign with 'samfam case assign REF --advisor …'."),
                ),
                out.Table(
                    unclassified,
                    followup_views.UNCLASSIFIED,
                    title=text("Needs classification ({n})").format(n=len(unclassified)),
                    empty="",
                    caption=text("No due date until the grants put the case on the 3-month or 6-week track."),
                ),
            ],
            whole=out.Table(rows, followup_views.OVERDUE),
        ),
        fmt.value,
        only=only,
    )
    log_read(ctx, "overdue", logged, CASEWORK, _cases(len(rows)) + (", pseudonymised" if pseudonymise else ""))
    if check and late:
        raise typer.Exit(ExitStatus.OVERDUE_FOUND)


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
    primary: PrimaryFilter = False,
    team: TeamFilter = None,
    pseudonymise: PseudonymiseOpt = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Follow-ups coming due from today through the next DAYS days, soonest first."""
    from samfam.views import followups as followup_views

    out.check(followup_views.DUE, only, fmt.value)
    a = app_of(ctx)
    logged, late = followup_views.due_shown(a, within, advisor, team, primary)
    rows = pseudonymised(logged, pseudonymise)
    out.emit(
        out.Table(
            rows,
            followup_views.DUE,
            title=text("Due from {day} within {days} ({n})").format(
                day=day_text(a.today), days=plural(within, "{n} day", "{n} days"), n=len(rows)
            ),
            empty=plural(within, "Nothing due within {n} day.", "Nothing due within {n} days."),
            caption=text("{n} more overdue: see 'samfam overdue'.").format(n=late) if late else None,
        ),
        fmt.value,
        only=only,
    )
    log_read(ctx, "due", logged, CASEWORK, _cases(len(rows)) + (", pseudonymised" if pseudonymise else ""))


@commands.command(epilog="Example: samfam explain 2026-0142")
def explain(ctx: typer.Context, ref: RefArg, fmt: FormatOpt = Format.table) -> None:
    """Why a case is on its track, which date anchors the clock, and when it is due."""
    from samfam.views import cases as cases_views

    data, said = cases_views.explain(app_of(ctx), ref)
    out.emit(
        out.Card(
            data,
            title=text("Case {ref}").format(ref=data["case"]),
            lines=said,
            sections=[("history", cases_views.TRACK_HISTORY, cases_views.TRACK_HISTORY_COLUMNS)],
            labels=cases_views.CARD_LABELS,
            in_words=cases_views.CARD_WORDS,
        ),
        fmt.value,
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
    primary: PrimaryFilter = False,
    team: TeamFilter = None,
    pseudonymise: PseudonymiseOpt = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Legal deadlines passed or coming: investigations past 4 months, transition at 16, cases at 18."""
    from samfam.views import deadlines as deadlines_views

    a = app_of(ctx)
    logged = deadlines_views.deadlines(a, within, advisor, team, whole_months=pseudonymise, primary=primary)
    rows = pseudonymised(logged, pseudonymise)
    out.emit(
        out.Table(
            rows,
            deadlines_views.DEADLINES,
            title=text("Legal deadlines to {days} days after {day}").format(days=within, day=day_text(a.today)),
            empty=text("No legal deadline passed or coming."),
        ),
        fmt.value,
        only=only,
    )
    log_read(
        ctx,
        "deadlines",
        logged,
        CASEWORK,
        plural(len(rows), "{n} deadline", "{n} deadlines", stored=True) + (", pseudonymised" if pseudonymise else ""),
    )


def _cases(n: int) -> str:
    """How many cases a listing showed, for the access log (kept in English)."""
    return plural(n, "{n} case", "{n} cases", stored=True)
