"""The days off at run time, for the pure rules of samfam.rules.workdays: Denmark's public holidays, from the
`holidays` package (this module is its only importer), and the days the municipality closes (`closed_day`).

The `holidays` package is imported only when a year's holidays are not in the user's cache folder yet
(`danish_holidays`): a command that counts working days pays a file read, not the package's import. Its
Danish public holidays are those of the law: Store bededag is one through 2023 and not from 2024; 24 and
31 December and Grundlovsdag are not holidays, so a municipality that closes on them says so with
`samfam closed-day add`.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

import samfam.files as files
from samfam.context import App
from samfam.errors import SamfamError
from samfam.rules import workdays as workday_rules
from samfam.settings import cache_dir
from samfam.store.queries import applications as application_queries
from samfam.store.records import Conn

#: A row `book_on` is added to: any row with a date under its key.
Row = Mapping[str, object]


def public_holidays(years: Iterable[int] = ()) -> dict[date, str]:
    """Denmark's public holidays in these years, with their Danish names."""
    found: dict[date, str] = {}
    for year in years:
        found.update(danish_holidays(year))
    return found


def danish_holidays(year: int) -> dict[date, str]:
    """One year's public holidays. The `holidays` package takes a tenth of a second to import, which every
    `due` would pay; so each year's holidays are kept in the user's cache folder (0600), keyed by the
    installed package, and the package is imported only when a year is not there yet."""
    path = cache_dir() / f"holidays-dk-{year}-{_package_stamp()}.json"
    try:
        return {date.fromisoformat(day): name for day, name in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, AttributeError):
        pass
    import holidays

    found = dict(holidays.country_holidays("DK", years=[year], language="da").items())
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        text = json.dumps({day.isoformat(): name for day, name in found.items()}, ensure_ascii=False)
        files.write_private(path, text, force=True)  # whole or not at all, also with two commands at once
    except (OSError, SamfamError):
        pass  # no cache folder: the package answers next time too
    return found


@functools.cache
def _package_stamp() -> str:
    """Which `holidays` is installed (its file's modification time), found without importing it."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return "none"
    return str(int(Path(spec.origin).stat().st_mtime))


class DaysOff:
    """The public holidays and the municipality's closed days, as one container of dates (the `closed` of
    samfam.rules.workdays; the rules add the weekend)."""

    def __init__(self, closed: Iterable[date] = ()) -> None:
        self.closed = frozenset(closed)
        self._public: dict[int, dict[date, str]] = {}

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        if day in self.closed:
            return True
        if day.year not in self._public:
            self._public[day.year] = danish_holidays(day.year)
        return day in self._public[day.year]


def days_off(conn: Conn) -> DaysOff:
    """The days off known to the database: the public holidays and every closed day stored."""
    return DaysOff(row.day for row in application_queries.closed_days(conn))


def with_book_on(conn: Conn, rows: Sequence[Row], key: str = "next_due") -> list[dict[str, object]]:
    """Each row with `book_on`: the last working day on or before its `key` date (None without one)."""
    off: DaysOff | None = None
    shown: list[dict[str, object]] = []
    for row in rows:
        due = row.get(key)
        if not isinstance(due, date):
            shown.append({**row, "book_on": None})
            continue
        if off is None:
            off = days_off(conn)
        shown.append({**row, "book_on": workday_rules.book_on(due, off)})
    return shown


def book_on(app: App, rows: Sequence[Row], key: str = "next_due") -> list[dict[str, object]]:
    """`with_book_on` in a connection of its own (for a command that has its rows already)."""
    if not rows:
        return []
    with app.connect() as conn:
        return with_book_on(conn, rows, key)
