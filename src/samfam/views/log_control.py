"""Reads of log control (docs/privacy.md "Log control"): the reads worth a look, a sample of a team's reads
for its leader to review, who can see which of a team's cases and why, and emergency access in a week."""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import TypedDict

from samfam.context import App
from samfam.errors import InvalidValue
from samfam.listing import Column, Listing
from samfam.rules import log_control as rules
from samfam.rules import roles
from samfam.store.queries import audit as audit_queries
from samfam.store.queries import log_control as queries
from samfam.store.queries import staff as staff_queries
from samfam.store.queries.audit import LogEntry
from samfam.store.records import Conn
from samfam.views import lookups
from samfam.views.workdays import days_off
from samfam.words import Phrase, day, joined, mark, text

#: `audit sample` takes this many reads by default, from this many days back.
SAMPLE_SIZE = 20
SAMPLE_DAYS = 30
#: `audit unusual` looks this many days back by default.
UNUSUAL_DAYS = 7


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def period(today: date, since: date | None, until: date | None, days: int) -> tuple[date, date]:
    """The days a listing covers (UTC, as `audit --from/--to`): as given, else the `days` through today."""
    until = until or today
    since = since or until - timedelta(days=days - 1)
    if since > until:
        raise InvalidValue("--from {start} is after --to {end}; give them in order", start=since, end=until)
    return since, until


def _refs(e: LogEntry) -> list[str]:
    return e.cases.split() if e.cases else ([e.case_ref] if e.case_ref else [])


def _grants(rows: list[queries.GrantRow]) -> list[rules.Grant]:
    return [rules.Grant(g.advisor, g.case, g.opened_at, g.expires_at, g.closed_at) for g in rows]


# -- audit unusual ------------------------------------------------------------------------------------


class UnusualRow(TypedDict):
    """A read worth a look: the audit row, what it showed (how many cases, the first few) and why."""

    id: int
    at: datetime
    user: str
    action: str
    cases: int
    refs: list[str]
    why: list[str]


UNUSUAL = Listing.of(
    UnusualRow,
    columns=(
        Column("id", "Row", "right", keep=True, ident=True),
        Column("at", "At (UTC)", keep=True, drop=1),
        Column("user", "User", keep=True),
        Column("action", "Action", keep=True),
        Column("cases", "Cases", "right", keep=True, drop=2),
        Column("refs", "First cases", drop=4),
        Column("why", "Why", wrap=True, drop=3),
    ),
)


def unusual(
    app: App,
    since: date | None = None,
    until: date | None = None,
    team: str | None = None,
    limit: int = rules.BULK_CASES,
) -> list[UnusualRow]:
    """The reads in the period worth a look (samfam.rules.log_control.why), and every emergency access opened
    in it, oldest first. With a team: the reads by its advisors and the reads of its cases."""
    since, until = period(app.today, since, until, UNUSUAL_DAYS)
    with app.connect() as conn:
        team = lookups.team(conn, team)
        reads = audit_queries.audit_entries(conn, kind="read", since=since, until=until)
        opened = audit_queries.audit_entries(conn, action="access.open", since=since, until=until)
        if team is not None:
            staff = {a.initials for a in staff_queries.advisors(conn, team)}
            theirs = queries.team_refs(conn, team)
            reads = [e for e in reads if e.user in staff or any(r in theirs for r in _refs(e))]
            opened = [e for e in opened if e.user in staff or any(r in theirs for r in _refs(e))]
        single = sorted({r for e in reads if len(_refs(e)) == 1 for r in _refs(e)})
        holders: dict[str, list[rules.Holder]] = defaultdict(list)
        for h in queries.holders(conn, single):
            holders[h.case].append(rules.Holder(h.initials, h.role, h.since, h.until))
        leaders: dict[str | None, list[str]] = defaultdict(list)  # a team's leaders see its cases
        for a in staff_queries.advisors(conn):
            if roles.is_leader(a.role):
                leaders[a.team].append(a.initials)
        for ref, case_team in queries.case_teams(conn, single).items():
            holders[ref] += [rules.Holder(initials, "team leader", None, None) for initials in leaders[case_team]]
        grants = _grants(queries.grants_during(conn, _start(since), _start(until + timedelta(days=1))))
        off = days_off(conn)
    rows: list[UnusualRow] = []
    for e in reads:
        refs = _refs(e)
        reasons = rules.why(
            user=e.user, action=e.action, at=e.at, refs=refs, holders=holders, grants=grants, closed=off, limit=limit
        )
        if reasons:
            rows.append(_unusual_row(e, refs, reasons))
    for e in opened:
        opened_why = (
            Phrase(mark("emergency access opened: {detail}"), detail=e.detail)
            if e.detail
            else Phrase(mark("emergency access opened:"))
        )
        rows.append(_unusual_row(e, _refs(e), [opened_why]))
    return sorted(rows, key=lambda r: r["id"])


