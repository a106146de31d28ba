"""A case's complete record: every row of every table that belongs to it (retention's archive, export)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, func, select, text, true

from samfam.store import tables as t
from samfam.store.queries.cases import CaseRef

#: The tables that hang off a case directly (by case_id), in the order a record lists them.
DIRECT = (
    "grants",
    "case_track",
    "case_assignment",
    "case_member",
    "case_closure",
    "events",
    "actor",
    "goal",
    "handover",
    "enrolment",
    "experience",
    "application",
    "emergency_access",
)
#: The tables that hang off one of those: (table, its key column, the parent table).
INDIRECT = (
    ("event_actor", "event_id", "events"),
    ("goal_note", "goal_id", "goal"),
    ("task", "goal_id", "goal"),
    ("handover_tick", "handover_id", "handover"),
)


def _rows(conn: Connection, table: Table, where: Any) -> list[dict[str, Any]]:
    order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
    return [dict(row._mapping) for row in conn.execute(select(table).where(where).order_by(*order))]


def case_record(conn: Connection, case_id: int) -> dict[str, list[dict[str, Any]]]:
    """{table name: [row as a dict]} for one case, its own row under "cases"."""
    record = {"cases": _rows(conn, t.cases, t.cases.c.id == case_id)}
    for name in DIRECT:
        table = getattr(t, name)
        record[name] = _rows(conn, table, table.c.case_id == case_id)
    for name, key, parent in INDIRECT:
        table = getattr(t, name)
        ids = [row["id"] for row in record[parent]]
        record[name] = _rows(conn, table, table.c[key].in_(ids)) if ids else []
    return record


#: The tables that belong to no case: the department's staff, teams, programmes and rules (a whole
#: export's "department"). With the case tables they are every table but the audit log and `meta`.
DEPARTMENT = (
    "advisor",
    "advisor_absence",
    "team",
    "team_meeting",
    "learning_goal",
    "learning_review",
    "programme",
    "frist",
    "closed_day",
    "retention_proposal",
    "access_signoff",
)


def department_record(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    """{table name: [row as a dict]} for every table that belongs to no case."""
    return {name: _rows(conn, getattr(t, name), true()) for name in DEPARTMENT}


class CaseKey(NamedTuple):
    """A case's id and reference."""

    id: int
    ref: str


def case_ids_with_cpr(conn: Connection, cpr: str) -> list[CaseKey]:
    """Every case (open or closed) of the child with this CPR number."""
    query = select(t.cases.c.id, t.cases.c.ref).where(t.cases.c.cpr == cpr).order_by(t.cases.c.opened)
    return list(map(CaseKey._make, conn.execute(query)))


class ClosedCase(NamedTuple):
    """A closed case that still holds personal data."""

    id: int
    ref: str
    child_name: str
    closed: date


def closed_before(conn: Connection, day: Any) -> list[ClosedCase]:
    """Closed cases whose closing day is before `day` and that still hold personal data."""
    c = t.cases.c
    query = (
        select(c.id, c.ref, c.child_name, c.closed)
        .where(c.closed.is_not(None), c.closed < day, c.child_name != ANONYMISED)
        .order_by(c.closed, c.ref)
    )
    return list(map(ClosedCase._make, conn.execute(query)))


#: What an anonymised case's name becomes (and how one is recognised).
ANONYMISED = "(slettet)"


#: The kinds of row retention reports per case: (key, table).
COUNTED = ("grants", "events", "goal", "actor", "handover")


def count_rows(conn: Connection, case_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """{case id: {table: rows}}: what retention would archive and anonymise, one grouped query per table."""
    counts: dict[int, dict[str, int]] = {case_id: {} for case_id in case_ids}
    if not case_ids:
        return counts
    for name in COUNTED:
        table = getattr(t, name)
        query = select(table.c.case_id, func.count()).where(table.c.case_id.in_(case_ids)).group_by(table.c.case_id)
        for case_id, n in conn.execute(query):
            counts[case_id][name] = n
    return counts


def all_refs(conn: Connection) -> list[CaseRef]:
    return list(map(CaseRef._make, conn.execute(select(t.cases.c.ref).order_by(t.cases.c.ref))))


class Subject(NamedTuple):
    """A case as the access letter names it: the child, and when the case closed."""

    id: int
    ref: str
    child_name: str
    cpr: str | None
    born: date | None
    closed: date | None


def subject_cases(conn: Connection, ref: str | None, cpr: str | None) -> list[Subject]:
    """The cases the access letter is about: the one with reference `ref`, or every case of the child with CPR
    number `cpr`, oldest first. On PostgreSQL through `samfam_subject_cases` (samfam.store.security): the DPO
    writes the letter without seeing any case; everyone else gets only the cases they see."""
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text("SELECT * FROM samfam_subject_cases(CAST(:ref AS varchar), CAST(:cpr AS varchar))"),
            {"ref": ref, "cpr": cpr},
        )
        return [Subject._make(r) for r in rows]
    c = t.cases.c
    where = c.ref == ref if ref is not None else c.cpr == cpr
    query = select(c.id, c.ref, c.child_name, c.cpr, c.born, c.closed).where(where).order_by(c.opened, c.id)
    return [Subject._make(r) for r in conn.execute(query)]


#: What the access letter counts, in its order.
HELD = ("grants", "events", "goals", "tasks", "actors", "handovers")


def held(conn: Connection, case_ids: Sequence[int]) -> dict[str, int]:
    """How many rows of each kind the cases hold, counted in SQL (for the access letter; on PostgreSQL through
    `samfam_subject_held`, which the DPO may call too: counts, never content)."""
    if conn.dialect.name == "postgresql":
        counted = dict(conn.execute(text("SELECT * FROM samfam_subject_held(:ids)"), {"ids": list(case_ids)}).all())
        return {
            kind: int(counted.get(kind, 0)) for kind in ("grants", "events", "goals", "tasks", "actors", "handovers")
        }

    def count(table: Table, where: Any) -> int:
        return conn.execute(select(func.count()).select_from(table).where(where)).scalar_one()

    goals = select(t.goal.c.id).where(t.goal.c.case_id.in_(case_ids))
    return {
        "grants": count(t.grants, t.grants.c.case_id.in_(case_ids)),
        "events": count(t.events, t.events.c.case_id.in_(case_ids)),
        "goals": count(t.goal, t.goal.c.case_id.in_(case_ids)),
        "tasks": count(t.task, t.task.c.goal_id.in_(goals)),
        "actors": count(t.actor, t.actor.c.case_id.in_(case_ids)),
        "handovers": count(t.handover, t.handover.c.case_id.in_(case_ids)),
    }
