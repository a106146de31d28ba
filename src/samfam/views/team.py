"""Reads for the team leader: caseload, team rhythm and meetings, learning goals, enrolment, experience."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Literal, TypedDict

from samfam.context import App
from samfam.listing import Column, Listing
from samfam.rules import team as team_rules
from samfam.rules.cases import has_left
from samfam.store.queries import staff as staff_queries
from samfam.store.queries import team as team_queries
from samfam.store.queries.scope import CaseFilter
from samfam.store.records import Conn
from samfam.views import lookups
from samfam.views.followups import Standing, scope
from samfam.views.followups import followups as cadence_followups
from samfam.words import Phrase, mark

# -- caseload --------------------------------------------------------------------------------------------

#: An advisor's open cases in `caseload` (and the weekly report); the last row, TOTAL, sums them (its `name`
#: the team or "all teams"; its `team` empty, as it is no advisor of the team).
CaseloadRow = TypedDict(
    "CaseloadRow",
    {
        "advisor": str,
        "name": str,
        "team": str | None,
        "primary": int,
        "buddy": int,
        "3m": int,
        "6w": int,
        "unclassified": int,
        "complex": int,
        "target": int | None,
        "vs_target": int | None,
        "left": date | None,
        "needs_new_advisor": int,
    },
)

#: JSON carries each row's own keys, in its order (TOTAL's differ in order).
CASELOAD = Listing.of(
    CaseloadRow,
    columns=(
        Column("advisor", "Advisor", keep=True),
        Column("name", "Name", drop=9),
        Column("team", "Team", drop=8),
        Column("primary", "Primary", "right", keep=True),
        Column("buddy", "Buddy", "right", keep=True, drop=1),
        Column("3m", "3m", "right", keep=True, drop=2),
        Column("6w", "6w", "right", keep=True, drop=3),
        Column("unclassified", "Unclass.", "right", keep=True, drop=5),
        Column("complex", "Complex", "right", keep=True, drop=6),
        Column("target", "Target", "right", keep=True),
        Column("vs_target", "+/- target", "right", keep=True),
        Column("left", "Left", keep=True, drop=7),
        Column("needs_new_advisor", "Need new advisor", "right", keep=True, drop=4),
    ),
    every=False,
)

#: The last row's advisor and (no team named) name: English for scripts, said in the reader's language.
TOTAL = Phrase(mark("TOTAL"))
ALL_TEAMS = Phrase(mark("all teams"))

_Count = Literal["primary", "buddy", "3m", "6w", "unclassified", "complex", "needs_new_advisor"]
_COUNTS: tuple[_Count, ...] = ("primary", "buddy", "3m", "6w", "unclassified", "complex", "needs_new_advisor")


def caseload_rows(conn: Conn, app: App, team: str | None, statuses: Sequence[Standing]) -> list[CaseloadRow]:
    staff = [a for a in staff_queries.advisors(conn, team)]
    rows: dict[str, CaseloadRow] = {
        a.initials: {"advisor": a.initials, "name": a.name, "team": a.team, "primary": 0, "buddy": 0, "3m": 0,
                     "6w": 0, "unclassified": 0, "complex": 0, "target": a.caseload_target, "vs_target": None,
                     "left": a.left if has_left(a.left, app.today) else None,
                     "needs_new_advisor": 0}
        for a in staff
    }  # fmt: skip
    for header, fu in statuses:
        row = rows.get(header.advisor)
        if row is not None:
            row["primary"] += 1
            if fu.track == "3m":
                row["3m"] += 1
            elif fu.track == "6w":
                row["6w"] += 1
            else:
                row["unclassified"] += 1
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
        sums = {key: sum(r[key] for r in ordered) for key in _COUNTS}
        targets = [r["target"] for r in ordered if r["target"] is not None]
        target = sum(targets) if targets else None
        total: CaseloadRow = {"advisor": TOTAL, "name": team or ALL_TEAMS, "team": None,
                              "primary": sums["primary"], "buddy": sums["buddy"], "3m": sums["3m"], "6w": sums["6w"],
                              "unclassified": sums["unclassified"], "complex": sums["complex"],
                              "needs_new_advisor": sums["needs_new_advisor"], "left": None, "target": target,
                              "vs_target": sums["primary"] - target if target is not None else None}  # fmt: skip
        ordered.append(total)
    return ordered


def caseload(app: App, team: str | None = None) -> list[CaseloadRow]:
    """Open cases per advisor as primary and as buddy, by track and complexity, against the target."""
    with app.connect() as conn:
        statuses = list(cadence_followups(conn, scope(conn, app, team=team)))
        return caseload_rows(conn, app, team, statuses)


# -- the team's rhythm and meetings ----------------------------------------------------------------------


class RhythmRow(TypedDict):
    """A kind of meeting in a team's rhythm (`team rhythm`, the calendar, the weekly report)."""

    team: str
    kind: str
    rhythm: str | None
    last: date | None
    next_due: date | None
    days_overdue: int | None
    status: str


