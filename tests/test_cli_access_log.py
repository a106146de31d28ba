"""Every command that shows a child's data logs the look-up once it has succeeded: who, when, which
command, why (the purpose) and which cases (docs/privacy.md § 1)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import Samfam
from support import ME, OTHER, REF, USAGE_ERROR, assert_error, assert_ok

CASEWORK = "sagsbehandling"
MANAGEMENT = "ledelsesinformation"


def _log(s) -> list[sqlite3.Row]:
    with sqlite3.connect(s.db) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()


@pytest.fixture(scope="module")
def _two_cases_db(tmp_path_factory, migrated_db) -> Path:
    """Built once for the module, copied for each test (see `two_cases`)."""
    path = tmp_path_factory.mktemp("access-log") / "samfam.db"
    shutil.copy2(migrated_db, path)
    s = Samfam(path)
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("advisor", "add", "LBH", "--name", "Lars Bøgh Hansen", "--team", "Nord")
    s.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01",
         "--born", "2015-03-01", "--para", "BL 86")  # fmt: skip
    s.ok("case", "open", OTHER, "--child", "Alma Holm", "--advisor", "LBH", "--opened", "2026-05-01",
         "--born", "2016-04-01", "--para", "BL 32.1.7")  # fmt: skip
    s.ok("event", "add", REF, "followup", "--on", "2026-11-20")
    s.ok("goal", "add", REF, "Alma sover i egen seng", "--horizon", "short", "--owner", "family")
    s.ok("actor", "add", REF, "school", "--name", "Skovskolen", "--coordinator", "advisor")
    s.ok("handover", "start", REF, "new-professional", "--note", "Ny talepædagog")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def two_cases(_two_cases_db, tmp_path) -> Samfam:
    """2026-0101 (MKJ, BL 86, followed up 2026-11-20: due 2027-02-20; a goal, an actor, a handover) and
    2026-0102 (LBH, BL 32.1.7 since 2026-05-01, never followed up: due 2026-06-12, overdue)."""
    target = tmp_path / "samfam.db"
    shutil.copy2(_two_cases_db, target)
    return Samfam(target)


#: (the command, its action in the log, its default purpose, the cases it must record)
READS = [
    (("case", "show", REF), "case.show", CASEWORK, {REF}),
    (("case", "show", REF, "--reveal-cpr"), "case.show.reveal-cpr", CASEWORK, {REF}),
    (("case", "list"), "case.list", CASEWORK, {REF, OTHER}),
    (("case", "list", "--advisor", "LBH"), "case.list", CASEWORK, {OTHER}),
    (("overdue",), "overdue", CASEWORK, {OTHER}),
    (("due", "--within", "365"), "due", CASEWORK, {REF}),
    (("explain", REF), "explain", CASEWORK, {REF}),
    (("deadlines", "--within", "36500"), "deadlines", CASEWORK, {REF, OTHER}),
    (("goals", REF), "goals", CASEWORK, {REF}),
    (("goals",), "goals", CASEWORK, {REF}),
    (("event", "list", REF), "event.list", CASEWORK, {REF}),
    (("actor", "list", REF), "actor.list", CASEWORK, {REF}),
    (("handover", "show", REF), "handover.show", CASEWORK, {REF}),
    (("report", "weekly", "-f", "json"), "report.weekly", MANAGEMENT, {REF, OTHER}),
    (("plan", REF), "plan", CASEWORK, {REF}),
    (("access", REF, "-f", "json"), "access", "indsigt", {REF}),
    (("audit", "--case", REF), "audit", "logkontrol", {REF}),
    (("dag", "--advisor", "MKJ"), "dag", CASEWORK, {REF}),
    (("dag", "--team", "Nord"), "dag", CASEWORK, {REF, OTHER}),
]


#: Each read in each format it takes (`plan` and `access` have their own; a command given -f runs as given).
READS_BY_FORMAT = [
    pytest.param(argv, action, purpose, cases, fmt, id=f"{' '.join(argv)} [{fmt}]")
    for argv, action, purpose, cases in READS
    for fmt in (("table",) if "-f" in argv or argv[0] in ("plan", "access") else ("table", "json", "csv"))
]


@pytest.mark.parametrize(("argv", "action", "purpose", "cases", "fmt"), READS_BY_FORMAT)
def test_every_read_of_a_childs_data_is_logged(two_cases, argv, action, purpose, cases, fmt):
    before = len(_log(two_cases))
    result = two_cases(*argv, *(("-f", fmt) if fmt != "table" else ()))
    assert_ok(result)
    new = _log(two_cases)[before:]
    assert len(new) == 1, [dict(r) for r in new]
    row = new[0]
    assert (row["kind"], row["action"], row["purpose"], row["user"]) == ("read", action, purpose, ME)
    assert set((row["cases"] or "").split()) | ({row["case_ref"]} - {None}) >= cases
    assert set((row["cases"] or "").split()) <= {REF, OTHER}


@pytest.mark.parametrize(
    "argv",
    [
        ("paragraphs",),
        ("advisor", "list"),
        ("caseload",),
        ("enrolment",),
        ("event", "kinds"),
        ("team", "meeting", "list"),
        ("learning-goal", "list"),
        ("audit", "verify"),
        ("check",),
    ],
    ids=lambda a: " ".join(a),
)
def test_commands_that_show_no_childs_data_log_nothing(two_cases, argv):
    before = _log(two_cases)
    assert_ok(two_cases(*argv))
    assert _log(two_cases) == before


def test_the_purpose_comes_from_the_option_or_the_environment(two_cases):
    two_cases.ok("--purpose", "Klage over afgørelse", "case", "show", REF)
    assert _log(two_cases)[-1]["purpose"] == "Klage over afgørelse"
    two_cases.ok("case", "show", REF, env={"SAMFAM_PURPOSE": "Tilsyn"})
    assert _log(two_cases)[-1]["purpose"] == "Tilsyn"
    two_cases.ok("--purpose", "Børnesamtale", "case", "show", REF, env={"SAMFAM_PURPOSE": "Tilsyn"})
    assert _log(two_cases)[-1]["purpose"] == "Børnesamtale"  # the option wins


@pytest.mark.parametrize("purpose", ["", "   ", "x" * 201])
def test_a_blank_or_overlong_purpose_is_a_usage_error(two_cases, purpose):
    before = two_cases.snapshot()
    result = two_cases("--purpose", purpose, "case", "show", REF)
    assert_error(result, USAGE_ERROR, "--purpose")
    assert two_cases.snapshot() == before


def test_a_failed_read_logs_nothing(two_cases, tmp_path):
    before = _log(two_cases)
    assert two_cases("case", "show", "2026-9999").exit_code == 1
    assert two_cases("plan", REF, "--output", str(tmp_path / "missing" / "plan.md")).exit_code == 1
    assert two_cases("report", "weekly", "--output", str(tmp_path)).exit_code == 1
    assert _log(two_cases) == before


def test_writes_are_logged_as_writes_without_a_purpose(two_cases):
    two_cases.ok("event", "add", REF, "followup", "--on", "2026-11-20")
    row = _log(two_cases)[-1]
    assert (row["kind"], row["action"], row["case_ref"], row["purpose"]) == ("write", "event.add", REF, None)


def test_audit_filters_by_kind_action_and_days(two_cases):
    two_cases.ok("case", "list")
    two_cases.ok("case", "show", REF)
    two_cases.ok("goals", REF)
    reads = two_cases.ok("audit", "--kind", "read", "--limit", "0", "-f", "json").json()
    assert reads and {r["kind"] for r in reads} == {"read"}
    writes = two_cases.ok("audit", "--kind", "write", "--limit", "0", "-f", "json").json()
    assert writes and {r["kind"] for r in writes} == {"write"}
    family = two_cases.ok("audit", "--action", "case", "--limit", "0", "-f", "json").json()
    assert {r["action"] for r in family} >= {"case.open", "case.show"}
    assert all(r["action"] == "case" or r["action"].startswith("case.") for r in family)
    exact = two_cases.ok("audit", "--action", "case.show", "-f", "json").json()
    assert {r["action"] for r in exact} == {"case.show"}
    shown = two_cases.ok("audit", "--case", OTHER, "--limit", "0", "-f", "json").json()
    assert any(r["action"] == "case.list" and OTHER in r["cases"] for r in shown)  # a listing that showed it
    assert all(OTHER in r["cases"] for r in shown)
    # The entries are stamped in UTC with the real clock: today's UTC day holds them all, a day long ago none.
    from datetime import UTC, datetime

    day = datetime.now(UTC).date().isoformat()
    assert two_cases.ok("audit", "--from", day, "--to", day, "-f", "json").json()
    assert two_cases.ok("audit", "--to", "2001-01-01", "-f", "json").json() == []


def test_audit_refuses_from_after_to(two_cases):
    result = two_cases("audit", "--from", "2026-11-02", "--to", "2026-11-01")
    assert_error(result, 1, "--from 2026-11-02", "--to 2026-11-01")


def test_a_read_whose_reader_stops_early_is_still_logged(two_cases):
    """`samfam … | head`: the reader closes the pipe after the first bytes; the data it got was shown."""
    import subprocess
    import sys

    for n in range(40):
        two_cases.ok("event", "add", REF, "phone", "--on", "2026-11-20", "--note", f"Opkald {n} " + "x" * 1900)
    before = len(_log(two_cases))
    # The table is written a line at a time: the first lines reach `head`, the next find the pipe closed.
    command = f"{sys.executable} -m samfam --db {two_cases.db} --today 2026-11-22 event list {REF} | head -c 10"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert len(result.stdout) == 10 and "Traceback" not in result.stderr
    new = _log(two_cases)[before:]
    assert [(r["kind"], r["action"], r["cases"]) for r in new] == [("read", "event.list", REF)]
