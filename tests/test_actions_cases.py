"""samfam.actions.cases, called directly: opening, assigning, closing, reopening, buddies, the core team,
corrections. Arranged and acted through the actions; read back through samfam.views."""

from __future__ import annotations

from datetime import date

import pytest

from arrange import do, logged, opened, refused
from samfam.actions import cases, grants, handovers
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.views import care as care_views
from samfam.views import cases as case_views
from support import DOMAIN_ERROR, OTHER, REF, assert_error, d


@pytest.fixture
def app(case1):
    """Case 2026-0101 (MKJ, BL 86 since 2026-06-01, born 2015-03-01), today 2026-11-22, user TST."""
    with opened(case1.db) as app:
        yield app


# -- open ------------------------------------------------------------------------------------------


def test_open_case_writes_the_case_its_grants_and_who_is_responsible(case1, app):
    case = do(app, cases.open_case, OTHER, " Viggo Holm ", "lbh", born=d("2019-04-02"), opened=d("2026-09-01"),
              paragraphs=("BL 86", "bl86", "BL 20"), buddy="MKJ")  # fmt: skip

    assert (case.ref, case.child_name, case.opened) == (OTHER, "Viggo Holm", d("2026-09-01"))
    card = case_views.case_card(app, OTHER)
    assert (card["advisor"], card["buddy"], card["age"]) == ("LBH", "MKJ", 7)
    assert card["paragraphs"] == ["BL 20", "BL 86"]
    assert [(g["code"], g["start"]) for g in card["grants"]] == [("BL 20", d("2026-09-01")), ("BL 86", d("2026-09-01"))]
    assert logged(app, OTHER)[0] == ("case.open", "advisor LBH, buddy MKJ, grants BL 86, BL 20")


def test_open_case_defaults_to_today(app):
    case = do(app, cases.open_case, OTHER, "Viggo Holm", "ATP")
    assert case.opened == date(2026, 11, 22)
    assert case_views.case_card(app, OTHER)["paragraphs"] == []


@pytest.mark.parametrize(
    ("ref", "kwargs", "error", "says"),
    [
        (REF, {}, Conflict, "exists already"),
        (OTHER, {"advisor": "XYZ"}, NotFound, "no advisor 'XYZ'"),
        (OTHER, {"buddy": "MKJ"}, InvalidValue, "another advisor than the primary"),
        (OTHER, {"opened": d("2026-11-23")}, InvalidValue, "after today"),
        (OTHER, {"born": d("2008-01-01"), "opened": d("2026-06-01")}, InvalidValue, "under 18"),
        (OTHER, {"child": "  "}, UsageError, "--child"),
        (OTHER, {"paragraphs": ("BL 999",)}, InvalidValue, "BL 999"),
    ],
)
def test_open_case_refusals_write_nothing(case1, app, ref, kwargs, error, says):
    args = {"child": "Viggo Holm", "advisor": "MKJ"} | kwargs
    message = refused(case1, error, app, cases.open_case, ref, **args)
    assert says in message


# -- assign, buddy, complexity, core team --------------------------------------------------------------


def test_assign_case_changes_the_primary_and_starts_an_advisor_change_handover(app):
    assert do(app, cases.assign_case, REF, "LBH", d("2026-11-20")) == ("MKJ", "LBH")

    assert case_views.case_card(app, REF)["advisor"] == "LBH"
    [handover] = care_views.handover_show(app, REF)
    assert (handover["kind"], handover["started"], handover["detail"]) == (
        "advisor-change", d("2026-11-20"), "MKJ -> LBH")  # fmt: skip
    assert [a for a, _ in logged(app, REF)[:2]] == ["handover.start", "case.assign"]


def test_the_buddy_taking_over_leaves_the_case_without_a_buddy(app):
    do(app, cases.set_buddy, REF, "LBH")
    do(app, cases.assign_case, REF, "LBH")
    card = case_views.case_card(app, REF)
    assert (card["advisor"], card["buddy"]) == ("LBH", None)


@pytest.mark.parametrize(
    ("args", "error", "says"),
    [
        ((REF, "MKJ"), Conflict, "already the primary advisor"),
        (("2026-0999", "LBH"), NotFound, "no case '2026-0999'"),
        ((REF, "LBH", d("2026-05-31")), InvalidValue, "before case 2026-0101 opened"),
    ],
)
def test_assign_case_refusals(case1, app, args, error, says):
    assert says in refused(case1, error, app, cases.assign_case, *args)


