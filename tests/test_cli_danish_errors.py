"""The mistakes people make most, in Danish (`--lang da`): exit code first, then one `Fejl: …` line on stderr
in Danish naming the bad value, nothing on stdout; with `--lang en` the same English line as before
(tests/test_cli_errors.py pins the English of many more).

An error's message is looked up in the catalogue where it is shown (samfam.errors: a template with named
fields, samfam.words.said), so what an import's report of refused rows keeps stays English."""

from __future__ import annotations

import pytest

from samfam.errors import NotFound
from samfam.words import Phrase, said
from support import error_line

DOMAIN_ERROR = 1
USAGE_ERROR = 2

REF = "2026-0001"
CLOSED = "2026-0002"


@pytest.fixture
def world(team, open_case):
    """Team Nord/Syd (MKJ, LBH; ATP), an open case 2026-0001 (BL 86 since 2026-06-01) and a case 2026-0002
    closed on 2026-10-01; today is 2026-11-22."""
    open_case(REF, "BL 86", opened="2026-06-01")
    open_case(CLOSED, "BL 86", opened="2026-03-02")
    team.ok("case", "close", CLOSED, "--reason", "Flyttet til Århus", "--on", "2026-10-01",
            "--force", "Familien er fraflyttet")  # fmt: skip
    return team


OPEN_NEW = ("case", "open", "2026-0003", "--child", "Bo Ørsted")

