"""The advisor's day on one screen (`samfam dag`): follow-ups overdue or coming, tasks due, legal deadlines,
team meetings, what needs attention and emergency access, for the advisor who acts, another advisor or a team.

The same rows `overdue`/`due`, `task` (the case card), `deadlines`, `team rhythm`, `goals --attention` and
`case list --attention` show, read in one connection: one pass of the cadence over the cases the filter covers
(samfam.views.followups, as the weekly report reads it), one query for the tasks, one for the goals, the legal
deadlines of samfam.views.deadlines, the rhythm of samfam.views.team and the emergency accesses open now.
"""

from datetime import UTC, date, datetime, timedelta
from typing import TypedDict

from samfam.context import App
from samfam.errors import UsageError
from samfam.listing import Column, Listing
from samfam.rules import cadence, roles
from samfam.rules import goals as goal_rules
from samfam.rules import team as team_rules
from samfam.rules.cases import is_open, works_on
from samfam.rules.roles import Actor
from samfam.store import identity
from samfam.store.queries import care as care_queries
from samfam.store.queries import log_control as access_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Conn
from samfam.views.care import CASE_REASON, goal_rows, owner_label
from samfam.views.cases import list_attention
from samfam.views.deadlines import DEADLINE_KINDS, DeadlineRow, deadline_rows, in_window
from samfam.views.followups import (
    CadenceRow,
    Standing,
    cadence_row,
    due_soonest_first,
    followups,
    most_overdue_first,
    scope,
)
from samfam.views.team import MEETING_STATUSES, RhythmRow, meetings_due
from samfam.words import Phrase, mark

#: "This week": the follow-ups, legal deadlines and team meetings due from today through this many days
#: ahead (as `due --within 7` and `deadlines --within 7`), with everything overdue or passed.
WITHIN = 7

# -- the sections, each row type beside its listing --------------------------------------------------------


class DayFollowUp(CadenceRow):
    """A follow-up overdue, or due within the week (`status`: overdue or due)."""

    status: str


FOLLOWUPS = Listing.of(
    DayFollowUp,
    (
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True, drop=2),
        Column("track", "Track", keep=True, drop=1, words=cadence.TRACK_WORDS),
        Column("next_due", "Due", keep=True),
        Column("days_overdue", "When", keep=True),
        Column("level", "Level", keep=True, drop=3, words=cadence.LEVELS),
    ),
)


class DayTask(TypedDict):
    """A task toward an active goal, due today or before and not done."""

    case: str
    advisor: str
    goal: int
    id: int
    text: str
    by: str
    due: date
    days_late: int


TASKS = Listing.of(
    DayTask,
    (
        Column("case", "Case", keep=True),
        Column("id", "Task", "right", keep=True, ident=True),
        Column("text", "What"),
        Column("by", "By", drop=1, words=goal_rules.OWNERS),
        Column("due", "Due", keep=True),
        Column("days_late", "Late", "right", keep=True),
    ),
)

#: A legal deadline passed or within the week: the rows of `deadlines`, fewer columns for 80.
DEADLINES = Listing.of(
    DeadlineRow,
    (
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True, drop=1),
        Column("kind", "Kind", keep=True, words=DEADLINE_KINDS),
        Column("deadline", "Deadline", keep=True),
        Column("days_left", "Days left", "right", keep=True),
        Column("what", "What"),
    ),
)

#: A team meeting the rhythm says is due within the week, or overdue: the rows of `team rhythm`.
MEETINGS = Listing.of(
    RhythmRow,
    (
        Column("team", "Team", keep=True),
        Column("kind", "Meeting", keep=True, words=team_rules.MEETING_KINDS),
        Column("last", "Last", keep=True),
        Column("next_due", "Next due", keep=True),
        Column("status", "Status", words=MEETING_STATUSES),
    ),
)


class DayAttention(TypedDict):
    """A case or one of its goals needing attention: the case's own reasons (`goal` null) as `case list
    --attention` gives them, without a follow-up overdue (listed apart), then its goal picture's as `goals
    --attention` gives them ("goals: …", once); or a goal's own (`goal` its id), as `goals --attention`."""

    case: str
    advisor: str
    goal: int | None
    attention: list[str]


ATTENTION = Listing.of(
    DayAttention,
    (
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True, drop=1),
        Column("goal", "Goal", "right", keep=True, ident=True),
        Column("attention", "Attention"),
    ),
)


class DayEmergency(TypedDict):
    """An emergency access the advisor holds that is open now (neither closed nor expired)."""

    advisor: str
    case: str
    opened: datetime
    expires: datetime
    reason: str


