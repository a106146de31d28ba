"""The team leader's weekly report as a document to forward: Markdown for e-mail, or one HTML file.

`render_weekly(data, fmt)` takes the dict from `samfam.reports.weekly(...)` (dates as `datetime.date`
or ISO strings) and returns the text. Pure: standard library only, no clock, no I/O; the same data
always gives the same bytes. The HTML is self-contained (inline CSS and SVG, no script, nothing
fetched from the network) and prints on A4.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

FORMATS = ("markdown", "html")
DASH = "—"
MAX_TEXT = 100  # free text (learning goals) is cut here to keep the tables compact

# (section key, heading) in document order; the key is also the HTML id.
SECTIONS = (
    ("overdue", "Overdue follow-ups"),
    ("due-soon", "Due in the next 7 days"),
    ("unclassified", "Needs classification"),
    ("legal", "Legal deadlines"),
    ("no-buddy", "Complex cases without a buddy"),
    ("handovers", "Open handovers"),
    ("goals", "Goals past target date"),
    ("actors", "Actors without an agreed coordinator"),
    ("caseload", "Caseload"),
    ("rhythm", "Team meeting rhythm"),
    ("learning", "Learning goals not reviewed"),
    ("followups", "Follow-ups in the last 7 days"),
    ("experience", "Family experience of coordination"),
)
TITLES = dict(SECTIONS)

_MONTHS = "January February March April May June July August September October November December".split()
_TRACKS = {"3m": "3-month", "6w": "6-week"}


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


def _items(value: Any) -> Cell:
    if isinstance(value, (list, tuple)) and value:
        items = tuple(_text(v) for v in value)
        return Cell(", ".join(items), items=items)
    return Cell(_text(value))


@dataclass
class Row:
    cells: list[Cell]
    cls: str = ""  # "" | "group" (first row of a group) | "total"


@dataclass
class Section:
    key: str
    explain: str
    empty: str
    cols: list[Col] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    lead: str = ""  # one line between the explanation and the table
    count: int | None = None  # shown after the heading when given

    @property
    def title(self) -> str:
        return TITLES[self.key]

    @property
    def is_empty(self) -> bool:
        return not self.rows


# ---------------------------------------------------------------------------------------------------
# Values


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _day(value: Any) -> str:
    """A date as ISO text; a string that is not a date is shown as it is."""
    d = _as_date(value)
    if d is not None:
        return d.isoformat()
    return DASH if value in (None, "") else str(value)


def _long_day(value: Any) -> str:
    d = _as_date(value)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}" if d else _text(value)


def _span(start: Any, end: Any) -> str:
    a, b = _as_date(start), _as_date(end)
    if a is None or b is None:
        return f"{_text(start)} to {_text(end)}"
    if a.year != b.year:
        return f"{_long_day(a)} – {_long_day(b)}"
    if a.month != b.month:
        return f"{a.day} {_MONTHS[a.month - 1]} – {_long_day(b)}"
    return f"{a.day}–{_long_day(b)}"


def _text(value: Any) -> str:
    if value is None or value == "":
        return DASH
    if isinstance(value, date):
        return _day(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value) if value else DASH
    return " ".join(str(value).split())  # one line: no newlines or tabs inside a cell


def _cut(value: Any, limit: int = MAX_TEXT) -> str:
    text = _text(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _num(value: Any) -> str:
    return DASH if value is None else str(value)


def _signed(value: Any, digits: int = 0) -> str:
    if value is None:
        return DASH
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if digits:
        return f"{number:+.{digits}f}"
    return f"{int(number):+d}" if number else "0"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _track(value: Any) -> str:
    return _TRACKS.get(value, _text(value)) if isinstance(value, str) else _text(value)


def _list(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key) or []
    return [r for r in value if isinstance(r, Mapping)]


def _days_until(row: Mapping[str, Any], as_of: date | None) -> int | None:
    late = _int(row.get("days_overdue"))
    if late is not None:
        return -late
    due = _as_date(row.get("next_due"))
    return (due - as_of).days if due and as_of else None


# ---------------------------------------------------------------------------------------------------
# Sections


def _overdue(data: Mapping[str, Any]) -> Section:
    groups = _list(data, "overdue_by_advisor")
    rows: list[Row] = []
    lead = []
    total = 0
    for group in groups:
        advisor = _text(group.get("advisor"))
        cases = [c for c in group.get("cases") or [] if isinstance(c, Mapping)]
        n = _int(group.get("overdue"))
        n = len(cases) if n is None else n
        total += n
        lead.append(f"{advisor} {n}")
        for i, c in enumerate(cases):
            late = _int(c.get("days_overdue"))
            rows.append(
                Row(
                    [
                        Cell(advisor),
                        Cell(_text(c.get("case"))),
                        Cell(_track(c.get("track"))),
                        _items(c.get("paragraphs")),
                        Cell(_day(c.get("last_followup"))),
                        Cell(_day(c.get("next_due"))),
                        Cell(_num(late), alert=bool(late and late > 0)),
                    ],
                    "group" if i == 0 else "",
                )
            )
    return Section(
        "overdue",
        "Cases whose systematic follow-up (3-month or 6-week track) is past its due date; "
        "advisors with most overdue first.",
        "No follow-up is overdue.",
        [
            Col("Advisor"),
            Col("Case", "nowrap"),
            Col("Track"),
            Col("Paragraphs"),
            Col("Last follow-up", "nowrap"),
            Col("Due", "nowrap"),
            Col("Days overdue", "num"),
        ],
        rows,
        lead=("By advisor: " + " · ".join(lead)) if lead else "",
        count=total if groups else None,
    )


def _due_soon(data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = []
    for c in _list(data, "due_next_7_days"):
        left = _days_until(c, as_of)
        rows.append(
            Row(
                [
                    Cell(_text(c.get("case"))),
                    Cell(_text(c.get("advisor"))),
                    Cell(_text(c.get("buddy"))),
                    Cell(_track(c.get("track"))),
                    _items(c.get("paragraphs")),
                    Cell(_day(c.get("last_followup"))),
                    Cell(_day(c.get("next_due"))),
                    Cell(_num(left)),
                ]
            )
        )
    return Section(
        "due-soon",
        "Follow-ups falling due within the next 7 days, soonest first.",
        "No follow-up falls due in the next 7 days.",
        [
            Col("Case", "nowrap"),
            Col("Advisor"),
            Col("Buddy"),
            Col("Track"),
            Col("Paragraphs"),
            Col("Last follow-up", "nowrap"),
            Col("Due", "nowrap"),
            Col("Days left", "num"),
        ],
        rows,
        count=len(rows),
    )


def _unclassified(data: Mapping[str, Any]) -> Section:
    rows = [
        Row(
            [
                Cell(_text(c.get("case"))),
                Cell(_text(c.get("advisor"))),
                _items(c.get("paragraphs")),
                Cell(_day(c.get("last_followup"))),
                Cell(_text(c.get("reason"))),
            ]
        )
        for c in _list(data, "unclassified")
    ]
    return Section(
        "unclassified",
        "Open cases whose active grants fit neither the 3-month nor the 6-week track; "
        "they get no due date until the grants are corrected.",
        "Every open case has a follow-up track.",
        [Col("Case", "nowrap"), Col("Advisor"), Col("Paragraphs"), Col("Last follow-up", "nowrap"), Col("Reason")],
        rows,
        count=len(rows),
    )


def _legal(data: Mapping[str, Any]) -> Section:
    found = _list(data, "legal_deadlines")
    with_age = any(r.get("age") is not None for r in found)
    rows = []
    for r in found:
        left = _int(r.get("days_left"))
        shown = f"{left} (passed)" if left is not None and left < 0 else _num(left)
        cells = [
            Cell(_text(r.get("case"))),
            Cell(_text(r.get("advisor"))),
            Cell(_text(r.get("kind"))),
            Cell(_day(r.get("deadline"))),
            Cell(shown, alert=left is not None and left < 0),
            Cell(_text(r.get("what"))),
            Cell(_text(r.get("law"))),
        ]
        if with_age:
            cells.append(Cell(_num(r.get("age"))))
        rows.append(Row(cells))
    cols = [
        Col("Case", "nowrap"),
        Col("Advisor"),
        Col("Kind", "nowrap"),
        Col("Deadline", "nowrap"),
        Col("Days left", "num"),
        Col("What"),
        Col("Law"),
    ]
    if with_age:
        cols.append(Col("Age", "num"))
    return Section(
        "legal",
        "Statutory deadlines passed or due within 30 days (investigation within 4 months, "
        "transition from 16, age 18); negative days = the deadline has passed.",
        "No legal deadline has passed or falls within 30 days.",
        cols,
        rows,
        count=len(rows),
    )


def _no_buddy(data: Mapping[str, Any]) -> Section:
    rows = [
        Row([Cell(_text(c.get("case"))), Cell(_text(c.get("advisor"))), Cell(_track(c.get("track")))])
        for c in _list(data, "complex_without_buddy")
    ]
    return Section(
        "no-buddy",
        "Cases marked complex that have no buddy advisor (makker) who knows the case.",
        "Every complex case has a buddy.",
        [Col("Case", "nowrap"), Col("Advisor"), Col("Track")],
        rows,
        count=len(rows),
    )


def _handovers(data: Mapping[str, Any]) -> Section:
    rows = []
    for h in _list(data, "open_handovers"):
        missing = h.get("missing") or []
        rows.append(
            Row(
                [
                    Cell(_text(h.get("case"))),
                    Cell(_text(h.get("advisor"))),
                    Cell(_text(h.get("kind"))),
                    Cell(_day(h.get("started"))),
                    Cell(str(len(missing))),
                    _items(missing),
                ]
            )
        )
    return Section(
        "handovers",
        "Handovers started but not complete, with the checklist items still missing.",
        "No handover is open.",
        [
            Col("Case", "nowrap"),
            Col("Advisor"),
            Col("Kind", "nowrap"),
            Col("Started", "nowrap"),
            Col("Missing", "num"),
            Col("Still to do"),
        ],
        rows,
        count=len(rows),
    )


def _goals(data: Mapping[str, Any], as_of: date | None) -> Section:
    rows = []
    for g in _list(data, "goals_past_target"):
        target = _as_date(g.get("target"))
        past = (as_of - target).days if as_of and target else None
        rows.append(
            Row(
                [
                    Cell(_text(g.get("case"))),
                    Cell(_text(g.get("advisor"))),
                    Cell(_num(g.get("id"))),
                    Cell(_text(g.get("status"))),
                    Cell(_day(g.get("target"))),
                    Cell(_num(past)),
                ]
            )
        )
    return Section(
        "goals",
        "Goals in the families' shared goal picture whose target date has passed and that are "
        "neither achieved nor dropped. The goal wording is left out (it may name the child).",
        "No goal is past its target date.",
        [
            Col("Case", "nowrap"),
            Col("Advisor"),
            Col("Goal no.", "num"),
            Col("Status"),
            Col("Target", "nowrap"),
            Col("Days past", "num"),
        ],
        rows,
        count=len(rows),
    )


def _actors(data: Mapping[str, Any]) -> Section:
    rows = [
        Row(
            [
                Cell(_text(a.get("case"))),
                Cell(_text(a.get("advisor"))),
                Cell(_text(a.get("kind"))),
                Cell(_text(a.get("name"))),
            ]
        )
        for a in _list(data, "actors_without_coordinator")
    ]
    return Section(
        "actors",
        "External actors (school, daycare, PPR …) where it is not agreed whether the family or the "
        "advisor coordinates.",
        "Every actor has an agreed coordinator.",
        [Col("Case", "nowrap"), Col("Advisor"), Col("Kind", "nowrap"), Col("Actor")],
        rows,
        count=len(rows),
    )


def _caseload(data: Mapping[str, Any]) -> Section:
    rows = []
    for r in _list(data, "caseload"):
        total = r.get("advisor") == "TOTAL"
        vs = _int(r.get("vs_target"))
        rows.append(
            Row(
                [
                    Cell(_text(r.get("advisor"))),
                    Cell(_text(r.get("name"))),
                    Cell("" if total and r.get("team") is None else _text(r.get("team"))),
                    Cell(_num(r.get("primary"))),
                    Cell(_num(r.get("buddy"))),
                    Cell(_num(r.get("3m"))),
                    Cell(_num(r.get("6w"))),
                    Cell(_num(r.get("unclassified"))),
                    Cell(_num(r.get("complex"))),
                    Cell(_num(r.get("target"))),
                    Cell(_signed(vs), alert=bool(vs and vs > 0)),
                ],
                "total" if total else "",
            )
        )
    return Section(
        "caseload",
        "Open cases per advisor as primary advisor and as buddy, by track, against the caseload target "
        "(positive = above target).",
        "No caseload figures.",
        [
            Col("Advisor"),
            Col("Name", "nowrap"),
            Col("Team"),
            Col("Primary", "num"),
            Col("Buddy", "num"),
            Col("3-month", "num"),
            Col("6-week", "num"),
            Col("Unclass.", "num"),
            Col("Complex", "num"),
            Col("Target", "num"),
            Col("vs target", "num"),
        ],
        rows,
    )


def _rhythm(data: Mapping[str, Any]) -> Section:
    rows = []
    for r in _list(data, "team_rhythm"):
        status = _text(r.get("status"))
        late = _int(r.get("days_overdue"))
        alert = status in ("overdue", "none held yet")
        if status == "overdue" and late is not None:
            status = f"overdue by {_plural(late, 'day', 'days')}"
        rows.append(
            Row(
                [
                    Cell(_text(r.get("team"))),
                    Cell(_text(r.get("kind"))),
                    Cell(_text(r.get("rhythm"))),
                    Cell(_day(r.get("last"))),
                    Cell(_day(r.get("next_due"))),
                    Cell(status, alert=alert),
                ]
            )
        )
    return Section(
        "rhythm",
        "The team's own meetings (case meetings, half-days, the 3-monthly stop-op): last held and next due.",
        "No team meetings are registered.",
        [
            Col("Team"),
            Col("Meeting"),
            Col("Rhythm"),
            Col("Last held", "nowrap"),
            Col("Next due", "nowrap"),
            Col("Status"),
        ],
        rows,
    )


def _learning(data: Mapping[str, Any]) -> Section:
    rows = [
        Row(
            [
                Cell(_text(g.get("advisor"))),
                Cell(_text(g.get("team"))),
                Cell(_cut(g.get("text"))),
                Cell(_text(g.get("status"))),
                Cell(_day(g.get("last_review"))),
                Cell(_day(g.get("review_due"))),
                _items(g.get("attention")),
            ]
        )
        for g in _list(data, "learning_goals")
    ]
    return Section(
        "learning",
        "Advisors' individual learning goals not followed up with the team leader for 3 months.",
        "Every learning goal has been reviewed within 3 months.",
        [
            Col("Advisor"),
            Col("Team"),
            Col("Learning goal"),
            Col("Status"),
            Col("Last review", "nowrap"),
            Col("Review due", "nowrap"),
            Col("Attention"),
        ],
        rows,
        count=len(rows),
    )


def _followups(data: Mapping[str, Any]) -> Section:
    found = _list(data, "followups_last_7_days")
    rows = []
    total = 0
    for r in found:
        n = _int(r.get("followups"))
        total += n or 0
        rows.append(Row([Cell(_text(r.get("advisor"))), Cell(_text(r.get("name"))), Cell(_num(n), alert=n == 0)]))
    if rows:
        rows.append(Row([Cell("TOTAL"), Cell(""), Cell(str(total))], "total"))
    return Section(
        "followups",
        "Follow-ups that count under the model (startup, follow-up, home visit, network or assessment "
        "meeting) held in the week, credited to the advisor responsible on the day.",
        "No follow-ups were held in the last 7 days.",
        [Col("Advisor"), Col("Name"), Col("Follow-ups", "num")],
        rows,
    )


def _experience(data: Mapping[str, Any]) -> Section:
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
                    Cell(_text(r.get("advisor"))),
                    Cell(_num(r.get("cases"))),
                    Cell(_signed(change, 2), alert=isinstance(change, (int, float)) and change < 0),
                ]
            )
        )
    team = exp.get("team") if isinstance(exp.get("team"), Mapping) else None
    lead = ""
    if team:
        change = team.get("change")
        label = f"Team {data['team']}" if data.get("team") else "All teams"
        rows.append(
            Row(
                [
                    Cell(label),
                    Cell(_num(team.get("cases"))),
                    Cell(_signed(change, 2), alert=isinstance(change, (int, float)) and change < 0),
                ],
                "total",
            )
        )
        lead = (
            f"{label}: average {_num(team.get('first'))} at first measurement, {_num(team.get('latest'))} "
            f"at latest ({_signed(change, 2)}), over {_plural(_int(team.get('cases')) or 0, 'case', 'cases')}."
        )
    return Section(
        "experience",
        "How families rate the coordination of their case (1–5): average change between the first and "
        "the latest measurement, for cases measured at least twice.",
        "No case has been measured twice yet.",
        [Col("Advisor"), Col("Cases", "num"), Col("Change", "num")],
        rows,
        lead=lead,
    )


def _sections(data: Mapping[str, Any]) -> list[Section]:
    as_of = _as_date(data.get("as_of"))
    return [
        _overdue(data),
        _due_soon(data, as_of),
        _unclassified(data),
        _legal(data),
        _no_buddy(data),
        _handovers(data),
        _goals(data, as_of),
        _actors(data),
        _caseload(data),
        _rhythm(data),
        _learning(data),
        _followups(data),
        _experience(data),
    ]


# ---------------------------------------------------------------------------------------------------
# Title and summary


def _team_label(data: Mapping[str, Any]) -> str:
    team = data.get("team")
    return f"Team {_text(team)}" if team else "All teams"


def _week_line(data: Mapping[str, Any]) -> str:
    week = data.get("week") if isinstance(data.get("week"), Mapping) else {}
    as_of = data.get("as_of") or week.get("to")
    start, end = week.get("from"), week.get("to") or as_of
    span = _span(start, end) if start is not None else _long_day(end)
    return f"Week {span} (data as of {_long_day(as_of)})"


@dataclass(frozen=True)
class Figure:
    value: int
    label: str
    alert: bool
    note: str = ""


def _summary(data: Mapping[str, Any]) -> list[Figure]:
    summary = data.get("summary") if isinstance(data.get("summary"), Mapping) else {}

    def count(key: str, fallback: int) -> int:
        n = _int(summary.get(key))
        return fallback if n is None else n

    overdue_fallback = sum(
        _int(g.get("overdue")) or len(g.get("cases") or []) for g in _list(data, "overdue_by_advisor")
    )
    total_row = [r for r in _list(data, "caseload") if r.get("advisor") == "TOTAL"]
    open_fallback = (_int(total_row[0].get("primary")) or 0) if total_row else 0
    legal = _list(data, "legal_deadlines")
    passed = sum(1 for r in legal if (_int(r.get("days_left")) or 0) < 0)

    open_cases = count("open_cases", open_fallback)
    overdue = count("overdue", overdue_fallback)
    due = count("due_next_7_days", len(_list(data, "due_next_7_days")))
    unclassified = count("unclassified", len(_list(data, "unclassified")))
    deadlines = count("legal_deadlines", len(legal))
    handovers = count("open_handovers", len(_list(data, "open_handovers")))
    return [
        Figure(open_cases, "open case" if open_cases == 1 else "open cases", False),
        Figure(overdue, "overdue", overdue > 0),
        Figure(due, "due in 7 days", False),
        Figure(unclassified, "needs classification" if unclassified == 1 else "need classification", unclassified > 0),
        Figure(
            deadlines,
            "legal deadline" if deadlines == 1 else "legal deadlines",
            passed > 0,
            f"{passed} passed" if passed else "",
        ),
        Figure(handovers, "open handover" if handovers == 1 else "open handovers", False),
    ]


def _summary_line(figures: Sequence[Figure]) -> str:
    parts = [f"{f.value} {f.label}" + (f" ({f.note})" if f.note else "") for f in figures]
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------------------
# Markdown


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _md_table(section: Section) -> list[str]:
    header = [_md_cell(c.label) for c in section.cols]
    body = [[_md_cell(cell.text) for cell in row.cells] for row in section.rows]
    widths = [max(3, len(h), *(len(r[i]) for r in body)) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, text in enumerate(cells):
            right = section.cols[i].kind == "num"
            out.append(text.rjust(widths[i]) if right else text.ljust(widths[i]))
        return "| " + " | ".join(out) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if c.kind == "num" else "-" * (w + 2)
            for c, w in zip(section.cols, widths, strict=True)
        )
        + "|"
    )
    return [line(header), rule, *(line(r) for r in body)]


def _markdown(data: Mapping[str, Any]) -> str:
    out = [
        f"# Weekly report: {_team_label(data)}",
        "",
        _week_line(data),
        "",
        f"**Summary:** {_summary_line(_summary(data))}",
    ]
    for s in _sections(data):
        heading = s.title + (f" ({s.count})" if s.count else "")
        out += ["", f"## {heading}", "", s.explain, ""]
        if s.is_empty:
            out.append(s.empty)
            continue
        if s.lead:
            out += [s.lead, ""]
        out += _md_table(s)
    out += ["", "---", _FOOTER]
    return "\n".join(out) + "\n"


_FOOTER = (
    "Produced by samfam from the case register. Cases are shown by case number only: no children's names, "
    "no CPR numbers. Internal: handle as confidential case information."
)


# ---------------------------------------------------------------------------------------------------
# HTML

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 68rem; padding: 1.5rem 1.5rem 2.5rem; color: #1f2328; background: #fff;
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans",
  sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .15rem; }
.week { margin: 0 0 1rem; color: #57606a; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0 0 .4rem; padding: 0; list-style: none; }
.summary li { flex: 1 1 8rem; padding: .4rem .7rem; border: 1px solid #d0d7de; border-radius: 6px;
  background: #f6f8fa; }
.summary b { display: block; font-size: 1.5rem; line-height: 1.2; font-variant-numeric: tabular-nums; }
.summary small { display: block; color: #57606a; }
.summary li.alert { border: 2px solid #b3261e; border-left-width: 6px; background: #fff; }
.summary li.alert b { color: #b3261e; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .2rem; padding-bottom: .15rem; border-bottom: 2px solid #d0d7de; }
h2 .count { font-weight: normal; color: #57606a; }
p { margin: 0 0 .45rem; }
.explain { color: #57606a; font-size: .9rem; }
.empty { font-style: italic; }
.lead { font-size: .9rem; }
table { width: 100%; border-collapse: collapse; font-size: .85rem; }
table.narrow { width: auto; min-width: 50%; }
th, td { padding: .25rem .5rem; text-align: left; vertical-align: top; border-bottom: 1px solid #e1e4e8; }
thead th { background: #eef1f4; border-bottom: 2px solid #8c959f; font-weight: 600; }
tbody tr:nth-child(even) { background: #f6f8fa; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap, .item { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.alert { color: #b3261e; font-weight: 700; }
tr.group td { border-top: 2px solid #8c959f; }
tr.total td { font-weight: 700; background: #eef1f4; border-top: 2px solid #57606a; }
figure { margin: .6rem 0 0; }
figure svg { display: block; width: 100%; max-width: 780px; height: auto; }
figcaption { font-size: .85rem; color: #57606a; }
footer { margin-top: 2rem; padding-top: .4rem; border-top: 1px solid #d0d7de; font-size: .8rem; color: #57606a; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  .summary { flex-wrap: nowrap; gap: .3rem; }
  .summary li { flex: 1 1 0; padding: .25rem .45rem; }
  .summary b { font-size: 13pt; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11.5pt; margin-top: 1rem; break-after: avoid; page-break-after: avoid; }
  .explain, .lead { break-after: avoid; page-break-after: avoid; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, li, figure, svg { break-inside: avoid; page-break-inside: avoid; }
  section.keep { break-inside: avoid; page-break-inside: avoid; }
}
"""

