"""Responsibility over time, caseload targets, team rhythm, learning goals, programmes, experience.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("advisor") as batch:
        batch.add_column(sa.Column("caseload_target", sa.Integer, nullable=True))
    op.create_table(
        "case_assignment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("advisor.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("until", sa.Date, nullable=True),
    )
    op.create_index("ix_case_assignment_case_role", "case_assignment", ["case_id", "role", "since"])
    op.create_index("ix_case_assignment_advisor_id", "case_assignment", ["advisor_id"])
    # What is known of the past: today's primary advisor and buddy, since the case opened.
    op.execute(
        "INSERT INTO case_assignment (case_id, advisor_id, role, since, until) "
        "SELECT id, advisor_id, 'primary', opened, closed FROM cases"
    )
    op.execute(
        "INSERT INTO case_assignment (case_id, advisor_id, role, since, until) "
        "SELECT id, buddy_id, 'buddy', opened, closed FROM cases WHERE buddy_id IS NOT NULL"
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("case_meeting_days", sa.Integer, nullable=True),
    )
    op.create_table(
        "team_meeting",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team", sa.String(100), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("note", sa.String(2000), nullable=True),
    )
    op.create_index("ix_team_meeting_team", "team_meeting", ["team"])
    op.create_table(
        "learning_goal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("advisor.id"), nullable=False),
        sa.Column("text", sa.String(1000), nullable=False),
        sa.Column("created", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_index("ix_learning_goal_advisor_id", "learning_goal", ["advisor_id"])
    op.create_table(
        "learning_review",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learning_goal_id", sa.Integer, sa.ForeignKey("learning_goal.id"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("note", sa.String(2000), nullable=True),
        sa.Column("by", sa.String(64), nullable=False),
    )
    op.create_index("ix_learning_review_learning_goal_id", "learning_review", ["learning_goal_id"])
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("target", sa.Integer, nullable=True),
        sa.Column("ends", sa.Date, nullable=True),
    )
    op.create_table(
        "enrolment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("programme_id", sa.Integer, sa.ForeignKey("programme.id"), nullable=False),
        sa.Column("enrolled", sa.Date, nullable=False),
        sa.Column("discharged", sa.Date, nullable=True),
    )
    op.create_index("ix_enrolment_case_id", "enrolment", ["case_id"])
    op.create_index("ix_enrolment_programme_id", "enrolment", ["programme_id"])
    op.create_table(
        "experience",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
    )
    op.create_index("ix_experience_case_id", "experience", ["case_id"])


def downgrade() -> None:
    for table in (
        "experience", "enrolment", "programme", "learning_review", "learning_goal", "team_meeting", "team",
        "case_assignment",
    ):  # fmt: skip
        op.drop_table(table)
    with op.batch_alter_table("advisor") as batch:
        batch.drop_column("caseload_target")
