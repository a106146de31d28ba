"""Queries for the team leader: teams and meetings, learning goals, programmes, follow-ups done, experience, buddies."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Connection, and_, func, or_, select

from samfam.store import tables as t
from samfam.store.queries.cases import counting
from samfam.store.queries.scope import buddy_on, open_on
from samfam.store.records import Enrolment, LearningGoal, Programme, Team, TeamMeeting


def team_by_name(conn: Connection, name: str) -> Team | None:
    row = conn.execute(select(t.team).where(t.team.c.name == name)).one_or_none()
    return None if row is None else Team._make(row)


def programme_by_name(conn: Connection, name: str) -> Programme | None:
    row = conn.execute(select(t.programme).where(t.programme.c.name == name)).one_or_none()
    return None if row is None else Programme._make(row)


def programmes(conn: Connection) -> list[Programme]:
    return list(map(Programme._make, conn.execute(select(t.programme).order_by(t.programme.c.name))))


def current_enrolment(conn: Connection, case_id: int) -> Enrolment | None:
    query = select(t.enrolment).where(t.enrolment.c.case_id == case_id, t.enrolment.c.discharged.is_(None))
    row = conn.execute(query).first()
    return None if row is None else Enrolment._make(row)


class EnrolmentRow(NamedTuple):
    """An enrolment's span with its case's birth date and closing day."""

    enrolled: date
    discharged: date | None
    born: date | None
    closed: date | None


def enrolment_rows(conn: Connection, programme_id: int, as_of: date) -> list[EnrolmentRow]:
    """(enrolled, discharged, born, closed) of every enrolment begun by the as-of date."""
    query = (
        select(t.enrolment.c.enrolled, t.enrolment.c.discharged, t.cases.c.born, t.cases.c.closed)
        .select_from(t.enrolment)
        .join(t.cases, t.cases.c.id == t.enrolment.c.case_id)
        .where(t.enrolment.c.programme_id == programme_id, t.enrolment.c.enrolled <= as_of)
    )
    return list(map(EnrolmentRow._make, conn.execute(query)))


def team_meetings_last(conn: Connection, team: str | None, as_of: date) -> dict[str, date]:
    """The last meeting of each kind on or before the as-of date, for a team (its own and department-wide)."""
    query = select(t.team_meeting.c.kind, func.max(t.team_meeting.c.day)).where(t.team_meeting.c.day <= as_of)
    if team is not None:
        query = query.where(or_(t.team_meeting.c.team == team, t.team_meeting.c.team.is_(None)))
    return dict(conn.execute(query.group_by(t.team_meeting.c.kind)).all())


def team_meetings(conn: Connection, team: str | None) -> list[TeamMeeting]:
    query = select(t.team_meeting).order_by(t.team_meeting.c.day.desc(), t.team_meeting.c.id.desc())
    if team is not None:
        query = query.where(or_(t.team_meeting.c.team == team, t.team_meeting.c.team.is_(None)))
    return list(map(TeamMeeting._make, conn.execute(query)))


class LearningGoalRow(NamedTuple):
    """A learning goal with its advisor's initials and team and the day it was last reviewed."""

    id: int
    initials: str
    team: str | None
    text: str
    status: str
    created: date
    last_review: date | None


def learning_goal_rows(conn: Connection, advisor: str | None, team: str | None) -> list[LearningGoalRow]:
    last = (
        select(t.learning_review.c.learning_goal_id, func.max(t.learning_review.c.day).label("last_review"))
        .group_by(t.learning_review.c.learning_goal_id)
        .subquery("last")
    )
    query = (
        select(
            t.learning_goal.c.id,
            t.advisor.c.initials,
            t.advisor.c.team,
            t.learning_goal.c.text,
            t.learning_goal.c.status,
            t.learning_goal.c.created,
            last.c.last_review,
        )  # fmt: skip
        .join(t.advisor, t.advisor.c.id == t.learning_goal.c.advisor_id)
        .outerjoin(last, last.c.learning_goal_id == t.learning_goal.c.id)
        .order_by(t.advisor.c.initials, t.learning_goal.c.id)
    )
    if advisor:
        query = query.where(t.advisor.c.initials == advisor)
    if team:
        query = query.where(t.advisor.c.team == team)
    return list(map(LearningGoalRow._make, conn.execute(query)))


