"""Systematic handovers and their checklists: handover start, show, tick, complete."""

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import FieldsOpt, Format, FormatOpt, RefArg, app_of, date_option, log_read, uow
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules import handovers as handover_rules
from samfam.rules.privacy import CASEWORK
from samfam.words import Phrase, text

handover_app = typer.Typer(name="handover", help="Systematic handovers and their checklists.", no_args_is_help=True)

HandoverKind = StrEnum("HandoverKind", {k: k for k in handover_rules.KINDS})  # type: ignore[misc]


HandoverKindOpt = Annotated[
    HandoverKind | None, typer.Option("--kind", "-k", help="Which open handover, when several.")
]


@handover_app.command("start", epilog="Example: samfam handover start 2026-0142 transition")
def handover_start(
    ctx: typer.Context,
    ref: RefArg,
    kind: Annotated[
        HandoverKind, typer.Argument(metavar="KIND", help="advisor-change, new-professional, closure, transition.")
    ],
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="What the handover is about.")
    ] = None,
    on: Annotated[date | None, date_option("--on", help="When it began; default today")] = None,
) -> None:
    """Start a handover and its checklist."""
    from samfam.actions import handovers as handovers_actions

    handovers_actions.start_handover(uow(ctx), ref, kind.value, note, on)
    streams.message(
        "Case {ref}: {kind} handover started; see 'samfam handover show {ref}'.", ref=ref, kind=Phrase(kind.value)
    )


@handover_app.command("show", epilog="Example: samfam handover show 2026-0142 --all -f json")
def handover_show(
    ctx: typer.Context,
    ref: RefArg,
    include_completed: Annotated[bool, typer.Option("--all", help="Completed handovers too.")] = False,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """The case's open handovers, item by item: done by the data, or ticked by whom and when. With --fields,
    json and ndjson give the checklist items as csv does, one object an item."""
    from samfam.views import care as care_views

    out.check(care_views.HANDOVER_ITEMS, only, fmt.value)
    rows = care_views.handover_show(app_of(ctx), ref, include_completed)
    items = care_views.HANDOVER_ITEMS
    out.emit(
        out.Parts(
            [out.Table(h["items"], items, title=care_views.handover_title(h)) for h in rows]
            or [text("Case {ref} has no handovers.").format(ref=ref)],
            whole=out.Table(care_views.handover_items(ref, rows), items, records=rows),
            gap=False,
        ),
        fmt.value,
        only=only,
    )
    log_read(ctx, "handover.show", [{"case": ref}], CASEWORK)


@handover_app.command("tick", epilog="Example: samfam handover tick 2026-0142 family-told --note 'Ringet til mor'")
def handover_tick(
    ctx: typer.Context,
    ref: RefArg,
    item: Annotated[
        str, typer.Argument(metavar="ITEM", help="An item a person ticks (see 'samfam handover show REF').")
    ],
    kind: HandoverKindOpt = None,
    note: Annotated[str | None, typer.Option("--note", "-n", metavar="TEXT", help="A note kept with the tick.")] = None,
) -> None:
    """Tick a checklist item; who ticked it and when is kept."""
    from samfam.actions import handovers as handovers_actions

    handover = handovers_actions.tick_handover(uow(ctx), ref, item, kind.value if kind else None, note)
    streams.message("Case {ref}: {kind} item '{item}' ticked.", ref=ref, kind=Phrase(handover.kind), item=item)


@handover_app.command("complete", epilog="Example: samfam handover complete 2026-0142 --kind advisor-change")
def handover_complete(ctx: typer.Context, ref: RefArg, kind: HandoverKindOpt = None) -> None:
    """Complete a handover whose every item is done."""
    from samfam.actions import handovers as handovers_actions

    handover = handovers_actions.complete_handover(uow(ctx), ref, kind.value if kind else None)
    streams.message("Case {ref}: {kind} handover complete.", ref=ref, kind=Phrase(handover.kind))
