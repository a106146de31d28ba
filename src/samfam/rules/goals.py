"""The shared goal picture (fælles målbillede), docs/rules.md § 6: what needs attention.

Pure: plain values in, the as-of date a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from samfam.errors import UsageError
from samfam.rules.vocabulary import Word, Words, fold
from samfam.words import Phrase, mark

#: The words typed for a goal's horizon, status and owner, in English or Danish (rules.vocabulary).
HORIZON_WORDS = Words(mark("a horizon"), (
    #     stored         typed in Danish (the first shown)
    Word(mark("short"), ("kort", "kort sigt", "kortsigtet")),
    Word(mark("long"),  ("lang", "lang sigt", "langsigtet")),
))  # fmt: skip
STATUS_WORDS = Words(mark("a goal status"), (
    Word(mark("open"),        ("åben", "åbent", "ny")),
    Word(mark("in-progress"), ("i gang", "igangværende", "i gang med")),
    Word(mark("achieved"),    ("nået", "opnået")),
    Word(mark("dropped"),     ("opgivet", "droppet", "annulleret")),
))  # fmt: skip
OWNER_WORDS = Words(mark("an owner"), (
    Word(mark("family"),      ("familien", "familie", "forældrene")),
    Word(mark("advisor"),     ("rådgiveren", "rådgiver", "sagsbehandler")),
))  # fmt: skip
#: An actor as owner: `actor:ID` (`aktør:ID`; an import cell names the actor: `actor:Kildeskolen`).
ACTOR_OWNER = Word("actor", ("aktør",))
HORIZONS = HORIZON_WORDS.names
STATUSES = STATUS_WORDS.names
OWNERS = OWNER_WORDS.names
FINISHED = ("achieved", "dropped")


def owner_word(typed: str, what: str = "--owner") -> str:
    """A typed owner as stored: `family`, `advisor` or `actor:…` (the part after the colon as typed), from
    English or Danish (`familien`, `rådgiveren`, `aktør:3`)."""
    text = typed.strip()
    prefix, colon, rest = text.partition(":")
    if colon and fold(prefix) in {fold(w) for w in (ACTOR_OWNER.name, *ACTOR_OWNER.danish)}:
        return f"actor:{rest.strip()}"
    found = OWNER_WORDS.get(text)
    if found is None:
        raise UsageError(
            "{what} '{typed}' is not valid; use {choices} or actor:ID (aktør:ID) (see 'samfam actor list REF')",
            what=what,
            typed=typed,
            choices=OWNER_WORDS.choices(),
        )
    return found


class GoalFacts(NamedTuple):
    horizon: str
    status: str
    target: date | None
    owner_kind: str
    owner_actor_active: bool | None = None  # for an actor owner: is the actor still on the case?


def is_active(status: str) -> bool:
    return status not in FINISHED


def goal_attention(goal: GoalFacts, as_of: date) -> list[str]:
    """Reasons one goal needs attention (each a Phrase: English for scripts, said in the reader's language)."""
    reasons: list[str] = []
    if goal.target is not None and goal.target < as_of and goal.status != "achieved" and goal.status != "dropped":
        reasons.append(Phrase(mark("past target {day} and not achieved"), day=goal.target))
    if goal.owner_kind == "actor" and goal.owner_actor_active is False and is_active(goal.status):
        reasons.append(OWNER_GONE)
    return reasons


#: A goal whose owner, an actor, is no longer on the case.
OWNER_GONE = Phrase(mark("owner actor is no longer on the case"))
#: What an open case lacks, per horizon: an open goal (open or in progress). An achieved or dropped goal does
#: not count, so the words say "open": a case whose long-term goals are all achieved has a long-term goal,
#: and no open one.
NO_OPEN_GOAL = Phrase(mark("no open goal"))
NO_OPEN_HORIZON = {
    "short": Phrase(mark("no open short-term goal")),
    "long": Phrase(mark("no open long-term goal")),
}


def case_goal_attention(goals: Iterable[GoalFacts]) -> list[str]:
    """Reasons an open case's goal picture as a whole needs attention: no open goal at all, or none open in
    a horizon (docs/rules.md § 6)."""
    active = [g for g in goals if is_active(g.status)]
    if not active:
        return [NO_OPEN_GOAL]
    reasons: list[str] = []
    for horizon, words in NO_OPEN_HORIZON.items():
        if not any(g.horizon == horizon for g in active):
            reasons.append(words)
    return reasons
