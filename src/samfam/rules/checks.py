"""Checks every write makes on dates and on the state of a case, with the same message everywhere.

One set of rules (docs/rules.md § 8): a recorded fact may not lie in the future of today, nor before
the case opened; a closed case takes no change at all until it is reopened; a departed advisor takes
no new case, buddy role or core-team place. Pure: the case or advisor as read, the days as parameters;
each refusal is a domain error.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from samfam.errors import Conflict, InvalidValue, UsageError
from samfam.rules.cases import has_left, is_open


class CaseState(Protocol):
    """What the checks read of a case."""

    @property
    def ref(self) -> str: ...
    @property
    def opened(self) -> date: ...
    @property
    def closed(self) -> date | None: ...


class AdvisorState(Protocol):
    """What the checks read of an advisor."""

    @property
    def initials(self) -> str: ...
    @property
    def left(self) -> date | None: ...


def case_open_on(case: CaseState, today: date, on: date | None = None, history: bool = False) -> None:
    """Refuse any change to a case that is closed (by today, or by the day of the fact recorded), naming
    `case reopen`: a back-dated fact does not slip onto a closed case.

    `history`: an import restoring a case's record (samfam.actions.transfer) may write facts dated on or
    before the closing day, and undated ones (a goal); a fact after the closing day is refused still."""
    if history and case.closed is not None and (on is None or on <= case.closed):
        return
    closed = case.closed
    if closed is not None and not (is_open(closed, today) and (on is None or is_open(closed, on))):
        raise Conflict(
            f"case {case.ref} was closed on {closed.isoformat()}; "
            f"reopen it first with 'samfam case reopen {case.ref} --reason …'"
        )


def not_before_opening(case: CaseState, on: date, what: str) -> None:
    if on < case.opened:
        raise InvalidValue(f"{what} {on.isoformat()} is before case {case.ref} opened ({case.opened.isoformat()})")


def not_in_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise InvalidValue(f"{what} {on.isoformat()} is after today ({today.isoformat()})")


def still_employed(advisor: AdvisorState, on: date, role: str) -> None:
    """A departed advisor is given nothing new; history keeps their name."""
    if advisor.left is not None and has_left(advisor.left, on):
        raise Conflict(
            f"advisor {advisor.initials} left on {advisor.left.isoformat()} and cannot be made {role}; "
            "choose another (see 'samfam advisor list')"
        )


def reason_given(reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise UsageError(f"give the reason for {what} with --reason; a correction is kept with its reason")
    return text
