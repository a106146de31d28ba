"""The barometer: on-time rates over a period, per advisor (responsible on the due day) and for the team,
from the stored history and samfam.rules.barometer — a few queries, then each case's events once."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypedDict, TypeVar

from dateutil.relativedelta import relativedelta

from samfam.context import App
from samfam.errors import InvalidValue
from samfam.listing import Column, Listing
from samfam.rules import barometer as rules
from samfam.rules.paragraphs import Category, brings_first_followup_forward, category_of
from samfam.store.queries import barometer as queries
from samfam.store.queries.scope import CaseFilter
from samfam.views.applications import Deadlines
from samfam.views.followups import scope
from samfam.words import Phrase, mark


class BarometerRow(TypedDict):
    """One advisor's figures over a period (`barometer`), or the team's (`advisor` "all"); the weekly report's
    figures for each of its weeks."""

    advisor: str
    team: str | None
    followups_due: int
    on_time: int
    on_time_pct: float | None
    median_delay: float | None
    worst_delay: int | None
    cases_late_over_30: int
    investigations_finished: int
    investigations_in_time: int
    investigations_in_time_pct: float | None
    investigations_running_late: int
    applications_decided: int
    applications_in_time: int
    applications_in_time_pct: float | None
    applications_open_late: int
    plans_due: int
    plans_in_time: int
    plans_in_time_pct: float | None
    first_followups_due: int
    first_followups_on_time: int
    first_followups_on_time_pct: float | None


#: The team's row, in place of an advisor's initials (English for scripts, said in the reader's language).
ALL = Phrase(mark("all"))

#: Short headers: fourteen figures and the advisor on 160 columns (every figure is named in full in JSON and CSV).
BAROMETER = Listing.of(
    BarometerRow,
    columns=(
        Column("advisor", "Advisor", keep=True),
        Column("followups_due", "Due", "right", keep=True),
        Column("on_time", "On time", "right", keep=True),
        Column("on_time_pct", "%", "right", keep=True),
        Column("median_delay", "Median", "right", keep=True, drop=3),
        Column("worst_delay", "Worst", "right", keep=True, drop=9),
        Column("cases_late_over_30", ">30 days", "right", keep=True, drop=4),
        Column("investigations_finished", "Inv. ended", "right", keep=True, drop=10),
        Column("investigations_in_time_pct", "≤4 mo %", "right", keep=True, drop=1),
        Column("investigations_running_late", "Inv. late", "right", keep=True, drop=7),
        Column("applications_decided", "Appl.", "right", keep=True, drop=11),
        Column("applications_in_time_pct", "By frist %", "right", keep=True, drop=2),
        Column("applications_open_late", "Past frist", "right", keep=True, drop=8),
        Column("plans_in_time_pct", "Plans %", "right", keep=True, drop=5),
        Column("first_followups_on_time_pct", "BL 95 %", "right", keep=True, drop=6),
    ),
)

#: The barometer over a period: its span, whom it covers, a row per advisor and the total.
BarometerReport = TypedDict(
    "BarometerReport",
    {
        "from": date,
        "to": date,
        "team": str | None,
        "advisor": str | None,
        "advisors": list[BarometerRow],
        "total": BarometerRow,
    },
)

_T = TypeVar("_T")

#: Before the period, the history read reaches back this far: no follow-up falling due in the period has
#: its anchor earlier (the longest interval is 3 calendar months).
_REACH = relativedelta(months=4)


class _Responsible:
    """Who was primary advisor on a case on a day (initials, team)."""

    def __init__(self, rows: list[Any]) -> None:
        self._by_case: dict[int, list[Any]] = defaultdict(list)
        for row in rows:
            self._by_case[row.case_id].append(row)
        self._starts = {case: [r.since for r in spans] for case, spans in self._by_case.items()}

    def on(self, case_id: int, day: date) -> tuple[str, str | None]:
        spans = self._by_case.get(case_id, [])
        i = bisect_right(self._starts.get(case_id, []), day) - 1
        while i >= 0:
            span = spans[i]
            if span.until is None or span.until >= day:
                return span.initials, span.team
            i -= 1
        first = spans[0] if spans else None  # before any assignment (history from before samfam kept it)
        return (first.initials, first.team) if first else ("—", None)


def _open_spans(openings: list[Any], closures: list[Any]) -> dict[int, list[tuple[date, date | None]]]:
    """Each case's spans of being open: from opening (or a reopening) to its closing, or None."""
    closed_by_case: dict[int, list[Any]] = defaultdict(list)
    for c in closures:
        closed_by_case[c.case_id].append(c)
    spans: dict[int, list[tuple[date, date | None]]] = {}
    for case in openings:
        start: date | None = case.opened
        found: list[tuple[date, date | None]] = []
        for c in closed_by_case.get(case.id, []):
            if start is not None:
                found.append((start, c.closed))
            start = c.reopened  # None: closed since
        if start is not None:
            found.append((start, case.closed))
        spans[case.id] = found
    return spans


