"""The cadence rule of Sammen om familien, and the due dates it gives (docs/rules.md §§ 3-4).

Pure: plain values in, plain values out, `as_of` always a parameter. The rule is fixed by the model
and cannot be tuned by a municipality.

1. any *investigation* or *measure* grant active            -> the 6-week track ("6w")
2. otherwise at least one *compensation* grant, and every
   other active grant a *support add-on*                   -> the 3-month track ("3m")
3. otherwise                                               -> unclassified, with the reason
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from samfam.rules.dates import add_months
from samfam.rules.paragraphs import Category, category_of
from samfam.words import Phrase, mark

#: The tracks, as the data keeps them (English; a table for people shows them in the reader's language).
THREE_MONTHS = mark("3m")
SIX_WEEKS = mark("6w")
UNCLASSIFIED = mark("unclassified")
TRACKS = (THREE_MONTHS, SIX_WEEKS)
#: What a case's track may be: the words a table's track column shows.
TRACK_WORDS = (*TRACKS, UNCLASSIFIED)

#: A paragraph's categories (samfam.rules.paragraphs.Category, standard library only), as the data keeps them: a
#: table for people shows them in the reader's language.
CATEGORY_WORDS = (mark("compensation"), mark("support add-on"), mark("investigation"), mark("measure"), mark("other"))

#: How long after the anchor the next follow-up is due, per track.
CADENCE = {
    THREE_MONTHS: mark("3 calendar months (month-end clamped)"),
    SIX_WEEKS: mark("42 days"),
}

DEFAULT_DUE_SOON_DAYS = 14

_ONE_DAY = timedelta(days=1)
_SIX_WEEKS = timedelta(days=42)
#: The shortest time from an anchor to the next due date on any track (3 calendar months > 42 days).
SHORTEST_CADENCE = _SIX_WEEKS


def grant_active(start: date, end: date | None, day: date) -> bool:
    """A grant is active on every day from its start through its end, inclusive; without an end, from its start on.

    Mirrored in SQL by the grants the store picks on a day (samfam.store.queries.care.deadline_rows)."""
    return start <= day and (end is None or day <= end)


class Grant(NamedTuple):
    """A statutory paragraph granted on a case, active from `start` through `end` inclusive."""

    code: str
    start: date
    end: date | None = None

    def active_on(self, day: date) -> bool:
        return grant_active(self.start, self.end, day)


class Classification(NamedTuple):
    track: str  # "3m", "6w" or "unclassified"
    reason: str  # a Phrase: English for scripts, said in the reader's language where people read it
    deciding: tuple[str, ...]  # the codes that decided the track (or that stop it)


def classify(codes: Iterable[str]) -> Classification:
    """The track for a set of active paragraph codes."""
    return _classify(tuple(sorted(set(codes))))


@lru_cache(maxsize=4096)
def _classify(active: tuple[str, ...]) -> Classification:
    """Pure in the (sorted, distinct) codes: a national caseload has a few hundred combinations."""
    by_category: dict[Category | None, list[str]] = {}
    for code in active:
        by_category.setdefault(category_of(code), []).append(code)

    sixweek = by_category.get(Category.INVESTIGATION, []) + by_category.get(Category.MEASURE, [])
    if sixweek:
        return Classification(
            SIX_WEEKS, Phrase(mark("an investigation or measure is granted: {codes}"), codes=", ".join(sixweek)),
            tuple(sixweek),
        )  # fmt: skip
    if not active:
        return Classification(UNCLASSIFIED, Phrase(mark("no active grant")), ())
    unknown = by_category.get(None, [])
    if unknown:
        reason = Phrase(mark("unknown paragraph: {codes}"), codes=", ".join(unknown))
        return Classification(UNCLASSIFIED, reason, tuple(unknown))
    other = by_category.get(Category.OTHER, [])
    if other:
        reason = Phrase(mark("a paragraph outside the model's lists: {codes}"), codes=", ".join(other))
        return Classification(UNCLASSIFIED, reason, tuple(other))
    compensation = by_category.get(Category.COMPENSATION, [])
    addons = by_category.get(Category.SUPPORT_ADDON, [])
    if not compensation:
        reason = Phrase(mark("only support add-ons, no compensation grant: {codes}"), codes=", ".join(addons))
        return Classification(UNCLASSIFIED, reason, tuple(addons))
    reason = Phrase(mark("compensation only: {codes}"), codes=", ".join(compensation))
    if addons:
        reason = Phrase(mark("compensation with support add-ons: {codes}"), codes=", ".join(compensation + addons))
    return Classification(THREE_MONTHS, reason, tuple(compensation + addons))


def _active(grants: Iterable[Grant], day: date) -> tuple[str, ...]:
    """The distinct codes active on `day`, sorted: the key `_classify` is cached on."""
    return tuple(sorted({code for code, start, end in grants if grant_active(start, end, day)}))


def active_codes(grants: Iterable[Grant], day: date) -> list[str]:
    return list(_active(grants, day))


def classify_on(grants: Sequence[Grant], day: date) -> Classification:
    return _classify(_active(grants, day))


def track_since(grants: Sequence[Grant], as_of: date) -> date | None:
    """The day the track in force on `as_of` began.

    The track can change only on a day a grant starts or the day after one ends (a grant is still
    active on its end date). Walk back over those days until the track differs; a case that never
    changed track has it since its earliest grant start. None when no grant has started.
    """
    return _track_since(grants, as_of, classify_on(grants, as_of).track)


def _change_points(grants: Sequence[Grant], as_of: date | None = None) -> list[date]:
    """The days the active grants can change, in order: each start, and the day after each end (a
    grant is still active on its end date); with `as_of`, only those on or before it."""
    changes = {g.start for g in grants if as_of is None or g.start <= as_of}
    changes |= {g.end + _ONE_DAY for g in grants if g.end is not None and (as_of is None or g.end < as_of)}
    return sorted(changes)


def _runs(points: list[date], key: Callable[[date], Any]) -> list[tuple[date, date | None, Any]]:
    """Consecutive change points with the same `key` joined into (from, to or None, key) runs."""
    runs: list[tuple[date, date | None, Any]] = []
    for i, point in enumerate(points):
        value = key(point)
        until = points[i + 1] - _ONE_DAY if i + 1 < len(points) else None
        if runs and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], until, value)
        else:
            runs.append((point, until, value))
    return runs


def _track_since(grants: Sequence[Grant], as_of: date, current: str) -> date | None:
    points = _change_points(grants, as_of)
    if not points:
        return None
    if len(points) == 1:  # one change point: the track has held since then
        return points[0]
    since = points[-1]  # no change point between it and `as_of`: the same grants are active
    for point in reversed(points[:-1]):
        if classify_on(grants, point).track != current:
            break
        since = point
    # The walk stopped at the first point (going back) with another track: `since` is the point
    # after it, the day the current track began. Days between change points share the track of the
    # point before them, so no day in between can differ.
    return since


def history(grants: Sequence[Grant], as_of: date) -> list[tuple[date, date | None, Classification, tuple[str, ...]]]:
    """The periods up to `as_of` with the same active grants: (from, to or None, track, codes)."""
    runs = _runs(_change_points(grants, as_of), lambda day: _active(grants, day))
    return [(start, until, _classify(codes), codes) for start, until, codes in runs]


def track_periods(grants: Sequence[Grant]) -> list[tuple[date, date | None, str]]:
    """The case's track over all time: (since, until or None, track), a row for each run of days on
    one track, from the first grant's start. Stored with the case, so that a report can pick the
    cases that may be overdue in SQL; the rule itself stays here."""
    return _runs(_change_points(grants), lambda day: classify_on(grants, day).track)


def latest_overdue_anchor(track: str, as_of: date) -> date:
    """The latest anchor from which a follow-up on `track` is overdue on `as_of`.

    Adding calendar months never runs backwards, so `anchor <= this` is exactly `next_due < as_of`.
    """
    if track == SIX_WEEKS:
        return as_of - _SIX_WEEKS - _ONE_DAY
    day = as_of - timedelta(days=80)  # before any 3-month due date that could fall on `as_of`
    while next_due(day + _ONE_DAY, track) < as_of:
        day += _ONE_DAY
    while next_due(day, track) >= as_of:
        day -= _ONE_DAY
    return day


def latest_overdue_anchors(day: date) -> dict[str, date]:
    """Per track, the latest anchor whose follow-up falls due before `day`: what SQL picks cases by
    (samfam.store.queries.followups.candidate_rows) before `due_before` confirms each."""
    return {track: latest_overdue_anchor(track, day) for track in TRACKS}


def anchor(last_followup: date | None, since: date | None) -> date | None:
    """The later of the last counting event and the day the track began."""
    candidates = [d for d in (last_followup, since) if d is not None]
    return max(candidates) if candidates else None


#: The escalation levels of a follow-up, as `overdue`, `due`, the calendar and the weekly report show them:
#:
#: | level             | when                                                                   |
#: |-------------------|------------------------------------------------------------------------|
#: | due soon          | not due yet, or due today                                              |
#: | overdue           | past its due day                                                       |
#: | seriously overdue | more than one whole interval late: past twice the interval from the anchor |
DUE_SOON = mark("due soon")
OVERDUE = mark("overdue")
SERIOUSLY_OVERDUE = mark("seriously overdue")
LEVELS = (DUE_SOON, OVERDUE, SERIOUSLY_OVERDUE)


def seriously_overdue_after(anchor_day: date, track: str) -> date:
    """The last day a follow-up is merely overdue: twice the interval from the anchor (6 calendar months
    or 84 days); the day after, it is seriously overdue."""
    if track == THREE_MONTHS:
        return add_months(anchor_day, 6)
    return anchor_day + 2 * _SIX_WEEKS


def escalation(anchor_day: date, track: str, as_of: date) -> str:
    """The level of a follow-up on `track` anchored on `anchor_day`, on `as_of`."""
    if as_of <= next_due(anchor_day, track):
        return DUE_SOON
    if as_of <= seriously_overdue_after(anchor_day, track):
        return OVERDUE
    return SERIOUSLY_OVERDUE


def next_due(anchor_day: date, track: str) -> date:
    if track == THREE_MONTHS:
        return add_months(anchor_day, 3)
    if track == SIX_WEEKS:
        return anchor_day + _SIX_WEEKS
    raise ValueError(f"no cadence for track {track!r}; unclassified cases get no due date")


class FollowUp(NamedTuple):
    """Where a case stands on the cadence on one as-of date."""

    track: str
    reason: str
    deciding: tuple[str, ...]
    paragraphs: tuple[str, ...]
    track_since: date | None
    last_followup: date | None
    anchor: date | None
    next_due: date | None
    days_overdue: int | None  # negative: days left

    @property
    def overdue(self) -> bool:
        return self.days_overdue is not None and self.days_overdue > 0

    def due_within(self, days: int) -> bool:
        """Due from today through `days` ahead (not overdue)."""
        return self.days_overdue is not None and -days <= self.days_overdue <= 0

    @property
    def level(self) -> str | None:
        """How urgent the follow-up is (LEVELS); None for an unclassified case."""
        if self.anchor is None or self.next_due is None or self.days_overdue is None:
            return None
        return escalation(self.anchor, self.track, self.next_due + timedelta(days=self.days_overdue))


def due_before(fu: FollowUp, day: date) -> bool:
    """The follow-up falls due before `day`. An unclassified case has no due date, so never."""
    return fu.next_due is not None and fu.next_due < day


def follow_up(
    grants: Sequence[Grant], last_followup: date | None, as_of: date, reopened: date | None = None
) -> FollowUp:
    """Apply the rule: track on `as_of`, track_since, anchor, next due date, days overdue.

    `last_followup` is the latest counting event on or before `as_of`. `reopened` is the day a closed
    case was reopened: like a change of track, it restarts the clock (docs/rules.md § 4).
    """
    paragraphs = _active(grants, as_of)
    classification = _classify(paragraphs)
    if classification.track == UNCLASSIFIED:
        return FollowUp(
            classification.track,
            classification.reason,
            classification.deciding,
            paragraphs,
            None,
            last_followup,
            None,
            None,
            None,
        )
    since = _track_since(grants, as_of, classification.track)
    anchor_day = anchor(last_followup, since)
    if reopened is not None and anchor_day is not None and anchor_day < reopened <= as_of:
        anchor_day = reopened
    assert anchor_day is not None  # a classified case has an active grant, so `since` is set
    due = next_due(anchor_day, classification.track)
    return FollowUp(
        classification.track,
        classification.reason,
        classification.deciding,
        paragraphs,
        since,
        last_followup,
        anchor_day,
        due,
        (as_of - due).days,
    )
