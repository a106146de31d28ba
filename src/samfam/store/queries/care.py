"""Queries about the work with the family: goals, notes, tasks, actors, handovers, legal deadlines."""

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import Connection, or_, select

from samfam.rules.deadlines import INVESTIGATION_CODES
from samfam.store import tables as t
from samfam.store.queries.scope import CaseFilter, open_on, primary_on, scoped, with_status
from samfam.store.records import Actor, Goal, GoalNote, Handover, HandoverTick, Task


def goals_of(conn: Connection, case_id: int) -> list[Goal]:
    query = select(t.goal).where(t.goal.c.case_id == case_id).order_by(t.goal.c.horizon.desc(), t.goal.c.id)
    return list(map(Goal._make, conn.execute(query)))


def goal_notes(conn: Connection, goal_ids: Sequence[int]) -> list[GoalNote]:
    if not goal_ids:
        return []
    query = select(t.goal_note).where(t.goal_note.c.goal_id.in_(goal_ids)).order_by(t.goal_note.c.day, t.goal_note.c.id)
    return list(map(GoalNote._make, conn.execute(query)))


def tasks_of(conn: Connection, goal_ids: Sequence[int]) -> list[Task]:
    if not goal_ids:
        return []
    query = select(t.task).where(t.task.c.goal_id.in_(goal_ids)).order_by(t.task.c.goal_id, t.task.c.id)
    return list(map(Task._make, conn.execute(query)))


def actors_of(conn: Connection, case_id: int) -> list[Actor]:
    query = select(t.actor).where(t.actor.c.case_id == case_id).order_by(t.actor.c.id)
    return list(map(Actor._make, conn.execute(query)))


def handovers_of(conn: Connection, case_id: int) -> list[Handover]:
    query = select(t.handover).where(t.handover.c.case_id == case_id).order_by(t.handover.c.id)
    return list(map(Handover._make, conn.execute(query)))


def ticks_of(conn: Connection, handover_id: int) -> list[HandoverTick]:
    query = select(t.handover_tick).where(t.handover_tick.c.handover_id == handover_id).order_by(t.handover_tick.c.id)
    return list(map(HandoverTick._make, conn.execute(query)))


def ticks_of_handovers(conn: Connection, handover_ids: Sequence[int]) -> dict[int, list[HandoverTick]]:
    """The ticks of several handovers in one query, by handover id."""
    found: dict[int, list[HandoverTick]] = {}
    if handover_ids:
        query = select(t.handover_tick).where(t.handover_tick.c.handover_id.in_(handover_ids))
        for tick in map(HandoverTick._make, conn.execute(query.order_by(t.handover_tick.c.id))):
            found.setdefault(tick.handover_id, []).append(tick)
    return found


class CaseGoalRow(NamedTuple):
    """A case a filter covers with one of its goals (the goal's fields None when it has none), the goal's
    owner actor's name and end date, and the case's primary advisor on the as-of date."""

    case_id: int
    ref: str
    closed: date | None
    advisor: str
    id: int | None
    text: str | None
    horizon: str | None
    owner_kind: str | None
    owner_actor_id: int | None
    owner_name: str | None
    owner_until: date | None
    status: str | None
    target: date | None


def case_goal_rows(conn: Connection, where: CaseFilter) -> list[CaseGoalRow]:
    """Goals of the cases a filter covers, with the owner actor's end date, for attention lists."""
    primary = t.advisor.alias()
    owner = t.actor.alias()
    query = (
        select(
            t.cases.c.id.label("case_id"),
            t.cases.c.ref,
            t.cases.c.closed,
            primary.c.initials.label("advisor"),
            t.goal.c.id,
            t.goal.c.text,
            t.goal.c.horizon,
            t.goal.c.owner_kind,
            t.goal.c.owner_actor_id,
            owner.c.name.label("owner_name"),
            owner.c.until.label("owner_until"),
            t.goal.c.status,
            t.goal.c.target,
        )
        .select_from(t.cases)
        .join(primary, primary.c.id == primary_on(where.as_of))
        .outerjoin(t.goal, t.goal.c.case_id == t.cases.c.id)
        .outerjoin(owner, owner.c.id == t.goal.c.owner_actor_id)
        .order_by(t.cases.c.ref, t.goal.c.horizon.desc(), t.goal.c.id)
    )
    return list(map(CaseGoalRow._make, conn.execute(scoped(with_status(query, where), primary, where))))


class DueTaskRow(NamedTuple):
    """A task not done on the as-of date and due by a day, with its goal (id and status), the doer actor's
    name, its case and the case's primary advisor on the as-of date."""

    ref: str
    advisor: str
    goal_id: int
    goal_status: str
    id: int
    text: str
    doer_kind: str
    doer_actor_id: int | None
    doer_name: str | None
    due: date


def due_task_rows(conn: Connection, where: CaseFilter, day: date) -> list[DueTaskRow]:
    """The tasks on the cases a filter covers that are due on or before `day` and not done on the as-of date
    (none, or done after it), in one query: soonest due first, then by case and task."""
    primary = t.advisor.alias()
    doer = t.actor.alias()
    task, goal = t.task, t.goal
    query = (
        select(
            t.cases.c.ref,
            primary.c.initials.label("advisor"),
            goal.c.id.label("goal_id"),
            goal.c.status.label("goal_status"),
            task.c.id,
            task.c.text,
            task.c.doer_kind,
            task.c.doer_actor_id,
            doer.c.name.label("doer_name"),
            task.c.due,
        )
        .select_from(t.cases)
        .join(primary, primary.c.id == primary_on(where.as_of))
        .join(goal, goal.c.case_id == t.cases.c.id)
        .join(task, task.c.goal_id == goal.c.id)
        .outerjoin(doer, doer.c.id == task.c.doer_actor_id)
        .where(task.c.due <= day, or_(task.c.done.is_(None), task.c.done > where.as_of))
        .order_by(task.c.due, t.cases.c.ref, task.c.id)
    )
    return list(map(DueTaskRow._make, conn.execute(scoped(with_status(query, where), primary, where))))


