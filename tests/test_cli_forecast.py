"""What is coming (`forecast`), and the absences it counts (`advisor away`, `advisor absences`);
docs/rules.md § 10.

Today is Sunday 2026-11-22: the first week is Monday 16 to Sunday 22 November 2026 (ISO week 47), and
12 weeks end on Sunday 7 February 2027 (week 5 of 2027; 2026 has a week 53). The team (conftest): MKJ and
LBH in Nord, ATP in Syd. Denmark's public holidays in the horizon: Friday 25 December 2026 and Friday
1 January 2027 (26 December is a Saturday), so the weeks of 21 and 28 December have 4 working days.
Every figure is counted by hand in the comments.
"""

from __future__ import annotations

import sqlite3

import pytest

from support import DOMAIN_ERROR, ME, USAGE_ERROR, assert_error, assert_refused, parse_csv

MONDAYS = [
    "2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21",
    "2026-12-28", "2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25", "2027-02-01",
]  # fmt: skip
FIELDS = [
    "advisor", "team", "week", "followups", "deadlines", "decisions", "items",
    "workdays", "load", "team_median", "flagged", "away",
]  # fmt: skip
HOLIDAY_WEEKS = {"2026-12-21", "2026-12-28"}  # 25 December, 1 January


@pytest.fixture
def world(team, open_case):
    """The cases, applications and absences below; hand-computed items (week = its Monday):

    case       advisor  grants (opened)          items in the 12 weeks
    2026-0101  MKJ      BL 20 (2026-10-01)       6w: due 11-12, overdue -> made today 11-22 (week 11-16),
                                                 next 11-22 + 42 = 2027-01-03 (week 12-28; then 02-14: out);
                                                 investigation deadline 10-01 + 4 months = 2027-02-01
    2026-0102  MKJ      BL 86 (2026-09-15)       3m: 12-15 (week 12-14; then 2027-03-15: out);
                                                 application BL 86 received 09-15, 40 working days:
                                                 deadline 2026-11-10, past -> a decision in week 11-16
    2026-0103  LBH      BL 86 (2026-10-20),      3m: 2027-01-20 (week 01-18); transition deadline at 16 on
                        born 2010-12-01          2026-12-01 (week 11-30); an application under BL 90 (no
                                                 frist published): no deadline, not counted
    2026-0104  ATP      BL 86 (2026-08-25)       3m: 11-25 (week 11-23; then 2027-02-25: out);
                                                 application BL 87 received 11-02, 8 weeks: 12-28 (week
                                                 12-28); another, BL 86, decided 11-20: not counted

    MKJ is away 28 December - 3 January (no working day that week); LBH Monday-Wednesday 30 November -
    2 December (2 working days left).
    """
    s = team
    s.ok("frist", "set", "BL 86", "40", "--unit", "workdays")
    s.ok("frist", "set", "BL 87", "8", "--unit", "weeks")
    open_case("2026-0101", "BL 20", advisor="MKJ", opened="2026-10-01")
    open_case("2026-0102", "BL 86", advisor="MKJ", opened="2026-09-15")
    s.ok("application", "add", "2026-0102", "BL 86", "--received", "2026-09-15")  # application 1
    open_case("2026-0103", "BL 86", advisor="LBH", opened="2026-10-20", born="2010-12-01")
    s.ok("application", "add", "2026-0103", "BL 90", "--received", "2026-11-02")  # 2: no frist
    open_case("2026-0104", "BL 86", advisor="ATP", opened="2026-08-25")
    s.ok("application", "add", "2026-0104", "BL 87", "--received", "2026-11-02")  # 3
    s.ok("application", "add", "2026-0104", "BL 86", "--received", "2026-11-02")  # 4
    s.ok("application", "decide", "4", "--outcome", "refused", "--on", "2026-11-20")
    s.ok("advisor", "away", "MKJ", "--from", "2026-12-28", "--to", "2027-01-03", "--reason", "Juleferie")
    s.ok("advisor", "away", "LBH", "--from", "2026-11-30", "--to", "2026-12-02")
    return s


def forecast(s, *argv: str, **kwargs) -> list[dict]:
    result = s("forecast", "-f", "json", *argv, **kwargs)
    assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr}"
    return result.json()


