"""Goals, handovers and legal deadlines (docs/rules.md §§ 5-6), as tables a domain expert can read."""

from __future__ import annotations

from datetime import date

import pytest

from samfam.errors import UsageError
from samfam.rules import actors as actor_rules
from samfam.rules import goals as goal_rules
from samfam.rules.deadlines import age_deadlines, investigation_deadline
from samfam.rules.goals import GoalFacts, case_goal_attention, goal_attention
from samfam.rules.handovers import CHECKLISTS, KINDS, CaseFacts, data_item_done

D = date.fromisoformat
TODAY = D("2026-11-22")

# -- goals -----------------------------------------------------------------------------------------

GOAL_TABLE = [
    # horizon  status         target        owner    owner on case  attention
    ("short",  "open",        "2026-11-21", "family", None,  ["past target 2026-11-21 and not achieved"]),
    ("short",  "in-progress", "2026-11-21", "family", None,  ["past target 2026-11-21 and not achieved"]),
    ("short",  "open",        "2026-11-22", "family", None,  []),            # the target day itself is fine
    ("short",  "achieved",    "2026-01-01", "family", None,  []),
    ("short",  "dropped",     "2026-01-01", "family", None,  []),
    ("long",   "open",        None,         "advisor", None, []),
    ("long",   "open",        None,         "actor",  False, ["owner actor is no longer on the case"]),
    ("long",   "achieved",    None,         "actor",  False, []),
    ("long",   "open",        None,         "actor",  True,  []),
]  # fmt: skip


@pytest.mark.parametrize(("horizon", "status", "target", "owner", "on_case", "attention"), GOAL_TABLE)
def test_goal_attention(horizon, status, target, owner, on_case, attention):
    facts = GoalFacts(horizon, status, D(target) if target else None, owner, on_case)
    assert goal_attention(facts, TODAY) == attention


CASE_GOALS_TABLE = [
    ("no goals at all",                [],                                            ["no open goal"]),
    ("only finished goals",            [("short", "achieved"), ("long", "dropped")],  ["no open goal"]),
    ("short only",                     [("short", "open")],                           ["no open long-term goal"]),
    ("long only",                      [("long", "in-progress")],                     ["no open short-term goal"]),
    ("both",                           [("short", "open"), ("long", "open")],         []),
    ("short achieved, long open",      [("short", "achieved"), ("long", "open")],     ["no open short-term goal"]),
    ("long achieved, short open",      [("short", "open"), ("long", "achieved")],     ["no open long-term goal"]),
    ("long dropped, short open",       [("short", "in-progress"), ("long", "dropped")], ["no open long-term goal"]),
]  # fmt: skip


@pytest.mark.parametrize(("why", "goals", "attention"), CASE_GOALS_TABLE, ids=[r[0] for r in CASE_GOALS_TABLE])
def test_a_case_needs_a_short_and_a_long_term_goal(why, goals, attention):
    assert case_goal_attention([GoalFacts(h, s, None, "family") for h, s in goals]) == attention


# -- handovers -------------------------------------------------------------------------------------

ALL_DONE = CaseFacts(
    open_goals_without_owner_or_target=0,
    scale_at_last_followup=True,
    actors_without_coordinator=0,
    network_meeting_since_start=True,
    unfinished_goals=0,
    open_grants=0,
    born=D("2010-11-30"),
    handover_started=D("2026-11-22"),
    adult_services_actor=True,
)

DATA_ITEM_TABLE = [
    # item                 the fact that is missing
    ("goals-current",      {"open_goals_without_owner_or_target": 1}),
    ("scale-recent",       {"scale_at_last_followup": False}),
    ("actors-current",     {"actors_without_coordinator": 2}),
    ("coordinator-agreed", {"actors_without_coordinator": 1}),
    ("network-meeting",    {"network_meeting_since_start": False}),
    ("goals-finished",     {"unfinished_goals": 1}),
    ("grants-ended",       {"open_grants": 1}),
    ("started-by-16",      {"handover_started": D("2026-12-01")}),   # after the 16th birthday (2026-11-30)
    ("started-by-16",      {"born": None}),
    ("adult-contact",      {"adult_services_actor": False}),
]  # fmt: skip


