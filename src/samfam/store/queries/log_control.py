"""Queries of log control: emergency access, who is on which case over time, one audit row, the reviews of
logged reads and the team's access sign-offs (docs/privacy.md "Log control")."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, and_, func, or_, select, text

from samfam.store import tables as t
from samfam.store.queries.audit import LogEntry
from samfam.store.records import AccessSignoff, EmergencyAccess


class GrantRow(NamedTuple):
    """An emergency access with its case, its advisor and the advisor's team."""

    id: int
    case: str
    advisor: str
    name: str
    team: str | None
    reason: str
    opened_at: datetime
    expires_at: datetime
    closed_at: datetime | None


def _grants() -> Select[Any]:
    e, a = t.emergency_access, t.advisor
    return (
        select(e.c.id, t.cases.c.ref, a.c.initials, a.c.name, a.c.team, e.c.reason, e.c.opened_at,
               e.c.expires_at, e.c.closed_at)
        .select_from(e)
        .join(t.cases, t.cases.c.id == e.c.case_id)
        .join(a, a.c.id == e.c.advisor_id)
        .order_by(e.c.opened_at, e.c.id)
    )  # fmt: skip


def open_grant(conn: Connection, case_id: int, advisor_id: int, now: datetime) -> EmergencyAccess | None:
    """The advisor's emergency access to the case that is open at `now` (not closed, not expired)."""
    e = t.emergency_access
    query = (
        select(e)
        .where(e.c.case_id == case_id, e.c.advisor_id == advisor_id, e.c.closed_at.is_(None), e.c.expires_at > now)
        .order_by(e.c.id.desc())
        .limit(1)
    )
    row = conn.execute(query).first()
    return None if row is None else EmergencyAccess._make(row)


def emergency_case(conn: Connection, ref: str) -> int | None:
    """The id of the case with this reference, whether or not the login sees it, for opening an emergency
    access to a case outside one's own scope. On PostgreSQL through `samfam_emergency_case` (SECURITY
    DEFINER, samfam.store.security): it tells whether a reference exists and nothing more, and the policy on
    `emergency_access` still checks the row opened. On SQLite (no row-level security) the case itself."""
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT samfam_emergency_case(:ref)"), {"ref": ref}).scalar()
    return conn.execute(select(t.cases.c.id).where(t.cases.c.ref == ref)).scalar()


def grants_opened(conn: Connection, start: datetime, end: datetime) -> list[GrantRow]:
    """Every emergency access opened from `start` up to `end`, oldest first."""
    e = t.emergency_access
    return list(map(GrantRow._make, conn.execute(_grants().where(e.c.opened_at >= start, e.c.opened_at < end))))


def grants_during(conn: Connection, start: datetime, end: datetime) -> list[GrantRow]:
    """Every emergency access open at some moment from `start` up to `end`."""
    e = t.emergency_access
    during = and_(e.c.opened_at < end, e.c.expires_at > start, or_(e.c.closed_at.is_(None), e.c.closed_at > start))
    return list(map(GrantRow._make, conn.execute(_grants().where(during))))


def grants_open(conn: Connection, now: datetime, case_ids: Sequence[int] | None = None) -> list[GrantRow]:
    """The emergency accesses open at `now` (an expired or closed one shows nothing)."""
    e = t.emergency_access
    query = _grants().where(e.c.opened_at <= now, e.c.expires_at > now, e.c.closed_at.is_(None))
    if case_ids is not None:
        query = query.where(e.c.case_id.in_(case_ids))
    return list(map(GrantRow._make, conn.execute(query)))


class HolderRow(NamedTuple):
    """Who was on a case over a span: primary, buddy (from the history, else the case itself) or core team."""

    case: str
    initials: str
    role: str
    since: date | None
    until: date | None


