"""Every error the CLI promises to handle: exit code, one `Error:` line, nothing written.

docs/cli.md: exit 1 for a domain error (unknown case, invalid CPR, unknown paragraph, date order …),
exit 2 for a usage error (bad option or value syntax, including unparseable or impossible dates
and bad choice values). Errors go to stderr as one line starting `Error:`, never a traceback,
and change nothing in the database.

CPR numbers in these tests are made up and cannot belong to a living person: they use
19th-century birth dates through the century rule (7th digit 5-8 with a two-digit year 58-99
gives 1858-1899), e.g. 211062-5629 -> born 1862-10-21.
"""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.dk import cpr as stdnum_cpr

from samfam.cli.app import app
from support import assert_error, assert_refused

DOMAIN_ERROR = 1
USAGE_ERROR = 2

# 15 March 2015: 7th digit 4 with year 15 -> 2015 (century rule). Made up. Passes modulus 11.
CPR_CHILD = "150315-4001"
# Same birth date, serial chosen so that modulus 11 fails (valid since 2007: must be accepted).
CPR_CHILD_NO_MOD11 = "150315-4000"
# 31 February 1899 (7th digit 5 with year 99 -> 1899): a day that never existed.
CPR_IMPOSSIBLE = "310299-5629"
# Nine digits: wrong format.
CPR_SHORT = "211062-562"

OPEN_0003 = ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ")


