"""Input the database cannot hold, and digits that only look like digits.

- Text longer than its column is refused with a clear error and nothing stored, on every database:
  SQLite would otherwise store it whole, PostgreSQL would fail with a driver error.
- Dates and ids take ASCII digits only: Python's int() also reads Arabic-Indic (٣) and full-width
  (３) digits as numbers, and a date or id typed in them is a usage error (exit 2).

Today is 2026-11-22. Case 2026-0101 (fixture `case1`) opened on 2026-06-01 with BL 86.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Samfam
from support import DOMAIN_ERROR, REF, USAGE_ERROR, add_goal, add_task, assert_error, assert_ok, assert_refused

LONG_NAME = "Alma " * 20_000  # 100,000 characters
assert len(LONG_NAME) == 100_000

# =====================================================================================================
# 12. Text longer than its column
# =====================================================================================================


def open_with_child(child: str, ref: str = "2026-0201") -> list[str]:
    return ["case", "open", ref, "--child", child, "--advisor", "MKJ", "--opened", "2026-06-01"]


def limit_named(line: str, limit: int) -> bool:
    """The message names the limit, written 2000 or 2,000."""
    return re.search(rf"\b{limit:,}\b".replace(",", "[,.]?"), line) is not None


TOO_LONG = [
    # (what, argv, the column's limit)
    pytest.param(open_with_child(LONG_NAME), 200, id="child-name-100000"),
    pytest.param(open_with_child("A" * 201), 200, id="child-name-201"),
    pytest.param(["event", "add", REF, "followup", "--note", "x" * 2001], 2000, id="event-note-2001"),
    pytest.param(["event", "add", REF, "followup", "--note", "x" * 100_000], 2000, id="event-note-100000"),
    pytest.param(["actor", "add", REF, "school", "--name", "S" * 201], 200, id="actor-name-201"),
    pytest.param(
        ["goal", "add", REF, "G" * 1001, "--horizon", "short", "--owner", "family"], 1000, id="goal-text-1001"
    ),
    pytest.param(["case", "update", REF, "--child", "A" * 201, "--reason", "Stavefejl"], 200, id="update-child-201"),
    pytest.param(["case", "close", REF, "--reason", "R" * 501, "--force", "Fraflyttet"], 500, id="close-reason-501"),
]


@pytest.mark.parametrize(("argv", "limit"), TOO_LONG)
def test_text_longer_than_its_column_is_refused_and_nothing_stored(case1, argv, limit):
    line = assert_refused(case1, argv, DOMAIN_ERROR)
    assert limit_named(line, limit), line
    assert len(line) < 300, "the message must not repeat the text"


@pytest.mark.parametrize(
    ("argv", "table", "column", "value"),
    [
        pytest.param(open_with_child("A" * 200), "cases", "child_name", "A" * 200, id="child-name-200"),
        pytest.param(
            ["event", "add", REF, "followup", "--note", "x" * 2000], "events", "note", "x" * 2000, id="event-note-2000"
        ),
    ],
)
def test_text_at_its_columns_limit_is_stored_whole(case1, argv, table, column, value):
    assert_ok(case1(*argv))
    with sqlite3.connect(case1.db) as conn:
        stored = [r[0] for r in conn.execute(f"SELECT {column} FROM {table}")]
    assert value in stored


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    child=st.text(st.characters(exclude_categories=("Cs",)), min_size=201, max_size=5000).filter(
        lambda text: len(text.strip()) > 200
    )
)
def test_any_child_name_over_200_characters_is_refused(team, child):
    """The database is the same before and after each example: nothing is ever stored."""
    before = team.snapshot()
    result = team(*open_with_child(child))
    assert_error(result, DOMAIN_ERROR, "200")
    assert team.snapshot() == before


# -- on PostgreSQL too -------------------------------------------------------------------------------


@pytest.fixture
def pg(pg_url) -> Samfam:
    """An initialised PostgreSQL database with advisor MKJ and case 2026-0101 (BL 86 since 2026-06-01)."""
    s = Samfam(pg_url)  # type: ignore[arg-type]
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86")
    return s


@pytest.mark.postgres
@pytest.mark.parametrize(("argv", "limit"), TOO_LONG[:4])
def test_text_longer_than_its_column_is_refused_on_postgresql(pg, argv, limit):
    before = pg.ok("audit", "--kind", "write", "--limit", "0", "-f", "json").json()  # reads below log themselves
    cases = pg.ok("case", "list", "--status", "all", "-f", "json").json()
    line = assert_error(pg(*argv), DOMAIN_ERROR)
    assert limit_named(line, limit), line
    assert pg.ok("audit", "--kind", "write", "--limit", "0", "-f", "json").json() == before
    assert pg.ok("case", "list", "--status", "all", "-f", "json").json() == cases
    assert pg.ok("event", "list", REF, "--all", "-f", "json").json() == []


# =====================================================================================================
# 13. Dates and ids take ASCII digits only
# =====================================================================================================

ARABIC_DATE = "٢٠٢٦-١١-٢٠"  # 2026-11-20 in Arabic-Indic digits
FULL_WIDTH_DATE = "２０２６-１１-２０"  # 2026-11-20 in full-width digits


@pytest.fixture
def planned(case1):
    """Case 2026-0101 with goal 1, task 1, actor 1 and event 1 (a follow-up on 2026-11-01)."""
    goal = add_goal(case1, REF, "Alma sover i egen seng", "short")
    add_task(case1, goal, "Lave billedskema", "family")
    case1.ok("actor", "add", REF, "school", "--name", "Kildeskolen", "--since", "2026-06-01")
    case1.ok("event", "add", REF, "followup", "--on", "2026-11-01")
    return case1


NOT_ASCII = [
    pytest.param(["event", "add", REF, "followup", "--on", ARABIC_DATE], ARABIC_DATE, id="event-on-arabic-indic"),
    pytest.param(["event", "add", REF, "followup", "--on", FULL_WIDTH_DATE], FULL_WIDTH_DATE, id="event-on-full-width"),
    pytest.param(["event", "add", REF, "followup", "--on", "٢٠.١١.٢٠٢٦"], "٢٠.١١.٢٠٢٦", id="event-on-danish-form"),
    pytest.param(
        ["case", "open", "2026-0201", "--child", "Bo", "--advisor", "MKJ", "--opened", ARABIC_DATE],
        ARABIC_DATE,
        id="case-opened",
    ),
    pytest.param(["grant", "add", REF, "BL 20", "--from", ARABIC_DATE], ARABIC_DATE, id="grant-from"),
    pytest.param(["task", "done", "1", "--on", ARABIC_DATE], ARABIC_DATE, id="task-done-on"),
    pytest.param(["goal", "update", "١", "--status", "achieved"], "١", id="goal-update-id"),
    pytest.param(["goal", "update", "１", "--status", "achieved"], "１", id="goal-update-full-width-id"),
    pytest.param(["task", "done", "١"], "١", id="task-done-id"),
    pytest.param(["actor", "end", "١"], "١", id="actor-end-id"),
    pytest.param(["event", "void", "١", "--reason", "Forkert"], "١", id="event-void-id"),
    pytest.param(["event", "add", REF, "followup", "--scale", "٥"], "٥", id="event-scale"),
    pytest.param(["event", "add", REF, "network-meeting", "--with", "١"], "١", id="event-with-actor-id"),
    pytest.param(["experience", "add", REF, "٤"], "٤", id="experience-score"),
    pytest.param(
        ["grant", "void", REF, "١", "--reason", "Forkert"],
        "١",
        id="grant-void-id",
    ),
]


@pytest.mark.parametrize(("argv", "bad"), NOT_ASCII)
def test_dates_and_ids_take_ascii_digits_only(planned, argv, bad):
    assert_refused(planned, argv, USAGE_ERROR, bad)


def test_ascii_digits_are_still_accepted(planned):
    assert_ok(planned("event", "add", REF, "followup", "--on", "2026-11-20"))
    assert_ok(planned("goal", "update", "1", "--status", "achieved"))
