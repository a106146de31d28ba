"""Reads of the legal deadlines: investigations past 4 months, transition from 16, cases at 18, and
applications past their processing deadline or coming due with no letter to the applicant."""

from datetime import date, timedelta
from typing import TypedDict

from samfam.context import App
from samfam.errors import UsageError
from samfam.listing import Column, Listing
from samfam.rules import applications as application_rules
from samfam.rules import deadlines as deadline_rules
from samfam.rules.dates import age_on
from samfam.rules.privacy import BIRTH_KINDS
from samfam.store.queries import care as care_queries
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Conn
from samfam.views import applications as application_views
from samfam.views.followups import scope


class DeadlineRow(TypedDict):
    """A legal deadline on a case: passed (`days_left` negative) or coming."""

    case: str
    advisor: str
    kind: str
    deadline: date
    days_left: int
    what: str
    law: str
    age: int | None


#: A legal deadline's kinds, an application's too (a table for people shows them in the reader's language).
DEADLINE_KINDS = (*deadline_rules.KINDS, application_rules.KIND)

#: The columns of a legal deadline (`deadlines`, the case card without case and advisor, the calendar).
DEADLINE_COLUMNS = (
    Column("case", "Case", keep=True),
    Column("advisor", "Advisor", keep=True),
    Column("kind", "Kind", keep=True, words=DEADLINE_KINDS),
    Column("deadline", "Deadline", keep=True),
    Column("days_left", "Days left", "right", keep=True),
    Column("what", "What", drop=1),
    Column("law", "Law", keep=True, drop=2),
)
DEADLINES = Listing.of(DeadlineRow, DEADLINE_COLUMNS)


def deadline_rows(conn: Conn, app: App, where: CaseFilter) -> list[DeadlineRow]:
    cases, investigations = care_queries.deadline_rows(conn, where)
    found: list[DeadlineRow] = []
    for inv in investigations:
        d = deadline_rules.investigation_deadline(inv.code, inv.start, inv.end, app.today)
        if d:
            found.append(_deadline_row(inv.ref, inv.advisor, d, app.today))
    for c in cases:
        for d in deadline_rules.age_deadlines(c.born, c.transition_started is not None, app.today):
            found.append(_deadline_row(c.ref, c.advisor, d, app.today, age_on(c.born, app.today)))
    for a, d in application_views.deadline_rows(conn, where):
        found.append(_deadline_row(a.ref, a.advisor, d, app.today))
    found.sort(key=lambda r: (r["deadline"], r["case"], r["kind"]))
    return found


def _deadline_row(
    ref: str, advisor: str, d: deadline_rules.Deadline, today: date, age: int | None = None
) -> DeadlineRow:
    return {
        "case": ref,
        "advisor": advisor,
        "kind": d.kind,
        "deadline": d.deadline,
        "days_left": (d.deadline - today).days,
        "what": d.what,
        "law": d.law,
        "age": age,
    }


def in_window(rows: list[DeadlineRow], today: date, days: int, whole_months: bool = False) -> list[DeadlineRow]:
    """The rows passed or falling within `days` days of `today`. With `whole_months` (a pseudonymised report,
    which shows a deadline counted from a birth date as its month) such a deadline is in when its month is,
    so that where the window ends tells no day of a birthday."""
    last_month = (today + timedelta(days=days)).isoformat()[:7]
    return [
        r
        for r in rows
        if r["days_left"] <= days
        or (whole_months and r["kind"] in BIRTH_KINDS and r["deadline"].isoformat()[:7] <= last_month)
    ]


def deadlines(
    app: App,
    within: int = 30,
    advisor: str | None = None,
    team: str | None = None,
    refs: tuple[str, ...] = (),
    whole_months: bool = False,
    primary: bool = False,
) -> list[DeadlineRow]:
    """Legal deadlines passed, or falling within `within` days, on open cases (`whole_months`: see
    `in_window`; `primary`: with `advisor`, only the cases the advisor is primary advisor on)."""
    with app.connect() as conn:
        if within < 0:
            raise UsageError("--within {within} is negative; give a number of days, 0 or more", within=within)
        where = scope(conn, app, advisor, team, primary=primary)
        if refs:
            where = CaseFilter(as_of=app.today, refs=refs)
        return in_window(deadline_rows(conn, app, where), app.today, within, whole_months)
