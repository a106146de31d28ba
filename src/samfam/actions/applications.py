"""Writes about applications (received, decided, the letter about a delay), the municipality's published
processing deadlines (frister) and the days it closes (docs/rules.md § 9)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from samfam.actions.grants import add_grant
from samfam.actions.roles import permit
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.rules import applications as application_rules
from samfam.rules import workdays as workday_rules
from samfam.rules.checks import case_open_on, not_before_opening, not_in_future, reason_given
from samfam.store import tables as t
from samfam.store.queries import applications as application_queries
from samfam.store.queries import cases as case_queries
from samfam.store.records import Application, Case, ClosedDay, Grant
from samfam.store.records import Frist as FristRow
from samfam.store.work import UnitOfWork
from samfam.views import lookups
from samfam.views.applications import Deadlines
from samfam.words import Phrase, mark, said

#: The longest processing deadline accepted: a year of working days, weeks or days is already far past
#: any municipality's published deadline.
LONGEST_FRIST = 365


class Recorded(NamedTuple):
    """An application as written, with its case, deadline and the grant a decision added."""

    application: Application
    case: Case
    frist: application_rules.Frist | None
    deadline: date | None
    grant: Grant | None = None


def _application(uow: UnitOfWork, application_id: int, void_too: bool = False) -> tuple[Application, Case]:
    """The application and its case; a void one is refused unless `void_too` (it counts for nothing)."""
    found = application_queries.application_by_id(uow.conn, application_id)
    if found is None:
        raise NotFound("no application {application}; see 'samfam application list'", application=application_id)
    if found.voided_at is not None and not void_too:
        raise Conflict(
            "application {application} is void (by {by}: {reason}); it takes nothing more "
            "(see 'samfam application list --all')",
            application=str(found.id),
            by=found.voided_by,
            reason=found.void_reason,
        )
    return found, lookups.case_by_id(uow.conn, found.case_id)


def _recorded(uow: UnitOfWork, application: Application, case: Case, grant: Grant | None = None) -> Recorded:
    deadlines = Deadlines(uow.conn)
    return Recorded(
        application,
        case,
        deadlines.frist(application.code),
        deadlines.of(application.code, application.received),
        grant,
    )


def add_application(uow: UnitOfWork, ref: str, code: str, received: date | None = None) -> Recorded:
    """An application under a paragraph on a case, received on a day (default today)."""
    with uow:
        canonical = lookups.paragraph(code)
        case = lookups.case(uow.conn, ref)
        received = received or uow.today
        case_open_on(case, uow.today, received, history=uow.history)
        not_before_opening(case, received, mark("application received"))
        not_in_future(received, uow.today, mark("application received"))
        application = Application._make(
            uow.add(t.application, case_id=case.id, code=canonical, received=received, recorded_by=uow.user)
        )
        uow.audit("application.add", case.ref, f"{application.id}: {canonical} received {received.isoformat()}")
        uow.commit()
        return _recorded(uow, application, case)


def decide_application(
    uow: UnitOfWork,
    application_id: int,
    outcome: str,
    on: date | None = None,
    grant_from: date | None = None,
    grant_to: date | None = None,
) -> Recorded:
    """The decision on an application (granted, refused or partly granted), on a day (default today); with
    `grant_from`, a granting decision adds the grant of the paragraph in the same transaction."""
    with uow:
        outcome = application_rules.OUTCOME_WORDS.resolve(outcome)  # English or Danish, stored in English
        if grant_from is None and grant_to is not None:
            raise UsageError(mark("--grant-to goes with --grant-from: give the grant's first day too"))
        if grant_from is not None and outcome not in application_rules.GRANTING:
            raise UsageError(
                "--grant-from adds a grant; an application {outcome} grants nothing (use it with --outcome {granting})",
                outcome=outcome,
                granting=said(
                    mark("{one} or {other}"), {"one": application_rules.GRANTED, "other": application_rules.PARTLY}
                ),
            )
        application, case = _application(uow, application_id)
        on = on or uow.today
        case_open_on(case, uow.today, on, history=uow.history)
        if application.decided is not None:
            raise Conflict(
                "application {application} was decided on {decided} ({outcome}); a decision is recorded once",
                application=str(application.id),
                decided=application.decided,
                outcome=Phrase(application.outcome or ""),
            )
        not_in_future(on, uow.today, mark("decision date"))
        if on < application.received:
            raise InvalidValue(
                "decision date {on} is before application {application} was received ({received})",
                on=on,
                application=str(application.id),
                received=application.received,
            )
        grant = add_grant(uow, case.ref, application.code, grant_from, grant_to) if grant_from else None
        application = Application._make(
            uow.update(t.application, application.id, decided=on, outcome=outcome, grant_id=grant.id if grant else None)
        )
        added = f"; grant {grant.id} from {grant.start.isoformat()}" if grant else ""
        uow.audit(
            "application.decide",
            case.ref,
            f"{application.id}: {application.code} {outcome} on {on.isoformat()}{added}",
        )
        uow.commit()
        return _recorded(uow, application, case, grant)


def record_letter(uow: UnitOfWork, application_id: int, on: date | None = None) -> Recorded:
    """The applicant was told in writing that the deadline cannot be kept, and when to expect a decision."""
    with uow:
        application, case = _application(uow, application_id)
        on = on or uow.today
        case_open_on(case, uow.today, on, history=uow.history)
        if application.letter is not None:
            raise Conflict(
                "application {application} has its letter already, dated {letter}",
                application=str(application.id),
                letter=application.letter,
            )
        if application.decided is not None and on >= application.decided:
            raise Conflict(
                "application {application} was decided on {decided}; a letter about a delay comes before the decision",
                application=str(application.id),
                decided=application.decided,
            )
        not_in_future(on, uow.today, mark("letter date"))
        if on < application.received:
            raise InvalidValue(
                "letter date {on} is before application {application} was received ({received})",
                on=on,
                application=str(application.id),
                received=application.received,
            )
        application = Application._make(uow.update(t.application, application.id, letter=on))
        uow.audit("application.letter", case.ref, f"{application.id}: {application.code} letter on {on.isoformat()}")
        uow.commit()
        return _recorded(uow, application, case)


# -- corrections: a correction never erases (docs/rules.md § 8) -------------------------------------------


def _grant_standing(uow: UnitOfWork, application: Application, case: Case) -> int | None:
    """The grant the application's decision added, if it is not void (None otherwise)."""
    if application.grant_id is None:
        return None
    standing = {g.id for g in case_queries.grants_of(uow.conn, case.id)}
    return application.grant_id if application.grant_id in standing else None


