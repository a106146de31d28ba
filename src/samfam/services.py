"""The writes. Each public function is one transaction: all of it is stored, or none of it.

Every write leaves an entry in the audit log: who, when, what, which case.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from samfam import readpath, store
from samfam.app import App, unit_of_work
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError, unknown_advisor, unknown_team
from samfam.identity import case_ref, cpr_number, initials
from samfam.models import (
    Actor,
    Advisor,
    Case,
    CaseAssignment,
    CaseMember,
    CaseTrack,
    Enrolment,
    Event,
    EventActor,
    Experience,
    Goal,
    GoalNote,
    Grant,
    Handover,
    HandoverTick,
    LearningGoal,
    LearningReview,
    Meta,
    Programme,
    Task,
    Team,
    TeamMeeting,
)
from samfam.rules import cadence
from samfam.rules import events as event_rules
from samfam.rules import goals as goal_rules
from samfam.rules import handovers as handover_rules
from samfam.rules import team as team_rules
from samfam.rules.actors import ACTOR_KINDS, COORDINATORS
from samfam.rules.paragraphs import ParagraphError, parse_code
from samfam.store import Session, Tx

# -- lookups shared by the writes and the reads ----------------------------------------------


def find_case(session: Session, ref: str) -> Case:
    found = store.case_by_ref(session, case_ref(ref))
    if found is None:
        raise NotFound(f"no case '{ref}'; see 'samfam case list --status all'")
    return found


def find_advisor(session: Session, text: str) -> Advisor:
    found = store.advisor_by_initials(session, initials(text))
    if found is None:
        raise unknown_advisor(text, [a.initials for a in store.advisors(session)])
    return found


def paragraph(text: str) -> str:
    try:
        return parse_code(text)
    except ParagraphError as exc:
        raise InvalidValue(str(exc)) from None


def _open(case: Case, on: date) -> None:
    if case.closed is not None and case.closed <= on:
        raise Conflict(f"case {case.ref} was closed on {case.closed.isoformat()}")


def _not_before_opening(case: Case, on: date, what: str) -> None:
    if on < case.opened:
        raise InvalidValue(f"{what} {on.isoformat()} is before case {case.ref} opened ({case.opened.isoformat()})")


def _not_in_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise InvalidValue(f"{what} {on.isoformat()} is after today ({today.isoformat()})")


# -- the track over time ----------------------------------------------------------------------


def _refresh_track(tx: Tx, case: Case) -> None:
    """Rewrite the case's stored track periods from its grants (after every change to them)."""
    spans = [cadence.Grant(g.code, g.start, g.end) for g in store.grants_of(tx.session, case.id)]
    store.delete_case_track(tx.session, case.id)
    for since, until, track in cadence.track_periods(spans):
        tx.session.add(CaseTrack(case_id=case.id, track=track, since=since, until=until))
    tx.session.flush()


# -- responsibility over time ----------------------------------------------------------------


def _responsible(tx: Tx, case: Case, role: str, advisor_id: int | None, on: date) -> None:
    """From `on`, `advisor_id` (or nobody) holds `role` on the case; the history is kept."""
    for current in store.current_assignments(tx.session, case.id, role):
        if current.since >= on:  # changed again the same day: the earlier holder never held it
            tx.session.delete(current)
        else:
            current.until = on - timedelta(days=1)
            tx.session.add(current)
    if advisor_id is not None:
        tx.session.add(CaseAssignment(case_id=case.id, advisor_id=advisor_id, role=role, since=on))
    tx.session.flush()


# -- advisors --------------------------------------------------------------------------------


@unit_of_work
def add_advisor(tx: Tx, app: App, text: str, name: str, team: str | None = None, role: str | None = None) -> Advisor:
    code = initials(text)
    if store.advisor_by_initials(tx.session, code) is not None:
        raise Conflict(f"advisor '{code}' exists already; initials must be unique")
    if not name.strip():
        raise UsageError("the advisor's --name is empty")
    advisor = tx.add(Advisor(initials=code, name=name.strip(), team=team or None, role=role or None))
    tx.audit("advisor.add", detail=f"{code} {name.strip()}" + (f" team {team}" if team else ""))
    return advisor


# -- cases -----------------------------------------------------------------------------------


