"""Writes about cases: opening and closing, who is responsible (primary advisor, buddy, core team),
and the track periods the reports select from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, Protocol

from samfam.actions import handovers
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.rules import cadence
from samfam.rules.checks import (
    case_open_on,
    not_before_opening,
    not_in_future,
    not_under_both_laws,
    reason_given,
    still_employed,
)
from samfam.rules.dates import age_on
from samfam.rules.deadlines import ADULT_AGE
from samfam.rules.identity import case_ref, cpr_number, mask_cpr
from samfam.store import tables as t
from samfam.store.queries import care as care_queries
from samfam.store.queries import cases as case_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.records import Case
from samfam.store.work import UnitOfWork
from samfam.views import checklists, lookups
from samfam.words import Phrase, mark, said

# -- the track over time and responsibility over time ------------------------------------------


def refresh_track(uow: UnitOfWork, case_id: int) -> None:
    """Rewrite the case's stored track periods from its grants (after every change to them). During an
    import the case is noted instead and its track rewritten once, before the import commits
    (`rewrite_deferred_tracks`): nothing the import checks reads the track."""
    if uow.deferred_tracks is not None:
        uow.deferred_tracks.add(case_id)
        return
    _rewrite_track(uow, case_id)


def rewrite_deferred_tracks(uow: UnitOfWork) -> None:
    """Rewrite the tracks of the cases an import changed the grants of (see `refresh_track`)."""
    pending, uow.deferred_tracks = uow.deferred_tracks, None
    for case_id in sorted(pending or ()):
        _rewrite_track(uow, case_id)


def _rewrite_track(uow: UnitOfWork, case_id: int) -> None:
    spans = [cadence.Grant(g.code, g.start, g.end) for g in case_queries.grants_of(uow.conn, case_id)]
    uow.delete_by(t.case_track, "case_id", case_id)
    for since, until, track in cadence.track_periods(spans):
        uow.insert(t.case_track, case_id=case_id, track=track, since=since, until=until)


ROLE_NAMES = {"primary": mark("primary advisor"), "buddy": mark("buddy")}
#: Why a period that began today is replaced when no reason is given.
SAME_DAY = "changed again the same day"


class Period(Protocol):
    """What settling reads of a period of responsibility or of the core team."""

    @property
    def id(self) -> int: ...
    @property
    def advisor_id(self) -> int: ...
    @property
    def since(self) -> date: ...


def replaced_from(periods: Sequence[Period], on: date) -> list[Period]:
    """The periods a change from `on` replaces whole: those beginning on or after it."""
    return [p for p in periods if p.since >= on]


def correction_reason(
    uow: UnitOfWork, periods: Sequence[Period], on: date, reason: str | None, what: str
) -> str | None:
    """The reason a change from `on` gives the periods it replaces (`what` names the role). Replacing one that
    began before today rewrites the history: the reason is required. One that began today only is changed
    again the same day (`SAME_DAY`, unless a reason is given). A reason given is never empty."""
    if reason is not None and not reason.strip():
        raise UsageError("--reason is empty; give the reason for the correction, or leave --reason out")
    replaced = replaced_from(periods, on)
    rewritten = [p for p in replaced if p.since < uow.today]
    if rewritten and reason is None:
        people = staff_queries.initials_by_id(uow.conn, [p.advisor_id for p in rewritten])
        named = ", ".join(
            said(mark("{advisor}'s period from {since}"), {"advisor": people[p.advisor_id], "since": p.since})
            for p in rewritten
        )
        raise UsageError(
            "a change from {on} replaces {named} as {what}; give the reason for the correction with "
            "--reason (the replaced period is kept, marked corrected)",
            on=on,
            named=named,
            what=Phrase(what),
        )
    if reason is not None:
        return reason.strip()
    return SAME_DAY if replaced else None


def settle(uow: UnitOfWork, table: Any, periods: Sequence[Period], on: date, reason: str | None) -> list[str]:
    """Make room from `on` among `periods` (those in force on `on` or later): one that began before ends the
    day before; one beginning on or after it is replaced: kept, marked corrected (when, by whom, why), and
    counted for nothing from then on. Periods never overlap (docs/rules.md § 8). What was replaced, as
    "XYZ from DATE"."""
    replaced = replaced_from(periods, on)
    people = staff_queries.initials_by_id(uow.conn, [p.advisor_id for p in replaced]) if replaced else {}
    for period in periods:
        if period.since < on:
            uow.update(table, period.id, until=on - timedelta(days=1))
        else:
            uow.update(table, period.id, corrected_at=uow.now(), corrected_by=uow.user, correction_reason=reason)
    return [f"{people[p.advisor_id]} from {p.since.isoformat()}" for p in replaced]


def responsible(
    uow: UnitOfWork, case_id: int, role: str, advisor_id: int | None, on: date, reason: str | None = None
) -> list[str]:
    """From `on`, `advisor_id` (or nobody) holds `role` on the case; the history is kept: an earlier period
    ends the day before, a later one is replaced and marked corrected with `reason` (`settle`). What was
    replaced."""
    periods = case_queries.assignments_from(uow.conn, case_id, role, on)
    reason = correction_reason(uow, periods, on, reason, ROLE_NAMES[role])
    replaced = settle(uow, t.case_assignment, periods, on, reason)
    if advisor_id is not None:
        uow.insert(t.case_assignment, case_id=case_id, advisor_id=advisor_id, role=role, since=on)
    return replaced


def corrects(replaced: list[str], reason: str | None) -> str:
    """The audit detail's words for the periods a change replaced (none for a change made again the same
    day: the log has both)."""
    return f"; corrects {', '.join(replaced)}: {reason}" if replaced and reason != SAME_DAY else ""


# -- opening, assigning, closing -----------------------------------------------------------------


def open_case(
    uow: UnitOfWork,
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
    with uow:
        ref = case_ref(ref)
        if not child.strip():
            raise UsageError(mark("the child's name (--child) is empty"))
        if cpr and born:
            raise UsageError(mark("give either --cpr or --born, not both (the CPR number gives the birth date)"))
        opened = opened or uow.today
        not_in_future(opened, uow.today, mark("opening date"))
        cpr_text = None
        if cpr is not None:
            if not cpr.strip():
                raise UsageError("--cpr is empty; give the CPR number as DDMMYY-SSSS, or --born DATE instead")
            cpr_text, born = cpr_number(cpr, uow.today)
        child_case_checks(uow, ref, born, opened, cpr_text)
        codes = list(dict.fromkeys(lookups.paragraph(p) for p in paragraphs))
        for i, code in enumerate(codes):
            not_under_both_laws(ref, code, opened, None, [(earlier, opened, None) for earlier in codes[:i]])
        if case_queries.case_by_ref(uow.conn, ref) is not None:
            raise Conflict("case '{ref}' exists already; references must be unique", ref=ref)
        primary = lookups.advisor(uow.conn, advisor)
        still_employed(primary, opened, mark("primary advisor"))
        if buddy is not None and not buddy.strip():
            raise UsageError("--buddy is empty; give the buddy's initials, or leave --buddy out")
        second = lookups.advisor(uow.conn, buddy) if buddy else None
        if second is not None:
            still_employed(second, opened, mark("buddy"))
        if second is not None and second.id == primary.id:
            raise InvalidValue(
                "the buddy must be another advisor than the primary ({advisor})", advisor=primary.initials
            )
        case = Case._make(
            uow.add(
                t.cases,
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
            uow.insert(t.grants, case_id=case.id, code=code, start=opened)
        refresh_track(uow, case.id)
        responsible(uow, case.id, "primary", primary.id, opened)
        if second is not None:
            responsible(uow, case.id, "buddy", second.id, opened)
        uow.audit(
            "case.open",
            ref,
            f"advisor {primary.initials}"
            + (f", buddy {second.initials}" if second else "")
            + (f", grants {', '.join(codes)}" if codes else ""),
        )
        uow.commit()
        return case


def holder_on(periods: Sequence[Period], on: date) -> Period | None:
    """Of the periods in force on `on` or later (by start), the one holding on `on` itself."""
    held = [p for p in periods if p.since <= on]
    return held[-1] if held else None


def assign_case(
    uow: UnitOfWork, ref: str, advisor: str, on: date | None = None, reason: str | None = None
) -> tuple[str, str]:
    """From `on`, `advisor` is the case's primary advisor. An `on` before the start of a later period
    rewrites the history: it needs `reason`, and the periods it replaces are kept, marked corrected."""
    with uow:
        case = lookups.case(uow.conn, ref)
        on = on or uow.today
        case_open_on(case, uow.today, on)
        not_before_opening(case, on, mark("assignment date"))
        not_in_future(on, uow.today, mark("assignment date"))
        new = lookups.advisor(uow.conn, advisor)
        still_employed(new, on, mark("primary advisor"))
        periods = case_queries.assignments_from(uow.conn, case.id, "primary", on)
        before = holder_on(periods, on)
        held_by = before.advisor_id if before is not None else case.advisor_id
        if new.id == held_by:
            raise Conflict(
                "{advisor} is already the primary advisor on case {ref} on {on}",
                advisor=new.initials,
                ref=case.ref,
                on=on,
            )
        old = staff_queries.initials_by_id(uow.conn, [held_by])[held_by]
        why = correction_reason(uow, periods, on, reason, mark("primary advisor"))
        buddy_id = case.buddy_id
        replaced = []
        if buddy_id == new.id:
            buddy_id = None  # the buddy takes over; the case needs a new buddy
            replaced += responsible(uow, case.id, "buddy", None, on, why)
        uow.update(t.cases, case.id, advisor_id=new.id, buddy_id=buddy_id)
        replaced += responsible(uow, case.id, "primary", new.id, on, why)
        uow.audit(
            "case.assign",
            case.ref,
            f"primary advisor {old} -> {new.initials} from {on.isoformat()}" + corrects(replaced, why),
        )
        running = care_queries.handovers_of(uow.conn, case.id)
        if not any(h.kind == "advisor-change" and h.completed is None for h in running):
            handovers.begin(uow, case, "advisor-change", on, f"{old} -> {new.initials}")
        uow.commit()
        return old, new.initials


def close_case(
    uow: UnitOfWork, ref: str, reason: str, on: date | None = None, force: str | None = None
) -> tuple[Case, list[str]]:
    """Close a case once its closure checklist is complete; `force` (a reason) closes it anyway.

    Returns the case and the checklist items that were missing (forced closes only).
    """
    with uow:
        case = lookups.case(uow.conn, ref)
        on = on or uow.today
        if case.closed is not None:
            raise Conflict("case {ref} is closed already (on {closed})", ref=case.ref, closed=case.closed)
        if not reason.strip():
            raise UsageError(mark("give the reason for closing with --reason"))
        if force is not None and not force.strip():
            raise UsageError("--force needs a reason, e.g. --force 'Familien er fraflyttet uden varsel'")
        not_before_opening(case, on, mark("closing date"))
        not_in_future(on, uow.today, mark("closing date"))
        ending = {role: case_queries.assignments_from(uow.conn, case.id, role, on) for role in ROLE_NAMES}
        for role, periods in ending.items():
            later = [p for p in periods if p.since > on]
            if later:
                who = staff_queries.initials_by_id(uow.conn, [later[0].advisor_id])[later[0].advisor_id]
                raise InvalidValue(
                    "closing date {on} is before {advisor} became {role} on case {ref} ({since}); "
                    "close it on or after that day",
                    on=on,
                    advisor=who,
                    role=Phrase(ROLE_NAMES[role]),
                    ref=case.ref,
                    since=later[0].since,
                )
        # The closure checklist: the open one, or one completed since the case was last (re)opened.
        since = case.reopened or case.opened
        closures = [
            h
            for h in care_queries.handovers_of(uow.conn, case.id)
            if h.kind == "closure" and (h.completed is None or h.completed >= since)
        ]
        handover = next((h for h in reversed(closures) if h.completed is None), closures[-1] if closures else None)
        pending = handover or checklists.PendingHandover("closure", on)
        found = checklists.record(uow.conn, case.id, case.born)
        missing = checklists.missing(checklists.checklist(uow.conn, found, pending, on))
        if missing and force is None:
            if handover:
                raise Conflict(
                    "case {ref} cannot close: the closure checklist is missing {missing}; tick the items, "
                    "or close with --force REASON",
                    ref=case.ref,
                    missing=", ".join(missing),
                )
            raise Conflict(
                "case {ref} cannot close: the closure checklist is missing {missing}; start it with "
                "'samfam handover start {ref} closure', or close with --force REASON",
                ref=case.ref,
                missing=", ".join(missing),
            )
        if handover is not None and handover.completed is None:
            forced = force.strip() if missing and force else None
            uow.update(t.handover, handover.id, completed=on, completed_by=uow.user, forced_reason=forced)
        case = Case._make(uow.update(t.cases, case.id, closed=on, close_reason=reason.strip()))
        uow.insert(t.case_closure, case_id=case.id, closed=on, reason=reason.strip(), closed_by=uow.user)
        for periods in ending.values():  # responsibility ends on the closing day (none ends after it)
            for period in periods:
                uow.update(t.case_assignment, period.id, until=on)
        uow.audit("case.close", case.ref, f"on {on.isoformat()}: {reason.strip()}")
        if missing and force is not None:  # without --force a missing item refused above
            uow.audit("case.close.forced", case.ref, f"{force.strip()} (missing: {', '.join(missing)})")
        uow.commit()
        return case, missing if force is not None else []


# -- buddies, complexity and the core team -------------------------------------------------------


def set_buddy(
    uow: UnitOfWork, ref: str, advisor: str | None, on: date | None = None, reason: str | None = None
) -> tuple[str | None, str | None]:
    """From `on`, `advisor` (or nobody) is the case's buddy; back-dated as `assign_case` is."""
    with uow:
        case = lookups.case(uow.conn, ref)
        on = on or uow.today
        case_open_on(case, uow.today, on)
        not_before_opening(case, on, mark("buddy date"))
        not_in_future(on, uow.today, mark("buddy date"))
        periods = case_queries.assignments_from(uow.conn, case.id, "buddy", on)
        before = holder_on(periods, on)
        held_by = before.advisor_id if before is not None else (None if periods else case.buddy_id)
        old = staff_queries.initials_by_id(uow.conn, [held_by])[held_by] if held_by is not None else None
        if advisor is None:
            if case.buddy_id is None and not periods:
                raise Conflict("case {ref} has no buddy", ref=case.ref)
            buddy_id, new = None, None
        else:
            buddy = lookups.advisor(uow.conn, advisor)
            still_employed(buddy, on, mark("buddy"))
            if buddy.id == case.advisor_id:
                raise InvalidValue(
                    "{advisor} is the primary advisor on case {ref}; a buddy is someone else",
                    advisor=buddy.initials,
                    ref=case.ref,
                )
            if buddy.id == held_by or (before is None and not periods and buddy.id == case.buddy_id):
                raise Conflict("{advisor} is already the buddy on case {ref}", advisor=buddy.initials, ref=case.ref)
            buddy_id, new = buddy.id, buddy.initials
        why = correction_reason(uow, periods, on, reason, mark("buddy"))
        uow.update(t.cases, case.id, buddy_id=buddy_id)
        replaced = responsible(uow, case.id, "buddy", buddy_id, on, why)
        detail = f"buddy {old or 'none'} -> {new or 'none'}" + (f" from {on.isoformat()}" if on != uow.today else "")
        uow.audit("case.buddy", case.ref, detail + corrects(replaced, why))
        uow.commit()
        return old, new


