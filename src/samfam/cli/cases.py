"""Cases: open, show, list, assign, close, buddy, complex, and the core team (case member)."""

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import (
    AdvisorFilter,
    CorrectionOpt,
    FieldsOpt,
    Format,
    FormatOpt,
    PrimaryFilter,
    ReasonOpt,
    RefArg,
    TeamFilter,
    app_of,
    date_option,
    log_read,
    uow,
)
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules.privacy import CASEWORK
from samfam.words import Phrase, mark, plural, said, text

case_app = typer.Typer(name="case", help="Cases: open, show, list, assign, close.", no_args_is_help=True)
member_app = typer.Typer(help="The case's core team beyond the primary advisor and buddy.", no_args_is_help=True)
case_app.add_typer(member_app, name="member")


@case_app.command(
    "open",
    epilog="Example: samfam case open 2026-0142 --child 'Alma Nielsen' --advisor MKJ "
    "--born 2019-04-02 --para 'BL 86' --para 'BL 30'",
)
def case_open(
    ctx: typer.Context,
    ref: RefArg,
    child: Annotated[str, typer.Option("--child", "-c", metavar="NAME", help="The child's name.")],
    advisor: Annotated[str, typer.Option("--advisor", "-a", metavar="INITIALS", help="Primary advisor.")],
    cpr: Annotated[
        str | None,
        typer.Option("--cpr", metavar="CPR", help="The child's CPR number, DDMMYY-SSSS (gives the birth date)."),
    ] = None,
    born: Annotated[date | None, date_option("--born", help="Birth date, when no CPR number is given")] = None,
    opened: Annotated[date | None, date_option("--opened", help="Opening date; default today")] = None,
    para: Annotated[
        list[str] | None,
        typer.Option(
            "--para",
            "-p",
            metavar="CODE",
            help="A granted paragraph, e.g. 'SEL 41' or 'BL 86'; repeat for more. Each starts on the opening date.",
        ),
    ] = None,
    buddy: Annotated[
        str | None, typer.Option("--buddy", "-b", metavar="INITIALS", help="Buddy advisor (makker).")
    ] = None,
    complex_case: Annotated[bool, typer.Option("--complex", help="A complex case (wants a buddy).")] = False,
) -> None:
    """Open a new case."""
    from samfam.actions import cases as cases_actions

    case = cases_actions.open_case(
        uow(ctx), ref, child, advisor, cpr, born, opened, tuple(para or ()), buddy, complex_case
    )
    streams.message("Opened case {ref} for {child} on {day}.", ref=case.ref, child=case.child_name, day=case.opened)


