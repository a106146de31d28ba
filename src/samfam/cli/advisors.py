"""Advisors (staff): add, list, update."""

from typing import Annotated

import typer

from samfam.cli.options import Format, FormatOpt, TeamFilter, app_of, uow, whole
from samfam.output import formats as render
from samfam.output import streams
from samfam.output.cells import Column

advisor_app = typer.Typer(name="advisor", help="Advisors (staff).", no_args_is_help=True)


@advisor_app.command("add", epilog="Example: samfam advisor add MKJ --name 'Mette K. Jensen' --team Nord")
def advisor_add(
    ctx: typer.Context,
    initials: Annotated[str, typer.Argument(metavar="INITIALS", help="Unique initials, e.g. MKJ.")],
    name: Annotated[str, typer.Option("--name", "-n", help="Full name.")],
    team: Annotated[str | None, typer.Option("--team", "-t", help="Team name.")] = None,
    role: Annotated[str | None, typer.Option("--role", "-r", help="Role, e.g. rådgiver, teamleder, psykolog.")] = None,
) -> None:
    """Add an advisor."""
    from samfam.actions import staff as staff_actions

    advisor = staff_actions.add_advisor(uow(ctx), initials, name, team, role)
    streams.message(f"Added advisor {advisor.initials} ({advisor.name}).")


ADVISOR_COLUMNS = [
    Column("initials", "Initials"),
    Column("name", "Name"),
    Column("team", "Team"),
    Column("role", "Role"),
]


@advisor_app.command("list", epilog="Example: samfam advisor list --team Nord -f csv")
def advisor_list(ctx: typer.Context, team: TeamFilter = None, fmt: FormatOpt = Format.table) -> None:
    """List advisors."""
    from samfam.views import staff as staff_views

    rows = staff_views.advisor_list(app_of(ctx), team)
    render.listing(rows, ADVISOR_COLUMNS, fmt.value, title="Advisors", empty="No advisors yet.")


@advisor_app.command("update", epilog="Example: samfam advisor update MKJ --caseload-target 24")
def advisor_update(
    ctx: typer.Context,
    initials: Annotated[str, typer.Argument(metavar="INITIALS")],
    name: Annotated[str | None, typer.Option("--name", "-n")] = None,
    team: Annotated[str | None, typer.Option("--team", "-t")] = None,
    role: Annotated[str | None, typer.Option("--role", "-r")] = None,
    caseload_target: Annotated[
        int | None,
        typer.Option(
            "--caseload-target", parser=whole(0), metavar="N", help="How many open cases this advisor should hold."
        ),
    ] = None,
) -> None:
    """Change an advisor's name, team, role or caseload target."""
    from samfam.actions import staff as staff_actions

    advisor = staff_actions.update_advisor(uow(ctx), initials, name, team, role, caseload_target)
    streams.message(f"Advisor {advisor.initials} updated.")
