"""Corrections never erase: each is a new dated entry with its reason; the wrong entry stays visible
in the history and the audit log, and the rules stop counting it.

`event void`, `event correct`, `event list` ids, `grant void`, `case reopen`, `case update`, the
Signs of Safety trend on the case card and in `explain`; `application void` and `application correct`,
`advisor leave` re-dated or undone (also by `import advisors --update`), and every kind of record's way
back (docs/rules.md "Correcting a record").

Dates are computed by hand (support.py): today is 2026-11-22; case 2026-0101 (fixture `case1`) opened
on 2026-06-01 with BL 86, so it follows up every 3 calendar months.
"""

from __future__ import annotations

import sqlite3

import pytest

from support import (
    DOMAIN_ERROR,
    ME,
    REF,
    USAGE_ERROR,
    assert_ok,
    assert_refused,
    audit_actions,
    card,
    d,
    weekly,
)

# =====================================================================================================
# Helpers
# =====================================================================================================


def events(s, ref: str = REF, *, include_void: bool = False) -> dict[int, dict]:
    """`event list` as JSON, by event id."""
    argv = ["event", "list", ref, "-f", "json"] + (["--all"] if include_void else [])
    return {e["id"]: e for e in s.ok(*argv).json()}


def explain(s, ref: str = REF, **kwargs) -> dict:
    return s.ok("explain", ref, "-f", "json", **kwargs).json()


def audit_of(s, action: str, ref: str = REF) -> list[dict]:
    return [row for row in audit_actions(s, ref) if row["action"] == action]


def close_forced(s, ref: str = REF, on: str = "2026-10-01") -> None:
    s.ok("case", "close", ref, "--reason", "Flyttet", "--on", on, "--force", "Familien er fraflyttet")


@pytest.fixture
def two_followups(case1):
    """Case 2026-0101 with follow-up 1 on 2026-08-01 (scale 4) and follow-up 2 on 2026-11-20 (scale 7).

    With both: next due 2026-11-20 + 3 months = 2027-02-20. Without event 2: 2026-08-01 + 3 months =
    2026-11-01, so the case is 21 days overdue on 2026-11-22.
    """
    case1.ok("event", "add", REF, "followup", "--on", "2026-08-01", "--scale", "4")
    case1.ok("event", "add", REF, "followup", "--on", "2026-11-20", "--scale", "7")
    return case1


# =====================================================================================================
# 3. event list shows each event's id
# =====================================================================================================


def test_event_list_shows_each_events_id_in_json_and_an_id_column_in_the_table(two_followups):
    listed = two_followups.ok("event", "list", REF, "-f", "json").json()
    assert [(e["id"], e["day"]) for e in listed] == [(1, "2026-08-01"), (2, "2026-11-20")]
    table = two_followups.ok("event", "list", REF).stdout
    header = next(line for line in table.splitlines() if "Date" in line)
    assert header.split("┃")[1].strip() == "Id", header  # the first column
    assert any(line.startswith("│  2 │ 2026-11-20") for line in table.splitlines()), table


# =====================================================================================================
# 1. event void
# =====================================================================================================


def test_void_event_stays_in_the_history_marked_with_who_and_why(two_followups):
    result = two_followups("event", "void", "2", "--reason", "Registreret på den forkerte sag", user="LBH")
    assert_ok(result)
    assert result.stdout == "Event 2 (followup on 2026-11-20) is void; it counts for nothing.\n"

    everything = events(two_followups, include_void=True)
    assert set(everything) == {1, 2}
    assert everything[2]["void"] is True
    assert everything[2]["voided_by"] == "LBH"  # the acting user, not the one who recorded it
    assert everything[2]["recorded_by"] == ME
    assert everything[2]["void_reason"] == "Registreret på den forkerte sag"
    assert everything[2]["counts"] is False
    assert everything[1]["void"] is False
    assert everything[1]["voided_by"] is None

    # the default listing hides it
    assert set(events(two_followups)) == {1}

    # the audit log keeps the reason
    (row,) = audit_of(two_followups, "event.void")
    assert row["user"] == "LBH"
    assert "Registreret på den forkerte sag" in row["detail"]


def test_void_follow_up_no_longer_counts_for_the_due_date(two_followups):
    before = explain(two_followups)
    assert (before["last_followup"], before["anchor"], before["next_due"]) == ("2026-11-20", "2026-11-20", "2027-02-20")
    assert not [r for r in two_followups.ok("overdue", "-f", "json").json() if r["case"] == REF]

    two_followups.ok("event", "void", "2", "--reason", "Mødet blev aflyst")

    after = explain(two_followups)
    # 2026-08-01 + 3 months = 2026-11-01; on 2026-11-22 that is 21 days overdue
    assert (after["last_followup"], after["anchor"], after["next_due"]) == ("2026-08-01", "2026-08-01", "2026-11-01")
    assert after["days_overdue"] == 21
    (row,) = [r for r in two_followups.ok("overdue", "-f", "json").json() if r["case"] == REF]
    assert (row["last_followup"], row["next_due"], row["days_overdue"]) == ("2026-08-01", "2026-11-01", 21)


def test_void_the_only_follow_up_puts_the_anchor_back_on_the_track_start(case1):
    case1.ok("event", "add", REF, "followup", "--on", "2026-09-01")
    case1.ok("event", "void", "1", "--reason", "Forkert sag")
    explained = explain(case1)
    # no follow-up left: the clock runs from the track start 2026-06-01 + 3 months = 2026-09-01
    assert (explained["last_followup"], explained["anchor"], explained["next_due"]) == (
        None,
        "2026-06-01",
        "2026-09-01",
    )


def test_void_scored_follow_up_leaves_the_signs_of_safety_trend(two_followups):
    assert card(two_followups)["signs_of_safety"]["latest"] == 7
    two_followups.ok("event", "void", "2", "--reason", "Forkert sag")
    trend = card(two_followups)["signs_of_safety"]
    assert trend == {
        "first": 4,
        "latest": 4,
        "change": 0,
        "measurements": 1,
        "series": [{"day": "2026-08-01", "scale": 4}],
    }
    assert explain(two_followups)["signs_of_safety"] == trend


