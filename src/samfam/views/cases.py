"""Reads about cases: the list, the whole case card, why a case is on its track, its events."""

from collections.abc import Callable, Sequence
from datetime import date
from typing import NotRequired, TypedDict

from samfam.context import App
from samfam.errors import UsageError
from samfam.listing import Column, Listing
from samfam.rules import cadence
from samfam.rules import events as event_rules
from samfam.rules import handovers as handover_rules
from samfam.rules.cadence import grant_active
from samfam.rules.cases import ActorOnCase, CaseFacts, GoalOnCase, case_attention, is_open
from samfam.rules.dates import age_on
from samfam.rules.identity import mask_cpr
from samfam.rules.paragraphs import lookup
from samfam.store.queries import cases as case_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Case, Conn, Event, Grant
from samfam.views import checklists, lookups
from samfam.views.care import (
    ACTOR_COLUMNS,
    GOAL_COLUMNS,
    ActorRow,
    actor_row,
    goal_detail,
    goals_on_case,
    handover_rows,
)
from samfam.views.deadlines import DEADLINE_COLUMNS, deadline_rows
from samfam.views.followups import CaseHead, Row, scope
from samfam.views.followups import followups as cadence_followups
from samfam.words import day, mark, phrased, plural, text

# -- case list -------------------------------------------------------------------------------------------


class CaseRow(TypedDict):
    """A case in `case list`; with --attention, why it needs attention."""

    case: str
    child: str
    advisor: str
    buddy: str | None
    status: str
    track: str | None
    next_due: date | None
    opened: date
    closed: date | None
    attention: NotRequired[list[str]]


#: A case's statuses, as the data keeps them (a table for people shows them in the reader's language).
CASE_STATUSES = (mark("open"), mark("closed"))
_CASE_COLUMNS = (
    Column("case", "Case", keep=True),
    Column("child", "Child", drop=2),
    Column("advisor", "Advisor", keep=True),
    Column("buddy", "Buddy", keep=True, drop=5),
    Column("status", "Status", keep=True, drop=4, words=CASE_STATUSES),
    Column("track", "Track", keep=True, drop=3, words=cadence.TRACK_WORDS),
    Column("next_due", "Next due", keep=True),
)
#: `case list --attention`: every field, `attention` too; `case list`: all but `attention`.
CASES_ATTENTION = Listing.of(CaseRow, (*_CASE_COLUMNS, Column("attention", "Attention")))
CASES = Listing(_CASE_COLUMNS, tuple(f for f in CASES_ATTENTION.names if f != "attention"))


#: The columns of a case's track over time (`explain`).
TRACK_HISTORY_COLUMNS = (
    Column("from", "From", keep=True),
    Column("to", "To", keep=True),
    Column("track", "Track", keep=True, words=cadence.TRACK_WORDS),
    Column("paragraphs", "Active paragraphs"),
)

#: The heading of a case's track over time (`explain`).
TRACK_HISTORY = mark("Track over time")

#: The labels of the case card's and `explain`'s lines for people, by key: each the key's words in English
#: (JSON keeps the keys), in the reader's language where people read them.
CARD_LABELS = {
    "case": mark("case"),
    "child": mark("child"),
    "cpr": mark("cpr"),
    "born": mark("born"),
    "age": mark("age"),
    "advisor": mark("advisor"),
    "buddy": mark("buddy"),
    "complex": mark("complex"),
    "opened": mark("opened"),
    "closed": mark("closed"),
    "close_reason": mark("close reason"),
    "status": mark("status"),
    "track": mark("track"),
    "reason": mark("reason"),
    "deciding": mark("deciding"),
    "paragraphs": mark("paragraphs"),
    "track_since": mark("track since"),
    "last_followup": mark("last followup"),
    "anchor": mark("anchor"),
    "next_due": mark("next due"),
    "cadence": mark("cadence"),
    "signs_of_safety": mark("signs of safety"),
    "attention": mark("attention"),
    "closures": mark("closures"),
    # the Signs of Safety line's parts
    "first": mark("first"),
    "latest": mark("latest"),
    "change": mark("change"),
    "measurements": mark("measurements"),
}
#: The card's values that are words (a status, a track, a cadence), shown in the reader's language.
CARD_WORDS = ("status", "track", "cadence")

