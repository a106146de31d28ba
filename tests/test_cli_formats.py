"""Every listing and report in table, json and csv, with the JSON fields docs/cli.md promises.

Today is fixed at 2026-11-22. Due dates are computed by hand in the comments:
3m = 3 calendar months, clamped to the month's end (31 Aug + 3m = 30 Nov, not 90 days = 29 Nov);
6w = 42 days. days_overdue = today - next_due (negative: days left).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pytest

from conftest import built_once, copy_of, opener
from support import ME

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

CADENCE_FIELDS = ["case", "advisor", "buddy", "track", "paragraphs", "last_followup", "next_due", "days_overdue"]
EXPLAIN_FIELDS = ["case", "track", "reason", "paragraphs", "track_since", "last_followup", "anchor", "next_due"]
CARD_FIELDS = [
    "case", "child", "born", "advisor", "buddy", "status", "track", "paragraphs",
    "next_due", "grants", "events", "goals", "actors", "handovers",
]  # fmt: skip
AUDIT_FIELDS = ["at", "user", "action", "case"]
CASE_LIST_FIELDS = ["case", "child", "advisor", "status", "track"]
ADVISOR_FIELDS = ["initials", "name", "team"]

DATE_FIELDS = {"last_followup", "next_due", "track_since", "anchor", "born"}

# 15 March 2015 (7th digit 4 with year 15 -> 2000-2036 by the century rule): made up.
CPR_CHILD = "150315-4001"


@pytest.fixture(scope="module")
def _world_db(tmp_path_factory, migrated_db):
    return built_once(tmp_path_factory, migrated_db, lambda s: _build_world(s, opener(s)))


@pytest.fixture
def world(_world_db, tmp_path):
    """The world below, built once for the module and copied for each test."""
    return copy_of(_world_db, tmp_path)


def _build_world(team, open_case):
    """Eight cases on today 2026-11-22 (hand-computed):

    ref        advisor/buddy  grants            counting events      track  next_due    days_overdue
    2026-0001  LBH            BL 20 (09-01)     followup 10-01       6w     10-01+42 = 11-12   10
    2026-0002  MKJ/LBH        BL 86, BL 30      followup 07-01       3m     07-01+3m = 10-01   52
                              (06-01)           (sms 09-15: no)
    2026-0003  ØÅB            SEL 41, SEL 50    home-visit 09-01     6w     09-01+42 = 10-13   40
                              (08-15)           (phone 10-20: no)
    2026-0004  MKJ            SEL 11 (05-01)    -                    unclassified (only an add-on)
    2026-0005  MKJ/ØÅB        BL 86 (08-22)     -                    3m     08-22+3m = 11-22    0 (due today)
    2026-0006  ØÅB            BL 87 (08-31)     -                    3m     08-31+3m = 11-30   -8 (clamped)
    2026-0007  LBH            BL 90 (09-01)     -                    3m     09-01+3m = 12-01   -9
    2026-0008  MKJ            BL 86 (01-05)     -                    closed 2026-10-15: never overdue
    """
    s = team
    s.ok("advisor", "add", "ØÅB", "--name", "Øjvind Ålund Bæk", "--team", "Syd")
    s.ok("case", "open", "2026-0001", "--child", "Søren Æbelø", "--advisor", "LBH",
         "--opened", "2026-09-01", "--para", "BL 20")  # fmt: skip
    s.ok("event", "add", "2026-0001", "followup", "--on", "2026-10-01")
    s.ok("case", "open", "2026-0002", "--child", "Åse Ørum", "--advisor", "MKJ", "--buddy", "LBH", "--cpr", CPR_CHILD,
         "--opened", "2026-06-01", "--para", "BL 86", "--para", "BL 30")  # fmt: skip
    s.ok("event", "add", "2026-0002", "followup", "--on", "2026-07-01", "--scale", "6",
         "--note", "Ny skole i Århus", user="ØÅB")  # fmt: skip
    s.ok("event", "add", "2026-0002", "sms", "--on", "2026-09-15", "--note", "Spørger til kørsel")
    open_case("2026-0003", "SEL 41", "SEL 50", advisor="ØÅB", opened="2026-08-15")
    s.ok("event", "add", "2026-0003", "home-visit", "--on", "2026-09-01")
    s.ok("event", "add", "2026-0003", "phone", "--on", "2026-10-20")
    open_case("2026-0004", "SEL 11", advisor="MKJ", opened="2026-05-01")
    open_case("2026-0005", "BL 86", advisor="MKJ", buddy="ØÅB", opened="2026-08-22")
    open_case("2026-0006", "BL 87", advisor="ØÅB", opened="2026-08-31")
    open_case("2026-0007", "BL 90", advisor="LBH", opened="2026-09-01")
    open_case("2026-0008", "BL 86", advisor="MKJ", opened="2026-01-05")
    s.ok("case", "close", "2026-0008", "--reason", "Flyttet til Ærø", "--on", "2026-10-15",
         "--force", "Familien er fraflyttet")  # fmt: skip
    return s


def run(s, *argv, expect: int = 0, **kwargs):
    result = s(*argv, **kwargs)
    assert result.exit_code == expect, f"exit {result.exit_code}: {result.stderr}{result.stdout}"
    assert "Traceback" not in result.stdout + result.stderr
    return result


def parse_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


# (argv, promised JSON fields, "list" or "card", a non-ASCII value the output must carry, a value the table shows)
COMMANDS = {
    "overdue": (("overdue",), CADENCE_FIELDS, "list", "ØÅB", "2026-0002"),
    "due": (("due",), CADENCE_FIELDS, "list", "ØÅB", "2026-0005"),
    "case-list": (("case", "list"), CASE_LIST_FIELDS, "list", "Åse Ørum", "Søren Æbelø"),
    "advisor-list": (("advisor", "list"), ADVISOR_FIELDS, "list", "Øjvind Ålund Bæk", "Mette Kjær Jensen"),
    "explain": (("explain", "2026-0002"), EXPLAIN_FIELDS, "card", None, "2026-10-01"),
    "case-show": (("case", "show", "2026-0002"), CARD_FIELDS, "card", "Åse Ørum", "Åse Ørum"),
    "event-list": (("event", "list", "2026-0002"), [], "list", "Ny skole i Århus", "Ny skole i Århus"),
    "paragraphs": (("paragraphs",), [], "list", "Økonomisk støtte", "Børnefaglig"),
    # The changes only: every `audit` is itself logged as a read, so two runs of it differ by that row.
    "audit": (("audit", "--kind", "write"), AUDIT_FIELDS, "list", "ØÅB", "case.open"),
}
COMMAND_IDS = list(COMMANDS)


def _check_dates(record: dict) -> None:
    for key in DATE_FIELDS & record.keys():
        value = record[key]
        assert value is None or (isinstance(value, str) and ISO_DATE.match(value)), (key, value)


# -- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", COMMAND_IDS)
def test_json_parses_and_carries_promised_fields(world, name):
    argv, fields, shape, non_ascii, _ = COMMANDS[name]
    result = run(world, *argv, "--format", "json")
    data = result.json()
    records = data if shape == "list" else [data]
    if shape == "list":
        assert isinstance(data, list)
        assert data, "the world has something to list"
        assert all(isinstance(r, dict) for r in data)
    else:
        assert isinstance(data, dict)
    for record in records:
        missing = [f for f in fields if f not in record]
        assert not missing, f"{name}: missing {missing} in {record}"
        if "paragraphs" in fields:
            assert isinstance(record["paragraphs"], list)
        _check_dates(record)
    if non_ascii is not None:
        assert non_ascii in result.stdout, "non-ASCII written unescaped"
    assert "\\u00" not in result.stdout


@pytest.mark.parametrize("name", COMMAND_IDS)
def test_json_short_option_f(world, name):
    argv, *_ = COMMANDS[name]
    long = run(world, *argv, "--format", "json").json()
    short = run(world, *argv, "-f", "json").json()
    assert short == long


# -- CSV ----------------------------------------------------------------------------------------


def _cell(value) -> str:
    """How a promised scalar JSON value reads in CSV."""
    if value is None:
        return ""
    return str(value)


@pytest.mark.parametrize("name", COMMAND_IDS)
def test_csv_parses_with_the_json_field_names(world, name):
    argv, fields, shape, non_ascii, _ = COMMANDS[name]
    result = run(world, *argv, "--format", "csv")
    header, rows = parse_csv(result.stdout)
    data = run(world, *argv, "--format", "json").json()
    records = data if shape == "list" else [data]
    json_keys = list(records[0].keys())
    assert len(header) == len(set(header)), f"duplicate CSV columns {header}"
    assert set(header) == set(json_keys), (
        f"{name}: CSV columns {header} differ from JSON fields {json_keys}: "
        f"only in JSON {sorted(set(json_keys) - set(header))}, only in CSV {sorted(set(header) - set(json_keys))}"
    )
    assert len(rows) == len(records)
    for f in fields:
        assert f in header
    if non_ascii is not None:
        assert non_ascii in result.stdout


@pytest.mark.parametrize("name", ["overdue", "due", "case-list", "advisor-list", "explain", "audit"])
def test_csv_values_match_json(world, name):
    argv, fields, shape, _, _ = COMMANDS[name]
    data = run(world, *argv, "-f", "json").json()
    _, rows = parse_csv(run(world, *argv, "-f", "csv").stdout)
    records = data if shape == "list" else [data]
    assert len(rows) == len(records)
    for record, row in zip(records, rows, strict=True):
        for f in fields:
            value = record[f]
            if isinstance(value, list):
                for item in value:
                    assert item in row[f], (f, value, row[f])
            else:
                assert row[f] == _cell(value), (f, value, row[f])


def test_case_show_csv_columns_do_not_depend_on_the_data(world):
    """Scripts read CSV by column: a case with events and one without give the same header."""
    opener(world)("2026-0020", "BL 86", opened="2026-11-01")  # no events, no grants ended
    with_events, _ = parse_csv(run(world, "case", "show", "2026-0002", "-f", "csv").stdout)
    without, _ = parse_csv(run(world, "case", "show", "2026-0020", "-f", "csv").stdout)
    assert with_events == without


# -- table --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", COMMAND_IDS)
def test_table_is_for_people(world, name):
    argv, _, _, non_ascii, shown = COMMANDS[name]
    explicit = run(world, *argv, "--format", "table")
    assert explicit.stdout.strip()
    assert shown in explicit.stdout
    if non_ascii is not None and name != "paragraphs":  # long titles may wrap in a table
        assert non_ascii in explicit.stdout
    assert not explicit.stdout.lstrip().startswith(("[", "{")), "table is not JSON"
    default = run(world, *argv)
    assert default.stdout == explicit.stdout, "table is the default format"


# -- overdue --------------------------------------------------------------------------------------


def test_overdue_json_values_sorted_most_overdue_first(world):
    rows = run(world, "overdue", "-f", "json").json()
    late = [r for r in rows if r["track"] != "unclassified"]
    assert [(r["case"], r["days_overdue"]) for r in late] == [
        ("2026-0002", 52),  # 3m: 07-01 + 3m = 10-01; 10-01 -> 11-22 = 30 + 22 = 52
        ("2026-0003", 40),  # 6w: 09-01 + 42 = 10-13; 10-13 -> 11-22 = 18 + 22 = 40
        ("2026-0001", 10),  # 6w: 10-01 + 42 = 11-12; 11-12 -> 11-22 = 10
    ]
    by_case = {r["case"]: r for r in rows}
    a = by_case["2026-0002"]
    assert (a["advisor"], a["buddy"], a["track"]) == ("MKJ", "LBH", "3m")
    assert sorted(a["paragraphs"]) == ["BL 30", "BL 86"]
    assert (a["last_followup"], a["next_due"]) == ("2026-07-01", "2026-10-01")  # the sms does not count
    b = by_case["2026-0003"]
    assert (b["advisor"], b["buddy"], b["track"]) == ("ØÅB", None, "6w")
    assert sorted(b["paragraphs"]) == ["SEL 41", "SEL 50"]
    assert (b["last_followup"], b["next_due"]) == ("2026-09-01", "2026-10-13")  # the phone call does not count
    c = by_case["2026-0001"]
    assert (c["advisor"], c["buddy"], c["track"], c["paragraphs"]) == ("LBH", None, "6w", ["BL 20"])
    assert (c["last_followup"], c["next_due"]) == ("2026-10-01", "2026-11-12")
    for r in late:
        assert isinstance(r["days_overdue"], int)
    # Not overdue: due today (0005), due later (0006, 0007), closed (0008).
    for ref in ("2026-0005", "2026-0006", "2026-0007", "2026-0008"):
        assert ref not in by_case


def test_overdue_lists_unclassified_with_a_reason(world):
    rows = run(world, "overdue", "-f", "json").json()
    unclassified = [r for r in rows if r["track"] == "unclassified"]
    assert [r["case"] for r in unclassified] == ["2026-0004"]
    u = unclassified[0]
    assert u["advisor"] == "MKJ"
    assert u["paragraphs"] == ["SEL 11"]
    assert isinstance(u["reason"], str) and "SEL 11" in u["reason"]
    assert u["next_due"] is None  # no invented due date
    assert u["days_overdue"] is None
    assert rows[-1] == u  # after the overdue follow-ups

    _, csv_rows = parse_csv(run(world, "overdue", "-f", "csv").stdout)
    [csv_u] = [r for r in csv_rows if r["case"] == "2026-0004"]
    assert csv_u["track"] == "unclassified"
    assert "SEL 11" in csv_u["reason"]
    assert csv_u["next_due"] == ""

    table = run(world, "overdue").stdout
    assert "2026-0004" in table
    assert u["reason"] in table


def test_overdue_csv_order_and_values(world):
    header, rows = parse_csv(run(world, "overdue", "-f", "csv").stdout)
    assert [(r["case"], r["days_overdue"]) for r in rows if r["track"] != "unclassified"] == [
        ("2026-0002", "52"),
        ("2026-0003", "40"),
        ("2026-0001", "10"),
    ]
    row = rows[0]
    assert (row["advisor"], row["buddy"], row["track"]) == ("MKJ", "LBH", "3m")
    assert (row["last_followup"], row["next_due"]) == ("2026-07-01", "2026-10-01")
    assert "BL 30" in row["paragraphs"] and "BL 86" in row["paragraphs"]
    assert rows[1]["advisor"] == "ØÅB"
    assert rows[1]["buddy"] == ""


def test_overdue_table_order(world):
    out = run(world, "overdue").stdout
    assert out.index("2026-0002") < out.index("2026-0003") < out.index("2026-0001")
    for ref in ("2026-0005", "2026-0006", "2026-0007", "2026-0008"):
        assert ref not in out


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_overdue_check_exits_3_when_something_is_overdue(world, fmt):
    result = run(world, "overdue", "--check", "--format", fmt, expect=3)
    assert "2026-0002" in result.stdout
    if fmt == "json":
        assert [r["case"] for r in result.json()][:3] == ["2026-0002", "2026-0003", "2026-0001"]


def test_overdue_check_exits_0_with_nothing_overdue(team, open_case):
    run(team, "overdue", "--check", expect=0)  # no cases at all
    open_case("2026-0004", "SEL 11", opened="2026-05-01")  # unclassified is not overdue
    open_case("2026-0007", "BL 90", opened="2026-09-01")  # due 2026-12-01
    assert run(team, "overdue", "--check", "-f", "json", expect=0).json()[0]["track"] == "unclassified"
    run(team, "overdue", "--check", "-f", "csv", expect=0)


def test_closed_case_is_never_overdue(team, open_case):
    # BL 86 from 2026-01-05, no follow-up: due 01-05 + 3m = 04-05; closed 2026-10-15.
    # 04-05 -> 11-22: 30 + 31 + 30 + 31 + 31 + 30 + 31 (to 11-05) + 17 = 231 days overdue before closing.
    open_case("2026-0008", "BL 86", opened="2026-01-05")
    assert run(team, "overdue", "--check", "-f", "json", expect=3).json()[0]["days_overdue"] == 231
    team.ok("case", "close", "2026-0008", "--reason", "Flyttet", "--on", "2026-10-15", "--force", "Fraflyttet")
    assert run(team, "overdue", "--check", "-f", "json", expect=0).json() == []


@pytest.mark.parametrize(
    ("para", "opened"),
    [
        pytest.param("BL 86", "2026-08-22", id="3m-08-22-plus-3m"),  # 08-22 + 3 months = 11-22
        pytest.param("BL 20", "2026-10-11", id="6w-10-11-plus-42d"),  # 10-11 + 42 days = 11-22
    ],
)
def test_the_due_date_itself_is_not_overdue(team, open_case, para, opened):
    open_case("2026-0005", para, opened=opened)
    assert run(team, "overdue", "--check", "-f", "json", expect=0).json() == []
    [row] = run(team, "due", "--within", "0", "-f", "json").json()
    assert (row["case"], row["next_due"], row["days_overdue"]) == ("2026-0005", "2026-11-22", 0)
    explained = run(team, "explain", "2026-0005", "-f", "json").json()
    assert explained["next_due"] == "2026-11-22"
    # The next day it is one day overdue, and no longer due.
    nextday = date(2026, 11, 23)
    [late] = run(team, "overdue", "--check", "-f", "json", expect=3, today=nextday).json()
    assert (late["case"], late["next_due"], late["days_overdue"]) == ("2026-0005", "2026-11-22", 1)
    assert run(team, "due", "--within", "30", "-f", "json", today=nextday).json() == []


# -- due ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        # 0005 due 11-22 (today, 0 days), 0006 due 11-30 (8 days), 0007 due 12-01 (9 days)
        pytest.param(("--within", "0"), [("2026-0005", "2026-11-22", 0)], id="within-0-today-only"),
        pytest.param(("--within", "7"), [("2026-0005", "2026-11-22", 0)], id="within-7-excludes-day-8"),
        pytest.param(
            ("--within", "8"),
            [("2026-0005", "2026-11-22", 0), ("2026-0006", "2026-11-30", -8)],
            id="within-8-includes-day-8-excludes-day-9",
        ),
        pytest.param(
            ("-w", "9"),
            [("2026-0005", "2026-11-22", 0), ("2026-0006", "2026-11-30", -8), ("2026-0007", "2026-12-01", -9)],
            id="within-9-includes-day-9",
        ),
        pytest.param(
            (),
            [("2026-0005", "2026-11-22", 0), ("2026-0006", "2026-11-30", -8), ("2026-0007", "2026-12-01", -9)],
            id="default-14",
        ),
    ],
)
def test_due_within_boundaries(world, within, expected):
    rows = run(world, "due", *within, "-f", "json").json()
    assert [(r["case"], r["next_due"], r["days_overdue"]) for r in rows] == expected
    # Overdue (0001-0003), unclassified (0004) and closed (0008) cases are never "due".
    for r in rows:
        assert r["case"] not in ("2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0008")
    _, csv_rows = parse_csv(run(world, "due", *within, "-f", "csv").stdout)
    assert [(r["case"], r["next_due"], r["days_overdue"]) for r in csv_rows] == [(c, d, str(n)) for c, d, n in expected]


def test_due_values(world):
    rows = {r["case"]: r for r in run(world, "due", "-f", "json").json()}
    assert (rows["2026-0005"]["advisor"], rows["2026-0005"]["buddy"]) == ("MKJ", "ØÅB")
    assert (rows["2026-0006"]["advisor"], rows["2026-0006"]["track"]) == ("ØÅB", "3m")
    assert rows["2026-0006"]["paragraphs"] == ["BL 87"]
    assert rows["2026-0006"]["last_followup"] is None
    table = run(world, "due", "--within", "8").stdout
    assert "2026-0006" in table and "2026-11-30" in table
    assert "2026-0007" not in table


# -- explain --------------------------------------------------------------------------------------


def test_explain_values(world):
    e = run(world, "explain", "2026-0002", "-f", "json").json()
    assert (e["case"], e["track"]) == ("2026-0002", "3m")
    assert isinstance(e["reason"], str) and e["reason"]
    assert sorted(e["paragraphs"]) == ["BL 30", "BL 86"]
    assert e["track_since"] == "2026-06-01"
    assert e["last_followup"] == "2026-07-01"
    assert e["anchor"] == "2026-07-01"  # later of the follow-up and track_since
    assert e["next_due"] == "2026-10-01"

    u = run(world, "explain", "2026-0004", "-f", "json").json()
    assert u["track"] == "unclassified"
    assert "SEL 11" in u["reason"]
    assert u["next_due"] is None


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_explain_closed_case(world, fmt):
    # 2026-0008 closed 2026-10-15: no due date, never overdue.
    result = run(world, "explain", "2026-0008", "--format", fmt)
    assert "2026-0008" in result.stdout
    if fmt == "json":
        e = result.json()
        assert e["case"] == "2026-0008"
        assert e["next_due"] is None
        _check_dates(e)


@pytest.mark.parametrize(
    ("opened", "next_due"),
    [
        pytest.param("2026-08-31", "2026-11-30", id="31-aug-to-30-nov"),  # 90 days would be 11-29
        pytest.param("2026-01-31", "2026-04-30", id="31-jan-to-30-apr"),  # 90 days would be 05-01
        pytest.param("2026-05-31", "2026-08-31", id="31-may-to-31-aug"),  # 90 days would be 08-29
    ],
)
def test_explain_three_calendar_months_clamped(team, open_case, opened, next_due):
    open_case("2026-0030", "BL 86", opened=opened)
    e = run(team, "explain", "2026-0030", "-f", "json").json()
    assert (e["track"], e["track_since"], e["anchor"], e["last_followup"]) == ("3m", opened, opened, None)
    assert e["next_due"] == next_due
    [row] = [r for r in run(team, "case", "list", "-f", "json").json() if r["case"] == "2026-0030"]
    assert row["track"] == "3m"


def test_explain_anchor_restarts_when_the_track_changes(team, open_case):
    # BL 86 from 06-01 (3m), follow-up 07-01; BL 20 granted 11-01 -> 6w since 11-01.
    # anchor = max(07-01, 11-01) = 11-01; next_due = 11-01 + 42 = 12-13.
    open_case("2026-0040", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0040", "followup", "--on", "2026-07-01")
    team.ok("grant", "add", "2026-0040", "BL 20", "--from", "2026-11-01")
    e = run(team, "explain", "2026-0040", "-f", "json").json()
    assert (e["track"], e["track_since"], e["last_followup"]) == ("6w", "2026-11-01", "2026-07-01")
    assert (e["anchor"], e["next_due"]) == ("2026-11-01", "2026-12-13")
    assert sorted(e["paragraphs"]) == ["BL 20", "BL 86"]
    _, [row] = parse_csv(run(team, "explain", "2026-0040", "-f", "csv").stdout)
    assert (row["track"], row["anchor"], row["next_due"]) == ("6w", "2026-11-01", "2026-12-13")


# -- case show, case list, advisor list -----------------------------------------------------------


def test_case_show_values(world):
    card = run(world, "case", "show", "2026-0002", "-f", "json").json()
    assert (card["case"], card["child"], card["born"]) == ("2026-0002", "Åse Ørum", "2015-03-15")
    assert (card["advisor"], card["buddy"], card["status"], card["track"]) == ("MKJ", "LBH", "open", "3m")
    assert sorted(card["paragraphs"]) == ["BL 30", "BL 86"]
    assert card["next_due"] == "2026-10-01"
    assert len(card["grants"]) == 2
    assert len(card["events"]) == 2  # the follow-up and the sms, whether they count or not
    for key in ("goals", "actors", "handovers"):
        assert card[key] == []
    assert "150315-XXXX" in str(card.get("cpr"))
    assert CPR_CHILD not in run(world, "case", "show", "2026-0002", "-f", "json").stdout

    closed = run(world, "case", "show", "2026-0008", "-f", "json").json()
    assert closed["status"] == "closed"
    assert closed["next_due"] is None


def test_case_list_values_and_status_filter(world):
    rows = run(world, "case", "list", "-f", "json").json()
    refs = [r["case"] for r in rows]
    assert sorted(refs) == [f"2026-000{i}" for i in range(1, 8)]  # 0008 is closed
    by_case = {r["case"]: r for r in rows}
    assert {k: by_case["2026-0002"][k] for k in CASE_LIST_FIELDS} == {
        "case": "2026-0002",
        "child": "Åse Ørum",
        "advisor": "MKJ",
        "status": "open",
        "track": "3m",
    }
    assert by_case["2026-0001"]["child"] == "Søren Æbelø"
    assert by_case["2026-0004"]["track"] == "unclassified"
    everything = {r["case"]: r for r in run(world, "case", "list", "--status", "all", "-f", "json").json()}
    assert everything["2026-0008"]["status"] == "closed"
    assert len(everything) == 8
    closed = run(world, "case", "list", "--status", "closed", "-f", "json").json()
    assert [r["case"] for r in closed] == ["2026-0008"]
    six_weeks = run(world, "case", "list", "--track", "6w", "-f", "json").json()
    assert sorted(r["case"] for r in six_weeks) == ["2026-0001", "2026-0003"]
    _, csv_rows = parse_csv(run(world, "case", "list", "-f", "csv").stdout)
    assert {r["case"]: r["child"] for r in csv_rows}["2026-0001"] == "Søren Æbelø"


def test_advisor_list_values(world):
    rows = run(world, "advisor", "list", "-f", "json").json()
    assert sorted((r["initials"], r["name"], r["team"]) for r in rows) == [
        ("ATP", "Anders Toft Pedersen", "Syd"),
        ("LBH", "Lars Bøgh Hansen", "Nord"),
        ("MKJ", "Mette Kjær Jensen", "Nord"),
        ("ØÅB", "Øjvind Ålund Bæk", "Syd"),
    ]
    _, csv_rows = parse_csv(run(world, "advisor", "list", "-f", "csv").stdout)
    assert sorted((r["initials"], r["name"], r["team"]) for r in csv_rows) == sorted(
        (r["initials"], r["name"], r["team"]) for r in rows
    )


# -- event list, paragraphs, audit -----------------------------------------------------------------


def test_event_list_values(world):
    rows = run(world, "event", "list", "2026-0002", "-f", "json").json()
    assert len(rows) == 2
    first, second = rows  # oldest first
    assert "2026-07-01" in first.values() and "followup" in first.values()
    assert "Ny skole i Århus" in first.values() and "ØÅB" in first.values()
    assert "2026-09-15" in second.values() and "sms" in second.values()
    _, csv_rows = parse_csv(run(world, "event", "list", "2026-0002", "-f", "csv").stdout)
    assert "Ny skole i Århus" in csv_rows[0].values()
    assert "2026-09-15" in csv_rows[1].values()


def test_paragraphs_lists_both_laws(world):
    rows = run(world, "paragraphs", "-f", "json").json()
    values = [v for r in rows for v in r.values()]
    for code in ("SEL 41", "SEL 52.3.5", "SEL 52a.1.1", "BL 86", "BL 35.4.1", "BL 20"):
        assert code in values
    bl_only = run(world, "paragraphs", "--law", "BL", "-f", "json").json()
    bl_values = [v for r in bl_only for v in r.values()]
    assert "BL 86" in bl_values and "SEL 41" not in bl_values
    _, csv_rows = parse_csv(run(world, "paragraphs", "-f", "csv").stdout)
    assert len(csv_rows) == len(rows)


def test_audit_values(world):
    rows = run(world, "audit", "-f", "json").json()
    for r in rows:
        assert isinstance(r["at"], str)
        datetime.fromisoformat(r["at"])  # an ISO timestamp
        assert r["user"] and r["action"]
    opened = [r for r in rows if r["action"] == "case.open"]
    assert {r["case"] for r in opened} == {f"2026-000{i}" for i in range(1, 9)}
    assert {r["user"] for r in opened} == {ME}
    [by_aeoeaa] = [r for r in rows if r["user"] == "ØÅB"]
    assert (by_aeoeaa["action"], by_aeoeaa["case"]) == ("event.add", "2026-0002")
    added = [r for r in rows if r["action"] == "advisor.add"]
    assert len(added) == 4 and all(r["case"] is None for r in added)
    mine = run(world, "audit", "--case", "2026-0002", "-f", "json").json()
    assert mine and all("2026-0002" in r["cases"] for r in mine)  # its own entries, and listings that showed it
    assert {r["case"] for r in mine if r["kind"] == "write"} == {"2026-0002"}
    by_user = run(world, "audit", "--user", "ØÅB", "-f", "json").json()
    assert by_user == [by_aeoeaa]
