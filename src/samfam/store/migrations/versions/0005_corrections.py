"""Corrections with history: void events and grants, reopen cases (closures kept), advisors who leave.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("voided_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("void_reason", sa.String(500), nullable=True))
        # A plain link, no foreign key: adding one would make SQLite copy the whole events table.
        batch.add_column(sa.Column("corrects_id", sa.Integer, nullable=True))
    # The follow-up lookups walk this index backwards and must skip void events without reading the
    # table: the index covers voided_at too.
    op.drop_index("ix_events_case_day", "events")
    op.create_index("ix_events_case_day", "events", ["case_id", "day", "kind", "voided_at"])
    with op.batch_alter_table("grants") as batch:
        batch.add_column(sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("voided_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("void_reason", sa.String(500), nullable=True))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("reopened", sa.Date, nullable=True))
    with op.batch_alter_table("advisor") as batch:
        batch.add_column(sa.Column("left", sa.Date, nullable=True))
    op.create_table(
        "case_closure",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("closed", sa.Date, nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("closed_by", sa.String(64), nullable=True),
        sa.Column("reopened", sa.Date, nullable=True),
        sa.Column("reopened_by", sa.String(64), nullable=True),
        sa.Column("reopen_reason", sa.String(500), nullable=True),
    )
    op.create_index("ix_case_closure_case_id", "case_closure", ["case_id"])
    # The closures already made: who closed them is in the audit log, not here.
    op.execute(
        "INSERT INTO case_closure (case_id, closed, reason) "
        "SELECT id, closed, coalesce(close_reason, '') FROM cases WHERE closed IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_index("ix_case_closure_case_id", "case_closure")
    op.drop_table("case_closure")
    with op.batch_alter_table("advisor") as batch:
        batch.drop_column("left")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("reopened")
    with op.batch_alter_table("grants") as batch:
        batch.drop_column("void_reason")
        batch.drop_column("voided_by")
        batch.drop_column("voided_at")
    op.drop_index("ix_events_case_day", "events")
    op.create_index("ix_events_case_day", "events", ["case_id", "day", "kind"])
    with op.batch_alter_table("events") as batch:
        batch.drop_column("corrects_id")
        batch.drop_column("void_reason")
        batch.drop_column("voided_by")
        batch.drop_column("voided_at")
