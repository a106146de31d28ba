"""Reads of the audit log."""

from __future__ import annotations

from typing import Any

from samfam.context import App
from samfam.store.queries import audit as audit_queries
from samfam.views import lookups
from samfam.views.followups import Row

Conn = Any


def audit_log(app: App, case: str | None = None, user: str | None = None, limit: int | None = None) -> list[Row]:
    with app.connect() as conn:
        ref = lookups.case(conn, case).ref if case else None
        return [
            {"at": e.at, "user": e.user, "action": e.action, "case": e.case_ref, "detail": e.detail}
            for e in audit_queries.audit_entries(conn, ref, user, limit)
        ]
