"""Reads about staff."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from samfam.context import App
from samfam.listing import Column, Listing
from samfam.rules.cases import works_on
from samfam.store.queries import staff as staff_queries


class AdvisorRow(TypedDict):
    """An advisor in `advisor list`."""

    initials: str
    name: str
    team: str | None
    role: str | None
    left: date | None
    login: str | None  # the PostgreSQL login linked to the advisor (issue 17); never a password


_ADVISOR_COLUMNS = (
    Column("initials", "Initials", keep=True),
    Column("name", "Name"),
    Column("team", "Team"),
    Column("role", "Role", drop=1),
)
#: `advisor list`: JSON carries every key of a row (`left` with or without --all, `login`); the table shows
#: `left` only with --all (ADVISORS_ALL).
ADVISORS = Listing.of(AdvisorRow, _ADVISOR_COLUMNS, every=False)
ADVISORS_ALL = ADVISORS.with_columns((*_ADVISOR_COLUMNS, Column("left", "Left", keep=True)))


def advisor_list(app: App, team: str | None = None, everyone: bool = False) -> list[AdvisorRow]:
    """Advisors; those who have left (their leave day before today) only with `everyone`: on the leave day
    they still work (rules.cases.works_on)."""
    with app.connect() as conn:
        return [
            {"initials": a.initials, "name": a.name, "team": a.team, "role": a.role, "left": a.left, "login": a.login}
            for a in staff_queries.advisors(conn, team)
            if everyone or works_on(a.left, app.today)
        ]
