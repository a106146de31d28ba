"""The checks every write makes (samfam.rules.checks, docs/rules.md § 8), as tables."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest

from samfam.errors import Conflict, InvalidValue, UsageError
from samfam.rules.checks import case_open_on, not_before_opening, not_in_future, reason_given, still_employed

D = date.fromisoformat
TODAY = D("2026-11-22")


class Case(NamedTuple):
    ref: str
    opened: date
    closed: date | None


class Advisor(NamedTuple):
    initials: str
    left: date | None


CLOSED_TABLE = [
    # closed        fact on       history  refused?
    (None,          None,         False,   False),   # an open case takes anything
    ("2026-12-01",  None,         False,   False),   # closes later: open today
    ("2026-12-01",  "2026-12-01", False,   True),    # a fact on its closing day is after it closed
    ("2026-11-22",  None,         False,   True),    # closed today
    ("2026-11-01",  "2026-10-01", False,   True),    # back-dated: still closed now
    ("2026-11-01",  "2026-10-01", True,    False),   # an import restoring the history before closing
    ("2026-11-01",  "2026-11-01", True,    False),   #   on the closing day too
    ("2026-11-01",  None,         True,    False),   #   and undated
    ("2026-11-01",  "2026-11-02", True,    True),    #   but not after it
]  # fmt: skip


@pytest.mark.parametrize(("closed", "on", "history", "refused"), CLOSED_TABLE)
def test_a_closed_case_takes_no_change(closed, on, history, refused):
    case = Case("2026-0001", D("2026-01-01"), D(closed) if closed else None)
    if refused:
        with pytest.raises(Conflict, match="reopen it first with 'samfam case reopen 2026-0001"):
            case_open_on(case, TODAY, D(on) if on else None, history)
    else:
        case_open_on(case, TODAY, D(on) if on else None, history)


@pytest.mark.parametrize(("on", "refused"), [("2025-12-31", True), ("2026-01-01", False)])
def test_no_fact_before_the_case_opened(on, refused):
    case = Case("2026-0001", D("2026-01-01"), None)
    if refused:
        with pytest.raises(InvalidValue, match="event 2025-12-31 is before case 2026-0001 opened"):
            not_before_opening(case, D(on), "event")
    else:
        not_before_opening(case, D(on), "event")


@pytest.mark.parametrize(("on", "refused"), [("2026-11-23", True), ("2026-11-22", False)])
def test_no_fact_in_the_future(on, refused):
    if refused:
        with pytest.raises(InvalidValue, match=r"event 2026-11-23 is after today \(2026-11-22\)"):
            not_in_future(D(on), TODAY, "event")
    else:
        not_in_future(D(on), TODAY, "event")


EMPLOYED_TABLE = [
    # leave day     made on       refused?
    (None,          "2026-11-22", False),
    ("2026-11-23",  "2026-11-22", False),   # the day before the leave day
    ("2026-11-22",  "2026-11-22", True),    # on the leave day itself: their cases are being handed over
    ("2026-11-21",  "2026-11-22", True),
]  # fmt: skip


@pytest.mark.parametrize(("left", "on", "refused"), EMPLOYED_TABLE)
def test_a_departed_advisor_is_given_nothing_new(left, on, refused):
    advisor = Advisor("MKJ", D(left) if left else None)
    if refused:
        with pytest.raises(Conflict, match=f"advisor MKJ left on {left} and cannot be made buddy"):
            still_employed(advisor, D(on), "buddy")
    else:
        still_employed(advisor, D(on), "buddy")


@pytest.mark.parametrize(("reason", "given"), [(None, None), ("  ", None), (" typo ", "typo")])
def test_a_correction_needs_its_reason(reason, given):
    if given is None:
        with pytest.raises(UsageError, match="give the reason for the correction with --reason"):
            reason_given(reason, "the correction")
    else:
        assert reason_given(reason, "the correction") == given


GRANT_START_TABLE = [
    # grant start    refused?   (today 2026-11-22; 3 calendar months ahead: 2027-02-22)
    ("2026-11-22",   False),    # today
    ("2026-12-01",   False),    # a decision that takes effect next month
    ("2027-02-22",   False),    # the last day within reach
    ("2027-02-23",   True),
    ("2027-06-01",   True),
]  # fmt: skip


@pytest.mark.parametrize(("start", "refused"), GRANT_START_TABLE)
def test_a_grant_may_start_up_to_3_months_ahead(start, refused):
    from samfam.rules.checks import grant_start_within_reach

    if refused:
        with pytest.raises(InvalidValue, match=rf"grant start {start} is more than 3 months after today"):
            grant_start_within_reach(D(start), TODAY)
    else:
        grant_start_within_reach(D(start), TODAY)


BOTH_LAWS_TABLE = [
    # new grant, existing grants, refused?
    (("SEL 41", "2026-07-01", None), [("BL 86", "2026-06-01", None)], True),   # SEL in 2026 beside BL
    (("SEL 41.2", "2026-07-01", None), [("BL 86.1", "2026-06-01", None)], True),   # any stk. below them
    (("SEL 50", "2026-07-01", None), [("BL 19", "2026-06-01", "2026-09-30")], True),   # medium confidence too
    (("SEL 41", "2024-01-01", None), [("BL 86", "2024-01-01", None)], True),   # from the day of the change
    (("BL 86", "2026-07-01", None), [("SEL 41", "2026-06-01", None)], True),   # either way round
    (("SEL 41", "2026-07-01", None), [("BL 86", "2026-01-01", "2026-06-30")], False),  # one after the other
    (("SEL 41", "2026-07-01", None), [("BL 87", "2026-06-01", None)], False),  # not its counterpart
    (("SEL 41", "2023-06-01", None), [("BL 86", "2024-01-01", None)], False),  # across the law change
    (("BL 86", "2024-01-01", None), [("SEL 41", "2022-03-01", None)], False),  #   the same, BL added
    (("SEL 52.3.7", "2026-07-01", None), [("BL 47", "2026-06-01", None)], True),   # one of two counterparts
]  # fmt: skip


@pytest.mark.parametrize(("new", "existing", "refused"), BOTH_LAWS_TABLE)
def test_one_help_is_not_granted_under_both_laws(new, existing, refused):
    from samfam.rules.checks import not_under_both_laws

    def grant(code: str, start: str, end: str | None) -> tuple[str, date, date | None]:
        return code, D(start), D(end) if end else None

    args = ("2026-0001", *grant(*new), [grant(*g) for g in existing])
    if refused:
        with pytest.raises(Conflict, match="Barnets lov replaced Serviceloven's child paragraphs on 2024-01-01"):
            not_under_both_laws(*args)
    else:
        not_under_both_laws(*args)
