"""Applications and their processing deadlines, the published frister and the closed days
(`application`, `frist`, `closed-day`; docs/rules.md § 9), and the day to book a follow-up due on a day off.

Today is Sunday 2026-11-22 unless a call says otherwise. Case 2026-0101 (conftest `case1`): Alma Holm,
advisor MKJ (team Nord), BL 86 since 2026-06-01 (opened that day), no follow-up yet. Every deadline is
counted by hand in the comments, from the day after receipt; the Danish public holidays are the real
ones (the `holidays` package): 25 and 26 December, 1 January, Easter and so on.
"""

from __future__ import annotations

import sqlite3

import pytest

from conftest import Samfam, _built, _case1, _restore, add_team, opener
from support import DOMAIN_ERROR, OTHER, REF, USAGE_ERROR, assert_refused, d, open_, parse_csv, weekly

LAW = "Retssikkerhedsloven § 3 stk. 2"


def _log(s: Samfam) -> list[sqlite3.Row]:
    with sqlite3.connect(s.db) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()


def applications(s: Samfam, *argv: str, **kwargs) -> list[dict]:
    return s.ok("application", "list", *argv, "-f", "json", **kwargs).json()


def application_deadlines(s: Samfam, *argv: str) -> list[dict]:
    """The applications among `samfam deadlines`."""
    return [r for r in s.ok("deadlines", *argv, "-f", "json").json() if r["kind"] == "application"]


def by_id(s: Samfam, application_id: int, **kwargs) -> dict:
    [row] = [r for r in applications(s, REF, **kwargs) if r["id"] == application_id]
    return row


@pytest.fixture
def frister(case1: Samfam) -> Samfam:
    """Case 2026-0101 with BL 86 decided within 40 working days and BL 87 within 8 weeks."""
    case1.ok("frist", "set", "BL 86", "40", "--unit", "workdays")
    case1.ok("frist", "set", "bl87", "8", "--unit", "weeks")
    return case1


# -- frist ----------------------------------------------------------------------------------------------


def test_frist_set_and_list(case1):
    result = case1.ok("frist", "set", "BL 86", "40", "--unit", "workdays")
    assert result.stdout == "Processing deadline for BL 86: 40 working days from receipt.\n"
    case1.ok("frist", "set", "SEL §42", "8", "-u", "weeks")  # forgiving input, stored canonical
    result = case1.ok("frist", "set", "bl86", "30", "--unit", "days")  # changed: says what it was
    assert result.stdout == "Processing deadline for BL 86: 30 days from receipt (was 40 working days).\n"
    assert case1.ok("frist", "list", "-f", "json").json() == [
        {"code": "BL 86", "amount": 30, "unit": "days", "frist": "30 days", "title": "Merudgifter"},
        {"code": "SEL 42", "amount": 8, "unit": "weeks", "frist": "8 weeks", "title": "Tabt arbejdsfortjeneste"},
    ]
    table = case1.ok("frist", "list").stdout
    assert "Processing deadlines" in table and "30 days" in table and "SEL 42" in table
    writes = [(r["action"], r["detail"]) for r in _log(case1) if r["action"] == "frist.set"]
    assert writes[-1] == ("frist.set", "BL 86: 30 days (was 40 working days)")
    # no child's data shown: nothing logged as a read
    assert not [r for r in _log(case1) if r["action"].startswith("frist") and r["kind"] == "read"]


def test_frist_list_when_none_is_published(samfam):
    assert samfam.ok("frist", "list", "-f", "json").json() == []
    assert "No processing deadline is published yet" in samfam.ok("frist", "list").stdout


# -- closed days ----------------------------------------------------------------------------------------


