"""External actors on a case: actor add, list, update, end."""

from datetime import date
from typing import Annotated

import typer

from samfam.cli.helptext import Help
from samfam.cli.options import (
    FieldsOpt,
    Format,
    FormatOpt,
    OldShortN,
    RefArg,
    app_of,
    date_option,
    log_read,
    one_of,
    uow,
    whole,
    word_of,
)
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules.actors import ACTOR_KIND_WORDS, COORDINATOR_WORDS
from samfam.rules.privacy import CASEWORK
from samfam.words import Phrase, mark, said, text

actor_app = typer.Typer(
    name="actor", help="External actors on a case, and who coordinates with each.", no_args_is_help=True
)

#: In English or Danish, any case, æøå also as ae/oe/aa: the English word is stored.
IN_EITHER = Phrase(mark("English or Danish"))
CoordinatorOpt = typer.Option(
    "--coordinator",
    metavar="COORDINATOR",
    parser=word_of(COORDINATOR_WORDS),
    help=Help(
        mark("Who keeps contact: {choices}: not agreed yet ({either})."),
        choices=COORDINATOR_WORDS.choices(),
        either=IN_EITHER,
    ),
)


@actor_app.command(
    "add",
    epilog="Example: samfam actor add 2026-0142 school --name 'Kildeskolen' --coordinator family "
    "--contact 'Lærer Ane, 12 34 56 78'",
)
def actor_add(
    ctx: typer.Context,
    ref: RefArg,
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            parser=word_of(ACTOR_KIND_WORDS),
            help=Help(mark("{choices} ({either})."), choices=ACTOR_KIND_WORDS.choices(), either=IN_EITHER),
        ),
    ],
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="Name of the place or person.  [required]")
    ] = None,
    coordinator: Annotated[str, CoordinatorOpt] = "none",
    contact: Annotated[str | None, typer.Option("--contact", metavar="TEXT", help="How to reach them.")] = None,
    since: Annotated[date | None, date_option("--since", help="On the case since; default today")] = None,
    old_name: OldShortN = None,
) -> None:
    """Add an external actor (school, daycare, PPR, therapist …) to a case."""
    from samfam.actions import care as care_actions

    name = one_of(name, old_name, "--name")
    if name is None:
        raise typer.BadParameter(
            said(mark("is missing; give the name of the place or person"), {}), param_hint="--name"
        )
    actor = care_actions.add_actor(uow(ctx), ref, kind, name, coordinator, contact, since)
    streams.message("Case {ref}: actor {id} {name} added.", ref=ref, id=str(actor.id), name=actor.name)


@actor_app.command("list", epilog="Example: samfam actor list 2026-0142 --all")
def actor_list(
    ctx: typer.Context,
    ref: RefArg,
    include_ended: Annotated[bool, typer.Option("--all", help="Include actors who have left the case.")] = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """The actors on a case and who coordinates with each."""
    from samfam.views import care as care_views

    rows = care_views.actor_list(app_of(ctx), ref, include_ended)
    out.emit(
        out.Table(
            rows, care_views.ACTORS, title=text("Actors on case {ref}").format(ref=ref), empty=text("No actors.")
        ),
        fmt.value,
        only=only,
    )
    log_read(ctx, "actor.list", rows or [{"case": ref}], CASEWORK)


@actor_app.command("update", epilog="Example: samfam actor update 3 --coordinator advisor")
def actor_update(
    ctx: typer.Context,
    actor_id: Annotated[int, typer.Argument(metavar="ID", parser=whole(1), help="The actor's id (actor list).")],
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="The new name of the place or person.")
    ] = None,
    contact: Annotated[str | None, typer.Option("--contact", metavar="TEXT", help="How to reach them now.")] = None,
    coordinator: Annotated[str | None, CoordinatorOpt] = None,
    old_name: OldShortN = None,
) -> None:
    """Change an actor's name, contact or agreed coordinator."""
    from samfam.actions import care as care_actions

    name = one_of(name, old_name, "--name")
    actor = care_actions.update_actor(uow(ctx), actor_id, name, contact, coordinator)
    streams.message("Actor {id} updated.", id=str(actor.id))


@actor_app.command("end", epilog="Example: samfam actor end 3 --on 2026-12-31")
def actor_end(
    ctx: typer.Context,
    actor_id: Annotated[int, typer.Argument(metavar="ID", parser=whole(1), help="The actor's id (actor list).")],
    on: Annotated[date | None, date_option("--on", help="Last day; default today")] = None,
) -> None:
    """An actor leaves the case."""
    from samfam.actions import care as care_actions

    actor = care_actions.end_actor(uow(ctx), actor_id, on)
    streams.message("Actor {id} ({name}) left the case on {day}.", id=str(actor.id), name=actor.name, day=actor.until)
