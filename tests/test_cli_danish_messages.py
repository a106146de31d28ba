"""The command line's own words in Danish (`--lang da`, issue 20): a confirmation on stdout, a note on stderr,
and the refusals the command line makes itself (its global options, its parsers, its commands' own checks),
each with its English twin unchanged. Every message is a template with named fields (samfam.output.streams,
samfam.errors), looked up in the catalogue where it is shown; the values (references, initials, ISO dates,
code words such as `followup`) are the same in both languages."""

from __future__ import annotations

import json

import pytest

from support import REF, error_line

DOMAIN_ERROR = 1
USAGE_ERROR = 2

# (argv after the global options, the Danish line on stdout, the English line on stdout)
CONFIRMATIONS = [
    pytest.param(
        ("advisor", "add", "BOE", "--name", "Bo Ørsted", "--team", "Syd"),
        "Tilføjede rådgiver BOE (Bo Ørsted).",
        "Added advisor BOE (Bo Ørsted).",
        id="advisor-add",
    ),
    pytest.param(
        ("advisor", "update", "MKJ", "--team", "Syd"),
        "Rådgiver MKJ opdateret.",
        "Advisor MKJ updated.",
        id="advisor-update",
    ),
    pytest.param(
        ("advisor", "away", "MKJ", "--from", "2026-12-21", "--to", "2027-01-01", "--reason", "Juleferie"),
        "Fravær 1: MKJ er væk fra 21. december 2026 til 1. januar 2027 (8 arbejdsdage).",
        "Absence 1: MKJ away from 2026-12-21 to 2027-01-01 (8 working days).",
        id="advisor-away",
    ),
    pytest.param(
        ("case", "open", "2026-0102", "--child", "Bo Ørsted", "--advisor", "LBH", "--opened", "2026-11-02"),
        "Sag 2026-0102 for Bo Ørsted åbnet 2. november 2026.",
        "Opened case 2026-0102 for Bo Ørsted on 2026-11-02.",
        id="case-open",
    ),
    pytest.param(
        ("case", "assign", REF, "--advisor", "LBH"),
        "Sag 2026-0101: primær rådgiver MKJ -> LBH.",
        "Case 2026-0101: primary advisor MKJ -> LBH.",
        id="case-assign",
    ),
    pytest.param(
        ("case", "buddy", REF, "LBH"),
        "Sag 2026-0101: makker ingen -> LBH.",
        "Case 2026-0101: buddy none -> LBH.",
        id="case-buddy",
    ),
    pytest.param(("case", "complex", REF), "Sag 2026-0101: kompleks.", "Case 2026-0101: complex.", id="case-complex"),
    pytest.param(
        ("event", "add", REF, "followup", "--on", "2026-11-20"),
        "Sag 2026-0101: opfølgningsmøde den 20. november 2026 registreret.",
        "Case 2026-0101: followup on 2026-11-20 recorded.",
        id="event-add",
    ),
    pytest.param(
        ("grant", "add", REF, "BL 32", "--from", "2026-11-01", "--to", "2027-10-31"),
        "Sag 2026-0101: BL 32 fra 1. november 2026 til 31. oktober 2027.",
        "Case 2026-0101: BL 32 from 2026-11-01 to 2027-10-31.",
        id="grant-add",
    ),
    pytest.param(
        ("grant", "end", REF, "BL 86", "--on", "2026-11-20"),
        "Sag 2026-0101: BL 86 slutter 20. november 2026.",
        "Case 2026-0101: BL 86 ends on 2026-11-20.",
        id="grant-end",
    ),
    pytest.param(
        ("actor", "add", REF, "school", "--name", "Kildeskolen"),
        "Sag 2026-0101: aktør 1 Kildeskolen tilføjet.",
        "Case 2026-0101: actor 1 Kildeskolen added.",
        id="actor-add",
    ),
    pytest.param(
        ("goal", "add", REF, "Alma sover i egen seng", "--horizon", "short", "--owner", "family"),
        "Sag 2026-0101: mål 1 tilføjet (horisont short, ejer family).",
        "Case 2026-0101: goal 1 added (short term, owner family).",
        id="goal-add",
    ),
    pytest.param(
        ("handover", "start", REF, "advisor-change"),
        "Sag 2026-0101: overdragelse (rådgiverskifte) startet; se 'samfam handover show 2026-0101'.",
        "Case 2026-0101: advisor-change handover started; see 'samfam handover show 2026-0101'.",
        id="handover-start",
    ),
    pytest.param(
        ("application", "add", REF, "BL 86", "--received", "2026-11-02"),
        "Ansøgning 1: sag 2026-0101, BL 86 modtaget 2. november 2026; ingen frist: der er ikke offentliggjort en "
        "sagsbehandlingsfrist for BL 86 (fastsæt en med 'samfam frist set').",
        "Application 1: case 2026-0101, BL 86 received 2026-11-02; no deadline: no processing deadline is published "
        "for BL 86 (set one with 'samfam frist set').",
        id="application-add",
    ),
    pytest.param(
        ("closed-day", "add", "2026-12-24"),
        "Lukkedag 24. december 2026 tilføjet.",
        "Closed day 2026-12-24 added.",
        id="closed-day-add",
    ),
    pytest.param(
        ("team", "meeting", "add", "case-meeting", "--team", "Nord"),
        "Registreret: sagsmøde den 22. november 2026.",
        "case-meeting on 2026-11-22 recorded.",
        id="team-meeting-add",
    ),
]