def test_closed_day_add_list_remove(samfam):
    assert samfam.ok("closed-day", "add", "2026-12-24", "--note", "Juleaftensdag").stdout == (
        "Closed day 2026-12-24 added.\n"
    )
    samfam.ok("closed-day", "add", "31.12.2026")  # the Danish form of a date
    samfam.ok("closed-day", "add", "2027-12-24")
    assert samfam.ok("closed-day", "list", "--year", "2026", "-f", "json").json() == [
        {"day": "2026-12-24", "weekday": "Thursday", "kind": "closed", "note": "Juleaftensdag"},
        {"day": "2026-12-31", "weekday": "Thursday", "kind": "closed", "note": None},
    ]
    assert samfam.ok("closed-day", "remove", "2026-12-31").stdout == "Closed day 2026-12-31 removed.\n"
    assert [r["day"] for r in samfam.ok("closed-day", "list", "-f", "json").json()] == ["2026-12-24", "2027-12-24"]
    actions = [(r["action"], r["detail"]) for r in _log(samfam) if r["action"].startswith("closed-day")]
    assert actions == [
        ("closed-day.add", "2026-12-24: Juleaftensdag"),
        ("closed-day.add", "2026-12-31"),
        ("closed-day.add", "2027-12-24"),
        ("closed-day.remove", "2026-12-31"),
    ]


def test_closed_day_list_with_the_public_holidays(samfam):
    samfam.ok("closed-day", "add", "2026-12-24", "--note", "Juleaftensdag")
    rows = samfam.ok("closed-day", "list", "--holidays", "-f", "json").json()  # this year: 2026
    december = [(r["day"], r["kind"], r["note"]) for r in rows if r["day"].startswith("2026-12")]
    assert december == [
        ("2026-12-24", "closed", "Juleaftensdag"),
        ("2026-12-25", "public holiday", "Juledag"),
        ("2026-12-26", "public holiday", "Anden juledag"),
    ]
    assert len([r for r in rows if r["kind"] == "public holiday"]) == 10  # no Store bededag since 2024
    in_2023 = samfam.ok("closed-day", "list", "--holidays", "--year", "2023", "-f", "json").json()
    assert ("2023-05-05", "Store bededag") in [(r["day"], r["note"]) for r in in_2023]


# -- applications: add, list ----------------------------------------------------------------------------


def test_application_add_says_its_deadline(frister):
    # BL 86, 40 working days from Monday 2 November 2026 (no holiday in November or December before the
    # 24th): 3-6 Nov (4), 9-13 (9), 16-20 (14), 23-27 (19), 30 Nov-4 Dec (24), 7-11 (29), 14-18 (34),
    # 21-24 Dec (38), 28 (39), Tuesday 29 December (40). 25 and 26 December are holidays.
    result = frister.ok("application", "add", REF, "bl86", "--received", "2026-11-02")
    assert result.stdout == (
        f"Application 1: case {REF}, BL 86 received 2026-11-02; deadline 2026-12-29 (40 working days from receipt).\n"
    )
    # BL 90 has no published deadline: no deadline, and the output says so.
    result = frister.ok("application", "add", REF, "BL 90")  # received today
    assert "no deadline: no processing deadline is published for BL 90" in result.stdout
    assert applications(frister) == [
        {
            "id": 1, "case": REF, "advisor": "MKJ", "code": "BL 86", "received": "2026-11-02",
            "frist": "40 working days", "deadline": "2026-12-29", "days_left": 37, "letter": None,
            "decided": None, "outcome": None, "status": "open", "grant_id": None,
        },
        {
            "id": 2, "case": REF, "advisor": "MKJ", "code": "BL 90", "received": "2026-11-22",
            "frist": None, "deadline": None, "days_left": None, "letter": None,
            "decided": None, "outcome": None, "status": "open, no deadline", "grant_id": None,
        },
    ]  # fmt: skip
    table = frister.ok("application", "list").stdout
    assert "open, no deadline" in table
    assert "No processing deadline is published for BL 90: no deadline" in table
    [write] = [r for r in _log(frister) if r["action"] == "application.add"][:1]
    assert (write["case_ref"], write["detail"], write["kind"]) == (REF, "1: BL 86 received 2026-11-02", "write")


