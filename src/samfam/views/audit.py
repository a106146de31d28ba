"""Reads of the audit log: the listing, the check of its hash chain, and one child's access report."""

from __future__ import annotations

from datetime import date, datetime
from typing import NotRequired, TypedDict

from samfam.context import App
from samfam.errors import InvalidValue, NotFound
from samfam.listing import Column, Listing
from samfam.rules import privacy
from samfam.rules.identity import case_ref, cpr_number, mask_cpr
from samfam.settings import today_in_copenhagen
from samfam.store.queries import audit as audit_queries
from samfam.store.queries import cases as case_queries
from samfam.store.queries import records as record_queries
from samfam.store.queries.records import Subject
from samfam.store.records import Conn
from samfam.views import lookups
from samfam.words import mark, plural, said

#: An audit row's kinds, as the log keeps them (a table for people shows them in the reader's language).
AUDIT_KINDS = (mark("read"), mark("write"))


class AuditRow(TypedDict):
    """One entry of the audit log as `audit` lists it."""

    at: datetime
    user: str
    kind: str
    action: str
    case: str | None
    cases: list[str]
    purpose: str | None
    detail: str | None


AUDIT = Listing.of(
    AuditRow,
    columns=(
        Column("at", "At (UTC)", keep=True),
        Column("user", "User", keep=True, drop=2),
        Column("kind", "Kind", keep=True, drop=4, words=AUDIT_KINDS),
        Column("action", "Action", keep=True),
        Column("case", "Case", keep=True),
        Column("purpose", "Purpose", drop=5),
        Column("detail", "Detail", wrap=True, drop=3),
    ),
)