EMERGENCY = Listing.of(
    DayEmergency,
    (
        Column("advisor", "Advisor", keep=True),
        Column("case", "Case", keep=True),
        Column("expires", "Open until", keep=True),
        Column("reason", "Why"),
    ),
)


class DayItem(TypedDict):
    """One item of the day, whatever its section, as NDJSON and CSV give them (one a line)."""

    section: str
    case: str | None
    advisor: str | None
    day: date | None
    what: str


#: The day for scripts: one item a line (NDJSON, CSV, JSON with --fields).
ITEMS = Listing.of(
    DayItem,
    (
        Column("section", "Section", keep=True),
        Column("case", "Case", keep=True),
        Column("advisor", "Advisor", keep=True, drop=1),
        Column("day", "Day", keep=True),
        Column("what", "What"),
    ),
)


class Day(TypedDict):
    """The day: whose (an advisor, a team or both), on which day, and each section."""

    as_of: date
    advisor: str | None
    team: str | None
    within: int
    followups: list[DayFollowUp]
    tasks: list[DayTask]
    deadlines: list[DeadlineRow]
    meetings: list[RhythmRow]
    attention: list[DayAttention]
    emergency_access: list[DayEmergency]


#: The sections in the order they are shown (the keys of `Day`).
SECTIONS = ("followups", "tasks", "deadlines", "meetings", "attention", "emergency_access")

# -- who -----------------------------------------------------------------------------------------------------


def who_acts(conn: Conn, app: App) -> tuple[Actor, str | None]:
    """Who acts (samfam.store.identity.actor) and the advisor that is, if any: the advisor acting (--user on
    SQLite, the linked login on PostgreSQL), else on SQLite the current advisor the OS login is linked to
    (`advisor update INITIALS --login NAME`)."""
    actor = identity.actor(conn, app.user, app.settings.os_login, app.today)
    if actor.initials is not None:
        return actor, actor.initials
    linked = staff_queries.advisor_by_login(conn, app.user)
    if linked is not None and works_on(linked.left, app.today):
        return actor, linked.initials
    return actor, None


def _permit(conn: Conn, actor: Actor, me: str | None, where: CaseFilter) -> None:
    """Another advisor's day, or a team's: only their team's leader or the administrator (samfam.rules.roles),
    as for a team leader's other work. One's own day needs no right."""
    if where.advisor is not None and where.advisor != me:
        found = staff_queries.advisor_by_initials(conn, where.advisor)
        refused = roles.refused(actor, "dag --advisor", [found.team if found else None])
        if refused is not None:
            raise refused
    if where.team is not None:
        refused = roles.refused(actor, "dag --team", [where.team])
        if refused is not None:
            raise refused


# -- the day -------------------------------------------------------------------------------------------------


def day(app: App, advisor: str | None = None, team: str | None = None, now: datetime | None = None) -> Day:
    """The day of the advisor who acts, or of `advisor`, or of `team` (see the module); `now`: the moment an
    emergency access must still be open at (default: the clock)."""
    today = app.today
    with app.connect() as conn:
        actor, me = who_acts(conn, app)
        if advisor is None and team is None:
            if me is None:
                raise UsageError(
                    "no advisor acts: '{user}' is no current advisor and no advisor's login; give --user "
                    "INITIALS, or --advisor INITIALS or --team TEAM (a team leader)",
                    user=app.user,
                )
            advisor = me
        where = scope(conn, app, advisor, team)
        _permit(conn, actor, me, where)
        standings = list(followups(conn, where))
        rows: list[DayFollowUp] = [
            {**cadence_row(h, fu), "status": "overdue"} for h, fu in most_overdue_first(standings)
        ]
        rows += [{**cadence_row(h, fu), "status": "due"} for h, fu in due_soonest_first(standings, WITHIN)]
        # The cases the filter covers, by reference: each query after this one picks them through the
        # reference's index instead of working out every case's primary advisor and buddy again.
        picked = CaseFilter(as_of=today, refs=tuple(h.ref for h, _ in standings))
        return {
            "as_of": today,
            "advisor": where.advisor,
            "team": where.team,
            "within": WITHIN,
            "followups": rows,
            "tasks": _tasks(conn, picked) if picked.refs else [],
            "deadlines": in_window(deadline_rows(conn, app, picked), today, WITHIN) if picked.refs else [],
            "meetings": meetings_due(conn, app, where, where.team, today + timedelta(days=WITHIN)),
            "attention": _attention(conn, app, picked, standings) if picked.refs else [],
            "emergency_access": _emergency(conn, where, now or datetime.now(UTC)),
        }


