"""Who is really acting (issue 17): on SQLite the OS login, or --user naming a current staff member; on
PostgreSQL the login linked to an advisor, never --user; the OS login on every audit row."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import Samfam
from support import DOMAIN_ERROR, ME, REF, USAGE_ERROR, assert_error

PROBES = {
    "nobody": "NOBODY",
    "unknown": "TL",
    "departed": "GH",
    "escape": "AB\x1b[2J",
    "newline": "AB\nTL",
}


@pytest.fixture
def staffed(team: Samfam) -> Samfam:
    """MKJ, LBH, ATP current; GH left on 2026-11-01 (before today, 2026-11-22)."""
    team.ok("advisor", "add", "GH", "--name", "Gitte Holm", "--team", "Nord")
    team.ok("advisor", "leave", "GH", "--on", "2026-11-01")
    team.ok(
        "case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86"
    )
    return team


@pytest.mark.parametrize("claimed", PROBES.values(), ids=PROBES.keys())
@pytest.mark.parametrize(
    "argv",
    [("advisor", "add", "XX", "--name", "X Y"), ("case", "show", REF), ("case", "list")],
    ids=["write", "read-case", "read-list"],
)
def test_user_naming_no_current_staff_member_is_refused_and_nothing_is_written(staffed, claimed, argv):
    before = staffed.snapshot()
    result = staffed(*argv, user=claimed)
    line = assert_error(result, USAGE_ERROR, "--user")
    assert "\x1b" not in result.stderr and result.stderr.count("\n") == 1  # one line, nothing for the terminal
    if claimed in ("NOBODY", "TL", "GH"):
        assert "current staff: ATP, LBH, MKJ" in line
    if claimed == "GH":
        assert "GH left on 2026-11-01" in line
    assert staffed.snapshot() == before


def test_an_advisor_leaving_today_may_still_act(staffed):
    staffed.ok("advisor", "leave", "LBH", "--on", "2026-11-22")
    staffed.ok("event", "add", REF, "followup", "--on", "2026-11-20", user="LBH")
    assert staffed.rows("audit_log")[-1][2] == "LBH"


def test_the_os_login_is_on_every_audit_row_and_user_names_who_acts(staffed):
    staffed.ok("event", "add", REF, "followup", "--on", "2026-11-01")
    staffed.ok("case", "show", REF, user="mkj")  # initials in any case
    with sqlite3.connect(staffed.db) as conn:
        rows = conn.execute('SELECT "user", os_login, action FROM audit_log ORDER BY id').fetchall()
    assert rows and {os_login for _, os_login, _ in rows} == {ME}
    assert rows[-2][0] == ME and rows[-1][:1] == ("MKJ",)
    assert staffed.ok("audit", "verify", "-f", "json").json()["ok"] is True


def test_user_is_refused_while_there_is_no_staff(samfam, tmp_path):
    before = samfam.snapshot()
    line = assert_error(samfam("advisor", "add", "MKJ", "--name", "Mette", user="MKJ"), USAGE_ERROR)
    assert "no staff yet: leave --user out; the OS login acts" in line
    assert samfam.snapshot() == before
    fresh = Samfam(tmp_path / "new.db")
    assert_error(fresh("init", user="MKJ"), USAGE_ERROR, "no staff yet")
    assert not (tmp_path / "new.db").exists()
    assert_error(fresh("demo", "--db", str(tmp_path / "demo.db"), user="MKJ"), USAGE_ERROR, "no staff yet")
    assert not (tmp_path / "demo.db").exists()
    samfam.ok("advisor", "add", "MKJ", "--name", "Mette")  # the OS login sets up the staff
    assert samfam.rows("audit_log")[-1][2] == ME


# -- linking a PostgreSQL login --------------------------------------------------------------------------


def _logins(s: Samfam) -> dict[str, str | None]:
    return {a["initials"]: a["login"] for a in s.ok("advisor", "list", "-f", "json").json()}


def test_a_login_is_linked_shown_unlinked_and_audited(team):
    team.ok("advisor", "add", "AB", "--name", "Anna Berg", "--login", "ab")
    team.ok("advisor", "update", "MKJ", "--login", "Mette_K")  # folded as PostgreSQL folds an unquoted name
    assert _logins(team) == {"AB": "ab", "ATP": None, "LBH": None, "MKJ": "mette_k"}
    team.ok("advisor", "update", "MKJ", "--no-login")
    assert _logins(team)["MKJ"] is None
    details = [e["detail"] for e in team.ok("audit", "--action", "advisor", "-f", "json").json()]
    assert "AB Anna Berg login ab" in details and "MKJ: login mette_k" in details
    assert "MKJ: login none (was mette_k)" in details


@pytest.mark.parametrize(
    "login",
    ["1ab", "a-b", "a b", "æbe", "x" * 64, "ab\x1b[2J", ""],
    ids=["digit", "dash", "space", "æ", "64", "esc", "empty"],
)
def test_a_login_that_is_not_a_postgresql_identifier_is_refused(team, login):
    before = team.snapshot()
    assert_error(team("advisor", "add", "AB", "--name", "Anna Berg", "--login", login), USAGE_ERROR, "login")
    assert_error(team("advisor", "update", "MKJ", "--login", login), USAGE_ERROR, "login")
    assert team.snapshot() == before


def test_a_login_linked_twice_is_refused(team):
    team.ok("advisor", "update", "MKJ", "--login", "mkj")
    before = team.snapshot()
    line = assert_error(team("advisor", "update", "LBH", "--login", "mkj"), DOMAIN_ERROR, "mkj")
    assert "linked to MKJ already" in line
    assert_error(team("advisor", "add", "AB", "--name", "Anna", "--login", "MKJ"), DOMAIN_ERROR, "linked to MKJ")
    assert_error(team("advisor", "update", "LBH", "--login", "x", "--no-login"), USAGE_ERROR, "--no-login")
    assert team.snapshot() == before
    team.ok("advisor", "update", "MKJ", "--login", "mkj")  # its own login again: no clash


# -- PostgreSQL: the login acts --------------------------------------------------------------------------


def _as(url: str, login: str) -> str:
    return url.replace("postgresql+psycopg://postgres@", f"postgresql+psycopg://{login}@")


def _sql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def _audit(url: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        return conn.execute('SELECT "user", os_login, action FROM audit_log ORDER BY id').fetchall()


@pytest.fixture
def pg_world(pg_url) -> tuple[str, Samfam]:
    """A PostgreSQL database set up by the superuser (an administrator: acts under its login name), with the
    logins ab (linked to MKJ) and cd (linked to no one), allowed to read and write its tables."""
    admin = Samfam(pg_url)  # type: ignore[arg-type]
    admin.ok("init")
    add_staff = (("MKJ", "ab"), ("LBH", None))
    for initials, login in add_staff:
        admin.ok("advisor", "add", initials, "--name", f"Advisor {initials}", *(["--login", login] if login else []))
    admin.ok(
        "case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--para", "BL 86"
    )
    for role in ("ab", "cd"):
        _sql(
            pg_url,
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN; "
            "END IF; END $$",
            f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}",
            f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {role}",
        )
    return pg_url, admin


@pytest.mark.postgres
def test_on_postgresql_the_superuser_sets_up_and_acts_under_its_login(pg_world):
    url, _ = pg_world
    assert {(user, os_login) for user, os_login, _ in _audit(url)} == {("postgres", ME)}


@pytest.mark.postgres
def test_on_postgresql_a_linked_login_acts_as_its_advisor(pg_world):
    url, _ = pg_world
    ab = Samfam(_as(url, "ab"))  # type: ignore[arg-type]
    ab.ok("event", "add", REF, "followup", "--on", "2026-11-01")
    ab.ok("case", "show", REF, user="MKJ")  # its own initials: accepted
    assert [row[:2] for row in _audit(url)[-2:]] == [("MKJ", ME), ("MKJ", ME)]


@pytest.mark.postgres
def test_on_postgresql_user_differing_from_the_login_is_refused(pg_world):
    url, _ = pg_world
    ab = Samfam(_as(url, "ab"))  # type: ignore[arg-type]
    before = _audit(url)
    for argv in (("case", "show", REF), ("event", "add", REF, "followup", "--on", "2026-11-01")):
        line = assert_error(ab(*argv, user="LBH"), USAGE_ERROR, "--user LBH")
        assert "'ab' is MKJ" in line
    assert _audit(url) == before


@pytest.mark.postgres
def test_on_postgresql_an_unlinked_login_can_read_nothing_and_write_nothing(pg_world):
    url, _ = pg_world
    cd = Samfam(_as(url, "cd"))  # type: ignore[arg-type]
    before = _audit(url)
    expected = (
        "the login 'cd' is linked to no current advisor; ask the administrator: "
        "samfam advisor update INITIALS --login cd"
    )
    for argv in (("case", "list"), ("case", "show", REF), ("event", "add", REF, "followup", "--on", "2026-11-01")):
        result = cd(*argv)
        assert result.exit_code == DOMAIN_ERROR and result.stdout == ""
        assert result.stderr == f"Error: {expected}\n"
    assert_error(cd("case", "list", user="LBH"), DOMAIN_ERROR, "linked to no current advisor")
    assert _audit(url) == before


@pytest.mark.postgres
def test_on_postgresql_a_login_whose_advisor_has_left_acts_no_more(pg_world):
    url, admin = pg_world
    admin.ok("advisor", "update", "LBH", "--login", "cd")
    cd = Samfam(_as(url, "cd"))  # type: ignore[arg-type]
    cd.ok("case", "list")
    admin.ok("advisor", "leave", "LBH", "--on", "2026-11-01")
    assert_error(cd("case", "list"), DOMAIN_ERROR, "linked to no current advisor")
