"""samfam.actions.grants, called directly: a paragraph granted, ended, voided; the track follows."""

from __future__ import annotations

import pytest

from arrange import do, logged, opened, refused
from samfam.actions import grants
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.views import cases as case_views
from support import REF, d


@pytest.fixture
def app(case1):
    """Case 2026-0101 (MKJ, BL 86 since 2026-06-01: the 3-month track), today 2026-11-22."""
    with opened(case1.db) as app:
        yield app


def grants_of(app) -> list[tuple]:
    return [(g["code"], g["start"], g["end"]) for g in case_views.case_card(app, REF)["grants"]]


def test_add_grant_writes_it_and_recomputes_the_track(app):
    grant = do(app, grants.add_grant, REF, "bl 20", d("2026-10-01"), d("2027-03-31"))

    assert (grant.code, grant.start, grant.end) == ("BL 20", d("2026-10-01"), d("2027-03-31"))
    assert grants_of(app) == [("BL 86", d("2026-06-01"), None), ("BL 20", d("2026-10-01"), d("2027-03-31"))]
    card = case_views.case_card(app, REF)
    assert card["paragraphs"] == ["BL 20", "BL 86"]
    assert (card["track"], card["track_since"]) == ("6w", d("2026-10-01"))
    assert logged(app, REF)[0] == ("grant.add", "BL 20 from 2026-10-01 to 2027-03-31")


def test_a_grant_decided_now_may_start_next_month_or_up_to_3_months_ahead(app):
    assert do(app, grants.add_grant, REF, "BL 20", d("2026-12-01"), d("2027-03-31")).start == d("2026-12-01")
    assert do(app, grants.add_grant, REF, "BL 87", d("2027-02-22")).start == d("2027-02-22")
    assert case_views.case_card(app, REF)["track"] == "3m"  # neither runs yet


def test_a_serviceloven_grant_beside_another_help_is_still_taken(app):
    """SEL 42's counterpart is BL 87, not the BL 86 on the case: nothing is granted twice."""
    assert do(app, grants.add_grant, REF, "SEL 42", d("2026-07-01")).code == "SEL 42"


def test_add_grant_defaults_to_today(app):
    assert do(app, grants.add_grant, REF, "BL 87").start == d("2026-11-22")


@pytest.mark.parametrize(
    ("args", "error", "says"),
    [
        ((REF, "BL 86", d("2026-07-01")), Conflict, "already has BL 86 from 2026-06-01"),
        ((REF, "BL 20", d("2026-05-01")), InvalidValue, "before case 2026-0101 opened"),
        ((REF, "BL 20", d("2026-10-01"), d("2026-09-30")), InvalidValue, "before its start"),
        ((REF, "BL 999"), InvalidValue, "BL 999"),
        (("2026-0999", "BL 20"), NotFound, "no case"),
        ((REF, "BL 20", d("2027-02-23")), InvalidValue, "more than 3 months after today (2026-11-22)"),
        ((REF, "SEL 41", d("2026-07-01")), Conflict, "beside BL 86"),
    ],
)
def test_add_grant_refusals(case1, app, args, error, says):
    assert says in refused(case1, error, app, grants.add_grant, *args)


def test_end_grant(app):
    grant = do(app, grants.end_grant, REF, "BL 86", d("2026-11-01"))
    assert grant.end == d("2026-11-01")
    assert grants_of(app) == [("BL 86", d("2026-06-01"), d("2026-11-01"))]
    assert logged(app, REF)[0] == ("grant.end", "BL 86 on 2026-11-01")


@pytest.mark.parametrize(
    ("code", "on", "error", "says"),
    [
        ("BL 20", None, NotFound, "open-ended grants: BL 86"),
        ("BL 86", d("2026-05-01"), InvalidValue, "before BL 86 started"),
    ],
)
def test_end_grant_refusals(case1, app, code, on, error, says):
    assert says in refused(case1, error, app, grants.end_grant, REF, code, on)


@pytest.mark.parametrize("which", ["BL 86", "1"])
def test_void_grant_by_paragraph_or_id(app, which):
    grant = do(app, grants.void_grant, REF, which, "Indtastet ved en fejl")
    assert (grant.void_reason, grant.voided_by) == ("Indtastet ved en fejl", "TST")
    card = case_views.case_card(app, REF)
    assert (card["grants"], card["paragraphs"], card["track"]) == ([], [], "unclassified")


@pytest.mark.parametrize(
    ("which", "reason", "error"),
    [
        ("BL 86", " ", UsageError),
        ("BL 20", "Fejl", NotFound),
        ("7", "Fejl", NotFound),
        ("٣", "Fejl", UsageError),  # an Arabic-Indic digit is not an id
    ],
)
def test_void_grant_refusals(case1, app, which, reason, error):
    refused(case1, error, app, grants.void_grant, REF, which, reason)


def test_void_grant_asks_for_the_id_when_a_paragraph_was_granted_twice(case1, app):
    do(app, grants.end_grant, REF, "BL 86", d("2026-08-31"))
    do(app, grants.add_grant, REF, "BL 86", d("2026-10-01"))
    assert "give the grant's id" in refused(case1, UsageError, app, grants.void_grant, REF, "BL 86", "Fejl")


def test_cli_grant_end_after_a_grant_added_through_the_action(case1, app):
    do(app, grants.add_grant, REF, "BL 20", d("2026-10-01"))
    result = case1("grant", "end", REF, "BL 20", "--on", "2026-11-15")
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("Case 2026-0101: BL 20 ends on 2026-11-15.\n", "")