def test_void_follow_up_drops_out_of_the_weekly_report(two_followups):
    def followups_this_week() -> int:
        return sum(r["followups"] for r in weekly(two_followups)["followups_last_7_days"])

    assert followups_this_week() == 1  # 2026-11-20 lies in 2026-11-16 .. 2026-11-22
    two_followups.ok("event", "void", "2", "--reason", "Forkert sag")
    assert followups_this_week() == 0


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(("event", "void", "99", "--reason", "Forkert"), DOMAIN_ERROR, ("99",), id="unknown-id"),
        pytest.param(("event", "void", "2"), USAGE_ERROR, ("--reason",), id="missing-reason"),
        pytest.param(("event", "void", "2", "--reason", " "), USAGE_ERROR, ("--reason",), id="blank-reason"),
        pytest.param(("event", "void", "to", "--reason", "Forkert"), USAGE_ERROR, ("to",), id="id-a-word"),
        pytest.param(("event", "void", "٣", "--reason", "Forkert"), USAGE_ERROR, ("٣",), id="id-arabic-indic-digit"),
        pytest.param(("event", "void", "0", "--reason", "Forkert"), USAGE_ERROR, ("0",), id="id-zero"),
    ],
)
def test_event_void_refusals(two_followups, argv, exit_code, names):
    assert_refused(two_followups, list(argv), exit_code, *names)


def test_event_void_twice_is_refused(two_followups):
    two_followups.ok("event", "void", "2", "--reason", "Forkert sag")
    assert_refused(two_followups, ["event", "void", "2", "--reason", "Igen"], DOMAIN_ERROR, "2")


# =====================================================================================================
# 2. event correct
# =====================================================================================================


def test_correct_the_date_voids_the_old_event_and_records_the_new_one(case1):
    case1.ok("event", "add", REF, "followup", "--on", "2026-11-20", "--scale", "6", "--note", "Ny skole")
    result = case1("event", "correct", "1", "--on", "2026-11-19", "--reason", "Forkert dato")
    assert_ok(result)
    assert result.stdout == "Event 1 corrected: now event 2, followup on 2026-11-19.\n"

    everything = events(case1, include_void=True)
    old, new = everything[1], everything[2]
    assert old["void"] is True
    assert old["void_reason"].startswith("corrected:")
    assert "Forkert dato" in old["void_reason"]
    assert (old["day"], old["corrects"]) == ("2026-11-20", None)
    # the corrected event: the new date, everything else carried over, linked to the old one
    assert (new["day"], new["kind"], new["scale"], new["note"]) == ("2026-11-19", "followup", 6, "Ny skole")
    assert (new["void"], new["corrects"]) == (False, 1)
    assert set(events(case1)) == {2}

    explained = explain(case1)
    assert (explained["last_followup"], explained["anchor"], explained["next_due"]) == (
        "2026-11-19",
        "2026-11-19",
        "2027-02-19",
    )
    actions = [row["action"] for row in audit_actions(case1)]
    assert {"event.void", "event.add", "event.correct"} <= set(actions)
    (row,) = audit_of(case1, "event.correct")
    assert "Forkert dato" in row["detail"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # (the correction's options, the corrected event's (kind, scale, note))
        pytest.param(("--kind", "home-visit"), ("home-visit", 6, None), id="kind-counting-keeps-scale"),
        pytest.param(("--kind", "phone"), ("phone", None, None), id="kind-not-counting-drops-scale"),
        pytest.param(("--scale", "3"), ("followup", 3, None), id="scale"),
        pytest.param(("--note", "Mor deltog"), ("followup", 6, "Mor deltog"), id="note"),
    ],
)
def test_correct_kind_scale_or_note(case1, options, expected):
    case1.ok("event", "add", REF, "followup", "--on", "2026-11-20", "--scale", "6")
    case1.ok("event", "correct", "1", *options, "--reason", "Tastefejl")
    (new,) = events(case1).values()
    assert (new["kind"], new["scale"], new["note"]) == expected
    assert (new["day"], new["corrects"]) == ("2026-11-20", 1)


