"""A child case is for a child; advisors who leave take no new work; the start of a case.

Today is 2026-11-22. CPR numbers are made up: 150315-4001 and 150315-4000 give a birth date of
2015-03-15 (the second fails modulus 11 and must still be accepted: docs/rules.md § 7);
211062-5629 gives 1862-10-21; 011227-4001 gives 2027-12-01 (7th digit 4 with year 27: 2027).
"""

from __future__ import annotations

import pytest

from support import DOMAIN_ERROR, OTHER, REF, USAGE_ERROR, assert_ok, assert_refused, card, d

CPR_CHILD = "150315-4001"
CPR_CHILD_NO_MOD11 = "150315-4000"
CPR_1862 = "211062-5629"
CPR_BORN_2027 = "011227-4001"


def open_argv(ref: str = REF, *options: str, opened: str = "2026-06-01") -> list[str]:
    return ["case", "open", ref, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", opened, *options]


# =====================================================================================================
# 8. A child case is for a child
# =====================================================================================================


@pytest.mark.parametrize(
    ("options", "exit_code", "names"),
    [
        # opened 2026-06-01: born 2008-05-31 turned 18 the day before
        pytest.param(("--born", "2008-05-31"), DOMAIN_ERROR, ("18",), id="18-years-and-1-day"),
        pytest.param(("--born", "2008-06-01"), DOMAIN_ERROR, ("18",), id="18th-birthday-on-opening-day"),
        pytest.param(("--born", "1990-01-01"), DOMAIN_ERROR, ("18",), id="adult"),
        pytest.param(("--born", "2026-11-23"), DOMAIN_ERROR, ("2026-11-23",), id="born-after-today"),
        pytest.param(("--cpr", CPR_1862), DOMAIN_ERROR, (), id="cpr-born-1862"),
        pytest.param(("--cpr", CPR_BORN_2027), DOMAIN_ERROR, ("011227",), id="cpr-born-after-today"),
        pytest.param(("--cpr", ""), USAGE_ERROR, ("--cpr",), id="cpr-empty"),
        pytest.param(("--cpr", "  "), USAGE_ERROR, ("--cpr",), id="cpr-blank"),
    ],
)
def test_case_open_refuses_someone_who_is_not_a_child(team, options, exit_code, names):
    line = assert_refused(team, open_argv(REF, *options), exit_code, *names)
    for cpr in (CPR_1862, CPR_BORN_2027):
        assert cpr not in line


@pytest.mark.parametrize(
    ("options", "born"),
    [
        pytest.param(("--born", "2008-06-02"), "2008-06-02", id="17-the-day-before-the-18th-birthday"),
        pytest.param(("--born", "2026-06-01"), "2026-06-01", id="born-on-the-opening-day"),
        pytest.param(("--cpr", CPR_CHILD), "2015-03-15", id="cpr"),
        pytest.param(("--cpr", CPR_CHILD_NO_MOD11), "2015-03-15", id="cpr-failing-modulus-11"),
    ],
)
def test_case_open_accepts_a_child(team, options, born):
    assert_ok(team(*open_argv(REF, *options)))
    assert card(team)["born"] == born


@pytest.mark.parametrize(
    ("opened", "refused"),
    [
        # born 2008-02-29: in the common year 2026 the 18th birthday falls on 28 February
        pytest.param("2026-02-27", False, id="the-day-before"),
        pytest.param("2026-02-28", True, id="28-february"),
        pytest.param("2026-03-01", True, id="1-march"),
    ],
)
def test_born_on_29_february_turns_18_on_28_february_in_a_common_year(team, opened, refused):
    argv = open_argv(REF, "--born", "2008-02-29", opened=opened)
    if refused:
        assert_refused(team, argv, DOMAIN_ERROR, "18")
    else:
        assert_ok(team(*argv))


def test_the_same_cpr_on_two_open_cases_is_refused_without_printing_it(team):
    team.ok(*open_argv(REF, "--cpr", CPR_CHILD))
    line = assert_refused(team, open_argv(OTHER, "--cpr", CPR_CHILD), DOMAIN_ERROR, REF, "150315-XXXX")
    assert CPR_CHILD not in line
    assert CPR_CHILD.replace("-", "") not in line
    # typed without the hyphen it is the same number
    assert_refused(team, open_argv(OTHER, "--cpr", CPR_CHILD.replace("-", "")), DOMAIN_ERROR, REF)


def test_two_cpr_numbers_with_the_same_birth_date_are_two_children(team):
    team.ok(*open_argv(REF, "--cpr", CPR_CHILD))
    assert_ok(team(*open_argv(OTHER, "--cpr", CPR_CHILD_NO_MOD11)))


def test_a_closed_cases_cpr_may_be_used_for_a_new_case(team):
    team.ok(*open_argv(REF, "--cpr", CPR_CHILD))
    team.ok("case", "close", REF, "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Fraflyttet")
    assert_ok(team(*open_argv(OTHER, "--cpr", CPR_CHILD, opened="2026-11-01")))
    assert card(team, OTHER)["born"] == "2015-03-15"


@pytest.mark.parametrize(
    ("options", "exit_code", "names"),
    [
        pytest.param(("--born", "2008-05-31"), DOMAIN_ERROR, ("18",), id="update-born-to-an-adult"),
        pytest.param(("--born", "2026-11-23"), DOMAIN_ERROR, ("2026-11-23",), id="update-born-after-today"),
        pytest.param(("--cpr", CPR_1862), DOMAIN_ERROR, (), id="update-cpr-born-1862"),
    ],
)
def test_case_update_keeps_a_child_case_for_a_child(case1, options, exit_code, names):
    assert_refused(case1, ["case", "update", REF, *options, "--reason", "Rettelse"], exit_code, *names)


def test_case_update_to_a_cpr_on_another_open_case_is_refused(case1, open_case):
    open_case(OTHER, "BL 86", cpr=CPR_CHILD)
    line = assert_refused(
        case1, ["case", "update", REF, "--cpr", CPR_CHILD, "--reason", "Rettelse"], DOMAIN_ERROR, OTHER
    )
    assert CPR_CHILD not in line


# =====================================================================================================
# 10. Advisors who leave
# =====================================================================================================


def advisors(s, *options: str, **kwargs) -> dict[str, dict]:
    return {a["initials"]: a for a in s.ok("advisor", "list", *options, "-f", "json", **kwargs).json()}


@pytest.fixture
def left(team, open_case):
    """LBH left on 2026-11-20. MKJ holds 2026-0101 and 2026-0102."""
    open_case(REF, "BL 86")
    open_case(OTHER, "BL 86")
    result = team("advisor", "leave", "LBH", "--on", "2026-11-20")
    assert_ok(result)
    return team


def test_advisor_leave_hides_them_from_the_list_after_that_day(left):
    assert set(advisors(left)) == {"MKJ", "ATP"}
    everyone = advisors(left, "--all")
    assert set(everyone) == {"MKJ", "LBH", "ATP"}
    assert everyone["LBH"]["left"] == "2026-11-20"
    assert everyone["MKJ"]["left"] is None
    # still listed on their last day
    assert "LBH" in advisors(left, today=d("2026-11-20"))
    assert "LBH" not in advisors(left, today=d("2026-11-21"))


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(("case", "open", "2026-0103", "--child", "Bo Ørsted", "--advisor", "LBH"), id="primary-case-open"),
        pytest.param(("case", "assign", REF, "--advisor", "LBH"), id="primary-case-assign"),
        pytest.param(("case", "buddy", REF, "LBH"), id="buddy"),
        pytest.param(
            ("case", "open", "2026-0103", "--child", "Bo Ørsted", "--advisor", "MKJ", "--buddy", "LBH"),
            id="buddy-case-open",
        ),
        pytest.param(("case", "member", "add", REF, "LBH", "--role", "psykolog"), id="core-team-member"),
    ],
)
def test_an_advisor_who_has_left_is_given_no_new_work(left, argv):
    assert_refused(left, list(argv), DOMAIN_ERROR, "LBH", "2026-11-20")


