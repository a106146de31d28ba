"""The reads. Each function returns plain rows (dicts of plain values) for the renderer.

Per-case aggregates (the last follow-up) come from SQL; the exact cadence rule, with its calendar
months, is applied in Python by `samfam.rules.cadence` to one header row and a few grant spans a
case, never to loaded events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from samfam import store
from samfam.app import App, reader, unit_of_work
from samfam.errors import UsageError
from samfam.identity import mask_cpr
from samfam.rules import cadence
from samfam.rules import events as event_rules
from samfam.rules.dates import age_on
from samfam.rules.paragraphs import catalogue, lookup
from samfam.services import find_advisor, find_case
from samfam.store import CaseFilter, Session, Tx

Row = dict[str, Any]

STATUSES = ("open", "closed", "all")
TRACK_FILTERS = (cadence.THREE_MONTHS, cadence.SIX_WEEKS, cadence.UNCLASSIFIED)


def followups(session: Session, where: CaseFilter) -> Iterator[tuple[Any, cadence.FollowUp]]:
    """Each case the filter covers, with where it stands on the cadence on the as-of date."""
    headers = store.case_headers(session, where)
    spans: dict[int, list[cadence.Grant]] = defaultdict(list)
    for case_id, code, start, end in store.grant_spans(session, where):
        spans[case_id].append(cadence.Grant(code, start, end))
    for header in headers:
        yield header, cadence.follow_up(spans.get(header.id, ()), header.last_followup, where.as_of)


def _filter(
    session: Session, app: App, advisor: str | None = None, team: str | None = None, status: str = "open"
) -> CaseFilter:
    if status not in STATUSES:
        raise UsageError(f"'{status}' is not a status; use one of: {', '.join(STATUSES)}")
    code = find_advisor(session, advisor).initials if advisor else None
    return CaseFilter(as_of=app.today, status=status, advisor=code, team=team)


def _cadence_row(header: Any, fu: cadence.FollowUp) -> Row:
    return {
        "case": header.ref,
        "advisor": header.advisor,
        "buddy": header.buddy,
        "team": header.team,
        "track": fu.track,
        "paragraphs": list(fu.paragraphs),
        "last_followup": fu.last_followup,
        "next_due": fu.next_due,
        "days_overdue": fu.days_overdue,
    }


@reader
def overdue(session: Session, app: App, advisor: str | None = None, team: str | None = None) -> list[Row]:
    """Overdue follow-ups, most days overdue first; then open cases needing classification."""
    late: list[Row] = []
    unclassified: list[Row] = []
    for header, fu in followups(session, _filter(session, app, advisor, team)):
        if fu.overdue:
            late.append(_cadence_row(header, fu) | {"status": "overdue", "reason": fu.reason})
        elif fu.track == cadence.UNCLASSIFIED:
            unclassified.append(_cadence_row(header, fu) | {"status": "needs classification", "reason": fu.reason})
    late.sort(key=lambda r: (-r["days_overdue"], r["case"]))
    unclassified.sort(key=lambda r: r["case"])
    return late + unclassified


@reader
def due(
    session: Session,
    app: App,
    within: int = cadence.DEFAULT_DUE_SOON_DAYS,
    advisor: str | None = None,
    team: str | None = None,
) -> tuple[list[Row], int]:
    """Follow-ups due from today through `within` days ahead, soonest first; and how many are overdue."""
    if within < 0:
        raise UsageError(f"--within {within} is negative; give a number of days, 0 or more")
    rows: list[Row] = []
    late = 0
    for header, fu in followups(session, _filter(session, app, advisor, team)):
        if fu.due_within(within):
            rows.append(_cadence_row(header, fu) | {"status": "due"})
        elif fu.overdue:
            late += 1
    rows.sort(key=lambda r: (r["next_due"], r["case"]))
    return rows, late


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
        "events": [_event_row(e) for e in store.events_of(tx.session, case.id)],
        "goals": [],
        "actors": [],
        "handovers": [],
    }


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


def _event_row(event: Any) -> Row:
    return {
        "day": event.day,
        "kind": event.kind,
        "counts": event_rules.counts_as_followup(event.kind),
        "scale": event.scale,
        "note": event.note,
        "recorded_by": event.recorded_by,
    }


@reader
def event_list(session: Session, app: App, ref: str) -> list[Row]:
    case = find_case(session, ref)
    return [{"case": case.ref} | _event_row(e) for e in store.events_of(session, case.id)]


def paragraph_list(law: str | None = None) -> list[Row]:
    if law is not None and law.upper() not in ("SEL", "BL"):
        raise UsageError(f"'{law}' is not a law; use SEL (Serviceloven) or BL (Barnets lov)")
    return [
        {
            "code": p.code,
            "law": p.law,
            "category": str(p.category),
            "title": p.title,
            "counterparts": list(p.counterparts),
            "confidence": p.confidence if p.counterparts else None,
        }
        for p in catalogue(law.upper() if law else None)
    ]


def event_kind_list() -> list[Row]:
    return [
        {"kind": k.name, "counts": k.counts_as_followup, "danish": k.danish, "what": k.description}
        for k in event_rules.EVENT_KINDS
    ]


@reader
def audit_log(
    session: Session, app: App, case: str | None = None, user: str | None = None, limit: int | None = None
) -> list[Row]:
    ref = find_case(session, case).ref if case else None
    return [
        {"at": e.at, "user": e.user, "action": e.action, "case": e.case_ref, "detail": e.detail}
        for e in store.audit_entries(session, ref, user, limit)
    ]
