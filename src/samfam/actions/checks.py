"""Checks every write makes on dates and on the state of a case, with the same messages everywhere."""

from __future__ import annotations

from datetime import date
from typing import Any

from samfam.errors import Conflict, InvalidValue


def case_open_on(case: Any, on: date) -> None:
    """Refuse a change to a case that is closed on the day."""
    if case.closed is not None and case.closed <= on:
        raise Conflict(f"case {case.ref} was closed on {case.closed.isoformat()}")


def not_before_opening(case: Any, on: date, what: str) -> None:
    if on < case.opened:
        raise InvalidValue(f"{what} {on.isoformat()} is before case {case.ref} opened ({case.opened.isoformat()})")


def not_in_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise InvalidValue(f"{what} {on.isoformat()} is after today ({today.isoformat()})")
