"""Cases through the command line: buddies, complex cases, the core team, closing, and the case card."""

from __future__ import annotations

import pytest

from support import (
    DOMAIN_ERROR,
    ME,
    OTHER,
    REF,
    USAGE_ERROR,
    add_actor,
    add_goal,
    assert_ok,
    assert_refused,
    audit_actions,
    card,
    d,
    goal_rows,
    handovers,
    ready_closure,
)

# =====================================================================================================
# Buddies, complex cases, the core team
# =====================================================================================================


def test_case_buddy_set_and_remove(case1):
    result = case1("case", "buddy", REF, "LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: buddy none -> LBH.\n"
    assert card(case1)["buddy"] == "LBH"
    result = case1("case", "buddy", REF, "atp")  # initials are forgiving about case
    assert_ok(result)
    assert result.stdout == f"Case {REF}: buddy LBH -> ATP.\n"
    result = case1("case", "buddy", REF, "--remove")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: buddy ATP -> none.\n"
    assert card(case1)["buddy"] is None
    buddy_log = [e["detail"] for e in audit_actions(case1) if e["action"] == "case.buddy"]
    assert buddy_log == ["buddy ATP -> none", "buddy LBH -> ATP", "buddy none -> LBH"]  # newest first


def test_complex_case_without_buddy_needs_attention(team):
    team.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01",
            "--para", "BL 86", "--complex")  # fmt: skip
    reason = "complex case without a buddy"
    shown = card(team)
    assert shown["complex"] is True
    assert reason in shown["attention"]

    team.ok("case", "buddy", REF, "LBH")
    assert reason not in card(team)["attention"]
    team.ok("case", "buddy", REF, "--remove")
    assert reason in card(team)["attention"]

    result = team("case", "complex", REF, "--no")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: not complex.\n"
    shown = card(team)
    assert (shown["complex"], reason in shown["attention"]) == (False, False)

    result = team("case", "complex", REF)
    assert_ok(result)
    assert result.stdout == f"Case {REF}: complex.\n"
    assert reason in card(team)["attention"]
    table = team("case", "show", REF)
    assert_ok(table)
    assert reason in table.stdout


def test_closed_complex_case_without_buddy_needs_no_attention(team):
    team.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--complex")
    team.ok("case", "close", REF, "--reason", "Flyttet", "--force", "Familien er fraflyttet")
    assert card(team)["attention"] == []


