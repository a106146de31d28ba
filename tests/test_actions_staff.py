"""samfam.actions.staff, called directly: advisors added, changed, leaving; their absences."""

from __future__ import annotations

import pytest

from arrange import do, logged, opened, refused
from samfam.actions import staff
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.views import absences as absence_views
from samfam.views import staff as staff_views
from support import REF, d


@pytest.fixture
def app(case1):
    """MKJ and LBH in Nord, ATP in Syd; MKJ holds case 2026-0101. Today Sunday 2026-11-22."""
    with opened(case1.db) as app:
        yield app


def advisors(app, everyone: bool = False) -> dict[str, tuple]:
    return {
        a["initials"]: (a["name"], a["team"], a["role"], a["left"])
        for a in staff_views.advisor_list(app, everyone=everyone)
    }


def test_add_advisor(app):
    advisor = do(app, staff.add_advisor, "sfn", " Sofie Falk Nielsen ", "Syd", "teamleder")
    assert (advisor.initials, advisor.name) == ("SFN", "Sofie Falk Nielsen")
    assert advisors(app)["SFN"] == ("Sofie Falk Nielsen", "Syd", "teamleder", None)
    assert logged(app)[0] == ("advisor.add", "SFN Sofie Falk Nielsen team Syd")


@pytest.mark.parametrize(
    ("initials", "name", "error"),
    [("MKJ", "Mette Kjær", Conflict), ("SFN", " ", UsageError), ("S F N", "Sofie", UsageError)],
)
def test_add_advisor_refusals(case1, app, initials, name, error):
    refused(case1, error, app, staff.add_advisor, initials, name)


def test_update_advisor(app):
    advisor = do(app, staff.update_advisor, "LBH", team="Syd", role="", caseload_target=25)
    assert (advisor.team, advisor.role, advisor.caseload_target) == ("Syd", None, 25)
    assert logged(app)[0] == ("advisor.update", "LBH: team Syd, role none, caseload target 25")


@pytest.mark.parametrize(
    ("who", "kwargs", "error"),
    [("LBH", {}, UsageError), ("LBH", {"caseload_target": -1}, UsageError), ("XYZ", {"name": "X"}, NotFound)],
)
def test_update_advisor_refusals(case1, app, who, kwargs, error):
    refused(case1, error, app, staff.update_advisor, who, **kwargs)


def test_advisor_leave_names_the_open_cases_still_held(case1, app):
    advisor, holding, was = do(app, staff.advisor_leave, "MKJ", d("2026-11-30"))
    assert (advisor.left, holding, was) == (d("2026-11-30"), [REF], None)
    assert "MKJ" in advisors(app)  # still here until the last day
    assert logged(app)[0] == ("advisor.leave", "MKJ on 2026-11-30; open cases: 1")
    refused(case1, Conflict, app, staff.advisor_leave, "MKJ", d("2026-12-31"))


def test_advisor_leave_moved_or_undone_with_a_reason(case1, app):
    do(app, staff.advisor_leave, "MKJ", d("2026-11-30"))
    advisor, holding, was = do(app, staff.advisor_leave, "MKJ", d("2026-12-31"), "Forlænget")
    assert (advisor.left, holding, was) == (d("2026-12-31"), [REF], d("2026-11-30"))
    assert logged(app)[0] == ("advisor.leave-correct", "MKJ: last day 2026-12-31 (was 2026-11-30): Forlænget")
    advisor, holding, was = do(app, staff.advisor_leave, "MKJ", None, "Fejl", undo=True)
    assert (advisor.left, holding, was) == (None, [], d("2026-12-31"))
    assert logged(app)[0] == ("advisor.leave-undo", "MKJ: last day 2026-12-31 undone: Fejl")
    refused(case1, Conflict, app, staff.advisor_leave, "MKJ", None, "Fejl", undo=True)  # nothing to undo
    refused(case1, UsageError, app, staff.advisor_leave, "MKJ", None)  # neither a day nor --undo


def test_an_advisor_who_left_is_listed_only_with_everyone(app):
    do(app, staff.advisor_leave, "ATP", d("2026-11-01"))
    assert "ATP" not in advisors(app)
    assert advisors(app, everyone=True)["ATP"][3] == d("2026-11-01")


def test_advisor_away_counts_working_days(app):
    absence = do(app, staff.advisor_away, "LBH", d("2026-11-23"), d("2026-11-29"), " Ferie ")
    assert (absence.advisor, absence.workdays, absence.row.reason) == ("LBH", 5, "Ferie")  # Mon-Fri
    [row] = absence_views.absence_list(app, "LBH")
    assert (row["start"], row["end"], row["workdays"], row["reason"]) == (d("2026-11-23"), d("2026-11-29"), 5, "Ferie")
    assert logged(app)[0] == ("advisor.away", "LBH from 2026-11-23 to 2026-11-29: Ferie")


@pytest.mark.parametrize(
    ("who", "start", "end", "error", "says"),
    [
        ("LBH", "2026-12-05", "2026-12-01", InvalidValue, "give them in order"),
        ("XYZ", "2026-12-01", "2026-12-05", NotFound, "no advisor 'XYZ'"),
        ("LBH", "2026-11-27", "2026-12-02", Conflict, "absences may not overlap"),
        ("ATP", "2026-12-01", "2026-12-05", Conflict, "left on 2026-11-01"),
    ],
)
def test_advisor_away_refusals(case1, app, who, start, end, error, says):
    do(app, staff.advisor_away, "LBH", d("2026-11-23"), d("2026-11-27"))
    do(app, staff.advisor_leave, "ATP", d("2026-11-01"))
    assert says in refused(case1, error, app, staff.advisor_away, who, d(start), d(end))


def test_remove_absence(case1, app):
    absence = do(app, staff.advisor_away, "LBH", d("2026-11-23"), d("2026-11-27"), "Kursus")
    removed = do(app, staff.remove_absence, absence.row.id, "Aflyst")
    assert (removed.advisor, removed.workdays) == ("LBH", 5)
    assert absence_views.absence_list(app, "LBH") == []
    detail = f"absence {absence.row.id}: LBH from 2026-11-23 to 2026-11-27 (Kursus); why: Aflyst"
    assert logged(app)[0] == ("advisor.absence-remove", detail)
    refused(case1, NotFound, app, staff.remove_absence, absence.row.id)


def test_remove_absence_refuses_a_reason_too_long(case1, app):
    absence = do(app, staff.advisor_away, "LBH", d("2026-11-23"), d("2026-11-27"))
    refused(case1, InvalidValue, app, staff.remove_absence, absence.row.id, "x" * (staff.REASON_LIMIT + 1))


def test_cli_advisor_leave_warns_of_the_cases_held(case1, app):
    do(app, staff.add_advisor, "SFN", "Sofie Falk Nielsen", "Nord")
    result = case1("advisor", "leave", "MKJ", "--on", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Advisor MKJ (Mette Kjær Jensen) left on 2026-11-30.\n")
    assert REF in result.stdout + result.stderr
