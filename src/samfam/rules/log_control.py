"""Log control (docs/privacy.md "Log control"): which reads are worth a look, emergency access, the review
of a logged read and the half-yearly sign-off of who can see a team's cases.

Pure: plain values in, the days off and the moments parameters (standard library only).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from samfam.rules.dates import add_months
from samfam.rules.workdays import WEEKDAYS, is_workday
from samfam.words import Phrase, counted, mark

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

#: Emergency access ("break the glass"): hours by default, and at most.
EMERGENCY_HOURS = 3
EMERGENCY_MAX_HOURS = 24
#: A read that showed more cases than this is a bulk read (`audit unusual --bulk N`).
BULK_CASES = 50
#: Working hours, local time in Copenhagen: a read before the start or after the end is worth a look.
WORK_STARTS = time(7, 0)
WORK_ENDS = time(18, 0)
#: Reads that are bulk whatever they showed: every case's whole record, a copy of the database.
BULK_ACTIONS = ("export", "backup")
#: The read that shows a full CPR number (`case show --reveal-cpr`).
REVEAL_CPR_ACTIONS = ("case.show.reveal-cpr",)
#: Who can see a team's cases is signed off by the team leader this often (half-yearly).
SIGNOFF_MONTHS = 6
#: How many case references an `audit unusual` row names before it only counts them.
FIRST_REFS = 3

#: The reasons a read is worth a look, in the order `why` lists them: each a Phrase (samfam.words), English for
#: scripts (JSON, CSV), said in the reader's language in a table.
OUTSIDE_CASELOAD = Phrase(mark("outside caseload"))
EMERGENCY = Phrase(mark("emergency access"))
BULK = Phrase(mark("bulk read"))
FULL_CPR = Phrase(mark("full CPR number"))
OUT_OF_HOURS = Phrase(mark("outside working hours"))
REASONS = (OUTSIDE_CASELOAD, EMERGENCY, BULK, FULL_CPR, OUT_OF_HOURS)

_DAYS = tuple(Phrase(day) for day in WEEKDAYS)


def local(at: datetime) -> datetime:
    """A logged moment (UTC; naive is read as UTC) in Copenhagen's local time."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(COPENHAGEN)


def outside_hours(at: datetime, closed: Container[date]) -> str | None:
    """Why a moment falls outside working hours (before 07:00, after 18:00 local time, a weekend, a public
    holiday or a day the municipality closes), as a reason; None inside them."""
    here = local(at)
    day, clock = here.date(), here.time().replace(tzinfo=None)
    weekday, time_ = _DAYS[day.weekday()], f"{clock:%H:%M}"
    if day.weekday() >= 5:
        return Phrase(mark("outside working hours (weekend: {weekday} {time})"), weekday=weekday, time=time_)
    if not is_workday(day, closed):
        return Phrase(mark("outside working hours (day off: {day} {time})"), day=day, time=time_)
    if clock < WORK_STARTS:
        return Phrase(
            mark("outside working hours (before {start}: {weekday} {time})"),
            start=f"{WORK_STARTS:%H:%M}",
            weekday=weekday,
            time=time_,
        )
    if clock > WORK_ENDS:
        return Phrase(
            mark("outside working hours (after {end}: {weekday} {time})"),
            end=f"{WORK_ENDS:%H:%M}",
            weekday=weekday,
            time=time_,
        )
    return None


def bulk(action: str, cases: int, limit: int = BULK_CASES) -> str | None:
    """A read of every case's record or of the database, or of more than `limit` cases, as a reason."""
    if action in BULK_ACTIONS or action.startswith(tuple(a + "." for a in BULK_ACTIONS)):
        return Phrase(
            mark("bulk read ({action}, {cases})"), action=action, cases=counted(cases, "{n} case", "{n} cases")
        )
    if cases > limit:
        return Phrase(
            mark("bulk read ({cases}, more than {limit})"), cases=counted(cases, "{n} case", "{n} cases"), limit=limit
        )
    return None


