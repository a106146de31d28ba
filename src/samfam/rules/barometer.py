"""Were we on time? The follow-ups that fell due in a period, and the investigations, from a case's history.

**Follow-ups.** On a track (3 months or 6 weeks) the clock starts on the day the track began. Each
follow-up falls due one interval after the anchor. It is **on time** when a counting event happens after
the anchor and on or before the due day, and the anchor then moves to that event. It is **late** when
none has happened by the due day: a miss stays a miss even if the follow-up is made the next day, and
its delay is the days from the due day to the late follow-up, or to the period's end while none has
come. The late follow-up is the next anchor. A change of track, a closing and a reopening end the
chain, and a new one starts on the new track's first day or the reopening day. A follow-up counts in
the period in which its due day falls.

| anchor     | track | due        | first counting event after the anchor | counts as             |
|------------|-------|------------|---------------------------------------|-----------------------|
| 2026-01-10 | 3m    | 2026-04-10 | 2026-04-10                            | on time               |
| 2026-01-10 | 3m    | 2026-04-10 | 2026-04-11                            | late, 1 day           |
| 2026-01-10 | 6w    | 2026-02-21 | none by the period's end 2026-03-31   | late, 38 days so far  |

**Investigations** (SEL § 50, BL § 20) should finish within 4 months of their start: one that ended
in the period finished in time when it ended on or before that day; one still running at the period's
end past that day is running late. **Applications** the same way against their processing deadline
(the municipality's published frist, samfam.rules.workdays): decided in time, or open past it.

Standard library and samfam's date rules only; `today` and the period are parameters.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from samfam.rules.cadence import TRACKS, next_due
from samfam.rules.dates import add_months
from samfam.rules.deadlines import INVESTIGATION_MONTHS


class FollowUpDue(NamedTuple):
    due: date
    done: date | None  # the follow-up that met it (on time or late); None: not made by the period's end
    on_time: bool
    delay: int  # days late (0 on time); while none has come, days from the due day to the period's end


class Segment(NamedTuple):
    """A stretch of one track on an open case: the chain of follow-ups runs inside it."""

    start: date
    end: date  # the last day of it (inclusive)
    track: str


def segments(
    periods: Iterable[tuple[date, date | None, str]], open_spans: Iterable[tuple[date, date | None]], end: date
) -> list[Segment]:
    """The track periods (since, until or None, track) cut by the spans the case was open (opened or
    reopened, closed or None) and by the period's end."""
    found = []
    spans = list(open_spans)
    for since, until, track in periods:
        if track not in TRACKS:
            continue
        for opened, closed in spans:
            start = max(since, opened)
            last = min(d for d in (until, closed, end) if d is not None)
            if start <= last:
                found.append(Segment(start, last, track))
    return sorted(found, key=lambda s: s.start)


def followups_due(
    segment: Segment, events: Sequence[date], period_start: date, period_end: date, anchor: date | None = None
) -> list[FollowUpDue]:
    """The follow-ups of one segment whose due day falls in [period_start, period_end]. `events` are the
    days of the case's counting events, sorted; `anchor` a later starting anchor (the last follow-up
    before the history read), if any."""
    out: list[FollowUpDue] = []
    a = max(segment.start, anchor) if anchor is not None else segment.start
    made = [e for e in events if a < e <= segment.end]
    i = 0
    while True:
        due = next_due(a, segment.track)
        while i < len(made) and made[i] <= a:
            i += 1
        event = made[i] if i < len(made) else None
        if event is not None and event <= due:  # on time; the clock runs from it
            if period_start <= due <= period_end:
                out.append(FollowUpDue(due, event, True, 0))
            a = event
            continue
        if due > segment.end or due > period_end:  # not fallen due while the segment lasted
            break
        if due >= period_start:  # fell due with no follow-up: late, by the days until one came (or until now)
            delay = ((event if event is not None else segment.end) - due).days
            out.append(FollowUpDue(due, event, False, delay))
        if event is None:
            break
        a = event
    return out


class Rates(NamedTuple):
    due: int
    on_time: int
    median_delay: float | None  # over the late ones
    worst_delay: int | None
    late_over_30: int  # cases with a follow-up more than 30 days late

    @property
    def rate(self) -> float | None:
        return round(100 * self.on_time / self.due, 1) if self.due else None


def rates(dues: Sequence[tuple[str, FollowUpDue]]) -> Rates:
    """(case, follow-up) pairs → the figures."""
    late = [d.delay for _, d in dues if not d.on_time]
    return Rates(
        due=len(dues),
        on_time=sum(1 for _, d in dues if d.on_time),
        median_delay=round(float(statistics.median(late)), 1) if late else None,
        worst_delay=max(late) if late else None,
        late_over_30=len({case for case, d in dues if not d.on_time and d.delay > 30}),
    )


class Investigation(NamedTuple):
    start: date
    end: date | None
    deadline: date
    finished_in_time: bool | None  # None: not finished by the period's end
    running_late: bool


def investigation(start: date, end: date | None, period_end: date) -> Investigation:
    deadline = add_months(start, INVESTIGATION_MONTHS)
    finished = end is not None and end <= period_end
    return Investigation(
        start,
        end,
        deadline,
        (end <= deadline) if finished and end is not None else None,
        not finished and period_end > deadline,
    )


class Application(NamedTuple):
    received: date
    decided: date | None
    deadline: date
    decided_in_time: bool | None  # None: not decided by the period's end
    open_late: bool


def application(received: date, decided: date | None, deadline: date, period_end: date) -> Application:
    """An application decided in the period was in time when decided on or before its deadline (the
    municipality's published frist); one still open at the period's end past its deadline is late."""
    answered = decided is not None and decided <= period_end
    return Application(
        received,
        decided,
        deadline,
        (decided <= deadline) if answered and decided is not None else None,
        not answered and period_end > deadline,
    )


#: A plan decided (BL § 91 barnets plan, BL § 108 ungeplan) is to be made within this many months.
PLAN_MONTHS = 3
#: BL § 95 stk. 2: the first follow-up on a measure within this many months of its start, or when an
#: investigation running alongside it ends, whichever is first.
FIRST_FOLLOWUP_MONTHS = 3


class Due(NamedTuple):
    """Something due on a day: made by it (on time), later, or not yet."""

    due: date
    done: date | None
    on_time: bool


def _first_after(days: Sequence[date], after: date) -> date | None:
    return next((d for d in days if d > after), None)


def plan(decided: date, made: Sequence[date]) -> Due:
    """A plan decided on `decided` is due PLAN_MONTHS later; `made` are the days plans were made, sorted."""
    due = add_months(decided, PLAN_MONTHS)
    done = next((d for d in made if d >= decided), None)
    return Due(due, done, done is not None and done <= due)


def first_followup(
    measure_start: date, investigation_ends: Iterable[date], events: Sequence[date], measure_end: date | None = None
) -> Due | None:
    """BL § 95 stk. 2: the first follow-up on a measure is due 3 months after it started, or earlier when an
    investigation running alongside it (samfam.rules.paragraphs.brings_first_followup_forward) ends first;
    met by the first counting event after the start. A measure that ended before that day (`measure_end`)
    had no first follow-up fall due: None, neither kept nor missed (our reading, docs/rules.md § 11)."""
    due = min(
        [add_months(measure_start, FIRST_FOLLOWUP_MONTHS), *(e for e in investigation_ends if e >= measure_start)]
    )
    if measure_end is not None and measure_end < due:
        return None
    done = _first_after(events, measure_start)
    return Due(due, done, done is not None and done <= due)
