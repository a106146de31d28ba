"""What happened on a case: event add, list, kinds."""

from datetime import date
from typing import Annotated

import typer

from samfam.cli.helptext import Help
from samfam.cli.options import (
    FieldsOpt,
    Format,
    FormatOpt,
    ReasonOpt,
    RefArg,
    app_of,
    date_option,
    log_read,
    uow,
    whole,
    word_of,
)
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules import events as event_rules
from samfam.rules.privacy import CASEWORK
from samfam.rules.vocabulary import shown
from samfam.words import Phrase, mark, text

event_app = typer.Typer(name="event", help="What happened on a case: meetings, visits, calls.", no_args_is_help=True)

#: A kind as typed, English or Danish (`followup`, `opfølgning`, `Opfølgningsmøde`): the English one stored.
KindWord = word_of(event_rules.EVENT_WORDS)
_COUNTING = ", ".join(shown(w) for w in event_rules.EVENT_WORDS.words if w.name in event_rules.COUNTING_KINDS)
_NOT_COUNTING = ", ".join(shown(w) for w in event_rules.EVENT_WORDS.words if w.name not in event_rules.COUNTING_KINDS)


@event_app.command(
    "add", epilog="Example: samfam event add 2026-0142 followup --on 2026-11-20 --scale 6 --note 'Ny skole'"
)
def event_add(
    ctx: typer.Context,
    ref: RefArg,
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            parser=KindWord,
            help=Help(
                mark(
                    "{counting} count as follow-up; {not_counting} do not. In English or Danish, any case, æøå "
                    "also as ae/oe/aa; stored in English (see 'samfam event kinds')."
                ),
                counting=_COUNTING,
                not_counting=_NOT_COUNTING,
            ),
        ),
    ],
    on: Annotated[date | None, date_option("--on", help="When it happened; default today")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", metavar="TEXT", help="A short note.")] = None,
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

    event = events_actions.add_event(uow(ctx), ref, kind, on, note, scale, tuple(with_actors or ()))
    streams.message("Case {ref}: {kind} on {day} recorded.", ref=ref, kind=Phrase(event.kind), day=event.day)


@event_app.command("list", epilog="Example: samfam event list 2026-0142 -f csv  ·  samfam event list 2026-0142 --all")
def event_list(
    ctx: typer.Context,
    ref: RefArg,
    include_void: Annotated[
        bool, typer.Option("--all", help="Also the void events (entered by mistake), marked, with who and why.")
    ] = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """List a case's events with their ids, oldest first. Void events only with --all."""
    from samfam.views import cases as cases_views

    rows = cases_views.event_list(app_of(ctx), ref, include_void)
    out.emit(
        out.Table(
            rows,
            cases_views.EVENTS_ALL if include_void else cases_views.EVENTS,
            title=text("Events on case {ref}").format(ref=ref),
            empty=text("No events yet."),
        ),
        fmt.value,
        only=only,
    )
    log_read(ctx, "event.list", [{"case": r["case"]} for r in rows] or [{"case": ref}], CASEWORK)


@event_app.command("void", epilog="Example: samfam event void 57 --reason 'Registreret på forkert sag'")
def event_void(
    ctx: typer.Context,
    event_id: Annotated[int, typer.Argument(metavar="ID", parser=whole(1), help="The event's id (event list).")],
    reason: ReasonOpt,
) -> None:
    """Void an event entered by mistake: it stays in the history, marked, and counts for nothing."""
    from samfam.actions import events as events_actions

    event = events_actions.void_event(uow(ctx), event_id, reason)
    streams.message(
        "Event {id} ({kind} on {day}) is void; it counts for nothing.",
        id=str(event.id),
        kind=Phrase(event.kind),
        day=event.day,
    )


@event_app.command("correct", epilog="Example: samfam event correct 57 --on 2026-11-19 --reason 'Forkert dato'")
def event_correct(
    ctx: typer.Context,
    event_id: Annotated[int, typer.Argument(metavar="ID", parser=whole(1), help="The event's id (event list).")],
    reason: ReasonOpt,
    on: Annotated[date | None, date_option("--on", help="The right date")] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", metavar="KIND", parser=KindWord, help="The right kind (English or Danish, as event add)."
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", metavar="TEXT", help="The right note.")] = None,
    scale: Annotated[
        int | None, typer.Option("--scale", parser=whole(0, 10), metavar="0-10", help="The right scale 0-10.")
    ] = None,
) -> None:
    """Correct an event: the old one is voided (kept, marked) and the corrected one recorded, linked."""
    from samfam.actions import events as events_actions

    new = events_actions.correct_event(uow(ctx), event_id, reason, on, kind, note, scale)
    streams.message(
        "Event {old} corrected: now event {id}, {kind} on {day}.",
        old=str(event_id),
        id=str(new.id),
        kind=Phrase(new.kind),
        day=new.day,
    )


#: The event kinds' listing (views.catalogue, where it belongs, is not this change's file: see the report).
@event_app.command("kinds", epilog="Example: samfam event kinds")
def event_kinds(fmt: FormatOpt = Format.table, only: FieldsOpt = None) -> None:
    """The event kinds, and which count as a follow-up."""
    from samfam.views import catalogue as catalogue_views

    out.emit(
        out.Table(catalogue_views.event_kind_list(), catalogue_views.EVENT_KINDS, title=text("Event kinds")),
        fmt.value,
        only=only,
    )
