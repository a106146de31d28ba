"""External actors on a case through the command line: `actor add/list/update/end`, with their errors."""

from __future__ import annotations

import pytest

from support import DOMAIN_ERROR, REF, USAGE_ERROR, add_actor, assert_ok, assert_refused, card, parse_csv

# =====================================================================================================
# Actors
# =====================================================================================================


def test_actor_add_and_list_json(case1):
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family",
                       "--contact", "Lærer Ane Berg, 12 34 56 78", "--since", "2026-08-01")  # fmt: skip
    ppr = add_actor(case1, REF, "ppr", "PPR Nord")  # coordinator not agreed yet; since today
    rows = case1.ok("actor", "list", REF, "-f", "json").json()
    assert rows == [
        {
            "case": REF,
            "id": school,
            "kind": "school",
            "name": "Kildeskolen",
            "contact": "Lærer Ane Berg, 12 34 56 78",
            "coordinator": "family",
            "since": "2026-08-01",
            "until": None,
            "active": True,
            "attention": [],
        },
        {
            "case": REF,
            "id": ppr,
            "kind": "ppr",
            "name": "PPR Nord",
            "contact": None,
            "coordinator": None,
            "since": "2026-11-22",
            "until": None,
            "active": True,
            "attention": ["no agreed coordinator"],
        },
    ]
    assert [(a["id"], a["attention"]) for a in card(case1)["actors"]] == [
        (school, []),
        (ppr, ["no agreed coordinator"]),
    ]
    assert f"actor {ppr} (PPR Nord): no agreed coordinator" in card(case1)["attention"]


@pytest.mark.parametrize(
    "kind",
    ["daycare", "school", "ppr", "physiotherapy", "occupational-therapy", "residential-care", "respite-care",
     "hospital", "adult-services", "other"],
)  # fmt: skip
def test_actor_every_kind(case1, kind):
    aid = add_actor(case1, REF, kind, f"Sted for {kind}", "--coordinator", "advisor")
    assert case1.ok("actor", "list", REF, "-f", "json").json()[0]["kind"] == kind
    assert aid == 1


def test_actor_list_csv_and_table(case1):
    add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family", "--since", "2026-08-01")
    add_actor(case1, REF, "ppr", "PPR Nord")
    result = case1("actor", "list", REF, "-f", "csv")
    assert_ok(result)
    assert parse_csv(result.stdout) == [
        ["case", "id", "kind", "name", "contact", "coordinator", "since", "until", "active", "attention"],
        [REF, "1", "school", "Kildeskolen", "", "family", "2026-08-01", "", "yes", ""],
        [REF, "2", "ppr", "PPR Nord", "", "", "2026-11-22", "", "yes", "no agreed coordinator"],
    ]
    table = case1("actor", "list", REF)
    assert_ok(table)
    assert table.stdout.startswith(f"Actors on case {REF}")
    for text in ("Kildeskolen", "PPR Nord", "no agreed coordinator", "Coordinator"):
        assert text in table.stdout


def test_actor_list_empty(case1):
    table = case1("actor", "list", REF)
    assert_ok(table)
    assert "No actors." in table.stdout
    assert case1.ok("actor", "list", REF, "-f", "json").json() == []


def test_actor_update_coordinator_clears_the_attention(case1):
    ppr = add_actor(case1, REF, "ppr", "PPR Nord")
    result = case1("actor", "update", str(ppr), "--coordinator", "advisor", "--contact", "Psykolog Bo Lund")
    assert_ok(result)
    assert result.stdout == f"Actor {ppr} updated.\n"
    row = case1.ok("actor", "list", REF, "-f", "json").json()[0]
    assert (row["coordinator"], row["contact"], row["attention"]) == ("advisor", "Psykolog Bo Lund", [])
    assert not [a for a in card(case1)["attention"] if a.startswith("actor ")]

    case1.ok("actor", "update", str(ppr), "--name", "PPR Nord-Vest")
    case1.ok("actor", "update", str(ppr), "--coordinator", "none")  # back to "not agreed yet"
    row = case1.ok("actor", "list", REF, "-f", "json").json()[0]
    assert (row["name"], row["coordinator"], row["attention"]) == ("PPR Nord-Vest", None, ["no agreed coordinator"])
    assert f"actor {ppr} (PPR Nord-Vest): no agreed coordinator" in card(case1)["attention"]


