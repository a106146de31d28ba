"""The database and the reference: init, paragraphs, demo."""

from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import FieldsOpt, Format, FormatOpt, app_of, whole
from samfam.errors import UsageError
from samfam.output import emit as out
from samfam.output import streams
from samfam.rules.identity import NO_STAFF
from samfam.settings import Settings
from samfam.words import text

commands = typer.Typer()


@commands.command(epilog="Example: samfam init  ·  samfam --db postgresql+psycopg://samfam@db/samfam init")
def init(ctx: typer.Context) -> None:
    """Create the database, or upgrade it to this version's schema (safe to run again)."""
    from samfam.actions import admin as admin_actions

    a = app_of(ctx)
    before, after, tightened = admin_actions.init_database(a)
    where = a.store.where
    if before is None:
        streams.message("Created samfam database at {where} (schema {after}).", where=where, after=after)
    elif before != after:
        streams.message("Upgraded {where} from schema {before} to {after}.", where=where, before=before, after=after)
    else:
        streams.message("{where} is up to date (schema {after}).", where=where, after=after)
    if tightened:
        streams.note("{where} was readable by others; now only its owner may read it (mode 0600).", where=where)


class Law(StrEnum):
    SEL = "SEL"
    BL = "BL"


#: The paragraph catalogue's listing (views.catalogue, where it belongs, is not this change's file).
@commands.command(epilog="Example: samfam paragraphs --law BL")
def paragraphs(
    law: Annotated[
        Law | None, typer.Option("--law", "-l", help="Only this law: SEL (to 2023) or BL (from 2024).")
    ] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """The paragraph catalogue: code, law, category for the cadence rule, title, SEL <-> BL."""
    from samfam.views import catalogue as catalogue_views

    rows = catalogue_views.paragraph_list(law.value if law else None)
    out.emit(out.Table(rows, catalogue_views.PARAGRAPHS, title=text("Paragraphs")), fmt.value, only=only)


@commands.command(epilog="Example: samfam demo  ·  samfam demo --db /tmp/try.db")
def demo(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="Where to build it. Default: samfam-demo.db in the user data directory (never your real database).",
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", parser=whole(0), metavar="N", help="Random seed for the fictional data.")
    ] = 2022,
) -> None:
    """Build a fictional team (10 advisors, 240 cases, a year of history) and show what is overdue."""
    from samfam import demo as demo_module
    from samfam.cli.due import overdue
    from samfam.settings import default_demo_db

    root = ctx.find_root()
    settings: Settings = root.obj
    if settings.claimed is not None:  # the demo builds its staff itself: until then, the OS login acts
        raise UsageError(NO_STAFF)
    target = db or root.params.get("db") or default_demo_db()
    summary = demo_module.build(target, settings.user, settings.today, seed)
    streams.message(summary.headline)
    streams.message("")
    root.obj = Settings(db=target, user=settings.user, today=settings.today, os_login=settings.os_login)
    root.meta.pop("app", None)
    ctx.invoke(overdue, ctx=ctx, advisor=None, team=None, check=False, fmt=Format.table)
    streams.message("")
    streams.message(summary.next_steps)