def set_complex(uow: UnitOfWork, ref: str, complex_case: bool) -> Case:
    with uow:
        case = lookups.case(uow.conn, ref)
        case_open_on(case, uow.today)
        case = Case._make(uow.update(t.cases, case.id, complex=complex_case))
        uow.audit("case.complex", case.ref, "complex" if complex_case else "not complex")
        uow.commit()
        return case


def add_member(
    uow: UnitOfWork, ref: str, advisor: str, role: str, on: date | None = None, reason: str | None = None
) -> str:
    """From `on`, `advisor` is on the core team. The advisor's own periods never overlap: an earlier one
    ends the day before, a later one (its start recorded wrongly) is replaced as `assign_case` replaces."""
    with uow:
        case = lookups.case(uow.conn, ref)
        on = on or uow.today
        case_open_on(case, uow.today, on)
        not_before_opening(case, on, mark("core-team date"))
        not_in_future(on, uow.today, mark("core-team date"))
        person = lookups.advisor(uow.conn, advisor)
        still_employed(person, on, mark("a core-team member"))
        if not role.strip():
            raise UsageError("give the member's --role, e.g. psykolog or tale-/hørekonsulent")
        if person.id == case.advisor_id:
            raise InvalidValue(
                "{advisor} is the primary advisor on case {ref}; the core team is everyone else",
                advisor=person.initials,
                ref=case.ref,
            )
        if person.id == case.buddy_id:
            raise InvalidValue(
                "{advisor} is the buddy on case {ref}; the core team is everyone else",
                advisor=person.initials,
                ref=case.ref,
            )
        periods = case_queries.member_periods_from(uow.conn, case.id, person.id, on)
        if any(p.until is None and p.since <= on for p in periods):
            raise Conflict("{advisor} is already on the core team of case {ref}", advisor=person.initials, ref=case.ref)
        why = correction_reason(uow, periods, on, reason, mark("core-team member"))
        replaced = settle(uow, t.case_member, periods, on, why)
        uow.insert(t.case_member, case_id=case.id, advisor_id=person.id, role=role.strip(), since=on)
        detail = f"{person.initials} as {role.strip()}" + (f" from {on.isoformat()}" if on != uow.today else "")
        uow.audit("case.member.add", case.ref, detail + corrects(replaced, why))
        uow.commit()
        return person.initials


