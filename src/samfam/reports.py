"""The reads. Each function returns plain rows (dicts of plain values) for the renderer.

Per-case aggregates (the last follow-up) come from SQL; the exact cadence rule, with its calendar
months, is applied in Python by `samfam.rules.cadence` to one header row and a few grant spans a
case, never to loaded events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from samfam import services, store
from samfam.app import App, reader, unit_of_work
from samfam.errors import UsageError
from samfam.followups import CaseHead, cadence_row, scope
from samfam.followups import followups as cadence_followups
from samfam.identity import mask_cpr
from samfam.rules import cadence
from samfam.rules import deadlines as deadline_rules
from samfam.rules import events as event_rules
from samfam.rules import goals as goal_rules
from samfam.rules import team as team_rules
from samfam.rules.dates import age_on
from samfam.rules.paragraphs import lookup
from samfam.services import find_advisor, find_case
from samfam.store import CaseFilter, Session, Tx

Row = dict[str, Any]

TRACK_FILTERS = (cadence.THREE_MONTHS, cadence.SIX_WEEKS, cadence.UNCLASSIFIED)


def _filter(
    session: Session, app: App, advisor: str | None = None, team: str | None = None, status: str = "open"
) -> CaseFilter:
    return scope(session.connection(), app, advisor, team, status)


def followups(session: Session, where: CaseFilter) -> Iterator[tuple[CaseHead, cadence.FollowUp]]:
    return cadence_followups(session.connection(), where)


@reader
def case_list(
    session: Session,
    app: App,
    advisor: str | None = None,
    track: str | None = None,
    status: str = "open",
    team: str | None = None,
) -> list[Row]:
    if track is not None and track not in TRACK_FILTERS:
        raise UsageError(f"'{track}' is not a track; use one of: {', '.join(TRACK_FILTERS)}")
    rows = []
    for header, fu in followups(session, _filter(session, app, advisor, team, status)):
        is_open = header.closed is None or header.closed > app.today
        shown_track = fu.track if is_open else None
        if track is not None and shown_track != track:
            continue
        rows.append(
            {
                "case": header.ref,
                "child": header.child_name,
                "advisor": header.advisor,
                "buddy": header.buddy,
                "status": "open" if is_open else "closed",
                "track": shown_track,
                "next_due": fu.next_due if is_open else None,
                "opened": header.opened,
                "closed": header.closed,
            }
        )
    return rows


@reader
def advisor_list(session: Session, app: App, team: str | None = None) -> list[Row]:
    return [
        {"initials": a.initials, "name": a.name, "team": a.team, "role": a.role} for a in store.advisors(session, team)
    ]


def _explain(session: Session, app: App, ref: str) -> tuple[Any, cadence.FollowUp, list[Any], Row]:
    case = find_case(session, ref)
    grants = store.grants_of(session, case.id)
    spans = [cadence.Grant(g.code, g.start, g.end) for g in grants]
    last = store.last_followup(session, case.id, app.today)
    fu = cadence.follow_up(spans, last, app.today)
    is_open = case.closed is None or case.closed > app.today
    row: Row = {
        "case": case.ref,
        "status": "open" if is_open else "closed",
        "track": fu.track,
        "reason": fu.reason,
        "deciding": list(fu.deciding),
        "paragraphs": list(fu.paragraphs),
        "track_since": fu.track_since,
        "last_followup": fu.last_followup,
        "anchor": fu.anchor,
        "next_due": fu.next_due if is_open else None,
        "days_overdue": fu.days_overdue if is_open else None,
        "cadence": cadence.CADENCE.get(fu.track),
        "history": [
            {"from": start, "to": end, "track": c.track, "paragraphs": list(codes)}
            for start, end, c, codes in cadence.history(spans, app.today)
        ],
    }
    row["explanation"] = _plain_words(row, case, app.today)
    return case, fu, grants, row


def _plain_words(row: Row, case: Any, today: date) -> list[str]:
    words = []
    if row["status"] == "closed":
        words.append(f"The case was closed on {case.closed.isoformat()}; closed cases are never overdue.")
    if row["track"] == cadence.UNCLASSIFIED:
        words.append(
            f"The case is unclassified on {today.isoformat()}: {row['reason']}. It gets no due date "
            "until its grants put it on the 3-month or the 6-week track."
        )
        return words
    name = "3-month" if row["track"] == cadence.THREE_MONTHS else "6-week"
    words.append(f"The case follows up on the {name} track because {row['reason']}.")
    if row["status"] == "closed":
        return words
    words.append(f"It has been on this track since {row['track_since'].isoformat()}.")
    if row["last_followup"] is None:
        words.append("No follow-up has been recorded yet.")
    else:
        words.append(f"The last follow-up was on {row['last_followup'].isoformat()}.")
    if row["anchor"] == row["last_followup"]:
        words.append("The clock runs from the last follow-up")
    else:
        words.append("The clock runs from the day the track began (it restarts when the track changes)")
    words[-1] += f": {row['anchor'].isoformat()} + {row['cadence']} = {row['next_due'].isoformat()}."
    if row["days_overdue"] is None:
        pass
    elif row["days_overdue"] > 0:
        words.append(f"The follow-up is {row['days_overdue']} days overdue.")
    elif row["days_overdue"] == 0:
        words.append("The follow-up is due today.")
    else:
        words.append(f"The follow-up is due in {-row['days_overdue']} days.")
    return words


@reader
def explain(session: Session, app: App, ref: str) -> Row:
    return _explain(session, app, ref)[3]


@unit_of_work
def case_card(tx: Tx, app: App, ref: str, reveal_cpr: bool = False) -> Row:
    """The whole case card. Looking at a case is a use of personal data: it is logged."""
    case, fu, grants, explained = _explain(tx.session, app, ref)
    people = store.initials_by_id(tx.session, [case.advisor_id, case.buddy_id])
    tx.audit("case.show.reveal-cpr" if reveal_cpr else "case.show", case.ref)
    is_open = explained["status"] == "open"
    goals = _goal_detail(tx.session, case, app.today)
    actors = [_actor_row(a, app.today) for a in store.actors_of(tx.session, case.id)]
    attention = _case_attention(case, explained, goals, actors) if is_open else []
    return {
        "case": case.ref,
        "child": case.child_name,
        "cpr": case.cpr if reveal_cpr else mask_cpr(case.cpr),
        "born": case.born,
        "age": age_on(case.born, app.today) if case.born else None,
        "advisor": people[case.advisor_id],
        "buddy": people.get(case.buddy_id) if case.buddy_id else None,
        "complex": case.complex,
        "opened": case.opened,
        "closed": case.closed,
        "close_reason": case.close_reason,
        "status": explained["status"],
        "track": explained["track"] if explained["status"] == "open" else None,
        "reason": explained["reason"],
        "paragraphs": explained["paragraphs"],
        "track_since": explained["track_since"],
        "last_followup": explained["last_followup"],
        "next_due": explained["next_due"],
        "days_overdue": explained["days_overdue"],
        "grants": [_grant_row(g, app.today) for g in grants],
        "events": _event_rows(tx.session, case),
        "goals": goals,
        "actors": actors,
        "team": [
            {"initials": m.initials, "name": m.name, "role": m.role, "since": m.since, "until": m.until}
            for m in store.members_of(tx.session, case.id)
        ],
        "handovers": _handover_rows(tx.session, case, app.today),
        "deadlines": deadlines.within(tx.session, app, 10_000, refs=(case.ref,)) if is_open else [],
        "attention": attention,
    }


def _case_attention(case: Any, explained: Row, goals: list[Row], actors: list[Row]) -> list[str]:
    """What needs attention on an open case, in the order an advisor would act on it."""
    reasons = []
    if explained["track"] == cadence.UNCLASSIFIED:
        reasons.append(f"needs classification: {explained['reason']}")
    elif explained["days_overdue"] is not None and explained["days_overdue"] > 0:
        reasons.append(f"follow-up {explained['days_overdue']} days overdue")
    if case.complex and case.buddy_id is None:
        reasons.append("complex case without a buddy")
    facts = [goal_rules.GoalFacts(g["horizon"], g["status"], g["target"], "family") for g in goals]
    reasons += [f"goals: {r}" for r in goal_rules.case_goal_attention(facts)]
    reasons += [f"goal {g['id']}: {r}" for g in goals for r in g["attention"]]
    reasons += [f"actor {a['id']} ({a['name']}): {r}" for a in actors if a["active"] for r in a["attention"]]
    return reasons


def _grant_row(grant: Any, today: date) -> Row:
    entry = lookup(grant.code)
    return {
        "code": grant.code,
        "category": str(entry.category) if entry else None,
        "title": entry.title if entry else None,
        "start": grant.start,
        "end": grant.end,
        "active": grant.start <= today and (grant.end is None or today <= grant.end),
    }


def _event_rows(session: Session, case: Any) -> list[Row]:
    """The case's events, oldest first, each with the actors who took part (`event add --with`)."""
    events = store.events_of(session, case.id)
    took_part = store.event_actor_ids(session, [e.id for e in events])
    return [
        {
            "day": e.day,
            "kind": e.kind,
            "counts": event_rules.counts_as_followup(e.kind),
            "scale": e.scale,
            "note": e.note,
            "with": sorted(took_part.get(e.id, [])),
            "recorded_by": e.recorded_by,
        }
        for e in events
    ]


