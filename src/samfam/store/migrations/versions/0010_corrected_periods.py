"""A period of responsibility (primary advisor, buddy) or of the core team that a back-dated change replaced
is kept, marked corrected: when, by whom and why (issue 19).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10

Three nullable columns on `case_assignment` and on `case_member`: nothing existing is copied or rewritten,
on SQLite or PostgreSQL. Row-level security covers them with their rows (samfam.store.security, applied
again after the upgrade).
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("case_assignment", "case_member")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True))
        op.add_column(table, sa.Column("corrected_by", sa.String(64), nullable=True))
        op.add_column(table, sa.Column("correction_reason", sa.String(500), nullable=True))


#: The functions of samfam.store.security whose core-team test reads the mark.
FUNCTIONS = ("samfam_visible_cases()", "samfam_case_visible(integer, integer, integer)")
MARK = "m.corrected_at IS NULL AND "


def _need_to_know_as_in_0009(bind: sa.Connection) -> None:
    """Need to know as the samfam of 0008 and 0009 set it up (where `init` set it up): no policy and no function reads
    the mark, and the current row of `case_assignment` may be deleted again (a change made twice a day)."""
    for table in TABLES:
        op.execute(f"DROP POLICY IF EXISTS samfam_corrected_stays ON {table}")
    for function in FUNCTIONS:
        found = bind.execute(sa.text("SELECT to_regprocedure(:f)::oid"), {"f": function}).scalar()
        if found is not None:
            body = bind.execute(sa.text("SELECT pg_get_functiondef(:oid)"), {"oid": found}).scalar_one()
            op.execute(sa.text(body.replace(MARK, "")))
    if bind.execute(sa.text("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'samfam_staff'")).scalar():
        op.execute("GRANT DELETE ON case_assignment TO samfam_staff")
        op.execute("DROP POLICY IF EXISTS samfam_current_only ON case_assignment")
        op.execute(
            "CREATE POLICY samfam_current_only ON case_assignment "
            'AS RESTRICTIVE FOR DELETE TO samfam_staff USING ("until" IS NULL)'
        )


def downgrade() -> None:
    # Without the mark a corrected period would count again, overlapping the one that replaced it.
    bind = op.get_bind()
    marked = sum(
        bind.execute(sa.text(f"SELECT count(*) FROM {table} WHERE corrected_at IS NOT NULL")).scalar() or 0
        for table in TABLES
    )
    if marked:
        raise RuntimeError(
            f"{marked} periods of responsibility or of the core team are marked corrected; going below 0010 "
            "would make them count again"
        )
    if bind.dialect.name == "postgresql":
        _need_to_know_as_in_0009(bind)
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35 and later).
    for table in TABLES:
        op.drop_column(table, "correction_reason")
        op.drop_column(table, "corrected_by")
        op.drop_column(table, "corrected_at")
