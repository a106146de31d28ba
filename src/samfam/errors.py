"""One hierarchy of errors, with the exit codes of docs/cli.md in one place."""

from __future__ import annotations

from enum import IntEnum
from pathlib import PurePath


class ExitStatus(IntEnum):
    """Exit codes promised to scripts (docs/cli.md)."""

    OK = 0
    DOMAIN_ERROR = 1
    USAGE_ERROR = 2
    OVERDUE_FOUND = 3


class SamfamError(Exception):
    """Base of every error samfam reports as one `Error: …` line.

    A message with values keeps them as named fields, `NotFound("no goal {goal}; see …", goal=7)`: its
    English (`message`, what an import's report of refused rows and the audit keep) is the template
    formatted, and the command line shows it in the reader's language, the template looked up in the
    catalogue (the extractor, samfam.words.extract, takes every error's template) and formatted
    after (docs/architecture.md "Words"). A message without fields is looked up as it is."""

    exit_status: ExitStatus = ExitStatus.DOMAIN_ERROR

    def __init__(self, message: str, **fields: object) -> None:
        english = message.format(**fields) if fields else message
        super().__init__(english)
        self.message = english
        self.template = message
        self.fields = fields


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
    return ", ".join(known[:NAMED]) + (" …" if len(known) > NAMED else "")


def unknown_advisor(text: str, known: list[str]) -> NotFound:
    if not known:
        return NotFound("no advisor '{text}'; known advisors: none yet (add one with 'samfam advisor add')", text=text)
    if len(known) > NAMED:
        return NotFound(
            "no advisor '{text}'; known advisors: {known} ({n:,} in all; see 'samfam advisor list') "
            "(add one with 'samfam advisor add')",
            text=text,
            known=_some(known),
            n=len(known),
        )
    return NotFound(
        "no advisor '{text}'; known advisors: {known} (add one with 'samfam advisor add')",
        text=text,
        known=_some(known),
    )


def unknown_team(team: str, known: list[str]) -> NotFound:
    if not known:
        return NotFound("no team '{team}'; teams: none yet", team=team)
    if len(known) > NAMED:
        return NotFound(
            "no team '{team}'; teams: {known} ({n:,} in all; see 'samfam advisor list')",
            team=team,
            known=_some(known),
            n=len(known),
        )
    return NotFound("no team '{team}'; teams: {known}", team=team, known=_some(known))


def cannot_write(path: str | PurePath, exc: OSError, *, folder: bool = False) -> InvalidValue:
    """`cannot write 'PATH': REASON` (`folder`: `cannot write the folder 'PATH': REASON`), the reason the
    operating system gave: the usual ones (a folder samfam may not write to, a full disk, a read-only file
    system) in the reader's language, any other in the system's words."""
    reason = exc.strerror or str(exc)
    if folder:
        if reason == "Permission denied":
            return InvalidValue("cannot write the folder '{folder}': Permission denied", folder=path)
        return InvalidValue("cannot write the folder '{folder}': {reason}", folder=path, reason=reason)
    if reason == "Permission denied":
        return InvalidValue("cannot write '{path}': Permission denied", path=path)
    if reason == "No space left on device":
        return InvalidValue("cannot write '{path}': No space left on device", path=path)
    if reason == "Read-only file system":
        return InvalidValue("cannot write '{path}': Read-only file system", path=path)
    return InvalidValue("cannot write '{path}': {reason}", path=path, reason=reason)


def cannot_read(path: str | PurePath, exc: OSError) -> InvalidValue:
    """`cannot read 'PATH': REASON`, as `cannot_write` says it."""
    reason = exc.strerror or str(exc)
    if reason == "Permission denied":
        return InvalidValue("cannot read '{path}': Permission denied", path=path)
    return InvalidValue("cannot read '{path}': {reason}", path=path, reason=reason)
