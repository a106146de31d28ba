"""The track of each case over time, derived from its grants (for the overdue report in SQL).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import itertools

import sqlalchemy as sa
from alembic import op

from samfam.rules.cadence import Grant, track_periods

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    case_track = op.create_table(
        "case_track",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("track", sa.String(16), nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("until", sa.Date, nullable=True),
    )
    op.create_index("ix_case_track_case_since", "case_track", ["case_id", "since"])
    # The reports read a case's grants whole from the index (code, start, end), not from the table.
    op.create_index("ix_grants_case_start", "grants", ["case_id", "start", "code", "end"])
    grants = sa.table(
        "grants", sa.column("case_id", sa.Integer), sa.column("code", sa.String), sa.column("start", sa.Date),
        sa.column("end", sa.Date),
    )  # fmt: skip
    rows = op.get_bind().execute(
        sa.select(grants.c.case_id, grants.c.code, grants.c.start, grants.c["end"]).order_by(grants.c.case_id)
    )
    batch = []
    for case_id, spans in itertools.groupby(rows, key=lambda r: r[0]):
        for since, until, track in track_periods([Grant(code, start, end) for _, code, start, end in spans]):
            batch.append({"case_id": case_id, "track": track, "since": since, "until": until})
        if len(batch) >= 5000:
            op.bulk_insert(case_track, batch)
            batch = []
    if batch:
        op.bulk_insert(case_track, batch)


def downgrade() -> None:
    op.drop_index("ix_grants_case_start", "grants")
    op.drop_table("case_track")
