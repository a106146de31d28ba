"""A closed case takes no change at all until it is reopened; a recorded fact may not lie in the
future; a completed closure checklist lets a case close without --force.

Today is 2026-11-22. The case 2026-0101 (fixture `case1`) opened on 2026-06-01 with BL 86.
"""

from __future__ import annotations

import pytest

from conftest import _built, _case1, _restore, add_team
from support import (
    DOMAIN_ERROR,
    REF,
    add_actor,
    add_goal,
    add_task,
    assert_ok,
    assert_refused,
    audit_actions,
    card,
    handovers,
)

PROGRAMME = "Én familie – én indgang"


@pytest.fixture(scope="session")
def _closed_db(tmp_path_factory, migrated_db):
    return _built(tmp_path_factory, migrated_db, "closed", add_team, _case1, _closed)


@pytest.fixture
def closed(case1, _closed_db):
    """`_closed`, built once a session (a worker) and copied for each test."""
    return _restore(case1, _closed_db)


def _closed(case1):
    """Case 2026-0101 with something of every kind on it, then closed with --force on 2026-10-01:
    actor 1 (school), goal 1 with task 1, follow-up event 1, BAA on the core team, an enrolment in a
    programme, and an open transition handover (the closure does not complete it)."""
    case1.ok("advisor", "add", "BAA", "--name", "Birgit Aalund", "--team", "Nord", "--role", "psykolog")
    assert add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family", "--since", "2026-06-01") == 1
    assert add_goal(case1, REF, "Alma sover i egen seng", "short") == 1
    assert add_task(case1, 1, "Lave billedskema", "family") == 1
    case1.ok("event", "add", REF, "followup", "--on", "2026-07-01", "--scale", "5")
    case1.ok("case", "member", "add", REF, "BAA", "--role", "psykolog")
    case1.ok("programme", "add", PROGRAMME, "--target", "30")
    case1.ok("programme", "enrol", REF, PROGRAMME, "--on", "2026-06-01")
    case1.ok("handover", "start", REF, "transition", "--on", "2026-09-01")
    case1.ok("case", "close", REF, "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Familien er fraflyttet")
    assert card(case1)["status"] == "closed"
    return case1


# =====================================================================================================
# 6. Every write to a closed case is refused, naming `case reopen`
# =====================================================================================================

WRITES = [
    pytest.param(("event", "add", REF, "followup"), id="event-add"),
    pytest.param(("event", "add", REF, "sms", "--on", "2026-09-15"), id="event-add-before-closing"),
    pytest.param(("event", "void", "1", "--reason", "Forkert sag"), id="event-void"),
    pytest.param(("event", "correct", "1", "--scale", "6", "--reason", "Forkert skala"), id="event-correct"),
    pytest.param(("experience", "add", REF, "4"), id="experience-add"),
    pytest.param(("goal", "add", REF, "Alma går i skole", "--horizon", "long", "--owner", "family"), id="goal-add"),
    pytest.param(("goal", "update", "1", "--status", "achieved"), id="goal-update"),
    pytest.param(("task", "add", "1", "Ringe til skolen", "--by", "advisor"), id="task-add"),
    pytest.param(("task", "done", "1"), id="task-done"),
    pytest.param(("actor", "add", REF, "ppr", "--name", "PPR Nord"), id="actor-add"),
    # back-dated to before the closing day: still a write to a closed case
    pytest.param(("grant", "add", REF, "BL 30", "--from", "2026-09-01"), id="grant-add-back-dated"),
    pytest.param(
        ("actor", "add", REF, "ppr", "--name", "PPR Nord", "--since", "2026-09-01"), id="actor-add-back-dated"
    ),
    pytest.param(("handover", "start", REF, "closure", "--on", "2026-09-15"), id="handover-start-back-dated"),
    pytest.param(("case", "assign", REF, "--advisor", "LBH", "--on", "2026-09-15"), id="case-assign-back-dated"),
    pytest.param(("actor", "update", "1", "--coordinator", "advisor"), id="actor-update"),
    pytest.param(("actor", "end", "1"), id="actor-end"),
    pytest.param(("case", "complex", REF), id="case-complex"),
    pytest.param(("case", "buddy", REF, "LBH"), id="case-buddy"),
    pytest.param(("case", "member", "add", REF, "ATP", "--role", "talekonsulent"), id="case-member-add"),
    pytest.param(("case", "member", "remove", REF, "BAA"), id="case-member-remove"),
    pytest.param(("grant", "add", REF, "BL 20"), id="grant-add"),
    pytest.param(("grant", "end", REF, "BL 86"), id="grant-end"),
    pytest.param(("grant", "void", REF, "BL 86", "--reason", "Forkert sag"), id="grant-void"),
    pytest.param(("handover", "start", REF, "new-professional"), id="handover-start"),
    pytest.param(("handover", "tick", REF, "transition-meeting"), id="handover-tick"),
    pytest.param(("handover", "complete", REF, "--kind", "transition"), id="handover-complete"),
    pytest.param(("programme", "enrol", REF, PROGRAMME), id="programme-enrol"),
    pytest.param(("programme", "discharge", REF), id="programme-discharge"),
    pytest.param(("case", "update", REF, "--child", "Alma Holm-Berg", "--reason", "Stavefejl"), id="case-update"),
    pytest.param(("case", "assign", REF, "--advisor", "LBH"), id="case-assign"),
]


