"""Closed word lists typed in Danish on the command line (issue 20 item 2): event kinds, goal horizons,
statuses and owners, actor kinds and coordinators, application outcomes. Each is stored as the canonical
English word (rules.vocabulary), and lists in `--help` and refusals show both languages."""

from __future__ import annotations

import pytest

from support import REF, USAGE_ERROR, assert_ok, assert_refused

# -- event add / event correct -----------------------------------------------------------------------------

EVENT_TYPED = [
    # typed                  stored
    ("Opfølgningsmøde",      "followup"),
    ("opfølgning",           "followup"),
    ("OPFOELGNING",          "followup"),
    ("Hjemmebesøg",          "home-visit"),
    ("hjemmebesoeg",         "home-visit"),
    ("telefon",              "phone"),
    ("Børnesamtale",         "child-conversation"),
    ("Observation af barnet", "child-observation"),
    ("Followup",             "followup"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "stored"), EVENT_TYPED)
def test_event_add_takes_the_kind_in_danish_and_stores_the_english(case1, typed, stored):
    result = case1("event", "add", REF, typed, "--on", "2026-11-20")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: {stored} on 2026-11-20 recorded.\n"
    assert [row["kind"] for row in case1.ok("event", "list", REF, "-f", "json").json()] == [stored]


def test_event_add_danish_follow_up_with_a_scale(case1):
    assert_ok(case1("event", "add", REF, "opfølgning", "--scale", "6"))
    (event,) = case1.ok("event", "list", REF, "-f", "json").json()
    assert (event["kind"], event["scale"]) == ("followup", 6)


def test_event_correct_takes_the_kind_in_danish(case1):
    case1.ok("event", "add", REF, "phone", "--on", "2026-11-20")
    result = case1("event", "correct", "1", "--kind", "Hjemmebesøg", "--reason", "Forkert art")
    assert_ok(result)
    assert result.stdout == "Event 1 corrected: now event 2, home-visit on 2026-11-20.\n"


def test_an_unknown_event_kind_is_refused_naming_the_kinds_in_both_languages(case1):
    line = assert_refused(case1, ["event", "add", REF, "fest"], USAGE_ERROR, "'fest'")
    assert "followup (opfølgning)" in line and "home-visit (hjemmebesøg)" in line and "phone (telefon)" in line


def test_event_add_help_lists_the_kinds_in_both_languages(samfam):
    text = " ".join(samfam.ok("event", "add", "--help").stdout.replace("│", " ").split())
    assert "followup (opfølgning)" in text
    assert "phone (telefon)" in text


# -- goal add / goal update / task add ---------------------------------------------------------------------

GOAL_TYPED = [
    # --horizon       --owner          stored horizon  stored owner
    ("kort",          "familien",      "short",        "family"),
    ("Kort sigt",     "Familien",      "short",        "family"),
    ("lang",          "rådgiveren",    "long",         "advisor"),
    ("LANG",          "raadgiveren",   "long",         "advisor"),
    ("short",         "Family",        "short",        "family"),
]  # fmt: skip


@pytest.mark.parametrize(("horizon", "owner", "stored_horizon", "stored_owner"), GOAL_TYPED)
def test_goal_add_takes_horizon_and_owner_in_danish(case1, horizon, owner, stored_horizon, stored_owner):
    result = case1("goal", "add", REF, "Alma sover i egen seng", "--horizon", horizon, "--owner", owner)
    assert_ok(result)
    (goal,) = case1.ok("goals", REF, "-f", "json").json()
    assert (goal["horizon"], goal["owner"]) == (stored_horizon, stored_owner)


def test_goal_add_owner_aktoer_in_danish(goal_world):
    result = goal_world("goal", "add", REF, "Alma går i skole", "--horizon", "lang", "--owner", "aktør:1")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: goal 2 added (long term, owner actor:1).\n"
    goal = goal_world.ok("goals", REF, "-f", "json").json()[-1]
    assert goal["owner"] == "actor:1 (Kildeskolen)"


@pytest.mark.parametrize(("typed", "stored"), [("i gang", "in-progress"), ("Nået", "achieved"),
                                               ("naaet", "achieved"), ("opgivet", "dropped")])  # fmt: skip
