"""The calendar as iCalendar text (RFC 5545, made with the `icalendar` library): the next follow-ups, the
legal deadlines and the team meetings as all-day events. Pure text from plain values.

- **One all-day event a thing due**, on its due date (DTSTART a date, DTEND the day after). An overdue
  follow-up or meeting and a passed deadline stay on the day they were due, so the event does not move
  every day, and SUMMARY begins "Overdue:" (or "Passed:"); DESCRIPTION says by how many days on the
  as-of date.
- **The day to book.** A follow-up still to come whose due date is a weekend, a public holiday or a day
  the municipality closes stays on its due date (the model's cadence does not move), and DESCRIPTION
  adds a line "Day to book: DATE", the last working day before it (docs/rules.md § 9).
- **Stable UIDs**, so that importing a newer file updates the events instead of adding them again:
  `followup-<case>@samfam` (the case's next follow-up, whatever its date), `deadline-<case>-<kind>@samfam`
  (`open-after-18` keeps the UID of `turns-18`: the same 18th birthday, passed; a second deadline of one
  kind on a case, such as two running investigations, gets `-2`, `-3` … in date order) and
  `meeting-<team>-<kind>@samfam`.
- **Newer wins**: DTSTAMP and LAST-MODIFIED are the moment the file was made (UTC), and SEQUENCE is that
  moment in whole minutes since 2020-01-01 (UTC): samfam keeps no revision of an event, so each file
  counts as a revision of every event in it, and a file made later never loses to an earlier one.
  An event that left the calendar (a case closed, a follow-up held) is not removed by an import.
- **Privacy**: SUMMARY and DESCRIPTION carry the case reference, the track and the kind of follow-up or
  deadline, the advisors' initials, never a child's name or CPR number; `with_names` adds the child's
  name (the view gives it only then). Case events are CLASS:PRIVATE, and every event is TRANSP:TRANSPARENT
  (a reminder, not busy time).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event, vText

from samfam.documents.text import clean
from samfam.rules.cadence import CADENCE, THREE_MONTHS
from samfam.rules.events import COUNTING_KINDS
from samfam.words import language, mark, phrased, plural, text, weekday

PRODID = "-//samfam//samfam calendar//EN"
DOMAIN = "samfam"
#: SEQUENCE counts whole minutes from here (fits a 32-bit integer for 4,000 years).
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)

TRACK_NAMES = {THREE_MONTHS: mark("3-month track"), "6w": mark("6-week track")}
DEADLINE_WORDS = {
    "investigation": mark("investigation to be finished"),
    "transition": mark("transition to adult services"),
    "turns-18": mark("turns 18"),
    "open-after-18": mark("open after 18"),
    "application": mark("application to be decided"),
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The UID's kind of a deadline: after the 18th birthday the `turns-18` event is the one that changes.
DEADLINE_UID_KIND = {"open-after-18": "turns-18"}

Row = dict[str, Any]


def followup_uid(ref: str) -> str:
    return f"followup-{ref}@{DOMAIN}"


def deadline_uid(ref: str, kind: str) -> str:
    return f"deadline-{ref}-{DEADLINE_UID_KIND.get(kind, kind)}@{DOMAIN}"


def meeting_uid(team: str, kind: str) -> str:
    return f"meeting-{team}-{kind}@{DOMAIN}"


def sequence(stamp: datetime) -> int:
    """The revision of every event in a file made at `stamp`: whole minutes since SEQUENCE_EPOCH."""
    return max(0, int((stamp - SEQUENCE_EPOCH).total_seconds() // 60))


def calendar_text(data: Row, stamp: datetime, with_names: bool = False) -> str:
    """The .ics text of a calendar read (samfam.views.calendar.calendar), made at `stamp` (aware)."""
    if stamp.tzinfo is None:
        raise ValueError("the calendar's stamp must carry a time zone")
    stamp = stamp.astimezone(UTC).replace(microsecond=0)
    as_of: date = data["as_of"]
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(clean(_name(data))))  # an X- property: escaped as text
    for row in data["followups"]:
        cal.add_component(_followup(row, as_of, stamp, with_names))
    seen: dict[str, int] = {}
    for row in data["deadlines"]:
        uid = deadline_uid(row["case"], row["kind"])
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            uid = uid.replace(f"@{DOMAIN}", f"-{seen[uid]}@{DOMAIN}")
        cal.add_component(_deadline(row, uid, as_of, stamp, with_names))
    for row in data["meetings"]:
        cal.add_component(_meeting(row, as_of, stamp))
    return cal.to_ical().decode("utf-8")


def _name(data: Row) -> str:
    scope = " · ".join(part for part in (data.get("advisor"), data.get("team")) if part)
    return text("samfam: follow-ups and deadlines") + (f" ({scope})" if scope else "")


def _event(uid: str, day: date, stamp: datetime, summary: str, lines: list[str], category: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence(stamp))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", clean(summary))  # no control character or bidi override from stored text
    event.add("description", clean("\n".join(lines)))
    event.add("categories", ["samfam", category])
    event.add("transp", "TRANSPARENT")
    return event


def _when(day: date, as_of: date, passed: bool = False) -> str:
    """How the due date (a deadline: `passed`) stands on the as-of date."""
    days = (day - as_of).days
    if days < 0:
        late = (
            text("{day}, passed {days} on {as_of}") if passed else text("{day}, overdue {days} on {as_of}")
        )  # fmt: skip
        return late.format(day=day.isoformat(), days=plural(-days, "{n} day", "{n} days"), as_of=as_of.isoformat())
    if days == 0:
        return text("{day}, today").format(day=day.isoformat())
    return text("{day}, {in_days} from {as_of}").format(
        day=day.isoformat(), in_days=plural(days, "in {n} day", "in {n} days"), as_of=as_of.isoformat()
    )


def _child(row: Row, with_names: bool) -> str | None:
    return row.get("child") if with_names else None


def _followup(row: Row, as_of: date, stamp: datetime, with_names: bool) -> Event:
    ref, track, due = row["case"], row["track"], row["next_due"]
    child = _child(row, with_names)
    named = f" {child}" if child else ""
    if due >= as_of:
        summary = text("Follow-up {ref}{child} ({track})")
    elif row.get("level") == "seriously overdue":
        summary = text("Seriously overdue: follow-up {ref}{child} ({track})")
    else:
        summary = text("Overdue: follow-up {ref}{child} ({track})")
    summary = summary.format(ref=ref, child=named, track=text(track))
    people = text("Advisor: {initials}").format(initials=row["advisor"]) + (
        text("; buddy: {initials}").format(initials=row["buddy"]) if row.get("buddy") else ""
    )
    last = row.get("last_followup")
    cadence = CADENCE.get(track)
    lines = [
        text("Case: {ref}").format(ref=ref),
        *([text("Child: {child}").format(child=child)] if child else []),
        text(
            "Track: {track} ({name}: the next follow-up {cadence} after the later of the last follow-up and the "
            "day the track began)"
        ).format(track=text(track), name=text(TRACK_NAMES.get(track, track)), cadence=text(cadence) if cadence else ""),
        text("Kind: follow-up with the family (counts: {kinds})").format(kinds=", ".join(map(text, COUNTING_KINDS))),
        text("Last follow-up: {day}").format(day=last.isoformat() if last else text("none yet")),
        text("Due: {when}").format(when=_when(due, as_of)),
        *([text("Level: {level}").format(level=text(row["level"]))] if row.get("level") else []),
        *_book_on(row, as_of),
        people,
    ]
    event = _event(followup_uid(ref), due, stamp, summary, lines, "follow-up")
    event.add("class", "PRIVATE")
    return event


def _book_on(row: Row, as_of: date) -> list[str]:
    """The day to book a follow-up still to come that falls due on a day off: a line, else none."""
    day, due = row.get("book_on"), row["next_due"]
    if day is None or day == due or due < as_of:
        return []
    named = WEEKDAYS[day.weekday()] if language() == "en" else weekday(day)
    return [
        text("Day to book: {day} ({weekday}; {due} is not a working day)").format(
            day=day.isoformat(), weekday=named, due=due.isoformat()
        )
    ]


def _deadline(row: Row, uid: str, as_of: date, stamp: datetime, with_names: bool) -> Event:
    ref, kind, day = row["case"], row["kind"], row["deadline"]
    child = _child(row, with_names)
    summary = (
        text("Passed: legal deadline {ref}{child}: {what}")
        if day < as_of
        else text("Legal deadline {ref}{child}: {what}")
    )
    what = DEADLINE_WORDS.get(kind)
    summary = summary.format(ref=ref, child=f" {child}" if child else "", what=text(what) if what else kind)
    lines = [
        text("Case: {ref}").format(ref=ref),
        *([text("Child: {child}").format(child=child)] if child else []),
        text("Kind: {kind}: {what}").format(kind=text(kind), what=phrased(row["what"])),
        text("Law: {law}").format(law=row["law"]),
        text("Deadline: {when}").format(when=_when(day, as_of, passed=True)),
        text("Advisor: {initials}").format(initials=row["advisor"]),
    ]
    event = _event(uid, day, stamp, summary, lines, "legal deadline")
    event.add("class", "PRIVATE")
    return event


def _meeting(row: Row, as_of: date, stamp: datetime) -> Event:
    team, kind, due = row["team"], row["kind"], row["next_due"]
    summary = text("Overdue: team meeting {team}: {kind}") if due < as_of else text("Team meeting {team}: {kind}")
    summary = summary.format(team=team, kind=text(kind))
    last = row.get("last")
    lines = [
        text("Team: {team}").format(team=team),
        text("Kind: {kind}").format(kind=text(kind)) + (f" ({phrased(row['rhythm'])})" if row.get("rhythm") else ""),
        text("Last held: {day}").format(day=last.isoformat() if last else text("none yet")),
        text("Due: {when}").format(when=_when(due, as_of)),
    ]
    return _event(meeting_uid(team, kind), due, stamp, summary, lines, "team meeting")
