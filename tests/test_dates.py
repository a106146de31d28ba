"""Calendar arithmetic and date input, with hypothesis over month ends and leap years."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samfam.rules.cadence import Grant, follow_up, next_due
from samfam.rules.dates import DateSyntaxError, add_months, age_on, birthday, parse_date

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
tracks = st.sampled_from(["3m", "6w"])


@given(days, tracks)
def test_next_due_is_after_the_anchor(anchor, track):
    assert next_due(anchor, track) > anchor


@given(days)
def test_three_months_keep_the_day_of_month_or_take_the_months_last_day(anchor):
    due = next_due(anchor, "3m")
    months = (due.year - anchor.year) * 12 + due.month - anchor.month
    assert months == 3
    last_day = calendar.monthrange(due.year, due.month)[1]
    assert due.day == anchor.day or (due.day == last_day and anchor.day > last_day)


@given(days)
def test_six_weeks_are_42_days(anchor):
    assert next_due(anchor, "6w") - anchor == timedelta(days=42)


@given(days, days)
def test_three_months_never_run_backwards(a, b):
    if a <= b:
        assert add_months(a, 3) <= add_months(b, 3)


event_kinds = st.sampled_from(["phone", "sms", "email", "analysis-meeting", "child-conversation", "case-meeting"])


@given(
    grant_start=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 1)),
    followup_offset=st.integers(min_value=0, max_value=200),
    informal_offset=st.integers(min_value=0, max_value=400),
    codes=st.sampled_from([("BL 86",), ("BL 20",), ("BL 86", "BL 30"), ("BL 30",)]),
)
def test_a_non_counting_event_never_moves_the_due_date(grant_start, followup_offset, informal_offset, codes):
    """Only counting events feed `last_followup`; an sms/phone/e-mail must change nothing.

    The reports take the last *counting* event from SQL; here the same choice is made in plain
    Python over a list of events, and adding an informal event must leave the result as it was.
    """
    as_of = date(2026, 11, 22)
    grants = [Grant(code, grant_start) for code in codes]
    followup = grant_start + timedelta(days=followup_offset)
    events = [("followup", followup)] if followup <= as_of else []
    informal = grant_start + timedelta(days=informal_offset)

    def last_counting(evts):
        counted = [d for kind, d in evts if kind == "followup" and d <= as_of]
        return max(counted, default=None)

    before = follow_up(grants, last_counting(events), as_of)
    after = follow_up(grants, last_counting([*events, ("sms", informal)]), as_of)
    assert after.next_due == before.next_due


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 40))
def test_age_and_birthday_agree(born, years):
    assert age_on(born, birthday(born, years)) == years
    assert age_on(born, birthday(born, years) - timedelta(days=1)) == years - 1


def test_a_29_february_child_turns_18_on_28_february():
    assert birthday(date(2008, 2, 29), 18) == date(2026, 2, 28)
    assert age_on(date(2008, 2, 29), date(2026, 2, 27)) == 17


PARSE_TABLE = [
    ("2026-11-22", date(2026, 11, 22)),
    ("22-11-2026", date(2026, 11, 22)),
    ("22.11.2026", date(2026, 11, 22)),
    ("1.2.2026", date(2026, 2, 1)),
    (" 2026-01-05 ", date(2026, 1, 5)),
    ("29.02.2028", date(2028, 2, 29)),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_TABLE)
def test_dates_in_iso_and_danish_form(text, expected):
    assert parse_date(text) == expected


BAD_DATES = ["2026-02-30", "31.04.2026", "29-02-2027", "2026/11/22", "22/11/2026", "tomorrow", "", "2026-13-01"]


@pytest.mark.parametrize("text", BAD_DATES)
def test_bad_dates_are_refused_with_the_forms_that_work(text):
    with pytest.raises(DateSyntaxError) as excinfo:
        parse_date(text)
    assert f"'{text}'" in str(excinfo.value)
