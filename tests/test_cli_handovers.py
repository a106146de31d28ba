"""Handovers through the command line: `handover start/show/tick/complete`, checklist items, errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

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
    handovers,
    parse_csv,
    ready_closure,
)

# -- helpers -----------------------------------------------------------------------------------------


def items_done(handover: dict) -> dict[str, bool]:
    return {i["item"]: i["done"] for i in handover["items"]}


# =====================================================================================================
# Handovers
# =====================================================================================================

CHECKLIST = {
    "advisor-change": [
        ("goals-current", "data"),
        ("scale-recent", "data"),
        ("actors-current", "data"),
        ("family-told", "person"),
        ("handover-meeting", "person"),
        ("next-followup-booked", "person"),
    ],
    "new-professional": [("goals-shared", "person"), ("network-meeting", "data"), ("coordinator-agreed", "data")],
    "closure": [("goals-finished", "data"), ("family-told", "person"), ("actors-told", "person"),
                ("grants-ended", "data")],
    "transition": [
        ("started-by-16", "data"),
        ("adult-contact", "data"),
        ("transition-meeting", "person"),
        ("topic-support", "person"),
        ("topic-education", "person"),
        ("topic-employment", "person"),
        ("topic-housing", "person"),
        ("topic-social", "person"),
        ("adult-decision", "person"),
    ],
}  # fmt: skip


def person_items(kind: str) -> list[str]:
    return [key for key, decided_by in CHECKLIST[kind] if decided_by == "person"]


@pytest.mark.parametrize("kind", list(CHECKLIST))
def test_handover_start_and_show_json(case1, kind):
    result = case1("handover", "start", REF, kind)
    assert_ok(result)
    assert result.stdout == f"Case {REF}: {kind} handover started; see 'samfam handover show {REF}'.\n"
    shown = case1.ok("handover", "show", REF, "-f", "json").json()
    assert len(shown) == 1
    h = shown[0]
    assert {k: h[k] for k in ("kind", "started", "started_by", "completed", "completed_by", "status")} == {
        "kind": kind,
        "started": "2026-11-22",
        "started_by": ME,
        "completed": None,
        "completed_by": None,
        "status": "open",
    }
    assert [(i["item"], i["decided_by"]) for i in h["items"]] == CHECKLIST[kind]
    for i in h["items"]:
        assert set(i) >= {"item", "label", "decided_by", "done", "by", "at", "note"}
        assert i["label"]
        if i["decided_by"] == "data":
            assert (i["by"], i["at"]) == ("data", None)
        else:
            assert (i["done"], i["by"], i["at"], i["note"]) == (False, None, None, None)
    assert h["missing"] == [i["item"] for i in h["items"] if not i["done"]]
    assert [e["detail"] for e in audit_actions(case1) if e["action"] == "handover.start"] == [kind]


def test_handover_show_table_and_csv(case1):
    case1.ok("handover", "start", REF, "closure")
    case1.ok("handover", "tick", REF, "family-told", "--note", "Ringet til mor")
    table = case1("handover", "show", REF)
    assert_ok(table)
    # closure on case 2026-0101: goals-finished done (no goals), family-told ticked; missing 2
    assert f"closure handover, started 2026-11-22 by {ME} (open, missing 2)" in table.stdout
    for text in ("actors-told", "grants-ended", "Ringet til mor", "Decided by"):
        assert text in table.stdout

    result = case1("handover", "show", REF, "-f", "csv")
    assert_ok(result)
    rows = parse_csv(result.stdout)
    assert rows[0] == ["case", "handover", "kind", "status", "item", "label", "decided_by", "done", "by", "at", "note"]
    body = [[r[0], r[1], r[2], r[3], r[4], r[6], r[7], r[8], r[10]] for r in rows[1:]]
    assert body == [
        [REF, "1", "closure", "open", "goals-finished", "data", "yes", "data", ""],
        [REF, "1", "closure", "open", "family-told", "person", "yes", ME, "Ringet til mor"],
        [REF, "1", "closure", "open", "actors-told", "person", "no", "", ""],
        [REF, "1", "closure", "open", "grants-ended", "data", "no", "data", ""],
    ]
    assert rows[2][9].endswith("Z") and rows[3][9] == ""


def test_handover_show_without_handovers(case1):
    table = case1("handover", "show", REF)
    assert_ok(table)
    assert f"Case {REF} has no handovers." in table.stdout
    assert case1.ok("handover", "show", REF, "-f", "json").json() == []


def test_handover_tick_records_who_and_when(case1):
    case1.ok("handover", "start", REF, "closure")
    before = datetime.now(UTC).replace(microsecond=0)
    result = case1("handover", "tick", REF, "family-told", "--note", "Ringet til mor", user="LBH")
    after = datetime.now(UTC)
    assert_ok(result)
    assert result.stdout == f"Case {REF}: closure item 'family-told' ticked.\n"
    item = next(i for i in handovers(case1)["closure"]["items"] if i["item"] == "family-told")
    assert (item["done"], item["by"], item["note"]) == (True, "LBH", "Ringet til mor")
    assert item["at"].endswith("Z")
    at = datetime.fromisoformat(item["at"].removesuffix("Z")).replace(tzinfo=UTC)
    assert before - timedelta(seconds=1) <= at <= after + timedelta(seconds=1)
    entry = next(e for e in audit_actions(case1) if e["action"] == "handover.tick")
    assert (entry["user"], entry["detail"]) == ("LBH", "closure: family-told")


def test_handover_kind_chooses_among_several_open_handovers(case1):
    case1.ok("handover", "start", REF, "closure")
    case1.ok("case", "assign", REF, "--advisor", "LBH")  # starts an advisor-change handover
    # family-told is on both checklists: say which
    assert_refused(case1, ["handover", "tick", REF, "family-told"], USAGE_ERROR, "--kind", "closure",
                   "advisor-change")  # fmt: skip
    result = case1("handover", "tick", REF, "family-told", "--kind", "closure")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: closure item 'family-told' ticked.\n"
    # actors-told is only on the closure checklist: no --kind needed
    case1.ok("handover", "tick", REF, "actors-told")
    shown = handovers(case1)
    assert items_done(shown["closure"])["family-told"] is True
    assert items_done(shown["advisor-change"])["family-told"] is False
    assert_refused(case1, ["handover", "complete", REF], USAGE_ERROR, "--kind")


def test_case_assign_starts_an_advisor_change_handover(case1):
    result = case1("case", "assign", REF, "--advisor", "LBH", user="LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: primary advisor MKJ -> LBH.\n"
    h = handovers(case1)["advisor-change"]
    assert (h["status"], h["started"], h["started_by"], h["detail"]) == ("open", "2026-11-22", "LBH", "MKJ -> LBH")
    assert [(i["item"], i["decided_by"]) for i in h["items"]] == CHECKLIST["advisor-change"]
    # a second change while the first handover is open does not start another one
    case1.ok("case", "assign", REF, "--advisor", "ATP")
    every = case1.ok("handover", "show", REF, "--all", "-f", "json").json()
    assert [x["kind"] for x in every] == ["advisor-change"]
    assert card(case1)["handovers"][0]["kind"] == "advisor-change"


# -- data items: what the data must look like ------------------------------------------------------
# Every handover here starts on 2026-11-15 (a week before today 2026-11-22).

START = "2026-11-15"


def _start(s, kind):
    s.ok("handover", "start", REF, kind, today=date.fromisoformat(START))


def goal_without_target(s):
    add_goal(s, REF, "Alma sover i egen seng", "short")  # goal 1, no target


def set_goal_target(s):
    s.ok("goal", "update", "1", "--target", "2027-02-01")


def dropped_goal_without_target_and_goal_with_target(s):
    add_goal(s, REF, "Alma sover i egen seng", "short", "family", "2027-02-01")
    add_goal(s, REF, "Alma cykler", "long")  # goal 2, no target
    s.ok("goal", "update", "2", "--status", "dropped")


def scaled_followup_then_unscaled(s):
    s.ok("event", "add", REF, "followup", "--on", "2026-10-01", "--scale", "6")
    s.ok("event", "add", REF, "home-visit", "--on", "2026-11-10")  # the last counting event has no scale


def scaled_followup_after(s):
    s.ok("event", "add", REF, "followup", "--on", "2026-11-20", "--scale", "7")
    s.ok("event", "add", REF, "phone", "--on", "2026-11-21")  # informal contact does not count


def actor_without_coordinator(s):
    add_actor(s, REF, "ppr", "PPR Nord", "--since", "2026-06-01")  # actor 1, no coordinator


def agree_coordinator(s):
    s.ok("actor", "update", "1", "--coordinator", "family")


def end_actor_yesterday(s):
    s.ok("actor", "end", "1", "--on", "2026-11-21")


def network_meeting_before_start(s):
    s.ok("event", "add", REF, "network-meeting", "--on", "2026-11-14")  # the day before the handover began


def network_meeting_on_start(s):
    s.ok("event", "add", REF, "network-meeting", "--on", START)


def open_and_achieved_goals(s):
    add_goal(s, REF, "Alma sover i egen seng", "short")  # goal 1
    add_goal(s, REF, "Alma cykler", "long")  # goal 2
    s.ok("goal", "update", "2", "--status", "achieved")


def drop_goal_1(s):
    s.ok("goal", "update", "1", "--status", "dropped")


def achieve_goal_1(s):
    s.ok("goal", "update", "1", "--status", "achieved")


def nothing(s):
    pass


def end_bl86_today(s):
    s.ok("grant", "end", REF, "BL 86")  # ends 2026-11-22 = today: ended


def grant_running_to_next_year(s):
    s.ok("grant", "end", REF, "BL 86", "--on", "2026-12-31")  # still running on 2026-11-22


def school_actor_only(s):
    add_actor(s, REF, "school", "Kildeskolen", "--coordinator", "family")


def adult_services_actor(s):
    add_actor(s, REF, "adult-services", "Voksenhandicap Nord", "--coordinator", "advisor")


def adult_services_actor_who_left(s):
    add_actor(s, REF, "adult-services", "Voksenhandicap Syd", "--coordinator", "advisor", "--since", "2026-06-01")
    s.ok("actor", "end", "1", "--on", "2026-11-01")


@pytest.mark.parametrize(
    ("kind", "item", "arrange", "done_before", "fix", "done_after"),
    [
        pytest.param("advisor-change", "goals-current", goal_without_target, False, set_goal_target, True,
                     id="advisor-change:goals-current:target-set"),
        pytest.param("advisor-change", "goals-current", dropped_goal_without_target_and_goal_with_target, True,
                     nothing, True, id="advisor-change:goals-current:dropped-goal-needs-no-target"),
        pytest.param("advisor-change", "scale-recent", scaled_followup_then_unscaled, False, scaled_followup_after,
                     True, id="advisor-change:scale-recent:scale-on-last-counting-event"),
        pytest.param("advisor-change", "scale-recent", nothing, False, nothing, False,
                     id="advisor-change:scale-recent:no-follow-up-yet"),
        pytest.param("advisor-change", "actors-current", actor_without_coordinator, False, agree_coordinator, True,
                     id="advisor-change:actors-current:coordinator-agreed"),
        pytest.param("advisor-change", "actors-current", actor_without_coordinator, False, end_actor_yesterday, True,
                     id="advisor-change:actors-current:actor-left"),
        pytest.param("new-professional", "network-meeting", network_meeting_before_start, False,
                     network_meeting_on_start, True, id="new-professional:network-meeting:held-since-start"),
        pytest.param("new-professional", "coordinator-agreed", actor_without_coordinator, False, agree_coordinator,
                     True, id="new-professional:coordinator-agreed"),
        pytest.param("closure", "goals-finished", open_and_achieved_goals, False, drop_goal_1, True,
                     id="closure:goals-finished:dropped"),
        pytest.param("closure", "goals-finished", open_and_achieved_goals, False, achieve_goal_1, True,
                     id="closure:goals-finished:achieved"),
        pytest.param("closure", "grants-ended", nothing, False, end_bl86_today, True,
                     id="closure:grants-ended:ended-today"),
        pytest.param("closure", "grants-ended", nothing, False, grant_running_to_next_year, False,
                     id="closure:grants-ended:end-date-ahead"),
        pytest.param("transition", "adult-contact", school_actor_only, False, adult_services_actor, True,
                     id="transition:adult-contact:adult-services-actor"),
        pytest.param("transition", "adult-contact", nothing, False, adult_services_actor_who_left, False,
                     id="transition:adult-contact:adult-services-actor-left"),
    ],
)  # fmt: skip
def test_handover_data_items(case1, kind, item, arrange, done_before, fix, done_after):
    arrange(case1)
    _start(case1, kind)
    h = handovers(case1)[kind]
    assert items_done(h)[item] is done_before
    assert (item in h["missing"]) is (not done_before)
    fix(case1)
    h = handovers(case1)[kind]
    entry = next(i for i in h["items"] if i["item"] == item)
    assert (entry["done"], entry["by"], entry["decided_by"]) == (done_after, "data", "data")
    assert (item in h["missing"]) is (not done_after)
    # decided by the data: it cannot be ticked, whatever the data says
    assert_refused(case1, ["handover", "tick", REF, item, "--kind", kind], DOMAIN_ERROR, item, "data")


@pytest.mark.parametrize(
    ("born", "started", "done"),
    [
        # born 2010-11-10: turns 16 on 2026-11-10
        pytest.param("2010-11-10", "2026-11-09", True, id="started-the-day-before-the-16th-birthday"),
        pytest.param("2010-11-10", "2026-11-10", True, id="started-on-the-16th-birthday"),
        pytest.param("2010-11-10", "2026-11-11", False, id="started-the-day-after-the-16th-birthday"),
        pytest.param("2010-11-10", "2026-11-22", False, id="started-today-12-days-late"),
        # born 2010-02-28: 16 on 2026-02-28; started 2026-06-01 (the case's opening) is late
        pytest.param("2010-02-28", "2026-06-01", False, id="started-when-the-case-opened-at-16"),
        # born 2012-01-15: 16 on 2028-01-15, long before
        pytest.param("2012-01-15", "2026-11-22", True, id="started-at-14"),
        pytest.param(None, "2026-11-22", False, id="no-birth-date"),
    ],
)
def test_transition_started_by_16(team, open_case, born, started, done):
    if born:
        open_case(REF, "BL 86", opened="2026-06-01", born=born)
    else:
        open_case(REF, "BL 86", opened="2026-06-01")
    team.ok("handover", "start", REF, "transition", today=date.fromisoformat(started))
    h = handovers(team)["transition"]
    assert h["started"] == started
    assert items_done(h)["started-by-16"] is done
    assert_refused(team, ["handover", "tick", REF, "started-by-16"], DOMAIN_ERROR, "started-by-16")


# -- completing each kind --------------------------------------------------------------------------


def ready_advisor_change(s):
    add_goal(s, REF, "Alma sover i egen seng", "short", "family", "2027-02-01")
    add_actor(s, REF, "school", "Kildeskolen", "--coordinator", "family")
    s.ok("event", "add", REF, "followup", "--on", "2026-11-20", "--scale", "6")
    s.ok("case", "assign", REF, "--advisor", "LBH")  # starts the advisor-change handover


def ready_new_professional(s):
    s.ok("handover", "start", REF, "new-professional")
    physio = add_actor(s, REF, "physiotherapy", "Fysio Øst", "--coordinator", "advisor")
    s.ok("event", "add", REF, "network-meeting", "--with", str(physio))


def ready_transition(s):
    # born 2015-03-01: started 2026-11-22, long before the 16th birthday 2031-03-01
    s.ok("handover", "start", REF, "transition")
    add_actor(s, REF, "adult-services", "Voksenhandicap Nord", "--coordinator", "advisor")


@pytest.mark.parametrize(
    ("kind", "ready"),
    [
        pytest.param("advisor-change", ready_advisor_change, id="advisor-change"),
        pytest.param("new-professional", ready_new_professional, id="new-professional"),
        pytest.param("closure", ready_closure, id="closure"),
        pytest.param("transition", ready_transition, id="transition"),
    ],
)
def test_handover_completes_when_every_item_is_done(case1, kind, ready):
    ready(case1)
    h = handovers(case1)[kind]
    assert h["missing"] == person_items(kind), "the data items should be done by now"
    for item in person_items(kind):
        assert_ok(case1("handover", "tick", REF, item))
    assert handovers(case1)[kind]["missing"] == []

    result = case1("handover", "complete", REF, user="LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: {kind} handover complete.\n"
    h = handovers(case1)[kind]
    assert (h["status"], h["completed"], h["completed_by"], h["forced_reason"], h["missing"]) == (
        "complete",
        "2026-11-22",
        "LBH",
        None,
        [],
    )
    assert all(i["done"] for i in h["items"])
    # completed: no longer open, so it cannot be completed again or ticked
    assert_refused(case1, ["handover", "complete", REF], DOMAIN_ERROR, REF, "no open")
    # but a new one of the same kind may start
    assert_ok(case1("handover", "start", REF, kind))
    assert [x["kind"] for x in case1.ok("handover", "show", REF, "--all", "-f", "json").json()] == [kind, kind]
    assert "handover.complete" in [e["action"] for e in audit_actions(case1)]


@pytest.mark.parametrize(
    ("kind", "missing"),
    [
        # case 2026-0101: BL 86 running, born 2015-03-01, no goals, actors or events
        pytest.param("advisor-change", ["scale-recent", "family-told", "handover-meeting", "next-followup-booked"],
                     id="advisor-change"),
        pytest.param("new-professional", ["goals-shared", "network-meeting"], id="new-professional"),
        pytest.param("closure", ["family-told", "actors-told", "grants-ended"], id="closure"),
        pytest.param("transition", ["adult-contact", "transition-meeting", "topic-support", "topic-education",
                                    "topic-employment", "topic-housing", "topic-social", "adult-decision"],
                     id="transition"),
    ],
)  # fmt: skip
def test_handover_complete_refused_lists_the_missing_items(case1, kind, missing):
    case1.ok("handover", "start", REF, kind)
    assert handovers(case1)[kind]["missing"] == missing
    line = assert_refused(case1, ["handover", "complete", REF], DOMAIN_ERROR, kind, REF)
    assert line.endswith("missing: " + ", ".join(missing)), line


@pytest.fixture
def handover_world(case1, open_case):
    """Case 2026-0101 with an open closure handover, family-told ticked; 2026-0102 without handovers;
    2026-0103 closed."""
    case1.ok("handover", "start", REF, "closure")
    case1.ok("handover", "tick", REF, "family-told")
    open_case(OTHER, "BL 86", opened="2026-06-01")
    open_case("2026-0103", "BL 86", opened="2026-06-01")
    case1.ok("case", "close", "2026-0103", "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Flyttet")
    return case1


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["handover", "start", REF, "closure"], DOMAIN_ERROR, (REF, "closure", "already"),
                     id="start-second-open-of-the-same-kind"),
        pytest.param(["handover", "start", REF, "farewell"], USAGE_ERROR, ("farewell",), id="start-bad-kind"),
        pytest.param(["handover", "start", "2026-9999", "closure"], DOMAIN_ERROR, ("2026-9999",),
                     id="start-unknown-case"),
        pytest.param(["handover", "start", "2026-0103", "closure"], DOMAIN_ERROR, ("2026-0103", "closed"),
                     id="start-on-closed-case"),
        pytest.param(["handover", "tick", REF, "grants-ended"], DOMAIN_ERROR, ("grants-ended", "data"),
                     id="tick-data-item"),
        pytest.param(["handover", "tick", REF, "goals-finished"], DOMAIN_ERROR, ("goals-finished", "data"),
                     id="tick-data-item-that-is-done"),
        pytest.param(["handover", "tick", REF, "family-told"], DOMAIN_ERROR, ("family-told", "already"),
                     id="tick-twice"),
        pytest.param(["handover", "tick", OTHER, "family-told"], DOMAIN_ERROR, (OTHER, "no open"),
                     id="tick-without-open-handover"),
        pytest.param(["handover", "tick", REF, "family-told", "--kind", "transition"], DOMAIN_ERROR,
                     (REF, "transition"), id="tick-kind-not-open"),
        pytest.param(["handover", "tick", REF, "actors-told", "--kind", "goodbye"], USAGE_ERROR, ("goodbye",),
                     id="tick-bad-kind"),
        pytest.param(["handover", "tick", "2026-9999", "family-told"], DOMAIN_ERROR, ("2026-9999",),
                     id="tick-unknown-case"),
        pytest.param(["handover", "complete", REF], DOMAIN_ERROR, ("missing", "actors-told", "grants-ended"),
                     id="complete-with-missing-items"),
        pytest.param(["handover", "complete", OTHER], DOMAIN_ERROR, (OTHER, "no open"),
                     id="complete-without-open-handover"),
        pytest.param(["handover", "complete", REF, "--kind", "fast"], USAGE_ERROR, ("fast",),
                     id="complete-bad-kind"),
        pytest.param(["handover", "show", "2026-9999"], DOMAIN_ERROR, ("2026-9999",), id="show-unknown-case"),
        pytest.param(["handover", "show", REF, "-f", "xml"], USAGE_ERROR, ("xml",), id="show-bad-format"),
    ],
)  # fmt: skip
def test_handover_errors(handover_world, argv, exit_code, names):
    assert_refused(handover_world, argv, exit_code, *names)


def test_handover_tick_unknown_item_names_the_items_to_tick(handover_world):
    # a misspelt item is a bad value (exit 2, like a bad KIND); the message lists what can be ticked
    line = assert_refused(handover_world, ["handover", "tick", REF, "family-toId"], USAGE_ERROR, "family-toId")
    assert "actors-told" in line and "family-told" in line
