"""Writes for the team leader: the team's rhythm and meetings, learning goals, programmes and
enrolment, and the families' experience of coordination."""

from __future__ import annotations

from datetime import date

from samfam.actions.roles import permit
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.rules import team as team_rules
from samfam.rules.checks import case_open_on, not_before_opening, not_in_future, still_employed
from samfam.store import tables as t
from samfam.store.queries import team as team_queries
from samfam.store.records import Enrolment, Experience, LearningGoal, Programme, Team, TeamMeeting
from samfam.store.work import UnitOfWork
from samfam.views import lookups
from samfam.words import mark, plural


def set_team_rhythm(uow: UnitOfWork, team: str, case_meeting_days: int) -> Team:
    """The team's rhythm: a case meeting every N days (the team's leader, or the administrator)."""
    with uow:
        name = lookups.team(uow.conn, team)
        permit(uow, "team.rhythm", name)
        if case_meeting_days < 1:
            raise UsageError("--case-meetings-every {days} must be 1 day or more", days=case_meeting_days)
        existing = team_queries.team_by_name(uow.conn, name)
        if existing is None:
            row = Team._make(uow.add(t.team, name=name, case_meeting_days=case_meeting_days))
        else:
            row = Team._make(uow.update(t.team, existing.id, case_meeting_days=case_meeting_days))
        uow.audit(
            "team.rhythm",
            detail=f"{name}: case meetings {plural(case_meeting_days, 'every {n} day', 'every {n} days', stored=True)}",
        )
        uow.commit()
        return row


def add_team_meeting(
    uow: UnitOfWork, kind: str, on: date | None = None, team: str | None = None, note: str | None = None
) -> TeamMeeting:
    with uow:
        if kind not in team_rules.MEETING_KINDS:
            raise UsageError(
                "'{kind}' is not a meeting kind; use one of: {kinds}",
                kind=kind,
                kinds=", ".join(team_rules.MEETING_KINDS),
            )
        on = on or uow.today
        not_in_future(on, uow.today, mark("meeting date"))
        meeting = TeamMeeting._make(
            uow.add(t.team_meeting, team=lookups.team(uow.conn, team), kind=kind, day=on, note=note or None)
        )
        uow.audit("team.meeting", detail=f"{kind} on {on.isoformat()}" + (f" ({team})" if team else ""))
        uow.commit()
        return meeting


def add_learning_goal(uow: UnitOfWork, advisor: str, text: str) -> LearningGoal:
    with uow:
        person = lookups.advisor(uow.conn, advisor)
        still_employed(person, uow.today, mark("the owner of a learning goal"))
        if not text.strip():
            raise UsageError("the learning goal's text is empty")
        goal = LearningGoal._make(
            uow.add(t.learning_goal, advisor_id=person.id, text=text.strip(), created=uow.today, status="open")
        )
        uow.audit("learning-goal.add", detail=f"{goal.id} for {person.initials}")
        uow.commit()
        return goal


def review_learning_goal(
    uow: UnitOfWork, goal_id: int, note: str | None = None, status: str | None = None, on: date | None = None
) -> LearningGoal:
    with uow:
        goal = lookups.learning_goal(uow.conn, goal_id)
        if status is not None and status not in ("open", "achieved", "dropped"):
            raise UsageError("'{status}' is not a learning-goal status; use open, achieved or dropped", status=status)
        on = on or uow.today
        not_in_future(on, uow.today, mark("review date"))
        if on < goal.created:
            raise InvalidValue(
                "review date {on} is before the goal was set ({created})",
                on=on,
                created=goal.created,
            )
        if status:
            goal = LearningGoal._make(uow.update(t.learning_goal, goal.id, status=status))
        uow.insert(t.learning_review, learning_goal_id=goal.id, day=on, note=note or None, by=uow.user)
        uow.audit("learning-goal.review", detail=f"{goal.id} on {on.isoformat()}" + (f", {status}" if status else ""))
        uow.commit()
        return goal


def add_programme(uow: UnitOfWork, name: str, target: int | None = None, ends: date | None = None) -> Programme:
    with uow:
        if not name.strip():
            raise UsageError("the programme's name is empty")
        if team_queries.programme_by_name(uow.conn, name.strip()) is not None:
            raise Conflict("programme '{name}' exists already", name=name.strip())
        if target is not None and target < 0:
            raise UsageError("--target {target} is negative", target=target)
        programme = Programme._make(uow.add(t.programme, name=name.strip(), target=target, ends=ends))
        uow.audit("programme.add", detail=f"{programme.name}, target {target}, ends {ends}")
        uow.commit()
        return programme


def enrol(uow: UnitOfWork, ref: str, programme: str, on: date | None = None) -> Enrolment:
    with uow:
        case = lookups.case(uow.conn, ref)
        found = lookups.programme(uow.conn, programme)
        on = on or uow.today
        case_open_on(case, uow.today, on)
        not_before_opening(case, on, mark("enrolment date"))
        not_in_future(on, uow.today, mark("enrolment date"))
        if team_queries.current_enrolment(uow.conn, case.id) is not None:
            raise Conflict("case {ref} is enrolled in a programme already; discharge it first", ref=case.ref)
        enrolment = Enrolment._make(uow.add(t.enrolment, case_id=case.id, programme_id=found.id, enrolled=on))
        uow.audit("programme.enrol", case.ref, f"{found.name} from {on.isoformat()}")
        uow.commit()
        return enrolment


def discharge(uow: UnitOfWork, ref: str, on: date | None = None) -> Enrolment:
    with uow:
        case = lookups.case(uow.conn, ref)
        case_open_on(case, uow.today)
        enrolment = team_queries.current_enrolment(uow.conn, case.id)
        if enrolment is None:
            raise NotFound("case {ref} is not enrolled in a programme", ref=case.ref)
        on = on or uow.today
        if on < enrolment.enrolled:
            raise InvalidValue(
                "discharge date {on} is before enrolment ({enrolled})",
                on=on,
                enrolled=enrolment.enrolled,
            )
        enrolment = Enrolment._make(uow.update(t.enrolment, enrolment.id, discharged=on))
        uow.audit("programme.discharge", case.ref, on.isoformat())
        uow.commit()
        return enrolment


def add_experience(uow: UnitOfWork, ref: str, score: int, on: date | None = None) -> Experience:
    with uow:
        if score not in team_rules.EXPERIENCE_SCALE:
            raise UsageError("score {score} is outside 1-5", score=score)
        case = lookups.case(uow.conn, ref)
        case_open_on(case, uow.today)
        on = on or uow.today
        not_before_opening(case, on, mark("measurement date"))
        not_in_future(on, uow.today, mark("measurement date"))
        experience = Experience._make(uow.add(t.experience, case_id=case.id, day=on, score=score))
        uow.audit("experience.add", case.ref, f"{score} on {on.isoformat()}")
        uow.commit()
        return experience
