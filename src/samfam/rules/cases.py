"""The state of a case on a day, each rule once (docs/rules.md § 8): open, an actor on the case, an advisor
gone, and what makes an open case need attention. (A grant active on a day: samfam.rules.cadence.grant_active.)

Pure: plain values in, the day always a parameter. SQL that picks cases by the same rule
(samfam.store.queries.scope.open_on, the grants in samfam.store.queries.care) names the rule it mirrors.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import NamedTuple

from samfam.rules import cadence
from samfam.rules import events as event_rules
from samfam.rules import goals as goal_rules
from samfam.words import Phrase, counted, mark


def is_open(closed: date | None, day: date) -> bool:
    """A case is open on a day unless it was closed on or before that day (closing ends the day before)."""
    return closed is None or closed > day


def has_left(left: date | None, day: date) -> bool:
    """An advisor has departed on a day from the day they leave (`left`, `advisor leave --on`) on: from then
    they are given nothing new and their open cases need a new advisor. On the leave day itself, so that
    the cases are handed over while the advisor is still there, and so that every listing names on that day
    the cases `advisor leave` named (docs/rules.md § 8). SQL: samfam.store.queries.staff.departed."""
    return left is not None and left <= day


def works_on(left: date | None, day: date) -> bool:
    """An advisor works on a day up to and including the day they leave: on it they may still act under their
    name (to record the handover) and it is a working day in the forecast, though they hold no case
    (`has_left`). SQL: samfam.store.identity and samfam.store.security, who may act."""
    return left is None or day <= left


def actor_on_case(until: date | None, day: date) -> bool:
    """An external actor is on the case through its `until` day; without one, for as long as the case runs."""
    return until is None or until >= day


def complex_without_buddy(complex_: bool, buddy: str | int | None) -> bool:
    """A complex case is worked in a pair (makkerskab): one without a buddy needs one."""
    return complex_ and buddy is None


# Each reason is a Phrase (samfam.words): the English is what scripts read (JSON, CSV) whatever the reader's
# language, and a table or card for people says it in theirs.


def cadence_attention(track: str, reason: str, days_overdue: int | None) -> list[str]:
    """The cadence's part of the attention: a case needing classification, or a follow-up overdue."""
    if track == cadence.UNCLASSIFIED:
        return [Phrase(mark("needs classification: {reason}"), reason=reason)]
    if days_overdue is not None and days_overdue > 0:
        return [counted(days_overdue, "follow-up {n} day overdue", "follow-up {n} days overdue")]
    return []


def advisor_left_attention(advisor: str, left: date) -> str:
    """An open case whose primary advisor has left needs a new advisor until reassigned."""
    return Phrase(mark("advisor {advisor} left on {day}: needs a new advisor"), advisor=advisor, day=left)


#: An external actor with no agreed coordinator.
NO_COORDINATOR = Phrase(mark("no agreed coordinator"))


def actor_attention(coordinator: str | None) -> list[str]:
    """An external actor with no agreed coordinator (docs/rules.md § 6)."""
    return [] if coordinator else [NO_COORDINATOR]


#: A complex case without a buddy.
NO_BUDDY = Phrase(mark("complex case without a buddy"))


class GoalOnCase(NamedTuple):
    """One goal of a case, with its number, as the attention rule sees it."""

    id: int
    facts: goal_rules.GoalFacts


class ActorOnCase(NamedTuple):
    """One actor still on the case, with its number and name, as the attention rule sees it."""

    id: int
    name: str
    coordinator: str | None


class CaseFacts(NamedTuple):
    """What the attention rule looks at on one open case.

    `goals` and `actors` are None when the caller has not read them (a listing): their reasons are left
    out then, not counted as missing.
    """

    track: str
    reason: str  # why the case is on its track (or unclassified)
    days_overdue: int | None
    advisor: str
    advisor_left: date | None  # the primary advisor's last day, when they have left
    complex: bool
    buddy: str | int | None
    opened: date
    first_of: Mapping[str, date] = {}  # kind -> first day it happened
    goals: Sequence[GoalOnCase] | None = None
    actors: Sequence[ActorOnCase] | None = None


def case_attention(facts: CaseFacts, day: date) -> list[str]:
    """Why an open case needs attention on a day, in this order: its cadence, an advisor who has left, a
    complex case without a buddy, the start of the case, its goal picture, each goal, each actor."""
    reasons = cadence_attention(facts.track, facts.reason, facts.days_overdue)
    if facts.advisor_left is not None:
        reasons.append(advisor_left_attention(facts.advisor, facts.advisor_left))
    if complex_without_buddy(facts.complex, facts.buddy):
        reasons.append(NO_BUDDY)
    reasons += event_rules.start_attention(facts.opened, dict(facts.first_of), day)
    if facts.goals is not None:
        reasons += [
            Phrase(mark("goals: {reason}"), reason=r)
            for r in goal_rules.case_goal_attention(g.facts for g in facts.goals)
        ]
        reasons += [
            Phrase(mark("goal {goal}: {reason}"), goal=str(g.id), reason=r)
            for g in facts.goals
            for r in goal_rules.goal_attention(g.facts, day)
        ]
    if facts.actors is not None:
        reasons += [
            Phrase(mark("actor {actor} ({name}): {reason}"), actor=str(a.id), name=a.name, reason=r)
            for a in facts.actors
            for r in actor_attention(a.coordinator)
        ]
    return reasons
