"""Personal data: the audit log and its check, a child's access report, retention, backup, the health check."""

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from samfam.cli.options import FieldsOpt, Format, FormatOpt, app_of, date_option, log_read, one_of, whole
from samfam.documents.text import FORMATS as DOCUMENT_FORMATS
from samfam.errors import ExitStatus, InvalidValue, UsageError
from samfam.output import emit as out
from samfam.output import streams
from samfam.output.formats import SCRIPT_FORMATS
from samfam.rules.privacy import LOG_REVIEW, RETENTION, SUBJECT_ACCESS

commands = typer.Typer()
audit_app = typer.Typer(
    name="audit",
    help="The audit log: who did what to which case, when (UTC), and why. Newest first.",
    invoke_without_command=True,
)


class AuditKind(StrEnum):
    read = "read"
    write = "write"


@audit_app.callback(
    epilog="Example: samfam audit --case 2026-0142  ·  samfam audit --kind read --from 2026-11-01 -f csv  ·  "
    "samfam audit verify"
)
def audit(
    ctx: typer.Context,
    case: Annotated[
        str | None, typer.Option("--case", "-c", metavar="REF", help="Only entries about this case.")
    ] = None,
    user: Annotated[str | None, typer.Option("--user", "-u", metavar="USER", help="Only this user.")] = None,
    action: Annotated[
        str | None,
        typer.Option("--action", metavar="ACTION", help="Only this action (case.show), or its family (case)."),
    ] = None,
    kind: Annotated[
        AuditKind | None, typer.Option("--kind", help="Only look-ups (read) or only changes (write).")
    ] = None,
    since: Annotated[date | None, date_option("--from", help="Only entries on or after this day, UTC")] = None,
    until: Annotated[date | None, date_option("--to", help="Only entries on or before this day, UTC")] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", parser=whole(0), metavar="N", help="Newest N entries (200); 0 for all.")
    ] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
    old_limit: Annotated[int | None, typer.Option("-n", parser=whole(0), hidden=True)] = None,
) -> None:
    """The audit log: who did what to which case, when (UTC), and why. Newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from samfam.views import audit as audit_views

    if since and until and since > until:
        raise InvalidValue(f"--from {since.isoformat()} is after --to {until.isoformat()}; give them in order")
    limit = one_of(limit, old_limit, "--limit")
    limit = 200 if limit is None else limit
    rows = audit_views.audit_log(
        app_of(ctx), case, user, action, kind.value if kind else None, since, until, limit or None
    )
    out.emit(out.Table(rows, audit_views.AUDIT, title="Audit log", empty="No entries."), fmt.value, only=only)
    log_read(ctx, "audit", [{"case": ref} for r in rows for ref in r["cases"]], LOG_REVIEW, f"{len(rows)} entries")


@audit_app.command(
    "verify", epilog="Example: samfam audit verify  ·  samfam audit verify --head 1042:3f5a…  (exit 1 on a break)"
)
def audit_verify(
    ctx: typer.Context,
    head: Annotated[
        str | None,
        typer.Option(
            "--head", metavar="ID:HASH", help="A head printed earlier: it must still be in the log, unchanged."
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Re-compute the audit log's hash chain; report the first row changed, inserted or removed (exit 1)."""
    from samfam.views import audit as audit_views

    result = audit_views.verify(app_of(ctx), head)
    out.emit(out.Lines(audit_views.verdict_lines(result), result), fmt.value)
    if not result["ok"]:
        raise typer.Exit(ExitStatus.DOMAIN_ERROR)


AccessFormat = StrEnum("AccessFormat", {f: f for f in (*SCRIPT_FORMATS, *DOCUMENT_FORMATS)})  # type: ignore[misc]


@commands.command(
    epilog="Example: samfam access 2026-0142 --format html --output indsigt.html  ·  samfam access --cpr 010120-1234"
)
def access(
    ctx: typer.Context,
    ref: Annotated[str | None, typer.Argument(metavar="[REF]", help="The child's case.")] = None,
    cpr: Annotated[str | None, typer.Option("--cpr", metavar="CPR", help="The child's CPR number: every case.")] = None,
    with_staff: Annotated[bool, typer.Option("--with-staff", help="Include who looked (staff initials).")] = False,
    fmt: Annotated[AccessFormat, typer.Option("--format", "-f")] = AccessFormat.markdown,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file (0600).")
    ] = None,
    only: FieldsOpt = None,
) -> None:
    """Everything logged about one child: the dates and purposes of every look-up and change (GDPR art. 15).
    csv and ndjson give the entries, one a row or line; --fields chooses the entries' fields."""
    from samfam.documents.access import render_access
    from samfam.views import audit as audit_views

    if (ref is None) == (cpr is None):
        raise UsageError("give the case (REF) or --cpr CPR, one of them")
    entries = audit_views.ACCESS_ENTRIES_WITH_STAFF if with_staff else audit_views.ACCESS_ENTRIES
    out.check(entries, only, fmt.value)
    streams.check_writable(output)
    data = audit_views.access(app_of(ctx), ref, cpr, with_staff)
    report = out.Document(lambda f: render_access(dict(data), f), data, entries="entries", listing=entries)
    out.emit(report, fmt.value, only=only, path=output)
    log_read(ctx, "access", [{"case": r} for r in data["cases"]], SUBJECT_ACCESS, f"{len(data['entries'])} entries")


