"""Applications and their processing deadlines, the municipality's published frister and closed days,
advisors' absences.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

New tables only: nothing existing is copied or rewritten, on SQLite or PostgreSQL.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("received", sa.Date, nullable=False),
        sa.Column("decided", sa.Date, nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("letter", sa.Date, nullable=True),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("grant_id", sa.Integer, sa.ForeignKey("grants.id"), nullable=True),
    )
    op.create_index("ix_application_case_id", "application", ["case_id"])
    op.create_table(
        "frist",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
    )
    op.create_table(
        "closed_day",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("note", sa.String(200), nullable=True),
    )
    op.create_table(
        "advisor_absence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("advisor.id"), nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("end", sa.Date, nullable=False),
        sa.Column("reason", sa.String(200), nullable=True),
    )
    op.create_index("ix_advisor_absence_advisor_id", "advisor_absence", ["advisor_id"])


def downgrade() -> None:
    op.drop_index("ix_advisor_absence_advisor_id", "advisor_absence")
    op.drop_table("advisor_absence")
    op.drop_table("closed_day")
    op.drop_table("frist")
    op.drop_index("ix_application_case_id", "application")
    op.drop_table("application")
