"""Roles enforced, not labels (docs/privacy.md "Who may do what"): on SQLite the OS login that owns the file is
its administrator; an advisor named with --user does a team leader's work only as the leader of that team."""

from __future__ import annotations

import pytest

import samfam.store.identity as identity
from conftest import Samfam
from support import DOMAIN_ERROR, assert_refused


@pytest.fixture
def leaders(team: Samfam) -> Samfam:
    """The team (MKJ and LBH in Nord, ATP in Syd) with TL leading Nord; set up by the OS login."""
    team.ok("advisor", "add", "TL", "--name", "Tove Lund", "--team", "Nord", "--role", "teamleder")
    return team


NORD_OPERATIONS = [
    ["advisor", "add", "NY", "--name", "Ny Rådgiver", "--team", "Nord"],
    ["advisor", "update", "LBH", "--caseload-target", "20"],
    ["advisor", "leave", "LBH", "--on", "2026-12-31"],
    ["advisor", "away", "LBH", "--from", "2026-12-21", "--to", "2026-12-23"],
    ["team", "rhythm", "--team", "Nord", "--case-meetings-every", "14"],
    ["access", "review", "--team", "Nord", "--sign-off"],
]
MUNICIPALITY_OPERATIONS = [
    ["frist", "set", "BL 86", "40", "--unit", "workdays"],
    ["closed-day", "add", "2026-12-24"],
]


@pytest.mark.parametrize("argv", NORD_OPERATIONS + MUNICIPALITY_OPERATIONS, ids=" ".join)
def test_an_advisor_who_leads_no_team_is_refused_a_team_leaders_work(leaders, argv):
    assert_refused(leaders, argv, DOMAIN_ERROR, "only a team leader", "the administrator", "MKJ acts", user="MKJ")


@pytest.mark.parametrize("argv", NORD_OPERATIONS + MUNICIPALITY_OPERATIONS, ids=" ".join)
def test_the_teams_leader_may(leaders, argv):
    leaders.ok(*argv, user="TL")


@pytest.mark.parametrize("argv", NORD_OPERATIONS + MUNICIPALITY_OPERATIONS, ids=" ".join)
def test_the_os_login_owning_the_file_is_its_administrator(leaders, argv):
    leaders.ok(*argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["advisor", "add", "NY", "--name", "Ny Rådgiver", "--team", "Syd"],
        ["advisor", "update", "ATP", "--caseload-target", "20"],
        ["advisor", "update", "LBH", "--team", "Syd"],  # into another team: both teams' leader
        ["advisor", "leave", "ATP", "--on", "2026-12-31"],
        ["advisor", "away", "ATP", "--from", "2026-12-21", "--to", "2026-12-23"],
        ["team", "rhythm", "--team", "Syd", "--case-meetings-every", "14"],
        ["access", "review", "--team", "Syd", "--sign-off"],
    ],
    ids=" ".join,
)
def test_a_team_leader_is_refused_another_teams_work(leaders, argv):
    assert_refused(leaders, argv, DOMAIN_ERROR, "TL acts (role teamleder, team Nord)", user="TL")


def test_an_absence_is_removed_by_the_advisors_team_leader(leaders):
    leaders.ok("advisor", "away", "ATP", "--from", "2026-12-21", "--to", "2026-12-23")
    assert_refused(leaders, ["advisor", "absence-remove", "1"], DOMAIN_ERROR, "team leader of Syd", user="TL")
    leaders.ok("advisor", "away", "LBH", "--from", "2026-12-21", "--to", "2026-12-23", user="TL")
    leaders.ok("advisor", "absence-remove", "2", user="TL")
    leaders.ok("advisor", "absence-remove", "1")


@pytest.mark.parametrize(
    "argv",
    [["advisor", "update", "LBH", "--login", "lbh"], ["advisor", "add", "NY", "--name", "Ny", "--team", "Nord",
                                                      "--login", "ny"]],
)  # fmt: skip
def test_only_the_administrator_links_a_login(leaders, argv):
    assert_refused(leaders, argv, DOMAIN_ERROR, "advisor.login: only the administrator may", user="TL")
    leaders.ok(*argv)


@pytest.mark.parametrize("user", ["TL", "MKJ"])
def test_nobody_changes_their_own_role(leaders, user):
    assert_refused(leaders, ["advisor", "update", user, "--role", "chef"], DOMAIN_ERROR, "own role", user=user)


def test_a_team_leader_changes_another_advisors_role(leaders):
    leaders.ok("advisor", "update", "LBH", "--role", "teamleder", user="TL")
    assert {a["initials"]: a["role"] for a in leaders.ok("advisor", "list", "-f", "json").json()}["LBH"] == "teamleder"


def test_an_import_never_changes_ones_own_role(leaders, tmp_path):
    rows = tmp_path / "advisors.csv"
    rows.write_text("initials,name,team,role\nTL,Tove Lund,Nord,chef\n", encoding="utf-8")
    result = leaders("import", "advisors", str(rows), "--update", user="TL")
    assert result.exit_code == DOMAIN_ERROR and "own role" in result.stderr + result.stdout
    assert {a["initials"]: a["role"] for a in leaders.ok("advisor", "list", "-f", "json").json()}["TL"] == "teamleder"


def test_an_os_login_that_does_not_own_the_file_is_no_administrator(leaders, monkeypatch):
    monkeypatch.setattr(identity, "_owns_file", lambda path: False)
    assert_refused(leaders, ["closed-day", "add", "2026-12-24"], DOMAIN_ERROR, "neither the administrator nor")
    leaders.ok("closed-day", "add", "2026-12-24", user="TL")  # the team leader still may