def full_cpr(action: str) -> str | None:
    return FULL_CPR if action in REVEAL_CPR_ACTIONS else None


class Holder(NamedTuple):
    """Someone on a case over a span of days: the primary advisor, the buddy or a member of its core team."""

    initials: str
    role: str  # primary | buddy | the core-team role
    since: date | None
    until: date | None  # the last day held; None: still held


def holds_on(holders: Iterable[Holder], initials: str, day: date) -> bool:
    """Whether `initials` was primary, buddy or on the core team of the case on `day`."""
    return any(
        h.initials == initials and (h.since is None or h.since <= day) and (h.until is None or day <= h.until)
        for h in holders
    )


class Grant(NamedTuple):
    """An emergency access: who, to which case, from when until when (UTC; `closed` when ended early)."""

    initials: str
    case: str
    opened: datetime
    expires: datetime
    closed: datetime | None


def ends(grant: Grant) -> datetime:
    """The moment an emergency access ended or ends: its expiry, or when it was closed before that."""
    return min(grant.expires, grant.closed) if grant.closed is not None else grant.expires


def active(grant: Grant, at: datetime) -> bool:
    """Whether the emergency access is open at the moment `at`; an expired one shows nothing."""
    return grant.opened <= at < ends(grant)


def covered(grants: Iterable[Grant], initials: str, case: str, at: datetime) -> bool:
    """Whether `initials` read `case` at `at` under an emergency access of theirs."""
    return any(g.initials == initials and g.case == case and active(g, at) for g in grants)


def emergency_expiry(opened: datetime, hours: int) -> datetime:
    return opened + timedelta(hours=hours)


def why(
    *,
    user: str,
    action: str,
    at: datetime,
    refs: Sequence[str],
    holders: dict[str, list[Holder]],
    grants: Sequence[Grant],
    closed: Container[date],
    limit: int = BULK_CASES,
) -> list[str]:
    """The reasons a read is worth a look (empty: it is not).

    - **outside caseload**: the read is about one case and the reader was not its primary advisor, buddy or
      on its core team on the day (local time); a listing of many cases is judged by its size instead;
    - **emergency access**: such a read made under the reader's own emergency access to the case;
    - **bulk read**: an export or a backup, or more than `limit` cases;
    - **full CPR number**: `case show --reveal-cpr`;
    - **outside working hours**: before 07:00 or after 18:00 in Copenhagen, a weekend or a day off.
    """
    reasons: list[str] = []
    if len(refs) == 1 and action not in BULK_ACTIONS:
        ref = refs[0]
        if not holds_on(holders.get(ref, ()), user, local(at).date()):
            reasons.append(EMERGENCY if covered(grants, user, ref, at) else OUTSIDE_CASELOAD)
    for reason in (bulk(action, len(refs), limit), full_cpr(action), outside_hours(at, closed)):
        if reason:
            reasons.append(reason)
    return reasons


def first_refs(refs: Sequence[str], n: int = FIRST_REFS) -> list[str]:
    """The first few case references of a read (the count says how many there were)."""
    return list(refs[:n])


# -- the review of a logged read --------------------------------------------------------------------

_REVIEW = re.compile(r"row (\d+): (ok|question: .*)\Z", re.DOTALL)


def review_detail(row_id: int, question: str | None = None) -> str:
    """The audit detail of a review: "row ID: ok", or "row ID: question: TEXT"."""
    return f"row {row_id}: ok" if question is None else f"row {row_id}: question: {question.strip()}"


def parse_review(detail: str | None) -> tuple[int, str] | None:
    """The row and the verdict ("ok" or "question: …") of a review's audit detail; None if it is not one."""
    found = _REVIEW.match(detail or "")
    return (int(found.group(1)), found.group(2)) if found else None


# -- the half-yearly sign-off -----------------------------------------------------------------------


def signoff_due(last: date | None, today: date, months: int = SIGNOFF_MONTHS) -> bool:
    """Whether the team's access is due to be signed off: never signed, or more than `months` ago."""
    return last is None or add_months(last, months) < today
