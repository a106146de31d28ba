"""Legal deadlines beyond the model, docs/rules.md § 5. Pure: plain values in, `as_of` a parameter.

- A child-focused investigation (SEL 50 / BL 20) must be finished within 4 months of its start
  (SEL § 50 stk. 7, BL § 20 stk. 3); finished = the grant's end date.
- Preparing the transition to adulthood starts when the young person turns 16 (SEL § 19a, BL §§
  122-123), so that adult support is in place on the 18th birthday.
- At 18 the child case ends: a case still open after the 18th birthday needs closing or transfer.
Ages are computed from the birth date on the as-of date, never stored.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from samfam.rules.cadence import grant_active
from samfam.rules.dates import add_months, birthday
from samfam.words import Phrase, mark

INVESTIGATION_CODES = ("SEL 50", "BL 20")
INVESTIGATION_MONTHS = 4
TRANSITION_AGE = 16
ADULT_AGE = 18


#: A legal deadline's kinds, as the data keeps them (a table for people shows them in the reader's language).
INVESTIGATION = mark("investigation")
TRANSITION = mark("transition")
TURNS_18 = mark("turns-18")
OPEN_AFTER_18 = mark("open-after-18")
KINDS = (INVESTIGATION, TRANSITION, TURNS_18, OPEN_AFTER_18)


class Deadline(NamedTuple):
    kind: str  # KINDS, or an application's (samfam.rules.applications.KIND)
    deadline: date
    what: str  # a Phrase: English for scripts, said in the reader's language in a table
    law: str


def investigation_deadline(code: str, start: date, end: date | None, as_of: date) -> Deadline | None:
    """An investigation still running on `as_of` must finish 4 months after it started."""
    if code not in INVESTIGATION_CODES or not grant_active(start, end, as_of):
        return None
    due = add_months(start, INVESTIGATION_MONTHS)
    law = "SEL § 50 stk. 7" if code.startswith("SEL") else "BL § 20 stk. 3"
    return Deadline(
        INVESTIGATION, due, Phrase(mark("{code} started {day} must be finished"), code=code, day=start), law
    )


def age_deadlines(born: date | None, transition_started: bool, as_of: date) -> list[Deadline]:
    """The transition and 18th-birthday deadlines of an open case."""
    if born is None:
        return []
    found = []
    sixteen = birthday(born, TRANSITION_AGE)
    eighteen = birthday(born, ADULT_AGE)
    if not transition_started and as_of < eighteen:
        found.append(Deadline(TRANSITION, sixteen, TRANSITION_WHAT, "BL §§ 122-123"))
    if as_of < eighteen:
        found.append(Deadline(TURNS_18, eighteen, TURNS_18_WHAT, "BL § 122"))
    else:
        found.append(Deadline(OPEN_AFTER_18, eighteen, OPEN_AFTER_18_WHAT, "BL § 122"))
    return found


TRANSITION_WHAT = Phrase(mark("transition to adult services must be started (age 16)"))
TURNS_18_WHAT = Phrase(mark("turns 18: adult support must be in place"))
OPEN_AFTER_18_WHAT = Phrase(mark("open after the 18th birthday: close or transfer the case"))
