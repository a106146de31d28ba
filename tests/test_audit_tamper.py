"""A log that can't be rewritten unseen (issue 18 item 2): someone who can write to the database, but holds neither
the audit key nor the witness, rewrites the log as well as one can without them (re-hashing the plain chain, the
guards put back), and `audit verify` and `check` name what was done (exit 1, one line). One test per way."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, insert, select, text

from conftest import Samfam, opener
from support import DOMAIN_ERROR, REF
from support import db_url as _url
from support import raw_sql as _sql

KEY = "5a" * 32
OTHER_KEY = "a5" * 32
SQLITE_GUARDS = ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_rewrite")


@pytest.fixture(autouse=True)
def _custody(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own config folder (the witness) and its key, given through the environment."""
    config = tmp_path / "config"
    monkeypatch.setenv("SAMFAM_CONFIG_DIR", str(config))
    monkeypatch.setenv("SAMFAM_AUDIT_KEY", KEY)
    for name in ("SAMFAM_AUDIT_KEY_FILE", "SAMFAM_AUDIT_WITNESS_DIR"):
        monkeypatch.delenv(name, raising=False)
    return config


def _history(s: Samfam) -> Samfam:
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86")
    s.ok("event", "add", REF, "followup", "--on", "2026-09-01")
    s.ok("case", "show", REF)
    s.ok("event", "add", REF, "home-visit", "--on", "2026-10-01", "--note", "Hjemmebesøg")
    s.ok("case", "list")
    return s


@pytest.fixture(scope="session")
def _history_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """`_history` once a session (a worker), with the key and a config folder of its own: the database and its
    witness, for each test to copy to its own place (what `_history` there would have made)."""
    from samfam.store import custody

    where = tmp_path_factory.mktemp("history")
    db = where / "log.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SAMFAM_CONFIG_DIR", str(where / "config"))
        patch.setenv("SAMFAM_AUDIT_KEY", KEY)
        for name in ("SAMFAM_AUDIT_KEY_FILE", "SAMFAM_AUDIT_WITNESS_DIR"):
            patch.delenv(name, raising=False)
        _history(Samfam(db))
        witness = custody.witness_path(str(db.resolve()))
    with sqlite3.connect(db) as conn:  # fold the write-ahead log into the file before copying
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db, witness


@pytest.fixture
def s(tmp_path: Path, _custody: Path, _history_db: tuple[Path, Path]) -> Samfam:
    """`_history` on this test's database, its witness in this test's config folder (a copy of the session's)."""
    from samfam.store import custody

    built, witness = _history_db
    db = tmp_path / "log.db"
    shutil.copy2(built, db)
    own = custody.witness_path(str(db.resolve()))
    own.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(witness, own)
    return Samfam(db)


def _guards(conn) -> tuple[list[str], list[str]]:
    """(drop, create again) of the log's guards, as the database holds them."""
    if conn.dialect.name == "postgresql":
        return ["DROP TRIGGER audit_log_append_only ON audit_log"], list(
            conn.execute(
                text(
                    "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass "
                    "AND NOT tgisinternal"
                )
            ).scalars()
        )
    found = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"))
    pairs = list(found)
    return [f"DROP TRIGGER {name}" for name, _ in pairs], [sql for _, sql in pairs]


def _rewrite(s: Samfam, change, everything: bool = False) -> None:
    """Rewrite the log as `change(rows)` says (rows as dicts, oldest first; ids numbered again from the first),
    re-hashed with plain SHA-256 from the first row changed (`everything`: from the first row): what one can
    do without the key."""
    from samfam.store import chain
    from samfam.store import tables as t

    log = t.audit_log
    engine = create_engine(_url(s))
    with engine.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(log).order_by(log.c.id))]
        first = rows[0]["id"]
        before = [dict(row) for row in rows]
        rows = change(rows)
        prev = rows[0]["prev_hash"]
        same = not everything
        for n, row in enumerate(rows):
            same = same and n < len(before) and row == before[n]
            if not same:
                row["id"] = first + n
                row["prev_hash"] = prev
                row["hash"] = chain.row_hash(prev, _Row(row))
            prev = row["hash"]
        drop, create = _guards(conn)
        for statement in drop:
            conn.execute(text(statement))
        conn.execute(delete(log))
        conn.execute(insert(log), rows)
        for statement in create:
            conn.execute(text(statement))
    engine.dispose()


