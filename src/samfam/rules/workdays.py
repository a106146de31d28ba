"""Danish working days, and deadlines counted in them (docs/rules.md § 9). Pure: the days off are a parameter.

A working day is a Monday to Friday that is neither a public holiday nor a day the municipality closes.
The weekend is this module's own; every other day off comes in as `closed`, any container of dates (a
set in the tests; at run time `samfam.views.workdays`, which combines the public holidays of the
`holidays` package with the municipality's closed days).

- **Counting working days** starts on the day after the day counted from: 10 working days from Friday
  18 December 2026 end on Tuesday 5 January 2027 when only the public holidays are off (25 and
  26 December, 1 January), and on Thursday 7 January 2027 when the municipality also closes on 24 and
  31 December.
- **Weeks and days** are calendar arithmetic from the day of receipt (8 weeks from 2 November is
  28 December). Such a deadline is not moved when it falls on a day off: it is the municipality's own
  promise, and moving it would lengthen it (our reading).
- **The day to book** a follow-up due on a day off is the last working day before it: the model's
  cadence stays as it is, only the day to book moves (a follow-up due Sunday 17 January 2027 is booked
  on Friday 15 January).
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

from samfam.words import Phrase, counted, mark, plural

#: The days of the week, Monday first, as the data says them (a table for people shows them in its words).
WEEKDAYS = (
    mark("Monday"), mark("Tuesday"), mark("Wednesday"), mark("Thursday"), mark("Friday"), mark("Saturday"),
    mark("Sunday"),
)  # fmt: skip

#: The units a municipality publishes its processing deadlines in.
WORKDAYS = "workdays"
WEEKS = "weeks"
DAYS = "days"
UNITS = (WORKDAYS, WEEKS, DAYS)
#: How the units read in a sentence: "40 working days", "8 weeks", "30 days".
UNIT_WORDS = {
    WORKDAYS: ("{n} working day", "{n} working days"),
    WEEKS: ("{n} week", "{n} weeks"),
    DAYS: ("{n} day", "{n} days"),
}

SATURDAY = 5
#: No calendar has this many days off in a row; a `closed` that says so is a mistake, not a long wait.
LONGEST_BREAK = 366

Closed = Container[date]


def is_workday(day: date, closed: Closed) -> bool:
    """Monday to Friday and not in `closed` (the public holidays and the days the municipality closes)."""
    return day.weekday() < SATURDAY and day not in closed


def _step(day: date, closed: Closed, direction: int) -> date:
    """The next working day after `day` (direction 1) or before it (-1)."""
    for _ in range(LONGEST_BREAK):
        day += timedelta(days=direction)
        if is_workday(day, closed):
            return day
    raise ValueError(f"no working day within {LONGEST_BREAK} days of {day.isoformat()}")


def add_workdays(start: date, n: int, closed: Closed) -> date:
    """The n-th working day after `start`, counted from the day after it (`start` itself never counts,
    whatever day it is). 0 working days is `start` itself."""
    if n < 0:
        raise ValueError(f"{n} working days: count forward, 0 or more")
    day = start
    for _ in range(n):
        day = _step(day, closed, 1)
    return day


def last_workday_on_or_before(day: date, closed: Closed) -> date:
    """`day` if it is a working day, else the last working day before it."""
    return day if is_workday(day, closed) else _step(day, closed, -1)


def book_on(due: date, closed: Closed) -> date:
    """The day to book a follow-up due on `due`: the last working day on or before it."""
    return last_workday_on_or_before(due, closed)


def deadline(received: date, n: int, unit: str, closed: Closed) -> date:
    """The processing deadline of an application received on `received`, under a published deadline of
    `n` `unit`s (workdays | weeks | days), counted from the day after receipt."""
    if n < 1:
        raise ValueError(f"a deadline of {n} {unit}: it is 1 or more")
    if unit == WORKDAYS:
        return add_workdays(received, n, closed)
    if unit == WEEKS:
        return received + timedelta(weeks=n)
    if unit == DAYS:
        return received + timedelta(days=n)
    raise ValueError(f"'{unit}' is not a unit; use one of: {', '.join(UNITS)}")


def describe(n: int, unit: str) -> str:
    """'40 working days', '1 week', '30 days', in the reader's language."""
    one, many = UNIT_WORDS.get(unit, (f"{{n}} {unit}", f"{{n}} {unit}"))
    return plural(n, one, many)


def described(n: int, unit: str) -> Phrase:
    """`describe` as data keeps it: the English ('40 working days', what JSON shows), said in the reader's
    language where people read it (a table's cell)."""
    one, many = UNIT_WORDS.get(unit, (f"{{n}} {unit}", f"{{n}} {unit}"))
    return counted(n, one, many)
