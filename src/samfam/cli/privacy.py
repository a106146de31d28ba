"""Personal data: the audit log and its check, a child's access report, retention, backup, the health check."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from samfam.cli.helptext import Help
from samfam.cli.options import (
    FieldsOpt,
    ForceOpt,
    Format,
    FormatOpt,
    app_of,
    date_option,
    log_read,
    one_of,
    uow,
    whole,
)
from samfam.documents.text import FORMATS as DOCUMENT_FORMATS
from samfam.errors import ExitStatus, InvalidValue, UsageError
from samfam.output import emit as out
from samfam.output import streams
from samfam.output.formats import SCRIPT_FORMATS
from samfam.rules.log_control import BULK_CASES, EMERGENCY_HOURS, EMERGENCY_MAX_HOURS
from samfam.rules.privacy import LOG_REVIEW, RETENTION, SUBJECT_ACCESS
from samfam.words import day as day_text
from samfam.words import mark, plural, said, text

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
        raise InvalidValue("--from {since} is after --to {until}; give them in order", since=since, until=until)
    limit = one_of(limit, old_limit, "--limit")
    limit = 200 if limit is None else limit
    rows = audit_views.audit_log(
        app_of(ctx), case, user, action, kind.value if kind else None, since, until, limit or None
    )
    out.emit(
        out.Table(rows, audit_views.AUDIT, title=text("Audit log"), empty=text("No entries.")), fmt.value, only=only
    )
    log_read(
        ctx,
        "audit",
        [{"case": ref} for r in rows for ref in r["cases"]],
        LOG_REVIEW,
        plural(len(rows), "{n} entry", "{n} entries", stored=True),
    )


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


@audit_app.command(
    "head", epilog="Example: samfam audit head  (mail it to the DPO; later: samfam audit verify --head ID:HASH)"
)
def audit_head(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """The audit log's newest row as ID:HASH, to keep outside the database (docs/privacy.md § 2)."""
    from samfam.views import audit as audit_views

    head = audit_views.head(app_of(ctx))
    out.emit(out.Lines([head], {"head": head}), fmt.value)


AccessFormat = StrEnum("AccessFormat", {f: f for f in (*SCRIPT_FORMATS, *DOCUMENT_FORMATS)})  # type: ignore[misc]

#: The access letter's command in the `access` group: `samfam access REF` is `samfam access letter REF`.
LETTER = "letter"


class AccessGroup(TyperGroup):
    """`samfam access`: a first argument that names a subcommand (open, close, review, letter) runs it; any
    other (a case reference, --cpr, --format, nothing) is the access letter's, as before the group existed."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = [LETTER, *args]
        return super().parse_args(ctx, args)


access_app = typer.Typer(
    name="access",
    cls=AccessGroup,
    help="Everything logged about one child (GDPR art. 15); emergency access to a case; who can see a team's "
    "cases.\n\n"
    "samfam access REF | --cpr CPR [--format …]: the child's access letter (the 'letter' command, its name "
    "may be left out).  samfam access open REF --reason TEXT: emergency access.  samfam access close REF.  "
    "samfam access review --team T [--sign-off].",
    epilog="Example: samfam access 2026-0142 --format html --output indsigt.html  ·  samfam access --cpr "
    "010120-1234  ·  samfam access open 2026-0142 --reason 'Akut henvendelse fra skolen'  ·  samfam access "
    "review --team Nord",
)


@access_app.command(
    LETTER,
    epilog="Example: samfam access 2026-0142 --format html --output indsigt.html  ·  samfam access --cpr 010120-1234",
)
def access(
    ctx: typer.Context,
    ref: Annotated[str | None, typer.Argument(metavar="[REF]", help="The child's case.")] = None,
    cpr: Annotated[str | None, typer.Option("--cpr", metavar="CPR", help="The child's CPR number: every case.")] = None,
    with_staff: Annotated[bool, typer.Option("--with-staff", help="Include who looked (staff initials).")] = False,
    fmt: Annotated[
        AccessFormat,
        typer.Option("--format", "-f", help="The letter: markdown or html; its rows for scripts: json, ndjson or csv."),
    ] = AccessFormat.markdown,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to a file (0600).")
    ] = None,
    only: FieldsOpt = None,
    force: ForceOpt = False,
) -> None:
    """Everything logged about one child: the dates and purposes of every look-up and change (GDPR art. 15).
    csv and ndjson give the entries, one a row or line; --fields chooses the entries' fields."""
    from samfam.documents.access import render_access
    from samfam.views import audit as audit_views

    if (ref is None) == (cpr is None):
        raise UsageError("give the case (REF) or --cpr CPR, one of them")
    entries = audit_views.ACCESS_ENTRIES_WITH_STAFF if with_staff else audit_views.ACCESS_ENTRIES
    out.check(entries, only, fmt.value)
    streams.check_writable(output, force)
    data = audit_views.access(app_of(ctx), ref, cpr, with_staff)
    report = out.Document(lambda f: render_access(dict(data), f), data, entries="entries", listing=entries)
    out.emit(report, fmt.value, only=only, path=output, force=force)
    log_read(
        ctx,
        "access",
        [{"case": r} for r in data["cases"]],
        SUBJECT_ACCESS,
        plural(len(data["entries"]), "{n} entry", "{n} entries", stored=True),
    )