def remove_member(uow: UnitOfWork, ref: str, advisor: str, on: date | None = None) -> str:
    """`advisor` leaves the core team: `on` (default today) is the last day on it."""
    with uow:
        case = lookups.case(uow.conn, ref)
        on = on or uow.today
        case_open_on(case, uow.today, on)
        not_in_future(on, uow.today, mark("core-team date"))
        person = lookups.advisor(uow.conn, advisor)
        current = case_queries.current_member(uow.conn, case.id, person.id)
        if current is None:
            raise NotFound("{advisor} is not on the core team of case {ref}", advisor=person.initials, ref=case.ref)
        if on < current.since:
            raise InvalidValue(
                "core-team date {on} is before {advisor} joined the core team of case {ref} ({since})",
                on=on,
                advisor=person.initials,
                ref=case.ref,
                since=current.since,
            )
        uow.update(t.case_member, current.id, until=on)
        uow.audit(
            "case.member.remove", case.ref, person.initials + (f" on {on.isoformat()}" if on != uow.today else "")
        )
        uow.commit()
        return person.initials


# -- corrections: reopening, and typing errors in the case's own fields --------------------------


def reopen_case(uow: UnitOfWork, ref: str, reason: str, on: date | None = None) -> Case:
    """Open a closed case again: the closure stays in the history, the cadence runs from `on`."""
    with uow:
        why = reason_given(reason, mark("reopening the case"))
        case = lookups.case(uow.conn, ref)
        if case.closed is None:
            raise Conflict("case {ref} is open; only a closed case can be reopened", ref=case.ref)
        on = on or uow.today
        not_in_future(on, uow.today, mark("reopening date"))
        if on < case.closed:
            raise InvalidValue(
                "reopening date {on} is before case {ref} closed ({closed})",
                on=on,
                ref=case.ref,
                closed=case.closed,
            )
        closure = case_queries.last_closure(uow.conn, case.id)
        if closure is not None:
            uow.update(t.case_closure, closure.id, reopened=on, reopened_by=uow.user, reopen_reason=why)
        case = Case._make(uow.update(t.cases, case.id, closed=None, close_reason=None, reopened=on))
        responsible(uow, case.id, "primary", case.advisor_id, on, why)
        if case.buddy_id is not None:
            responsible(uow, case.id, "buddy", case.buddy_id, on, why)
        uow.audit("case.reopen", case.ref, f"on {on.isoformat()}: {why}")
        uow.commit()
        return case


