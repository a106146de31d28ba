"""The pure parts of log control (samfam.rules.log_control): working hours, bulk, the reasons a read is worth
a look, emergency access in time, reviews and the half-yearly sign-off. Table-driven, fixed moments."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from samfam.rules import log_control as lc

# Copenhagen is UTC+1 in winter (CET), UTC+2 in summer (CEST).
TUESDAY = date(2026, 11, 24)
CHRISTMAS = date(2026, 12, 25)  # a Friday, a public holiday


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("at", "closed", "expected"),
    [
        ("2026-11-24T06:00", (), None),  # 07:00 local: the day begins
        ("2026-11-24T05:59", (), "before 07:00"),  # 06:59 local
        ("2026-11-24T17:00", (), None),  # 18:00 local: still inside
        ("2026-11-24T17:01", (), "after 18:00"),  # 18:01 local
        ("2026-11-24T10:00", (), None),
        ("2026-06-02T04:59", (), "before 07:00"),  # 06:59 CEST
        ("2026-06-02T05:00", (), None),  # 07:00 CEST
        ("2026-11-22T10:00", (), "weekend"),  # Sunday
        ("2026-11-20T23:30", (), "weekend"),  # Friday 23:30 UTC is Saturday 00:30 in Copenhagen
        ("2026-12-25T10:00", {CHRISTMAS}, "day off"),
        ("2026-11-24T10:00", {TUESDAY}, "day off"),  # a day the municipality closes
    ],
)
def test_working_hours_are_local_weekdays_from_7_to_18_without_days_off(at, closed, expected):
    found = lc.outside_hours(utc(at), set(closed))
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.startswith(lc.OUT_OF_HOURS) and expected in found


@pytest.mark.parametrize(
    ("action", "cases", "limit", "bulk"),
    [
        ("case.list", 50, 50, False),
        ("case.list", 51, 50, True),
        ("overdue", 51, 100, False),
        ("export", 1, 50, True),
        ("backup", 0, 50, True),
        ("case.show", 1, 50, False),
    ],
)
def test_a_bulk_read_is_an_export_a_backup_or_more_than_n_cases(action, cases, limit, bulk):
    assert (lc.bulk(action, cases, limit) is not None) == bulk


H = lc.Holder
HOLDERS = {
    "2026-0101": [
        H("MKJ", "primary", date(2026, 6, 1), date(2026, 9, 30)),
        H("LBH", "primary", date(2026, 10, 1), None),
        H("ATP", "psykolog", date(2026, 11, 1), None),
    ]
}
GRANT = lc.Grant("ATP", "2026-0102", utc("2026-11-24T09:00"), utc("2026-11-24T12:00"), utc("2026-11-24T10:00"))
INSIDE = "2026-11-24T10:30"  # Tuesday 11:30 local


@pytest.mark.parametrize(
    ("user", "action", "at", "refs", "expected"),
    [
        ("MKJ", "case.show", "2026-09-15T10:00", ["2026-0101"], []),  # primary then
        ("MKJ", "case.show", INSIDE, ["2026-0101"], [lc.OUTSIDE_CASELOAD]),  # no longer
        ("LBH", "case.show", INSIDE, ["2026-0101"], []),
        ("ATP", "goals", INSIDE, ["2026-0101"], []),  # core team
        ("ATP", "case.show", "2026-11-24T09:30", ["2026-0102"], [lc.EMERGENCY]),  # under the grant
        ("ATP", "case.show", INSIDE, ["2026-0102"], [lc.OUTSIDE_CASELOAD]),  # closed at 10:00
        ("LBH", "case.show.reveal-cpr", INSIDE, ["2026-0101"], [lc.FULL_CPR]),
        ("LBH", "case.list", INSIDE, [f"2026-{n:04d}" for n in range(60)], [lc.BULK]),
        ("LBH", "case.list", INSIDE, ["2026-0101", "2026-0102"], []),  # a short listing: judged by size only
        ("LBH", "case.show", "2026-11-24T19:00", ["2026-0101"], [lc.OUT_OF_HOURS]),
    ],
)
def test_why_a_read_is_worth_a_look(user, action, at, refs, expected):
    reasons = lc.why(user=user, action=action, at=utc(at), refs=refs, holders=HOLDERS, grants=[GRANT], closed=set())
    assert [next(r for r in lc.REASONS if reason.startswith(r)) for reason in reasons] == expected


@pytest.mark.parametrize(
    ("at", "active"),
    [("2026-11-24T08:59", False), ("2026-11-24T09:00", True), ("2026-11-24T09:59", True), ("2026-11-24T10:00", False)],
)
def test_an_emergency_access_is_open_from_opening_until_it_expires_or_is_closed(at, active):
    assert lc.active(GRANT, utc(at)) is active
    assert lc.ends(GRANT._replace(closed=None)) == utc("2026-11-24T12:00")


@pytest.mark.parametrize(
    ("row", "question", "detail"),
    [(12, None, "row 12: ok"), (7, " Hvorfor? ", "row 7: question: Hvorfor?"), (3, "a: b", "row 3: question: a: b")],
)
def test_a_review_is_written_and_read_back(row, question, detail):
    assert lc.review_detail(row, question) == detail
    assert lc.parse_review(detail) == (row, detail.split(": ", 1)[1])


@pytest.mark.parametrize("detail", [None, "", "row x: ok", "row 1: maybe", "2026-0101"])
def test_other_details_are_not_reviews(detail):
    assert lc.parse_review(detail) is None


@pytest.mark.parametrize(
    ("last", "today", "due"),
    [
        (None, date(2026, 11, 22), True),
        (date(2026, 5, 22), date(2026, 11, 22), False),  # six months to the day
        (date(2026, 5, 21), date(2026, 11, 22), True),
        (date(2026, 11, 1), date(2026, 11, 22), False),
    ],
)
def test_the_access_sign_off_is_due_half_yearly(last, today, due):
    assert lc.signoff_due(last, today) is due
