"""The shared goal picture (fælles målbillede), docs/rules.md § 6: what needs attention.

Pure: plain values in, the as-of date a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

HORIZONS = ("short", "long")
STATUSES = ("open", "in-progress", "achieved", "dropped")
FINISHED = ("achieved", "dropped")


class GoalFacts(NamedTuple):
    horizon: str
    status: str
    target: date | None
    owner_kind: str
    owner_actor_active: bool | None = None  # for an actor owner: is the actor still on the case?


def is_active(status: str) -> bool:
    return status not in FINISHED


def goal_attention(goal: GoalFacts, as_of: date) -> list[str]:
    """Reasons one goal needs attention."""
    reasons = []
    if goal.target is not None and goal.target < as_of and goal.status != "achieved" and goal.status != "dropped":
        reasons.append(f"past target {goal.target.isoformat()} and not achieved")
    if goal.owner_kind == "actor" and goal.owner_actor_active is False and is_active(goal.status):
        reasons.append("owner actor is no longer on the case")
    return reasons


#: What an open case lacks, per horizon: an open goal (open or in progress). An achieved or dropped goal does
#: not count, so the words say "open": a case whose long-term goals are all achieved has a long-term goal,
#: and no open one.
NO_OPEN_GOAL = "no open goal"
NO_OPEN_HORIZON = {"short": "no open short-term goal", "long": "no open long-term goal"}


def case_goal_attention(goals: Iterable[GoalFacts]) -> list[str]:
    """Reasons an open case's goal picture as a whole needs attention: no open goal at all, or none open in
    a horizon (docs/rules.md § 6)."""
    active = [g for g in goals if is_active(g.status)]
    if not active:
        return [NO_OPEN_GOAL]
    reasons = []
    for horizon, words in NO_OPEN_HORIZON.items():
        if not any(g.horizon == horizon for g in active):
            reasons.append(words)
    return reasons
