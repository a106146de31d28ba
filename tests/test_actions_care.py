"""samfam.actions.care, called directly: the actors around a family, the shared goals and their tasks."""

from __future__ import annotations

import pytest

from arrange import do, logged, opened, refused
from samfam.actions import care, cases
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.views import care as care_views
from samfam.views import cases as case_views
from support import REF, d


@pytest.fixture
def app(case1):
    """Case 2026-0101 (MKJ, opened 2026-06-01, no actors or goals), today 2026-11-22."""
    with opened(case1.db) as app:
        yield app


def goals(app) -> list[dict]:
    return case_views.case_card(app, REF)["goals"]


# -- actors ----------------------------------------------------------------------------------------


def test_add_actor(app):
    actor = do(app, care.add_actor, REF, "school", " Kildeskolen ", "family", "Lærer Ane Berg", d("2026-06-15"))

    assert (actor.name, actor.coordinator, actor.since, actor.until) == ("Kildeskolen", "family", d("2026-06-15"), None)
    [row] = care_views.actor_list(app, REF)
    assert (row["id"], row["kind"], row["contact"], row["active"], row["attention"]) == (
        actor.id, "school", "Lærer Ane Berg", True, [])  # fmt: skip
    assert logged(app, REF)[0] == ("actor.add", f"{actor.id} school Kildeskolen, coordinator family")


def test_an_actor_without_a_coordinator_needs_attention(app):
    actor = do(app, care.add_actor, REF, "ppr", "PPR Nord", "none")
    assert actor.coordinator is None
    assert care_views.actor_list(app, REF)[0]["attention"] == ["no agreed coordinator"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("bank", "Danske Bank"), UsageError),
        (("school", " "), UsageError),
        (("school", "Kildeskolen", "teacher"), UsageError),
        (("school", "Kildeskolen", None, None, d("2026-11-23")), InvalidValue),
        (("school", "Kildeskolen", None, None, d("2026-05-01")), InvalidValue),
    ],
)
def test_add_actor_refusals(case1, app, args, error):
    refused(case1, error, app, care.add_actor, REF, *args)


def test_update_and_end_actor(app):
    actor = do(app, care.add_actor, REF, "school", "Kildeskolen", since=d("2026-06-01"))
    updated = do(app, care.update_actor, actor.id, contact="Ane Berg", coordinator="advisor")
    assert (updated.contact, updated.coordinator) == ("Ane Berg", "advisor")
    ended = do(app, care.end_actor, actor.id, d("2026-11-01"))
    assert ended.until == d("2026-11-01")
    assert care_views.actor_list(app, REF) == []
    assert care_views.actor_list(app, REF, include_ended=True)[0]["until"] == d("2026-11-01")


def test_update_and_end_actor_refusals(case1, app):
    actor = do(app, care.add_actor, REF, "school", "Kildeskolen", since=d("2026-07-01"))
    refused(case1, UsageError, app, care.update_actor, actor.id)  # nothing to update
    refused(case1, NotFound, app, care.update_actor, 99, name="X")
    refused(case1, InvalidValue, app, care.end_actor, actor.id, d("2026-06-30"))  # before it joined
    do(app, care.end_actor, actor.id, d("2026-10-01"))
    refused(case1, Conflict, app, care.end_actor, actor.id)


# -- goals and tasks -------------------------------------------------------------------------------


def test_add_goal_owned_by_an_actor(app):
    school = do(app, care.add_actor, REF, "school", "Kildeskolen", "family", since=d("2026-06-01"))
    goal = do(app, care.add_goal, REF, " Alma går i skole hver dag ", "long", f"actor:{school.id}", d("2027-06-30"))

    assert (goal.text, goal.owner_kind, goal.owner_actor_id, goal.status, goal.created) == (
        "Alma går i skole hver dag", "actor", school.id, "open", d("2026-11-22"))  # fmt: skip
    [row] = goals(app)
    assert (row["owner"], row["target"]) == (f"actor:{school.id} (Kildeskolen)", d("2027-06-30"))
    assert logged(app, REF)[0] == ("goal.add", f"{goal.id} (long, owner actor:{school.id})")