@pytest.fixture
def correctable(case1):
    """Event 1: a follow-up on 2026-11-20; event 2: an sms on 2026-11-21; event 3: void already."""
    case1.ok("event", "add", REF, "followup", "--on", "2026-11-20")
    case1.ok("event", "add", REF, "sms", "--on", "2026-11-21")
    case1.ok("event", "add", REF, "phone", "--on", "2026-11-21")
    case1.ok("event", "void", "3", "--reason", "Forkert sag")
    return case1


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(("event", "correct", "1", "--reason", "Fejl"), USAGE_ERROR, ("--on",), id="nothing-to-correct"),
        pytest.param(
            ("event", "correct", "3", "--on", "2026-11-20", "--reason", "Fejl"), DOMAIN_ERROR, ("3",), id="void-event"
        ),
        pytest.param(
            ("event", "correct", "1", "--on", "2026-11-23", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("2026-11-23",),
            id="date-after-today",
        ),
        pytest.param(
            ("event", "correct", "2", "--scale", "5", "--reason", "Fejl"), DOMAIN_ERROR, ("sms",), id="scale-on-sms"
        ),
        pytest.param(
            ("event", "correct", "1", "--kind", "sms", "--scale", "5", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("sms",),
            id="scale-with-kind-sms",
        ),
        pytest.param(("event", "correct", "1", "--on", "2026-11-19"), USAGE_ERROR, ("--reason",), id="missing-reason"),
        pytest.param(
            ("event", "correct", "99", "--on", "2026-11-19", "--reason", "Fejl"), DOMAIN_ERROR, ("99",), id="unknown-id"
        ),
        # the void of event 1 happens first inside the correction: it must be rolled back with the rest
        pytest.param(
            ("event", "correct", "1", "--note", "x" * 2001, "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("2,000",),
            id="note-too-long-voids-nothing",
        ),
    ],
)
def test_event_correct_refusals(correctable, argv, exit_code, names):
    assert_refused(correctable, list(argv), exit_code, *names)


# =====================================================================================================
# 4. grant void
# =====================================================================================================


@pytest.fixture
def investigated(case1):
    """Case 2026-0101: BL 86 since 2026-06-01 and BL 20 since 2026-09-14, so on the 6-week track
    since 2026-09-14."""
    case1.ok("grant", "add", REF, "BL 20", "--from", "2026-09-14")
    explained = explain(case1)
    assert (explained["track"], explained["track_since"]) == ("6w", "2026-09-14")
    return case1


def grant_ids(s, code: str) -> list[int]:
    with sqlite3.connect(s.db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM grants WHERE code = ? ORDER BY start", (code,))]


@pytest.mark.parametrize("which", ["BL 20", "bl20", "id"], ids=["by-code", "by-code-forgiving", "by-id"])
def test_grant_void_is_as_if_the_grant_never_applied(investigated, which):
    if which == "id":
        (which,) = map(str, grant_ids(investigated, "BL 20"))
    result = investigated("grant", "void", REF, which, "--reason", "Bevilget på den forkerte sag")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: BL 20 from 2026-09-14 is void; the track is recomputed.\n"
    explained = explain(investigated)
    # back on the 3-month track from the opening, as if BL 20 had never been granted
    assert (explained["track"], explained["track_since"], explained["paragraphs"]) == ("3m", "2026-06-01", ["BL 86"])
    assert [(h["from"], h["to"], h["track"]) for h in explained["history"]] == [("2026-06-01", None, "3m")]
    assert explained["next_due"] == "2026-09-01"  # 2026-06-01 + 3 months, no follow-up recorded
    assert [g["code"] for g in card(investigated)["grants"]] == ["BL 86"]
    (row,) = audit_of(investigated, "grant.void")
    assert "Bevilget på den forkerte sag" in row["detail"]
    assert len(investigated.rows("grants")) == 2  # kept, marked void


def test_grant_end_keeps_the_grant_as_having_applied_unlike_grant_void(investigated):
    investigated.ok("grant", "end", REF, "BL 20", "--on", "2026-10-31")
    explained = explain(investigated)
    # BL 20 applied 2026-09-14 .. 2026-10-31: the 6-week period stays in the history
    assert [(h["from"], h["to"], h["track"]) for h in explained["history"]] == [
        ("2026-06-01", "2026-09-13", "3m"),
        ("2026-09-14", "2026-10-31", "6w"),
        ("2026-11-01", None, "3m"),
    ]
    assert explained["track_since"] == "2026-11-01"


@pytest.fixture
def bl20_twice(case1):
    """Case 2026-0101 with BL 20 twice: 2026-07-01 .. 2026-07-31, and from 2026-09-14."""
    case1.ok("grant", "add", REF, "BL 20", "--from", "2026-07-01", "--to", "2026-07-31")
    case1.ok("grant", "add", REF, "BL 20", "--from", "2026-09-14")
    return case1


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(
            ("grant", "void", REF, "SEL 50", "--reason", "Fejl"), DOMAIN_ERROR, ("SEL 50",), id="paragraph-not-on-case"
        ),
        pytest.param(("grant", "void", REF, "99", "--reason", "Fejl"), DOMAIN_ERROR, ("99",), id="unknown-id"),
        pytest.param(("grant", "void", REF, "BL 20", "--reason", "Fejl"), USAGE_ERROR, ("id",), id="ambiguous-code"),
        pytest.param(("grant", "void", REF, "BL 86"), USAGE_ERROR, ("--reason",), id="missing-reason"),
        pytest.param(("grant", "void", REF, "BL 86", "--reason", "  "), USAGE_ERROR, ("--reason",), id="blank-reason"),
    ],
)
def test_grant_void_refusals(bl20_twice, argv, exit_code, names):
    assert_refused(bl20_twice, list(argv), exit_code, *names)


def test_grant_void_of_one_of_two_grants_of_a_paragraph_by_its_id(bl20_twice):
    first, second = grant_ids(bl20_twice, "BL 20")
    bl20_twice.ok("grant", "void", REF, str(second), "--reason", "Bevilget to gange")
    explained = explain(bl20_twice)
    assert [(h["from"], h["to"], h["track"]) for h in explained["history"]] == [
        ("2026-06-01", "2026-06-30", "3m"),
        ("2026-07-01", "2026-07-31", "6w"),
        ("2026-08-01", None, "3m"),
    ]


# =====================================================================================================
# 5. case reopen
# =====================================================================================================


@pytest.mark.parametrize(
    ("paragraphs", "track", "next_due"),
    [
        pytest.param(("BL 86",), "3m", "2027-02-02", id="3-months"),  # 2026-11-02 + 3 months
        pytest.param(("BL 86", "BL 20"), "6w", "2026-12-14", id="6-weeks"),  # 2026-11-02 + 42 days
    ],
)
def test_reopened_case_is_open_keeps_its_closure_and_runs_from_the_reopening_day(
    team, open_case, paragraphs, track, next_due
):
    open_case(REF, *paragraphs, opened="2026-06-01")
    team.ok("event", "add", REF, "followup", "--on", "2026-07-01")
    close_forced(team, on="2026-10-01")
    result = team("case", "reopen", REF, "--reason", "Lukket ved en fejl", "--on", "2026-11-02", user="LBH")
    assert_ok(result)
    assert result.stdout == f"Reopened case {REF} on 2026-11-02.\n"

    shown = card(team)
    assert (shown["status"], shown["closed"]) == ("open", None)
    assert shown["closures"] == [
        {
            "closed": "2026-10-01",
            "reason": "Flyttet",
            "closed_by": ME,
            "reopened": "2026-11-02",
            "reopened_by": "LBH",
            "reopen_reason": "Lukket ved en fejl",
        }
    ]
    explained = explain(team)
    assert explained["status"] == "open"
    assert (explained["track"], explained["last_followup"]) == (track, "2026-07-01")
    assert (explained["anchor"], explained["next_due"]) == ("2026-11-02", next_due)
    (row,) = audit_of(team, "case.reopen")
    assert "Lukket ved en fejl" in row["detail"]


