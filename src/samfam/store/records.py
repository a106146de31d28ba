"""The records a query returns: one immutable, named record per table, its fields named and ordered as the
table's columns (`tests/test_store_records.py` holds each to its table, column by column), and `Conn`, the
connection every read and write passes on.

Nothing here imports a database library at run time: views and actions type their rows with these
records without loading SQLAlchemy (`Conn` is SQLAlchemy's `Connection` for the type checker, and a
protocol of the one method used at run time).
"""

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    # For the type checker a connection is SQLAlchemy's, so that what a view passes on is what a query
    # takes; at run time nothing here loads SQLAlchemy.
    from sqlalchemy import Connection

    Conn = Connection
else:

    class Conn(Protocol):
        """A database connection (SQLAlchemy's `Connection`): what views and actions pass to
        `samfam.store.queries`, which alone runs statements on it."""

        def execute(self, statement: Any, parameters: Any = ..., /) -> Any: ...


#: Each record's table, for the test that holds the two together.
TABLES: dict[str, type[tuple[Any, ...]]] = {}


class Advisor(NamedTuple):
    """A row of `advisor`."""

    id: int
    initials: str
    name: str
    team: str | None
    role: str | None
    caseload_target: int | None
    left: date | None
    login: str | None


TABLES["advisor"] = Advisor


class AuditEntry(NamedTuple):
    """A row of `audit_log`."""

    id: int
    at: datetime
    user: str
    action: str
    case_ref: str | None
    detail: str | None
    kind: str
    purpose: str | None
    cases: str | None
    prev_hash: str | None
    hash: str | None
    os_login: str | None


TABLES["audit_log"] = AuditEntry


class Meta(NamedTuple):
    """A row of `meta`."""

    key: str
    value: str


TABLES["meta"] = Meta


class Programme(NamedTuple):
    """A row of `programme`."""

    id: int
    name: str
    target: int | None
    ends: date | None


TABLES["programme"] = Programme


class Team(NamedTuple):
    """A row of `team`."""

    id: int
    name: str
    case_meeting_days: int | None


TABLES["team"] = Team


class TeamMeeting(NamedTuple):
    """A row of `team_meeting`."""

    id: int
    team: str | None
    kind: str
    day: date
    note: str | None


TABLES["team_meeting"] = TeamMeeting


class Case(NamedTuple):
    """A row of `cases`."""

    id: int
    ref: str
    child_name: str
    cpr: str | None
    born: date | None
    advisor_id: int
    buddy_id: int | None
    complex: bool
    opened: date
    closed: date | None
    close_reason: str | None
    reopened: date | None


TABLES["cases"] = Case


class LearningGoal(NamedTuple):
    """A row of `learning_goal`."""

    id: int
    advisor_id: int
    text: str
    created: date
    status: str


TABLES["learning_goal"] = LearningGoal


class Actor(NamedTuple):
    """A row of `actor`."""

    id: int
    case_id: int
    kind: str
    name: str
    contact: str | None
    coordinator: str | None
    since: date
    until: date | None


TABLES["actor"] = Actor


class Assignment(NamedTuple):
    """A row of `case_assignment`."""

    id: int
    case_id: int
    advisor_id: int
    role: str
    since: date
    until: date | None
    corrected_at: datetime | None
    corrected_by: str | None
    correction_reason: str | None


TABLES["case_assignment"] = Assignment


class Closure(NamedTuple):
    """A row of `case_closure`."""

    id: int
    case_id: int
    closed: date
    reason: str
    closed_by: str | None
    reopened: date | None
    reopened_by: str | None
    reopen_reason: str | None


TABLES["case_closure"] = Closure


class Member(NamedTuple):
    """A row of `case_member`."""

    id: int
    case_id: int
    advisor_id: int
    role: str
    since: date
    until: date | None
    corrected_at: datetime | None
    corrected_by: str | None
    correction_reason: str | None


TABLES["case_member"] = Member


class TrackPeriod(NamedTuple):
    """A row of `case_track`."""

    id: int
    case_id: int
    track: str
    since: date
    until: date | None


TABLES["case_track"] = TrackPeriod