class _Row:
    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


def _ids(s: Samfam) -> list[int]:
    engine = create_engine(_url(s))
    with engine.connect() as conn:
        ids = [row[0] for row in conn.execute(text("SELECT id FROM audit_log ORDER BY id"))]
    engine.dispose()
    return ids


def _fails(s: Samfam, *words: str) -> str:
    """`audit verify` and `check` both fail, naming it in one line; the verdict's line."""
    result = s("audit", "verify")
    assert result.exit_code == DOMAIN_ERROR, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("The audit log is broken"), result.stdout
    for word in words:
        assert word in lines[0], lines[0]
    checked = s("check")
    assert checked.exit_code == DOMAIN_ERROR, checked.stdout + checked.stderr
    failed = [line for line in checked.stdout.splitlines() if line.startswith("FAIL  audit chain")]
    assert len(failed) == 1 and all(word in failed[0] for word in words), checked.stdout
    return lines[0]


def test_an_untouched_keyed_log_verifies_and_its_head_is_witnessed(s, _custody):
    result = s.ok("audit", "verify")
    assert result.stdout.startswith("The audit log is intact")
    assert s.ok("check").stdout.splitlines()[2].startswith("ok    audit chain")
    head = s.ok("audit", "head").stdout.strip()
    assert head == s.ok("audit", "verify", "-f", "json").json()["head"]
    witness = next((_custody / "witness").iterdir())
    assert witness.stat().st_mode & 0o777 == 0o600
    lines = witness.read_text().splitlines()
    assert lines[0].split()[1:] == ["start"] and lines[1].split()[1:] == ["keyed", "1"]
    assert lines[-1].split()[1:] == ["head", head]  # every write appended its head


def test_the_key_is_made_by_init_0600_in_the_config_folder(tmp_path, monkeypatch, _custody):
    monkeypatch.delenv("SAMFAM_AUDIT_KEY")
    _history(Samfam(tmp_path / "own.db"))
    key = _custody / "audit.key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(bytes.fromhex(key.read_text().strip())) == 32
    monkeypatch.setenv("SAMFAM_AUDIT_KEY_FILE", str(key))  # the same key, given as a file
    assert Samfam(tmp_path / "own.db").ok("audit", "verify").stdout.startswith("The audit log is intact")


def test_an_edited_row(s):
    target = _ids(s)[3]

    def edit(rows):
        rows[3]["detail"] = "nothing happened"
        return rows

    _rewrite(s, edit)
    assert f"broken at row {target}" in _fails(s, "without the audit key")


def test_an_inserted_row(s):
    def slip_in(rows):
        made_up = dict(rows[2], action="case.show", kind="read", detail=None)
        return [*rows[:3], made_up, *rows[3:]]

    _rewrite(s, slip_in)
    _fails(s, f"row {_ids(s)[3]}")


def test_a_deleted_row(s):
    _rewrite(s, lambda rows: rows[:2] + rows[3:])
    _fails(s, f"row {_ids(s)[2]}")


def test_reordered_rows(s):
    _rewrite(s, lambda rows: [*rows[:2], rows[3], rows[2], *rows[4:]])
    _fails(s, f"row {_ids(s)[2]}")


def test_a_re_hashed_log(s):
    _rewrite(s, lambda rows: rows, everything=True)  # nothing changed but the hashes, without the key
    _fails(s, "row 1 ", "without the audit key")


def test_a_cut_tail(s):
    ids = _ids(s)
    engine = create_engine(_url(s))
    with engine.begin() as conn:
        drop, create = _guards(conn)
        for statement in [*drop, f"DELETE FROM audit_log WHERE id >= {ids[-2]}", *create]:
            conn.execute(text(statement))
    engine.dispose()
    _fails(s, f"before row {ids[-1]}", "cut from the end")


