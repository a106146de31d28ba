"""The options every command shares (samfam.cli.options): whole numbers that name their range, and the case
references a read showed, for the access log."""

from __future__ import annotations

import pytest
import typer

from samfam.cli.options import LARGEST, case_refs, whole


@pytest.mark.parametrize(
    ("low", "high", "typed", "words"),
    [
        pytest.param(1, LARGEST, "0", "0 is out of range; give a whole number of 1 or more (up to 2,147,483,647)",
                     id="below-an-id"),
        # the largest id is written with separators: ten digits in a row read as a CPR number, and are masked
        pytest.param(1, LARGEST, "2147483648", "out of range; give a whole number of 1 or more (up to 2,147,483,647)",
                     id="above-the-largest-id"),
        pytest.param(0, 1000, "1001", "1001 is out of range; give a whole number from 0 to 1000", id="above-a-range"),
        pytest.param(0, 1000, "12a", "'12a' is not a whole number; give one from 0 to 1000", id="not-a-number"),
        pytest.param(0, 1000, "١٢", "is not a whole number", id="arabic-indic-digits"),
    ],
)  # fmt: skip
def test_a_whole_number_out_of_its_range_names_the_value_and_the_range(low, high, typed, words):
    with pytest.raises(typer.BadParameter) as refused:
        whole(low, high)(typed)
    assert words in str(refused.value)


@pytest.mark.parametrize(("typed", "value"), [("1", 1), (" 42 ", 42), ("2147483647", LARGEST)])
def test_a_whole_number_in_its_range(typed, value):
    assert whole(1)(typed) == value


@pytest.mark.parametrize(
    ("shown", "refs"),
    [
        pytest.param([], [], id="nothing-shown"),
        pytest.param([{"case": "A"}, {"case": "B"}, {"case": "A"}], ["A", "B"], id="each-once-in-order"),
        pytest.param({"case": "A", "goals": [{"case": "A"}]}, ["A"], id="a-card"),
        pytest.param(
            {
                "overdue_by_advisor": [{"advisor": "MKJ", "cases": [{"case": "C"}, {"case": "D"}]}],
                "due": [{"case": "E"}],
            },
            ["C", "D", "E"],
            id="nested-at-any-depth",
        ),
        pytest.param([{"case": 7, "paragraphs": ["BL 32"]}, ({"case": "F"},)], ["F"], id="only-text-references"),
        pytest.param("2026-0001", [], id="not-a-record"),
    ],
)
def test_the_cases_a_read_showed_are_every_case_reference_in_it(shown, refs):
    assert case_refs(shown) == refs