def test_assigning_the_case_to_its_buddy_leaves_it_without_a_buddy(team, open_case):
    team.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01",
            "--para", "BL 86", "--buddy", "LBH", "--complex")  # fmt: skip
    assert "complex case without a buddy" not in card(team)["attention"]
    result = team("case", "assign", REF, "--advisor", "LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: primary advisor MKJ -> LBH.\n"
    shown = card(team)
    assert (shown["advisor"], shown["buddy"]) == ("LBH", None)
    assert "complex case without a buddy" in shown["attention"]


def test_core_team_members(case1):
    result = case1("case", "member", "add", REF, "LBH", "--role", "psykolog")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: LBH joined the core team as psykolog.\n"
    case1.ok("case", "member", "add", REF, "ATP", "--role", "tale-/hørekonsulent")
    assert card(case1)["team"] == [
        {"initials": "LBH", "name": "Lars Bøgh Hansen", "role": "psykolog", "since": "2026-11-22", "until": None},
        {"initials": "ATP", "name": "Anders Toft Pedersen", "role": "tale-/hørekonsulent", "since": "2026-11-22",
         "until": None},
    ]  # fmt: skip

    result = case1("case", "member", "remove", REF, "LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: LBH left the core team.\n"
    assert [(m["initials"], m["until"]) for m in card(case1)["team"]] == [("LBH", "2026-11-22"), ("ATP", None)]
    # back again the same day: the new membership covers the day, the one-day period it replaces is kept in
    # the history marked corrected and is no longer on the card (periods never overlap, issue 19) …
    case1.ok("case", "member", "add", REF, "LBH", "--role", "psykolog")
    assert [(m["initials"], m["since"], m["until"]) for m in card(case1)["team"]] == [
        ("ATP", "2026-11-22", None),
        ("LBH", "2026-11-22", None),
    ]
    # … back again later: a new membership beside the old one
    case1.ok("case", "member", "remove", REF, "LBH", today=d("2026-11-23"))
    case1.ok("case", "member", "add", REF, "LBH", "--role", "psykolog", today=d("2026-11-25"))
    assert [(m["initials"], m["until"]) for m in card(case1)["team"]] == [
        ("ATP", None),
        ("LBH", "2026-11-23"),
        ("LBH", None),
    ]
    table = case1("case", "show", REF)
    assert_ok(table)
    assert "Core team" in table.stdout and "tale-/hørekonsulent" in table.stdout
    actions = [e["action"] for e in audit_actions(case1)]
    assert actions.count("case.member.add") == 4 and actions.count("case.member.remove") == 2  # 3 and 1, and later


@pytest.fixture
def buddy_world(case1, open_case):
    """Case 2026-0101 (primary MKJ) with buddy LBH and ATP on the core team; 2026-0102 (MKJ) without
    a buddy; 2026-0103 closed."""
    case1.ok("case", "buddy", REF, "LBH")
    case1.ok("case", "member", "add", REF, "ATP", "--role", "psykolog")
    open_case(OTHER, "BL 86", opened="2026-06-01")
    open_case("2026-0103", "BL 86", opened="2026-06-01")
    case1.ok("case", "close", "2026-0103", "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Flyttet")
    return case1


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["case", "buddy", OTHER, "MKJ"], DOMAIN_ERROR, ("MKJ", "primary"), id="buddy-is-the-primary"),
        pytest.param(["case", "buddy", REF, "LBH"], DOMAIN_ERROR, ("LBH", "already"), id="buddy-already"),
        pytest.param(["case", "buddy", REF, "XYZ"], DOMAIN_ERROR, ("XYZ",), id="buddy-unknown-advisor"),
        pytest.param(["case", "buddy", "2026-9999", "LBH"], DOMAIN_ERROR, ("2026-9999",), id="buddy-unknown-case"),
        pytest.param(["case", "buddy", "2026-0103", "LBH"], DOMAIN_ERROR, ("2026-0103", "closed"),
                     id="buddy-on-closed-case"),
        pytest.param(["case", "buddy", OTHER, "--remove"], DOMAIN_ERROR, (OTHER, "no buddy"),
                     id="remove-without-buddy"),
        pytest.param(["case", "buddy", REF], USAGE_ERROR, ("INITIALS", "--remove"), id="buddy-neither"),
        pytest.param(["case", "buddy", REF, "ATP", "--remove"], USAGE_ERROR, ("INITIALS", "--remove"),
                     id="buddy-both"),
        pytest.param(["case", "complex", "2026-9999"], DOMAIN_ERROR, ("2026-9999",), id="complex-unknown-case"),
        pytest.param(["case", "complex", REF, "--maybe"], USAGE_ERROR, ("--maybe",), id="complex-bad-option"),
        pytest.param(["case", "member", "add", REF, "ATP", "--role", "psykolog"], DOMAIN_ERROR, ("ATP", "already"),
                     id="member-twice"),
        pytest.param(["case", "member", "add", REF, "XYZ", "--role", "psykolog"], DOMAIN_ERROR, ("XYZ",),
                     id="member-unknown-advisor"),
        pytest.param(["case", "member", "add", REF, "ATP"], USAGE_ERROR, ("--role",), id="member-missing-role"),
        pytest.param(["case", "member", "add", OTHER, "ATP", "--role", " "], USAGE_ERROR, ("--role",),
                     id="member-empty-role"),
        pytest.param(["case", "member", "add", "2026-9999", "ATP", "--role", "psykolog"], DOMAIN_ERROR,
                     ("2026-9999",), id="member-unknown-case"),
        pytest.param(["case", "member", "add", "2026-0103", "ATP", "--role", "psykolog"], DOMAIN_ERROR,
                     ("2026-0103", "closed"), id="member-on-closed-case"),
        pytest.param(["case", "member", "remove", REF, "LBH"], DOMAIN_ERROR, ("LBH", "core team"),
                     id="member-remove-not-a-member"),
        pytest.param(["case", "member", "remove", REF, "XYZ"], DOMAIN_ERROR, ("XYZ",),
                     id="member-remove-unknown-advisor"),
    ],
)  # fmt: skip
def test_buddy_and_member_errors(buddy_world, argv, exit_code, names):
    assert_refused(buddy_world, argv, exit_code, *names)