def by_week(rows: list[dict], advisor: str) -> dict[str, dict]:
    return {r["week"]: r for r in rows if r["advisor"] == advisor}


def expected(advisor: str, team: str, busy: dict[str, tuple], medians: dict[str, float]) -> list[dict]:
    """The advisor's 12 weeks: `busy` gives (followups, deadlines, decisions, workdays, load, flagged, away)
    by Monday; every other week has nothing due on its working days (5, or 4 with a holiday)."""
    rows = []
    for monday in MONDAYS:
        workdays = 4 if monday in HOLIDAY_WEEKS else 5
        f, dl, dc, wd, load, flagged, away = busy.get(monday, (0, 0, 0, workdays, 0.0, False, False))
        rows.append(
            {
                "advisor": advisor, "team": team, "week": monday, "followups": f, "deadlines": dl,
                "decisions": dc, "items": f + dl + dc, "workdays": wd, "load": load,
                "team_median": medians.get(monday, 0.0), "flagged": flagged, "away": away,
            }
        )  # fmt: skip
    return rows


# Nord's median each week, of MKJ's and LBH's loads (items / working days), where it is not 0:
#   11-16: MKJ 2/5 = 0.4, LBH 0 -> 0.2          11-30: MKJ 0, LBH 1/2 = 0.5 -> 0.25
#   12-14: MKJ 1/5 = 0.2, LBH 0 -> 0.1          12-28: MKJ away (no load), LBH 0/4 -> 0
#   01-18: MKJ 0, LBH 1/5 -> 0.1                02-01: MKJ 1/5, LBH 0 -> 0.1
# Flagged: a load over 1.5 x the median (0.4 > 0.3, 0.5 > 0.375, 0.2 > 0.15), or away.
NORD = {"2026-11-16": 0.2, "2026-11-30": 0.25, "2026-12-14": 0.1, "2027-01-18": 0.1, "2027-02-01": 0.1}
MKJ = {
    "2026-11-16": (1, 0, 1, 5, 0.4, True, False),  # the overdue follow-up and the overdue decision
    "2026-12-14": (1, 0, 0, 5, 0.2, True, False),
    "2026-12-28": (1, 0, 0, 0, None, True, True),  # the follow-up due Sunday 3 January, away all week
    "2027-02-01": (0, 1, 0, 5, 0.2, True, False),  # the investigation's 4 months
}
LBH = {
    "2026-11-30": (0, 1, 0, 2, 0.5, True, False),  # turns 16 on 1 December; away Monday to Wednesday
    "2027-01-18": (1, 0, 0, 5, 0.2, True, False),
}
# Syd: ATP alone, so ATP's load is the median and never over it.
ATP = {
    "2026-11-23": (1, 0, 0, 5, 0.2, False, False),
    "2026-12-28": (0, 0, 1, 4, 0.25, False, False),
}
SYD = {"2026-11-23": 0.2, "2026-12-28": 0.25}


def test_forecast_json_per_advisor_and_week(world):
    rows = forecast(world)
    assert all(list(r) == FIELDS for r in rows)
    assert rows == expected("LBH", "Nord", LBH, NORD) + expected("MKJ", "Nord", MKJ, NORD) + expected(
        "ATP", "Syd", ATP, SYD
    )  # by team, then initials
    # Nothing about a child is shown, so nothing is logged as a read.
    with sqlite3.connect(world.db) as conn:
        reads = conn.execute("SELECT count(*) FROM audit_log WHERE kind = 'read' AND action = 'forecast'").fetchone()
    assert reads == (0,)


def test_forecast_team_filter(world):
    rows = forecast(world, "--team", "Syd")
    assert rows == expected("ATP", "Syd", ATP, SYD)
    assert {r["advisor"] for r in forecast(world, "--team", "Nord")} == {"MKJ", "LBH"}


def test_forecast_one_advisor_against_their_team(world):
    # LBH's weeks, with Nord's median: the same rows as in the whole forecast.
    assert forecast(world, "--advisor", "lbh") == expected("LBH", "Nord", LBH, NORD)
    assert forecast(world, "--advisor", "LBH", "--team", "Nord") == expected("LBH", "Nord", LBH, NORD)


