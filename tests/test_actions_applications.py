"""samfam.actions.applications, called directly: applications received, decided and the letter about a
delay; the published processing deadlines (frister) and the days the municipality closes."""

from __future__ import annotations

import pytest

from arrange import do, logged, opened, refused
from samfam.actions import applications as actions
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.rules.applications import Frist
from samfam.views import applications as views
from samfam.views import cases as case_views
from support import REF, d


@pytest.fixture
def app(case1):
    """Case 2026-0101 (MKJ, BL 86 since 2026-06-01), no frister, no closed days. Today Sunday 2026-11-22."""
    with opened(case1.db) as app:
        yield app


def test_set_frist_then_change_it(app):
    code, frist, before = do(app, actions.set_frist, "bl 32", 8, "weeks")
    assert (code, frist, before) == ("BL 32", Frist(8, "weeks"), None)
    code, frist, before = do(app, actions.set_frist, "BL 32", 40, "workdays")
    assert (frist, before.amount, before.unit) == (Frist(40, "workdays"), 8, "weeks")
    assert [(f["code"], f["amount"], f["unit"]) for f in views.frist_list(app)] == [("BL 32", 40, "workdays")]
    assert logged(app)[0] == ("frist.set", "BL 32: 40 working days (was 8 weeks)")


@pytest.mark.parametrize(
    ("code", "amount", "unit", "error"),
    [("BL 32", 8, "months", UsageError), ("BL 32", 0, "weeks", InvalidValue), ("BL 32", 366, "days", InvalidValue),
     ("BL 999", 8, "weeks", InvalidValue)],
)  # fmt: skip
def test_set_frist_refusals(case1, app, code, amount, unit, error):
    refused(case1, error, app, actions.set_frist, code, amount, unit)


def test_add_application_with_its_deadline(app):
    do(app, actions.set_frist, "BL 32", 8, "weeks")
    recorded = do(app, actions.add_application, REF, "bl 32", d("2026-10-01"))

    assert (recorded.application.code, recorded.case.ref, recorded.frist) == ("BL 32", REF, Frist(8, "weeks"))
    assert recorded.deadline == d("2026-11-26")  # 8 weeks after 1 October
    [row] = views.applications(app, REF)
    assert (row["received"], row["deadline"], row["days_left"], row["decided"]) == (
        d("2026-10-01"), d("2026-11-26"), 4, None)  # fmt: skip


def test_an_application_without_a_frist_has_no_deadline(app):
    recorded = do(app, actions.add_application, REF, "BL 32")
    assert (recorded.application.received, recorded.frist, recorded.deadline) == (d("2026-11-22"), None, None)


@pytest.mark.parametrize(
    ("args", "error"),
    [((REF, "BL 32", d("2026-11-23")), InvalidValue), ((REF, "BL 32", d("2026-05-31")), InvalidValue),
     (("2026-0999", "BL 32"), NotFound)],
)  # fmt: skip
def test_add_application_refusals(case1, app, args, error):
    refused(case1, error, app, actions.add_application, *args)


def test_decide_granted_adds_the_grant_in_the_same_transaction(app):
    application = do(app, actions.add_application, REF, "BL 32", d("2026-10-01")).application
    recorded = do(app, actions.decide_application, application.id, "granted", d("2026-11-10"), d("2026-11-15"))

    assert (recorded.application.decided, recorded.application.outcome) == (d("2026-11-10"), "granted")
    assert (recorded.grant.code, recorded.grant.start, recorded.application.grant_id) == (
        "BL 32", d("2026-11-15"), recorded.grant.id)  # fmt: skip
    assert ("BL 32", d("2026-11-15")) in [(g["code"], g["start"]) for g in case_views.case_card(app, REF)["grants"]]
    detail = f"{application.id}: BL 32 granted on 2026-11-10; grant {recorded.grant.id} from 2026-11-15"
    assert logged(app, REF)[0] == ("application.decide", detail)


