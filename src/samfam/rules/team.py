"""The team's rhythm and follow-through (docs/rules.md § 1): meetings, learning goals, caseload, enrolment.

Pure: plain values in, the as-of date a parameter.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from samfam.rules.dates import add_months, age_on
from samfam.words import Phrase, counted, mark, plural

#: The team's meetings, as the data keeps them (a table for people shows them in the reader's language).
MEETING_KINDS = (mark("case-meeting"), mark("half-day"), mark("stop-op"))
#: Where a kind of meeting stands in the team's rhythm (a table for people shows it in the reader's language).
NONE_HELD = mark("none held yet")
HELD_NO_RHYTHM = mark("held; no rhythm set")
HELD = mark("held")
MEETING_OVERDUE = mark("overdue")
ON_TRACK = mark("on track")
MEETING_STATUSES = (NONE_HELD, HELD_NO_RHYTHM, HELD, MEETING_OVERDUE, ON_TRACK)
#: A learning goal's statuses.
LEARNING_STATUSES = (mark("open"), mark("achieved"), mark("dropped"))
#: A learning goal not followed up with the team leader for LEARNING_REVIEW_MONTHS.
NOT_REVIEWED = Phrase(mark("not reviewed for 3 months"))
STOP_OP_MONTHS = 3  # the model's stop-op meeting about how the model works, every 3 months
LEARNING_REVIEW_MONTHS = 3  # individual learning goals followed up with the team leader
EXPERIENCE_SCALE = range(1, 6)  # the family's experience of coordination, 1-5
AGE_BANDS = ((0, 6, "0-6"), (7, 12, "7-12"), (13, 17, "13-17"))


def next_meeting(kind: str, last: date | None, case_meeting_days: int | None) -> date | None:
    """When the next meeting of a kind is due after the last one; None when no rhythm applies."""
    if last is None:
        return None
    if kind == "stop-op":
        return add_months(last, STOP_OP_MONTHS)
    if kind == "case-meeting" and case_meeting_days:
        return last + timedelta(days=case_meeting_days)
    return None


def rhythm(kind: str, case_meeting_days: int | None) -> str | None:
    """How often a meeting of a kind is held, as the data says it (English, whatever the reader's
    language: JSON is the same in every language): "every 3 months", "every 14 days"; None when no
    rhythm applies. A Phrase: a table says it in the reader's language (`rhythm_words` from the text)."""
    if kind == "stop-op":
        return counted(STOP_OP_MONTHS, "every {n} month", "every {n} months")
    if kind == "case-meeting" and case_meeting_days:
        return counted(case_meeting_days, "every {n} day", "every {n} days")
    return None


_RHYTHM = re.compile(r"every (\d+) (day|month)s?")


def rhythm_words(rhythm_: str | None, lang: str | None = None) -> str | None:
    """A rhythm of `rhythm` for people, in the command's language (or `lang`): "hver 14. dag" in Danish.
    Any other text is given back as it is."""
    found = _RHYTHM.fullmatch(rhythm_ or "")
    if found is None:
        return rhythm_
    n = int(found[1])
    if found[2] == "day":
        return plural(n, "every {n} day", "every {n} days", lang=lang)
    return plural(n, "every {n} month", "every {n} months", lang=lang)


def learning_review_due(created: date, last_review: date | None) -> date:
    return add_months(last_review or created, LEARNING_REVIEW_MONTHS)


def age_band(born: date | None, on: date) -> str:
    if born is None:
        return "unknown"
    age = age_on(born, on)
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "18+"


def enrolled_on(enrolled: date, discharged: date | None, on: date) -> tuple[bool, bool]:
    """(enrolled by `on`, discharged by `on`) for one enrolment."""
    return enrolled <= on, discharged is not None and discharged <= on
