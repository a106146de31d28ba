"""samfam.actions.team, called directly: the team's rhythm and meetings, learning goals, programmes and
enrolment, the families' experience."""

from __future__ import annotations

import pytest

from arrange import do, logged, opened, refused
from samfam.actions import cases, team
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.views import team as team_views
from support import REF, d


@pytest.fixture
def app(case1):
    """MKJ and LBH in Nord, ATP in Syd; case 2026-0101 (MKJ, opened 2026-06-01). Today 2026-11-22."""
    with opened(case1.db) as app:
        yield app


def rhythm(app, kind: str = "case-meeting") -> dict:
    return next(r for r in team_views.team_rhythm(app, "Nord") if r["kind"] == kind)


def test_team_rhythm_set_and_changed(app):
    first = do(app, team.set_team_rhythm, "Nord", 14)
    again = do(app, team.set_team_rhythm, "Nord", 7)
    assert (first.id, again.id, again.case_meeting_days) == (first.id, first.id, 7)
    assert rhythm(app)["rhythm"] == "every 7 days"
    assert logged(app)[0] == ("team.rhythm", "Nord: case meetings every 7 days")


@pytest.mark.parametrize(("name", "days", "error"), [("Vest", 14, NotFound), ("Nord", 0, UsageError)])
def test_team_rhythm_refusals(case1, app, name, days, error):
    refused(case1, error, app, team.set_team_rhythm, name, days)


def test_team_meeting_moves_the_rhythm(app):
    do(app, team.set_team_rhythm, "Nord", 14)
    meeting = do(app, team.add_team_meeting, "case-meeting", d("2026-11-02"), "Nord", "Sager gennemgået")
    assert (meeting.kind, meeting.day, meeting.team) == ("case-meeting", d("2026-11-02"), "Nord")
    row = rhythm(app)
    assert (row["last"], row["next_due"], row["status"], row["days_overdue"]) == (
        d("2026-11-02"), d("2026-11-16"), "overdue", 6)  # fmt: skip
    assert team_views.team_meeting_list(app, "Nord") == [
        {"day": d("2026-11-02"), "kind": "case-meeting", "team": "Nord", "note": "Sager gennemgået"}
    ]


@pytest.mark.parametrize(
    ("kind", "on", "name", "error"),
    [("coffee", None, "Nord", UsageError), ("stop-op", d("2026-11-23"), "Nord", InvalidValue),
     ("stop-op", None, "Vest", NotFound)],
)  # fmt: skip
def test_team_meeting_refusals(case1, app, kind, on, name, error):
    refused(case1, error, app, team.add_team_meeting, kind, on, name)


def test_learning_goal_set_and_reviewed(app):
    goal = do(app, team.add_learning_goal, "LBH", " Lære Signs of Safety ")
    reviewed = do(app, team.review_learning_goal, goal.id, "Godt i gang", "achieved", d("2026-11-22"))
    assert (goal.text, goal.created, reviewed.status) == ("Lære Signs of Safety", d("2026-11-22"), "achieved")
    [row] = team_views.learning_goal_list(app, "LBH")
    assert (row["status"], row["last_review"], row["attention"]) == ("achieved", d("2026-11-22"), [])


def test_learning_goal_refusals(case1, app):
    refused(case1, UsageError, app, team.add_learning_goal, "LBH", " ")
    refused(case1, NotFound, app, team.review_learning_goal, 99)
    goal = do(app, team.add_learning_goal, "LBH", "Lære Signs of Safety")
    refused(case1, UsageError, app, team.review_learning_goal, goal.id, status="finished")
    refused(case1, InvalidValue, app, team.review_learning_goal, goal.id, on=d("2026-11-21"))


def test_programme_enrol_and_discharge(app):
    programme = do(app, team.add_programme, " Familiehuset ", 10, d("2027-12-31"))
    assert programme.name == "Familiehuset"
    enrolment = do(app, team.enrol, REF, "Familiehuset", d("2026-07-01"))
    assert enrolment.enrolled == d("2026-07-01")
    [row] = team_views.enrolment(app)
    assert (row["enrolled"], row["discharged"], row["active"], row["to_target"]) == (1, 0, 1, 9)
    assert row["age_bands"][next(k for k, v in row["age_bands"].items() if v)] == 1  # Alma, 11, in one band

    assert do(app, team.discharge, REF, d("2026-11-01")).discharged == d("2026-11-01")
    [row] = team_views.enrolment(app)
    assert (row["enrolled"], row["discharged"], row["active"]) == (1, 1, 0)


@pytest.mark.parametrize(
    ("action", "args", "error"),
    [
        (team.add_programme, ("Familiehuset",), Conflict),
        (team.add_programme, (" ",), UsageError),
        (team.add_programme, ("Ny", -1), UsageError),
        (team.enrol, (REF, "Ukendt"), NotFound),
        (team.enrol, (REF, "Familiehuset", d("2026-05-01")), InvalidValue),
        (team.discharge, (REF,), NotFound),
    ],
)
def test_programme_refusals(case1, app, action, args, error):
    do(app, team.add_programme, "Familiehuset")
    refused(case1, error, app, action, *args)


def test_enrolled_once_at_a_time(case1, app):
    do(app, team.add_programme, "Familiehuset")
    do(app, team.enrol, REF, "Familiehuset")
    assert "discharge it first" in refused(case1, Conflict, app, team.enrol, REF, "Familiehuset")


def test_experience_measured_twice_shows_the_change(app):
    do(app, team.add_experience, REF, 2, d("2026-07-01"))
    do(app, team.add_experience, REF, 4, d("2026-11-01"))
    with app.connect() as conn:
        summary = team_views.experience_summary(conn, app, "Nord")
    assert summary == {
        "advisors": [{"advisor": "MKJ", "cases": 1, "change": 2.0}],
        "team": {"cases": 1, "first": 2.0, "latest": 4.0, "change": 2.0},
    }


@pytest.mark.parametrize(("score", "on", "error"), [(6, None, UsageError), (3, d("2026-05-31"), InvalidValue)])
def test_experience_refusals(case1, app, score, on, error):
    refused(case1, error, app, team.add_experience, REF, score, on)


def test_a_closed_case_is_not_enrolled(case1, app):
    do(app, team.add_programme, "Familiehuset")
    do(app, cases.close_case, REF, "Flyttet", d("2026-10-01"), force="Flyttet")
    refused(case1, Conflict, app, team.enrol, REF, "Familiehuset")


def test_cli_programme_enrolment_after_arranging_through_the_actions(case1, app):
    do(app, team.add_programme, "Familiehuset", 10)
    do(app, team.enrol, REF, "Familiehuset", d("2026-07-01"))
    result = case1("programme", "discharge", REF, "--on", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Case 2026-0101 discharged.\n"
