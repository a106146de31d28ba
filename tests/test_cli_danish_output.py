"""Every listing in Danish (issue 20 item 1, part 3): with --lang da a listing's title, caption and empty line
are Danish and no English title is left; the words in its cells for people (a follow-up's level, a track, a
case's status, yes and no) are Danish; the case card's labels and section headings, explain's sentences and
the calendar's descriptions too. With --lang en nothing changed (tests/golden), and what scripts read (JSON,
CSV) is the same in both languages."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date

import pytest

from conftest import Demo, Samfam
from samfam.views import catalogue as catalogue_views
from support import REF, assert_ok

#: The demo's cases used below: one with handovers and actors.
WITH_HANDOVERS = "2024-0065"

#: (command, the Danish its output for people shows, the English it no longer shows).
LISTINGS = [
    (["due"], ["Forfalder fra 22. november 2026 og 14 dage frem ("], ["Due from", "more overdue"]),
    (["deadlines"], ["Lovbestemte frister til 30 dage efter 22. november 2026"], ["Legal deadlines to"]),
    (["case", "list"], ["Sager (", "åben"], ["Cases (", " open "]),
    (["case", "list", "--attention"], ["Sager, der kræver opmærksomhed ("], ["Cases needing attention"]),
    (
        ["case", "show", WITH_HANDOVERS],
        [f"Sag {WITH_HANDOVERS}", "rådgiver ", "næste frist", "Bevillinger", "Hændelser", "Kerneteam", "nej"],
        [f"Case {WITH_HANDOVERS}", "next due", "track since", "Grants", "Events", "Core team", "Handovers"],
    ),
    (
        ["explain", WITH_HANDOVERS],
        [f"Sag {WITH_HANDOVERS}", "Spor over tid", "Sagen følges op på", "Uret løber fra", "kadence"],
        ["Track over time", "The case follows", "The clock runs", "It has been on", "calendar months"],
    ),
    (["goals"], ["Mål\n"], ["Goals\n"]),
    (["caseload"], ["Sagsbelastning den 22. november 2026"], ["Caseload on"]),
    (
        ["forecast"],
        ["Det kommende: uge ", "mandag 16. november 2026", "En celle: opgaver med frist"],
        ["What is coming", "A cell:", "Monday", "Flagged"],
    ),
    (["event", "list", WITH_HANDOVERS], [f"Hændelser på sag {WITH_HANDOVERS}"], ["Events on case"]),
    (["actor", "list", WITH_HANDOVERS], [f"Aktører på sag {WITH_HANDOVERS}"], ["Actors on case"]),
    (["application", "list"], ["Ansøgninger", "Ingen ansøgninger."], ["Applications", "No applications."]),
    (["handover", "show", WITH_HANDOVERS], ["Overdragelse (", "startet"], ["handover, started"]),
    (["barometer"], ["Til tiden fra 23. november 2025 til 22. november 2026"], ["On time from"]),
    (["barometer", "-f", "markdown"], ["# Barometer 23. november 2025 – 22. november 2026"], ["2025-11-23"]),
    (["team", "rhythm"], ["Teamrytme (afdelingen)"], ["Team rhythm"]),
    (["team", "rhythm", "--team", "Nord"], ["Teamrytme (Nord)"], ["Team rhythm"]),
    (["advisor", "list"], ["Rådgivere"], ["Advisors"]),
    (["advisor", "absences"], ["Fravær"], ["Absences"]),
    (["audit"], ["Revisionslog"], ["Audit log"]),
    (["audit", "unusual"], ["Opslag, der er værd at se på"], ["Reads worth a look"]),
    (["audit", "sample", "--team", "Nord"], ["Et udsnit af ", "foretaget af team Nord"], ["A sample of"]),
    (["access", "review", "--team", "Nord"], ["Hvem kan se team Nords åbne sager ("], ["Who can see"]),
    (["paragraphs"], ["Paragraffer"], ["Paragraphs"]),
    (["event", "kinds"], ["Hændelsestyper"], ["Event kinds"]),
    (["frist", "list"], ["Sagsbehandlingsfrister"], ["Processing deadlines"]),
    (["closed-day", "list", "--year", "2026", "--holidays"], ["Fridage"], ["Days off"]),
    (["overdue"], ["forfalden", "6u"], ["seriously overdue", " overdue "]),
]


@pytest.fixture(scope="module")
def world(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Samfam:
    """A copy of the demo database: every read here is logged."""
    path = tmp_path_factory.mktemp("danish") / "demo.db"
    with sqlite3.connect(demo.samfam.db) as source, sqlite3.connect(path) as target:
        source.backup(target)
    return Samfam(path, user="MKJ")


@pytest.mark.parametrize(("command", "danish", "english"), LISTINGS, ids=[" ".join(c) for c, _, _ in LISTINGS])
def test_each_listing_in_danish(world, command, danish, english):
    result = world("--lang", "da", *command)
    assert_ok(result)
    for words in danish:
        assert words in result.stdout, f"{words!r} not in:\n{result.stdout}"
    for words in english:
        assert words not in result.stdout, f"{words!r} in:\n{result.stdout}"


@pytest.mark.parametrize(("command", "danish", "english"), LISTINGS, ids=[" ".join(c) for c, _, _ in LISTINGS])
def test_each_listing_in_english_has_its_english_title(world, command, danish, english):
    result = world("--lang", "en", *command)
    assert_ok(result)
    assert not [w for w in danish if w in result.stdout], result.stdout


#: What scripts read: the same in both languages (the audit listings leave out: each read adds a row to them).
SCRIPTS = [c for c, _, _ in LISTINGS if c[0] not in ("audit", "access") and "markdown" not in c]


@pytest.mark.parametrize("command", SCRIPTS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_what_scripts_read_is_the_same_in_danish(world, command, fmt):
    english = world("--lang", "en", *command, "-f", fmt)
    danish = world("--lang", "da", *command, "-f", fmt)
    assert english.exit_code == danish.exit_code == 0, danish.stderr
    assert english.stdout == danish.stdout


def test_the_check_for_scripts_is_the_same_in_danish(world):
    english = world("--lang", "en", "check", "-f", "json")
    danish = world("--lang", "da", "check", "-f", "json")
    assert english.exit_code == danish.exit_code
    assert english.json() == danish.json()
    assert any("rows" in str(r.get("detail")) for r in danish.json()), danish.stdout


def test_explain_json_keeps_its_english_explanation(world):
    explained = world("--lang", "da", "explain", WITH_HANDOVERS, "-f", "json").json()
    assert explained["explanation"][0].startswith("The case follows up on the"), explained["explanation"]
    assert explained["cadence"] in ("3 calendar months (month-end clamped)", "42 days")


def test_levels_and_tracks_in_danish_cells_and_english_for_scripts(world):
    danish = world("--lang", "da", "due", "--within", "60")
    assert_ok(danish)
    assert "forfalder snart" in danish.stdout and "due soon" not in danish.stdout, danish.stdout
    rows = world("--lang", "da", "due", "--within", "60", "-f", "json").json()
    assert {r["level"] for r in rows} == {"due soon"}
    assert {r["track"] for r in rows} <= {"3m", "6w"}
    english = world("--lang", "en", "due", "--within", "60")
    assert "due soon" in english.stdout and "forfalder" not in english.stdout


def test_the_card_says_yes_and_no_in_danish(world):
    result = world("--lang", "da", "case", "show", WITH_HANDOVERS)
    assert_ok(result)
    complex_line = next(line for line in result.stdout.splitlines() if line.startswith("kompleks"))
    assert complex_line.split()[1] in ("ja", "nej"), complex_line
    cells = {cell.strip() for line in result.stdout.splitlines() if line.startswith("│") for cell in line.split("│")}
    assert cells & {"ja", "nej"}, result.stdout  # the grants' Active, the events' Counts
    assert not cells & {"yes", "no"}, result.stdout


def test_an_empty_listing_says_so_in_danish(case1):
    assert "Intet nuværende eller kommende fravær." in case1("--lang", "da", "advisor", "absences").stdout
    assert "Ingen aktører." in case1("--lang", "da", "actor", "list", REF).stdout
    assert "Ingen hændelser endnu." in case1("--lang", "da", "event", "list", REF).stdout
    assert f"Sag {REF} har ingen overdragelser." in case1("--lang", "da", "handover", "show", REF).stdout
    assert "Ingen lovbestemt frist er overskredet eller på vej." in case1("--lang", "da", "deadlines").stdout


def _unfolded(ics: str) -> str:
    return ics.replace("\r\n", "\n").replace("\n ", "")


def test_calendar_descriptions_in_danish(case1):
    danish = _unfolded(case1("--lang", "da", "calendar", "--advisor", "MKJ").stdout)
    assert f"DESCRIPTION:Sag: {REF}\\nSpor: 3m (3-måneders-sporet: næste opfølgning" in danish, danish
    assert "\\nNiveau: forfalden\\n" in danish, danish
    assert "Rådgiver: MKJ" in danish
    assert "Case: " not in danish and "Track: " not in danish and "Advisor: " not in danish
    english = _unfolded(case1("--lang", "en", "calendar", "--advisor", "MKJ").stdout)
    assert f"DESCRIPTION:Case: {REF}\\nTrack: 3m (3-month track: the next follow-up" in english, english
    assert "\\nLevel: overdue\\n" in english


# -- the values in Danish tables (issue 20): words, reasons, week labels and numbers -----------------------

#: (command, values a Danish table shows, the same values in English): each value is in a cell of its table
#: (a reason may be part of one), in the language asked for and never in the other.
VALUES = [
    (
        ["goals"],
        ["kort sigt", "lang sigt", "i gang", "aktør:69 (Kildeskolen)"],
        ["short", "long", "in-progress", "actor:69 (Kildeskolen)"],
    ),
    (
        ["case", "show", WITH_HANDOVERS],
        ["hjemmebesøg", "opfølgningsmøde", "foranstaltning", "skole", "fysioterapi", "overgang"],
        ["home-visit", "followup", "measure", "school", "physiotherapy", "transition"],
    ),
    (["event", "list", WITH_HANDOVERS], ["hjemmebesøg", "netværksmøde"], ["home-visit", "network-meeting"]),
    (["actor", "list", WITH_HANDOVERS], ["skole", "aflastning", "familie"], ["school", "respite-care", "family"]),
    (
        ["handover", "show", WITH_HANDOVERS],
        ["overgangen begyndte senest på 16-årsdagen", "BL § 123-emne gennemgået: bolig"],
        ["the transition began by the 16th birthday", "BL § 123 topic covered: housing"],
    ),
    (
        ["deadlines"],
        ["overgang", "overgangen til voksenområdet skal være påbegyndt (16 år)"],
        ["transition", "transition to adult services must be started (age 16)"],
    ),
    (
        ["case", "list", "--attention"],
        ["kompleks sag uden makker", "skal klassificeres: kun supplerende støtte", "opfølgning 4 dage forfalden"],
        ["complex case without a buddy", "needs classification: only support add-ons", "follow-up 4 days overdue"],
    ),
    (
        ["team", "rhythm"],
        ["sagsmøde", "stop op-møde", "hver 14. dag", "hver 3. måned", "i rytme", "holdt"],
        ["case-meeting", "stop-op", "every 14 days", "every 3 months", "on track", "held"],
    ),
    (["team", "meeting", "list"], ["sagsmøde", "halvdagsmøde"], ["case-meeting", "half-day"]),
    (["learning-goal", "list"], ["åben", "ikke gennemgået i 3 måneder"], ["open", "not reviewed for 3 months"]),
    (["forecast"], ["U47", "U05"], ["W47", "W05"]),
    (["paragraphs"], ["kompensation", "supplerende støtte", "høj"], ["compensation", "support add-on", "high"]),
    (["event", "kinds"], ["opstartssamtale med barn og familie"], ["startup conversation with child and family"]),
    (["caseload"], ["I ALT", "alle teams"], ["TOTAL", "all teams"]),
    (["barometer"], ["alle"], ["all"]),
    (["access", "review", "--team", "Nord"], ["primær rådgiver", "makker"], ["primary", "buddy"]),
    (["report", "weekly"], ["forfalden", "6u", "uge 47, 2026", "i rytme"], ["6w", "2026-W47", "on track"]),
    (["dag", "--advisor", "MKJ"], ["forfalden", "6u", "aktør:1 (Engskolen)", "mål: intet åbent"], ["overdue", "6w"]),
]

#: What JSON and CSV carry of the same listings (the audit's and the access review's listings leave out: each
#: read adds a row to the log).
VALUE_SCRIPTS = [c for c, _, _ in VALUES if c[0] != "access"]


def _cells(stdout: str) -> list[str]:
    """The text of every cell and header of the tables (Rich's boxes or Markdown's pipes), and every other line
    (a title, a card's line)."""
    found = []
    for line in stdout.splitlines():
        if line.startswith(("│", "┃", "|")):
            found += [cell.strip() for cell in re.split("[│┃|]", line) if cell.strip()]
        elif line.strip() and not line.startswith(("┏", "┡", "└", "|-")):
            found.append(line.strip())
    return found


def _shows(cells: list[str], words: str) -> bool:
    """`words` whole in a cell: not a part of a word, nor of a code ("transition" is not in "transition-meeting")."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])")
    return any(pattern.search(cell) for cell in cells)


@pytest.mark.parametrize(("command", "danish", "english"), VALUES, ids=[" ".join(c) for c, _, _ in VALUES])
def test_values_in_a_danish_table_are_danish(world, command, danish, english):
    result = world("--lang", "da", "--wide", *command)
    assert result.exit_code in (0, 3), result.stderr
    cells = _cells(result.stdout)
    assert not [w for w in danish if not _shows(cells, w)], result.stdout
    assert not [w for w in english if _shows(cells, w)], result.stdout


@pytest.mark.parametrize(("command", "danish", "english"), VALUES, ids=[" ".join(c) for c, _, _ in VALUES])
def test_values_in_an_english_table_are_english(world, command, danish, english):
    result = world("--lang", "en", "--wide", *command)
    assert result.exit_code in (0, 3), result.stderr
    cells = _cells(result.stdout)
    assert not [w for w in english if not _shows(cells, w)], result.stdout
    assert not [w for w in danish if _shows(cells, w)], result.stdout


@pytest.mark.parametrize("command", VALUE_SCRIPTS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_values_scripts_read_are_english_in_danish(world, command, fmt):
    english = world("--lang", "en", *command, "-f", fmt)
    danish = world("--lang", "da", *command, "-f", fmt)
    assert english.exit_code == danish.exit_code, danish.stderr
    assert english.stdout == danish.stdout


def test_a_markdown_table_says_its_values_in_danish(world):
    danish = world("--lang", "da", "dag", "--advisor", "MKJ", "-f", "markdown").stdout
    assert "| i rytme |" in danish and "| forfalden |" in danish and " 6u " in danish, danish
    english = world("--lang", "en", "dag", "--advisor", "MKJ", "-f", "markdown").stdout
    assert "| on track |" in english and "| overdue |" in english and " 6w " in english, english


def test_the_explanation_gives_its_reason_in_danish(world):
    danish = world("--lang", "da", "explain", WITH_HANDOVERS).stdout
    assert "fordi en undersøgelse eller foranstaltning er bevilget: " in danish, danish
    assert "begrundelse         en undersøgelse eller foranstaltning er bevilget" in danish, danish
    assert "første 4, seneste 7, ændring 3, målinger 7" in danish or "første " in danish, danish
    rows = world("--lang", "da", "explain", WITH_HANDOVERS, "-f", "json").json()
    assert rows["reason"].startswith("an investigation or measure is granted: "), rows["reason"]


def test_the_calendar_says_kinds_and_tracks_in_danish(world):
    danish = _unfolded(world("--lang", "da", "calendar", "--advisor", "ATP").stdout)
    assert "\\nType: overgang: overgangen til voksenområdet skal være påbegyndt (16 år)" in danish, danish
    assert "Spor: 6u (6-ugers-sporet" in danish and "Type: sagsmøde (hver 7. dag)" in danish, danish
    english = _unfolded(world("--lang", "en", "calendar", "--advisor", "ATP").stdout)
    assert "\\nKind: transition: transition to adult services must be started (age 16)" in english, english
    assert "Track: 6w (6-week track" in english and "Kind: case-meeting (every 7 days)" in english, english


# -- numbers ------------------------------------------------------------------------------------------------


def test_a_danish_table_writes_thousands_with_a_point_and_decimals_with_a_comma(world):
    total = world("--lang", "da", "barometer", "-f", "json").json()["total"]
    due, rate = total["followups_due"], total["on_time_pct"]
    assert due >= 1000 and rate != int(rate), total  # the demo's year: over a thousand follow-ups fell due
    danish = _cells(world("--lang", "da", "barometer").stdout)
    assert f"{due:,}".replace(",", ".") in danish and f"{rate}".replace(".", ",") in danish, danish
    english = _cells(world("--lang", "en", "barometer").stdout)
    assert str(due) in english and str(rate) in english, english
    markdown = _cells(world("--lang", "da", "barometer", "-f", "markdown").stdout)
    assert f"{due:,}".replace(",", ".") in markdown and f"{rate}".replace(".", ",") in markdown, markdown


def test_an_identifier_keeps_its_digits_in_a_danish_table(world):
    with sqlite3.connect(world.db) as conn:
        ref, event = conn.execute(
            "SELECT c.ref, e.id FROM events e JOIN cases c ON c.id = e.case_id WHERE e.id >= 1000 LIMIT 1"
        ).fetchone()
    danish = _cells(world("--lang", "da", "event", "list", ref).stdout)
    assert str(event) in danish and f"{event:,}".replace(",", ".") not in danish, danish


def test_a_number_for_people_and_for_scripts():
    from samfam.output.cells import cell, shown

    assert shown("n", 1234, lang="da") == "1.234" and shown("n", 1234, lang="en") == "1234"
    assert shown("pct", 94.2, lang="da") == "94,2" and shown("pct", 95.0, lang="da") == "95,0"
    assert shown("pct", 1234.5, lang="da") == "1.234,5" and shown("pct", 95.0, lang="en") == "95.0"
    assert shown("id", 6100, lang="da", ident=True) == "6100"
    assert shown("with", [1234, 5], lang="da") == "1234, 5"  # the actors an event was with: identifiers
    assert cell(1234, ", ") == "1234" and cell(94.2, ", ") == "94.2"  # JSON and CSV: as they are


def test_a_reason_is_english_data_said_in_danish():
    from samfam.output.cells import shown
    from samfam.rules.cases import cadence_attention
    from samfam.rules.goals import GoalFacts, goal_attention

    (overdue,) = cadence_attention("3m", "", 1234)
    assert overdue == "follow-up 1234 days overdue" and json.dumps(overdue) == '"follow-up 1234 days overdue"'
    # a separator where the English writes one ({n:,}); "1234 days" has none, so "1234 dage" neither
    assert shown("attention", [overdue], lang="da") == "opfølgning 1234 dage forfalden"
    (past,) = goal_attention(GoalFacts("short", "open", date(2026, 11, 1), "family"), date(2026, 11, 22))
    assert past == "past target 2026-11-01 and not achieved"
    assert shown("attention", past, lang="da") == "måldatoen 1. november 2026 er passeret, og målet er ikke nået"


# -- every word a table shows in words has its Danish ----------------------------------------------------------


def _word_columns() -> list[tuple[str, object]]:
    """Every column declared in words (samfam.listing.Column's `words`), by where it is declared: the views'
    listings, columns and sections, the weekly report's tables."""
    import importlib
    import pkgutil

    import samfam.views
    from samfam.documents.sections import WEEKLY_SECTIONS
    from samfam.listing import Column, Listing

    found: list[tuple[str, object]] = []

    def take(where: str, value: object, depth: int = 0) -> None:
        if isinstance(value, Listing):
            found.extend((f"{where} {c.key}", c) for c in value.columns if c.words)
        elif isinstance(value, Column):
            if value.words:
                found.append((f"{where} {value.key}", value))
        elif isinstance(value, tuple | list) and depth < 3:
            for v in value:
                take(where, v, depth + 1)

    for module in pkgutil.iter_modules(samfam.views.__path__):
        for name, value in vars(importlib.import_module(f"samfam.views.{module.name}")).items():
            take(f"views.{module.name}.{name}", value)
    for section in WEEKLY_SECTIONS:
        found += [(f"weekly {section.key} {c.key}", c) for c in section.table.columns if c.words]
    return found


def _danish_catalogue() -> dict[str, str]:
    from babel.messages.pofile import read_po

    from samfam.words import LOCALE

    with open(LOCALE / "da" / "LC_MESSAGES" / "samfam.po", "rb") as po:
        return {m.id: m.string for m in read_po(po) if isinstance(m.id, str) and not m.context}


def test_every_word_a_table_shows_in_words_has_its_danish():
    columns = _word_columns()
    assert len(columns) > 30, columns  # the listings' statuses, kinds, tracks, levels …
    danish = _danish_catalogue()
    unnamed = [where for where, c in columns if not isinstance(c.words, tuple)]
    assert not unnamed, f"say which words the column shows (words=…): {unnamed}"
    missing = sorted({w for _, c in columns for w in c.words if not danish.get(w)})
    assert not missing, f"no Danish in the catalogue for: {missing}"


def test_the_word_lists_hold_every_value_the_rules_give():
    from samfam.rules import applications, cadence, events, handovers, team
    from samfam.rules.paragraphs import CATALOGUE, Category

    assert {str(c) for c in Category} == set(cadence.CATEGORY_WORDS)
    assert {p.confidence for p in CATALOGUE} <= set(catalogue_views.CONFIDENCE_WORDS)
    assert set(applications.STATUS.values()) == set(applications.STATUSES)
    assert set(events.KINDS) == {k.name for k in events.EVENT_KINDS}
    assert {i.decided_by for c in handovers.CHECKLISTS.values() for i in c} == set(handovers.DECIDERS)
    assert set(handovers.CHECKLISTS) == set(handovers.KINDS)
    assert {team.NONE_HELD, team.HELD, team.ON_TRACK, team.MEETING_OVERDUE} <= set(team.MEETING_STATUSES)


def test_an_empty_line_between_tables_stays_empty_in_danish(world):
    """gettext's "" is the catalogue's header: a blank line said in Danish is still blank."""
    from samfam.words import said

    assert said("", {}, "da") == ""
    shown = world("--lang", "da", "dag", "--advisor", "MKJ").stdout
    assert "Project-Id-Version" not in shown and "\n\n" in shown, shown
