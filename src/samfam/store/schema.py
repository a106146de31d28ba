"""The tables. Schema changes go through Alembic migrations (samfam/migrations)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Meta(SQLModel, table=True):
    __tablename__ = "meta"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=400)


class Advisor(SQLModel, table=True):
    __tablename__ = "advisor"

    id: int | None = Field(default=None, primary_key=True)
    initials: str = Field(max_length=16, unique=True)
    name: str = Field(max_length=200)
    team: str | None = Field(default=None, max_length=100, index=True)
    role: str | None = Field(default=None, max_length=100)
    caseload_target: int | None = None
    left: date | None = None  # the advisor's last day; no new cases, buddies or tasks after it (0005)
    login: str | None = Field(default=None, max_length=63, unique=True, index=True)  # PostgreSQL login (0008)


class Case(SQLModel, table=True):
    __tablename__ = "cases"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=32, unique=True)
    child_name: str = Field(max_length=200)
    cpr: str | None = Field(default=None, max_length=11)
    born: date | None = None
    advisor_id: int = Field(foreign_key="advisor.id", index=True)
    buddy_id: int | None = Field(default=None, foreign_key="advisor.id", index=True)
    complex: bool = False
    opened: date
    closed: date | None = Field(default=None, index=True)
    close_reason: str | None = Field(default=None, max_length=500)
    reopened: date | None = None  # the latest reopening: the cadence runs from here (0005)


class Grant(SQLModel, table=True):
    __tablename__ = "grants"
    __table_args__ = (Index("ix_grants_case_start", "case_id", "start", "code", "end"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    code: str = Field(max_length=32)
    start: date
    end: date | None = None
    voided_at: datetime | None = None  # entered by mistake: as if it never applied (0005)
    voided_by: str | None = Field(default=None, max_length=64)
    void_reason: str | None = Field(default=None, max_length=500)


class Event(SQLModel, table=True):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_case_day", "case_id", "day", "kind", "voided_at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    kind: str = Field(max_length=32)
    day: date
    note: str | None = Field(default=None, max_length=2000)
    scale: int | None = None
    recorded_by: str = Field(max_length=64)
    voided_at: datetime | None = None  # void: kept and shown in history, counts for nothing (0005)
    voided_by: str | None = Field(default=None, max_length=64)
    void_reason: str | None = Field(default=None, max_length=500)
    corrects_id: int | None = None  # the (void) event this one corrects; a plain link (0005)


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_case_at", "case_ref", "at"), Index("ix_audit_at", "at"))

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    user: str = Field(max_length=64, index=True)
    action: str = Field(max_length=64)
    case_ref: str | None = Field(default=None, max_length=32)
    detail: str | None = Field(default=None, max_length=2000)
    # issue 9 (0006): reads are logged too, with their purpose and every case a listing showed; each
    # row carries the hash of the row before it and its own (a chain: see samfam.store.chain).
    kind: str = Field(default="write", max_length=5)  # read | write
    purpose: str | None = Field(default=None, max_length=200)
    cases: str | None = Field(default=None)  # the references a read showed, separated by spaces
    prev_hash: str | None = Field(default=None, max_length=64)
    hash: str | None = Field(default=None, max_length=64)
    # issue 17 (0008): the operating-system login of whoever ran samfam; hashed only when set.
    os_login: str | None = Field(default=None, max_length=100)


# -- issue 3: goals, tasks, actors, core team, handovers (migration 0002) ----------------------------


class Actor(SQLModel, table=True):
    __tablename__ = "actor"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=32)
    name: str = Field(max_length=200)
    contact: str | None = Field(default=None, max_length=200)
    coordinator: str | None = Field(default=None, max_length=16)  # family | advisor | None: not agreed
    since: date
    until: date | None = None


class Goal(SQLModel, table=True):
    __tablename__ = "goal"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    text: str = Field(max_length=1000)
    horizon: str = Field(max_length=8)
    owner_kind: str = Field(max_length=16)
    owner_actor_id: int | None = Field(default=None, foreign_key="actor.id")
    status: str = Field(max_length=16)
    target: date | None = None
    created: date


class GoalNote(SQLModel, table=True):
    __tablename__ = "goal_note"

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    day: date
    note: str = Field(max_length=2000)
    status: str | None = Field(default=None, max_length=16)
    by: str = Field(max_length=64)


class Task(SQLModel, table=True):
    __tablename__ = "task"

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    text: str = Field(max_length=1000)
    doer_kind: str = Field(max_length=16)
    doer_actor_id: int | None = Field(default=None, foreign_key="actor.id")
    due: date | None = None
    done: date | None = None


class EventActor(SQLModel, table=True):
    __tablename__ = "event_actor"

    event_id: int = Field(foreign_key="events.id", primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", primary_key=True)


class CaseMember(SQLModel, table=True):
    """A further member of the case's cross-disciplinary core team (psychologist, speech consultant …)."""

    __tablename__ = "case_member"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    advisor_id: int = Field(foreign_key="advisor.id")
    role: str = Field(max_length=100)
    since: date
    until: date | None = None
    # A period a back-dated change replaced: kept, shown in the history, counts for nothing (0009).
    corrected_at: datetime | None = None
    corrected_by: str | None = Field(default=None, max_length=64)
    correction_reason: str | None = Field(default=None, max_length=500)