MEETING_STATUSES = team_rules.MEETING_STATUSES

RHYTHM = Listing.of(
    RhythmRow,
    columns=(
        Column("kind", "Meeting", keep=True, words=team_rules.MEETING_KINDS),
        Column("rhythm", "Rhythm", drop=1),
        Column("last", "Last", keep=True),
        Column("next_due", "Next due", keep=True),
        Column("status", "Status", words=MEETING_STATUSES),
    ),
)


def rhythm_rows(conn: Conn, app: App, team: str | None) -> list[RhythmRow]:
    """Each team's meetings: the last one of each kind and when the next is due (for every team when none is named)."""
    teams = [team] if team else sorted({a.team for a in staff_queries.advisors(conn) if a.team})
    rows: list[RhythmRow] = []
    for name in teams:
        last = team_queries.team_meetings_last(conn, name, app.today)
        settings = team_queries.team_by_name(conn, name)
        days = settings.case_meeting_days if settings else None
        for kind in team_rules.MEETING_KINDS:
            due = team_rules.next_meeting(kind, last.get(kind), days)
            if kind not in last:
                status = team_rules.NONE_HELD
            elif due is None:
                status = team_rules.HELD_NO_RHYTHM if kind == "case-meeting" else team_rules.HELD
            else:
                status = team_rules.MEETING_OVERDUE if due < app.today else team_rules.ON_TRACK
            rows.append({"team": name, "kind": kind, "rhythm": team_rules.rhythm(kind, days), "last": last.get(kind),
                         "next_due": due, "days_overdue": (app.today - due).days if due else None,
                         "status": status})  # fmt: skip
    return rows


def meetings_due(conn: Conn, app: App, where: CaseFilter, team: str | None, until: date) -> list[RhythmRow]:
    """The team meetings the rhythm says are due on or before `until` (overdue ones too): of `team`, else of
    the filter's advisor's team (none for an advisor outside any team), else of every team."""
    if team is None and where.advisor is not None:
        team = lookups.advisor(conn, where.advisor).team
        if team is None:  # an advisor outside any team has no team meetings
            return []
    rows = [r for r in rhythm_rows(conn, app, team) if r["next_due"] is not None and r["next_due"] <= until]
    rows.sort(key=lambda r: (r["next_due"] or date.min, r["team"], r["kind"]))
    return rows


def team_rhythm(app: App, team: str | None = None) -> list[RhythmRow]:
    with app.connect() as conn:
        if team is not None:
            lookups.team(conn, team)
        return rhythm_rows(conn, app, team)


class MeetingRow(TypedDict):
    """A team meeting held (`team meeting list`)."""

    day: date
    kind: str
    team: str | None
    note: str | None


MEETINGS = Listing.of(
    MeetingRow,
    columns=(
        Column("day", "Date", keep=True),
        Column("kind", "Kind", keep=True, words=team_rules.MEETING_KINDS),
        Column("team", "Team"),
        Column("note", "Note"),
    ),
)


def team_meeting_list(app: App, team: str | None = None) -> list[MeetingRow]:
    with app.connect() as conn:
        return [
            {"day": m.day, "kind": m.kind, "team": m.team, "note": m.note}
            for m in team_queries.team_meetings(conn, team)
        ]


# -- learning goals --------------------------------------------------------------------------------------


class LearningGoalRow(TypedDict):
    """An advisor's learning goal with its last review (`learning-goal list`, the weekly report)."""

    id: int
    advisor: str
    team: str | None
    text: str
    status: str
    created: date
    last_review: date | None
    review_due: date
    attention: list[str]


LEARNING_GOALS = Listing.of(
    LearningGoalRow,
    columns=(
        Column("id", "Id", "right", keep=True, ident=True),
        Column("advisor", "Advisor", keep=True),
        Column("text", "Learning goal"),
        Column("status", "Status", drop=2, words=team_rules.LEARNING_STATUSES),
        Column("last_review", "Last review", keep=True, drop=3),
        Column("review_due", "Review due", keep=True),
        Column("attention", "Attention", drop=1),
    ),
)


def learning_rows(conn: Conn, app: App, advisor: str | None, team: str | None) -> list[LearningGoalRow]:
    rows: list[LearningGoalRow] = []
    for g in team_queries.learning_goal_rows(conn, advisor, team):
        due = team_rules.learning_review_due(g.created, g.last_review)
        stale = g.status == "open" and due < app.today
        rows.append({"id": g.id, "advisor": g.initials, "team": g.team, "text": g.text, "status": g.status,
                     "created": g.created, "last_review": g.last_review, "review_due": due,
                     "attention": [team_rules.NOT_REVIEWED] if stale else []})  # fmt: skip
    return rows


