"""The audit log is tamper-evident: the database refuses a rewrite, and `audit verify` finds the first row
changed, removed or slipped in once someone gets past that (a dropped trigger), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conftest import Samfam
from support import DOMAIN_ERROR, REF
from support import db_url as _url
from support import raw_sql as _sql

SQLITE_GUARDS = ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_rewrite")


def _history(s: Samfam) -> Samfam:
    """A short history: 2 advisors, a case, events, look-ups."""
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
    s.ok("advisor", "add", "LBH", "--name", "Lars Bøgh Hansen", "--team", "Nord")
    s.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86")
    s.ok("event", "add", REF, "followup", "--on", "2026-09-01")
    s.ok("case", "show", REF)
    s.ok("event", "add", REF, "home-visit", "--on", "2026-10-01", "--note", "Hjemmebesøg")
    s.ok("case", "list")
    return s


@pytest.fixture(scope="module")
def _sqlite_history(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("chain") / "chain.db"
    _history(Samfam(path))
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def logged(request, tmp_path) -> Samfam:
    """The short history on each backend (SQLite: a copy of one built for the module)."""
    if request.param == "sqlite":
        shutil.copy2(request.getfixturevalue("_sqlite_history"), tmp_path / "chain.db")
        return Samfam(tmp_path / "chain.db")
    return _history(Samfam(request.getfixturevalue("pg_url")))  # type: ignore[arg-type]


def _drop_guards(s: Samfam) -> str:
    if "://" in str(s.db):
        return "DROP TRIGGER audit_log_append_only ON audit_log"
    return "; ".join(f"DROP TRIGGER {name}" for name in SQLITE_GUARDS)


def _drop(s: Samfam) -> list[str]:
    return _drop_guards(s).split("; ")


def _guards(s: Samfam) -> list[str]:
    """The statements that create the log's guards again, as the database holds them."""
    engine = create_engine(_url(s))
    with engine.connect() as conn:
        if "://" in str(s.db):
            found = conn.execute(
                text(
                    "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass "
                    "AND NOT tgisinternal"
                )
            ).scalars()
        else:
            found = conn.execute(
                text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
            ).scalars()
        statements = list(found)
    engine.dispose()
    return statements


def _tamper(s: Samfam, *statements: str) -> None:
    """Change the log as its owner could: drop the guards, run the statements, put the guards back (a missing
    guard is a failure of its own, tests/test_audit_tamper.py)."""
    guards = _guards(s)
    _sql(s, *_drop(s), *statements, *guards)


def _ids(s: Samfam) -> list[int]:
    engine = create_engine(_url(s))
    with engine.connect() as conn:
        ids = [row[0] for row in conn.execute(text("SELECT id FROM audit_log ORDER BY id"))]
    engine.dispose()
    return ids


def _verify(s: Samfam, *args: str):
    return s("audit", "verify", *args)


def test_an_untouched_log_verifies_and_prints_its_head(logged):
    result = _verify(logged)
    assert result.exit_code == 0, result.stderr
    ids = _ids(logged)
    m = re.fullmatch(r"The audit log is intact: (\d+) rows; head (\d+):([0-9a-f]{64})\.\n", result.stdout)
    assert m, result.stdout
    assert (int(m.group(1)), int(m.group(2))) == (len(ids), ids[-1])
    data = logged.ok("audit", "verify", "-f", "json").json()
    assert data["ok"] is True and data["first_break"] is None and data["head"] == f"{m.group(2)}:{m.group(3)}"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET detail = 'nothing happened'",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
        "INSERT INTO audit_log (id, at, \"user\", action, kind) VALUES (1, '2026-01-01 00:00:00', 'X', 'x', 'write')",
    ],
    ids=["update", "delete-all", "delete-last", "insert-over-an-id"],
)
def test_the_database_refuses_to_rewrite_the_log(logged, statement):
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError, match="append-only"):
        _sql(logged, statement)
    assert _verify(logged).exit_code == 0


def test_sqlite_refuses_insert_or_replace_over_an_existing_row(tmp_path):
    s = Samfam(tmp_path / "r.db")
    s.ok("init")
    s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen")
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError, match="append-only"):
        _sql(
            s,
            "INSERT OR REPLACE INTO audit_log (id, at, user, action, kind) VALUES (1, '2026-01-01', 'X', 'x', 'write')",
        )


def test_a_changed_row_is_found(logged):
    target = _ids(logged)[3]
    _tamper(logged, f"UPDATE audit_log SET \"user\" = 'SOMEONE' WHERE id = {target}")
    result = _verify(logged)
    assert result.exit_code == DOMAIN_ERROR
    assert f"broken at row {target}" in result.stdout and "changed" in result.stdout
    data = logged("audit", "verify", "-f", "json").json()
    assert (data["ok"], data["first_break"], data["break"]) == (False, target, "changed")


def test_a_removed_row_is_found_at_the_row_after_it(logged):
    ids = _ids(logged)
    _tamper(logged, f"DELETE FROM audit_log WHERE id = {ids[4]}")
    data = logged("audit", "verify", "-f", "json").json()
    assert (data["ok"], data["first_break"], data["break"]) == (False, ids[5], "removed-or-inserted")
    assert f"after row {ids[3]}" in data["message"]