@unit_of_work
def open_case(
    tx: Tx,
    app: App,
    ref: str,
    child: str,
    advisor: str,
    cpr: str | None = None,
    born: date | None = None,
    opened: date | None = None,
    paragraphs: tuple[str, ...] = (),
    buddy: str | None = None,
    complex_case: bool = False,
) -> Case:
    ref = case_ref(ref)
    if not child.strip():
        raise UsageError("the child's name (--child) is empty")
    if cpr and born:
        raise UsageError("give either --cpr or --born, not both (the CPR number gives the birth date)")
    opened = opened or app.today
    _not_in_future(opened, app.today, "opening date")
    cpr_text = None
    if cpr:
        cpr_text, born = cpr_number(cpr, app.today)
    if born is not None and born > opened:
        raise InvalidValue(f"birth date {born.isoformat()} is after the opening date {opened.isoformat()}")
    codes = list(dict.fromkeys(paragraph(p) for p in paragraphs))
    if store.case_by_ref(tx.session, ref) is not None:
        raise Conflict(f"case '{ref}' exists already; references must be unique")
    primary = find_advisor(tx.session, advisor)
    second = find_advisor(tx.session, buddy) if buddy else None
    if second is not None and second.id == primary.id:
        raise InvalidValue(f"the buddy must be another advisor than the primary ({primary.initials})")
    case = tx.add(
        Case(
            ref=ref,
            child_name=child.strip(),
            cpr=cpr_text,
            born=born,
            advisor_id=primary.id,
            buddy_id=second.id if second else None,
            complex=complex_case,
            opened=opened,
        )
    )
    for code in codes:
        tx.add(Grant(case_id=case.id, code=code, start=opened))
    _refresh_track(tx, case)
    _responsible(tx, case, "primary", primary.id, opened)
    if second is not None:
        _responsible(tx, case, "buddy", second.id, opened)
    tx.audit(
        "case.open",
        ref,
        f"advisor {primary.initials}"
        + (f", buddy {second.initials}" if second else "")
        + (f", grants {', '.join(codes)}" if codes else ""),
    )
    return case


@unit_of_work
def assign_case(tx: Tx, app: App, ref: str, advisor: str, on: date | None = None) -> tuple[str, str]:
    case = find_case(tx.session, ref)
    on = on or app.today
    _open(case, on)
    _not_before_opening(case, on, "assignment date")
    _not_in_future(on, app.today, "assignment date")
    new = find_advisor(tx.session, advisor)
    if new.id == case.advisor_id:
        raise Conflict(f"{new.initials} is already the primary advisor on case {case.ref}")
    old = store.initials_by_id(tx.session, [case.advisor_id])[case.advisor_id]
    if case.buddy_id == new.id:
        case.buddy_id = None  # the buddy takes over; the case needs a new buddy
        _responsible(tx, case, "buddy", None, on)
    case.advisor_id = new.id
    tx.session.add(case)
    _responsible(tx, case, "primary", new.id, on)
    tx.audit("case.assign", case.ref, f"primary advisor {old} -> {new.initials} from {on.isoformat()}")
    if not any(h.kind == "advisor-change" and h.completed is None for h in store.handovers_of(tx.session, case.id)):
        _start_handover(tx, case, "advisor-change", on, f"{old} -> {new.initials}")
    return old, new.initials


@unit_of_work
def close_case(
    tx: Tx, app: App, ref: str, reason: str, on: date | None = None, force: str | None = None
) -> tuple[Case, list[str]]:
    """Close a case once its closure checklist is complete; `force` (a reason) closes it anyway.

    Returns the case and the checklist items that were missing (forced closes only).
    """
    case = find_case(tx.session, ref)
    on = on or app.today
    if case.closed is not None:
        raise Conflict(f"case {case.ref} is closed already (on {case.closed.isoformat()})")
    if not reason.strip():
        raise UsageError("give the reason for closing with --reason")
    if force is not None and not force.strip():
        raise UsageError("--force needs a reason, e.g. --force 'Familien er fraflyttet uden varsel'")
    _not_before_opening(case, on, "closing date")
    handover = next(
        (h for h in store.handovers_of(tx.session, case.id) if h.kind == "closure" and h.completed is None), None
    )
    pending = handover or Handover(case_id=case.id, kind="closure", started=on, started_by=tx.user)
    missing = _missing(checklist(tx.session, case, pending, on))
    if missing and force is None:
        hint = "tick the items" if handover else f"start it with 'samfam handover start {case.ref} closure'"
        raise Conflict(
            f"case {case.ref} cannot close: the closure checklist is missing {', '.join(missing)}; "
            f"{hint}, or close with --force REASON"
        )
    if handover is not None:
        handover.completed, handover.completed_by = on, tx.user
        handover.forced_reason = force.strip() if missing and force else None
        tx.session.add(handover)
    case.closed = on
    case.close_reason = reason.strip()
    tx.session.add(case)
    for role in ("primary", "buddy"):
        for current in store.current_assignments(tx.session, case.id, role):
            current.until = on
            tx.session.add(current)
    tx.audit("case.close", case.ref, f"on {on.isoformat()}: {reason.strip()}")
    if missing:
        tx.audit("case.close.forced", case.ref, f"{force.strip()} (missing: {', '.join(missing)})")
    return case, missing if force is not None else []


