"""The store: the engine, sessions, transactions and every query.

SQLite is the embedded default; the same code runs on PostgreSQL through an SQLAlchemy URL, so no
SQLite-only SQL appears in shared code paths (the SQLite pragmas below are applied only there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from samfam.db import Store, _alembic_config
from samfam.models import (
    Actor,
    Advisor,
    AuditEntry,
    Case,
    CaseAssignment,
    CaseMember,
    CaseTrack,
    Enrolment,
    Event,
    EventActor,
    Experience,
    Goal,
    GoalNote,
    Grant,
    Handover,
    HandoverTick,
    LearningGoal,
    LearningReview,
    Meta,
    Programme,
    Task,
    Team,
    TeamMeeting,
)
from samfam.readpath import CaseFilter
from samfam.rules.events import COUNTING_KINDS

__all__ = ["CaseFilter", "Session", "Store", "Tx", "_alembic_config"]


@dataclass
class Tx:
    """One unit of work: a session inside a transaction, and who acts."""

    session: Session
    user: str

    def audit(self, action: str, case_ref: str | None = None, detail: str | None = None) -> None:
        self.session.add(
            AuditEntry(
                at=datetime.now(UTC).replace(microsecond=0),
                user=self.user,
                action=action,
                case_ref=case_ref,
                detail=detail,
            )
        )

    def add(self, obj: Any) -> Any:
        self.session.add(obj)
        self.session.flush()
        return obj


# -- queries -------------------------------------------------------------------------------


def advisor_by_initials(session: Session, initials: str) -> Advisor | None:
    return session.exec(select(Advisor).where(Advisor.initials == initials)).one_or_none()


def advisors(session: Session, team: str | None = None) -> Sequence[Advisor]:
    query = select(Advisor).order_by(Advisor.initials)
    if team:
        query = query.where(Advisor.team == team)
    return session.exec(query).all()


def case_by_ref(session: Session, ref: str) -> Case | None:
    return session.exec(select(Case).where(Case.ref == ref)).one_or_none()


def initials_by_id(session: Session, ids: Sequence[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(Advisor.id, Advisor.initials).where(Advisor.id.in_(wanted)))
    return dict(rows.all())


def grants_of(session: Session, case_id: int) -> Sequence[Grant]:
    query = select(Grant).where(Grant.case_id == case_id).order_by(Grant.start, Grant.code, Grant.id)
    return session.exec(query).all()


def open_grants(session: Session, case_id: int, code: str) -> Sequence[Grant]:
    query = select(Grant).where(Grant.case_id == case_id, Grant.code == code, Grant.end.is_(None))
    return session.exec(query.order_by(Grant.start)).all()


def events_of(session: Session, case_id: int) -> Sequence[Event]:
    query = select(Event).where(Event.case_id == case_id).order_by(Event.day, Event.id)
    return session.exec(query).all()


def last_followup(session: Session, case_id: int, as_of: date) -> date | None:
    query = select(func.max(Event.day)).where(
        Event.case_id == case_id, Event.day <= as_of, Event.kind.in_(COUNTING_KINDS)
    )
    return session.exec(query).one()


def get_meta(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row else None


def count_rows(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _open_on(as_of: date) -> Any:
    return and_(Case.opened <= as_of, or_(Case.closed.is_(None), Case.closed > as_of))


def audit_entries(session: Session, case_ref: str | None, user: str | None, limit: int | None) -> list[Any]:
    query = select(AuditEntry.at, AuditEntry.user, AuditEntry.action, AuditEntry.case_ref, AuditEntry.detail).order_by(
        AuditEntry.id.desc()
    )
    if case_ref:
        query = query.where(AuditEntry.case_ref == case_ref)
    if user:
        query = query.where(AuditEntry.user == user)
    if limit:
        query = query.limit(limit)
    return list(session.exec(query).all())


# -- issue 3: goals, actors, handovers -------------------------------------------------------------


def goals_of(session: Session, case_id: int) -> Sequence[Goal]:
    return session.exec(select(Goal).where(Goal.case_id == case_id).order_by(Goal.horizon.desc(), Goal.id)).all()


def goal_notes(session: Session, goal_ids: Sequence[int]) -> Sequence[GoalNote]:
    if not goal_ids:
        return []
    query = select(GoalNote).where(GoalNote.goal_id.in_(goal_ids)).order_by(GoalNote.day, GoalNote.id)
    return session.exec(query).all()


def tasks_of(session: Session, goal_ids: Sequence[int]) -> Sequence[Task]:
    if not goal_ids:
        return []
    return session.exec(select(Task).where(Task.goal_id.in_(goal_ids)).order_by(Task.goal_id, Task.id)).all()


def actors_of(session: Session, case_id: int) -> Sequence[Actor]:
    return session.exec(select(Actor).where(Actor.case_id == case_id).order_by(Actor.id)).all()


def members_of(session: Session, case_id: int) -> list[Any]:
    query = (
        select(CaseMember.id, Advisor.initials, Advisor.name, CaseMember.role, CaseMember.since, CaseMember.until)
        .join(Advisor, Advisor.id == CaseMember.advisor_id)
        .where(CaseMember.case_id == case_id)
        .order_by(CaseMember.since, CaseMember.id)
    )
    return list(session.exec(query).all())


def current_member(session: Session, case_id: int, advisor_id: int) -> CaseMember | None:
    query = select(CaseMember).where(
        CaseMember.case_id == case_id, CaseMember.advisor_id == advisor_id, CaseMember.until.is_(None)
    )
    return session.exec(query).first()


def current_assignments(session: Session, case_id: int, role: str) -> Sequence[CaseAssignment]:
    query = select(CaseAssignment).where(
        CaseAssignment.case_id == case_id, CaseAssignment.role == role, CaseAssignment.until.is_(None)
    )
    return session.exec(query).all()


def handovers_of(session: Session, case_id: int) -> Sequence[Handover]:
    return session.exec(select(Handover).where(Handover.case_id == case_id).order_by(Handover.id)).all()


def ticks_of(session: Session, handover_id: int) -> Sequence[HandoverTick]:
    query = select(HandoverTick).where(HandoverTick.handover_id == handover_id).order_by(HandoverTick.id)
    return session.exec(query).all()


def event_actor_ids(session: Session, event_ids: Sequence[int]) -> dict[int, list[int]]:
    if not event_ids:
        return {}
    found: dict[int, list[int]] = {}
    query = select(EventActor.event_id, EventActor.actor_id).where(EventActor.event_id.in_(event_ids))
    for event_id, actor_id in session.exec(query):
        found.setdefault(event_id, []).append(actor_id)
    return found


def last_counting_event(session: Session, case_id: int, as_of: date) -> Event | None:
    query = (
        select(Event)
        .where(Event.case_id == case_id, Event.day <= as_of, Event.kind.in_(COUNTING_KINDS))
        .order_by(Event.day.desc(), Event.id.desc())
        .limit(1)
    )
    return session.exec(query).first()


def has_event_since(session: Session, case_id: int, kind: str, since: date) -> bool:
    query = (
        select(func.count()).select_from(Event).where(Event.case_id == case_id, Event.kind == kind, Event.day >= since)
    )
    return session.exec(query).one() > 0


def case_goal_rows(session: Session, where: CaseFilter) -> list[Any]:
    """Goals of the cases a filter covers, with the owner actor's end date, for attention lists."""
    primary = aliased(Advisor)
    owner = aliased(Actor)
    query = (
        select(
            Case.id.label("case_id"),
            Case.ref,
            Case.closed,
            primary.initials.label("advisor"),
            Goal.id,
            Goal.text,
            Goal.horizon,
            Goal.owner_kind,
            Goal.owner_actor_id,
            owner.name.label("owner_name"),
            owner.until.label("owner_until"),
            Goal.status,
            Goal.target,
        )
        .join(primary, primary.id == Case.advisor_id)
        .outerjoin(Goal, Goal.case_id == Case.id)
        .outerjoin(owner, owner.id == Goal.owner_actor_id)
        .order_by(Case.ref, Goal.horizon.desc(), Goal.id)
    )
    if where.status == "open":
        query = query.where(_open_on(where.as_of))
    return list(session.exec(_scoped(query, primary, where)).all())