_KEEP_ROWS = 8  # sections this short are kept on one page when printed


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _html_cell(cell: Cell) -> str:
    if cell.items:
        return ", ".join(f'<span class="item">{_e(item)}</span>' for item in cell.items)
    return _e(cell.text)


def _html_table(section: Section) -> list[str]:
    def cls(col: Col, alert: bool = False) -> str:
        names = ([col.kind] if col.kind != "text" else []) + (["alert"] if alert else [])
        return f' class="{" ".join(names)}"' if names else ""

    narrow = ' class="narrow"' if len(section.cols) <= 4 else ""
    out = [f"<table{narrow}>", "<thead><tr>"]
    out += [f'<th scope="col"{cls(c)}>{_e(c.label)}</th>' for c in section.cols]
    out.append("</tr></thead>")
    out.append("<tbody>")
    for row in section.rows:
        attr = f' class="{row.cls}"' if row.cls else ""
        cells = "".join(
            f"<td{cls(col, cell.alert)}>{_html_cell(cell)}</td>"
            for col, cell in zip(section.cols, row.cells, strict=True)
        )
        out.append(f"<tr{attr}>{cells}</tr>")
    out += ["</tbody>", "</table>"]
    return out


# Chart geometry (SVG user units; the SVG scales to the page width).
_W = 760
_A_X, _A_W, _A_ROOM = 70, 250, 40  # overdue panel: start, width, room kept for the number label
_B_X, _B_W, _B_ROOM = 350, 400, 120  # caseload panel
_TOP, _ROW_H, _BAR_H = 64, 26, 14
_RED, _BLUE, _NAVY, _INK, _MUTED = "#b3261e", "#8fa9cc", "#2f4b7c", "#1f2328", "#57606a"


