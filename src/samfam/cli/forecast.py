"""What is coming: the forecast of follow-ups, legal deadlines and decisions per advisor and week
(samfam.views.forecast; docs/rules.md § 10).

The table is one row per advisor and a column per week, at most 12 weeks to a table (a longer forecast is
several tables, one after the other): it fits 160 columns, and a team leader reads an advisor's coming
weeks along the row and a week's spread down the column. A cell is `items/working days` ("4/5d"), with
" !" when the load is over 1.5 x the team's median and " away" when work falls due in a week without a
working day. JSON, NDJSON and CSV carry one row per advisor and week.
"""

from datetime import date, timedelta
from typing import Annotated, Any

import typer

from samfam.cli.options import FieldsOpt, Format, FormatOpt, app_of, whole
from samfam.cli.show import render_table
from samfam.output import formats as render
from samfam.output import streams
from samfam.output.cells import Column
from samfam.rules.forecast import DEFAULT_WEEKS, MAX_WEEKS

commands = typer.Typer()

#: Weeks to one table: 12 of them, with the advisor and team, fit 160 columns.
WEEKS_A_TABLE = 12
#: What JSON, NDJSON and CSV carry for each advisor and week (docs/cli.md).
FIELDS = [
    "advisor", "team", "week", "followups", "deadlines", "decisions", "items",
    "workdays", "load", "team_median", "flagged", "away",
]  # fmt: skip
CAPTION = (
    "A cell: items due / the advisor's working days that week. Items are follow-ups (the next ones projected "
    "at the cadence), legal deadlines and decisions on applications, on the advisor's cases today; what is "
    "already overdue counts in the first week. ! = load (items a working day) over 1.5 × the team's median; "
    "away = items due and no working day. Holidays and leave: 'samfam advisor away'."
)


def cell_text(row: dict[str, Any]) -> str:
    """One advisor's week for people: '4/5d', '9/4d !', '2/0d away'."""
    text = f"{row['items']}/{row['workdays']}d"
    if row["away"]:
        return text + " away"
    if row["flagged"]:
        return text + " !"
    return text


def week_header(monday: date) -> str:
    return f"W{monday.isocalendar().week:02d}"


def tables(rows: list[dict[str, Any]]) -> list[tuple[list[date], list[dict[str, Any]], list[Column]]]:
    """The rows as tables of up to WEEKS_A_TABLE weeks: (its Mondays, a row per advisor, the columns)."""
    mondays = list(dict.fromkeys(r["week"] for r in rows))
    people = list(dict.fromkeys((r["advisor"], r["team"]) for r in rows))
    by_key = {(r["advisor"], r["week"]): r for r in rows}
    found = []
    for start in range(0, len(mondays), WEEKS_A_TABLE):
        block = mondays[start : start + WEEKS_A_TABLE]
        columns = [Column("advisor", "Advisor"), Column("team", "Team")]
        columns += [Column(f"w{i}", week_header(monday), "right") for i, monday in enumerate(block)]
        shown = [
            {"advisor": initials, "team": team}
            | {f"w{i}": cell_text(by_key[(initials, monday)]) for i, monday in enumerate(block)}
            for initials, team in people
        ]
        found.append((block, shown, columns))
    return found


@commands.command(epilog="Example: samfam forecast --weeks 8 --team Nord  ·  samfam forecast --advisor MKJ -f csv")
def forecast(
    ctx: typer.Context,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            "-w",
            parser=whole(1, MAX_WEEKS),
            metavar="N",
            help="How many weeks, the first the one that holds today (1 to 104).",
        ),
    ] = DEFAULT_WEEKS,
    team: Annotated[
        str | None, typer.Option("--team", "-t", help="Only the advisors in this team, with their cases.")
    ] = None,
    advisor: Annotated[
        str | None,
        typer.Option(
            "--advisor",
            "-a",
            metavar="INITIALS",
            help="Only this advisor (as primary advisor), against their team's median.",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    only: FieldsOpt = None,
) -> None:
    """What is coming: follow-ups, deadlines and decisions per advisor and week, against their working days."""
    from samfam.views import forecast as forecast_views

    render.check_fields(only, FIELDS, fmt.value)  # here: the table below is not drawn by listing
    a = app_of(ctx)
    rows = forecast_views.forecast(a, weeks, advisor, team)
    if fmt is not Format.table:
        render.listing(rows, [], fmt.value, fields=FIELDS, only=only)
        return
    if not rows:
        streams.message("No advisors to forecast (add one with 'samfam advisor add').")
        return
    blocks = tables(rows)
    flagged = sum(1 for r in rows if r["flagged"])
    for number, (block, shown, columns) in enumerate(blocks):
        sunday = block[-1] + timedelta(days=6)
        span = week_header(block[0]) if len(block) == 1 else f"{week_header(block[0])}–{week_header(block[-1])}"
        title = (
            f"What is coming: week{'s' if len(block) > 1 else ''} {span}, "
            f"Monday {block[0].isoformat()} to Sunday {sunday.isoformat()}"
            + (f", team {team}" if team else "")
            + (f", advisor {rows[0]['advisor']}" if advisor else "")
        )
        if number:
            streams.message("")
        caption = None
        if number == len(blocks) - 1:
            caption = CAPTION + (f" Flagged: {flagged} advisor-week(s)." if flagged else " Nothing flagged.")
        render_table(shown, columns, title=title, caption=caption)
