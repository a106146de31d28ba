"""Reads about staff."""

from __future__ import annotations

from typing import Any

from samfam.context import App
from samfam.store.queries import staff as staff_queries
from samfam.views.followups import Row

Conn = Any


def advisor_list(app: App, team: str | None = None, everyone: bool = False) -> list[Row]:
    """Advisors; those who have left (their last day before today) only with `everyone`."""
    with app.connect() as conn:
        return [
            {"initials": a.initials, "name": a.name, "team": a.team, "role": a.role, "left": a.left}
            for a in staff_queries.advisors(conn, team)
            if everyone or a.left is None or a.left >= app.today
        ]
