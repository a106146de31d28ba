"""Queries of the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from samfam.store import tables as t


def audit_entries(conn: Connection, case_ref: str | None, user: str | None, limit: int | None) -> list[Any]:
    query = select(
        t.audit_log.c.at, t.audit_log.c.user, t.audit_log.c.action, t.audit_log.c.case_ref, t.audit_log.c.detail
    ).order_by(t.audit_log.c.id.desc())
    if case_ref:
        query = query.where(t.audit_log.c.case_ref == case_ref)
    if user:
        query = query.where(t.audit_log.c.user == user)
    if limit:
        query = query.limit(limit)
    return list(conn.execute(query).all())
