"""The tables as plain SQLAlchemy Core, for every query and write at run time.

`samfam.store.schema` (SQLModel) is the schema's definition: migrations, the demo and the generator
build from it. Building its pydantic models costs a command more than the query itself, so the
commands read and write through these Core tables instead; `tests/test_store_tables.py` checks
that every table here has exactly the columns, types, lengths, keys and nullability of the schema.
The declared lengths are enforced here, on every database (SQLite does not enforce them itself).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, MetaData, String, Table
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A moment in time, stored in UTC, read back as an aware datetime (as SQLModel stores it)."""

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("a moment in time must carry its time zone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


metadata = MetaData()


def _advisor() -> Table:
    return Table(
        "advisor",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("initials", String(16), nullable=False),
        Column("name", String(200), nullable=False),
        Column("team", String(100)),
        Column("role", String(100)),
        Column("caseload_target", Integer()),
        Column("left", Date()),
        Column("login", String(63)),
    )


def _audit_log() -> Table:
    return Table(
        "audit_log",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("at", UTCDateTime(), nullable=False),
        Column("user", String(64), nullable=False),
        Column("action", String(64), nullable=False),
        Column("case_ref", String(32)),
        Column("detail", String(2000)),
        Column("kind", String(5), nullable=False),
        Column("purpose", String(200)),
        Column("cases", String()),
        Column("prev_hash", String(64)),
        Column("hash", String(64)),
        Column("os_login", String(100)),
    )


def _meta() -> Table:
    return Table(
        "meta",
        metadata,
        Column("key", String(64), primary_key=True),
        Column("value", String(400), nullable=False),
    )


def _programme() -> Table:
    return Table(
        "programme",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("name", String(100), nullable=False),
        Column("target", Integer()),
        Column("ends", Date()),
    )


def _team() -> Table:
    return Table(
        "team",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("name", String(100), nullable=False),
        Column("case_meeting_days", Integer()),
    )


def _team_meeting() -> Table:
    return Table(
        "team_meeting",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("team", String(100)),
        Column("kind", String(32), nullable=False),
        Column("day", Date(), nullable=False),
        Column("note", String(2000)),
    )


def _cases() -> Table:
    return Table(
        "cases",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("ref", String(32), nullable=False),
        Column("child_name", String(200), nullable=False),
        Column("cpr", String(11)),
        Column("born", Date()),
        Column("advisor_id", Integer(), ForeignKey("advisor.id"), nullable=False),
        Column("buddy_id", Integer(), ForeignKey("advisor.id")),
        Column("complex", Boolean(), nullable=False),
        Column("opened", Date(), nullable=False),
        Column("closed", Date()),
        Column("close_reason", String(500)),
        Column("reopened", Date()),
    )


def _learning_goal() -> Table:
    return Table(
        "learning_goal",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("advisor_id", Integer(), ForeignKey("advisor.id"), nullable=False),
        Column("text", String(1000), nullable=False),
        Column("created", Date(), nullable=False),
        Column("status", String(16), nullable=False),
    )


def _actor() -> Table:
    return Table(
        "actor",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("kind", String(32), nullable=False),
        Column("name", String(200), nullable=False),
        Column("contact", String(200)),
        Column("coordinator", String(16)),
        Column("since", Date(), nullable=False),
        Column("until", Date()),
    )


def _case_assignment() -> Table:
    return Table(
        "case_assignment",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("advisor_id", Integer(), ForeignKey("advisor.id"), nullable=False),
        Column("role", String(16), nullable=False),
        Column("since", Date(), nullable=False),
        Column("until", Date()),
        Column("corrected_at", UTCDateTime()),
        Column("corrected_by", String(64)),
        Column("correction_reason", String(500)),
    )


def _case_closure() -> Table:
    return Table(
        "case_closure",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("closed", Date(), nullable=False),
        Column("reason", String(500), nullable=False),
        Column("closed_by", String(64)),
        Column("reopened", Date()),
        Column("reopened_by", String(64)),
        Column("reopen_reason", String(500)),
    )


def _case_member() -> Table:
    return Table(
        "case_member",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("advisor_id", Integer(), ForeignKey("advisor.id"), nullable=False),
        Column("role", String(100), nullable=False),
        Column("since", Date(), nullable=False),
        Column("until", Date()),
        Column("corrected_at", UTCDateTime()),
        Column("corrected_by", String(64)),
        Column("correction_reason", String(500)),
    )


def _case_track() -> Table:
    return Table(
        "case_track",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("track", String(16), nullable=False),
        Column("since", Date(), nullable=False),
        Column("until", Date()),
    )


def _enrolment() -> Table:
    return Table(
        "enrolment",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("programme_id", Integer(), ForeignKey("programme.id"), nullable=False),
        Column("enrolled", Date(), nullable=False),
        Column("discharged", Date()),
    )


def _events() -> Table:
    return Table(
        "events",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("kind", String(32), nullable=False),
        Column("day", Date(), nullable=False),
        Column("note", String(2000)),
        Column("scale", Integer()),
        Column("recorded_by", String(64), nullable=False),
        Column("voided_at", UTCDateTime()),
        Column("voided_by", String(64)),
        Column("void_reason", String(500)),
        Column("corrects_id", Integer()),
    )


def _experience() -> Table:
    return Table(
        "experience",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("day", Date(), nullable=False),
        Column("score", Integer(), nullable=False),
    )


def _grants() -> Table:
    return Table(
        "grants",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("code", String(32), nullable=False),
        Column("start", Date(), nullable=False),
        Column("end", Date()),
        Column("voided_at", UTCDateTime()),
        Column("voided_by", String(64)),
        Column("void_reason", String(500)),
    )


def _handover() -> Table:
    return Table(
        "handover",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("kind", String(32), nullable=False),
        Column("started", Date(), nullable=False),
        Column("started_by", String(64), nullable=False),
        Column("detail", String(500)),
        Column("completed", Date()),
        Column("completed_by", String(64)),
        Column("forced_reason", String(500)),
    )


def _learning_review() -> Table:
    return Table(
        "learning_review",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("learning_goal_id", Integer(), ForeignKey("learning_goal.id"), nullable=False),
        Column("day", Date(), nullable=False),
        Column("note", String(2000)),
        Column("by", String(64), nullable=False),
    )


def _event_actor() -> Table:
    return Table(
        "event_actor",
        metadata,
        Column("event_id", Integer(), ForeignKey("events.id"), primary_key=True),
        Column("actor_id", Integer(), ForeignKey("actor.id"), primary_key=True),
    )


def _goal() -> Table:
    return Table(
        "goal",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("text", String(1000), nullable=False),
        Column("horizon", String(8), nullable=False),
        Column("owner_kind", String(16), nullable=False),
        Column("owner_actor_id", Integer(), ForeignKey("actor.id")),
        Column("status", String(16), nullable=False),
        Column("target", Date()),
        Column("created", Date(), nullable=False),
    )


def _handover_tick() -> Table:
    return Table(
        "handover_tick",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("handover_id", Integer(), ForeignKey("handover.id"), nullable=False),
        Column("item", String(32), nullable=False),
        Column("ticked_by", String(64), nullable=False),
        Column("ticked_at", UTCDateTime(), nullable=False),
        Column("note", String(500)),
    )


def _goal_note() -> Table:
    return Table(
        "goal_note",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("goal_id", Integer(), ForeignKey("goal.id"), nullable=False),
        Column("day", Date(), nullable=False),
        Column("note", String(2000), nullable=False),
        Column("status", String(16)),
        Column("by", String(64), nullable=False),
    )


def _task() -> Table:
    return Table(
        "task",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("goal_id", Integer(), ForeignKey("goal.id"), nullable=False),
        Column("text", String(1000), nullable=False),
        Column("doer_kind", String(16), nullable=False),
        Column("doer_actor_id", Integer(), ForeignKey("actor.id")),
        Column("due", Date()),
        Column("done", Date()),
    )


def _application() -> Table:
    return Table(
        "application",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("code", String(32), nullable=False),
        Column("received", Date(), nullable=False),
        Column("decided", Date()),
        Column("outcome", String(16)),
        Column("letter", Date()),
        Column("recorded_by", String(64), nullable=False),
        Column("grant_id", Integer(), ForeignKey("grants.id")),
        Column("voided_at", UTCDateTime()),
        Column("voided_by", String(64)),
        Column("void_reason", String(500)),
        Column("corrects_id", Integer()),
    )


def _frist() -> Table:
    return Table(
        "frist",
        metadata,
        Column("code", String(32), primary_key=True),
        Column("amount", Integer(), nullable=False),
        Column("unit", String(16), nullable=False),
    )


def _closed_day() -> Table:
    return Table(
        "closed_day",
        metadata,
        Column("day", Date(), primary_key=True),
        Column("note", String(200)),
    )


def _advisor_absence() -> Table:
    return Table(
        "advisor_absence",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("advisor_id", Integer(), ForeignKey("advisor.id"), nullable=False),
        Column("start", Date(), nullable=False),
        Column("end", Date(), nullable=False),
        Column("reason", String(200)),
    )


def _emergency_access() -> Table:
    return Table(
        "emergency_access",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False),
        Column("advisor_id", Integer(), ForeignKey("advisor.id"), nullable=False),
        Column("reason", String(500), nullable=False),
        Column("opened_at", UTCDateTime(), nullable=False),
        Column("expires_at", UTCDateTime(), nullable=False),
        Column("closed_at", UTCDateTime()),
    )


