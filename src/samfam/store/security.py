"""Need to know on PostgreSQL: the group roles, their privileges, and row-level security on every table that
holds a child's data (issue 17). `samfam init` applies it after the migrations when the database owner or
a superuser runs it (`samfam.store.engine.Store.init`); every statement may run again.

The roles (NOLOGIN; the DBA makes each login a member: `GRANT samfam_staff TO ab`):

- `samfam_owner` owns every table, sequence and function. Nobody logs in as it; the login that runs
  `init` is made a member so that later migrations can alter the tables.
- `samfam_staff` (rådgivere and the other professions), `samfam_teamleader` (a member of staff),
  `samfam_admin` (a member of teamleader), `samfam_dpo` (the data protection officer).

Who sees a case is decided in one place, `samfam_visible_cases()` (a SECURITY DEFINER function owned by
`samfam_owner`, its search_path pinned): the primary advisor, the buddy, the current core team, the team
leader of the primary advisor's team (a role naming a leader, the words of `rules.roles.is_leader`,
or a member of `samfam_teamleader`), an advisor holding an open emergency access; an administrator
(superuser, database owner, member of `samfam_admin`) every case; the DPO none. The acting advisor is the
one whose `advisor.login` is the session's login and who has not left. `samfam_case_visible(id, advisor,
buddy)` says the same of one row from its own columns: it checks a case being inserted or changed, whose
row the set function cannot see yet (the PostgreSQL tests hold the two together).

Every table holding a child's data has ENABLE and FORCE ROW LEVEL SECURITY: FORCE because the tables
belong to `samfam_owner`, and without it the owner (and so the functions running as it, and every member
such as the DBA) would pass unfiltered without anyone having decided so. The owner's own rows pass by an
explicit policy instead (`samfam_owner_all`), which the SECURITY DEFINER functions rely on.

Deletes: the group roles get no TRUNCATE and no DELETE on a child's data, with one exception the
application's everyday writes need and the policies still limit to visible cases: `case_track` (derived
from the grants, rewritten after every change to them). A period of `case_assignment` or `case_member`
that a back-dated change replaced is kept, marked corrected, and a restrictive policy keeps staff from
changing it afterwards (issue 19). Retention never deletes a case (it anonymises with UPDATE); the
only rows it deletes are the pruned audit rows and its `meta` settings, and those DELETEs are granted to
`samfam_admin` alone: retention covers every team's closed cases, which only an administrator sees, and
the audit log's trigger still refuses a DELETE of any row at or above the pruning anchor. A SECURITY
DEFINER pruning function would let any caller prune; the grant keeps it with the administrators.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from samfam.rules.roles import LEADER_ROLES

GROUP_ROLES = ("samfam_owner", "samfam_staff", "samfam_teamleader", "samfam_admin", "samfam_dpo")
#: The roles whose members act through samfam (the owner is never one of them).
ACTING_ROLES = ("samfam_staff", "samfam_teamleader", "samfam_admin", "samfam_dpo")

#: Every table holding a child's data, with the condition a row is seen (and written) under. The tables
#: reached through a parent take the parent's own row-level security ("IN (SELECT id FROM goal)" sees the
#: goals the login sees). `cases` and `audit_log` have policies of their own below.
_VISIBLE = "((SELECT samfam_is_admin()) OR case_id IN (SELECT samfam_visible_cases()))"
CHILD_TABLES: dict[str, str] = {
    "actor": _VISIBLE,
    "application": _VISIBLE,
    "case_assignment": _VISIBLE,
    "case_closure": _VISIBLE,
    "case_member": _VISIBLE,
    "case_track": _VISIBLE,
    "enrolment": _VISIBLE,
    "events": _VISIBLE,
    "experience": _VISIBLE,
    "grants": _VISIBLE,
    "goal": _VISIBLE,
    "handover": _VISIBLE,
    "task": "goal_id IN (SELECT g.id FROM goal g)",
    "goal_note": "goal_id IN (SELECT g.id FROM goal g)",
    "handover_tick": "handover_id IN (SELECT h.id FROM handover h)",
    "event_actor": "event_id IN (SELECT e.id FROM events e)",
}
SPECIAL_TABLES = ("cases", "audit_log", "emergency_access")
#: The periods of responsibility and of the core team: a corrected one is kept as it is (issue 19).
PERIOD_TABLES = ("case_assignment", "case_member")
#: The longest emergency access (samfam.rules.log_control.EMERGENCY_MAX_HOURS, held to it by a test).
EMERGENCY_MAX_HOURS = 24
_LONGEST = f"interval '{EMERGENCY_MAX_HOURS} hours'"

#: Tables that hold no child's data: readable by every acting role. The grants follow samfam.rules.roles:
#: an advisor's absences, the advisors, teams, frister, closed days, sign-offs and retention proposals are
#: team-leader work; learning goals and team meetings every advisor's. samfam checks the leader's team itself.
STAFF_WRITES = ("learning_goal", "learning_review", "team_meeting")
LEADER_WRITES = (
    "advisor", "advisor_absence", "team", "programme", "frist", "closed_day", "access_signoff", "retention_proposal",
)  # fmt: skip
ADMIN_WRITES = ("meta",)
READ_ONLY = ("alembic_version",)
OTHER_TABLES = STAFF_WRITES + LEADER_WRITES + ADMIN_WRITES + READ_ONLY

ALL_TABLES = (*SPECIAL_TABLES, *CHILD_TABLES, *OTHER_TABLES)

#: The functions samfam defines (the trigger function comes from migration 0006).
FUNCTIONS = (
    "samfam_is_admin()",
    "samfam_is_dpo()",
    "samfam_visible_cases()",
    "samfam_case_visible(integer, integer, integer)",
    "samfam_sees_case(integer)",
    "samfam_my_initials()",
    "samfam_emergency_case(varchar)",
    "samfam_audit_tail()",
    "samfam_subject_cases(varchar, varchar)",
    "samfam_subject_held(integer[])",
)
TRIGGER_FUNCTIONS = ("samfam_audit_append_only()",)


def _roles() -> list[str]:
    create = " ".join(
        f"IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '{role}') THEN "
        f"CREATE ROLE {role} NOLOGIN; END IF;"
        for role in GROUP_ROLES
    )
    return [
        f"DO $$ BEGIN {create} END $$",
        "GRANT samfam_staff TO samfam_teamleader",
        "GRANT samfam_teamleader TO samfam_admin",
        # The login running init (the database owner, unless a superuser) must belong to the owning role to
        # hand its tables over and to alter them in later migrations.
        "DO $$ BEGIN IF NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user) "
        "AND NOT pg_catalog.pg_has_role(session_user, 'samfam_owner', 'MEMBER') THEN "
        "EXECUTE 'GRANT samfam_owner TO ' || pg_catalog.quote_ident(session_user); END IF; END $$",
    ]


def _leads(role: str) -> str:
    """SQL: the role names a team leader (samfam.rules.roles.is_leader, the same words)."""
    return "(" + " OR ".join(f"position('{w}' IN lower(coalesce({role}, ''))) > 0" for w in LEADER_ROLES) + ")"


def _functions(schema: str) -> list[str]:
    pinned = f"SET search_path = {schema}, pg_temp"
    definer = f"STABLE SECURITY DEFINER {pinned}"
    # The acting advisor: the one linked to the session's login, who works today (rules.cases.works_on: through
    # the leave day, to record the handover; docs/rules.md § 8).
    me = (
        f"SELECT a.id, a.team, ({_leads('a.role')} "
        "OR pg_catalog.pg_has_role(session_user, 'samfam_teamleader', 'MEMBER')) AS leads "
        'FROM advisor a WHERE a.login = session_user AND (a."left" IS NULL OR a."left" >= current_date) '
        "AND NOT samfam_is_dpo()"
    )
    return [
        # An administrator: a superuser, the database's owner, or a member of samfam_admin.
        "CREATE OR REPLACE FUNCTION samfam_is_admin() RETURNS boolean LANGUAGE sql "
        f"{definer} AS $$ SELECT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r "
        "WHERE r.rolname = session_user), false) "
        "OR session_user = (SELECT pg_catalog.pg_get_userbyid(d.datdba) FROM pg_catalog.pg_database d "
        "WHERE d.datname = pg_catalog.current_database()) "
        "OR pg_catalog.pg_has_role(session_user, 'samfam_admin', 'MEMBER') $$",
        # The DPO reads the whole log and no case (an administrator who is also DPO stays an administrator).
        "CREATE OR REPLACE FUNCTION samfam_is_dpo() RETURNS boolean LANGUAGE sql "
        f"{definer} AS $$ SELECT pg_catalog.pg_has_role(session_user, 'samfam_dpo', 'MEMBER') "
        "AND NOT samfam_is_admin() $$",
        "CREATE OR REPLACE FUNCTION samfam_my_initials() RETURNS varchar LANGUAGE sql "
        f"{definer} AS $$ SELECT a.initials FROM advisor a WHERE a.login = session_user $$",
        # The cases the session sees: one set, used by every policy through "IN (SELECT …)", which
        # PostgreSQL evaluates once a statement (a hashed subplan), not once a row.
        "CREATE OR REPLACE FUNCTION samfam_visible_cases() RETURNS SETOF integer LANGUAGE sql "
        f"{definer} AS $$ "
        f"WITH me AS ({me}) "
        "SELECT c.id FROM cases c WHERE samfam_is_admin() "
        "UNION SELECT c.id FROM cases c JOIN me ON c.advisor_id = me.id OR c.buddy_id = me.id "
        "UNION SELECT m.case_id FROM case_member m JOIN me ON m.advisor_id = me.id "
        'WHERE m.corrected_at IS NULL AND (m."until" IS NULL OR m."until" >= current_date) '
        "UNION SELECT c.id FROM cases c JOIN advisor p ON p.id = c.advisor_id "
        "JOIN me ON me.leads AND me.team = p.team "
        "UNION SELECT e.case_id FROM emergency_access e JOIN me ON e.advisor_id = me.id "
        "WHERE e.closed_at IS NULL AND e.expires_at > now() $$",
        # The same rule for one case row from its own columns (a case being opened or changed).
        "CREATE OR REPLACE FUNCTION samfam_case_visible(p_case integer, p_advisor integer, p_buddy integer) "
        f"RETURNS boolean LANGUAGE sql {definer} AS $$ "
        f"WITH me AS ({me}) "
        "SELECT samfam_is_admin() OR EXISTS (SELECT 1 FROM me WHERE me.id = $2 OR me.id = $3 "
        "OR (me.leads AND me.team = (SELECT p.team FROM advisor p WHERE p.id = $2)) "
        "OR EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = $1 AND m.advisor_id = me.id "
        'AND m.corrected_at IS NULL AND (m."until" IS NULL OR m."until" >= current_date)) '
        "OR EXISTS (SELECT 1 FROM emergency_access e WHERE e.case_id = $1 AND e.advisor_id = me.id "
        "AND e.closed_at IS NULL AND e.expires_at > now())) $$",
        "CREATE OR REPLACE FUNCTION samfam_sees_case(p_case integer) RETURNS boolean LANGUAGE sql "
        f"{definer} AS $$ SELECT $1 IN (SELECT samfam_visible_cases()) $$",
        # Opening an emergency access names a case the login cannot see yet: its id by reference, for the
        # insert that the emergency policy then checks (it tells whether a reference exists, nothing more).
        "CREATE OR REPLACE FUNCTION samfam_emergency_case(p_ref varchar) RETURNS integer LANGUAGE sql "
        f"{definer} AS $$ SELECT c.id FROM cases c WHERE c.ref = $1 $$",
        # The audit chain's tail for the unit of work (samfam.store.work): a login may not see the newest row.
        "CREATE OR REPLACE FUNCTION samfam_audit_tail() RETURNS TABLE (id integer, hash varchar) "
        f"LANGUAGE sql {definer} AS $$ SELECT a.id, a.hash FROM audit_log a ORDER BY a.id DESC LIMIT 1 $$",
        # The access letter (GDPR art. 15) names the child and counts what is held: the DPO writes it without
        # seeing any case. Exactly the letter's columns, of the cases the caller sees or, for the DPO, of the
        # one child asked for by reference or CPR number; and counts, never content.
        "CREATE OR REPLACE FUNCTION samfam_subject_cases(p_ref varchar, p_cpr varchar) RETURNS TABLE "
        "(id integer, ref varchar, child_name varchar, cpr varchar, born date, closed date) LANGUAGE sql "
        f"{definer} AS $$ SELECT c.id, c.ref, c.child_name, c.cpr, c.born, c.closed FROM cases c "
        "WHERE (c.ref = $1 OR c.cpr = $2) AND (samfam_is_admin() OR samfam_is_dpo() "
        "OR c.id IN (SELECT samfam_visible_cases())) ORDER BY c.opened, c.id $$",
        "CREATE OR REPLACE FUNCTION samfam_subject_held(p_ids integer[]) RETURNS TABLE (kind text, n bigint) "
        f"LANGUAGE sql {definer} AS $$ "
        "WITH ids AS (SELECT x FROM unnest($1) AS x WHERE samfam_is_admin() OR samfam_is_dpo() "
        "OR x IN (SELECT samfam_visible_cases())) "
        "SELECT 'grants', count(*) FROM grants WHERE case_id IN (SELECT x FROM ids) "
        "UNION ALL SELECT 'events', count(*) FROM events WHERE case_id IN (SELECT x FROM ids) "
        "UNION ALL SELECT 'goals', count(*) FROM goal WHERE case_id IN (SELECT x FROM ids) "
        "UNION ALL SELECT 'tasks', count(*) FROM task WHERE goal_id IN "
        "(SELECT g.id FROM goal g WHERE g.case_id IN (SELECT x FROM ids)) "
        "UNION ALL SELECT 'actors', count(*) FROM actor WHERE case_id IN (SELECT x FROM ids) "
        "UNION ALL SELECT 'handovers', count(*) FROM handover WHERE case_id IN (SELECT x FROM ids) $$",
        # The log's trigger (migration 0006) must see the newest row whoever inserts.
        f"ALTER FUNCTION samfam_audit_append_only() SECURITY DEFINER {pinned}",
    ]


def _privileges() -> list[str]:
    child = ", ".join(("cases", *CHILD_TABLES))
    roles = ", ".join(ACTING_ROLES)
    everything = ", ".join(ALL_TABLES)
    return [
        # A table's new owner must be allowed to create in its schema (only the DBA is a member of it).
        "GRANT USAGE, CREATE ON SCHEMA {schema} TO samfam_owner",
        *(f"ALTER TABLE {table} OWNER TO samfam_owner" for table in ALL_TABLES),
        *(f"ALTER FUNCTION {f} OWNER TO samfam_owner" for f in (*FUNCTIONS, *TRIGGER_FUNCTIONS)),
        # Exactly these privileges, whatever was granted before.
        f"REVOKE ALL ON {everything} FROM PUBLIC, {roles}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {{schema}} FROM PUBLIC, {roles}",
        f"REVOKE ALL ON FUNCTION {', '.join(FUNCTIONS)} FROM PUBLIC, {roles}",
        f"GRANT USAGE ON SCHEMA {{schema}} TO {roles}",
        f"GRANT EXECUTE ON FUNCTION {', '.join(FUNCTIONS)} TO {roles}",
        f"GRANT SELECT ON {everything} TO samfam_staff, samfam_dpo",
        f"GRANT INSERT, UPDATE ON {child} TO samfam_staff",
        "GRANT INSERT, UPDATE (closed_at) ON emergency_access TO samfam_staff",
        # The application's own everyday deletes (see the module's docstring); the policies limit them.
        "GRANT DELETE ON case_track TO samfam_staff",
        "GRANT INSERT ON audit_log TO samfam_staff, samfam_dpo",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO samfam_staff",
        # Tables without a child's data. Which of these writes each role really makes is for the role checks
        # (issue 17 item 2): these are the widest grants each may need.
        f"GRANT INSERT, UPDATE ON {', '.join(STAFF_WRITES)} TO samfam_staff",
        f"GRANT INSERT, UPDATE ON {', '.join(LEADER_WRITES)} TO samfam_teamleader",
        "GRANT DELETE ON closed_day, advisor_absence TO samfam_teamleader",
        # Retention (an administrator's work): its settings, and the audit rows below the pruning anchor.
        f"GRANT INSERT, UPDATE ON {', '.join(ADMIN_WRITES)} TO samfam_admin",
        "GRANT DELETE ON meta, audit_log TO samfam_admin",
    ]


def _policies() -> list[str]:
    out: list[str] = []

    def policy(table: str, name: str, rest: str) -> None:
        out.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        out.append(f"CREATE POLICY {name} ON {table} {rest}")

    for table in (*SPECIAL_TABLES, *CHILD_TABLES):
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        out.append(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        # The owner's functions (SECURITY DEFINER) read and write every row; no login is a member but the DBA.
        policy(table, "samfam_owner_all", "FOR ALL TO samfam_owner USING (true) WITH CHECK (true)")
    for table, seen in CHILD_TABLES.items():
        policy(table, "samfam_need_to_know", f"FOR ALL TO PUBLIC USING ({seen}) WITH CHECK ({seen})")
    # A period of responsibility or of the core team is never deleted (no grant) and, once a correction has
    # replaced it, never changed again: it stays in the history as it was (issue 19). Before 0009 a current
    # assignment could be deleted; its policy goes with the grant.
    out.append("DROP POLICY IF EXISTS samfam_current_only ON case_assignment")
    for table in PERIOD_TABLES:
        policy(
            table,
            "samfam_corrected_stays",
            "AS RESTRICTIVE FOR UPDATE TO samfam_staff USING (corrected_at IS NULL) WITH CHECK (true)",
        )
    policy(
        "cases",
        "samfam_need_to_know",
        "FOR ALL TO PUBLIC USING ((SELECT samfam_is_admin()) OR id IN (SELECT samfam_visible_cases())) "
        "WITH CHECK (samfam_case_visible(id, advisor_id, buddy_id))",
    )
    # Emergency access: one opens it for oneself (with a reason, logged) for at most EMERGENCY_MAX_HOURS from
    # now; a row is seen by the advisor who holds it and by whoever sees the case; it is closed (its one column
    # staff may update) by its holder or by whoever sees the case, and never opened again.
    mine = "((SELECT samfam_is_admin()) OR advisor_id = (SELECT a.id FROM advisor a WHERE a.login = session_user))"
    within = f"expires_at <= opened_at + {_LONGEST} AND expires_at <= now() + {_LONGEST} + interval '5 minutes'"
    policy("emergency_access", "samfam_need_to_know", f"FOR SELECT TO PUBLIC USING ({mine} OR {_VISIBLE})")
    policy(
        "emergency_access",
        "samfam_open_own",
        f"FOR INSERT TO PUBLIC WITH CHECK ({mine} AND closed_at IS NULL AND {within})",
    )
    policy(
        "emergency_access",
        "samfam_close",
        f"FOR UPDATE TO PUBLIC USING ({mine} OR {_VISIBLE}) WITH CHECK (closed_at IS NOT NULL)",
    )
    # The log: everyone appends (the trigger refuses a rewrite); the DPO and administrators read it all,
    # others their own rows and those of the cases they see.
    policy("audit_log", "samfam_append", "FOR INSERT TO PUBLIC WITH CHECK (true)")
    policy(
        "audit_log",
        "samfam_read",
        "FOR SELECT TO PUBLIC USING ((SELECT samfam_is_admin()) OR (SELECT samfam_is_dpo()) "
        'OR "user" = (SELECT samfam_my_initials()) '
        "OR case_ref IN (SELECT c.ref FROM cases c WHERE c.id IN (SELECT samfam_visible_cases())))",
    )
    policy("audit_log", "samfam_prune", "FOR DELETE TO samfam_admin USING (true)")
    return out


def statements(schema: str) -> list[str]:
    """Every statement, in order, for the tables in `schema` (quoted)."""
    return [s.replace("{schema}", schema) for s in (*_roles(), *_functions(schema), *_privileges(), *_policies())]


def may_apply(conn: Connection) -> bool:
    """Whether the session may set up the roles and policies: a superuser or the database's owner."""
    return bool(
        conn.execute(
            text(
                "SELECT r.rolsuper OR pg_catalog.pg_has_role(session_user, d.datdba, 'MEMBER') "
                "FROM pg_catalog.pg_roles r, pg_catalog.pg_database d "
                "WHERE r.rolname = session_user AND d.datname = pg_catalog.current_database()"
            )
        ).scalar()
    )


def apply(conn: Connection) -> None:
    """Run every statement in the connection's transaction (the caller commits)."""
    schema = conn.execute(text("SELECT pg_catalog.quote_ident(current_schema())")).scalar_one()
    for statement in statements(schema):
        conn.exec_driver_sql(statement)
