"""The family's joint action plan, as Markdown and as one self-contained HTML file, in Danish."""

from __future__ import annotations

import re
from datetime import date

import pytest

from samfam.documents.plan import danish_date, render_plan

FORMATS = ["markdown", "html"]


def _data(**changes):
    data = {
        "case": "2026-0142",
        "child": "Alma Holm",
        "age": 7,
        "advisor": {"initials": "MKJ", "name": "Mette Kjær Jensen"},
        "buddy": {"initials": "LBH", "name": "Lars Bøgh Hansen"},
        "today": date(2026, 11, 22),
        "next_due": date(2026, 12, 1),
        "goals": [
            {
                "text": "Alma kan gå op ad trapper selv",
                "horizon": "short",
                "owner": {"kind": "actor", "name": "Fysioterapeut Ida Lund"},
                "status": "in-progress",
                "target": date(2027, 3, 1),
                "tasks": [
                    {
                        "text": "Øve trapper hjemme hver dag",
                        "by": {"kind": "family", "name": None},
                        "due": date(2026, 12, 15),
                        "done": None,
                    },
                    {
                        "text": "Søge om gelænder til trappen",
                        "by": {"kind": "advisor", "name": None},
                        "due": date(2026, 11, 30),
                        "done": date(2026, 11, 20),
                    },
                ],
            },
            {
                "text": "Alma går i almindelig skole med støtte",
                "horizon": "long",
                "owner": {"kind": "family", "name": None},
                "status": "open",
                "target": None,
                "tasks": [],
            },
            {
                "text": "Alma har fået en kørestol, der passer",
                "horizon": "short",
                "owner": {"kind": "advisor", "name": None},
                "status": "achieved",
                "target": date(2026, 10, 1),
                "tasks": [],
            },
            {
                "text": "Alma går til svømning",
                "horizon": "long",
                "owner": {"kind": "family", "name": None},
                "status": "dropped",
                "target": None,
                "tasks": [],
            },
        ],
        "actors": [
            {"kind": "school", "name": "Solbakkeskolen", "contact": "Klasselærer Bo", "coordinator": "family"},
            {"kind": "ppr", "name": "PPR Nord", "contact": None, "coordinator": "advisor"},
            {"kind": "occupational-therapy", "name": "Ergoterapien i Kommunen", "contact": None, "coordinator": None},
        ],
    }
    data.update(changes)
    return data


def _empty():
    return _data(goals=[], actors=[], next_due=None, buddy=None, age=None)


