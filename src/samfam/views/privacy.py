"""What retention would do, and the health of the database: integrity, revision, audit chain, file modes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypedDict

from samfam.context import App
from samfam.listing import Column, Listing
from samfam.rules import privacy
from samfam.store import maintenance
from samfam.store.engine import missing_database
from samfam.store.migrations import HEAD
from samfam.store.queries import audit as audit_queries
from samfam.store.queries import records as record_queries
from samfam.store.records import Conn
from samfam.views.audit import retention_settings
from samfam.words import Phrase, counted, mark, phrased


class RetentionCase(TypedDict):
    """A closed case past its retention: what `retention --apply` archives (to `archive`) and removes."""

    case: str
    id: int
    closed: date
    kept_until: date
    archive: str
    grants: int
    events: int
    goal: int
    actor: int
    handover: int


#: JSON carries every field of a case, CSV all but its id with the archive file last.
RETENTION = Listing(
    columns=(
        Column("case", "Case", keep=True),
        Column("closed", "Closed", keep=True),
        Column("kept_until", "Kept until", keep=True),
        Column("grants", "Grants", "right", keep=True),
        Column("events", "Events", "right", keep=True),
        Column("goal", "Goals", "right", keep=True, drop=3),
        Column("actor", "Actors", "right", keep=True, drop=4),
        Column("archive", "Archive file", drop=5),
    ),
    fields=("case", "closed", "kept_until", "grants", "events", "goal", "actor", "handover", "archive"),
    known=tuple(RetentionCase.__annotations__),
)


class AuditPrune(TypedDict):
    kept_from: date
    rows: int
    boundary: int


class RetentionPlan(TypedDict):
    """What `retention` would archive and remove (`retention --apply` does it)."""

    today: date
    years: int
    audit_months: int
    cases: list[RetentionCase]
    audit: AuditPrune


class CheckRow(TypedDict):
    """One line of `check`: a check's name, whether it passed, what was found."""

    check: str
    ok: bool
    detail: str


CHECK = Listing.of(
    CheckRow,
    columns=(Column("check", "Check", keep=True), Column("ok", "OK", keep=True), Column("detail", "Detail")),
)


def archive_name(ref: str, case_id: int) -> str:
    """The archive file of one case: its reference made safe as a file name, and its id, so that two
    references (2020/1 and 2020_1) or a reference reused later never share a file."""
    return f"{ref.replace('/', '_')}-{case_id}.json"


def retention_plan(app: App, years: int | None = None, audit_months: int | None = None) -> RetentionPlan:
    """The closed cases whose retention has passed and the audit rows older than the audit period on the
    command's day (a dry run may preview another): what retention would archive and remove. Changes nothing."""
    with app.connect() as conn:
        return plan_on(conn, app.today, years, audit_months)


def plan_on(conn: Conn, today: date, years: int | None = None, audit_months: int | None = None) -> RetentionPlan:
    """The retention plan on `today` (`retention --apply` makes it on the real day, in its own transaction);
    the periods not given are the stored ones."""
    stored_years, stored_months = retention_settings(conn)
    years = stored_years if years is None else years
    audit_months = stored_months if audit_months is None else audit_months
    due = [c for c in record_queries.closed_before(conn, today) if privacy.retention_passed(c.closed, today, years)]
    counts = record_queries.count_rows(conn, [c.id for c in due])
    kept_from = privacy.audit_kept_from(today, audit_months)
    first = audit_queries.first_kept(conn, kept_from)
    last = audit_queries.tail(conn)
    boundary = first.id if first is not None else (last.id + 1 if last is not None else 1)
    prunable = audit_queries.count_below(conn, boundary)
    return {
        "today": today,
        "years": years,
        "audit_months": audit_months,
        "cases": [
            {
                "case": c.ref,
                "id": c.id,
                "closed": c.closed,
                "kept_until": privacy.retained_until(c.closed, years),
                "archive": archive_name(c.ref, c.id),
                "grants": counts.get(c.id, {}).get("grants", 0),
                "events": counts.get(c.id, {}).get("events", 0),
                "goal": counts.get(c.id, {}).get("goal", 0),
                "actor": counts.get(c.id, {}).get("actor", 0),
                "handover": counts.get(c.id, {}).get("handover", 0),
            }
            for c in due
        ],
        "audit": {"kept_from": kept_from, "rows": prunable, "boundary": boundary},
    }


def check(app: App) -> list[CheckRow]:
    """One line per check: (name, ok, what was found). For `samfam check` and cron."""
    store = app.store
    if store.path is not None and not store.path.exists():
        raise missing_database(store.path)
    results: list[CheckRow] = []
    revision = store.revision()
    results.append(
        {
            "check": Phrase(mark("schema")),
            "ok": revision == HEAD,
            "detail": Phrase(mark("revision {revision} (current)"), revision=revision)
            if revision == HEAD
            else Phrase(mark("revision {revision}, expected {expected}"), revision=revision, expected=HEAD),
        }
    )
    if store.path is not None:
        found = maintenance.integrity(store.path)
        results.append({"check": Phrase(mark("integrity")), "ok": found == "ok", "detail": found})
    else:
        not_here = Phrase(mark("not applicable (PostgreSQL checks its own pages)"))
        results.append({"check": Phrase(mark("integrity")), "ok": True, "detail": not_here})
    if revision == HEAD:
        with app.connect() as conn:
            verdict = store.verify_audit(conn)
        rows = counted(verdict.rows, "{n:,} row", "{n:,} rows")  # English for scripts, said to people
        head = f"{verdict.head_id}:{verdict.head_hash}"
        results.append(
            {
                "check": Phrase(mark("audit chain")),
                "ok": verdict.broken is None,
                "detail": Phrase(mark("{rows} intact, head {head}"), rows=rows, head=head)
                if verdict.broken is None
                else verdict.broken.message,
            }
        )
    for path in maintenance.files_of(store):
        mode = path.stat().st_mode & 0o777
        results.append(
            {
                "check": Phrase(mark("file mode {name}"), name=path.name),
                "ok": not maintenance.too_open(path),
                "detail": Phrase(mark("{mode} (others may read it; run 'samfam init' to fix)"), mode=f"{mode:04o}")
                if mode & 0o077
                else f"{mode:04o}",
            }
        )
    return results


def archive_dir(given: str | None) -> Path:
    """The folder of the archive files: `--archive`, else archive/ in the data folder."""
    from samfam.settings import data_dir

    return Path(given) if given else data_dir() / "archive"


def in_folder(plan: RetentionPlan, folder: Path) -> RetentionPlan:
    """The plan as `retention` shows it: each case's archive file named by its path in `folder`."""
    return plan | {"cases": [c | {"archive": str(folder / c["archive"])} for c in plan["cases"]]}


def check_lines(results: list[CheckRow]) -> list[str]:
    """The checks for people: one line each."""
    return [f"{'ok  ' if r['ok'] else 'FAIL'}  {phrased(r['check'])}: {phrased(r['detail'])}" for r in results]