def test_a_closed_day_moves_a_working_day_deadline(frister):
    """The issue's example: 10 working days from Friday 18 December 2026."""
    frister.ok("frist", "set", "BL 86", "10", "--unit", "workdays")
    frister.ok("application", "add", REF, "BL 86", "--received", "2026-12-18", today=d("2026-12-18"))
    # Public holidays only: 21, 22, 23, 24, 28, 29, 30, 31 December, 4, 5 January -> Tuesday 5 January.
    assert by_id(frister, 1, today=d("2026-12-18"))["deadline"] == "2027-01-05"
    frister.ok("closed-day", "add", "2026-12-24")
    frister.ok("closed-day", "add", "2026-12-31")
    # 24 and 31 December closed: 21, 22, 23, 28, 29, 30 December, 4, 5, 6, 7 January -> Thursday 7 January.
    assert by_id(frister, 1, today=d("2026-12-18"))["deadline"] == "2027-01-07"


def test_application_list_filters_and_formats(frister, open_case):
    open_case(OTHER, "BL 86", advisor="ATP", opened="2026-06-01")  # team Syd
    frister.ok("application", "add", REF, "BL 86", "--received", "2026-11-02")
    frister.ok("application", "add", OTHER, "BL 87", "--received", "2026-11-09")
    frister.ok("application", "add", REF, "BL 87", "--received", "2026-11-10")
    frister.ok("application", "decide", "3", "--outcome", "refused", "--on", "2026-11-20")
    assert [r["id"] for r in applications(frister)] == [1, 2, 3]  # oldest received first
    assert [r["id"] for r in applications(frister, "--open")] == [1, 2]
    assert [r["id"] for r in applications(frister, "--team", "Syd")] == [2]
    assert [r["id"] for r in applications(frister, "--advisor", "MKJ", "--open")] == [1]
    assert [r["id"] for r in applications(frister, REF)] == [1, 3]
    header, *lines = parse_csv(frister.ok("application", "list", "-f", "csv").stdout)
    assert header[:4] == ["id", "case", "advisor", "code"] and len(lines) == 3
    lines = frister.ok("application", "list", "--fields", "id,status", "-f", "ndjson").stdout.splitlines()
    assert lines == ['{"id": 1, "status": "open"}', '{"id": 2, "status": "open"}',
                     '{"id": 3, "status": "decided in time"}']  # fmt: skip


def test_application_list_logs_a_read_with_the_cases_shown(frister, open_case):
    open_case(OTHER, "BL 86", opened="2026-06-01")
    frister.ok("application", "add", REF, "BL 86", "--received", "2026-11-02")
    frister.ok("application", "add", OTHER, "BL 86", "--received", "2026-11-03")
    frister.ok("application", "list")
    last = _log(frister)[-1]
    assert (last["action"], last["kind"], last["purpose"]) == ("application.list", "read", "sagsbehandling")
    assert last["cases"].split() == [REF, OTHER]
    assert last["detail"] == "2 applications"


# -- decide, letter ---------------------------------------------------------------------------------------


def test_decide_in_time_and_late(frister):
    frister.ok("application", "add", REF, "BL 87", "--received", "2026-09-01")  # 8 weeks: 2026-10-27
    frister.ok("application", "add", REF, "BL 87", "--received", "2026-10-01")  # 8 weeks: 2026-11-26
    result = frister.ok("application", "decide", "1", "--outcome", "refused", "--on", "2026-10-28")
    assert result.stdout == f"Application 1: case {REF}, BL 87 refused on 2026-10-28 (decided late).\n"
    result = frister.ok("application", "decide", "2", "--outcome", "partly")  # today, 2026-11-22
    assert result.stdout == f"Application 2: case {REF}, BL 87 partly on 2026-11-22 (decided in time).\n"
    assert [(r["status"], r["outcome"], r["days_left"]) for r in applications(frister)] == [
        ("decided late", "refused", None),
        ("decided in time", "partly", None),
    ]
    write = [r for r in _log(frister) if r["action"] == "application.decide"][0]
    assert (write["case_ref"], write["detail"]) == (REF, "1: BL 87 refused on 2026-10-28")