def test_actor_end_and_list_all(case1):
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family", "--since", "2026-06-01")
    daycare = add_actor(case1, REF, "daycare", "Børnehuset Solsikken", "--since", "2026-06-01")
    ppr = add_actor(case1, REF, "ppr", "PPR Nord", "--coordinator", "advisor", "--since", "2026-06-01")

    result = case1("actor", "end", str(daycare), "--on", "2026-08-31")
    assert_ok(result)
    assert result.stdout == f"Actor {daycare} (Børnehuset Solsikken) left the case on 2026-08-31.\n"
    result = case1("actor", "end", str(ppr))  # today: still on the case on its last day
    assert_ok(result)
    assert result.stdout == f"Actor {ppr} (PPR Nord) left the case on 2026-11-22.\n"

    current = case1.ok("actor", "list", REF, "-f", "json").json()
    assert [(a["id"], a["until"]) for a in current] == [(school, None), (ppr, "2026-11-22")]
    every = case1.ok("actor", "list", REF, "--all", "-f", "json").json()
    assert [(a["id"], a["until"], a["active"]) for a in every] == [
        (school, None, True),
        (daycare, "2026-08-31", False),
        (ppr, "2026-11-22", True),
    ]
    # an actor who has left needs no coordinator any more
    assert not [a for a in card(case1)["attention"] if a.startswith("actor ")]


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["actor", "add", REF, "zoo", "--name", "Zoologisk Have"], USAGE_ERROR, ("zoo",),
                     id="add-bad-kind"),
        pytest.param(["actor", "add", REF, "school", "--name", "Kildeskolen", "--coordinator", "mormor"],
                     USAGE_ERROR, ("--coordinator", "mormor"), id="add-bad-coordinator"),
        pytest.param(["actor", "add", REF, "school"], USAGE_ERROR, ("--name",), id="add-missing-name"),
        pytest.param(["actor", "add", REF, "school", "--name", " "], USAGE_ERROR, ("--name",), id="add-empty-name"),
        pytest.param(["actor", "add", "2026-9999", "school", "--name", "Kildeskolen"], DOMAIN_ERROR, ("2026-9999",),
                     id="add-unknown-case"),
        pytest.param(["actor", "add", "2026-0103", "school", "--name", "Kildeskolen"], DOMAIN_ERROR,
                     ("2026-0103", "closed"), id="add-on-closed-case"),
        pytest.param(["actor", "add", REF, "school", "--name", "Kildeskolen", "--since", "2026-12-01"], DOMAIN_ERROR,
                     ("2026-12-01",), id="add-since-in-the-future"),
        pytest.param(["actor", "add", REF, "school", "--name", "Kildeskolen", "--since", "2026-05-31"], DOMAIN_ERROR,
                     ("2026-05-31", "2026-06-01"), id="add-since-before-the-case-opened"),
        pytest.param(["actor", "list", "2026-9999"], DOMAIN_ERROR, ("2026-9999",), id="list-unknown-case"),
        pytest.param(["actor", "list", REF, "-f", "yaml"], USAGE_ERROR, ("yaml",), id="list-bad-format"),
        pytest.param(["actor", "update", "99", "--coordinator", "family"], DOMAIN_ERROR, ("actor 99",),
                     id="update-unknown-actor"),
        pytest.param(["actor", "update", "1"], USAGE_ERROR, ("--name", "--contact", "--coordinator"),
                     id="update-nothing"),
        pytest.param(["actor", "update", "1", "--coordinator", "skolen"], USAGE_ERROR, ("skolen",),
                     id="update-bad-coordinator"),
        pytest.param(["actor", "end", "99"], DOMAIN_ERROR, ("actor 99",), id="end-unknown-actor"),
        pytest.param(["actor", "end", "2"], DOMAIN_ERROR, ("actor 2", "2026-11-01"), id="end-twice"),
        pytest.param(["actor", "end", "1", "--on", "2026-05-31"], DOMAIN_ERROR, ("2026-05-31", "2026-06-01"),
                     id="end-before-joining"),
        pytest.param(["actor", "end", "1", "--on", "31/12/2026"], USAGE_ERROR, ("31/12/2026",), id="end-bad-date"),
    ],
)  # fmt: skip
def test_actor_errors(goal_world, argv, exit_code, names):
    assert_refused(goal_world, argv, exit_code, *names)