@pytest.mark.parametrize(("argv", "danish", "english"), CONFIRMATIONS)
def test_a_confirmation_in_danish(case1, argv, danish, english):
    result = case1("--lang", "da", *argv)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    assert result.stdout == danish + "\n"


@pytest.mark.parametrize(("argv", "danish", "english"), CONFIRMATIONS)
def test_the_same_confirmation_in_english_is_unchanged(case1, argv, danish, english):
    result = case1("--lang", "en", *argv)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    assert result.stdout == english + "\n"


def test_a_note_in_danish(case1):
    """A note on stderr: the open cases an advisor who leaves still holds, the count in Danish words."""
    danish = case1("--lang", "da", "advisor", "leave", "MKJ", "--on", "2026-11-30")
    assert danish.exit_code == 0, danish.stderr
    assert danish.stdout == "Rådgiver MKJ (Mette Kjær Jensen) fratrådte 30. november 2026.\n"
    assert danish.stderr == "1 åben sag mangler en ny rådgiver: 2026-0101 (samfam case assign REF --advisor …)\n"


def test_the_same_note_in_english_is_unchanged(case1):
    english = case1("--lang", "en", "advisor", "leave", "MKJ", "--on", "2026-11-30")
    assert english.stdout == "Advisor MKJ (Mette Kjær Jensen) left on 2026-11-30.\n"
    assert english.stderr == "1 open case needs a new advisor: 2026-0101 (samfam case assign REF --advisor …)\n"


# (argv after the global options, exit code, the Danish line after "Fejl: ", the English line after "Error: ")
REFUSALS = [
    pytest.param(
        ("--db", "", "case", "list"),
        USAGE_ERROR,
        "Ugyldig værdi for --db: er tom; angiv en filsti eller en SQLAlchemy-URL, eller udelad --db "
        "(se 'samfam --help')",
        "Invalid value for --db: is empty; give a file path or an SQLAlchemy URL, or leave --db out "
        "(see 'samfam --help')",
        id="db-empty",
    ),
    pytest.param(
        ("--purpose", "x" * 1234, "case", "list"),
        USAGE_ERROR,
        "Ugyldig værdi for --purpose: er 1.234 tegn lang; der er plads til højst 200 (se 'samfam --help')",
        "Invalid value for --purpose: is 1,234 characters long; at most 200 fit (see 'samfam --help')",
        id="purpose-too-long",
    ),
    pytest.param(
        ("case", "buddy", REF),
        USAGE_ERROR,
        "Ugyldig værdi: angiv makkerens INITIALS, eller --remove (se 'samfam case buddy --help')",
        "Invalid value: give the buddy's INITIALS, or --remove (see 'samfam case buddy --help')",
        id="buddy-neither",
    ),
    pytest.param(
        ("advisor", "add", "BOE"),
        USAGE_ERROR,
        "Ugyldig værdi for --name: mangler; angiv rådgiverens fulde navn (se 'samfam advisor add --help')",
        "Invalid value for --name: is missing; give the advisor's full name (see 'samfam advisor add --help')",
        id="advisor-without-name",
    ),
    pytest.param(
        ("case", "list", "--fields", ","),
        USAGE_ERROR,
        "Ugyldig værdi for '--fields': er tom; angiv de felter, der skal vises, fx --fields case,next_due,advisor "
        "(se 'samfam case list --help')",
        "Invalid value for '--fields': is empty; name the fields to show, e.g. --fields case,next_due,advisor "
        "(see 'samfam case list --help')",
        id="fields-empty",
    ),
    pytest.param(
        ("team", "rhythm", "--case-meetings-every", "14"),
        USAGE_ERROR,
        "Ugyldig værdi for --case-meetings-every: --case-meetings-every kræver --team (se 'samfam team rhythm --help')",
        "Invalid value for --case-meetings-every: --case-meetings-every needs --team (see 'samfam team rhythm --help')",
        id="rhythm-without-team",
    ),
    pytest.param(
        ("audit", "--from", "2026-11-20", "--to", "2026-11-01"),
        DOMAIN_ERROR,
        "--from 20. november 2026 ligger efter --to 1. november 2026; angiv dem i rækkefølge",
        "--from 2026-11-20 is after --to 2026-11-01; give them in order",
        id="audit-dates-reversed",
    ),
    pytest.param(
        ("access",),
        USAGE_ERROR,
        "angiv sagen (REF) eller --cpr CPR, én af dem",
        "give the case (REF) or --cpr CPR, one of them",
        id="access-neither",
    ),
    pytest.param(
        ("retention", "--propose", "--approve", "1"),
        USAGE_ERROR,
        "angiv én af --propose, --approve ID, --apply ID, ikke --propose og --approve",
        "give one of --propose, --approve ID, --apply ID, not --propose and --approve",
        id="retention-two-steps",
    ),
    pytest.param(
        ("retention", "--approve", "1"),
        USAGE_ERROR,
        "retention --approve bruger det rigtige ur; udelad --today og SAMFAM_TODAY (en prøvekørsel kan vise en "
        "anden dag)",
        "retention --approve uses the real clock; leave --today and SAMFAM_TODAY out (a dry run may preview "
        "another day)",
        id="retention-fixed-day",
    ),
    pytest.param(
        ("access", "review", "--team", "Nord", "--note", "Set"),
        USAGE_ERROR,
        "--note hører til --sign-off",
        "--note goes with --sign-off",
        id="note-without-sign-off",
    ),
    pytest.param(
        ("frist", "set", "BL 86", "40"),
        USAGE_ERROR,
        "Mangler tilvalget '--unit' / '-u'. Vælg mellem: workdays, weeks, days (se 'samfam frist set --help')",
        "Missing option '--unit' / '-u'. Choose from: workdays, weeks, days (see 'samfam frist set --help')",
        id="missing-option-of-choices",
    ),
]


