"""Reads about the work with the family: goals with attention reasons, actors, handovers."""

from collections import defaultdict
from datetime import date
from typing import TypedDict

from samfam.context import App
from samfam.listing import Column, Listing
from samfam.rules import actors as actor_rules
from samfam.rules import goals as goal_rules
from samfam.rules import handovers as handover_rules
from samfam.rules.cases import GoalOnCase, actor_attention, actor_on_case, is_open
from samfam.store.queries import care as care_queries
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Actor, Case, Conn
from samfam.views import checklists, lookups
from samfam.views.followups import Row, scope
from samfam.words import Phrase, mark, text

# -- goals -----------------------------------------------------------------------------------------------


class GoalRow(TypedDict):
    """A goal of a case in `goals` (an open case without goals: one row, its goal fields null), with what needs
    attention."""

    case: str
    id: int | None
    text: str | None
    horizon: str | None
    owner: str | None
    status: str | None
    target: date | None
    attention: list[str]
    advisor: str


#: The columns of a goal (`goals`; the case card without the case).
GOAL_COLUMNS = (
    Column("case", "Case", keep=True),
    Column("id", "Id", "right", keep=True, ident=True),
    Column("horizon", "Horizon", keep=True, drop=4, words=goal_rules.HORIZONS),
    Column("text", "Goal"),
    Column("owner", "Owner", drop=5, words=goal_rules.OWNERS),
    Column("status", "Status", keep=True, words=goal_rules.STATUSES),
    Column("target", "Target date", keep=True),
    Column("attention", "Attention", drop=3),
)
GOALS = Listing.of(GoalRow, GOAL_COLUMNS)
#: A reason of the case's goal picture on each of its goals' rows.
CASE_REASON = mark("case: {reason}")


def on_case(actor_id: int | None, until: date | None, today: date) -> bool | None:
    """For a goal owned by an actor: is the actor still on the case? None when no actor owns it."""
    return None if actor_id is None else actor_on_case(until, today)


def owner_label(kind: str, actor_id: int | None, actor_name: str | None = None) -> str:
    """Who owns a goal or does a task: `family`, `advisor` (goal_rules.OWNERS), or `actor:ID (name)` (a
    Phrase, said `aktør:ID (name)` in Danish)."""
    if kind == "actor":
        if actor_name:
            return Phrase(mark("actor:{id} ({name})"), id=str(actor_id), name=actor_name)
        return Phrase(mark("actor:{id}"), id=str(actor_id))
    return kind


def goal_list(
    app: App, ref: str | None = None, advisor: str | None = None, team: str | None = None, primary: bool = False
) -> list[GoalRow]:
    """Goals per case with an `attention` list; an open case without goals gets one row with id null.
    `primary`: with `advisor`, only the cases the advisor is primary advisor on."""
    with app.connect() as conn:
        where = scope(conn, app, advisor, team, primary=primary)
        if ref:
            case = lookups.case(conn, ref)
            where = CaseFilter(as_of=app.today, status="all", refs=(case.ref,))
        return goal_rows(conn, where)


def goal_rows(conn: Conn, where: CaseFilter) -> list[GoalRow]:
    """The rows of `goals` for the cases a filter covers, on its as-of date (one query)."""
    today = where.as_of
    rows: list[GoalRow] = []
    by_case: dict[str, list[care_queries.CaseGoalRow]] = defaultdict(list)
    for r in care_queries.case_goal_rows(conn, where):
        by_case[r.ref].append(r)
    for case_ref, goals in by_case.items():
        facts = [_goal_facts(g, today) for g in goals if g.id is not None]
        case_attention = goal_rules.case_goal_attention(facts) if is_open(goals[0].closed, today) else []
        if not facts:
            rows.append(
                {
                    "case": case_ref,
                    "id": None,
                    "text": None,
                    "horizon": None,
                    "owner": None,
                    "status": None,
                    "target": None,
                    "attention": case_attention,
                    "advisor": goals[0].advisor,
                }
            )
            continue
        for g, fact in zip((g for g in goals if g.id is not None), facts, strict=True):
            rows.append(
                {
                    "case": case_ref,
                    "id": g.id,
                    "text": g.text,
                    "horizon": g.horizon,
                    "owner": owner_label(fact.owner_kind, g.owner_actor_id, g.owner_name),
                    "status": g.status,
                    "target": g.target,
                    "attention": goal_rules.goal_attention(fact, today)
                    + [Phrase(CASE_REASON, reason=reason) for reason in case_attention],
                    "advisor": g.advisor,
                }
            )
    return rows


