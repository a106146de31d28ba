"""Writes about personal data as such: retention (archive, then anonymise) and pruning of the audit log,
and the backup copy (a use of every case's data, logged).

Retention keeps what reports over past periods count — the case's dates, tracks, grants, events' days
and kinds, measurements — and removes what identifies the child or tells their story: name, CPR
number, day of birth (the month stays, for age bands), the case reference, every free text.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import TypedDict

import samfam.files as files
from samfam.context import App
from samfam.errors import Conflict, DatabaseError, InvalidValue
from samfam.rules import privacy
from samfam.store import tables as t
from samfam.store.queries import audit as audit_queries
from samfam.store.queries import records as record_queries
from samfam.store.records import Advisor, Conn
from samfam.store.work import UnitOfWork
from samfam.views import lookups
from samfam.views.privacy import RetentionPlan

ANONYMISED = record_queries.ANONYMISED
#: Roles that may approve a deletion (team leader, head of department), matched case-insensitively.
APPROVER_ROLES = ("leder", "leader", "chef", "manager")


class RetentionApplied(TypedDict):
    """What `retention --apply` did: cases archived and anonymised, audit rows pruned, the archive folder."""

    cases: int
    audit_rows: int
    archive: str


class BackedUp(TypedDict):
    """The backup's file, its size, and what its check counted."""

    file: str
    bytes: int
    cases: int
    audit_rows: int


def _plain(value: object) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot archive a {type(value).__name__}")


