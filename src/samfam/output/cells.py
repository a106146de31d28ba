"""One value as text in a cell: shared by the JSON/CSV writers and the tables for people."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    justify: str = "left"


def plain_value(value: Any) -> Any:
    """A JSON-ready value: ISO dates, UTC timestamps with Z."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def cell(value: Any, list_sep: str) -> str:
    kind = type(value)
    if kind is str:  # the common cases first: thousands of rows go through here
        return value
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if kind is date:
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return plain_value(value)
    if isinstance(value, list | tuple):
        if any(isinstance(v, dict) for v in value):  # records in one cell: JSON, for scripts to decode
            return json.dumps(value, ensure_ascii=False, default=plain_value)
        return list_sep.join(cell(v, list_sep) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=plain_value)
    return str(value)
