"""Build a national-scale samfam database for benchmarks: fictional data only, no CPR numbers.

    uv run python benchmarks/generate.py                      # 100,000 cases, 1,000,000 events
    uv run python benchmarks/generate.py --cases 10000 --events 100000 --db /tmp/small.db

The schema is created by samfam itself (``Store(url).init()``, i.e. the Alembic migrations); the
rows are then bulk inserted with SQLAlchemy Core ``insert()`` executemany on the tables of
``samfam.store.schema``. The same seed gives the same database.

What it looks like (the mix follows ``samfam.demo.PROFILES``):

* ~1,000 advisors in ~100 teams (10 a team, one team leader each); ~25 % of cases have a buddy
  from the same team.
* Cases opened over ~9 years before the as-of date, more of them recently. Grants of the case's
  profile start on the opening day: SEL codes before 1 January 2024, BL codes after. 60 % of the
  SEL cases still open then were re-granted under BL on 2024-01-01 (SEL grant ends 2023-12-31).
  Half of the investigations (SEL 50 / BL 20) end after about four months. About a third of the
  cases get an extra, time-limited grant (relief stay, add-on or family treatment) some time in
  their life. Cases close when the child turns 18, or at a yearly hazard for other reasons; their
  open-ended grants end on the closing day.
* Events are spread over the cases in proportion to how long each was open (so the old, long cases
  carry the most history): a startup conversation on the opening day, then, walking back from the
  last day, a counting follow-up (followup, home-visit, network-meeting, assessment-meeting) at the
  case's cadence (42 days or 3 months, a little early), with informal contacts and internal
  meetings (sms, phone, e-mail, analysis-meeting, …) in between. About 12 % of the open cases have
  slipped: their last follow-up is late, so `samfam overdue` has something to find.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DB = HERE / "data" / "national.db"
DEFAULT_TODAY = date(2026, 11, 22)
CHUNK = 50_000

# Timing the imports of samfam (SQLAlchemy, SQLModel, Alembic) is not the point here.
from sqlalchemy import insert, text  # noqa: E402

from samfam.demo import FIRST_NAMES, LAST_NAMES, LAW_CHANGE, PROFILES  # noqa: E402
from samfam.rules import cadence  # noqa: E402
from samfam.rules.dates import add_months, birthday  # noqa: E402
from samfam.rules.events import EVENT_KINDS  # noqa: E402
from samfam.settings import is_url, to_url  # noqa: E402
from samfam.store.engine import Store  # noqa: E402
from samfam.store.schema import Advisor, Case, CaseTrack, Event, Grant, Meta  # noqa: E402

MORE_LAST_NAMES = [
    "Abildgaard", "Bech", "Borup", "Damgaard", "Eskildsen", "Fogh", "Gade", "Hald", "Iversen",
    "Kjeldsen", "Lauridsen", "Mogensen", "Nørgaard", "Overgaard", "Poulsen", "Quist", "Riis",
    "Schou", "Toft", "Uhrenholt", "Vang", "Wulff", "Ørum", "Ågård",
]  # fmt: skip
MIDDLE_NAMES = ["Marie", "Sofie", "Emil", "Kristian", "Louise", "Johan", "Anne", "Peter", "", "", "", ""]
REGIONS = ["Nord", "Syd", "Øst", "Vest", "Midt", "By", "Land", "Kyst", "Å", "Skov"]
COUNTING = [k.name for k in EVENT_KINDS if k.counts_as_followup and k.name != "startup"]
NON_COUNTING = [k.name for k in EVENT_KINDS if not k.counts_as_followup]
COUNTING_WEIGHTS = [60, 20, 12, 8]  # followup, home-visit, network-meeting, assessment-meeting
NON_COUNTING_WEIGHTS = [4, 6, 3, 5, 25, 30, 27]  # analysis, child-conv., observation, case-meeting, phone, sms, email
NOTES = [
    "Opfølgning med familien",
    "Status på aflastning",
    "Forældrene oplever bedring",
    "Aftalt nyt møde",
    "Drøftet skolegang",
    "Behov for mere støtte i hjemmet",
]
EXTRA_GRANTS = [  # (weight, SEL code, BL code): a time-limited grant added some time in a case's life
    (4, "SEL 52.3.5", "BL 32.1.7"),  # relief stay (measure: 6 weeks while it runs)
    (3, "SEL 11.3", "BL 30"),  # early preventive add-on
    (2, "SEL 52.3.3", "BL 32.1.5"),  # family treatment (measure)
    (1, "SEL 52a.1.1", "BL 35.4.1"),  # financial add-on
]
INVESTIGATIONS = ("SEL 50", "BL 20")
CLOSE_REASONS = ["Familien fraflyttet kommunen", "Behovet er ophørt", "Overgået til andet tilbud"]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--db", default=str(DEFAULT_DB), help=f"SQLite file (or SQLAlchemy URL); default {DEFAULT_DB}")
    p.add_argument("--cases", type=int, default=100_000)
    p.add_argument("--events", type=int, default=1_000_000)
    p.add_argument("--advisors", type=int, default=1_000)
    p.add_argument("--teams", type=int, default=100)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY, help="as-of date, YYYY-MM-DD")
    p.add_argument("--years", type=int, default=9, help="how far back cases were opened (default 9)")
    p.add_argument("--analyze", action="store_true", help="run ANALYZE afterwards (samfam itself never does)")
    p.add_argument("--quiet", action="store_true")
    return p.parse_args(argv)


# -- people ------------------------------------------------------------------------------------


def make_advisors(rng: random.Random, n: int, teams: int) -> list[dict]:
    rows, seen = [], {}
    for i in range(n):
        first = rng.choice(FIRST_NAMES)
        middle = rng.choice(MIDDLE_NAMES)
        last = rng.choice(LAST_NAMES + MORE_LAST_NAMES)
        name = " ".join(part for part in (first, middle, last) if part)
        base = "".join(part[0] for part in name.split()).upper()
        seen[base] = seen.get(base, 0) + 1
        initials = base if seen[base] == 1 else f"{base}{seen[base]}"
        team_no = i % teams
        team = f"{REGIONS[team_no % len(REGIONS)]} {team_no // len(REGIONS) + 1:02d}"
        role = "teamleder" if i < teams else "rådgiver"
        rows.append({"id": i + 1, "initials": initials, "name": name, "team": team, "role": role})
    return rows


# -- cases and grants --------------------------------------------------------------------------


def _law_codes(profile: tuple, day: date) -> list[str]:
    _, sel, bl = profile
    return list(sel if day < LAW_CHANGE else bl)


def make_cases(rng: random.Random, args: argparse.Namespace, advisors: list[dict]) -> tuple[list[dict], list[dict]]:
    today = args.today
    span = args.years * 365
    # More cases were opened recently (older ones have mostly closed): a triangular skew.
    opened_days = sorted(today - timedelta(days=int(rng.triangular(3, span, 3))) for _ in range(args.cases))
    by_team: dict[str, list[int]] = {}
    for a in advisors:
        by_team.setdefault(a["team"], []).append(a["id"])
    weights = [p[0] for p in PROFILES]
    cases, grants = [], []
    per_year: dict[int, int] = {}
    for i, opened in enumerate(opened_days):
        case_id = i + 1
        per_year[opened.year] = per_year.get(opened.year, 0) + 1
        ref = f"{opened.year}-{per_year[opened.year]:05d}"
        born = opened - timedelta(days=rng.randint(200, 16 * 365))
        advisor = advisors[rng.randrange(len(advisors))]
        complex_case = rng.random() < 0.15
        buddy_id = None
        if complex_case or rng.random() < 0.12:
            mates = [m for m in by_team[advisor["team"]] if m != advisor["id"]]
            buddy_id = rng.choice(mates) if mates else None
        # Closing: at 18, or at a yearly hazard of ~12 % for other reasons.
        closed, reason = None, None
        adult = birthday(born, 18)
        other = opened + timedelta(days=int(rng.expovariate(0.12 / 365)) + 30)
        if min(adult, other) <= today:
            if adult <= other:
                closed, reason = max(adult, opened + timedelta(days=30)), "Overgået til voksenområdet"
            else:
                closed, reason = other, rng.choice(CLOSE_REASONS)
            closed = min(closed, today)
        child = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES + MORE_LAST_NAMES)}"
        cases.append(
            {
                "id": case_id,
                "ref": ref,
                "child_name": child,
                "cpr": None,
                "born": born,
                "advisor_id": advisor["id"],
                "buddy_id": buddy_id,
                "complex": complex_case,
                "opened": opened,
                "closed": closed,
                "close_reason": reason,
            }
        )
        grants.extend(_grants(rng, case_id, rng.choices(PROFILES, weights)[0], opened, closed, today))
    return cases, grants


def _grants(rng: random.Random, case_id: int, profile: tuple, opened: date, closed: date | None, today: date) -> list:
    last_day = closed or today
    spans: list[list] = []  # [code, start, end]
    codes = _law_codes(profile, opened)
    for code in codes:
        spans.append([code, opened, None])
    if opened < LAW_CHANGE and last_day >= LAW_CHANGE and rng.random() < 0.6:
        for span, bl in zip(list(spans), profile[2], strict=True):
            span[2] = LAW_CHANGE - timedelta(days=1)
            spans.append([bl, LAW_CHANGE, None])
    for span in spans:
        if span[0] in INVESTIGATIONS and span[2] is None and rng.random() < 0.5:
            end = add_months(span[1], 4) - timedelta(days=rng.randint(0, 30))
            if end < last_day:
                span[2] = end
    if rng.random() < 0.45 and (last_day - opened).days > 60:
        _, sel, bl = rng.choices(EXTRA_GRANTS, [g[0] for g in EXTRA_GRANTS])[0]
        start = opened + timedelta(days=rng.randint(30, (last_day - opened).days))
        code = sel if start < LAW_CHANGE else bl
        if all(s[0] != code for s in spans):
            end = start + timedelta(days=rng.randint(60, 540))
            spans.append([code, start, end if end < last_day else None])
    rows = []
    for code, start, end in spans:
        if closed is not None and (end is None or end > closed):
            end = closed
        rows.append({"case_id": case_id, "code": code, "start": start, "end": end})
    return rows


# -- events ------------------------------------------------------------------------------------


def make_tracks(grants: list[dict]) -> list[dict]:
    """Each case's stored track periods, as samfam's services write them (cadence.track_periods)."""
    by_case: dict[int, list[cadence.Grant]] = {}
    for g in grants:
        by_case.setdefault(g["case_id"], []).append(cadence.Grant(g["code"], g["start"], g["end"]))
    return [
        {"case_id": case_id, "track": track, "since": since, "until": until}
        for case_id, spans in by_case.items()
        for since, until, track in cadence.track_periods(spans)
    ]


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), deterministically."""
    whole = sum(weights) or 1
    quotas = [total * w / whole for w in weights]
    counts = [int(q) for q in quotas]
    left = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))
    for i in order[:left]:
        counts[i] += 1
    return counts


