"""Every listing in Danish (issue 20 item 1, part 3): with --lang da a listing's title, caption and empty line
are Danish and no English title is left; the words in its cells for people (a follow-up's level, a track, a
case's status, yes and no) are Danish; the case card's labels and section headings, explain's sentences and
the calendar's descriptions too. With --lang en nothing changed (tests/golden), and what scripts read (JSON,
CSV) is the same in both languages."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import Demo, Samfam
from support import REF, assert_ok

#: The demo's cases used below: one with handovers and actors.
WITH_HANDOVERS = "2024-0065"

#: (command, the Danish its output for people shows, the English it no longer shows).
LISTINGS = [
    (["due"], ["Frist fra 22. november 2026 inden for 14 dage ("], ["Due from", "more overdue"]),
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
