"""The Danish quick guide for advisors, docs/da/kom-godt-i-gang.md, keeps its promises as the README does
(tests/test_readme.py): its commands run top to bottom on a new database, on the day its dates were written
for and on a later day, and the Danish words it teaches are the ones samfam takes. tests/test_docs.py checks
that every command and option it names exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_docs import EXAMPLES, check
from test_readme import commands_in, run_top_to_bottom

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "da" / "kom-godt-i-gang.md"


def _text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _commands() -> list[list[str]]:
    """The commands of every ```sh block of the guide, in order: one walk through a day's work."""
    return [argv for block in re.findall(r"```sh\n(.+?)\n```", _text(), re.S) for argv in commands_in(block)]


def test_every_command_the_guide_names_exists_with_the_options_it_shows():
    """tests/test_docs.py reads the guide as it reads docs/*.md: each `samfam …` in a block or in the text, and
    each command named in the text (`event correct`), is a command samfam has, with options it takes."""
    examples = [e for e in EXAMPLES if e.doc == "docs/da/kom-godt-i-gang.md"]
    assert len([e for e in examples if e.in_block]) == len(_commands())
    assert len([e for e in examples if not e.in_block]) >= 5
    assert [problem for example in examples for problem in check(example)] == []


@pytest.mark.parametrize(("today", "lang"), [("2026-11-22", "en"), ("2027-06-14", "da")])
def test_the_guides_commands_run_top_to_bottom_on_a_fresh_database(tmp_path, monkeypatch, today, lang):
    """As an advisor reads it: in English, and later in Danish (SAMFAM_LANG=da), every command works."""
    monkeypatch.chdir(tmp_path)
    commands = _commands()
    assert len(commands) > 30
    results = run_top_to_bottom(commands, tmp_path / "guide.db", today, lang)
    shown = dict(zip((" ".join(argv) for argv in commands), results, strict=False))
    # the Danish words were taken and stored as the English ones, and shown in the reader's language
    listed = next(r for a, r in shown.items() if a.startswith("event list") and "--all" not in a).stdout
    if lang == "en":
        assert "home-visit" in listed and "startup" in listed and "phone" in listed
    else:
        assert "hjemmebesøg" in listed and "opstart" in listed and "telefon" in listed
    # the advisor's day shows the family's case
    day = next(r for a, r in shown.items() if a.split()[-1] in ("dag", "today") or " dag " in f" {a} ").stdout
    assert "2026-0142" in day
    assert (tmp_path / "handleplan.html").exists()
    assert (tmp_path / "demo.db").exists()


def test_the_guide_tells_an_advisor_what_they_need():
    """What the guide is for (issue 20): the model's two rhythms, the demo, the day, what is due, the Danish
    words, Excel, corrections, what is logged and why, and where to read more."""
    text = _text()
    for needed in (
        "Sammen om familien",
        "hver 3. måned",
        "hver 6. uge",
        "samfam demo",
        "samfam dag",
        "samfam overdue",
        "samfam due",
        "goals --attention",
        "case show",
        "samfam plan",
        "-f excel",
        "event correct",
        "event void",
        "application correct",
        "--purpose",
        "samfam event kinds",
        "docs/rules.md",
        "docs/privacy.md",
    ):
        assert needed in text, needed
    words = _commands()
    typed = {w for argv in words for w in argv}
    assert {"opfølgning", "hjemmebesøg", "telefon", "kort", "familien", "skole", "bevilget"} <= typed


def test_the_danish_words_in_the_guides_table_are_the_ones_samfam_takes():
    """Each word the table of Danish words gives is one the list of its row resolves (samfam.rules.vocabulary),
    the counting kinds to the kinds that count and the others to the others: a word renamed or dropped in the
    rules fails here."""
    from samfam.rules import actors, applications, events, goals

    rows = {
        line.split("|")[1].strip(): re.findall(r"`([^`]+)`", line.split("|")[2])
        for line in _text().splitlines()
        if line.startswith("| ") and not line.startswith("| Hvad")
    }
    lists = {
        "Hændelser, der tæller som opfølgning": events.EVENT_WORDS,
        "Andre hændelser": events.EVENT_WORDS,
        "Målets horisont (`--horizon`)": goals.HORIZON_WORDS,
        "Målets status (`--status`)": goals.STATUS_WORDS,
        "Hvem ejer målet eller opgaven (`--owner`)": None,  # goals.owner_word
        "Aktører": actors.ACTOR_KIND_WORDS,
        "Hvem holder kontakten (`--coordinator`)": actors.COORDINATOR_WORDS,
        "Afgørelsen (`--outcome`)": applications.OUTCOME_WORDS,
    }
    assert set(rows) == set(lists)
    for label, typed in rows.items():
        assert typed, label
        words = lists[label]
        for word in typed:  # refused with a usage error when samfam does not take it
            goals.owner_word(word) if words is None else words.resolve(word)
    counting = [events.EVENT_WORDS.resolve(t) for t in rows["Hændelser, der tæller som opfølgning"]]
    others = [events.EVENT_WORDS.resolve(t) for t in rows["Andre hændelser"]]
    assert sorted(counting) == sorted(events.COUNTING_KINDS)
    assert sorted(counting + others) == sorted(events.EVENT_WORDS.names)