def test_a_row_slipped_in_is_found(logged):
    ids = _ids(logged)
    # A back-dated entry with a made-up chain link, appended by someone past the trigger.
    _tamper(
        logged,
        'INSERT INTO audit_log (id, at, "user", action, kind, case_ref, prev_hash, hash) VALUES '
        f"({ids[-1] + 1}, '2026-01-01 00:00:00', 'MKJ', 'case.show', 'read', '{REF}', '{'0' * 64}', '{'1' * 64}')",
    )
    data = logged("audit", "verify", "-f", "json").json()
    assert (data["ok"], data["first_break"], data["break"]) == (False, ids[-1] + 1, "removed-or-inserted")


def test_a_rewritten_chain_or_a_cut_tail_is_found_against_a_head_written_down(logged):
    head = logged.ok("audit", "verify", "-f", "json").json()["head"]
    assert _verify(logged, "--head", head).exit_code == 0
    last = int(head.split(":")[0])
    _tamper(logged, f"DELETE FROM audit_log WHERE id = {last}")
    # A cut tail is a consistent chain: the witness finds it (PostgreSQL's was written by `init` here), a copy
    # of the database has none (SQLite's here) ...
    assert _verify(logged).exit_code == (DOMAIN_ERROR if "://" in str(logged.db) else 0)
    result = _verify(logged, "--head", head)  # ... but the head written down is gone
    assert result.exit_code == DOMAIN_ERROR
    assert f"row {last}, the head written down, is no longer in the log" in result.stdout


def test_a_moved_anchor_is_found(logged):
    _sql(
        logged,
        "INSERT INTO meta (key, value) VALUES ('audit.anchor.id', '3')",
        f"INSERT INTO meta (key, value) VALUES ('audit.anchor.hash', '{'a' * 64}')",
    )
    data = logged("audit", "verify", "-f", "json").json()
    assert (data["ok"], data["break"]) == (False, "anchor")


@pytest.mark.parametrize("head", ["12", "12:abc", "x:" + "0" * 64, ":" + "0" * 64])
def test_a_malformed_head_is_refused(logged, head):
    result = _verify(logged, "--head", head)
    assert result.exit_code == DOMAIN_ERROR
    assert result.stderr.startswith("Error: --head") and "ID:HASH" in result.stderr


def test_check_reports_a_broken_chain_and_exits_1(logged):
    assert logged.ok("check").stdout.splitlines()[0].startswith("ok")
    target = _ids(logged)[2]
    _tamper(logged, f"UPDATE audit_log SET action = 'x' WHERE id = {target}")
    result = logged("check")
    assert result.exit_code == DOMAIN_ERROR
    assert any(line.startswith("FAIL  audit chain") and f"row {target}" in line for line in result.stdout.splitlines())


# -- os_login (0008): covered when set, so the rows written before it still verify ------------------


def _row(row_id: int, prev: str, **values):
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from samfam.store import chain

    fields = dict(
        id=row_id, at=datetime(2026, 11, 1, 9, 0, row_id, tzinfo=UTC), user="MKJ", action="case.show",
        kind="read", purpose=None, case_ref=REF, cases=None, detail=None,
    )  # fmt: skip
    fields.update(values)
    row = SimpleNamespace(**fields, prev_hash=prev)
    row.hash = chain.row_hash(prev, row)
    return row


def test_a_row_without_os_login_hashes_as_before_and_verifies():
    """An old-style row (no os_login attribute at all, or None) hashes exactly as before 0008."""
    import hashlib
    import json

    from samfam.store import chain

    old = _row(1, chain.GENESIS)
    body = json.dumps(
        [1, "2026-11-01T09:00:01.000000Z", "MKJ", "case.show", "read", None, REF, None, None],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert old.hash == hashlib.sha256(f"{chain.GENESIS}\n{body}".encode()).hexdigest()
    assert chain.row_hash(chain.GENESIS, _row(1, chain.GENESIS, os_login=None)) == old.hash
    new = _row(2, old.hash, os_login="mette")
    assert chain.verify([old, new]).broken is None


def test_changing_the_os_login_of_a_new_row_breaks_the_chain():
    from samfam.store import chain

    old = _row(1, chain.GENESIS)
    new = _row(2, old.hash, os_login="mette")
    after = _row(3, new.hash, os_login="mette")
    new.os_login = "someone"
    verdict = chain.verify([old, new, after])
    assert verdict.broken is not None and (verdict.broken.row_id, verdict.broken.what) == (2, "changed")
    new.os_login = None  # removing it is a change too
    verdict = chain.verify([old, new, after])
    assert verdict.broken is not None and (verdict.broken.row_id, verdict.broken.what) == (2, "changed")


def test_a_changed_os_login_in_the_database_is_found(logged):
    """Rows written with an os_login verify; changing one in the table breaks the chain there."""
    from datetime import date

    from samfam.store.engine import Store
    from samfam.store.work import UnitOfWork

    store = Store(_url(logged))
    try:
        with UnitOfWork(store, "MKJ", date(2026, 11, 1), os_login="mette") as uow:
            uow.audit("case.show", REF, kind="read")
            uow.commit()
    finally:
        store.dispose()
    assert logged.ok("audit", "verify", "-f", "json").json()["ok"] is True
    target = _ids(logged)[-1]
    _tamper(logged, f"UPDATE audit_log SET os_login = 'someone' WHERE id = {target}")
    data = logged("audit", "verify", "-f", "json").json()
    assert (data["ok"], data["first_break"], data["break"]) == (False, target, "changed")
