"""Subject access, retention, backup, the health check and pseudonymised reports (docs/privacy.md)."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
from datetime import date

import pytest

from conftest import Samfam, _built, _restore, add_team, opener
from support import DOMAIN_ERROR, OTHER, REF, USAGE_ERROR, assert_error, assert_refused, parse_csv

CPR = "010315-4321"  # made up: born 1 March 2015 (the 7th digit 4 with year 15: 2015)


def _child(s: Samfam) -> None:
    opener(s)(REF, "BL 86", opened="2026-06-01", cpr=CPR)
    opener(s)(OTHER, "BL 30", advisor="LBH", opened="2026-06-01", born="2016-04-01")
    s.ok("event", "add", REF, "followup", "--on", "2026-09-01", "--note", "Mor fortalte om søvn")
    s.ok("goal", "add", REF, "Alma sover i egen seng", "--horizon", "short", "--owner", "family")
    s.ok("case", "show", REF, user="MKJ")
    s.ok("--purpose", "Klagesag", "goals", REF, user="LBH")
    s.ok("case", "show", OTHER)


@pytest.fixture(scope="module")
def _child_db(tmp_path_factory, migrated_db):
    return _built(tmp_path_factory, migrated_db, "child", add_team, _child)


@pytest.fixture
def child(team, _child_db):
    """2026-0101 for Alma Holm (CPR 010315-4321, MKJ, BL 86), looked at and changed; 2026-0102 another child
    (built once for the module, copied for each test)."""
    return _restore(team, _child_db)


def _log(s: Samfam) -> list[tuple]:
    return s.rows("audit_log")


# -- subject access --------------------------------------------------------------------------------


def test_access_gives_every_look_up_and_change_of_one_child_with_date_and_purpose(child):
    data = child.ok("access", REF, "-f", "json").json()
    assert data["cases"] == [REF] and data["child"] == "Alma Holm" and data["cpr"] == "010315-XXXX"
    kinds = [(e["kind"], e["action"], e["purpose"]) for e in data["entries"]]
    assert ("write", "case.open", None) in kinds and ("write", "event.add", None) in kinds
    assert ("read", "case.show", "sagsbehandling") in kinds and ("read", "goals", "Klagesag") in kinds
    assert all(e["case"] == REF for e in data["entries"])
    assert all("user" not in e for e in data["entries"])  # staff identities left out by default
    assert not any(OTHER in json.dumps(e) for e in data["entries"])  # the other child's look-up is not theirs
    assert (data["reads"], data["writes"]) == (2, 3)
    assert data["held"]["events"] == 1 and data["held"]["goals"] == 1 and "CPR-nummer" in data["held"]["fields"]
    assert data["retention"] == {"years": 5, "audit_months": 13, "closed": None, "kept_until": None}


def test_access_by_cpr_and_with_staff(child):
    by_cpr = child.ok("access", "--cpr", "0103154321", "-f", "json", "--with-staff").json()
    assert by_cpr["cases"] == [REF]
    users = {(e["action"], e["user"]) for e in by_cpr["entries"]}
    assert ("case.show", "MKJ") in users and ("goals", "LBH") in users


def test_access_as_csv_for_a_spreadsheet(child):
    header, *rows = parse_csv(child.ok("access", REF, "-f", "csv").stdout)
    assert header == ["at", "kind", "action", "purpose", "case"]
    assert ["read", "goals", "Klagesag", REF] in [r[1:] for r in rows]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_access_letter_in_danish_says_what_is_held_and_for_how_long(child, fmt):
    child.ok("case", "close", REF, "--reason", "Familien fraflyttet", "--on", "2026-11-20", "--force", "Test")
    text = child.ok("access", REF, "-f", fmt).stdout
    assert "Indsigt i logningen af oplysninger om Alma Holm" in text
    assert "artikel 15" in text and "Klagesag" in text and "Sagen blev læst" in text
    assert "gemmes i 5 år" in text and "20. november 2031" in text  # closed 2026-11-20 + 5 years
    assert "13 måneder" in text
    assert "MKJ" not in text and "LBH" not in text  # no staff unless asked
    assert "4321" not in text  # never the CPR number


def test_access_letter_is_dated_by_the_real_clock_as_its_entries_are(child):
    """The letter says the day it was made; its entries carry the real moment each was logged (the audit
    log's clock, never --today), so a --today in the past would date the letter before the entries it lists."""
    from samfam.documents.text import danish_date
    from samfam.settings import today_in_copenhagen

    data = child.ok("access", REF, "-f", "json", today=date(2026, 11, 22)).json()
    made = today_in_copenhagen()
    assert max(e["at"][:10] for e in data["entries"]) <= made.isoformat()  # UTC days: never after today here
    assert data["made"] == made.isoformat()
    text = child.ok("access", REF, "-f", "markdown", today=date(2026, 11, 22)).stdout
    assert f"er dannet {danish_date(made)}." in text


def test_access_letter_escapes_what_was_typed(team, open_case):
    open_case(REF, "BL 86", child="<b>Ida</b> | [red]x[/red] *y*")
    html = team.ok("access", REF, "-f", "html").stdout
    assert "<b>Ida</b>" not in html and "&lt;b&gt;Ida&lt;/b&gt;" in html
    md = team.ok("access", REF, "-f", "markdown").stdout
    assert "\\*y\\*" in md and "\\|" in md


def test_access_writes_its_file_private_and_is_logged(child, tmp_path):
    target = tmp_path / "indsigt.html"
    child.ok("access", REF, "-f", "html", "--output", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    last = child.ok("audit", "--action", "access", "-f", "json").json()[0]
    assert (last["kind"], last["purpose"], last["cases"]) == ("read", "indsigt", [REF])


@pytest.mark.parametrize(
    ("argv", "code", "names"),
    [
        (("access",), USAGE_ERROR, ("REF", "--cpr")),
        (("access", REF, "--cpr", CPR), USAGE_ERROR, ("REF", "--cpr")),
        (("access", "2026-9999"), DOMAIN_ERROR, ("2026-9999",)),
        (("access", "--cpr", "010315-1111"), DOMAIN_ERROR, ("010315-XXXX",)),
        (("access", "--cpr", "123"), DOMAIN_ERROR, ("CPR",)),
    ],
)
def test_access_refuses_what_names_no_child(child, argv, code, names):
    line = assert_refused(child, list(argv), code, *names)
    assert "1111" not in line


# -- retention ------------------------------------------------------------------------------------


@pytest.fixture
def closed_long_ago(child):
    """2026-0101 closed 2026-11-20 (kept to 2031-11-20); a team leader TL to approve."""
    child.ok("handover", "start", REF, "closure")
    child.ok("case", "close", REF, "--reason", "Familien fraflyttet", "--on", "2026-11-20", "--force", "Test")
    child.ok("advisor", "add", "TL", "--name", "Tove Lund", "--role", "teamleder", "--team", "Nord")
    return child


LATER = "2031-11-21"  # the day after the last day kept


def test_retention_lists_only_cases_past_their_retention_and_changes_nothing(closed_long_ago):
    s = closed_long_ago
    assert s.ok("retention", "-f", "json", today=__import__("datetime").date(2031, 11, 20)).json()["cases"] == []
    before = {k: v for k, v in s.snapshot().items() if k != "audit_log"}
    log_before = _log(s)
    plan = s.ok("retention", "-f", "json", today=_d(LATER)).json()
    assert [c["case"] for c in plan["cases"]] == [REF]
    row = plan["cases"][0]
    assert (row["closed"], row["kept_until"], row["events"], row["goal"]) == ("2026-11-20", "2031-11-20", 1, 1)
    assert row["archive"].endswith(f"{REF}-1.json")  # the reference and the case id: never shared
    assert plan["audit"]["rows"] == len(log_before)  # every row is older than 13 months by then
    assert {k: v for k, v in s.snapshot().items() if k != "audit_log"} == before
    new = _log(s)[len(log_before) :]
    assert [r[3] for r in new] == ["retention"]  # only its own look-up is logged
    table = s.ok("retention", today=_d(LATER))
    assert REF in table.stdout and "A dry run: nothing was changed" in table.stderr


def _d(text):
    from datetime import date

    return date.fromisoformat(text)


def _two_people(s: Samfam, *propose: str) -> str:
    """The OS login (the file's administrator) proposes, TL (Nord's team leader) approves: the proposal's id."""
    made = s.ok("retention", "--propose", *propose, real_clock=True)
    proposal = made.stdout.split()[2].rstrip(":")
    assert made.stdout.startswith(f"Retention proposal {proposal}: ") and "--approve" in made.stdout
    s.ok("retention", "--approve", proposal, user="TL", real_clock=True)
    return proposal


def test_retention_applied_archives_then_anonymises_and_the_chain_still_verifies(closed_long_ago, tmp_path, clock):
    s = closed_long_ago
    clock(LATER)  # the real clock, five years on: retention never takes --today
    archive = tmp_path / "arkiv"
    events_before = s.rows("events")
    proposal = _two_people(s)
    result = s("retention", "--apply", proposal, "--archive", str(archive), real_clock=True)
    assert result.exit_code == 0, result.stderr
    assert "Archived and anonymised 1 closed cases" in result.stdout
    # The archive first: the whole record, private.
    saved = json.loads((archive / f"{REF}-1.json").read_text())
    assert saved["case"] == REF and saved["approved_by"] == "TL" and saved["archived"] == LATER
    assert saved["proposed_by"] == s.ok("audit", "--action", "retention.propose", "-f", "json").json()[0]["user"]
    assert saved["record"]["cases"][0]["child_name"] == "Alma Holm"
    assert saved["record"]["events"][0]["note"] == "Mor fortalte om søvn"
    assert stat.S_IMODE((archive / f"{REF}-1.json").stat().st_mode) == 0o600
    assert stat.S_IMODE(archive.stat().st_mode) == 0o700
    # Then the case holds no personal data, but its counts remain.
    with sqlite3.connect(s.db) as conn:
        ref, name, cpr, born = conn.execute("SELECT ref, child_name, cpr, born FROM cases WHERE id = 1").fetchone()
        notes = conn.execute("SELECT note FROM events WHERE case_id = 1").fetchall()
        goals = conn.execute("SELECT text FROM goal WHERE case_id = 1").fetchall()
        texts = json.dumps(conn.execute("SELECT * FROM cases WHERE id = 1").fetchall())
    assert (ref, name, cpr, born) == ("slettet-1", "(slettet)", None, "2015-03-01")
    assert notes == [(None,)] and goals == [("(slettet)",)]
    assert "Alma" not in texts and "4321" not in texts
    assert len(s.rows("events")) == len(events_before)
    # The other case is untouched; the audit log kept that it happened and still verifies.
    assert s.ok("case", "show", OTHER, "-f", "json", today=_d(LATER)).json()["child"] == "Alma Holm"
    entries = s.ok("audit", "--limit", "0", "-f", "json", today=_d(LATER)).json()
    actions = [e["action"] for e in entries]
    assert "retention.apply" in actions and "audit.prune" in actions and "case.open" not in actions
    assert "retention.approve" in actions  # the approval is newer than the audit period: kept
    assert s.ok("audit", "verify", today=_d(LATER)).stdout.startswith("The audit log is intact")
    pruned = json.loads(next(archive.glob("audit-before-*.json")).read_text())
    assert any(r["action"] == "case.open" for r in pruned["rows"])
    # The setting is kept; a second run finds nothing left to do, and the proposal is applied once.
    again = s.ok("retention", "-f", "json", today=_d(LATER)).json()
    assert again["cases"] == [] and again["years"] == 5
    twice = ["retention", "--apply", proposal, "--archive", str(tmp_path / "again")]
    assert_refused(s, twice, DOMAIN_ERROR, f"proposal {proposal} was applied already", real_clock=True)


def test_retention_years_are_the_municipalitys_setting(closed_long_ago, tmp_path, clock):
    s = closed_long_ago
    assert s.ok("retention", "--years", "1", "-f", "json", today=_d("2027-11-21")).json()["cases"][0]["case"] == REF
    assert s.ok("retention", "-f", "json", today=_d("2027-11-21")).json()["cases"] == []  # not stored by a dry run
    clock("2027-11-21")
    proposal = _two_people(s, "--years", "1")
    s.ok("retention", "--apply", proposal, "--archive", str(tmp_path), real_clock=True)
    assert s.ok("retention", "-f", "json", today=_d("2027-11-21")).json()["years"] == 1


@pytest.mark.parametrize(
    ("argv", "code", "names"),
    [
        (("retention", "--apply", "1", "--approved-by", "TL"), USAGE_ERROR, ("--approved-by is gone", "--propose",
                                                                            "--approve")),
        (("retention", "--approved-by", "TL"), USAGE_ERROR, ("--approved-by is gone",)),
        (("retention", "--apply", "--approved-by", "TL"), USAGE_ERROR, ("--approved-by is gone", "--propose")),
        (("retention", "--apply"), USAGE_ERROR, ("--apply",)),
        (("retention", "--propose", "--approve", "1"), USAGE_ERROR, ("--propose and --approve",)),
        (("retention", "--approve", "1", "--years", "3"), USAGE_ERROR, ("--approve takes the periods",)),
        (("retention", "--years", "0"), USAGE_ERROR, ("--years",)),
        (("retention", "--apply", "9"), DOMAIN_ERROR, ("no retention proposal 9",)),
        (("retention", "--approve", "9"), DOMAIN_ERROR, ("no retention proposal 9",)),
    ],
)  # fmt: skip
def test_retention_refuses_what_is_not_two_peoples_decision(closed_long_ago, argv, code, names, tmp_path):
    archive = ["--archive", str(tmp_path / "a")] if "--apply" in argv else []
    assert_refused(closed_long_ago, [*argv, *archive], code, *names, real_clock=True)
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("env", [False, True], ids=["--today", "SAMFAM_TODAY"])
@pytest.mark.parametrize("step", [["--propose"], ["--approve", "1"], ["--apply", "1"]], ids=" ".join)
def test_retention_takes_the_real_clock_never_a_fixed_day(closed_long_ago, step, env):
    s = closed_long_ago
    s.ok("retention", "--propose", real_clock=True)
    argv = ["retention", *step]
    before = s.snapshot()
    if env:
        result = s(*argv, real_clock=True, env={"SAMFAM_TODAY": LATER})
    else:
        result = s(*argv, today=_d(LATER))
    assert_error(result, USAGE_ERROR, f"retention {step[0]} uses the real clock", "--today")
    assert s.snapshot() == before
    assert s.ok("retention", "-f", "json", today=_d(LATER)).json()["cases"][0]["case"] == REF  # a dry run may


def test_retention_takes_two_people(closed_long_ago, tmp_path):
    s = closed_long_ago
    s.ok("advisor", "add", "SL", "--name", "Sune Lind", "--team", "Syd", "--role", "teamleder")
    assert_refused(s, ["retention", "--propose"], DOMAIN_ERROR, "only a team leader", user="MKJ", real_clock=True)
    s.ok("retention", "--propose", user="TL", real_clock=True)
    assert_refused(s, ["retention", "--approve", "1"], DOMAIN_ERROR, "TL proposed it", "two people", user="TL",
                   real_clock=True)  # fmt: skip
    assert_refused(s, ["retention", "--approve", "1"], DOMAIN_ERROR, "only a team leader", user="MKJ", real_clock=True)
    assert_refused(s, ["retention", "--apply", "1"], DOMAIN_ERROR, "is not approved yet", real_clock=True)
    s.ok("retention", "--approve", "1", user="SL", real_clock=True)  # another team's leader
    assert_refused(s, ["retention", "--approve", "1"], DOMAIN_ERROR, "approved already, by SL", real_clock=True)
    archive = str(tmp_path / "a")
    assert_refused(s, ["retention", "--apply", "1", "--archive", archive], DOMAIN_ERROR,
                   "retention.apply: only the administrator may", user="SL", real_clock=True)  # fmt: skip
    s.ok("retention", "--apply", "1", "--archive", archive, real_clock=True)  # the file's owner
    logged = {e["action"]: e for e in s.ok("audit", "--action", "retention", "-f", "json").json()}
    assert logged["retention.propose"]["user"] == "TL" and logged["retention.approve"]["user"] == "SL"
    assert "proposal 1 by TL" in logged["retention.approve"]["detail"]


def test_the_owner_of_one_persons_file_approves_their_own_proposal(closed_long_ago):
    """On SQLite the file's owner is its one person: a second identity would be the same person (docs/privacy.md)."""
    s = closed_long_ago
    s.ok("retention", "--propose", real_clock=True)
    s.ok("retention", "--approve", "1", real_clock=True)
    [approval] = s.ok("audit", "--action", "retention.approve", "-f", "json").json()
    assert "the proposer: one person's SQLite file" in approval["detail"]


# -- backup and check ------------------------------------------------------------------------------


def test_backup_is_a_private_checked_copy(child, tmp_path):
    target = tmp_path / "copy.db"
    result = child.ok("backup", str(target))
    assert "integrity ok" in result.stdout and "audit chain" in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = Samfam(target)
    assert copy.ok("case", "show", REF, "-f", "json").json()["child"] == "Alma Holm"
    assert copy.ok("audit", "verify").exit_code == 0
    last = child.ok("audit", "--action", "backup", "-f", "json").json()[0]
    assert (last["kind"], last["purpose"]) == ("read", "sikkerhedskopi") and set(last["cases"]) == {REF, OTHER}


def test_backup_refuses_an_existing_file(child, tmp_path):
    target = tmp_path / "exists.db"
    target.write_text("keep me")
    assert_refused(child, ["backup", str(target)], DOMAIN_ERROR, str(target), "exists")
    assert target.read_text() == "keep me"


def test_backup_while_others_write_is_consistent(child, tmp_path):
    """Another process keeps adding events while the copies are taken: each copy is a consistent moment."""
    script = (
        "import sys\nfrom samfam.cli.app import app\n"
        "for i in range(60):\n"
        f"    app(['--db', {str(child.db)!r}, '--today', '2026-11-22', 'event', 'add', {OTHER!r}, "
        "'phone', '--on', '2026-11-20'], standalone_mode=False)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for n in range(3):
            child.ok("backup", str(tmp_path / f"b{n}.db"))
    finally:
        _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    for n in range(3):
        with sqlite3.connect(tmp_path / f"b{n}.db") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert Samfam(tmp_path / f"b{n}.db").ok("audit", "verify").exit_code == 0
    assert len(child.rows("events")) == 1 + 60


@pytest.mark.postgres
def test_backup_on_postgresql_says_to_use_pg_dump(pg_url, tmp_path):
    s = Samfam(pg_url)  # type: ignore[arg-type]
    s.ok("init")
    assert_error(s("backup", str(tmp_path / "x.db")), DOMAIN_ERROR, "pg_dump")
    assert not (tmp_path / "x.db").exists()


def test_check_says_ok_on_each_line_and_fails_on_a_file_others_can_read(child):
    lines = child.ok("check").stdout.splitlines()
    assert [line.split(":")[0] for line in lines][:3] == ["ok    schema", "ok    integrity", "ok    audit chain"]
    assert all(line.startswith("ok") for line in lines)
    child.db.chmod(0o644)
    result = child("check")
    assert result.exit_code == DOMAIN_ERROR
    assert any(line.startswith("FAIL  file mode samfam.db: 0644") for line in result.stdout.splitlines())
    data = child("check", "-f", "json").json()
    assert {r["check"]: r["ok"] for r in data}["file mode samfam.db"] is False


def test_check_of_a_missing_database_is_an_error(tmp_path):
    assert_error(Samfam(tmp_path / "none.db")("check"), DOMAIN_ERROR, "none.db", "samfam init")
    assert not (tmp_path / "none.db").exists()


# -- pseudonymised reports ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("overdue", "-f", "json"),
        ("overdue", "-f", "csv"),
        ("overdue",),
        ("due", "--within", "3650", "-f", "json"),
        ("deadlines", "--within", "36500", "-f", "json"),
        ("report", "weekly", "-f", "json"),
        ("report", "weekly", "-f", "markdown"),
        ("report", "weekly", "-f", "html"),
    ],
    ids=lambda a: " ".join(a),
)
def test_pseudonymised_reports_show_no_reference_or_name(child, argv):
    child.ok("actor", "add", REF, "school", "--name", "Skovskolen Alma")
    plain = child.ok(*argv).stdout
    assert REF in plain or OTHER in plain
    shown = child.ok(*argv, "--pseudonymise").stdout
    for secret in (REF, OTHER, "Alma Holm", "Skovskolen", "sover i egen seng"):
        assert secret not in shown
    assert "P-" in shown
    again = child.ok(*argv, "--pseudonymise").stdout
    assert again != shown  # a new key for every report: two reports cannot be joined
    last = child.ok("audit", "--kind", "read", "-f", "json").json()[1]  # [0] is that audit itself
    assert "pseudonymised" in (last["detail"] or "") and set(last["cases"]) <= {REF, OTHER} and last["cases"]


def test_a_pseudonym_is_the_same_case_throughout_one_report(child):
    child.ok("event", "add", OTHER, "followup", "--on", "2026-08-01")
    data = child.ok("report", "weekly", "-f", "json", "--pseudonymise").json()
    text = json.dumps(data)
    names = set(__import__("re").findall(r"P-[0-9A-F]{8}", text))
    assert 1 <= len(names) <= 2


def test_two_references_that_look_alike_never_share_an_archive_and_none_is_overwritten(team, open_case, tmp_path):
    team.ok("advisor", "add", "TL", "--name", "Tove Lund", "--role", "teamleder", "--team", "Nord")
    for ref in ("2020/1", "2020_1"):
        open_case(ref, "BL 86", opened="2020-01-10")
        team.ok(
            "case", "close", ref, "--reason", "Flyttet", "--on", "2020-06-01", "--force", "Test", today=_d("2020-06-01")
        )
    archive = tmp_path / "arkiv"
    (archive).mkdir()
    (archive / "2020_1-2.json").write_text("an earlier archive")
    team.ok("retention", "--propose", real_clock=True)  # closed in 2020: past five years by the real clock
    team.ok("retention", "--approve", "1", user="TL", real_clock=True)
    line = assert_refused(
        team, ["retention", "--apply", "1", "--archive", str(archive)], DOMAIN_ERROR,
        "exist already", "nothing was removed", real_clock=True,
    )  # fmt: skip
    assert "2020_1-2.json" in line and (archive / "2020_1-2.json").read_text() == "an earlier archive"
    (archive / "2020_1-2.json").unlink()
    team.ok("retention", "--apply", "1", "--archive", str(archive), real_clock=True)
    names = sorted(p.name for p in archive.glob("2020*"))
    assert names == ["2020_1-1.json", "2020_1-2.json"]
    assert {json.loads((archive / n).read_text())["case"] for n in names} == {"2020/1", "2020_1"}


@pytest.mark.postgres
def test_retention_and_check_on_postgresql(pg_url, tmp_path, clock):
    """Two people on PostgreSQL: the administrator proposes and applies, a team leader's login approves; the
    pruning anchor lets PostgreSQL's trigger delete the old rows, and the chain still verifies."""
    import psycopg
    from sqlalchemy.engine import make_url

    s = Samfam(pg_url)  # type: ignore[arg-type]  # the superuser: an administrator
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("advisor", "add", "TL", "--name", "Tove Lund", "--role", "teamleder", "--team", "Nord", "--login", "tl")
    with psycopg.connect(pg_url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'tl'").fetchone():
            conn.execute("CREATE ROLE tl LOGIN")
        conn.execute("GRANT samfam_teamleader TO tl")
    tl = Samfam(make_url(pg_url).set(username="tl").render_as_string(hide_password=False))  # type: ignore[arg-type]
    s.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86")
    s.ok("case", "close", REF, "--reason", "Flyttet", "--on", "2026-11-20", "--force", "Test")
    clock(LATER)
    assert_error(s("retention", "--propose", today=_d(LATER)), USAGE_ERROR, "real clock")  # on every database
    s.ok("retention", "--propose", real_clock=True)
    assert_error(s("retention", "--approve", "1", real_clock=True), DOMAIN_ERROR, "two people")  # not on PostgreSQL
    tl.ok("retention", "--approve", "1", real_clock=True)
    assert_error(tl("retention", "--apply", "1", real_clock=True), DOMAIN_ERROR, "only the administrator")
    result = s("retention", "--apply", "1", "--archive", str(tmp_path / "a"), real_clock=True)
    assert result.exit_code == 0, result.stderr
    assert "Archived and anonymised 1 closed cases" in result.stdout
    assert s.ok("audit", "verify", today=_d(LATER)).stdout.startswith("The audit log is intact")
    assert s.ok("case", "list", "--status", "all", "-f", "json", today=_d(LATER)).json()[0]["child"] == "(slettet)"
    lines = s.ok("check", today=_d(LATER)).stdout.splitlines()
    assert lines[1] == "ok    integrity: not applicable (PostgreSQL checks its own pages)"
    assert all(line.startswith("ok") for line in lines)