def update_case(
    uow: UnitOfWork,
    ref: str,
    reason: str,
    child: str | None = None,
    born: date | None = None,
    cpr: str | None = None,
    complex_case: bool | None = None,
) -> Case:
    """Correct the case's own fields (a typing error); the audit log keeps what changed and why."""
    with uow:
        why = reason_given(reason, mark("the correction"))
        case = lookups.case(uow.conn, ref)
        case_open_on(case, uow.today)
        if cpr is not None and born is not None:
            raise UsageError(mark("give either --cpr or --born, not both (the CPR number gives the birth date)"))
        values: dict[str, object] = {}
        changes = []
        if child is not None:
            if not child.strip():
                raise UsageError(mark("the child's name (--child) is empty"))
            values["child_name"] = child.strip()
            changes.append("child's name")
        if cpr is not None:
            cpr_text, cpr_born = cpr_number(cpr, uow.today)
            values["cpr"], values["born"] = cpr_text, cpr_born
            child_case_checks(uow, case.ref, cpr_born, case.opened, cpr_text)
            changes.append("CPR number and birth date")
        if born is not None:
            child_case_checks(uow, case.ref, born, case.opened, None)
            values["born"], values["cpr"] = born, None
            changes.append("birth date")
        if complex_case is not None:
            values["complex"] = complex_case
            changes.append("complex" if complex_case else "not complex")
        if not changes:
            raise UsageError("nothing to update; give --child, --born, --cpr or --complex/--no-complex")
        case = Case._make(uow.update(t.cases, case.id, **values))
        uow.audit("case.update", case.ref, f"{', '.join(changes)}: {why}")
        uow.commit()
        return case


def child_case_checks(uow: UnitOfWork, ref: str, born: date | None, opened: date, cpr: str | None) -> None:
    """A child case is for a child: born by today, under 18 on the opening date, one open case a CPR."""
    if born is None:
        return
    if born > uow.today:
        raise InvalidValue("birth date {born} is after today ({today})", born=born, today=uow.today)
    if born > opened:
        raise InvalidValue("birth date {born} is after the opening date {opened}", born=born, opened=opened)
    age = age_on(born, opened)
    if age >= ADULT_AGE:
        raise InvalidValue(
            "the child is {age} on the opening date {opened}; a child case is for someone under "
            "{adult} (adult services take over at {adult})",
            age=age,
            opened=opened,
            adult=ADULT_AGE,
        )
    if cpr is not None:
        other = case_queries.open_case_with_cpr(uow.conn, cpr, uow.today)
        if other is not None and other.ref != ref:
            raise Conflict(
                "the CPR number {cpr} is on open case {ref} already; one open case a child",
                cpr=mask_cpr(cpr),
                ref=other.ref,
            )