# -- grants ----------------------------------------------------------------------------------


@unit_of_work
def add_grant(tx: Tx, app: App, ref: str, code: str, start: date | None = None, end: date | None = None) -> Grant:
    canonical = paragraph(code)
    case = find_case(tx.session, ref)
    start = start or app.today
    _open(case, start)
    _not_before_opening(case, start, "grant start")
    if end is not None and end < start:
        raise InvalidValue(f"grant end {end.isoformat()} is before its start {start.isoformat()}")
    for existing in store.grants_of(tx.session, case.id):
        if existing.code == canonical and _overlap(existing, start, end):
            until = existing.end.isoformat() if existing.end else "open-ended"
            raise Conflict(
                f"case {case.ref} already has {canonical} from {existing.start.isoformat()} "
                f"({until}); end it first with 'samfam grant end'"
            )
    grant = tx.add(Grant(case_id=case.id, code=canonical, start=start, end=end))
    _refresh_track(tx, case)
    period = f"from {start.isoformat()}" + (f" to {end.isoformat()}" if end else "")
    tx.audit("grant.add", case.ref, f"{canonical} {period}")
    return grant


def _overlap(grant: Grant, start: date, end: date | None) -> bool:
    return (grant.end is None or start <= grant.end) and (end is None or grant.start <= end)


@unit_of_work
def end_grant(tx: Tx, app: App, ref: str, code: str, on: date | None = None) -> Grant:
    canonical = paragraph(code)
    case = find_case(tx.session, ref)
    on = on or app.today
    candidates = store.open_grants(tx.session, case.id, canonical)
    if not candidates:
        running = sorted({g.code for g in store.grants_of(tx.session, case.id) if g.end is None})
        raise NotFound(
            f"case {case.ref} has no open-ended grant {canonical}; open-ended grants: " + (", ".join(running) or "none")
        )
    grant = candidates[-1]
    if on < grant.start:
        raise InvalidValue(f"end date {on.isoformat()} is before {canonical} started ({grant.start.isoformat()})")
    grant.end = on
    tx.session.add(grant)
    tx.session.flush()
    _refresh_track(tx, case)
    tx.audit("grant.end", case.ref, f"{canonical} on {on.isoformat()}")
    return grant


# -- events ----------------------------------------------------------------------------------


@unit_of_work
def add_event(
    tx: Tx,
    app: App,
    ref: str,
    kind: str,
    on: date | None = None,
    note: str | None = None,
    scale: int | None = None,
    actors: tuple[int, ...] = (),
) -> Event:
    if kind not in event_rules.BY_NAME:
        raise UsageError(f"'{kind}' is not an event kind; use one of: " + ", ".join(event_rules.BY_NAME))
    if scale is not None:
        if not event_rules.counts_as_followup(kind):
            raise InvalidValue(
                f"a Signs of Safety scale goes on a follow-up, not on '{kind}'; counting kinds: "
                + ", ".join(event_rules.COUNTING_KINDS)
            )
        if scale not in event_rules.SCALE_RANGE:
            raise UsageError(f"scale {scale} is outside 0-10")
    case = find_case(tx.session, ref)
    on = on or app.today
    _not_before_opening(case, on, "event date")
    _not_in_future(on, app.today, "event date")
    if case.closed is not None and on > case.closed:
        raise Conflict(f"case {case.ref} was closed on {case.closed.isoformat()}; the event is after that")
    event = tx.add(Event(case_id=case.id, kind=kind, day=on, note=note or None, scale=scale, recorded_by=tx.user))
    link_event_actors(tx, case, event, actors)
    with_actors = f", with actors {', '.join(map(str, actors))}" if actors else ""
    tx.audit("event.add", case.ref, f"{kind} on {on.isoformat()}" + (f", scale {scale}" if scale is not None else "")
             + with_actors)  # fmt: skip
    return event


# -- database --------------------------------------------------------------------------------


def init_database(app: App) -> tuple[str | None, str]:
    before, after = app.store.init()
    if before != after:
        with app.store.transaction(app.user) as tx:
            tx.audit("db.init" if before is None else "db.upgrade", detail=f"{before or 'empty'} -> {after}")
    return before, after


def mark_demo(tx: Tx) -> None:
    tx.session.merge(Meta(key="demo", value="1"))


# -- issue 3: actors -------------------------------------------------------------------------------


def _coordinator(value: str | None) -> str | None:
    if value is None or value == "none":
        return None
    if value not in COORDINATORS:
        raise UsageError(f"'{value}' is not a coordinator; use family, advisor or none (not agreed yet)")
    return value


