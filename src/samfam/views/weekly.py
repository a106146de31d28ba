"""The team leader's weekly report: one object with a key per section."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Literal, get_args

from samfam.context import App
from samfam.rules import cadence
from samfam.rules import events as event_rules
from samfam.rules import goals as goal_rules
from samfam.rules.cases import complex_without_buddy
from samfam.store.queries import care as care_queries
from samfam.store.queries import cases as case_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.queries import team as team_queries
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Conn
from samfam.views import checklists
from samfam.views.barometer import barometer_periods
from samfam.views.deadlines import deadline_rows, in_window
from samfam.views.followups import (
    Row,
    Standing,
    cadence_row,
    due_soonest_first,
    most_overdue_first,
    needing_classification,
    scope,
)
from samfam.views.followups import followups as cadence_followups
from samfam.views.log_control import emergency_rows
from samfam.views.team import caseload_rows, experience_summary, learning_rows, rhythm_rows
from samfam.views.workdays import with_book_on
from samfam.words import Phrase, mark

#: The barometer section: this many weeks of 7 days, the last ending on the as-of date (the report's week).
BAROMETER_WEEKS = 12
_Figure = Literal[
    "followups_due",
    "on_time",
    "on_time_pct",
    "investigations_finished",
    "investigations_in_time",
    "investigations_in_time_pct",
]
#: The barometer's figures the weekly report shows, per week and for the weeks together.
BAROMETER_FIGURES: tuple[_Figure, ...] = get_args(_Figure)
_WEEK = timedelta(days=7)
#: The section of follow-ups coming: those due from today through this many days ahead.
DUE_SOON_DAYS = 7


def weekly(app: App, team: str | None = None, whole_months: bool = False) -> Row:
    """The team leader's weekly report: one object with a key per section.

    The sections' keys and order are those of `samfam.documents.sections.WEEKLY_SECTIONS` (the
    renderers follow it; tests/test_weekly_sections.py holds this object to it). `whole_months`: for a
    pseudonymised report, the legal deadlines counted from a birth date by whole months
    (samfam.views.deadlines.deadlines).
    """
    rates = barometer_weeks(app, team)  # the barometer's own reads, each on its own connection
    with app.connect() as conn:
        today = app.today
        where = scope(conn, app, team=team)
        statuses = list(cadence_followups(conn, where))
        names = {a.initials: a.name for a in staff_queries.advisors(conn)}

        late: list[Row] = [{**cadence_row(h, fu), "reason": fu.reason} for h, fu in most_overdue_first(statuses)]
        by_advisor: dict[str, list[Row]] = defaultdict(list)
        for row in late:
            by_advisor[row["advisor"]].append(row)
        overdue_by_advisor = [
            {"advisor": a, "name": names.get(a), "overdue": len(rows), "cases": rows}
            for a, rows in sorted(by_advisor.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]
        due_soon = with_book_on(
            conn, [dict(cadence_row(h, fu)) for h, fu in due_soonest_first(statuses, DUE_SOON_DAYS)]
        )  # the day to book: a working day (docs/rules.md § 9)
        unclassified = [{**cadence_row(h, fu), "reason": fu.reason} for h, fu in needing_classification(statuses)]
        complex_alone = [
            {"case": h.ref, "advisor": h.advisor, "track": fu.track}
            for h, fu in statuses
            if complex_without_buddy(h.complex, h.buddy)
        ]
        handovers = []
        records: dict[int, checklists.Record] = {}
        for h in care_queries.open_handover_rows(conn, where):
            if h.case_id not in records:
                records[h.case_id] = checklists.record(conn, h.case_id, h.born)
            missing = checklists.missing(checklists.checklist(conn, records[h.case_id], h, today))
            if missing:
                handovers.append(
                    {"case": h.ref, "advisor": h.advisor, "kind": h.kind, "started": h.started, "missing": missing}
                )
        past_target = [
            {"case": g.ref, "advisor": g.advisor, "id": g.id, "text": g.text, "status": g.status, "target": g.target}
            for g in care_queries.case_goal_rows(conn, where)
            if g.id is not None
            and g.target is not None
            and g.target < today
            and g.status is not None
            and goal_rules.is_active(g.status)
        ]
        uncoordinated = [
            {"case": r.ref, "advisor": r.advisor, "id": r.id, "kind": r.kind, "name": r.name}
            for r in care_queries.uncoordinated_actor_rows(conn, where)
        ]
        done = team_queries.followups_by_responsible(conn, today - timedelta(days=6), today, team)
        staff = staff_queries.advisors(conn, team)
        primaries = {h.advisor for h, _ in statuses}
        deadlines_soon = in_window(deadline_rows(conn, app, where), today, 30, whole_months)
        return {
            "team": team,
            "as_of": today,
            "week": {"from": today - timedelta(days=6), "to": today},
            "summary": {
                "open_cases": len(statuses),
                "overdue": len(late),
                "seriously_overdue": sum(1 for r in late if r["level"] == cadence.SERIOUSLY_OVERDUE),
                "due_next_7_days": len(due_soon),
                "unclassified": len(unclassified),
                "legal_deadlines": len(deadlines_soon),
                "open_handovers": len(handovers),
            },
            "overdue_by_advisor": overdue_by_advisor,
            "due_next_7_days": due_soon,
            "unclassified": unclassified,
            "legal_deadlines": deadlines_soon,
            "complex_without_buddy": complex_alone,
            "needs_new_advisor": _needs_new_advisor(conn, today, statuses),
            "start_of_case": _start_of_case(conn, where, statuses),
            "open_handovers": handovers,
            "goals_past_target": past_target,
            "actors_without_coordinator": uncoordinated,
            "caseload": caseload_rows(conn, app, team, statuses),
            "team_rhythm": rhythm_rows(conn, app, team),
            "learning_goals": [r for r in learning_rows(conn, app, None, team) if r["attention"]],
            "followups_last_7_days": [
                {"advisor": a.initials, "name": a.name, "followups": done.get(a.initials, 0)}
                for a in staff
                if a.initials in done or a.initials in primaries
            ],
            "barometer": rates,
            "signs_of_safety": _signs_of_safety(conn, where, statuses),
            "experience": experience_summary(conn, app, team),
            "emergency_access": emergency_rows(conn, today - timedelta(days=6), today, team),
        }


def barometer_weeks(app: App, team: str | None = None, weeks: int = BAROMETER_WEEKS) -> Row:
    """The barometer's rates (samfam.views.barometer) for each of the last `weeks` weeks, oldest first, and
    for those weeks together, from one reading of the history (samfam.views.barometer.barometer_periods).

    A week is 7 days; the last one ends on the as-of date, so it is the report's own week, and on a
    Sunday the weeks are ISO weeks. Each is labelled with the ISO week that holds most of its days
    (the one of its middle day). A week with nothing due has no rate (None).

    The weeks' counts add up to those of the whole span: a follow-up counts in the period its due day
    falls in, an investigation in the one it ended in (samfam.rules.barometer), so the total is their
    sum, with its rates worked out as the barometer's are (tests/test_cli_weekly.py compares it with
    the barometer over the whole span).
    """
    end = app.today
    spans = [(end - back * _WEEK - _WEEK + timedelta(days=1), end - back * _WEEK) for back in reversed(range(weeks))]
    rows: list[Row] = []
    for (start, to), figures in zip(spans, barometer_periods(app, spans, team), strict=True):
        week = {"week": iso_week(start + timedelta(days=3)), "from": start, "to": to}
        rows.append(week | {key: figures[key] for key in BAROMETER_FIGURES})
    due, on_time, ended, in_time = (
        sum(r[key] for r in rows)
        for key in ("followups_due", "on_time", "investigations_finished", "investigations_in_time")
    )
    total = {
        "from": end - weeks * _WEEK + timedelta(days=1),
        "to": end,
        "followups_due": due,
        "on_time": on_time,
        "on_time_pct": _rate(on_time, due),
        "investigations_finished": ended,
        "investigations_in_time": in_time,
        "investigations_in_time_pct": _rate(in_time, ended),
    }
    return {"weeks": rows, "total": total}


def _rate(part: int, whole: int) -> float | None:
    """A share in per cent with one decimal, as the barometer gives it; None when there is nothing to rate."""
    return round(100 * part / whole, 1) if whole else None


def iso_week(day: date) -> str:
    """The ISO week a day falls in, as `2026-W47` (a Phrase: "uge 47, 2026" in a Danish table)."""
    year, week, _ = day.isocalendar()
    return Phrase(mark("{year}-W{week}"), year=str(year), week=f"{week:02d}")


def _needs_new_advisor(conn: Conn, today: date, statuses: list[Standing]) -> list[Row]:
    """Open cases whose primary advisor has left, until reassigned (docs/rules.md § 8)."""
    gone = staff_queries.departed(conn, today)
    return [
        {"case": h.ref, "advisor": h.advisor, "left": gone[h.advisor], "next_due": fu.next_due}
        for h, fu in statuses
        if h.advisor in gone
    ]


def _start_of_case(conn: Conn, where: CaseFilter, statuses: list[Standing]) -> list[Row]:
    """Open cases whose first weeks lack what the model asks: a startup conversation within 30 days,
    a child conversation or observation within 60 (docs/rules.md § 8)."""
    firsts = case_queries.first_events(conn, where, event_rules.START_KINDS)
    rows = []
    for h, _ in statuses:
        missing = event_rules.start_attention(h.opened, firsts.get(h.id, {}), where.as_of)
        if missing:
            rows.append({"case": h.ref, "advisor": h.advisor, "opened": h.opened, "missing": missing})
    return rows


def _signs_of_safety(conn: Conn, where: CaseFilter, statuses: list[Standing]) -> list[Row]:
    """Per advisor responsible now: the average Signs of Safety scale at the first and the latest scored
    follow-up of their open cases with two or more, and the change."""
    advisor_of = {h.id: h.advisor for h, _ in statuses}
    series: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for case_id, day, scale in case_queries.scale_rows(conn, where):
        series[case_id].append((day, scale))
    per_advisor: dict[str, list[event_rules.ScaleTrend]] = defaultdict(list)
    for case_id, scales in series.items():
        trend = event_rules.scale_trend(scales)
        if trend is not None and trend.measurements >= 2 and case_id in advisor_of:
            per_advisor[advisor_of[case_id]].append(trend)
    return [
        {
            "advisor": advisor,
            "cases": len(trends),
            "first": round(sum(t.first for t in trends) / len(trends), 1),
            "latest": round(sum(t.latest for t in trends) / len(trends), 1),
            "change": round(sum(t.change for t in trends) / len(trends), 1),
        }
        for advisor, trends in sorted(per_advisor.items())
    ]
