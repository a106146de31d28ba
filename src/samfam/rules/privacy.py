"""Personal data: why it is looked at, how long it is kept, and pseudonyms for reports sent outside.

Every use of a child's data is logged with a purpose (`formål`). A command says its own; `--purpose`
or SAMFAM_PURPOSE says it for one session of work (a complaint, a supervision, an inspection).

| use of the data                                   | default purpose       |
|---------------------------------------------------|-----------------------|
| case work: a case, its events, goals, what is due | sagsbehandling        |
| reports for the team leader                       | ledelsesinformation   |
| reading the audit log                             | logkontrol            |
| a citizen's request for access (GDPR art. 15)     | indsigt               |
| a backup copy of the database                     | sikkerhedskopi        |
| retention: archiving and removing a case          | sletning              |
| an export of whole case records                   | dataudtræk            |

Retention: a closed case's personal data is kept RETENTION_YEARS after its closing day, then archived
and removed; audit rows AUDIT_MONTHS after they were written. Both are the municipality's setting.
"""

from __future__ import annotations

from datetime import date
from typing import Any

# Every command module names its purpose from here at import; the rest is imported where it is used.

CASEWORK = "sagsbehandling"
MANAGEMENT = "ledelsesinformation"
LOG_REVIEW = "logkontrol"
SUBJECT_ACCESS = "indsigt"
BACKUP = "sikkerhedskopi"
RETENTION = "sletning"
EXPORT = "dataudtræk"

#: A closed case is kept this many years after its closing day (the municipality may set another).
RETENTION_YEARS = 5
#: Audit rows are kept this many months (Danish practice: at least 6; 13 covers a year's comparison).
AUDIT_MONTHS = 13


def retained_until(closed: date, years: int = RETENTION_YEARS) -> date:
    """The last day a closed case's personal data is kept: `years` after the closing day."""
    from dateutil.relativedelta import relativedelta

    return closed + relativedelta(years=years)


def retention_passed(closed: date | None, today: date, years: int = RETENTION_YEARS) -> bool:
    """An open case is never due; a closed one the day after it was kept its `years`."""
    return closed is not None and today > retained_until(closed, years)


def audit_kept_from(today: date, months: int = AUDIT_MONTHS) -> date:
    """Audit rows written before this day may be pruned."""
    from dateutil.relativedelta import relativedelta

    return today - relativedelta(months=months)


def pseudonym(key: bytes, ref: str) -> str:
    """A stand-in for a case reference, the same for the same reference under one key (one report),
    unrelated under another, so two reports cannot be joined on it."""
    import hashlib
    import hmac

    return "P-" + hmac.new(key, ref.encode("utf-8"), hashlib.sha256).hexdigest()[:8].upper()


#: In a pseudonymised report, free text about a child's case is left out: it may name the child or family.
FREE_TEXT = ("text", "note", "detail", "name", "contact")
LEFT_OUT = "(udeladt)"

#: The deadlines counted from a birth date (samfam.rules.deadlines.age_deadlines): in a pseudonymised report
#: their day is shown as its month only, with no days left, so that no birth date can be read back.
BIRTH_KINDS = frozenset({"transition", "turns-18", "open-after-18"})


def _month(value: Any) -> Any:
    """A date as its month, "2031-03"; anything else as it is."""
    return value.isoformat()[:7] if isinstance(value, date) else value[:7] if isinstance(value, str) else value


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id")


def pseudonymise(data: Any, key: bytes) -> Any:
    """A copy of a report that holds no identifier another report shares (docs/privacy.md § 5): every case
    reference (`case`) is replaced by its pseudonym under `key`, a child's name (`child`) by the same
    pseudonym; the free text of rows about a case becomes LEFT_OUT; every database id (`id`, `…_id`: a goal's,
    an actor's, an event's) becomes None. What is derived from a birth date is no finer than the month: a
    deadline of BIRTH_KINDS shows its month with no days left, and a child's age is left out (None). Rows
    with such a month are ordered by month, birth deadlines first (by kind and advisor), so that their
    order among dated rows tells no day. Staff, the other dates, tracks and counts stay: the report still
    says what is late and by how much."""
    if isinstance(data, list):
        rows = [pseudonymise(item, key) for item in data]
        return sorted(rows, key=_month_order) if any(_coarse(row) for row in rows) else rows
    if isinstance(data, tuple):
        return tuple(pseudonymise(item, key) for item in data)
    if not isinstance(data, dict):
        return data
    ref = data.get("case")
    about_case = isinstance(ref, str)
    from_birth = about_case and "deadline" in data and data.get("kind") in BIRTH_KINDS
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name == "case" and about_case:
            out[name] = pseudonym(key, value)
        elif name == "child" and isinstance(value, str):
            out[name] = pseudonym(key, ref if isinstance(ref, str) else value)
        elif about_case and name in FREE_TEXT and isinstance(value, str):
            out[name] = LEFT_OUT
        elif _is_id(name) or (about_case and name == "age"):
            out[name] = None
        elif from_birth and name == "deadline":
            out[name] = _month(value)
        elif from_birth and name == "days_left":
            out[name] = None
        else:
            out[name] = pseudonymise(value, key)
    return out


def _coarse(row: Any) -> bool:
    """A row whose deadline pseudonymise showed as its month."""
    return isinstance(row, dict) and isinstance(row.get("deadline"), str) and len(row["deadline"]) == 7


def _month_order(row: Any) -> tuple[str, int, str, str, str, str]:
    """Month, the birth deadlines first, the day (of the others), kind, advisor; the pseudonym last (rows
    alike but for it read the same in any order)."""
    if not isinstance(row, dict) or "deadline" not in row:
        return ("", 0, "", "", "", "")
    day = row["deadline"]
    text = day.isoformat() if isinstance(day, date) else str(day or "")
    kind, advisor, case = (str(row.get(name) or "") for name in ("kind", "advisor", "case"))
    return (text[:7], 0 if _coarse(row) else 1, text, kind, advisor, case)
