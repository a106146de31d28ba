"""Checks every write makes on dates and on the state of a case, with the same message everywhere.

One set of rules (docs/rules.md § 8): a recorded fact may not lie in the future of today, nor before
the case opened; a closed case takes no change at all until it is reopened; a departed advisor takes
no new case, buddy role or core-team place. A grant may start up to 3 months ahead (a decision taking
effect later), and one help is not granted under both laws after Barnets lov replaced Serviceloven.
Pure: the case or advisor as read, the days as parameters; each refusal is a domain error.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from samfam.errors import Conflict, InvalidValue, UsageError
from samfam.rules.cases import has_left, is_open
from samfam.rules.dates import add_months
from samfam.rules.paragraphs import LAW_CHANGE, are_counterparts
from samfam.words import Phrase


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
            "case {ref} was closed on {closed}; reopen it first with 'samfam case reopen {ref} --reason …'",
            ref=case.ref,
            closed=closed,
        )


def not_before_opening(case: CaseState, on: date, what: str) -> None:
    if on < case.opened:
        raise InvalidValue(
            "{what} {on} is before case {ref} opened ({opened})",
            what=Phrase(what),
            on=on,
            ref=case.ref,
            opened=case.opened,
        )


def not_in_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise InvalidValue("{what} {on} is after today ({today})", what=Phrase(what), on=on, today=today)


#: A grant may start up to this many calendar months after today (month-end clamped): a decision often takes
#: effect next month, and is recorded when it is made. Our reading (docs/rules.md § 8): further ahead is more
#: likely a mistyped year than a decision, and a plan that far off may still change.
GRANT_START_AHEAD_MONTHS = 3


def grant_start_within_reach(start: date, today: date) -> None:
    """A grant's start may lie in the future, up to GRANT_START_AHEAD_MONTHS after today."""
    last = add_months(today, GRANT_START_AHEAD_MONTHS)
    if start > last:
        raise InvalidValue(
            "grant start {start} is more than {months} months after today ({today}); the latest is {last}: "
            "record it nearer the day",
            start=start,
            months=GRANT_START_AHEAD_MONTHS,
            today=today,
            last=last,
        )


def overlaps(start: date, end: date | None, other_start: date, other_end: date | None) -> bool:
    """Two grant periods (an end None: open-ended) share a day."""
    return (other_end is None or start <= other_end) and (end is None or other_start <= end)


def not_under_both_laws(
    ref: str, code: str, start: date, end: date | None, grants: Iterable[tuple[str, date, date | None]]
) -> None:
    """One help is not granted twice: a grant under Serviceloven that starts on or after LAW_CHANGE may not
    run beside its counterpart under Barnets lov (either added first). A Serviceloven grant from before the
    change may run on beside its successor (a case across the law change, docs/rules.md § 3)."""
    for other, other_start, other_end in grants:
        if not (are_counterparts(code, other) and overlaps(start, end, other_start, other_end)):
            continue
        sel_start = start if code.startswith("SEL ") else other_start
        if sel_start >= LAW_CHANGE:
            raise Conflict(
                "{code} from {start} would run beside {other} (from {other_start}) on case {ref}, its counterpart: "
                "Barnets lov replaced Serviceloven's child paragraphs on {change}, so keep the grant under Barnets "
                "lov only",
                code=code,
                start=start,
                other=other,
                other_start=other_start,
                ref=ref,
                change=LAW_CHANGE,
            )


def still_employed(advisor: AdvisorState, on: date, role: str) -> None:
    """A departed advisor is given nothing new; history keeps their name."""
    if advisor.left is not None and has_left(advisor.left, on):
        raise Conflict(
            "advisor {advisor} left on {left} and cannot be made {role}; choose another (see 'samfam advisor list')",
            advisor=advisor.initials,
            left=advisor.left,
            role=Phrase(role),
        )


def reason_given(reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise UsageError(
            "give the reason for {what} with --reason; a correction is kept with its reason", what=Phrase(what)
        )
    return text
