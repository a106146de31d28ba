"""The state of a case on a day (samfam.rules.cases), as tables a domain expert can read."""

from __future__ import annotations

from datetime import date

import pytest

from samfam.rules.cases import (
    ActorOnCase,
    CaseFacts,
    GoalOnCase,
    actor_attention,
    actor_on_case,
    cadence_attention,
    case_attention,
    complex_without_buddy,
    has_left,
    is_open,
)
from samfam.rules.goals import GoalFacts

D = date.fromisoformat
TODAY = D("2026-11-22")

OPEN_TABLE = [
    # closed        day           open?
    (None,          "2026-11-22", True),    # never closed
    ("2026-11-23",  "2026-11-22", True),    # closes tomorrow: open today
    ("2026-11-22",  "2026-11-22", False),   # closed today: closed from today
    ("2026-11-21",  "2026-11-22", False),
]  # fmt: skip


@pytest.mark.parametrize(("closed", "day", "expected"), OPEN_TABLE)
def test_a_case_is_open_until_the_day_it_is_closed(closed, day, expected):
    assert is_open(D(closed) if closed else None, D(day)) is expected


LEFT_TABLE = [
    # leave day     day           departed?
    (None,          "2026-11-22", False),   # still employed
    ("2026-11-23",  "2026-11-22", False),   # leaves tomorrow
    ("2026-11-22",  "2026-11-22", True),    # the leave day itself: their cases need a new advisor that day
    ("2026-11-21",  "2026-11-22", True),
]  # fmt: skip


@pytest.mark.parametrize(("left", "day", "expected"), LEFT_TABLE)
def test_an_advisor_has_departed_from_their_leave_day(left, day, expected):
    assert has_left(D(left) if left else None, D(day)) is expected


ACTOR_TABLE = [
    # until         day           on the case?
    (None,          "2026-11-22", True),
    ("2026-11-22",  "2026-11-22", True),    # through its last day
    ("2026-11-21",  "2026-11-22", False),
]  # fmt: skip


@pytest.mark.parametrize(("until", "day", "expected"), ACTOR_TABLE)
def test_an_actor_is_on_the_case_through_its_last_day(until, day, expected):
    assert actor_on_case(D(until) if until else None, D(day)) is expected


@pytest.mark.parametrize(
    ("complex_", "buddy", "expected"),
    [(True, None, True), (True, "PRL", False), (False, None, False), (False, "PRL", False)],
)
def test_a_complex_case_needs_a_buddy(complex_, buddy, expected):
    assert complex_without_buddy(complex_, buddy) is expected


@pytest.mark.parametrize(
    ("coordinator", "expected"),
    [(None, ["no agreed coordinator"]), ("family", []), ("advisor", [])],
)
def test_an_actor_needs_an_agreed_coordinator(coordinator, expected):
    assert actor_attention(coordinator) == expected


CADENCE_TABLE = [
    # track           reason             days overdue  attention
    ("unclassified",  "no active grant", None,         ["needs classification: no active grant"]),
    ("6w",            "BL 20",           3,            ["follow-up 3 days overdue"]),
    ("3m",            "BL 86",           0,            []),     # due today: not overdue
    ("3m",            "BL 86",           -10,          []),
]  # fmt: skip


@pytest.mark.parametrize(("track", "reason", "days", "expected"), CADENCE_TABLE)
def test_the_cadence_part_of_the_attention(track, reason, days, expected):
    assert cadence_attention(track, reason, days) == expected


STARTED = {"startup": D("2026-01-05"), "child-conversation": D("2026-01-20")}
LATE = "follow-up 5 days overdue"
LEFT = "advisor MKJ left on 2026-10-31: needs a new advisor"
ALONE = "complex case without a buddy"
NO_START = "no startup conversation within 30 days of opening"
NO_CHILD = "no child conversation or observation within 60 days"
BOTH_GOALS = [
    GoalOnCase(1, GoalFacts("short", "open", None, "family")),
    GoalOnCase(2, GoalFacts("long", "open", None, "family")),
]

# Each row: what is known of an open case on 2026-11-22, and why it needs attention, in this order:
# cadence, advisor gone, complex alone, start of the case, goal picture, each goal, each actor.
ATTENTION_TABLE = [
    pytest.param(dict(), [], id="nothing-to-do"),
    pytest.param(dict(days_overdue=5), [LATE], id="overdue"),
    pytest.param(dict(advisor_left=D("2026-10-31")), [LEFT], id="advisor-left"),
    pytest.param(dict(complex=True), [ALONE], id="complex-alone"),
    pytest.param(dict(complex=True, buddy="PRL"), [], id="complex-with-buddy"),
    pytest.param(dict(opened=D("2026-08-01"), first_of={}), [NO_START, NO_CHILD], id="start-missed"),
    pytest.param(
        dict(days_overdue=5, advisor_left=D("2026-10-31"), complex=True, opened=D("2026-08-01"), first_of={}),
        [LATE, LEFT, ALONE, NO_START, NO_CHILD],
        id="everything-in-order",
    ),
    pytest.param(dict(goals=[]), ["goals: no open goal"], id="no-goals-read-and-none"),
    pytest.param(dict(goals=BOTH_GOALS[:1]), ["goals: no open long-term goal"], id="no-long-term-goal"),
    pytest.param(
        dict(goals=[*BOTH_GOALS, GoalOnCase(3, GoalFacts("short", "open", D("2026-11-01"), "family"))]),
        ["goal 3: past target 2026-11-01 and not achieved"],
        id="goal-past-target",
    ),
    pytest.param(
        dict(actors=[ActorOnCase(7, "PPR", None), ActorOnCase(8, "Skolen", "family")]),
        ["actor 7 (PPR): no agreed coordinator"],
        id="actor-without-coordinator",
    ),
]


@pytest.mark.parametrize(("known", "expected"), ATTENTION_TABLE)
def test_why_an_open_case_needs_attention(known, expected):
    facts = dict(
        track="3m",
        reason="compensation only: BL 86",
        days_overdue=-20,
        advisor="MKJ",
        advisor_left=None,
        complex=False,
        buddy=None,
        opened=D("2026-01-05"),
        first_of=STARTED,
    )
    assert case_attention(CaseFacts(**(facts | known)), TODAY) == expected


def test_a_listing_that_reads_no_goals_or_actors_gives_no_reasons_for_them():
    facts = CaseFacts("3m", "BL 86", -20, "MKJ", None, False, None, D("2026-01-05"), STARTED)
    assert case_attention(facts, TODAY) == []


WORKS_TABLE = [
    # leave day     day           works (may act, a working day)?
    (None,          "2026-11-22", True),
    ("2026-11-22",  "2026-11-22", True),    # the leave day: works, though departed for the caseload
    ("2026-11-21",  "2026-11-22", False),
]  # fmt: skip


@pytest.mark.parametrize(("left", "day", "expected"), WORKS_TABLE)
def test_an_advisor_works_through_their_leave_day(left, day, expected):
    from samfam.rules.cases import works_on

    assert works_on(D(left) if left else None, D(day)) is expected
