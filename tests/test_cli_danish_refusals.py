"""The refusals of the reads, the store, the rules and the file readers and writers, in Danish (`--lang da`):
exit code first, then one `Fejl: …` line on stderr in Danish, nothing on stdout, the database as it was; with
`--lang en` the same English line as before (issue 20: every word a person reads comes from the catalogue).

Each refusal is a template with named fields where it is raised (samfam.errors); the words in a field are
said too (`Phrase`: who may, what a login may not do, a column's name), and what the operating system or the
database says is kept as it gives it."""

from __future__ import annotations

import sqlite3

import pytest

from support import ME, error_line

DOMAIN_ERROR = 1
USAGE_ERROR = 2

REF = "2026-0001"
LONG_NAME = "Bo " + "Ø" * 247  # 250 characters; the column holds 200

#: (argv after the global options, exit code, the Danish line after "Fejl: ", the English line after "Error: ").
#: "{tmp}" is the test's own folder; a line ending in "…" is compared up to there.
REFUSALS = [
    pytest.param(
        ("calendar", "-o", "{tmp}"),
        DOMAIN_ERROR,
        "kan ikke skrive '{tmp}': det er en mappe",
        "cannot write '{tmp}': it is a directory",
        id="write-a-folder",
    ),
    pytest.param(
        ("calendar", "-o", "{tmp}/nowhere/kalender.ics"),
        DOMAIN_ERROR,
        "kan ikke skrive '{tmp}/nowhere/kalender.ics': mappen '{tmp}/nowhere' findes ikke",
        "cannot write '{tmp}/nowhere/kalender.ics': the folder '{tmp}/nowhere' does not exist",
        id="write-into-a-missing-folder",
    ),
    pytest.param(
        ("calendar", "-o", "{tmp}/findes.ics"),
        DOMAIN_ERROR,
        "'{tmp}/findes.ics' findes allerede; angiv et andet filnavn, eller brug --force for at erstatte den",
        "'{tmp}/findes.ics' exists already; give another file name, or --force to replace it",
        id="write-over-a-file",
    ),
    pytest.param(
        ("case", "list", "-f", "json", "--fields", "case,nosuch"),
        USAGE_ERROR,
        "ukendt felt 'nosuch' til --fields; gyldige felter: case, child, advisor, buddy, status, track, next_due, "
        "opened, closed",
        "unknown field 'nosuch' for --fields; valid fields: case, child, advisor, buddy, status, track, next_due, "
        "opened, closed",
        id="unknown-field",
    ),
    pytest.param(
        ("case", "list", "--fields", "case"),
        USAGE_ERROR,
        "--fields vælger felterne i output som json, ndjson, csv eller excel; -f table viser sine egne: tilføj "
        "-f json, -f ndjson, -f csv eller -f excel",
        "--fields chooses the fields of json, ndjson, csv or excel output; -f table shows its own: add -f json, "
        "-f ndjson, -f csv or -f excel",
        id="fields-of-a-table",
    ),
    pytest.param(
        ("export", "-f", "csv"),
        USAGE_ERROR,
        "en CSV-eksport (-f csv) er én fil pr. slags: angiv --output FOLDER",
        "a CSV export (-f csv) is a file per kind: give --output FOLDER",
        id="csv-export-without-a-folder",
    ),
    pytest.param(
        ("grant", "add", REF, "41"),
        DOMAIN_ERROR,
        "'41' er tvetydig: skriv 'SEL 41' (Serviceloven: Merudgifter) eller 'BL 41' (Barnets lov: ikke i kataloget).",
        "'41' is ambiguous: say 'SEL 41' (Serviceloven: Merudgifter) or 'BL 41' (Barnets lov: not in the catalogue).",
        id="a-bare-number",
    ),
    pytest.param(
        ("grant", "add", REF, "SEL 41, 42"),
        DOMAIN_ERROR,
        "'SEL 41, 42' er ikke én paragrafkode: angiv én kode ad gangen, fx 'SEL 41', 'SEL 52.3.5', "
        "'SEL 52a stk. 1 nr. 1' eller 'BL 86'.",
        "'SEL 41, 42' is not one paragraph code: give one code at a time, e.g. 'SEL 41', 'SEL 52.3.5', "
        "'SEL 52a stk. 1 nr. 1' or 'BL 86'.",
        id="two-codes",
    ),
    pytest.param(
        ("grant", "add", REF, "SL 41"),
        DOMAIN_ERROR,
        "'SL 41' nævner ingen lov, kataloget kender: begynd med SEL (Serviceloven) eller BL (Barnets lov), fx "
        "'SEL 41', 'SEL 52.3.5', 'SEL 52a stk. 1 nr. 1' eller 'BL 86'.",
        "'SL 41' names no law the catalogue knows: start with SEL (Serviceloven) or BL (Barnets lov), e.g. "
        "'SEL 41', 'SEL 52.3.5', 'SEL 52a stk. 1 nr. 1' or 'BL 86'.",
        id="no-such-law",
    ),
    pytest.param(
        ("grant", "add", REF, "SEL 41", "--from", "2026-07-01"),
        DOMAIN_ERROR,
        "SEL 41 fra 1. juli 2026 ville løbe sideløbende med BL 86 (fra 1. juni 2026) på sag 2026-0001, dens "
        "modstykke: Barnets lov afløste Servicelovens børneparagraffer den 1. januar 2024, så behold kun "
        "bevillingen efter Barnets lov",
        "SEL 41 from 2026-07-01 would run beside BL 86 (from 2026-06-01) on case 2026-0001, its counterpart: "
        "Barnets lov replaced Serviceloven's child paragraphs on 2024-01-01, so keep the grant under Barnets lov "
        "only",
        id="under-both-laws",
    ),
    pytest.param(
        ("--user", "LBH", "closed-day", "add", "2026-12-24"),
        DOMAIN_ERROR,
        "closed-day.add: kun en teamleder eller administratoren må; LBH handler (rolle ingen, team Nord)",
        "closed-day.add: only a team leader or the administrator may; LBH acts (role none, team Nord)",
        id="not-a-team-leader",
    ),
    pytest.param(
        ("--user", "LBH", "team", "rhythm", "--team", "Syd", "--case-meetings-every", "14"),
        DOMAIN_ERROR,
        "team.rhythm: kun en teamleder for Syd eller administratoren må; LBH handler (rolle ingen, team Nord)",
        "team.rhythm: only a team leader of Syd or the administrator may; LBH acts (role none, team Nord)",
        id="not-the-teams-leader",
    ),
    pytest.param(
        ("advisor", "update", "MKJ", "--login", "Mette K"),
        USAGE_ERROR,
        "'Mette K' er ikke et PostgreSQL-login, som samfam kan knytte til en rådgiver; brug op til 63 bogstaver "
        "(a-z), cifre eller _, og begynd med et bogstav eller _, fx mkj",
        "'Mette K' is not a PostgreSQL login samfam links; use up to 63 letters (a-z), digits or _, beginning with "
        "a letter or _, e.g. mkj",
        id="not-a-login",
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", LONG_NAME, "--advisor", "MKJ"),
        DOMAIN_ERROR,
        "barnets navn fylder 250 tegn; der er højst plads til 200",
        "the child name is 250 characters long; at most 200 fit",
        id="a-name-too-long",
    ),
    pytest.param(
        ("access", "--cpr", "010190-1234"),
        DOMAIN_ERROR,
        "ingen sag om et barn med CPR-nummer 010190-XXXX; kontrollér nummeret",
        "no case of a child with CPR number 010190-XXXX; check the number",
        id="no-child-with-that-cpr",
    ),
    pytest.param(
        ("barometer", "--from", "2026-10-01", "--to", "2026-09-01"),
        DOMAIN_ERROR,
        "--from 1. oktober 2026 ligger efter --to 1. september 2026; angiv dem i rækkefølge",
        "--from 2026-10-01 is after --to 2026-09-01; give them in order",
        id="a-period-backwards",
    ),
    pytest.param(
        ("dag",),
        USAGE_ERROR,
        f"ingen rådgiver handler: '{ME}' er hverken en nuværende rådgiver eller en rådgivers login; angiv --user "
        "INITIALS, eller --advisor INITIALS eller --team TEAM (som teamleder)",
        f"no advisor acts: '{ME}' is no current advisor and no advisor's login; give --user INITIALS, or --advisor "
        "INITIALS or --team TEAM (a team leader)",
        id="no-advisor-acts",
    ),
    pytest.param(
        ("forecast", "--advisor", "MKJ", "--team", "Syd"),
        USAGE_ERROR,
        "rådgiver MKJ er i team Nord, ikke i Syd; angiv --advisor eller --team",
        "advisor MKJ is in team Nord, not Syd; give --advisor or --team",
        id="advisor-of-another-team",
    ),
    pytest.param(
        ("handover", "tick", REF, "network-meeting"),
        DOMAIN_ERROR,
        "sag 2026-0001 har ingen åben overdragelse; start en med 'samfam handover start REF KIND'",
        "case 2026-0001 has no open handover; start one with 'samfam handover start REF KIND'",
        id="no-open-handover",
    ),
    pytest.param(
        ("audit", "verify", "--head", "12:abc"),
        DOMAIN_ERROR,
        "--head '12:abc' er ikke ID:HASH (et række-id, et kolon og 64 hexcifre), som 'audit verify' skriver det",
        "--head '12:abc' is not ID:HASH (a row id, a colon, 64 hex digits) as 'audit verify' prints it",
        id="not-a-head",
    ),
    pytest.param(
        ("import", "cases", "{tmp}/styretegn.csv"),
        DOMAIN_ERROR,
        "'{tmp}/styretegn.csv' linje 2, kolonne 2 (child): cellen indeholder et kontroltegn (U+0007); kun tabulator "
        "og linjeskift er tekst — gem filen igen fra det program, der lavede den, eller fjern tegnet",
        "'{tmp}/styretegn.csv' line 2 column 2 (child): the cell holds a control character (U+0007); only tab and "
        "line break are text — save the file again from the program that made it, or remove the character",
        id="import-a-control-character",
    ),
    pytest.param(
        ("import", "cases", "{tmp}/blandet.csv"),
        DOMAIN_ERROR,
        "'{tmp}/blandet.csv' blander tegnsæt: linje 2 er UTF-8, og linje 3 er ikke (Windows-1252?); gem hele filen "
        "som CSV (UTF-8), og importér den",
        "'{tmp}/blandet.csv' mixes encodings: line 2 is UTF-8 and line 3 is not (Windows-1252?); save the whole file "
        "as CSV (UTF-8) and import that",
        id="import-mixed-encodings",
    ),
    pytest.param(
        ("--db", "{tmp}/findes.ics", "case", "list"),
        DOMAIN_ERROR,
        "kan ikke bruge '{tmp}/findes.ics' som samfam-database (file is not a database); angiv stien til en "
        "samfam-database eller til en ny fil, som 'samfam init' skal oprette",
        "cannot use '{tmp}/findes.ics' as a samfam database (file is not a database); give the path of a samfam "
        "database, or a new file to create with 'samfam init'",
        id="not-a-database",  # SQLite's reason as it gives it
    ),
    pytest.param(
        ("--db", "{tmp}/ingen.db", "case", "list"),
        DOMAIN_ERROR,
        "ingen samfam-database i '{tmp}/ingen.db'; kør 'samfam init' for at oprette den, eller 'samfam demo' for at "
        "prøve samfam på opdigtede sager",
        "no samfam database at '{tmp}/ingen.db'; run 'samfam init' to create it, or 'samfam demo' to try samfam on "
        "fictional cases",
        id="no-database",
    ),
    pytest.param(
        ("demo", "--db", "{tmp}/andet.db"),
        DOMAIN_ERROR,
        "'{tmp}/andet.db' er en fil, som samfam ikke har lavet; demoen bygges kun i en ny fil eller i en tidligere "
        "demodatabase (vælg en anden med --db)",
        "'{tmp}/andet.db' is a file that samfam did not make; the demo builds only into a new file or an earlier "
        "demo database (choose another with --db)",
        id="demo-over-a-file",
    ),
]


