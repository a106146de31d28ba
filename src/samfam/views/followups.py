"""Where every case stands on the cadence: `overdue`, `due` and the rows other reports build on.

The hot read path (samfam.store.queries.followups): per case, SQL gives the last counting event and
the grants as one string; the exact rule, with calendar months, is applied by samfam.rules.cadence.
"""

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any, NamedTuple, TypedDict

from samfam.context import App
from samfam.errors import UsageError, unknown_advisor, unknown_team
from samfam.listing import Column, Listing
from samfam.rules import cadence
from samfam.rules.identity import initials
from samfam.store.queries import followups as followup_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Conn

Row = dict[str, Any]
STATUSES = ("open", "closed", "all")


class CaseHead(NamedTuple):
    """A case as the cadence reports see it, with its people resolved to initials."""

    id: int
    ref: str
    child_name: str
    born: date | None
    advisor: str
    buddy: str | None
    team: str | None
    complex: bool
    opened: date
    closed: date | None
    last_followup: date | None


def split_grants(spec: str | None) -> list[list[str]]:
    """The query's `code|start|end;…` string (samfam.store.queries.followups) as [code, start, end] parts (ISO
    dates, end may be '')."""
    return [part.split("|") for part in spec.split(";")] if spec else []


def to_grants(parts: list[list[str]]) -> list[cadence.Grant]:
    return [
        cadence.Grant(code, date.fromisoformat(start), date.fromisoformat(end) if end else None)
        for code, start, end in parts
    ]


def scope(
    conn: Conn,
    app: App,
    advisor: str | None = None,
    team: str | None = None,
    status: str = "open",
    primary: bool = False,
) -> CaseFilter:
    """The filter for a report, with the advisor and team checked against the database. `advisor`: the cases
    where the advisor is primary advisor or buddy; with `primary`, primary advisor only."""
    if status not in STATUSES:
        raise UsageError(
            "'{status}' is not a status; use one of: {choices}", status=status, choices=", ".join(STATUSES)
        )
    if primary and not advisor:
        raise UsageError("--primary narrows --advisor to the advisor's own cases; give --advisor INITIALS too")
    code = None
    if advisor:
        code = initials(advisor)
        known = staff_queries.initials_known(conn)
        if code not in known:
            raise unknown_advisor(advisor, known)
    if team is not None:
        known_teams = staff_queries.teams_known(conn)
        if team not in known_teams:
            raise unknown_team(team, known_teams)
    return CaseFilter(as_of=app.today, status=status, advisor=code, team=team, primary_only=primary)


Standing = tuple[CaseHead, cadence.FollowUp]


def followups(conn: Conn, where: CaseFilter, rows: Iterable[Any] | None = None) -> Iterator[Standing]:
    """Each case the filter covers (or each of `rows`, read already), with where it stands on the cadence
    on the as-of date."""
    people = staff_queries.advisor_directory(conn)
    as_of = where.as_of
    for case_id, ref, child, born, advisor_id, buddy_id, complex_, opened, closed, reopened, last, spec, *_ in (
        rows if rows is not None else followup_queries.case_rows(conn, where)
    ):
        advisor, team = people[advisor_id]
        buddy = people[buddy_id][0] if buddy_id is not None else None
        head = CaseHead(case_id, ref, child, born, advisor, buddy, team, bool(complex_), opened, closed, last)
        yield head, cadence.follow_up(to_grants(split_grants(spec)), last, as_of, reopened)


def due_before(conn: Conn, where: CaseFilter, day: date) -> Iterator[Standing]:
    """The cases whose next follow-up falls due before `day` (samfam.rules.cadence.due_before), and those
    needing classification, which have no due date: picked in SQL from the stored track periods
    (samfam.store.queries.followups.candidate_rows) and confirmed by the rule. `overdue`, `due`, the
    calendar and the forecast each ask for the day after the last one they show."""
    rows = followup_queries.candidate_rows(conn, where, cadence.latest_overdue_anchors(day))
    for head, fu in followups(conn, where, rows=rows):
        if fu.track == cadence.UNCLASSIFIED or cadence.due_before(fu, day):
            yield head, fu


def most_overdue_first(standings: Iterable[Standing]) -> list[Standing]:
    """The overdue follow-ups, most days overdue first, then by case reference."""
    late = [(head, fu) for head, fu in standings if fu.overdue]
    return sorted(late, key=lambda s: (-(s[1].days_overdue or 0), s[0].ref))