@pytest.fixture
def world(team, open_case):
    """Team Nord/Syd, an open case 2026-0001 (BL 86 since 2026-06-01, one follow-up) and a case
    2026-0002 closed on 2026-10-01."""
    open_case("2026-0001", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0001", "followup", "--on", "2026-07-01")
    open_case("2026-0002", "BL 86", opened="2026-03-02")
    team.ok("case", "close", "2026-0002", "--reason", "Flyttet til Århus", "--on", "2026-10-01",
            "--force", "Familien er fraflyttet")  # fmt: skip
    return team


# (argv after the global options, exit code, what the message must name)
ERRORS = [
    # -- unknown case (on every kind of command that takes a REF) --------------------------------
    pytest.param(("case", "show", "2026-9999"), DOMAIN_ERROR, ("2026-9999",), id="unknown-case-show"),
    pytest.param(("explain", "2026-9999"), DOMAIN_ERROR, ("2026-9999",), id="unknown-case-explain"),
    pytest.param(("event", "list", "2026-9999"), DOMAIN_ERROR, ("2026-9999",), id="unknown-case-event-list"),
    pytest.param(
        ("event", "add", "2026-9999", "followup", "--on", "2026-11-01"),
        DOMAIN_ERROR,
        ("2026-9999",),
        id="unknown-case-event-add",
    ),
    pytest.param(("grant", "add", "2026-9999", "BL 86"), DOMAIN_ERROR, ("2026-9999",), id="unknown-case-grant-add"),
    pytest.param(
        ("case", "close", "2026-9999", "--reason", "x"), DOMAIN_ERROR, ("2026-9999",), id="unknown-case-close"
    ),
    pytest.param(
        ("case", "assign", "2026-9999", "--advisor", "LBH"), DOMAIN_ERROR, ("2026-9999",), id="unknown-case-assign"
    ),
    pytest.param(("audit", "--case", "2026-9999"), DOMAIN_ERROR, ("2026-9999",), id="unknown-case-audit"),
    # -- duplicate case ----------------------------------------------------------------------------
    pytest.param(
        ("case", "open", "2026-0001", "--child", "Bo Ørsted", "--advisor", "MKJ"),
        DOMAIN_ERROR,
        ("2026-0001",),
        id="duplicate-case",
    ),
    # -- invalid CPR (named by its birth-date part only: never printed in full) ----------------
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--cpr", CPR_SHORT),
        DOMAIN_ERROR,
        ("CPR", "211062"),
        id="cpr-wrong-format",
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--cpr", "21106A-5629"),
        DOMAIN_ERROR,
        ("CPR",),
        id="cpr-letters",
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--cpr", CPR_IMPOSSIBLE),
        DOMAIN_ERROR,
        ("CPR", "310299"),
        id="cpr-impossible-date-31-feb-1899",
    ),
    # -- invalid or impossible dates: usage errors -------------------------------------------------
    pytest.param(
        ("case", "close", "2026-0001", "--reason", "x", "--on", "2026-02-30"),
        USAGE_ERROR,
        ("2026-02-30", "--on"),
        id="date-impossible-30-feb",
    ),
    pytest.param(
        ("case", "close", "2026-0001", "--reason", "x", "--on", "31/12/2026"),
        USAGE_ERROR,
        ("31/12/2026", "--on"),
        id="date-slashes",
    ),
    pytest.param(
        ("event", "add", "2026-0001", "followup", "--on", "31.04.2026"),
        USAGE_ERROR,
        ("31.04.2026", "--on"),
        id="date-danish-31-april",
    ),
    pytest.param(
        ("event", "add", "2026-0001", "followup", "--on", "yesterday"),
        USAGE_ERROR,
        ("yesterday", "--on"),
        id="date-word",
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--opened", "2026-02-29"),
        USAGE_ERROR,
        ("2026-02-29", "--opened"),
        id="date-29-feb-common-year",
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--born", "2019-13-01"),
        USAGE_ERROR,
        ("2019-13-01", "--born"),
        id="date-born-month-13",
    ),
    pytest.param(
        ("grant", "add", "2026-0001", "BL 20", "--from", "32-10-2026"),
        USAGE_ERROR,
        ("32-10-2026", "--from"),
        id="date-from-day-32",
    ),
    # -- paragraphs --------------------------------------------------------------------------------
    pytest.param(("grant", "add", "2026-0001", "SEL 999"), DOMAIN_ERROR, ("SEL 999",), id="paragraph-unknown"),
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--para", "SEL 999"),
        DOMAIN_ERROR,
        ("SEL 999",),
        id="paragraph-unknown-on-open",
    ),
    pytest.param(
        ("grant", "add", "2026-0001", "41"), DOMAIN_ERROR, ("41", "SEL 41", "BL 41"), id="paragraph-bare-number"
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--para", "BL 86", "--para", "41"),
        DOMAIN_ERROR,
        ("SEL 41", "BL 41"),
        id="paragraph-bare-number-on-open",
    ),
    # -- event dates -------------------------------------------------------------------------------
    pytest.param(
        ("event", "add", "2026-0001", "followup", "--on", "2026-05-31"),
        DOMAIN_ERROR,
        ("2026-05-31",),
        id="event-before-opening",
    ),
    pytest.param(
        ("event", "add", "2026-0001", "followup", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        ("2026-11-23",),
        id="event-after-today",
    ),
    # -- closing -----------------------------------------------------------------------------------
    pytest.param(
        ("case", "close", "2026-0002", "--reason", "igen"), DOMAIN_ERROR, ("2026-0002",), id="close-closed-case"
    ),
    # -- advisors ----------------------------------------------------------------------------------
    pytest.param(
        ("case", "assign", "2026-0001", "--advisor", "ZZZ"), DOMAIN_ERROR, ("ZZZ",), id="unknown-advisor-assign"
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "ZZZ"),
        DOMAIN_ERROR,
        ("ZZZ",),
        id="unknown-advisor-open",
    ),
    pytest.param(
        ("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--buddy", "ZZZ"),
        DOMAIN_ERROR,
        ("ZZZ",),
        id="unknown-buddy-open",
    ),
    pytest.param(("overdue", "--advisor", "ZZZ"), DOMAIN_ERROR, ("ZZZ",), id="unknown-advisor-overdue-filter"),
    pytest.param(("case", "list", "--advisor", "ZZZ"), DOMAIN_ERROR, ("ZZZ",), id="unknown-advisor-list-filter"),
    pytest.param(("advisor", "add", "MKJ", "--name", "Mads Kjærgaard"), DOMAIN_ERROR, ("MKJ",), id="duplicate-advisor"),
    # -- event kinds and the Signs of Safety scale -------------------------------------------------
    pytest.param(("event", "add", "2026-0001", "party"), USAGE_ERROR, ("party",), id="unknown-event-kind"),
    pytest.param(("event", "add", "2026-0001", "followup", "--scale", "11"), USAGE_ERROR, ("11",), id="scale-above-10"),
    pytest.param(("event", "add", "2026-0001", "followup", "--scale", "-1"), USAGE_ERROR, ("-1",), id="scale-below-0"),
    pytest.param(
        ("event", "add", "2026-0001", "followup", "--scale", "seks"), USAGE_ERROR, ("seks",), id="scale-not-a-number"
    ),
    pytest.param(("event", "add", "2026-0001", "sms", "--scale", "5"), DOMAIN_ERROR, ("sms",), id="scale-on-sms"),
    # -- grants ------------------------------------------------------------------------------------
    pytest.param(("grant", "end", "2026-0001", "SEL 41"), DOMAIN_ERROR, ("SEL 41",), id="grant-end-not-granted"),
    pytest.param(
        ("grant", "add", "2026-0001", "BL 20", "--from", "2026-10-01", "--to", "2026-09-30"),
        DOMAIN_ERROR,
        ("2026-09-30",),
        id="grant-to-before-from",
    ),
    pytest.param(
        ("grant", "add", "2026-0001", "BL 20", "--from", "2027-06-01"),
        DOMAIN_ERROR,
        ("2027-06-01", "more than 3 months after today", "2027-02-22"),
        id="grant-from-beyond-3-months",
    ),
    pytest.param(
        ("grant", "add", "2026-0001", "SEL 41", "--from", "2026-07-01"),
        DOMAIN_ERROR,
        ("SEL 41", "BL 86", "2024-01-01"),
        id="grant-sel-beside-its-bl-counterpart",
    ),
    pytest.param(
        (*OPEN_0003, "--opened", "2026-06-01", "--para", "BL 86", "--para", "SEL 41"),
        DOMAIN_ERROR,
        ("SEL 41", "BL 86", "2024-01-01"),
        id="open-sel-beside-its-bl-counterpart",
    ),
    # -- mutually exclusive options ----------------------------------------------------------------
    pytest.param(
        (*OPEN_0003, "--cpr", CPR_CHILD, "--born", "2015-03-15"),
        USAGE_ERROR,
        ("--cpr", "--born"),
        id="cpr-and-born",
    ),
    # -- bad choice values ---------------------------------------------------------------------
    pytest.param(("overdue", "--format", "xml"), USAGE_ERROR, ("xml",), id="format-xml-overdue"),
    pytest.param(("case", "list", "-f", "yaml"), USAGE_ERROR, ("yaml",), id="format-yaml-case-list"),
    pytest.param(("case", "show", "2026-0001", "--format", "pdf"), USAGE_ERROR, ("pdf",), id="format-pdf-case-show"),
    pytest.param(("case", "list", "--track", "12w"), USAGE_ERROR, ("12w",), id="track-choice"),
    pytest.param(("case", "list", "--status", "pending"), USAGE_ERROR, ("pending",), id="status-choice"),
    pytest.param(("paragraphs", "--law", "ABL"), USAGE_ERROR, ("ABL",), id="law-choice"),
    pytest.param(("due", "--within", "soon"), USAGE_ERROR, ("soon",), id="due-within-not-a-number"),
    # -- unknown command / option --------------------------------------------------------------
    pytest.param(("bogus",), USAGE_ERROR, ("bogus",), id="unknown-command"),
    pytest.param(("case", "frob", "2026-0001"), USAGE_ERROR, ("frob",), id="unknown-subcommand"),
    pytest.param(("overdue", "--bogus"), USAGE_ERROR, ("--bogus",), id="unknown-option"),
    pytest.param(("case", "show"), USAGE_ERROR, ("REF",), id="missing-argument"),
    pytest.param(("advisor", "add", "XYZ"), USAGE_ERROR, ("--name",), id="missing-required-option"),
]