def _visible(text: str) -> str:
    """The words a reader sees: for HTML, without the style sheet and the tags."""
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def _between(text: str, start: str, end: str) -> str:
    """The part of the document from one heading to the next."""
    head = text.index(start)
    return text[head : text.index(end, head)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_names_the_child_and_the_contact_people(fmt):
    out = render_plan(_data(), fmt)
    assert "Alma Holm" in out
    assert "7 år" in out
    assert "Jeres rådgiver er Mette Kjær Jensen." in out
    assert "Lars Bøgh Hansen kender også jeres sag" in out
    assert "Udarbejdet 22. november 2026 af Mette Kjær Jensen" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_goal_is_under_its_horizon_with_its_owner_in_danish(fmt):
    out = render_plan(_data(), fmt)
    short = _between(out, "Det vil vi nå på kort sigt", "Det vil vi nå på lang sigt")
    long = _between(out, "Det vil vi nå på lang sigt", "Det har vi nået")
    assert "Alma kan gå op ad trapper selv" in short and "Alma kan gå op ad trapper selv" not in long
    assert "Alma går i almindelig skole med støtte" in long and "almindelig skole" not in short
    assert "Fysioterapeut Ida Lund" in short
    assert "i gang" in short and "Senest 1. marts 2027" in short
    assert "Familien" in long and "åbent" in long and "Ingen dato aftalt" in long


@pytest.mark.parametrize("fmt", FORMATS)
def test_tasks_say_who_when_and_whether_done(fmt):
    out = render_plan(_data(), fmt)
    goal = _between(out, "Alma kan gå op ad trapper selv", "Det vil vi nå på lang sigt")
    first = goal[goal.index("Øve trapper hjemme hver dag") :]
    first = first[: first.index("Søge om gelænder")]
    assert "Familien" in first and "Senest 15. december 2026" in first and "Ikke endnu" in first
    second = goal[goal.index("Søge om gelænder til trappen") :]
    assert "Rådgiveren (Mette Kjær Jensen)" in second
    assert "Senest 30. november 2026" in second and "Ja, 20. november 2026" in second


@pytest.mark.parametrize("fmt", FORMATS)
def test_achieved_goals_have_their_own_section_and_dropped_goals_are_left_out(fmt):
    out = render_plan(_data(), fmt)
    achieved = _between(out, "Det har vi nået", "Fagfolk og steder omkring")
    assert "Alma har fået en kørestol, der passer" in achieved
    assert out.count("Alma har fået en kørestol") == 1
    assert "svømning" not in out and "opgivet" not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_actors_with_their_kind_and_who_keeps_in_contact(fmt):
    out = render_plan(_data(), fmt)
    actors = _between(out, "Fagfolk og steder omkring Alma Holm", "Jeres kontaktpersoner")
    assert "Hvem holder kontakten" in actors
    for name, kind, keeper in [
        ("Solbakkeskolen", "Skole", "Familien"),
        ("PPR Nord", "PPR (Pædagogisk Psykologisk Rådgivning)", "Rådgiveren (Mette Kjær Jensen)"),
        ("Ergoterapien i Kommunen", "Ergoterapi", "Ikke aftalt endnu"),
    ]:
        row = actors[actors.index(name) :]
        row = row[: row.index("\n")]
        assert kind in row and keeper in row, row
    assert "Klasselærer Bo" in actors


@pytest.mark.parametrize("fmt", FORMATS)
def test_next_follow_up_in_danish_long_form(fmt):
    assert "Næste opfølgningsmøde holdes senest 1. december 2026." in render_plan(_data(), fmt)
    late = render_plan(_data(next_due=date(2026, 11, 1)), fmt)
    assert "skulle have været holdt senest 1. november 2026" in late
    assert "aftaler en dato med jer" in late


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_jargon_codes_ids_or_internal_values(fmt):
    data = _data(cpr="010119-1234")
    out = render_plan(data, fmt)
    assert "§" not in out
    assert not re.search(r"\b(SEL|BL)\s*\d", out)
    assert "MKJ" not in out and "LBH" not in out
    assert "010119" not in out and "CPR" not in out
    assert "None" not in out
    assert out.count("2026-0142") == 1
    assert out.index("2026-0142") > out.index("Udarbejdet")
    for internal in ["in-progress", "achieved", "dropped", "occupational-therapy", r"\bppr\b", "advisor", "family"]:
        assert not re.search(internal, _visible(out)), internal
    assert "2026-11-22" not in out and "2026-12-01" not in out


def test_html_is_one_self_contained_printable_file():
    out = render_plan(_data(), "html")
    assert out.startswith("<!doctype html>")
    assert '<html lang="da">' in out and '<meta charset="utf-8">' in out
    assert "<style>" in out and "@media print" in out and "@page" in out and "size: A4" in out
    assert "page-break-inside: avoid" in out or "break-inside: avoid" in out
    lowered = out.lower()
    assert "<script" not in lowered and "javascript:" not in lowered
    assert "http://" not in lowered and "https://" not in lowered
    assert "src=" not in lowered and "href=" not in lowered and "<link" not in lowered
    assert "@import" not in lowered and "url(" not in lowered
    assert lowered.rstrip().endswith("</html>")


def test_html_escapes_every_text_value():
    goals = [
        {
            "text": "<script>alert('x')</script> & mere",
            "horizon": "short",
            "owner": {"kind": "actor", "name": "Ida <b>Lund</b>"},
            "status": "open",
            "target": None,
            "tasks": [
                {"text": "Øve <i>trapper</i>", "by": {"kind": "family", "name": None}, "due": None, "done": None}
            ],
        }
    ]
    actors = [
        {"kind": "other", "name": 'Klub "Sol" & <Måne>', "contact": "<a href='https://x.dk'>", "coordinator": None}
    ]
    out = render_plan(_data(goals=goals, actors=actors, child="Alma <Holm>"), "html")
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; mere" in out
    assert "Ida &lt;b&gt;Lund&lt;/b&gt;" in out and "<b>" not in out
    assert "Øve &lt;i&gt;trapper&lt;/i&gt;" in out
    assert "Klub &quot;Sol&quot; &amp; &lt;Måne&gt;" in out
    assert "<a " not in out and "&lt;a href=&#x27;https://x.dk&#x27;&gt;" in out
    assert "Alma &lt;Holm&gt;" in out and "<Holm>" not in out


def test_markdown_keeps_text_literal():
    goals = [
        {
            "text": "<script>x</script> *vigtigt* | a",
            "horizon": "short",
            "owner": {"kind": "family", "name": None},
            "status": "open",
            "target": None,
            "tasks": [{"text": "Ring | skriv", "by": {"kind": "family", "name": None}, "due": None, "done": None}],
        }
    ]
    out = render_plan(_data(goals=goals, actors=[]), "markdown")
    assert "<script>" not in out and "\\<script\\>" in out
    assert "\\*vigtigt\\*" in out
    task_row = next(line for line in out.splitlines() if "Ring" in line)
    assert task_row.count(" | ") == 3 and "Ring \\| skriv" in task_row


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_plan_renders_kindly(fmt):
    out = render_plan(_empty(), fmt)
    assert "Alma Holm" in out
    assert "Der er ikke aftalt mål på kort sigt endnu." in out
    assert "Der er ikke aftalt mål på lang sigt endnu." in out
    assert "Det har vi nået" not in out
    assert "Der er ikke skrevet andre fagfolk eller steder ind i planen endnu." in out
    assert "Vi har ikke aftalt en dato for næste opfølgningsmøde endnu." in out
    assert "Jeres rådgiver er Mette Kjær Jensen." in out and "kender også jeres sag" not in out
    assert " år." not in out and "None" not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_goal_without_tasks_says_so(fmt):
    out = render_plan(_data(), fmt)
    assert "Der er ikke aftalt opgaver til dette mål endnu." in out


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="markdown, html"):
        render_plan(_data(), "pdf")


@pytest.mark.parametrize(
    ("month", "name"),
    [
        (1, "januar"),
        (2, "februar"),
        (3, "marts"),
        (4, "april"),
        (5, "maj"),
        (6, "juni"),
        (7, "juli"),
        (8, "august"),
        (9, "september"),
        (10, "oktober"),
        (11, "november"),
        (12, "december"),
    ],
)
def test_danish_month_names(month, name):
    assert danish_date(date(2027, month, 3)) == f"3. {name} 2027"
    out = render_plan(_data(next_due=date(2027, month, 28), today=date(2027, 1, 1)), "markdown")
    assert f"senest 28. {name} 2027" in out


def test_danish_date_has_no_leading_zero_and_handles_leap_day():
    assert danish_date(date(2026, 11, 22)) == "22. november 2026"
    assert danish_date(date(2028, 2, 29)) == "29. februar 2028"
    assert danish_date(date(2027, 1, 1)) == "1. januar 2027"
