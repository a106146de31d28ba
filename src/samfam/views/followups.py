"""Where every case stands on the cadence: `overdue`, `due` and the rows other reports build on.

The hot read path (samfam.store.queries.followups): per case, SQL gives the last counting event and
the grants as one string; the exact rule, with calendar months, is applied by samfam.rules.cadence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any, NamedTuple

from samfam.context import App
from samfam.errors import UsageError, unknown_advisor, unknown_team
from samfam.rules import cadence
from samfam.rules.identity import initials
from samfam.store.queries import followups as followup_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.queries.scope import CaseFilter

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


def scope(conn: Any, app: App, advisor: str | None = None, team: str | None = None, status: str = "open") -> CaseFilter:
    """The filter for a report, with the advisor and team checked against the database."""
    if status not in STATUSES:
        raise UsageError(f"'{status}' is not a status; use one of: {', '.join(STATUSES)}")
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
    return CaseFilter(as_of=app.today, status=status, advisor=code, team=team)


Standing = tuple[CaseHead, cadence.FollowUp]


def followups(conn: Any, where: CaseFilter, rows: Any = None) -> Iterator[Standing]:
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


def due_before(conn: Any, where: CaseFilter, day: date) -> Iterator[Standing]:
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


def cadence_row(head: CaseHead, fu: cadence.FollowUp) -> Row:
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


def overdue(app: App, advisor: str | None = None, team: str | None = None) -> list[Row]:
    """Overdue follow-ups, most days overdue first; then open cases whose advisor has left (they need a
    new advisor until reassigned); then open cases needing classification."""
    with app.connect() as conn:
        where = scope(conn, app, advisor, team)
        rows = overdue_rows(due_before(conn, where, app.today))
        return with_departed(conn, app, where, rows)


def overdue_rows(standings: Iterable[Standing]) -> list[Row]:
    """The overdue cases, most days overdue first, then the cases needing classification."""
    every = list(standings)
    late = [cadence_row(h, fu) | {"status": "overdue", "reason": fu.reason} for h, fu in most_overdue_first(every)]
    unclassified = [
        cadence_row(h, fu) | {"status": "needs classification", "reason": fu.reason}
        for h, fu in needing_classification(every)
    ]
    unclassified.sort(key=lambda r: r["case"])
    return late + unclassified


def with_departed(conn: Any, app: App, where: CaseFilter, rows: list[Row]) -> list[Row]:
    """Mark the rows of cases whose primary advisor has left, and add those cases that are not listed
    yet, as needing a new advisor (docs/rules.md § 8)."""
    gone = staff_queries.departed(conn, app.today)
    for row in rows:
        row["needs_new_advisor"] = row["advisor"] in gone
    if not gone:
        return rows
    listed = {row["case"] for row in rows}
    held = staff_queries.open_cases_of(conn, tuple(gone), app.today)
    orphans = CaseFilter(as_of=where.as_of, advisor=where.advisor, team=where.team, refs=tuple(held))
    extra = [
        cadence_row(head, fu)
        | {
            "status": "needs a new advisor",
            "reason": f"advisor {head.advisor} left on {gone[head.advisor].isoformat()}",
            "needs_new_advisor": True,
        }
        for head, fu in (followups(conn, orphans) if held else ())
        if head.ref not in listed and head.advisor in gone
    ]
    late = [r for r in rows if r["status"] == "overdue"]
    return late + sorted(extra, key=lambda r: r["case"]) + [r for r in rows if r["status"] != "overdue"]


def due(
    app: App, within: int = cadence.DEFAULT_DUE_SOON_DAYS, advisor: str | None = None, team: str | None = None
) -> tuple[list[Row], int]:
    """Follow-ups due from today through `within` days ahead, soonest first; and how many are overdue."""
    if within < 0:
        raise UsageError(f"--within {within} is negative; give a number of days, 0 or more")
    with app.connect() as conn:
        where = scope(conn, app, advisor, team)
        # Every case due before the day after the window: the overdue (counted) and the coming ones.
        standings = list(due_before(conn, where, app.today + timedelta(days=within + 1)))
    rows = [cadence_row(head, fu) | {"status": "due"} for head, fu in due_soonest_first(standings, within)]
    return rows, sum(1 for _, fu in standings if fu.overdue)