def due_soonest_first(standings: Iterable[Standing], within: int) -> list[Standing]:
    """The follow-ups due from today through `within` days ahead (not overdue), soonest first, then by case."""
    soon = [(head, fu) for head, fu in standings if fu.due_within(within)]
    return sorted(soon, key=lambda s: (s[1].next_due or date.min, s[0].ref))


def needing_classification(standings: Iterable[Standing]) -> list[Standing]:
    """The cases with no track (no due date until classified), in the order given."""
    return [(head, fu) for head, fu in standings if fu.track == cadence.UNCLASSIFIED]


class CadenceRow(TypedDict):
    """Where a case stands on the cadence, as the cadence reports show it."""

    case: str
    advisor: str
    buddy: str | None
    team: str | None
    track: str
    paragraphs: list[str]
    last_followup: date | None
    next_due: date | None
    days_overdue: int | None
    level: str | None


#: The fields the cadence reports (`overdue`, `due`) give scripts, in their order (not the team).
CADENCE_FIELDS = (
    "case", "advisor", "buddy", "track", "paragraphs", "last_followup", "next_due", "days_overdue", "level",
)  # fmt: skip


def cadence_row(head: CaseHead, fu: cadence.FollowUp) -> CadenceRow:
    return {
        "case": head.ref,
        "advisor": head.advisor,
        "buddy": head.buddy,
        "team": head.team,
        "track": fu.track,
        "paragraphs": list(fu.paragraphs),
        "last_followup": fu.last_followup,
        "next_due": fu.next_due,
        "days_overdue": fu.days_overdue,
        "level": fu.level,
    }


# -- overdue ---------------------------------------------------------------------------------------------


class OverdueRow(CadenceRow):
    """A case in `overdue`: overdue, needing a new advisor, or needing classification (`status`), and why."""

    status: str
    reason: str
    needs_new_advisor: bool


#: Every group of `overdue` for scripts, one listing; for people the overdue follow-ups' table.
OVERDUE = Listing(
    (
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True),
        Column("buddy", "Buddy", keep=True, drop=3),
        Column("track", "Track", keep=True, drop=2, words=cadence.TRACK_WORDS),
        Column("paragraphs", "Paragraphs", drop=4),
        Column("last_followup", "Last follow-up", keep=True, drop=1),
        Column("next_due", "Was due", keep=True),
        Column("days_overdue", "Days overdue", "right", keep=True),
        Column("level", "Level", keep=True, drop=5, words=cadence.LEVELS),
    ),
    (*CADENCE_FIELDS, "status", "reason", "needs_new_advisor"),
)
#: The cases whose advisor has left, for people.
ORPHANS = Listing(
    (
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True),
        Column("reason", "Why"),
        Column("next_due", "Next due", keep=True),
    )
)
#: The open cases needing classification, for people.
UNCLASSIFIED = Listing(
    (
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True),
        Column("paragraphs", "Paragraphs"),
        Column("reason", "Why unclassified"),
    )
)


class Overdue(NamedTuple):
    """`overdue`'s groups, each in its order: the overdue follow-ups, most days overdue first; the open cases
    whose advisor has left (they need a new advisor until reassigned); the open cases needing classification."""

    late: list[OverdueRow]
    orphans: list[OverdueRow]
    unclassified: list[OverdueRow]

    @property
    def rows(self) -> list[OverdueRow]:
        """The groups one after another."""
        return self.late + self.orphans + self.unclassified


def overdue_groups(app: App, advisor: str | None = None, team: str | None = None, primary: bool = False) -> Overdue:
    """Overdue follow-ups, most days overdue first; then open cases whose advisor has left (they need a
    new advisor until reassigned); then open cases needing classification: each group apart. `primary`:
    with `advisor`, only the cases the advisor is primary advisor on."""
    with app.connect() as conn:
        where = scope(conn, app, advisor, team, primary=primary)
        every = list(due_before(conn, where, app.today))
        late = _late(every)
        unclassified = _unclassified(every)
        gone = staff_queries.departed(conn, app.today)
        for row in late + unclassified:
            row["needs_new_advisor"] = row["advisor"] in gone
        orphans = _orphans(conn, app, where, gone, {row["case"] for row in late + unclassified})
        return Overdue(late, orphans, unclassified)


def overdue(app: App, advisor: str | None = None, team: str | None = None) -> list[OverdueRow]:
    """`overdue_groups`, one after another."""
    return overdue_groups(app, advisor, team).rows


def _late(every: list[Standing]) -> list[OverdueRow]:
    return [
        {**cadence_row(h, fu), "status": "overdue", "reason": fu.reason, "needs_new_advisor": False}
        for h, fu in most_overdue_first(every)
    ]


