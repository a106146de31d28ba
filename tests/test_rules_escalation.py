"""Escalation levels: due soon, overdue, seriously overdue (more than one whole interval late)."""

from __future__ import annotations

from datetime import date

import pytest

from samfam.rules.cadence import DUE_SOON, OVERDUE, SERIOUSLY_OVERDUE, escalation, seriously_overdue_after

D = date.fromisoformat

# anchor        track  as of         → level              (the due day; twice the interval)
LEVELS = [
    ("2026-05-01", "3m", "2026-07-01", DUE_SOON),  # due 08-01
    ("2026-05-01", "3m", "2026-08-01", DUE_SOON),  # due today
    ("2026-05-01", "3m", "2026-08-02", OVERDUE),
    ("2026-05-01", "3m", "2026-11-01", OVERDUE),  # 6 months from the anchor: the last day merely overdue
    ("2026-05-01", "3m", "2026-11-02", SERIOUSLY_OVERDUE),
    ("2026-08-31", "3m", "2027-02-28", OVERDUE),  # 08-31 + 6 months, clamped: 02-28
    ("2026-08-31", "3m", "2027-03-01", SERIOUSLY_OVERDUE),
    ("2026-09-01", "6w", "2026-10-13", DUE_SOON),  # due 10-13 (42 days)
    ("2026-09-01", "6w", "2026-10-14", OVERDUE),
    ("2026-09-01", "6w", "2026-11-24", OVERDUE),  # 84 days
    ("2026-09-01", "6w", "2026-11-25", SERIOUSLY_OVERDUE),
]


@pytest.mark.parametrize(("anchor", "track", "as_of", "level"), LEVELS)
def test_the_level_of_a_follow_up(anchor, track, as_of, level):
    assert escalation(D(anchor), track, D(as_of)) == level


def test_seriously_overdue_is_past_twice_the_interval():
    assert seriously_overdue_after(D("2026-05-01"), "3m") == D("2026-11-01")
    assert seriously_overdue_after(D("2026-09-01"), "6w") == D("2026-11-24")