def test_granting_can_add_the_grant_in_the_same_command(frister):
    frister.ok("application", "add", REF, "BL 87", "--received", "2026-11-02")
    result = frister.ok(
        "application", "decide", "1", "--outcome", "granted", "--on", "2026-11-20", "--grant-from", "2026-12-01"
    )
    assert result.stdout == (
        f"Application 1: case {REF}, BL 87 granted on 2026-11-20 (decided in time); BL 87 granted from 2026-12-01.\n"
    )
    grants = frister.ok("case", "show", REF, "-f", "json").json()["grants"]
    [grant] = [g for g in grants if g["code"] == "BL 87"]
    assert (grant["start"], grant["end"]) == ("2026-12-01", None)
    assert by_id(frister, 1)["grant_id"] == grant["id"]
    actions = [r["action"] for r in _log(frister) if r["kind"] == "write"][-2:]
    assert actions == ["grant.add", "application.decide"]  # one transaction, both audited


def test_grant_to_ends_the_grant(frister):
    frister.ok("application", "add", REF, "BL 87", "--received", "2026-11-02")
    frister.ok("application", "decide", "1", "--outcome", "partly", "--grant-from", "2026-12-01",
               "--grant-to", "2027-05-31")  # fmt: skip
    grants = frister.ok("case", "show", REF, "-f", "json").json()["grants"]
    assert [(g["start"], g["end"]) for g in grants if g["code"] == "BL 87"] == [("2026-12-01", "2027-05-31")]


def test_a_letter_tells_the_applicant_the_deadline_cannot_be_kept(frister):
    frister.ok("application", "add", REF, "BL 87", "--received", "2026-11-02")  # 8 weeks: 2026-12-28
    result = frister.ok("application", "letter", "1", "--on", "2026-11-20")
    assert result.stdout == (
        f"Application 1: case {REF}, letter about the delay on 2026-11-20; "
        "deadline 2026-12-28 (8 weeks from receipt).\n"
    )
    assert by_id(frister, 1)["status"] == "open, letter sent"
    assert by_id(frister, 1, today=d("2026-12-29"))["status"] == "overdue, letter sent"
    frister.ok("application", "decide", "1", "--outcome", "granted", today=d("2027-01-04"))
    assert by_id(frister, 1, today=d("2027-01-04"))["status"] == "decided late, letter sent"


# -- refusals ---------------------------------------------------------------------------------------------


def _refusals(s: Samfam) -> None:
    s.ok("frist", "set", "BL 86", "40", "--unit", "workdays")
    s.ok("frist", "set", "bl87", "8", "--unit", "weeks")
    s.ok("application", "add", REF, "BL 87", "--received", "2026-11-02")
    s.ok("application", "add", REF, "BL 87", "--received", "2026-11-03")
    s.ok("application", "decide", "2", "--outcome", "refused", "--on", "2026-11-20")
    opener(s)("2026-0103", "BL 86", opened="2026-06-01")
    s.ok("application", "add", "2026-0103", "BL 86", "--received", "2026-09-01")
    s.ok("case", "close", "2026-0103", "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Flyttet")
    s.ok("closed-day", "add", "2026-12-24")


@pytest.fixture(scope="module")
def _refusals_db(tmp_path_factory, migrated_db):
    return _built(tmp_path_factory, migrated_db, "refusals", add_team, _case1, _refusals)


@pytest.fixture
def refusals(case1, _refusals_db) -> Samfam:
    """Application 1 (BL 87, received 2026-11-02) open; application 2 (BL 87, received 2026-11-03) decided
    on 2026-11-20; case 2026-0103 closed on 2026-10-01 with application 3 on it (received 2026-09-01)
    (built once for the module, copied for each test)."""
    return _restore(case1, _refusals_db)