def test_forecast_weeks(world):
    # One week: 16-22 November only.
    rows = forecast(world, "--weeks", "1")
    assert [(r["advisor"], r["week"], r["items"], r["flagged"]) for r in rows] == [
        ("LBH", "2026-11-16", 0, False),
        ("MKJ", "2026-11-16", 2, True),
        ("ATP", "2026-11-16", 0, False),
    ]
    # 13 weeks reach Sunday 14 February 2027: MKJ's 2026-0101 is due again on 14 February (3 January + 42).
    week13 = by_week(forecast(world, "-w", "13"), "MKJ")["2027-02-08"]
    assert (week13["followups"], week13["items"], week13["workdays"]) == (1, 1, 5)


def test_an_advisor_who_leaves(world):
    # LBH's last day is Thursday 31 December 2026: 4 working days that week (28-31 December), none after.
    # The follow-up due 20 January is still LBH's (the case's advisor today): due with no working day, away.
    world.ok("advisor", "leave", "LBH", "--on", "2026-12-31")
    lbh = by_week(forecast(world, "--team", "Nord"), "LBH")
    assert [lbh[m]["workdays"] for m in MONDAYS] == [5, 5, 2, 5, 5, 4, 4, 0, 0, 0, 0, 0]
    assert (lbh["2027-01-18"]["items"], lbh["2027-01-18"]["away"], lbh["2027-01-18"]["flagged"]) == (1, True, True)
    assert lbh["2027-01-18"]["load"] is None
    # 18 January: MKJ alone has working days, with nothing due: a median of 0.
    assert lbh["2027-01-18"]["team_median"] == 0.0


def test_an_advisor_who_has_left_without_cases_is_not_in_the_forecast(world):
    world.ok("advisor", "add", "OLE", "--name", "Ole Lund", "--team", "Nord")
    world.ok("advisor", "leave", "OLE", "--on", "2026-11-01")
    assert "OLE" not in {r["advisor"] for r in forecast(world)}
    # Asked for by name, OLE's weeks are shown: no working day, nothing due.
    ole = forecast(world, "--advisor", "OLE", "-w", "2")
    assert [(r["week"], r["items"], r["workdays"], r["load"], r["away"]) for r in ole] == [
        ("2026-11-16", 0, 0, None, False),
        ("2026-11-23", 0, 0, None, False),
    ]
    # One who leaves later is, until the last day.
    world.ok("advisor", "add", "NIA", "--name", "Nia Holm", "--team", "Nord")
    world.ok("advisor", "leave", "NIA", "--on", "2026-11-30")
    nia = by_week(forecast(world), "NIA")
    assert [nia[m]["workdays"] for m in MONDAYS[:3]] == [5, 5, 1]


def test_an_advisor_without_cases_is_listed_but_not_in_the_median(world, open_case):
    # A third advisor in Nord who holds no case: listed with nothing due, and left out of Nord's median, which
    # stays that of MKJ (0.4) and LBH (0) on 16 November: 0.2, so MKJ's 0.4 is over 1.5 x 0.2 = 0.3. Counted
    # as a load of 0, BAA would have made the median 0, and flagged nobody.
    world.ok("advisor", "add", "BAA", "--name", "Birgit Aalund", "--team", "Nord")
    world.ok("case", "buddy", "2026-0101", "BAA")  # a buddy holds no case of their own
    first = forecast(world, "--team", "Nord", "-w", "1")
    assert [(r["advisor"], r["items"], r["load"], r["team_median"], r["flagged"]) for r in first] == [
        ("BAA", 0, 0.0, 0.2, False),
        ("LBH", 0, 0.0, 0.2, False),
        ("MKJ", 2, 0.4, 0.2, True),
    ]
    # Once BAA holds a case as primary advisor (due in 2027), BAA's 0 counts: loads 0, 0 and 0.4, median 0.
    open_case("2026-0105", "BL 86", advisor="BAA", opened="2026-11-01")
    first = forecast(world, "--team", "Nord", "-w", "1")
    assert [(r["advisor"], r["load"], r["team_median"], r["flagged"]) for r in first] == [
        ("BAA", 0.0, 0.0, False),
        ("LBH", 0.0, 0.0, False),
        ("MKJ", 0.4, 0.0, False),
    ]