def test_reopen_defaults_to_today_and_a_later_follow_up_anchors_the_clock(case1):
    close_forced(case1, on="2026-10-01")
    case1.ok("case", "reopen", REF, "--reason", "Lukket ved en fejl")
    assert card(case1)["closures"][0]["reopened"] == "2026-11-22"
    assert explain(case1)["anchor"] == "2026-11-22"
    case1.ok("event", "add", REF, "followup", "--on", "2026-11-22")
    assert explain(case1, today=d("2026-12-01"))["anchor"] == "2026-11-22"


@pytest.mark.parametrize(
    ("closed", "argv", "exit_code", "names"),
    [
        pytest.param(False, ("case", "reopen", REF, "--reason", "Fejl"), DOMAIN_ERROR, (REF,), id="open-case"),
        pytest.param(
            True,
            ("case", "reopen", REF, "--reason", "Fejl", "--on", "2026-09-30"),
            DOMAIN_ERROR,
            ("2026-09-30",),
            id="before-closing-date",
        ),
        pytest.param(
            True,
            ("case", "reopen", REF, "--reason", "Fejl", "--on", "2026-11-23"),
            DOMAIN_ERROR,
            ("2026-11-23",),
            id="after-today",
        ),
        pytest.param(True, ("case", "reopen", REF), USAGE_ERROR, ("--reason",), id="missing-reason"),
        pytest.param(True, ("case", "reopen", REF, "--reason", " "), USAGE_ERROR, ("--reason",), id="blank-reason"),
    ],
)
def test_case_reopen_refusals(case1, closed, argv, exit_code, names):
    if closed:
        close_forced(case1, on="2026-10-01")
    assert_refused(case1, list(argv), exit_code, *names)


# =====================================================================================================
# 9. case update
# =====================================================================================================


@pytest.mark.parametrize(
    ("options", "field", "expected"),
    [
        pytest.param(("--child", "Alma Holm-Berg"), "child", "Alma Holm-Berg", id="child"),
        pytest.param(("--born", "2015-04-01"), "born", "2015-04-01", id="born"),
        pytest.param(("--cpr", "150315-4001"), "born", "2015-03-15", id="cpr-gives-born"),
        pytest.param(("--cpr", "150315-4001"), "cpr", "150315-XXXX", id="cpr-masked"),
        pytest.param(("--complex",), "complex", True, id="complex"),
    ],
)
def test_case_update_changes_the_field_and_audits_the_reason(case1, options, field, expected):
    result = case1("case", "update", REF, *options, "--reason", "Stavefejl")
    assert_ok(result)
    assert result.stdout == f"Updated case {REF}.\n"
    assert card(case1)[field] == expected
    (row,) = audit_of(case1, "case.update")
    assert "Stavefejl" in row["detail"]


def test_case_update_no_complex(case1):
    case1.ok("case", "update", REF, "--complex", "--reason", "Kompleks")
    case1.ok("case", "update", REF, "--no-complex", "--reason", "Ikke længere kompleks")
    assert card(case1)["complex"] is False
    assert len(audit_of(case1, "case.update")) == 2