def _retention_proposal() -> Table:
    return Table(
        "retention_proposal",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("proposed_by", String(16), nullable=False),
        Column("proposed_at", UTCDateTime(), nullable=False),
        Column("years", Integer(), nullable=False),
        Column("audit_months", Integer(), nullable=False),
        Column("approved_by", String(16)),
        Column("approved_at", UTCDateTime()),
        Column("applied_at", UTCDateTime()),
    )


def _access_signoff() -> Table:
    return Table(
        "access_signoff",
        metadata,
        Column("id", Integer(), primary_key=True),
        Column("team", String(100), nullable=False),
        Column("signed_by", String(16), nullable=False),
        Column("signed_at", UTCDateTime(), nullable=False),
        Column("note", String(500)),
    )


_BUILDERS = {
    name: globals()[f"_{name}"]
    for name in (
        "advisor",
        "audit_log",
        "meta",
        "programme",
        "team",
        "team_meeting",
        "cases",
        "learning_goal",
        "actor",
        "case_assignment",
        "case_closure",
        "case_member",
        "case_track",
        "enrolment",
        "events",
        "experience",
        "grants",
        "handover",
        "learning_review",
        "event_actor",
        "goal",
        "handover_tick",
        "goal_note",
        "task",
        "application",
        "frist",
        "closed_day",
        "advisor_absence",
        "emergency_access",
        "retention_proposal",
        "access_signoff",
    )
}


def __getattr__(name: str) -> Table:
    """A table is built the first time a command asks for it (PEP 562): building all of them would cost
    every command a few milliseconds for tables it never touches."""
    builder = _BUILDERS.get(name)
    if builder is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    table = metadata.tables.get(name)
    if table is None:
        table = builder()
    globals()[name] = table
    return table


def every_table() -> MetaData:
    """All the tables, built (for the test that holds them to the schema)."""
    for name in _BUILDERS:
        __getattr__(name)
    return metadata