def test_a_forged_pruning(s):
    """The anchor set in meta, the old rows deleted, an `audit.prune` row naming that anchor, hashed plainly."""
    from samfam.store import chain

    ids = _ids(s)
    keep = ids[3]
    engine = create_engine(_url(s))
    with engine.connect() as conn:
        before = conn.execute(text(f"SELECT hash FROM audit_log WHERE id = {keep - 1}")).scalar_one()
        last_id, last_hash = conn.execute(text("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")).one()
    engine.dispose()
    from datetime import UTC, datetime

    row = _Row(
        dict(
            id=last_id + 1, at=datetime(2026, 11, 22, 12, tzinfo=UTC), user="MKJ", action="audit.prune",
            kind="write", purpose=None, case_ref=None, cases=None,
            detail=f"{keep - 1} rows before row {keep} archived; anchor {keep}:{before}", os_login=None,
        )
    )  # fmt: skip
    digest = chain.row_hash(last_hash, row)
    engine = create_engine(_url(s))
    with engine.begin() as conn:
        drop, create = _guards(conn)
        for statement in drop:
            conn.execute(text(statement))
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('audit.anchor.id', :v)"), {"v": str(keep)})
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('audit.anchor.hash', :v)"), {"v": before})
        conn.execute(text(f"DELETE FROM audit_log WHERE id < {keep}"))
        from samfam.store import tables as t

        conn.execute(insert(t.audit_log), [row.__dict__ | {"prev_hash": last_hash, "hash": digest}])
        for statement in create:
            conn.execute(text(statement))
    engine.dispose()
    _fails(s, "a pruning was forged")


@pytest.mark.parametrize("trigger", SQLITE_GUARDS)
def test_a_missing_trigger(s, trigger):
    _sql(s, f"DROP TRIGGER {trigger}")
    _fails(s, trigger, "missing")


def test_a_trigger_made_harmless(s):
    _sql(
        s,
        "DROP TRIGGER audit_log_no_update",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END",
    )
    _fails(s, "audit_log_no_update")


def test_a_key_that_does_not_match(s, monkeypatch):
    monkeypatch.setenv("SAMFAM_AUDIT_KEY", OTHER_KEY)
    _fails(s, "does not match")
    # Nor is anything written under it.
    refused = s("event", "add", REF, "phone", "--on", "2026-11-20")
    assert refused.exit_code != 0 and "not the one the audit log" in refused.stderr


def test_a_missing_key(s, monkeypatch, _custody):
    monkeypatch.delenv("SAMFAM_AUDIT_KEY")
    monkeypatch.setenv("SAMFAM_AUDIT_KEY_FILE", str(_custody / "nowhere.key"))
    _fails(s, "no audit key")


def test_a_moved_keyed_boundary(s):
    """Claiming the log is keyed only from later on (to re-hash the rows before plainly) needs the key."""
    _sql(s, "UPDATE meta SET value = '5' WHERE key = 'audit.keyed_from'")
    _fails(s, "does not match")


def test_an_old_log_stays_verified_up_to_the_keyed_boundary(tmp_path, _custody):
    """A database from before the key: its rows stay plain SHA-256, verified; rows from the next write on are
    keyed, and the boundary is recorded (meta, witness)."""
    s = _history(Samfam(tmp_path / "old.db"))
    _sql(s, "DELETE FROM meta WHERE key IN ('audit.keyed_from', 'audit.key_check')")
    _rewrite(s, lambda rows: rows, everything=True)  # as samfam before the key wrote them
    for witness in (_custody / "witness").iterdir():
        witness.unlink()  # nor had it a witness
    old = len(_ids(s))
    assert s.ok("audit", "verify").stdout.startswith(f"The audit log is intact: {old} rows")
    s.ok("event", "add", REF, "phone", "--on", "2026-11-20")
    with sqlite3.connect(s.db) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'audit.keyed_from'").fetchone() == (str(old + 1),)
    s.ok("init")  # starts the witness at this place
    assert s.ok("audit", "verify").stdout.startswith(f"The audit log is intact: {old + 1} rows")
    _rewrite(s, lambda rows: rows, everything=True)  # the keyed row re-hashed plainly
    _fails(s, f"row {old + 1}", "without the audit key")


