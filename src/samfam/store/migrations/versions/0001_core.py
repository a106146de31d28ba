"""The core: advisors, cases, grants, events, the audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(400), nullable=False),
    )
    op.create_table(
        "advisor",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("initials", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("team", sa.String(100), nullable=True),
        sa.Column("role", sa.String(100), nullable=True),
    )
    op.create_index("ix_advisor_team", "advisor", ["team"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ref", sa.String(32), nullable=False, unique=True),
        sa.Column("child_name", sa.String(200), nullable=False),
        sa.Column("cpr", sa.String(11), nullable=True),
        sa.Column("born", sa.Date, nullable=True),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("advisor.id"), nullable=False),
        sa.Column("buddy_id", sa.Integer, sa.ForeignKey("advisor.id"), nullable=True),
        sa.Column("complex", sa.Boolean, nullable=False),
        sa.Column("opened", sa.Date, nullable=False),
        sa.Column("closed", sa.Date, nullable=True),
        sa.Column("close_reason", sa.String(500), nullable=True),
    )
    op.create_index("ix_cases_advisor_id", "cases", ["advisor_id"])
    op.create_index("ix_cases_buddy_id", "cases", ["buddy_id"])
    op.create_index("ix_cases_closed", "cases", ["closed"])
    op.create_table(
        "grants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("end", sa.Date, nullable=True),
    )
    op.create_index("ix_grants_case_id", "grants", ["case_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("note", sa.String(2000), nullable=True),
        sa.Column("scale", sa.Integer, nullable=True),
        sa.Column("recorded_by", sa.String(64), nullable=False),
    )
    op.create_index("ix_events_case_day", "events", ["case_id", "day", "kind"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("case_ref", sa.String(32), nullable=True),
        sa.Column("detail", sa.String(2000), nullable=True),
    )
    op.create_index("ix_audit_log_user", "audit_log", ["user"])
    op.create_index("ix_audit_case_at", "audit_log", ["case_ref", "at"])
    _make_audit_append_only()


def _make_audit_append_only() -> None:
    """The audit log only grows: the database itself refuses updates and deletes."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION samfam_audit_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION samfam_audit_append_only()"
        )


def downgrade() -> None:
    for table in ("audit_log", "events", "grants", "cases", "advisor", "meta"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS samfam_audit_append_only()")