@pytest.mark.parametrize(
    ("initials", "who"),
    [pytest.param("MKJ", "primary", id="primary-advisor"), pytest.param("LBH", "buddy", id="buddy")],
)
def test_core_team_member_is_beyond_the_primary_advisor_and_buddy(buddy_world, initials, who):
    # `case member` is "the case's core team beyond the primary advisor and buddy" (its --help)
    argv = ["case", "member", "add", REF, initials, "--role", "psykolog"]
    assert_refused(buddy_world, argv, DOMAIN_ERROR, initials)


# -- closing a case ---------------------------------------------------------------------------------


def test_full_closure_flow(case1):
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family")
    short = add_goal(case1, REF, "Alma sover i egen seng", "short", "family", "2027-02-01")
    long = add_goal(case1, REF, "Alma går i almindelig skole", "long", f"actor:{school}", "2027-08-01")

    case1.ok("handover", "start", REF, "closure")
    line = assert_refused(case1, ["case", "close", REF, "--reason", "Målene er nået"], DOMAIN_ERROR, REF)
    assert "goals-finished, family-told, actors-told, grants-ended" in line
    assert "--force" in line

    case1.ok("grant", "end", REF, "BL 86")
    case1.ok("goal", "update", str(short), "--status", "achieved", "--note", "Sover i egen seng hver nat")
    case1.ok("goal", "update", str(long), "--status", "dropped", "--note", "Familien ønsker specialskole")
    assert handovers(case1)["closure"]["missing"] == ["family-told", "actors-told"]
    case1.ok("handover", "tick", REF, "family-told", "--note", "Afsluttende møde med forældrene")
    line = assert_refused(case1, ["case", "close", REF, "--reason", "Målene er nået"], DOMAIN_ERROR, "actors-told")
    assert "family-told" not in line
    case1.ok("handover", "tick", REF, "actors-told", "--note", "Brev til Kildeskolen")
    assert handovers(case1)["closure"]["missing"] == []

    result = case1("case", "close", REF, "--reason", "Målene er nået")
    assert_ok(result)
    assert result.stdout == f"Closed case {REF} on 2026-11-22.\n"
    assert result.stderr == ""

    h = handovers(case1)["closure"]
    assert (h["status"], h["completed"], h["completed_by"], h["forced_reason"], h["missing"]) == (
        "complete",
        "2026-11-22",
        ME,
        None,
        [],
    )
    shown = card(case1)
    assert (shown["status"], shown["closed"], shown["close_reason"]) == ("closed", "2026-11-22", "Målene er nået")
    assert (shown["attention"], shown["deadlines"]) == ([], [])
    actions = [e["action"] for e in audit_actions(case1)]
    assert "case.close" in actions and "case.close.forced" not in actions
    # a closed case is finished: its goal picture needs no attention any more
    rows = goal_rows(case1, REF)
    assert [(r["id"], r["status"], r["attention"]) for r in rows] == [
        (short, "achieved", []),
        (long, "dropped", []),
    ]
    assert REF not in [r["case"] for r in goal_rows(case1)]


def test_case_close_without_a_closure_handover_is_refused(case1):
    line = assert_refused(case1, ["case", "close", REF, "--reason", "Flyttet"], DOMAIN_ERROR, REF)
    assert f"samfam handover start {REF} closure" in line


def test_forced_close_with_an_incomplete_closure_handover(case1):
    add_goal(case1, REF, "Alma sover i egen seng", "short")
    case1.ok("handover", "start", REF, "closure")
    case1.ok("handover", "tick", REF, "family-told")
    result = case1("case", "close", REF, "--reason", "Flyttet til Aarhus", "--on", "2026-11-20",
                   "--force", "Familien er fraflyttet uden varsel", user="LBH")  # fmt: skip
    assert_ok(result)
    assert result.stdout == f"Closed case {REF} on 2026-11-20.\n"
    assert result.stderr == (
        "Closed without: goals-finished, actors-told, grants-ended (the reason is in the audit log).\n"
    )
    h = handovers(case1)["closure"]
    assert (h["status"], h["completed"], h["completed_by"], h["forced_reason"]) == (
        "complete",
        "2026-11-20",
        "LBH",
        "Familien er fraflyttet uden varsel",
    )
    log = audit_actions(case1)
    forced = [e for e in log if e["action"] == "case.close.forced"]
    assert len(forced) == 1
    assert forced[0]["user"] == "LBH"
    assert (
        forced[0]["detail"] == "Familien er fraflyttet uden varsel (missing: goals-finished, actors-told, grants-ended)"
    )
    closing = next(e for e in log if e["action"] == "case.close")
    assert closing["detail"] == "on 2026-11-20: Flyttet til Aarhus"
    assert card(case1)["status"] == "closed"