def test_a_witnessed_pruning_verifies_and_a_later_forged_one_does_not(tmp_path, clock):
    s = Samfam(tmp_path / "pruned.db")
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("advisor", "add", "TL", "--name", "Tove Lund", "--role", "teamleder", "--team", "Nord")
    opener(s)(REF, "BL 86", opened="2026-06-01")
    s.ok("handover", "start", REF, "closure")
    s.ok("case", "close", REF, "--reason", "Familien fraflyttet", "--on", "2026-11-20", "--force", "Test")
    clock("2031-11-21")
    made = s.ok("retention", "--propose", real_clock=True)
    proposal = made.stdout.split()[2].rstrip(":")
    s.ok("retention", "--approve", proposal, user="TL", real_clock=True)
    s.ok("retention", "--apply", proposal, "--archive", str(tmp_path / "arkiv"), real_clock=True)
    later = date(2031, 11, 21)
    assert s.ok("audit", "verify", today=later).stdout.startswith("The audit log is intact")
    witness = next(Path(tmp_path / "config" / "witness").iterdir()).read_text()
    with sqlite3.connect(s.db) as conn:
        anchor = dict(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'audit.anchor.%'").fetchall())
    assert f"anchor {anchor['audit.anchor.id']}:{anchor['audit.anchor.hash']}" in witness
    # A second pruning forged on top: the anchor moved on in meta, the rows before it deleted (the guards put back).
    ids = _ids(s)
    with sqlite3.connect(s.db) as conn:
        before = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (ids[1],)).fetchone()[0]
    engine = create_engine(_url(s))
    with engine.begin() as conn:
        drop, create = _guards(conn)
        for statement in (
            *drop,
            f"UPDATE meta SET value = '{ids[2]}' WHERE key = 'audit.anchor.id'",
            f"UPDATE meta SET value = '{before}' WHERE key = 'audit.anchor.hash'",
            f"DELETE FROM audit_log WHERE id < {ids[2]}",
            *create,
        ):
            conn.execute(text(statement))
    engine.dispose()
    result = s("audit", "verify", "-f", "json", today=later)
    assert result.exit_code == DOMAIN_ERROR and json.loads(result.stdout)["break"] == "anchor"


# -- PostgreSQL: the trigger and the row-level security policies ------------------------------------------


@pytest.fixture
def pg(pg_url) -> Samfam:
    return _history(Samfam(pg_url))


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("DROP TRIGGER audit_log_append_only ON audit_log", ("audit_log_append_only",)),
        ("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only", ("audit_log_append_only",)),
        (
            "CREATE OR REPLACE FUNCTION samfam_audit_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ "
            "LANGUAGE plpgsql",
            ("audit_log_append_only",),
        ),
        ("DROP POLICY samfam_read ON audit_log", ("row-level security", "samfam_read")),
        ("DROP POLICY samfam_append ON audit_log", ("row-level security", "samfam_append")),
        ("ALTER TABLE audit_log NO FORCE ROW LEVEL SECURITY", ("row-level security",)),
        ("ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY", ("row-level security",)),
    ],
    ids=["trigger-dropped", "trigger-disabled", "trigger-harmless", "policy-read", "policy-append", "no-force",
         "rls-off"],
)  # fmt: skip
def test_postgres_a_missing_trigger_or_policy(pg, statement, words):
    assert pg.ok("audit", "verify").stdout.startswith("The audit log is intact")
    _sql(pg, statement)
    _fails(pg, *words)


@pytest.mark.postgres
def test_postgres_a_re_hashed_log(pg):
    _rewrite(pg, lambda rows: rows, everything=True)
    _fails(pg, "without the audit key")


@pytest.mark.postgres
def test_postgres_a_cut_tail(pg):
    ids = _ids(pg)
    _sql(
        pg,
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
        f"DELETE FROM audit_log WHERE id = {ids[-1]}",
        "ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only",
    )
    _fails(pg, "cut from the end")
