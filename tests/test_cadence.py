"""The cadence rule and due dates, docs/rules.md §§ 3-4, as tables a domain expert can read."""

from __future__ import annotations

from datetime import date

import pytest

from samfam.rules.cadence import (
    Grant,
    anchor,
    classify,
    follow_up,
    history,
    next_due,
    track_since,
)

D = date.fromisoformat


# -- § 3: the track over the active grants --------------------------------------------------------

# Every example of docs/rules.md § 3, plus the reasons an unclassified case gives.
TRACK_TABLE = [
    # active paragraphs              track            why
    ({"SEL 41", "SEL 42"},           "3m",            "compensation only"),
    ({"SEL 41", "SEL 11"},           "3m",            "compensation with an add-on"),
    ({"BL 86", "BL 35.4.1"},         "3m",            "compensation with the new add-on"),
    ({"SEL 41", "SEL 50"},           "6w",            "investigation with compensation"),
    ({"SEL 52.3.5"},                 "6w",            "a measure"),
    ({"BL 20"},                      "6w",            "investigation under Barnets lov"),
    ({"SEL 11"},                     "unclassified",  "an add-on alone"),
    ({"SEL 41", "SEL 54"},           "unclassified",  "an other paragraph with compensation"),
    ({"SEL 52", "SEL 54"},           "6w",            "a measure wins over an other paragraph"),
    ({"SEL 41", "BL 86"},            "3m",            "a case across the law change"),
    # beyond the examples
    ({"SEL 44"},                     "3m",            "personal help (SEL 44)"),
    ({"BL 87", "BL 30", "BL 81"},    "3m",            "lost earnings with two add-ons"),
    ({"SEL 41", "SEL 52a.1.1"},      "3m",            "52a stk. 1 nr. 1 is an add-on"),
    ({"SEL 41", "SEL 52a.1.2"},      "unclassified",  "52a stk. 1 nr. 2 is not"),
    ({"BL 19"},                      "6w",            "afdækning counts as investigation"),
    ({"BL 46"},                      "6w",            "placement"),
    ({"BL 86", "BL 32.1.7"},         "6w",            "compensation with støtteophold"),
    ({"SEL 11.3"},                   "unclassified",  "add-on with stk."),
    (set(),                          "unclassified",  "no active grant"),
    ({"BL 86", "XYZ 1"},             "unclassified",  "an unknown code"),
]  # fmt: skip


@pytest.mark.parametrize(("codes", "track", "why"), TRACK_TABLE, ids=[row[2] for row in TRACK_TABLE])
def test_track_of_active_paragraphs(codes, track, why):
    assert classify(codes).track == track


REASON_TABLE = [
    (set(), "no active grant"),
    ({"SEL 11"}, "only support add-ons"),
    ({"SEL 41", "SEL 54"}, "outside the model's lists: SEL 54"),
    ({"BL 86", "XYZ 1"}, "unknown paragraph: XYZ 1"),
]


@pytest.mark.parametrize(("codes", "reason"), REASON_TABLE, ids=[r for _, r in REASON_TABLE])
def test_unclassified_cases_say_why(codes, reason):
    result = classify(codes)
    assert result.track == "unclassified"
    assert reason in result.reason


def test_the_deciding_grants_are_named():
    assert classify({"BL 86", "BL 20", "BL 30"}).deciding == ("BL 20",)
    assert classify({"BL 86", "BL 30"}).deciding == ("BL 86", "BL 30")


# -- grants over time ------------------------------------------------------------------------------

ACTIVE_TABLE = [
    # grant start, end,       day           active?
    ("2026-01-01", None,         "2025-12-31", False),
    ("2026-01-01", None,         "2026-01-01", True),
    ("2026-01-01", "2026-03-31", "2026-03-31", True),   # still active on its end date
    ("2026-01-01", "2026-03-31", "2026-04-01", False),
]  # fmt: skip


@pytest.mark.parametrize(("start", "end", "day", "active"), ACTIVE_TABLE)
def test_a_grant_is_active_from_start_through_end(start, end, day, active):
    grant = Grant("SEL 41", D(start), D(end) if end else None)
    assert grant.active_on(D(day)) is active


# track_since: the day the current track began.
SINCE_TABLE = [
    ("never changed: earliest start",
     [("BL 86", "2026-02-01", None), ("BL 30", "2026-05-01", None)], "2026-11-22", "2026-02-01"),
    ("investigation granted later: 6w since its start",
     [("BL 86", "2026-02-01", None), ("BL 20", "2026-09-10", None)], "2026-11-22", "2026-09-10"),
    ("investigation ended: 3m since the day after its end",
     [("BL 86", "2026-02-01", None), ("BL 20", "2026-03-01", "2026-06-30")], "2026-11-22", "2026-07-01"),
    ("on the investigation's last day the case is still 6w",
     [("BL 86", "2026-02-01", None), ("BL 20", "2026-03-01", "2026-06-30")], "2026-06-30", "2026-03-01"),
    ("law change SEL 41 -> BL 86 keeps the 3m track",
     [("SEL 41", "2023-03-01", "2023-12-31"), ("BL 86", "2024-01-01", None)], "2026-11-22", "2023-03-01"),
    ("a measure replacing an investigation keeps 6w",
     [("BL 20", "2026-01-10", "2026-05-09"), ("BL 32.1.7", "2026-05-10", None)], "2026-11-22", "2026-01-10"),
    ("a gap without grants breaks the track",
     [("BL 86", "2025-01-01", "2025-06-30"), ("BL 87", "2025-09-01", None)], "2026-11-22", "2025-09-01"),
    ("a grant starting after the as-of date is not counted yet",
     [("BL 86", "2026-02-01", None), ("BL 20", "2026-12-01", None)], "2026-11-22", "2026-02-01"),
    ("an add-on added later does not change the track",
     [("BL 86", "2026-02-01", None), ("BL 30", "2026-08-01", None)], "2026-11-22", "2026-02-01"),
]  # fmt: skip