#: What `--apply` and `--approve` say to the old `retention --apply --approved-by INITIALS`.
TWO_PEOPLE = mark(
    "--approved-by is gone: retention takes two people; use --propose, then --approve ID (another team leader), "
    "then --apply ID"
)


def _proposal_id(text: str) -> int:
    """A proposal's id; the old form (`--apply --approved-by X`) is told what replaced it."""
    if str(text).startswith("--approved-by"):
        raise typer.BadParameter(said(TWO_PEOPLE, {}))
    return int(whole(1)(text))


@commands.command(
    epilog="Example: samfam retention  ·  samfam retention --propose --years 5  ·  samfam retention --approve 1  ·  "
    "samfam retention --apply 1 --archive /srv/arkiv"
)
def retention(
    ctx: typer.Context,
    years: Annotated[
        int | None,
        typer.Option(
            "--years", parser=whole(1, 100), metavar="N", help="Keep closed cases N years (stored when applied)."
        ),
    ] = None,
    audit_months: Annotated[
        int | None,
        typer.Option("--audit-months", parser=whole(1, 1200), metavar="N", help="Keep audit rows N months (13)."),
    ] = None,
    propose: Annotated[
        bool, typer.Option("--propose", help="Propose these periods; another team leader approves them.")
    ] = False,
    approve: Annotated[
        int | None,
        typer.Option("--approve", parser=_proposal_id, metavar="ID", help="Approve a proposal someone else made."),
    ] = None,
    apply: Annotated[
        int | None,
        typer.Option(
            "--apply", parser=_proposal_id, metavar="ID", help="Apply an approved proposal: archive, then remove."
        ),
    ] = None,
    approved_by: Annotated[str | None, typer.Option("--approved-by", metavar="INITIALS", hidden=True)] = None,
    archive: Annotated[
        str | None,
        typer.Option("--archive", metavar="DIR", help="Where the archive files go. Default: archive/ in the data dir."),
    ] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Closed cases past their retention, and old audit rows: what would be archived and removed. Retention
    takes two people: --propose, --approve ID (another team leader), --apply ID. ndjson gives the cases, one a
    line, as csv does; --fields chooses the cases' fields."""
    from samfam.views import privacy as privacy_views

    if approved_by is not None:
        raise UsageError(TWO_PEOPLE)
    steps = [name for name, given in (("--propose", propose), ("--approve", approve), ("--apply", apply)) if given]
    if len(steps) > 2:
        raise UsageError("give one of --propose, --approve ID, --apply ID, not --propose and --approve and --apply")
    if len(steps) > 1:
        raise UsageError(
            "give one of --propose, --approve ID, --apply ID, not {one} and {other}", one=steps[0], other=steps[1]
        )
    if (years is not None or audit_months is not None) and (approve or apply):
        raise UsageError(
            "{step} takes the periods of the proposal; --years and --audit-months go with --propose", step=steps[0]
        )
    if archive is not None and (propose or approve):
        raise UsageError("--archive goes with --apply")
    a = app_of(ctx)
    if steps and a.settings.fixed_day:
        raise UsageError(
            "retention {step} uses the real clock; leave --today and SAMFAM_TODAY out (a dry run may preview "
            "another day)",
            step=steps[0],
        )
    if steps:
        from samfam.actions import privacy as privacy_actions

        if propose:
            made = privacy_actions.propose_retention(uow(ctx), years, audit_months)
            streams.message(
                "Retention proposal {id}: closed cases kept {years}, audit rows {months}. Another team leader "
                "approves it: samfam retention --approve {id}.",
                id=str(made.id),
                years=plural(made.years, "{n} year", "{n} years"),
                months=plural(made.audit_months, "{n} month", "{n} months"),
            )
        elif approve:
            done = privacy_actions.approve_retention(uow(ctx), approve)
            streams.message(
                "Retention proposal {id} (by {proposer}) approved by {approver}. The administrator applies it: "
                "samfam retention --apply {id}.",
                id=str(done.id),
                proposer=done.proposed_by,
                approver=done.approved_by,
            )
        elif apply:
            applied = privacy_actions.apply_retention(a, apply, privacy_views.archive_dir(archive))
            streams.message(
                "Archived and anonymised {cases} closed cases; pruned {rows:,} audit rows. Archive: {archive}.",
                cases=applied["cases"],
                rows=applied["audit_rows"],
                archive=applied["archive"],
            )
        return
    out.check(privacy_views.RETENTION, only, fmt.value)
    plan = privacy_views.retention_plan(a, years, audit_months)
    folder = privacy_views.archive_dir(archive)
    shown = privacy_views.in_folder(plan, folder)
    cases = out.Table(
        shown["cases"],
        privacy_views.RETENTION,
        title=text("Closed more than {years} before {day} ({n})").format(
            years=plural(plan["years"], "{n} year", "{n} years"), day=day_text(a.today), n=len(shown["cases"])
        ),
        empty=text("No closed case has passed its retention."),
        after=[
            said(
                mark("Audit rows written before {day} (kept {months} months): {rows:,}."),
                {
                    "day": plan["audit"]["kept_from"].isoformat(),
                    "months": plan["audit_months"],
                    "rows": plan["audit"]["rows"],
                },
            )
        ],
        notes=[
            text(
                "A dry run: nothing was changed. Retention takes two people: --propose, then --approve ID "
                "(another team leader), then --apply ID."
            )
        ],
    )
    out.emit(
        out.Document(data=shown, table=cases, entries="cases", listing=privacy_views.RETENTION),
        fmt.value,
        only=only,
    )
    log_read(ctx, "retention", shown["cases"], RETENTION, "dry run")


@commands.command(epilog="Example: samfam backup /srv/backup/samfam-2026-12-01.db")
def backup(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A new file for the copy (created 0600).")],
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace FILE if it exists (an older backup; never the database itself)."),
    ] = False,
) -> None:
    """A consistent copy of the database while others write, checked before it counts (SQLite)."""
    from samfam.actions import privacy as privacy_actions

    done = privacy_actions.backup(app_of(ctx), file, force=force)
    streams.message(
        "Backed up to {file}: {bytes}, {cases}, integrity ok, audit chain of {rows} intact.",
        file=done["file"],
        bytes=plural(done["bytes"], "{n:,} byte", "{n:,} bytes"),
        cases=plural(done["cases"], "{n:,} case", "{n:,} cases"),
        rows=plural(done["audit_rows"], "{n:,} row", "{n:,} rows"),
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


# -- emergency access and the review of who can see a team's cases (docs/privacy.md "Log control") ----


@access_app.command(
    "open", epilog="Example: samfam access open 2026-0142 --reason 'Akut henvendelse fra skolen' --hours 2"
)
def access_open(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="The case to open.")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why you need to see it (logged).")],
    hours: Annotated[
        int,
        typer.Option(
            "--hours",
            parser=whole(1, EMERGENCY_MAX_HOURS),
            metavar="N",
            help=Help(mark("For how long ({hours}; at most {most})."), hours=EMERGENCY_HOURS, most=EMERGENCY_MAX_HOURS),
        ),
    ] = EMERGENCY_HOURS,
) -> None:
    """Emergency access ("break the glass"): open a case outside your own scope for a few hours."""
    from samfam.actions import access as access_actions

    a = app_of(ctx)
    grant = access_actions.open_emergency(uow(ctx), ref, reason, hours)
    streams.message(
        "Emergency access to {ref} for {user} until {until} UTC ({hours}); logged, and shown in the team leader's "
        "weekly report.",
        ref=ref.strip(),
        user=a.user,
        until=grant.expires_at.strftime("%Y-%m-%d %H:%M"),
        hours=plural(hours, "{n} hour", "{n} hours"),
    )