def _unusual_row(e: LogEntry, refs: list[str], reasons: list[str]) -> UnusualRow:
    return {
        "id": e.id,
        "at": e.at,
        "user": e.user,
        "action": e.action,
        "cases": len(refs),
        "refs": rules.first_refs(refs),
        "why": reasons,
    }


# -- audit sample ------------------------------------------------------------------------------------


class SampleRow(TypedDict):
    """A read drawn for the team leader to review, and its review so far."""

    id: int
    at: datetime
    user: str
    action: str
    purpose: str | None
    cases: int
    refs: list[str]
    reviewed: str | None


SAMPLE = Listing.of(
    SampleRow,
    columns=(
        Column("id", "Row", "right", keep=True, ident=True),
        Column("at", "At (UTC)", keep=True, drop=1),
        Column("user", "User", keep=True),
        Column("action", "Action", keep=True),
        Column("purpose", "Purpose", drop=5),
        Column("cases", "Cases", "right", keep=True, drop=2),
        Column("refs", "First cases", drop=4),
        Column("reviewed", "Reviewed", wrap=True, drop=3),
    ),
)


def reviews(conn: Conn) -> dict[int, str]:
    """Each reviewed row's latest review, as "ok (TL, 2026-12-06)" or "question: … (TL, 2026-12-06)"."""
    found: dict[int, str] = {}
    for user, at, detail in queries.review_details(conn):
        parsed = rules.parse_review(detail)
        if parsed is not None:
            found[parsed[0]] = f"{parsed[1]} ({user}, {at.date().isoformat()})"
    return found


def sample(
    app: App,
    team: str,
    n: int = SAMPLE_SIZE,
    since: date | None = None,
    until: date | None = None,
    chooser: secrets.SystemRandom | None = None,
) -> list[SampleRow]:
    """An unpredictable sample (secrets.SystemRandom) of up to `n` reads in the period by the team's advisors,
    in the log's order; a read already reviewed says so."""
    since, until = period(app.today, since, until, SAMPLE_DAYS)
    with app.connect() as conn:
        team = lookups.team(conn, team)
        staff = {a.initials for a in staff_queries.advisors(conn, team)}
        reads = [e for e in audit_queries.audit_entries(conn, kind="read", since=since, until=until) if e.user in staff]
        done = reviews(conn)
    drawn = (chooser or secrets.SystemRandom()).sample(reads, min(n, len(reads)))
    return [
        {
            "id": e.id,
            "at": e.at,
            "user": e.user,
            "action": e.action,
            "purpose": e.purpose,
            "cases": len(_refs(e)),
            "refs": rules.first_refs(_refs(e)),
            "reviewed": done.get(e.id),
        }
        for e in sorted(drawn, key=lambda e: e.id)
    ]


# -- access review --------------------------------------------------------------------------------------


class AccessRow(TypedDict):
    """Someone who can see one of the team's open cases, and why."""

    case: str
    advisor: str
    name: str | None
    why: str


ACCESS_REVIEW = Listing.of(
    AccessRow,
    columns=(
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True),
        Column("name", "Name", drop=1),
        Column("why", "Why", wrap=True),
    ),
)


#: Why someone can see a case (with a core-team role, an emergency access): Phrases, English for scripts.
PRIMARY = Phrase(mark("primary"))
BUDDY = Phrase(mark("buddy"))
TEAM_LEADER = Phrase(mark("team leader"))


