"""Checks every write makes on dates and on the state of a case, with the same message everywhere.

One set of rules (docs/rules.md § 8): a recorded fact may not lie in the future of today, nor before
the case opened; a closed case takes no change at all until it is reopened; a departed advisor takes
no new case, buddy role or core-team place.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from samfam.errors import Conflict, InvalidValue, UsageError


def case_open_on(case: Any, today: date, on: date | None = None, history: bool = False) -> None:
    """Refuse any change to a case that is closed (by today, or by the day of the fact recorded), naming
    `case reopen`: a back-dated fact does not slip onto a closed case.

    `history`: an import restoring a case's record (samfam.actions.transfer) may write facts dated on or
    before the closing day, and undated ones (a goal); a fact after the closing day is refused still."""
    if history and case.closed is not None and (on is None or on <= case.closed):
        return
    if case.closed is not None and (case.closed <= today or (on is not None and case.closed <= on)):
        raise Conflict(
            f"case {case.ref} was closed on {case.closed.isoformat()}; "
            f"reopen it first with 'samfam case reopen {case.ref} --reason …'"
        )


def not_before_opening(case: Any, on: date, what: str) -> None:
    if on < case.opened:
        raise InvalidValue(f"{what} {on.isoformat()} is before case {case.ref} opened ({case.opened.isoformat()})")


def not_in_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise InvalidValue(f"{what} {on.isoformat()} is after today ({today.isoformat()})")


def still_employed(advisor: Any, on: date, role: str) -> None:
    """A departed advisor is given nothing new; history keeps their name."""
    if advisor.left is not None and advisor.left < on:
        raise Conflict(
            f"advisor {advisor.initials} left on {advisor.left.isoformat()} and cannot be made {role}; "
            "choose another (see 'samfam advisor list')"
        )


def reason_given(reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise UsageError(f"give the reason for {what} with --reason; a correction is kept with its reason")
    return text
