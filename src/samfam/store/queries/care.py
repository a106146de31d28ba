"""Queries about the work with the family: goals, notes, tasks, actors, handovers, legal deadlines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, or_, select

from samfam.store import tables as t
from samfam.store.queries.scope import CaseFilter, open_on, primary_on, scoped, with_status


def goals_of(conn: Connection, case_id: int) -> Sequence[Row]:
    return conn.execute(
        select(t.goal).where(t.goal.c.case_id == case_id).order_by(t.goal.c.horizon.desc(), t.goal.c.id)
    ).all()


def goal_notes(conn: Connection, goal_ids: Sequence[int]) -> Sequence[Row]:
    if not goal_ids:
        return []
    query = select(t.goal_note).where(t.goal_note.c.goal_id.in_(goal_ids)).order_by(t.goal_note.c.day, t.goal_note.c.id)
    return conn.execute(query).all()


def tasks_of(conn: Connection, goal_ids: Sequence[int]) -> Sequence[Row]:
    if not goal_ids:
        return []
    return conn.execute(
        select(t.task).where(t.task.c.goal_id.in_(goal_ids)).order_by(t.task.c.goal_id, t.task.c.id)
    ).all()


def actors_of(conn: Connection, case_id: int) -> Sequence[Row]:
    return conn.execute(select(t.actor).where(t.actor.c.case_id == case_id).order_by(t.actor.c.id)).all()


def handovers_of(conn: Connection, case_id: int) -> Sequence[Row]:
    return conn.execute(select(t.handover).where(t.handover.c.case_id == case_id).order_by(t.handover.c.id)).all()


def ticks_of(conn: Connection, handover_id: int) -> Sequence[Row]:
    query = select(t.handover_tick).where(t.handover_tick.c.handover_id == handover_id).order_by(t.handover_tick.c.id)
    return conn.execute(query).all()


def ticks_of_handovers(conn: Connection, handover_ids: Sequence[int]) -> dict[int, list[Row]]:
    """The ticks of several handovers in one query, by handover id."""
    found: dict[int, list[Row]] = {}
    if handover_ids:
        query = select(t.handover_tick).where(t.handover_tick.c.handover_id.in_(handover_ids))
        for row in conn.execute(query.order_by(t.handover_tick.c.id)):
            found.setdefault(row.handover_id, []).append(row)
    return found


def case_goal_rows(conn: Connection, where: CaseFilter) -> list[Any]:
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
    return list(conn.execute(scoped(with_status(query, where), primary, where)).all())


def deadline_rows(conn: Connection, where: CaseFilter) -> tuple[list[Any], list[Any]]:
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
        .where(open_on(where.as_of), t.grants.c.code.in_(("SEL 50", "BL 20")), t.grants.c.start <= where.as_of)
        .where(or_(t.grants.c.end.is_(None), t.grants.c.end >= where.as_of), t.grants.c.voided_at.is_(None))
    )
    cases, investigations = scoped(cases, primary, where), scoped(investigations, primary, where)
    return list(conn.execute(cases).all()), list(conn.execute(investigations).all())


def open_handover_rows(conn: Connection, where: CaseFilter) -> list[Any]:
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
    return list(conn.execute(scoped(query, primary, where)).all())


def uncoordinated_actor_rows(conn: Connection, where: CaseFilter) -> list[Any]:
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
    return list(conn.execute(scoped(query, primary, where)).all())


def actor_by_id(conn: Connection, actor_id: int) -> Row | None:
    return conn.execute(select(t.actor).where(t.actor.c.id == actor_id)).one_or_none()


def goal_by_id(conn: Connection, goal_id: int) -> Row | None:
    return conn.execute(select(t.goal).where(t.goal.c.id == goal_id)).one_or_none()


def task_by_id(conn: Connection, task_id: int) -> Row | None:
    return conn.execute(select(t.task).where(t.task.c.id == task_id)).one_or_none()
