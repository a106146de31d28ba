"""Need to know on PostgreSQL (samfam.store.security), proven through raw SQL as each login and through samfam.

One throwaway server, one world a module: built by the superuser through samfam, then read by four logins:
ab (staff, Nord), cd (staff, Syd), tl (team leader of Nord) and dpo (the data protection officer).
"""

from __future__ import annotations

import hashlib
import os
from datetime import date

import pytest

from conftest import Samfam, fresh_database

pytestmark = pytest.mark.postgres

psycopg = pytest.importorskip("psycopg")

LOGINS = {"ab": "samfam_staff", "cd": "samfam_staff", "tl": "samfam_teamleader", "dpo": "samfam_dpo"}
ALL = {"2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0006"}
SEES = {
    "ab": {"2026-0001", "2026-0002", "2026-0003"},  # primary, buddy, core team
    "cd": {"2026-0004", "2026-0005", "2026-0006"},  # Syd's two, and an open emergency access to 0004
    "tl": {"2026-0001", "2026-0002", "2026-0003", "2026-0004"},  # all of Nord
    "dpo": set(),
}
#: Each table holding a child's data, and how its rows lead to their case's reference.
TO_CASE = {
    "cases": "SELECT id, ref FROM cases",
    "events": "SELECT x.id, c.ref FROM events x JOIN cases c ON c.id = x.case_id",
    "grants": "SELECT x.id, c.ref FROM grants x JOIN cases c ON c.id = x.case_id",
    "goal": "SELECT x.id, c.ref FROM goal x JOIN cases c ON c.id = x.case_id",
    "task": "SELECT x.id, c.ref FROM task x JOIN goal g ON g.id = x.goal_id JOIN cases c ON c.id = g.case_id",
    "goal_note": "SELECT x.id, c.ref FROM goal_note x JOIN goal g ON g.id = x.goal_id JOIN cases c ON c.id = g.case_id",
    "actor": "SELECT x.id, c.ref FROM actor x JOIN cases c ON c.id = x.case_id",
    "handover": "SELECT x.id, c.ref FROM handover x JOIN cases c ON c.id = x.case_id",
    "handover_tick": "SELECT x.id, c.ref FROM handover_tick x JOIN handover h ON h.id = x.handover_id "
    "JOIN cases c ON c.id = h.case_id",
    "application": "SELECT x.id, c.ref FROM application x JOIN cases c ON c.id = x.case_id",
    "case_track": "SELECT x.id, c.ref FROM case_track x JOIN cases c ON c.id = x.case_id",
    "case_assignment": "SELECT x.id, c.ref FROM case_assignment x JOIN cases c ON c.id = x.case_id",
    "case_member": "SELECT x.id, c.ref FROM case_member x JOIN cases c ON c.id = x.case_id",
    "experience": "SELECT x.id, c.ref FROM experience x JOIN cases c ON c.id = x.case_id",
    "event_actor": "SELECT x.event_id || '-' || x.actor_id, c.ref FROM event_actor x JOIN events e "
    "ON e.id = x.event_id JOIN cases c ON c.id = e.case_id",
    "emergency_access": "SELECT x.id, c.ref FROM emergency_access x JOIN cases c ON c.id = x.case_id",
}


