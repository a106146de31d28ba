"""Legal deadlines through the command line (`deadlines`), and CSV headers that do not depend on the data."""

from __future__ import annotations

from datetime import date

import pytest

from support import DOMAIN_ERROR, REF, USAGE_ERROR, add_actor, assert_error, assert_ok, assert_refused, card, parse_csv

# =====================================================================================================
# Legal deadlines
# =====================================================================================================


@pytest.mark.parametrize(
    ("paras", "opened", "born", "within", "expected"),
    [
        # BL 20 started 2026-06-04 -> must be finished 2026-10-04: 49 days past
        pytest.param(("BL 20",), "2026-06-04", None, 30, [("investigation", "2026-10-04", -49, "BL § 20 stk. 3")],
                     id="bl20-past-4-months"),
        # SEL 50 started 2026-10-31 -> 2027-02-28 (31 Feb clamped): 98 days left
        pytest.param(("SEL 50",), "2026-10-31", None, 98, [("investigation", "2027-02-28", 98, "SEL § 50 stk. 7")],
                     id="sel50-month-end-clamped"),
        pytest.param(("SEL 50",), "2026-10-31", None, 97, [], id="sel50-one-day-outside-the-window"),
        # a compensation grant has no legal deadline
        pytest.param(("BL 86",), "2026-06-04", None, 30, [], id="no-investigation"),
        # born 2010-11-30: 16 on 2026-11-30 (8 days), 18 on 2028-11-30 (739 days)
        pytest.param((), "2026-06-01", "2010-11-30", 30, [("transition", "2026-11-30", 8, "BL §§ 122-123")],
                     id="transition-at-16-coming"),
        pytest.param((), "2026-06-01", "2010-11-30", 739,
                     [("transition", "2026-11-30", 8, "BL §§ 122-123"), ("turns-18", "2028-11-30", 739, "BL § 122")],
                     id="turns-18-on-the-last-day-of-the-window"),
        pytest.param((), "2026-06-01", "2010-11-30", 738, [("transition", "2026-11-30", 8, "BL §§ 122-123")],
                     id="turns-18-one-day-outside-the-window"),
        # born 2010-03-15: 16 on 2026-03-15, 252 days ago, and no transition handover
        pytest.param((), "2026-06-01", "2010-03-15", 30, [("transition", "2026-03-15", -252, "BL §§ 122-123")],
                     id="transition-not-started-after-16"),
        # born 2008-12-10: 16 on 2024-12-10 (712 days ago), 18 on 2026-12-10 (18 days)
        pytest.param((), "2026-06-01", "2008-12-10", 30,
                     [("transition", "2024-12-10", -712, "BL §§ 122-123"), ("turns-18", "2026-12-10", 18, "BL § 122")],
                     id="turns-18-within-the-window"),
        # born 2008-10-01: 18 on 2026-10-01, 52 days ago; no transition deadline after 18
        pytest.param((), "2026-06-01", "2008-10-01", 30, [("open-after-18", "2026-10-01", -52, "BL § 122")],
                     id="open-after-18"),
        # born 2008-02-29: 18 on 2026-02-28 (no 29 February in 2026), 267 days ago; opened at 17
        pytest.param((), "2026-01-15", "2008-02-29", 30, [("open-after-18", "2026-02-28", -267, "BL § 122")],
                     id="open-after-18-born-on-leap-day"),
        # born 2015-03-01: 16 on 2031-03-01, far outside 30 days
        pytest.param(("BL 86",), "2026-06-01", "2015-03-01", 30, [], id="young-child-nothing-soon"),
        # both kinds on one case, sorted by deadline
        pytest.param(("BL 20",), "2026-06-04", "2010-11-30", 30,
                     [("investigation", "2026-10-04", -49, "BL § 20 stk. 3"),
                      ("transition", "2026-11-30", 8, "BL §§ 122-123")],
                     id="investigation-and-transition"),
    ],
)  # fmt: skip
def test_deadline_kinds(team, open_case, paras, opened, born, within, expected):
    options = {"born": born} if born else {}
    open_case(REF, *paras, opened=opened, **options)
    rows = team.ok("deadlines", "--within", str(within), "-f", "json").json()
    assert [(r["kind"], r["deadline"], r["days_left"], r["law"]) for r in rows] == expected
    assert all(r["case"] == REF and r["advisor"] == "MKJ" for r in rows)
    # the same items on the case card (which looks far ahead)
    shown = [(d["kind"], d["deadline"], d["days_left"]) for d in card(team)["deadlines"]]
    for kind, deadline, days_left, _law in expected:
        assert (kind, deadline, days_left) in shown


