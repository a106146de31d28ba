"""Corrections of applications (issue 19): an application voided (entered by mistake: kept, marked, counts
for nothing) or corrected (voided and recorded again with the right values, linked to the one it corrects),
as events are since 0005.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Four nullable columns on `application`: nothing existing is copied or rewritten on PostgreSQL; on SQLite
the batch copies the (small) application table once. Row-level security covers them with the table
(samfam.store.security: its policy is per row, on the case).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("application") as batch:
        batch.add_column(sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("voided_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("void_reason", sa.String(500), nullable=True))
        # A plain link, no foreign key, as events.corrects_id (0005).
        batch.add_column(sa.Column("corrects_id", sa.Integer, nullable=True))


def downgrade() -> None:
    # A void application would count again below 0009: refused while there is one.
    voided = op.get_bind().execute(sa.text("SELECT count(*) FROM application WHERE voided_at IS NOT NULL")).scalar()
    if voided:
        raise RuntimeError(
            f"{voided} applications are void; below 0009 they would count again (deadlines, the barometer)"
        )
    with op.batch_alter_table("application") as batch:
        batch.drop_column("corrects_id")
        batch.drop_column("void_reason")
        batch.drop_column("voided_by")
        batch.drop_column("voided_at")