def _as(url: str, login: str) -> str:
    """The SQLAlchemy URL of the same database for another login (trust authentication: no password)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(username=login, password=None).render_as_string(hide_password=False)


def _raw(url: str) -> str:
    return url.replace("postgresql+psycopg", "postgresql")


def _connect(url: str, login: str | None = None):
    return psycopg.connect(_raw(_as(url, login) if login else url), autocommit=True)


def _build(s: Samfam, url: str) -> None:
    s.ok("init")
    for initials, name, team, role in [
        ("AB", "Anne Bech", "Nord", None),
        ("EF", "Eva Frost", "Nord", None),
        ("CD", "Carl Dam", "Syd", None),
        ("TL", "Tine Lund", "Nord", "teamleder"),
    ]:
        s.ok("advisor", "add", initials, "--name", name, "--team", team, *(["--role", role] if role else []))
    with _connect(url) as conn:
        for login, group in LOGINS.items():
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone():
                conn.execute(f"CREATE ROLE {login} LOGIN")
            conn.execute(f"GRANT {group} TO {login}")
        for login in ("ab", "cd", "tl"):  # until 'advisor add --login' exists
            conn.execute("UPDATE advisor SET login = %s WHERE initials = %s", (login, login.upper()))
    opened = {"--opened": "2026-06-01", "--para": "BL 86", "--child": "Alma Holm"}
    cases = {
        "2026-0001": ["--advisor", "AB"],
        "2026-0002": ["--advisor", "EF", "--buddy", "AB"],
        "2026-0003": ["--advisor", "EF"],
        "2026-0004": ["--advisor", "EF"],
        "2026-0005": ["--advisor", "CD"],
        "2026-0006": ["--advisor", "CD"],
    }
    for ref, who in cases.items():
        s.ok("case", "open", ref, *[x for kv in opened.items() for x in kv], *who)
        actor = s.ok("actor", "add", ref, "school", "--name", "Kildeskolen").stdout.split()[3]
        s.ok("event", "add", ref, "followup", "--on", "2026-10-01", "--scale", "5", "--with", actor)
        s.ok("experience", "add", ref, "4", "--on", "2026-10-01")
        goal = s.ok("goal", "add", ref, "Alma sover i egen seng", "--horizon", "short", "--owner", "family")
        goal_id = goal.stdout.split()[3]
        s.ok("task", "add", goal_id, "Billedskema", "--by", "family")
        s.ok("goal", "update", goal_id, "--note", "Tre nætter om ugen")
        s.ok("handover", "start", ref, "transition")
        s.ok("handover", "tick", ref, "transition-meeting")
        s.ok("application", "add", ref, "BL 86", "--received", "2026-11-02")
    s.ok("case", "member", "add", "2026-0003", "AB", "--role", "psykolog")
    with _connect(url) as conn:
        ids = dict(conn.execute("SELECT a.login, a.id FROM advisor a WHERE a.login IS NOT NULL").fetchall())
        case = dict(conn.execute("SELECT ref, id FROM cases").fetchall())
        for ref, opens, expires, closed in [
            ("2026-0004", "now() - interval '1 hour'", "now() + interval '1 day'", "NULL"),  # open
            ("2026-0002", "now() - interval '2 days'", "now() - interval '1 day'", "NULL"),  # expired
            ("2026-0003", "now() - interval '2 hours'", "now() + interval '1 day'", "now()"),  # closed
        ]:
            conn.execute(
                "INSERT INTO emergency_access (case_id, advisor_id, reason, opened_at, expires_at, closed_at) "
                f"VALUES (%s, %s, 'Akut henvendelse', {opens}, {expires}, {closed})",
                (case[ref], ids["cd"]),
            )


@pytest.fixture(scope="module")
def world(pg_server):
    """The database's URL (as the superuser), built once for the module."""
    url = fresh_database(pg_server, f"samfam_security_{hashlib.sha1(__name__.encode()).hexdigest()[:8]}_{os.getpid()}")
    _build(Samfam(url), url)  # type: ignore[arg-type]
    return url


def _owners(url: str) -> dict[str, dict[str, str]]:
    """Every row of every child's table, as the superuser: table -> {row key: case ref}."""
    with _connect(url) as conn:
        return {table: {str(k): ref for k, ref in conn.execute(sql).fetchall()} for table, sql in TO_CASE.items()}