def _picker(rng: random.Random, items: list, weights: list[int]):
    """rng.choices(items, weights)[0], without its per-call overhead."""
    cum = list(itertools.accumulate(weights))
    total, rnd = cum[-1], rng.random
    return lambda: items[bisect.bisect(cum, rnd() * total)]


def make_events(
    rng: random.Random, args: argparse.Namespace, cases: list[dict], grants: list[dict], advisors: list[dict]
) -> list[dict]:
    today = args.today
    by_case: dict[int, list[cadence.Grant]] = {}
    for g in grants:
        by_case.setdefault(g["case_id"], []).append(cadence.Grant(g["code"], g["start"], g["end"]))
    initials = {a["id"]: a["initials"] for a in advisors}
    lifetimes = [((c["closed"] or today) - c["opened"]).days + 30 for c in cases]
    budgets = allocate(args.events, lifetimes)
    rnd = rng.random
    counting = _picker(rng, COUNTING, COUNTING_WEIGHTS)
    informal = _picker(rng, NON_COUNTING, NON_COUNTING_WEIGHTS)
    note_of = _picker(rng, NOTES, [1] * len(NOTES))
    tracks: dict[tuple[str, ...], str] = {}
    events: list[tuple] = []  # (day ordinal, case_id, kind, note, scale, recorded_by)
    add = events.append
    for case, budget in zip(cases, budgets, strict=True):
        if budget <= 0:
            continue
        cid = case["id"]
        opened, last_day = case["opened"].toordinal(), (case["closed"] or today).toordinal()
        who = initials[case["advisor_id"]]
        buddy = initials.get(case["buddy_id"])
        add((opened, cid, "startup", "Opstartssamtale med familien", None, who))
        budget -= 1
        end = date.fromordinal(last_day)
        active = tuple(cadence.active_codes(by_case.get(cid, ()), end))
        track = tracks.get(active) or tracks.setdefault(active, cadence.classify(active).track)
        step = 42 if track == cadence.SIX_WEEKS else 91
        # Walk back from the last day at the cadence; slipping cases have a late last follow-up.
        day = last_day - int(rnd() * step)
        if case["closed"] is None and rnd() < 0.12:
            day -= step + 5 + int(rnd() * 116)
        while budget > 0 and day > opened:
            by = buddy if buddy and rnd() < 0.2 else who
            add(
                (
                    day,
                    cid,
                    counting(),
                    note_of() if rnd() < 0.3 else None,
                    2 + int(rnd() * 8) if rnd() < 0.8 else None,
                    by,
                )
            )
            budget -= 1
            prev = day - step + int(rnd() * 13)
            for _ in range(min(budget, int(rnd() * 3))):
                between = prev + 1 + int(rnd() * max(1, day - prev - 1))
                if opened < between < last_day:
                    add((between, cid, informal(), None, None, who))
                    budget -= 1
            day = prev
        span = last_day - opened + 1
        for _ in range(budget):  # the walk reached the opening day: more informal contact in between
            add((opened + int(rnd() * span), cid, informal(), None, None, who))
    # Rows are appended as they happen: in date order across cases, as in a real database.
    events.sort(key=lambda e: (e[0], e[1]))
    days: dict[int, date] = {}
    return [
        {
            "case_id": cid,
            "kind": kind,
            "day": days.get(day) or days.setdefault(day, date.fromordinal(day)),
            "note": note,
            "scale": scale,
            "recorded_by": by,
        }
        for day, cid, kind, note, scale, by in events
    ]


