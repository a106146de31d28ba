"""Events with actors: network meetings `--with` actors, and the actors named by `event list` and `case show`."""

from __future__ import annotations

import pytest

from support import DOMAIN_ERROR, ME, REF, USAGE_ERROR, add_actor, assert_ok, assert_refused, audit_actions, card

# =====================================================================================================
# Network meetings with actors
# =====================================================================================================


def test_network_meeting_with_actors(case1):
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family")
    ppr = add_actor(case1, REF, "ppr", "PPR Nord", "--coordinator", "advisor")
    result = case1("event", "add", REF, "network-meeting", "--on", "2026-11-20", "--with", str(school),
                   "--with", str(ppr))  # fmt: skip
    assert_ok(result)
    assert result.stdout == f"Case {REF}: network-meeting on 2026-11-20 recorded.\n"
    events = case1.rows("events")
    assert len(events) == 1
    first = events[0][0]
    assert sorted(case1.rows("event_actor")) == [(first, school), (first, ppr)]
    entry = next(e for e in audit_actions(case1) if e["action"] == "event.add")
    assert entry["detail"] == f"network-meeting on 2026-11-20, with actors {school}, {ppr}"
    # a network meeting counts as a follow-up
    assert card(case1)["last_followup"] == "2026-11-20"

    # the same actor named twice takes part once
    case1.ok("event", "add", REF, "network-meeting", "--on", "2026-11-21", "--with", str(ppr), "--with", str(ppr))
    second = max(r[0] for r in case1.rows("events"))
    assert sorted(case1.rows("event_actor")) == [(first, school), (first, ppr), (second, ppr)]


@pytest.mark.parametrize(
    ("actor", "names"),
    [
        pytest.param("3", ("actor 3", REF), id="actor-of-another-case"),
        pytest.param("99", ("actor 99", REF), id="unknown-actor"),
    ],
)
def test_network_meeting_with_actor_not_on_the_case(goal_world, actor, names):
    argv = ["event", "add", REF, "network-meeting", "--on", "2026-11-20", "--with", "1", "--with", actor]
    assert_refused(goal_world, argv, DOMAIN_ERROR, *names)


def test_network_meeting_with_actor_who_left_before_the_meeting(goal_world):
    # actor 2 (PPR Nord) left the case on 2026-11-01: it is no longer on the case on 2026-11-20
    argv = ["event", "add", REF, "network-meeting", "--on", "2026-11-20", "--with", "2"]
    assert_refused(goal_world, argv, DOMAIN_ERROR, "actor 2")


def test_network_meeting_with_bad_actor_id_is_a_usage_error(case1):
    argv = ["event", "add", REF, "network-meeting", "--with", "skolen"]
    assert_refused(case1, argv, USAGE_ERROR, "--with", "skolen")


def test_event_list_and_case_card_name_the_actors_who_took_part(team, open_case):
    open_case("2026-0501", "BL 86")
    team.ok("actor", "add", "2026-0501", "school", "--name", "Kildeskolen", "--coordinator", "family")  # id 1
    team.ok("actor", "add", "2026-0501", "ppr", "--name", "PPR", "--coordinator", "advisor")  # id 2
    team.ok("event", "add", "2026-0501", "network-meeting", "--on", "2026-11-20", "--with", "2", "--with", "1")
    team.ok("event", "add", "2026-0501", "phone", "--on", "2026-11-21")
    listed = team.ok("event", "list", "2026-0501", "-f", "json").json()
    assert [(e["kind"], e["with"]) for e in listed] == [("network-meeting", [1, 2]), ("phone", [])]
    card = team.ok("case", "show", "2026-0501", "-f", "json").json()
    assert [e["with"] for e in card["events"]] == [[1, 2], []]
    csv_text = team.ok("event", "list", "2026-0501", "-f", "csv").stdout
    header = "case,day,kind,counts,scale,note,with,recorded_by,id,void,voided_by,void_reason,corrects"
    assert csv_text.splitlines()[0] == header
    assert f"network-meeting,yes,,,1; 2,{ME}" in csv_text
