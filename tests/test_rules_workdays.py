"""Danish working days and processing deadlines (samfam.rules.workdays, samfam.rules.applications;
docs/rules.md § 9).

The rules are pure: the days off are a parameter. Most tests pass the public holidays as a plain set,
written out below from the calendar; one test per point that matters reads the real `holidays` package
through samfam.views.workdays. Every expected date is counted by hand in the comments. Working days are
counted from the day after receipt; weekends are never working days.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samfam.rules import applications as rules
from samfam.rules.workdays import add_workdays, book_on, deadline, describe, is_workday, last_workday_on_or_before
from samfam.views.workdays import DaysOff
from support import d

# Denmark's public holidays over Christmas 2026 and Easter 2027 (26 December 2026 is a Saturday).
CHRISTMAS_2026 = {d("2026-12-25"), d("2026-12-26"), d("2027-01-01")}
EASTER_2027 = {d("2027-03-25"), d("2027-03-26"), d("2027-03-28"), d("2027-03-29")}  # Thu, Fri, Sun, Mon
PUBLIC = CHRISTMAS_2026 | EASTER_2027
#: The days many municipalities close: 24 and 31 December.
CLOSED_XMAS = {d("2026-12-24"), d("2026-12-31")}


# -- counting working days -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "closed", "expected"),
    [
        # The example. From Friday 18 December 2026, with only the public holidays off:
        #   Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), [Fri 25 holiday, Sat 26, Sun 27],
        #   Mon 28 (5), Tue 29 (6), Wed 30 (7), Thu 31 (8), [Fri 1 Jan holiday, Sat 2, Sun 3],
        #   Mon 4 (9), Tue 5 January 2027 (10).
        pytest.param("2026-12-18", 10, PUBLIC, "2027-01-05", id="10-from-fri-18-dec-holidays-only-tue-5-jan"),
        # The same when the municipality also closes on 24 and 31 December: those two days do not count,
        #   Mon 21 (1), Tue 22 (2), Wed 23 (3), Mon 28 (4), Tue 29 (5), Wed 30 (6),
        #   Mon 4 (7), Tue 5 (8), Wed 6 (9), Thu 7 January 2027 (10).
        # (The issue puts Tuesday 5 January on this case too; counted by hand it is Thursday 7 January:
        # Tuesday 5 January is the answer with 24 and 31 December as working days, the case above.)
        pytest.param("2026-12-18", 10, PUBLIC | CLOSED_XMAS, "2027-01-07", id="10-with-24-and-31-dec-closed-thu-7-jan"),
        # Easter 2027 (Sunday 28 March). From Monday 22 March: Tue 23 (1), Wed 24 (2), [Thu 25, Fri 26,
        #   Sat 27, Sun 28, Mon 29 off], Tue 30 (3), Wed 31 (4), Thu 1 April (5).
        pytest.param("2027-03-22", 5, PUBLIC, "2027-04-01", id="5-across-easter-2027-thu-1-apr"),
        # Without the holidays the same five days end on Easter Monday: 23, 24, 25, 26, 29 March.
        pytest.param("2027-03-22", 5, set(), "2027-03-29", id="5-without-holidays-mon-29-mar"),
        # Received on a Saturday: counting starts on Sunday, so Monday is the first working day.
        pytest.param("2026-11-21", 1, set(), "2026-11-23", id="1-from-saturday-is-monday"),
        # Received on a Friday: 1 working day is the Monday after, 5 the Friday after.
        pytest.param("2026-11-20", 1, set(), "2026-11-23", id="1-from-friday-is-monday"),
        pytest.param("2026-11-20", 5, set(), "2026-11-27", id="5-from-friday-is-next-friday"),
        # 0 working days is the day itself, whatever day it is.
        pytest.param("2026-12-25", 0, PUBLIC, "2026-12-25", id="0-is-the-day-itself"),
        # 40 working days from Tuesday 1 September 2026 (no holiday in September or October):
        #   21 in September (2-30), then 1-2, 5-9, 12-16, 19-23 October (38), 26 (39), 27 October (40).
        pytest.param("2026-09-01", 40, PUBLIC, "2026-10-27", id="40-from-1-sep-2026-is-27-oct"),
    ],
)
def test_working_days_are_counted_from_the_day_after(start, n, closed, expected):
    assert add_workdays(d(start), n, closed) == d(expected)


@pytest.mark.parametrize(
    ("day", "closed", "expected"),
    [
        pytest.param("2026-11-20", set(), True, id="friday"),
        pytest.param("2026-11-21", set(), False, id="saturday"),
        pytest.param("2026-11-22", set(), False, id="sunday"),
        pytest.param("2026-12-25", PUBLIC, False, id="christmas-day-a-friday"),
        pytest.param("2026-12-24", PUBLIC, True, id="24-december-open"),
        pytest.param("2026-12-24", PUBLIC | CLOSED_XMAS, False, id="24-december-closed"),
    ],
)
def test_a_working_day_is_a_weekday_that_is_not_off(day, closed, expected):
    assert is_workday(d(day), closed) is expected


# -- the real public holidays (the `holidays` package through samfam.views.workdays) ----------------


@pytest.mark.parametrize(
    ("day", "off"),
    [
        pytest.param("2023-05-05", True, id="store-bededag-2023-a-holiday"),
        pytest.param("2024-04-26", False, id="store-bededag-2024-abolished"),
        pytest.param("2026-12-24", False, id="christmas-eve-not-a-public-holiday"),
        pytest.param("2026-12-31", False, id="new-years-eve-not-a-public-holiday"),
        pytest.param("2026-06-05", False, id="grundlovsdag-not-a-public-holiday"),
        pytest.param("2027-03-25", True, id="maundy-thursday-2027"),
        pytest.param("2027-05-06", True, id="ascension-2027"),
        pytest.param("2027-05-17", True, id="whit-monday-2027"),
        pytest.param("2027-01-01", True, id="new-years-day"),
    ],
)
def test_the_danish_public_holidays_come_from_the_holidays_package(day, off):
    assert (d(day) in DaysOff()) is off


def test_store_bededag_counts_in_2023_and_not_from_2024():
    # Thursday 4 May 2023 + 1 working day: Friday 5 May was Store bededag, so Monday 8 May.
    assert add_workdays(d("2023-05-04"), 1, DaysOff()) == d("2023-05-08")
    # Thursday 25 April 2024 + 1 working day: Friday 26 April 2024 is an ordinary working day.
    assert add_workdays(d("2024-04-25"), 1, DaysOff()) == d("2024-04-26")
    # The example on the real calendar, with and without the closed days.
    assert add_workdays(d("2026-12-18"), 10, DaysOff()) == d("2027-01-05")
    assert add_workdays(d("2026-12-18"), 10, DaysOff(CLOSED_XMAS)) == d("2027-01-07")


# -- deadlines in weeks and days ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "n", "unit", "expected"),
    [
        # 8 weeks = 56 days from Monday 2 November 2026: 28 days to 30 November, 28 more to 28 December.
        pytest.param("2026-11-02", 8, "weeks", "2026-12-28", id="8-weeks"),
        # 30 days from 2 November: 28 to 30 November, then 1 and 2 December.
        pytest.param("2026-11-02", 30, "days", "2026-12-02", id="30-days"),
        # Calendar units are not moved off a day off: 3 weeks from Friday 4 December is Christmas Day.
        pytest.param("2026-12-04", 3, "weeks", "2026-12-25", id="weeks-not-moved-off-a-holiday"),
        pytest.param("2026-11-20", 1, "days", "2026-11-21", id="1-day-may-be-a-saturday"),
        # Working days, as above.
        pytest.param("2026-12-18", 10, "workdays", "2027-01-07", id="10-workdays-with-closed-days"),
    ],
)
def test_deadline_in_each_unit(received, n, unit, expected):
    assert deadline(d(received), n, unit, PUBLIC | CLOSED_XMAS) == d(expected)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda: deadline(d("2026-11-02"), 0, "weeks", set()), "1 or more", id="deadline-of-0"),
        pytest.param(lambda: deadline(d("2026-11-02"), 3, "months", set()), "not a unit", id="unknown-unit"),
        pytest.param(lambda: add_workdays(d("2026-11-02"), -1, set()), "0 or more", id="negative-count"),
        pytest.param(lambda: add_workdays(d("2026-11-02"), 1, _Everything()), "no working day", id="never-a-workday"),
    ],
)
def test_impossible_counts_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


class _Everything:
    """Every day closed: a mistake, refused instead of counted for ever."""

    def __contains__(self, day: object) -> bool:
        return True


@pytest.mark.parametrize(
    ("n", "unit", "text"),
    [(40, "workdays", "40 working days"), (1, "workdays", "1 working day"), (8, "weeks", "8 weeks"),
     (1, "weeks", "1 week"), (30, "days", "30 days")],
)  # fmt: skip
def test_a_frist_in_words(n, unit, text):
    assert describe(n, unit) == text == str(rules.Frist(n, unit))


# -- the day to book a follow-up ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "closed", "expected"),
    [
        pytest.param("2027-01-15", PUBLIC, "2027-01-15", id="a-working-day-is-its-own-day"),
        pytest.param("2027-01-16", PUBLIC, "2027-01-15", id="saturday-books-friday"),
        pytest.param("2027-01-17", PUBLIC, "2027-01-15", id="sunday-books-friday"),
        # Easter Monday 29 March 2027: Sun 28, Sat 27, Good Friday 26, Maundy Thursday 25 are off too.
        pytest.param("2027-03-29", PUBLIC, "2027-03-24", id="easter-monday-books-the-wednesday-before"),
        # New Year's Day 2027 (a Friday): Thursday 31 December, or Wednesday 30 if the municipality closes.
        pytest.param("2027-01-01", PUBLIC, "2026-12-31", id="new-years-day-books-31-dec"),
        pytest.param("2027-01-01", PUBLIC | CLOSED_XMAS, "2026-12-30", id="new-years-day-31-dec-closed"),
        # Christmas Day 2026 (a Friday) with 24 December closed: Wednesday 23 December.
        pytest.param("2026-12-25", PUBLIC | CLOSED_XMAS, "2026-12-23", id="christmas-day-24-dec-closed"),
    ],
)
def test_the_day_to_book_is_the_last_working_day_on_or_before_the_due_date(due, closed, expected):
    assert book_on(d(due), closed) == d(expected) == last_workday_on_or_before(d(due), closed)


# -- properties ---------------------------------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
some_days_off = st.sets(st.integers(0, 120), max_size=40)


@given(days, st.integers(1, 60), some_days_off)
def test_adding_working_days_lands_on_a_working_day_and_counts_exactly_n(start, n, offsets):
    closed = {start + timedelta(days=k) for k in offsets}
    end = add_workdays(start, n, closed)
    assert is_workday(end, closed)
    counted = sum(is_workday(start + timedelta(days=k), closed) for k in range(1, (end - start).days + 1))
    assert counted == n


@given(days, st.integers(0, 40), some_days_off)
def test_adding_working_days_is_monotone_in_n(start, n, offsets):
    closed = {start + timedelta(days=k) for k in offsets}
    assert add_workdays(start, n, closed) < add_workdays(start, n + 1, closed)


@given(days, some_days_off)
def test_the_day_to_book_is_a_working_day_and_no_later_than_due(due, offsets):
    closed = {due - timedelta(days=k) for k in offsets}
    day = book_on(due, closed)
    assert day <= due and is_workday(day, closed)
    assert all(not is_workday(day + timedelta(days=k), closed) for k in range(1, (due - day).days + 1))


# -- where an application stands (samfam.rules.applications.STATUS) ------------------------------------

AS_OF = d("2026-11-22")
DEADLINE = d("2026-11-20")  # passed two days before the as-of date
LATER = d("2026-12-01")  # still ahead


@pytest.mark.parametrize(
    ("deadline", "decided", "letter", "expected"),
    [
        pytest.param(LATER, None, None, "open", id="open-in-time"),
        pytest.param(LATER, None, d("2026-11-21"), "open, letter sent", id="open-told"),
        pytest.param(AS_OF, None, None, "open", id="the-deadline-day-itself-is-in-time"),
        pytest.param(DEADLINE, None, None, "overdue", id="overdue"),
        pytest.param(DEADLINE, None, d("2026-11-19"), "overdue, letter sent", id="overdue-told"),
        pytest.param(DEADLINE, d("2026-11-20"), None, "decided in time", id="decided-on-the-deadline"),
        pytest.param(DEADLINE, d("2026-11-21"), None, "decided late", id="decided-a-day-late"),
        pytest.param(DEADLINE, d("2026-11-21"), d("2026-11-18"), "decided late, letter sent", id="late-told"),
        pytest.param(None, None, None, "open, no deadline", id="no-frist-published"),
        pytest.param(None, d("2026-11-21"), None, "decided", id="decided-without-a-deadline"),
    ],
)
def test_application_status(deadline, decided, letter, expected):
    assert rules.status(deadline, decided, letter, AS_OF) == expected


def test_every_combination_has_a_status():
    standings = (rules.NO_DEADLINE, rules.IN_TIME, rules.PASSED)
    assert set(rules.STATUS) == {(dec, s, let) for dec in (False, True) for s in standings for let in (False, True)}


@pytest.mark.parametrize(
    ("deadline", "decided", "letter", "listed"),
    [
        pytest.param(LATER, None, None, True, id="open-coming-no-letter-listed"),
        pytest.param(LATER, None, d("2026-11-21"), False, id="open-coming-told-not-listed"),
        pytest.param(DEADLINE, None, None, True, id="passed-listed"),
        pytest.param(DEADLINE, None, d("2026-11-19"), True, id="passed-and-told-still-listed"),
        pytest.param(AS_OF, None, d("2026-11-21"), False, id="told-due-today-not-listed"),
        pytest.param(DEADLINE, d("2026-11-21"), None, False, id="decided-not-listed"),
        pytest.param(None, None, None, False, id="no-deadline-not-listed"),
    ],
)
def test_which_applications_are_legal_deadlines(deadline, decided, letter, listed):
    found = rules.as_deadline("BL 86", d("2026-10-01"), deadline, decided, letter, AS_OF)
    assert (found is not None) is listed
    if found is not None:
        assert (found.kind, found.deadline, found.law) == ("application", deadline, "Retssikkerhedsloven § 3 stk. 2")
        assert found.what.startswith("BL 86 application received 2026-10-01 must be decided")
