"""samfam.actions.events, called directly: events recorded with the actors who took part, voided and
corrected (a correction never erases)."""

from __future__ import annotations

import pytest

from arrange import do, logged, opened, refused
from samfam.actions import care, cases, events
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.views import cases as case_views
from support import REF, d


@pytest.fixture
def app(case1):
    """Case 2026-0101 (MKJ, BL 86 since 2026-06-01: 3-month track), today 2026-11-22."""
    with opened(case1.db) as app:
        yield app


def test_add_event_records_it_and_moves_the_next_follow_up(app):
    school = do(app, care.add_actor, REF, "school", "Kildeskolen", "family", since=d("2026-06-01"))
    event = do(app, events.add_event, REF, "followup", d("2026-10-01"), "Godt møde", 6, (school.id,))

    assert (event.kind, event.day, event.note, event.scale, event.recorded_by) == (
        "followup", d("2026-10-01"), "Godt møde", 6, "TST")  # fmt: skip
    [row] = case_views.event_list(app, REF)
    assert (row["with"], row["counts"]) == ([school.id], True)
    card = case_views.case_card(app, REF)
    assert (card["last_followup"], card["next_due"], card["days_overdue"]) == (d("2026-10-01"), d("2027-01-01"), -40)
    assert logged(app, REF)[0] == ("event.add", f"followup on 2026-10-01, scale 6, with actors {school.id}")


def test_an_actor_named_twice_took_part_once_and_is_logged_once(app):
    school = do(app, care.add_actor, REF, "school", "Kildeskolen", "family", since=d("2026-06-01"))
    do(app, events.add_event, REF, "network-meeting", d("2026-10-01"), None, None, (school.id, school.id))
    assert case_views.event_list(app, REF)[0]["with"] == [school.id]
    assert logged(app, REF)[0] == ("event.add", f"network-meeting on 2026-10-01, with actors {school.id}")


@pytest.mark.parametrize(
    ("kind", "counts"), [("followup", True), ("home-visit", True), ("phone", False), ("case-meeting", False)]
)
def test_which_kinds_count_as_a_follow_up(app, kind, counts):
    do(app, events.add_event, REF, kind, d("2026-10-01"))
    assert case_views.event_list(app, REF)[0]["counts"] is counts
    assert (case_views.case_card(app, REF)["last_followup"] == d("2026-10-01")) is counts


@pytest.mark.parametrize(
    ("args", "error", "says"),
    [
        (("visit",), UsageError, "not an event kind"),
        (("phone", d("2026-10-01"), None, 5), InvalidValue, "a Signs of Safety scale goes on a follow-up"),
        (("followup", d("2026-10-01"), None, 11), UsageError, "outside 0-10"),
        (("followup", d("2026-11-23")), InvalidValue, "after today"),
        (("followup", d("2026-05-31")), InvalidValue, "before case 2026-0101 opened"),
        (("followup", d("2026-10-01"), None, None, (99,)), NotFound, "no actor 99 on case 2026-0101"),
    ],
)
def test_add_event_refusals(case1, app, args, error, says):
    assert says in refused(case1, error, app, events.add_event, REF, *args)


def test_an_actor_who_had_left_took_no_part(case1, app):
    ppr = do(app, care.add_actor, REF, "ppr", "PPR Nord", since=d("2026-06-01"))
    do(app, care.end_actor, ppr.id, d("2026-09-01"))
    assert "left case 2026-0101 on 2026-09-01" in refused(
        case1, InvalidValue, app, events.add_event, REF, "network-meeting", d("2026-10-01"), actors=(ppr.id,)
    )


def test_no_event_after_the_case_closed(case1, app):
    do(app, cases.close_case, REF, "Flyttet", d("2026-10-01"), force="Flyttet")
    refused(case1, Conflict, app, events.add_event, REF, "followup", d("2026-10-02"))


def test_void_event_keeps_it_and_counts_it_for_nothing(app):
    event = do(app, events.add_event, REF, "followup", d("2026-10-01"))
    void = do(app, events.void_event, event.id, "Forkert sag")

    assert (void.voided_by, void.void_reason) == ("TST", "Forkert sag")
    assert case_views.event_list(app, REF) == []
    [row] = case_views.event_list(app, REF, include_void=True)
    assert (row["void"], row["counts"], row["void_reason"]) == (True, False, "Forkert sag")
    assert case_views.case_card(app, REF)["last_followup"] is None


@pytest.mark.parametrize(
    ("event_id", "reason", "error"), [(1, " ", UsageError), (99, "Fejl", NotFound), (1, "Fejl", Conflict)]
)
def test_void_event_refusals(case1, app, event_id, reason, error):
    first = do(app, events.add_event, REF, "followup", d("2026-10-01"))
    if error is Conflict:
        do(app, events.void_event, first.id, "Fejl")
    refused(case1, error, app, events.void_event, event_id, reason)


def test_correct_event_voids_the_old_and_links_the_new(app):
    school = do(app, care.add_actor, REF, "school", "Kildeskolen", since=d("2026-06-01"))
    old = do(app, events.add_event, REF, "followup", d("2026-10-01"), "Møde", 4, (school.id,))
    new = do(app, events.correct_event, old.id, "Forkert dato", on=d("2026-10-02"), scale=5)

    assert (new.corrects_id, new.day, new.kind, new.note, new.scale) == (old.id, d("2026-10-02"), "followup", "Møde", 5)
    rows = case_views.event_list(app, REF, include_void=True)
    assert [(r["id"], r["void"], r["corrects"], r["with"]) for r in rows] == [
        (old.id, True, None, [school.id]),
        (new.id, False, old.id, [school.id]),
    ]
    assert logged(app, REF)[0] == ("event.correct", f"{old.id} -> {new.id}: Forkert dato")


def test_correct_event_refusals(case1, app):
    event = do(app, events.add_event, REF, "followup", d("2026-10-01"))
    refused(case1, UsageError, app, events.correct_event, event.id, "Fejl")  # nothing to correct
    do(app, events.void_event, event.id, "Fejl")
    refused(case1, Conflict, app, events.correct_event, event.id, "Fejl", scale=3)


def test_cli_event_void_of_an_event_added_through_the_action(case1, app):
    event = do(app, events.add_event, REF, "home-visit", d("2026-10-01"))
    result = case1("event", "void", str(event.id), "--reason", "Forkert sag")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Event {event.id} (home-visit on 2026-10-01) is void; it counts for nothing.\n"
