"""Writes about the work with the family: external actors, the shared goals and the tasks toward them."""

from __future__ import annotations

from datetime import date

from samfam.errors import Conflict, InvalidValue, UsageError
from samfam.rules import goals as goal_rules
from samfam.rules.actors import ACTOR_KIND_WORDS, COORDINATOR_WORDS, NOT_AGREED
from samfam.rules.checks import case_open_on, not_before_opening, not_in_future
from samfam.store import tables as t
from samfam.store.records import Actor, Case, Goal, Task
from samfam.store.work import UnitOfWork
from samfam.views import lookups
from samfam.words import mark

# -- actors ----------------------------------------------------------------------------------------


def _coordinator(value: str | None) -> str | None:
    if value is None:
        return None
    coordinator = COORDINATOR_WORDS.resolve(value)  # English or Danish, stored in English; none: not agreed yet
    return None if coordinator == NOT_AGREED else coordinator


def add_actor(
    uow: UnitOfWork,
    ref: str,
    kind: str,
    name: str,
    coordinator: str | None = None,
    contact: str | None = None,
    since: date | None = None,
) -> Actor:
    with uow:
        kind = ACTOR_KIND_WORDS.resolve(kind)  # English or Danish, stored in English
        if not name.strip():
            raise UsageError(mark("the actor's --name is empty"))
        case = lookups.case(uow.conn, ref)
        since = since or uow.today
        case_open_on(case, uow.today, since, history=uow.history)
        not_before_opening(case, since, mark("actor start"))
        not_in_future(since, uow.today, mark("actor start"))
        actor = Actor._make(
            uow.add(
                t.actor,
                case_id=case.id,
                kind=kind,
                name=name.strip(),
                contact=contact or None,
                coordinator=_coordinator(coordinator),
                since=since,
            )
        )
        agreed = actor.coordinator or "not agreed"
        uow.audit("actor.add", case.ref, f"{actor.id} {kind} {actor.name}, coordinator {agreed}")
        uow.commit()
        return actor


def update_actor(
    uow: UnitOfWork, actor_id: int, name: str | None = None, contact: str | None = None, coordinator: str | None = None
) -> Actor:
    with uow:
        actor = lookups.actor(uow.conn, actor_id)
        case_open_on(lookups.case_by_id(uow.conn, actor.case_id), uow.today)
        values: dict[str, object] = {}
        changes = []
        if name is not None:
            values["name"] = name.strip()
            changes.append(f"name {values['name']}")
        if contact is not None:
            values["contact"] = contact or None
            changes.append("contact")
        if coordinator is not None:
            values["coordinator"] = _coordinator(coordinator)
            changes.append(f"coordinator {values['coordinator'] or 'not agreed'}")
        if not changes:
            raise UsageError("nothing to update; give --name, --contact or --coordinator")
        actor = Actor._make(uow.update(t.actor, actor.id, **values))
        uow.audit("actor.update", lookups.case_by_id(uow.conn, actor.case_id).ref, f"{actor.id}: " + ", ".join(changes))
        uow.commit()
        return actor


def end_actor(uow: UnitOfWork, actor_id: int, on: date | None = None) -> Actor:
    with uow:
        actor = lookups.actor(uow.conn, actor_id)
        on = on or uow.today
        case_open_on(lookups.case_by_id(uow.conn, actor.case_id), uow.today, on, history=uow.history)
        not_in_future(on, uow.today, mark("end date"))
        if actor.until is not None:
            raise Conflict(
                "actor {actor} ({name}) left the case on {until} already",
                actor=actor.id,
                name=actor.name,
                until=actor.until,
            )
        if on < actor.since:
            raise InvalidValue(
                "end date {on} is before actor {actor} joined ({since})",
                on=on,
                actor=str(actor.id),
                since=actor.since,
            )
        actor = Actor._make(uow.update(t.actor, actor.id, until=on))
        uow.audit("actor.end", lookups.case_by_id(uow.conn, actor.case_id).ref, f"{actor.id} {actor.name} on {on}")
        uow.commit()
        return actor


# -- goals and tasks -------------------------------------------------------------------------------