def find_actor(session: Session, actor_id: int, case: Case | None = None) -> Actor:
    actor = session.get(Actor, actor_id)
    if actor is None or (case is not None and actor.case_id != case.id):
        where = f" on case {case.ref}" if case is not None else ""
        raise NotFound(f"no actor {actor_id}{where}; see 'samfam actor list REF'")
    return actor


@unit_of_work
def add_actor(
    tx: Tx,
    app: App,
    ref: str,
    kind: str,
    name: str,
    coordinator: str | None = None,
    contact: str | None = None,
    since: date | None = None,
) -> Actor:
    if kind not in ACTOR_KINDS:
        raise UsageError(f"'{kind}' is not an actor kind; use one of: {', '.join(ACTOR_KINDS)}")
    if not name.strip():
        raise UsageError("the actor's --name is empty")
    case = find_case(tx.session, ref)
    since = since or app.today
    _open(case, since)
    _not_before_opening(case, since, "actor start")
    _not_in_future(since, app.today, "actor start")
    actor = tx.add(
        Actor(
            case_id=case.id,
            kind=kind,
            name=name.strip(),
            contact=contact or None,
            coordinator=_coordinator(coordinator),
            since=since,
        )  # fmt: skip
    )
    tx.audit("actor.add", case.ref, f"{actor.id} {kind} {actor.name}, coordinator {actor.coordinator or 'not agreed'}")
    return actor


@unit_of_work
def update_actor(
    tx: Tx, app: App, actor_id: int, name: str | None = None, contact: str | None = None, coordinator: str | None = None
) -> Actor:
    actor = find_actor(tx.session, actor_id)
    changes = []
    if name is not None:
        actor.name = name.strip()
        changes.append(f"name {actor.name}")
    if contact is not None:
        actor.contact = contact or None
        changes.append("contact")
    if coordinator is not None:
        actor.coordinator = _coordinator(coordinator)
        changes.append(f"coordinator {actor.coordinator or 'not agreed'}")
    if not changes:
        raise UsageError("nothing to update; give --name, --contact or --coordinator")
    tx.session.add(actor)
    tx.audit("actor.update", _ref_of(tx, actor.case_id), f"{actor.id}: " + ", ".join(changes))
    return actor


@unit_of_work
def end_actor(tx: Tx, app: App, actor_id: int, on: date | None = None) -> Actor:
    actor = find_actor(tx.session, actor_id)
    on = on or app.today
    if actor.until is not None:
        raise Conflict(f"actor {actor.id} ({actor.name}) left the case on {actor.until.isoformat()} already")
    if on < actor.since:
        raise InvalidValue(f"end date {on.isoformat()} is before actor {actor.id} joined ({actor.since.isoformat()})")
    actor.until = on
    tx.session.add(actor)
    tx.audit("actor.end", _ref_of(tx, actor.case_id), f"{actor.id} {actor.name} on {on.isoformat()}")
    return actor


def _ref_of(tx: Tx, case_id: int) -> str:
    return tx.session.get(Case, case_id).ref


def link_event_actors(tx: Tx, case: Case, event: Event, actor_ids: tuple[int, ...]) -> None:
    for actor_id in dict.fromkeys(actor_ids):
        actor = find_actor(tx.session, actor_id, case)
        if actor.until is not None and actor.until < event.day:
            raise InvalidValue(
                f"actor {actor.id} ({actor.name}) left case {case.ref} on {actor.until.isoformat()}, "
                f"before the {event.kind} on {event.day.isoformat()}"
            )
        tx.session.add(EventActor(event_id=event.id, actor_id=actor_id))


# -- issue 3: goals and tasks ----------------------------------------------------------------------


def _owner(tx: Tx, case: Case, owner: str, what: str = "--owner") -> tuple[str, int | None]:
    if owner in ("family", "advisor"):
        return owner, None
    if owner.startswith("actor:") and owner[6:].isdigit():
        actor = find_actor(tx.session, int(owner[6:]), case)
        if actor.until is not None:
            raise InvalidValue(f"actor {actor.id} ({actor.name}) left the case on {actor.until.isoformat()}")
        return "actor", actor.id
    raise UsageError(f"{what} '{owner}' is not valid; use family, advisor or actor:ID (see 'samfam actor list REF')")


def find_goal(session: Session, goal_id: int) -> Goal:
    goal = session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(f"no goal {goal_id}; see 'samfam goals REF'")
    return goal