@pytest.mark.parametrize("login", LOGINS)
def test_each_login_sees_the_rows_of_the_cases_it_needs_to_know_and_no_others(world, login):
    owners = _owners(world)
    with _connect(world, login) as conn:
        for table, rows in owners.items():
            key = "event_id || '-' || actor_id" if table == "event_actor" else "id"
            seen = {str(k) for (k,) in conn.execute(f"SELECT {key} FROM {table}").fetchall()}
            assert seen <= set(rows), table
            expected = {k for k, ref in rows.items() if ref in SEES[login]}
            if table == "emergency_access" and login == "cd":  # one's own emergency rows, also those closed
                expected |= set(rows)
            assert seen == expected, (table, login)
    assert set(owners["cases"].values()) == ALL
    for table in ("events", "grants", "goal", "task", "goal_note", "actor", "handover", "application", "event_actor"):
        assert set(owners[table].values()) == ALL, table  # every case has them: the sets above mean something


@pytest.mark.parametrize("login", LOGINS)
def test_the_row_check_and_the_set_agree_on_every_case(world, login):
    """samfam_case_visible (a row being written) and samfam_visible_cases (every read) are one rule."""
    with _connect(world) as conn:
        rows = conn.execute("SELECT id, advisor_id, buddy_id, ref FROM cases").fetchall()
    with _connect(world, login) as conn:
        one_by_one = {ref for id_, a, b, ref in rows if conn.execute(
            "SELECT samfam_case_visible(%s, %s, %s)", (id_, a, b)).fetchone()[0]}  # fmt: skip
        by_set = {r for (r,) in conn.execute("SELECT ref FROM cases WHERE id IN (SELECT samfam_visible_cases())")}
        sees = {ref for id_, _a, _b, ref in rows if conn.execute("SELECT samfam_sees_case(%s)", (id_,)).fetchone()[0]}
    assert one_by_one == by_set == sees == SEES[login]


def test_the_dpo_reads_the_whole_log_and_staff_their_own_and_their_cases(world):
    with _connect(world) as conn:
        log = conn.execute('SELECT id, "user", case_ref FROM audit_log').fetchall()
    with _connect(world, "dpo") as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == len(log)
    initials = {"ab": "AB", "cd": "CD", "tl": "TL"}
    for login, mine in initials.items():
        with _connect(world, login) as conn:
            seen = {i for (i,) in conn.execute("SELECT id FROM audit_log")}
        assert seen == {i for i, user, ref in log if user == mine or ref in SEES[login]}, login
        assert seen, login


@pytest.mark.parametrize("login", LOGINS)
@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE audit_log",
        "TRUNCATE cases CASCADE",
        "DELETE FROM cases",
        "DELETE FROM events",
        "DELETE FROM case_assignment",  # a period is never deleted: a correction keeps it, marked (issue 19)
        "DELETE FROM case_member",
        "DELETE FROM audit_log",
        "UPDATE audit_log SET detail = 'x'",
        "ALTER TABLE cases DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE cases NO FORCE ROW LEVEL SECURITY",
        "DROP POLICY samfam_need_to_know ON cases",
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
        "ALTER TABLE cases OWNER TO {login}",
        "DROP TABLE events",
        "CREATE OR REPLACE FUNCTION samfam_is_admin() RETURNS boolean LANGUAGE sql AS $$ SELECT true $$",
        "CREATE TABLE sneaky (id integer)",
    ],
)
def test_every_login_is_refused_what_would_get_round_the_rules(world, login, statement):
    with _connect(world, login) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement.format(login=login))


def test_a_corrected_core_team_period_gives_no_need_to_know(world):
    """AB is on 2026-0003's core team; once that period is marked corrected (AB never was), AB does not see it."""
    with _connect(world) as conn:
        case = dict(conn.execute("SELECT ref, id FROM cases").fetchall())
    with psycopg.connect(_raw(world)) as conn:  # as the superuser, one transaction, rolled back
        conn.execute(
            "UPDATE case_member SET corrected_at = now(), corrected_by = 'TL', correction_reason = 'Fejl' "
            "WHERE case_id = %s",
            (case["2026-0003"],),
        )
        conn.execute("SET SESSION AUTHORIZATION ab")
        assert {r[0] for r in conn.execute("SELECT ref FROM cases")} == SEES["ab"] - {"2026-0003"}
        conn.rollback()


