"""The fast path of the overdue report gives exactly what the full rule gives.

`overdue` picks its candidates in SQL from the stored track periods and confirms each with the rule;
these tests hold it to the plain computation over every case, and the stored periods to the rule.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samfam.context import App
from samfam.rules import cadence
from samfam.settings import Settings
from samfam.store.queries import followups as followup_queries
from samfam.views import followups
from samfam.views.followups import cadence_row

TODAY = date(2026, 11, 22)


@pytest.fixture
def demo_db(demo):
    """The session's demo database (built once by `samfam demo`, see conftest.py)."""
    return demo.samfam.db


def _slow_overdue(app: App) -> list[dict]:
    """Every open case through the rule, no preselection in SQL."""
    with app.connect() as conn:
        where = followups.scope(conn, app)
        return followups.with_departed(conn, app, where, followups.overdue_rows(followups.followups(conn, where)))


AS_OF = [TODAY, TODAY - timedelta(days=30), date(2026, 3, 1), date(2025, 12, 31), date(2024, 2, 29), date(2024, 1, 1)]


@pytest.mark.parametrize("as_of", AS_OF, ids=[d.isoformat() for d in AS_OF])
def test_the_fast_overdue_report_equals_the_rule_applied_to_every_case(demo_db, as_of):
    app = App(Settings(db=str(demo_db), user="TST", today=as_of))
    fast = followups.overdue(app)
    assert fast == _slow_overdue(app)


def _slow_due(app: App, within: int) -> tuple[list[dict], int]:
    rows, late = [], 0
    with app.connect() as conn:
        for head, fu in followups.followups(conn, followups.scope(conn, app)):
            if fu.due_within(within):
                rows.append(cadence_row(head, fu) | {"status": "due"})
            elif fu.overdue:
                late += 1
    rows.sort(key=lambda r: (r["next_due"], r["case"]))
    return rows, late


@pytest.mark.parametrize("within", [0, 7, 14, 60, 400])
@pytest.mark.parametrize("as_of", AS_OF[:3], ids=[d.isoformat() for d in AS_OF[:3]])
def test_the_fast_due_report_equals_the_rule_applied_to_every_case(demo_db, as_of, within):
    app = App(Settings(db=str(demo_db), user="TST", today=as_of))
    fast = followups.due(app, within)
    assert fast == _slow_due(app, within)
    assert as_of != TODAY or within < 7 or fast[0]  # the demo has follow-ups coming


def test_the_demo_has_overdue_and_unclassified_cases_to_compare(demo_db):
    statuses = {r["status"] for r in followups.overdue(App(Settings(db=str(demo_db), user="TST", today=TODAY)))}
    assert statuses == {"overdue", "needs classification"}


def test_the_stored_track_periods_are_the_rules_periods_for_every_case(demo_db):
    with sqlite3.connect(demo_db) as conn:
        grants: dict[int, list] = {}
        for case_id, code, start, end in conn.execute('SELECT case_id, code, start, "end" FROM grants'):
            grants.setdefault(case_id, []).append(
                cadence.Grant(code, date.fromisoformat(start), date.fromisoformat(end) if end else None)
            )
        stored: dict[int, list] = {}
        for case_id, track, since, until in conn.execute(
            "SELECT case_id, track, since, until FROM case_track ORDER BY case_id, since"
        ):
            stored.setdefault(case_id, []).append(
                (date.fromisoformat(since), date.fromisoformat(until) if until else None, track)
            )
    assert stored == {case_id: cadence.track_periods(spans) for case_id, spans in grants.items()}


def test_the_candidates_are_few(demo_db):
    """The point of the stored periods: SQL hands over only the cases the report will show."""
    app = App(Settings(db=str(demo_db), user="TST", today=TODAY))
    latest = {track: cadence.latest_overdue_anchor(track, TODAY) for track in cadence.TRACKS}
    with app.connect() as conn:
        where = followups.scope(conn, app)
        candidates = list(followup_queries.candidate_rows(conn, where, latest))
        every = list(followup_queries.case_rows(conn, where))
    assert len(candidates) == len(followups.overdue(app)) < len(every) / 4


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(days, days, st.sampled_from(cadence.TRACKS))
def test_latest_overdue_anchor_is_exact(anchor, as_of, track):
    assert (anchor <= cadence.latest_overdue_anchor(track, as_of)) == (cadence.next_due(anchor, track) < as_of)
