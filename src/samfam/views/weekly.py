"""The team leader's weekly report: one object with a key per section."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from samfam.context import App
from samfam.rules import cadence
from samfam.rules import goals as goal_rules
from samfam.store.queries import care as care_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.queries import team as team_queries
from samfam.views import checklists
from samfam.views.deadlines import deadline_rows
from samfam.views.followups import Row, cadence_row, scope
from samfam.views.followups import followups as cadence_followups
from samfam.views.team import caseload_rows, experience_summary, learning_rows, rhythm_rows

Conn = Any


def weekly(app: App, team: str | None = None) -> Row:
    """The team leader's weekly report: one object with a key per section.

    The sections' keys and order are those of `samfam.documents.sections.WEEKLY_SECTIONS` (the
    renderers follow it; tests/test_weekly_sections.py holds this object to it).
    """
    with app.connect() as conn:
        today = app.today
        where = scope(conn, app, team=team)
        statuses = list(cadence_followups(conn, where))
        names = {a.initials: a.name for a in staff_queries.advisors(conn)}

        late = sorted(
            (cadence_row(h, fu) | {"reason": fu.reason} for h, fu in statuses if fu.overdue),
            key=lambda r: (-r["days_overdue"], r["case"]),
        )
        by_advisor: dict[str, list[Row]] = defaultdict(list)
        for row in late:
            by_advisor[row["advisor"]].append(row)
        overdue_by_advisor = [
            {"advisor": a, "name": names.get(a), "overdue": len(rows), "cases": rows}
            for a, rows in sorted(by_advisor.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]
        due_soon = sorted(
            (cadence_row(h, fu) for h, fu in statuses if fu.due_within(7)), key=lambda r: (r["next_due"], r["case"])
        )
        unclassified = [
            cadence_row(h, fu) | {"reason": fu.reason} for h, fu in statuses if fu.track == cadence.UNCLASSIFIED
        ]
        complex_alone = [
            {"case": h.ref, "advisor": h.advisor, "track": fu.track} for h, fu in statuses if h.complex and not h.buddy
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
            if g.id is not None and g.target is not None and g.target < today and goal_rules.is_active(g.status)
        ]
        uncoordinated = [
            {"case": r.ref, "advisor": r.advisor, "id": r.id, "kind": r.kind, "name": r.name}
            for r in care_queries.uncoordinated_actor_rows(conn, where)
        ]
        done = team_queries.followups_by_responsible(conn, today - timedelta(days=6), today, team)
        staff = staff_queries.advisors(conn, team)
        primaries = {h.advisor for h, _ in statuses}
        deadlines_soon = [r for r in deadline_rows(conn, app, where) if r["days_left"] <= 30]
        return {
            "team": team,
            "as_of": today,
            "week": {"from": today - timedelta(days=6), "to": today},
            "summary": {
                "open_cases": len(statuses),
                "overdue": len(late),
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
            "experience": experience_summary(conn, app, team),
        }