def test_a_corrected_period_is_never_changed_again(world):
    with psycopg.connect(_raw(_as(world, "ab"))) as conn:  # one transaction, rolled back
        marked = conn.execute(
            "UPDATE case_assignment SET corrected_at = now(), corrected_by = 'AB', correction_reason = 'Fejl' "
            "WHERE case_id = (SELECT id FROM cases WHERE ref = '2026-0001') AND role = 'primary'"
        )
        assert marked.rowcount == 1  # marking a period in force is the application's own write
        in_force = conn.execute("SELECT count(*) FROM case_assignment WHERE corrected_at IS NULL").fetchone()[0]
        again = conn.execute("UPDATE case_assignment SET corrected_at = NULL, until = '2026-12-01' WHERE true")
        assert again.rowcount == in_force == 3  # the rows in force of the cases AB sees, never the marked one
        assert conn.execute("SELECT count(*) FROM case_assignment WHERE corrected_at IS NOT NULL").fetchone()[0] == 1
        conn.rollback()


@pytest.mark.parametrize("login", ["ab", "cd", "tl"])
def test_a_login_writes_to_the_cases_it_sees_and_to_no_other(world, login):
    with _connect(world) as conn:
        case = dict(conn.execute("SELECT ref, id FROM cases").fetchall())
        advisor = dict(conn.execute("SELECT initials, id FROM advisor").fetchall())
    with psycopg.connect(_raw(_as(world, login))) as conn:  # one transaction, rolled back
        insert = "INSERT INTO events (case_id, kind, day, recorded_by) VALUES (%s, 'followup', '2026-11-20', 'X')"
        for ref in sorted(ALL):
            conn.execute("SAVEPOINT s")
            if ref in SEES[login]:
                conn.execute(insert, (case[ref],))
            else:
                with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                    conn.execute(insert, (case[ref],))
            conn.execute("ROLLBACK TO SAVEPOINT s")
        # A new case: hers when she is its primary advisor (or, for the team leader, one in her team) …
        new_case = "INSERT INTO cases (ref, child_name, advisor_id, complex, opened) VALUES (%s, 'Ny', %s, false, %s)"
        mine = {"ab": "AB", "cd": "CD", "tl": "EF"}[login]
        conn.execute(new_case, ("2026-0901", advisor[mine], date(2026, 11, 20)))
        assert conn.execute("SELECT count(*) FROM cases WHERE ref = '2026-0901'").fetchone()[0] == 1
        # … never one for another team's advisor.
        other = {"ab": "CD", "cd": "AB", "tl": "CD"}[login]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(new_case, ("2026-0902", advisor[other], date(2026, 11, 20)))
        conn.rollback()


def test_the_dpo_writes_no_case_and_cannot_open_an_emergency_access_for_someone_else(world):
    with _connect(world) as conn:
        case_id = conn.execute("SELECT id FROM cases WHERE ref = '2026-0001'").fetchone()[0]
        ab = conn.execute("SELECT id FROM advisor WHERE login = 'ab'").fetchone()[0]
    with _connect(world, "dpo") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO events (case_id, kind, day, recorded_by) VALUES (%s, 'followup', now(), 'X')", (case_id,)
        )
    with _connect(world, "cd") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO emergency_access (case_id, advisor_id, reason, opened_at, expires_at) "
            "VALUES (%s, %s, 'x', now(), now() + interval '1 hour')",
            (case_id, ab),
        )