@pytest.mark.parametrize(
    ("closed", "argv", "exit_code", "names"),
    [
        pytest.param(False, ("case", "update", REF, "--reason", "Fejl"), USAGE_ERROR, (), id="nothing-to-update"),
        pytest.param(
            False,
            ("case", "update", REF, "--born", "2015-03-15", "--cpr", "150315-4001", "--reason", "Fejl"),
            USAGE_ERROR,
            ("--born", "--cpr"),
            id="born-and-cpr",
        ),
        pytest.param(
            False, ("case", "update", REF, "--child", "  ", "--reason", "Fejl"), USAGE_ERROR, ("--child",), id="blank"
        ),
        pytest.param(False, ("case", "update", REF, "--child", "Alma"), USAGE_ERROR, ("--reason",), id="no-reason"),
        pytest.param(
            True,
            ("case", "update", REF, "--child", "Alma", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("case reopen",),
            id="closed-case",
        ),
    ],
)
def test_case_update_refusals(case1, closed, argv, exit_code, names):
    if closed:
        close_forced(case1, on="2026-10-01")
    assert_refused(case1, list(argv), exit_code, *names)


# =====================================================================================================
# 15. The Signs of Safety trend
# =====================================================================================================


def test_signs_of_safety_trend_on_the_card_and_in_explain(case1):
    # recorded out of order: the trend follows the dates
    case1.ok("event", "add", REF, "followup", "--on", "2026-09-01", "--scale", "5")
    case1.ok("event", "add", REF, "home-visit", "--on", "2026-07-01", "--scale", "3")
    case1.ok("event", "add", REF, "followup", "--on", "2026-10-01")  # no scale: not a measurement
    case1.ok("event", "add", REF, "followup", "--on", "2026-11-01", "--scale", "8")
    expected = {
        "first": 3,
        "latest": 8,
        "change": 5,
        "measurements": 3,
        "series": [
            {"day": "2026-07-01", "scale": 3},
            {"day": "2026-09-01", "scale": 5},
            {"day": "2026-11-01", "scale": 8},
        ],
    }
    assert card(case1)["signs_of_safety"] == expected
    assert explain(case1)["signs_of_safety"] == expected


def test_signs_of_safety_trend_can_fall(case1):
    case1.ok("event", "add", REF, "followup", "--on", "2026-07-01", "--scale", "6")
    case1.ok("event", "add", REF, "followup", "--on", "2026-10-01", "--scale", "2")
    trend = card(case1)["signs_of_safety"]
    assert (trend["first"], trend["latest"], trend["change"], trend["measurements"]) == (6, 2, -4, 2)


@pytest.mark.parametrize(
    "recorded",
    [
        pytest.param((), id="no-events"),
        pytest.param((("followup", "2026-09-01"), ("sms", "2026-10-01")), id="follow-ups-without-scale"),
    ],
)
def test_signs_of_safety_is_null_without_a_scored_follow_up(case1, recorded):
    for kind, on in recorded:
        case1.ok("event", "add", REF, kind, "--on", on)
    assert card(case1)["signs_of_safety"] is None
    explained = explain(case1)
    assert "signs_of_safety" in explained
    assert explained["signs_of_safety"] is None


# =====================================================================================================
# Issue 19: application void and correct
# =====================================================================================================


def applications(s, *argv: str, **kwargs) -> dict[int, dict]:
    """`application list` as JSON, by id."""
    return {a["id"]: a for a in s.ok("application", "list", *argv, "-f", "json", **kwargs).json()}


def barometer_total(s) -> dict:
    data = s.ok("barometer", "--from", "2026-06-01", "--to", "2026-11-22", "-f", "json").json()
    total = data["total"]
    return {k: total[k] for k in ("applications_decided", "applications_in_time", "applications_open_late")}


@pytest.fixture
def applied(case1):
    """BL 87 decided within 8 weeks. Application 1: received 2026-09-01 (deadline 2026-10-27), refused on
    2026-10-28, one day late. Application 2: received 2026-09-15 (deadline 2026-11-10), open, overdue."""
    case1.ok("frist", "set", "BL 87", "8", "--unit", "weeks")
    case1.ok("application", "add", REF, "BL 87", "--received", "2026-09-01")
    case1.ok("application", "decide", "1", "--outcome", "refused", "--on", "2026-10-28")
    case1.ok("application", "add", REF, "BL 87", "--received", "2026-09-15")
    assert barometer_total(case1) == {"applications_decided": 1, "applications_in_time": 0, "applications_open_late": 1}
    return case1


def test_application_void_counts_for_nothing_and_stays_in_the_history(applied):
    result = applied("application", "void", "2", "--reason", "Registreret på den forkerte sag", user="LBH")
    assert_ok(result)
    assert result.stdout == "Application 2 (BL 87 received 2026-09-15) is void; it counts for nothing.\n"
    assert set(applications(applied)) == {1}  # the listing leaves it out
    assert [r for r in applied.ok("deadlines", "-f", "json").json() if r["kind"] == "application"] == []
    assert barometer_total(applied) == {
        "applications_decided": 1,
        "applications_in_time": 0,
        "applications_open_late": 0,
    }
    everything = applications(applied, "--all")
    assert set(everything) == {1, 2}
    void = everything[2]
    assert (void["void"], void["voided_by"], void["void_reason"], void["corrects"]) == (
        True,
        "LBH",
        "Registreret på den forkerte sag",
        None,
    )
    assert (void["received"], void["recorded_by"]) == ("2026-09-15", ME)
    assert everything[1]["void"] is False
    (row,) = audit_of(applied, "application.void")
    assert row["user"] == "LBH"
    assert "Registreret på den forkerte sag" in row["detail"] and "2026-09-15" in row["detail"]


def test_application_void_of_a_decided_application_leaves_the_barometer(applied):
    applied.ok("application", "void", "1", "--reason", "Dobbeltregistreret")
    assert barometer_total(applied) == {
        "applications_decided": 0,
        "applications_in_time": 0,
        "applications_open_late": 1,
    }


def test_application_correct_received_counts_with_the_corrected_date(applied):
    # received 2026-09-10 after all: 8 weeks gives 2026-11-05, so the refusal on 2026-10-28 was in time
    result = applied("application", "correct", "1", "--received", "2026-09-10", "--reason", "Forkert modtagelsesdato")
    assert_ok(result)
    assert result.stdout == (
        "Application 1 corrected: now application 3, BL 87 received 2026-09-10, refused on 2026-10-28; "
        "deadline 2026-11-05 (8 weeks from receipt).\n"
    )
    shown = applications(applied)
    assert set(shown) == {2, 3}
    new = shown[3]
    assert (new["received"], new["deadline"], new["decided"], new["outcome"], new["status"]) == (
        "2026-09-10",
        "2026-11-05",
        "2026-10-28",
        "refused",
        "decided in time",
    )
    assert barometer_total(applied) == {
        "applications_decided": 1,
        "applications_in_time": 1,
        "applications_open_late": 1,
    }
    # the old values stay visible: the old row, marked, and the audit log
    everything = applications(applied, "--all")
    old = everything[1]
    assert (old["void"], old["received"], old["deadline"], old["status"]) == (
        True,
        "2026-09-01",
        "2026-10-27",
        "decided late",
    )
    assert old["void_reason"].startswith("corrected:") and "Forkert modtagelsesdato" in old["void_reason"]
    assert (everything[3]["corrects"], everything[3]["void"]) == (1, False)
    (row,) = audit_of(applied, "application.correct")
    assert "1 -> 3" in row["detail"] and "Forkert modtagelsesdato" in row["detail"]
    assert "received 2026-09-10 (was 2026-09-01)" in row["detail"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # (the correction's options, the corrected application's (decided, outcome, letter))
        pytest.param(("--outcome", "partly"), ("2026-10-28", "partly", None), id="outcome"),
        pytest.param(("--on", "2026-10-20"), ("2026-10-20", "refused", None), id="decision-date"),
        pytest.param(("--letter", "2026-10-20"), ("2026-10-28", "refused", "2026-10-20"), id="letter"),
    ],
)
def test_application_correct_outcome_decision_date_or_letter(applied, options, expected):
    applied.ok("application", "correct", "1", *options, "--reason", "Tastefejl")
    new = applications(applied)[3]
    assert (new["decided"], new["outcome"], new["letter"]) == expected
    assert new["received"] == "2026-09-01"
    assert applications(applied, "--all")[1]["outcome"] == "refused"  # the old one kept as it was


def test_application_correct_keeps_the_grant_its_decision_added(frister_granted):
    frister_granted.ok("application", "correct", "1", "--on", "2026-11-19", "--reason", "Forkert dato")
    new = applications(frister_granted)[2]
    assert (new["decided"], new["outcome"], new["grant_id"]) == ("2026-11-19", "granted", 2)


