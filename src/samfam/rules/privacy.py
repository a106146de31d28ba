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


def pseudonymise(data: Any, key: bytes) -> Any:
    """A copy of a report in which every case reference (`case`) is replaced by its pseudonym under
    `key`, a child's name (`child`) by the same pseudonym, and the free text of rows about a case by
    LEFT_OUT. Staff, dates, tracks and counts stay: the report still says what is late and by how much."""
    if isinstance(data, list):
        return [pseudonymise(item, key) for item in data]
    if isinstance(data, tuple):
        return tuple(pseudonymise(item, key) for item in data)
    if not isinstance(data, dict):
        return data
    ref = data.get("case")
    about_case = isinstance(ref, str)
    out = {}
    for name, value in data.items():
        if name == "case" and about_case:
            out[name] = pseudonym(key, value)
        elif name == "child" and isinstance(value, str):
            out[name] = pseudonym(key, ref if isinstance(ref, str) else value)
        elif about_case and name in FREE_TEXT and isinstance(value, str):
            out[name] = LEFT_OUT
        else:
            out[name] = pseudonymise(value, key)
    return out