class Signoff(TypedDict):
    signed_by: str
    signed_at: datetime
    note: str | None


class AccessReview(TypedDict):
    """Who can see which of the team's open cases and why, and the last half-yearly sign-off."""

    team: str
    as_of: date
    last_signoff: Signoff | None
    signoff_due: bool
    rows: list[AccessRow]


def access_review(app: App, team: str, now: datetime | None = None) -> AccessReview:
    """Who can see each open case of the team (primary advisor, buddy, core team, the team's leaders, an open
    emergency access) and why; when the team last signed it off, and whether that is due (half-yearly)."""
    now = now or datetime.now(UTC)
    with app.connect() as conn:
        team = lookups.team(conn, team)
        cases = queries.team_cases(conn, team, app.today)
        staff = staff_queries.advisors(conn)
        names = {a.initials: a.name for a in staff}
        leaders = [a.initials for a in staff if a.team == team and roles.is_leader(a.role) and a.left is None]
        members: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for case_id, initials, role in queries.current_members(conn, [c.id for c in cases]):
            members[case_id].append((initials, role))
        grants: dict[str, list[queries.GrantRow]] = defaultdict(list)
        for g in queries.grants_open(conn, now, [c.id for c in cases]):
            grants[g.case].append(g)
        last = queries.last_signoff(conn, team)
    rows: list[AccessRow] = []
    for c in cases:
        seen: dict[str, list[str]] = defaultdict(list)
        seen[c.primary].append(PRIMARY)
        if c.buddy:
            seen[c.buddy].append(BUDDY)
        for initials, role in members[c.id]:
            seen[initials].append(Phrase(mark("core team ({role})"), role=role))
        for initials in leaders:
            seen[initials].append(TEAM_LEADER)
        for g in grants[c.case]:
            until = f"{g.expires_at:%Y-%m-%d %H:%M}"
            seen[g.advisor].append(
                Phrase(mark("emergency access until {until} UTC: {reason}"), until=until, reason=g.reason)
            )
        for initials, why in seen.items():
            rows.append({"case": c.case, "advisor": initials, "name": names.get(initials), "why": joined(why, "; ")})
    signed: Signoff | None = None
    if last is not None:
        signed = {"signed_by": last.signed_by, "signed_at": last.signed_at, "note": last.note}
    return {
        "team": team,
        "as_of": app.today,
        "last_signoff": signed,
        "signoff_due": rules.signoff_due(last.signed_at.date() if last else None, app.today),
        "rows": rows,
    }


def signoff_line(review: AccessReview) -> str:
    """When the team's access was last signed off, and whether it is due again (half-yearly)."""
    last = review["last_signoff"]
    months = rules.SIGNOFF_MONTHS
    if last is None:
        return text("Never signed off: due now (every {months} months). Sign off with --sign-off.").format(
            months=months
        )
    on, by = day(last["signed_at"].date()), last["signed_by"]
    if review["signoff_due"]:
        return text(
            "Last signed off on {day} by {initials}: more than {months} months ago, due again. Sign off with "
            "--sign-off."
        ).format(day=on, initials=by, months=months)
    return text("Last signed off on {day} by {initials}.").format(day=on, initials=by)


# -- emergency access in the weekly report -------------------------------------------------------------


class EmergencyRow(TypedDict):
    """An emergency access opened in the week: who, which case, when, until when, and why."""

    advisor: str
    case: str
    opened: datetime
    expires: datetime
    closed: datetime | None
    note: str  # the reason given ("note": a pseudonymised report leaves it out, samfam.rules.privacy)


def emergency_rows(conn: Conn, start: date, end: date, team: str | None = None) -> list[EmergencyRow]:
    """Every emergency access opened from `start` through `end` (UTC days), by the team's advisors or to its
    cases when a team is given, oldest first."""
    theirs = queries.team_refs(conn, team) if team else set()
    return [
        {
            "advisor": g.advisor,
            "case": g.case,
            "opened": g.opened_at,
            "expires": g.expires_at,
            "closed": g.closed_at,
            "note": g.reason,
        }
        for g in queries.grants_opened(conn, _start(start), _start(end + timedelta(days=1)))
        if team is None or g.team == team or g.case in theirs
    ]
