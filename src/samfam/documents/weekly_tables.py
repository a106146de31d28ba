"""The weekly report's sections as format-neutral tables: the table model and one builder per section.

`build_sections(data)` gives one `Section` per entry of `samfam.documents.sections.WEEKLY_SECTIONS`, in
that order, with the columns and rows the Markdown and HTML documents both show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import samfam.words as words
from samfam.documents.sections import WEEKLY_SECTIONS, WeeklySection
from samfam.documents.text import as_date
from samfam.documents.weekly_values import (
    DASH,
    cut,
    days_until,
    decimal,
    english,
    float_or_none,
    int_or_none,
    iso_day,
    number,
    records,
    rhythm_words,
    signed,
    team_label,
    text_of,
    track_name,
    word,
)
from samfam.rules.cadence import SERIOUSLY_OVERDUE
from samfam.words import text

# ---------------------------------------------------------------------------------------------------
# A small table model shared by both formats


@dataclass(frozen=True)
class Col:
    label: str
    kind: str = "text"  # text | num (right-aligned) | nowrap (case numbers, dates, kinds)


@dataclass(frozen=True)
class Cell:
    text: str
    alert: bool = False
    items: tuple[str, ...] = ()  # a list value: HTML keeps each item on one line


def items_cell(value: Any) -> Cell:
    if isinstance(value, (list, tuple)) and value:
        items = tuple(text_of(v) for v in value)
        return Cell(", ".join(items), items=items)
    return Cell(text_of(value))


@dataclass
class Row:
    cells: list[Cell]
    cls: str = ""  # "" | "group" (first row of a group) | "total"


@dataclass(frozen=True)
class Point:
    """One week of a trend: its label, the rate (None: nothing to rate that week) and what it counts."""

    label: str
    value: float | None
    note: str


@dataclass(frozen=True)
class Trend:
    """A rate over the weeks, oldest first: the HTML draws it as a small line (weekly_trend)."""

    label: str  # what the rate is, e.g. "Follow-ups on time"
    points: tuple[Point, ...]


@dataclass
class Section:
    spec: WeeklySection  # the key, HTML id, heading, explanation and empty text
    cols: list[Col] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    lead: str = ""  # one line between the explanation and the table
    count: int | None = None  # shown after the heading when given
    trends: tuple[Trend, ...] = ()  # drawn under the table in HTML; Markdown has the table only

    @property
    def title(self) -> str:
        return text(self.spec.heading)

    @property
    def anchor(self) -> str:
        return self.spec.anchor

    @property
    def explain(self) -> str:
        return text(self.spec.explain)

    @property
    def empty(self) -> str:
        return text(self.spec.empty)

    @property
    def is_empty(self) -> bool:
        return not self.rows


# ---------------------------------------------------------------------------------------------------
# Sections


def _overdue(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    groups = records(data, "overdue_by_advisor")
    rows: list[Row] = []
    lead = []
    total = 0
    for group in groups:
        advisor = text_of(group.get("advisor"))
        cases = [c for c in group.get("cases") or [] if isinstance(c, Mapping)]
        n = int_or_none(group.get("overdue"))
        n = len(cases) if n is None else n
        total += n
        lead.append(f"{advisor} {number(n)}")
        for i, c in enumerate(cases):
            late = int_or_none(c.get("days_overdue"))
            level = c.get("level")
            rows.append(
                Row(
                    [
                        Cell(advisor),
                        Cell(text_of(c.get("case"))),
                        Cell(track_name(c.get("track"))),
                        items_cell(c.get("paragraphs")),
                        Cell(iso_day(c.get("last_followup"))),
                        Cell(iso_day(c.get("next_due"))),
                        Cell(number(late), alert=bool(late and late > 0)),
                        Cell(word(level), alert=level == SERIOUSLY_OVERDUE),
                    ],
                    "group" if i == 0 else "",
                )
            )
    return Section(
        spec,
        [
            Col(text("Advisor")),
            Col(text("Case"), "nowrap"),
            Col(text("Track")),
            Col(text("Paragraphs")),
            Col(text("Last follow-up"), "nowrap"),
            Col(text("Due"), "nowrap"),
            Col(text("Days overdue"), "num"),
            Col(text("Level"), "nowrap"),
        ],
        rows,
        lead=text("By advisor: {advisors}").format(advisors=" · ".join(lead)) if lead else "",
        count=total if groups else None,
    )


def _due_soon(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = []
    for c in records(data, "due_next_7_days"):
        left = days_until(c, as_of)
        rows.append(
            Row(
                [
                    Cell(text_of(c.get("case"))),
                    Cell(text_of(c.get("advisor"))),
                    Cell(text_of(c.get("buddy"))),
                    Cell(track_name(c.get("track"))),
                    items_cell(c.get("paragraphs")),
                    Cell(iso_day(c.get("last_followup"))),
                    Cell(iso_day(c.get("next_due"))),
                    Cell(number(left)),
                    Cell(iso_day(c.get("book_on"))),
                ]
            )
        )
    return Section(
        spec,
        [
            Col(text("Case"), "nowrap"),
            Col(text("Advisor")),
            Col(text("Buddy")),
            Col(text("Track")),
            Col(text("Paragraphs")),
            Col(text("Last follow-up"), "nowrap"),
            Col(text("Due"), "nowrap"),
            Col(text("Days left"), "num"),
            Col(text("Book on"), "nowrap"),
        ],
        rows,
        count=len(rows),
    )


def _unclassified(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = [
        Row(
            [
                Cell(text_of(c.get("case"))),
                Cell(text_of(c.get("advisor"))),
                items_cell(c.get("paragraphs")),
                Cell(iso_day(c.get("last_followup"))),
                Cell(text_of(c.get("reason"))),
            ]
        )
        for c in records(data, "unclassified")
    ]
    return Section(
        spec,
        [
            Col(text("Case"), "nowrap"),
            Col(text("Advisor")),
            Col(text("Paragraphs")),
            Col(text("Last follow-up"), "nowrap"),
            Col(text("Reason")),
        ],
        rows,
        count=len(rows),
    )


def _legal(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    found = records(data, "legal_deadlines")
    with_age = any(r.get("age") is not None for r in found)
    rows = []
    for r in found:
        left = int_or_none(r.get("days_left"))
        shown = text("{days} (passed)").format(days=number(left)) if left is not None and left < 0 else number(left)
        cells = [
            Cell(text_of(r.get("case"))),
            Cell(text_of(r.get("advisor"))),
            Cell(word(r.get("kind"))),
            Cell(iso_day(r.get("deadline"))),
            Cell(shown, alert=left is not None and left < 0),
            Cell(text_of(r.get("what"))),
            Cell(text_of(r.get("law"))),
        ]
        if with_age:
            cells.append(Cell(number(r.get("age"))))
        rows.append(Row(cells))
    cols = [
        Col(text("Case"), "nowrap"),
        Col(text("Advisor")),
        Col(text("Kind"), "nowrap"),
        Col(text("Deadline"), "nowrap"),
        Col(text("Days left"), "num"),
        Col(text("What")),
        Col(text("Law")),
    ]
    if with_age:
        cols.append(Col(text("Age"), "num"))
    return Section(
        spec,
        cols,
        rows,
        count=len(rows),
    )


def _no_buddy(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = [
        Row([Cell(text_of(c.get("case"))), Cell(text_of(c.get("advisor"))), Cell(track_name(c.get("track")))])
        for c in records(data, "complex_without_buddy")
    ]
    return Section(
        spec,
        [Col(text("Case"), "nowrap"), Col(text("Advisor")), Col(text("Track"))],
        rows,
        count=len(rows),
    )


def _handovers(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = []
    for h in records(data, "open_handovers"):
        missing = h.get("missing") or []
        rows.append(
            Row(
                [
                    Cell(text_of(h.get("case"))),
                    Cell(text_of(h.get("advisor"))),
                    Cell(word(h.get("kind"))),
                    Cell(iso_day(h.get("started"))),
                    Cell(number(len(missing))),
                    items_cell(missing),
                ]
            )
        )
    return Section(
        spec,
        [
            Col(text("Case"), "nowrap"),
            Col(text("Advisor")),
            Col(text("Kind"), "nowrap"),
            Col(text("Started"), "nowrap"),
            Col(text("Missing"), "num"),
            Col(text("Still to do")),
        ],
        rows,
        count=len(rows),
    )


def _goals(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = []
    for g in records(data, "goals_past_target"):
        target = as_date(g.get("target"))
        past = (as_of - target).days if as_of and target else None
        rows.append(
            Row(
                [
                    Cell(text_of(g.get("case"))),
                    Cell(text_of(g.get("advisor"))),
                    Cell(text_of(g.get("id"))),
                    Cell(word(g.get("status"))),
                    Cell(iso_day(g.get("target"))),
                    Cell(number(past)),
                ]
            )
        )
    return Section(
        spec,
        [
            Col(text("Case"), "nowrap"),
            Col(text("Advisor")),
            Col(text("Goal no."), "num"),
            Col(text("Status")),
            Col(text("Target date"), "nowrap"),
            Col(text("Days past"), "num"),
        ],
        rows,
        count=len(rows),
    )


def _actors(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = [
        Row(
            [
                Cell(text_of(a.get("case"))),
                Cell(text_of(a.get("advisor"))),
                Cell(word(a.get("kind"))),
                Cell(text_of(a.get("name"))),
            ]
        )
        for a in records(data, "actors_without_coordinator")
    ]
    return Section(
        spec,
        [Col(text("Case"), "nowrap"), Col(text("Advisor")), Col(text("Kind"), "nowrap"), Col(text("Actor"))],
        rows,
        count=len(rows),
    )


def _caseload(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = []
    for r in records(data, "caseload"):
        total = r.get("advisor") == "TOTAL"
        vs = int_or_none(r.get("vs_target"))
        rows.append(
            Row(
                [
                    Cell(text("TOTAL") if total else text_of(r.get("advisor"))),
                    Cell(text_of(r.get("name"))),
                    Cell("" if total and r.get("team") is None else text_of(r.get("team"))),
                    Cell(number(r.get("primary"))),
                    Cell(number(r.get("buddy"))),
                    Cell(number(r.get("3m"))),
                    Cell(number(r.get("6w"))),
                    Cell(number(r.get("unclassified"))),
                    Cell(number(r.get("complex"))),
                    Cell(number(r.get("target"))),
                    Cell(signed(vs), alert=bool(vs and vs > 0)),
                ],
                "total" if total else "",
            )
        )
    return Section(
        spec,
        [
            Col(text("Advisor")),
            Col(text("Name"), "nowrap"),
            Col(text("Team")),
            Col(text("Primary"), "num"),
            Col(text("Buddy"), "num"),
            Col(text("3-month"), "num"),
            Col(text("6-week"), "num"),
            Col(text("Unclass."), "num"),
            Col(text("Complex"), "num"),
            Col(text("Target"), "num"),
            Col(text("vs target"), "num"),
        ],
        rows,
    )


def _rhythm(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = []
    for r in records(data, "team_rhythm"):
        stored = r.get("status")
        status = word(stored)
        late = int_or_none(r.get("days_overdue"))
        alert = stored in ("overdue", "none held yet")
        if stored == "overdue" and late is not None:
            status = words.plural(late, "overdue by {n} day", "overdue by {n} days")
        rows.append(
            Row(
                [
                    Cell(text_of(r.get("team"))),
                    Cell(word(r.get("kind"))),
                    Cell(text_of(rhythm_words(r.get("rhythm")))),
                    Cell(iso_day(r.get("last"))),
                    Cell(iso_day(r.get("next_due"))),
                    Cell(status, alert=alert),
                ]
            )
        )
    return Section(
        spec,
        [
            Col(text("Team")),
            Col(text("Meeting")),
            Col(text("Rhythm")),
            Col(text("Last held"), "nowrap"),
            Col(text("Next due"), "nowrap"),
            Col(text("Status")),
        ],
        rows,
    )


def _learning(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = [
        Row(
            [
                Cell(text_of(g.get("advisor"))),
                Cell(text_of(g.get("team"))),
                Cell(cut(g.get("text"))),
                Cell(word(g.get("status"))),
                Cell(iso_day(g.get("last_review"))),
                Cell(iso_day(g.get("review_due"))),
                items_cell(g.get("attention")),
            ]
        )
        for g in records(data, "learning_goals")
    ]
    return Section(
        spec,
        [
            Col(text("Advisor")),
            Col(text("Team")),
            Col(text("Learning goal")),
            Col(text("Status")),
            Col(text("Last review"), "nowrap"),
            Col(text("Review due"), "nowrap"),
            Col(text("Attention")),
        ],
        rows,
        count=len(rows),
    )


def _followups(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    found = records(data, "followups_last_7_days")
    rows = []
    total = 0
    for r in found:
        n = int_or_none(r.get("followups"))
        total += n or 0
        rows.append(Row([Cell(text_of(r.get("advisor"))), Cell(text_of(r.get("name"))), Cell(number(n), alert=n == 0)]))
    if rows:
        rows.append(Row([Cell(text("TOTAL")), Cell(""), Cell(number(total))], "total"))
    return Section(
        spec,
        [Col(text("Advisor")), Col(text("Name")), Col(text("Follow-ups"), "num")],
        rows,
    )


def _barometer(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    found = data.get("barometer")
    found = found if isinstance(found, Mapping) else {}
    weeks = [w for w in found.get("weeks") or [] if isinstance(w, Mapping)]
    total = found.get("total") if isinstance(found.get("total"), Mapping) else None
    cols = [
        Col(text("Week"), "nowrap"),
        Col(text("From"), "nowrap"),
        Col(text("To"), "nowrap"),
        Col(text("Due"), "num"),
        Col(text("On time"), "num"),
        Col(text("On time %"), "num"),
        Col(text("Investigations ended"), "num"),
        Col(text("Within 4 months %"), "num"),
    ]
    counted = [total] if total is not None else weeks
    if not any(int_or_none(r.get("followups_due")) or int_or_none(r.get("investigations_finished")) for r in counted):
        return Section(spec, cols)  # nothing fell due and nothing ended: the empty text says so

    def cells(label: str, r: Mapping[str, Any]) -> list[Cell]:
        return [
            Cell(label),
            Cell(iso_day(r.get("from"))),
            Cell(iso_day(r.get("to"))),
            Cell(number(r.get("followups_due"))),
            Cell(number(r.get("on_time"))),
            Cell(_percent(r.get("on_time_pct"))),
            Cell(number(r.get("investigations_finished"))),
            Cell(_percent(r.get("investigations_in_time_pct"))),
        ]

    rows = [Row(cells(text_of(w.get("week")), w)) for w in weeks]
    if total is not None:
        rows.append(Row(cells(words.plural(len(weeks), "{n} week", "{n} weeks"), total), "total"))
    trends = (
        Trend(
            text("Follow-ups on time"),
            tuple(_point(w, "on_time_pct", "on_time", "followups_due",
                         text("{week}: {rate} on time ({hits} of {n})"), text("{week}: no follow-up due"))
                  for w in weeks),
        ),
        Trend(
            text("Investigations within 4 months"),
            tuple(
                _point(w, "investigations_in_time_pct", "investigations_in_time", "investigations_finished",
                       text("{week}: {rate} within 4 months ({hits} of {n})"), text("{week}: no investigation ended"))
                for w in weeks
            ),
        ),
    )  # fmt: skip
    return Section(spec, cols, rows, trends=trends)


def _percent(value: Any) -> str:
    """A rate as the tables show it: one decimal, no sign; a dash for no rate."""
    x = float_or_none(value)
    return DASH if x is None else decimal(x, 1)


def _point(week: Mapping[str, Any], rate: str, hits: str, of: str, hit_words: str, none_words: str) -> Point:
    """One week of a trend; `hit_words` says its rate ({week}, {rate}, {hits}, {n}), `none_words` a week
    without one ({week})."""
    label = text_of(week.get("week"))
    value = float_or_none(week.get(rate))
    n = int_or_none(week.get(of)) or 0
    if value is None:
        return Point(label, None, none_words.format(week=label))
    rate = f"{_percent(value)}%" if english() else f"{_percent(value)} %"  # Danish puts a space before %
    return Point(label, value, hit_words.format(week=label, rate=rate, hits=number(week.get(hits)), n=number(n)))


def _experience(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    exp = data.get("experience") or {}
    if not isinstance(exp, Mapping):
        exp = {}
    rows = []
    for r in exp.get("advisors") or []:
        if not isinstance(r, Mapping):
            continue
        change = r.get("change")
        rows.append(
            Row(
                [
                    Cell(text_of(r.get("advisor"))),
                    Cell(number(r.get("cases"))),
                    Cell(signed(change, 2), alert=isinstance(change, (int, float)) and change < 0),
                ]
            )
        )
    team = exp.get("team") if isinstance(exp.get("team"), Mapping) else None
    lead = ""
    if team:
        change = team.get("change")
        label = team_label(data)
        rows.append(
            Row(
                [
                    Cell(label),
                    Cell(number(team.get("cases"))),
                    Cell(signed(change, 2), alert=isinstance(change, (int, float)) and change < 0),
                ],
                "total",
            )
        )
        lead = text("{team}: average {first} at first measurement, {latest} at latest ({change}), over ").format(
            team=label, first=number(team.get("first")), latest=number(team.get("latest")), change=signed(change, 2)
        ) + words.plural(int_or_none(team.get("cases")) or 0, "{n} case.", "{n} cases.")
    return Section(
        spec,
        [Col(text("Advisor")), Col(text("Cases"), "num"), Col(text("Change"), "num")],
        rows,
        lead=lead,
    )


def _moment(value: Any) -> str:
    """A moment (UTC) as "2026-12-06 09:27", to the minute; a day or text as it is."""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, str) and len(value) >= 16 and value[10] == "T":
        return value[:10] + " " + value[11:16]
    return text_of(value)


def _emergency(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = [
        Row([Cell(text_of(r.get("advisor"))), Cell(text_of(r.get("case"))), Cell(_moment(r.get("opened"))),
             Cell(_moment(r.get("expires"))), Cell(_moment(r.get("closed"))), Cell(cut(r.get("note")))])
        for r in records(data, "emergency_access")
    ]  # fmt: skip
    return Section(
        spec,
        [Col(text("Advisor")), Col(text("Case"), "nowrap"), Col(text("Opened (UTC)"), "nowrap"),
         Col(text("Until (UTC)"), "nowrap"), Col(text("Closed (UTC)"), "nowrap"), Col(text("Why"))],
        rows,
        count=len(rows),
    )  # fmt: skip


def _plain_table(spec: WeeklySection, data: Mapping[str, Any], as_of: date | None) -> Section:
    """A section that is a plain list of records, shown with the columns its definition names."""
    cols = [Col(text(c.header), "num" if c.justify == "right" else "text") for c in spec.table.columns]
    rows = [Row([Cell(_value(r.get(c.key))) for c in spec.table.columns]) for r in records(data, spec.key)]
    return Section(spec, cols, rows, count=len(rows))


def _value(value: Any) -> str:
    """A plain table's value: a number as the language writes it, anything else as text."""
    return number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else text_of(value)


Builder = Callable[[WeeklySection, Mapping[str, Any], date | None], Section]

#: The builder of each section, by the section's key in the weekly report's JSON object.
BUILDERS: dict[str, Builder] = {
    "overdue_by_advisor": _overdue,
    "due_next_7_days": _due_soon,
    "unclassified": _unclassified,
    "legal_deadlines": _legal,
    "complex_without_buddy": _no_buddy,
    "needs_new_advisor": _plain_table,
    "start_of_case": _plain_table,
    "open_handovers": _handovers,
    "goals_past_target": _goals,
    "actors_without_coordinator": _actors,
    "caseload": _caseload,
    "team_rhythm": _rhythm,
    "learning_goals": _learning,
    "followups_last_7_days": _followups,
    "barometer": _barometer,
    "signs_of_safety": _plain_table,
    "experience": _experience,
    "emergency_access": _emergency,
}


def build_sections(data: Mapping[str, Any]) -> list[Section]:
    """Every section of the weekly report, in the order of `WEEKLY_SECTIONS`."""
    as_of = as_date(data.get("as_of"))
    return [BUILDERS[spec.key](spec, data, as_of) for spec in WEEKLY_SECTIONS]