class Enrolment(NamedTuple):
    """A row of `enrolment`."""

    id: int
    case_id: int
    programme_id: int
    enrolled: date
    discharged: date | None


TABLES["enrolment"] = Enrolment


class Event(NamedTuple):
    """A row of `events`."""

    id: int
    case_id: int
    kind: str
    day: date
    note: str | None
    scale: int | None
    recorded_by: str
    voided_at: datetime | None
    voided_by: str | None
    void_reason: str | None
    corrects_id: int | None


TABLES["events"] = Event


class Experience(NamedTuple):
    """A row of `experience`."""

    id: int
    case_id: int
    day: date
    score: int


TABLES["experience"] = Experience


class Grant(NamedTuple):
    """A row of `grants`."""

    id: int
    case_id: int
    code: str
    start: date
    end: date | None
    voided_at: datetime | None
    voided_by: str | None
    void_reason: str | None


TABLES["grants"] = Grant


class Handover(NamedTuple):
    """A row of `handover`."""

    id: int
    case_id: int
    kind: str
    started: date
    started_by: str
    detail: str | None
    completed: date | None
    completed_by: str | None
    forced_reason: str | None


TABLES["handover"] = Handover


class LearningReview(NamedTuple):
    """A row of `learning_review`."""

    id: int
    learning_goal_id: int
    day: date
    note: str | None
    by: str


TABLES["learning_review"] = LearningReview


class EventActor(NamedTuple):
    """A row of `event_actor`."""

    event_id: int
    actor_id: int


TABLES["event_actor"] = EventActor


class Goal(NamedTuple):
    """A row of `goal`."""

    id: int
    case_id: int
    text: str
    horizon: str
    owner_kind: str
    owner_actor_id: int | None
    status: str
    target: date | None
    created: date


TABLES["goal"] = Goal


class HandoverTick(NamedTuple):
    """A row of `handover_tick`."""

    id: int
    handover_id: int
    item: str
    ticked_by: str
    ticked_at: datetime
    note: str | None


TABLES["handover_tick"] = HandoverTick


class GoalNote(NamedTuple):
    """A row of `goal_note`."""

    id: int
    goal_id: int
    day: date
    note: str
    status: str | None
    by: str


TABLES["goal_note"] = GoalNote


class Task(NamedTuple):
    """A row of `task`."""

    id: int
    goal_id: int
    text: str
    doer_kind: str
    doer_actor_id: int | None
    due: date | None
    done: date | None


TABLES["task"] = Task


class Application(NamedTuple):
    """A row of `application`."""

    id: int
    case_id: int
    code: str
    received: date
    decided: date | None
    outcome: str | None
    letter: date | None
    recorded_by: str
    grant_id: int | None
    voided_at: datetime | None
    voided_by: str | None
    void_reason: str | None
    corrects_id: int | None


TABLES["application"] = Application


class Frist(NamedTuple):
    """A row of `frist`."""

    code: str
    amount: int
    unit: str


TABLES["frist"] = Frist


class ClosedDay(NamedTuple):
    """A row of `closed_day`."""

    day: date
    note: str | None


TABLES["closed_day"] = ClosedDay


class Absence(NamedTuple):
    """A row of `advisor_absence`."""

    id: int
    advisor_id: int
    start: date
    end: date
    reason: str | None


TABLES["advisor_absence"] = Absence


class EmergencyAccess(NamedTuple):
    """A row of `emergency_access`."""

    id: int
    case_id: int
    advisor_id: int
    reason: str
    opened_at: datetime
    expires_at: datetime
    closed_at: datetime | None


TABLES["emergency_access"] = EmergencyAccess


class RetentionProposal(NamedTuple):
    """A row of `retention_proposal`."""

    id: int
    proposed_by: str
    proposed_at: datetime
    years: int
    audit_months: int
    approved_by: str | None
    approved_at: datetime | None
    applied_at: datetime | None


TABLES["retention_proposal"] = RetentionProposal


class AccessSignoff(NamedTuple):
    """A row of `access_signoff`."""

    id: int
    team: str
    signed_by: str
    signed_at: datetime
    note: str | None


TABLES["access_signoff"] = AccessSignoff
