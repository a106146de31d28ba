"""Applications and their processing deadlines (retssikkerhedsloven § 3 stk. 2; docs/rules.md § 9). Pure.

The municipality sets and publishes a deadline per kind of application (a *frist*: N working days, weeks
or days, per paragraph). An application is decided in time when the decision falls on or before its
deadline. When the deadline cannot be kept, the applicant must be told in writing when to expect a
decision (the *letter*).

- An application under a paragraph without a published deadline has **no deadline**: it is never late,
  and listings say so.
- The deadline is worked out from the deadline published now and the days off known now: changing a
  frist or adding a closed day moves the deadline of every application it covers (our simplification;
  samfam keeps no history of frister).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from samfam.rules.deadlines import Deadline
from samfam.rules.vocabulary import Word, Words
from samfam.rules.workdays import describe, described
from samfam.words import Phrase, mark

LAW = "Retssikkerhedsloven § 3 stk. 2"
KIND = mark("application")  # the kind of its row among the legal deadlines

GRANTED = mark("granted")
REFUSED = mark("refused")
PARTLY = mark("partly")
#: A decision's outcome, typed in English or Danish (rules.vocabulary).
OUTCOME_WORDS = Words(mark("an outcome"), (
    #     stored    typed in Danish (the first shown)
    Word(GRANTED, ("bevilget", "bevilling", "imødekommet")),
    Word(REFUSED, ("afslag", "afslået", "afvist")),
    Word(PARTLY,  ("delvis", "delvist", "delvis bevilget")),
))  # fmt: skip
OUTCOMES = OUTCOME_WORDS.names
#: The outcomes that grant something: `application decide --grant-from` adds the grant with them.
GRANTING = (GRANTED, PARTLY)

NO_DEADLINE = "no deadline"
IN_TIME = "in time"
PASSED = "passed"

#: Where an application stands: (decided?, the deadline, a letter sent?) -> status.
#: "the deadline" is NO_DEADLINE (none published for the paragraph), IN_TIME or PASSED: passed on the
#: as-of date for an open application, on the day of the decision for a decided one.
STATUS: dict[tuple[bool, str, bool], str] = {  # each marked: a table for people shows it in the reader's words
    # open
    (False, NO_DEADLINE, False): mark("open, no deadline"),
    (False, NO_DEADLINE, True): mark("open, no deadline, letter sent"),
    (False, IN_TIME, False): mark("open"),
    (False, IN_TIME, True): mark("open, letter sent"),
    (False, PASSED, False): mark("overdue"),
    (False, PASSED, True): mark("overdue, letter sent"),
    # decided
    (True, NO_DEADLINE, False): mark("decided"),
    (True, NO_DEADLINE, True): mark("decided"),
    (True, IN_TIME, False): mark("decided in time"),
    (True, IN_TIME, True): mark("decided in time"),
    (True, PASSED, False): mark("decided late"),
    (True, PASSED, True): mark("decided late, letter sent"),
}  # fmt: skip
#: Where an application may stand: the words a table's status column shows.
STATUSES = tuple(dict.fromkeys(STATUS.values()))


class Frist(NamedTuple):
    """A published processing deadline: `amount` `unit`s (workdays | weeks | days)."""

    amount: int
    unit: str

    def __str__(self) -> str:
        return describe(self.amount, self.unit)

    def phrase(self) -> Phrase:
        """The deadline as data keeps it: English, said in the reader's language in a table."""
        return described(self.amount, self.unit)


def standing(deadline: date | None, decided: date | None, as_of: date) -> str:
    """NO_DEADLINE, IN_TIME or PASSED: the deadline day itself is still in time."""
    if deadline is None:
        return NO_DEADLINE
    day = decided if decided is not None else as_of
    return PASSED if day > deadline else IN_TIME


def status(deadline: date | None, decided: date | None, letter: date | None, as_of: date) -> str:
    """Where the application stands on `as_of` (the STATUS table)."""
    return STATUS[(decided is not None, standing(deadline, decided, as_of), letter is not None)]


def is_open(decided: date | None) -> bool:
    return decided is None


def as_deadline(
    code: str, received: date, deadline: date | None, decided: date | None, letter: date | None, as_of: date
) -> Deadline | None:
    """The application among the legal deadlines (`samfam deadlines`, the weekly report, the calendar):
    an open application with a deadline, unless the applicant has been told and the deadline has not
    passed yet (then nothing is left to do until it passes). The caller keeps those within its window."""
    if decided is not None or deadline is None:
        return None
    if letter is not None and deadline >= as_of:
        return None
    what = (
        Phrase(mark("{code} application received {day} must be decided"), code=code, day=received)
        if letter is None
        else Phrase(
            mark("{code} application received {day} must be decided (applicant told of the delay on {letter})"),
            code=code,
            day=received,
            letter=letter,
        )
    )
    return Deadline(KIND, deadline, what, LAW)
