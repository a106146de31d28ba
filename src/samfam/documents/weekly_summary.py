"""The weekly report's head and foot: the title's team, the week line, the summary figures, the footer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from samfam.documents.weekly_values import date_span, int_or_none, long_day, number, records, team_label
from samfam.rules.cadence import SERIOUSLY_OVERDUE
from samfam.words import mark, plural, text, text_in

__all__ = ["FOOTER", "Figure", "summary_figures", "summary_line", "team_label", "week_line"]

#: The foot of the documents (English, the catalogue's key: `text(FOOTER)` where it is shown).
FOOTER = mark(
    "Produced by samfam from the case register. Cases are shown by case number only: no children's names, "
    "no CPR numbers. Internal: handle as confidential case information."
)


def week_line(data: Mapping[str, Any]) -> str:
    week = data.get("week") if isinstance(data.get("week"), Mapping) else {}
    as_of = data.get("as_of") or week.get("to")
    start, end = week.get("from"), week.get("to") or as_of
    span = date_span(start, end) if start is not None else long_day(end)
    return text("Week {span} (data as of {day})").format(span=span, day=long_day(as_of))


@dataclass(frozen=True)
class Figure:
    value: int
    label: str
    alert: bool
    note: str = ""


def summary_figures(data: Mapping[str, Any]) -> list[Figure]:
    summary = data.get("summary") if isinstance(data.get("summary"), Mapping) else {}

    def count(key: str, fallback: int) -> int:
        n = int_or_none(summary.get(key))
        return fallback if n is None else n

    groups = records(data, "overdue_by_advisor")
    overdue_fallback = sum(int_or_none(g.get("overdue")) or len(g.get("cases") or []) for g in groups)
    serious_fallback = sum(
        1
        for g in groups
        for c in g.get("cases") or []
        if isinstance(c, Mapping) and c.get("level") == SERIOUSLY_OVERDUE
    )
    total_row = [r for r in records(data, "caseload") if r.get("advisor") == "TOTAL"]
    open_fallback = (int_or_none(total_row[0].get("primary")) or 0) if total_row else 0
    legal = records(data, "legal_deadlines")
    passed = sum(1 for r in legal if (int_or_none(r.get("days_left")) or 0) < 0)

    open_cases = count("open_cases", open_fallback)
    overdue = count("overdue", overdue_fallback)
    serious = count("seriously_overdue", serious_fallback)
    due = count("due_next_7_days", len(records(data, "due_next_7_days")))
    unclassified = count("unclassified", len(records(data, "unclassified")))
    deadlines = count("legal_deadlines", len(legal))
    handovers = count("open_handovers", len(records(data, "open_handovers")))
    return [
        Figure(open_cases, plural(open_cases, "open case", "open cases"), False),
        Figure(
            overdue,
            text_in("summary", "overdue"),
            overdue > 0,
            text("{n} seriously").format(n=number(serious)) if serious else "",
        ),
        Figure(due, text("due in 7 days"), False),
        Figure(unclassified, plural(unclassified, "needs classification", "need classification"), unclassified > 0),
        Figure(
            deadlines,
            plural(deadlines, "legal deadline", "legal deadlines"),
            passed > 0,
            text("{n} passed").format(n=number(passed)) if passed else "",
        ),
        Figure(handovers, plural(handovers, "open handover", "open handovers"), False),
    ]


def summary_line(figures: Sequence[Figure]) -> str:
    parts = [f"{number(f.value)} {f.label}" + (f" ({f.note})" if f.note else "") for f in figures]
    return " · ".join(parts)
