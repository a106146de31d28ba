"""A department's cases in and out: `import KIND FILE`, `import template KIND`, `export`."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from samfam.cli.options import AdvisorFilter, TeamFilter, app_of, log_read
from samfam.errors import InvalidValue, UsageError
from samfam.output import streams
from samfam.rules.privacy import CASEWORK, EXPORT
from samfam.rules.transfer import KINDS, ORDER

commands = typer.Typer()
import_app = typer.Typer(
    name="import",
    help="Import advisors, cases, grants, events, actors or goals from a CSV or xlsx file.",
    no_args_is_help=True,
)

FileArg = Annotated[
    str, typer.Argument(metavar="FILE", help="A .csv (comma or semicolon; UTF-8 or Windows-1252) or .xlsx file.")
]


def _rejected_csv(header: list[str], rejected: list[tuple[int, str, list[Any]]]) -> str:
    import csv
    import io

    from samfam.output.cells import spreadsheet_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["line", "reason", *header])
    for line, reason, cells in rejected:
        shown = [c.isoformat() if hasattr(c, "isoformat") else str(c) for c in cells]
        writer.writerow([line, reason, *(spreadsheet_safe(c, c) for c in shown)])
    return buffer.getvalue()


def _import(
    ctx: typer.Context, kind: str, file: str, dry_run: bool, skip_bad: bool, update: bool, rejected: str | None
) -> None:
    from samfam.actions import transfer as transfer_actions
    from samfam.inputs.tables import read_table
    from samfam.output.terminal import progress

    rejected_path = rejected or f"{file}.rejected.csv"
    streams.check_writable(rejected_path)
    table = read_table(file, kind)
    name = Path(file).name
    with progress(len(table.rows), f"{kind} from {name}") as advance:
        outcome = transfer_actions.import_rows(
            app_of(ctx), kind, table.source, table.header, table.rows,
            dry_run=dry_run, skip_bad=skip_bad, update=update, progress=advance,
        )  # fmt: skip
    counts = (
        f"{outcome.new} new, {outcome.unchanged} unchanged, {outcome.updated} updated, "
        f"{outcome.conflicts} conflicts, {outcome.bad - outcome.conflicts} rejected"
    )
    if outcome.shown:  # a conflict's message shows what is stored about those cases
        log_read(ctx, "import.conflicts", [{"case": ref} for ref in outcome.shown], CASEWORK, f"{name}: conflicts")
    if outcome.rejected:
        streams.write_private(rejected_path, _rejected_csv(table.header, outcome.rejected))
        line, reason, _ = outcome.rejected[0]
        good = outcome.rows - outcome.bad
        if dry_run:
            done = "nothing was written (dry run)"
        elif outcome.written:
            done = f"the {good} good rows were imported" if good else "no row was good, so nothing was imported"
        else:
            done = "nothing was imported (--skip-bad imports the good rows)"
        raise InvalidValue(
            f"{outcome.bad} of {outcome.rows} rows of {name} were refused ({counts}); first: line {line}: {reason}; "
            f"{done}; the refused rows, with their line and reason, are in {rejected_path}"
        )
    if dry_run:
        streams.message(f"Dry run: {name} ({kind}): {counts}. Nothing was written.")
    else:
        streams.message(f"Imported {name} ({kind}): {counts}.")


def _kind_command(kind: str) -> None:
    columns = ", ".join(f.name + ("" if f.required else "?") for f in KINDS[kind])

    @import_app.command(
        kind,
        help=f"Import {kind} from FILE. Columns (? optional; Danish headers too): {columns}.",
        epilog=f"Example: samfam import {kind} {kind}.csv --dry-run  ·  samfam import {kind} afdeling.xlsx",
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
    ) -> None:
        _import(ctx, kind, file, dry_run, skip_bad, update, rejected)


for _kind in ORDER:
    _kind_command(_kind)


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class Kind(StrEnum):
    advisors = "advisors"
    cases = "cases"
    grants = "grants"
    actors = "actors"
    goals = "goals"
    events = "events"


@import_app.command("template", epilog="Example: samfam import template cases --format xlsx --output sager.xlsx")
def template(
    kind: Annotated[Kind, typer.Argument(metavar="KIND", help="advisors, cases, grants, actors, goals or events.")],
    fmt: Annotated[TemplateFormat, typer.Option("--format", "-f")] = TemplateFormat.csv,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file (0600).")
    ] = None,
) -> None:
    """An empty import file: the header and one example row."""
    from samfam.views.transfer import template as make_template

    header, example = make_template(kind.value)
    if fmt is TemplateFormat.xlsx:
        if output is None:
            raise UsageError("an xlsx template needs --output FILE.xlsx")
        streams.check_writable(output)
        from samfam.output.workbook import write_workbook

        write_workbook(output, [(kind.value, header, [example])])
        streams.note(f"Wrote {output}.")
        return
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([header, example])
    streams.output(buffer.getvalue(), output)


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@commands.command(
    epilog="Example: samfam export --format xlsx --output afdeling.xlsx  ·  samfam export --case 2026-0142 -f json"
)
def export(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option("--case", "-c", metavar="REF", help="One case.")] = None,
    advisor: AdvisorFilter = None,
    team: TeamFilter = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.json,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE|DIR", help="A file (json, xlsx) or a folder (csv: a file per kind)."
        ),
    ] = None,
) -> None:
    """Every case's complete record as JSON, CSV files or an xlsx workbook the import reads back."""
    from samfam.views import transfer as transfer_views

    if sum(x is not None for x in (case, advisor, team)) > 1:
        raise UsageError("give one of --case, --advisor and --team")
    if fmt is ExportFormat.xlsx and output is None:
        raise UsageError("an xlsx export needs --output FILE.xlsx")
    if fmt is ExportFormat.csv and output is None:
        raise UsageError("a CSV export is a file per kind: give --output FOLDER")
    if fmt is ExportFormat.csv:
        folder = Path(output or ".")
        if folder.exists() and not folder.is_dir():
            raise InvalidValue(f"--output '{output}' is a file; a CSV export needs a folder")
    else:
        streams.check_writable(output)
    data = transfer_views.export(app_of(ctx), case, advisor, team)
    rows = data["rows"]
    if fmt is ExportFormat.json:
        from samfam.output.formats import json_text

        document = {"exported_on": app_of(ctx).today, "advisors": rows["advisors"], "cases": data["records"]}
        streams.output(json_text(document), output)
    elif fmt is ExportFormat.xlsx:
        from samfam.output.workbook import write_workbook

        sheets = [
            (kind, [f.name for f in KINDS[kind]], [[r[f.name] for f in KINDS[kind]] for r in rows[kind]])
            for kind in ORDER
        ]
        write_workbook(output or "", sheets)
        streams.note(f"Wrote {output}.")
    else:
        from samfam.output.formats import write_csv

        folder = Path(output or ".")
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        import io

        for kind in ORDER:
            buffer = io.StringIO()
            write_csv(rows[kind], [f.name for f in KINDS[kind]], buffer)
            streams.write_private(str(folder / f"{kind}.csv"), buffer.getvalue())
        streams.note(f"Wrote {', '.join(f'{k}.csv' for k in ORDER)} in {folder}.")
    log_read(ctx, "export", data["records"], EXPORT, f"{len(data['records'])} cases as {fmt.value}")
