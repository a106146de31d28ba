"""The forecast for people (`forecast`): its rows (samfam.views.forecast) as tables of one row per advisor and a
column per week, at most 12 weeks to a table (a longer forecast is several tables, one after the other): it fits
160 columns, and a team leader reads an advisor's coming weeks along the row and a week's spread down the
column. A cell is `items/working days` ("4/5d"), with " !" when the load is over 1.5 x the team's median and
" away" when work falls due in a week without a working day. JSON, NDJSON and CSV carry one row per advisor and
week (FORECAST)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple, TypedDict

from samfam.listing import Column, Listing
from samfam.words import day, mark, plural, text, text_in


class ForecastRow(TypedDict):
    """One advisor's week (docs/cli.md): what falls due, the working days, the load against the team's median."""

    advisor: str
    team: str | None
    week: date
    followups: int
    deadlines: int
    decisions: int
    items: int
    workdays: int
    load: float | None
    team_median: float | None
    flagged: bool
    away: bool


#: What JSON, NDJSON and CSV carry for each advisor and week; for people the weeks are columns (`grids`).
FORECAST = Listing.of(ForecastRow, columns=())

#: Weeks to one table: 12 of them, with the advisor and team, fit 160 columns.
WEEKS_A_TABLE = 12
CAPTION = mark(
    "A cell: items due / the advisor's working days that week. Items are follow-ups (the next ones projected "
    "at the cadence), legal deadlines and decisions on applications, on the advisor's cases today; what is "
    "already overdue counts in the first week. ! = load (items a working day) over 1.5 × the team's median "
    "(of the advisors holding cases); "
    "away = items due and no working day. Holidays and leave: 'samfam advisor away'."
)
#: What people see when there is no one to forecast.
NO_ADVISORS = mark("No advisors to forecast (add one with 'samfam advisor add').")


class Grid(NamedTuple):
    """One table for people: a row per advisor, a column per week."""

    title: str
    rows: list[dict[str, str | None]]
    listing: Listing
    caption: str | None


def cell_text(row: ForecastRow) -> str:
    """One advisor's week for people: '4/5d', '9/4d !', '2/0d away'."""
    shown = f"{row['items']}/{row['workdays']}d"
    if row["away"]:
        return shown + " " + text("away")
    if row["flagged"]:
        return shown + " !"
    return shown


def week_header(monday: date) -> str:
    """A week's column for people: "W47" (the ISO week), "U47" in Danish."""
    return text("W{week}").format(week=f"{monday.isocalendar().week:02d}")


def _span(first: date, last: date) -> str:
    """The weeks of a table in its title: "W47–W58" ("47–58" in Danish, after "uge"); one week "W47"."""
    if first == last:
        return text_in("title", "W{week}").format(week=f"{first.isocalendar().week:02d}")
    return text("W{first}–W{last}").format(
        first=f"{first.isocalendar().week:02d}", last=f"{last.isocalendar().week:02d}"
    )


def grids(rows: Sequence[ForecastRow], team: str | None = None, advisor: bool = False) -> list[Grid]:
    """The rows as tables of up to WEEKS_A_TABLE weeks, titled with their weeks (and the team, or the one
    advisor, asked for); the last with the caption and how many advisor-weeks are flagged. No table for no rows."""
    mondays = list(dict.fromkeys(r["week"] for r in rows))
    people = list(dict.fromkeys((r["advisor"], r["team"]) for r in rows))
    by_key = {(r["advisor"], r["week"]): r for r in rows}
    flagged = sum(1 for r in rows if r["flagged"])
    found = []
    for start in range(0, len(mondays), WEEKS_A_TABLE):
        block = mondays[start : start + WEEKS_A_TABLE]
        # On a narrow terminal the team goes first, then the weeks furthest ahead (the first three stay).
        columns = [Column("advisor", "Advisor", keep=True), Column("team", "Team", drop=WEEKS_A_TABLE)]
        columns += [
            Column(f"w{i}", week_header(monday), "right", keep=True, drop=max(0, i - 2))
            for i, monday in enumerate(block)
        ]
        shown: list[dict[str, str | None]] = [
            {"advisor": initials, "team": team_of}
            | {f"w{i}": cell_text(by_key[(initials, monday)]) for i, monday in enumerate(block)}
            for initials, team_of in people
        ]
        sunday = block[-1] + timedelta(days=6)
        span = _span(block[0], block[-1])
        title = (
            text("What is coming: weeks {span}, Monday {monday} to Sunday {sunday}")
            if len(block) > 1
            else text("What is coming: week {span}, Monday {monday} to Sunday {sunday}")
        ).format(span=span, monday=day(block[0]), sunday=day(sunday))
        title += (text(", team {team}").format(team=team) if team else "") + (
            text(", advisor {initials}").format(initials=rows[0]["advisor"]) if advisor else ""
        )
        caption = None
        if start + WEEKS_A_TABLE >= len(mondays):
            caption = text(CAPTION) + (
                " "
                + text("Flagged: {advisor_weeks}.").format(
                    advisor_weeks=plural(flagged, "{n} advisor-week", "{n} advisor-weeks")
                )
                if flagged
                else " " + text("Nothing flagged.")
            )
        found.append(Grid(title, shown, Listing(tuple(columns)), caption))
    return found
