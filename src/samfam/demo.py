"""A fictional team to try samfam on: 10 advisors and 240 cases, like the Aarhus pilot.

Every person here is invented. No CPR numbers are generated (a made-up number with a real date could
belong to someone); the children have birth dates only. The history runs for a year up to the
as-of date, with most follow-ups on time, some slipping, a few cases unclassified and some closed.
"""

from __future__ import annotations

import glob
import os
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from samfam.actions import admin as admin_actions
from samfam.actions import care as care_actions
from samfam.actions import cases as cases_actions
from samfam.actions import events as events_actions
from samfam.actions import grants as grants_actions
from samfam.actions import handovers as handovers_actions
from samfam.actions import staff as staff_actions
from samfam.actions import team as team_actions
from samfam.context import App
from samfam.errors import Conflict
from samfam.rules import cadence
from samfam.rules.dates import add_months, birthday
from samfam.rules.deadlines import INVESTIGATION_CODES
from samfam.rules.paragraphs import LAW_CHANGE
from samfam.settings import Settings, has_password, without_password
from samfam.store import custody, maintenance, tables
from samfam.store.queries import cases as case_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.work import UnitOfWork
from samfam.words import mark, said, text

ADVISORS = [
    ("MKJ", "Mette Kjær Jensen", "Nord"),
    ("LBH", "Lars Bøgh Hansen", "Nord"),
    ("SAN", "Sofie Aagaard Nielsen", "Nord"),
    ("PRL", "Peter Rask Larsen", "Nord"),
    ("HEM", "Hanne Egelund Madsen", "Nord"),
    ("ATP", "Anders Toft Pedersen", "Syd"),
    ("CFK", "Camilla Friis Kristensen", "Syd"),
    ("JOS", "Jonas Olesen Sørensen", "Syd"),
    ("NBR", "Nadia Bach Rasmussen", "Syd"),
    ("TVA", "Tove Vinther Andersen", "Syd"),
]
FIRST_NAMES = [
    "Alma",
    "Ida",
    "Freja",
    "Ella",
    "Karla",
    "Agnes",
    "Clara",
    "Asta",
    "Liva",
    "Sofia",
    "Emma",
    "Olivia",
    "William",
    "Noah",
    "Oscar",
    "Lucas",
    "Carl",
    "Aksel",
    "Emil",
    "Valdemar",
    "Alfred",
    "Malthe",
    "Viggo",
    "Theo",
]
LAST_NAMES = [
    "Holm",
    "Lund",
    "Dahl",
    "Vestergaard",
    "Krog",
    "Bak",
    "Winther",
    "Skov",
    "Juhl",
    "Brandt",
    "Lykke",
    "Thygesen",
    "Frost",
    "Mølgaard",
    "Kirk",
    "Ravn",
]

# Grant profiles: (weight, SEL codes, BL codes). The cadence rule decides the track from them.
PROFILES = [
    (22, ["SEL 41"], ["BL 86"]),
    (10, ["SEL 41", "SEL 42"], ["BL 86", "BL 87"]),
    (10, ["SEL 41", "SEL 11.3"], ["BL 86", "BL 30"]),
    (6, ["SEL 44"], ["BL 90"]),
    (4, ["SEL 42", "SEL 52a.1.1"], ["BL 87", "BL 35.4.1"]),
    (8, ["SEL 41", "SEL 50"], ["BL 86", "BL 20"]),
    (7, ["SEL 52.3.5"], ["BL 32.1.7"]),
    (6, ["SEL 41", "SEL 52.3.2"], ["BL 86", "BL 32.1.2"]),
    (4, ["SEL 50", "SEL 52.3.3"], ["BL 20", "BL 32.1.5"]),
    (3, ["SEL 52.3.7"], ["BL 46"]),
    (2, ["SEL 11.3"], ["BL 30"]),  # only an add-on: unclassified
    (2, ["SEL 41", "SEL 54"], ["BL 86", "BL 75"]),  # an "other" paragraph: unclassified
]


@dataclass(frozen=True)
class Summary:
    headline: str
    next_steps: str


