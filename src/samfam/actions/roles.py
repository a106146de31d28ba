"""Who may do what, checked by each action before it writes (the rule: `samfam.rules.roles`; who acts:
`samfam.store.identity.actor`). A refusal is a domain error naming who may (exit 1); nothing is written."""

from __future__ import annotations

from samfam.rules import roles
from samfam.rules.roles import Actor
from samfam.store.identity import actor
from samfam.store.work import UnitOfWork


def acting(uow: UnitOfWork) -> Actor:
    """Who acts in this unit of work, and what they may do."""
    return actor(uow.conn, uow.user, uow.os_login, uow.today)


def permit(uow: UnitOfWork, operation: str, *teams: str | None, who: Actor | None = None) -> Actor:
    """Refuse `operation` (concerning `teams`) unless the one who acts (`who`, else asked now) may do it
    (rules.roles.refused)."""
    found = who if who is not None else acting(uow)
    refused = roles.refused(found, operation, teams)
    if refused is not None:
        raise refused
    return found


def one_person_file(uow: UnitOfWork) -> bool:
    """An SQLite file: one person's database (docs/privacy.md "Who acts")."""
    return uow.conn.dialect.name == "sqlite"
