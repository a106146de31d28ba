"""Responsibility over time: advisor and buddy history, follow-ups credited to who was responsible."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import Samfam
from support import _caseload_table, d, open_, weekly

# -- helpers -----------------------------------------------------------------------------------------


def history(s: Samfam, ref: str) -> list[tuple]:
    """The responsibility history of a case: (role, initials, since, until), by role then date."""
    with sqlite3.connect(s.db) as conn:
        return conn.execute(
            "SELECT ca.role, a.initials, ca.since, ca.until FROM case_assignment ca "
            "JOIN advisor a ON a.id = ca.advisor_id JOIN cases c ON c.id = ca.case_id "
            "WHERE c.ref = ? ORDER BY ca.role, ca.since",
            (ref,),
        ).fetchall()


# -- responsibility over time -------------------------------------------------------------------------


@pytest.mark.parametrize("recorded", ["on-wednesday", "afterwards"])
def test_reassignment_mid_week_keeps_earlier_followups_with_the_old_advisor(team, recorded):
    """MKJ holds 2026-0201 until Tuesday 11-17; LBH from Wednesday 11-18 (`case assign --on`).

    Follow-ups Monday 11-16 and Tuesday 11-17 (a home visit) stay with MKJ; Thursday 11-19's goes to
    LBH; an sms on Thursday counts for nobody. Either the assignment is recorded on the Wednesday
    itself, or on Sunday after the fact with --on Wednesday: the same attribution.
    """
    open_(team, "2026-0201", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-16", today=d("2026-11-16"))
    team.ok("event", "add", "2026-0201", "home-visit", "--on", "2026-11-17", today=d("2026-11-17"))
    if recorded == "on-wednesday":
        team.ok("case", "assign", "2026-0201", "--advisor", "LBH", "--on", "2026-11-18", today=d("2026-11-18"))
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-19", today=d("2026-11-19"))
    team.ok("event", "add", "2026-0201", "sms", "--on", "2026-11-19", today=d("2026-11-19"))
    if recorded == "afterwards":
        team.ok("case", "assign", "2026-0201", "--advisor", "LBH", "--on", "2026-11-18")

    done = {r["advisor"]: r["followups"] for r in weekly(team)["followups_last_7_days"]}
    assert done.get("MKJ") == 2  # Monday and Tuesday
    assert done.get("LBH") == 1  # Thursday
    assert done.get("ATP", 0) == 0

    assert history(team, "2026-0201") == [
        ("primary", "MKJ", "2026-06-01", "2026-11-17"),
        ("primary", "LBH", "2026-11-18", None),
    ]
    card = team.ok("case", "show", "2026-0201", "-f", "json").json()
    assert card["advisor"] == "LBH"


def test_the_assignment_day_belongs_to_the_new_advisor(team):
    # `--on` is the first day with the new advisor: a follow-up that Wednesday is LBH's.
    open_(team, "2026-0201", "BL 86", opened="2026-06-01")
    team.ok("case", "assign", "2026-0201", "--advisor", "LBH", "--on", "2026-11-18")
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-17")
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-18")
    done = {r["advisor"]: r["followups"] for r in weekly(team)["followups_last_7_days"]}
    assert done.get("MKJ") == 1
    assert done.get("LBH") == 1


def test_last_weeks_work_stays_with_the_old_advisor_in_an_earlier_report(team):
    # Reassigned on 11-18; the report for the week ending Sunday 11-15 (11-09..11-15), read afterwards,
    # still credits MKJ with both follow-ups of that week, and LBH with none.
    open_(team, "2026-0201", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0201", "followup", "--on", "2026-11-10")
    team.ok("event", "add", "2026-0201", "network-meeting", "--on", "2026-11-13")
    team.ok("case", "assign", "2026-0201", "--advisor", "LBH", "--on", "2026-11-18")
    done = {r["advisor"]: r["followups"] for r in weekly(team, today="2026-11-15")["followups_last_7_days"]}
    assert done.get("MKJ") == 2
    assert done.get("LBH", 0) == 0


def test_buddy_history_is_kept_with_dates(team):
    """2026-0202: MKJ primary with buddy LBH from 06-01; buddy ATP from 09-01 (`case buddy` on that day);
    ATP takes over as primary from 10-01 (so the case loses its buddy the day before); MKJ becomes the
    buddy on 10-05."""
    open_(team, "2026-0202", "BL 86", opened="2026-06-01", extra=("--buddy", "LBH"))
    team.ok("case", "buddy", "2026-0202", "ATP", today=d("2026-09-01"))
    team.ok("case", "assign", "2026-0202", "--advisor", "ATP", "--on", "2026-10-01", today=d("2026-10-01"))
    team.ok("case", "buddy", "2026-0202", "MKJ", today=d("2026-10-05"))

    assert history(team, "2026-0202") == [
        ("buddy", "LBH", "2026-06-01", "2026-08-31"),
        ("buddy", "ATP", "2026-09-01", "2026-09-30"),
        ("buddy", "MKJ", "2026-10-05", None),
        ("primary", "MKJ", "2026-06-01", "2026-09-30"),
        ("primary", "ATP", "2026-10-01", None),
    ]
    card = team.ok("case", "show", "2026-0202", "-f", "json").json()
    assert (card["advisor"], card["buddy"]) == ("ATP", "MKJ")
    load = _caseload_table(team.ok("caseload", "-f", "json").json())
    assert load["ATP"][:2] == (1, 0)  # primary 1, buddy 0
    assert load["MKJ"][:2] == (0, 1)  # primary 0, buddy 1
    assert "LBH" not in load  # no open case, no target


def test_reassignment_does_not_rewrite_the_old_advisors_september(team):
    # Follow-up 09-15 under MKJ, 10-10 under ATP (primary from 10-01); each week's report read later.
    open_(team, "2026-0202", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0202", "followup", "--on", "2026-09-15")
    team.ok("event", "add", "2026-0202", "followup", "--on", "2026-10-10")
    team.ok("case", "assign", "2026-0202", "--advisor", "ATP", "--on", "2026-10-01")
    september = {r["advisor"]: r["followups"] for r in weekly(team, today="2026-09-20")["followups_last_7_days"]}
    october = {r["advisor"]: r["followups"] for r in weekly(team, today="2026-10-11")["followups_last_7_days"]}
    assert (september.get("MKJ"), september.get("ATP", 0)) == (1, 0)
    assert (october.get("MKJ", 0), october.get("ATP")) == (0, 1)