def test_set_buddy_then_remove_it(app):
    assert do(app, cases.set_buddy, REF, "LBH") == (None, "LBH")
    assert case_views.case_card(app, REF)["buddy"] == "LBH"
    assert do(app, cases.set_buddy, REF, None) == ("LBH", None)
    assert case_views.case_card(app, REF)["buddy"] is None
    assert logged(app, REF)[0] == ("case.buddy", "buddy LBH -> none")


@pytest.mark.parametrize(
    ("advisor", "error", "says"),
    [("MKJ", InvalidValue, "is the primary advisor"), (None, Conflict, "has no buddy")],
)
def test_set_buddy_refusals(case1, app, advisor, error, says):
    assert says in refused(case1, error, app, cases.set_buddy, REF, advisor)


def test_set_complex(app):
    assert do(app, cases.set_complex, REF, True).complex
    card = case_views.case_card(app, REF)
    assert card["complex"] is True
    assert "complex case without a buddy" in card["attention"]


def test_core_team_member_joins_and_leaves(app):
    assert do(app, cases.add_member, REF, "ATP", " psykolog ") == "ATP"
    [member] = case_views.case_card(app, REF)["team"]
    assert (member["initials"], member["role"], member["since"], member["until"]) == (
        "ATP", "psykolog", d("2026-11-22"), None)  # fmt: skip
    assert do(app, cases.remove_member, REF, "ATP") == "ATP"
    assert case_views.case_card(app, REF)["team"][0]["until"] == d("2026-11-22")


@pytest.mark.parametrize(
    ("action", "args", "error"),
    [
        (cases.add_member, (REF, "MKJ", "psykolog"), InvalidValue),  # the primary advisor
        (cases.add_member, (REF, "ATP", " "), UsageError),
        (cases.remove_member, (REF, "ATP"), NotFound),
    ],
)
def test_core_team_refusals(case1, app, action, args, error):
    refused(case1, error, app, action, *args)


def test_adding_a_member_twice_is_a_conflict(case1, app):
    do(app, cases.add_member, REF, "ATP", "psykolog")
    assert "already on the core team" in refused(case1, Conflict, app, cases.add_member, REF, "ATP", "psykolog")


# -- back-dated changes: the periods never overlap, a replaced one is kept marked corrected (issue 19) -----


def periods(case1, table: str = "case_assignment") -> list[tuple]:
    """(who, since, until, corrected by, reason) of case 2026-0101's periods, by role, start and id."""
    import sqlite3

    what = "x.role" if table == "case_assignment" else "'member'"
    with sqlite3.connect(case1.db) as conn:
        return conn.execute(
            f"SELECT {what}, a.initials, x.since, x.until, x.corrected_by, x.correction_reason FROM {table} x "
            "JOIN advisor a ON a.id = x.advisor_id ORDER BY 1, x.since, x.id"
        ).fetchall()


#: Per role: the action, its arguments but the date and reason, and the role's rows before the first change.
CHANGES = {
    "primary": (cases.assign_case, ("LBH",), ("ATP",), "case_assignment"),
    "buddy": (cases.set_buddy, ("LBH",), ("ATP",), "case_assignment"),
    "member": (cases.add_member, ("LBH", "psykolog"), ("LBH", "psykolog"), "case_member"),
}
BACKDATED = {  # LBH from 09-01 recorded, then corrected from 08-01 (ATP; for the core team LBH's own start)
    "primary": [("primary", "MKJ", "2026-06-01", "2026-07-31", None, None),
                ("primary", "ATP", "2026-08-01", None, None, None),
                ("primary", "LBH", "2026-09-01", None, "TST", "Forkert dato")],
    "buddy": [("buddy", "ATP", "2026-08-01", None, None, None),
              ("buddy", "LBH", "2026-09-01", None, "TST", "Forkert dato")],
    "member": [("member", "LBH", "2026-08-01", None, None, None),
               ("member", "LBH", "2026-09-01", None, "TST", "Forkert dato")],
}  # fmt: skip


