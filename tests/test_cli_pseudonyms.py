"""Pseudonyms that hold (docs/privacy.md § 5): two pseudonymised reports share no identifier to join them on,
and no birth date can be read back from one."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from conftest import Demo, Samfam

#: The deadlines counted from a birth date (samfam.rules.privacy.BIRTH_KINDS).
BIRTH_KINDS = frozenset({"transition", "turns-18", "open-after-18"})

TODAY = date(2026, 11, 22)
FULL_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")


@pytest.fixture(scope="module")
def demo_copy(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Samfam:
    """A copy of the demo database: a pseudonymised read is logged."""
    path = tmp_path_factory.mktemp("pseudonyms") / "demo.db"
    with sqlite3.connect(demo.samfam.db) as source, sqlite3.connect(path) as target:
        source.backup(target)
    return Samfam(path, today=TODAY, user="MKJ")


def _rows(data: Any) -> list[dict]:
    """Every object in a JSON document, at any depth."""
    found: list[dict] = []

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            found.append(item)
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(data)
    return found


def _identifiers(data: Any) -> set[str]:
    """What a reader could join two reports on: the case's stand-in, any database id, any full date of a
    deadline counted from a birth date."""
    tokens: set[str] = set()
    for row in _rows(data):
        if isinstance(row.get("case"), str):
            tokens.add("case:" + row["case"])
        for name, value in row.items():
            if (name == "id" or name.endswith("_id")) and value is not None:
                tokens.add(f"{name}:{value}")
        if row.get("kind") in BIRTH_KINDS and "deadline" in row and FULL_DATE.fullmatch(str(row["deadline"])):
            tokens.add("birthday:" + row["deadline"])
    return tokens


def _birthdays(s: Samfam) -> set[str]:
    """The 16th and 18th birthdays of the demo's children (the deadlines read without pseudonyms), less the
    days that are some other deadline's too."""
    plain = s.ok("deadlines", "--within", "36500", "-f", "json").json()
    births = {r["deadline"] for r in plain if r["kind"] in BIRTH_KINDS}
    return births - {r["deadline"] for r in plain if r["kind"] not in BIRTH_KINDS} - {TODAY.isoformat()}


def test_two_pseudonymised_reports_share_no_identifier(demo_copy):
    reports = {
        "deadlines": demo_copy.ok("deadlines", "--within", "365", "--pseudonymise", "-f", "json").json(),
        "deadlines again": demo_copy.ok("deadlines", "--within", "365", "--pseudonymise", "-f", "json").json(),
        "weekly": demo_copy.ok("report", "weekly", "--pseudonymise", "-f", "json").json(),
        "weekly again": demo_copy.ok("report", "weekly", "--pseudonymise", "-f", "json").json(),
    }
    tokens = {name: _identifiers(data) for name, data in reports.items()}
    names = list(tokens)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not tokens[a] & tokens[b], (a, b, sorted(tokens[a] & tokens[b])[:5])
    # the weekly report still has its sections about cases, with their ids gone
    goals = reports["weekly"]["goals_past_target"]
    assert goals and all(g["id"] is None for g in goals)


@pytest.mark.parametrize("fmt", ["json", "csv", "ndjson", "table"])
def test_no_birth_date_can_be_read_back_from_pseudonymised_deadlines(demo_copy, fmt):
    birthdays = _birthdays(demo_copy)
    assert len(birthdays) > 100  # the demo has many children near 16 and 18
    shown = demo_copy.ok("deadlines", "--within", "36500", "--pseudonymise", "-f", fmt).stdout
    assert not set(FULL_DATE.findall(shown)) & birthdays
    if fmt == "json":
        rows = json.loads(shown)
        # today plus the days left is the deadline: none of a birth deadline, and no age in years
        derived = {(TODAY + timedelta(days=r["days_left"])).isoformat() for r in rows if r["days_left"] is not None}
        assert not derived & birthdays
        assert all(r["age"] is None for r in rows)
        assert {r["deadline"] for r in rows if r["kind"] in BIRTH_KINDS} <= {d[:7] for d in birthdays} | {
            r["deadline"][:7] for r in rows
        }
        assert all(len(r["deadline"]) == 7 for r in rows if r["kind"] in BIRTH_KINDS)


def test_the_order_of_pseudonymised_deadlines_tells_no_day(demo_copy):
    rows = demo_copy.ok("deadlines", "--within", "36500", "--pseudonymise", "-f", "json").json()
    months = [r["deadline"][:7] for r in rows]
    assert months == sorted(months)
    for month in set(months):  # in each month the deadlines from a birth date come first, not among the days
        kinds = [r["kind"] in BIRTH_KINDS for r in rows if r["deadline"][:7] == month]
        assert kinds == sorted(kinds, reverse=True)


@pytest.mark.parametrize("within", [100, 40, 9])
def test_the_window_of_a_pseudonymised_report_takes_whole_months(demo_copy, within):
    """Where --within ends tells no day: a birth deadline is shown when its month is in the window."""
    plain = demo_copy.ok("deadlines", "--within", "36500", "-f", "json").json()
    last = (TODAY + timedelta(days=within)).isoformat()[:7]
    expected = Counter(
        (r["advisor"], r["kind"], r["deadline"][:7] if r["kind"] in BIRTH_KINDS else r["deadline"])
        for r in plain
        if (r["deadline"][:7] <= last if r["kind"] in BIRTH_KINDS else r["days_left"] <= within)
    )
    shown = demo_copy.ok("deadlines", "--within", str(within), "--pseudonymise", "-f", "json").json()
    assert Counter((r["advisor"], r["kind"], r["deadline"]) for r in shown) == expected
