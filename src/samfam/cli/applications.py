"""Applications and their processing deadlines: application add/decide/letter/void/correct/list, frist set/list,
closed-day add/list/remove (docs/rules.md § 9)."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer

from samfam.cli.helptext import Help
from samfam.cli.options import (
    AdvisorFilter,
    FieldsOpt,
    Format,
    FormatOpt,
    ReasonOpt,
    TeamFilter,
    app_of,
    date_option,
    log_read,
    parse_day,
    uow,
    whole,
    word_of,
)
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules import applications as application_rules
from samfam.rules import workdays as workday_rules
from samfam.rules.dates import DATE_FORMS
from samfam.rules.privacy import CASEWORK
from samfam.words import Phrase, mark, said, text

application_app = typer.Typer(
    name="application",
    help="Applications and their processing deadlines (retssikkerhedsloven § 3 stk. 2).",
    no_args_is_help=True,
)
frist_app = typer.Typer(
    name="frist", help="The municipality's published processing deadline per paragraph.", no_args_is_help=True
)
closed_day_app = typer.Typer(
    name="closed-day",
    help="Days the municipality closes (24 and 31 December …): not working days.",
    no_args_is_help=True,
)

#: An outcome as typed, English or Danish (`granted`, `bevilget`): the English one stored.
OutcomeWord = word_of(application_rules.OUTCOME_WORDS)
OUTCOME_HELP = Help(
    mark("{choices}: partly is granted in part (English or Danish)."), choices=application_rules.OUTCOME_WORDS.choices()
)
Unit = StrEnum("Unit", {u: u for u in workday_rules.UNITS})  # type: ignore[misc]

IdArg = Annotated[
    int, typer.Argument(metavar="ID", parser=whole(1), help="The application's id (see 'samfam application list').")
]
DayArg = Annotated[
    date,
    typer.Argument(metavar="DATE", parser=parse_day, help=Help(mark("The day ({forms})."), forms=Phrase(DATE_FORMS))),
]


def _deadline_text(recorded: Any) -> str:
    """The deadline of a recorded application (samfam.actions.applications.Recorded), in the reader's words."""
    if recorded.deadline is None:
        return said(
            mark("no deadline: no processing deadline is published for {code} (set one with 'samfam frist set')"),
            {"code": recorded.application.code},
        )
    return said(
        mark("deadline {day} ({frist} from receipt)"),
        {"day": recorded.deadline.isoformat(), "frist": str(recorded.frist)},  # the frist in words already
    )


@application_app.command("add", epilog="Example: samfam application add 2026-0142 'BL 86' --received 2026-11-02")
def application_add(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="Case reference, e.g. 2026-0142.")],
    code: Annotated[str, typer.Argument(metavar="PARAGRAPH", help="The paragraph applied under, e.g. 'BL 86'.")],
    received: Annotated[date | None, date_option("--received", help="The day it was received; default today")] = None,
) -> None:
    """Record an application received on a case; its deadline follows from the paragraph's frist."""
    from samfam.actions import applications as application_actions

    recorded = application_actions.add_application(uow(ctx), ref, code, received)
    a = recorded.application
    streams.message(
        "Application {id}: case {ref}, {code} received {day}; {deadline}.",
        id=str(a.id),
        ref=recorded.case.ref,
        code=a.code,
        day=a.received,
        deadline=_deadline_text(recorded),
    )


