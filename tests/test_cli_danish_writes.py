"""The writes' refusals in Danish (`--lang da`, issue 20): each action's error is a template with named fields
(samfam.errors), said in the reader's language where it is shown, with its English twin unchanged; and the
import's report of refused rows says each reason in the reader's language, on screen and in the file of
refused rows (it is for people to mend), while what the action keeps of the reason stays English."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from support import ME, error_line

DOMAIN_ERROR = 1
USAGE_ERROR = 2

REF = "2026-0001"


@pytest.fixture
def world(team, open_case):
    """Team Nord/Syd (MKJ, LBH; ATP); case 2026-0001 (BL 86 since 2026-06-01, primary advisor MKJ) with event 1
    corrected by event 2 ("Forkert dato"); application 1 decided; closed day 2026-12-24; programme 'Sammen';
    today is 2026-11-22."""
    open_case(REF, "BL 86", opened="2026-06-01")
    team.ok("event", "add", REF, "followup", "--on", "2026-11-01")
    team.ok("event", "correct", "1", "--on", "2026-11-02", "--reason", "Forkert dato")
    team.ok("application", "add", REF, "BL 32", "--received", "2026-11-02")
    team.ok("application", "decide", "1", "--outcome", "refused", "--on", "2026-11-10")
    team.ok("closed-day", "add", "2026-12-24")
    team.ok("programme", "add", "Sammen")
    return team


# (argv after the global options, exit code, the Danish line after "Fejl: ", the English line after "Error: ")
REFUSALS = [
    pytest.param(
        ("case", "buddy", REF, "MKJ"),
        DOMAIN_ERROR,
        "MKJ er primær rådgiver på sag 2026-0001; en makker er en anden",
        "MKJ is the primary advisor on case 2026-0001; a buddy is someone else",
        id="buddy-is-the-primary",
    ),
    pytest.param(
        ("case", "buddy", REF, "--remove"),
        DOMAIN_ERROR,
        "sag 2026-0001 har ingen makker",
        "case 2026-0001 has no buddy",
        id="no-buddy-to-remove",
    ),
    pytest.param(
        ("case", "member", "add", REF, "MKJ", "--role", "psykolog"),
        DOMAIN_ERROR,
        "MKJ er primær rådgiver på sag 2026-0001; kerneteamet er alle andre",
        "MKJ is the primary advisor on case 2026-0001; the core team is everyone else",
        id="core-team-primary",
    ),
    pytest.param(
        ("case", "member", "remove", REF, "ATP"),
        DOMAIN_ERROR,
        "ATP er ikke i kerneteamet på sag 2026-0001",
        "ATP is not on the core team of case 2026-0001",
        id="not-on-the-core-team",
    ),
    pytest.param(
        ("case", "assign", REF, "--advisor", "LBH", "--on", "2026-06-01"),
        USAGE_ERROR,
        "en ændring fra 1. juni 2026 erstatter MKJ's periode fra 1. juni 2026 som primær rådgiver; angiv "
        "begrundelsen "
        "for rettelsen med --reason (den erstattede periode gemmes, markeret som rettet)",
        "a change from 2026-06-01 replaces MKJ's period from 2026-06-01 as primary advisor; give the reason for "
        "the correction with --reason (the replaced period is kept, marked corrected)",
        id="assign-back-dated",
    ),
    pytest.param(
        ("grant", "end", REF, "BL 32"),
        DOMAIN_ERROR,
        "sag 2026-0001 har ingen bevilling BL 32 uden slutdato; bevillinger uden slutdato: BL 86",
        "case 2026-0001 has no open-ended grant BL 32; open-ended grants: BL 86",
        id="no-open-ended-grant",
    ),
    pytest.param(
        ("grant", "void", REF, "999", "--reason", "fejl"),
        DOMAIN_ERROR,
        "sag 2026-0001 har ingen bevilling '999', der ikke er annulleret; sagens bevillinger: 1 (BL 86 fra 2026-06-01)",
        "case 2026-0001 has no grant '999' that is not void; its grants: 1 (BL 86 from 2026-06-01)",
        id="no-such-grant",
    ),
    pytest.param(
        ("event", "void", "1", "--reason", "igen"),
        DOMAIN_ERROR,
        f"hændelse 1 er allerede annulleret (af {ME}: corrected: Forkert dato); hændelse 2 erstattede den: "
        "annullér hændelse 2 i stedet",
        f"event 1 is void already (by {ME}: corrected: Forkert dato); event 2 replaced it: void event 2 instead",
        id="event-void-already",
    ),
    pytest.param(
        ("event", "correct", "1", "--on", "2026-11-03", "--reason", "igen"),
        DOMAIN_ERROR,
        f"hændelse 1 er allerede annulleret (af {ME}: corrected: Forkert dato); hændelse 2 erstattede den: "
        "ret hændelse 2 i stedet",
        f"event 1 is void already (by {ME}: corrected: Forkert dato); event 2 replaced it: correct event 2 instead",
        id="event-correct-void",
    ),
    pytest.param(
        ("application", "decide", "1", "--outcome", "granted"),
        DOMAIN_ERROR,
        "ansøgning 1 blev afgjort 10. november 2026 (afslag); en afgørelse registreres én gang",
        "application 1 was decided on 2026-11-10 (refused); a decision is recorded once",
        id="decided-twice",
    ),
    pytest.param(
        ("closed-day", "add", "2026-12-24"),
        DOMAIN_ERROR,
        "24. december 2026 er allerede en lukkedag; se 'samfam closed-day list'",
        "2026-12-24 is a closed day already; see 'samfam closed-day list'",
        id="closed-day-twice",
    ),
    pytest.param(
        ("advisor", "add", "MKJ", "--name", "Mette Kjær"),
        DOMAIN_ERROR,
        "rådgiver 'MKJ' findes allerede; initialer skal være entydige",
        "advisor 'MKJ' exists already; initials must be unique",
        id="advisor-exists",
    ),
    pytest.param(
        ("advisor", "away", "MKJ", "--from", "2026-12-10", "--to", "2026-12-01"),
        DOMAIN_ERROR,
        "--from 10. december 2026 ligger efter --to 1. december 2026; angiv dem i rækkefølge",
        "--from 2026-12-10 is after --to 2026-12-01; give them in order",
        id="absence-out-of-order",
    ),
    pytest.param(
        ("programme", "add", "Sammen"),
        DOMAIN_ERROR,
        "programmet 'Sammen' findes allerede",
        "programme 'Sammen' exists already",
        id="programme-exists",
    ),
    pytest.param(
        ("programme", "discharge", REF),
        DOMAIN_ERROR,
        "sag 2026-0001 er ikke indskrevet i et program",
        "case 2026-0001 is not enrolled in a programme",
        id="not-enrolled",
    ),
    pytest.param(
        ("event", "add", REF, "sms", "--scale", "5"),
        DOMAIN_ERROR,
        "en Signs of Safety-skala hører til en opfølgning, ikke til 'sms'; hændelsestyper, der tæller: ",
        "a Signs of Safety scale goes on a follow-up, not on 'sms'; counting kinds: ",
        id="scale-on-an-sms",
    ),
    pytest.param(
        ("audit", "review", "99999", "--ok"),
        DOMAIN_ERROR,
        "ingen række 99999 i revisionsloggen; se 'samfam audit sample --team T' eller 'samfam audit'",
        "no audit row 99999; see 'samfam audit sample --team T' or 'samfam audit'",
        id="no-audit-row",
    ),
    pytest.param(
        ("case", "update", REF, "--reason", "Tastefejl"),
        USAGE_ERROR,
        "intet at opdatere; angiv --child, --born, --cpr eller --complex/--no-complex",
        "nothing to update; give --child, --born, --cpr or --complex/--no-complex",
        id="nothing-to-update",
    ),
]


def _same(line: str, expected: str) -> bool:
    """The whole line, or (a line ending in a list the rules hold) its beginning."""
    return line.startswith(expected) if expected.endswith(": ") else line == expected


@pytest.mark.parametrize(("argv", "exit_code", "danish", "english"), REFUSALS)
def test_a_refused_write_in_danish(world, argv, exit_code, danish, english):
    before = world.snapshot()
    line = error_line(world("--lang", "da", *argv), exit_code, "Fejl: ")
    assert _same(line, danish), line
    assert world.snapshot() == before


@pytest.mark.parametrize(("argv", "exit_code", "danish", "english"), REFUSALS)
def test_the_same_refusal_in_english_is_unchanged(world, argv, exit_code, danish, english):
    line = error_line(world("--lang", "en", *argv), exit_code, "Error: ")
    assert _same(line, english), line


# -- the import's report of refused rows ------------------------------------------------------------------

CASES = (
    "case,child,born,cpr,advisor,buddy,opened,complex,paragraphs\n"
    "2026-0142,Alma Holm,2019-04-02,,MKJ,,2026-05-04,nej,BL 86\n"
    "2026-0143,Ida Lund,2018-02-01,,ZZZ,,2026-05-04,nej,BL 86\n"
    "2026-0144,Bo Ørsted,2017-03-01,,MKJ,,2026-05-04,måske,BL 86\n"
    "2026-0001,Alma Holm,,,LBH,,,nej,\n"
)
#: Each refused row's line and reason: (line, Danish, English).
REASONS = [
    (3, "ingen rådgiver 'ZZZ'; kendte rådgivere: ATP, LBH, MKJ (tilføj en med 'samfam advisor add')",
     "no advisor 'ZZZ'; known advisors: ATP, LBH, MKJ (add one with 'samfam advisor add')"),
    (4, "complex 'måske' er hverken ja eller nej (ja/nej, yes/no, 1/0, x)",
     "complex 'måske' is neither yes nor no (ja/nej, yes/no, 1/0, x)"),
    (5, "konflikt: sag 2026-0001 findes allerede, og advisor er 'MKJ' her og 'LBH' i filen (importér med --update "
        "for at ændre det)",
     "conflict: case 2026-0001 exists already and advisor is 'MKJ' here, 'LBH' in the file (import with --update "
     "to change it)"),
]  # fmt: skip


def _import(world, tmp_path: Path, lang: str) -> tuple[str, list[list[str]]]:
    path = tmp_path / f"sager-{lang}.csv"
    path.write_text(CASES, encoding="utf-8")
    before = world.snapshot()
    result = world("--lang", lang, "import", "cases", str(path))
    after = world.snapshot()  # nothing imported; the conflict's look at the stored case is logged
    assert {t: rows for t, rows in after.items() if t != "audit_log"} == {
        t: rows for t, rows in before.items() if t != "audit_log"
    }
    line = error_line(result, DOMAIN_ERROR, "Fejl: " if lang == "da" else "Error: ")
    rejected = list(csv.reader(io.StringIO(Path(f"{path}.rejected.csv").read_text(encoding="utf-8"))))
    assert rejected[0][:2] == ["line", "reason"]  # the header is the file's, whatever the language
    return line, rejected[1:]


def test_the_import_says_each_refused_rows_reason_in_danish_on_screen_and_in_the_file(world, tmp_path):
    line, rows = _import(world, tmp_path, "da")
    assert [(int(r[0]), r[1]) for r in rows] == [(n, danish) for n, danish, _ in REASONS]
    assert line == (
        f"3 af 4 rækker i sager-da.csv blev afvist (nye: 1, uændrede: 0, opdaterede: 0, konflikter: 1, afviste: 2); "
        f"første: linje 3: {REASONS[0][1]}; intet blev importeret (--skip-bad importerer de gode rækker); de afviste "
        f"rækker står med linje og årsag i {tmp_path / 'sager-da.csv'}.rejected.csv"
    )


def test_the_import_report_in_english_is_unchanged(world, tmp_path):
    line, rows = _import(world, tmp_path, "en")
    assert [(int(r[0]), r[1]) for r in rows] == [(n, english) for n, _, english in REASONS]
    assert line == (
        f"3 of 4 rows of sager-en.csv were refused (1 new, 0 unchanged, 0 updated, 1 conflicts, 2 rejected); "
        f"first: line 3: {REASONS[0][2]}; nothing was imported (--skip-bad imports the good rows); the refused "
        f"rows, with their line and reason, are in {tmp_path / 'sager-en.csv'}.rejected.csv"
    )


def test_skip_bad_says_what_was_imported_in_danish(world, tmp_path):
    path = tmp_path / "sager.csv"
    path.write_text(CASES, encoding="utf-8")
    line = error_line(world("--lang", "da", "import", "cases", str(path), "--skip-bad"), DOMAIN_ERROR, "Fejl: ")
    assert "; den 1 gode række blev importeret; " in line
    again = error_line(
        world("--lang", "da", "import", "cases", str(path), "--skip-bad", "--force"), DOMAIN_ERROR, "Fejl: "
    )
    assert "; intet nyt: den 1 gode række fandtes allerede; " in again


def test_an_import_in_danish_says_its_counts_in_danish(world, tmp_path):
    path = tmp_path / "sager.csv"
    path.write_text(CASES.split("2026-0143")[0], encoding="utf-8")
    result = world("--lang", "da", "import", "cases", str(path), "--dry-run")
    assert result.exit_code == 0, result.stderr
    counts = "nye: 1, uændrede: 0, opdaterede: 0, konflikter: 0, afviste: 0"
    assert result.stdout == f"Prøvekørsel: sager.csv (cases): {counts}. Intet blev skrevet.\n"
    result = world("--lang", "da", "import", "cases", str(path))
    assert result.stdout == f"Importerede sager.csv (cases): {counts}.\n"


def test_a_refused_rows_reason_is_its_english_and_says_itself_in_the_readers_language(world):
    """The action's outcome keeps each reason's English (what tests and the audit compare); the report says it
    in the language the import runs in."""
    from samfam.actions import transfer
    from samfam.words import done, use

    header, *lines = (line.split(",") for line in CASES.splitlines())
    for lang, column in (("en", 2), ("da", 1)):
        token = use(lang)
        try:
            outcome = transfer.import_rows(
                _app(world), "cases", "sager.csv", header, list(enumerate(lines, start=2)), dry_run=True
            )
            said = [(line, reason.said()) for line, reason, _ in outcome.rejected]
        finally:
            done(token)
        assert said == [(r[0], r[column]) for r in REASONS]
    english = [(line, str(reason)) for line, reason, _ in outcome.rejected]
    assert english[:2] == [(n, e) for n, _, e in REASONS[:2]]


def _app(world):
    from arrange import app_for

    return app_for(world.db, world.today, ME)