TRACK_FILTERS = (cadence.THREE_MONTHS, cadence.SIX_WEEKS, cadence.UNCLASSIFIED)


def case_list(
    app: App,
    advisor: str | None = None,
    track: str | None = None,
    status: str = "open",
    team: str | None = None,
    attention: bool = False,
    primary: bool = False,
) -> list[CaseRow]:
    """The cases a filter covers, by case reference; with `attention`, only the open ones needing attention,
    with why. `primary`: with `advisor`, only the cases the advisor is primary advisor on."""
    with app.connect() as conn:
        if track is not None and track not in TRACK_FILTERS:
            raise UsageError(
                "'{track}' is not a track; use one of: {choices}", track=track, choices=", ".join(TRACK_FILTERS)
            )
        where = scope(conn, app, advisor, team, status, primary)
        reasons = list_attention(conn, app, where) if attention else None
        rows: list[CaseRow] = []
        for header, fu in cadence_followups(conn, where):
            open_now = is_open(header.closed, app.today)
            shown_track = fu.track if open_now else None
            if track is not None and shown_track != track:
                continue
            rows.append(
                {
                    "case": header.ref,
                    "child": header.child_name,
                    "advisor": header.advisor,
                    "buddy": header.buddy,
                    "status": "open" if open_now else "closed",
                    "track": shown_track,
                    "next_due": fu.next_due if open_now else None,
                    "opened": header.opened,
                    "closed": header.closed,
                }
            )
            if reasons is not None:
                why = reasons(header, fu) if open_now else []
                if not why:
                    rows.pop()
                else:
                    rows[-1]["attention"] = why
        return rows


def list_attention(
    conn: Conn, app: App, where: CaseFilter, overdue: bool = True
) -> Callable[[CaseHead, cadence.FollowUp], list[str]]:
    """What makes an open case need attention in a listing (samfam.rules.cases.case_attention), without its
    goals and actors, which a listing does not read (`samfam goals --attention`, the case card). Without
    `overdue`, not a follow-up overdue (`samfam dag` lists those apart)."""
    firsts = case_queries.first_events(conn, where, event_rules.START_KINDS)
    gone = staff_queries.departed(conn, app.today)

    def reasons(header: CaseHead, fu: cadence.FollowUp) -> list[str]:
        facts = CaseFacts(
            fu.track,
            fu.reason,
            fu.days_overdue if overdue else None,
            header.advisor,
            gone.get(header.advisor),
            header.complex,
            header.buddy,
            header.opened,
            firsts.get(header.id, {}),
        )
        return case_attention(facts, app.today)

    return reasons


def explain_case(
    conn: Conn, app: App, ref: str, found: checklists.Record | None = None
) -> tuple[Case, cadence.FollowUp, Sequence[Grant], Row]:
    """The rule applied to one case, in plain words. With the case's record read already (the card),
    its grants and events are used instead of asking the database again."""
    case = found.case if found is not None and found.case is not None else lookups.case(conn, ref)
    grants = case_queries.grants_of(conn, case.id) if found is None else found.grants
    spans = [cadence.Grant(g.code, g.start, g.end) for g in grants]
    if found is None:
        last = case_queries.last_followup(conn, case.id, app.today)
    else:
        days = [e.day for e in found.events if e.day <= app.today and event_rules.counts_as_followup(e.kind)]
        last = max(days, default=None)
    fu = cadence.follow_up(spans, last, app.today, case.reopened)
    open_now = is_open(case.closed, app.today)
    row: Row = {
        "case": case.ref,
        "status": "open" if open_now else "closed",
        "track": fu.track,
        "reason": fu.reason,
        "deciding": list(fu.deciding),
        "paragraphs": list(fu.paragraphs),
        "track_since": fu.track_since,
        "last_followup": fu.last_followup,
        "anchor": fu.anchor,
        "next_due": fu.next_due if open_now else None,
        "days_overdue": fu.days_overdue if open_now else None,
        "cadence": cadence.CADENCE.get(fu.track),
        "history": [
            {"from": start, "to": end, "track": c.track, "paragraphs": list(codes)}
            for start, end, c, codes in cadence.history(spans, app.today)
        ],
    }
    row["explanation"] = explanation(row, case.closed, app.today, "en")  # what JSON carries: English
    return case, fu, grants, row