def _prepare(target: str, user: str) -> Path | None:
    """Check that the demo may build at `target`: a new file, or a database it built itself (marked so in its
    `meta` table), which it rebuilds; it refuses every other database, even one with staff but no cases yet,
    so that it can never delete real work or its audit log. Returns the SQLite file (resolved), or None."""
    app = App(Settings(db=target, user=user, today=date.min))  # only the store is used here
    path = app.store.path
    if path is not None and path.exists() and path.stat().st_size > 0:
        if app.store.revision() is None:
            raise Conflict(
                "'{target}' is a file that samfam did not make; the demo builds only into a new file or an earlier "
                "demo database (choose another with --db)",
                target=target,
            )
        with app.store.connection() as conn:
            is_demo = case_queries.get_meta(conn, "demo") == "1"
        app.store.dispose()
        if not is_demo:
            raise Conflict(
                "'{target}' is a samfam database the demo did not build (it may hold real cases and staff); the demo "
                "builds only into a new file or an earlier demo database (choose another with --db)",
                target=target,
            )
    elif path is None and app.store.revision() is not None:
        with app.store.connection() as conn:
            is_demo = case_queries.get_meta(conn, "demo") == "1"
        if not is_demo:
            raise Conflict("the demo builds only into an empty database; '{where}' has a schema", where=app.store.where)
        raise Conflict(
            "'{where}' holds an earlier demo; drop and create the database to rebuild it", where=app.store.where
        )
    app.store.dispose()
    return path


#: Beside an SQLite file: its write-ahead log, shared memory and rollback journal.
_BESIDE = ("", "-wal", "-shm", "-journal")


def _building(path: Path) -> Path:
    """Where the demo is built before it is renamed into place: a hidden name beside it, this process's own."""
    return path.with_name(f".{path.name}.{os.getpid()}.building")


def _remove(path: Path) -> None:
    for suffix in _BESIDE:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _witness(path: Path) -> Path:
    """The audit log's witness of the SQLite file at `path` (samfam.store.custody: named by the resolved path)."""
    return custody.witness_path(str(path.resolve()))


def _clear_leftovers(path: Path) -> None:
    """Remove what an earlier demo left when it was killed while building: its file under the building name
    (and that file's -wal, -shm, -journal), where the process that built it is gone."""
    prefix, suffix = f".{path.name}.", ".building"
    for found in path.parent.glob(f".{glob.escape(path.name)}.*.building"):
        pid = found.name[len(prefix) : -len(suffix)]
        if pid.isdigit() and not _running(int(pid)):
            _remove(found)
            _witness(found).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: running
        return True
    return True