@dataclass(frozen=True)
class _Bar:
    advisor: str
    overdue: int
    primary: int | None
    target: int | None


def chart_rows(data: Mapping[str, Any]) -> list[_Bar]:
    """Per advisor (caseload order, TOTAL skipped): overdue follow-ups, open cases as primary, target.

    Staff with nothing to draw (no open case, no overdue follow-up, no target) are left out; the
    caption names them.
    """
    overdue: dict[str, int] = {}
    for g in _list(data, "overdue_by_advisor"):
        n = _int(g.get("overdue"))
        overdue[_text(g.get("advisor"))] = len(g.get("cases") or []) if n is None else n
    bars: list[_Bar] = []
    for r in _list(data, "caseload"):
        advisor = _text(r.get("advisor"))
        if advisor == "TOTAL":
            continue
        bars.append(_Bar(advisor, overdue.get(advisor, 0), _int(r.get("primary")), _int(r.get("target"))))
    seen = {b.advisor for b in bars}
    bars += [_Bar(a, n, None, None) for a, n in overdue.items() if a not in seen]
    return [b for b in bars if not _idle(b)]


def _idle(bar: _Bar) -> bool:
    return not bar.overdue and not bar.primary and bar.target is None


def _idle_staff(data: Mapping[str, Any]) -> list[str]:
    rows = [r for r in _list(data, "caseload") if r.get("advisor") != "TOTAL"]
    late = {_text(g.get("advisor")) for g in _list(data, "overdue_by_advisor")}
    return [
        _text(r.get("advisor"))
        for r in rows
        if _text(r.get("advisor")) not in late and _idle(_Bar("", 0, _int(r.get("primary")), _int(r.get("target"))))
    ]


