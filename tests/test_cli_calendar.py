"""`samfam calendar`: the next follow-ups, the legal deadlines and the team meetings as an iCalendar file,
read back with icalendar."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from conftest import Samfam, built_once, copy_of
from support import DOMAIN_ERROR, ME, OTHER, REF, USAGE_ERROR, assert_ok, assert_refused, d

# Today is Sunday 2026-11-22; 8 weeks ahead (the default window) is 2027-01-17, 7 weeks 2027-01-10.
C = "2026-0103"
CPR_C = "150315-4001"  # born 2015-03-15
NAMES = ("Alma Holm", "Bo Berg", "Clara Dahl")

#: The world's events on 2026-11-22 by UID: (all-day date, overdue or passed).
FOLLOWUP_A = (f"followup-{REF}@samfam", d("2026-09-01"), True)
FOLLOWUP_B = (f"followup-{OTHER}@samfam", d("2027-01-17"), False)
FOLLOWUP_C = (f"followup-{C}@samfam", d("2026-12-01"), False)
TRANSITION_B = (f"deadline-{OTHER}-transition@samfam", d("2026-11-30"), False)
INVESTIGATION_C = (f"deadline-{C}-investigation@samfam", d("2027-02-20"), False)
NORD_STOP_OP = ("meeting-Nord-stop-op@samfam", d("2026-12-01"), False)
NORD_CASE_MEETING = ("meeting-Nord-case-meeting@samfam", d("2026-12-04"), False)
SYD_STOP_OP = ("meeting-Syd-stop-op@samfam", d("2026-11-01"), True)


def _build(team: Samfam) -> Samfam:
    """Three open cases and two teams' meetings on 2026-11-22:

    - 2026-0101 Alma Holm, MKJ (Nord), BL 86 since 2026-06-01 (3-month track), never followed up:
      due 2026-09-01, 82 days overdue. Born 2015-03-01: 16 on 2031-03-01, outside any window here.
    - 2026-0102 Bo Berg, LBH (Nord), BL 86 since 2026-06-01, followed up 2026-10-17: due 2027-01-17,
      the last day of 8 weeks. Born 2010-11-30: transition deadline 2026-11-30 (16), 18 on 2028-11-30.
    - 2026-0103 Clara Dahl (CPR 150315-4001), ATP (Syd), buddy MKJ, BL 20 (investigation, 6-week track)
      since 2026-10-20: follow-up due 2026-12-01 (42 days); the investigation must be finished 4 months
      after its start, 2027-02-20 (90 days: outside 12 weeks, inside 13).
    - Nord: stop-op held 2026-09-01 -> next 2026-12-01; case meetings every 14 days, last 2026-11-20 ->
      next 2026-12-04; a half-day 2026-11-01 (no rhythm: no date).
    - Syd: stop-op held 2026-08-01 -> next 2026-11-01, 21 days overdue; a case meeting 2026-11-01 with no
      rhythm set (no date).
    """
    team.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01",
            "--born", "2015-03-01", "--para", "BL 86")  # fmt: skip
    team.ok("case", "open", OTHER, "--child", "Bo Berg", "--advisor", "LBH", "--opened", "2026-06-01",
            "--born", "2010-11-30", "--para", "BL 86")  # fmt: skip
    team.ok("event", "add", OTHER, "followup", "--on", "2026-10-17")
    team.ok("case", "open", C, "--child", "Clara Dahl", "--advisor", "ATP", "--opened", "2026-10-20",
            "--cpr", CPR_C, "--para", "BL 20", "--buddy", "MKJ")  # fmt: skip
    team.ok("team", "meeting", "add", "stop-op", "--on", "2026-09-01", "--team", "Nord")
    team.ok("team", "rhythm", "--team", "Nord", "--case-meetings-every", "14")
    team.ok("team", "meeting", "add", "case-meeting", "--on", "2026-11-20", "--team", "Nord")
    team.ok("team", "meeting", "add", "half-day", "--on", "2026-11-01", "--team", "Nord")
    team.ok("team", "meeting", "add", "stop-op", "--on", "2026-08-01", "--team", "Syd")
    team.ok("team", "meeting", "add", "case-meeting", "--on", "2026-11-01", "--team", "Syd")
    return team


@pytest.fixture(scope="module")
def _world_db(tmp_path_factory, migrated_db):
    return built_once(tmp_path_factory, migrated_db, _build)


@pytest.fixture
def world(_world_db, tmp_path) -> Samfam:
    """The world of `_build`, built once for the module and copied for each test."""
    return copy_of(_world_db, tmp_path)


def _calendar(s: Samfam, *args: str, **kwargs) -> Calendar:
    result = s("calendar", *args, **kwargs)
    assert_ok(result)
    return Calendar.from_ical(result.stdout)


def _events(cal: Calendar) -> dict[str, tuple[date, bool]]:
    """Each event by UID: (its all-day date, whether its SUMMARY says it is overdue or passed)."""
    found = {}
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in found, f"UID {uid} twice"
        start = event["DTSTART"].dt
        assert isinstance(start, date) and not isinstance(start, datetime), start  # all-day
        assert event["DTEND"].dt == date.fromordinal(start.toordinal() + 1)
        found[uid] = (start, str(event["SUMMARY"]).startswith(("Overdue:", "Seriously overdue:", "Passed:")))
    return found


def _expected(*items: tuple[str, date, bool]) -> dict[str, tuple[date, bool]]:
    return {uid: (day, late) for uid, day, late in items}


def _unfolded(text: str) -> str:
    """The .ics text with its folded lines joined, so that a name split over two lines is found."""
    return re.sub(r"\r?\n[ \t]", "", text)


def _log(s: Samfam) -> list[sqlite3.Row]:
    with sqlite3.connect(s.db) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()


# -- the file and its events -----------------------------------------------------------------------------


def test_one_all_day_event_per_follow_up_deadline_and_meeting(world):
    result = world("calendar")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("BEGIN:VCALENDAR\n")  # CliRunner gives CRLF as LF: see the --output test
    cal = Calendar.from_ical(result.stdout)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//samfam//")
    # 2026-0102's follow-up on 2027-01-17 is on the window's last day; its 18th birthday and 2026-0103's
    # investigation deadline are outside; Nord's half-day and Syd's case meetings have no rhythm.
    assert _events(cal) == _expected(
        FOLLOWUP_A, FOLLOWUP_B, FOLLOWUP_C, TRANSITION_B, NORD_STOP_OP, NORD_CASE_MEETING, SYD_STOP_OP
    )
    for event in cal.walk("VEVENT"):
        assert event["DTSTAMP"].dt.tzinfo is not None  # UTC
        assert int(event["SEQUENCE"]) > 0
        assert event["LAST-MODIFIED"].dt == event["DTSTAMP"].dt


def test_the_description_names_case_track_and_kind(world):
    events = {str(e["UID"]): e for e in _calendar(world).walk("VEVENT")}
    overdue = events[FOLLOWUP_A[0]]
    assert str(overdue["SUMMARY"]) == f"Overdue: follow-up {REF} (3m)"
    text = str(overdue["DESCRIPTION"])
    assert f"Case: {REF}" in text and "Track: 3m" in text and "Kind: follow-up" in text
    assert "overdue 82 days on 2026-11-22" in text and "Advisor: MKJ" in text
    six_weeks = str(events[FOLLOWUP_C[0]]["DESCRIPTION"])
    assert "Track: 6w" in six_weeks and "Advisor: ATP; buddy: MKJ" in six_weeks and "in 9 days" in six_weeks
    deadline = events[TRANSITION_B[0]]
    assert str(deadline["SUMMARY"]) == f"Legal deadline {OTHER}: transition to adult services"
    assert f"Case: {OTHER}" in str(deadline["DESCRIPTION"]) and "BL §§ 122-123" in str(deadline["DESCRIPTION"])
    meeting = events[SYD_STOP_OP[0]]
    assert str(meeting["SUMMARY"]) == "Overdue: team meeting Syd: stop-op"
    assert "Last held: 2026-08-01" in str(meeting["DESCRIPTION"])


def test_uids_are_stable_and_a_new_due_date_keeps_its_uid(world):
    first = _calendar(world)
    second = _calendar(world)
    assert _events(first) == _events(second)
    # A follow-up on 2026-0103 on 2026-11-20 (6-week track): next due 2027-01-01, the same event moved.
    world.ok("event", "add", C, "followup", "--on", "2026-11-20")
    third = _calendar(world)
    assert set(_events(third)) == set(_events(first))
    assert _events(third)[FOLLOWUP_C[0]] == (d("2027-01-01"), False)
    sequences = [int(e["SEQUENCE"]) for cal in (first, third) for e in cal.walk("VEVENT")]
    assert sequences[0] <= sequences[-1]  # a later file never loses to an earlier one


def test_no_childs_name_or_cpr_without_with_names(world):
    result = world("calendar", "--weeks", "520")  # every deadline up to the 18th birthdays
    assert result.exit_code == 0, result.stderr
    text = _unfolded(result.stdout)
    for name in NAMES:
        for part in name.split():
            assert part not in text, part
    assert "150315" not in text and "4001" not in text


def test_with_names_puts_the_childs_name_but_never_the_cpr(world):
    result = world("calendar", "--with-names", "--weeks", "520")
    assert result.exit_code == 0, result.stderr
    events = {str(e["UID"]): e for e in Calendar.from_ical(result.stdout).walk("VEVENT")}
    assert str(events[FOLLOWUP_C[0]]["SUMMARY"]) == f"Follow-up {C} Clara Dahl (6w)"
    assert "Child: Clara Dahl" in str(events[FOLLOWUP_C[0]]["DESCRIPTION"])
    # the name of a case that is in the file for a deadline only is there too
    investigation = events[INVESTIGATION_C[0]]
    assert "Clara Dahl" in str(investigation["SUMMARY"])
    assert "Bo Berg" in str(events[TRANSITION_B[0]]["SUMMARY"])
    assert "Alma Holm" in str(events[FOLLOWUP_A[0]]["SUMMARY"])
    text = _unfolded(result.stdout)
    assert "150315" not in text and "4001" not in text


# -- filters and the window ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        # primary on 2026-0101, buddy on 2026-0103 (Syd); the meetings of MKJ's own team
        (("--advisor", "mkj"), (FOLLOWUP_A, FOLLOWUP_C, NORD_STOP_OP, NORD_CASE_MEETING)),
        (("--advisor", "LBH"), (FOLLOWUP_B, TRANSITION_B, NORD_STOP_OP, NORD_CASE_MEETING)),
        (("--team", "Nord"), (FOLLOWUP_A, FOLLOWUP_B, TRANSITION_B, NORD_STOP_OP, NORD_CASE_MEETING)),
        (("--team", "Syd"), (FOLLOWUP_C, SYD_STOP_OP)),
        # MKJ on a Syd case as buddy; the team's meetings are Syd's
        (("--advisor", "MKJ", "--team", "Syd"), (FOLLOWUP_C, SYD_STOP_OP)),
    ],
    ids=["advisor-mkj", "advisor-LBH", "team-Nord", "team-Syd", "advisor-MKJ-team-Syd"],
)
def test_advisor_and_team_filters(world, argv, expected):
    assert _events(_calendar(world, *argv)) == _expected(*expected)


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [
        # only what is overdue or passed (nothing falls due today)
        ("0", (FOLLOWUP_A, SYD_STOP_OP)),
        # to 2027-01-10: 2026-0102's follow-up on 2027-01-17 is one week out
        ("7", (FOLLOWUP_A, FOLLOWUP_C, TRANSITION_B, NORD_STOP_OP, NORD_CASE_MEETING, SYD_STOP_OP)),
        # to 2027-02-14: the investigation's 2027-02-20 is 6 days out
        ("12", (FOLLOWUP_A, FOLLOWUP_B, FOLLOWUP_C, TRANSITION_B, NORD_STOP_OP, NORD_CASE_MEETING, SYD_STOP_OP)),
        # to 2027-02-21
        ("13", (FOLLOWUP_A, FOLLOWUP_B, FOLLOWUP_C, TRANSITION_B, INVESTIGATION_C, NORD_STOP_OP,
                NORD_CASE_MEETING, SYD_STOP_OP)),
    ],
    ids=lambda v: f"{v}-weeks" if isinstance(v, str) else "",
)  # fmt: skip
def test_weeks_limits_the_window_and_keeps_what_is_overdue(world, weeks, expected):
    """Due dates on or before today + N weeks, and everything overdue or passed whatever N is."""
    assert _events(_calendar(world, "--weeks", weeks)) == _expected(*expected)


def test_a_passed_deadline_and_the_18th_birthday_keep_their_uids(team, open_case):
    """Born 2008-12-10: the transition deadline (16) passed 2024-12-10; 18 on 2026-12-10. After the
    birthday the turns-18 event becomes 'open after 18' under the same UID, on the same day."""
    open_case(REF, "BL 86", opened="2026-06-01", born="2008-12-10")
    before = _events(_calendar(team))
    assert before[f"deadline-{REF}-transition@samfam"] == (d("2024-12-10"), True)
    assert before[f"deadline-{REF}-turns-18@samfam"] == (d("2026-12-10"), False)
    after = _calendar(team, today=d("2026-12-20"))
    events = {str(e["UID"]): e for e in after.walk("VEVENT")}
    turned = events[f"deadline-{REF}-turns-18@samfam"]
    assert turned["DTSTART"].dt == d("2026-12-10")
    assert str(turned["SUMMARY"]) == f"Passed: legal deadline {REF}: open after 18"
    assert f"deadline-{REF}-transition@samfam" not in events  # no transition deadline after 18


# -- output, errors and the log ------------------------------------------------------------------------


def test_output_writes_a_file_only_its_owner_may_read(world, tmp_path):
    target = tmp_path / "mkj.ics"
    result = world("calendar", "--advisor", "MKJ", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == ""  # "Wrote FILE." on a terminal only (output.streams.wrote)
    assert os.stat(target).st_mode & 0o777 == 0o600
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")  # every line ends in CRLF (RFC 5545)
    cal = Calendar.from_ical(raw)
    assert set(_events(cal)) == {FOLLOWUP_A[0], FOLLOWUP_C[0], NORD_STOP_OP[0], NORD_CASE_MEETING[0]}


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        (("--advisor", "XYZ"), DOMAIN_ERROR, ("XYZ",)),
        (("--team", "Vest"), DOMAIN_ERROR, ("Vest",)),
        (("--weeks", "-1"), USAGE_ERROR, ("--weeks",)),
        (("--weeks", "otte"), USAGE_ERROR, ("--weeks",)),
    ],
    ids=["unknown-advisor", "unknown-team", "negative-weeks", "weeks-not-a-number"],
)
def test_an_unknown_advisor_team_or_bad_weeks_is_one_error_line_and_logs_nothing(world, argv, exit_code, names):
    assert_refused(world, ["calendar", *argv], exit_code, *names)  # the log is a table too: unchanged


def test_an_output_that_cannot_be_written_is_refused_before_reading(world, tmp_path):
    assert_refused(world, ["calendar", "--output", str(tmp_path / "missing" / "x.ics")], DOMAIN_ERROR, "missing")


def test_the_read_is_logged_with_every_case_in_the_file(world):
    before = len(_log(world))
    world.ok("calendar", "--team", "Nord")
    new = _log(world)[before:]
    assert len(new) == 1
    row = new[0]
    assert (row["kind"], row["action"], row["purpose"], row["user"]) == ("read", "calendar", "sagsbehandling", ME)
    assert set(row["cases"].split()) == {REF, OTHER}
    assert row["detail"] == "2 follow-ups, 1 deadline, 2 meetings to 2027-01-17"
    world.ok("calendar", "--advisor", "MKJ", "--with-names", "--weeks", "0")
    row = _log(world)[-1]
    assert (row["action"], row["cases"], row["detail"]) == ("calendar", REF, "1 follow-up, 0 deadlines, 0 meetings"
                                                            " to 2026-11-22, with names")  # fmt: skip


# -- text that iCalendar must escape -------------------------------------------------------------------


def test_commas_semicolons_and_newlines_survive(team, open_case):
    name = 'Holm, Alma; "Lille"\nanden linje \\ ok'
    team.ok("advisor", "add", "KLM", "--name", "Kim", "--team", "Nord, Øst; Vest")
    team.ok("team", "meeting", "add", "stop-op", "--on", "2026-09-01", "--team", "Nord, Øst; Vest")
    team.ok("case", "open", REF, "--child", name, "--advisor", "KLM", "--opened", "2026-06-01", "--para", "BL 86")
    cal = _calendar(team, "--with-names", "--team", "Nord, Øst; Vest")
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"followup-{REF}@samfam", "meeting-Nord, Øst; Vest-stop-op@samfam"}
    followup = events[f"followup-{REF}@samfam"]
    assert str(followup["SUMMARY"]) == f"Overdue: follow-up {REF} {name} (3m)"
    assert f"Child: {name}\n" in str(followup["DESCRIPTION"])
    assert str(events["meeting-Nord, Øst; Vest-stop-op@samfam"]["SUMMARY"]) == "Team meeting Nord, Øst; Vest: stop-op"


def test_the_document_escapes_what_it_is_given():
    """Straight from plain values: text with every character iCalendar escapes comes back as it went in."""
    from samfam.documents.calendar import calendar_text

    text = 'a, b; c\nd \\ e: "f"'
    data = {
        "as_of": d("2026-11-22"),
        "until": d("2027-01-17"),
        "advisor": None,
        "team": text,
        "followups": [
            {
                "case": REF,
                "child": text,
                "advisor": "MKJ",
                "buddy": None,
                "track": "6w",
                "last_followup": None,
                "next_due": d("2026-11-22"),
                "overdue": False,
            },
        ],  # fmt: skip
        "deadlines": [],
        "meetings": [
            {
                "team": text,
                "kind": "stop-op",
                "rhythm": "every 3 months",
                "last": d("2026-08-22"),
                "next_due": d("2026-11-22"),
            },
        ],  # fmt: skip
    }
    stamp = datetime(2026, 11, 22, 8, 30, 15, tzinfo=UTC)
    ics = calendar_text(data, stamp, with_names=True)
    # icalendar reads an X- property back as it stands: its escaping, as RFC 5545 has it for TEXT
    assert '\r\nX-WR-CALNAME:samfam: follow-ups and deadlines (a\\, b\\; c\\nd \\\\ e: "f")\r\n' in _unfolded(ics)
    cal = Calendar.from_ical(ics)
    followup, meeting = cal.walk("VEVENT")
    assert str(followup["SUMMARY"]) == f"Follow-up {REF} {text} (6w)"
    assert "Due: 2026-11-22, today" in str(followup["DESCRIPTION"])
    assert str(meeting["UID"]) == f"meeting-{text}-stop-op@samfam"
    assert str(meeting["DESCRIPTION"]).startswith(f"Team: {text}\n")
    assert followup["DTSTAMP"].dt == stamp
    assert int(followup["SEQUENCE"]) == (stamp - datetime(2020, 1, 1, tzinfo=UTC)).total_seconds() // 60
    # without with_names the name stays out, even when the row carries it
    assert text not in str(Calendar.from_ical(calendar_text(data, stamp)).walk("VEVENT")[0]["SUMMARY"])


def test_a_seriously_overdue_follow_up_says_so(team, open_case):
    """From 2026-01-10 on the 3-month track: due 04-10; past twice the interval (07-10) on 2026-11-22."""
    open_case("2026-0001", "BL 86", opened="2026-01-10")
    open_case("2026-0002", "BL 86", opened="2026-06-01")  # due 09-01, twice 12-01: merely overdue
    events = {str(e["UID"]): e for e in _calendar(team).walk("VEVENT")}
    serious, late = events["followup-2026-0001@samfam"], events["followup-2026-0002@samfam"]
    assert str(serious["SUMMARY"]).startswith("Seriously overdue: follow-up 2026-0001")
    assert "Level: seriously overdue" in str(serious["DESCRIPTION"])
    assert str(late["SUMMARY"]).startswith("Overdue: follow-up 2026-0002")
