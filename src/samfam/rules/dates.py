"""Calendar dates: parsing the forms advisors type, and calendar-month arithmetic.

Pure: standard library and dateutil only; `today` is always a parameter.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from samfam.words import Phrase, mark

_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")  # ASCII digits only
_DANISH = re.compile(r"^([0-9]{1,2})[-.]([0-9]{1,2})[-.]([0-9]{4})$")

DATE_FORMS = mark("YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY")
#: The days samfam works with: a child born in 1900 to a case followed up in 2199. Outside these,
#: calendar arithmetic (a due date 3 months on) would leave the calendar.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)


class DateSyntaxError(ValueError):
    """The text is not a date in an accepted form, or names a day that does not exist. Its English is the
    template (marked) formatted; `template` and `fields` say it in the reader's language (samfam.words.said)."""

    def __init__(self, template: str, **fields: object) -> None:
        super().__init__(template.format(**fields))
        self.template = template
        self.fields = fields


def parse_date(text: str) -> date:
    """Parse ISO `2026-11-22` or Danish `22-11-2026` / `22.11.2026`."""
    raw = text.strip()
    if m := _ISO.match(raw):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DANISH.match(raw):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise DateSyntaxError(mark("'{text}' is not a date; use {forms}"), text=text, forms=Phrase(DATE_FORMS))
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise DateSyntaxError(
            mark("'{text}' is not a day in the calendar ({day} does not exist)"),
            text=text,
            day=f"{year:04d}-{month:02d}-{day:02d}",
        ) from None
    if not FIRST_DAY <= parsed <= LAST_DAY:
        raise DateSyntaxError(
            mark("'{text}' is outside the dates samfam works with ({first} to {last})"),
            text=text,
            first=str(FIRST_DAY),
            last=str(LAST_DAY),
        )
    return parsed


@lru_cache(maxsize=4096)
def add_months(day: date, months: int) -> date:
    """`day` plus calendar months, clamped to the month's end (31 Jan + 3 months = 30 Apr)."""
    return day + relativedelta(months=months)


def age_on(born: date, on: date) -> int:
    """Completed years of age on a date; consistent with `birthday` (29 Feb counts on 28 Feb)."""
    years = on.year - born.year
    if birthday(born, years) > on:
        years -= 1
    return years


def birthday(born: date, years: int) -> date:
    """The day someone born on `born` turns `years` (29 February → 28 February in common years)."""
    return born + relativedelta(years=years)
