"""The tables. Schema changes go through Alembic migrations (samfam/migrations)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Meta(SQLModel, table=True):
    __tablename__ = "meta"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=400)


class Advisor(SQLModel, table=True):
    __tablename__ = "advisor"

    id: int | None = Field(default=None, primary_key=True)
    initials: str = Field(max_length=16, unique=True)
    name: str = Field(max_length=200)
    team: str | None = Field(default=None, max_length=100, index=True)
    role: str | None = Field(default=None, max_length=100)


class Case(SQLModel, table=True):
    __tablename__ = "cases"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=32, unique=True)
    child_name: str = Field(max_length=200)
    cpr: str | None = Field(default=None, max_length=11)
    born: date | None = None
    advisor_id: int = Field(foreign_key="advisor.id", index=True)
    buddy_id: int | None = Field(default=None, foreign_key="advisor.id", index=True)
    complex: bool = False
    opened: date
    closed: date | None = Field(default=None, index=True)
    close_reason: str | None = Field(default=None, max_length=500)


class Grant(SQLModel, table=True):
    __tablename__ = "grants"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    code: str = Field(max_length=32)
    start: date
    end: date | None = None


class Event(SQLModel, table=True):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_case_day", "case_id", "day", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    kind: str = Field(max_length=32)
    day: date
    note: str | None = Field(default=None, max_length=2000)
    scale: int | None = None
    recorded_by: str = Field(max_length=64)


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_case_at", "case_ref", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    user: str = Field(max_length=64, index=True)
    action: str = Field(max_length=64)
    case_ref: str | None = Field(default=None, max_length=32)
    detail: str | None = Field(default=None, max_length=2000)


__all__ = ["Advisor", "AuditEntry", "Case", "Event", "Grant", "Meta", "UniqueConstraint"]