def _scoped(query: Any, primary: Any, where: CaseFilter) -> Any:
    """Narrow a query over cases joined to their primary advisor by the filter's advisor (primary or
    buddy), team and refs."""
    if where.advisor:
        buddy = aliased(Advisor)
        query = query.outerjoin(buddy, buddy.id == Case.buddy_id)
        query = query.where(or_(primary.initials == where.advisor, buddy.initials == where.advisor))
    if where.team:
        query = query.where(primary.team == where.team)
    if where.refs:
        query = query.where(Case.ref.in_(where.refs))
    return query


def deadline_rows(session: Session, where: CaseFilter) -> tuple[list[Any], list[Any]]:
    """Open cases with birth date and whether a transition handover began; running investigations."""
    primary = aliased(Advisor)
    transition = (
        select(Handover.case_id).where(Handover.kind == "transition", Handover.started <= where.as_of).distinct()
    ).subquery("transition")
    cases = (
        select(
            Case.id,
            Case.ref,
            Case.born,
            primary.initials.label("advisor"),
            transition.c.case_id.label("transition_started"),
        )
        .join(primary, primary.id == Case.advisor_id)
        .outerjoin(transition, transition.c.case_id == Case.id)
        .where(_open_on(where.as_of), Case.born.is_not(None))
        .order_by(Case.ref)
    )
    investigations = (
        select(Case.ref, primary.initials.label("advisor"), Grant.code, Grant.start, Grant.end)
        .join(Case, Case.id == Grant.case_id)
        .join(primary, primary.id == Case.advisor_id)
        .where(_open_on(where.as_of), Grant.code.in_(("SEL 50", "BL 20")), Grant.start <= where.as_of)
        .where(or_(Grant.end.is_(None), Grant.end >= where.as_of))
    )
    cases, investigations = _scoped(cases, primary, where), _scoped(investigations, primary, where)
    return list(session.exec(cases).all()), list(session.exec(investigations).all())