@pytest.mark.parametrize("role", CHANGES)
def test_a_back_dated_change_needs_a_reason_and_keeps_the_replaced_period(case1, app, role):
    action, first, second, table = CHANGES[role]
    do(app, action, REF, *first, on=d("2026-09-01"))
    message = refused(case1, UsageError, app, action, REF, *second, on=d("2026-08-01"))
    assert message.startswith("a change from 2026-08-01 replaces LBH's period from 2026-09-01 as ")
    assert message.endswith(
        "; give the reason for the correction with --reason (the replaced period is kept, marked corrected)"
    )
    assert "--reason is empty" in refused(case1, UsageError, app, action, REF, *second, on=d("2026-08-01"), reason=" ")
    do(app, action, REF, *second, on=d("2026-08-01"), reason=" Forkert dato ")
    assert [p for p in periods(case1, table) if p[0] == role] == BACKDATED[role]
    assert logged(app, REF)[0][1].endswith("; corrects LBH from 2026-09-01: Forkert dato")


@pytest.mark.parametrize("role", CHANGES)
def test_a_change_made_again_the_same_day_needs_no_reason(case1, app, role):
    action, first, second, table = CHANGES[role]
    do(app, action, REF, *first)
    if role == "member":
        do(app, cases.remove_member, REF, "LBH")
    do(app, action, REF, *second)
    mine = [p for p in periods(case1, table) if p[0] == role and p[1] == "LBH"]
    replaced = ("LBH", "2026-11-22", None if role != "member" else "2026-11-22", "TST", "changed again the same day")
    assert (role, *replaced) in mine
    assert "corrects" not in (logged(app, REF)[0][1] or "")


def test_the_buddy_taking_over_from_a_back_dated_day_replaces_the_later_buddy_period(case1, app):
    do(app, cases.set_buddy, REF, "LBH", on=d("2026-09-01"))
    do(app, cases.assign_case, REF, "LBH", d("2026-08-15"), "Overtog tidligere")
    assert periods(case1) == [
        ("buddy", "LBH", "2026-09-01", None, "TST", "Overtog tidligere"),
        ("primary", "MKJ", "2026-06-01", "2026-08-14", None, None),
        ("primary", "LBH", "2026-08-15", None, None, None),
    ]
    assert case_views.case_card(app, REF)["buddy"] is None


def test_assigning_the_holder_again_from_an_earlier_day_corrects_the_start(case1, app):
    do(app, cases.assign_case, REF, "LBH", d("2026-09-01"))
    assert "already the primary advisor" in refused(
        case1, Conflict, app, cases.assign_case, REF, "LBH", d("2026-09-15")
    )
    assert do(app, cases.assign_case, REF, "LBH", d("2026-08-01"), "Startede før") == ("MKJ", "LBH")
    assert [p[1:4] for p in periods(case1) if p[4] is None] == [
        ("MKJ", "2026-06-01", "2026-07-31"),
        ("LBH", "2026-08-01", None),
    ]


def test_closing_before_a_later_period_began_is_refused(case1, app):
    do(app, cases.assign_case, REF, "LBH", d("2026-09-01"))
    message = refused(case1, InvalidValue, app, cases.close_case, REF, "Flyttet", d("2026-08-15"), force="Flyttet")
    assert message == (
        "closing date 2026-08-15 is before LBH became primary advisor on case 2026-0101 (2026-09-01); "
        "close it on or after that day"
    )


def test_closing_ends_every_period_on_the_closing_day(case1, app):
    do(app, cases.set_buddy, REF, "LBH", on=d("2026-09-01"))
    do(app, cases.set_buddy, REF, None, on=d("2026-10-01"))
    do(app, cases.close_case, REF, "Flyttet", d("2026-09-15"), force="Flyttet")
    assert periods(case1) == [
        ("buddy", "LBH", "2026-09-01", "2026-09-15", None, None),
        ("primary", "MKJ", "2026-06-01", "2026-09-15", None, None),
    ]


def test_reopening_on_the_closing_day_does_not_overlap(case1, app):
    do(app, cases.close_case, REF, "Flyttet", d("2026-10-01"), force="Flyttet")
    do(app, cases.reopen_case, REF, "Lukket ved en fejl", d("2026-10-01"))
    assert periods(case1) == [
        ("primary", "MKJ", "2026-06-01", "2026-09-30", None, None),
        ("primary", "MKJ", "2026-10-01", None, None, None),
    ]


# -- close and reopen --------------------------------------------------------------------------------


def test_close_case_refused_until_the_closure_checklist_is_complete(case1, app):
    message = refused(case1, Conflict, app, cases.close_case, REF, "Familien flyttet")
    assert "missing family-told, actors-told, grants-ended; start it with" in message  # no goals: none unfinished