def test_forecast_table(world):
    result = world("forecast", env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "What is coming: weeks W47–W05, Monday 2026-11-16 to Sunday 2027-02-07" in out
    assert "W53" in out  # 28 December 2026 - 3 January 2027
    lines = {line.split("│")[1].strip(): line for line in out.splitlines() if line.startswith("│")}
    assert set(lines) == {"MKJ", "LBH", "ATP"}
    mkj = [cell.strip() for cell in lines["MKJ"].split("│")[1:-1]]
    assert mkj == ["MKJ", "Nord", "2/5d !", "0/5d", "0/5d", "0/5d", "1/5d !", "0/4d", "1/0d away", "0/5d", "0/5d",
                   "0/5d", "0/5d", "1/5d !"]  # fmt: skip
    assert all(len(line) <= 160 for line in out.splitlines() if line.startswith(("│", "┃", "┏", "└")))
    assert "Flagged: 6 advisor-weeks." in out


def test_forecast_table_in_blocks_of_12_weeks(world):
    out = world.ok("forecast", "--weeks", "13", "--advisor", "MKJ").stdout
    assert "weeks W47–W05, Monday 2026-11-16 to Sunday 2027-02-07, advisor MKJ" in out
    assert "week W06, Monday 2027-02-08 to Sunday 2027-02-14, advisor MKJ" in out


def test_forecast_csv(world):
    header, *rows = parse_csv(world.ok("forecast", "-f", "csv", "--team", "Syd", "-w", "2").stdout)
    assert header == FIELDS
    assert rows == [
        ["ATP", "Syd", "2026-11-16", "0", "0", "0", "0", "5", "0.0", "0.0", "no", "no"],
        ["ATP", "Syd", "2026-11-23", "1", "0", "0", "1", "5", "0.2", "0.2", "no", "no"],
    ]
    picked = world.ok("forecast", "-f", "json", "-w", "1", "--fields", "week,advisor,items").json()
    assert picked[1] == {"week": "2026-11-16", "advisor": "MKJ", "items": 2}


def test_forecast_with_nothing(samfam):
    assert samfam.ok("forecast", "-f", "json").json() == []
    assert "No advisors to forecast" in samfam.ok("forecast").stdout


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        (["--weeks", "0"], USAGE_ERROR, ["--weeks", "0", "1 to 104"]),
        (["--weeks", "105"], USAGE_ERROR, ["--weeks", "105", "1 to 104"]),
        (["--weeks", "twelve"], USAGE_ERROR, ["--weeks", "twelve"]),
        (["--team", "Øst"], DOMAIN_ERROR, ["Øst", "Nord, Syd"]),
        (["--advisor", "XYZ"], DOMAIN_ERROR, ["XYZ"]),
        (["--advisor", "ATP", "--team", "Nord"], USAGE_ERROR, ["ATP", "Syd", "Nord"]),
        (["-f", "table", "--fields", "week"], USAGE_ERROR, ["--fields"]),
        (["-f", "json", "--fields", "case"], USAGE_ERROR, ["'case'", "team_median"]),
    ],
)
def test_forecast_refusals(team, argv, exit_code, names):
    assert_refused(team, ["forecast", *argv], exit_code, *names)


# -- advisor away, advisor absences ---------------------------------------------------------------------


def _audit(s, action: str) -> list[tuple]:
    with sqlite3.connect(s.db) as conn:
        return conn.execute("SELECT user, detail FROM audit_log WHERE action = ? ORDER BY id", (action,)).fetchall()


