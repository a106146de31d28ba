"""The writes. Each public function is one transaction: all of it is stored, or none of it.

Every write leaves an entry in the audit log: who, when, what, which case.
"""

from __future__ import annotations

from datetime import date

from samfam import store
from samfam.app import App, unit_of_work
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.identity import case_ref, cpr_number, initials
from samfam.models import Advisor, Case, Event, Grant, Meta
from samfam.rules import events as event_rules
from samfam.rules.paragraphs import ParagraphError, parse_code
from samfam.store import Session, Tx

# -- lookups shared by the writes and the reads ----------------------------------------------


def find_case(session: Session, ref: str) -> Case:
    found = store.case_by_ref(session, case_ref(ref))
    if found is None:
        raise NotFound(f"no case '{ref}'; see 'samfam case list --status all'")
    return found


def find_advisor(session: Session, text: str) -> Advisor:
    found = store.advisor_by_initials(session, initials(text))
    if found is None:
        known = ", ".join(a.initials for a in store.advisors(session)) or "none yet"
        raise NotFound(f"no advisor '{text}'; known advisors: {known} (add one with 'samfam advisor add')")
    return found


def paragraph(text: str) -> str:
    try:
        return parse_code(text)
    except ParagraphError as exc:
        raise InvalidValue(str(exc)) from None


def _open(case: Case, on: date) -> None:
    if case.closed is not None and case.closed <= on:
        raise Conflict(f"case {case.ref} was closed on {case.closed.isoformat()}")


def _not_before_opening(case: Case, on: date, what: str) -> None:
    if on < case.opened:
        raise InvalidValue(f"{what} {on.isoformat()} is before case {case.ref} opened ({case.opened.isoformat()})")


def _not_in_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise InvalidValue(f"{what} {on.isoformat()} is after today ({today.isoformat()})")


# -- advisors --------------------------------------------------------------------------------


@unit_of_work
def add_advisor(tx: Tx, app: App, text: str, name: str, team: str | None = None, role: str | None = None) -> Advisor:
    code = initials(text)
    if store.advisor_by_initials(tx.session, code) is not None:
        raise Conflict(f"advisor '{code}' exists already; initials must be unique")
    if not name.strip():
        raise UsageError("the advisor's --name is empty")
    advisor = tx.add(Advisor(initials=code, name=name.strip(), team=team or None, role=role or None))
    tx.audit("advisor.add", detail=f"{code} {name.strip()}" + (f" team {team}" if team else ""))
    return advisor


# -- cases -----------------------------------------------------------------------------------


@unit_of_work
def open_case(
    tx: Tx,
    app: App,
    ref: str,
    child: str,
    advisor: str,
    cpr: str | None = None,
    born: date | None = None,
    opened: date | None = None,
    paragraphs: tuple[str, ...] = (),
    buddy: str | None = None,
    complex_case: bool = False,
) -> Case:
    ref = case_ref(ref)
    if not child.strip():
        raise UsageError("the child's name (--child) is empty")
    if cpr and born:
        raise UsageError("give either --cpr or --born, not both (the CPR number gives the birth date)")
    opened = opened or app.today
    _not_in_future(opened, app.today, "opening date")
    cpr_text = None
    if cpr:
        cpr_text, born = cpr_number(cpr, app.today)
    if born is not None and born > opened:
        raise InvalidValue(f"birth date {born.isoformat()} is after the opening date {opened.isoformat()}")
    codes = list(dict.fromkeys(paragraph(p) for p in paragraphs))
    if store.case_by_ref(tx.session, ref) is not None:
        raise Conflict(f"case '{ref}' exists already; references must be unique")
    primary = find_advisor(tx.session, advisor)
    second = find_advisor(tx.session, buddy) if buddy else None
    if second is not None and second.id == primary.id:
        raise InvalidValue(f"the buddy must be another advisor than the primary ({primary.initials})")
    case = tx.add(
        Case(
            ref=ref,
            child_name=child.strip(),
            cpr=cpr_text,
            born=born,
            advisor_id=primary.id,
            buddy_id=second.id if second else None,
            complex=complex_case,
            opened=opened,
        )
    )
    for code in codes:
        tx.add(Grant(case_id=case.id, code=code, start=opened))
    tx.audit(
        "case.open",
        ref,
        f"advisor {primary.initials}"
        + (f", buddy {second.initials}" if second else "")
        + (f", grants {', '.join(codes)}" if codes else ""),
    )
    return case


@unit_of_work
def assign_case(tx: Tx, app: App, ref: str, advisor: str) -> tuple[str, str]:
    case = find_case(tx.session, ref)
    _open(case, app.today)
    new = find_advisor(tx.session, advisor)
    if new.id == case.advisor_id:
        raise Conflict(f"{new.initials} is already the primary advisor on case {case.ref}")
    old = store.initials_by_id(tx.session, [case.advisor_id])[case.advisor_id]
    if case.buddy_id == new.id:
        case.buddy_id = None  # the buddy takes over; the case needs a new buddy
    case.advisor_id = new.id
    tx.session.add(case)
    tx.audit("case.assign", case.ref, f"primary advisor {old} -> {new.initials}")
    return old, new.initials


