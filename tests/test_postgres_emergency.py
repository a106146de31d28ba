"""Emergency access and refusals on PostgreSQL, through samfam as each login (issue 17).

A login outside a case's team opens an emergency access to it by reference (the case is found through
`samfam_emergency_case`, not through the cases the login sees), sees it meanwhile, and closes it. A statement
the database refuses to the login (SQLSTATE 42501: a privilege its roles lack, or row-level security) is one
`Error: not permitted: …` line naming the login, exit 1.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from conftest import TODAY, Samfam

pytestmark = pytest.mark.postgres

psycopg = pytest.importorskip("psycopg")

LOGINS = {"ab": "samfam_staff", "cd": "samfam_staff", "nobody": None}


def _as(url: str, login: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(username=login, password=None).render_as_string(hide_password=False)


def _raw(url: str) -> str:
    return url.replace("postgresql+psycopg", "postgresql")


@pytest.fixture
def world(pg_url: str) -> str:
    """AB (Nord, login ab) with case 2026-0001, CD (Syd, login cd) with 2026-0002; a login 'nobody' in no role."""
    s = Samfam(pg_url)  # type: ignore[arg-type]
    s.ok("init")  # creates the group roles
    with psycopg.connect(_raw(pg_url), autocommit=True) as conn:
        for login, group in LOGINS.items():
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone():
                conn.execute(f"CREATE ROLE {login} LOGIN")
            if group:
                conn.execute(f"GRANT {group} TO {login}")
    s.ok("advisor", "add", "AB", "--name", "Anne Bech", "--team", "Nord", "--login", "ab")
    s.ok("advisor", "add", "CD", "--name", "Carl Dam", "--team", "Syd", "--login", "cd")
    s.ok("case", "open", "2026-0001", "--child", "Alma Holm", "--advisor", "AB", "--para", "BL 86")
    s.ok("case", "open", "2026-0002", "--child", "Oscar Lund", "--advisor", "CD", "--para", "BL 86")
    return pg_url


def _login(world: str, login: str) -> Samfam:
    return Samfam(_as(world, login))  # type: ignore[arg-type]


def _cases(s: Samfam) -> set[str]:
    return {row["case"] for row in s.ok("case", "list", "--status", "all", "-f", "json").json()}


def test_a_login_outside_the_team_opens_an_emergency_access_sees_the_case_and_closes_it(world):
    cd = _login(world, "cd")
    assert _cases(cd) == {"2026-0002"}
    assert "no case '2026-0001'" in cd("case", "show", "2026-0001").stderr
    opened = cd("access", "open", "2026-0001", "--reason", "Akut henvendelse fra skolen", "--hours", "2")
    assert opened.exit_code == 0, opened.stderr
    assert "Emergency access to 2026-0001 for CD" in opened.stderr + opened.stdout
    assert _cases(cd) == {"2026-0001", "2026-0002"}
    cd.ok("case", "show", "2026-0001")
    again = cd("access", "open", "2026-0001", "--reason", "Igen")
    assert again.exit_code == 1 and "has emergency access to 2026-0001 already" in again.stderr
    cd.ok("access", "close", "2026-0001")
    assert _cases(cd) == {"2026-0002"}
    closed = cd("access", "close", "2026-0001")
    assert closed.exit_code == 1 and "no open emergency access to 2026-0001" in closed.stderr
    log = Samfam(world).ok("audit", "--case", "2026-0001", "-f", "json").json()  # type: ignore[arg-type]
    assert {("CD", "access.open"), ("CD", "access.close")} <= {(r["user"], r["action"]) for r in log}
    assert Samfam(world).ok("audit", "verify", "-f", "json").json()["ok"] is True  # type: ignore[arg-type]


def test_an_unknown_reference_is_no_case_for_an_emergency_access_too(world):
    refused = _login(world, "cd")("access", "open", "2026-0999", "--reason", "Akut")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: no case '2026-0999'")


def test_a_write_the_database_refuses_is_not_permitted_in_one_line_naming_the_login(world):
    ab = _login(world, "ab")
    before = Samfam(world).ok("audit", "--limit", "0", "-f", "json").json()  # type: ignore[arg-type]
    refused = ab("case", "open", "2026-0950", "--child", "Ny", "--advisor", "CD", "--para", "BL 86")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: not permitted: new row violates row-level security policy")
    assert "your login 'ab' may not add rows to cases" in refused.stderr
    assert "unexpected" not in refused.stderr and len(refused.stderr.splitlines()) == 1
    after = Samfam(world).ok("audit", "--limit", "0", "-f", "json").json()  # type: ignore[arg-type]
    assert after[1:] == before  # nothing written; the one new row is the first 'audit' logging itself


def test_a_privilege_the_logins_roles_lack_is_not_permitted(world):
    """The unit of work and a read connection turn SQLSTATE 42501 into NotPermitted, whatever the command."""
    from samfam.errors import ExitStatus, NotPermitted
    from samfam.store import tables
    from samfam.store.engine import Store

    store = Store(_as(world, "ab"))
    try:
        with pytest.raises(NotPermitted, match=r"permission denied for table closed_day .*'ab' may not add rows"):
            with store.unit_of_work("AB", TODAY) as uow:  # closed days are the team leader's (samfam_teamleader)
                uow.insert(tables.closed_day, day=date(2026, 12, 24), note="Juleaftensdag")
                uow.commit()
        with pytest.raises(NotPermitted, match="'ab' may not delete rows of cases"):
            with store.unit_of_work("AB", TODAY) as uow:  # run on the connection directly, inside the work
                uow.conn.execute(tables.cases.delete().where(tables.cases.c.ref == "2026-0001"))
    finally:
        store.dispose()
    nobody = Store(_as(world, "nobody"))
    try:
        with pytest.raises(NotPermitted, match="'nobody' may not read cases") as refused:
            with nobody.connection() as conn:
                conn.execute(select(tables.cases.c.ref)).all()
        assert refused.value.exit_status == ExitStatus.DOMAIN_ERROR
    finally:
        nobody.dispose()
    with psycopg.connect(_raw(world)) as conn:  # nothing was written
        assert conn.execute("SELECT count(*) FROM closed_day").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 2


def test_an_advisor_opens_her_own_case_through_samfam(world):
    """The new case's row is not returned by its INSERT (the SELECT policy's set cannot see it yet): its id is
    taken first (samfam.store.work)."""
    ab = _login(world, "ab")
    ab.ok("case", "open", "2026-0003", "--child", "Ida Dahl", "--advisor", "AB", "--para", "BL 30")
    assert _cases(ab) == {"2026-0001", "2026-0003"}
    assert _cases(_login(world, "cd")) == {"2026-0002"}
