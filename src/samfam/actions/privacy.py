"""Writes about personal data as such: retention (archive, then anonymise) and pruning of the audit log,
and the backup copy (a use of every case's data, logged).

Retention takes two people: a team leader (or the administrator) proposes the periods, a different one
approves, and the administrator applies the approved proposal, once. Each step uses the real clock (the
store's `UnitOfWork.now`), never the command's --today (docs/privacy.md § 4).

Retention keeps what reports over past periods count — the case's dates, tracks, grants, events' days
and kinds, measurements — and removes what identifies the child or tells their story: name, CPR
number, day of birth (the month stays, for age bands), the case reference, every free text.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import TypedDict

import samfam.files as files
from samfam.actions.roles import one_person_file, permit
from samfam.context import App
from samfam.errors import Conflict, DatabaseError, InvalidValue, NotFound, UsageError
from samfam.rules import privacy
from samfam.rules.log_control import local
from samfam.rules.roles import may_approve
from samfam.store import tables as t
from samfam.store.queries import audit as audit_queries
from samfam.store.queries import records as record_queries
from samfam.store.queries import retention as retention_queries
from samfam.store.records import RetentionProposal
from samfam.store.work import UnitOfWork
from samfam.views.audit import retention_settings
from samfam.views.privacy import RetentionPlan, plan_on
from samfam.words import plural

ANONYMISED = record_queries.ANONYMISED
#: The longest retention and audit periods a proposal may set (as `retention --years/--audit-months` parse).
MOST_YEARS = 100
MOST_AUDIT_MONTHS = 1200


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


#: What an archive file says about the day it was written: left out when a leftover is compared.
_DAY_KEYS = ("archived", "pruned")


def _archive_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=_plain) + "\n"


def _leftover(path: Path, data: dict[str, object]) -> bool:
    """An archive file that a run which did not commit left behind (killed after it wrote its archive, before
    the database committed): it holds what this run writes, but for the day it was written. Anything else at
    the name is someone's file, or an archive whose case has changed since: never replaced."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    wanted = json.loads(_archive_text(data))
    if not isinstance(found, dict):
        return False
    return {k: v for k, v in found.items() if k not in _DAY_KEYS} == {
        k: v for k, v in wanted.items() if k not in _DAY_KEYS
    }