@reader
def event_list(session: Session, app: App, ref: str) -> list[Row]:
    case = find_case(session, ref)
    return [{"case": case.ref} | row for row in _event_rows(session, case)]


@reader
def audit_log(
    session: Session, app: App, case: str | None = None, user: str | None = None, limit: int | None = None
) -> list[Row]:
    ref = find_case(session, case).ref if case else None
    return [
        {"at": e.at, "user": e.user, "action": e.action, "case": e.case_ref, "detail": e.detail}
        for e in store.audit_entries(session, ref, user, limit)
    ]


# -- issue 3: goals, actors, handovers, deadlines --------------------------------------------------


def _on_case(actor_id: int | None, until: date | None, today: date) -> bool | None:
    """For a goal owned by an actor: is the actor still on the case? None when no actor owns it."""
    return None if actor_id is None else (until is None or until >= today)


def _owner_label(kind: str, actor_id: int | None, actor_name: str | None = None) -> str:
    if kind == "actor":
        return f"actor:{actor_id}" + (f" ({actor_name})" if actor_name else "")
    return kind


@reader
def goal_list(
    session: Session, app: App, ref: str | None = None, advisor: str | None = None, team: str | None = None
) -> list[Row]:
    """Goals per case with an `attention` list; an open case without goals gets one row with id null."""
    where = _filter(session, app, advisor, team)
    if ref:
        case = find_case(session, ref)
        where = CaseFilter(as_of=app.today, status="all", refs=(case.ref,))
    rows: list[Row] = []
    by_case: dict[str, list[Any]] = defaultdict(list)
    for r in store.case_goal_rows(session, where):
        by_case[r.ref].append(r)
    for case_ref, goals in by_case.items():
        facts = [
            goal_rules.GoalFacts(
                g.horizon, g.status, g.target, g.owner_kind, _on_case(g.owner_actor_id, g.owner_until, app.today)
            )
            for g in goals
            if g.id is not None
        ]
        is_open = goals[0].closed is None or goals[0].closed > app.today
        case_attention = goal_rules.case_goal_attention(facts) if is_open else []
        if not facts:
            rows.append(
                {
                    "case": case_ref,
                    "advisor": goals[0].advisor,
                    "id": None,
                    "text": None,
                    "horizon": None,
                    "owner": None,
                    "status": None,
                    "target": None,
                    "attention": case_attention,
                }
            )
            continue
        for g, fact in zip((g for g in goals if g.id is not None), facts, strict=True):
            rows.append(
                {
                    "case": case_ref,
                    "advisor": g.advisor,
                    "id": g.id,
                    "text": g.text,
                    "horizon": g.horizon,
                    "owner": _owner_label(g.owner_kind, g.owner_actor_id, g.owner_name),
                    "status": g.status,
                    "target": g.target,
                    "attention": goal_rules.goal_attention(fact, app.today)
                    + [f"case: {reason}" for reason in case_attention],
                }
            )
    return rows


