"""samfam.actions.handovers, called directly: a handover started, its items ticked, completed."""

from __future__ import annotations

import pytest

from arrange import do, logged, opened, refused
from samfam.actions import care, events, grants, handovers
from samfam.errors import Conflict, InvalidValue, NotFound, UsageError
from samfam.views import care as care_views
from support import REF, d


@pytest.fixture
def app(case1):
    """Case 2026-0101 (MKJ, BL 86 since 2026-06-01, born 2015-03-01), today 2026-11-22."""
    with opened(case1.db) as app:
        yield app


def test_start_handover(app):
    handover = do(app, handovers.start_handover, REF, "closure", "Familien flytter", d("2026-11-20"))

    assert (handover.kind, handover.started, handover.started_by, handover.completed) == (
        "closure", d("2026-11-20"), "TST", None)  # fmt: skip
    [row] = care_views.handover_show(app, REF)
    assert (row["status"], row["missing"]) == ("open", ["family-told", "actors-told", "grants-ended"])
    assert logged(app, REF)[0] == ("handover.start", "closure: Familien flytter")


@pytest.mark.parametrize(
    ("kind", "on", "error"),
    [
        ("farewell", None, UsageError),
        ("closure", d("2026-11-23"), InvalidValue),
        ("closure", d("2026-05-31"), InvalidValue),
    ],
)
def test_start_handover_refusals(case1, app, kind, on, error):
    refused(case1, error, app, handovers.start_handover, REF, kind, on=on)


def test_one_open_handover_of_a_kind(case1, app):
    do(app, handovers.start_handover, REF, "closure")
    assert "has an open closure handover already" in refused(
        case1, Conflict, app, handovers.start_handover, REF, "closure"
    )


def test_tick_then_complete(app):
    do(app, handovers.start_handover, REF, "closure")
    for item in ("family-told", "actors-told"):
        do(app, handovers.tick_handover, REF, item, note="Ringet op")
    do(app, grants.end_grant, REF, "BL 86", d("2026-11-01"))

    done = do(app, handovers.complete_handover, REF)

    assert (done.completed, done.completed_by) == (d("2026-11-22"), "TST")
    [row] = care_views.handover_show(app, REF)
    assert (row["status"], row["missing"]) == ("complete", [])
    ticked = {i["item"]: (i["by"], i["note"]) for i in row["items"] if i["decided_by"] == "person"}
    assert ticked == {"family-told": ("TST", "Ringet op"), "actors-told": ("TST", "Ringet op")}


@pytest.mark.parametrize(
    ("item", "error", "says"),
    [
        ("family-told", Conflict, "ticked already"),
        ("grants-ended", InvalidValue, "decided by the case's data"),
        ("cake-eaten", UsageError, "items to tick: family-told, actors-told"),
    ],
)
def test_tick_refusals(case1, app, item, error, says):
    do(app, handovers.start_handover, REF, "closure")
    do(app, handovers.tick_handover, REF, "family-told")
    assert says in refused(case1, error, app, handovers.tick_handover, REF, item)


def test_ticking_needs_an_open_handover_and_says_which(case1, app):
    refused(case1, NotFound, app, handovers.tick_handover, REF, "family-told")
    do(app, handovers.start_handover, REF, "closure")
    do(app, handovers.start_handover, REF, "advisor-change")
    assert "say which with --kind" in refused(case1, UsageError, app, handovers.complete_handover, REF)
    do(app, handovers.tick_handover, REF, "family-told", kind="advisor-change")
    [row] = [r for r in care_views.handover_show(app, REF) if r["kind"] == "advisor-change"]
    assert "family-told" not in row["missing"]


def test_complete_refused_while_items_are_missing(case1, app):
    do(app, handovers.start_handover, REF, "new-professional")
    do(app, care.add_actor, REF, "ppr", "PPR Nord", "advisor")
    message = refused(case1, Conflict, app, handovers.complete_handover, REF)
    assert message == "the new-professional handover of case 2026-0101 is missing: goals-shared, network-meeting"
    do(app, events.add_event, REF, "network-meeting")
    do(app, handovers.tick_handover, REF, "goals-shared")
    assert do(app, handovers.complete_handover, REF, "new-professional").completed == d("2026-11-22")


def test_cli_handover_complete_after_arranging_through_the_actions(case1, app):
    do(app, handovers.start_handover, REF, "closure")
    do(app, handovers.tick_handover, REF, "family-told")
    do(app, handovers.tick_handover, REF, "actors-told")
    do(app, grants.end_grant, REF, "BL 86", d("2026-11-01"))
    result = case1("handover", "complete", REF)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Case 2026-0101: closure handover complete.\n"
