"""Errors of the team leader's commands: the exit code, one `Error:` line, the database unchanged."""

from __future__ import annotations

import pytest

from conftest import Samfam, _built, _restore, add_team
from support import DOMAIN_ERROR, USAGE_ERROR, assert_error, open_

# -- errors -------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _world_db(tmp_path_factory, migrated_db):
    return _built(tmp_path_factory, migrated_db, "team_errors", add_team, _world)


@pytest.fixture
def world(team: Samfam, _world_db) -> Samfam:
    """`_world`, built once a session (a worker) and copied for each test."""
    return _restore(team, _world_db)


def _world(team: Samfam) -> Samfam:
    """Case 2026-0001 (not enrolled) and 2026-0002 (enrolled 2026-07-01 in 'Sammen om familien'),
    learning goal 1 for MKJ set today."""
    open_(team, "2026-0001", "BL 86", opened="2026-06-01")
    open_(team, "2026-0002", "BL 86", opened="2026-06-01")
    team.ok("programme", "add", "Sammen om familien", "--target", "10", "--ends", "2027-12-31")
    team.ok("programme", "enrol", "2026-0002", "Sammen om familien", "--on", "2026-07-01")
    team.ok("learning-goal", "add", "MKJ", "Bruge skalaen")
    return team


ERRORS = [
    # -- unknown team --------------------------------------------------------------------------------
    pytest.param(("report", "weekly", "--team", "Øst"), DOMAIN_ERROR, ("Øst",), id="weekly-unknown-team"),
    pytest.param(
        ("report", "weekly", "--team", "Øst", "-f", "json"), DOMAIN_ERROR, ("Øst",), id="weekly-json-unknown-team"
    ),
    pytest.param(
        ("report", "weekly", "--team", "Øst", "--check"), DOMAIN_ERROR, ("Øst",), id="weekly-check-unknown-team"
    ),
    pytest.param(("caseload", "--team", "Øst"), DOMAIN_ERROR, ("Øst",), id="caseload-unknown-team"),
    pytest.param(("team", "rhythm", "--team", "Øst"), DOMAIN_ERROR, ("Øst",), id="rhythm-unknown-team"),
    pytest.param(
        ("team", "rhythm", "--team", "Øst", "--case-meetings-every", "14"),
        DOMAIN_ERROR,
        ("Øst",),
        id="set-rhythm-unknown-team",
    ),
    pytest.param(
        ("team", "meeting", "add", "stop-op", "--on", "2026-11-20", "--team", "Øst"),
        DOMAIN_ERROR,
        ("Øst",),
        id="meeting-unknown-team",
    ),
    # -- team meetings and rhythm --------------------------------------------------------------------
    pytest.param(
        ("team", "meeting", "add", "stop-op", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        ("2026-11-23",),
        id="meeting-in-the-future",
    ),
    pytest.param(
        ("team", "meeting", "add", "coffee", "--on", "2026-11-20"), USAGE_ERROR, ("coffee",), id="meeting-bad-kind"
    ),
    pytest.param(
        ("team", "meeting", "add", "stop-op", "--on", "2026-02-30"), USAGE_ERROR, ("2026-02-30",), id="meeting-bad-date"
    ),
    pytest.param(("team", "rhythm", "--case-meetings-every", "14"), USAGE_ERROR, ("--team",), id="rhythm-without-team"),
    pytest.param(
        ("team", "rhythm", "--team", "Nord", "--case-meetings-every", "0"), USAGE_ERROR, ("0",), id="rhythm-zero-days"
    ),
    # -- caseload target -----------------------------------------------------------------------------
    pytest.param(
        ("advisor", "update", "MKJ", "--caseload-target", "-1"), USAGE_ERROR, ("-1",), id="negative-caseload-target"
    ),
    pytest.param(
        ("advisor", "update", "ZZZ", "--caseload-target", "5"), DOMAIN_ERROR, ("ZZZ",), id="target-unknown-advisor"
    ),
    # -- programmes ----------------------------------------------------------------------------------
    pytest.param(
        ("programme", "add", "Sammen om familien", "--target", "5"),
        DOMAIN_ERROR,
        ("Sammen om familien",),
        id="duplicate-programme",
    ),
    pytest.param(("programme", "add", "Ny", "--target", "-1"), USAGE_ERROR, ("-1",), id="negative-programme-target"),
    pytest.param(
        ("programme", "enrol", "2026-0001", "Ukendt", "--on", "2026-07-01"),
        DOMAIN_ERROR,
        ("Ukendt",),
        id="enrol-unknown-programme",
    ),
    pytest.param(("enrolment", "--programme", "Ukendt"), DOMAIN_ERROR, ("Ukendt",), id="enrolment-unknown-programme"),
    pytest.param(
        ("programme", "enrol", "2026-0002", "Sammen om familien", "--on", "2026-11-01"),
        DOMAIN_ERROR,
        ("2026-0002",),
        id="enrol-twice",
    ),
    pytest.param(
        ("programme", "enrol", "2026-9999", "Sammen om familien"), DOMAIN_ERROR, ("2026-9999",), id="enrol-unknown-case"
    ),
    pytest.param(
        ("programme", "enrol", "2026-0001", "Sammen om familien", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        ("2026-11-23",),
        id="enrol-in-the-future",
    ),
    pytest.param(
        ("programme", "enrol", "2026-0001", "Sammen om familien", "--on", "2026-05-31"),
        DOMAIN_ERROR,
        ("2026-05-31",),
        id="enrol-before-opening",
    ),
    pytest.param(
        ("programme", "discharge", "2026-0001", "--on", "2026-11-01"),
        DOMAIN_ERROR,
        ("2026-0001",),
        id="discharge-not-enrolled",
    ),
    pytest.param(
        ("programme", "discharge", "2026-0002", "--on", "2026-06-30"),
        DOMAIN_ERROR,
        ("2026-06-30",),
        id="discharge-before-enrolment",
    ),
    # -- experience ----------------------------------------------------------------------------------
    pytest.param(("experience", "add", "2026-0001", "0"), USAGE_ERROR, ("0",), id="score-0"),
    pytest.param(("experience", "add", "2026-0001", "6"), USAGE_ERROR, ("6",), id="score-6"),
    pytest.param(("experience", "add", "2026-0001", "fire"), USAGE_ERROR, ("fire",), id="score-not-a-number"),
    pytest.param(("experience", "add", "2026-9999", "3"), DOMAIN_ERROR, ("2026-9999",), id="score-unknown-case"),
    pytest.param(
        ("experience", "add", "2026-0001", "3", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        ("2026-11-23",),
        id="score-in-the-future",
    ),
    # -- learning goals ------------------------------------------------------------------------------
    pytest.param(("learning-goal", "review", "99"), DOMAIN_ERROR, ("99",), id="review-unknown-learning-goal"),
    pytest.param(
        ("learning-goal", "review", "1", "--on", "2026-11-23"), DOMAIN_ERROR, ("2026-11-23",), id="review-in-future"
    ),
    pytest.param(
        ("learning-goal", "review", "1", "--on", "2026-11-21"), DOMAIN_ERROR, ("2026-11-21",), id="review-before-set"
    ),
    pytest.param(
        ("learning-goal", "review", "1", "--status", "halvvejs"), USAGE_ERROR, ("halvvejs",), id="review-bad-status"
    ),
    pytest.param(("learning-goal", "add", "ZZZ", "Mål"), DOMAIN_ERROR, ("ZZZ",), id="learning-goal-unknown-advisor"),
    # -- responsibility ------------------------------------------------------------------------------
    pytest.param(
        ("case", "assign", "2026-0001", "--advisor", "LBH", "--on", "2026-11-23"),
        DOMAIN_ERROR,
        ("2026-11-23",),
        id="assign-in-the-future",
    ),
    pytest.param(
        ("case", "assign", "2026-0001", "--advisor", "LBH", "--on", "2026-05-31"),
        DOMAIN_ERROR,
        ("2026-05-31",),
        id="assign-before-opening",
    ),
    # -- weekly report options -----------------------------------------------------------------------
    pytest.param(("report", "weekly", "--format", "csv"), USAGE_ERROR, ("csv",), id="weekly-bad-format"),
]


@pytest.mark.parametrize(("argv", "exit_code", "names"), ERRORS)
def test_team_leader_errors(world, argv, exit_code, names):
    before = world.snapshot()
    result = world(*argv)
    assert_error(result, exit_code, *names)
    assert world.snapshot() == before


def test_weekly_output_to_a_missing_folder_is_an_error(world, tmp_path):
    target = tmp_path / "nowhere" / "uge.html"
    before = world.snapshot()
    result = world("report", "weekly", "--format", "html", "--output", str(target))
    assert_error(result, DOMAIN_ERROR, "nowhere")
    assert not target.exists()
    assert world.snapshot() == before