@application_app.command(
    "decide",
    epilog="Example: samfam application decide 1 --on 2026-11-20 --outcome granted --grant-from 2026-12-01",
)
def application_decide(
    ctx: typer.Context,
    application_id: IdArg,
    outcome: Annotated[str, typer.Option("--outcome", metavar="OUTCOME", parser=OutcomeWord, help=OUTCOME_HELP)],
    on: Annotated[date | None, date_option("--on", help="The day of the decision; default today")] = None,
    grant_from: Annotated[
        date | None, date_option("--grant-from", help="Also grant the paragraph from this day (with granted or partly)")
    ] = None,
    grant_to: Annotated[date | None, date_option("--grant-to", help="The grant's last day, if known")] = None,
) -> None:
    """Record the decision on an application; with --grant-from, add the grant in the same step."""
    from samfam.actions import applications as application_actions

    recorded = application_actions.decide_application(uow(ctx), application_id, outcome, on, grant_from, grant_to)
    a = recorded.application
    standing = application_rules.status(recorded.deadline, a.decided, a.letter, a.decided)
    decided = {
        "id": str(a.id),
        "ref": recorded.case.ref,
        "code": a.code,
        "outcome": a.outcome,
        "day": a.decided.isoformat(),
        "standing": standing,
    }
    g = recorded.grant
    if g is None:
        streams.message("Application {id}: case {ref}, {code} {outcome} on {day} ({standing}).", **decided)
    elif g.end is None:
        streams.message(
            "Application {id}: case {ref}, {code} {outcome} on {day} ({standing}); {granted} granted from {start}.",
            **decided,
            granted=g.code,
            start=g.start,
        )
    else:
        streams.message(
            "Application {id}: case {ref}, {code} {outcome} on {day} ({standing}); {granted} granted from {start} "
            "to {end}.",
            **decided,
            granted=g.code,
            start=g.start,
            end=g.end,
        )


@application_app.command("letter", epilog="Example: samfam application letter 1 --on 2026-11-20")
def application_letter(
    ctx: typer.Context,
    application_id: IdArg,
    on: Annotated[date | None, date_option("--on", help="The day of the letter; default today")] = None,
) -> None:
    """Record the letter telling the applicant the deadline cannot be kept (and when to expect a decision)."""
    from samfam.actions import applications as application_actions

    recorded = application_actions.record_letter(uow(ctx), application_id, on)
    a = recorded.application
    streams.message(
        "Application {id}: case {ref}, letter about the delay on {day}; {deadline}.",
        id=str(a.id),
        ref=recorded.case.ref,
        day=a.letter,
        deadline=_deadline_text(recorded),
    )


@application_app.command("void", epilog="Example: samfam application void 1 --reason 'Registreret på den forkerte sag'")
def application_void(ctx: typer.Context, application_id: IdArg, reason: ReasonOpt) -> None:
    """Void an application entered by mistake: it stays in the history, marked, and counts for nothing."""
    from samfam.actions import applications as application_actions

    a = application_actions.void_application(uow(ctx), application_id, reason).application
    streams.message(
        "Application {id} ({code} received {day}) is void; it counts for nothing.",
        id=str(a.id),
        code=a.code,
        day=a.received,
    )


@application_app.command(
    "correct",
    epilog="Example: samfam application correct 1 --received 2026-11-03 --reason 'Forkert modtagelsesdato'",
)
def application_correct(
    ctx: typer.Context,
    application_id: IdArg,
    reason: ReasonOpt,
    received: Annotated[date | None, date_option("--received", help="The right day it was received")] = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            "--outcome",
            metavar="OUTCOME",
            parser=OutcomeWord,
            help=Help(mark("The right outcome: {outcome}"), outcome=OUTCOME_HELP),
        ),
    ] = None,
    on: Annotated[date | None, date_option("--on", help="The right day of the decision")] = None,
    letter: Annotated[date | None, date_option("--letter", help="The right day of the letter about a delay")] = None,
) -> None:
    """Correct an application: the old one is voided (kept, marked) and the corrected one recorded, linked."""
    from samfam.actions import applications as application_actions

    recorded = application_actions.correct_application(uow(ctx), application_id, reason, received, outcome, on, letter)
    a = recorded.application
    now = {
        "old": str(application_id),
        "id": str(a.id),
        "code": a.code,
        "day": a.received.isoformat(),
        "deadline": _deadline_text(recorded),
    }
    if a.decided is None:
        streams.message("Application {old} corrected: now application {id}, {code} received {day}; {deadline}.", **now)
    else:
        streams.message(
            "Application {old} corrected: now application {id}, {code} received {day}, {outcome} on {decided}; "
            "{deadline}.",
            **now,
            outcome=a.outcome,
            decided=a.decided,
        )