def explanation(row: Row, closed: date | None, today: date, lang: str | None = None) -> list[str]:
    """The rule applied to one case (`explain_case`'s row), in plain words: in `lang`, else the reader's."""
    said = []
    if row["status"] == "closed" and closed is not None:
        said.append(text("The case was closed on {day}; closed cases are never overdue.", lang).format(
            day=day(closed, lang)
        ))  # fmt: skip
    if row["track"] == cadence.UNCLASSIFIED:
        said.append(
            text(
                "The case is unclassified on {day}: {reason}. It gets no due date until its grants put it on the "
                "3-month or the 6-week track.",
                lang,
            ).format(day=day(today, lang), reason=phrased(row["reason"], lang))
        )
        return said
    if row["track"] == cadence.THREE_MONTHS:
        said.append(text("The case follows up on the 3-month track because {reason}.", lang).format(
            reason=phrased(row["reason"], lang)
        ))  # fmt: skip
    else:
        said.append(text("The case follows up on the 6-week track because {reason}.", lang).format(
            reason=phrased(row["reason"], lang)
        ))  # fmt: skip
    if row["status"] == "closed":
        return said
    said.append(text("It has been on this track since {day}.", lang).format(day=day(row["track_since"], lang)))
    if row["last_followup"] is None:
        said.append(text("No follow-up has been recorded yet.", lang))
    else:
        said.append(text("The last follow-up was on {day}.", lang).format(day=day(row["last_followup"], lang)))
    clock = (
        text("The clock runs from the last follow-up: {anchor} + {cadence} = {due}.", lang)
        if row["anchor"] == row["last_followup"]
        else text(
            "The clock runs from the day the track began (it restarts when the track changes): "
            "{anchor} + {cadence} = {due}.",
            lang,
        )
    )
    said.append(
        clock.format(
            anchor=row["anchor"].isoformat(),
            cadence=text(row["cadence"], lang),
            due=row["next_due"].isoformat(),
        )
    )
    days = row["days_overdue"]
    if days is None:
        pass
    elif days > 0:
        said.append(plural(days, "The follow-up is {n} day overdue.", "The follow-up is {n} days overdue.", lang=lang))
    elif days == 0:
        said.append(text("The follow-up is due today.", lang))
    else:
        said.append(plural(-days, "The follow-up is due in {n} day.", "The follow-up is due in {n} days.", lang=lang))
    return said


def _trend_words(trend: Row, lang: str | None = None) -> str:
    return text(
        "Signs of Safety: {first} at the first scored follow-up, {latest} at the latest ({change} over {n}).", lang
    ).format(
        first=trend["first"],
        latest=trend["latest"],
        change=f"{trend['change']:+d}",
        n=plural(trend["measurements"], "{n} measurement", "{n} measurements", lang=lang),
    )


def explain(app: App, ref: str) -> tuple[Row, list[str]]:
    """Why a case is on its track: the row (its `explanation` in English, for scripts) and the explanation
    in the reader's language, for people."""
    with app.connect() as conn:
        case, _, _, row = explain_case(conn, app, ref)
        trend = _trend(case_queries.events_of(conn, case.id))
        row["signs_of_safety"] = trend
        said = explanation(row, case.closed, app.today)
        if trend is not None:
            row["explanation"].append(_trend_words(trend, "en"))
            said.append(_trend_words(trend))
        return row, said