# -- issue 4: the team leader's view ---------------------------------------------------------------


def team_by_name(session: Session, name: str) -> Team | None:
    return session.exec(select(Team).where(Team.name == name)).one_or_none()


def programme_by_name(session: Session, name: str) -> Programme | None:
    return session.exec(select(Programme).where(Programme.name == name)).one_or_none()


def programmes(session: Session) -> Sequence[Programme]:
    return session.exec(select(Programme).order_by(Programme.name)).all()


def current_enrolment(session: Session, case_id: int) -> Enrolment | None:
    query = select(Enrolment).where(Enrolment.case_id == case_id, Enrolment.discharged.is_(None))
    return session.exec(query).first()


def enrolment_rows(session: Session, programme_id: int, as_of: date) -> list[Any]:
    """(enrolled, discharged, born, closed) of every enrolment begun by the as-of date."""
    query = (
        select(Enrolment.enrolled, Enrolment.discharged, Case.born, Case.closed)
        .join(Case, Case.id == Enrolment.case_id)
        .where(Enrolment.programme_id == programme_id, Enrolment.enrolled <= as_of)
    )
    return list(session.exec(query).all())


def team_meetings_last(session: Session, team: str | None, as_of: date) -> dict[str, date]:
    """The last meeting of each kind on or before the as-of date, for a team (its own and department-wide)."""
    query = select(TeamMeeting.kind, func.max(TeamMeeting.day)).where(TeamMeeting.day <= as_of)
    if team is not None:
        query = query.where(or_(TeamMeeting.team == team, TeamMeeting.team.is_(None)))
    return dict(session.exec(query.group_by(TeamMeeting.kind)).all())


def team_meetings(session: Session, team: str | None) -> Sequence[TeamMeeting]:
    query = select(TeamMeeting).order_by(TeamMeeting.day.desc(), TeamMeeting.id.desc())
    if team is not None:
        query = query.where(or_(TeamMeeting.team == team, TeamMeeting.team.is_(None)))
    return session.exec(query).all()