@application_app.command(
    "list", epilog="Example: samfam application list --open  ·  samfam application list 2026-0142 -f csv"
)
def application_list(
    ctx: typer.Context,
    ref: Annotated[str | None, typer.Argument(metavar="[REF]", help="One case; default every open case.")] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only applications not decided yet.")] = False,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    include_void: Annotated[
        bool, typer.Option("--all", help="Also the void applications (voided or corrected), marked, with who and why.")
    ] = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Applications with their deadline and where each stands, oldest received first. Void ones only with
    --all."""
    from samfam.views import applications as application_views

    listing = application_views.APPLICATIONS_ALL if include_void else application_views.APPLICATIONS
    out.check(listing, only, fmt.value)
    rows = application_views.applications(app_of(ctx), ref, open_only, advisor, team, include_void)
    undated = sorted({r["code"] for r in rows if r["frist"] is None})
    shown = out.Table(
        rows,
        listing,
        title=text("Open applications") if open_only else text("Applications"),
        empty=text("No open applications.") if open_only else text("No applications."),
        caption=(
            text("No processing deadline is published for {codes}: no deadline (see 'samfam frist set').").format(
                codes=", ".join(undated)
            )
            if undated
            else None
        ),
    )
    out.emit(shown, fmt.value, only=only)
    log_read(ctx, "application.list", rows, CASEWORK, f"{len(rows)} applications")


@frist_app.command("set", epilog="Example: samfam frist set 'BL 86' 40 --unit workdays")
def frist_set(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="PARAGRAPH", help="The paragraph, e.g. 'BL 86'.")],
    amount: Annotated[int, typer.Argument(metavar="N", parser=whole(1, 365), help="How many units (1-365).")],
    unit: Annotated[Unit, typer.Option("--unit", "-u", help="workdays, weeks or days (from the day after receipt).")],
) -> None:
    """Publish (or change) the processing deadline for applications under a paragraph."""
    from samfam.actions import applications as application_actions

    canonical, frist, before = application_actions.set_frist(uow(ctx), code, amount, unit.value)
    if before is None:  # a frist in words already (rules.workdays.describe)
        streams.message("Processing deadline for {code}: {frist} from receipt.", code=canonical, frist=str(frist))
    else:
        streams.message(
            "Processing deadline for {code}: {frist} from receipt (was {was}).",
            code=canonical,
            frist=str(frist),
            was=str(application_rules.Frist(before.amount, before.unit)),
        )


@frist_app.command("list", epilog="Example: samfam frist list -f csv")
def frist_list(ctx: typer.Context, fmt: FormatOpt = Format.table, only: FieldsOpt = None) -> None:
    """The published processing deadlines, by paragraph."""
    from samfam.views import applications as application_views

    rows = application_views.frist_list(app_of(ctx))
    shown = out.Table(
        rows,
        application_views.FRISTER,
        title=text("Processing deadlines"),
        empty=text("No processing deadline is published yet (see 'samfam frist set')."),
    )
    out.emit(shown, fmt.value, only=only)


@closed_day_app.command("add", epilog="Example: samfam closed-day add 2026-12-24 --note Juleaftensdag")
def closed_day_add(
    ctx: typer.Context,
    day: DayArg,
    note: Annotated[str | None, typer.Option("--note", "-n", metavar="TEXT", help="Why, e.g. Juleaftensdag.")] = None,
) -> None:
    """Add a day the municipality closes: no working day is counted on it."""
    from samfam.actions import applications as application_actions

    application_actions.add_closed_day(uow(ctx), day, note)
    streams.message("Closed day {day} added.", day=day)


@closed_day_app.command("list", epilog="Example: samfam closed-day list --year 2026 --holidays")
def closed_day_list(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", parser=whole(1900, 2199), metavar="YEAR", help="Only this year.")
    ] = None,
    with_holidays: Annotated[
        bool, typer.Option("--holidays", help="The public holidays too (of --year, else of this year).")
    ] = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """The days the municipality closes; with --holidays, Denmark's public holidays too."""
    from samfam.views import applications as application_views

    rows = application_views.closed_day_list(app_of(ctx), year, with_holidays)
    shown = out.Table(
        rows,
        application_views.DAYS_OFF,
        title=text("Days off") if with_holidays else text("Closed days"),
        empty=text("No closed days.") if not with_holidays else text("No days off."),
    )
    out.emit(shown, fmt.value, only=only)


@closed_day_app.command("remove", epilog="Example: samfam closed-day remove 2026-12-31")
def closed_day_remove(ctx: typer.Context, day: DayArg) -> None:
    """Remove a closed day (a day the municipality stays open after all)."""
    from samfam.actions import applications as application_actions

    application_actions.remove_closed_day(uow(ctx), day)
    streams.message("Closed day {day} removed.", day=day)
