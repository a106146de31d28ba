"""Who is really acting: the PostgreSQL login linked to an advisor, the operating-system login on every
audit row; emergency access to a case, retention proposals awaiting a second person's approval, and the
sign-offs of a team's access review.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-09

Two nullable columns and new tables: nothing existing is copied or rewritten, on SQLite or PostgreSQL.
The audit rows written before stay valid: a row's hash covers `os_login` only when it is set
(samfam.store.chain).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A unique index rather than a constraint: SQLite adds it without rebuilding the table (several
    # advisors without a login are allowed: NULLs are distinct on both databases).
    op.add_column("advisor", sa.Column("login", sa.String(63), nullable=True))
    op.create_index("ix_advisor_login", "advisor", ["login"], unique=True)
    op.add_column("audit_log", sa.Column("os_login", sa.String(100), nullable=True))
    op.create_table(
        "emergency_access",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("advisor.id"), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_emergency_access_case_id", "emergency_access", ["case_id"])
    op.create_index("ix_emergency_access_advisor_id", "emergency_access", ["advisor_id"])
    op.create_table(
        "retention_proposal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("proposed_by", sa.String(16), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("years", sa.Integer, nullable=False),
        sa.Column("audit_months", sa.Integer, nullable=False),
        sa.Column("approved_by", sa.String(16), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "access_signoff",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team", sa.String(100), nullable=False),
        sa.Column("signed_by", sa.String(16), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
    )


def downgrade() -> None:
    # The chain covers os_login where it is set: dropping it would break every such row's hash.
    carrying = op.get_bind().execute(sa.text("SELECT count(*) FROM audit_log WHERE os_login IS NOT NULL")).scalar()
    if carrying:
        raise RuntimeError(
            f"{carrying} audit rows carry the OS login, which their hashes cover; going below 0008 would break "
            "the audit chain"
        )
    op.drop_table("access_signoff")
    op.drop_table("retention_proposal")
    op.drop_index("ix_emergency_access_advisor_id", "emergency_access")
    op.drop_index("ix_emergency_access_case_id", "emergency_access")
    op.drop_table("emergency_access")
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35 and later): the audit log's guards stay in place.
    op.drop_column("audit_log", "os_login")
    op.drop_index("ix_advisor_login", "advisor")
    op.drop_column("advisor", "login")
