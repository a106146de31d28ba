"""A department's cases in and out: `import KIND FILE`, `import template KIND`, `export`."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from samfam.cli.helptext import Help
from samfam.cli.options import AdvisorFilter, ForceOpt, TeamFilter, app_of, log_read
from samfam.errors import InvalidValue, UsageError
from samfam.output import emit as out
from samfam.output import streams, workbook
from samfam.output.formats import DIALECTS, EXCEL
from samfam.output.workbook import EXPORT_FORMATS, TEMPLATE_FORMATS
from samfam.rules.privacy import CASEWORK, EXPORT
from samfam.rules.transfer import KINDS, LANGUAGES, ORDER, SHEETS, header_map
from samfam.words import Phrase, mark, plural, said

commands = typer.Typer()
import_app = typer.Typer(
    name="import",
    help="Import advisors, cases, applications, grants, actors, goals or events from a CSV or xlsx file.",
    no_args_is_help=True,
)

FileArg = Annotated[
    str, typer.Argument(metavar="FILE", help="A .csv (comma or semicolon; UTF-8 or Windows-1252) or .xlsx file.")
]


def _import(
    ctx: typer.Context,
    kind: str,
    file: str,
    dry_run: bool,
    skip_bad: bool,
    update: bool,
    rejected: str | None,
    force: bool = False,
    sheet: str | None = None,
    strict: bool = False,
) -> None:
    from samfam.actions import transfer as transfer_actions
    from samfam.inputs.tables import read_table
    from samfam.output.terminal import progress

    rejected_path = workbook.rejected_path(file, rejected)
    force = force or (rejected is None and workbook.earlier_rejected(rejected_path))
    streams.check_writable(rejected_path, force)
    table = read_table(file, kind, sheet)
    name = Path(file).name
    _, unknown, _ = header_map(kind, table.header)
    ignored = ", ".join(f"'{h}'" for h in unknown)
    with progress(len(table.rows), said(mark("{kind} from {name}"), {"kind": kind, "name": name})) as advance:
        outcome = transfer_actions.import_rows(
            app_of(ctx), kind, table.source, table.header, table.rows,
            dry_run=dry_run, skip_bad=skip_bad, update=update, progress=advance, strict=strict,
        )  # fmt: skip
    counts = said(
        mark("{new} new, {unchanged} unchanged, {updated} updated, {conflicts} conflicts, {rejected} rejected"),
        {
            "new": outcome.new,
            "unchanged": outcome.unchanged,
            "updated": outcome.updated,
            "conflicts": outcome.conflicts,
            "rejected": outcome.bad - outcome.conflicts,
        },
    )
    if outcome.shown:  # a conflict's message shows what is stored about those cases
        log_read(ctx, "import.conflicts", [{"case": ref} for ref in outcome.shown], CASEWORK, f"{name}: conflicts")
    if outcome.rejected:
        # Each reason in the reader's language, on screen and in the file (it is for people to mend the rows).
        refused = [(line, reason.said(), cells) for line, reason, cells in outcome.rejected]
        text = workbook.rejected_text(table.header, refused, workbook.rejected_dialect(table.dialect))
        streams.write_private(rejected_path, text, force)
        line, reason, _ = refused[0]
        good = outcome.rows - outcome.bad
        if dry_run:
            done = said(mark("nothing was written (dry run)"), {})
        elif outcome.written:
            done = _written(outcome, good)
        else:
            done = said(mark("nothing was imported (--skip-bad imports the good rows)"), {})
        refusal = {"bad": outcome.bad, "rows": outcome.rows, "name": name, "counts": counts, "line": str(line),
                   "reason": reason, "done": done, "path": rejected_path}  # fmt: skip
        if ignored:
            raise InvalidValue(
                "{bad} of {rows} rows of {name} were refused ({counts}); first: line {line}: {reason}; {done}; "
                "the refused rows, with their line and reason, are in {path}; columns ignored: {ignored}",
                ignored=ignored,
                **refusal,
            )
        raise InvalidValue(
            "{bad} of {rows} rows of {name} were refused ({counts}); first: line {line}: {reason}; {done}; "
            "the refused rows, with their line and reason, are in {path}",
            **refusal,
        )
    if ignored:  # one line on stderr; the error above says it in its one line
        streams.note("Warning: {name} has columns samfam does not know for {kind}, ignored: {ignored} "
                     "(--strict refuses the file)", name=name, kind=kind, ignored=ignored)  # fmt: skip
    if dry_run:
        streams.message("Dry run: {name} ({kind}): {counts}. Nothing was written.", name=name, kind=kind, counts=counts)
    else:
        streams.message("Imported {name} ({kind}): {counts}.", name=name, kind=kind, counts=counts)


def _written(outcome: Any, good: int) -> str:
    """What --skip-bad wrote of the good rows: the new and the updated ones; those there already are not. In
    the reader's language."""
    if not good:
        return said(mark("no row was good, so nothing was imported"), {})
    changed = outcome.new + outcome.updated
    if not changed:
        there = plural(good, "the {n} good row was there already", "the {n} good rows were there already")
        return said(mark("nothing new: {there}"), {"there": there})
    if changed == good and not outcome.updated:
        return plural(good, "the {n} good row was imported", "the {n} good rows were imported")
    new = plural(outcome.new, "{n} new row", "{n} new rows")
    updated = plural(outcome.updated, "{n} updated row", "{n} updated rows")
    if outcome.new and outcome.updated:
        done = said(mark("{new} and {updated} were imported"), {"new": new, "updated": updated})
    elif changed > 1:
        done = said(mark("{rows} were imported"), {"rows": new if outcome.new else updated})
    else:
        done = said(mark("{rows} was imported"), {"rows": new if outcome.new else updated})
    if outcome.unchanged:
        there = plural(outcome.unchanged, "{n} good row was there already", "{n} good rows were there already")
        return f"{done}; {there}"
    return done