@unit_of_work
def add_goal(tx: Tx, app: App, ref: str, text: str, horizon: str, owner: str, target: date | None = None) -> Goal:
    if horizon not in goal_rules.HORIZONS:
        raise UsageError(f"'{horizon}' is not a horizon; use short or long")
    if not text.strip():
        raise UsageError("the goal's text is empty")
    case = find_case(tx.session, ref)
    _open(case, app.today)
    owner_kind, actor_id = _owner(tx, case, owner)
    goal = tx.add(
        Goal(
            case_id=case.id,
            text=text.strip(),
            horizon=horizon,
            owner_kind=owner_kind,
            owner_actor_id=actor_id,
            status="open",
            target=target,
            created=app.today,
        )  # fmt: skip
    )
    tx.audit("goal.add", case.ref, f"{goal.id} ({horizon}, owner {owner})")
    return goal


@unit_of_work
def update_goal(
    tx: Tx, app: App, goal_id: int, status: str | None = None, note: str | None = None, target: date | None = None
) -> Goal:
    goal = find_goal(tx.session, goal_id)
    if status is not None and status not in goal_rules.STATUSES:
        raise UsageError(f"'{status}' is not a goal status; use one of: {', '.join(goal_rules.STATUSES)}")
    if status is None and note is None and target is None:
        raise UsageError("nothing to update; give --status, --note or --target")
    changes = []
    if status is not None and status != goal.status:
        changes.append(f"status {goal.status} -> {status}")
        goal.status = status
    if target is not None:
        changes.append(f"target {target.isoformat()}")
        goal.target = target
    tx.session.add(goal)
    if note or status:
        tx.add(GoalNote(goal_id=goal.id, day=app.today, note=note or "", status=status, by=tx.user))
    tx.audit("goal.update", _ref_of(tx, goal.case_id), f"{goal.id}: " + (", ".join(changes) or "review note"))
    return goal


@unit_of_work
def add_task(tx: Tx, app: App, goal_id: int, text: str, doer: str, due: date | None = None) -> Task:
    goal = find_goal(tx.session, goal_id)
    case = tx.session.get(Case, goal.case_id)
    _open(case, app.today)
    if not text.strip():
        raise UsageError("the task's text is empty")
    doer_kind, actor_id = _owner(tx, case, doer, "--by")
    task = tx.add(Task(goal_id=goal.id, text=text.strip(), doer_kind=doer_kind, doer_actor_id=actor_id, due=due))
    tx.audit("task.add", case.ref, f"{task.id} for goal {goal.id}, by {doer}")
    return task


@unit_of_work
def set_task_done(tx: Tx, app: App, task_id: int, done: bool = True, on: date | None = None) -> Task:
    task = tx.session.get(Task, task_id)
    if task is None:
        raise NotFound(f"no task {task_id}; see 'samfam goals REF'")
    task.done = (on or app.today) if done else None
    tx.session.add(task)
    goal = tx.session.get(Goal, task.goal_id)
    tx.audit("task.done" if done else "task.undone", _ref_of(tx, goal.case_id), str(task.id))
    return task


# -- issue 3: buddies and the core team ------------------------------------------------------------


@unit_of_work
def set_buddy(tx: Tx, app: App, ref: str, advisor: str | None) -> tuple[str | None, str | None]:
    case = find_case(tx.session, ref)
    _open(case, app.today)
    old = store.initials_by_id(tx.session, [case.buddy_id]).get(case.buddy_id) if case.buddy_id else None
    if advisor is None:
        if case.buddy_id is None:
            raise Conflict(f"case {case.ref} has no buddy")
        case.buddy_id = None
        new = None
    else:
        buddy = find_advisor(tx.session, advisor)
        if buddy.id == case.advisor_id:
            raise InvalidValue(f"{buddy.initials} is the primary advisor on case {case.ref}; a buddy is someone else")
        if buddy.id == case.buddy_id:
            raise Conflict(f"{buddy.initials} is already the buddy on case {case.ref}")
        case.buddy_id = buddy.id
        new = buddy.initials
    tx.session.add(case)
    _responsible(tx, case, "buddy", case.buddy_id, app.today)
    tx.audit("case.buddy", case.ref, f"buddy {old or 'none'} -> {new or 'none'}")
    return old, new


@unit_of_work
def set_complex(tx: Tx, app: App, ref: str, complex_case: bool) -> Case:
    case = find_case(tx.session, ref)
    case.complex = complex_case
    tx.session.add(case)
    tx.audit("case.complex", case.ref, "complex" if complex_case else "not complex")
    return case


