"""Goals with notes and tasks, actors, the core team, handovers with ticked items.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("contact", sa.String(200), nullable=True),
        sa.Column("coordinator", sa.String(16), nullable=True),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("until", sa.Date, nullable=True),
    )
    op.create_index("ix_actor_case_id", "actor", ["case_id"])
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("text", sa.String(1000), nullable=False),
        sa.Column("horizon", sa.String(8), nullable=False),
        sa.Column("owner_kind", sa.String(16), nullable=False),
        sa.Column("owner_actor_id", sa.Integer, sa.ForeignKey("actor.id"), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("target", sa.Date, nullable=True),
        sa.Column("created", sa.Date, nullable=False),
    )
    op.create_index("ix_goal_case_id", "goal", ["case_id"])
    op.create_table(
        "goal_note",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("goal_id", sa.Integer, sa.ForeignKey("goal.id"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("note", sa.String(2000), nullable=False),
        sa.Column("status", sa.String(16), nullable=True),
        sa.Column("by", sa.String(64), nullable=False),
    )
    op.create_index("ix_goal_note_goal_id", "goal_note", ["goal_id"])
    op.create_table(
        "task",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("goal_id", sa.Integer, sa.ForeignKey("goal.id"), nullable=False),
        sa.Column("text", sa.String(1000), nullable=False),
        sa.Column("doer_kind", sa.String(16), nullable=False),
        sa.Column("doer_actor_id", sa.Integer, sa.ForeignKey("actor.id"), nullable=True),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("done", sa.Date, nullable=True),
    )
    op.create_index("ix_task_goal_id", "task", ["goal_id"])
    op.create_table(
        "event_actor",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actor.id"), primary_key=True),
    )
    op.create_table(
        "case_member",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("advisor.id"), nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("until", sa.Date, nullable=True),
    )
    op.create_index("ix_case_member_case_id", "case_member", ["case_id"])
    op.create_table(
        "handover",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("started", sa.Date, nullable=False),
        sa.Column("started_by", sa.String(64), nullable=False),
        sa.Column("detail", sa.String(500), nullable=True),
        sa.Column("completed", sa.Date, nullable=True),
        sa.Column("completed_by", sa.String(64), nullable=True),
        sa.Column("forced_reason", sa.String(500), nullable=True),
    )
    op.create_index("ix_handover_case_id", "handover", ["case_id"])
    op.create_table(
        "handover_tick",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("handover_id", sa.Integer, sa.ForeignKey("handover.id"), nullable=False),
        sa.Column("item", sa.String(32), nullable=False),
        sa.Column("ticked_by", sa.String(64), nullable=False),
        sa.Column("ticked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(500), nullable=True),
    )
    op.create_index("ix_handover_tick_handover_id", "handover_tick", ["handover_id"])


def downgrade() -> None:
    for table in ("handover_tick", "handover", "case_member", "event_actor", "task", "goal_note", "goal", "actor"):
        op.drop_table(table)