@commands.command(
    epilog="Example: samfam retention  ·  samfam retention --years 5 --apply --approved-by TL --archive /srv/arkiv"
)
def retention(
    ctx: typer.Context,
    years: Annotated[
        int | None,
        typer.Option(
            "--years", parser=whole(1, 100), metavar="N", help="Keep closed cases N years (stored on --apply)."
        ),
    ] = None,
    audit_months: Annotated[
        int | None,
        typer.Option("--audit-months", parser=whole(1, 1200), metavar="N", help="Keep audit rows N months (13)."),
    ] = None,
    apply: Annotated[bool, typer.Option("--apply", help="Archive, then remove. Without it: a dry run.")] = False,
    approved_by: Annotated[
        str | None, typer.Option("--approved-by", metavar="INITIALS", help="The team leader who approved it.")
    ] = None,
    archive: Annotated[
        str | None,
        typer.Option("--archive", metavar="DIR", help="Where the archive files go. Default: archive/ in the data dir."),
    ] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Closed cases past their retention, and old audit rows: what would be archived and removed. ndjson
    gives the cases, one a line, as csv does; --fields chooses the cases' fields."""
    from samfam.views import privacy as privacy_views

    if apply and not approved_by:
        raise UsageError("--apply needs --approved-by INITIALS (the team leader who approved the deletion)")
    if approved_by and not apply:
        raise UsageError("--approved-by goes with --apply; without --apply nothing is removed")
    out.check(privacy_views.RETENTION, only, fmt.value)
    a = app_of(ctx)
    plan = privacy_views.retention_plan(a, years, audit_months)
    folder = privacy_views.archive_dir(archive)
    if not apply:
        shown = privacy_views.in_folder(plan, folder)
        cases = out.Table(
            shown["cases"],
            privacy_views.RETENTION,
            title=f"Closed more than {plan['years']} years before {a.today.isoformat()} ({len(shown['cases'])})",
            empty="No closed case has passed its retention.",
            after=[
                f"Audit rows written before {plan['audit']['kept_from'].isoformat()} "
                f"(kept {plan['audit_months']} months): {plan['audit']['rows']:,}."
            ],
            notes=["A dry run: nothing was changed. Apply with --apply --approved-by INITIALS."],
        )
        out.emit(
            out.Document(data=shown, table=cases, entries="cases", listing=privacy_views.RETENTION),
            fmt.value,
            only=only,
        )
        log_read(ctx, "retention", shown["cases"], RETENTION, "dry run")
        return
    from samfam.actions import privacy as privacy_actions

    done = privacy_actions.apply_retention(a, dict(plan), folder, approved_by or "")
    streams.message(
        f"Archived and anonymised {done['cases']} closed cases; pruned {done['audit_rows']:,} audit rows. "
        f"Archive: {done['archive']}."
    )


@commands.command(epilog="Example: samfam backup /srv/backup/samfam-2026-12-01.db")
def backup(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A new file for the copy (created 0600).")],
) -> None:
    """A consistent copy of the database while others write, checked before it counts (SQLite)."""
    from samfam.actions import privacy as privacy_actions

    done = privacy_actions.backup(app_of(ctx), file)
    streams.message(
        f"Backed up to {done['file']}: {done['bytes']:,} bytes, {done['cases']} cases, "
        f"integrity ok, audit chain of {done['audit_rows']:,} rows intact."
    )


@commands.command(epilog="Example: samfam check  ·  in cron: samfam check || mail -s 'samfam' it@…")
def check(ctx: typer.Context, fmt: FormatOpt = Format.table, only: FieldsOpt = None) -> None:
    """Integrity, schema revision, audit chain, file modes: one line each, exit 1 on any failure."""
    from samfam.views import privacy as privacy_views

    out.check(privacy_views.CHECK, only, fmt.value)
    results = privacy_views.check(app_of(ctx))
    out.emit(out.Lines(privacy_views.check_lines(results), results, privacy_views.CHECK), fmt.value, only=only)
    if not all(r["ok"] for r in results):
        raise typer.Exit(ExitStatus.DOMAIN_ERROR)