@pytest.mark.parametrize(("why", "grants", "as_of", "since"), SINCE_TABLE, ids=[row[0] for row in SINCE_TABLE])
def test_track_since(why, grants, as_of, since):
    spans = [Grant(code, D(start), D(end) if end else None) for code, start, end in grants]
    assert track_since(spans, D(as_of)) == D(since)


def test_track_since_without_any_started_grant():
    assert track_since([Grant("BL 86", D("2027-01-01"))], D("2026-11-22")) is None


# -- § 4: anchor, next due date, overdue ----------------------------------------------------------

ANCHOR_TABLE = [
    # last follow-up  track since    anchor
    ("2026-10-01",    "2026-02-01",  "2026-10-01"),   # the follow-up is later
    ("2026-08-15",    "2026-09-10",  "2026-09-10"),   # the clock restarts when the track changes
    (None,            "2026-09-10",  "2026-09-10"),   # no follow-up yet
]  # fmt: skip


@pytest.mark.parametrize(("last", "since", "expected"), ANCHOR_TABLE)
def test_anchor_is_the_later_of_last_followup_and_track_since(last, since, expected):
    assert anchor(D(last) if last else None, D(since)) == D(expected)


DUE_TABLE = [
    # anchor        track  next due
    ("2026-01-31",  "3m",  "2026-04-30"),   # month-end clamped, not 1 May
    ("2026-11-30",  "3m",  "2027-02-28"),
    ("2027-11-30",  "3m",  "2028-02-29"),   # leap year
    ("2026-08-31",  "3m",  "2026-11-30"),
    ("2026-03-15",  "3m",  "2026-06-15"),
    ("2026-12-15",  "3m",  "2027-03-15"),   # across the new year
    ("2026-01-31",  "6w",  "2026-03-14"),   # 42 days
    ("2026-10-10",  "6w",  "2026-11-21"),
]  # fmt: skip


@pytest.mark.parametrize(("anchor_day", "track", "due"), DUE_TABLE)
def test_next_due(anchor_day, track, due):
    assert next_due(D(anchor_day), track) == D(due)


def test_unclassified_cases_get_no_due_date():
    with pytest.raises(ValueError, match="unclassified"):
        next_due(D("2026-01-01"), "unclassified")


OVERDUE_TABLE = [
    # as of         next due      days overdue  overdue?
    ("2026-10-01",  "2026-10-01",  0,           False),   # the due day itself is not overdue
    ("2026-10-02",  "2026-10-01",  1,           True),
    ("2026-09-30",  "2026-10-01", -1,           False),
]  # fmt: skip


@pytest.mark.parametrize(("as_of", "due", "days", "is_overdue"), OVERDUE_TABLE)
def test_overdue_only_after_the_due_day(as_of, due, days, is_overdue):
    # a 3m case anchored on 2026-07-01 is due 2026-10-01
    result = follow_up([Grant("BL 86", D("2026-01-01"))], D("2026-07-01"), D(as_of))
    assert result.next_due == D(due)
    assert result.days_overdue == days
    assert result.overdue is is_overdue


DUE_SOON_TABLE = [
    # as of         within  due soon?
    ("2026-09-17",  14,     True),    # 14 days left
    ("2026-09-16",  14,     False),   # 15 days left
    ("2026-10-01",  14,     True),    # due today
    ("2026-10-02",  14,     False),   # overdue, not "due soon"
    ("2026-10-01",  0,      True),
]  # fmt: skip


@pytest.mark.parametrize(("as_of", "within", "soon"), DUE_SOON_TABLE)
def test_due_soon_window(as_of, within, soon):
    result = follow_up([Grant("BL 86", D("2026-01-01"))], D("2026-07-01"), D(as_of))
    assert result.due_within(within) is soon


def test_follow_up_end_to_end_when_an_investigation_starts():
    grants = [Grant("BL 86", D("2026-02-01")), Grant("BL 20", D("2026-09-10"))]
    result = follow_up(grants, D("2026-08-15"), D("2026-11-22"))
    assert (result.track, result.track_since, result.anchor, result.next_due) == (
        "6w", D("2026-09-10"), D("2026-09-10"), D("2026-10-22"),
    )  # fmt: skip
    assert result.days_overdue == 31
    assert result.paragraphs == ("BL 20", "BL 86")


def test_unclassified_follow_up_has_no_dates():
    result = follow_up([Grant("BL 30", D("2026-02-01"))], D("2026-08-15"), D("2026-11-22"))
    assert (result.track, result.next_due, result.days_overdue, result.overdue) == ("unclassified", None, None, False)
    assert "only support add-ons" in result.reason


def test_history_lists_the_periods_with_their_track():
    grants = [Grant("BL 86", D("2026-02-01")), Grant("BL 20", D("2026-03-01"), D("2026-06-30"))]
    periods = [(str(a), str(b) if b else None, c.track, codes) for a, b, c, codes in history(grants, D("2026-11-22"))]
    assert periods == [
        ("2026-02-01", "2026-02-28", "3m", ("BL 86",)),
        ("2026-03-01", "2026-06-30", "6w", ("BL 20", "BL 86")),
        ("2026-07-01", None, "3m", ("BL 86",)),
    ]