def _actor_row(actor: Any, today: date) -> Row:
    return {
        "id": actor.id,
        "kind": actor.kind,
        "name": actor.name,
        "contact": actor.contact,
        "coordinator": actor.coordinator,
        "since": actor.since,
        "until": actor.until,
        "active": bool(_on_case(actor.id, actor.until, today)),
        "attention": [] if actor.coordinator else ["no agreed coordinator"],
    }


@reader
def actor_list(session: Session, app: App, ref: str, include_ended: bool = False) -> list[Row]:
    case = find_case(session, ref)
    rows = [{"case": case.ref} | _actor_row(a, app.today) for a in store.actors_of(session, case.id)]
    return rows if include_ended else [r for r in rows if r["active"]]


def _handover_rows(session: Session, case: Any, today: date) -> list[Row]:
    rows = []
    for h in store.handovers_of(session, case.id):
        items = services.checklist(session, case, h, h.completed or today)
        rows.append(
            {
                "id": h.id,
                "kind": h.kind,
                "started": h.started,
                "started_by": h.started_by,
                "detail": h.detail,
                "completed": h.completed,
                "completed_by": h.completed_by,
                "forced_reason": h.forced_reason,
                "status": "complete" if h.completed else "open",
                "missing": [i["item"] for i in items if not i["done"]],
                "items": items,
            }
        )
    return rows