@pytest.mark.parametrize(
    ("argv", "code", "names"),
    [
        # application add
        (["application", "add", "2026-9999", "BL 86"], DOMAIN_ERROR, ["2026-9999"]),
        (["application", "add", REF, "BL 999"], DOMAIN_ERROR, ["BL 999"]),
        (["application", "add", REF, "41"], DOMAIN_ERROR, ["SEL 41", "BL 41"]),  # which law?
        (["application", "add", REF, "BL 86", "--received", "2026-11-23"], DOMAIN_ERROR, ["after today"]),
        (["application", "add", REF, "BL 86", "--received", "2026-05-31"], DOMAIN_ERROR, ["before case"]),
        (["application", "add", "2026-0103", "BL 86"], DOMAIN_ERROR, ["case reopen"]),
        (["application", "add", REF, "BL 86", "--received", "2026-13-01"], USAGE_ERROR, ["2026-13-01"]),
        # application decide
        (["application", "decide", "9", "--outcome", "granted"], DOMAIN_ERROR, ["no application 9"]),
        (["application", "decide", "2", "--outcome", "granted"], DOMAIN_ERROR, ["decided on 2026-11-20"]),
        (["application", "decide", "1", "--outcome", "granted", "--on", "2026-11-01"], DOMAIN_ERROR,
         ["before application 1 was received"]),
        (["application", "decide", "1", "--outcome", "granted", "--on", "2026-11-23"], DOMAIN_ERROR, ["after today"]),
        (["application", "decide", "1", "--outcome", "maybe"], USAGE_ERROR, ["maybe"]),
        (["application", "decide", "1"], USAGE_ERROR, ["--outcome"]),
        (["application", "decide", "0", "--outcome", "granted"], USAGE_ERROR, ["0"]),
        (["application", "decide", "1", "--outcome", "refused", "--grant-from", "2026-12-01"], USAGE_ERROR,
         ["--grant-from", "refused"]),
        (["application", "decide", "1", "--outcome", "granted", "--grant-to", "2026-12-01"], USAGE_ERROR,
         ["--grant-to"]),
        (["application", "decide", "3", "--outcome", "granted"], DOMAIN_ERROR, ["case reopen"]),
        # the grant cannot be added (BL 87 from 2026-12-01 to before its start): nothing is decided either
        (["application", "decide", "1", "--outcome", "granted", "--grant-from", "2026-12-01", "--grant-to",
          "2026-11-30"], DOMAIN_ERROR, ["before its start"]),
        # application letter
        (["application", "letter", "2", "--on", "2026-11-21"], DOMAIN_ERROR, ["decided on 2026-11-20"]),
        (["application", "letter", "1", "--on", "2026-11-23"], DOMAIN_ERROR, ["after today"]),
        (["application", "letter", "1", "--on", "2026-11-01"], DOMAIN_ERROR, ["before application 1 was received"]),
        (["application", "letter", "9"], DOMAIN_ERROR, ["no application 9"]),
        # application list
        (["application", "list", "2026-9999"], DOMAIN_ERROR, ["2026-9999"]),
        (["application", "list", "--advisor", "XYZ"], DOMAIN_ERROR, ["XYZ"]),
        (["application", "list", "--fields", "case,nope", "-f", "json"], USAGE_ERROR, ["nope"]),
        (["application", "list", "--fields", "case"], USAGE_ERROR, ["--fields"]),
        # frist set
        (["frist", "set", "BL 86", "40", "--unit", "months"], USAGE_ERROR, ["months"]),
        (["frist", "set", "BL 86", "40"], USAGE_ERROR, ["--unit"]),
        (["frist", "set", "BL 86", "0", "--unit", "weeks"], USAGE_ERROR, ["0"]),
        (["frist", "set", "BL 86", "366", "--unit", "days"], USAGE_ERROR, ["366"]),
        (["frist", "set", "BL 86", "-3", "--unit", "days"], USAGE_ERROR, []),
        (["frist", "set", "BL 999", "40", "--unit", "workdays"], DOMAIN_ERROR, ["BL 999"]),
        # closed-day
        (["closed-day", "add", "2026-12-24"], DOMAIN_ERROR, ["2026-12-24", "already"]),
        (["closed-day", "add", "24/12/2026"], USAGE_ERROR, ["24/12/2026"]),
        (["closed-day", "remove", "2026-12-31"], DOMAIN_ERROR, ["2026-12-31", "not a closed day"]),
        (["closed-day", "list", "--year", "26"], USAGE_ERROR, ["26"]),
    ],
)  # fmt: skip
def test_refusals_change_nothing(refusals, argv, code, names):
    assert_refused(refusals, argv, code, *names)