def _grant_stands(grant_id: int, application: Application, case: Case, what: str) -> Conflict:
    """`what`: why the grant must go first, said in the reader's language (`said`)."""
    return Conflict(
        "application {application}'s decision added grant {grant}, which still applies; {what} "
        "void the grant first: samfam grant void {ref} {grant} --reason …",
        application=str(application.id),
        grant=str(grant_id),
        what=what,
        ref=case.ref,
    )


def _void(uow: UnitOfWork, application: Application, case: Case, why: str) -> Application:
    void = Application._make(
        uow.update(t.application, application.id, voided_at=uow.now(), voided_by=uow.user, void_reason=why)
    )
    uow.audit(
        "application.void",
        case.ref,
        f"{void.id} ({void.code} received {void.received.isoformat()}"
        + (f", {void.outcome} on {void.decided.isoformat()}" if void.decided else "")
        + f"): {why}",
    )
    return void


def void_application(uow: UnitOfWork, application_id: int, reason: str) -> Recorded:
    """Mark an application void (entered by mistake): it stays in the history (`application list --all`: who,
    when, why) and counts for nothing: no deadline, no barometer figure. A grant its decision added must be
    voided first (`grant void`)."""
    with uow:
        why = reason_given(reason, mark("voiding the application"))
        application, case = _application(uow, application_id, void_too=True)
        case_open_on(case, uow.today, history=uow.history)
        if application.voided_at is not None:
            raise Conflict(
                "application {application} is void already (by {by}: {reason})",
                application=str(application.id),
                by=application.voided_by,
                reason=application.void_reason,
            )
        grant_id = _grant_standing(uow, application, case)
        if grant_id is not None:
            raise _grant_stands(grant_id, application, case, said(mark("a void application grants nothing:"), {}))
        void = _void(uow, application, case, why)
        uow.commit()
        return _recorded(uow, void, case)