@pytest.mark.parametrize(
    ("text", "horizon", "owner", "error"),
    [
        ("Alma sover", "medium", "family", UsageError),
        (" ", "short", "family", UsageError),
        ("Alma sover", "short", "grandma", UsageError),
        ("Alma sover", "short", "actor:99", NotFound),
    ],
)
def test_add_goal_refusals(case1, app, text, horizon, owner, error):
    refused(case1, error, app, care.add_goal, REF, text, horizon, owner)


def test_a_goal_is_not_given_to_an_actor_who_left(case1, app):
    ppr = do(app, care.add_actor, REF, "ppr", "PPR Nord", since=d("2026-06-01"))
    do(app, care.end_actor, ppr.id, d("2026-11-01"))
    assert "left the case" in refused(
        case1, InvalidValue, app, care.add_goal, REF, "Alma sover", "short", f"actor:{ppr.id}"
    )


def test_update_goal_changes_the_status_and_keeps_a_note(app):
    goal = do(app, care.add_goal, REF, "Alma sover i egen seng", "short", "family")
    updated = do(app, care.update_goal, goal.id, status="achieved", note="Sover alene nu")

    assert updated.status == "achieved"
    [row] = goals(app)
    assert row["notes"] == [{"day": d("2026-11-22"), "note": "Sover alene nu", "status": "achieved", "by": "TST"}]
    assert logged(app, REF)[0] == ("goal.update", f"{goal.id}: status open -> achieved")


@pytest.mark.parametrize(("kwargs", "error"), [({}, UsageError), ({"status": "finished"}, UsageError)])
def test_update_goal_refusals(case1, app, kwargs, error):
    goal = do(app, care.add_goal, REF, "Alma sover i egen seng", "short", "family")
    refused(case1, error, app, care.update_goal, goal.id, **kwargs)


def test_tasks_added_done_and_undone(app):
    goal = do(app, care.add_goal, REF, "Alma sover i egen seng", "short", "family")
    task = do(app, care.add_task, goal.id, " Lave billedskema ", "family", d("2026-12-15"))
    assert (task.text, task.doer_kind, task.due, task.done) == ("Lave billedskema", "family", d("2026-12-15"), None)

    assert do(app, care.set_task_done, task.id, on=d("2026-11-20")).done == d("2026-11-20")
    assert goals(app)[0]["tasks"] == [
        {"id": task.id, "text": "Lave billedskema", "by": "family", "due": d("2026-12-15"), "done": d("2026-11-20")}
    ]
    assert do(app, care.set_task_done, task.id, done=False).done is None
    assert [a for a, _ in logged(app, REF)[:3]] == ["task.undone", "task.done", "task.add"]


@pytest.mark.parametrize(
    ("action", "args", "error"),
    [
        (care.add_task, (99, "Lave skema", "family"), NotFound),
        (care.add_task, ("GOAL", " ", "family"), UsageError),
        (care.add_task, ("GOAL", "Lave skema", "teacher"), UsageError),
        (care.set_task_done, (99,), NotFound),
        (care.set_task_done, ("TASK", True, d("2026-11-23")), InvalidValue),
    ],
)
def test_task_refusals(case1, app, action, args, error):
    goal = do(app, care.add_goal, REF, "Alma sover i egen seng", "short", "family")
    task = do(app, care.add_task, goal.id, "Lave billedskema", "family")
    args = tuple({"GOAL": goal.id, "TASK": task.id}.get(a, a) if isinstance(a, str) else a for a in args)
    refused(case1, error, app, action, *args)


def test_a_closed_case_takes_no_goal(case1, app):
    do(app, cases.close_case, REF, "Flyttet", force="Flyttet")
    assert "reopen it first" in refused(case1, Conflict, app, care.add_goal, REF, "Alma sover", "short", "family")


def test_cli_goal_list_of_goals_added_through_the_action(case1, app):
    do(app, care.add_goal, REF, "Alma sover i egen seng", "short", "family", d("2027-02-01"))
    result = case1("goals", REF, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "2026-0101,1,Alma sover i egen seng,short,family,open,2027-02-01,case: no open long-term goal,MKJ"
    ]