def case_card(app: App, ref: str, reveal_cpr: bool = False) -> Row:
    """The whole case card (the command logs the look-up once it has shown it)."""
    with app.connect() as conn:
        case = lookups.case(conn, ref)
        found = checklists.record(conn, case.id, case.born, case)
        case, fu, grants, explained = explain_case(conn, app, ref, found)
        primary_id, buddy_id = case_queries.responsible_on(conn, case.id, app.today)
        people = staff_queries.initials_by_id(conn, [primary_id, buddy_id])
        open_now = explained["status"] == "open"
        goals = goal_detail(conn, case, app.today, found)
        actors = [actor_row(a, app.today) for a in found.actors]
        advisor = people[primary_id]
        attention = []
        if open_now:
            gone = staff_queries.departed(conn, app.today)
            goal_facts = goals_on_case(found, app.today)
            facts = _card_facts(case, advisor, gone.get(advisor), explained, goal_facts, actors, found.events)
            attention = case_attention(facts, app.today)
        return {
            "case": case.ref,
            "child": case.child_name,
            "cpr": case.cpr if reveal_cpr else mask_cpr(case.cpr),
            "born": case.born,
            "age": age_on(case.born, app.today) if case.born else None,
            "advisor": advisor,
            "buddy": people.get(buddy_id) if buddy_id else None,
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
            "signs_of_safety": _trend(found.events),
            "grants": [_grant_row(g, app.today) for g in grants],
            "events": _event_rows(conn, case, events=found.events),
            "goals": goals,
            "actors": actors,
            "team": [
                {"initials": m.initials, "name": m.name, "role": m.role, "since": m.since, "until": m.until}
                for m in case_queries.members_of(conn, case.id)
            ],
            "handovers": handover_rows(conn, case, app.today, found),
            "deadlines": deadline_rows(conn, app, CaseFilter(as_of=app.today, refs=(case.ref,))) if open_now else [],
            "closures": [
                {
                    "closed": c.closed,
                    "reason": c.reason,
                    "closed_by": c.closed_by,
                    "reopened": c.reopened,
                    "reopened_by": c.reopened_by,
                    "reopen_reason": c.reopen_reason,
                }
                for c in (case_queries.closures_of(conn, case.id) if case.closed or case.reopened else ())
            ],
            "attention": attention,
        }


def _card_facts(
    case: Case,
    advisor: str,
    left: date | None,
    explained: Row,
    goals: list[GoalOnCase],
    actors: list[ActorRow],
    events: Sequence[Event],
) -> CaseFacts:
    """What the attention rule (samfam.rules.cases.case_attention) looks at, from the card's own rows."""
    return CaseFacts(
        explained["track"],
        explained["reason"],
        explained["days_overdue"],
        advisor,
        left,
        case.complex,
        case.buddy_id,
        case.opened,
        event_rules.first_days((e.kind, e.day) for e in events),
        goals,
        [ActorOnCase(a["id"], a["name"], a["coordinator"]) for a in actors if a["active"]],
    )


def _grant_row(grant: Grant, today: date) -> Row:
    entry = lookup(grant.code)
    return {
        "id": grant.id,
        "code": grant.code,
        "category": str(entry.category) if entry else None,
        "title": entry.title if entry else None,
        "start": grant.start,
        "end": grant.end,
        "active": grant_active(grant.start, grant.end, today),
    }


# -- events ----------------------------------------------------------------------------------------------


#: An event on a case (the case card), with the actors who took part (`with`); void ones marked.
EventRow = TypedDict(
    "EventRow",
    {
        "day": date,
        "kind": str,
        "counts": bool,
        "scale": int | None,
        "note": str | None,
        "with": list[int],
        "recorded_by": str,
        "id": int,
        "void": bool,
        "voided_by": str | None,
        "void_reason": str | None,
        "corrects": int | None,
    },
)


class _OnCase(TypedDict):
    case: str


class EventListRow(_OnCase, EventRow):
    """An event in `event list`: with its case."""