@unit_of_work
def add_member(tx: Tx, app: App, ref: str, advisor: str, role: str) -> str:
    case = find_case(tx.session, ref)
    _open(case, app.today)
    person = find_advisor(tx.session, advisor)
    if not role.strip():
        raise UsageError("give the member's --role, e.g. psykolog or tale-/hørekonsulent")
    if person.id in (case.advisor_id, case.buddy_id):
        what = "primary advisor" if person.id == case.advisor_id else "buddy"
        raise InvalidValue(f"{person.initials} is the {what} on case {case.ref}; the core team is everyone else")
    if any(m.initials == person.initials and m.until is None for m in store.members_of(tx.session, case.id)):
        raise Conflict(f"{person.initials} is already on the core team of case {case.ref}")
    tx.add(CaseMember(case_id=case.id, advisor_id=person.id, role=role.strip(), since=app.today))
    tx.audit("case.member.add", case.ref, f"{person.initials} as {role.strip()}")
    return person.initials


@unit_of_work
def remove_member(tx: Tx, app: App, ref: str, advisor: str) -> str:
    case = find_case(tx.session, ref)
    person = find_advisor(tx.session, advisor)
    current = store.current_member(tx.session, case.id, person.id)
    if current is None:
        raise NotFound(f"{person.initials} is not on the core team of case {case.ref}")
    current.until = app.today
    tx.session.add(current)
    tx.audit("case.member.remove", case.ref, person.initials)
    return person.initials


# -- issue 3: handovers ----------------------------------------------------------------------------


def open_handover(session: Session, case: Case, kind: str | None = None, item: str | None = None) -> Handover:
    """The open handover a command means: by kind, or the only open one (holding `item`, if given)."""
    candidates = [h for h in store.handovers_of(session, case.id) if h.completed is None]
    if kind is not None:
        candidates = [h for h in candidates if h.kind == kind]
    if item is not None:
        candidates = [h for h in candidates if handover_rules.item(h.kind, item) is not None]
    if not candidates:
        what = f" {kind}" if kind else ""
        raise NotFound(f"case {case.ref} has no open{what} handover" + (f" with item '{item}'" if item else "")
                       + "; start one with 'samfam handover start REF KIND'")  # fmt: skip
    if len(candidates) > 1:
        kinds = ", ".join(h.kind for h in candidates)
        raise UsageError(f"case {case.ref} has several open handovers ({kinds}); say which with --kind")
    return candidates[0]


def _start_handover(tx: Tx, case: Case, kind: str, today: date, detail: str | None = None) -> Handover:
    if kind not in handover_rules.KINDS:
        raise UsageError(f"'{kind}' is not a handover kind; use one of: {', '.join(handover_rules.KINDS)}")
    if any(h.kind == kind and h.completed is None for h in store.handovers_of(tx.session, case.id)):
        raise Conflict(f"case {case.ref} has an open {kind} handover already; see 'samfam handover show {case.ref}'")
    handover = tx.add(Handover(case_id=case.id, kind=kind, started=today, started_by=tx.user, detail=detail))
    tx.audit("handover.start", case.ref, kind + (f": {detail}" if detail else ""))
    return handover


@unit_of_work
def start_handover(
    tx: Tx, app: App, ref: str, kind: str, detail: str | None = None, on: date | None = None
) -> Handover:
    case = find_case(tx.session, ref)
    on = on or app.today
    _open(case, on)
    _not_before_opening(case, on, "handover start")
    _not_in_future(on, app.today, "handover start")
    return _start_handover(tx, case, kind, on, detail)


def handover_facts(session: Session, case: Case, handover: Handover, on: date) -> handover_rules.CaseFacts:
    goals = store.goals_of(session, case.id)
    active_goals = [g for g in goals if goal_rules.is_active(g.status)]
    actors = [a for a in store.actors_of(session, case.id) if a.until is None or a.until >= on]
    last = store.last_counting_event(session, case.id, on)
    grants = store.grants_of(session, case.id)
    return handover_rules.CaseFacts(
        open_goals_without_owner_or_target=sum(1 for g in active_goals if g.target is None),
        scale_at_last_followup=last is not None and last.scale is not None,
        actors_without_coordinator=sum(1 for a in actors if a.coordinator is None),
        network_meeting_since_start=store.has_event_since(session, case.id, "network-meeting", handover.started),
        unfinished_goals=len(active_goals),
        open_grants=sum(1 for g in grants if g.end is None or g.end > on),
        born=case.born,
        handover_started=handover.started,
        adult_services_actor=any(a.kind == "adult-services" for a in actors),
    )


def checklist(session: Session, case: Case, handover: Handover, on: date) -> list[dict]:
    """Each item of a handover: done or not, and by whom (the data, or the person who ticked it)."""
    facts = handover_facts(session, case, handover, on)
    ticks = {t.item: t for t in store.ticks_of(session, handover.id)}
    rows = []
    for entry in handover_rules.CHECKLISTS[handover.kind]:
        tick = ticks.get(entry.key)
        if entry.decided_by == "data":
            done, by, at = handover_rules.data_item_done(entry.key, facts), "data", None
        else:
            done, by, at = tick is not None, (tick.ticked_by if tick else None), (tick.ticked_at if tick else None)
        rows.append({"item": entry.key, "label": entry.label, "decided_by": entry.decided_by, "done": done,
                     "by": by, "at": at, "note": tick.note if tick else None})  # fmt: skip
    return rows


