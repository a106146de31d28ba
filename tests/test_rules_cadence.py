"""A grant active on a day, and a follow-up due before a day (samfam.rules.cadence), as tables."""

from __future__ import annotations

from datetime import date

import pytest

from samfam.rules import cadence
from samfam.rules.cadence import Grant, due_before, follow_up, grant_active, latest_overdue_anchors

D = date.fromisoformat

GRANT_TABLE = [
    # start         end           day           active?
    ("2026-01-01",  None,         "2025-12-31", False),   # before its start
    ("2026-01-01",  None,         "2026-01-01", True),    # from its start day
    ("2026-01-01",  None,         "2030-01-01", True),    # no end: for as long as it runs
    ("2026-01-01",  "2026-06-30", "2026-06-30", True),    # through its end day
    ("2026-01-01",  "2026-06-30", "2026-07-01", False),   # not the day after
]  # fmt: skip


@pytest.mark.parametrize(("start", "end", "day", "expected"), GRANT_TABLE)
def test_a_grant_is_active_from_its_start_through_its_end(start, end, day, expected):
    assert grant_active(D(start), D(end) if end else None, D(day)) is expected
    assert Grant("BL 86", D(start), D(end) if end else None).active_on(D(day)) is expected


# A 6-week case (BL 20) from 2026-01-01, last followed up on 2026-10-01: next due 2026-11-12.
DUE_TABLE = [
    # codes      last follow-up  as of         before        due before?
    ("BL 20",    "2026-10-01",   "2026-11-01", "2026-11-12", False),   # due on the day: not before it
    ("BL 20",    "2026-10-01",   "2026-11-01", "2026-11-13", True),
    ("BL 20",    "2026-10-01",   "2026-11-22", "2026-11-22", True),    # overdue on the as-of date
    ("BL 30",    "2026-10-01",   "2026-11-22", "2030-01-01", False),   # unclassified: no due date
]  # fmt: skip


@pytest.mark.parametrize(("code", "last", "as_of", "day", "expected"), DUE_TABLE)
def test_a_follow_up_due_before_a_day(code, last, as_of, day, expected):
    fu = follow_up([Grant(code, D("2026-01-01"))], D(last), D(as_of))
    assert due_before(fu, D(day)) is expected


@pytest.mark.parametrize("day", ["2026-11-22", "2026-03-01", "2024-02-29"])
def test_the_latest_overdue_anchors_are_each_tracks(day):
    assert latest_overdue_anchors(D(day)) == {
        track: cadence.latest_overdue_anchor(track, D(day)) for track in cadence.TRACKS
    }