def test_advisor_leave_twice_is_refused(left):
    assert_refused(left, ["advisor", "leave", "LBH", "--on", "2026-11-21"], DOMAIN_ERROR, "LBH", "2026-11-20")


def test_advisor_leave_lists_their_open_cases_needing_a_new_advisor(team, open_case):
    open_case(REF, "BL 86")
    open_case(OTHER, "BL 86")
    open_case("2026-0103", "BL 86", advisor="LBH")
    result = team("advisor", "leave", "MKJ", "--on", "2026-11-22")
    assert_ok(result)
    assert result.stdout == "Advisor MKJ (Mette Kjær Jensen) left on 2026-11-22.\n"
    assert REF in result.stderr
    assert OTHER in result.stderr
    assert "2026-0103" not in result.stderr
    assert "Traceback" not in result.stderr


def test_advisor_leave_with_no_open_cases_says_nothing_on_stderr(team):
    result = team("advisor", "leave", "ATP", "--on", "2026-11-22")
    assert_ok(result)
    assert result.stderr == ""


def test_history_keeps_the_initials_of_an_advisor_who_has_left(team, open_case):
    open_case(REF, "BL 86")
    team.ok("event", "add", REF, "followup", "--on", "2026-11-01", user="MKJ")
    team.ok("advisor", "leave", "MKJ", "--on", "2026-11-20")
    shown = card(team)
    assert shown["advisor"] == "MKJ"
    assert [e["recorded_by"] for e in shown["events"]] == ["MKJ"]
    by_mkj = team.ok("audit", "--user", "MKJ", "-f", "json").json()
    assert [row["action"] for row in by_mkj] == ["event.add"]
    actions = [row["action"] for row in team.ok("audit", "-f", "json").json()]
    assert "advisor.leave" in actions


