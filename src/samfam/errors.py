"""One hierarchy of errors, with the exit codes of docs/cli.md in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit codes promised to scripts (docs/cli.md)."""

    OK = 0
    DOMAIN_ERROR = 1
    USAGE_ERROR = 2
    OVERDUE_FOUND = 3


class SamfamError(Exception):
    """Base of every error samfam reports as one `Error: …` line."""

    exit_status: ExitStatus = ExitStatus.DOMAIN_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(SamfamError):
    """Bad option or value syntax (exit 2)."""

    exit_status = ExitStatus.USAGE_ERROR


class NotFound(SamfamError):
    """An unknown case, advisor, goal … (exit 1)."""


class Conflict(SamfamError):
    """The value exists already, or the state does not allow the change (exit 1)."""


class InvalidValue(SamfamError):
    """A value that parses but is not valid in the domain: CPR, paragraph, date order (exit 1)."""


class NotPermitted(SamfamError):
    """Who acts may not: a PostgreSQL login linked to no current advisor, or a statement the database refuses
    to the login (samfam.store.refusal) (exit 1)."""


class DatabaseError(SamfamError):
    """The database cannot be opened, or its schema is not ready (exit 1)."""


#: An error line names at most this many of the valid values (a national database has a thousand advisors).
NAMED = 20


def _some(known: list[str]) -> str:
    if not known:
        return "none yet"
    if len(known) <= NAMED:
        return ", ".join(known)
    return ", ".join(known[:NAMED]) + f" … ({len(known):,} in all; see 'samfam advisor list')"


def unknown_advisor(text: str, known: list[str]) -> NotFound:
    return NotFound(f"no advisor '{text}'; known advisors: {_some(known)} (add one with 'samfam advisor add')")


def unknown_team(team: str, known: list[str]) -> NotFound:
    return NotFound(f"no team '{team}'; teams: {_some(known)}")