@pytest.mark.parametrize(("item", "missing"), DATA_ITEM_TABLE, ids=[f"{i}-{next(iter(m))}" for i, m in DATA_ITEM_TABLE])
def test_items_the_data_decides(item, missing):

    assert data_item_done(item, ALL_DONE) is True
    assert data_item_done(item, ALL_DONE._replace(**missing)) is False


def test_transition_started_on_the_16th_birthday_is_in_time():

    assert data_item_done("started-by-16", ALL_DONE._replace(handover_started=D("2026-11-30"))) is True


@pytest.mark.parametrize("kind", KINDS)
def test_every_checklist_mixes_only_known_deciders_and_every_data_item_is_evaluated(kind):
    for item in CHECKLISTS[kind]:
        assert item.decided_by in ("data", "person")
        if item.decided_by == "data":
            data_item_done(item.key, ALL_DONE)  # raises KeyError for an item the rules cannot decide


def test_the_checklists_cover_domain_md():
    keys = {kind: [i.key for i in items] for kind, items in CHECKLISTS.items()}
    assert keys["advisor-change"] == [
        "goals-current", "scale-recent", "actors-current", "family-told", "handover-meeting", "next-followup-booked",
    ]  # fmt: skip
    assert keys["new-professional"] == ["goals-shared", "network-meeting", "coordinator-agreed"]
    assert keys["closure"] == ["goals-finished", "family-told", "actors-told", "grants-ended"]
    assert keys["transition"][:3] == ["started-by-16", "adult-contact", "transition-meeting"]
    assert keys["transition"][-1] == "adult-decision"
    assert len([k for k in keys["transition"] if k.startswith("topic-")]) == 5  # the BL § 123 topics


# -- legal deadlines -------------------------------------------------------------------------------

INVESTIGATION_TABLE = [
    # code     start         end           as of         deadline
    ("BL 20",  "2026-06-04", None,         "2026-11-22", "2026-10-04"),   # 49 days past
    ("SEL 50", "2023-10-31", None,         "2024-01-15", "2024-02-29"),   # month-end clamped, leap year
    ("BL 20",  "2026-06-04", "2026-11-22", "2026-11-22", "2026-10-04"),   # ends today: still running today
    ("BL 20",  "2026-06-04", "2026-09-30", "2026-11-22", None),           # finished
    ("BL 20",  "2026-12-01", None,         "2026-11-22", None),           # not started yet
    ("BL 86",  "2026-06-04", None,         "2026-11-22", None),           # not an investigation
]  # fmt: skip


@pytest.mark.parametrize(("code", "start", "end", "as_of", "deadline"), INVESTIGATION_TABLE)
def test_an_investigation_must_finish_within_4_months(code, start, end, as_of, deadline):
    found = investigation_deadline(code, D(start), D(end) if end else None, D(as_of))
    assert (found.deadline if found else None) == (D(deadline) if deadline else None)


AGE_TABLE = [
    # born          transition started  kinds and deadlines
    ("2010-11-30",  False, [("transition", "2026-11-30"), ("turns-18", "2028-11-30")]),
    ("2010-11-30",  True,  [("turns-18", "2028-11-30")]),
    ("2008-11-22",  True,  [("open-after-18", "2026-11-22")]),   # the 18th birthday is today
    ("2008-11-23",  True,  [("turns-18", "2026-11-23")]),
    ("2008-02-29",  False, [("open-after-18", "2026-02-28")]),   # leap-day child: 28 Feb in a common year
    (None,          False, []),
]  # fmt: skip