@pytest.mark.parametrize(("argv", "exit_code", "names"), ERRORS)
def test_error_is_one_line_and_changes_nothing(world, argv, exit_code, names):
    before = world.snapshot()
    result = world(*argv)
    assert_error(result, exit_code, *names)
    assert world.snapshot() == before


@pytest.mark.parametrize(
    ("argv", "env"),
    [
        pytest.param(("--today", "2026-13-01", "overdue"), {}, id="today-month-13"),
        pytest.param(("--today", "2026-02-30", "case", "list"), {}, id="today-30-feb"),
        pytest.param(("--today", "22/11/2026", "overdue"), {}, id="today-slashes"),
        pytest.param(("overdue",), {"SAMFAM_TODAY": "2026-13-01"}, id="env-SAMFAM_TODAY-month-13"),
    ],
)
def test_bad_today_is_a_usage_error(world, argv, env):
    """--today is a global option: the fixture fixes it, so these invoke the app directly."""
    before = world.snapshot()
    result = world.runner.invoke(app, ["--db", str(world.db), *argv], env=env)
    bad = argv[1] if argv[0] == "--today" else env["SAMFAM_TODAY"]
    assert_error(result, USAGE_ERROR, bad)
    assert world.snapshot() == before


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(("case", "list"), id="case-list"),
        pytest.param(("overdue",), id="overdue"),
        pytest.param(("case", "show", "2026-0001"), id="case-show"),
        pytest.param(("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen"), id="advisor-add"),
        pytest.param(
            ("case", "open", "2026-0001", "--child", "Bo Ørsted", "--advisor", "MKJ", "--para", "BL 86"),
            id="case-open",
        ),
    ],
)
def test_missing_database_says_run_init_and_is_not_created(samfam, tmp_path, argv):
    missing = tmp_path / "elsewhere" / "missing.db"
    other = type(samfam)(missing)
    result = other(*argv)
    line = assert_error(result, DOMAIN_ERROR, "samfam init")
    assert str(missing) in line
    assert not missing.exists()
    assert not missing.parent.exists()


