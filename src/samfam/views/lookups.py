"""Finding what a command names: a case, an advisor, an actor, a goal, a task, a programme, a team.

Each lookup validates the text a person typed and raises a clear domain error naming what exists.
Reads and writes both use them; they only read.
"""

from __future__ import annotations

from typing import overload

from samfam.errors import InvalidValue, NotFound, unknown_advisor, unknown_team
from samfam.rules.identity import case_ref, initials
from samfam.rules.paragraphs import ParagraphError, parse_code
from samfam.store.queries import care as care_queries
from samfam.store.queries import cases as case_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.queries import team as team_queries
from samfam.store.records import Actor, Advisor, Case, Conn, Event, Goal, LearningGoal, Programme, Task


def case(conn: Conn, ref: str | Case) -> Case:
    """The case a reference names (a case already found is taken as it is: an import looks each up once)."""
    if isinstance(ref, Case):
        return ref
    found = case_queries.case_by_ref(conn, case_ref(ref))
    if found is None:
        raise NotFound("no case '{ref}'; see 'samfam case list --status all'", ref=ref)
    return found


def case_by_id(conn: Conn, case_id: int) -> Case:
    return case_queries.case_by_id(conn, case_id)


def advisor(conn: Conn, text: str) -> Advisor:
    found = staff_queries.advisor_by_initials(conn, initials(text))
    if found is None:
        raise unknown_advisor(text, staff_queries.initials_known(conn))
    return found


def paragraph(text: str) -> str:
    """The canonical code of a paragraph typed forgivingly ('sel41', 'BL §86')."""
    try:
        return parse_code(text)
    except ParagraphError as exc:  # its template is one of rules.paragraphs' literal ones
        raise InvalidValue(exc.template, **exc.fields) from None


def actor(conn: Conn, actor_id: int, on_case: Case | None = None) -> Actor:
    found = care_queries.actor_by_id(conn, actor_id)
    if found is None or (on_case is not None and found.case_id != on_case.id):
        if on_case is not None:
            raise NotFound(
                "no actor {actor} on case {ref}; see 'samfam actor list REF'", actor=str(actor_id), ref=on_case.ref
            )
        raise NotFound("no actor {actor}; see 'samfam actor list REF'", actor=str(actor_id))
    return found


def goal(conn: Conn, goal_id: int) -> Goal:
    found = care_queries.goal_by_id(conn, goal_id)
    if found is None:
        raise NotFound("no goal {goal}; see 'samfam goals REF'", goal=str(goal_id))
    return found


def task(conn: Conn, task_id: int) -> Task:
    found = care_queries.task_by_id(conn, task_id)
    if found is None:
        raise NotFound("no task {task}; see 'samfam goals REF'", task=str(task_id))
    return found


def learning_goal(conn: Conn, goal_id: int) -> LearningGoal:
    found = team_queries.learning_goal_by_id(conn, goal_id)
    if found is None:
        raise NotFound("no learning goal {goal}; see 'samfam learning-goal list'", goal=str(goal_id))
    return found


def programme(conn: Conn, name: str) -> Programme:
    found = team_queries.programme_by_name(conn, name)
    if found is None:
        known = ", ".join(p.name for p in team_queries.programmes(conn))
        if not known:
            raise NotFound(
                "no programme '{name}'; programmes: none yet (add one with 'samfam programme add')", name=name
            )
        raise NotFound(
            "no programme '{name}'; programmes: {known} (add one with 'samfam programme add')", name=name, known=known
        )
    return found


@overload
def team(conn: Conn, name: str) -> str: ...
@overload
def team(conn: Conn, name: None) -> None: ...
@overload
def team(conn: Conn, name: str | None) -> str | None: ...
def team(conn: Conn, name: str | None) -> str | None:
    """A team named on the command line, checked against the teams advisors belong to."""
    if name is None:
        return None
    known = staff_queries.teams_known(conn)
    if name not in known:
        raise unknown_team(name, known)
    return name


def event(conn: Conn, event_id: int) -> Event:
    found = case_queries.event_by_id(conn, event_id)
    if found is None:
        raise NotFound("no event {event}; see 'samfam event list REF' for the ids", event=str(event_id))
    return found