def holders(conn: Connection, refs: Sequence[str]) -> list[HolderRow]:
    """Everyone who held a case over time: its primary advisor and buddy from the assignment history (or,
    for a case without one, the case's own advisor and buddy), and its core team; a period a correction
    replaced is left out (they never held it)."""
    c, a = t.cases, t.advisor
    ca, cm = t.case_assignment, t.case_member
    rows: list[HolderRow] = []
    for chunk in (refs[i : i + 500] for i in range(0, len(refs), 500)):
        assigned = (
            select(c.c.ref, a.c.initials, ca.c.role, ca.c.since, ca.c.until)
            .select_from(ca)
            .join(c, c.c.id == ca.c.case_id)
            .join(a, a.c.id == ca.c.advisor_id)
            .where(c.c.ref.in_(chunk), ca.c.corrected_at.is_(None))
        )
        members = (
            select(c.c.ref, a.c.initials, cm.c.role, cm.c.since, cm.c.until)
            .select_from(cm)
            .join(c, c.c.id == cm.c.case_id)
            .join(a, a.c.id == cm.c.advisor_id)
            .where(c.c.ref.in_(chunk), cm.c.corrected_at.is_(None))
        )
        rows += map(HolderRow._make, conn.execute(assigned))
        rows += map(HolderRow._make, conn.execute(members))
        with_history = {r.case for r in rows if r.role in ("primary", "buddy")}
        primary, buddy = a.alias("primary_advisor"), a.alias("buddy_advisor")
        current = (
            select(c.c.ref, primary.c.initials, buddy.c.initials)
            .select_from(c)
            .join(primary, primary.c.id == c.c.advisor_id)
            .join(buddy, buddy.c.id == c.c.buddy_id, isouter=True)
            .where(c.c.ref.in_(chunk))
        )
        for ref, first, second in conn.execute(current):
            if ref in with_history:
                continue
            rows.append(HolderRow(ref, first, "primary", None, None))
            if second:
                rows.append(HolderRow(ref, second, "buddy", None, None))
    return rows


class SeenBy(NamedTuple):
    """An open case of a team with its current primary advisor, buddy and core team (advisors' initials)."""

    id: int
    case: str
    primary: str
    buddy: str | None


def team_cases(conn: Connection, team: str, day: date) -> list[SeenBy]:
    """The cases open on `day` whose current primary advisor is in the team, by reference."""
    c = t.cases
    primary, buddy = t.advisor.alias("primary_advisor"), t.advisor.alias("buddy_advisor")
    query = (
        select(c.c.id, c.c.ref, primary.c.initials, buddy.c.initials)
        .select_from(c)
        .join(primary, primary.c.id == c.c.advisor_id)
        .join(buddy, buddy.c.id == c.c.buddy_id, isouter=True)
        .where(primary.c.team == team, c.c.opened <= day, or_(c.c.closed.is_(None), c.c.closed > day))
        .order_by(c.c.ref)
    )
    return list(map(SeenBy._make, conn.execute(query)))


def team_refs(conn: Connection, team: str) -> set[str]:
    """Every case whose current primary advisor is in the team."""
    query = (
        select(t.cases.c.ref).join(t.advisor, t.advisor.c.id == t.cases.c.advisor_id).where(t.advisor.c.team == team)
    )
    return set(conn.execute(query).scalars())


def current_members(conn: Connection, case_ids: Sequence[int]) -> list[tuple[int, str, str]]:
    """(case id, initials, role) of every current member of these cases' core teams."""
    cm = t.case_member
    query = (
        select(cm.c.case_id, t.advisor.c.initials, cm.c.role)
        .join(t.advisor, t.advisor.c.id == cm.c.advisor_id)
        .where(cm.c.case_id.in_(case_ids), cm.c.until.is_(None), cm.c.corrected_at.is_(None))
        .order_by(cm.c.case_id, t.advisor.c.initials)
    )
    return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def audit_row(conn: Connection, row_id: int) -> LogEntry | None:
    log = t.audit_log
    query = select(
        log.c.id, log.c.at, log.c.user, log.c.kind, log.c.action, log.c.case_ref, log.c.cases, log.c.purpose,
        log.c.detail,
    ).where(log.c.id == row_id)  # fmt: skip
    row = conn.execute(query).first()
    return None if row is None else LogEntry._make(row)


def review_details(conn: Connection) -> list[tuple[str, datetime, str | None]]:
    """(user, at, detail) of every review of a logged read, oldest first."""
    log = t.audit_log
    query = select(log.c.user, log.c.at, log.c.detail).where(log.c.action == "audit.review").order_by(log.c.id)
    return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def last_signoff(conn: Connection, team: str) -> AccessSignoff | None:
    s = t.access_signoff
    row = conn.execute(select(s).where(s.c.team == team).order_by(s.c.signed_at.desc(), s.c.id.desc()).limit(1)).first()
    return None if row is None else AccessSignoff._make(row)


def signoff_count(conn: Connection, team: str) -> int:
    s = t.access_signoff
    return conn.execute(select(func.count()).select_from(s).where(s.c.team == team)).scalar_one()


def case_teams(conn: Connection, refs: Sequence[str]) -> dict[str, str | None]:
    """Each case's team: its current primary advisor's."""
    found: dict[str, str | None] = {}
    for chunk in (refs[i : i + 500] for i in range(0, len(refs), 500)):
        query = (
            select(t.cases.c.ref, t.advisor.c.team)
            .join(t.advisor, t.advisor.c.id == t.cases.c.advisor_id)
            .where(t.cases.c.ref.in_(chunk))
        )
        found.update((r[0], r[1]) for r in conn.execute(query))
    return found
