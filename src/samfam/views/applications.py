"""Reads of applications and their processing deadlines, the published frister and the closed days."""

from datetime import date
from typing import TypedDict

from samfam.context import App
from samfam.errors import UsageError
from samfam.listing import Column, Listing
from samfam.rules import applications as application_rules
from samfam.rules import workdays as workday_rules
from samfam.rules.deadlines import Deadline
from samfam.rules.paragraphs import lookup
from samfam.store.queries import applications as application_queries
from samfam.store.queries.applications import ApplicationRow
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Conn
from samfam.views import lookups
from samfam.views.followups import scope
from samfam.views.workdays import DaysOff, days_off, public_holidays
from samfam.words import mark

WEEKDAYS = workday_rules.WEEKDAYS
#: A day off's kinds, as the data keeps them (a table for people shows them in the reader's language).
CLOSED = mark("closed")
PUBLIC_HOLIDAY = mark("public holiday")


class Deadlines:
    """The processing deadline of an application: from the frist published for its paragraph and the days
    off (read on first need: a frist in weeks or days needs no calendar)."""

    def __init__(self, conn: Conn) -> None:
        self._conn = conn
        self.frister = {f.code: application_rules.Frist(f.amount, f.unit) for f in application_queries.frister(conn)}
        self._off: DaysOff | None = None

    def frist(self, code: str) -> application_rules.Frist | None:
        return self.frister.get(code)

    def of(self, code: str, received: date) -> date | None:
        """The deadline of an application under `code` received on `received`; None without a frist."""
        frist = self.frister.get(code)
        if frist is None:
            return None
        if self._off is None and frist.unit == workday_rules.WORKDAYS:
            self._off = days_off(self._conn)
        return workday_rules.deadline(received, frist.amount, frist.unit, self._off or DaysOff())


class Application(TypedDict):
    """An application with its deadline and where it stands, as `application list` shows it."""

    id: int
    case: str
    advisor: str | None
    code: str
    received: date
    frist: str | None
    deadline: date | None
    days_left: int | None
    letter: date | None
    decided: date | None
    outcome: str | None
    status: str
    grant_id: int | None


APPLICATIONS = Listing.of(
    Application,
    columns=(
        Column("id", "Id", "right", keep=True, ident=True),
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True, drop=3),
        Column("code", "Paragraph", keep=True),
        Column("received", "Received", keep=True, drop=5),
        Column("frist", "Frist", drop=7),
        Column("deadline", "Deadline", keep=True),
        Column("days_left", "Days left", "right", keep=True),
        Column("letter", "Letter", keep=True, drop=6),
        Column("decided", "Decided", keep=True, drop=4),
        Column("outcome", "Outcome", drop=8, words=application_rules.OUTCOMES),
        Column("status", "Status", drop=2, words=application_rules.STATUSES),
    ),
)


class ApplicationAll(Application):
    """An application in `application list --all`: also whether it is void (entered by mistake, or
    corrected), who recorded it, who voided it and why, and the application it corrects."""

    recorded_by: str
    void: bool
    voided_by: str | None
    void_reason: str | None
    corrects: int | None


APPLICATIONS_ALL = Listing.of(
    ApplicationAll,
    columns=(
        *APPLICATIONS.columns,
        Column("void", "Void", keep=True, drop=1),
        Column("void_reason", "Why void", drop=9),
        Column("corrects", "Corrects", "right", keep=True, drop=10, ident=True),
    ),
)


def application_row(app_row: ApplicationRow, deadlines: Deadlines, today: date) -> Application:
    """One application as a listing shows it."""
    frist = deadlines.frist(app_row.code)
    deadline = deadlines.of(app_row.code, app_row.received)
    is_open = app_row.decided is None
    return {
        "id": app_row.id,
        "case": app_row.ref,
        "advisor": app_row.advisor,
        "code": app_row.code,
        "received": app_row.received,
        "frist": frist.phrase() if frist else None,
        "deadline": deadline,
        "days_left": (deadline - today).days if deadline is not None and is_open else None,
        "letter": app_row.letter,
        "decided": app_row.decided,
        "outcome": app_row.outcome,
        "status": application_rules.status(deadline, app_row.decided, app_row.letter, today),
        "grant_id": app_row.grant_id,
    }


