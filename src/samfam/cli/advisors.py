"""Advisors (staff): add, list, update, leave; away, absence-remove and absences (holidays, leave, courses)."""

from datetime import date
from typing import Annotated

import typer

from samfam.cli.options import (
    FieldsOpt,
    Format,
    FormatOpt,
    OldShortN,
    app_of,
    date_option,
    log_read,
    one_of,
    team_option,
    uow,
    whole,
)
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules.privacy import CASEWORK
from samfam.words import mark, plural, said, text

advisor_app = typer.Typer(name="advisor", help="Advisors (staff).", no_args_is_help=True)


LoginOpt = Annotated[
    str | None,
    typer.Option(
        "--login",
        metavar="NAME",
        help="The PostgreSQL login the advisor acts under (a shared database); samfam never stores a password.",
    ),
]


@advisor_app.command(
    "add",
    epilog="Example: samfam advisor add MKJ --name 'Mette K. Jensen' --team Nord  ·  "
    "samfam advisor add MKJ --name 'Mette K. Jensen' --login mkj",
)
def advisor_add(
    ctx: typer.Context,
    initials: Annotated[str, typer.Argument(metavar="INITIALS", help="Unique initials, e.g. MKJ.")],
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="Full name.  [required]")] = None,
    team: Annotated[str | None, typer.Option("--team", "-t", metavar="TEAM", help="Team name.")] = None,
    role: Annotated[
        str | None, typer.Option("--role", "-r", metavar="ROLE", help="Role, e.g. rådgiver, teamleder, psykolog.")
    ] = None,
    login: LoginOpt = None,
    old_name: OldShortN = None,
) -> None:
    """Add an advisor."""
    from samfam.actions import staff as staff_actions

    name = one_of(name, old_name, "--name")
    if name is None:
        raise typer.BadParameter(said(mark("is missing; give the advisor's full name"), {}), param_hint="--name")
    advisor = staff_actions.add_advisor(uow(ctx), initials, name, team, role, login)
    streams.message("Added advisor {initials} ({name}).", initials=advisor.initials, name=advisor.name)


@advisor_app.command("list", epilog="Example: samfam advisor list --team Nord -f csv")
def advisor_list(
    ctx: typer.Context,
    team: Annotated[str | None, team_option(help="Only the advisors in this team.")] = None,
    everyone: Annotated[bool, typer.Option("--all", help="Also advisors who have left.")] = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """List advisors (those who have left only with --all)."""
    from samfam.views import staff as staff_views

    rows = staff_views.advisor_list(app_of(ctx), team, everyone)
    listing = staff_views.ADVISORS_ALL if everyone else staff_views.ADVISORS
    out.emit(out.Table(rows, listing, title=text("Advisors"), empty=text("No advisors yet.")), fmt.value, only=only)


@advisor_app.command(
    "leave",
    epilog="Example: samfam advisor leave MKJ --on 2026-12-31  ·  "
    "samfam advisor leave MKJ --on 2027-01-31 --reason 'Opsigelsen er forlænget'  ·  "
    "samfam advisor leave MKJ --undo --reason 'Registreret ved en fejl'",
)
def advisor_leave(
    ctx: typer.Context,
    initials: Annotated[str, typer.Argument(metavar="INITIALS", help="The advisor who leaves.")],
    on: Annotated[
        date | None, date_option("--on", help="The advisor's last day (again, with --reason: moves it)")
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Undo a last day recorded by mistake (with --reason).")] = False,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", "-r", metavar="TEXT", help="Why: required to move or undo a last day; kept in the audit log."
        ),
    ] = None,
) -> None:
    """Record that an advisor has left: no new cases, buddies or tasks; open cases need a new advisor. Again
    with --reason: move the last day; --undo --reason: undo it."""
    from samfam.actions import staff as staff_actions

    advisor, holding, was = staff_actions.advisor_leave(uow(ctx), initials, on, reason, undo)
    who = {"initials": advisor.initials, "name": advisor.name}
    if undo:
        streams.message("Advisor {initials} ({name}): the leave on {day} is undone.", **who, day=was)
    elif was is not None:
        streams.message(
            "Advisor {initials} ({name}): last day moved from {was} to {day}.",
            **who,
            was=was,
            day=advisor.left,
        )
    else:
        streams.message("Advisor {initials} ({name}) left on {day}.", **who, day=advisor.left)
    if holding:
        streams.note(
            "{holding}: {cases} (samfam case assign REF --advisor …)",
            holding=plural(len(holding), "{n} open case needs a new advisor", "{n} open cases need a new advisor"),
            cases=", ".join(holding),
        )
        log_read(ctx, "advisor.leave", [{"case": ref} for ref in holding], CASEWORK, "open cases listed")


