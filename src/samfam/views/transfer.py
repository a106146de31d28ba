"""Export: every selected case's complete record, and the same cases as the rows the import reads back
(one list per kind, in the import's columns: samfam.rules.transfer)."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from samfam.context import App
from samfam.rules import transfer as rules
from samfam.store.queries import records as record_queries
from samfam.store.queries import staff as staff_queries
from samfam.store.records import Advisor, Case, Conn
from samfam.views import lookups
from samfam.views.cases import case_list

#: A row in the import's columns (samfam.rules.transfer): a plain value per column.
ImportRow = dict[str, str | int | date | None]
#: A case's complete record: its reference, then each table's rows (samfam.store.queries.records).
Record = dict[str, Any]


class Export(TypedDict):
    """Each selected case's complete record, the same cases as the rows the import reads back, and (in a
    whole export) every row of every table that belongs to no case."""

    records: list[Record]
    rows: dict[str, list[ImportRow]]
    department: dict[str, list[dict[str, Any]]]


class ExportDocument(TypedDict):
    """What a JSON export holds."""

    exported_on: date
    advisors: list[ImportRow]
    cases: list[Record]
    department: dict[str, list[dict[str, Any]]]


def _selected(app: App, conn: Conn, case: str | None, advisor: str | None, team: str | None) -> list[Case]:
    if case:
        return [lookups.case(conn, case)]
    if advisor or team:
        refs = [r["case"] for r in case_list(app, advisor, None, "all", team)]
    else:
        refs = [r.ref for r in record_queries.all_refs(conn)]
    return [lookups.case(conn, ref) for ref in refs]


def export(app: App, case: str | None = None, advisor: str | None = None, team: str | None = None) -> Export:
    """{"records": [each case's complete record], "rows": {kind: [rows in the import's columns]},
    "department": {table: [rows]}}: the tables that belong to no case only when no case, advisor or team
    is chosen (an extract of some cases holds no other staff's absences, say)."""
    with app.connect() as conn:
        selected = _selected(app, conn, case, advisor, team)
        people = {a.id: a for a in staff_queries.advisors(conn)}
        records: list[Record] = []
        rows: dict[str, list[ImportRow]] = {kind: [] for kind in rules.ORDER}
        rows["advisors"] = [
            {
                "initials": a.initials,
                "name": a.name,
                "team": a.team,
                "role": a.role,
                "caseload_target": a.caseload_target,
                "left": a.left,
            }
            for a in sorted(people.values(), key=lambda a: a.initials)
        ]
        for found in selected:
            record = record_queries.case_record(conn, found.id)
            records.append({"case": found.ref} | record)
            _rows_of(record, people, rows)
        whole = not (case or advisor or team)
        department = record_queries.department_record(conn) if whole else {}
    return {"records": records, "rows": rows, "department": department}


def _rows_of(
    record: dict[str, list[dict[str, Any]]], people: dict[int, Advisor], rows: dict[str, list[ImportRow]]
) -> None:
    case = record["cases"][0]
    ref = case["ref"]
    initials = {i: p.initials for i, p in people.items()}
    rows["cases"].append(
        {
            "case": ref,
            "child": case["child_name"],
            "born": case["born"] if case["cpr"] is None else None,
            "cpr": case["cpr"],
            "advisor": initials.get(case["advisor_id"]),
            "buddy": initials.get(case["buddy_id"]),
            "opened": case["opened"],
            "complex": "yes" if case["complex"] else "no",
            "paragraphs": "",  # the grants, with their periods, are in the grants sheet
            "closed": case["closed"],
            "close_reason": case["close_reason"],
            "reopened": case["reopened"],
        }
    )
    for g in record["grants"]:
        rows["grants"].append(
            {"case": ref, "paragraph": g["code"], "from": g["start"], "to": g["end"], "void_reason": g["void_reason"]}
        )
    live = {g["id"]: g for g in record["grants"] if g["void_reason"] is None}
    for a in sorted(record["application"], key=lambda a: (a["received"], a["id"])):
        grant = live.get(a["grant_id"])  # the grant the decision added, unless voided since (the grants sheet has it)
        rows["applications"].append(
            {
                "case": ref,
                "paragraph": a["code"],
                "received": a["received"],
                "letter": a["letter"],
                "decided": a["decided"],
                "outcome": a["outcome"],
                "grant_from": grant["start"] if grant else None,
                "grant_to": grant["end"] if grant else None,
            }
        )
    actor_names = {a["id"]: a["name"] for a in record["actor"]}
    for a in record["actor"]:
        rows["actors"].append(
            {
                "case": ref,
                "kind": a["kind"],
                "name": a["name"],
                "contact": a["contact"],
                "coordinator": a["coordinator"],
                "since": a["since"],
                "until": a["until"],
            }
        )
    for g in record["goal"]:
        owner = g["owner_kind"] if g["owner_actor_id"] is None else f"actor:{actor_names[g['owner_actor_id']]}"
        rows["goals"].append(
            {
                "case": ref,
                "text": g["text"],
                "horizon": g["horizon"],
                "owner": owner,
                "target": g["target"],
                "status": g["status"],
            }
        )
    took_part: dict[int, list[str]] = {}
    for link in record["event_actor"]:
        took_part.setdefault(link["event_id"], []).append(actor_names[link["actor_id"]])
    for e in sorted(record["events"], key=lambda e: (e["day"], e["id"])):
        rows["events"].append(
            {
                "case": ref,
                "kind": e["kind"],
                "on": e["day"],
                "note": e["note"],
                "scale": e["scale"],
                "with": "; ".join(took_part.get(e["id"], [])),
                "void_reason": e["void_reason"],
            }
        )


def document(data: Export, today: date) -> ExportDocument:
    """The JSON export: the day, every advisor, each case's complete record, and (a whole export) every
    row of the tables that belong to no case."""
    return {
        "exported_on": today,
        "advisors": data["rows"]["advisors"],
        "cases": data["records"],
        "department": data["department"],
    }


def kinds(data: Export) -> list[tuple[str, list[str], list[ImportRow]]]:
    """The export as the import's files: per kind, in the import's order, its columns and rows."""
    return [(kind, [f.name for f in rules.KINDS[kind]], data["rows"][kind]) for kind in rules.ORDER]


def template(kind: str, lang: str = "en") -> tuple[list[str], list[str]]:
    """The header and one example row of an import file, in English or Danish (rules.transfer.template)."""
    return rules.template(kind, lang)
