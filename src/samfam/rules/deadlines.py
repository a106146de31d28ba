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

INVESTIGATION_CODES = ("SEL 50", "BL 20")
INVESTIGATION_MONTHS = 4
TRANSITION_AGE = 16
ADULT_AGE = 18


class Deadline(NamedTuple):
    kind: str  # investigation | transition | turns-18 | open-after-18
    deadline: date
    what: str
    law: str


def investigation_deadline(code: str, start: date, end: date | None, as_of: date) -> Deadline | None:
    """An investigation still running on `as_of` must finish 4 months after it started."""
    if code not in INVESTIGATION_CODES or not grant_active(start, end, as_of):
        return None
    due = add_months(start, INVESTIGATION_MONTHS)
    law = "SEL § 50 stk. 7" if code.startswith("SEL") else "BL § 20 stk. 3"
    return Deadline("investigation", due, f"{code} started {start.isoformat()} must be finished", law)


def age_deadlines(born: date | None, transition_started: bool, as_of: date) -> list[Deadline]:
    """The transition and 18th-birthday deadlines of an open case."""
    if born is None:
        return []
    found = []
    sixteen = birthday(born, TRANSITION_AGE)
    eighteen = birthday(born, ADULT_AGE)
    if not transition_started and as_of < eighteen:
        found.append(
            Deadline("transition", sixteen, "transition to adult services must be started (age 16)", "BL §§ 122-123")
        )
    if as_of < eighteen:
        found.append(Deadline("turns-18", eighteen, "turns 18: adult support must be in place", "BL § 122"))
    else:
        found.append(
            Deadline("open-after-18", eighteen, "open after the 18th birthday: close or transfer the case", "BL § 122")
        )
    return found