def _attention(conn: Conn, app: App, picked: CaseFilter, standings: list[Standing]) -> list[DayAttention]:
    """The open cases (`standings`, picked by reference) and goals needing attention, by case: each case's own
    reasons first (without a follow-up overdue), then its goal picture's, once; then each goal's own."""
    reasons = list_attention(conn, app, picked, overdue=False)
    found: dict[tuple[str, int | None], DayAttention] = {
        (h.ref, None): {"case": h.ref, "advisor": h.advisor, "goal": None, "attention": why}
        for h, fu in standings
        if is_open(h.closed, picked.as_of) and (why := reasons(h, fu))
    }
    for g in goal_rows(conn, picked):
        for reason in g["attention"]:
            # the goal picture's reasons ("case: …", on each goal's row in `goals`) once, on the case's row
            of_case = isinstance(reason, Phrase) and reason.template == CASE_REASON
            whole = of_case or g["id"] is None
            key = (g["case"], None if whole else g["id"])
            row = found.setdefault(key, {"case": g["case"], "advisor": g["advisor"], "goal": key[1], "attention": []})
            inner = reason.fields["reason"] if isinstance(reason, Phrase) and of_case else reason
            shown = Phrase(mark("goals: {reason}"), reason=inner) if whole else reason
            if shown not in row["attention"]:
                row["attention"].append(shown)
    return sorted(found.values(), key=lambda r: (r["case"], r["goal"] is not None, r["goal"] or 0))


def _tasks(conn: Conn, where: CaseFilter) -> list[DayTask]:
    """The tasks due on the as-of date or before, not done, toward a goal still active (one query)."""
    return [
        {
            "case": r.ref,
            "advisor": r.advisor,
            "goal": r.goal_id,
            "id": r.id,
            "text": r.text,
            "by": owner_label(r.doer_kind, r.doer_actor_id, r.doer_name),
            "due": r.due,
            "days_late": (where.as_of - r.due).days,
        }
        for r in care_queries.due_task_rows(conn, where, where.as_of)
        if goal_rules.is_active(r.goal_status)
    ]


def _emergency(conn: Conn, where: CaseFilter, now: datetime) -> list[DayEmergency]:
    """The emergency accesses open at `now` that the advisor holds (a team's: its advisors hold)."""
    return [
        {"advisor": g.advisor, "case": g.case, "opened": g.opened_at, "expires": g.expires_at, "reason": g.reason}
        for g in access_queries.grants_open(conn, now)
        if (where.advisor is None or g.advisor == where.advisor) and (where.team is None or g.team == where.team)
    ]


# -- for scripts: one item a line ----------------------------------------------------------------------------


def _when(days: int | None) -> str:
    if days is None:
        return ""
    if days > 0:
        return f"{days} days overdue"
    return "due today" if days == 0 else f"due in {-days} days"


def items(data: Day) -> list[DayItem]:
    """Every row of every section as one item (NDJSON, CSV): its section, case, advisor, day and what it is."""
    found: list[DayItem] = []
    for f in data["followups"]:
        what = f"follow-up ({f['track']}, {f['level']}): {_when(f['days_overdue'])}"
        found.append({"section": "followups", "case": f["case"], "advisor": f["advisor"], "day": f["next_due"],
                      "what": what})  # fmt: skip
    for t in data["tasks"]:
        found.append({"section": "tasks", "case": t["case"], "advisor": t["advisor"], "day": t["due"],
                      "what": f"task {t['id']} (goal {t['goal']}, by {t['by']}): {t['text']}"})  # fmt: skip
    for d in data["deadlines"]:
        found.append({"section": "deadlines", "case": d["case"], "advisor": d["advisor"], "day": d["deadline"],
                      "what": f"{d['kind']}: {d['what']}"})  # fmt: skip
    for m in data["meetings"]:
        found.append({"section": "meetings", "case": None, "advisor": None, "day": m["next_due"],
                      "what": f"{m['kind']} (team {m['team']}): {m['status']}"})  # fmt: skip
    for a in data["attention"]:
        what = "; ".join(a["attention"])
        found.append({"section": "attention", "case": a["case"], "advisor": a["advisor"], "day": None,
                      "what": f"goal {a['goal']}: {what}" if a["goal"] is not None else what})  # fmt: skip
    for e in data["emergency_access"]:
        expires = e["expires"] if e["expires"].tzinfo else e["expires"].replace(tzinfo=UTC)
        until = expires.astimezone(UTC)
        what = f"emergency access until {until:%Y-%m-%d %H:%M} UTC: {e['reason']}"
        found.append({"section": "emergency_access", "case": e["case"], "advisor": e["advisor"], "day": until.date(),
                      "what": what})  # fmt: skip
    return found


def is_empty(data: Day) -> bool:
    return not any(data[section] for section in SECTIONS)  # type: ignore[literal-required]