def _goal_facts(g: care_queries.CaseGoalRow, today: date) -> goal_rules.GoalFacts:
    """A goal's row (its id set, so its horizon, status and owner too) as the attention rules see it."""
    assert g.horizon is not None and g.status is not None and g.owner_kind is not None
    return goal_rules.GoalFacts(
        g.horizon, g.status, g.target, g.owner_kind, on_case(g.owner_actor_id, g.owner_until, today)
    )


# -- actors ----------------------------------------------------------------------------------------------


class ActorRow(TypedDict):
    """An external actor on a case (the case card), and what needs attention."""

    id: int
    kind: str
    name: str
    contact: str | None
    coordinator: str | None
    since: date
    until: date | None
    active: bool
    attention: list[str]


class _OnCase(TypedDict):
    case: str


class ActorListRow(_OnCase, ActorRow):
    """An actor in `actor list`: with its case."""


#: The columns of an actor (`actor list`, the case card).
ACTOR_COLUMNS = (
    Column("id", "Id", "right", keep=True, ident=True),
    Column("kind", "Kind", keep=True, words=actor_rules.ACTOR_KINDS),
    Column("name", "Name"),
    Column("contact", "Contact", drop=5),
    Column("coordinator", "Coordinator", keep=True, words=actor_rules.COORDINATORS),
    Column("since", "Since", keep=True, drop=4),
    Column("until", "Until", keep=True, drop=3),
    Column("attention", "Attention", drop=2),
)
ACTORS = Listing.of(ActorListRow, ACTOR_COLUMNS)


def actor_row(actor: Actor, today: date) -> ActorRow:
    return {
        "id": actor.id,
        "kind": actor.kind,
        "name": actor.name,
        "contact": actor.contact,
        "coordinator": actor.coordinator,
        "since": actor.since,
        "until": actor.until,
        "active": bool(on_case(actor.id, actor.until, today)),
        "attention": actor_attention(actor.coordinator),
    }


def actor_list(app: App, ref: str, include_ended: bool = False) -> list[ActorListRow]:
    with app.connect() as conn:
        case = lookups.case(conn, ref)
        rows: list[ActorListRow] = [
            {"case": case.ref, **actor_row(a, app.today)} for a in care_queries.actors_of(conn, case.id)
        ]
        return rows if include_ended else [r for r in rows if r["active"]]


# -- handovers -------------------------------------------------------------------------------------------


class HandoverRow(TypedDict):
    """A handover on a case with its checklist, item by item, and the items still missing."""

    id: int
    kind: str
    started: date
    started_by: str
    detail: str | None
    completed: date | None
    completed_by: str | None
    forced_reason: str | None
    status: str
    missing: list[str]
    items: list[checklists.ChecklistItem]


class _ItemOf(TypedDict):
    case: str
    handover: int
    kind: str
    status: str


class HandoverItemRow(_ItemOf, checklists.ChecklistItem):
    """A checklist item as CSV (and --fields) gives it: one row an item, with its handover."""


#: The items of a handover, for people one table a handover; for scripts one row an item (JSON and NDJSON
#: without --fields: the handovers, their items nested).
HANDOVER_ITEMS = Listing.of(
    HandoverItemRow,
    (
        Column("item", "Item", keep=True),
        Column(
            "label", "What", words=tuple(dict.fromkeys(i.label for c in handover_rules.CHECKLISTS.values() for i in c))
        ),
        Column("decided_by", "Decided by", keep=True, drop=1, words=handover_rules.DECIDERS),
        Column("done", "Done", keep=True),
        Column("by", "By", keep=True),
        Column("at", "At (UTC)", keep=True, drop=2),
        Column("note", "Note", drop=3),
    ),
)