def test_close_case_with_a_complete_closure_checklist(app):
    do(app, handovers.start_handover, REF, "closure")
    do(app, handovers.tick_handover, REF, "family-told")
    do(app, handovers.tick_handover, REF, "actors-told")
    do(app, grants.end_grant, REF, "BL 86", d("2026-11-01"))

    case, missing = do(app, cases.close_case, REF, "Mål nået", d("2026-11-20"))

    assert (case.closed, case.close_reason, missing) == (d("2026-11-20"), "Mål nået", [])
    card = case_views.case_card(app, REF)
    assert card["status"] == "closed"
    assert card["handovers"][0]["completed"] == d("2026-11-20")


@pytest.mark.parametrize("on", [d("2026-11-23"), d("2026-12-31")])
def test_close_case_refuses_a_closing_date_after_today(case1, app, on):
    message = refused(case1, InvalidValue, app, cases.close_case, REF, "Flyttet", on, force="Flyttet")
    assert message == f"closing date {on.isoformat()} is after today (2026-11-22)"


def test_close_case_forced_returns_what_was_missing(app):
    case, missing = do(app, cases.close_case, REF, "Flyttet", force="Familien er fraflyttet")
    assert case.closed == d("2026-11-22")
    assert missing == ["family-told", "actors-told", "grants-ended"]
    assert [a for a, _ in logged(app, REF)[:2]] == ["case.close.forced", "case.close"]


def test_reopen_case_keeps_the_closure_in_the_history(app):
    do(app, cases.close_case, REF, "Flyttet", d("2026-10-01"), force="Flyttet")
    case = do(app, cases.reopen_case, REF, "Lukket ved en fejl", d("2026-11-01"))
    assert (case.closed, case.reopened) == (None, d("2026-11-01"))
    [closure] = case_views.case_card(app, REF)["closures"]
    assert (closure["closed"], closure["reopened"], closure["reopen_reason"]) == (
        d("2026-10-01"), d("2026-11-01"), "Lukket ved en fejl")  # fmt: skip


@pytest.mark.parametrize(
    ("closed_first", "reason", "on", "error"),
    [
        (False, "Fejl", None, Conflict),  # open cases are not reopened
        (True, " ", None, UsageError),
        (True, "Fejl", d("2026-09-30"), InvalidValue),  # before it closed
        (True, "Fejl", d("2026-11-23"), InvalidValue),  # after today
    ],
)
def test_reopen_case_refusals(case1, app, closed_first, reason, on, error):
    if closed_first:
        do(app, cases.close_case, REF, "Flyttet", d("2026-10-01"), force="Flyttet")
    refused(case1, error, app, cases.reopen_case, REF, reason, on)


def test_a_closed_case_takes_no_change(case1, app):
    do(app, cases.close_case, REF, "Flyttet", force="Flyttet")
    assert "reopen it first" in refused(case1, Conflict, app, cases.set_buddy, REF, "LBH")


# -- corrections ---------------------------------------------------------------------------------------


def test_update_case_corrects_the_child_and_the_birth_date(app):
    case = do(app, cases.update_case, REF, "Stavefejl", child="Alma Holm-Berg", born=d("2015-03-02"))
    assert (case.child_name, case.born) == ("Alma Holm-Berg", d("2015-03-02"))
    assert logged(app, REF)[0] == ("case.update", "child's name, birth date: Stavefejl")


@pytest.mark.parametrize(
    ("reason", "kwargs", "error"),
    [
        ("Fejl", {}, UsageError),  # nothing to update
        ("", {"child": "Alma"}, UsageError),
        ("Fejl", {"born": d("2026-12-01")}, InvalidValue),
    ],
)
def test_update_case_refusals(case1, app, reason, kwargs, error):
    refused(case1, error, app, cases.update_case, REF, reason, **kwargs)


# -- through the CLI: the exact words ----------------------------------------------------------------


def test_cli_reopen_of_a_case_closed_through_the_action(case1, app):
    do(app, cases.close_case, REF, "Flyttet", d("2026-10-01"), force="Flyttet")
    result = case1("case", "reopen", REF, "--reason", "Lukket ved en fejl", "--on", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Reopened case 2026-0101 on 2026-11-01.\n"


def test_cli_refuses_to_close_twice(case1, app):
    do(app, cases.close_case, REF, "Flyttet", force="Flyttet")
    line = assert_error(case1("case", "close", REF, "--reason", "Igen"), DOMAIN_ERROR)
    assert line == "Error: case 2026-0101 is closed already (on 2026-11-22)"
