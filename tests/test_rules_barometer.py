"""Were we on time? The barometer's rules on histories small enough to check by hand (rules/barometer.py)."""

from __future__ import annotations

from datetime import date

import pytest

from samfam.rules.barometer import FollowUpDue, Segment, followups_due, investigation, rates, segments

D = date.fromisoformat
PERIOD = (D("2026-01-01"), D("2026-12-31"))


def _dues(track: str, start: str, end: str, events: list[str], period=PERIOD) -> list[tuple]:
    segment = Segment(D(start), D(end), track)
    found = followups_due(segment, [D(e) for e in events], *period)
    return [(d.due.isoformat(), d.done.isoformat() if d.done else None, d.on_time, d.delay) for d in found]


# track  track began   segment ends   counting events                  → (due, done, on time, delay)
CHAINS = [
    pytest.param(
        "3m", "2026-01-10", "2026-05-31", ["2026-04-10"],
        [("2026-04-10", "2026-04-10", True, 0)],
        id="made-on-the-due-day",
    ),
    pytest.param(
        "3m", "2026-01-10", "2026-05-31", ["2026-04-11"],
        [("2026-04-10", "2026-04-11", False, 1)],
        id="one-day-late-is-a-miss",
    ),
    pytest.param(
        "3m", "2026-01-10", "2026-08-31", ["2026-03-01", "2026-06-01"],
        # due 04-10 met on 03-01; from 03-01 due 06-01, met on 06-01; from 06-01 due 09-01: after the segment
        [("2026-04-10", "2026-03-01", True, 0), ("2026-06-01", "2026-06-01", True, 0)],
        id="early-follow-ups-move-the-clock",
    ),
    pytest.param(
        "6w", "2026-01-10", "2026-03-31", [],
        # 01-10 + 42 days = 02-21; none by the segment's end 03-31: 38 days late so far
        [("2026-02-21", None, False, 38)],
        id="none-made-runs-late-until-the-end",
    ),
    pytest.param(
        "6w", "2026-01-10", "2026-06-30", ["2026-03-10", "2026-04-01"],
        # due 02-21, made 03-10 (17 late); from 03-10 due 04-21, made 04-01 on time; from 04-01 due 05-13: late
        # and none came by 06-30 (48 days)
        [
            ("2026-02-21", "2026-03-10", False, 17),
            ("2026-04-21", "2026-04-01", True, 0),
            ("2026-05-13", None, False, 48),
        ],
        id="a-late-follow-up-anchors-the-next",
    ),
    pytest.param(
        "3m", "2026-01-10", "2026-03-31", [],
        [],  # the track changed (or the case closed) on 03-31, before anything fell due
        id="ended-before-due",
    ),
    pytest.param(
        "3m", "2025-08-31", "2026-12-31", ["2025-11-30", "2026-02-28"],
        # 08-31 + 3 months = 11-30 (clamped); 11-30 + 3 = 02-28; 02-28 + 3 = 05-28: late to the end (217 days)
        [("2026-02-28", "2026-02-28", True, 0), ("2026-05-28", None, False, 217)],
        id="month-end-clamping-and-a-due-before-the-period-not-counted",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("track", "start", "end", "events", "expected"), CHAINS)
def test_each_follow_up_that_fell_due_is_on_time_or_late(track, start, end, events, expected):
    assert _dues(track, start, end, events) == expected


def test_only_due_days_inside_the_period_count():
    # 6w from 2026-01-10: due 02-21 (late, made 03-10), then 04-21 (made 04-01): only April's is in the period.
    period = (D("2026-04-01"), D("2026-04-30"))
    assert _dues("6w", "2026-01-10", "2026-06-30", ["2026-03-10", "2026-04-01"], period) == [
        ("2026-04-21", "2026-04-01", True, 0)
    ]


def test_segments_cut_tracks_by_the_times_the_case_was_open():
    periods = [
        (D("2026-01-01"), D("2026-03-31"), "6w"),
        (D("2026-04-01"), None, "3m"),
        (D("2025-06-01"), None, "unclassified"),
    ]
    spans = [(D("2026-01-15"), D("2026-05-10")), (D("2026-08-01"), None)]
    assert segments(periods, spans, D("2026-11-22")) == [
        Segment(D("2026-01-15"), D("2026-03-31"), "6w"),
        Segment(D("2026-04-01"), D("2026-05-10"), "3m"),
        Segment(D("2026-08-01"), D("2026-11-22"), "3m"),  # reopened: a new chain from the reopening day
    ]


def test_the_figures_of_a_set_of_follow_ups():
    dues = [
        ("A", FollowUpDue(D("2026-02-01"), D("2026-02-01"), True, 0)),
        ("A", FollowUpDue(D("2026-05-01"), D("2026-05-02"), False, 1)),
        ("B", FollowUpDue(D("2026-03-01"), D("2026-04-10"), False, 40)),
        ("C", FollowUpDue(D("2026-03-01"), None, False, 31)),
    ]
    r = rates(dues)
    assert (r.due, r.on_time, r.rate, r.median_delay, r.worst_delay, r.late_over_30) == (4, 1, 25.0, 31, 40, 2)
    assert rates([]).rate is None


# start        end          period end   → deadline     finished in time  running late
INVESTIGATIONS = [
    ("2026-01-15", "2026-05-15", "2026-12-31", "2026-05-15", True, False),  # ended on the last allowed day
    ("2026-01-15", "2026-05-16", "2026-12-31", "2026-05-15", False, False),
    ("2026-01-31", None, "2026-05-31", "2026-05-31", None, False),  # 01-31 + 4 months: 05-31, still allowed
    ("2026-01-31", None, "2026-06-01", "2026-05-31", None, True),
    ("2026-10-01", "2027-01-05", "2026-12-31", "2027-02-01", None, False),  # ended after the period
]


@pytest.mark.parametrize(("start", "end", "period_end", "deadline", "in_time", "late"), INVESTIGATIONS)
def test_investigations_finish_within_4_months(start, end, period_end, deadline, in_time, late):
    found = investigation(D(start), D(end) if end else None, D(period_end))
    assert (found.deadline, found.finished_in_time, found.running_late) == (D(deadline), in_time, late)


# decided       plans made                  → due          made          in time
PLANS = [
    ("2026-03-10", ["2026-06-10"], "2026-06-10", "2026-06-10", True),  # made on the last day
    ("2026-03-10", ["2026-06-11"], "2026-06-10", "2026-06-11", False),
    ("2026-03-10", ["2026-01-05"], "2026-06-10", None, False),  # a plan made before the decision is another one
    ("2025-11-30", [], "2026-02-28", None, False),  # 3 months, clamped to February's end
]


@pytest.mark.parametrize(("decided", "made", "due", "done", "on_time"), PLANS)
def test_a_plan_is_made_within_3_months_of_its_decision(decided, made, due, done, on_time):
    from samfam.rules.barometer import plan

    found = plan(D(decided), [D(m) for m in made])
    assert (found.due, found.done, found.on_time) == (D(due), D(done) if done else None, on_time)


# measure start, end   investigation ends  counting events  → due (None: none fell due)  in time
FIRST_FOLLOWUPS = [
    ("2026-03-01", None, [], ["2026-04-01"], "2026-06-01", True),  # 3 months
    ("2026-03-01", None, ["2026-04-15"], ["2026-04-15"], "2026-04-15", True),  # the investigation ends first
    ("2026-03-01", None, ["2026-04-15"], ["2026-04-20"], "2026-04-15", False),
    ("2026-03-01", None, ["2026-02-01"], ["2026-05-30"], "2026-06-01", True),  # ended before: not alongside
    ("2026-03-01", None, [], ["2026-03-01"], "2026-06-01", False),  # the start day is not a follow-up on it
    # An afdækning (BL 19) alongside ends 20 March: due then; made 15 April is late, though within 3 months.
    ("2026-01-20", None, ["2026-03-20"], ["2026-04-15"], "2026-03-20", False),
    # A measure that ended after 20 days, before its first follow-up fell due: none fell due, none missed.
    ("2026-03-01", "2026-03-21", [], [], None, None),
    ("2026-03-01", "2026-03-21", ["2026-04-15"], [], None, None),  # ended before the investigation too
    ("2026-03-01", "2026-05-31", [], [], None, None),  # the day before the due day
    ("2026-03-01", "2026-06-01", [], [], "2026-06-01", False),  # still running on the due day: it fell due
    ("2026-03-01", "2026-04-30", ["2026-04-15"], ["2026-04-10"], "2026-04-15", True),
]


@pytest.mark.parametrize(("start", "end", "ends", "events", "due", "on_time"), FIRST_FOLLOWUPS)
def test_the_first_follow_up_on_a_measure_bl_95(start, end, ends, events, due, on_time):
    from samfam.rules.barometer import first_followup

    found = first_followup(D(start), [D(e) for e in ends], [D(e) for e in events], D(end) if end else None)
    if due is None:
        assert found is None
    else:
        assert found is not None
        assert (found.due, found.on_time) == (D(due), on_time)


# code → does an investigation under it, ending first, bring a measure's first follow-up forward (BL § 95 stk. 2)?
FORWARD = [
    ("BL 19", True),  # afdækning
    ("BL 19.2", True),
    ("BL 20", True),  # børnefaglig undersøgelse
    ("BL 20.3", True),
    ("BL 25", True),  # afdækning of expectant parents: named by the law, not in the catalogue
    ("BL 26", True),  # investigation of expectant parents: the same
    ("SEL 50", True),  # the Serviceloven counterpart of BL 20 (and of BL 19)
    ("SEL 50.1", True),
    ("BL 18", False),  # screening
    ("BL 32.1.7", False),
    ("BL 200", False),
    ("SEL 52.3.5", False),
    ("SEL 500", False),
]


@pytest.mark.parametrize(("code", "expected"), FORWARD)
def test_which_investigations_bring_the_first_follow_up_forward(code, expected):
    from samfam.rules.paragraphs import brings_first_followup_forward

    assert brings_first_followup_forward(code) is expected


# received      decided       deadline      period end  → decided in time   open past it
APPLICATIONS = [
    ("2026-03-01", "2026-03-11", "2026-03-11", "2026-12-31", True, False),  # decided on the deadline day
    ("2026-03-01", "2026-03-12", "2026-03-11", "2026-12-31", False, False),
    ("2026-10-01", None, "2026-10-11", "2026-11-22", None, True),
    ("2026-11-20", None, "2026-11-30", "2026-11-22", None, False),  # still within its frist
    ("2026-11-01", "2027-01-05", "2026-12-01", "2026-12-31", None, True),  # decided after the period
]


@pytest.mark.parametrize(("received", "decided", "deadline", "period_end", "in_time", "late"), APPLICATIONS)
def test_an_application_is_decided_by_its_frist(received, decided, deadline, period_end, in_time, late):
    from samfam.rules.barometer import application

    found = application(D(received), D(decided) if decided else None, D(deadline), D(period_end))
    assert (found.decided_in_time, found.open_late) == (in_time, late)