@pytest.mark.parametrize(("argv", "exit_code", "danish", "english"), REFUSALS)
def test_a_refusal_of_the_command_line_in_danish(case1, argv, exit_code, danish, english):
    before = case1.snapshot()
    assert error_line(case1("--lang", "da", *argv), exit_code, "Fejl: ") == danish
    assert case1.snapshot() == before


@pytest.mark.parametrize(("argv", "exit_code", "danish", "english"), REFUSALS)
def test_the_same_refusal_in_english_is_unchanged(case1, argv, exit_code, danish, english):
    assert error_line(case1("--lang", "en", *argv), exit_code, "Error: ") == english


def test_an_empty_line_is_empty_in_danish_too(case1):
    """`streams.message("")` (the blank line between tables) was gettext("") in Danish: the catalogue's
    header ("Project-Id-Version: …")."""
    result = case1("--lang", "da", "dag", "--advisor", "MKJ")
    assert result.exit_code == 0, result.stderr
    assert "Project-Id-Version" not in result.stdout


def test_an_unexpected_error_in_danish(case1, monkeypatch):
    """A failure samfam did not foresee: the line around it in the reader's language, the failure's own words
    (Python's, a driver's) as they are."""

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr("samfam.views.cases.case_list", broken)
    danish = error_line(case1("--lang", "da", "case", "list"), DOMAIN_ERROR, "Fejl: ")
    assert danish == "uventet RuntimeError: the disk is on fire (sæt SAMFAM_DEBUG=1 for at se detaljer)"
    english = error_line(case1("--lang", "en", "case", "list"), DOMAIN_ERROR, "Error: ")
    assert english == "unexpected RuntimeError: the disk is on fire (set SAMFAM_DEBUG=1 for details)"


def test_the_checks_and_the_audit_verdict_in_danish(case1):
    """`check` and `audit verify` speak to people: Danish lines under --lang da; the JSON keeps its English."""
    checked = case1("--lang", "da", "check")
    assert checked.exit_code == 0, checked.stderr
    assert "ok    skema: revision" in checked.stdout and "(den nuværende)" in checked.stdout
    assert "ok    revisionsloggens kæde: " in checked.stdout and "rækker intakte, seneste " in checked.stdout
    assert "audit chain" not in checked.stdout and "rows intact" not in checked.stdout
    english = case1("--lang", "en", "check")
    assert english.exit_code == 0 and "ok    audit chain: " in english.stdout and "rows intact, head " in english.stdout
    as_json = case1("--lang", "da", "check", "-f", "json")
    assert as_json.exit_code == 0
    assert {"schema", "integrity", "audit chain"} <= {row["check"] for row in json.loads(as_json.stdout)}
    verified = case1("--lang", "da", "audit", "verify")
    assert verified.exit_code == 0, verified.stderr
    assert verified.stdout.startswith("Revisionsloggen er intakt: ") and " rækker; seneste " in verified.stdout
    assert case1("--lang", "en", "audit", "verify").stdout.startswith("The audit log is intact: ")