class Handover(SQLModel, table=True):
    __tablename__ = "handover"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=32)
    started: date
    started_by: str = Field(max_length=64)
    detail: str | None = Field(default=None, max_length=500)
    completed: date | None = None
    completed_by: str | None = Field(default=None, max_length=64)
    forced_reason: str | None = Field(default=None, max_length=500)


class HandoverTick(SQLModel, table=True):
    __tablename__ = "handover_tick"

    id: int | None = Field(default=None, primary_key=True)
    handover_id: int = Field(foreign_key="handover.id", index=True)
    item: str = Field(max_length=32)
    ticked_by: str = Field(max_length=64)
    ticked_at: datetime
    note: str | None = Field(default=None, max_length=500)


# -- issue 4: responsibility over time, team rhythm, programmes, experience (migration 0003) ---------


class CaseAssignment(SQLModel, table=True):
    """Who was responsible for a case, and when: the primary advisor and the buddy over time."""

    __tablename__ = "case_assignment"
    __table_args__ = (Index("ix_case_assignment_case_role", "case_id", "role", "since"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    advisor_id: int = Field(foreign_key="advisor.id", index=True)
    role: str = Field(max_length=16)  # primary | buddy
    since: date
    until: date | None = None  # last day responsible
    # A period a back-dated change replaced: kept, shown in the history, counts for nothing (0009).
    corrected_at: datetime | None = None
    corrected_by: str | None = Field(default=None, max_length=64)
    correction_reason: str | None = Field(default=None, max_length=500)


class Team(SQLModel, table=True):
    __tablename__ = "team"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    case_meeting_days: int | None = None  # the team's rhythm for case meetings


class TeamMeeting(SQLModel, table=True):
    __tablename__ = "team_meeting"

    id: int | None = Field(default=None, primary_key=True)
    team: str | None = Field(default=None, max_length=100, index=True)  # None: the whole department
    kind: str = Field(max_length=32)
    day: date
    note: str | None = Field(default=None, max_length=2000)


class LearningGoal(SQLModel, table=True):
    __tablename__ = "learning_goal"

    id: int | None = Field(default=None, primary_key=True)
    advisor_id: int = Field(foreign_key="advisor.id", index=True)
    text: str = Field(max_length=1000)
    created: date
    status: str = Field(max_length=16)  # open | achieved | dropped


class LearningReview(SQLModel, table=True):
    __tablename__ = "learning_review"

    id: int | None = Field(default=None, primary_key=True)
    learning_goal_id: int = Field(foreign_key="learning_goal.id", index=True)
    day: date
    note: str | None = Field(default=None, max_length=2000)
    by: str = Field(max_length=64)


class Programme(SQLModel, table=True):
    __tablename__ = "programme"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    target: int | None = None
    ends: date | None = None


class Enrolment(SQLModel, table=True):
    __tablename__ = "enrolment"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    enrolled: date
    discharged: date | None = None


class Experience(SQLModel, table=True):
    """The family's experience of coordination, scored 1-5 at dated measurements."""

    __tablename__ = "experience"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    day: date
    score: int


class CaseTrack(SQLModel, table=True):
    """The case's track over time, derived from its grants by samfam.rules.cadence.track_periods and
    rewritten whenever they change (migration 0004). Lets reports select possibly-overdue cases in SQL."""

    __tablename__ = "case_track"
    __table_args__ = (Index("ix_case_track_case_since", "case_id", "since"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    track: str = Field(max_length=16)
    since: date
    until: date | None = None


class CaseClosure(SQLModel, table=True):
    """Every closing of a case, and its reopening if it was reopened: the history `case reopen` keeps (0005)."""

    __tablename__ = "case_closure"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    closed: date
    reason: str = Field(max_length=500)
    closed_by: str | None = Field(default=None, max_length=64)
    reopened: date | None = None
    reopened_by: str | None = Field(default=None, max_length=64)
    reopen_reason: str | None = Field(default=None, max_length=500)


# -- issue 11: applications and their processing deadlines, working days, absences (migration 0007) --


class Application(SQLModel, table=True):
    """An application on a case, its decision and the letter telling the applicant the decision will be
    late (retssikkerhedsloven § 3 stk. 2). The deadline is worked out from the paragraph's frist."""

    __tablename__ = "application"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    code: str = Field(max_length=32)  # the paragraph applied under, canonical ('BL 86')
    received: date
    decided: date | None = None
    outcome: str | None = Field(default=None, max_length=16)  # granted | refused | partly
    letter: date | None = None  # the applicant was told the deadline cannot be kept
    recorded_by: str = Field(max_length=64)
    grant_id: int | None = Field(default=None, foreign_key="grants.id")  # the grant the decision added
    voided_at: datetime | None = None  # void: kept and shown with --all, counts for nothing (0009)
    voided_by: str | None = Field(default=None, max_length=64)
    void_reason: str | None = Field(default=None, max_length=500)
    corrects_id: int | None = None  # the (void) application this one corrects; a plain link (0009)


class Frist(SQLModel, table=True):
    """The municipality's published processing deadline for applications under a paragraph."""

    __tablename__ = "frist"

    code: str = Field(primary_key=True, max_length=32)
    amount: int
    unit: str = Field(max_length=16)  # workdays | weeks | days


class ClosedDay(SQLModel, table=True):
    """A day the municipality closes (24 and 31 December …): not a working day, like a public holiday."""

    __tablename__ = "closed_day"

    day: date = Field(primary_key=True)
    note: str | None = Field(default=None, max_length=200)


class AdvisorAbsence(SQLModel, table=True):
    """An advisor away from the start through the end day (recorded with `advisor away`)."""

    __tablename__ = "advisor_absence"

    id: int | None = Field(default=None, primary_key=True)
    advisor_id: int = Field(foreign_key="advisor.id", index=True)
    start: date
    end: date
    reason: str | None = Field(default=None, max_length=200)


# -- issue 17: who is really acting; emergency access, retention approval, access review (migration 0008) --


class EmergencyAccess(SQLModel, table=True):
    """An advisor's time-limited access to a case outside their own, with the reason given."""

    __tablename__ = "emergency_access"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    advisor_id: int = Field(foreign_key="advisor.id", index=True)
    reason: str = Field(max_length=500)
    opened_at: datetime
    expires_at: datetime
    closed_at: datetime | None = None


class RetentionProposal(SQLModel, table=True):
    """A change of the retention periods, proposed by one person and applied only once another approved it."""

    __tablename__ = "retention_proposal"

    id: int | None = Field(default=None, primary_key=True)
    proposed_by: str = Field(max_length=16)
    proposed_at: datetime
    years: int
    audit_months: int
    approved_by: str | None = Field(default=None, max_length=16)
    approved_at: datetime | None = None
    applied_at: datetime | None = None


class AccessSignoff(SQLModel, table=True):
    """A team's access review signed off: who may see what was checked, by whom, when."""

    __tablename__ = "access_signoff"

    id: int | None = Field(default=None, primary_key=True)
    team: str = Field(max_length=100)
    signed_by: str = Field(max_length=16)
    signed_at: datetime
    note: str | None = Field(default=None, max_length=500)