def applications(
    app: App,
    ref: str | None = None,
    open_only: bool = False,
    advisor: str | None = None,
    team: str | None = None,
    include_void: bool = False,
) -> list[Application] | list[ApplicationAll]:
    """The applications on one case (open or closed), or on every open case the filter covers, oldest
    received first; `open_only`: those not decided yet. `include_void`: the void ones too, marked, with who
    voided them and why (the rows are then `ApplicationAll`)."""
    with app.connect() as conn:
        if ref is not None:
            if advisor or team:
                raise UsageError("give a case, or --advisor/--team, not both")
            case = lookups.case(conn, ref)
            where = CaseFilter(as_of=app.today, status="all", refs=(case.ref,))
        else:
            where = scope(conn, app, advisor, team)
        deadlines = Deadlines(conn)
        rows = application_queries.application_rows(conn, where, open_only, include_void)
        if not include_void:
            return [application_row(a, deadlines, app.today) for a in rows]
        return [
            ApplicationAll(
                **application_row(a, deadlines, app.today),
                recorded_by=a.recorded_by,
                void=a.voided_at is not None,
                voided_by=a.voided_by,
                void_reason=a.void_reason,
                corrects=a.corrects_id,
            )
            for a in rows
        ]


def deadline_rows(conn: Conn, where: CaseFilter) -> list[tuple[ApplicationRow, Deadline]]:
    """The open applications among the legal deadlines (samfam.rules.applications.as_deadline): each
    (application row, Deadline), for the cases the filter covers."""
    found: list[tuple[ApplicationRow, Deadline]] = []
    rows = application_queries.application_rows(conn, where, open_only=True)
    if not rows:
        return found
    deadlines = Deadlines(conn)
    for a in rows:
        d = application_rules.as_deadline(
            a.code, a.received, deadlines.of(a.code, a.received), a.decided, a.letter, where.as_of
        )
        if d is not None:
            found.append((a, d))
    return found


class PublishedFrist(TypedDict):
    """A paragraph's published processing deadline."""

    code: str
    amount: int
    unit: str
    frist: str
    title: str | None


FRISTER = Listing.of(
    PublishedFrist,
    columns=(
        Column("code", "Paragraph", keep=True),
        Column("frist", "Deadline", keep=True),
        Column("title", "Title"),
    ),
)


def frist_list(app: App) -> list[PublishedFrist]:
    """The published processing deadlines, by paragraph, with the paragraph's title."""
    with app.connect() as conn:
        rows = application_queries.frister(conn)
    shown: list[PublishedFrist] = []
    for f in rows:
        paragraph = lookup(f.code)
        shown.append(
            {
                "code": f.code,
                "amount": f.amount,
                "unit": f.unit,
                "frist": application_rules.Frist(f.amount, f.unit).phrase(),
                "title": paragraph.title if paragraph else None,
            }
        )
    return shown


class DayOff(TypedDict):
    """A day the municipality closes, or a public holiday."""

    day: date
    weekday: str
    kind: str
    note: str | None


DAYS_OFF = Listing.of(
    DayOff,
    columns=(
        Column("day", "Day", keep=True),
        Column("weekday", "Weekday", keep=True, words=WEEKDAYS),
        Column("kind", "Kind", keep=True, words=(CLOSED, PUBLIC_HOLIDAY)),
        Column("note", "Note"),
    ),
)


def closed_day_list(app: App, year: int | None = None, with_holidays: bool = False) -> list[DayOff]:
    """The days the municipality closes (of `year`, when given), in date order; `with_holidays` adds the
    public holidays of that year (default: this year's)."""
    with app.connect() as conn:
        if year is None:
            stored = application_queries.closed_days(conn)
        else:
            stored = application_queries.closed_days(conn, date(year, 1, 1), date(year, 12, 31))
    rows: list[DayOff] = [
        {"day": r.day, "weekday": WEEKDAYS[r.day.weekday()], "kind": CLOSED, "note": r.note} for r in stored
    ]
    if with_holidays:
        years = {year if year is not None else app.today.year}
        for day, name in sorted(public_holidays(years).items()):
            rows.append({"day": day, "weekday": WEEKDAYS[day.weekday()], "kind": PUBLIC_HOLIDAY, "note": name})
        rows.sort(key=lambda r: (r["day"], r["kind"]))
    return rows