def test_advisor_away_and_absences(team):
    # 21 December 2026 - 1 January 2027: 21, 22, 23, 24, 28, 29, 30, 31 December (25 December and
    # 1 January holidays, 26 December a Saturday): 8 working days.
    result = team.ok("advisor", "away", "mkj", "--from", "2026-12-21", "--to", "01.01.2027", "--reason", "Juleferie")
    assert result.stdout == "Absence 1: MKJ away from 2026-12-21 to 2027-01-01 (8 working days).\n"
    result = team.ok("advisor", "away", "LBH", "--from", "2026-11-27", "--to", "2026-11-27")
    assert result.stdout == "Absence 2: LBH away from 2026-11-27 to 2026-11-27 (1 working day).\n"
    team.ok("advisor", "away", "ATP", "--from", "2026-11-02", "--to", "2026-11-06", "-r", "Kursus")  # past
    # The next day after an absence is free: adjacent absences do not overlap.
    team.ok("advisor", "away", "MKJ", "--from", "2027-01-02", "--to", "2027-01-08", "--reason", "  ")
    assert _audit(team, "advisor.away") == [
        (ME, "MKJ from 2026-12-21 to 2027-01-01: Juleferie"),
        (ME, "LBH from 2026-11-27 to 2026-11-27"),
        (ME, "ATP from 2026-11-02 to 2026-11-06: Kursus"),
        (ME, "MKJ from 2027-01-02 to 2027-01-08"),
    ]
    # Current and coming ones, in date order; with --all the past ones too.
    rows = team.ok("advisor", "absences", "-f", "json").json()
    assert rows == [
        {"id": 2, "advisor": "LBH", "team": "Nord", "start": "2026-11-27", "end": "2026-11-27", "workdays": 1,
         "reason": None},
        {"id": 1, "advisor": "MKJ", "team": "Nord", "start": "2026-12-21", "end": "2027-01-01", "workdays": 8,
         "reason": "Juleferie"},
        # 4-8 January 2027: 5 working days (2 and 3 January are a weekend).
        {"id": 4, "advisor": "MKJ", "team": "Nord", "start": "2027-01-02", "end": "2027-01-08", "workdays": 5,
         "reason": None},
    ]  # fmt: skip
    assert [r["id"] for r in team.ok("advisor", "absences", "--all", "-f", "json").json()] == [3, 2, 1, 4]
    assert [r["id"] for r in team.ok("advisor", "absences", "MKJ", "-f", "json").json()] == [1, 4]
    assert [r["id"] for r in team.ok("advisor", "absences", "--team", "Syd", "--all", "-f", "json").json()] == [3]
    assert team.ok("advisor", "absences", "--team", "Syd", "-f", "json").json() == []
    table = team.ok("advisor", "absences").stdout
    assert "Juleferie" in table and "Working days" in table
    assert "No current or coming absences." in team.ok("advisor", "absences", "ATP").stdout
    header, *_ = parse_csv(team.ok("advisor", "absences", "-f", "csv").stdout)
    assert header == ["id", "advisor", "team", "start", "end", "workdays", "reason"]


def test_an_absence_lowers_the_working_days_in_the_forecast(team):
    team.ok("advisor", "away", "LBH", "--from", "2026-11-23", "--to", "2026-11-25")  # Monday to Wednesday
    rows = forecast(team, "-w", "2", "--advisor", "LBH")
    assert [(r["week"], r["workdays"]) for r in rows] == [("2026-11-16", 5), ("2026-11-23", 2)]


