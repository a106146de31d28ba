"""Closed word lists typed in English or Danish (samfam.rules.vocabulary), as tables."""

from __future__ import annotations

import pytest

from samfam.errors import UsageError
from samfam.rules import actors, applications, events, goals
from samfam.rules.vocabulary import Word, Words, fold

FOLDED = [
    # typed                 compared as
    ("Opfølgningsmøde",     "opfoelgningsmoede"),
    ("OPFØLGNING",          "opfoelgning"),
    ("Rådgiveren",          "raadgiveren"),
    ("Sagsmøde",            "sagsmoede"),
    ("Plæne",               "plaene"),
    ("home-visit",          "homevisit"),
    ("Home visit",          "homevisit"),
    ("in_progress",         "inprogress"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "folded"), FOLDED)
def test_fold(typed, folded):
    assert fold(typed) == folded


OUTCOMES = [
    # typed              stored
    ("granted",          "granted"),
    ("bevilget",         "granted"),
    ("Bevilling",        "granted"),
    ("afslag",           "refused"),
    ("Afslået",          "refused"),
    ("afslaaet",         "refused"),
    ("delvis",           "partly"),
    ("Delvist",          "partly"),
    ("delvis bevilget",  "partly"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "stored"), OUTCOMES)
def test_an_outcome_typed_in_english_or_danish(typed, stored):
    assert applications.OUTCOME_WORDS.resolve(typed) == stored


EVERY_LIST = [
    events.EVENT_WORDS,
    goals.HORIZON_WORDS,
    goals.STATUS_WORDS,
    goals.OWNER_WORDS,
    actors.ACTOR_KIND_WORDS,
    actors.COORDINATOR_WORDS,
    applications.OUTCOME_WORDS,
]


@pytest.mark.parametrize("words", EVERY_LIST, ids=lambda w: w.what)
def test_every_list_resolves_its_english_and_danish_words_and_shows_both(words):
    for word in words.words:
        assert words.resolve(word.name) == word.name
        assert words.resolve(word.name.upper()) == word.name
        for typed in word.danish:
            assert words.resolve(typed) == word.name
    shown = words.choices()
    for word in words.words:
        assert word.name in shown


def test_a_word_naming_two_words_of_one_list_is_a_mistake_in_the_table():
    with pytest.raises(ValueError, match="'Aaben' names both open and closed"):
        Words("a state", (Word("open", ("åben",)), Word("closed", ("Aaben",))))


def test_the_refusal_names_the_value_and_every_word_in_both_languages():
    with pytest.raises(UsageError) as refused:
        applications.OUTCOME_WORDS.resolve("måske")
    assert refused.value.message == (
        "'måske' is not an outcome; use one of: granted (bevilget), refused (afslag), partly (delvis)"
    )