@dataclass
class _Found:
    """What fell due in a span, by the advisor responsible: follow-ups, investigations, applications."""

    followups: dict[str, list[tuple[str, rules.FollowUpDue]]] = field(default_factory=lambda: defaultdict(list))
    finished: dict[str, list[rules.Investigation]] = field(default_factory=lambda: defaultdict(list))
    decided: dict[str, list[rules.Application]] = field(default_factory=lambda: defaultdict(list))
    plans: dict[str, list[rules.Due]] = field(default_factory=lambda: defaultdict(list))
    firsts: dict[str, list[rules.Due]] = field(default_factory=lambda: defaultdict(list))
    teams: dict[str, str | None] = field(default_factory=dict)

    @property
    def advisors(self) -> list[str]:
        return sorted(set(self.followups) | set(self.finished) | set(self.decided) | set(self.plans) | set(self.firsts))

    def of(
        self, advisor: str | None = None
    ) -> tuple[
        list[tuple[str, rules.FollowUpDue]],
        list[rules.Investigation],
        list[rules.Application],
        list[rules.Due],
        list[rules.Due],
    ]:
        """One advisor's lists (all advisors' with None), in `_row`'s order."""
        names = [advisor] if advisor is not None else self.advisors

        def pick(kind: Mapping[str, list[_T]]) -> list[_T]:
            return [x for a in names for x in kind.get(a, [])]

        return pick(self.followups), pick(self.finished), pick(self.decided), pick(self.plans), pick(self.firsts)


def _check_period(app: App, start: date, end: date) -> None:
    if start > end:
        raise InvalidValue("--from {start} is after --to {end}; give them in order", start=start, end=end)
    if end > app.today:
        raise InvalidValue(
            "--to {end} is after today ({today}); rates are of the past",
            end=end,
            today=app.today,
        )


def _collect(app: App, start: date, end: date, team: str | None, advisor: str | None) -> tuple[_Found, CaseFilter]:
    """Read the history once and sort everything that fell due from `start` through `end` by advisor."""
    with app.connect() as conn:
        where = scope(conn, app, advisor, team)
        history_start = start - _REACH
        refs = queries.refs(conn, start, end)
        spans = _open_spans(queries.openings(conn), queries.closures(conn))
        periods: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
        for p in queries.track_periods(conn, history_start, end):
            periods[p.case_id].append((p.since, p.until, p.track))
        events: dict[int, list[date]] = defaultdict(list)
        for e in queries.counting_events(conn, history_start, end):
            events[e.case_id].append(e.day)
        anchors = queries.last_counting_event_by(conn, history_start)
        responsible = _Responsible(queries.primaries(conn))
        investigations = queries.investigations(conn, start, end)
        deadlines = Deadlines(conn)
        applications = [
            (a, deadlines.of(a.code, a.received)) for a in queries.applications(conn, start, end)
        ]  # a deadline from the published frist, in the days off known now (None without a frist)
        plan_events = queries.plan_events(conn, history_start, end)
        measures = [m for m in queries.measures(conn, history_start, end) if category_of(m.code) == Category.MEASURE]
        investigation_spans = queries.investigation_spans(conn) if measures else []
    found = _Found()

    def keep(initials: str, its_team: str | None) -> bool:
        if (where.advisor is None or initials == where.advisor) and (where.team is None or its_team == where.team):
            found.teams[initials] = its_team
            return True
        return False

    for case_id, case_periods in periods.items():
        ref = refs.get(case_id)
        if ref is None:
            continue
        for segment in rules.segments(case_periods, spans.get(case_id, []), end):
            for due in rules.followups_due(segment, events.get(case_id, []), start, end, anchors.get(case_id)):
                initials, its_team = responsible.on(case_id, due.due)
                if keep(initials, its_team):
                    found.followups[initials].append((ref, due))
    for g in investigations:
        if refs.get(g.case_id) is None:
            continue
        one = rules.investigation(g.start, g.end, end)
        if one.finished_in_time is None and not one.running_late:
            continue  # still within its 4 months, or ended after the period
        initials, its_team = responsible.on(g.case_id, min(g.end or end, end))
        if keep(initials, its_team):
            found.finished[initials].append(one)
    for a, deadline in applications:
        if deadline is None or refs.get(a.case_id) is None:
            continue
        one_application = rules.application(a.received, a.decided, deadline, end)
        if one_application.decided_in_time is None and not one_application.open_late:
            continue  # still within its deadline, or decided after the period
        initials, its_team = responsible.on(a.case_id, min(a.decided or end, end))
        if keep(initials, its_team):
            found.decided[initials].append(one_application)
    made: dict[int, list[date]] = defaultdict(list)
    for e in plan_events:
        if e.kind == "plan-made":
            made[e.case_id].append(e.day)
    for e in plan_events:
        if e.kind != "plan-decided" or refs.get(e.case_id) is None:
            continue
        one_plan = rules.plan(e.day, made.get(e.case_id, []))
        if start <= one_plan.due <= end:
            initials, its_team = responsible.on(e.case_id, one_plan.due)
            if keep(initials, its_team):
                found.plans[initials].append(_as_of(one_plan, end))
    ends: dict[int, list[date]] = defaultdict(list)
    for g in investigation_spans:
        if g.end is not None and brings_first_followup_forward(g.code):
            ends[g.case_id].append(g.end)
    for m in measures:
        if refs.get(m.case_id) is None:
            continue
        first = rules.first_followup(m.start, ends.get(m.case_id, []), events.get(m.case_id, []), m.end)
        if first is not None and start <= first.due <= end:
            initials, its_team = responsible.on(m.case_id, first.due)
            if keep(initials, its_team):
                found.firsts[initials].append(_as_of(first, end))
    return found, where


