"""A fictional team to try samfam on: 10 advisors and 240 cases, like the Aarhus pilot.

Every person here is invented. No CPR numbers are generated (a made-up number with a real date could
belong to someone); the children have birth dates only. The history runs for a year up to the
as-of date, with most follow-ups on time, some slipping, a few cases unclassified and some closed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from samfam import services, store
from samfam.app import App
from samfam.errors import Conflict
from samfam.rules.dates import add_months, birthday
from samfam.settings import Settings

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

LAW_CHANGE = date(2024, 1, 1)

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
CADENCE_DAYS = {"3m": 91, "6w": 42}


@dataclass(frozen=True)
class Summary:
    headline: str
    next_steps: str


def _prepare(target: str, user: str) -> None:
    """A fresh database for the demo; an existing demo database is rebuilt, anything else kept."""
    app = App(Settings(db=target, user=user, today=date.min))  # only the store is used here
    path = app.store.path
    if path is not None and path.exists():
        if app.store.revision() is not None:
            with app.store.reading() as session:
                is_demo = store.get_meta(session, "demo") == "1"
                has_cases = store.count_rows(session, store.Case) > 0
            if has_cases and not is_demo:
                raise Conflict(
                    f"'{target}' holds a samfam database with real cases; the demo builds only into "
                    "a new file or an earlier demo database (choose another with --db)"
                )
        app.store.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    elif path is None and app.store.revision() is not None:
        raise Conflict(f"the demo builds only into an empty database; '{app.store.where}' has a schema")
    app.store.dispose()


def build(target: str, user: str, today: date, seed: int = 2022) -> Summary:
    _prepare(target, user)
    app = App(Settings(db=target, user=user, today=today))
    services.init_database(app)
    rng = random.Random(seed)
    counts: dict = {"cases": 0, "open": 0, "events": 0, "refs": []}
    with app.write() as tx:
        services.mark_demo(tx)
        for initials, name, team in ADVISORS:
            services.add_advisor.within(tx, app, initials, name, team, "rådgiver")
        weights = [p[0] for p in PROFILES]
        for n in range(240):
            _case(tx, app, rng, n, rng.choices(PROFILES, weights)[0], counts)
    where = app.store.where if app.store.path is None else str(app.store.path)
    headline = (
        f"Built a fictional team in {where}: {len(ADVISORS)} advisors, {counts['cases']} cases "
        f"({counts['open']} open), {counts['events']} events, history up to {today.isoformat()}."
    )
    example = counts["refs"][0]
    steps = "\n".join(
        [
            "Try next (point samfam at the demo first):",
            f"  export SAMFAM_DB='{where}'",
            "  samfam due --within 14           what comes due in the next two weeks",
            "  samfam overdue --advisor MKJ      one advisor's overdue follow-ups",
            "  samfam case list --track 6w       cases on the 6-week track",
            f"  samfam explain {example}          why a case is on its track, and when it is due",
            f"  samfam case show {example}        the whole case card",
            "  samfam overdue -f csv > overdue.csv   for a spreadsheet",
            "  samfam paragraphs                 the paragraph catalogue",
        ]
    )
    return Summary(headline, steps)


def _case(tx: store.Tx, app: App, rng: random.Random, n: int, profile: tuple, counts: dict) -> None:
    today = app.today
    _, sel_codes, bl_codes = profile
    opened = today - timedelta(days=rng.randint(20, 3 * 365))
    ref = f"{opened.year}-{n + 1:04d}"
    born = opened - timedelta(days=rng.randint(200, 16 * 365))
    advisor, _, _ = ADVISORS[n % len(ADVISORS)]
    buddy = None
    complex_case = rng.random() < 0.15
    if complex_case or rng.random() < 0.25:
        buddy = ADVISORS[(n + 3) % len(ADVISORS)][0] if rng.random() < 0.85 else None
    child = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    before_law_change = opened < LAW_CHANGE
    codes = sel_codes if before_law_change else bl_codes
    services.open_case.within(
        tx,
        app,
        ref,
        child,
        advisor,
        born=born,
        opened=opened,
        paragraphs=tuple(codes),
        buddy=buddy,
        complex_case=complex_case,
    )
    counts["cases"] += 1
    counts["refs"].append(ref)
    if before_law_change and rng.random() < 0.6:
        # Re-granted under Barnets lov from 1 January 2024.
        for sel, bl in zip(sel_codes, bl_codes, strict=True):
            services.end_grant.within(tx, app, ref, sel, LAW_CHANGE - timedelta(days=1))
            services.add_grant.within(tx, app, ref, bl, LAW_CHANGE)
    investigation = [c for c in codes if c in ("SEL 50", "BL 20")]
    if investigation and rng.random() < 0.5:
        # The investigation finished after about four months: the case moves to the 3-month track
        # when no measure remains.
        end = add_months(max(opened, LAW_CHANGE if before_law_change else opened), 4) - timedelta(
            days=rng.randint(0, 30)
        )
        if end < today:
            case = store.case_by_ref(tx.session, ref)
            code = next(
                g.code for g in store.grants_of(tx.session, case.id) if g.end is None and g.code in ("SEL 50", "BL 20")
            )
            services.end_grant.within(tx, app, ref, code, end)
    # A year of history (or since opening): a startup conversation, then follow-ups at the cadence.
    history_from = max(opened, today - timedelta(days=365))
    if opened >= history_from:
        services.add_event.within(tx, app, ref, "startup", opened, note="Opstartssamtale med familien")
        counts["events"] += 1
    cadence_days = (
        42
        if any(
            c in codes
            for c in (
                "SEL 50",
                "BL 20",
                "SEL 52.3.5",
                "BL 32.1.7",
                "SEL 52.3.2",
                "BL 32.1.2",
                "SEL 52.3.3",
                "BL 32.1.5",
                "SEL 52.3.7",
                "BL 46",
            )
        )
        else 91
    )
    slipping = rng.random() < 0.12
    day = history_from
    kinds = ["followup", "followup", "home-visit", "network-meeting", "followup"]
    while True:
        step = cadence_days - rng.randint(0, 12)
        if slipping and day > today - timedelta(days=150):
            step += rng.randint(20, 60)
        day = day + timedelta(days=step)
        if day > today:
            break
        for _ in range(rng.randint(0, 2)):
            between = day - timedelta(days=rng.randint(5, 30))
            if history_from <= between <= today:
                services.add_event.within(tx, app, ref, rng.choice(["phone", "sms", "email"]), between)
                counts["events"] += 1
        kind = rng.choice(kinds)
        services.add_event.within(tx, app, ref, kind, day, scale=rng.randint(3, 9))
        counts["events"] += 1
    if born is not None and birthday(born, 18) <= today or rng.random() < 0.08:
        close_on = min(today, max(opened + timedelta(days=30), birthday(born, 18)))
        services.close_case.within(
            tx,
            app,
            ref,
            "Overgået til voksenområdet" if birthday(born, 18) <= today else "Familien fraflyttet kommunen",
            close_on,
        )
    else:
        counts["open"] += 1