@pytest.fixture
def frister_granted(case1):
    """Application 1: BL 87 received 2026-11-02, granted on 2026-11-20 with grant 2 from 2026-12-01."""
    case1.ok("frist", "set", "BL 87", "8", "--unit", "weeks")
    case1.ok("application", "add", REF, "BL 87", "--received", "2026-11-02")
    case1.ok("application", "decide", "1", "--outcome", "granted", "--on", "2026-11-20", "--grant-from", "2026-12-01")
    return case1


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(("application", "void", "1", "--reason", "Fejl"), id="void"),
        pytest.param(("application", "correct", "1", "--outcome", "refused", "--reason", "Fejl"), id="refused"),
    ],
)
def test_an_application_whose_grant_stands_is_not_voided_or_refused(frister_granted, argv):
    assert_refused(frister_granted, list(argv), DOMAIN_ERROR, "grant 2", "grant void")
    frister_granted.ok("grant", "void", REF, "2", "--reason", "Bevilget ved en fejl")
    frister_granted.ok(*argv)


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(("application", "void", "99", "--reason", "Fejl"), DOMAIN_ERROR, ("99",), id="void-unknown-id"),
        pytest.param(("application", "void", "1"), USAGE_ERROR, ("--reason",), id="void-missing-reason"),
        pytest.param(("application", "void", "1", "--reason", " "), USAGE_ERROR, ("--reason",), id="void-blank-reason"),
        pytest.param(("application", "void", "3", "--reason", "Igen"), DOMAIN_ERROR, ("3",), id="void-twice"),
        pytest.param(("application", "correct", "1", "--reason", "Fejl"), USAGE_ERROR, ("--received",), id="nothing"),
        pytest.param(
            ("application", "correct", "1", "--received", "2026-09-02"), USAGE_ERROR, ("--reason",), id="no-reason"
        ),
        pytest.param(
            ("application", "correct", "3", "--received", "2026-09-02", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("3",),
            id="correct-a-void-one",
        ),
        pytest.param(
            ("application", "correct", "99", "--received", "2026-09-02", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("99",),
            id="correct-unknown-id",
        ),
        pytest.param(
            ("application", "correct", "2", "--outcome", "granted", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("application decide",),
            id="outcome-of-an-undecided-one",
        ),
        pytest.param(
            ("application", "correct", "1", "--received", "2026-11-23", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("2026-11-23",),
            id="received-after-today",
        ),
        pytest.param(
            ("application", "correct", "1", "--received", "2026-10-29", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("2026-10-28", "2026-10-29"),
            id="received-after-the-decision",
        ),
        pytest.param(
            ("application", "correct", "1", "--on", "2026-08-31", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("2026-08-31",),
            id="decided-before-receipt",
        ),
        pytest.param(
            ("application", "correct", "1", "--letter", "2026-10-29", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("2026-10-28",),
            id="letter-after-the-decision",
        ),
        pytest.param(
            ("application", "correct", "1", "--outcome", "maybe", "--reason", "Fejl"),
            USAGE_ERROR,
            ("maybe",),
            id="unknown-outcome",
        ),
    ],
)
def test_application_void_and_correct_refusals(applied, argv, exit_code, names):
    applied.ok("application", "add", REF, "BL 87", "--received", "2026-10-01")  # 3, voided
    applied.ok("application", "void", "3", "--reason", "Forkert sag")
    assert_refused(applied, list(argv), exit_code, *names)


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(("application", "decide", "1", "--outcome", "granted"), id="decide"),
        pytest.param(("application", "letter", "1", "--on", "2026-11-20"), id="letter"),
    ],
)
def test_a_void_application_takes_no_decision_or_letter(case1, argv):
    case1.ok("application", "add", REF, "BL 87", "--received", "2026-11-02")
    case1.ok("application", "void", "1", "--reason", "Forkert sag")
    assert_refused(case1, list(argv), DOMAIN_ERROR, "1", "void")


# =====================================================================================================
# Issue 19: advisor leave re-dated or undone
# =====================================================================================================


def advisors(s, *options: str, **kwargs) -> dict[str, dict]:
    return {a["initials"]: a for a in s.ok("advisor", "list", *options, "-f", "json", **kwargs).json()}


def staff_audit(s, action: str) -> list[dict]:
    return [row for row in s.ok("audit", "-f", "json").json() if row["action"] == action]


@pytest.fixture
def mkj_leaves(case1):
    """MKJ (primary advisor of 2026-0101) leaves on 2026-11-20."""
    case1.ok("advisor", "leave", "MKJ", "--on", "2026-11-20")
    assert "MKJ" not in advisors(case1)
    return case1


def test_advisor_leave_again_with_a_reason_moves_the_last_day(mkj_leaves):
    result = mkj_leaves("advisor", "leave", "MKJ", "--on", "2026-12-31", "--reason", "Opsigelsen blev forlænget")
    assert_ok(result)
    assert result.stdout == "Advisor MKJ (Mette Kjær Jensen): last day moved from 2026-11-20 to 2026-12-31.\n"
    assert "MKJ" in advisors(mkj_leaves)  # staff again until 2026-12-31
    assert advisors(mkj_leaves, "--all")["MKJ"]["left"] == "2026-12-31"
    assert "MKJ" not in advisors(mkj_leaves, today=d("2027-01-01"))
    mkj_leaves.ok("advisor", "away", "MKJ", "--from", "2026-11-23", "--to", "2026-11-27")  # staff again
    (row,) = staff_audit(mkj_leaves, "advisor.leave-correct")
    assert row["detail"] == "MKJ: last day 2026-12-31 (was 2026-11-20): Opsigelsen blev forlænget"


def test_advisor_leave_undo_makes_them_staff_again(mkj_leaves):
    result = mkj_leaves("advisor", "leave", "MKJ", "--undo", "--reason", "Registreret ved en fejl")
    assert_ok(result)
    assert result.stdout == "Advisor MKJ (Mette Kjær Jensen): the leave on 2026-11-20 is undone.\n"
    assert advisors(mkj_leaves)["MKJ"]["left"] is None
    assert card(mkj_leaves)["advisor"] == "MKJ"
    assert "advisor has left" not in " ".join(card(mkj_leaves)["attention"])
    (row,) = staff_audit(mkj_leaves, "advisor.leave-undo")
    assert row["detail"] == "MKJ: last day 2026-11-20 undone: Registreret ved en fejl"
    # and they may leave again, on another day
    mkj_leaves.ok("advisor", "leave", "MKJ", "--on", "2026-12-31")
    assert advisors(mkj_leaves, "--all")["MKJ"]["left"] == "2026-12-31"


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(
            ("advisor", "leave", "MKJ", "--on", "2026-12-31"),
            DOMAIN_ERROR,
            ("2026-11-20", "--reason"),
            id="redate-without-reason",
        ),  # fmt: skip
        pytest.param(
            ("advisor", "leave", "MKJ", "--on", "2026-12-31", "--reason", " "),
            USAGE_ERROR,
            ("--reason",),
            id="redate-blank-reason",
        ),  # fmt: skip
        pytest.param(
            ("advisor", "leave", "MKJ", "--on", "2026-11-20", "--reason", "Fejl"),
            DOMAIN_ERROR,
            ("2026-11-20",),
            id="same-day",
        ),  # fmt: skip
        pytest.param(("advisor", "leave", "MKJ", "--undo"), USAGE_ERROR, ("--reason",), id="undo-without-reason"),
        pytest.param(
            ("advisor", "leave", "MKJ", "--undo", "--on", "2026-12-31", "--reason", "Fejl"),
            USAGE_ERROR,
            ("--on", "--undo"),
            id="undo-and-on",
        ),  # fmt: skip
        pytest.param(("advisor", "leave", "MKJ"), USAGE_ERROR, ("--on", "--undo"), id="neither"),
        pytest.param(
            ("advisor", "leave", "LBH", "--undo", "--reason", "Fejl"), DOMAIN_ERROR, ("LBH",), id="undo-not-left"
        ),  # fmt: skip
    ],
)
def test_advisor_leave_correction_refusals(mkj_leaves, argv, exit_code, names):
    assert_refused(mkj_leaves, list(argv), exit_code, *names)


# =====================================================================================================
# Issue 19: import advisors --update re-dates or clears a leave
# =====================================================================================================


def _advisor_file(tmp_path, left: str):
    path = tmp_path / "advisors.csv"
    path.write_text(f"initials,name,team,left\nMKJ,Mette Kjær Jensen,Nord,{left}\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("left", "expected", "action"),
    [
        pytest.param("2026-12-31", "2026-12-31", "advisor.leave-correct", id="re-dated"),
        pytest.param("", None, "advisor.leave-undo", id="cleared"),
    ],
)
def test_import_advisors_update_re_dates_or_clears_a_leave(mkj_leaves, tmp_path, left, expected, action):
    path = _advisor_file(tmp_path, left)
    assert_refused(mkj_leaves, ["import", "advisors", path], DOMAIN_ERROR, "conflict", "2026-11-20")
    assert advisors(mkj_leaves, "--all")["MKJ"]["left"] == "2026-11-20"
    result = mkj_leaves.ok("import", "advisors", path, "--update")
    assert result.stdout.endswith("0 new, 0 unchanged, 1 updated, 0 conflicts, 0 rejected.\n")
    assert advisors(mkj_leaves, "--all")["MKJ"]["left"] == expected
    (row,) = staff_audit(mkj_leaves, action)
    assert "was 2026-11-20" in row["detail"] or "2026-11-20 undone" in row["detail"]
    assert row["detail"].endswith("(import advisors.csv line 2)")
    assert mkj_leaves.ok("import", "advisors", path).stdout.endswith(
        "1 unchanged, 0 updated, 0 conflicts, 0 rejected.\n"
    )


def test_import_advisors_without_a_left_column_leaves_a_leave_alone(mkj_leaves, tmp_path):
    path = tmp_path / "advisors.csv"
    path.write_text("initials,name,team\nMKJ,Mette Kjær Jensen,Nord\n", encoding="utf-8")
    assert mkj_leaves.ok("import", "advisors", str(path)).stdout.endswith(
        "1 unchanged, 0 updated, 0 conflicts, 0 rejected.\n"
    )
    assert advisors(mkj_leaves, "--all")["MKJ"]["left"] == "2026-11-20"


def test_import_advisors_update_records_a_first_last_day(case1, tmp_path):
    """Only the last day differs: the import records the leave (it used to refuse: 'nothing to update')."""
    result = case1.ok("import", "advisors", _advisor_file(tmp_path, "2026-12-31"), "--update")
    assert result.stdout.endswith("0 new, 0 unchanged, 1 updated, 0 conflicts, 0 rejected.\n")
    assert advisors(case1, "--all")["MKJ"]["left"] == "2026-12-31"
    (row,) = staff_audit(case1, "advisor.leave")
    assert row["detail"] == "MKJ on 2026-12-31; open cases: 1 (import advisors.csv line 2)"


# =====================================================================================================
# Issue 19: every kind of record has its way back (docs/rules.md "Correcting a record")
# =====================================================================================================

CLOSE = ("case", "close", REF, "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Familien er fraflyttet")
GOAL = ("goal", "add", REF, "Alma sover i egen seng", "--horizon", "short", "--owner", "family")

#: (the record, the steps that record it on case 2026-0101, the command that corrects it, its audit action)
EVERY_KIND = [
    ("case-fields", [], ("case", "update", REF, "--child", "Alma Holm-Berg", "--reason", "Stavefejl"), "case.update"),
    ("case-closing", [CLOSE], ("case", "reopen", REF, "--reason", "Lukket ved en fejl"), "case.reopen"),
    ("primary-advisor", [], ("case", "assign", REF, "--advisor", "LBH"), "case.assign"),
    ("buddy", [("case", "buddy", REF, "LBH")], ("case", "buddy", REF, "--remove"), "case.buddy"),
    ("core-team", [("case", "member", "add", REF, "LBH", "--role", "psykolog")],
     ("case", "member", "remove", REF, "LBH"), "case.member.remove"),
    ("grant", [("grant", "add", REF, "BL 20", "--from", "2026-09-14")],
     ("grant", "void", REF, "BL 20", "--reason", "Forkert sag"), "grant.void"),
    ("event-void", [("event", "add", REF, "followup", "--on", "2026-11-20")],
     ("event", "void", "1", "--reason", "Forkert sag"), "event.void"),
    ("event-correct", [("event", "add", REF, "followup", "--on", "2026-11-20")],
     ("event", "correct", "1", "--on", "2026-11-19", "--reason", "Forkert dato"), "event.correct"),
    ("application-void", [("application", "add", REF, "BL 87", "--received", "2026-11-02")],
     ("application", "void", "1", "--reason", "Forkert sag"), "application.void"),
    ("application-correct", [("application", "add", REF, "BL 87", "--received", "2026-11-02"),
                             ("application", "decide", "1", "--outcome", "refused", "--on", "2026-11-20")],
     ("application", "correct", "1", "--outcome", "partly", "--reason", "Tastefejl"), "application.correct"),
    ("advisor", [], ("advisor", "update", "LBH", "--name", "Lars Bøgh"), "advisor.update"),
    ("advisor-last-day-moved", [("advisor", "leave", "LBH", "--on", "2026-11-20")],
     ("advisor", "leave", "LBH", "--on", "2026-12-31", "--reason", "Forlænget"), "advisor.leave-correct"),
    ("advisor-last-day-undone", [("advisor", "leave", "LBH", "--on", "2026-11-20")],
     ("advisor", "leave", "LBH", "--undo", "--reason", "Fejl"), "advisor.leave-undo"),
    ("absence", [("advisor", "away", "LBH", "--from", "2026-12-21", "--to", "2027-01-01")],
     ("advisor", "absence-remove", "1", "--reason", "Aflyst"), "advisor.absence-remove"),
    ("actor", [("actor", "add", REF, "school", "--name", "Kildeskolen")],
     ("actor", "update", "1", "--name", "Kilde Skolen"), "actor.update"),
    ("actor-on-the-case", [("actor", "add", REF, "school", "--name", "Kildeskolen")],
     ("actor", "end", "1", "--on", "2026-11-22"), "actor.end"),
    ("goal", [GOAL], ("goal", "update", "1", "--status", "in-progress", "--note", "Rettet"), "goal.update"),
    ("task-done", [GOAL, ("task", "add", "1", "Aftenrutine", "--by", "family"), ("task", "done", "1")],
     ("task", "done", "1", "--undo"), "task.undone"),
    ("frist", [("frist", "set", "BL 87", "8", "--unit", "weeks")],
     ("frist", "set", "BL 87", "40", "--unit", "workdays"), "frist.set"),
    ("closed-day", [("closed-day", "add", "2026-12-24")], ("closed-day", "remove", "2026-12-24"), "closed-day.remove"),
    ("enrolment", [("programme", "add", "Sammen om familien", "--enrolment-target", "30"),
                   ("programme", "enrol", REF, "Sammen om familien", "--on", "2026-07-01")],
     ("programme", "discharge", REF, "--on", "2026-11-20"), "programme.discharge"),
    ("learning-goal", [("learning-goal", "add", "MKJ", "Bruge skalaen")],
     ("learning-goal", "review", "1", "--status", "dropped", "--note", "Forkert mål"), "learning-goal.review"),
]  # fmt: skip


@pytest.mark.parametrize(("steps", "correction", "action"), [pytest.param(*row[1:], id=row[0]) for row in EVERY_KIND])
def test_every_kind_of_record_has_its_way_back_and_it_is_audited(case1, steps, correction, action):
    for step in steps:
        case1.ok(*step)
    before = sum(row["action"] == action for row in case1.ok("audit", "-f", "json").json())
    case1.ok(*correction)
    after = sum(row["action"] == action for row in case1.ok("audit", "-f", "json").json())
    assert after == before + 1


def test_the_rules_list_every_way_back_that_the_tests_exercise():
    """docs/rules.md "Correcting a record" names each correcting command the table above runs."""
    from pathlib import Path

    rules = Path(__file__).resolve().parents[1].joinpath("docs", "rules.md").read_text(encoding="utf-8")
    section = rules[rules.index("**Correcting a record.**") :]
    section = section[: section.index("\n\n", section.index("| record |"))]
    for _, _, correction, _ in EVERY_KIND:
        words = [w for w in correction if not w.startswith("-")][:3]
        command = " ".join(words[:2] if words[0] != "case" or words[1] != "member" else words)
        assert f"`{command} " in section, command


# =====================================================================================================
# event correct of an event corrected or voided already: which event replaced it
# =====================================================================================================


def test_correcting_a_corrected_event_names_the_event_that_replaced_it(case1):
    """Defect: "event 1 is void already; correct the event that replaced it" did not say which one."""
    case1.ok("event", "add", REF, "followup", "--on", "2026-11-20")
    case1.ok("event", "correct", "1", "--on", "2026-11-19", "--reason", "Forkert dato")  # event 2 replaces 1
    line = assert_refused(case1, ["event", "correct", "1", "--on", "2026-11-18", "--reason", "Igen"], DOMAIN_ERROR,
                          "event 1", "event 2")  # fmt: skip
    assert "correct event 2" in line, line
    case1.ok("event", "correct", "2", "--on", "2026-11-18", "--reason", "Igen forkert")  # event 3 replaces 2
    line = assert_refused(case1, ["event", "correct", "1", "--note", "x", "--reason", "Igen"], DOMAIN_ERROR,
                          "event 1", "event 2", "event 3")  # fmt: skip
    assert "correct event 3" in line, line
    line = assert_refused(case1, ["event", "void", "1", "--reason", "Igen"], DOMAIN_ERROR, "event 1", "event 3")
    assert "void event 3" in line, line


def test_correcting_a_voided_event_says_nothing_replaced_it(case1):
    case1.ok("event", "add", REF, "followup", "--on", "2026-11-20")
    case1.ok("event", "void", "1", "--reason", "Forkert sag")
    line = assert_refused(case1, ["event", "correct", "1", "--on", "2026-11-19", "--reason", "Fejl"], DOMAIN_ERROR,
                          "event 1", "Forkert sag", "event add")  # fmt: skip
    assert "replaced" not in line or "nothing replaced" in line, line