@case_app.command("show", epilog="Example: samfam case show 2026-0142 -f json")
def case_show(
    ctx: typer.Context,
    ref: RefArg,
    reveal_cpr: Annotated[bool, typer.Option("--reveal-cpr", help="Show the full CPR number (logged).")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """The whole case card: people, track and due date, grants, events. Logged as a read."""
    from samfam.views import cases as cases_views

    data = cases_views.case_card(app_of(ctx), ref, reveal_cpr)
    out.emit(
        out.Card(
            data,
            title=text("Case {ref}").format(ref=data["case"]),
            sections=cases_views.CARD_SECTIONS,
            labels=cases_views.CARD_LABELS,
            in_words=cases_views.CARD_WORDS,
        ),
        fmt.value,
    )
    log_read(ctx, "case.show.reveal-cpr" if reveal_cpr else "case.show", data, CASEWORK)


class Status(StrEnum):
    open = "open"
    closed = "closed"
    all = "all"


class Track(StrEnum):
    three_months = "3m"
    six_weeks = "6w"
    unclassified = "unclassified"


@case_app.command("list", epilog="Example: samfam case list --advisor MKJ --track 6w  ·  samfam case list --attention")
def case_list(
    ctx: typer.Context,
    advisor: AdvisorFilter = None,
    primary: PrimaryFilter = False,
    track: Annotated[Track | None, typer.Option("--track", help="Only cases on this track today.")] = None,
    status: Annotated[
        Status, typer.Option("--status", "-s", help="Open or closed on the as-of date, or all.")
    ] = Status.open,
    team: TeamFilter = None,
    attention: Annotated[
        bool,
        typer.Option(
            "--attention", help="Only open cases needing attention (overdue, unclassified, start of case …), with why."
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """List cases with their track and next due date."""
    from samfam.views import cases as cases_views

    rows = cases_views.case_list(
        app_of(ctx), advisor, track.value if track else None, status.value, team, attention, primary
    )
    out.emit(
        out.Table(
            rows,
            cases_views.CASES_ATTENTION if attention else cases_views.CASES,
            title=(
                text("Cases needing attention ({n})").format(n=len(rows))
                if attention
                else text("Cases ({n})").format(n=len(rows))
            ),
            empty=text("No case needs attention.") if attention else text("No cases match."),
        ),
        fmt.value,
        only=only,
    )
    log_read(ctx, "case.list", rows, CASEWORK, plural(len(rows), "{n} case", "{n} cases", stored=True))


@case_app.command(
    "assign",
    epilog="Example: samfam case assign 2026-0142 --advisor LBH  ·  "
    "samfam case assign 2026-0142 --advisor HEM --on 2026-08-01 --reason 'Forkert dato'",
)
def case_assign(
    ctx: typer.Context,
    ref: RefArg,
    advisor: Annotated[str, typer.Option("--advisor", "-a", metavar="INITIALS", help="The new primary advisor.")],
    on: Annotated[date | None, date_option("--on", help="First day with the new advisor; default today")] = None,
    reason: CorrectionOpt = None,
) -> None:
    """Give a case a new primary advisor (starts an advisor-change handover)."""
    from samfam.actions import cases as cases_actions

    old, new = cases_actions.assign_case(uow(ctx), ref, advisor, on, reason)
    streams.message("Case {ref}: primary advisor {old} -> {new}.", ref=ref, old=old, new=new)


@case_app.command("close", epilog="Example: samfam case close 2026-0142 --reason 'Moved to Aarhus' --on 2026-11-30")
def case_close(
    ctx: typer.Context,
    ref: RefArg,
    reason: Annotated[str, typer.Option("--reason", "-r", metavar="TEXT", help="Why the case closes.")],
    on: Annotated[date | None, date_option("--on", help="Closing date; default today")] = None,
    force: Annotated[
        str | None,
        typer.Option("--force", metavar="REASON", help="Close although the closure checklist is incomplete (logged)."),
    ] = None,
) -> None:
    """Close a case once its closure handover is complete. Closed cases are never overdue."""
    from samfam.actions import cases as cases_actions

    case, missing = cases_actions.close_case(uow(ctx), ref, reason, on, force)
    streams.message("Closed case {ref} on {day}.", ref=case.ref, day=case.closed)
    if missing:
        streams.note("Closed without: {missing} (the reason is in the audit log).", missing=", ".join(missing))


# -- buddies and the core team ---------------------------------------------------------------------


@case_app.command("reopen", epilog="Example: samfam case reopen 2026-0142 --reason 'Lukket ved en fejl'")
def case_reopen(
    ctx: typer.Context,
    ref: RefArg,
    reason: ReasonOpt,
    on: Annotated[date | None, date_option("--on", help="Reopening day; default today")] = None,
) -> None:
    """Reopen a closed case: the closure stays in the history; the cadence runs from the reopening day."""
    from samfam.actions import cases as cases_actions

    case = cases_actions.reopen_case(uow(ctx), ref, reason, on)
    streams.message("Reopened case {ref} on {day}.", ref=case.ref, day=case.reopened)


@case_app.command(
    "update", epilog="Example: samfam case update 2026-0142 --child 'Alma Holm' --reason 'Stavefejl i navnet'"
)
def case_update(
    ctx: typer.Context,
    ref: RefArg,
    reason: ReasonOpt,
    child: Annotated[str | None, typer.Option("--child", "-c", metavar="NAME", help="The child's name.")] = None,
    born: Annotated[date | None, date_option("--born", help="Birth date (clears the CPR number)")] = None,
    cpr: Annotated[str | None, typer.Option("--cpr", metavar="CPR", help="CPR number (gives the birth date).")] = None,
    complex_case: Annotated[
        bool | None, typer.Option("--complex/--no-complex", help="A complex case (wants a buddy), or not.")
    ] = None,
) -> None:
    """Correct a typing error in the case's own fields; the audit log keeps what changed and why."""
    from samfam.actions import cases as cases_actions

    case = cases_actions.update_case(uow(ctx), ref, reason, child, born, cpr, complex_case)
    streams.message("Updated case {ref}.", ref=case.ref)


@case_app.command("buddy", epilog="Example: samfam case buddy 2026-0142 LBH  ·  samfam case buddy 2026-0142 --remove")
def case_buddy(
    ctx: typer.Context,
    ref: RefArg,
    advisor: Annotated[str | None, typer.Argument(metavar="[INITIALS]", help="The buddy (makker).")] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove the buddy.")] = False,
    on: Annotated[date | None, date_option("--on", help="First day of the change; default today")] = None,
    reason: CorrectionOpt = None,
) -> None:
    """Pair the case with a buddy advisor, or remove the buddy."""
    from samfam.actions import cases as cases_actions

    if (advisor is None) == (not remove):
        raise typer.BadParameter(said(mark("give the buddy's INITIALS, or --remove"), {}))
    old, new = cases_actions.set_buddy(uow(ctx), ref, None if remove else advisor, on, reason)
    none = Phrase(mark("none"))
    streams.message("Case {ref}: buddy {old} -> {new}.", ref=ref, old=old or none, new=new or none)


@case_app.command("complex", epilog="Example: samfam case complex 2026-0142  ·  samfam case complex 2026-0142 --no")
def case_complex(
    ctx: typer.Context,
    ref: RefArg,
    no: Annotated[bool, typer.Option("--no", help="The case is not complex (any more).")] = False,
) -> None:
    """Mark a case as complex (it then wants a buddy)."""
    from samfam.actions import cases as cases_actions

    case = cases_actions.set_complex(uow(ctx), ref, not no)
    if case.complex:
        streams.message("Case {ref}: complex.", ref=case.ref)
    else:
        streams.message("Case {ref}: not complex.", ref=case.ref)


@member_app.command("add", epilog="Example: samfam case member add 2026-0142 PSY --role psykolog")
def member_add(
    ctx: typer.Context,
    ref: RefArg,
    advisor: Annotated[str, typer.Argument(metavar="INITIALS", help="The staff member who joins the case.")],
    role: Annotated[
        str,
        typer.Option(
            "--role", "-r", metavar="ROLE", help="Their role on the case, e.g. psykolog, tale-/hørekonsulent."
        ),
    ],
    on: Annotated[date | None, date_option("--on", help="First day on the core team; default today")] = None,
    reason: CorrectionOpt = None,
) -> None:
    """Add a colleague to the case's core team with a role."""
    from samfam.actions import cases as cases_actions

    initials = cases_actions.add_member(uow(ctx), ref, advisor, role, on, reason)
    streams.message("Case {ref}: {initials} joined the core team as {role}.", ref=ref, initials=initials, role=role)


@member_app.command("remove", epilog="Example: samfam case member remove 2026-0142 PSY")
def member_remove(
    ctx: typer.Context,
    ref: RefArg,
    advisor: Annotated[str, typer.Argument(metavar="INITIALS", help="The staff member who leaves the case.")],
    on: Annotated[date | None, date_option("--on", help="Last day on the core team; default today")] = None,
) -> None:
    """Take a colleague off the case's core team."""
    from samfam.actions import cases as cases_actions

    initials = cases_actions.remove_member(uow(ctx), ref, advisor, on)
    streams.message("Case {ref}: {initials} left the core team.", ref=ref, initials=initials)