@reader
def handover_show(session: Session, app: App, ref: str, include_completed: bool = False) -> list[Row]:
    case = find_case(session, ref)
    rows = _handover_rows(session, case, app.today)
    return rows if include_completed else [r for r in rows if r["status"] == "open"] or rows[-1:]


def _deadline_rows(session: Session, app: App, where: CaseFilter) -> list[Row]:
    cases, investigations = store.deadline_rows(session, where)
    found: list[Row] = []
    for inv in investigations:
        d = deadline_rules.investigation_deadline(inv.code, inv.start, inv.end, app.today)
        if d:
            found.append(_deadline_row(inv.ref, inv.advisor, d, app.today))
    for c in cases:
        for d in deadline_rules.age_deadlines(c.born, c.transition_started is not None, app.today):
            found.append(_deadline_row(c.ref, c.advisor, d, app.today, age_on(c.born, app.today)))
    found.sort(key=lambda r: (r["deadline"], r["case"], r["kind"]))
    return found


def _deadline_row(ref: str, advisor: str, d: Any, today: date, age: int | None = None) -> Row:
    return {
        "case": ref,
        "advisor": advisor,
        "kind": d.kind,
        "deadline": d.deadline,
        "days_left": (d.deadline - today).days,
        "what": d.what,
        "law": d.law,
        "age": age,
    }


@reader
def deadlines(
    session: Session,
    app: App,
    within: int = 30,
    advisor: str | None = None,
    team: str | None = None,
    refs: tuple[str, ...] = (),
) -> list[Row]:
    """Legal deadlines passed, or falling within `within` days, on open cases."""
    if within < 0:
        raise UsageError(f"--within {within} is negative; give a number of days, 0 or more")
    where = _filter(session, app, advisor, team)
    if refs:
        where = CaseFilter(as_of=app.today, refs=refs)
    rows = _deadline_rows(session, app, where)
    return [r for r in rows if r["days_left"] <= within]


def _goal_detail(session: Session, case: Any, today: date) -> list[Row]:
    goals = store.goals_of(session, case.id)
    ids = [g.id for g in goals]
    notes = defaultdict(list)
    for n in store.goal_notes(session, ids):
        notes[n.goal_id].append({"day": n.day, "note": n.note, "status": n.status, "by": n.by})
    tasks = defaultdict(list)
    for t in store.tasks_of(session, ids):
        tasks[t.goal_id].append(
            {"id": t.id, "text": t.text, "by": _owner_label(t.doer_kind, t.doer_actor_id), "due": t.due, "done": t.done}
        )
    actors = {a.id: a for a in store.actors_of(session, case.id)}
    rows = []
    for g in goals:
        owner_actor = actors.get(g.owner_actor_id)
        until = owner_actor.until if owner_actor else None
        fact = goal_rules.GoalFacts(
            g.horizon, g.status, g.target, g.owner_kind, _on_case(g.owner_actor_id, until, today)
        )
        rows.append(
            {
                "id": g.id,
                "text": g.text,
                "horizon": g.horizon,
                "owner": _owner_label(g.owner_kind, g.owner_actor_id, owner_actor.name if owner_actor else None),
                "status": g.status,
                "target": g.target,
                "attention": goal_rules.goal_attention(fact, today),
                "notes": notes[g.id],
                "tasks": tasks[g.id],
            }
        )
    return rows