def audit_log(
    app: App,
    case: str | None = None,
    user: str | None = None,
    action: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[AuditRow]:
    with app.connect() as conn:
        ref = lookups.case(conn, case).ref if case else None
        return [
            {
                "at": e.at,
                "user": e.user,
                "kind": e.kind,
                "action": e.action,
                "case": e.case_ref,
                "cases": e.cases.split() if e.cases else ([e.case_ref] if e.case_ref else []),
                "purpose": e.purpose,
                "detail": e.detail,
            }
            for e in audit_queries.audit_entries(conn, ref, user, action, kind, since, until, limit)
        ]


def parse_head(text: str) -> tuple[int, str]:
    """ID:HASH, as `audit verify` prints the head."""
    row_id, _, digest = text.partition(":")
    if not row_id.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise InvalidValue(
            "--head '{text}' is not ID:HASH (a row id, a colon, 64 hex digits) as 'audit verify' prints it", text=text
        )
    return int(row_id), digest


#: The check of the audit log's hash chain (`break`: what broke, a keyword in Python, hence this form).
Verdict = TypedDict(
    "Verdict",
    {
        "ok": bool,
        "rows": int,
        "head": str | None,
        "first_break": int | None,
        "break": str | None,
        "message": str | None,
    },
)


def verdict_lines(verdict: Verdict) -> list[str]:
    """The check in words, for people."""
    if verdict["ok"]:
        rows = plural(verdict["rows"], "{n:,} row", "{n:,} rows")
        return [said("The audit log is intact: {rows}; head {head}.", {"rows": rows, "head": verdict["head"]})]
    if verdict["first_break"] is None:
        return [said("The audit log is broken: {why}.", {"why": verdict["message"]})]
    return [
        said(
            "The audit log is broken at row {row}: {why}.",
            {"row": str(verdict["first_break"]), "why": verdict["message"]},
        )
    ]


def verify(app: App, head: str | None = None) -> Verdict:
    """Re-compute the audit log's hash chain; the first break, if any."""
    expected = parse_head(head) if head else None
    with app.connect() as conn:
        verdict = app.store.verify_audit(conn, expected)
    broken = verdict.broken
    return {
        "ok": broken is None,
        "rows": verdict.rows,
        "head": f"{verdict.head_id}:{verdict.head_hash}" if verdict.head_id is not None and broken is None else None,
        "first_break": broken.row_id if broken else None,
        "break": broken.what if broken else None,
        "message": broken.message if broken else None,
    }


def head(app: App) -> str:
    """The log's newest row as ID:HASH (0:GENESIS for an empty log): what to keep outside the database."""
    from samfam.store import chain

    with app.connect() as conn:
        last = audit_queries.newest(conn)
    return f"{last.id}:{last.hash}" if last is not None else f"0:{chain.GENESIS}"


def retention_settings(conn: Conn) -> tuple[int, int]:
    """The municipality's retention: (years after closure, audit months)."""
    years = case_queries.get_meta(conn, "retention.years")
    months = case_queries.get_meta(conn, "retention.audit_months")
    return (
        int(years) if years is not None else privacy.RETENTION_YEARS,
        int(months) if months is not None else privacy.AUDIT_MONTHS,
    )


class AccessEntry(TypedDict):
    """One look-up or change of a child's data, as the access report lists it (`user`: --with-staff only)."""

    at: datetime
    kind: str
    action: str
    purpose: str | None
    case: str | None
    user: NotRequired[str]


_ACCESS_FIELDS = tuple(AccessEntry.__annotations__)
#: The entries' fields (CSV's columns, what --fields may choose), without and with the staff.
ACCESS_ENTRIES = Listing((), tuple(f for f in _ACCESS_FIELDS if f != "user"))
ACCESS_ENTRIES_WITH_STAFF = Listing((), _ACCESS_FIELDS)


class Held(TypedDict, total=False):
    """Which data are held about the child: the fields, and how many rows of each kind."""

    fields: list[str]


class Retention(TypedDict):
    years: int
    audit_months: int
    closed: date | None
    kept_until: date | None


class AccessReport(TypedDict):
    """Everything the log holds about one child (GDPR art. 15): JSON as it is, markdown and HTML through
    `samfam.documents.access`, NDJSON and CSV its entries."""

    child: str
    cpr: str | None
    born: date | None
    cases: list[str]
    today: date
    #: The day the answer was made, by the real clock as its entries' moments are (not --today).
    made: date
    with_staff: bool
    held: dict[str, list[str] | int]
    retention: Retention
    reads: int
    writes: int
    entries: list[AccessEntry]


def _cases_of(conn: Conn, app: App, ref: str | None, cpr: str | None) -> list[Subject]:
    if ref:
        found = record_queries.subject_cases(conn, case_ref(ref), None)
        if not found:
            raise NotFound("no case '{ref}'; see 'samfam case list --status all'", ref=ref)
        return found
    assert cpr is not None
    number, _ = cpr_number(cpr, app.today)
    found = record_queries.subject_cases(conn, None, number)
    if not found:
        raise NotFound("no case of a child with CPR number {cpr}; check the number", cpr=mask_cpr(number))
    return found


def access(app: App, ref: str | None, cpr: str | None, with_staff: bool = False) -> AccessReport:
    """Everything the log holds about one child (every case of theirs): the dates, kinds and purposes of
    every look-up and change, which data are held, and how long they are kept. Staff only with_staff."""
    with app.connect() as conn:
        cases = _cases_of(conn, app, ref, cpr)
        refs = [c.ref for c in cases]
        years, months = retention_settings(conn)
        held = record_queries.held(conn, [c.id for c in cases])
        entries: list[AccessEntry] = []
        for e in audit_queries.subject_entries(conn, refs):
            shown = [r for r in (e.cases.split() if e.cases else [e.case_ref]) if r in refs]
            entry: AccessEntry = {
                "at": e.at,
                "kind": e.kind,
                "action": e.action,
                "purpose": e.purpose or ("" if e.kind == "read" else None),
                "case": shown[0] if shown else e.case_ref,
            }
            if with_staff:
                entry["user"] = e.user
            entries.append(entry)
    first = cases[0]
    closed = [c.closed for c in cases if c.closed is not None]
    all_closed = len(closed) == len(cases)
    return {
        "child": first.child_name,
        "cpr": mask_cpr(first.cpr),
        "born": first.born,
        "cases": refs,
        "today": app.today,
        "made": today_in_copenhagen(),
        "with_staff": with_staff,
        "held": {
            "fields": ["navn", "fødselsdato"] + (["CPR-nummer"] if any(c.cpr for c in cases) else []),
            **held,
        },
        "retention": {
            "years": years,
            "audit_months": months,
            "closed": max(closed) if all_closed else None,
            "kept_until": privacy.retained_until(max(closed), years) if all_closed else None,
        },
        "reads": sum(1 for e in entries if e["kind"] == "read"),
        "writes": sum(1 for e in entries if e["kind"] == "write"),
        "entries": entries,
    }