class BirthRow(NamedTuple):
    """An open case with a birth date, its primary advisor, and its id again when a transition handover
    began (None when none did)."""

    id: int
    ref: str
    born: date
    advisor: str
    transition_started: int | None


class InvestigationRow(NamedTuple):
    """A running investigation (a grant) on an open case, with the case's primary advisor."""

    ref: str
    advisor: str
    code: str
    start: date
    end: date | None


def deadline_rows(conn: Connection, where: CaseFilter) -> tuple[list[BirthRow], list[InvestigationRow]]:
    """Open cases with birth date and whether a transition handover began; running investigations."""
    primary = t.advisor.alias()
    transition = (
        select(t.handover.c.case_id)
        .where(t.handover.c.kind == "transition", t.handover.c.started <= where.as_of)
        .distinct()
    ).subquery("transition")
    cases = (
        select(
            t.cases.c.id,
            t.cases.c.ref,
            t.cases.c.born,
            primary.c.initials.label("advisor"),
            transition.c.case_id.label("transition_started"),
        )
        .select_from(t.cases)
        .join(primary, primary.c.id == primary_on(where.as_of))
        .outerjoin(transition, transition.c.case_id == t.cases.c.id)
        .where(open_on(where.as_of), t.cases.c.born.is_not(None))
        .order_by(t.cases.c.ref)
    )
    investigations = (
        select(t.cases.c.ref, primary.c.initials.label("advisor"), t.grants.c.code, t.grants.c.start, t.grants.c.end)
        .select_from(t.grants)
        .join(t.cases, t.cases.c.id == t.grants.c.case_id)
        .join(primary, primary.c.id == primary_on(where.as_of))
        # the investigation grants active on the day (samfam.rules.cadence.grant_active) of the cases open on it
        .where(open_on(where.as_of), t.grants.c.code.in_(INVESTIGATION_CODES), t.grants.c.start <= where.as_of)
        .where(or_(t.grants.c.end.is_(None), t.grants.c.end >= where.as_of), t.grants.c.voided_at.is_(None))
        .order_by(t.cases.c.ref, t.grants.c.start, t.grants.c.code)
    )
    cases, investigations = scoped(cases, primary, where), scoped(investigations, primary, where)
    return (
        list(map(BirthRow._make, conn.execute(cases))),
        list(map(InvestigationRow._make, conn.execute(investigations))),
    )


class OpenHandoverRow(NamedTuple):
    """A handover not completed, with its case (id, reference, birth date) and primary advisor."""

    id: int
    kind: str
    started: date
    case_id: int
    ref: str
    born: date | None
    advisor: str


def open_handover_rows(conn: Connection, where: CaseFilter) -> list[OpenHandoverRow]:
    """Handovers not completed on open cases: the handover, its case (id, ref, birth date) and advisor."""
    primary = t.advisor.alias()
    query = (
        select(
            t.handover.c.id,
            t.handover.c.kind,
            t.handover.c.started,
            t.cases.c.id.label("case_id"),
            t.cases.c.ref,
            t.cases.c.born,
            primary.c.initials.label("advisor"),
        )
        .select_from(t.handover)
        .join(t.cases, t.cases.c.id == t.handover.c.case_id)
        .join(primary, primary.c.id == primary_on(where.as_of))
        .where(t.handover.c.completed.is_(None), open_on(where.as_of))
        .order_by(t.handover.c.started, t.cases.c.ref)
    )
    return list(map(OpenHandoverRow._make, conn.execute(scoped(query, primary, where))))


class UncoordinatedActorRow(NamedTuple):
    """An actor on an open case whom nobody coordinates, with the case and its primary advisor."""

    ref: str
    advisor: str
    id: int
    kind: str
    name: str


def uncoordinated_actor_rows(conn: Connection, where: CaseFilter) -> list[UncoordinatedActorRow]:
    primary = t.advisor.alias()
    query = (
        select(t.cases.c.ref, primary.c.initials.label("advisor"), t.actor.c.id, t.actor.c.kind, t.actor.c.name)
        .select_from(t.actor)
        .join(t.cases, t.cases.c.id == t.actor.c.case_id)
        .join(primary, primary.c.id == primary_on(where.as_of))
        .where(t.actor.c.coordinator.is_(None), or_(t.actor.c.until.is_(None), t.actor.c.until >= where.as_of))
        .where(open_on(where.as_of))
        .order_by(t.cases.c.ref, t.actor.c.id)
    )
    return list(map(UncoordinatedActorRow._make, conn.execute(scoped(query, primary, where))))


def actor_by_id(conn: Connection, actor_id: int) -> Actor | None:
    row = conn.execute(select(t.actor).where(t.actor.c.id == actor_id)).one_or_none()
    return None if row is None else Actor._make(row)


def goal_by_id(conn: Connection, goal_id: int) -> Goal | None:
    row = conn.execute(select(t.goal).where(t.goal.c.id == goal_id)).one_or_none()
    return None if row is None else Goal._make(row)


def task_by_id(conn: Connection, task_id: int) -> Task | None:
    row = conn.execute(select(t.task).where(t.task.c.id == task_id)).one_or_none()
    return None if row is None else Task._make(row)
