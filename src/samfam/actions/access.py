"""Writes of access control: emergency access ("break the glass") opened and closed, the review of a logged
read, and the team leader's half-yearly sign-off of who can see the team's cases (docs/privacy.md "Log
control"). Each is one unit of work with its audit row."""

from __future__ import annotations

from samfam.actions.roles import permit
from samfam.errors import Conflict, NotFound, UsageError
from samfam.rules import log_control as rules
from samfam.rules.identity import case_ref
from samfam.store import tables as t
from samfam.store.queries import log_control as queries
from samfam.store.records import AccessSignoff, EmergencyAccess
from samfam.store.work import UnitOfWork
from samfam.views import lookups

#: The longest reason and note the tables hold.
REASON_LIMIT = 500


def _stamp(moment: object) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _case(uow: UnitOfWork, ref: str) -> tuple[int, str]:
    """The case an emergency access names, by reference: its id and reference. It is outside the login's scope
    on PostgreSQL (which is the point), so it is not looked up through the cases the login sees."""
    code = case_ref(ref)
    case_id = queries.emergency_case(uow.conn, code)
    if case_id is None:
        raise NotFound("no case '{ref}'; see 'samfam case list --status all'", ref=ref)
    return case_id, code


def open_emergency(
    uow: UnitOfWork, ref: str, reason: str, hours: int = rules.EMERGENCY_HOURS, advisor: str | None = None
) -> EmergencyAccess:
    """Open a case outside one's own scope for `hours` (1-24): the acting advisor (`advisor`, else the user)
    may see it until then; an expired grant shows nothing."""
    with uow:
        if not reason.strip():
            raise UsageError("--reason is empty; say why you need to see the case (it goes into the audit log)")
        if not 1 <= hours <= rules.EMERGENCY_MAX_HOURS:
            raise UsageError(
                "--hours {hours} is out of range; give 1 to {most} hours", hours=hours, most=rules.EMERGENCY_MAX_HOURS
            )
        case_id, case = _case(uow, ref)
        person = lookups.advisor(uow.conn, advisor or uow.user)
        now = uow.now()
        existing = queries.open_grant(uow.conn, case_id, person.id, now)
        if existing is not None:
            raise Conflict(
                "{advisor} has emergency access to {ref} already, until {until}; "
                "close it first with 'samfam access close {ref}'",
                advisor=person.initials,
                ref=case,
                until=_stamp(existing.expires_at),
            )
        expires = rules.emergency_expiry(now, hours)
        grant = EmergencyAccess._make(
            uow.add(
                t.emergency_access,
                case_id=case_id,
                advisor_id=person.id,
                reason=reason.strip(),
                opened_at=now,
                expires_at=expires,
                closed_at=None,
            )
        )
        uow.audit("access.open", case, f"{person.initials} until {_stamp(expires)}: {reason.strip()}")
        uow.commit()
        return grant


def close_emergency(uow: UnitOfWork, ref: str, advisor: str | None = None) -> EmergencyAccess:
    """End the acting advisor's open emergency access to the case before it expires."""
    with uow:
        case_id, case = _case(uow, ref)
        person = lookups.advisor(uow.conn, advisor or uow.user)
        now = uow.now()
        existing = queries.open_grant(uow.conn, case_id, person.id, now)
        if existing is None:
            raise NotFound(
                "{advisor} has no open emergency access to {ref}; nothing to close", advisor=person.initials, ref=case
            )
        grant = EmergencyAccess._make(uow.update(t.emergency_access, existing.id, closed_at=now))
        uow.audit(
            "access.close",
            case,
            f"{person.initials} closed at {_stamp(now)}, before {_stamp(existing.expires_at)}: {existing.reason}",
        )
        uow.commit()
        return grant


def review_row(uow: UnitOfWork, row_id: int, question: str | None = None) -> str:
    """Record the team leader's review of a logged read: ok (`question` None) or a question to ask about it.
    The review is an audit row itself ("audit.review", "row ID: ok" or "row ID: question: …"), in the chain."""
    with uow:
        if question is not None and not question.strip():
            raise UsageError("--question is empty; write the question, or give --ok")
        row = queries.audit_row(uow.conn, row_id)
        if row is None:
            raise NotFound("no audit row {row}; see 'samfam audit sample --team T' or 'samfam audit'", row=str(row_id))
        if row.kind != "read":
            raise UsageError(
                "audit row {row} is a change ({action}), not a read; only reads are reviewed",
                row=str(row_id),
                action=row.action,
            )
        detail = rules.review_detail(row_id, question)
        uow.audit("audit.review", None, detail)
        uow.commit()
        return detail


def sign_off(uow: UnitOfWork, team: str, note: str | None = None) -> AccessSignoff:
    """The team's leader (or the administrator) signs off who can see the team's cases (half-yearly): an
    `access_signoff` row. Anyone else is refused before anything is written (samfam.rules.roles)."""
    with uow:
        name = lookups.team(uow.conn, team)
        permit(uow, "access.signoff", name)
        if note is not None and not note.strip():
            raise UsageError("--note is empty; write the note, or leave --note out")
        signed = AccessSignoff._make(
            uow.add(
                t.access_signoff,
                team=name,
                signed_by=uow.user,
                signed_at=uow.now(),
                note=note.strip() if note else None,
            )
        )
        uow.audit("access.signoff", detail=f"{name}" + (f": {signed.note}" if signed.note else ""))
        uow.commit()
        return signed