# =====================================================================================================
# 14. The start of a case: startup within 30 days, the child seen within 60
# =====================================================================================================

NO_STARTUP = "no startup conversation within 30 days of opening"
NO_CHILD = "no child conversation or observation within 60 days"

# Opened 2026-09-01: the startup is due by 2026-10-01 (30 days), the child seen by 2026-10-31 (60 days).
START = [
    # (events recorded, as of, the start-of-case reasons expected)
    pytest.param((), "2026-10-01", [], id="nothing-yet-on-day-30"),
    pytest.param((), "2026-10-02", [NO_STARTUP], id="no-startup-on-day-31"),
    pytest.param((), "2026-10-31", [NO_STARTUP], id="no-startup-on-day-60"),
    pytest.param((), "2026-11-01", [NO_STARTUP, NO_CHILD], id="nothing-on-day-61"),
    pytest.param((("startup", "2026-10-01"),), "2026-10-02", [], id="startup-on-day-30"),
    pytest.param((("startup", "2026-10-02"),), "2026-10-03", [NO_STARTUP], id="startup-too-late"),
    pytest.param((("startup", "2026-09-10"),), "2026-11-01", [NO_CHILD], id="startup-but-no-child-seen"),
    pytest.param(
        (("startup", "2026-09-10"), ("child-conversation", "2026-10-31")), "2026-11-22", [], id="child-conversation"
    ),
    pytest.param(
        (("startup", "2026-09-10"), ("child-observation", "2026-10-15")), "2026-11-22", [], id="child-observation"
    ),
    pytest.param(
        (("startup", "2026-09-10"), ("child-conversation", "2026-11-01")),
        "2026-11-22",
        [NO_CHILD],
        id="child-seen-too-late",
    ),
    pytest.param((("followup", "2026-09-10"),), "2026-10-02", [NO_STARTUP], id="a-followup-is-not-a-startup"),
]


@pytest.mark.parametrize(("recorded", "as_of", "expected"), START)
def test_start_of_case_attention(team, open_case, recorded, as_of, expected):
    open_case(REF, "BL 86", opened="2026-09-01")
    for kind, on in recorded:
        team.ok("event", "add", REF, kind, "--on", on)
    attention = team.ok("case", "show", REF, "-f", "json", today=d(as_of)).json()["attention"]
    assert [r for r in attention if r in (NO_STARTUP, NO_CHILD)] == expected


def test_a_void_startup_does_not_count(team, open_case):
    open_case(REF, "BL 86", opened="2026-09-01")
    team.ok("event", "add", REF, "startup", "--on", "2026-09-10")
    team.ok("event", "add", REF, "child-observation", "--on", "2026-09-10")
    assert NO_STARTUP not in card(team)["attention"]
    team.ok("event", "void", "1", "--reason", "Registreret på den forkerte sag")
    attention = card(team)["attention"]
    assert NO_STARTUP in attention
    assert NO_CHILD not in attention


def test_a_closed_case_needs_no_start_of_case_attention(team, open_case):
    open_case(REF, "BL 86", opened="2026-09-01")
    team.ok("case", "close", REF, "--reason", "Flyttet", "--on", "2026-11-01", "--force", "Fraflyttet")
    assert card(team)["attention"] == []
