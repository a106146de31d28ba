"""The barometer: were we on time over a period (samfam.views.barometer)."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer

from samfam.cli.options import AdvisorFilter, TeamFilter, app_of, date_option
from samfam.output import formats as render
from samfam.output import streams
from samfam.output.cells import Column

commands = typer.Typer()


class BarometerFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


COLUMNS = [  # short headers: fourteen columns on 160 (every figure is named in full in JSON and CSV)
    Column("advisor", "Advisor"),
    Column("followups_due", "Due", "right"),
    Column("on_time", "On time", "right"),
    Column("on_time_pct", "%", "right"),
    Column("median_delay", "Median", "right"),
    Column("worst_delay", "Worst", "right"),
    Column("cases_late_over_30", ">30 days", "right"),
    Column("investigations_finished", "Inv. ended", "right"),
    Column("investigations_in_time_pct", "≤4 mo %", "right"),
    Column("investigations_running_late", "Inv. late", "right"),
    Column("applications_decided", "Appl.", "right"),
    Column("applications_in_time_pct", "By frist %", "right"),
    Column("applications_open_late", "Past frist", "right"),
    Column("plans_in_time_pct", "Plans %", "right"),
    Column("first_followups_on_time_pct", "BL 95 %", "right"),
]
FIELDS = [
    "advisor", "team", "followups_due", "on_time", "on_time_pct", "median_delay", "worst_delay", "cases_late_over_30",
    "investigations_finished", "investigations_in_time", "investigations_in_time_pct", "investigations_running_late",
    "applications_decided", "applications_in_time", "applications_in_time_pct", "applications_open_late",
    "plans_due", "plans_in_time", "plans_in_time_pct",
    "first_followups_due", "first_followups_on_time", "first_followups_on_time_pct",
]  # fmt: skip


def _markdown(data: dict[str, Any]) -> str:
    from samfam.documents.text import markdown_table, md_cell
    from samfam.output.cells import cell

    rows = [*data["advisors"], data["total"]]
    lines = [
        f"# Barometer {data['from'].isoformat()} – {data['to'].isoformat()}"
        + (f", team {data['team']}" if data["team"] else ""),
        "",
        *markdown_table(
            [c.header for c in COLUMNS],
            [[md_cell(cell(r[c.key], ", ") or "–") for c in COLUMNS] for r in rows],
            right=[c.justify == "right" for c in COLUMNS],
        ),
    ]
    return "\n".join(lines) + "\n"


@commands.command(epilog="Example: samfam barometer --from 2026-01-01 --to 2026-06-30 --team Nord -f csv")
def barometer(
    ctx: typer.Context,
    since: Annotated[date | None, date_option("--from", help="First day of the period; default 12 months back")] = None,
    until: Annotated[date | None, date_option("--to", help="Last day of the period; default today")] = None,
    team: TeamFilter = None,
    advisor: AdvisorFilter = None,
    fmt: Annotated[BarometerFormat, typer.Option("--format", "-f")] = BarometerFormat.table,
) -> None:
    """Were we on time? Follow-ups and investigations that fell due in a period, per advisor and for the team.

    Also the applications against their processing deadline (frist)."""
    from samfam.views import barometer as barometer_views

    data = barometer_views.barometer(app_of(ctx), since, until, team, advisor)
    rows = [*data["advisors"], data["total"]]
    if fmt is BarometerFormat.json:
        render.write_json(data)
    elif fmt is BarometerFormat.csv:
        render.write_csv(rows, FIELDS)
    elif fmt is BarometerFormat.markdown:
        streams.output(_markdown(data), None)
    else:
        title = f"On time from {data['from'].isoformat()} to {data['to'].isoformat()}"
        render.listing(
            rows, COLUMNS, "table", title=title + (f", team {team}" if team else ""), empty="Nothing fell due."
        )