def test_deadline_rows_say_what_and_why(team, open_case):
    open_case(REF, "BL 20", opened="2026-06-04", born="2010-11-30")
    rows = team.ok("deadlines", "--within", "739", "-f", "json").json()
    assert rows == [
        {
            "case": REF,
            "advisor": "MKJ",
            "kind": "investigation",
            "deadline": "2026-10-04",
            "days_left": -49,
            "what": "BL 20 started 2026-06-04 must be finished",
            "law": "BL § 20 stk. 3",
            "age": None,
        },
        {
            "case": REF,
            "advisor": "MKJ",
            "kind": "transition",
            "deadline": "2026-11-30",
            "days_left": 8,
            "what": "transition to adult services must be started (age 16)",
            "law": "BL §§ 122-123",
            "age": 15,
        },
        {
            "case": REF,
            "advisor": "MKJ",
            "kind": "turns-18",
            "deadline": "2028-11-30",
            "days_left": 739,
            "what": "turns 18: adult support must be in place",
            "law": "BL § 122",
            "age": 15,
        },
    ]
    # case show: every deadline of the case, with the same fields
    assert card(team)["deadlines"] == rows


@pytest.mark.parametrize(
    ("arrange", "within"),
    [
        pytest.param(lambda s: s.ok("grant", "end", REF, "BL 20", "--on", "2026-09-30"), 30,
                     id="investigation-finished-in-time"),
        pytest.param(lambda s: s.ok("grant", "end", REF, "BL 20", "--on", "2026-11-21"), 30,
                     id="investigation-finished-late-yesterday"),
        pytest.param(lambda s: s.ok("case", "close", REF, "--reason", "Flyttet", "--force", "Flyttet"), 10_000,
                     id="closed-case"),
    ],
)  # fmt: skip
def test_deadlines_gone(team, open_case, arrange, within):
    open_case(REF, "BL 20", opened="2026-06-04")
    arrange(team)
    assert team.ok("deadlines", "--within", str(within), "-f", "json").json() == []


def test_transition_handover_started_ends_the_transition_deadline(team, open_case):
    # born 2010-11-30; the transition handover started 2026-11-01, before the 16th birthday
    open_case(REF, opened="2026-06-01", born="2010-11-30")
    team.ok("handover", "start", REF, "transition", today=date(2026, 11, 1))
    assert team.ok("deadlines", "--within", "30", "-f", "json").json() == []
    assert [d["kind"] for d in card(team)["deadlines"]] == ["turns-18"]


@pytest.fixture
def deadline_world(team, open_case):
    """A: 2026-0401 MKJ (Nord), BL 20 since 2026-06-04 -> 2026-10-04 (-49);
    B: 2026-0402 LBH (Nord), born 2008-10-01 -> open after 18 since 2026-10-01 (-52);
    C: 2026-0403 ATP (Syd), SEL 50 since 2026-10-31 -> 2027-02-28 (98)."""
    open_case("2026-0401", "BL 20", opened="2026-06-04", advisor="MKJ")
    open_case("2026-0402", "BL 86", opened="2026-06-01", advisor="LBH", born="2008-10-01")
    open_case("2026-0403", "SEL 50", opened="2026-10-31", advisor="ATP")
    return team