@unit_of_work
def plan_data(tx: Tx, app: App, ref: str) -> Row:
    """The family's joint action plan, as plain values for `samfam.plan.render_plan`. Logged as a read."""
    session = tx.session
    case = find_case(session, ref)
    tx.audit("plan", case.ref)
    people = {a.id: a for a in store.advisors(session) if a.id in (case.advisor_id, case.buddy_id)}
    actors = {a.id: a for a in store.actors_of(session, case.id)}
    explained = _explain(session, app, ref)[3]

    def person(kind: str, actor_id: int | None) -> Row:
        return {"kind": kind, "name": actors[actor_id].name if kind == "actor" and actor_id in actors else None}

    goals = store.goals_of(session, case.id)
    tasks = defaultdict(list)
    for t in store.tasks_of(session, [g.id for g in goals]):
        tasks[t.goal_id].append(
            {"text": t.text, "by": person(t.doer_kind, t.doer_actor_id), "due": t.due, "done": t.done}
        )
    advisor, buddy = people[case.advisor_id], people.get(case.buddy_id)
    return {
        "case": case.ref,
        "child": case.child_name,
        "age": age_on(case.born, app.today) if case.born else None,
        "advisor": {"initials": advisor.initials, "name": advisor.name},
        "buddy": {"initials": buddy.initials, "name": buddy.name} if buddy else None,
        "today": app.today,
        "next_due": explained["next_due"],
        "goals": [
            {
                "text": g.text,
                "horizon": g.horizon,
                "owner": person(g.owner_kind, g.owner_actor_id),
                "status": g.status,
                "target": g.target,
                "tasks": tasks[g.id],
            }
            for g in goals
        ],  # fmt: skip
        "actors": [
            {"kind": a.kind, "name": a.name, "contact": a.contact, "coordinator": a.coordinator}
            for a in actors.values()
            if a.until is None or a.until >= app.today
        ],
    }


# -- issue 4: the team leader's view ---------------------------------------------------------------


def _team_filter(session: Session, app: App, team: str | None) -> CaseFilter:
    return scope(session.connection(), app, team=team)


def _caseload(session: Session, app: App, team: str | None, statuses: list[tuple[Any, Any]]) -> list[Row]:
    staff = [a for a in store.advisors(session, team)]
    rows = {
        a.initials: {"advisor": a.initials, "name": a.name, "team": a.team, "primary": 0, "buddy": 0, "3m": 0,
                     "6w": 0, "unclassified": 0, "complex": 0, "target": a.caseload_target, "vs_target": None}
        for a in staff
    }  # fmt: skip
    for header, fu in statuses:
        row = rows.get(header.advisor)
        if row is not None:
            row["primary"] += 1
            row[fu.track] += 1
            row["complex"] += 1 if header.complex else 0
    # Buddies count across teams: a Nord advisor may be buddy on a Syd case.
    for initials, count in store.buddy_counts(session, app.today).items():
        if initials in rows:
            rows[initials]["buddy"] = count
    for row in rows.values():
        if row["target"] is not None:
            row["vs_target"] = row["primary"] - row["target"]
    # Staff who hold no cases and have no target (a psychologist on core teams) have no caseload.
    holding = [r for r in rows.values() if r["primary"] or r["buddy"] or r["target"] is not None]
    ordered = sorted(holding, key=lambda r: (r["team"] or "", r["advisor"]))
    if ordered:
        total: Row = {"advisor": "TOTAL", "name": team or "all teams", "team": team}
        for key in ("primary", "buddy", "3m", "6w", "unclassified", "complex"):
            total[key] = sum(r[key] for r in ordered)
        targets = [r["target"] for r in ordered if r["target"] is not None]
        total["target"] = sum(targets) if targets else None
        total["vs_target"] = total["primary"] - total["target"] if targets else None
        ordered.append(total)
    return ordered


@reader
def caseload(session: Session, app: App, team: str | None = None) -> list[Row]:
    """Open cases per advisor as primary and as buddy, by track and complexity, against the target."""
    statuses = list(followups(session, _team_filter(session, app, team)))
    return _caseload(session, app, team, statuses)


def _rhythm(session: Session, app: App, team: str | None) -> list[Row]:
    """Each team's meetings: the last one of each kind and when the next is due (for every team when none is named)."""
    teams = [team] if team else sorted({a.team for a in store.advisors(session) if a.team})
    rows = []
    for name in teams:
        last = store.team_meetings_last(session, name, app.today)
        settings = store.team_by_name(session, name)
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


