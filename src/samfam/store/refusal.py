"""A statement the database refuses to the login (need to know on PostgreSQL, samfam.store.security), as one
domain error: SQLSTATE 42501 (insufficient_privilege), which covers both a privilege the login's roles lack
("permission denied for table …") and a row that row-level security will not let it write ("new row violates
row-level security policy for table …"). Without this it would surface as an unexpected ProgrammingError.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from samfam.errors import NotPermitted

#: PostgreSQL's SQLSTATE for a privilege or a row-level security policy that refuses the statement.
INSUFFICIENT_PRIVILEGE = "42501"

_TABLE = re.compile(r'(?:table|relation) "?([\w.]+)"?')
_VERBS = {"INSERT": "add rows to", "UPDATE": "change rows of", "DELETE": "delete rows of", "SELECT": "read"}


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
    """The domain error for a statement the database refused to the login, or None for any other error."""
    orig = error.orig
    if INSUFFICIENT_PRIVILEGE not in (getattr(orig, "sqlstate", None), getattr(orig, "pgcode", None)):  # psycopg, 2
        return None
    diag = getattr(orig, "diag", None)
    reason = (getattr(diag, "message_primary", None) or str(orig).strip().splitlines()[0]).strip()
    found = _TABLE.search(reason)
    table = found.group(1) if found else "that table"
    statement = (error.statement or "").lstrip().split(None, 1)
    verb = _VERBS.get(statement[0].upper() if statement else "", "use")
    login = _login(conn, error)
    who = f"your login '{login}'" if login else "your login"
    if "row-level security" in reason:
        what = (
            f"{who} may not {verb} {table} there: it writes only the cases it sees, its own, its team's as team "
            "leader, or one opened with 'samfam access open'"
        )
    else:
        what = f"{who} may not {verb} {table}; the administrator grants it a role (docs/deployment.md)"
    return NotPermitted(f"not permitted: {reason} ({what})")