# (argv after the global options, exit code, the Danish line after "Fejl: ", the English line after "Error: ")
MISTAKES = [
    pytest.param(
        ("case", "show", "2026-9999"),
        DOMAIN_ERROR,
        "ingen sag '2026-9999'; se 'samfam case list --status all'",
        "no case '2026-9999'; see 'samfam case list --status all'",
        id="unknown-case",
    ),
    pytest.param(
        ("event", "add", "2026-9999", "followup", "--on", "2026-11-01"),
        DOMAIN_ERROR,
        "ingen sag '2026-9999'; se 'samfam case list --status all'",
        "no case '2026-9999'; see 'samfam case list --status all'",
        id="unknown-case-event-add",
    ),
    pytest.param(
        ("case", "assign", REF, "--advisor", "ZZZ"),
        DOMAIN_ERROR,
        "ingen rådgiver 'ZZZ'; kendte rådgivere: ATP, LBH, MKJ (tilføj en med 'samfam advisor add')",
        "no advisor 'ZZZ'; known advisors: ATP, LBH, MKJ (add one with 'samfam advisor add')",
        id="unknown-advisor-assign",
    ),
    pytest.param(
        (*OPEN_NEW, "--advisor", "ZZZ"),
        DOMAIN_ERROR,
        "ingen rådgiver 'ZZZ'; kendte rådgivere: ATP, LBH, MKJ (tilføj en med 'samfam advisor add')",
        "no advisor 'ZZZ'; known advisors: ATP, LBH, MKJ (add one with 'samfam advisor add')",
        id="unknown-advisor-open",
    ),
    pytest.param(
        ("case", "list", "--team", "Vest"),
        DOMAIN_ERROR,
        "intet team 'Vest'; teams: Nord, Syd",
        "no team 'Vest'; teams: Nord, Syd",
        id="unknown-team",
    ),
    pytest.param(
        ("event", "void", "999", "--reason", "fejl"),
        DOMAIN_ERROR,
        "ingen hændelse 999; se id'erne med 'samfam event list REF'",
        "no event 999; see 'samfam event list REF' for the ids",
        id="unknown-event",
    ),
    pytest.param(
        ("task", "add", "999", "Ring til skolen", "--by", "family"),
        DOMAIN_ERROR,
        "intet mål 999; se 'samfam goals REF'",
        "no goal 999; see 'samfam goals REF'",
        id="unknown-goal",
    ),
    pytest.param(
        ("actor", "end", "999"),
        DOMAIN_ERROR,
        "ingen aktør 999; se 'samfam actor list REF'",
        "no actor 999; see 'samfam actor list REF'",
        id="unknown-actor",
    ),
    pytest.param(
        ("event", "add", REF, "followup", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        "hændelsesdato 23. november 2026 ligger efter i dag (22. november 2026)",
        "event date 2026-11-23 is after today (2026-11-22)",
        id="event-in-the-future",
    ),
    pytest.param(
        ("event", "add", REF, "followup", "--on", "2026-05-31"),
        DOMAIN_ERROR,
        "hændelsesdato 31. maj 2026 ligger før sag 2026-0001 blev åbnet (1. juni 2026)",
        "event date 2026-05-31 is before case 2026-0001 opened (2026-06-01)",
        id="event-before-opening",
    ),
    pytest.param(
        ("case", "close", REF, "--reason", "Flyttet", "--on", "2026-05-01"),
        DOMAIN_ERROR,
        "lukkedato 1. maj 2026 ligger før sag 2026-0001 blev åbnet (1. juni 2026)",
        "closing date 2026-05-01 is before case 2026-0001 opened (2026-06-01)",
        id="close-before-opening",
    ),
    pytest.param(
        (*OPEN_NEW, "--advisor", "MKJ", "--opened", "2026-12-01"),
        DOMAIN_ERROR,
        "åbningsdato 1. december 2026 ligger efter i dag (22. november 2026)",
        "opening date 2026-12-01 is after today (2026-11-22)",
        id="open-in-the-future",
    ),
    pytest.param(
        ("event", "add", CLOSED, "followup", "--on", "2026-11-01"),
        DOMAIN_ERROR,
        "sag 2026-0002 blev lukket 1. oktober 2026; genåbn den først med 'samfam case reopen 2026-0002 --reason …'",
        "case 2026-0002 was closed on 2026-10-01; reopen it first with 'samfam case reopen 2026-0002 --reason …'",
        id="event-on-closed-case",
    ),
    pytest.param(
        ("grant", "add", CLOSED, "BL 32"),
        DOMAIN_ERROR,
        "sag 2026-0002 blev lukket 1. oktober 2026; genåbn den først med 'samfam case reopen 2026-0002 --reason …'",
        "case 2026-0002 was closed on 2026-10-01; reopen it first with 'samfam case reopen 2026-0002 --reason …'",
        id="grant-on-closed-case",
    ),
    pytest.param(
        ("grant", "add", REF, "BL 32", "--from", "2027-06-01"),
        DOMAIN_ERROR,
        "bevillingens start 1. juni 2027 ligger mere end 3 måneder efter i dag (22. november 2026); senest "
        "22. februar 2027: "
        "registrér den tættere på dagen",
        "grant start 2027-06-01 is more than 3 months after today (2026-11-22); the latest is 2027-02-22: "
        "record it nearer the day",
        id="grant-far-ahead",
    ),
    pytest.param(
        ("application", "add", REF, "BL 32", "--received", "2026-12-24"),
        DOMAIN_ERROR,
        "ansøgning modtaget 24. december 2026 ligger efter i dag (22. november 2026)",
        "application received 2026-12-24 is after today (2026-11-22)",
        id="application-in-the-future",
    ),
    pytest.param(
        ("case", "reopen", CLOSED, "--reason", " "),
        USAGE_ERROR,
        "angiv begrundelsen for at genåbne sagen med --reason; en rettelse gemmes med sin begrundelse",
        "give the reason for reopening the case with --reason; a correction is kept with its reason",
        id="reopen-without-reason",
    ),
    pytest.param(
        ("--user", "ZZZ", "case", "list"),
        USAGE_ERROR,
        "--user ZZZ: ingen rådgiver ZZZ; nuværende medarbejdere: ATP, LBH, MKJ "
        "(eller udelad --user: styresystemets login handler)",
        "--user ZZZ: no advisor ZZZ; current staff: ATP, LBH, MKJ (or leave --user out: the OS login acts)",
        id="unknown-user",
    ),
    pytest.param(
        ("case", "open", REF, "--child", "Bo Ørsted", "--advisor", "MKJ"),
        DOMAIN_ERROR,
        "sag '2026-0001' findes allerede; sagsnumre skal være entydige",
        "case '2026-0001' exists already; references must be unique",
        id="case-exists",
    ),
    pytest.param(
        ("case", "close", CLOSED, "--reason", "igen"),
        DOMAIN_ERROR,
        "sag 2026-0002 er allerede lukket (1. oktober 2026)",
        "case 2026-0002 is closed already (on 2026-10-01)",
        id="close-closed-case",
    ),
    pytest.param(
        ("case", "reopen", REF, "--reason", "fejl"),
        DOMAIN_ERROR,
        "sag 2026-0001 er åben; kun en lukket sag kan genåbnes",
        "case 2026-0001 is open; only a closed case can be reopened",
        id="reopen-open-case",
    ),
    pytest.param(
        ("grant", "add", REF, "BL 86"),
        DOMAIN_ERROR,
        "sag 2026-0001 har allerede BL 86 fra 1. juni 2026 (uden slutdato); afslut den først med 'samfam grant end'",
        "case 2026-0001 already has BL 86 from 2026-06-01 (open-ended); end it first with 'samfam grant end'",
        id="grant-twice",
    ),
    pytest.param(
        ("application", "decide", "99", "--outcome", "granted"),
        DOMAIN_ERROR,
        "ingen ansøgning 99; se 'samfam application list'",
        "no application 99; see 'samfam application list'",
        id="unknown-application",
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", " ", "--advisor", "MKJ"),
        USAGE_ERROR,
        "barnets navn (--child) er tomt",
        "the child's name (--child) is empty",
        id="empty-child-name",
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--cpr", "211062-562"),
        DOMAIN_ERROR,
        "ugyldigt CPR-nummer '211062-XXXX': nummeret har en ugyldig længde; forventede DDMMÅÅ-SSSS med en rigtig "
        "fødselsdato",
        "invalid CPR number '211062-XXXX': the number has an invalid length; expected DDMMYY-SSSS with a real "
        "birth date",
        id="cpr-too-short",
    ),
    pytest.param(
        ("case", "show", "2026 0001"),
        USAGE_ERROR,
        "'2026 0001' er ikke et sagsnummer; brug bogstaver, cifre og - . / _ (op til 32 tegn), fx 2026-0142",
        "'2026 0001' is not a case reference; use letters, digits and - . / _ (up to 32 characters), e.g. 2026-0142",
        id="not-a-case-reference",
    ),
    pytest.param(
        ("--user", "M K", "case", "list"),
        USAGE_ERROR,
        "Ugyldig værdi for --user: 'M K' er ikke initialer; brug 1-16 bogstaver eller cifre, fx MKJ "
        "(se 'samfam --help')",
        "Invalid value for --user: 'M K' are not initials; use 1-16 letters or digits, e.g. MKJ (see 'samfam --help')",
        id="not-initials",
    ),
    pytest.param(
        ("grant", "add", REF, "SEL 999"),
        DOMAIN_ERROR,
        "'SEL 999' er ikke i paragrafkataloget; `samfam paragraphs` viser alle kendte koder.",
        "'SEL 999' is not in the paragraph catalogue; `samfam paragraphs` lists every known code.",
        id="unknown-paragraph",
    ),
    # -- usage: click's frame and our parsers' words, both in Danish --------------------------------------
    pytest.param(
        ("event", "add", REF, "followup", "--on", "31.04.2026"),
        USAGE_ERROR,
        "Ugyldig værdi for '--on': '31.04.2026' er ikke en dag i kalenderen (2026-04-31 findes ikke) "
        "(se 'samfam event add --help')",
        "Invalid value for '--on': '31.04.2026' is not a day in the calendar (2026-04-31 does not exist) "
        "(see 'samfam event add --help')",
        id="impossible-date",
    ),
    pytest.param(
        ("case", "close", REF, "--reason", "Flyttet", "--on", "i går"),
        USAGE_ERROR,
        "Ugyldig værdi for '--on': 'i går' er ikke en dato; brug ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ "
        "(se 'samfam case close --help')",
        "Invalid value for '--on': 'i går' is not a date; use YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY "
        "(see 'samfam case close --help')",
        id="not-a-date",
    ),
    pytest.param(
        ("event", "add", REF, "followup", "--scale", "11"),
        USAGE_ERROR,
        "Ugyldig værdi for '--scale': 11 er uden for intervallet; angiv et helt tal fra 0 til 10 "
        "(se 'samfam event add --help')",
        "Invalid value for '--scale': 11 is out of range; give a whole number from 0 to 10 "
        "(see 'samfam event add --help')",
        id="scale-out-of-range",
    ),
    pytest.param(
        ("case", "show"),
        USAGE_ERROR,
        "Mangler argumentet 'REF' (se 'samfam case show --help')",
        "Missing argument 'REF' (see 'samfam case show --help')",
        id="missing-argument",
    ),
    pytest.param(
        ("case", "close", REF),
        USAGE_ERROR,
        "Mangler tilvalget '--reason' / '-r' (se 'samfam case close --help')",
        "Missing option '--reason' / '-r' (see 'samfam case close --help')",
        id="missing-option",
    ),
    pytest.param(
        ("grant", "add", REF, "BL 32", "--start", "2026-11-01"),
        USAGE_ERROR,
        "Ukendt tilvalg: --start (se 'samfam grant add --help')",
        "No such option: --start (see 'samfam grant add --help')",
        id="unknown-option",
    ),
    pytest.param(
        ("case", "list", "--status", "pending"),
        USAGE_ERROR,
        "Ugyldig værdi for '--status' / '-s': 'pending' er ikke en af 'open', 'closed', 'all' "
        "(se 'samfam case list --help')",
        "Invalid value for '--status' / '-s': 'pending' is not one of 'open', 'closed', 'all' "
        "(see 'samfam case list --help')",
        id="bad-choice",
    ),
    pytest.param(
        ("case", "frob", REF),
        USAGE_ERROR,
        "Ukendt kommando 'frob' (se 'samfam case --help')",
        "No such command 'frob' (see 'samfam case --help')",
        id="unknown-command",
    ),
    pytest.param(
        ("import", "cases", "nowhere.csv"),
        DOMAIN_ERROR,
        "kan ikke læse 'nowhere.csv': filen findes ikke",
        "cannot read 'nowhere.csv': no such file",
        id="import-no-file",
    ),
]


@pytest.mark.parametrize(("argv", "exit_code", "danish", "english"), MISTAKES)
def test_a_common_mistake_in_danish(world, argv, exit_code, danish, english):
    before = world.snapshot()
    assert error_line(world("--lang", "da", *argv), exit_code, "Fejl: ") == danish
    assert world.snapshot() == before


@pytest.mark.parametrize(("argv", "exit_code", "danish", "english"), MISTAKES)
def test_the_same_mistake_in_english_is_unchanged(world, argv, exit_code, danish, english):
    assert error_line(world("--lang", "en", *argv), exit_code, "Error: ") == english


def test_an_error_keeps_its_english_whatever_the_language():
    """What an import's report of refused rows and the audit keep (`message`) is English; only the line
    shown is said in the reader's language, with a Danish number and a field that is words looked up."""
    error = NotFound("no team '{team}'; teams: {known} ({n:,} in all; see 'samfam advisor list')", team="Vest",
                     known="A, B …", n=1234)  # fmt: skip
    assert error.message == "no team 'Vest'; teams: A, B … (1,234 in all; see 'samfam advisor list')"
    assert said(error.template, error.fields, lang="da") == (
        "intet team 'Vest'; teams: A, B … (1.234 i alt; se 'samfam advisor list')"
    )
    assert said("{what} {on} is after today ({today})", {"what": Phrase("event date"), "on": "x", "today": "y"},
                lang="da") == "hændelsesdato x ligger efter i dag (y)"  # fmt: skip
    assert said("no staff yet: leave --user out; the OS login acts", {}, lang="da").startswith("ingen medarbejdere")


def test_a_word_of_a_closed_list_in_danish(world):
    """An event kind mistyped: Danish for the refusal, the kinds in both languages as before."""
    line = error_line(world("--lang", "da", "event", "add", REF, "fest"), USAGE_ERROR, "Fejl: ")
    assert line.startswith("Ugyldig værdi for 'KIND': 'fest' er ikke en hændelsestype; brug en af: startup (opstart), ")
    assert line.endswith(" (se 'samfam event add --help')")
