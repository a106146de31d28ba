"""Reads of advisors' absences (`advisor away`): the listing, and the days each advisor is away in a span."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from samfam.context import App
from samfam.listing import Column, Listing
from samfam.rules import forecast as forecast_rules
from samfam.store.queries import staff as staff_queries
from samfam.store.records import Conn
from samfam.views import lookups
from samfam.views.workdays import days_off


class AbsenceRow(TypedDict):
    """An absence in `advisor absences` (docs/cli.md), with its working days."""

    id: int
    advisor: str
    team: str | None
    start: date
    end: date
    workdays: int
    reason: str | None


ABSENCES = Listing.of(
    AbsenceRow,
    columns=(
        Column("id", "Id", "right", keep=True, ident=True),
        Column("advisor", "Advisor", keep=True),
        Column("team", "Team", drop=3),
        Column("start", "From", keep=True),
        Column("end", "To", keep=True),
        Column("workdays", "Working days", "right", keep=True, drop=2),
        Column("reason", "Reason", drop=1),
    ),
)


def absence_list(
    app: App, advisor: str | None = None, team: str | None = None, everyone: bool = False
) -> list[AbsenceRow]:
    """The absences of one advisor, of a team, or of everyone, in date order: those that end today or later,
    or with `everyone` the past ones too; each with its working days."""
    with app.connect() as conn:
        code = None
        if advisor is not None:
            code = lookups.advisor(conn, advisor).initials
        if team is not None:
            lookups.team(conn, team)
        rows = staff_queries.absences(conn, first=None if everyone else app.today, advisor=code, team=team)
        if not rows:
            return []
        off = days_off(conn)
        return [
            {
                "id": r.id,
                "advisor": r.advisor,
                "team": r.team,
                "start": r.start,
                "end": r.end,
                "workdays": forecast_rules.working_days_between(r.start, r.end, off),
                "reason": r.reason,
            }
            for r in rows
        ]


def away_periods(conn: Conn, first: date, last: date) -> dict[str, list[forecast_rules.Period]]:
    """Initials -> the periods each advisor is away that touch the days from `first` through `last`."""
    found: dict[str, list[forecast_rules.Period]] = {}
    for r in staff_queries.absences(conn, first=first, last=last):
        found.setdefault(r.advisor, []).append(forecast_rules.Period(r.start, r.end))
    return found