def handover_rows(conn: Conn, case: Case, today: date, found: checklists.Record | None = None) -> list[HandoverRow]:
    """The case's handovers, each with its checklist: the case's record and every tick read once."""
    handovers = care_queries.handovers_of(conn, case.id)
    if not handovers:
        return []
    found = found or checklists.record(conn, case.id, case.born)
    ticks = care_queries.ticks_of_handovers(conn, [h.id for h in handovers])
    rows: list[HandoverRow] = []
    for h in handovers:
        items = checklists.checklist(conn, found, h, h.completed or today, ticks.get(h.id, ()))
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


def handover_show(app: App, ref: str, include_completed: bool = False) -> list[HandoverRow]:
    with app.connect() as conn:
        case = lookups.case(conn, ref)
        rows = handover_rows(conn, case, app.today)
        return rows if include_completed else [r for r in rows if r["status"] == "open"] or rows[-1:]


def handover_items(ref: str, handovers: list[HandoverRow]) -> list[HandoverItemRow]:
    """The handovers' checklist items, one row an item, with its handover."""
    return [
        {"case": ref, "handover": h["id"], "kind": h["kind"], "status": h["status"], **i}
        for h in handovers
        for i in h["items"]
    ]


def handover_title(h: HandoverRow) -> str:
    """A handover's heading for people: its kind, who started it when, and how far it is."""
    said = (
        text("{kind} handover, started {day} by {initials} (complete {completed})")
        if h["completed"]
        else text("{kind} handover, started {day} by {initials} (open, missing {n})")
    )
    return said.format(
        kind=text(h["kind"]),
        day=h["started"].isoformat(),
        initials=h["started_by"],
        completed=h["completed"].isoformat() if h["completed"] else "",
        n=len(h["missing"]),
    )


def goals_on_case(found: checklists.Record, today: date) -> list[GoalOnCase]:
    """The case's goals as the attention rules see them: each owner actor still on the case or not."""
    actors = {a.id: a for a in found.actors}
    facts = []
    for g in found.goals:
        owner_actor = actors.get(g.owner_actor_id) if g.owner_actor_id is not None else None
        until = owner_actor.until if owner_actor else None
        fact = goal_rules.GoalFacts(
            g.horizon, g.status, g.target, g.owner_kind, on_case(g.owner_actor_id, until, today)
        )
        facts.append(GoalOnCase(g.id, fact))
    return facts


def goal_detail(conn: Conn, case: Case, today: date, found: checklists.Record | None = None) -> list[Row]:
    found = found or checklists.record(conn, case.id, case.born)
    goals = found.goals
    ids = [g.id for g in goals]
    notes = defaultdict(list)
    for n in care_queries.goal_notes(conn, ids):
        notes[n.goal_id].append({"day": n.day, "note": n.note, "status": n.status, "by": n.by})
    tasks = defaultdict(list)
    for t in care_queries.tasks_of(conn, ids):
        tasks[t.goal_id].append(
            {"id": t.id, "text": t.text, "by": owner_label(t.doer_kind, t.doer_actor_id), "due": t.due, "done": t.done}
        )
    actors = {a.id: a for a in found.actors}
    rows = []
    for g, on in zip(goals, goals_on_case(found, today), strict=True):
        owner_actor = actors.get(g.owner_actor_id) if g.owner_actor_id is not None else None
        rows.append(
            {
                "id": g.id,
                "text": g.text,
                "horizon": g.horizon,
                "owner": owner_label(g.owner_kind, g.owner_actor_id, owner_actor.name if owner_actor else None),
                "status": g.status,
                "target": g.target,
                "attention": goal_rules.goal_attention(on.facts, today),
                "notes": notes[g.id],
                "tasks": tasks[g.id],
            }
        )
    return rows