def test_deadlines_formats_and_filters(deadline_world):
    s = deadline_world

    def listed(*argv: str) -> list[tuple]:
        return [(r["case"], r["kind"], r["days_left"]) for r in s.ok("deadlines", *argv, "-f", "json").json()]

    # sorted by deadline; the default window is 30 days
    assert listed() == [("2026-0402", "open-after-18", -52), ("2026-0401", "investigation", -49)]
    assert listed("--within", "100") == [
        ("2026-0402", "open-after-18", -52),
        ("2026-0401", "investigation", -49),
        ("2026-0403", "investigation", 98),
    ]
    assert listed("-w", "100", "--advisor", "MKJ") == [("2026-0401", "investigation", -49)]
    assert listed("-w", "100", "--team", "Syd") == [("2026-0403", "investigation", 98)]
    assert listed("-w", "100", "--team", "Nord") == [
        ("2026-0402", "open-after-18", -52),
        ("2026-0401", "investigation", -49),
    ]
    # a passed deadline stays listed even with a window of 0 days
    assert listed("--within", "0") == [("2026-0402", "open-after-18", -52), ("2026-0401", "investigation", -49)]

    result = s("deadlines", "--within", "100", "-f", "csv")
    assert_ok(result)
    assert parse_csv(result.stdout) == [
        ["case", "advisor", "kind", "deadline", "days_left", "what", "law", "age"],
        ["2026-0402", "LBH", "open-after-18", "2026-10-01", "-52",
         "open after the 18th birthday: close or transfer the case", "BL § 122", "18"],
        ["2026-0401", "MKJ", "investigation", "2026-10-04", "-49", "BL 20 started 2026-06-04 must be finished",
         "BL § 20 stk. 3", ""],
        ["2026-0403", "ATP", "investigation", "2027-02-28", "98", "SEL 50 started 2026-10-31 must be finished",
         "SEL § 50 stk. 7", ""],
    ]  # fmt: skip

    table = s("deadlines", "--within", "100")
    assert_ok(table)
    assert table.stdout.startswith("Legal deadlines to 100 days after 2026-11-22")
    for text in ("2026-0401", "2026-0402", "2026-0403", "open-after-18", "2027-02-28", "Days left"):
        assert text in table.stdout

    s.ok("advisor", "add", "VST", "--name", "Vera Storm", "--team", "Vest")  # a team without cases
    empty = s("deadlines", "--team", "Vest")
    assert_ok(empty)
    assert "No legal deadline passed or coming." in empty.stdout
    assert s.ok("deadlines", "--team", "Vest", "-f", "json").json() == []


@pytest.mark.parametrize("command", ["deadlines", "goals"])
def test_an_unknown_team_is_refused_not_reported_empty(deadline_world, command):
    before = deadline_world.snapshot()
    assert_error(deadline_world(command, "--team", "Ingen"), 1, "Ingen", "Nord", "Syd")
    assert deadline_world.snapshot() == before


def test_deadlines_advisor_filter_includes_cases_where_the_advisor_is_buddy(team, open_case):
    # `--advisor` promises "only cases where this advisor is primary or buddy" (its --help, as on overdue)
    open_case("2026-0501", "BL 20", opened="2026-06-04", advisor="ATP", buddy="MKJ")
    rows = team.ok("deadlines", "--advisor", "MKJ", "-f", "json").json()
    assert [(r["case"], r["kind"]) for r in rows] == [("2026-0501", "investigation")]


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["deadlines", "--within", "-1"], USAGE_ERROR, ("--within",), id="negative-window"),
        pytest.param(["deadlines", "--within", "snart"], USAGE_ERROR, ("snart",), id="window-not-a-number"),
        pytest.param(["deadlines", "--advisor", "XYZ"], DOMAIN_ERROR, ("XYZ",), id="unknown-advisor"),
        pytest.param(["deadlines", "-f", "xml"], USAGE_ERROR, ("xml",), id="bad-format"),
    ],
)
def test_deadlines_errors(deadline_world, argv, exit_code, names):
    assert_refused(deadline_world, argv, exit_code, *names)


# -- CSV headers for scripts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv_empty", "argv_full", "fill"),
    [
        pytest.param(["goals", "--team", "Vest"], ["goals"], lambda s: None, id="goals"),
        pytest.param(["actor", "list", REF], ["actor", "list", REF],
                     lambda s: add_actor(s, REF, "school", "Kildeskolen"), id="actor-list"),
        pytest.param(["deadlines", "--team", "Vest"], ["deadlines", "--within", "10000"], lambda s: None,
                     id="deadlines"),
        pytest.param(["handover", "show", REF], ["handover", "show", REF],
                     lambda s: s.ok("handover", "start", REF, "closure"), id="handover-show"),
    ],
)  # fmt: skip
def test_csv_header_does_not_depend_on_the_data(case1, argv_empty, argv_full, fill):
    # a script reading the CSV from cron gets the same columns whether or not there are rows
    case1.ok("advisor", "add", "VST", "--name", "Vera Storm", "--team", "Vest")  # a team without cases
    empty = case1(*argv_empty, "-f", "csv")
    assert_ok(empty)
    fill(case1)
    full = case1(*argv_full, "-f", "csv")
    assert_ok(full)
    assert len(parse_csv(full.stdout)) > 1
    assert parse_csv(empty.stdout) == [parse_csv(full.stdout)[0]]