@access_app.command("close", epilog="Example: samfam access close 2026-0142")
def access_close(
    ctx: typer.Context, ref: Annotated[str, typer.Argument(metavar="REF", help="The case opened.")]
) -> None:
    """End your emergency access to a case before it expires."""
    from samfam.actions import access as access_actions

    grant = access_actions.close_emergency(uow(ctx), ref)
    streams.message(
        "Emergency access to {ref} closed at {at} UTC.", ref=ref.strip(), at=grant.closed_at.strftime("%Y-%m-%d %H:%M")
    )


@access_app.command(
    "review",
    epilog="Example: samfam access review --team Nord  ·  samfam access review --team Nord --sign-off --note "
    "'Gennemgået på teammødet'",
)
def access_review(
    ctx: typer.Context,
    team: Annotated[str, typer.Option("--team", "-t", metavar="TEAM", help="The team whose cases.")],
    sign_off: Annotated[
        bool, typer.Option("--sign-off", help="Sign off what is listed (the team leader, half-yearly).")
    ] = False,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note with the sign-off.")] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Who can see which of the team's open cases and why (primary, buddy, core team, team leader, open
    emergency access), and when it was last signed off (due every 6 months)."""
    from samfam.views import log_control as views

    if note is not None and not sign_off:
        raise UsageError("--note goes with --sign-off")
    out.check(views.ACCESS_REVIEW, only, fmt.value)
    a = app_of(ctx)
    if sign_off:
        from samfam.actions import access as access_actions

        access_actions.sign_off(uow(ctx), team, note)
    review = views.access_review(a, team)
    rows = review["rows"]
    table = out.Table(
        rows,
        views.ACCESS_REVIEW,
        title=text("Who can see team {team}'s open cases ({n})").format(
            team=review["team"], n=len({r["case"] for r in rows})
        ),
        empty=text("The team has no open cases."),
        after=[views.signoff_line(review)],
        data=review,
    )
    out.emit(table, fmt.value, only=only)
    log_read(ctx, "access.review", [{"case": r["case"]} for r in rows], LOG_REVIEW, f"team {review['team']}")


@audit_app.command(
    "unusual",
    epilog="Example: samfam audit unusual --team Nord  ·  samfam audit unusual --from 2026-11-01 --to 2026-11-30 "
    "--bulk 100 -f csv",
)
def audit_unusual(
    ctx: typer.Context,
    since: Annotated[date | None, date_option("--from", help="From this day, UTC (7 days back)")] = None,
    until: Annotated[date | None, date_option("--to", help="Through this day, UTC (today)")] = None,
    team: Annotated[
        str | None, typer.Option("--team", "-t", metavar="TEAM", help="Reads by the team or of its cases.")
    ] = None,
    bulk: Annotated[
        int,
        typer.Option(
            "--bulk",
            parser=whole(1),
            metavar="N",
            help=Help(mark("A read of more than N cases is bulk ({bulk})."), bulk=BULK_CASES),
        ),
    ] = BULK_CASES,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """Reads worth a look: outside the reader's caseload, under emergency access, in bulk, of a full CPR
    number, or outside working hours; and every emergency access opened."""
    from samfam.views import log_control as views

    out.check(views.UNUSUAL, only, fmt.value)
    rows = views.unusual(app_of(ctx), since, until, team, bulk)
    out.emit(
        out.Table(rows, views.UNUSUAL, title=text("Reads worth a look"), empty=text("No unusual reads.")),
        fmt.value,
        only=only,
    )
    _log_rows_reviewed(ctx, "audit.unusual", rows)


def _log_rows_reviewed(ctx: typer.Context, action: str, rows: list[Any]) -> None:
    """A look at audit rows (unusual reads, a sample): a read of every case they name, for the log's review."""
    refs = [{"case": ref} for row in rows for ref in row["refs"]]
    log_read(ctx, action, refs, LOG_REVIEW, plural(len(rows), "{n} row", "{n} rows", stored=True))