@pytest.fixture
def world(team, open_case, tmp_path, monkeypatch):
    """Team Nord (MKJ, LBH) and Syd (ATP), an open case 2026-0001 (BL 86 since 2026-06-01); today is
    2026-11-22. In the test's folder: a file that exists, and two CSV files to import that are refused. The
    user data folder (where `samfam demo` builds) is the test's own, so no demo is found there."""
    open_case(REF, "BL 86", opened="2026-06-01")
    (tmp_path / "findes.ics").write_text("BEGIN:VCALENDAR\n")
    (tmp_path / "styretegn.csv").write_text("ref,child,advisor\n2026-0009,Bo\x07 Ørsted,MKJ\n", encoding="utf-8")
    (tmp_path / "blandet.csv").write_bytes(
        "ref,child,advisor\n2026-0009,Bo Ørsted,MKJ\n".encode() + "2026-0010,Åse Holm,MKJ\n".encode("cp1252")
    )
    with sqlite3.connect(tmp_path / "andet.db") as conn:  # someone else's database
        conn.execute("CREATE TABLE andet (id INTEGER)")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return team


def _argv(argv: tuple[str, ...], tmp: str) -> list[str]:
    return [a.replace("{tmp}", tmp) for a in argv]


def _says(line: str, expected: str, tmp: str) -> None:
    expected = expected.replace("{tmp}", tmp)
    if expected.endswith("…"):
        assert line.startswith(expected.removesuffix("…")), line
    else:
        assert line == expected