def test_every_table_is_owned_by_samfam_owner_and_every_childs_table_forces_row_level_security(world):
    from samfam.store import security

    with _connect(world) as conn:
        found = {
            name: (owner, rls, force)
            for name, owner, rls, force in conn.execute(
                "SELECT c.relname, pg_get_userbyid(c.relowner), c.relrowsecurity, c.relforcerowsecurity "
                "FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
            )
        }
        functions = {
            name: (owner, definer, config)
            for name, owner, definer, config in conn.execute(
                "SELECT p.proname, pg_get_userbyid(p.proowner), p.prosecdef, p.proconfig FROM pg_proc p "
                "WHERE p.pronamespace = current_schema()::regnamespace"
            )
        }
    assert set(found) == set(security.ALL_TABLES), "a table is not classified in samfam.store.security"
    assert {owner for owner, _, _ in found.values()} == {"samfam_owner"}
    holding = {*security.CHILD_TABLES, *security.SPECIAL_TABLES}
    assert {name for name, (_, rls, force) in found.items() if rls and force} == holding
    assert all(definer and owner == "samfam_owner" and config for owner, definer, config in functions.values())


# -- through samfam, as each login ----------------------------------------------------------------------


def _samfam(world: str, login: str) -> Samfam:
    return Samfam(_as(world, login))  # type: ignore[arg-type]


@pytest.mark.parametrize("login", ["ab", "cd", "tl"])
def test_samfam_lists_only_the_cases_the_login_sees(world, login):
    s = _samfam(world, login)
    listed = {row["case"] for row in s.ok("case", "list", "--status", "all", "-f", "json").json()}
    assert listed == SEES[login]
    exported = s.ok("export", "-f", "json").json()
    assert {c["case"] for c in exported["cases"]} == SEES[login]
    overdue = s("overdue", "-f", "json", today=date(2027, 6, 1))
    assert overdue.exit_code in (0, 3), overdue.stderr
    assert {row["case"] for row in overdue.json()} <= SEES[login]
    assert {row["case"] for row in overdue.json()} == SEES[login]  # every case is overdue by mid-2027


def test_another_teams_case_is_no_case_at_all(world):
    s = _samfam(world, "ab")
    hidden, missing = s("case", "show", "2026-0005"), s("case", "show", "2026-0999")
    assert (hidden.exit_code, missing.exit_code) == (1, 1)
    assert hidden.stderr == missing.stderr.replace("2026-0999", "2026-0005")
    assert hidden.stdout == ""


def test_a_login_writes_through_samfam_and_the_chain_holds(world):
    ab = _samfam(world, "ab")
    ab.ok("event", "add", "2026-0001", "phone", "--on", "2026-11-21")
    refused = ab("event", "add", "2026-0005", "phone", "--on", "2026-11-21")
    assert refused.exit_code == 1 and "no case '2026-0005'" in refused.stderr
    assert Samfam(world).ok("audit", "verify", "-f", "json").json()["ok"] is True  # type: ignore[arg-type]


# -- init: again, and over an existing 0007 database ------------------------------------------------------


def test_init_twice_and_over_a_0007_database_sets_up_need_to_know(pg_url):
    from alembic import command
    from sqlalchemy import text

    from samfam.store import migrations
    from samfam.store.engine import Store, _alembic_config

    store = Store(pg_url)
    with store.engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
        conn.execute(text("INSERT INTO advisor (initials, name) VALUES ('MKJ', 'Mette')"))
    store.dispose()
    s = Samfam(pg_url)  # type: ignore[arg-type]
    s.ok("init")
    s.ok("init")
    with _connect(pg_url) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrations.HEAD
        forced = conn.execute("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'emergency_access'")
        assert forced.fetchone()[0] is True
        policies = conn.execute("SELECT count(*) FROM pg_policies WHERE tablename = 'cases'").fetchone()[0]
        assert policies == 2  # the owner's and need to know, once each
    assert s.ok("audit", "verify", "-f", "json").json()["ok"] is True


