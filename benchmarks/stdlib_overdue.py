"""The floor of `samfam overdue --format csv`: the same rows from the same tables, standard library only.

    uv run python benchmarks/stdlib_overdue.py --db benchmarks/data/national.db --today 2026-11-22 > rows.csv

No typer, no SQLAlchemy, no Rich: sqlite3 picks the candidate cases with the same selection samfam
makes (the stored track periods; a case can be overdue only if its period began by the latest overdue
anchor and no counting event came after it), reads their grants and last counting event, the model's
rule decides each case, and csv writes the rows. The rule is
samfam's own (`samfam.rules`: pure Python over plain values), so that both compute the same answer
and the difference measured is everything around it. `benchmarks/run.py` times this script and
samfam side by side and checks that their output is the same, byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
from datetime import date

from samfam.rules import cadence
from samfam.rules.events import COUNTING_KINDS

FIELDS = ["case", "advisor", "buddy", "track", "paragraphs", "last_followup", "next_due", "days_overdue", "level"]
FIELDS += ["status", "reason", "needs_new_advisor"]


def rows(db: str, as_of: date) -> list[dict]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    day = as_of.isoformat()
    kinds = ",".join(f"'{k}'" for k in COUNTING_KINDS)
    people = {i: (initials, team) for i, initials, team in conn.execute("SELECT id, initials, team FROM advisor")}
    gone = dict(conn.execute('SELECT initials, "left" FROM advisor WHERE "left" < ?', (day,)).fetchall())
    latest = {track: cadence.latest_overdue_anchor(track, as_of).isoformat() for track in cadence.TRACKS}
    no_followup_after = (
        "NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.day > ? AND e.day <= ? "
        f"AND e.kind IN ({kinds}))"
    )
    late_on_track = " OR ".join(f"(t.track = ? AND t.since <= ? AND {no_followup_after})" for _ in latest)
    params: list = [day, day, day, day]
    for track, anchor in latest.items():
        params += [track, anchor, anchor, day]
    candidates = conn.execute(
        "SELECT c.id, c.ref, c.advisor_id, c.buddy_id, "
        f"(SELECT max(e.day) FROM events e WHERE e.case_id = c.id AND e.day <= ? AND e.kind IN ({kinds})) "
        "FROM cases c LEFT JOIN case_track t ON t.case_id = c.id AND t.since <= ? "
        "AND (t.until IS NULL OR t.until >= ?) "
        "WHERE c.opened <= ? AND (c.closed IS NULL OR c.closed > ?) "
        f"AND (t.track IS NULL OR t.track = 'unclassified' OR {late_on_track})",
        [params[0], params[1], params[2], params[3], day, *params[4:]],
    ).fetchall()
    grants: dict[int, list[cadence.Grant]] = {}
    ids = [row[0] for row in candidates]
    for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):
        marks = ",".join("?" * len(chunk))
        for case_id, code, start, end in conn.execute(
            f'SELECT case_id, code, start, "end" FROM grants WHERE start <= ? AND case_id IN ({marks})',
            [day, *chunk],
        ):
            grants.setdefault(case_id, []).append(
                cadence.Grant(code, date.fromisoformat(start), date.fromisoformat(end) if end else None)
            )
    late, unclassified = [], []
    for case_id, ref, advisor_id, buddy_id, last in candidates:
        fu = cadence.follow_up(grants.get(case_id, []), date.fromisoformat(last) if last else None, as_of)
        if not (fu.overdue or fu.track == cadence.UNCLASSIFIED):
            continue
        row = {
            "case": ref,
            "advisor": people[advisor_id][0],
            "buddy": people[buddy_id][0] if buddy_id is not None else None,
            "track": fu.track,
            "paragraphs": list(fu.paragraphs),
            "last_followup": fu.last_followup,
            "next_due": fu.next_due,
            "days_overdue": fu.days_overdue,
            "level": fu.level,
            "status": "overdue" if fu.overdue else "needs classification",
            "reason": fu.reason,
        }
        (late if fu.overdue else unclassified).append(row)
    late.sort(key=lambda r: (-r["days_overdue"], r["case"]))
    unclassified.sort(key=lambda r: r["case"])
    for row in late + unclassified:
        row["needs_new_advisor"] = row["advisor"] in gone
    orphans = []
    if gone:  # open cases of advisors who have left, not listed already: they need a new advisor
        listed = {row["case"] for row in late + unclassified}
        marks = ",".join("?" * len(gone))
        for case_id, ref, initials, buddy_id in conn.execute(
            "SELECT c.id, c.ref, a.initials, c.buddy_id FROM cases c JOIN advisor a ON a.id = c.advisor_id "
            f"WHERE a.initials IN ({marks}) AND c.opened <= ? AND (c.closed IS NULL OR c.closed > ?)",
            [*gone, day, day],
        ):
            if ref in listed:
                continue
            spans = [
                cadence.Grant(code, date.fromisoformat(start), date.fromisoformat(end) if end else None)
                for code, start, end in conn.execute(
                    'SELECT code, start, "end" FROM grants WHERE case_id = ? AND start <= ? AND voided_at IS NULL',
                    (case_id, day),
                )
            ]
            last = conn.execute(
                f"SELECT max(day) FROM events WHERE case_id = ? AND day <= ? AND kind IN ({kinds}) "
                "AND voided_at IS NULL",
                (case_id, day),
            ).fetchone()[0]
            fu = cadence.follow_up(spans, date.fromisoformat(last) if last else None, as_of)
            orphans.append(
                {
                    "case": ref,
                    "advisor": initials,
                    "buddy": people[buddy_id][0] if buddy_id is not None else None,
                    "track": fu.track,
                    "paragraphs": list(fu.paragraphs),
                    "last_followup": fu.last_followup,
                    "next_due": fu.next_due,
                    "days_overdue": fu.days_overdue,
                    "level": fu.level,
                    "status": "needs a new advisor",
                    "reason": f"advisor {initials} left on {gone[initials]}",
                    "needs_new_advisor": True,
                }
            )
    return late + sorted(orphans, key=lambda r: r["case"]) + unclassified


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--today", required=True)
    args = p.parse_args()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows([_cell(row[f]) for f in FIELDS] for row in rows(args.db, date.fromisoformat(args.today)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
