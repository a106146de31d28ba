"""Responsibility over time: advisor and buddy history, follow-ups credited to who was responsible."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import Samfam
from support import DOMAIN_ERROR, ME, USAGE_ERROR, _caseload_table, assert_refused, d, open_, weekly

# -- helpers -----------------------------------------------------------------------------------------


def history(s: Samfam, ref: str) -> list[tuple]:
    """The responsibility history in force of a case: (role, initials, since, until), by role then date
    (the periods a correction replaced are left out: `corrected` gives them)."""
    with sqlite3.connect(s.db) as conn:
        return conn.execute(
            "SELECT ca.role, a.initials, ca.since, ca.until FROM case_assignment ca "
            "JOIN advisor a ON a.id = ca.advisor_id JOIN cases c ON c.id = ca.case_id "
            "WHERE c.ref = ? AND ca.corrected_at IS NULL ORDER BY ca.role, ca.since",
            (ref,),
        ).fetchall()


def corrected(s: Samfam, ref: str, table: str = "case_assignment") -> list[tuple]:
    """The periods of a case a correction replaced: (role, initials, since, until, by, reason)."""
    with sqlite3.connect(s.db) as conn:
        return conn.execute(
            f"SELECT x.role, a.initials, x.since, x.until, x.corrected_by, x.correction_reason FROM {table} x "
            "JOIN advisor a ON a.id = x.advisor_id JOIN cases c ON c.id = x.case_id "
            "WHERE c.ref = ? AND x.corrected_at IS NOT NULL ORDER BY x.role, x.since",
            (ref,),
        ).fetchall()


def core_team(s: Samfam, ref: str) -> list[tuple]:
    """The core-team periods in force of a case: (initials, role, since, until)."""
    with sqlite3.connect(s.db) as conn:
        return conn.execute(
            "SELECT a.initials, m.role, m.since, m.until FROM case_member m "
            "JOIN advisor a ON a.id = m.advisor_id JOIN cases c ON c.id = m.case_id "
            "WHERE c.ref = ? AND m.corrected_at IS NULL ORDER BY a.initials, m.since",
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


# -- a back-dated change corrects the history; the periods never overlap (issue 19) --------------------

#: (command, first change, the correction) per role: the first change from 09-01 (LBH), then corrected to
#: HEM from 08-01, a date before the first change's start.
BACKDATED = {
    "primary": (
        ("case", "assign", "2026-0301", "--advisor", "LBH"),
        ("case", "assign", "2026-0301", "--advisor", "HEM"),
    ),
    "buddy": (("case", "buddy", "2026-0301", "LBH"), ("case", "buddy", "2026-0301", "HEM")),
}


@pytest.fixture
def nord(team):
    """The team with HEM in Nord too; case 2026-0301 (MKJ, BL 86 since 06-01) and a network meeting on
    Saturday 08-22."""
    team.ok("advisor", "add", "HEM", "--name", "Hanne Egelund Madsen", "--team", "Nord")
    open_(team, "2026-0301", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0301", "network-meeting", "--on", "2026-08-22")
    return team


@pytest.mark.parametrize("role", ["primary", "buddy"])
def test_a_back_dated_change_trims_the_earlier_period_and_keeps_the_replaced_one_marked(nord, role):
    first, correction = BACKDATED[role]
    nord.ok(*first, "--on", "2026-09-01")
    # Rewriting the history needs a reason: refused without one, nothing written.
    assert_refused(nord, [*correction, "--on", "2026-08-01"], USAGE_ERROR, "--reason", "LBH", "2026-09-01")
    nord.ok(*correction, "--on", "2026-08-01", "--reason", "Forkert dato")

    periods = [p for p in history(nord, "2026-0301") if p[0] == role]
    if role == "primary":
        assert periods == [("primary", "MKJ", "2026-06-01", "2026-07-31"), ("primary", "HEM", "2026-08-01", None)]
    else:
        assert periods == [("buddy", "HEM", "2026-08-01", None)]
    # LBH's period stays in the history, marked corrected: by whom and why.
    assert corrected(nord, "2026-0301") == [(role, "LBH", "2026-09-01", None, ME, "Forkert dato")]
    card = nord.ok("case", "show", "2026-0301", "-f", "json").json()
    assert card["advisor" if role == "primary" else "buddy"] == "HEM"
    [entry] = [e for e in nord.ok("audit", "--case", "2026-0301", "-f", "json").json()
               if "corrects" in (e["detail"] or "")]  # fmt: skip
    assert entry["detail"].endswith("from 2026-08-01; corrects LBH from 2026-09-01: Forkert dato"), entry["detail"]


def test_a_back_dated_reassignment_credits_the_meeting_once(nord):
    """The issue's case: LBH from 09-01, corrected to HEM from 08-01; the report of 08-25 credits the
    network meeting of 08-22 to HEM alone (MKJ was primary until 07-31), the team total stays 1."""
    before = weekly(nord, "--team", "Nord", today="2026-08-25")["followups_last_7_days"]
    assert {r["advisor"]: r["followups"] for r in before} == {"MKJ": 1}
    nord.ok("case", "assign", "2026-0301", "--advisor", "LBH", "--on", "2026-09-01")
    nord.ok("case", "assign", "2026-0301", "--advisor", "HEM", "--on", "2026-08-01", "--reason", "Forkert dato")

    done = weekly(nord, "--team", "Nord", today="2026-08-25")["followups_last_7_days"]
    assert {r["advisor"]: r["followups"] for r in done} == {"HEM": 1}
    listed = nord.ok("case", "list", "--advisor", "LBH", "-f", "json", today=d("2026-09-05")).json()
    assert listed == []  # LBH never held it: the corrected period counts for nothing


@pytest.mark.parametrize(
    ("role", "on", "expected"),
    [
        # After the current period's start: the earlier period ends the day before, no reason needed.
        ("primary", "2026-10-01", [("primary", "MKJ", "2026-06-01", "2026-08-31"),
                                   ("primary", "LBH", "2026-09-01", "2026-09-30"),
                                   ("primary", "HEM", "2026-10-01", None)]),
        ("buddy", "2026-10-01", [("buddy", "LBH", "2026-09-01", "2026-09-30"), ("buddy", "HEM", "2026-10-01", None)]),
    ],
)  # fmt: skip
def test_a_later_change_needs_no_reason_and_replaces_nothing(nord, role, on, expected):
    first, second = BACKDATED[role]
    nord.ok(*first, "--on", "2026-09-01")
    nord.ok(*second, "--on", on)
    assert [p for p in history(nord, "2026-0301") if p[0] == role] == expected
    assert corrected(nord, "2026-0301") == []


def test_a_back_dated_buddy_change_is_the_new_primarys_when_the_buddy_takes_over(nord):
    # LBH buddy from 09-01; LBH takes over as primary from 08-15 (before the buddy period began): the
    # buddy period is replaced (kept, corrected), never left overlapping the primary period.
    nord.ok("case", "buddy", "2026-0301", "LBH", "--on", "2026-09-01")
    nord.ok("case", "assign", "2026-0301", "--advisor", "LBH", "--on", "2026-08-15", "--reason", "Overtog tidligere")
    assert history(nord, "2026-0301") == [
        ("primary", "MKJ", "2026-06-01", "2026-08-14"),
        ("primary", "LBH", "2026-08-15", None),
    ]
    assert corrected(nord, "2026-0301") == [("buddy", "LBH", "2026-09-01", None, ME, "Overtog tidligere")]


def test_the_core_team_back_dated_the_same_way(nord):
    nord.ok("case", "member", "add", "2026-0301", "LBH", "--role", "psykolog", "--on", "2026-09-01")
    assert_refused(
        nord, ["case", "member", "add", "2026-0301", "LBH", "--role", "psykolog", "--on", "2026-08-01"],
        USAGE_ERROR, "--reason", "LBH",
    )  # fmt: skip
    nord.ok("case", "member", "add", "2026-0301", "LBH", "--role", "psykolog", "--on", "2026-08-01",
            "--reason", "Forkert dato")  # fmt: skip
    assert core_team(nord, "2026-0301") == [("LBH", "psykolog", "2026-08-01", None)]
    assert corrected(nord, "2026-0301", "case_member") == [("psykolog", "LBH", "2026-09-01", None, ME, "Forkert dato")]
    # Left on 10-10 (back-dated), joined again on 11-01: two periods that do not overlap.
    nord.ok("case", "member", "remove", "2026-0301", "LBH", "--on", "2026-10-10")
    nord.ok("case", "member", "add", "2026-0301", "LBH", "--role", "tale-/hørekonsulent", "--on", "2026-11-01")
    assert core_team(nord, "2026-0301") == [
        ("LBH", "psykolog", "2026-08-01", "2026-10-10"),
        ("LBH", "tale-/hørekonsulent", "2026-11-01", None),
    ]
    team = nord.ok("case", "show", "2026-0301", "-f", "json").json()["team"]
    assert [(m["initials"], m["since"], m["until"]) for m in team] == [
        ("LBH", "2026-08-01", "2026-10-10"),
        ("LBH", "2026-11-01", None),
    ]  # the corrected period is not on the card


def test_leaving_and_joining_the_core_team_on_one_day_does_not_overlap(nord):
    nord.ok("case", "member", "add", "2026-0301", "LBH", "--role", "psykolog", "--on", "2026-09-01")
    nord.ok("case", "member", "remove", "2026-0301", "LBH")
    nord.ok("case", "member", "add", "2026-0301", "LBH", "--role", "tale-/hørekonsulent")
    assert core_team(nord, "2026-0301") == [
        ("LBH", "psykolog", "2026-09-01", "2026-11-21"),
        ("LBH", "tale-/hørekonsulent", "2026-11-22", None),
    ]


@pytest.mark.parametrize(
    ("argv", "code", "names"),
    [
        (["case", "member", "remove", "2026-0301", "LBH", "--on", "2026-08-31"], DOMAIN_ERROR,
         ("2026-08-31", "2026-09-01")),
        (["case", "member", "remove", "2026-0301", "LBH", "--on", "2026-11-23"], DOMAIN_ERROR,
         ("2026-11-23", "after today")),
        (["case", "member", "add", "2026-0301", "HEM", "--role", "psykolog", "--on", "2026-11-23"], DOMAIN_ERROR,
         ("2026-11-23", "after today")),
        (["case", "member", "add", "2026-0301", "HEM", "--role", "psykolog", "--on", "2026-05-31"], DOMAIN_ERROR,
         ("2026-05-31", "before case 2026-0301 opened")),
        (["case", "buddy", "2026-0301", "HEM", "--on", "2026-11-23"], DOMAIN_ERROR, ("2026-11-23", "after today")),
        (["case", "buddy", "2026-0301", "HEM", "--on", "2026-05-31"], DOMAIN_ERROR, ("2026-05-31", "opened")),
        (["case", "assign", "2026-0301", "--advisor", "HEM", "--on", "2026-11-23"], DOMAIN_ERROR, ("2026-11-23",)),
        # A reason only where the history is rewritten.
        (["case", "assign", "2026-0301", "--advisor", "HEM", "--reason", " "], USAGE_ERROR, ("--reason",)),
    ],
)  # fmt: skip
def test_back_dating_refusals_write_nothing(nord, argv, code, names):
    nord.ok("case", "member", "add", "2026-0301", "LBH", "--role", "psykolog", "--on", "2026-09-01")
    assert_refused(nord, argv, code, *names)