@reader
def team_rhythm(session: Session, app: App, team: str | None = None) -> list[Row]:
    if team is not None:
        services._team_name(session, team)
    return _rhythm(session, app, team)


@reader
def team_meeting_list(session: Session, app: App, team: str | None = None) -> list[Row]:
    return [{"day": m.day, "kind": m.kind, "team": m.team, "note": m.note} for m in store.team_meetings(session, team)]


def _learning(session: Session, app: App, advisor: str | None, team: str | None) -> list[Row]:
    rows = []
    for g in store.learning_goal_rows(session, advisor, team):
        due = team_rules.learning_review_due(g.created, g.last_review)
        stale = g.status == "open" and due < app.today
        rows.append({"id": g.id, "advisor": g.initials, "team": g.team, "text": g.text, "status": g.status,
                     "created": g.created, "last_review": g.last_review, "review_due": due,
                     "attention": ["not reviewed for 3 months"] if stale else []})  # fmt: skip
    return rows


@reader
def learning_goal_list(session: Session, app: App, advisor: str | None = None, team: str | None = None) -> list[Row]:
    code = find_advisor(session, advisor).initials if advisor else None
    return _learning(session, app, code, team)


@reader
def enrolment(session: Session, app: App, programme: str | None = None) -> list[Row]:
    """Enrolled, discharged and active on the as-of date against the target, with age bands of the active."""
    chosen = [services.find_programme(session, programme)] if programme else list(store.programmes(session))
    rows = []
    for p in chosen:
        enrolled = discharged = 0
        bands = {label: 0 for _, _, label in team_rules.AGE_BANDS}
        for start, end, born, closed in store.enrolment_rows(session, p.id, app.today):
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


def _experience(session: Session, app: App, team: str | None) -> Row:
    per_advisor: dict[str, list[float]] = defaultdict(list)
    firsts, lasts = [], []
    for r in store.experience_rows(session, app.today, team):
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


WEEKLY_SECTIONS = (
    "overdue_by_advisor", "due_next_7_days", "unclassified", "legal_deadlines", "complex_without_buddy",
    "open_handovers", "goals_past_target", "actors_without_coordinator", "caseload", "team_rhythm",
    "learning_goals", "followups_last_7_days", "experience",
)  # fmt: skip


@reader
def weekly(session: Session, app: App, team: str | None = None) -> Row:
    """The team leader's weekly report: one object with a key per section."""
    today = app.today
    where = _team_filter(session, app, team)
    statuses = list(followups(session, where))
    names = {a.initials: a.name for a in store.advisors(session)}

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
    for handover, case, advisor in store.open_handover_rows(session, where):
        missing = [i["item"] for i in services.checklist(session, case, handover, today) if not i["done"]]
        if missing:
            handovers.append({"case": case.ref, "advisor": advisor, "kind": handover.kind,
                              "started": handover.started, "missing": missing})  # fmt: skip
    past_target = [
        {"case": g.ref, "advisor": g.advisor, "id": g.id, "text": g.text, "status": g.status, "target": g.target}
        for g in store.case_goal_rows(session, where)
        if g.id is not None and g.target is not None and g.target < today and goal_rules.is_active(g.status)
    ]
    uncoordinated = [
        {"case": r.ref, "advisor": r.advisor, "id": r.id, "kind": r.kind, "name": r.name}
        for r in store.uncoordinated_actor_rows(session, where)
    ]
    done = store.followups_by_responsible(session, today - timedelta(days=6), today, team)
    staff = store.advisors(session, team)
    primaries = {h.advisor for h, _ in statuses}
    deadlines_soon = [r for r in _deadline_rows(session, app, where) if r["days_left"] <= 30]
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
        "caseload": _caseload(session, app, team, statuses),
        "team_rhythm": _rhythm(session, app, team),
        "learning_goals": [r for r in _learning(session, app, None, team) if r["attention"]],
        "followups_last_7_days": [
            {"advisor": a.initials, "name": a.name, "followups": done.get(a.initials, 0)}
            for a in staff
            if a.initials in done or a.initials in primaries
        ],
        "experience": _experience(session, app, team),
    }