# -- CPR numbers --------------------------------------------------------------------------------


def test_cpr_error_never_prints_the_number_in_full(world):
    result = world("case", "open", "2026-0003", "--child", "Bo Ørsted", "--advisor", "MKJ", "--cpr", CPR_IMPOSSIBLE)
    assert_error(result, DOMAIN_ERROR, "310299")
    assert CPR_IMPOSSIBLE not in result.stderr
    assert CPR_IMPOSSIBLE.replace("-", "") not in result.stderr


def test_both_cpr_and_born_does_not_print_the_cpr(world):
    result = world(*OPEN_0003, "--cpr", CPR_CHILD, "--born", "2015-03-15")
    assert_error(result, USAGE_ERROR, "--cpr", "--born")
    assert CPR_CHILD not in result.stderr
    assert CPR_CHILD.replace("-", "") not in result.stderr


def _full_forms(number: str) -> tuple[str, str]:
    return number, number.replace("-", "")


def test_case_show_masks_cpr_everywhere(team):
    opened = team.ok("case", "open", "2026-0010", "--child", "Åse Ørum", "--advisor", "MKJ", "--cpr", CPR_CHILD,
                     "--opened", "2026-06-01", "--para", "BL 86")  # fmt: skip
    outputs = {"case open": opened.stdout}
    for fmt in ("table", "json", "csv"):
        result = team("case", "show", "2026-0010", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert "150315-XXXX" in result.stdout, fmt
        outputs[f"case show {fmt}"] = result.stdout + result.stderr
    for argv in (
        ("case", "list", "-f", "json"),
        ("case", "list", "-f", "csv"),
        ("case", "list", "--status", "all"),
        ("explain", "2026-0010", "-f", "json"),
        ("overdue", "-f", "json"),
        ("due", "-f", "json"),
        ("audit", "-f", "json"),
        ("audit", "-f", "csv"),
        ("audit",),
    ):
        result = team(*argv)
        assert result.exit_code == 0, (argv, result.stderr)
        outputs[" ".join(argv)] = result.stdout + result.stderr
    for where, text in outputs.items():
        for full in _full_forms(CPR_CHILD):
            assert full not in text, f"full CPR in {where}"
    card = team.ok("case", "show", "2026-0010", "-f", "json").json()
    assert card["born"] == "2015-03-15"


def test_reveal_cpr_shows_it_and_is_audited(team):
    team.ok("case", "open", "2026-0010", "--child", "Åse Ørum", "--advisor", "MKJ", "--cpr", CPR_CHILD,
            "--opened", "2026-06-01", "--para", "BL 86")  # fmt: skip

    team.ok("case", "show", "2026-0010", user="MKJ")
    plain = team.ok("audit", "--case", "2026-0010", "-f", "json").json()
    assert plain[0]["action"] == "case.show"
    assert plain[0]["user"] == "MKJ"
    assert not any(e["action"] == "case.show.reveal-cpr" for e in plain)

    shown = team("case", "show", "2026-0010", "--reveal-cpr", "-f", "json", user="LBH")
    assert shown.exit_code == 0, shown.stderr
    assert CPR_CHILD in shown.stdout
    table = team.ok("case", "show", "2026-0010", "--reveal-cpr", user="LBH")
    assert CPR_CHILD in table.stdout

    entries = team.ok("audit", "--case", "2026-0010", "-f", "json").json()
    reveals = [e for e in entries if e["action"] == "case.show.reveal-cpr"]
    assert len(reveals) == 2
    assert {(e["user"], e["case"]) for e in reveals} == {("LBH", "2026-0010")}
    assert entries[0]["action"] == "case.show.reveal-cpr"  # newest first
    # The audit log records that the number was revealed, not the number itself.
    for full in _full_forms(CPR_CHILD):
        assert full not in team.ok("audit", "-f", "json").stdout


def test_cpr_without_modulus_11_is_accepted(team):
    # Both numbers: born 2015-03-15 (7th digit 4, year 15 -> 2000-2036 by the century rule).
    assert stdnum_cpr.checksum(CPR_CHILD.replace("-", "")) == 0  # passes modulus 11
    assert stdnum_cpr.checksum(CPR_CHILD_NO_MOD11.replace("-", "")) != 0  # fails modulus 11: still valid
    assert stdnum_cpr.get_birth_date(CPR_CHILD_NO_MOD11.replace("-", "")) == date(2015, 3, 15)
    for ref, number in (("2026-0010", CPR_CHILD), ("2026-0011", CPR_CHILD_NO_MOD11)):
        result = team("case", "open", ref, "--child", "Bo Ørsted", "--advisor", "MKJ", "--cpr", number,
                      "--opened", "2026-06-01")  # fmt: skip
        assert result.exit_code == 0, result.stderr
        card = team.ok("case", "show", ref, "-f", "json").json()
        assert card["born"] == "2015-03-15"
        assert number in team.ok("case", "show", ref, "--reveal-cpr", "-f", "json").stdout


def test_an_unknown_advisor_names_at_most_twenty_of_the_known_ones(samfam):
    for n in range(25):
        samfam.ok("advisor", "add", f"A{n:02d}", "--name", f"Rådgiver {n}")
    line = samfam("case", "list", "--advisor", "ZZZ").stderr
    assert "A00, A01" in line and "A19" in line and "A20" not in line
    assert "(25 in all; see 'samfam advisor list')" in line


# -- the database URL ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["mysql://u@h/x", "mssql+pyodbc://u:pw@h/x", "oracle://h/x"])
def test_a_database_samfam_does_not_work_with_is_a_usage_error_naming_the_two_it_does(samfam, url):
    """Defect: `--db mysql://u@h/x` said "No module named 'MySQLdb'"."""
    line = assert_refused(samfam, ["--db", url, "case", "list"], USAGE_ERROR, "SQLite", "PostgreSQL", "--db")
    assert "No module" not in line and "pw" not in line


def test_a_url_without_a_password_is_shown_as_it_is(samfam):
    """Defect: a URL without a password was shown with `***` as if it had one."""
    line = assert_refused(samfam, ["--db", "postgresql+psycopg://anna@127.0.0.1:1/samfam", "case", "list"],
                          DOMAIN_ERROR, "'postgresql+psycopg://anna@127.0.0.1:1/samfam'")  # fmt: skip
    assert "***" not in line


def test_a_password_in_the_url_is_never_shown(samfam):
    line = assert_refused(samfam, ["--db", "postgresql+psycopg://anna:hemmelig@127.0.0.1:1/samfam", "case", "list"],
                          DOMAIN_ERROR, "'postgresql+psycopg://anna:***@127.0.0.1:1/samfam'")  # fmt: skip
    assert "hemmelig" not in line


def test_a_postgresql_driver_that_is_not_installed_names_the_one_samfam_uses(samfam):
    line = assert_refused(samfam, ["--db", "postgresql+pg8000://anna@127.0.0.1/samfam", "case", "list"],
                          DOMAIN_ERROR, "pg8000", "postgresql+psycopg://")  # fmt: skip
    assert "No module" not in line