#: The columns of an event (`event list`, the case card); with --all, whether it is void and why.
EVENT_COLUMNS = (
    Column("id", "Id", "right", keep=True, ident=True),
    Column("day", "Date", keep=True),
    Column("kind", "Kind", keep=True, words=event_rules.KINDS),
    Column("counts", "Counts", keep=True, drop=1),
    Column("scale", "Scale", "right", keep=True, drop=2),
    Column("note", "Note"),
    Column("with", "With actors", drop=3),
    Column("recorded_by", "By", keep=True),
)
EVENTS = Listing.of(EventListRow, EVENT_COLUMNS)
EVENTS_ALL = EVENTS.with_columns(
    (
        *EVENT_COLUMNS,
        Column("void", "Void", keep=True, drop=4),
        Column("void_reason", "Why void", drop=5),
        Column("corrects", "Corrects", "right", keep=True, drop=6, ident=True),
    )
)


def _event_rows(
    conn: Conn, case: Case, include_void: bool = False, events: Sequence[Event] | None = None
) -> list[EventRow]:
    """The case's events, oldest first, each with the actors who took part (`event add --with`).

    A void event counts for nothing; with `include_void` it is listed, marked, with who voided it and why.
    """
    if events is None:
        events = case_queries.events_of(conn, case.id, include_void)
    took_part = case_queries.event_actor_ids(conn, [e.id for e in events])
    return [
        {
            "day": e.day,
            "kind": e.kind,
            "counts": event_rules.counts_as_followup(e.kind) and e.voided_at is None,
            "scale": e.scale,
            "note": e.note,
            "with": sorted(took_part.get(e.id, [])),
            "recorded_by": e.recorded_by,
            "id": e.id,
            "void": e.voided_at is not None,
            "voided_by": e.voided_by,
            "void_reason": e.void_reason,
            "corrects": e.corrects_id,
        }
        for e in events
    ]


def event_list(app: App, ref: str, include_void: bool = False) -> list[EventListRow]:
    with app.connect() as conn:
        case = lookups.case(conn, ref)
        return [{"case": case.ref, **row} for row in _event_rows(conn, case, include_void)]


def _trend(events: Sequence[Event]) -> Row | None:
    """The Signs of Safety scale over the case's follow-ups (void ones left out): first, latest, change."""
    series = [(e.day, e.scale) for e in events if e.scale is not None]
    trend = event_rules.scale_trend(series)
    if trend is None:
        return None
    return {
        "first": trend.first,
        "latest": trend.latest,
        "change": trend.change,
        "measurements": trend.measurements,
        "series": [{"day": day, "scale": scale} for day, scale in sorted(series)],
    }


# -- the case card's parts ---------------------------------------------------------------------------------------

#: The case card's parts for people: (key, heading, columns).
CARD_SECTIONS: tuple[tuple[str, str, tuple[Column, ...]], ...] = (
    (
        "grants",
        mark("Grants"),
        (
            Column("id", "Id", "right", keep=True, ident=True),
            Column("code", "Paragraph", keep=True),
            Column("category", "Category", keep=True, drop=1, words=cadence.CATEGORY_WORDS),
            Column("title", "Title"),
            Column("start", "From", keep=True),
            Column("end", "To", keep=True),
            Column("active", "Active", keep=True, drop=2),
        ),
    ),
    ("events", mark("Events"), EVENT_COLUMNS),
    ("goals", mark("Goals"), tuple(c for c in GOAL_COLUMNS if c.key != "case")),
    ("actors", mark("Actors"), ACTOR_COLUMNS),
    (
        "team",
        mark("Core team"),
        (
            Column("initials", "Initials", keep=True),
            Column("name", "Name"),
            Column("role", "Role"),
            Column("since", "Since", keep=True),
            Column("until", "Until", keep=True),
        ),
    ),
    (
        "handovers",
        mark("Handovers"),
        (
            Column("kind", "Kind", keep=True, words=handover_rules.KINDS),
            Column("started", "Started", keep=True),
            Column("status", "Status", keep=True, words=handover_rules.STATUSES),
            Column("missing", "Missing"),
            Column("completed", "Completed", keep=True),
        ),
    ),
    ("deadlines", mark("Legal deadlines"), tuple(c for c in DEADLINE_COLUMNS if c.key not in ("case", "advisor"))),
)