def test_an_advisor_opens_an_emergency_access_for_herself_only_briefly_and_only_closes_it(world):
    from samfam.rules import log_control
    from samfam.store import security

    assert security.EMERGENCY_MAX_HOURS == log_control.EMERGENCY_MAX_HOURS
    insert = (
        "INSERT INTO emergency_access (case_id, advisor_id, reason, opened_at, expires_at) "
        "VALUES (samfam_emergency_case('2026-0001'), (SELECT id FROM advisor WHERE login = %s), 'Akut', now(), "
        "now() + %s::interval) RETURNING id"
    )
    with psycopg.connect(_raw(_as(world, "cd"))) as conn:  # one transaction, rolled back
        assert conn.execute("SELECT count(*) FROM cases WHERE ref = '2026-0001'").fetchone()[0] == 0
        grant = conn.execute(insert, ("cd", "3 hours")).fetchone()[0]
        assert conn.execute("SELECT count(*) FROM cases WHERE ref = '2026-0001'").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id "
                            "WHERE c.ref = '2026-0001'").fetchone()[0] > 0  # fmt: skip
        for refused, error in [
            ("UPDATE emergency_access SET expires_at = now() + interval '30 days' WHERE id = %s", "permission denied"),
            ("UPDATE emergency_access SET closed_at = NULL WHERE id = %s", "row-level security"),
        ]:
            conn.execute("SAVEPOINT s")
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=error):
                conn.execute(refused, (grant,))
            conn.execute("ROLLBACK TO SAVEPOINT s")
        conn.execute("UPDATE emergency_access SET closed_at = now() WHERE id = %s", (grant,))
        conn.execute("SAVEPOINT s")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(insert, ("cd", "2 days"))
        conn.execute("ROLLBACK TO SAVEPOINT s")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(insert, ("ab", "1 hour"))  # not for someone else
        conn.rollback()


def test_a_write_the_database_refuses_is_a_clean_error(world):
    """A case for another team's advisor: the row would be one she cannot see (the policy's WITH CHECK)."""
    ab = _samfam(world, "ab")
    refused = ab("case", "open", "2026-0950", "--child", "Ny", "--advisor", "CD", "--para", "BL 86")
    assert refused.exit_code == 1, refused.stderr
    assert refused.stderr.startswith("Error: ") and "row-level security" in refused.stderr
    assert "Traceback" not in refused.stderr and len(refused.stderr.splitlines()) == 1


def test_the_database_owner_sets_it_up_without_being_a_superuser(pg_server, world):
    """A DBA with CREATEROLE who owns the database (the roles exist already: the world's init made them)."""
    name = f"samfam_dba_{os.getpid()}"
    with psycopg.connect(_raw(pg_server.format(db="postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'dba'").fetchone():
            conn.execute("CREATE ROLE dba LOGIN CREATEROLE")
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" OWNER dba')
    url = _as(pg_server.format(db=name), "dba")
    s = Samfam(url)  # type: ignore[arg-type]
    s.ok("init")
    s.ok("advisor", "add", "AB", "--name", "Anne Bech", "--team", "Nord")
    s.ok("case", "open", "2026-0001", "--child", "Alma Holm", "--advisor", "AB", "--para", "BL 86")
    s.ok("init")
    with _connect(url) as conn:
        owners = {o for (o,) in conn.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")}
        assert owners == {"samfam_owner"}
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 1  # the owner is an administrator
    assert s.ok("audit", "verify", "-f", "json").json()["ok"] is True


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO advisor_absence (advisor_id, start, \"end\") SELECT id, '2026-12-01', '2026-12-05' FROM advisor"
        " LIMIT 1",
        "UPDATE advisor SET role = 'teamleder'",
        "INSERT INTO frist (code, amount, unit) VALUES ('BL 32', 1, 'days')",
    ],
    ids=["an absence", "a role", "a frist"],
)
def test_an_advisor_login_cannot_do_team_leader_work_in_sql(world, statement):
    """What samfam refuses an advisor (samfam.rules.roles), the database refuses her login too."""
    with _connect(world, "ab") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)