#: What each kind of import brings, in words: "Import cases from FILE" (`samfam import cases --help`).
_WHAT = {
    "advisors": mark("advisors"),
    "cases": mark("cases"),
    "applications": mark("applications"),
    "grants": mark("grants"),
    "actors": mark("actors"),
    "goals": mark("goals"),
    "events": mark("events"),
}


def _kind_command(kind: str) -> None:
    columns = ", ".join(f.name + ("" if f.required else "?") for f in KINDS[kind])

    @import_app.command(
        kind,
        help=Help(
            mark(
                "Import {what} from FILE. Columns (? optional; Danish headers too, as 'samfam import template {kind} "
                "--lang da' writes them): {columns}. Other columns are ignored with a warning (--strict refuses them)."
            ),
            what=Phrase(_WHAT[kind]),
            kind=kind,
            columns=columns,
        ),
        epilog=Help(
            mark(
                "Example: samfam import {kind} {kind}.csv --dry-run  ·  samfam import {kind} afdeling.xlsx "
                "--sheet {sheet}"
            ),
            kind=kind,
            sheet=SHEETS[kind],
        ),
    )
    def command(
        ctx: typer.Context,
        file: FileArg,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Check every row and say what would happen; write nothing.")
        ] = False,
        skip_bad: Annotated[
            bool, typer.Option("--skip-bad", help="Import the good rows even if some are refused.")
        ] = False,
        update: Annotated[
            bool, typer.Option("--update", help="Change existing rows whose fields differ (else a conflict).")
        ] = False,
        rejected: Annotated[
            str | None, typer.Option("--rejected", metavar="FILE", help="Where refused rows go (FILE.rejected.csv).")
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Replace the file of refused rows if it exists (an earlier run's).")
        ] = False,
        sheet: Annotated[
            str | None,
            typer.Option(
                "--sheet",
                metavar="NAME",
                help=Help(
                    mark(
                        "The sheet of an xlsx workbook to read; default the sheet named {kind} or {sheet}, "
                        "else the first."
                    ),
                    kind=kind,
                    sheet=SHEETS[kind],
                ),
            ),
        ] = None,
        strict: Annotated[
            bool, typer.Option("--strict", help="Refuse a file with a column samfam does not know (else ignored).")
        ] = False,
    ) -> None:
        _import(ctx, kind, file, dry_run, skip_bad, update, rejected, force, sheet, strict)


for _kind in ORDER:
    _kind_command(_kind)


TemplateFormat = StrEnum("TemplateFormat", {f: f for f in TEMPLATE_FORMATS})  # type: ignore[misc]


Kind = StrEnum("Kind", {k: k for k in ORDER})  # type: ignore[misc]


Language = StrEnum("Language", {lang: lang for lang in LANGUAGES})  # type: ignore[misc]


@import_app.command(
    "template",
    epilog="Example: samfam import template cases --format xlsx --output sager.xlsx  ·  "
    "samfam import template cases --lang da",
)
def template(
    kind: Annotated[Kind, typer.Argument(metavar="KIND", help=Help(mark("{kinds}."), kinds=", ".join(ORDER)))],
    fmt: Annotated[TemplateFormat, typer.Option("--format", "-f", help="csv, excel or xlsx.")] = TemplateFormat.csv,
    lang: Annotated[
        Language,
        typer.Option(
            "--lang", help="The headers in English (the field names) or Danish (Sagsnr., Barn …; the sheet Sager …)."
        ),
    ] = Language.en,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file (0600).")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """An empty import file: the header and one example row."""
    from samfam.views.transfer import template as make_template

    header, example = make_template(kind.value, lang.value)
    sheet = SHEETS[kind.value] if lang.value == "da" else kind.value
    template = out.Document(
        lambda fmt: workbook.template_text(header, example, DIALECTS[fmt]),
        files={"xlsx": lambda path: workbook.write_template(path, sheet, header, example, force)},
    )
    if fmt.value != "xlsx":
        streams.check_writable(output, force)
    out.emit(template, fmt.value, path=output, force=force)


ExportFormat = StrEnum("ExportFormat", {f: f for f in EXPORT_FORMATS})  # type: ignore[misc]


@commands.command(
    epilog="Example: samfam export --format xlsx --output afdeling.xlsx  ·  samfam export --case 2026-0142 -f json"
)
def export(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option("--case", "-c", metavar="REF", help="One case.")] = None,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="json (one document), csv (a file per kind in a folder) or xlsx (a sheet per kind)."
        ),
    ] = ExportFormat.json,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE|DIR",
            help="A file (json, xlsx) or a folder (csv, excel: a file per kind).",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Every case's complete record as JSON, CSV files or an xlsx workbook the import reads back."""
    from samfam.views import transfer as transfer_views

    if sum(x is not None for x in (case, advisor, team)) > 1:
        raise UsageError("give one of --case, --advisor and --team")
    workbook.check_export(fmt.value, output, force)
    data = transfer_views.export(app_of(ctx), case, advisor, team)
    kinds = transfer_views.kinds(data)
    exported = out.Document(
        data=transfer_views.document(data, app_of(ctx).today),
        files={
            "xlsx": lambda path: workbook.write_export(path, kinds, force),
            "csv": lambda path: workbook.write_export_folder(path, kinds, force),
            "excel": lambda path: workbook.write_export_folder(path, kinds, force, EXCEL),
        },
    )
    out.emit(exported, fmt.value, path=output, force=force)
    log_read(
        ctx,
        "export",
        data["records"],
        EXPORT,
        plural(len(data["records"]), "{n} case", "{n} cases", stored=True) + f" as {fmt.value}",
    )