def correct_application(
    uow: UnitOfWork,
    application_id: int,
    reason: str,
    received: date | None = None,
    outcome: str | None = None,
    decided: date | None = None,
    letter: date | None = None,
) -> Recorded:
    """Void an application and record the corrected one in its place, linked to it (`corrects_id`): the day
    it was received, the decision's outcome or day, the letter's day. What is not corrected is carried over,
    the grant its decision added too; the old values stay in the void row and the audit log."""
    with uow:
        why = reason_given(reason, mark("the correction"))
        if received is None and outcome is None and decided is None and letter is None:
            raise UsageError("nothing to correct; give --received, --outcome, --on (the decision) or --letter")
        outcome = application_rules.OUTCOME_WORDS.resolve(outcome) if outcome is not None else None
        old, case = _application(uow, application_id, void_too=True)
        if old.voided_at is not None:
            raise Conflict(
                "application {application} is void already; correct the application that replaced it",
                application=old.id,
            )
        if old.decided is None and (outcome is not None or decided is not None):
            raise Conflict(
                "application {application} is not decided yet; record its decision with "
                "'samfam application decide {application}'",
                application=str(old.id),
            )
        new_received = received or old.received
        new_decided = decided or old.decided
        new_outcome = outcome or old.outcome
        new_letter = letter or old.letter
        grant_id = _grant_standing(uow, old, case)
        if grant_id is not None and new_outcome not in application_rules.GRANTING:
            raise _grant_stands(
                grant_id, old, case, said(mark("a decision {outcome} grants nothing:"), {"outcome": new_outcome})
            )
        if new_decided is not None:
            not_in_future(new_decided, uow.today, mark("decision date"))
            if new_decided < new_received:
                raise InvalidValue(
                    "decision date {decided} is before the application was received ({received})",
                    decided=new_decided,
                    received=new_received,
                )
        if new_letter is not None:
            not_in_future(new_letter, uow.today, mark("letter date"))
            if new_letter < new_received:
                raise InvalidValue(
                    "letter date {letter} is before the application was received ({received})",
                    letter=new_letter,
                    received=new_received,
                )
            if new_decided is not None and new_letter >= new_decided:
                raise Conflict(
                    "the letter on {letter} is not before the decision on {decided}; "
                    "a letter about a delay comes before the decision",
                    letter=new_letter,
                    decided=new_decided,
                )
        _void(uow, old, case, f"corrected: {why}")
        new = add_application(uow, case.ref, old.code, new_received).application
        new = Application._make(
            uow.update(
                t.application,
                new.id,
                decided=new_decided,
                outcome=new_outcome,
                letter=new_letter,
                grant_id=grant_id,
                corrects_id=old.id,
            )
        )
        changes = [
            f"{name} {_day(now)} (was {_day(was)})"
            for name, now, was in (
                ("received", new.received, old.received),
                ("outcome", new.outcome, old.outcome),
                ("decided", new.decided, old.decided),
                ("letter", new.letter, old.letter),
            )
            if now != was
        ]
        uow.audit("application.correct", case.ref, f"{old.id} -> {new.id}: {', '.join(changes) or 'as it was'}: {why}")
        uow.commit()
        return _recorded(uow, new, case)


def _day(value: object) -> str:
    return "none" if value is None else value.isoformat() if isinstance(value, date) else str(value)


def set_frist(
    uow: UnitOfWork, code: str, amount: int, unit: str
) -> tuple[str, application_rules.Frist, FristRow | None]:
    """Publish (or change) the processing deadline of applications under a paragraph; the previous one, if
    any, is returned too. Municipality-wide: a team leader or the administrator (rules.roles)."""
    with uow:
        permit(uow, "frist.set")
        canonical = lookups.paragraph(code)
        if unit not in workday_rules.UNITS:
            raise UsageError(
                "'{unit}' is not a unit; use one of: {units}", unit=unit, units=", ".join(workday_rules.UNITS)
            )
        if not 1 <= amount <= LONGEST_FRIST:
            raise InvalidValue(
                "a deadline of {amount} {unit}: give a whole number from 1 to {most}",
                amount=amount,
                unit=unit,
                most=LONGEST_FRIST,
            )
        before = application_queries.frist_of(uow.conn, canonical)
        if before is None:
            uow.insert(t.frist, code=canonical, amount=amount, unit=unit)
        else:
            uow.update_where(t.frist, t.frist.c.code == canonical, amount=amount, unit=unit)
        frist = application_rules.Frist(amount, unit)
        was = f" (was {application_rules.Frist(before.amount, before.unit)})" if before is not None else ""
        uow.audit("frist.set", None, f"{canonical}: {frist}{was}")
        uow.commit()
        return canonical, frist, before


def add_closed_day(uow: UnitOfWork, day: date, note: str | None = None) -> ClosedDay:
    """A day the municipality closes: not a working day from now on, for every deadline counted over it.
    Municipality-wide: a team leader or the administrator (rules.roles)."""
    with uow:
        permit(uow, "closed-day.add")
        if application_queries.closed_day(uow.conn, day) is not None:
            raise Conflict("{day} is a closed day already; see 'samfam closed-day list'", day=day)
        uow.insert(t.closed_day, day=day, note=(note or "").strip() or None)
        uow.audit("closed-day.add", None, day.isoformat() + (f": {note.strip()}" if note and note.strip() else ""))
        uow.commit()
        added = application_queries.closed_day(uow.conn, day)
        assert added is not None  # inserted above
        return added


def remove_closed_day(uow: UnitOfWork, day: date) -> ClosedDay:
    """A closed day removed (a team leader or the administrator)."""
    with uow:
        permit(uow, "closed-day.remove")
        found = application_queries.closed_day(uow.conn, day)
        if found is None:
            raise NotFound("{day} is not a closed day; see 'samfam closed-day list'", day=day)
        uow.delete(t.closed_day, t.closed_day.c.day == day)
        uow.audit("closed-day.remove", None, day.isoformat())
        uow.commit()
        return found