def test_goal_update_takes_the_status_in_danish(goal_world, typed, stored):
    result = goal_world("goal", "update", "1", "--status", typed)
    assert_ok(result)
    assert result.stdout == f"Goal 1: {stored}.\n"


def test_task_add_takes_the_owner_in_danish(goal_world):
    assert_ok(goal_world("task", "add", "1", "Lave aftenrutine", "--by", "familien"))
    assert [row[3:5] for row in goal_world.rows("task")] == [("family", None)]


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        pytest.param(["goal", "add", REF, "Mål", "--horizon", "mellem", "--owner", "familien"],
                     ("'mellem'", "short (kort)", "long (lang)"), id="bad-horizon"),
        pytest.param(["goal", "add", REF, "Mål", "--horizon", "kort", "--owner", "mormor"],
                     ("'mormor'", "family (familien)", "advisor (rådgiveren)", "actor:ID"), id="bad-owner"),
        pytest.param(["goal", "update", "1", "--status", "færdig"],
                     ("'færdig'", "open (åben)", "achieved (nået)"), id="bad-status"),
    ],
)  # fmt: skip
def test_goal_refusals_name_the_words_in_both_languages(goal_world, argv, names):
    assert_refused(goal_world, argv, USAGE_ERROR, *names)


def test_goal_help_lists_horizons_in_both_languages(samfam):
    text = " ".join(samfam.ok("goal", "add", "--help").stdout.replace("│", " ").split())
    assert "short (kort)" in text and "long (lang)" in text


# -- actor add / actor update --------------------------------------------------------------------------------

ACTOR_TYPED = [
    # kind           --coordinator   stored kind   stored coordinator
    ("skole",        "familien",     "school",     "family"),
    ("Skole",        "rådgiveren",   "school",     "advisor"),
    ("PPR",          "ingen",        "ppr",        None),
    ("Dagtilbud",    "family",       "daycare",    "family"),
    ("døgntilbud",   "none",         "residential-care", None),
    ("doegntilbud",  "FAMILIEN",     "residential-care", "family"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "coordinator", "stored_kind", "stored_coordinator"), ACTOR_TYPED)
def test_actor_add_takes_kind_and_coordinator_in_danish(case1, kind, coordinator, stored_kind, stored_coordinator):
    result = case1("actor", "add", REF, kind, "--name", "Kildeskolen", "--coordinator", coordinator)
    assert_ok(result)
    (actor,) = case1.ok("actor", "list", REF, "-f", "json").json()
    assert (actor["kind"], actor["coordinator"]) == (stored_kind, stored_coordinator)


def test_actor_update_takes_the_coordinator_in_danish(goal_world):
    assert_ok(goal_world("actor", "update", "1", "--coordinator", "rådgiveren"))
    actor = goal_world.ok("actor", "list", REF, "-f", "json").json()[0]
    assert actor["coordinator"] == "advisor"


def test_an_unknown_actor_kind_is_refused_naming_the_kinds_in_both_languages(case1):
    argv = ["actor", "add", REF, "zoo", "--name", "Zoologisk Have"]
    assert_refused(case1, argv, USAGE_ERROR, "'zoo'", "school (skole)", "daycare (dagtilbud)")


# -- application decide --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "stored"), [("bevilget", "granted"), ("Afslag", "refused"),
                                               ("afslaaet", "refused"), ("delvis", "partly")])  # fmt: skip
def test_application_decide_takes_the_outcome_in_danish(case1, typed, stored):
    case1.ok("application", "add", REF, "BL 86", "--received", "2026-11-02")
    result = case1("application", "decide", "1", "--outcome", typed, "--on", "2026-11-20")
    assert_ok(result)
    (application,) = case1.ok("application", "list", "-f", "json").json()
    assert application["outcome"] == stored


def test_an_unknown_outcome_is_refused_naming_the_outcomes_in_both_languages(case1):
    case1.ok("application", "add", REF, "BL 86", "--received", "2026-11-02")
    argv = ["application", "decide", "1", "--outcome", "måske"]
    assert_refused(case1, argv, USAGE_ERROR, "'måske'", "granted (bevilget)", "refused (afslag)", "partly (delvis)")