def _owner(uow: UnitOfWork, case: Case, owner: str, what: str = "--owner") -> tuple[str, int | None]:
    typed, owner = owner, goal_rules.owner_word(owner, what)  # English or Danish (`familien`, `aktør:3`)
    if owner in ("family", "advisor"):
        return owner, None
    if owner.startswith("actor:") and owner[6:].isdigit():
        actor = lookups.actor(uow.conn, int(owner[6:]), case)
        if actor.until is not None and not uow.history:  # an import restores goals of actors who left since
            raise InvalidValue(
                "actor {actor} ({name}) left the case on {until}",
                actor=str(actor.id),
                name=actor.name,
                until=actor.until,
            )
        return "actor", actor.id
    raise UsageError(
        "{option} '{typed}' is not valid; give the actor's id: actor:ID (see 'samfam actor list REF')",
        option=what,
        typed=typed,
    )


def add_goal(uow: UnitOfWork, ref: str, text: str, horizon: str, owner: str, target: date | None = None) -> Goal:
    with uow:
        horizon = goal_rules.HORIZON_WORDS.resolve(horizon)  # English or Danish, stored in English
        if not text.strip():
            raise UsageError(mark("the goal's text is empty"))
        case = lookups.case(uow.conn, ref)
        case_open_on(case, uow.today, history=uow.history)
        owner_kind, actor_id = _owner(uow, case, owner)
        goal = Goal._make(
            uow.add(
                t.goal,
                case_id=case.id,
                text=text.strip(),
                horizon=horizon,
                owner_kind=owner_kind,
                owner_actor_id=actor_id,
                status="open",
                target=target,
                created=uow.today,
            )
        )
        stored = owner_kind if actor_id is None else f"actor:{actor_id}"
        uow.audit("goal.add", case.ref, f"{goal.id} ({horizon}, owner {stored})")
        uow.commit()
        return goal


def update_goal(
    uow: UnitOfWork, goal_id: int, status: str | None = None, note: str | None = None, target: date | None = None
) -> Goal:
    with uow:
        goal = lookups.goal(uow.conn, goal_id)
        case_open_on(lookups.case_by_id(uow.conn, goal.case_id), uow.today, history=uow.history)
        status = goal_rules.STATUS_WORDS.resolve(status) if status is not None else None
        if status is None and note is None and target is None:
            raise UsageError("nothing to update; give --status, --note or --target")
        values: dict[str, object] = {}
        changes = []
        if status is not None and status != goal.status:
            changes.append(f"status {goal.status} -> {status}")
            values["status"] = status
        if target is not None:
            changes.append(f"target {target.isoformat()}")
            values["target"] = target
        if values:
            goal = Goal._make(uow.update(t.goal, goal.id, **values))
        if note or status:
            uow.insert(t.goal_note, goal_id=goal.id, day=uow.today, note=note or "", status=status, by=uow.user)
        ref = lookups.case_by_id(uow.conn, goal.case_id).ref
        uow.audit("goal.update", ref, f"{goal.id}: " + (", ".join(changes) or "review note"))
        uow.commit()
        return goal


def add_task(uow: UnitOfWork, goal_id: int, text: str, doer: str, due: date | None = None) -> Task:
    with uow:
        goal = lookups.goal(uow.conn, goal_id)
        case = lookups.case_by_id(uow.conn, goal.case_id)
        case_open_on(case, uow.today)
        if not text.strip():
            raise UsageError(mark("the task's text is empty"))
        doer_kind, actor_id = _owner(uow, case, doer, "--by")
        task = Task._make(
            uow.add(t.task, goal_id=goal.id, text=text.strip(), doer_kind=doer_kind, doer_actor_id=actor_id, due=due)
        )
        by = doer_kind if actor_id is None else f"actor:{actor_id}"
        uow.audit("task.add", case.ref, f"{task.id} for goal {goal.id}, by {by}")
        uow.commit()
        return task


def set_task_done(uow: UnitOfWork, task_id: int, done: bool = True, on: date | None = None) -> Task:
    with uow:
        task = lookups.task(uow.conn, task_id)
        goal = lookups.goal(uow.conn, task.goal_id)
        case = lookups.case_by_id(uow.conn, goal.case_id)
        case_open_on(case, uow.today)
        day = on or uow.today
        if done:
            not_in_future(day, uow.today, mark("task done date"))
            not_before_opening(case, day, mark("task done date"))
        task = Task._make(uow.update(t.task, task.id, done=day if done else None))
        ref = case.ref
        uow.audit("task.done" if done else "task.undone", ref, str(task.id))
        uow.commit()
        return task
