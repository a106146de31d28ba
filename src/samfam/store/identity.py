"""Who really acts, settled once per command when the database is first opened, with one query.

SQLite (one person's file): the operating-system login acts. `--user`/SAMFAM_USER may name a current staff
member of that database instead (their initials go into the audit log's `user`); unknown or departed
initials, or any initials on a database with no staff yet, are refused (exit 2).

PostgreSQL: the login the server knows (`session_user`) decides, never --user. The advisor linked to it
(`advisor.login`, who has not left) acts under their initials; initials given that differ are refused. A
login linked to no current advisor may read and write nothing, unless it administers the database (a
superuser, the database's owner, or a member of the role `samfam_admin`): it acts under its login name
(to create the database and set up its staff); so does the data protection officer's login (a member of
`samfam_dpo`), who reads the audit log and writes the access letters (row-level security shows it no case).

What the one who acts may do (`actor`, for `samfam.rules.roles`): on PostgreSQL the linked advisor's role and
team, whether the login administers the database, and whether it is a member of `samfam_teamleader`; on SQLite
the advisor --user names, or else the OS login, which administers the file if it owns it.

Either way the operating-system login of whoever ran samfam goes into every audit row (`os_login`).
"""

from __future__ import annotations

import os
from datetime import date

from sqlalchemy import Connection, select, text

from samfam.errors import NotPermitted, UsageError
from samfam.rules.cases import works_on
from samfam.rules.identity import NO_STAFF
from samfam.rules.roles import Actor
from samfam.store import tables as t

#: Staff named in a refusal: at most this many (a national database has a thousand advisors).
NAMED = 20


def _member(role: str) -> str:
    return f"""coalesce((SELECT pg_has_role(session_user, r.oid, 'MEMBER') FROM pg_roles r
                        WHERE r.rolname = '{role}'), false)"""


_ADMIN = f"""(coalesce((SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = session_user), false)
          OR session_user = (SELECT pg_get_userbyid(d.datdba) FROM pg_database d
                              WHERE d.datname = current_database())
          OR {_member("samfam_admin")})"""

_POSTGRES_IDENTITY = text(
    f"""
    SELECT session_user AS login, a.initials, a.role, a.team, {_ADMIN} AS admin,
        {_member("samfam_dpo")} AS dpo, {_member("samfam_teamleader")} AS leader_group
    FROM (SELECT 1) AS one
    LEFT JOIN advisor a ON a.login = session_user AND (a."left" IS NULL OR a."left" >= :today)
    """  # who works today: rules.cases.works_on
)


def _named(staff: list[str]) -> str:
    return ", ".join(staff[:NAMED])


def acting(conn: Connection, claimed: str | None, default: str, today: date) -> str:
    """Who acts: initials, or a login name (see the module). `claimed` are the initials given with --user or
    SAMFAM_USER (validated), or None; `default` who acts on SQLite without them (the OS login)."""
    if conn.dialect.name == "postgresql":
        return _postgres(conn, claimed, today)
    if claimed is None:
        return default
    staff = conn.execute(select(t.advisor.c.initials, t.advisor.c.left).order_by(t.advisor.c.initials)).all()
    if not staff:
        raise UsageError(NO_STAFF)
    current = [initials for initials, left in staff if works_on(left, today)]
    if claimed in current:
        return claimed
    departed = {initials: left for initials, left in staff if initials not in current}
    many = len(current) > NAMED  # the first NAMED, and how many in all
    if claimed in departed and many:
        raise UsageError(
            "--user {user}: {user} left on {left}; current staff: {staff} … ({n:,} in all; see 'samfam advisor "
            "list') (or leave --user out: the OS login acts)",
            user=claimed,
            left=departed[claimed],
            staff=_named(current),
            n=len(current),
        )
    if claimed in departed and current:
        raise UsageError(
            "--user {user}: {user} left on {left}; current staff: {staff} (or leave --user out: the OS login acts)",
            user=claimed,
            left=departed[claimed],
            staff=_named(current),
        )
    if claimed in departed:
        raise UsageError(
            "--user {user}: {user} left on {left}; no current staff (or leave --user out: the OS login acts)",
            user=claimed,
            left=departed[claimed],
        )
    if many:
        raise UsageError(
            "--user {user}: no advisor {user}; current staff: {staff} … ({n:,} in all; see 'samfam advisor list') "
            "(or leave --user out: the OS login acts)",
            user=claimed,
            staff=_named(current),
            n=len(current),
        )
    if current:
        raise UsageError(
            "--user {user}: no advisor {user}; current staff: {staff} (or leave --user out: the OS login acts)",
            user=claimed,
            staff=_named(current),
        )
    raise UsageError(
        "--user {user}: no advisor {user}; no current staff (or leave --user out: the OS login acts)", user=claimed
    )


def _postgres(conn: Connection, claimed: str | None, today: date) -> str:
    row = conn.execute(_POSTGRES_IDENTITY, {"today": today}).one()
    login, initials, admin = row.login, row.initials, bool(row.admin)
    acts = initials if initials is not None else (login if admin or row.dpo else None)
    if acts is None:
        raise NotPermitted(
            "the login '{login}' is linked to no current advisor; ask the administrator: "
            "samfam advisor update INITIALS --login {login}",
            login=login,
        )
    if claimed is not None and claimed != acts:
        raise UsageError(
            "--user {user}: on PostgreSQL the login acts, and the login '{login}' is {acts}; leave --user out",
            user=claimed,
            login=login,
            acts=acts,
        )
    return acts


def actor(conn: Connection, user: str, os_login: str | None, today: date) -> Actor:
    """What the one who acts (`user`, as `acting` settled it) may do: see `samfam.rules.roles.Actor`.

    PostgreSQL: one query (the linked advisor, the administrator, a member of samfam_teamleader). SQLite: the
    current advisor whose initials `user` are, acting with --user (not the OS login's own name); anyone else
    is the OS login, the file's administrator if it owns the file."""
    if conn.dialect.name == "postgresql":
        row = conn.execute(_POSTGRES_IDENTITY, {"today": today}).one()
        return Actor(user, bool(row.admin), row.initials, row.role, row.team, bool(row.leader_group))
    if user == os_login:  # the OS login acts (no --user), whatever advisor has its name as initials: no query
        return Actor(user, admin=_owns_file(conn.engine.url.database))
    a = t.advisor.c
    found = conn.execute(
        select(a.initials, a.role, a.team).where(a.initials == user, (a.left.is_(None)) | (a.left >= today))
    ).first()
    if found is not None:
        return Actor(user, False, found.initials, found.role, found.team)
    return Actor(user, admin=_owns_file(conn.engine.url.database))


def _owns_file(path: str | None) -> bool:
    """Whether the operating-system user running samfam owns the SQLite file (an in-memory database: yes)."""
    uid = getattr(os, "geteuid", None)
    if not path or path == ":memory:" or uid is None:
        return True
    try:
        return os.stat(path).st_uid == uid()
    except OSError:
        return False