@unit_of_work
def close_case(tx: Tx, app: App, ref: str, reason: str, on: date | None = None) -> Case:
    case = find_case(tx.session, ref)
    on = on or app.today
    if case.closed is not None:
        raise Conflict(f"case {case.ref} is closed already (on {case.closed.isoformat()})")
    if not reason.strip():
        raise UsageError("give the reason for closing with --reason")
    _not_before_opening(case, on, "closing date")
    case.closed = on
    case.close_reason = reason.strip()
    tx.session.add(case)
    tx.audit("case.close", case.ref, f"on {on.isoformat()}: {reason.strip()}")
    return case


# -- grants ----------------------------------------------------------------------------------


@unit_of_work
def add_grant(tx: Tx, app: App, ref: str, code: str, start: date | None = None, end: date | None = None) -> Grant:
    canonical = paragraph(code)
    case = find_case(tx.session, ref)
    start = start or app.today
    _open(case, start)
    _not_before_opening(case, start, "grant start")
    if end is not None and end < start:
        raise InvalidValue(f"grant end {end.isoformat()} is before its start {start.isoformat()}")
    for existing in store.grants_of(tx.session, case.id):
        if existing.code == canonical and _overlap(existing, start, end):
            until = existing.end.isoformat() if existing.end else "open-ended"
            raise Conflict(
                f"case {case.ref} already has {canonical} from {existing.start.isoformat()} "
                f"({until}); end it first with 'samfam grant end'"
            )
    grant = tx.add(Grant(case_id=case.id, code=canonical, start=start, end=end))
    period = f"from {start.isoformat()}" + (f" to {end.isoformat()}" if end else "")
    tx.audit("grant.add", case.ref, f"{canonical} {period}")
    return grant


def _overlap(grant: Grant, start: date, end: date | None) -> bool:
    return (grant.end is None or start <= grant.end) and (end is None or grant.start <= end)


@unit_of_work
def end_grant(tx: Tx, app: App, ref: str, code: str, on: date | None = None) -> Grant:
    canonical = paragraph(code)
    case = find_case(tx.session, ref)
    on = on or app.today
    candidates = store.open_grants(tx.session, case.id, canonical)
    if not candidates:
        running = sorted({g.code for g in store.grants_of(tx.session, case.id) if g.end is None})
        raise NotFound(
            f"case {case.ref} has no open-ended grant {canonical}; open-ended grants: " + (", ".join(running) or "none")
        )
    grant = candidates[-1]
    if on < grant.start:
        raise InvalidValue(f"end date {on.isoformat()} is before {canonical} started ({grant.start.isoformat()})")
    grant.end = on
    tx.session.add(grant)
    tx.audit("grant.end", case.ref, f"{canonical} on {on.isoformat()}")
    return grant


# -- events ----------------------------------------------------------------------------------


@unit_of_work
def add_event(
    tx: Tx,
    app: App,
    ref: str,
    kind: str,
    on: date | None = None,
    note: str | None = None,
    scale: int | None = None,
) -> Event:
    if kind not in event_rules.BY_NAME:
        raise UsageError(f"'{kind}' is not an event kind; use one of: " + ", ".join(event_rules.BY_NAME))
    if scale is not None:
        if not event_rules.counts_as_followup(kind):
            raise InvalidValue(
                f"a Signs of Safety scale goes on a follow-up, not on '{kind}'; counting kinds: "
                + ", ".join(event_rules.COUNTING_KINDS)
            )
        if scale not in event_rules.SCALE_RANGE:
            raise UsageError(f"scale {scale} is outside 0-10")
    case = find_case(tx.session, ref)
    on = on or app.today
    _not_before_opening(case, on, "event date")
    _not_in_future(on, app.today, "event date")
    if case.closed is not None and on > case.closed:
        raise Conflict(f"case {case.ref} was closed on {case.closed.isoformat()}; the event is after that")
    event = tx.add(Event(case_id=case.id, kind=kind, day=on, note=note or None, scale=scale, recorded_by=tx.user))
    tx.audit("event.add", case.ref, f"{kind} on {on.isoformat()}" + (f", scale {scale}" if scale is not None else ""))
    return event


# -- database --------------------------------------------------------------------------------


def init_database(app: App) -> tuple[str | None, str]:
    before, after = app.store.init()
    if before != after:
        with app.store.transaction(app.user) as tx:
            tx.audit("db.init" if before is None else "db.upgrade", detail=f"{before or 'empty'} -> {after}")
    return before, after


def mark_demo(tx: Tx) -> None:
    tx.session.merge(Meta(key="demo", value="1"))