def test_forced_close_without_a_closure_handover(case1):
    result = case1("case", "close", REF, "--reason", "Flyttet", "--force", "Familien er fraflyttet")
    assert_ok(result)
    assert result.stdout == f"Closed case {REF} on 2026-11-22.\n"
    # no goals: goals-finished is done; the person items and the running BL 86 are not
    assert result.stderr == "Closed without: family-told, actors-told, grants-ended (the reason is in the audit log).\n"
    forced = [e for e in audit_actions(case1) if e["action"] == "case.close.forced"]
    assert [e["detail"] for e in forced] == ["Familien er fraflyttet (missing: family-told, actors-told, grants-ended)"]
    assert case1.rows("handover") == []


def test_force_when_nothing_is_missing_is_not_logged_as_forced(case1):
    ready_closure(case1)
    case1.ok("handover", "tick", REF, "family-told")
    case1.ok("handover", "tick", REF, "actors-told")
    result = case1("case", "close", REF, "--reason", "Målene er nået", "--force", "For en sikkerheds skyld")
    assert_ok(result)
    assert result.stderr == ""
    assert handovers(case1)["closure"]["forced_reason"] is None
    assert "case.close.forced" not in [e["action"] for e in audit_actions(case1)]


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["case", "close", REF, "--reason", "Flyttet", "--force", " "], USAGE_ERROR, ("--force",),
                     id="force-without-reason"),
        pytest.param(["case", "close", REF, "--reason", "Flyttet", "--force"], USAGE_ERROR, ("--force",),
                     id="force-missing-value"),
        pytest.param(["case", "close", REF, "--force", "Flyttet"], USAGE_ERROR, ("--reason",),
                     id="missing-reason"),
        pytest.param(["case", "close", REF, "--reason", "Flyttet"], DOMAIN_ERROR,
                     ("family-told", "actors-told", "grants-ended"), id="incomplete-checklist"),
    ],
)  # fmt: skip
def test_case_close_errors(case1, argv, exit_code, names):
    case1.ok("handover", "start", REF, "closure")
    assert_refused(case1, argv, exit_code, *names)


# =====================================================================================================
# Everything on the case card
# =====================================================================================================


def test_case_show_table_has_every_section(plan_world):
    plan_world.ok("case", "member", "add", REF, "ATP", "--role", "psykolog")
    plan_world.ok("handover", "start", REF, "new-professional")
    table = plan_world("case", "show", REF)
    assert_ok(table)
    for heading in ("Goals", "Actors", "Core team", "Handovers", "Legal deadlines"):
        assert heading in table.stdout
    for text in ("Alma sover i egen seng", "Kildeskolen", "psykolog", "new-professional", "turns-18",
                 "no agreed coordinator"):  # fmt: skip
        assert text in table.stdout
    data = card(plan_world)
    assert [h["kind"] for h in data["handovers"]] == ["new-professional"]
    assert data["handovers"][0]["missing"] == ["goals-shared", "network-meeting", "coordinator-agreed"]
    # born 2015-03-01: 18 on 2033-03-01, 2291 days ahead (the transition deadline: test_deadline_kinds)
    assert ("turns-18", "2033-03-01", 2291) in [(d["kind"], d["deadline"], d["days_left"]) for d in data["deadlines"]]


def test_case_list_is_by_case_reference_not_the_order_cases_were_entered(team, open_case):
    # Entered 0103, 0101, 0102 (as an import or a reassignment may); listed by reference, in every format.
    for ref, advisor in (("2026-0103", "LBH"), ("2026-0101", "MKJ"), ("2026-0102", "ATP")):
        open_case(ref, "BL 86", advisor=advisor, opened="2026-06-01")
    refs = ["2026-0101", "2026-0102", "2026-0103"]
    assert [r["case"] for r in team.ok("case", "list", "-f", "json").json()] == refs
    assert [r["case"] for r in team.ok("case", "list", "--status", "all", "-f", "json").json()] == refs
    assert [r["case"] for r in team.ok("goals", "-f", "json").json()] == refs  # open cases without goals
    shown = team.ok("case", "list").stdout
    assert shown.index("2026-0101") < shown.index("2026-0102") < shown.index("2026-0103")