def build(target: str, user: str, today: date, seed: int = 2022) -> Summary:
    """Build the demo at `target`. An SQLite file is built under a temporary name beside it and renamed into
    place when the whole team is committed: a demo killed halfway leaves the earlier demo (or nothing) at
    `target`, never a half-built database the next demo would refuse; its leftover is removed by the next."""
    path = _prepare(target, user)
    if path is None:
        return _build(target, target, user, today, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(path)
    building = _building(path)
    _remove(building)
    try:
        summary = _build(str(building), str(path), user, today, seed)
        maintenance.fold_log(building)
        _remove(path)  # the earlier demo, with its -wal and -shm: never mixed with the new file
        os.replace(building, path)
        if _witness(building).exists():  # the witness goes with the file: the demo's, at its own name
            os.replace(_witness(building), _witness(path))
    finally:
        _remove(building)
        _witness(building).unlink(missing_ok=True)
    return summary


def _build(db: str, target: str, user: str, today: date, seed: int) -> Summary:
    """The demo in the database `db`; `target` is where it will be, for the summary."""
    app = App(Settings(db=db, user=user, today=today))
    admin_actions.init_database(app)
    rng = random.Random(seed)
    counts: dict = {"cases": 0, "open": 0, "events": 0, "refs": []}
    with app.unit_of_work() as uow:
        admin_actions.mark_demo(uow)
        for initials, name, team in ADVISORS:
            staff_actions.add_advisor(uow, initials, name, team, "rådgiver")
            staff_actions.update_advisor(uow, initials, caseload_target=24)  # Aarhus: 240 cases, 10 advisors
        for initials, name, role in SPECIALISTS:
            staff_actions.add_advisor(uow, initials, name, "Nord", role)
        programmes = _programmes(uow)
        weights = [p[0] for p in PROFILES]
        for n in range(240):
            uow.user = ADVISORS[n % len(ADVISORS)][0]  # each advisor records on their own cases
            closing = _case(uow, rng, n, rng.choices(PROFILES, weights)[0], counts)
            _team_leader_data(uow, rng, n, counts["refs"][-1], programmes, closing[0] if closing else None)
            if closing:  # closed last: a closed case takes no more history
                _close(uow, counts["refs"][-1], *closing)
        uow.user = user
        _team_life(uow, rng)
        uow.commit()
    app.store.dispose()  # the last connection closed: the write-ahead log folded into the file
    where = without_password(target) if app.store.path is None else target  # printed to be copied
    return summary(where, target, counts, today)


#: What to try next on the demo: (command, what it shows).
NEXT = [
    ("due --within 14", mark("what comes due in the next two weeks")),
    ("overdue --advisor MKJ", mark("one advisor's overdue follow-ups")),
    ("case list --track 6w", mark("cases on the 6-week track")),
    ("explain {example}", mark("why a case is on its track, and when it is due")),
    ("case show {example}", mark("the whole case card")),
    ("overdue -f excel > forfaldne.csv", mark("for a spreadsheet (Danish Excel)")),
    ("paragraphs", mark("the paragraph catalogue")),
    ("goals --attention", mark("goals that need attention")),
    ("deadlines --within 90", mark("legal deadlines: investigations, 16 and 18 years")),
    ("plan {example} --format html --output plan.html", mark("the family's plan")),
    ("caseload", mark("open cases per advisor against the target")),
    ("report weekly --format html --output week.html", mark("the team leader's weekly report")),
]


def summary(where: str, target: str, counts: dict, today: date) -> Summary:
    """What the demo says it built and what to try next, in the reader's language: `where` as printed (no
    password), `target` as given."""
    headline = said(
        "Built a fictional team in {where}: {advisors} advisors, {cases} cases ({open} open), {events} events, "
        "history up to {day}.",
        {
            "where": where,
            "advisors": str(len(ADVISORS)),
            "cases": str(counts["cases"]),
            "open": str(counts["open"]),
            "events": str(counts["events"]),
            "day": today,
        },
    )
    example = counts["refs"][0]
    # Printed to work as printed after the README's set-up: `uv run` finds samfam in the project.
    steps = "\n".join(
        [
            text("Try next (point samfam at the demo first; in the project, 'uv run samfam' runs samfam):"),
            f"  export SAMFAM_DB='{where}'",
            *(
                ["  " + text("(the password is not printed: libpq reads it from ~/.pgpass, mode 0600, or PGPASSWORD)")]
                if has_password(target)
                else []
            ),
            *(f"  uv run samfam {command.format(example=example):<48} {text(what)}" for command, what in NEXT),
        ]
    )
    return Summary(headline, steps)


def _case(uow: UnitOfWork, rng: random.Random, n: int, profile: tuple, counts: dict) -> tuple[date, str] | None:
    """One case with its history; returns (day, reason) when it is to close."""
    today = uow.today
    _, sel_codes, bl_codes = profile
    opened = today - timedelta(days=rng.randint(20, 3 * 365))
    ref = f"{opened.year}-{n + 1:04d}"
    born = opened - timedelta(days=rng.randint(200, 16 * 365))
    advisor, _, _ = ADVISORS[n % len(ADVISORS)]
    complex_case = rng.random() < 0.15
    buddy = None
    if complex_case or rng.random() < 0.25:
        buddy = ADVISORS[(n + 3) % len(ADVISORS)][0] if rng.random() < 0.85 else None
    child = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    before_law_change = opened < LAW_CHANGE
    codes = sel_codes if before_law_change else bl_codes
    cases_actions.open_case(uow, ref, child, advisor, born=born, opened=opened, paragraphs=tuple(codes),
        buddy=buddy, complex_case=complex_case,
    )  # fmt: skip
    counts["cases"] += 1
    counts["refs"].append(ref)
    # Cases end at 18 (adult services take over), and a few families move away.
    eighteen = birthday(born, 18)
    closes = (
        eighteen if eighteen <= today else (today - timedelta(days=rng.randint(0, 60)) if rng.random() < 0.06 else None)
    )
    if closes is not None and closes <= opened:
        closes = None
    last_day = closes or today
    if before_law_change and rng.random() < 0.6 and last_day >= LAW_CHANGE:
        # Re-granted under Barnets lov from 1 January 2024.
        for sel, bl in zip(sel_codes, bl_codes, strict=True):
            grants_actions.end_grant(uow, ref, sel, LAW_CHANGE - timedelta(days=1))
            grants_actions.add_grant(uow, ref, bl, LAW_CHANGE)
    investigation = [c for c in codes if c in INVESTIGATION_CODES]
    if investigation and (rng.random() < 0.9 or opened < today - timedelta(days=150)):
        # The investigation finished after about four months; some run late.
        start = LAW_CHANGE if before_law_change and last_day >= LAW_CHANGE else opened
        end = add_months(start, 4) - timedelta(days=rng.randint(-20, 30))
        if end < last_day:
            case = case_queries.case_by_ref(uow.conn, ref)
            code = next(
                g.code
                for g in case_queries.grants_of(uow.conn, case.id)
                if g.end is None and g.code in INVESTIGATION_CODES
            )
            grants_actions.end_grant(uow, ref, code, end)
    counts["events"] += _history(uow, rng, ref, codes, opened, last_day)
    actors = _actors(uow, rng, ref, born, max(opened, uow.today - timedelta(days=rng.randint(30, 400))))
    _goals(uow, rng, ref, actors, closing=closes is not None)
    if closes is not None:
        return closes, "Overgået til voksenområdet" if closes == eighteen else "Familien er fraflyttet kommunen"
    counts["open"] += 1
    if complex_case and rng.random() < 0.6:  # the cross-disciplinary core team on complex cases
        initials, _, role = rng.choice(SPECIALISTS)
        cases_actions.add_member(uow, ref, initials, role)
    if birthday(born, 16) <= today and rng.random() < 0.7:
        _transition(uow, rng, ref, actors)
    if rng.random() < 0.02:
        # A recent change of advisor with its handover under way.
        new = ADVISORS[(n + 5) % len(ADVISORS)][0]
        if new != buddy:
            cases_actions.assign_case(uow, ref, new, uow.today - timedelta(days=rng.randint(5, 20)))
            handovers_actions.tick_handover(uow, ref, "family-told", "advisor-change", "Ringet til familien")


def _history(uow: UnitOfWork, rng: random.Random, ref: str, codes: list[str], opened: date, until: date) -> int:
    """The start the model asks for (a startup conversation on the opening day; the child seen within a
    few weeks, missed on a few cases), then follow-ups at the cadence (a few slipping), with informal
    contact between."""
    events_actions.add_event(uow, ref, "startup", opened, note="Opstartssamtale med familien")
    count = 1
    seen = opened + timedelta(days=rng.randint(3, 50))
    if rng.random() < 0.93 and seen <= min(until, uow.today):
        events_actions.add_event(uow, ref, rng.choice(["child-conversation", "child-observation"]), seen)
        count += 1
    history_from = max(opened, uow.today - timedelta(days=365))
    # the track the opening grants put the case on; about 3 months (91 days) between follow-ups on the 3-month track
    six_weeks = cadence.classify(codes).track == cadence.SIX_WEEKS
    cadence_days = cadence.SHORTEST_CADENCE.days if six_weeks else 91
    slipping = rng.random() < 0.12
    day = history_from
    kinds = ["followup", "followup", "home-visit", "network-meeting", "followup"]
    while True:
        step = cadence_days - rng.randint(0, 12)
        if slipping and day > uow.today - timedelta(days=150):
            step += rng.randint(20, 60)
        day = day + timedelta(days=step)
        if day > until:
            return count
        for _ in range(rng.randint(0, 2)):
            between = day - timedelta(days=rng.randint(5, 30))
            if history_from <= between <= until:
                events_actions.add_event(uow, ref, rng.choice(["phone", "sms", "email"]), between)
                count += 1
        scale = rng.randint(3, 9) if rng.random() < 0.85 else None
        events_actions.add_event(uow, ref, rng.choice(kinds), day, scale=scale)
        count += 1


SCHOOLS = ["Kildeskolen", "Bakkeskolen", "Søndervangskolen", "Engskolen", "Specialskolen Troldhøj"]
DAYCARES = ["Børnehuset Mælkebøtten", "Vuggestuen Solsikken", "Børnehaven Skovly"]


def _actors(uow: UnitOfWork, rng: random.Random, ref: str, born: date, since: date) -> list[int]:
    school_age = born <= uow.today - timedelta(days=6 * 365)
    choices = [
        ("school", rng.choice(SCHOOLS)) if school_age else ("daycare", rng.choice(DAYCARES)),
        ("ppr", "PPR, psykolog Birgit Aalund"),
        ("physiotherapy", "Kommunal fysioterapeut Rikke Holt"),
        ("occupational-therapy", "Ergoterapeut Søren Kvist"),
        ("hospital", "Børne- og ungeafdelingen, regionshospitalet"),
        ("respite-care", "Aflastningshjemmet Lærkereden"),
    ]
    picked = [choices[0]] + rng.sample(choices[1:], rng.randint(0, 2))
    ids = []
    for kind, name in picked:
        coordinator = rng.choices(["family", "advisor", None], [57, 39, 4])[0]
        ids.append(care_actions.add_actor(uow, ref, kind, name, coordinator, since=since).id)
    return ids


SHORT_GOALS = [
    "Barnet sover i egen seng fire nætter om ugen", "Familien har en fast aftenrutine med billedstøtte",
    "Barnet deltager i morgensamling i børnehaven", "Skoledagen afsluttes uden konflikter tre dage om ugen",
    "Familien får bevilget og installeret et hjælpemiddel til badeværelset",
]  # fmt: skip
LONG_GOALS = [
    "Barnet trives og udvikler sig i sit skoletilbud", "Familien oplever overskud i hverdagen",
    "Den unge kan tage bussen alene til skole", "Barnet har venner at lege med efter skole",
]  # fmt: skip


def _goals(uow: UnitOfWork, rng: random.Random, ref: str, actors: list[int], closing: bool) -> None:
    horizons = ["short", "long"] if rng.random() < 0.85 else [rng.choice(["short", "long"])]
    if rng.random() < 0.05:
        horizons = []  # a case without a goal picture yet: needs attention
    for horizon in horizons:
        text = rng.choice(SHORT_GOALS if horizon == "short" else LONG_GOALS)
        owner = rng.choice(["family", "advisor", f"actor:{rng.choice(actors)}"])
        ahead = rng.randint(-12, 100) if horizon == "short" else rng.randint(60, 400)
        target = uow.today + timedelta(days=ahead)
        goal = care_actions.add_goal(uow, ref, text, horizon, owner, target)
        for task_text, by in rng.sample(
            [("Lave aftaler med skolen om pauser", "advisor"), ("Prøve ny aftenrutine i to uger", "family"),
             ("Søge om hjælpemiddel", "advisor"), ("Observere barnet i klassen", f"actor:{actors[0]}"),
             ("Skrive dagbog over gode og svære dage", "family")], rng.randint(1, 2)):  # fmt: skip
            task = care_actions.add_task(uow, goal.id, task_text, by, target - timedelta(days=30))
            if closing or rng.random() < 0.4:
                care_actions.set_task_done(uow, task.id, True)
        status = "achieved" if closing else rng.choices(["open", "in-progress", "achieved"], [40, 45, 15])[0]
        if status != "open":
            care_actions.update_goal(uow, goal.id, status, "Gennemgået på opfølgningsmødet")


def _transition(uow: UnitOfWork, rng: random.Random, ref: str, actors: list[int]) -> None:
    case = case_queries.case_by_ref(uow.conn, ref)
    began = max(case.opened, birthday(case.born, 16) + timedelta(days=rng.randint(-60, 45)))
    began = min(began, uow.today)
    handovers_actions.start_handover(uow, ref, "transition", "Forberedelse af overgang til voksenlivet", began)
    if rng.random() < 0.6:
        care_actions.add_actor(uow, ref, "adult-services", "Voksenhandicap, myndighed", "advisor")
    for item in rng.sample(
        ["transition-meeting", "topic-support", "topic-education", "topic-housing"], rng.randint(0, 3)
    ):
        handovers_actions.tick_handover(uow, ref, item, "transition")


def _close(uow: UnitOfWork, ref: str, on: date, reason: str) -> None:
    """Close the way the model asks: grants ended, goals finished, family and actors told."""
    case = case_queries.case_by_ref(uow.conn, ref)
    for code in sorted({g.code for g in case_queries.grants_of(uow.conn, case.id) if g.end is None}):
        grants_actions.end_grant(uow, ref, code, on)
    handovers_actions.start_handover(uow, ref, "closure")
    handovers_actions.tick_handover(uow, ref, "family-told", "closure")
    handovers_actions.tick_handover(uow, ref, "actors-told", "closure")
    cases_actions.close_case(uow, ref, reason, on)


SPECIALISTS = [("BAA", "Birgit Aalund", "psykolog"), ("KSV", "Karen Svendsen", "tale-/hørekonsulent")]
LEARNING_GOALS = [
    "Bruge Signs of Safety-skalaen ved alle opfølgninger",
    "Holde netværksmøder med klar dagsorden og referat",
    "Skrive mål sammen med familien i familiens egne ord",
    "Forberede overgangen til voksenområdet fra 16 år",
]


def _programmes(uow: UnitOfWork) -> dict[str, int]:
    sof = team_actions.add_programme(uow, "Sammen om familien", 240, None)
    efei = team_actions.add_programme(uow, "Én familie – én indgang", 30, add_months(uow.today, 13))
    return {"sof": sof.id, "efei": efei.id}


def _team_leader_data(
    uow: UnitOfWork, rng: random.Random, n: int, ref: str, programmes: dict, closes: date | None
) -> None:
    """Enrolment, the family's experience of coordination, a mid-week change of advisor; `closes` is the
    day the case will close (after this), if it does."""
    case = case_queries.case_by_ref(uow.conn, ref)
    young = case.born is not None and birthday(case.born, 7) > uow.today
    name = "Én familie – én indgang" if young and rng.random() < 0.6 else "Sammen om familien"
    on = max(case.opened, uow.today - timedelta(days=rng.randint(30, 700)))
    if closes is None or closes > on:
        team_actions.enrol(uow, ref, name, on)
    if closes is None and rng.random() < 0.5:
        first = max(case.opened, uow.today - timedelta(days=rng.randint(150, 360)))
        score = rng.randint(1, 4)
        team_actions.add_experience(uow, ref, score, first)
        for months in (3, 6):
            later = add_months(first, months)
            if later <= uow.today:
                score = max(1, min(5, score + rng.choice([-1, 0, 1, 1])))
                team_actions.add_experience(uow, ref, score, later)
    if closes is None and n % 53 == 7:
        # A reassignment mid-week: last week's follow-ups stay with the old advisor.
        new = ADVISORS[(n + 1) % len(ADVISORS)][0]
        if case.buddy_id is None or staff_queries.initials_by_id(uow.conn, [case.buddy_id])[case.buddy_id] != new:
            cases_actions.assign_case(uow, ref, new, uow.today - timedelta(days=3))


def _team_life(uow: UnitOfWork, rng: random.Random) -> None:
    """The team's rhythm: stop-op meetings (Syd's is overdue), case and half-day meetings, learning goals."""
    today = uow.today
    team_actions.set_team_rhythm(uow, "Nord", 14)
    team_actions.set_team_rhythm(uow, "Syd", 7)
    team_actions.add_team_meeting(uow, "stop-op", today - timedelta(days=58), "Nord", "Hvordan går det med modellen?")
    team_actions.add_team_meeting(uow, "stop-op", today - timedelta(days=101), "Syd", "Stop op: netværksmøder")
    for team, every in (("Nord", 14), ("Syd", 7)):
        day = today - timedelta(days=120)
        while day <= today - timedelta(days=3):
            team_actions.add_team_meeting(uow, "case-meeting", day, team)
            day += timedelta(days=every + (10 if team == "Syd" and day > today - timedelta(days=40) else 0))
    team_actions.add_team_meeting(uow, "half-day", today - timedelta(days=45), None, "Halvdagsmøde om handleplaner")
    for i, (initials, _, _) in enumerate(ADVISORS):
        goal = team_actions.add_learning_goal(uow, initials, LEARNING_GOALS[i % len(LEARNING_GOALS)])
        goal = uow.update(tables.learning_goal, goal.id, created=today - timedelta(days=200))
        reviewed = today - timedelta(days=rng.choice([20, 40, 70, 130]))
        team_actions.review_learning_goal(uow, goal.id, "Gennemgået med teamlederen", None, reviewed)