def test_a_second_letter_is_refused(refusals):
    refusals.ok("application", "letter", "1", "--on", "2026-11-20")
    assert_refused(refusals, ["application", "letter", "1"], DOMAIN_ERROR, "letter already", "2026-11-20")


def test_a_grant_that_overlaps_refuses_the_whole_decision(refusals):
    """BL 86 runs on the case already: granting another BL 86 from a day it runs is refused, and the
    application stays undecided (one transaction)."""
    refusals.ok("application", "add", REF, "BL 86", "--received", "2026-11-10")
    assert_refused(
        refusals,
        ["application", "decide", "4", "--outcome", "granted", "--grant-from", "2026-12-01"],
        DOMAIN_ERROR,
        "already has BL 86",
    )
    assert by_id(refusals, 4)["decided"] is None


def test_a_letter_dated_before_the_decision_may_be_recorded_afterwards(refusals):
    refusals.ok("application", "letter", "2", "--on", "2026-11-19")  # decided 2026-11-20
    assert by_id(refusals, 2)["letter"] == "2026-11-19"


# -- deadlines and the weekly report -------------------------------------------------------------------


def test_an_overdue_application_is_a_legal_deadline(frister):
    # BL 86, 40 working days from Tuesday 1 September 2026: Tuesday 27 October (no holiday between).
    frister.ok("application", "add", REF, "BL 86", "--received", "2026-09-01")
    row = {
        "case": REF,
        "advisor": "MKJ",
        "kind": "application",
        "deadline": "2026-10-27",
        "days_left": -26,
        "what": "BL 86 application received 2026-09-01 must be decided",
        "law": LAW,
        "age": None,
    }
    rows = frister.ok("deadlines", "-f", "json").json()
    assert [r for r in rows if r["kind"] == "application"] == [row]
    # the case card, the weekly report (JSON, Markdown) and the calendar show it too
    card = frister.ok("case", "show", REF, "-f", "json").json()
    assert row in card["deadlines"]
    data = weekly(frister)
    assert [r["kind"] for r in data["legal_deadlines"]] == ["application"]
    assert data["summary"]["legal_deadlines"] == 1
    markdown = frister.ok("report", "weekly", "-f", "markdown").stdout
    assert "BL 86 application received 2026-09-01 must be decided" in markdown and LAW in markdown
    calendar = frister.ok("calendar").stdout
    assert f"deadline-{REF}-application@samfam" in calendar
    # decided late: it leaves the deadlines
    frister.ok("application", "decide", "1", "--outcome", "granted")
    assert application_deadlines(frister) == []


@pytest.mark.parametrize(
    ("within", "letter", "listed"),
    [
        # BL 87, 8 weeks from 2026-11-02: 2026-12-28, 36 days after today.
        pytest.param("36", None, True, id="due-within-the-window-no-letter"),
        pytest.param("35", None, False, id="due-after-the-window"),
        pytest.param("36", "2026-11-20", False, id="due-within-the-window-letter-sent"),
    ],
)
def test_an_application_coming_due_is_listed_until_the_applicant_is_told(frister, within, letter, listed):
    frister.ok("application", "add", REF, "BL 87", "--received", "2026-11-02")
    if letter:
        frister.ok("application", "letter", "1", "--on", letter)
    rows = application_deadlines(frister, "--within", within)
    assert [(r["deadline"], r["days_left"]) for r in rows] == ([("2026-12-28", 36)] if listed else [])


