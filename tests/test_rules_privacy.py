"""Retention periods and pseudonyms (samfam.rules.privacy), as tables a data-protection officer can check."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samfam.rules.privacy import (
    LEFT_OUT,
    audit_kept_from,
    pseudonym,
    pseudonymise,
    retained_until,
    retention_passed,
)

D = date.fromisoformat

# closed        years  kept until (the last day kept)
RETAINED = [
    ("2021-11-22", 5, "2026-11-22"),
    ("2020-02-29", 5, "2025-02-28"),  # a leap day: the last day of February
    ("2024-02-29", 4, "2028-02-29"),
    ("2026-01-31", 1, "2027-01-31"),
    ("2016-06-30", 10, "2026-06-30"),
]


@pytest.mark.parametrize(("closed", "years", "until"), RETAINED)
def test_a_closed_case_is_kept_its_years_after_the_closing_day(closed, years, until):
    assert retained_until(D(closed), years) == D(until)


# closed        today         years  passed?
PASSED = [
    (None, "2099-01-01", 5, False),  # an open case is never due
    ("2021-11-22", "2026-11-22", 5, False),  # the last day kept
    ("2021-11-22", "2026-11-23", 5, True),  # the day after
    ("2021-11-21", "2026-11-22", 5, True),
    ("2025-01-01", "2026-11-22", 1, True),
    ("2026-11-22", "2026-11-22", 1, False),
]


@pytest.mark.parametrize(("closed", "today", "years", "passed"), PASSED)
def test_retention_has_passed_the_day_after_the_last_day_kept(closed, today, years, passed):
    assert retention_passed(D(closed) if closed else None, D(today), years) is passed


# today         months  rows written before this day may be pruned
AUDIT = [
    ("2026-11-22", 13, "2025-10-22"),
    ("2026-03-31", 1, "2026-02-28"),
    ("2026-11-22", 6, "2026-05-22"),
]


@pytest.mark.parametrize(("today", "months", "kept_from"), AUDIT)
def test_audit_rows_are_kept_their_months(today, months, kept_from):
    assert audit_kept_from(D(today), months) == D(kept_from)


def test_a_pseudonym_is_stable_under_one_key_and_unrelated_under_another():
    a, b = b"k" * 32, b"l" * 32
    assert pseudonym(a, "2026-0142") == pseudonym(a, "2026-0142")
    assert pseudonym(a, "2026-0142") != pseudonym(a, "2026-0143")
    assert pseudonym(a, "2026-0142") != pseudonym(b, "2026-0142")


@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=30, unique=True), st.binary(min_size=16))
def test_pseudonyms_have_one_form_and_keep_different_cases_apart(refs, key):
    names = [pseudonym(key, ref) for ref in refs]
    assert all(re.fullmatch(r"P-[0-9A-F]{8}", name) for name in names)
    assert len(set(names)) == len(refs)  # 32 bits: a collision among 30 cases is a one-in-ten-million chance


def test_a_report_keeps_its_shape_and_figures_and_loses_references_names_and_free_text():
    key = b"x" * 32
    report = {
        "team": "Nord",
        "overdue": [
            {"case": "2026-0142", "advisor": "MKJ", "days_overdue": 27, "child": "Alma Holm"},
            {"case": "2026-0142", "advisor": "MKJ", "days_overdue": 27},
        ],
        "goals": [{"case": "2023-0077", "advisor": "LBH", "id": 3, "text": "Alma sover i egen seng"}],
        "caseload": [{"advisor": "MKJ", "name": "Mette Kjær Jensen", "primary": 12}],
    }
    out = pseudonymise(report, key)
    first, second = out["overdue"]
    assert first["case"] == second["case"] == pseudonym(key, "2026-0142") == first["child"]
    assert (first["advisor"], first["days_overdue"]) == ("MKJ", 27)
    assert out["goals"][0] == {"case": pseudonym(key, "2023-0077"), "advisor": "LBH", "id": None, "text": LEFT_OUT}
    assert out["caseload"] == report["caseload"]  # staff and counts stay
    assert out["team"] == "Nord"
    assert "2026-0142" not in repr(out) and "Alma" not in repr(out)