def test_each_follow_up_has_its_escalation_level(team, open_case):
    """3-month track, today 2026-11-22. 2026-0001 from 2026-01-10: due 04-10, twice the interval 07-10:
    seriously overdue. 2026-0002 from 2026-06-01: due 09-01, twice 12-01: overdue. 2026-0003 followed up
    2026-11-01: due 2027-02-01: due soon."""
    open_case("2026-0001", "BL 86", opened="2026-01-10")
    open_case("2026-0002", "BL 86", opened="2026-06-01")
    open_case("2026-0003", "BL 86", opened="2026-06-01")
    team.ok("event", "add", "2026-0003", "followup", "--on", "2026-11-01")
    rows = {r["case"]: r["level"] for r in team.ok("overdue", "-f", "json").json()}
    assert rows == {"2026-0001": "seriously overdue", "2026-0002": "overdue"}
    header = team.ok("overdue", "-f", "csv").stdout.splitlines()[0].split(",")
    assert "level" in header
    assert "seriously overdue" in team.ok("overdue").stdout
    [soon] = team.ok("due", "--within", "90", "-f", "json").json()
    assert (soon["case"], soon["level"]) == ("2026-0003", "due soon")
    assert "due soon" in team.ok("due", "--within", "90").stdout


# -- --advisor counts primary and buddy; --primary the primary advisor's cases only ------------------------


@pytest.fixture
def shared_cases(team, open_case):
    """MKJ holds 2026-0501 and 2026-0503 as primary advisor (ATP the buddy), and is buddy on 2026-0502 and
    2026-0504 (ATP primary). 0501 and 0502: BL 86 since 1 June, overdue since 1 September; 0503 and 0504: BL 86
    since 1 October, due 1 January 2027. Every child turns 16 on 1 December 2026 (a legal deadline)."""
    for ref, opened, primary, buddy in (
        ("2026-0501", "2026-06-01", "MKJ", "ATP"),
        ("2026-0502", "2026-06-01", "ATP", "MKJ"),
        ("2026-0503", "2026-10-01", "MKJ", "ATP"),
        ("2026-0504", "2026-10-01", "ATP", "MKJ"),
    ):
        open_case(ref, "BL 86", opened=opened, advisor=primary, buddy=buddy, born="2010-12-01")
    return team


@pytest.mark.parametrize(
    ("argv", "primary", "either"),
    [
        pytest.param(["overdue"], ["2026-0501"], ["2026-0501", "2026-0502"], id="overdue"),
        pytest.param(["due", "--within", "60"], ["2026-0503"], ["2026-0503", "2026-0504"], id="due"),
        pytest.param(
            ["case", "list"],
            ["2026-0501", "2026-0503"],
            ["2026-0501", "2026-0502", "2026-0503", "2026-0504"],
            id="case-list",
        ),
        pytest.param(
            ["goals"], ["2026-0501", "2026-0503"], ["2026-0501", "2026-0502", "2026-0503", "2026-0504"], id="goals"
        ),
        pytest.param(
            ["deadlines"],
            ["2026-0501", "2026-0503"],
            ["2026-0501", "2026-0502", "2026-0503", "2026-0504"],
            id="deadlines",
        ),
    ],
)
def test_primary_narrows_advisor_to_the_cases_the_advisor_is_primary_on(shared_cases, argv, primary, either):
    both = shared_cases(*argv, "--advisor", "MKJ", "-f", "json")
    assert both.exit_code == 0, both.stderr
    assert sorted({r["case"] for r in both.json()}) == either  # primary or buddy, as --advisor says
    only = shared_cases(*argv, "--advisor", "MKJ", "--primary", "-f", "json")
    assert only.exit_code == 0, only.stderr
    assert sorted({r["case"] for r in only.json()}) == primary
    assert {r["advisor"] for r in only.json()} == {"MKJ"}
    shown = shared_cases(*argv[: 2 if argv[0] == "case" else 1], "--help", env={"COLUMNS": "400"})
    assert shown.exit_code == 0, shown.stderr
    options = {line.split()[1]: line for line in shown.stdout.splitlines() if line.startswith("│ --")}
    assert "primary or buddy" in options["--advisor"]  # what --advisor counts, and what --primary narrows it to
    assert "only the cases where the advisor is the primary advisor, not buddy" in options["--primary"]


@pytest.mark.parametrize("argv", [["overdue"], ["due"], ["case", "list"], ["goals"], ["deadlines"]])
def test_primary_without_advisor_is_refused(shared_cases, argv):
    before = shared_cases.snapshot()
    line = assert_error(shared_cases(*argv, "--primary"), USAGE_ERROR, "--primary", "--advisor")
    assert line.startswith("Error: ")
    assert shared_cases.snapshot() == before