@pytest.mark.parametrize(
    ("outcome", "kwargs", "error"),
    [
        ("maybe", {}, UsageError),
        ("refused", {"grant_from": d("2026-11-15")}, UsageError),
        ("granted", {"grant_to": d("2026-12-31")}, UsageError),
        ("granted", {"on": d("2026-09-30")}, InvalidValue),  # before it was received
        ("granted", {"on": d("2026-11-23")}, InvalidValue),
    ],
)
def test_decide_refusals(case1, app, outcome, kwargs, error):
    application = do(app, actions.add_application, REF, "BL 32", d("2026-10-01")).application
    refused(case1, error, app, actions.decide_application, application.id, outcome, **kwargs)


def test_a_decision_is_recorded_once_and_a_refused_grant_rolls_the_decision_back(case1, app):
    application = do(app, actions.add_application, REF, "BL 86", d("2026-10-01")).application
    # BL 86 runs already: the grant is refused, and with it the whole decision
    refused(case1, Conflict, app, actions.decide_application, application.id, "granted", grant_from=d("2026-11-01"))
    do(app, actions.decide_application, application.id, "refused", d("2026-11-10"))
    refused(case1, Conflict, app, actions.decide_application, application.id, "granted")
    refused(case1, NotFound, app, actions.decide_application, 99, "granted")


def test_record_letter(case1, app):
    application = do(app, actions.add_application, REF, "BL 32", d("2026-10-01")).application
    recorded = do(app, actions.record_letter, application.id, d("2026-11-20"))
    assert recorded.application.letter == d("2026-11-20")
    assert views.applications(app, REF)[0]["letter"] == d("2026-11-20")
    refused(case1, Conflict, app, actions.record_letter, application.id)  # once


def test_no_letter_after_the_decision(case1, app):
    application = do(app, actions.add_application, REF, "BL 32", d("2026-10-01")).application
    refused(case1, InvalidValue, app, actions.record_letter, application.id, d("2026-09-30"))
    do(app, actions.decide_application, application.id, "refused", d("2026-11-10"))
    assert "comes before the decision" in refused(case1, Conflict, app, actions.record_letter, application.id)


def test_closed_days_added_and_removed(case1, app):
    day = do(app, actions.add_closed_day, d("2026-11-27"), " Brofridag ")
    assert (day.day, day.note) == (d("2026-11-27"), "Brofridag")
    assert views.closed_day_list(app, 2026) == [
        {"day": d("2026-11-27"), "weekday": "Friday", "kind": "closed", "note": "Brofridag"}
    ]
    refused(case1, Conflict, app, actions.add_closed_day, d("2026-11-27"))
    assert do(app, actions.remove_closed_day, d("2026-11-27")).note == "Brofridag"
    assert views.closed_day_list(app, 2026) == []
    refused(case1, NotFound, app, actions.remove_closed_day, d("2026-11-27"))


def test_a_closed_day_moves_a_deadline_in_working_days(app):
    do(app, actions.set_frist, "BL 32", 5, "workdays")
    do(app, actions.add_application, REF, "BL 32", d("2026-11-20"))
    assert views.applications(app, REF)[0]["deadline"] == d("2026-11-27")  # Mon-Fri after Friday 20th
    do(app, actions.add_closed_day, d("2026-11-25"))
    assert views.applications(app, REF)[0]["deadline"] == d("2026-11-30")


def test_cli_application_letter_after_arranging_through_the_actions(case1, app):
    do(app, actions.set_frist, "BL 32", 8, "weeks")
    application = do(app, actions.add_application, REF, "BL 32", d("2026-10-01")).application
    result = case1("application", "letter", str(application.id), "--on", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == (
        f"Application {application.id}: case 2026-0101, letter about the delay on 2026-11-20; "
        "deadline 2026-11-26 (8 weeks from receipt).\n",
        "",
    )