def test_an_overdue_application_stays_a_deadline_after_the_letter(frister):
    frister.ok("application", "add", REF, "BL 87", "--received", "2026-09-01")  # 8 weeks: 2026-10-27
    frister.ok("application", "letter", "1", "--on", "2026-10-20")
    [row] = application_deadlines(frister)
    assert row["what"] == (
        "BL 87 application received 2026-09-01 must be decided (applicant told of the delay on 2026-10-20)"
    )


def test_an_application_without_a_deadline_is_never_a_legal_deadline(case1):
    case1.ok("application", "add", REF, "BL 86", "--received", "2026-06-02")
    assert application_deadlines(case1, "--within", "3650") == []


# -- the day to book a follow-up due on a day off ----------------------------------------------------------


def test_due_shows_the_day_to_book(team):
    # BL 86 from 2026-08-28: due 2026-11-28, a Saturday -> booked Friday 2026-11-27.
    # BL 86 from 2026-09-25: due 2026-12-25, Christmas Day -> Thursday 2026-12-24, or Wednesday 2026-12-23
    # once the municipality closes on the 24th.
    open_(team, "2026-0001", "BL 86", opened="2026-08-28")
    open_(team, "2026-0002", "BL 86", opened="2026-09-25")
    open_(team, "2026-0003", "BL 86", opened="2026-09-01")  # due Tuesday 2026-12-01: its own day
    rows = team.ok("due", "--within", "33", "-f", "json").json()
    assert [(r["case"], r["next_due"], r["book_on"]) for r in rows] == [
        ("2026-0001", "2026-11-28", "2026-11-27"),
        ("2026-0003", "2026-12-01", "2026-12-01"),
        ("2026-0002", "2026-12-25", "2026-12-24"),
    ]
    team.ok("closed-day", "add", "2026-12-24")
    rows = team.ok("due", "--within", "33", "-f", "json").json()
    assert rows[-1]["book_on"] == "2026-12-23"
    header, *lines = parse_csv(team.ok("due", "--within", "33", "-f", "csv").stdout)
    assert header[-1] == "book_on" and lines[0][-1] == "2026-11-27"
    table = team.ok("due", "--within", "33").stdout
    assert "Book on" in table and "2026-11-27" in table
    only = team.ok("due", "--within", "33", "--fields", "case,book_on", "-f", "json").json()
    assert only[0] == {"case": "2026-0001", "book_on": "2026-11-27"}


def test_the_weekly_report_shows_the_day_to_book(team):
    open_(team, "2026-0001", "BL 86", opened="2026-08-28")  # due Saturday 2026-11-28: book Friday 27th
    [row] = weekly(team)["due_next_7_days"]
    assert (row["next_due"], row["book_on"]) == ("2026-11-28", "2026-11-27")
    for fmt in ("markdown", "html"):
        text = team.ok("report", "weekly", "-f", fmt).stdout
        assert "Book on" in text and "2026-11-27" in text, fmt
    assert "2026-11-27" in team.ok("report", "weekly").stdout


def test_the_calendar_says_the_day_to_book(team):
    open_(team, "2026-0001", "BL 86", opened="2026-08-28")  # due Saturday 2026-11-28
    open_(team, "2026-0003", "BL 86", opened="2026-09-01")  # due Tuesday 2026-12-01
    text = team.ok("calendar").stdout.replace("\r\n ", "").replace("\n ", "")
    assert "Day to book: 2026-11-27 (Friday\\; 2026-11-28 is not a working day)" in text
    assert text.count("Day to book") == 1  # Tuesday 1 December is a working day
    assert "DTSTART;VALUE=DATE:20261128" in text  # the event stays on its due date


