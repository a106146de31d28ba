"""The first day each kind of event happened on a case (samfam.rules.events.first_days), as a table."""

from __future__ import annotations

from datetime import date

import pytest

from samfam.errors import UsageError
from samfam.rules.events import EVENT_KINDS, EVENT_WORDS, TYPED_IN_DANISH, first_days

D = date.fromisoformat

FIRST_TABLE = [
    pytest.param([], {}, id="no-events"),
    pytest.param([("startup", "2026-01-05")], {"startup": "2026-01-05"}, id="one"),
    pytest.param(
        [("followup", "2026-03-01"), ("followup", "2026-02-01"), ("startup", "2026-01-05")],
        {"followup": "2026-02-01", "startup": "2026-01-05"},
        id="the-earliest-whatever-the-order",
    ),
]


@pytest.mark.parametrize(("events", "expected"), FIRST_TABLE)
def test_the_first_day_of_each_kind(events, expected):
    assert first_days((kind, D(day)) for kind, day in events) == {kind: D(day) for kind, day in expected.items()}


# -- event kinds typed in Danish (samfam.rules.events.EVENT_WORDS, rules.vocabulary) --------------------

TYPED_KINDS = [
    # typed                    stored
    ("followup",               "followup"),
    ("Opfølgningsmøde",        "followup"),
    ("opfølgning",             "followup"),
    ("OPFOELGNING",            "followup"),
    ("opfoelgningsmoede",      "followup"),
    ("Hjemmebesøg",            "home-visit"),
    ("hjemmebesoeg",           "home-visit"),
    ("home visit",             "home-visit"),
    ("telefon",                "phone"),
    ("Telefonopkald",          "phone"),
    ("Opstartssamtale",        "startup"),
    ("Netværksmøde",           "network-meeting"),
    ("Vurderingsmøde",         "assessment-meeting"),
    ("Analysemøde",            "analysis-meeting"),
    ("Børnesamtale",           "child-conversation"),
    ("boernesamtale",          "child-conversation"),
    ("Observation af barnet",  "child-observation"),
    ("Internt sagsmøde",       "case-meeting"),
    ("SMS",                    "sms"),
    ("E-mail",                 "email"),
    ("Plan besluttet",         "plan-decided"),
    ("Plan udarbejdet",        "plan-made"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "stored"), TYPED_KINDS)
def test_an_event_kind_typed_in_english_or_danish(typed, stored):
    assert EVENT_WORDS.resolve(typed) == stored


def test_every_danish_name_of_every_kind_and_its_spelling_without_aeoeaa():
    for kind in EVENT_KINDS:
        for typed in (kind.danish, *TYPED_IN_DANISH[kind.name]):
            folded = typed.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
            for spelling in (typed, typed.upper(), typed.lower(), folded, folded.upper()):
                assert EVENT_WORDS.resolve(spelling) == kind.name, spelling


def test_an_unknown_kind_is_refused_naming_the_words_in_both_languages():
    with pytest.raises(UsageError) as refused:
        EVENT_WORDS.resolve("fest")
    assert refused.value.message.startswith("'fest' is not an event kind; use one of: startup (opstart), ")
    assert "followup (opfølgning)" in refused.value.message
    assert "phone (telefon)" in refused.value.message