@unit_of_work
def tick_handover(tx: Tx, app: App, ref: str, item: str, kind: str | None = None, note: str | None = None) -> Handover:
    case = find_case(tx.session, ref)
    known = {i.key for h in store.handovers_of(tx.session, case.id) if h.completed is None
             for i in handover_rules.CHECKLISTS[h.kind]}  # fmt: skip
    handover = open_handover(tx.session, case, kind, item if item in known else None)
    entry = handover_rules.item(handover.kind, item)
    if entry is None:
        keys = ", ".join(i.key for i in handover_rules.CHECKLISTS[handover.kind] if i.decided_by == "person")
        raise UsageError(f"'{item}' is not an item of the {handover.kind} handover; items to tick: {keys}")
    if entry.decided_by == "data":
        raise InvalidValue(f"'{item}' ({entry.label}) is decided by the case's data, not ticked; update the data")
    if any(t.item == item for t in store.ticks_of(tx.session, handover.id)):
        raise Conflict(f"'{item}' is ticked already on the {handover.kind} handover of case {case.ref}")
    tx.add(HandoverTick(handover_id=handover.id, item=item, ticked_by=tx.user,
                        ticked_at=datetime.now(UTC).replace(microsecond=0), note=note))  # fmt: skip
    tx.audit("handover.tick", case.ref, f"{handover.kind}: {item}")
    return handover


def _missing(rows: list[dict]) -> list[str]:
    return [r["item"] for r in rows if not r["done"]]


@unit_of_work
def complete_handover(tx: Tx, app: App, ref: str, kind: str | None = None) -> Handover:
    case = find_case(tx.session, ref)
    handover = open_handover(tx.session, case, kind)
    missing = _missing(checklist(tx.session, case, handover, app.today))
    if missing:
        raise Conflict(f"the {handover.kind} handover of case {case.ref} is missing: {', '.join(missing)}")
    handover.completed, handover.completed_by = app.today, tx.user
    tx.session.add(handover)
    tx.audit("handover.complete", case.ref, handover.kind)
    return handover


# -- issue 4: the team leader's view ---------------------------------------------------------------


@unit_of_work
def update_advisor(
    tx: Tx,
    app: App,
    text: str,
    name: str | None = None,
    team: str | None = None,
    role: str | None = None,
    caseload_target: int | None = None,
) -> Advisor:
    advisor = find_advisor(tx.session, text)
    changes = []
    if name is not None:
        advisor.name = name.strip()
        changes.append(f"name {advisor.name}")
    if team is not None:
        advisor.team = team or None
        changes.append(f"team {advisor.team or 'none'}")
    if role is not None:
        advisor.role = role or None
        changes.append(f"role {advisor.role or 'none'}")
    if caseload_target is not None:
        if caseload_target < 0:
            raise UsageError(f"--caseload-target {caseload_target} is negative")
        advisor.caseload_target = caseload_target
        changes.append(f"caseload target {caseload_target}")
    if not changes:
        raise UsageError("nothing to update; give --name, --team, --role or --caseload-target")
    tx.session.add(advisor)
    tx.audit("advisor.update", detail=f"{advisor.initials}: " + ", ".join(changes))
    return advisor


def _team_name(session: Session, team: str | None) -> str | None:
    if team is None:
        return None
    known = readpath.teams_known(session.connection())
    if team not in known:
        raise unknown_team(team, known)
    return team


@unit_of_work
def set_team_rhythm(tx: Tx, app: App, team: str, case_meeting_days: int) -> Team:
    name = _team_name(tx.session, team)
    if case_meeting_days < 1:
        raise UsageError(f"--case-meetings-every {case_meeting_days} must be 1 day or more")
    row = store.team_by_name(tx.session, name) or Team(name=name)
    row.case_meeting_days = case_meeting_days
    tx.add(row)
    tx.audit("team.rhythm", detail=f"{name}: case meetings every {case_meeting_days} days")
    return row


@unit_of_work
def add_team_meeting(
    tx: Tx, app: App, kind: str, on: date | None = None, team: str | None = None, note: str | None = None
) -> TeamMeeting:
    if kind not in team_rules.MEETING_KINDS:
        raise UsageError(f"'{kind}' is not a meeting kind; use one of: {', '.join(team_rules.MEETING_KINDS)}")
    on = on or app.today
    _not_in_future(on, app.today, "meeting date")
    meeting = tx.add(TeamMeeting(team=_team_name(tx.session, team), kind=kind, day=on, note=note or None))
    tx.audit("team.meeting", detail=f"{kind} on {on.isoformat()}" + (f" ({team})" if team else ""))
    return meeting