def learning_goal_rows(session: Session, advisor: str | None, team: str | None) -> list[Any]:
    last = (
        select(LearningReview.learning_goal_id, func.max(LearningReview.day).label("last_review"))
        .group_by(LearningReview.learning_goal_id)
        .subquery("last")
    )
    query = (
        select(
            LearningGoal.id,
            Advisor.initials,
            Advisor.team,
            LearningGoal.text,
            LearningGoal.status,
            LearningGoal.created,
            last.c.last_review,
        )  # fmt: skip
        .join(Advisor, Advisor.id == LearningGoal.advisor_id)
        .outerjoin(last, last.c.learning_goal_id == LearningGoal.id)
        .order_by(Advisor.initials, LearningGoal.id)
    )
    if advisor:
        query = query.where(Advisor.initials == advisor)
    if team:
        query = query.where(Advisor.team == team)
    return list(session.exec(query).all())


def followups_by_responsible(session: Session, since: date, until: date, team: str | None) -> dict[str, int]:
    """Counting events in [since, until], each credited to the primary advisor responsible that day."""
    query = (
        select(Advisor.initials, func.count(Event.id))
        .join(CaseAssignment, and_(CaseAssignment.case_id == Event.case_id, CaseAssignment.role == "primary",
                                   CaseAssignment.since <= Event.day,
                                   or_(CaseAssignment.until.is_(None), CaseAssignment.until >= Event.day)))
        .join(Advisor, Advisor.id == CaseAssignment.advisor_id)
        .where(Event.day >= since, Event.day <= until, Event.kind.in_(COUNTING_KINDS))
        .group_by(Advisor.initials)
    )  # fmt: skip
    if team:
        query = query.where(Advisor.team == team)
    return dict(session.exec(query).all())


def experience_rows(session: Session, as_of: date, team: str | None) -> list[Any]:
    """Per case with measurements: the primary advisor now, first and latest score by date."""
    first_day = (
        select(
            Experience.case_id,
            func.min(Experience.day).label("first"),
            func.max(Experience.day).label("last"),
            func.count().label("n"),
        )
        .where(Experience.day <= as_of)
        .group_by(Experience.case_id)
        .subquery("span")
    )
    first = aliased(Experience)
    last = aliased(Experience)
    query = (
        select(
            Case.ref,
            Advisor.initials,
            func.avg(first.score).label("first_score"),
            func.avg(last.score).label("last_score"),
            first_day.c.n,
        )  # fmt: skip
        .join(first_day, first_day.c.case_id == Case.id)
        .join(first, and_(first.case_id == Case.id, first.day == first_day.c.first))
        .join(last, and_(last.case_id == Case.id, last.day == first_day.c.last))
        .join(Advisor, Advisor.id == Case.advisor_id)
        .group_by(Case.ref, Advisor.initials, first_day.c.n)
        .order_by(Case.ref)
    )
    if team:
        query = query.where(Advisor.team == team)
    return list(session.exec(query).all())


def open_handover_rows(session: Session, where: CaseFilter) -> list[Any]:
    primary = aliased(Advisor)
    query = (
        select(Handover, Case, primary.initials.label("advisor"))
        .join(Case, Case.id == Handover.case_id)
        .join(primary, primary.id == Case.advisor_id)
        .where(Handover.completed.is_(None), _open_on(where.as_of))
        .order_by(Handover.started, Case.ref)
    )
    return list(session.exec(_scoped(query, primary, where)).all())


def uncoordinated_actor_rows(session: Session, where: CaseFilter) -> list[Any]:
    primary = aliased(Advisor)
    query = (
        select(Case.ref, primary.initials.label("advisor"), Actor.id, Actor.kind, Actor.name)
        .join(Case, Case.id == Actor.case_id)
        .join(primary, primary.id == Case.advisor_id)
        .where(Actor.coordinator.is_(None), or_(Actor.until.is_(None), Actor.until >= where.as_of))
        .where(_open_on(where.as_of))
        .order_by(Case.ref, Actor.id)
    )
    return list(session.exec(_scoped(query, primary, where)).all())


def buddy_counts(session: Session, as_of: date) -> dict[str, int]:
    """Open cases per advisor as buddy, over every team."""
    query = (
        select(Advisor.initials, func.count(Case.id))
        .join(Case, Case.buddy_id == Advisor.id)
        .where(_open_on(as_of))
        .group_by(Advisor.initials)
    )
    return dict(session.exec(query).all())


def delete_case_track(session: Session, case_id: int) -> None:
    for row in session.exec(select(CaseTrack).where(CaseTrack.case_id == case_id)).all():
        session.delete(row)
    session.flush()