def _svg(bars: Sequence[_Bar]) -> str:
    max_a = max([b.overdue for b in bars] + [1])
    max_b = max([b.primary or 0 for b in bars] + [b.target or 0 for b in bars] + [1])
    scale_a = (_A_W - _A_ROOM) / max_a
    scale_b = (_B_W - _B_ROOM) / max_b
    height = _TOP + _ROW_H * len(bars) + 8
    described = "; ".join(
        f"{b.advisor}: {b.overdue} overdue, {_num(b.primary)} open cases"
        + (f", target {b.target}" if b.target is not None else "")
        for b in bars
    )
    label = "Overdue follow-ups and open cases against the caseload target, per advisor"
    out = [
        f'<svg viewBox="0 0 {_W} {height}" width="{_W}" height="{height}" role="img" '
        f'aria-label="{_e(label)}" font-size="12" fill="{_INK}" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif">',
        f"<title>{_e(label)}</title>",
        f"<desc>{_e(described)}</desc>",
    ]
    # Legend.
    x = 0
    legend = [
        ("rect", _RED, "Overdue follow-ups"),
        ("rect", _BLUE, "Open cases (primary advisor)"),
        ("rect", _NAVY, "Above target"),
        ("tick", _INK, "Caseload target"),
    ]
    out.append('<g class="legend">')
    for shape, colour, text in legend:
        if shape == "rect":
            out.append(f'<rect x="{x}" y="4" width="14" height="12" fill="{colour}"/>')
        else:
            out.append(f'<rect x="{x + 6}" y="1" width="3" height="18" fill="{colour}"/>')
        out.append(f'<text x="{x + 20}" y="14">{_e(text)}</text>')
        x += 28 + int(len(text) * 6.6)
    out.append("</g>")
    # Panel headings and axes.
    out.append(
        f'<text x="{_A_X}" y="{_TOP - 14}" font-weight="600">Overdue follow-ups</text>'
        f'<text x="{_B_X}" y="{_TOP - 14}" font-weight="600">Open cases vs caseload target</text>'
    )
    bottom = _TOP + _ROW_H * len(bars)
    for bar_x in (_A_X, _B_X):
        out.append(f'<rect x="{bar_x - 1}" y="{_TOP - 4}" width="1" height="{bottom - _TOP + 4}" fill="{_MUTED}"/>')
    for i, b in enumerate(bars):
        y = _TOP + i * _ROW_H
        bar_y = y + (_ROW_H - _BAR_H) // 2
        text_y = bar_y + _BAR_H - 3
        title = f"{b.advisor}: {b.overdue} overdue follow-ups; {_num(b.primary)} open cases" + (
            f", target {b.target}" if b.target is not None else ", no target set"
        )
        out.append(f'<g class="advisor" data-advisor="{_e(b.advisor)}">')
        out.append(f"<title>{_e(title)}</title>")
        if i % 2:
            out.append(f'<rect x="0" y="{y}" width="{_W}" height="{_ROW_H}" fill="#f2f4f7"/>')
        out.append(f'<text x="0" y="{text_y}" font-weight="600">{_e(b.advisor)}</text>')
        # Overdue follow-ups.
        w = round(b.overdue * scale_a, 1)
        if w:
            out.append(
                f'<rect class="bar-overdue" x="{_A_X}" y="{bar_y}" width="{w}" height="{_BAR_H}" fill="{_RED}"/>'
            )
        weight = ' font-weight="700"' if b.overdue else ""
        out.append(f'<text x="{_A_X + w + 5}" y="{text_y}"{weight}>{b.overdue}</text>')
        # Open cases against target.
        primary = b.primary or 0
        w = round(primary * scale_b, 1)
        if b.target is not None and primary > b.target:
            inside = round(b.target * scale_b, 1)
            out.append(
                f'<rect class="bar-open" x="{_B_X}" y="{bar_y}" width="{inside}" height="{_BAR_H}" fill="{_BLUE}"/>'
            )
            out.append(
                f'<rect class="bar-above" x="{_B_X + inside}" y="{bar_y}" width="{round(w - inside, 1)}" '
                f'height="{_BAR_H}" fill="{_NAVY}"/>'
            )
        elif w:
            out.append(f'<rect class="bar-open" x="{_B_X}" y="{bar_y}" width="{w}" height="{_BAR_H}" fill="{_BLUE}"/>')
        end = w
        if b.target is not None:
            tx = round(b.target * scale_b, 1)
            out.append(
                f'<rect class="target" x="{_B_X + tx - 1}" y="{bar_y - 4}" width="3" '
                f'height="{_BAR_H + 8}" fill="{_INK}"/>'
            )
            end = max(end, tx + 2)
        note = _num(b.primary) + (f" · target {b.target}" if b.target is not None else "")
        out.append(f'<text x="{round(_B_X + end + 6, 1)}" y="{text_y}">{_e(note)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _html(data: Mapping[str, Any]) -> str:
    team = _team_label(data)
    figures = _summary(data)
    title = f"Weekly report: {team}"
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)} – {_e(_week_line(data))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="week">{_e(_week_line(data))}</p>',
        '<ul class="summary" aria-label="Summary">',
    ]
    for f in figures:
        attr = ' class="alert"' if f.alert else ""
        note = f"<small>{_e(f.note)}</small>" if f.note else ""
        out.append(f"<li{attr}><b>{f.value}</b>{_e(f.label)}{note}</li>")
    out += ["</ul>", "</header>"]
    bars = chart_rows(data)
    if bars:
        out += [
            '<section id="chart" class="keep">',
            "<h2>Overdue and caseload by advisor</h2>",
            '<p class="explain">Left: overdue follow-ups per advisor. Right: open cases as primary advisor, '
            "with the caseload target as a black tick; the darker part is above target.</p>",
            "<figure>",
            _svg(bars),
        ]
        idle = _idle_staff(data)
        if idle:
            out.append(f"<figcaption>Not shown (no open cases, no target): {_e(', '.join(idle))}.</figcaption>")
        out += [
            "</figure>",
            "</section>",
        ]
    for s in _sections(data):
        keep = " keep" if len(s.rows) <= _KEEP_ROWS else ""
        count = f' <span class="count">({s.count})</span>' if s.count else ""
        out += [
            f'<section id="{s.key}" class="section{keep}">',
            f"<h2>{_e(s.title)}{count}</h2>",
            f'<p class="explain">{_e(s.explain)}</p>',
        ]
        if s.is_empty:
            out.append(f'<p class="empty">{_e(s.empty)}</p>')
        else:
            if s.lead:
                out.append(f'<p class="lead">{_e(s.lead)}</p>')
            out += _html_table(s)
        out.append("</section>")
    out += [f"<footer>{_e(_FOOTER)}</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def render_weekly(data: dict, fmt: str) -> str:
    """The weekly report from `samfam.reports.weekly(...)` as "markdown" or "html"."""
    if fmt == "markdown":
        return _markdown(data)
    if fmt == "html":
        return _html(data)
    raise ValueError(f"unknown format {fmt!r}: use 'markdown' or 'html'")
