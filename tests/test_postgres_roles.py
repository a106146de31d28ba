"""Roles on PostgreSQL (docs/privacy.md "Who may do what"): the login's advisor leads a team by role or by
samfam_teamleader; the administrator may everything; the DPO reads the log and writes access letters."""

from __future__ import annotations

import hashlib
import os

import pytest

from conftest import Samfam, fresh_database
from support import DOMAIN_ERROR, assert_error
from test_postgres_security import _as, _build

pytestmark = pytest.mark.postgres

psycopg = pytest.importorskip("psycopg")


@pytest.fixture(scope="module")
def world(pg_server):
    """test_postgres_security's world (ab, cd staff; tl Nord's team leader; dpo), a database of its own."""
    url = fresh_database(pg_server, f"samfam_roles_{hashlib.sha1(__name__.encode()).hexdigest()[:8]}_{os.getpid()}")
    _build(Samfam(url), url)  # type: ignore[arg-type]
    return url


def _samfam(world: str, login: str) -> Samfam:
    return Samfam(_as(world, login))  # type: ignore[arg-type]


def test_the_teams_leader_sets_its_rhythm_and_no_other_teams(world):
    tl = _samfam(world, "tl")
    tl.ok("team", "rhythm", "--team", "Nord", "--case-meetings-every", "14")
    assert_error(tl("team", "rhythm", "--team", "Syd", "--case-meetings-every", "14"), DOMAIN_ERROR,
                 "only a team leader of Syd", "TL acts")  # fmt: skip
    tl.ok("closed-day", "add", "2026-12-24")  # municipality-wide: any team leader


def test_staff_are_refused_a_team_leaders_work(world):
    ab = _samfam(world, "ab")
    assert_error(ab("closed-day", "add", "2026-12-31"), DOMAIN_ERROR, "only a team leader", "AB acts")
    assert_error(ab("advisor", "update", "EF", "--caseload-target", "20"), DOMAIN_ERROR, "team leader of Nord")


def test_nobody_changes_their_own_role_and_only_the_administrator_links_a_login(world):
    tl = _samfam(world, "tl")
    assert_error(tl("advisor", "update", "TL", "--role", "chef"), DOMAIN_ERROR, "own role")
    assert_error(tl("advisor", "update", "EF", "--login", "ef"), DOMAIN_ERROR, "only the administrator")
    Samfam(world).ok("advisor", "update", "EF", "--caseload-target", "18")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "-f", "json"],
        ["audit", "verify"],
        ["audit", "unusual", "--from", "2026-01-01", "--to", "2027-12-31", "-f", "json"],
        ["access", "2026-0001", "-f", "json"],
        ["access", "2026-0005", "-f", "markdown"],
    ],
    ids=" ".join,
)
def test_the_dpo_reads_the_log_and_writes_access_letters(world, argv):
    result = _samfam(world, "dpo")(*argv)
    assert result.exit_code == 0, result.stderr


def test_the_dpo_sees_no_case_and_does_no_team_leaders_work(world):
    dpo = _samfam(world, "dpo")
    assert dpo.ok("case", "list", "--status", "all", "-f", "json").json() == []
    assert_error(dpo("closed-day", "add", "2026-12-30"), DOMAIN_ERROR, "dpo acts, neither the administrator")


def test_the_dpos_access_letter_names_the_child_and_counts_what_is_held(world):
    letter = _samfam(world, "dpo").ok("access", "2026-0005", "-f", "json").json()
    assert (letter["child"], letter["cases"]) == ("Alma Holm", ["2026-0005"])
    held = {k: letter["held"][k] for k in ("grants", "events", "goals", "tasks", "actors", "handovers")}
    assert held == {"grants": 1, "events": 1, "goals": 1, "tasks": 1, "actors": 1, "handovers": 1}
    assert any(e["action"] == "case.open" for e in letter["entries"])
    assert_error(_samfam(world, "ab")("access", "2026-0005"), DOMAIN_ERROR, "no case '2026-0005'")  # not ab's
    assert _samfam(world, "ab").ok("access", "2026-0001", "-f", "json").json()["held"]["events"] == 1