@audit_app.command(
    "sample", epilog="Example: samfam audit sample --team Nord  ·  samfam audit sample --team Nord --n 10 -f json"
)
def audit_sample(
    ctx: typer.Context,
    team: Annotated[str, typer.Option("--team", "-t", metavar="TEAM", help="Reads by this team's advisors.")],
    n: Annotated[int, typer.Option("--n", parser=whole(1, 1000), metavar="N", help="How many reads (20).")] = 20,
    since: Annotated[date | None, date_option("--from", help="From this day, UTC (30 days back)")] = None,
    until: Annotated[date | None, date_option("--to", help="Through this day, UTC (today)")] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """An unpredictable sample of recent reads by the team's advisors, for the team leader to review."""
    from samfam.views import log_control as views

    out.check(views.SAMPLE, only, fmt.value)
    rows = views.sample(app_of(ctx), team, n, since, until)
    out.emit(
        out.Table(
            rows,
            views.SAMPLE,
            title=text("A sample of {reads} by team {team}").format(
                reads=plural(len(rows), "{n} read", "{n} reads"), team=team
            ),
            empty=text("No reads by the team in the period."),
            notes=[text("Review each with: samfam audit review ID --ok, or --question TEXT.")] if rows else [],
        ),
        fmt.value,
        only=only,
    )
    _log_rows_reviewed(ctx, "audit.sample", rows)


@audit_app.command(
    "review", epilog="Example: samfam audit review 1042 --ok  ·  samfam audit review 1043 --question 'Hvorfor?'"
)
def audit_review(
    ctx: typer.Context,
    row: Annotated[int, typer.Argument(parser=whole(1), metavar="ID", help="The audit row (a read).")],
    ok: Annotated[bool, typer.Option("--ok", help="The read was in order.")] = False,
    question: Annotated[
        str | None, typer.Option("--question", metavar="TEXT", help="A question to ask about the read.")
    ] = None,
) -> None:
    """Record the review of a logged read: in order (--ok), or a question to ask about it."""
    from samfam.actions import access as access_actions

    if ok == (question is not None):
        raise UsageError("give --ok or --question TEXT, one of them")
    access_actions.review_row(uow(ctx), row, question)
    if question is None:  # the audit's detail (rules.log_control.review_detail), in the reader's words
        streams.message("Reviewed audit row {row}: ok.", row=str(row))
    else:
        streams.message("Reviewed audit row {row}: question: {question}.", row=str(row), question=question.strip())