@pytest.mark.parametrize(("argv", "exit_code", "danish", "english"), REFUSALS)
def test_a_refusal_in_danish(world, tmp_path, argv, exit_code, danish, english):
    before = world.snapshot()
    _says(error_line(world("--lang", "da", *_argv(argv, str(tmp_path))), exit_code, "Fejl: "), danish, str(tmp_path))
    assert world.snapshot() == before


@pytest.mark.parametrize(("argv", "exit_code", "danish", "english"), REFUSALS)
def test_the_same_refusal_in_english_is_unchanged(world, tmp_path, argv, exit_code, danish, english):
    _says(error_line(world("--lang", "en", *_argv(argv, str(tmp_path))), exit_code, "Error: "), english, str(tmp_path))


def test_the_fields_of_a_refusal_are_said_too():
    """A refusal's English is kept (`message`: what an import's report and the audit keep); the line shown is
    said in the reader's language, with the words in its fields (who may, what a login may not do, a column)."""
    from samfam.rules import columns, roles
    from samfam.words import said

    error = roles.refused(roles.Actor("kim"), "retention.apply")
    assert error is not None
    assert (
        error.message
        == "retention.apply: only the administrator may; kim acts, neither the administrator nor an advisor"
    )
    assert said(error.template, error.fields, lang="da") == (
        "retention.apply: kun administratoren må; kim handler og er hverken administrator eller rådgiver"
    )
    assert said("{what}", {"what": columns.in_words("void_reason")}, lang="da") == "begrundelse for annullering"
    assert columns.in_words("prev_hash") == "prev hash"  # a column nobody types in keeps its English


