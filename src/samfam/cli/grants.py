"""Statutory paragraphs granted on a case: add, end, void."""

from datetime import date
from typing import Annotated

import typer

from samfam.cli.options import ReasonOpt, RefArg, date_option, uow
from samfam.output import streams

grant_app = typer.Typer(name="grant", help="Statutory paragraphs granted on a case, over time.", no_args_is_help=True)


@grant_app.command("add", epilog="Example: samfam grant add 2026-0142 'BL 32.1.7' --from 2026-11-01")
def grant_add(
    ctx: typer.Context,
    ref: RefArg,
    code: Annotated[str, typer.Argument(metavar="CODE", help="Paragraph, e.g. 'SEL 41', 'BL 32.1.7', bl86.")],
    start: Annotated[date | None, date_option("--from", help="First day, up to 3 months ahead; default today")] = None,
    end: Annotated[date | None, date_option("--to", help="Last day, if known")] = None,
) -> None:
    """Grant a statutory paragraph on a case."""
    from samfam.actions import grants as grants_actions

    grant = grants_actions.add_grant(uow(ctx), ref, code, start, end)
    if grant.end:
        streams.message(
            "Case {ref}: {code} from {start} to {end}.",
            ref=ref,
            code=grant.code,
            start=grant.start,
            end=grant.end,
        )
    else:
        streams.message("Case {ref}: {code} from {start}.", ref=ref, code=grant.code, start=grant.start)


@grant_app.command("end", epilog="Example: samfam grant end 2026-0142 'SEL 50' --on 2026-10-31")
def grant_end(
    ctx: typer.Context,
    ref: RefArg,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The paragraph to end.")],
    on: Annotated[date | None, date_option("--on", help="Last active day; default today")] = None,
) -> None:
    """End a grant (it is still active on its end date)."""
    from samfam.actions import grants as grants_actions

    grant = grants_actions.end_grant(uow(ctx), ref, code, on)
    streams.message("Case {ref}: {code} ends on {day}.", ref=ref, code=grant.code, day=grant.end)


@grant_app.command("void", epilog="Example: samfam grant void 2026-0142 'BL 20' --reason 'Bevilget på forkert sag'")
def grant_void(
    ctx: typer.Context,
    ref: RefArg,
    which: Annotated[str, typer.Argument(metavar="CODE|ID", help="The paragraph, or the grant's id (case show).")],
    reason: ReasonOpt,
) -> None:
    """Void a grant entered by mistake: as if it never applied (unlike 'grant end': it applied until a date)."""
    from samfam.actions import grants as grants_actions

    grant = grants_actions.void_grant(uow(ctx), ref, which, reason)
    streams.message(
        "Case {ref}: {code} from {start} is void; the track is recomputed.",
        ref=ref,
        code=grant.code,
        start=grant.start,
    )