def _unclassified(every: list[Standing]) -> list[OverdueRow]:
    rows: list[OverdueRow] = [
        {**cadence_row(h, fu), "status": "needs classification", "reason": fu.reason, "needs_new_advisor": False}
        for h, fu in needing_classification(every)
    ]
    rows.sort(key=lambda r: r["case"])
    return rows


def overdue_rows(standings: Iterable[Standing]) -> list[OverdueRow]:
    """The overdue cases, most days overdue first, then the cases needing classification."""
    every = list(standings)
    return _late(every) + _unclassified(every)


def _orphans(conn: Conn, app: App, where: CaseFilter, gone: dict[str, date], listed: set[str]) -> list[OverdueRow]:
    """The open cases whose primary advisor has left and that are not `listed` yet, as needing a new advisor
    (docs/rules.md § 8), by case."""
    if not gone:
        return []
    held = staff_queries.open_cases_of(conn, tuple(gone), app.today)
    orphans = where._replace(status="open", refs=tuple(held))
    extra: list[OverdueRow] = [
        {
            **cadence_row(head, fu),
            "status": "needs a new advisor",
            "reason": f"advisor {head.advisor} left on {gone[head.advisor].isoformat()}",
            "needs_new_advisor": True,
        }
        for head, fu in (followups(conn, orphans) if held else ())
        if head.ref not in listed and head.advisor in gone
    ]
    return sorted(extra, key=lambda r: r["case"])


def with_departed(conn: Conn, app: App, where: CaseFilter, rows: list[OverdueRow]) -> list[OverdueRow]:
    """Mark the rows of cases whose primary advisor has left, and add those cases that are not listed
    yet, as needing a new advisor (docs/rules.md § 8), after the overdue ones."""
    gone = staff_queries.departed(conn, app.today)
    for row in rows:
        row["needs_new_advisor"] = row["advisor"] in gone
    if not gone:
        return rows
    extra = _orphans(conn, app, where, gone, {row["case"] for row in rows})
    late = [r for r in rows if r["status"] == "overdue"]
    return late + extra + [r for r in rows if r["status"] != "overdue"]


# -- due -------------------------------------------------------------------------------------------------


class DueRow(CadenceRow):
    """A follow-up coming due in `due`."""

    status: str


class DueShown(DueRow):
    """A row of `due` as shown: with the day to book the meeting on (the last working day on or before the
    due date, docs/rules.md § 9) and, for the table, the days left."""

    book_on: date | None
    days_left: int


#: JSON and CSV carry the cadence fields and `book_on`; the table shows the days left instead of overdue.
DUE = Listing(
    (
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True),
        Column("buddy", "Buddy", keep=True, drop=3),
        Column("track", "Track", keep=True, drop=1, words=cadence.TRACK_WORDS),
        Column("last_followup", "Last follow-up", keep=True, drop=2),
        Column("next_due", "Due", keep=True),
        Column("days_left", "Days left", "right", keep=True),
        Column("book_on", "Book on", keep=True),
        Column("level", "Level", keep=True, drop=4, words=cadence.LEVELS),
    ),
    (*CADENCE_FIELDS, "book_on"),
)


def due(
    app: App,
    within: int = cadence.DEFAULT_DUE_SOON_DAYS,
    advisor: str | None = None,
    team: str | None = None,
    primary: bool = False,
) -> tuple[list[DueRow], int]:
    """Follow-ups due from today through `within` days ahead, soonest first; and how many are overdue.
    `primary`: with `advisor`, only the cases the advisor is primary advisor on."""
    if within < 0:
        raise UsageError("--within {within} is negative; give a number of days, 0 or more", within=within)
    with app.connect() as conn:
        where = scope(conn, app, advisor, team, primary=primary)
        # Every case due before the day after the window: the overdue (counted) and the coming ones.
        standings = list(due_before(conn, where, app.today + timedelta(days=within + 1)))
    rows: list[DueRow] = [
        {**cadence_row(head, fu), "status": "due"} for head, fu in due_soonest_first(standings, within)
    ]
    return rows, sum(1 for _, fu in standings if fu.overdue)


def due_shown(
    app: App,
    within: int = cadence.DEFAULT_DUE_SOON_DAYS,
    advisor: str | None = None,
    team: str | None = None,
    primary: bool = False,
) -> tuple[list[DueShown], int]:
    """`due` with the day to book each follow-up on and its days left; and how many are overdue."""
    from samfam.views import workdays as workday_views

    rows, late = due(app, within, advisor, team, primary)
    booked = workday_views.book_on(app, rows)
    return [{**r, "days_left": -(r["days_overdue"] or 0)} for r in booked], late  # type: ignore[typeddict-item]