# -- the database ------------------------------------------------------------------------------


def prepare(db: str) -> str:
    """The SQLAlchemy URL. An earlier benchmark database (or one without cases) at the path is
    replaced; anything else is refused. A URL must point at an empty database."""
    if is_url(db):
        return db
    path = Path(db).expanduser().resolve()
    if path.exists() and path.stat().st_size:
        replaceable = False
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "meta" in tables and con.execute("SELECT 1 FROM meta WHERE key = 'benchmark'").fetchone():
                replaceable = True
            elif "cases" not in tables or not con.execute("SELECT 1 FROM cases LIMIT 1").fetchone():
                replaceable = True
            con.close()
        except sqlite3.Error:
            replaceable = False
        if not replaceable:
            sys.exit(f"generate.py: {path} holds data and is not a benchmark database; refusing to replace it")
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return to_url(str(path))


def insert_all(store: Store, tables: list[tuple], log) -> None:
    engine = store.engine
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # This connection only, before any transaction: a bulk load need not wait for fsync.
            # A big page cache: rows go in by date, the index on events by case, so the index pages
            # are visited all over the file.
            raw = conn.connection.dbapi_connection
            raw.execute("PRAGMA synchronous = OFF")
            raw.execute("PRAGMA cache_size = -262144")  # 256 MiB
        conn = conn.execution_options(samfam_write=True)
        with conn.begin():
            for model, rows in tables:
                t0 = time.perf_counter()
                table = model.__table__
                for i in range(0, len(rows), CHUNK):
                    conn.execute(insert(table), rows[i : i + CHUNK])
                log(f"  inserted {len(rows):>9,} rows into {table.name:<8} in {time.perf_counter() - t0:5.2f} s")
        if engine.dialect.name == "postgresql":  # explicit ids: move the sequences on
            with conn.begin():
                for name in ("advisor", "cases"):
                    conn.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
                    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    log = (lambda *_: None) if args.quiet else (lambda msg: print(msg, flush=True))
    started = time.perf_counter()
    url = prepare(args.db)
    store = Store(url)
    t0 = time.perf_counter()
    store.init()  # the project's own schema: the Alembic migrations
    took = time.perf_counter() - t0
    log(f"schema created by samfam.store.engine.Store.init() (Alembic) in {took:.2f} s: {store.where}")

    t0 = time.perf_counter()
    rng = random.Random(args.seed)
    advisors = make_advisors(rng, args.advisors, args.teams)
    cases, grants = make_cases(rng, args, advisors)
    events = make_events(rng, args, cases, grants, advisors)
    meta = [
        {"key": "benchmark", "value": "national"},
        {"key": "benchmark_seed", "value": str(args.seed)},
        {"key": "benchmark_today", "value": args.today.isoformat()},
    ]
    log(f"generated rows in Python in {time.perf_counter() - t0:.2f} s (seed {args.seed})")

    t0 = time.perf_counter()
    tracks = make_tracks(grants)
    insert_all(
        store,
        [(Meta, meta), (Advisor, advisors), (Case, cases), (Grant, grants), (CaseTrack, tracks), (Event, events)],
        log,
    )
    log(f"bulk insert (SQLAlchemy Core insert() executemany) in {time.perf_counter() - t0:.2f} s")
    if args.analyze:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        log("ANALYZE done")
    store.dispose()

    open_cases = sum(1 for c in cases if c["closed"] is None)
    teams = len({a["team"] for a in advisors})
    log(
        f"{len(advisors):,} advisors in {teams} teams, {len(cases):,} cases ({open_cases:,} open on "
        f"{args.today.isoformat()}), {len(grants):,} grants ({len(grants) / max(1, len(cases)):.2f} a case), "
        f"{len(events):,} events from {events[0]['day'] if events else '-'} to {events[-1]['day'] if events else '-'}"
    )
    log(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