@pytest.fixture
def away(team):
    """MKJ away 21 December 2026 - 1 January 2027; ATP left on 1 November 2026; LBH leaves on 31 December."""
    team.ok("advisor", "away", "MKJ", "--from", "2026-12-21", "--to", "2027-01-01")
    team.ok("advisor", "leave", "ATP", "--on", "2026-11-01")
    team.ok("advisor", "leave", "LBH", "--on", "2026-12-31")
    return team


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        # the days out of order
        (["MKJ", "--from", "2027-01-05", "--to", "2027-01-04"], DOMAIN_ERROR, ["2027-01-05", "2027-01-04", "order"]),
        # an unknown advisor, one who has left, an absence after the last day
        (["XYZ", "--from", "2027-01-05", "--to", "2027-01-06"], DOMAIN_ERROR, ["XYZ", "ATP, LBH, MKJ"]),
        (["ATP", "--from", "2027-01-05", "--to", "2027-01-06"], DOMAIN_ERROR, ["ATP", "left on 2026-11-01"]),
        (["LBH", "--from", "2027-01-04", "--to", "2027-01-06"], DOMAIN_ERROR, ["LBH", "last day", "2026-12-31"]),
        # overlaps: inside, around, sharing the first or the last day
        (["MKJ", "--from", "2026-12-24", "--to", "2026-12-24"], DOMAIN_ERROR, ["MKJ", "absence 1", "2026-12-21"]),
        (["MKJ", "--from", "2026-12-01", "--to", "2027-02-01"], DOMAIN_ERROR, ["absence 1", "overlap"]),
        (["MKJ", "--from", "2026-12-14", "--to", "2026-12-21"], DOMAIN_ERROR, ["absence 1"]),
        (["MKJ", "--from", "2027-01-01", "--to", "2027-01-08"], DOMAIN_ERROR, ["absence 1"]),
        # text that does not fit, and usage errors
        (["LBH", "--from", "2026-12-01", "--to", "2026-12-02", "--reason", "x" * 201], DOMAIN_ERROR, ["200"]),
        (["LBH", "--from", "2026-12-01"], USAGE_ERROR, ["--to"]),
        (["LBH", "--from", "31-02-2027", "--to", "2027-03-01"], USAGE_ERROR, ["--from", "31-02-2027"]),
        (["--from", "2026-12-01", "--to", "2026-12-02"], USAGE_ERROR, ["INITIALS"]),
    ],
)
def test_advisor_away_refusals(away, argv, exit_code, names):
    assert_refused(away, ["advisor", "away", *argv], exit_code, *names)


def test_advisor_absences_refusals(team):
    assert_error(team("advisor", "absences", "XYZ"), DOMAIN_ERROR, "XYZ")
    assert_error(team("advisor", "absences", "--team", "Øst"), DOMAIN_ERROR, "Øst")
    assert_error(team("advisor", "absences", "--fields", "nope", "-f", "json"), USAGE_ERROR, "'nope'", "workdays")


def test_an_absence_called_off_is_removed_and_its_days_are_working_days_again(team):
    team.ok("advisor", "away", "LBH", "--from", "2026-11-23", "--to", "2026-11-25", "--reason", "Kursus")
    team.ok("advisor", "away", "LBH", "--from", "2026-11-30", "--to", "2026-12-04")
    assert [(r["week"], r["workdays"]) for r in forecast(team, "-w", "3", "--advisor", "LBH")] == [
        ("2026-11-16", 5), ("2026-11-23", 2), ("2026-11-30", 0),
    ]  # fmt: skip
    result = team.ok("advisor", "absence-remove", "1", "--reason", "Kurset er aflyst")
    assert result.stdout == (
        "Absence 1 removed: LBH is no longer away from 2026-11-23 to 2026-11-25 (3 working days again).\n"
    )
    assert [(r["week"], r["workdays"]) for r in forecast(team, "-w", "3", "--advisor", "LBH")] == [
        ("2026-11-16", 5), ("2026-11-23", 5), ("2026-11-30", 0),
    ]  # fmt: skip
    assert [r["id"] for r in team.ok("advisor", "absences", "--all", "-f", "json").json()] == [2]
    # The log keeps what was removed, by whom and why; without a reason, what was removed.
    team.ok("advisor", "absence-remove", "2")
    assert _audit(team, "advisor.absence-remove") == [
        (ME, "absence 1: LBH from 2026-11-23 to 2026-11-25 (Kursus); why: Kurset er aflyst"),
        (ME, "absence 2: LBH from 2026-11-30 to 2026-12-04"),
    ]
    # The days are free again: the same absence can be recorded anew.
    team.ok("advisor", "away", "LBH", "--from", "2026-11-24", "--to", "2026-11-24")


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        (["9"], DOMAIN_ERROR, ["no absence 9", "advisor absences --all"]),
        (["1", "--reason", "x" * 201], DOMAIN_ERROR, ["201", "200"]),
        (["0"], USAGE_ERROR, ["0", "1 or more", "2,147,483,647"]),
        (["one"], USAGE_ERROR, ["'one'", "whole number"]),
        ([], USAGE_ERROR, ["ID"]),
    ],
)
def test_absence_remove_refusals_change_nothing(away, argv, exit_code, names):
    assert_refused(away, ["advisor", "absence-remove", *argv], exit_code, *names)  # every table as it was
