"""The family's joint action plan as plain values for samfam.documents.plan (the command logs the look-up)."""

from __future__ import annotations

from collections import defaultdict

from samfam.context import App
from samfam.rules.cases import actor_on_case
from samfam.rules.dates import age_on
from samfam.store.queries import care as care_queries
from samfam.store.queries import cases as case_queries
from samfam.store.queries import staff as staff_queries
from samfam.views import lookups
from samfam.views.cases import explain_case
from samfam.views.followups import Row


def plan_data(app: App, ref: str) -> Row:
    """The family's joint action plan as plain values for `documents.plan.render_plan` (the command logs it)."""
    with app.connect() as conn:
        case = lookups.case(conn, ref)
        primary_id, buddy_id = case_queries.responsible_on(conn, case.id, app.today)
        people = {a.id: a for a in staff_queries.advisors(conn) if a.id in (primary_id, buddy_id)}
        actors = {a.id: a for a in care_queries.actors_of(conn, case.id)}
        explained = explain_case(conn, app, ref)[3]

        def person(kind: str, actor_id: int | None) -> Row:
            return {"kind": kind, "name": actors[actor_id].name if kind == "actor" and actor_id in actors else None}

        goals = care_queries.goals_of(conn, case.id)
        tasks = defaultdict(list)
        for t in care_queries.tasks_of(conn, [g.id for g in goals]):
            tasks[t.goal_id].append(
                {"text": t.text, "by": person(t.doer_kind, t.doer_actor_id), "due": t.due, "done": t.done}
            )
        advisor = people[primary_id]
        buddy = people.get(buddy_id) if buddy_id is not None else None
        return {
            "case": case.ref,
            "child": case.child_name,
            "age": age_on(case.born, app.today) if case.born else None,
            "advisor": {"initials": advisor.initials, "name": advisor.name},
            "buddy": {"initials": buddy.initials, "name": buddy.name} if buddy else None,
            "today": app.today,
            "next_due": explained["next_due"],
            "closed": case.closed,
            "goals": [
                {
                    "text": g.text,
                    "horizon": g.horizon,
                    "owner": person(g.owner_kind, g.owner_actor_id),
                    "status": g.status,
                    "target": g.target,
                    "tasks": tasks[g.id],
                }
                for g in goals
            ],  # fmt: skip
            "actors": [
                {"kind": a.kind, "name": a.name, "contact": a.contact, "coordinator": a.coordinator}
                for a in actors.values()
                if actor_on_case(a.until, app.today)
            ],
        }