@unit_of_work
def add_learning_goal(tx: Tx, app: App, advisor: str, text: str) -> LearningGoal:
    person = find_advisor(tx.session, advisor)
    if not text.strip():
        raise UsageError("the learning goal's text is empty")
    goal = tx.add(LearningGoal(advisor_id=person.id, text=text.strip(), created=app.today, status="open"))
    tx.audit("learning-goal.add", detail=f"{goal.id} for {person.initials}")
    return goal


@unit_of_work
def review_learning_goal(
    tx: Tx, app: App, goal_id: int, note: str | None = None, status: str | None = None, on: date | None = None
) -> LearningGoal:
    goal = tx.session.get(LearningGoal, goal_id)
    if goal is None:
        raise NotFound(f"no learning goal {goal_id}; see 'samfam learning-goal list'")
    if status is not None and status not in ("open", "achieved", "dropped"):
        raise UsageError(f"'{status}' is not a learning-goal status; use open, achieved or dropped")
    on = on or app.today
    _not_in_future(on, app.today, "review date")
    if on < goal.created:
        raise InvalidValue(f"review date {on.isoformat()} is before the goal was set ({goal.created.isoformat()})")
    if status:
        goal.status = status
        tx.session.add(goal)
    tx.add(LearningReview(learning_goal_id=goal.id, day=on, note=note or None, by=tx.user))
    tx.audit("learning-goal.review", detail=f"{goal.id} on {on.isoformat()}" + (f", {status}" if status else ""))
    return goal


@unit_of_work
def add_programme(tx: Tx, app: App, name: str, target: int | None = None, ends: date | None = None) -> Programme:
    if not name.strip():
        raise UsageError("the programme's name is empty")
    if store.programme_by_name(tx.session, name.strip()) is not None:
        raise Conflict(f"programme '{name.strip()}' exists already")
    if target is not None and target < 0:
        raise UsageError(f"--target {target} is negative")
    programme = tx.add(Programme(name=name.strip(), target=target, ends=ends))
    tx.audit("programme.add", detail=f"{programme.name}, target {target}, ends {ends}")
    return programme


def find_programme(session: Session, name: str) -> Programme:
    programme = store.programme_by_name(session, name)
    if programme is None:
        known = ", ".join(p.name for p in store.programmes(session)) or "none yet"
        raise NotFound(f"no programme '{name}'; programmes: {known} (add one with 'samfam programme add')")
    return programme


@unit_of_work
def enrol(tx: Tx, app: App, ref: str, programme: str, on: date | None = None) -> Enrolment:
    case = find_case(tx.session, ref)
    found = find_programme(tx.session, programme)
    on = on or app.today
    _open(case, on)
    _not_before_opening(case, on, "enrolment date")
    _not_in_future(on, app.today, "enrolment date")
    if store.current_enrolment(tx.session, case.id) is not None:
        raise Conflict(f"case {case.ref} is enrolled in a programme already; discharge it first")
    enrolment = tx.add(Enrolment(case_id=case.id, programme_id=found.id, enrolled=on))
    tx.audit("programme.enrol", case.ref, f"{found.name} from {on.isoformat()}")
    return enrolment


@unit_of_work
def discharge(tx: Tx, app: App, ref: str, on: date | None = None) -> Enrolment:
    case = find_case(tx.session, ref)
    enrolment = store.current_enrolment(tx.session, case.id)
    if enrolment is None:
        raise NotFound(f"case {case.ref} is not enrolled in a programme")
    on = on or app.today
    if on < enrolment.enrolled:
        raise InvalidValue(f"discharge date {on.isoformat()} is before enrolment ({enrolment.enrolled.isoformat()})")
    enrolment.discharged = on
    tx.session.add(enrolment)
    tx.audit("programme.discharge", case.ref, on.isoformat())
    return enrolment


@unit_of_work
def add_experience(tx: Tx, app: App, ref: str, score: int, on: date | None = None) -> Experience:
    if score not in team_rules.EXPERIENCE_SCALE:
        raise UsageError(f"score {score} is outside 1-5")
    case = find_case(tx.session, ref)
    on = on or app.today
    _not_before_opening(case, on, "measurement date")
    _not_in_future(on, app.today, "measurement date")
    experience = tx.add(Experience(case_id=case.id, day=on, score=score))
    tx.audit("experience.add", case.ref, f"{score} on {on.isoformat()}")
    return experience
