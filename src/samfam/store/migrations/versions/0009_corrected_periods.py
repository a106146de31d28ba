"""A period of responsibility (primary advisor, buddy) or of the core team that a back-dated change replaced
is kept, marked corrected: when, by whom and why (issue 19).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-10

Three nullable columns on `case_assignment` and on `case_member`: nothing existing is copied or rewritten,
on SQLite or PostgreSQL. Row-level security covers them with their rows (samfam.store.security, applied
again after the upgrade).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("case_assignment", "case_member")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True))
        op.add_column(table, sa.Column("corrected_by", sa.String(64), nullable=True))
        op.add_column(table, sa.Column("correction_reason", sa.String(500), nullable=True))


def downgrade() -> None:
    # Without the mark a corrected period would count again, overlapping the one that replaced it.
    bind = op.get_bind()
    marked = sum(
        bind.execute(sa.text(f"SELECT count(*) FROM {table} WHERE corrected_at IS NOT NULL")).scalar() or 0
        for table in TABLES
    )
    if marked:
        raise RuntimeError(
            f"{marked} periods of responsibility or of the core team are marked corrected; going below 0009 "
            "would make them count again"
        )
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35 and later).
    for table in TABLES:
        op.drop_column(table, "correction_reason")
        op.drop_column(table, "corrected_by")
        op.drop_column(table, "corrected_at")