@advisor_app.command(
    "update", epilog="Example: samfam advisor update MKJ --caseload-target 24  ·  samfam advisor update MKJ --login mkj"
)
def advisor_update(
    ctx: typer.Context,
    initials: Annotated[str, typer.Argument(metavar="INITIALS", help="The advisor to change.")],
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="The new full name.")] = None,
    team: Annotated[str | None, typer.Option("--team", "-t", metavar="TEAM", help="The new team.")] = None,
    role: Annotated[
        str | None, typer.Option("--role", "-r", metavar="ROLE", help="The new role, e.g. rådgiver, teamleder.")
    ] = None,
    caseload_target: Annotated[
        int | None,
        typer.Option(
            "--caseload-target",
            parser=whole(0, 1000),
            metavar="N",
            help="How many open cases this advisor should hold.",
        ),
    ] = None,
    login: LoginOpt = None,
    no_login: Annotated[bool, typer.Option("--no-login", help="Unlink the advisor's PostgreSQL login.")] = False,
    old_name: OldShortN = None,
) -> None:
    """Change an advisor's name, team, role, caseload target or PostgreSQL login."""
    from samfam.actions import staff as staff_actions

    name = one_of(name, old_name, "--name")
    advisor = staff_actions.update_advisor(
        uow(ctx), initials, name, team, role, caseload_target, login=login, unlink=no_login
    )
    streams.message("Advisor {initials} updated.", initials=advisor.initials)


@advisor_app.command(
    "away", epilog="Example: samfam advisor away MKJ --from 2026-12-21 --to 2027-01-01 --reason Juleferie"
)
def advisor_away(
    ctx: typer.Context,
    initials: Annotated[str, typer.Argument(metavar="INITIALS", help="The advisor who is away.")],
    start: Annotated[date, date_option("--from", help="The first day away")],
    end: Annotated[date, date_option("--to", help="The last day away")],
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", "-r", metavar="TEXT", help="Why, e.g. Juleferie, barsel, kursus (up to 200 characters)."
        ),
    ] = None,
) -> None:
    """Record that an advisor is away (holiday, leave, a course): no working days for the forecast."""
    from samfam.actions import staff as staff_actions

    absence = staff_actions.advisor_away(uow(ctx), initials, start, end, reason)
    streams.message(
        "Absence {id}: {advisor} away from {start} to {end} ({days}).",
        id=str(absence.row.id),
        advisor=absence.advisor,
        start=start,
        end=end,
        days=_working_days(absence.workdays),
    )


def _working_days(n: int) -> str:
    return plural(n, "{n} working day", "{n} working days")


@advisor_app.command("absence-remove", epilog="Example: samfam advisor absence-remove 2 --reason 'Kurset er aflyst'")
def advisor_absence_remove(
    ctx: typer.Context,
    absence_id: Annotated[
        int, typer.Argument(metavar="ID", parser=whole(1), help="The absence's id (see 'samfam advisor absences').")
    ],
    reason: Annotated[
        str | None,
        typer.Option("--reason", "-r", metavar="TEXT", help="Why, e.g. entered by mistake, called off (up to 200)."),
    ] = None,
) -> None:
    """Remove an absence entered by mistake or called off: its days are working days again. The audit log
    keeps what was removed. To shorten one, remove it and record the days that remain."""
    from samfam.actions import staff as staff_actions

    absence = staff_actions.remove_absence(uow(ctx), absence_id, reason)
    row = absence.row
    streams.message(
        "Absence {id} removed: {advisor} is no longer away from {start} to {end} ({days} again).",
        id=str(row.id),
        advisor=absence.advisor,
        start=row.start,
        end=row.end,
        days=_working_days(absence.workdays),
    )


@advisor_app.command("absences", epilog="Example: samfam advisor absences MKJ --all -f csv")
def advisor_absences(
    ctx: typer.Context,
    initials: Annotated[str | None, typer.Argument(metavar="[INITIALS]", help="Only this advisor's absences.")] = None,
    team: Annotated[
        str | None, typer.Option("--team", "-t", metavar="TEAM", help="Only the advisors in this team.")
    ] = None,
    everyone: Annotated[bool, typer.Option("--all", help="Also absences that ended before today.")] = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Advisors' absences, in date order: those ending today or later (past ones too with --all)."""
    from samfam.views import absences as absence_views

    rows = absence_views.absence_list(app_of(ctx), initials, team, everyone)
    out.emit(
        out.Table(
            rows,
            absence_views.ABSENCES,
            title=text("Absences"),
            empty=(
                text("No absences recorded (see 'samfam advisor away').")
                if everyone
                else text("No current or coming absences.")
            ),
        ),
        fmt.value,
        only=only,
    )