# -- PostgreSQL -------------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgresql_migrates_and_round_trips_an_application(tmp_path, pg_url):
    lite, pg = Samfam(tmp_path / "samfam.db"), Samfam(pg_url)  # type: ignore[arg-type]
    for s in (lite, pg):
        s.ok("init")
        s.ok("advisor", "add", "MKJ", "--name", "Mette Kjær Jensen", "--team", "Nord")
        s.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01",
             "--para", "BL 86")  # fmt: skip
        s.ok("frist", "set", "BL 86", "10", "--unit", "workdays")
        s.ok("closed-day", "add", "2026-12-24", "--note", "Juleaftensdag")
        s.ok("application", "add", REF, "BL 86", "--received", "2026-11-02")
        s.ok("application", "add", REF, "BL 87", "--received", "2026-11-03")
        s.ok("application", "decide", "2", "--outcome", "granted", "--grant-from", "2026-12-01")
        s.ok("application", "letter", "1", "--on", "2026-11-10")
    for argv in (
        ["application", "list", "-f", "json"],
        ["frist", "list", "-f", "json"],
        ["closed-day", "list", "-f", "json"],
        ["deadlines", "-f", "json"],
        ["due", "--within", "365", "-f", "json"],
    ):
        assert pg.ok(*argv).json() == lite.ok(*argv).json(), argv
    # 10 working days from Monday 2 November: 3-6 (4), 9-13 (9), Monday 16 November (10).
    assert [r["deadline"] for r in pg.ok("application", "list", "-f", "json").json()] == ["2026-11-16", None]
    assert_refused_on_postgres(pg)


def assert_refused_on_postgres(pg: Samfam) -> None:
    before = pg.ok("application", "list", "-f", "json").json()
    result = pg("application", "decide", "2", "--outcome", "refused")
    assert result.exit_code == DOMAIN_ERROR and result.stderr.startswith("Error: application 2 was decided")
    assert pg.ok("application", "list", "-f", "json").json() == before


# -- the migration ----------------------------------------------------------------------------------------


def _downgrade_to_0006(url: str) -> None:
    from alembic import command

    from samfam.store.engine import Store, _alembic_config

    store = Store(url)
    with store.engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
    store.dispose()


def _tables(url: str) -> set[str]:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


NEW_TABLES = {"application", "frist", "closed_day", "advisor_absence"}


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_0007_goes_down_and_comes_back_with_the_data_kept(backend, tmp_path, request):
    """Revision 0007 adds four tables and touches no other: down to 0006 and up again by any command.

    The world is written by the store alone, as before 0008: audit rows that carry the OS login (every command
    writes it since 0008) are covered by their hashes, so 0008 refuses to go down over them
    (tests/test_migration_0008.py)."""
    from datetime import date

    from samfam.actions.staff import add_advisor
    from samfam.settings import to_url
    from samfam.store.engine import Store

    url = to_url(str(tmp_path / "samfam.db")) if backend == "sqlite" else request.getfixturevalue("pg_url")
    s = Samfam(tmp_path / "samfam.db" if backend == "sqlite" else url)  # type: ignore[arg-type]
    store = Store(url)
    store.init()
    add_advisor(store.unit_of_work("MKJ", date(2026, 11, 22)), "MKJ", "Mette Kjær Jensen")  # no OS login
    store.dispose()
    assert NEW_TABLES <= _tables(url)
    _downgrade_to_0006(url)
    assert not NEW_TABLES & _tables(url)
    assert [a["initials"] for a in s.ok("advisor", "list", "-f", "json").json()] == ["MKJ"]  # upgraded again
    assert NEW_TABLES <= _tables(url)
    s.ok("closed-day", "add", "2026-12-24")
    assert [r["day"] for r in s.ok("closed-day", "list", "-f", "json").json()] == ["2026-12-24"]