def learning_goal_list(app: App, advisor: str | None = None, team: str | None = None) -> list[LearningGoalRow]:
    with app.connect() as conn:
        code = lookups.advisor(conn, advisor).initials if advisor else None
        return learning_rows(conn, app, code, team)


# -- programmes and enrolment ----------------------------------------------------------------------------


class EnrolmentRow(TypedDict):
    """A programme's enrolment on the as-of date (`enrolment`): the fields JSON carries, then `bands`, the
    active cases by age as one text for people."""

    programme: str
    enrolled: int
    discharged: int
    active: int
    target: int | None
    to_target: int | None
    ends: date | None
    age_bands: dict[str, int]
    bands: str


ENROLMENT = Listing(
    columns=(
        Column("programme", "Programme"),
        Column("enrolled", "Enrolled", "right", keep=True),
        Column("discharged", "Discharged", "right", keep=True, drop=3),
        Column("active", "Active", "right", keep=True),
        Column("target", "Target", "right", keep=True),
        Column("ends", "Ends", keep=True, drop=1),
        Column("bands", "Active by age", drop=2),
    ),
    fields=tuple(k for k in EnrolmentRow.__annotations__ if k != "bands"),
)


def enrolment(app: App, programme: str | None = None) -> list[EnrolmentRow]:
    """Enrolled, discharged and active on the as-of date against the target, with age bands of the active."""
    with app.connect() as conn:
        chosen = [lookups.programme(conn, programme)] if programme else list(team_queries.programmes(conn))
        rows: list[EnrolmentRow] = []
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
                         "ends": p.ends, "age_bands": bands,
                         "bands": "  ".join(f"{k}: {v}" for k, v in bands.items())})  # fmt: skip
        return rows


def enrolment_csv(
    rows: Sequence[EnrolmentRow], only: Sequence[str] | None
) -> tuple[list[dict[str, object]], list[str]]:
    """Enrolment as CSV: the rows and the columns to write, `age_bands` spread into a column for each band
    (`age_0-6` …). With --fields (`only`) the fields asked for, in their order, `age_bands` as a column for
    each band (the three, and any other a row holds) in its place; without, every field but `age_bands`,
    then each row's own bands (the table's columns when there is no row)."""
    if only:
        labels = dict.fromkeys(label for _, _, label in team_rules.AGE_BANDS)
        for r in rows:
            labels.update(dict.fromkeys(r["age_bands"]))
        spread = [f"age_{label}" for label in labels]
        found = [dict(r) | {f"age_{label}": r["age_bands"].get(label, 0) for label in labels} for r in rows]
        return found, [key for name in only for key in (spread if name == "age_bands" else [name])]
    fields = ENROLMENT.fields or ()
    flat = [
        {k: v for k, v in r.items() if k in fields and k != "age_bands"}
        | {f"age_{k}": v for k, v in r["age_bands"].items()}
        for r in rows
    ]
    return flat, list(flat[0]) if flat else [c.key for c in ENROLMENT.columns]


# -- the family's experience of coordination -------------------------------------------------------------


class AdvisorExperience(TypedDict):
    advisor: str
    cases: int
    change: float


class TeamExperience(TypedDict):
    cases: int
    first: float
    latest: float
    change: float


class ExperienceSummary(TypedDict):
    """The change in the families' experience (1-5) per advisor and for the team (the weekly report)."""

    advisors: list[AdvisorExperience]
    team: TeamExperience | None


def experience_summary(conn: Conn, app: App, team: str | None) -> ExperienceSummary:
    per_advisor: dict[str, list[float]] = defaultdict(list)
    firsts: list[float] = []
    lasts: list[float] = []
    for r in team_queries.experience_rows(conn, app.today, team):
        if r.n >= 2:
            per_advisor[r.initials].append(float(r.last_score) - float(r.first_score))
            firsts.append(float(r.first_score))
            lasts.append(float(r.last_score))
    advisors: list[AdvisorExperience] = [
        {"advisor": a, "cases": len(changes), "change": round(sum(changes) / len(changes), 2)}
        for a, changes in sorted(per_advisor.items())
    ]
    team_row: TeamExperience | None = None
    if firsts:
        team_row = {"cases": len(firsts), "first": round(sum(firsts) / len(firsts), 2),
                    "latest": round(sum(lasts) / len(lasts), 2),
                    "change": round((sum(lasts) - sum(firsts)) / len(firsts), 2)}  # fmt: skip
    return {"advisors": advisors, "team": team_row}