@pytest.mark.postgres
def test_a_write_the_database_refuses_is_not_permitted_in_danish(pg_url):
    """On PostgreSQL a login's write that row-level security refuses: the database's reason as it gives it,
    samfam's words around it in Danish (store.refusal); in English as before."""
    pytest.importorskip("psycopg")
    import psycopg

    from conftest import Samfam
    from test_postgres_emergency import LOGINS, _as, _raw  # the same world: AB (Nord, login ab), CD (Syd)

    s = Samfam(pg_url)  # type: ignore[arg-type]
    s.ok("init")
    with psycopg.connect(_raw(pg_url), autocommit=True) as conn:
        for login, group in LOGINS.items():
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone():
                conn.execute(f"CREATE ROLE {login} LOGIN")
            if group:
                conn.execute(f"GRANT {group} TO {login}")
    s.ok("advisor", "add", "AB", "--name", "Anne Bech", "--team", "Nord", "--login", "ab")
    s.ok("advisor", "add", "CD", "--name", "Carl Dam", "--team", "Syd", "--login", "cd")
    ab = Samfam(_as(pg_url, "ab"))  # type: ignore[arg-type]
    argv = ("case", "open", "2026-0950", "--child", "Ny", "--advisor", "CD", "--para", "BL 86")
    danish = error_line(ab("--lang", "da", *argv), DOMAIN_ERROR, "Fejl: ")
    assert danish.startswith("ikke tilladt: new row violates row-level security policy for table")
    assert danish.endswith(
        "(dit login 'ab' må ikke tilføje rækker til cases dér: det skriver kun i de sager, det ser: sine egne, sit "
        "teams som teamleder eller en, der er åbnet med 'samfam access open')"
    )
    english = error_line(ab("--lang", "en", *argv), DOMAIN_ERROR, "Error: ")
    assert english.startswith("not permitted: new row violates row-level security policy for table")
    assert english.endswith(
        "(your login 'ab' may not add rows to cases there: it writes only the cases it sees, its own, its team's "
        "as team leader, or one opened with 'samfam access open')"
    )