def _as_of(due: rules.Due, end: date) -> rules.Due:
    """What was known at the period's end: a plan or follow-up made after it had not been made yet."""
    if due.done is not None and due.done > end:
        return rules.Due(due.due, None, False)
    return due


def barometer(
    app: App, start: date | None = None, end: date | None = None, team: str | None = None, advisor: str | None = None
) -> BarometerReport:
    """On-time rates from `start` through `end` (default: the 12 months up to today)."""
    end = end or app.today
    start = start or (end - relativedelta(years=1) + timedelta(days=1))
    _check_period(app, start, end)
    found, where = _collect(app, start, end, team, advisor)
    rows = [_row(a, found.teams.get(a), *found.of(a)) for a in found.advisors]
    total = _row(ALL, team, *found.of())
    return {"from": start, "to": end, "team": team, "advisor": where.advisor, "advisors": rows, "total": total}


def barometer_periods(app: App, periods: Sequence[tuple[date, date]], team: str | None = None) -> list[BarometerRow]:
    """The team's figures for each of several periods (the weekly report's 12 weeks), from one reading of
    the history: a follow-up counts in the period its due day falls in, an investigation in the one it
    ended in, an application in the one it was decided in; what is still running is not counted."""
    start, end = min(p[0] for p in periods), max(p[1] for p in periods)
    _check_period(app, start, end)
    found, _ = _collect(app, start, end, team, None)
    dues, finished, decided, plans, firsts = found.of()
    ended = [i for i in finished if i.finished_in_time is not None]
    answered = [a for a in decided if a.decided is not None]
    rows: list[BarometerRow] = []
    for first, last in periods:
        rows.append(
            _row(
                ALL,
                team,
                [(ref, d) for ref, d in dues if first <= d.due <= last],
                [i for i in ended if i.end is not None and first <= i.end <= last],
                [a for a in answered if a.decided is not None and first <= a.decided <= last],
                [p for p in plans if first <= p.due <= last],
                [f for f in firsts if first <= f.due <= last],
            )
        )
    return rows


def _row(
    advisor: str,
    team: str | None,
    dues: list[tuple[str, rules.FollowUpDue]],
    investigations: list[rules.Investigation],
    applications: list[rules.Application],
    plans: list[rules.Due],
    firsts: list[rules.Due],
) -> BarometerRow:
    r = rules.rates(dues)
    done = [i for i in investigations if i.finished_in_time is not None]
    in_time = sum(1 for i in done if i.finished_in_time)
    answered = [a for a in applications if a.decided_in_time is not None]
    answered_in_time = sum(1 for a in answered if a.decided_in_time)
    return {
        "advisor": advisor,
        "team": team,
        "followups_due": r.due,
        "on_time": r.on_time,
        "on_time_pct": r.rate,
        "median_delay": r.median_delay,
        "worst_delay": r.worst_delay,
        "cases_late_over_30": r.late_over_30,
        "investigations_finished": len(done),
        "investigations_in_time": in_time,
        "investigations_in_time_pct": round(100 * in_time / len(done), 1) if done else None,
        "investigations_running_late": sum(1 for i in investigations if i.running_late),
        "applications_decided": len(answered),
        "applications_in_time": answered_in_time,
        "applications_in_time_pct": round(100 * answered_in_time / len(answered), 1) if answered else None,
        "applications_open_late": sum(1 for a in applications if a.open_late),
        "plans_due": len(plans),
        "plans_in_time": sum(1 for p in plans if p.on_time),
        "plans_in_time_pct": _pct(sum(1 for p in plans if p.on_time), len(plans)),
        "first_followups_due": len(firsts),
        "first_followups_on_time": sum(1 for f in firsts if f.on_time),
        "first_followups_on_time_pct": _pct(sum(1 for f in firsts if f.on_time), len(firsts)),
    }


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
