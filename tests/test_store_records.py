"""store.records: each record holds its table's columns (names, order, types, nullability), and the
queries return the records."""

from __future__ import annotations

import types
import typing

import pytest
from sqlalchemy.types import TypeDecorator, TypeEngine

from samfam.store import records
from samfam.store.engine import Store
from samfam.store.queries import applications, audit, care, cases, staff, team
from samfam.store.tables import every_table
from support import REF

TABLES = every_table().tables


def _split(hint: object) -> tuple[type, bool]:
    """(the Python type, whether None is allowed) of a field's annotation."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        assert len(args) == 1, hint
        return args[0], True
    assert isinstance(hint, type), hint
    return hint, False


def _python_type(sql_type: TypeEngine) -> type:
    """A column type's Python type (a TypeDecorator's is its implementation's)."""
    return sql_type.impl.python_type if isinstance(sql_type, TypeDecorator) else sql_type.python_type


def test_every_table_has_a_record():
    assert set(records.TABLES) == set(TABLES)


@pytest.mark.parametrize("name", sorted(records.TABLES))
def test_record_holds_its_table_column_by_column(name):
    record, table = records.TABLES[name], TABLES[name]
    assert record._fields == tuple(c.name for c in table.columns)
    hints = typing.get_type_hints(record)
    for column in table.columns:
        python_type, nullable = _split(hints[column.name])
        assert python_type is _python_type(column.type), f"{name}.{column.name}"
        assert nullable == bool(column.nullable), f"{name}.{column.name}"


def test_records_are_named_tuples():
    for record in records.TABLES.values():
        assert issubclass(record, tuple) and hasattr(record, "_make") and hasattr(record, "_asdict")


def test_queries_return_records(case1):
    store = Store(f"sqlite:///{case1.db}")
    try:
        with store.connection() as conn:
            case = cases.case_by_ref(conn, REF)
            assert type(case) is records.Case and case.ref == REF
            assert type(cases.case_by_id(conn, case.id)) is records.Case
            assert cases.case_by_ref(conn, "no-such-ref") is None
            grants = cases.grants_of(conn, case.id)
            assert grants and all(type(g) is records.Grant for g in grants)
            assert all(type(g) is records.Grant for g in cases.open_grants(conn, case.id, grants[0].code))
            assert all(type(a) is records.Assignment for a in cases.current_assignments(conn, case.id, "primary"))
            advisor = staff.advisor_by_initials(conn, "MKJ")
            assert type(advisor) is records.Advisor and advisor.initials == "MKJ"
            assert staff.advisor_by_initials(conn, "???") is None
            assert all(type(a) is records.Advisor for a in staff.advisors(conn))
            assert team.team_by_name(conn, "no-such-team") is None
            assert all(type(m) is records.TeamMeeting for m in team.team_meetings(conn, advisor.team))
            entries = audit.rows_before(conn, 10**9)
            assert entries and all(type(e) is records.AuditEntry for e in entries)
            assert all(type(f) is records.Frist for f in applications.frister(conn))
            assert all(type(d) is records.ClosedDay for d in applications.closed_days(conn))
            assert care.goals_of(conn, case.id) == [] and care.actors_of(conn, case.id) == []
    finally:
        store.dispose()


def test_event_goal_actor_task_records(plan_world):
    store = Store(f"sqlite:///{plan_world.db}")
    try:
        with store.connection() as conn:
            case = cases.case_by_ref(conn, REF)
            events = cases.events_of(conn, case.id, include_void=True)
            assert events
            for event in events:
                assert type(event) is records.Event
                assert type(cases.event_by_id(conn, event.id)) is records.Event
            goals = care.goals_of(conn, case.id)
            assert goals and all(type(g) is records.Goal for g in goals)
            assert type(care.goal_by_id(conn, goals[0].id)) is records.Goal
            actors = care.actors_of(conn, case.id)
            assert actors and all(type(a) is records.Actor for a in actors)
            assert type(care.actor_by_id(conn, actors[0].id)) is records.Actor
            tasks = care.tasks_of(conn, [g.id for g in goals])
            assert tasks and all(type(t) is records.Task for t in tasks)
            assert type(care.task_by_id(conn, tasks[0].id)) is records.Task
            assert all(type(h) is records.Handover for h in care.handovers_of(conn, case.id))
            assert care.goal_by_id(conn, 10**9) is None
    finally:
        store.dispose()
