"""A statement the database refuses to the login (need to know on PostgreSQL, samfam.store.security), as one
domain error: SQLSTATE 42501 (insufficient_privilege), which covers both a privilege the login's roles lack
("permission denied for table …") and a row that row-level security will not let it write ("new row violates
row-level security policy for table …"). Without this it would surface as an unexpected ProgrammingError.
What the login may not do is said in samfam's words (rules.roles.STATEMENT_REFUSED), the reason in the
database's.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from samfam.errors import NotPermitted
from samfam.rules.roles import ANY_STATEMENT_REFUSED, STATEMENT_REFUSED, THAT_TABLE

#: PostgreSQL's SQLSTATE for a privilege or a row-level security policy that refuses the statement.
INSUFFICIENT_PRIVILEGE = "42501"

_TABLE = re.compile(r'(?:table|relation) "?([\w.]+)"?')


def _login(conn: Connection | None, error: DBAPIError) -> str | None:
    """The login the server knows, without a query (the transaction may be aborted): the driver's own record
    of it (psycopg, psycopg2), else the URL's."""
    if conn is not None:
        try:
            user = conn.connection.driver_connection.info.user  # type: ignore[union-attr]
        except Exception:  # another driver, or a connection already closed
            user = None
        if user:
            return str(user)
        return conn.engine.url.username
    return None


def refused(error: DBAPIError, conn: Connection | None = None) -> NotPermitted | None:
    """The domain error for a statement the database refused to the login, or None for any other error. The
    database's own reason is kept as it gives it; samfam's words around it are said in the reader's language."""
    orig = error.orig
    if INSUFFICIENT_PRIVILEGE not in (getattr(orig, "sqlstate", None), getattr(orig, "pgcode", None)):  # psycopg, 2
        return None
    diag = getattr(orig, "diag", None)
    reason = (getattr(diag, "message_primary", None) or str(orig).strip().splitlines()[0]).strip()
    found = _TABLE.search(reason)
    table = found.group(1) if found else THAT_TABLE
    statement = (error.statement or "").lstrip().split(None, 1)
    may_not = STATEMENT_REFUSED.get(statement[0].upper() if statement else "", ANY_STATEMENT_REFUSED)
    login = _login(conn, error)
    if "row-level security" in reason and login:
        return NotPermitted(
            "not permitted: {reason} (your login '{login}' {may_not} {table} there: it writes only the cases it "
            "sees, its own, its team's as team leader, or one opened with 'samfam access open')",
            reason=reason,
            login=login,
            may_not=may_not,
            table=table,
        )
    if "row-level security" in reason:
        return NotPermitted(
            "not permitted: {reason} (your login {may_not} {table} there: it writes only the cases it sees, its "
            "own, its team's as team leader, or one opened with 'samfam access open')",
            reason=reason,
            may_not=may_not,
            table=table,
        )
    if login:
        return NotPermitted(
            "not permitted: {reason} (your login '{login}' {may_not} {table}; the administrator grants it a role "
            "(docs/deployment.md))",
            reason=reason,
            login=login,
            may_not=may_not,
            table=table,
        )
    return NotPermitted(
        "not permitted: {reason} (your login {may_not} {table}; the administrator grants it a role "
        "(docs/deployment.md))",
        reason=reason,
        may_not=may_not,
        table=table,
    )
