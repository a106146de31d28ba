"""Retention proposals: one person proposes the periods, another approves, then it is applied once
(docs/privacy.md § 4)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from samfam.store import tables as t
from samfam.store.records import RetentionProposal


def proposal(conn: Connection, proposal_id: int) -> RetentionProposal | None:
    row = conn.execute(select(t.retention_proposal).where(t.retention_proposal.c.id == proposal_id)).first()
    return RetentionProposal._make(row) if row is not None else None


def pending(conn: Connection) -> list[RetentionProposal]:
    """The proposals not applied yet, oldest first."""
    p = t.retention_proposal
    return [
        RetentionProposal._make(r) for r in conn.execute(select(p).where(p.c.applied_at.is_(None)).order_by(p.c.id))
    ]
