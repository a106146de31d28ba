"""Writes about staff: adding advisors and changing their name, team, role or caseload target; their last
day, and the days they are away (recorded, or removed when entered by mistake or called off)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from samfam.actions.roles import acting, permit
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.rules import forecast as forecast_rules
from samfam.rules.checks import reason_given
from samfam.rules.identity import initials
from samfam.rules.identity import login as login_rule
from samfam.rules.roles import own_role
from samfam.store import tables as t
from samfam.store.queries import staff as staff_queries
from samfam.store.queries.staff import AbsenceRow
from samfam.store.records import Absence as AbsenceRecord
from samfam.store.records import Advisor
from samfam.store.work import UnitOfWork
from samfam.views import lookups
from samfam.views.workdays import days_off
from samfam.words import mark


def _free_login(uow: UnitOfWork, text: str, advisor_id: int | None = None) -> str:
    """A PostgreSQL login to link (rules.identity.login), not linked to another advisor already."""
    value = login_rule(text)
    holder = staff_queries.advisor_by_login(uow.conn, value)
    if holder is not None and holder.id != advisor_id:
        raise Conflict(
            "the login '{login}' is linked to {advisor} already; a login acts for one advisor "
            "(unlink it first: samfam advisor update {advisor} --no-login)",
            login=value,
            advisor=holder.initials,
        )
    return value


def add_advisor(
    uow: UnitOfWork,
    text: str,
    name: str,
    team: str | None = None,
    role: str | None = None,
    login: str | None = None,
) -> Advisor:
    """Add an advisor; `login` links the PostgreSQL login they act under (samfam.store.identity). The team's
    leader adds an advisor to it; the administrator adds any, and alone links a login (rules.roles)."""
    with uow:
        code = initials(text)
        permit(uow, "advisor.login" if login is not None else "advisor.add", team or None)
        if staff_queries.advisor_by_initials(uow.conn, code) is not None:
            raise Conflict("advisor '{advisor}' exists already; initials must be unique", advisor=code)
        if not name.strip():
            raise UsageError("the advisor's --name is empty")
        linked = _free_login(uow, login) if login is not None else None
        advisor = Advisor._make(
            uow.add(t.advisor, initials=code, name=name.strip(), team=team or None, role=role or None, login=linked)
        )
        detail = f"{code} {name.strip()}" + (f" team {team}" if team else "") + (f" login {linked}" if linked else "")
        uow.audit("advisor.add", detail=detail)
        uow.commit()
        return advisor


def update_advisor(
    uow: UnitOfWork,
    text: str,
    name: str | None = None,
    team: str | None = None,
    role: str | None = None,
    caseload_target: int | None = None,
    login: str | None = None,
    unlink: bool = False,
) -> Advisor:
    """Change an advisor's name, team, role, caseload target, or the PostgreSQL login linked to them
    (`login`; `unlink` removes it). The leader of the advisor's team (of both teams, when it changes) or the
    administrator; a login only the administrator; nobody their own role (rules.roles)."""
    with uow:
        advisor = lookups.advisor(uow.conn, text)
        teams = (advisor.team, (team or None) if team is not None else advisor.team)
        who = acting(uow)
        if role is not None and (refused := own_role(who, advisor.initials)) is not None:
            raise refused
        permit(uow, "advisor.login" if login is not None or unlink else "advisor.update", *teams, who=who)
        values: dict[str, object] = {}
        changes = []
        if name is not None:
            values["name"] = name.strip()
            changes.append(f"name {values['name']}")
        if team is not None:
            values["team"] = team or None
            changes.append(f"team {values['team'] or 'none'}")
        if role is not None:
            values["role"] = role or None
            changes.append(f"role {values['role'] or 'none'}")
        if caseload_target is not None:
            if caseload_target < 0:
                raise UsageError("--caseload-target {target} is negative", target=caseload_target)
            values["caseload_target"] = caseload_target
            changes.append(f"caseload target {caseload_target}")
        if login is not None and unlink:
            raise UsageError("give --login NAME or --no-login, not both")
        if login is not None:
            values["login"] = _free_login(uow, login, advisor.id)
            changes.append(f"login {values['login']}")
        if unlink:
            values["login"] = None
            changes.append(f"login none (was {advisor.login or 'none'})")
        if not changes:
            raise UsageError("nothing to update; give --name, --team, --role, --caseload-target, --login or --no-login")
        advisor = Advisor._make(uow.update(t.advisor, advisor.id, **values))
        uow.audit("advisor.update", detail=f"{advisor.initials}: " + ", ".join(changes))
        uow.commit()
        return advisor


def advisor_leave(
    uow: UnitOfWork, text: str, on: date | None, reason: str | None = None, undo: bool = False
) -> tuple[Advisor, list[str], date | None]:
    """Record an advisor's last day. Their open cases need a new advisor; history keeps their name.

    A last day recorded already is moved (`on` another day) or undone (`undo`) only with a reason: the audit
    log keeps each last day with who changed it and why (docs/rules.md "Correcting a record").

    Returns the advisor, the references of the open cases they still hold as primary advisor on their last
    day, and the last day recorded before (None the first time).
    """
    with uow:
        if undo and on is not None:
            raise UsageError("give --on DATE (the last day) or --undo, not both")
        if not undo and on is None:
            raise UsageError("give --on DATE (the advisor's last day), or --undo to undo a leave recorded by mistake")
        advisor = lookups.advisor(uow.conn, text)
        permit(uow, "advisor.leave", advisor.team)
        was = advisor.left
        if undo:
            why = reason_given(reason, mark("undoing the leave"))
            if was is None:
                raise Conflict("advisor {advisor} has no last day recorded; nothing to undo", advisor=advisor.initials)
            advisor = Advisor._make(uow.update(t.advisor, advisor.id, left=None))
            uow.audit("advisor.leave-undo", detail=f"{advisor.initials}: last day {was.isoformat()} undone: {why}")
            uow.commit()
            return advisor, [], was
        assert on is not None  # checked above
        if was == on:
            raise Conflict("advisor {advisor} left on {left} already", advisor=advisor.initials, left=was)
        if was is not None and reason is None:
            raise Conflict(
                "advisor {advisor} left on {left} already; to move the last day to {on}, give --reason "
                "(or undo it: --undo --reason …)",
                advisor=advisor.initials,
                left=was,
                on=on,
            )
        why = reason_given(reason, mark("moving the last day")) if was is not None else (reason or "").strip()
        advisor = Advisor._make(uow.update(t.advisor, advisor.id, left=on))
        holding = staff_queries.open_cases_of(uow.conn, (advisor.initials,), on)
        if was is None:
            detail = f"{advisor.initials} on {on.isoformat()}; open cases: {len(holding)}" + (f": {why}" if why else "")
            uow.audit("advisor.leave", detail=detail)
        else:
            detail = f"{advisor.initials}: last day {on.isoformat()} (was {was.isoformat()}): {why}"
            uow.audit("advisor.leave-correct", detail=detail)
        uow.commit()
        return advisor, holding, was


class Absence(NamedTuple):
    """An absence as recorded: its row (as written, or as removed with its advisor's initials), the advisor's
    initials, and its working days (docs/rules.md § 9)."""

    row: AbsenceRecord | AbsenceRow
    advisor: str
    workdays: int


def advisor_away(uow: UnitOfWork, text: str, start: date, end: date, reason: str | None = None) -> Absence:
    """Record that an advisor is away (holiday, leave, a course) from `start` through `end`, for the
    forecast's working days (docs/rules.md § 10).

    Refused: the days out of order, an unknown advisor, one who has left (or an absence that begins after
    their last day), and an absence that shares a day with another of the same advisor's.
    """
    with uow:
        if start > end:
            raise InvalidValue("--from {start} is after --to {end}; give them in order", start=start, end=end)
        advisor = lookups.advisor(uow.conn, text)
        permit(uow, "advisor.away", advisor.team)
        if advisor.left is not None and advisor.left < uow.today:
            raise Conflict(
                "advisor {advisor} left on {left}; an absence is not recorded",
                advisor=advisor.initials,
                left=advisor.left,
            )
        if advisor.left is not None and start > advisor.left:
            raise Conflict(
                "the absence begins after {advisor}'s last day, {left}; nothing to record",
                advisor=advisor.initials,
                left=advisor.left,
            )
        clash = staff_queries.overlapping_absence(uow.conn, advisor.id, start, end)
        if clash is not None:
            raise Conflict(
                "{advisor} is away already from {start} to {end} (absence {absence}); absences may not overlap "
                "(see 'samfam advisor absences {advisor}')",
                advisor=advisor.initials,
                start=clash.start,
                end=clash.end,
                absence=str(clash.id),
            )
        note = (reason or "").strip() or None
        row = AbsenceRecord._make(uow.add(t.advisor_absence, advisor_id=advisor.id, start=start, end=end, reason=note))
        uow.audit(
            "advisor.away",
            detail=f"{advisor.initials} from {start.isoformat()} to {end.isoformat()}" + (f": {note}" if note else ""),
        )
        uow.commit()
        workdays = forecast_rules.working_days_between(start, end, days_off(uow.conn))
        return Absence(row, advisor.initials, workdays)


#: The longest reason for removing an absence (as for recording one).
REASON_LIMIT = 200


def remove_absence(uow: UnitOfWork, absence_id: int, reason: str | None = None) -> Absence:
    """Remove an absence entered by mistake or called off (a holiday cancelled, a course moved): its days are
    working days again for the forecast. The audit log keeps what was removed, by whom and why. To shorten an
    absence, remove it and record the days that remain."""
    with uow:
        found = staff_queries.absence(uow.conn, absence_id)
        if found is None:
            raise NotFound("no absence {absence}; see 'samfam advisor absences --all'", absence=str(absence_id))
        permit(uow, "advisor.absence-remove", found.team)
        note = (reason or "").strip()
        if len(note) > REASON_LIMIT:
            raise InvalidValue(
                "the reason is {n:,} characters long; at most {most} fit", n=len(note), most=REASON_LIMIT
            )
        uow.delete(t.advisor_absence, t.advisor_absence.c.id == absence_id)
        detail = f"absence {absence_id}: {found.advisor} from {found.start.isoformat()} to {found.end.isoformat()}"
        detail += (f" ({found.reason})" if found.reason else "") + (f"; why: {note}" if note else "")
        uow.audit("advisor.absence-remove", detail=detail)
        uow.commit()
        workdays = forecast_rules.working_days_between(found.start, found.end, days_off(uow.conn))
        return Absence(found, found.advisor, workdays)
