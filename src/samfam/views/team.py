"""Reads for the team leader: caseload, team rhythm and meetings, learning goals, enrolment, experience."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from samfam.context import App
from samfam.rules import team as team_rules
from samfam.store.queries import staff as staff_queries
from samfam.store.queries import team as team_queries
from samfam.views import lookups
from samfam.views.followups import Row, scope
from samfam.views.followups import followups as cadence_followups

Conn = Any


def caseload_rows(conn: Conn, app: App, team: str | None, statuses: list[tuple[Any, Any]]) -> list[Row]:
    staff = [a for a in staff_queries.advisors(conn, team)]
    rows = {
        a.initials: {"advisor": a.initials, "name": a.name, "team": a.team, "primary": 0, "buddy": 0, "3m": 0,
                     "6w": 0, "unclassified": 0, "complex": 0, "target": a.caseload_target, "vs_target": None,
                     "left": a.left if a.left is not None and a.left < app.today else None,
                     "needs_new_advisor": 0}
        for a in staff
    }  # fmt: skip
    for header, fu in statuses:
        row = rows.get(header.advisor)
        if row is not None:
            row["primary"] += 1
            row[fu.track] += 1
            row["complex"] += 1 if header.complex else 0
    # Buddies count across teams: a Nord advisor may be buddy on a Syd case.
    for initials, count in team_queries.buddy_counts(conn, app.today).items():
        if initials in rows:
            rows[initials]["buddy"] = count
    for row in rows.values():
        if row["target"] is not None:
            row["vs_target"] = row["primary"] - row["target"]
        if row["left"] is not None:  # their open cases need a new advisor until reassigned
            row["needs_new_advisor"] = row["primary"]
    # Staff who hold no cases and have no target (a psychologist on core teams) have no caseload.
    holding = [r for r in rows.values() if r["primary"] or r["buddy"] or r["target"] is not None]
    ordered = sorted(holding, key=lambda r: (r["team"] or "", r["advisor"]))
    if ordered:
        total: Row = {"advisor": "TOTAL", "name": team or "all teams", "team": team}
        for key in ("primary", "buddy", "3m", "6w", "unclassified", "complex", "needs_new_advisor"):
            total[key] = sum(r[key] for r in ordered)
        total["left"] = None
        targets = [r["target"] for r in ordered if r["target"] is not None]
        total["target"] = sum(targets) if targets else None
        total["vs_target"] = total["primary"] - total["target"] if targets else None
        ordered.append(total)
    return ordered


def caseload(app: App, team: str | None = None) -> list[Row]:
    """Open cases per advisor as primary and as buddy, by track and complexity, against the target."""
    with app.connect() as conn:
        statuses = list(cadence_followups(conn, scope(conn, app, team=team)))
        return caseload_rows(conn, app, team, statuses)


def rhythm_rows(conn: Conn, app: App, team: str | None) -> list[Row]:
    """Each team's meetings: the last one of each kind and when the next is due (for every team when none is named)."""
    teams = [team] if team else sorted({a.team for a in staff_queries.advisors(conn) if a.team})
    rows = []
    for name in teams:
        last = team_queries.team_meetings_last(conn, name, app.today)
        settings = team_queries.team_by_name(conn, name)
        days = settings.case_meeting_days if settings else None
        for kind in team_rules.MEETING_KINDS:
            due = team_rules.next_meeting(kind, last.get(kind), days)
            if kind not in last:
                status = "none held yet"
            elif due is None:
                status = "held; no rhythm set" if kind == "case-meeting" else "held"
            else:
                status = "overdue" if due < app.today else "on track"
            rhythm = {"stop-op": "every 3 months", "case-meeting": f"every {days} days" if days else None}.get(kind)
            rows.append({"team": name, "kind": kind, "rhythm": rhythm, "last": last.get(kind), "next_due": due,
                         "days_overdue": (app.today - due).days if due else None, "status": status})  # fmt: skip
    return rows


def team_rhythm(app: App, team: str | None = None) -> list[Row]:
    with app.connect() as conn:
        if team is not None:
            lookups.team(conn, team)
        return rhythm_rows(conn, app, team)


def team_meeting_list(app: App, team: str | None = None) -> list[Row]:
    with app.connect() as conn:
        return [
            {"day": m.day, "kind": m.kind, "team": m.team, "note": m.note}
            for m in team_queries.team_meetings(conn, team)
        ]


def learning_rows(conn: Conn, app: App, advisor: str | None, team: str | None) -> list[Row]:
    rows = []
    for g in team_queries.learning_goal_rows(conn, advisor, team):
        due = team_rules.learning_review_due(g.created, g.last_review)
        stale = g.status == "open" and due < app.today
        rows.append({"id": g.id, "advisor": g.initials, "team": g.team, "text": g.text, "status": g.status,
                     "created": g.created, "last_review": g.last_review, "review_due": due,
                     "attention": ["not reviewed for 3 months"] if stale else []})  # fmt: skip
    return rows


def learning_goal_list(app: App, advisor: str | None = None, team: str | None = None) -> list[Row]:
    with app.connect() as conn:
        code = lookups.advisor(conn, advisor).initials if advisor else None
        return learning_rows(conn, app, code, team)


def enrolment(app: App, programme: str | None = None) -> list[Row]:
    """Enrolled, discharged and active on the as-of date against the target, with age bands of the active."""
    with app.connect() as conn:
        chosen = [lookups.programme(conn, programme)] if programme else list(team_queries.programmes(conn))
        rows = []
        for p in chosen:
            enrolled = discharged = 0
            bands = {label: 0 for _, _, label in team_rules.AGE_BANDS}
            for start, end, born, closed in team_queries.enrolment_rows(conn, p.id, app.today):
                left = end if end is not None else closed  # a closed case leaves the programme
                is_in, is_out = team_rules.enrolled_on(start, left, app.today)
                enrolled += is_in
                discharged += is_out
                if is_in and not is_out:
                    band = team_rules.age_band(born, app.today)
                    bands[band] = bands.get(band, 0) + 1
            active = enrolled - discharged
            rows.append({"programme": p.name, "enrolled": enrolled, "discharged": discharged, "active": active,
                         "target": p.target, "to_target": (p.target - active) if p.target is not None else None,
                         "ends": p.ends, "age_bands": bands})  # fmt: skip
        return rows


def experience_summary(conn: Conn, app: App, team: str | None) -> Row:
    per_advisor: dict[str, list[float]] = defaultdict(list)
    firsts, lasts = [], []
    for r in team_queries.experience_rows(conn, app.today, team):
        if r.n >= 2:
            per_advisor[r.initials].append(float(r.last_score) - float(r.first_score))
            firsts.append(float(r.first_score))
            lasts.append(float(r.last_score))
    advisors = [
        {"advisor": a, "cases": len(changes), "change": round(sum(changes) / len(changes), 2)}
        for a, changes in sorted(per_advisor.items())
    ]
    team_row = None
    if firsts:
        team_row = {"cases": len(firsts), "first": round(sum(firsts) / len(firsts), 2),
                    "latest": round(sum(lasts) / len(lasts), 2),
                    "change": round((sum(lasts) - sum(firsts)) / len(firsts), 2)}  # fmt: skip
    return {"advisors": advisors, "team": team_row}