def write_private(path: Path, data: object) -> None:
    """A new JSON file only its owner may read (0600), in a folder only its owner may enter (0700). An
    archive is never overwritten: an existing file is refused."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    files.write_private(
        path,
        json.dumps(data, ensure_ascii=False, indent=1, default=_plain) + "\n",
        exclusive=True,
        exists=f"the archive file '{path}' exists already; nothing was removed (move it, or give --archive)",
    )


def approver(conn: Conn, initials: str, today: date) -> Advisor:
    person = lookups.advisor(conn, initials)
    role = (person.role or "").casefold()
    if not any(word in role for word in APPROVER_ROLES):
        raise InvalidValue(
            f"--approved-by {person.initials} has the role '{person.role or 'none'}'; a deletion is approved by a "
            "team leader (a role such as 'teamleder'; see 'samfam advisor update --role')"
        )
    if person.left is not None and person.left < today:
        raise InvalidValue(f"--approved-by {person.initials} left on {person.left.isoformat()}")
    return person


def _upsert_meta(uow: UnitOfWork, key: str, value: str) -> None:
    uow.delete(t.meta, t.meta.c.key == key)
    uow.insert(t.meta, key=key, value=value)


def apply_retention(app: App, plan: RetentionPlan, archive: Path, approved_by: str) -> RetentionApplied:
    """Archive each due case's complete record to its own JSON file, then anonymise the cases and prune
    the audit rows older than the audit period, in one transaction. Returns what was done."""
    uow = app.unit_of_work()
    with uow:
        conn = uow.conn
        person = approver(conn, approved_by, app.today)
        due = plan["cases"]
        records = {c["id"]: record_queries.case_record(conn, c["id"]) for c in due}
        for c in due:
            if records[c["id"]]["cases"][0]["closed"] != c["closed"]:
                raise Conflict(f"case {c['case']} changed since the plan was made; run 'samfam retention' again")
        # First the archive: nothing is removed unless its record is safely on disk, in files of its own.
        taken = [str(archive / c["archive"]) for c in due if (archive / c["archive"]).exists()]
        if taken:
            raise Conflict(f"archive files exist already: {', '.join(taken[:3])}; nothing was removed")
        for c in due:
            write_private(
                archive / c["archive"],
                {
                    "case": c["case"],
                    "archived": app.today,
                    "approved_by": person.initials,
                    "retention_years": plan["years"],
                    "record": records[c["id"]],
                },
            )
        for c in due:
            _anonymise(uow, c["id"], records[c["id"]])
            uow.audit(
                "retention.apply",
                c["case"],
                f"closed {c['closed'].isoformat()}, kept {plan['years']} years: archived to {c['archive']}, "
                f"personal data removed; approved by {person.initials}",
            )
        pruned = _prune_audit(uow, plan, archive, person.initials)
        _upsert_meta(uow, "retention.years", str(plan["years"]))
        _upsert_meta(uow, "retention.audit_months", str(plan["audit_months"]))
        uow.commit()
    return {"cases": len(due), "audit_rows": pruned, "archive": str(archive)}


def _anonymise(uow: UnitOfWork, case_id: int, record: dict[str, list[dict[str, object]]]) -> None:
    case = record["cases"][0]
    born = case["born"].replace(day=1) if isinstance(case["born"], date) else None
    uow.update(
        t.cases, case_id, ref=f"slettet-{case_id}", child_name=ANONYMISED, cpr=None, born=born, close_reason=None
    )
    by_case: dict[str, dict[str, str | None]] = {
        "events": {"note": None, "void_reason": None},
        "grants": {"void_reason": None},
        "actor": {"name": ANONYMISED, "contact": None},
        "goal": {"text": ANONYMISED},
        "handover": {"detail": None, "forced_reason": None},
        "case_closure": {"reason": ANONYMISED, "reopen_reason": None},
    }
    for name, values in by_case.items():
        table = getattr(t, name)
        uow.update_where(table, table.c.case_id == case_id, **values)
    goals = [g["id"] for g in record["goal"]]
    handovers = [h["id"] for h in record["handover"]]
    if goals:
        uow.update_where(t.goal_note, t.goal_note.c.goal_id.in_(goals), note=ANONYMISED)
        uow.update_where(t.task, t.task.c.goal_id.in_(goals), text=ANONYMISED)
    if handovers:
        uow.update_where(t.handover_tick, t.handover_tick.c.handover_id.in_(handovers), note=None)


def _prune_audit(uow: UnitOfWork, plan: RetentionPlan, archive: Path, approved_by: str) -> int:
    """Archive and delete the audit rows before the boundary; the chain restarts at the anchor."""
    conn = uow.conn
    boundary = plan["audit"]["boundary"]
    old = audit_queries.rows_before(conn, boundary)
    if not old:
        return 0
    name = f"audit-before-{plan['audit']['kept_from'].isoformat()}-row-{boundary}.json"
    start_hash = old[-1].hash
    if start_hash is None:  # every row since the chain began has one: a row without is a broken log
        raise DatabaseError(f"audit row {old[-1].id} has no hash; nothing was removed (see 'samfam audit verify')")
    write_private(archive / name, {"pruned": uow.today, "rows": [row._asdict() for row in old]})
    _upsert_meta(uow, audit_queries.ANCHOR_ID, str(boundary))
    _upsert_meta(uow, audit_queries.ANCHOR_HASH, start_hash)
    uow.delete(t.audit_log, t.audit_log.c.id < boundary)
    uow.audit(
        "audit.prune",
        detail=f"{len(old)} rows before row {boundary} (written before {plan['audit']['kept_from'].isoformat()}) "
        f"archived to {name}; approved by {approved_by}; anchor {boundary}:{start_hash}",
    )
    return len(old)


def backup(app: App, target: str) -> BackedUp:
    """A consistent copy of the SQLite database, 0600, checked (integrity and audit chain) before it counts."""
    from samfam.settings import to_url
    from samfam.store import maintenance
    from samfam.store.engine import Store

    store = app.store
    if store.path is None:
        raise DatabaseError(
            "samfam backup copies an SQLite file; on PostgreSQL use pg_dump (e.g. 'pg_dump -Fc -f samfam.dump "
            "DBNAME') and keep the dump as private as the database"
        )
    path = Path(target)
    if path.exists():
        raise InvalidValue(f"'{target}' exists already; give a new file name for the backup")
    if not path.parent.is_dir():
        raise InvalidValue(f"cannot write '{target}': the folder '{path.parent}' does not exist")
    with app.connect() as conn:
        refs = [row.ref for row in record_queries.all_refs(conn)]
    try:
        maintenance.backup(store, path)
    except OSError as exc:
        raise InvalidValue(f"cannot write '{target}': {exc.strerror}") from None
    found = maintenance.integrity(path)
    copy = Store(to_url(str(path)))
    try:
        with copy.connection() as conn:
            verdict = audit_queries.verify_log(conn)
    finally:
        copy.dispose()
    if found != "ok" or verdict.broken is not None:
        path.unlink(missing_ok=True)
        why = found if found != "ok" else verdict.broken.message
        raise DatabaseError(f"the copy failed its check ({why}); nothing was kept; run 'samfam check'")
    app.log_read("backup", refs, privacy.BACKUP, f"to {path.name}: {len(refs)} cases, {verdict.rows} audit rows")
    return {"file": str(path), "bytes": path.stat().st_size, "cases": len(refs), "audit_rows": verdict.rows}