def followups_by_responsible(conn: Connection, since: date, until: date, team: str | None) -> dict[str, int]:
    """Counting events in [since, until], each credited to the primary advisor responsible that day (the
    periods in force never overlap: a corrected one counts for nothing, so each event is credited once)."""
    held = t.case_assignment
    responsible_that_day = and_(
        held.c.case_id == t.events.c.case_id,
        held.c.role == "primary",
        held.c.corrected_at.is_(None),
        held.c.since <= t.events.c.day,
        or_(held.c.until.is_(None), held.c.until >= t.events.c.day),
    )
    query = (
        select(t.advisor.c.initials, func.count(t.events.c.id))
        .select_from(t.events)
        .join(held, responsible_that_day)
        .join(t.advisor, t.advisor.c.id == held.c.advisor_id)
        .where(t.events.c.day >= since, counting(until))
        .group_by(t.advisor.c.initials)
    )
    if team:
        query = query.where(t.advisor.c.team == team)
    return dict(conn.execute(query).all())


class ExperienceRow(NamedTuple):
    """A case's first and latest experience score (averaged over the day; a Decimal on PostgreSQL), how
    many were measured, and its primary advisor now."""

    ref: str
    initials: str
    first_score: float | Decimal
    last_score: float | Decimal
    n: int


def experience_rows(conn: Connection, as_of: date, team: str | None) -> list[ExperienceRow]:
    """Per case with measurements: the primary advisor now, first and latest score by date."""
    first_day = (
        select(
            t.experience.c.case_id,
            func.min(t.experience.c.day).label("first"),
            func.max(t.experience.c.day).label("last"),
            func.count().label("n"),
        )
        .where(t.experience.c.day <= as_of)
        .group_by(t.experience.c.case_id)
        .subquery("span")
    )
    first = t.experience.alias()
    last = t.experience.alias()
    query = (
        select(
            t.cases.c.ref,
            t.advisor.c.initials,
            func.avg(first.c.score).label("first_score"),
            func.avg(last.c.score).label("last_score"),
            first_day.c.n,
        )
        .select_from(t.cases)
        .join(first_day, first_day.c.case_id == t.cases.c.id)
        .join(first, and_(first.c.case_id == t.cases.c.id, first.c.day == first_day.c.first))
        .join(last, and_(last.c.case_id == t.cases.c.id, last.c.day == first_day.c.last))
        .join(t.advisor, t.advisor.c.id == t.cases.c.advisor_id)
        .group_by(t.cases.c.ref, t.advisor.c.initials, first_day.c.n)
        .order_by(t.cases.c.ref)
    )
    if team:
        query = query.where(t.advisor.c.team == team)
    return list(map(ExperienceRow._make, conn.execute(query)))


def buddy_counts(conn: Connection, as_of: date) -> dict[str, int]:
    """Open cases per advisor as buddy on the as-of date, over every team."""
    buddy = buddy_on(as_of)
    query = (
        select(t.advisor.c.initials, func.count(t.cases.c.id))
        .select_from(t.cases)
        .join(t.advisor, t.advisor.c.id == buddy)
        .where(open_on(as_of))
        .group_by(t.advisor.c.initials)
    )
    return dict(conn.execute(query).all())


def learning_goal_by_id(conn: Connection, goal_id: int) -> LearningGoal | None:
    row = conn.execute(select(t.learning_goal).where(t.learning_goal.c.id == goal_id)).one_or_none()
    return None if row is None else LearningGoal._make(row)
