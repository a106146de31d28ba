"""The first day each kind of event happened on a case (samfam.rules.events.first_days), as a table."""

from __future__ import annotations

from datetime import date

import pytest

from samfam.rules.events import first_days

D = date.fromisoformat

FIRST_TABLE = [
    pytest.param([], {}, id="no-events"),
    pytest.param([("startup", "2026-01-05")], {"startup": "2026-01-05"}, id="one"),
    pytest.param(
        [("followup", "2026-03-01"), ("followup", "2026-02-01"), ("startup", "2026-01-05")],
        {"followup": "2026-02-01", "startup": "2026-01-05"},
        id="the-earliest-whatever-the-order",
    ),
]


@pytest.mark.parametrize(("events", "expected"), FIRST_TABLE)
def test_the_first_day_of_each_kind(events, expected):
    assert first_days((kind, D(day)) for kind, day in events) == {kind: D(day) for kind, day in expected.items()}
