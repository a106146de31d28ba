"""What happened on a case: event add, list, kinds."""

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import Format, FormatOpt, RefArg, app_of, date_option, uow, whole
from samfam.output import formats as render
from samfam.output import streams
from samfam.output.cells import Column
from samfam.rules.events import EVENT_KINDS

event_app = typer.Typer(name="event", help="What happened on a case: meetings, visits, calls.", no_args_is_help=True)

EventKind = StrEnum("EventKind", {k.name: k.name for k in EVENT_KINDS})  # type: ignore[misc]


@event_app.command(
    "add", epilog="Example: samfam event add 2026-0142 followup --on 2026-11-20 --scale 6 --note 'Ny skole'"
)
def event_add(
    ctx: typer.Context,
    ref: RefArg,
    kind: Annotated[
        EventKind,
        typer.Argument(
            metavar="KIND",
            help="startup, followup, home-visit, network-meeting, assessment-meeting count as follow-up; "
            "analysis-meeting, child-conversation, child-observation, case-meeting, phone, sms, email do not "
            "(see 'samfam event kinds').",
        ),
    ],
    on: Annotated[date | None, date_option("--on", help="When it happened; default today")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="A short note.")] = None,
    scale: Annotated[
        int | None,
        typer.Option(
            "--scale", parser=whole(0, 10), metavar="0-10", help="Signs of Safety scale 0-10 (follow-ups only)."
        ),
    ] = None,
    with_actors: Annotated[
        list[int] | None,
        typer.Option("--with", metavar="ACTOR_ID", parser=whole(1), help="An actor who took part (repeat for more)."),
    ] = None,
) -> None:
    """Record an event on a case."""
    from samfam.actions import events as events_actions

    event = events_actions.add_event(uow(ctx), ref, kind.value, on, note, scale, tuple(with_actors or ()))
    streams.message(f"Case {ref}: {event.kind} on {event.day.isoformat()} recorded.")


EVENT_COLUMNS = [
    Column("day", "Date"),
    Column("kind", "Kind"),
    Column("counts", "Counts"),
    Column("scale", "Scale", "right"),
    Column("note", "Note"),
    Column("with", "With actors"),
    Column("recorded_by", "By"),
]


@event_app.command("list", epilog="Example: samfam event list 2026-0142 -f csv")
def event_list(ctx: typer.Context, ref: RefArg, fmt: FormatOpt = Format.table) -> None:
    """List a case's events, oldest first."""
    from samfam.views import cases as cases_views

    rows = cases_views.event_list(app_of(ctx), ref)
    render.listing(
        rows,
        EVENT_COLUMNS,
        fmt.value,
        title=f"Events on case {ref}",
        empty="No events yet.",
        fields=["case", "day", "kind", "counts", "scale", "note", "with", "recorded_by"],
    )


@event_app.command("kinds", epilog="Example: samfam event kinds")
def event_kinds(fmt: FormatOpt = Format.table) -> None:
    """The event kinds, and which count as a follow-up."""
    from samfam.views import catalogue as catalogue_views

    render.listing(
        catalogue_views.event_kind_list(),
        [
            Column("kind", "Kind"),
            Column("counts", "Counts as follow-up"),
            Column("danish", "Dansk"),
            Column("what", "What"),
        ],
        fmt.value,
        title="Event kinds",
    )