@pytest.mark.parametrize("argv", WRITES)
def test_every_write_to_a_closed_case_is_refused_naming_case_reopen(closed, argv):
    line = assert_refused(closed, list(argv), DOMAIN_ERROR, "case reopen")
    assert REF in line


def test_reopening_lets_the_writes_through_again(closed):
    closed.ok("case", "reopen", REF, "--reason", "Lukket ved en fejl")
    assert_ok(closed("event", "add", REF, "followup"))
    assert_ok(closed("goal", "update", "1", "--status", "achieved"))
    assert_ok(closed("case", "buddy", REF, "LBH"))


# =====================================================================================================
# 7. A recorded fact may not lie in the future
# =====================================================================================================


@pytest.mark.parametrize(
    ("on", "exit_code"),
    [
        pytest.param("2026-11-23", DOMAIN_ERROR, id="tomorrow"),
        pytest.param("2027-01-01", DOMAIN_ERROR, id="next-year"),
    ],
)
def test_task_done_in_the_future_is_refused(case1, on, exit_code):
    goal = add_goal(case1, REF, "Alma sover i egen seng", "short")
    task = add_task(case1, goal, "Lave billedskema", "family")
    assert_refused(case1, ["task", "done", str(task), "--on", on], exit_code, on)


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["case", "close", REF, "--reason", "Flyttet", "--force", "Flyttet", "--on", "2026-12-31"],
                     id="close-with-force"),
        pytest.param(["case", "close", REF, "--reason", "Flyttet", "--on", "2026-11-23"], id="close"),
    ],
)  # fmt: skip
def test_a_closing_date_after_today_is_refused(case1, argv):
    """Issue 19: a closing date in the future was accepted, and reopening was then refused both ways."""
    line = assert_refused(case1, argv, DOMAIN_ERROR, argv[-1])
    assert line == f"Error: closing date {argv[-1]} is after today (2026-11-22)"
    assert card(case1)["status"] == "open"


def test_a_reopening_date_after_today_is_refused(closed):
    line = assert_refused(closed, ["case", "reopen", REF, "--reason", "Fejl", "--on", "2026-11-23"], DOMAIN_ERROR)
    assert line == "Error: reopening date 2026-11-23 is after today (2026-11-22)"


@pytest.mark.parametrize("on", ["2026-11-22", "2026-11-01"], ids=["today", "earlier"])
def test_task_done_today_or_earlier_is_accepted(case1, on):
    goal = add_goal(case1, REF, "Alma sover i egen seng", "short")
    task = add_task(case1, goal, "Lave billedskema", "family")
    assert_ok(case1("task", "done", str(task), "--on", on))


# =====================================================================================================
# 11. A completed closure checklist lets the case close without --force
# =====================================================================================================


def complete_closure(s, ref: str = REF) -> None:
    s.ok("handover", "start", ref, "closure")
    s.ok("handover", "tick", ref, "family-told")
    s.ok("handover", "tick", ref, "actors-told")
    s.ok("grant", "end", ref, "BL 86")
    s.ok("handover", "complete", ref, "--kind", "closure")


def test_completed_closure_checklist_closes_without_force(case1):
    complete_closure(case1)
    assert handovers(case1)["closure"]["completed"] == "2026-11-22"
    result = case1("case", "close", REF, "--reason", "Familien fraflyttet")
    assert_ok(result)
    assert result.stdout == f"Closed case {REF} on 2026-11-22.\n"
    assert result.stderr == ""
    shown = card(case1)
    assert (shown["status"], shown["closed"]) == ("closed", "2026-11-22")
    actions = [row["action"] for row in audit_actions(case1)]
    assert "case.close" in actions
    assert "case.close.forced" not in actions


def test_completed_closure_checklist_with_goals_achieved_closes_without_force(case1):
    goal = add_goal(case1, REF, "Alma sover i egen seng", "short")
    case1.ok("goal", "update", str(goal), "--status", "achieved")
    complete_closure(case1)
    assert_ok(case1("case", "close", REF, "--reason", "Målene er nået"))