@pytest.mark.parametrize(("born", "started", "expected"), AGE_TABLE)
def test_age_deadlines(born, started, expected):
    found = age_deadlines(D(born) if born else None, started, TODAY)
    assert [(d.kind, d.deadline.isoformat()) for d in found] == expected


# -- goal and actor words typed in Danish (rules.vocabulary) ---------------------------------------------

TYPED_WORDS = [
    # list              typed                 stored
    ("horizon",         "kort",               "short"),
    ("horizon",         "Kort sigt",          "short"),
    ("horizon",         "LANG",               "long"),
    ("horizon",         "langsigtet",         "long"),
    ("status",          "åben",               "open"),
    ("status",          "aaben",              "open"),
    ("status",          "I gang",             "in-progress"),
    ("status",          "in progress",        "in-progress"),
    ("status",          "Nået",               "achieved"),
    ("status",          "naaet",              "achieved"),
    ("status",          "opgivet",            "dropped"),
    ("owner",           "familien",           "family"),
    ("owner",           "Familien",           "family"),
    ("owner",           "rådgiveren",         "advisor"),
    ("owner",           "raadgiveren",        "advisor"),
    ("owner",           "ADVISOR",            "advisor"),
    ("owner",           "aktør:3",            "actor:3"),
    ("owner",           "Aktoer: Kildeskolen", "actor:Kildeskolen"),
    ("owner",           "actor:7",            "actor:7"),
    ("actor kind",      "skole",              "school"),
    ("actor kind",      "Skole",              "school"),
    ("actor kind",      "PPR",                "ppr"),
    ("actor kind",      "Dagtilbud",          "daycare"),
    ("actor kind",      "børnehave",          "daycare"),
    ("actor kind",      "Døgntilbud",         "residential-care"),
    ("actor kind",      "doegntilbud",        "residential-care"),
    ("actor kind",      "aflastning",         "respite-care"),
    ("actor kind",      "fysioterapi",        "physiotherapy"),
    ("actor kind",      "ergoterapi",         "occupational-therapy"),
    ("actor kind",      "sygehus",            "hospital"),
    ("actor kind",      "voksenområdet",      "adult-services"),
    ("actor kind",      "andet",              "other"),
    ("coordinator",     "familien",           "family"),
    ("coordinator",     "rådgiver",           "advisor"),
    ("coordinator",     "ingen",              "none"),
    ("coordinator",     "ikke aftalt",        "none"),
]  # fmt: skip

LISTS = {
    "horizon": goal_rules.HORIZON_WORDS.resolve,
    "status": goal_rules.STATUS_WORDS.resolve,
    "owner": goal_rules.owner_word,
    "actor kind": actor_rules.ACTOR_KIND_WORDS.resolve,
    "coordinator": actor_rules.COORDINATOR_WORDS.resolve,
}


@pytest.mark.parametrize(("word_list", "typed", "stored"), TYPED_WORDS)
def test_a_goal_or_actor_word_typed_in_english_or_danish(word_list, typed, stored):
    assert LISTS[word_list](typed) == stored


@pytest.mark.parametrize(
    "words",
    [
        goal_rules.HORIZON_WORDS,
        goal_rules.STATUS_WORDS,
        goal_rules.OWNER_WORDS,
        actor_rules.ACTOR_KIND_WORDS,
        actor_rules.COORDINATOR_WORDS,
    ],
    ids=lambda w: w.what,
)
def test_every_danish_word_and_its_spelling_without_aeoeaa(words):
    for word in words.words:
        for typed in word.danish:
            folded = typed.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
            for spelling in (typed, typed.upper(), typed.capitalize(), folded, folded.upper()):
                assert words.resolve(spelling) == word.name, spelling


def test_an_unknown_owner_is_refused_in_both_languages():
    with pytest.raises(UsageError) as refused:
        goal_rules.owner_word("naboen")
    assert refused.value.message == (
        "--owner 'naboen' is not valid; use family (familien), advisor (rådgiveren) or actor:ID (aktør:ID) "
        "(see 'samfam actor list REF')"
    )