def write_private(path: Path, data: dict[str, object]) -> None:
    """A new JSON file only its owner may read (0600), in a folder only its owner may enter (0700), written
    whole under a temporary name (samfam.files). An archive is never overwritten, not even with --force: an
    existing file is refused, unless it is the leftover of a run that did not commit (`_leftover`), which is
    replaced by this run's."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise InvalidValue(
            "cannot write the archive folder '{folder}': {why}", folder=str(path.parent), why=exc.strerror
        ) from None
    files.write_private(
        path,
        _archive_text(data),
        force=_leftover(path, data),
        exists=Conflict(
            "the archive file '{path}' exists already; nothing was removed (move it, or give --archive)", path=path
        ),
    )


def _upsert_meta(uow: UnitOfWork, key: str, value: str) -> None:
    uow.delete(t.meta, t.meta.c.key == key)
    uow.insert(t.meta, key=key, value=value)


def real_day(uow: UnitOfWork) -> date:
    """Today in Copenhagen by the real clock (`UnitOfWork.now`): retention never takes --today."""
    return local(uow.now()).date()


def _proposal(uow: UnitOfWork, proposal_id: int) -> RetentionProposal:
    found = retention_queries.proposal(uow.conn, proposal_id)
    if found is None:
        raise NotFound(
            "no retention proposal {proposal}; propose one with 'samfam retention --propose'", proposal=str(proposal_id)
        )
    return found


def _periods(p: RetentionProposal) -> str:
    years = plural(p.years, "{n} year", "{n} years", stored=True)
    return f"closed cases kept {years}, audit rows {plural(p.audit_months, '{n} month', '{n} months', stored=True)}"


def propose_retention(uow: UnitOfWork, years: int | None = None, audit_months: int | None = None) -> RetentionProposal:
    """Propose the retention periods (the stored ones where not given) for another team leader to approve:
    a `retention_proposal` row and its audit row. A team leader or the administrator proposes."""
    with uow:
        permit(uow, "retention.propose")
        stored_years, stored_months = retention_settings(uow.conn)
        years = stored_years if years is None else years
        audit_months = stored_months if audit_months is None else audit_months
        if not 1 <= years <= MOST_YEARS:
            raise UsageError("--years {years} is out of range; give 1 to {most}", years=years, most=MOST_YEARS)
        if not 1 <= audit_months <= MOST_AUDIT_MONTHS:
            raise UsageError(
                "--audit-months {months} is out of range; give 1 to {most}", months=audit_months, most=MOST_AUDIT_MONTHS
            )
        proposed = RetentionProposal._make(
            uow.add(
                t.retention_proposal,
                proposed_by=uow.user,
                proposed_at=uow.now(),
                years=years,
                audit_months=audit_months,
            )
        )
        uow.audit("retention.propose", detail=f"proposal {proposed.id}: {_periods(proposed)}")
        uow.commit()
        return proposed


def approve_retention(uow: UnitOfWork, proposal_id: int) -> RetentionProposal:
    """Approve a proposal: a team leader or the administrator other than the one who proposed it (on one
    person's SQLite file its owner may approve their own: rules.roles.may_approve)."""
    with uow:
        who = permit(uow, "retention.approve")
        found = _proposal(uow, proposal_id)
        if found.applied_at is not None:
            raise Conflict(
                "retention proposal {proposal} was applied already, on {on}",
                proposal=str(found.id),
                on=f"{found.applied_at:%Y-%m-%d}",
            )
        if found.approved_by is not None:
            raise Conflict(
                "retention proposal {proposal} is approved already, by {by}",
                proposal=str(found.id),
                by=found.approved_by,
            )
        refused = may_approve(who, found.id, found.proposed_by, one_person_file(uow))
        if refused is not None:
            raise refused
        approved = RetentionProposal._make(
            uow.update(t.retention_proposal, found.id, approved_by=uow.user, approved_at=uow.now())
        )
        own = " (the proposer: one person's SQLite file)" if uow.user == found.proposed_by else ""
        uow.audit(
            "retention.approve",
            detail=f"proposal {found.id} by {found.proposed_by}: {_periods(found)}; approved{own}",
        )
        uow.commit()
        return approved


def apply_retention(app: App, proposal_id: int, archive: Path) -> RetentionApplied:
    """Apply an approved proposal, once, on the real day: archive each due case's complete record to its own
    JSON file, then anonymise the cases and prune the audit rows older than the audit period, in one
    transaction. The administrator applies (every team's closed cases, the whole log). Returns what was done.

    A run killed after it wrote its archive files and before the database committed leaves files that hold
    what the next run writes (but for the day): the next run replaces them (`_leftover`) and goes on."""
    if app.store.path is not None:
        files.protect(app.store.path)
    if archive.exists() and not archive.is_dir():
        raise InvalidValue(
            "--archive '{archive}' is a file; give the folder for the archive files", archive=str(archive)
        )
    uow = app.unit_of_work()
    with uow:
        conn = uow.conn
        permit(uow, "retention.apply")
        proposal = _proposal(uow, proposal_id)
        if proposal.applied_at is not None:
            raise Conflict(
                "retention proposal {proposal} was applied already, on {on}",
                proposal=str(proposal.id),
                on=f"{proposal.applied_at:%Y-%m-%d}",
            )
        if proposal.approved_by is None:
            raise Conflict(
                "retention proposal {proposal} is not approved yet; another team leader approves it: "
                "samfam retention --approve {proposal}",
                proposal=str(proposal.id),
            )
        today = real_day(uow)
        plan = plan_on(conn, today, proposal.years, proposal.audit_months)
        due = plan["cases"]
        records = {c["id"]: record_queries.case_record(conn, c["id"]) for c in due}
        archived: dict[str, dict[str, object]] = {
            c["archive"]: {
                "case": c["case"],
                "archived": today,
                "proposal": proposal.id,
                "proposed_by": proposal.proposed_by,
                "approved_by": proposal.approved_by,
                "retention_years": plan["years"],
                "record": records[c["id"]],
            }
            for c in due
        }
        # First the archive: nothing is removed unless its record is safely on disk, in files of its own.
        taken = [
            str(archive / name)
            for name, data in archived.items()
            if os.path.lexists(archive / name) and not _leftover(archive / name, data)
        ]
        if taken:
            raise Conflict("archive files exist already: {files}; nothing was removed", files=", ".join(taken[:3]))
        approval = f"proposal {proposal.id}, proposed by {proposal.proposed_by}, approved by {proposal.approved_by}"
        for name, data in archived.items():
            write_private(archive / name, data)
        for c in due:
            _anonymise(uow, c["id"], records[c["id"]])
            uow.audit(
                "retention.apply",
                c["case"],
                f"closed {c['closed'].isoformat()}, kept {plan['years']} years: archived to {c['archive']}, "
                f"personal data removed; {approval}",
            )
        pruned = _prune_audit(uow, plan, archive, approval, today)
        _upsert_meta(uow, "retention.years", str(plan["years"]))
        _upsert_meta(uow, "retention.audit_months", str(plan["audit_months"]))
        uow.update(t.retention_proposal, proposal.id, applied_at=uow.now())
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


def _prune_audit(uow: UnitOfWork, plan: RetentionPlan, archive: Path, approval: str, today: date) -> int:
    """Archive and delete the audit rows before the boundary; the chain restarts at the anchor."""
    conn = uow.conn
    boundary = plan["audit"]["boundary"]
    old = audit_queries.rows_before(conn, boundary)
    if not old:
        return 0
    name = f"audit-before-{plan['audit']['kept_from'].isoformat()}-row-{boundary}.json"
    start_hash = old[-1].hash
    if start_hash is None:  # every row since the chain began has one: a row without is a broken log
        raise DatabaseError(
            "audit row {row} has no hash; nothing was removed (see 'samfam audit verify')", row=str(old[-1].id)
        )
    write_private(archive / name, {"pruned": today, "rows": [row._asdict() for row in old]})
    _upsert_meta(uow, audit_queries.ANCHOR_ID, str(boundary))
    _upsert_meta(uow, audit_queries.ANCHOR_HASH, start_hash)
    uow.delete(t.audit_log, t.audit_log.c.id < boundary)
    uow.witness_lines.append(f"anchor {boundary}:{start_hash}")  # pruning is checked against the witness
    uow.audit(
        "audit.prune",
        detail=f"{plural(len(old), '{n} row', '{n} rows', stored=True)} before row {boundary} "
        f"(written before {plan['audit']['kept_from'].isoformat()}) archived to {name}; {approval}; "
        f"anchor {boundary}:{start_hash}",
    )
    return len(old)


def backup(app: App, target: str, force: bool = False) -> BackedUp:
    """A consistent copy of the SQLite database, 0600, checked (integrity and audit chain) before it counts:
    made under a temporary name beside `target` and renamed to it once checked (samfam.files.staged). An
    existing file is replaced only with `force` (an older backup); never the database itself."""
    from samfam.settings import to_url
    from samfam.store import maintenance
    from samfam.store.engine import Store

    store = app.store
    if store.path is None:
        raise DatabaseError(
            "samfam backup copies an SQLite file; on PostgreSQL use pg_dump (e.g. 'pg_dump -Fc -f samfam.dump "
            "DBNAME') and keep the dump as private as the database"
        )
    files.protect(store.path)
    exists = Conflict(
        "'{target}' exists already; give a new file name for the backup, or --force to replace it", target=target
    )
    path = files.check_target(target, force=force, exists=exists)
    with app.connect() as conn:
        refs = [row.ref for row in record_queries.all_refs(conn)]
    with files.staged(path, force=force, exists=exists) as copied:
        try:
            maintenance.backup(store, copied)
        except sqlite3.Error as exc:
            raise InvalidValue("cannot write '{target}': {why}", target=target, why=str(exc)) from None
        found = maintenance.integrity(copied)
        copy = Store(to_url(str(copied)))
        try:
            with copy.connection() as conn:
                verdict = copy.verify_audit(conn)
        finally:
            copy.dispose()
        if found != "ok" or verdict.broken is not None:
            why = found if found != "ok" else verdict.broken.message
            raise DatabaseError("the copy failed its check ({why}); nothing was kept; run 'samfam check'", why=why)
    app.log_read("backup", refs, privacy.BACKUP, f"to {path.name}: {len(refs)} cases, {verdict.rows} audit rows")
    return {"file": str(path), "bytes": path.stat().st_size, "cases": len(refs), "audit_rows": verdict.rows}
