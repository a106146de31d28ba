"""What needs a team leader's attention: departed advisors' cases, `case list --attention`, the start of
new cases and the Signs of Safety in the weekly report, and a closed case's plan (docs/rules.md § 8).

Today is Sunday 2026-11-22 (conftest) unless a call says otherwise. Expected dates are worked out by
hand in the comments: 3 calendar months or 42 days from the anchor (docs/rules.md § 4).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from conftest import Samfam, _built, _restore, add_team
from support import OVERDUE_FOUND, REF, assert_ok, d, open_, parse_csv, weekly

LEFT = "2026-11-20"  # the day MKJ leaves (advisor leave --on)
NEEDS_NEW_ADVISOR = "needs a new advisor"

START_REASON = "no startup conversation within 30 days of opening"
CHILD_REASON = "no child conversation or observation within 60 days"


# -- helpers -------------------------------------------------------------------------------------------


def run_json(s: Samfam, *argv: str, today: str | None = None):
    """Run a listing with `-f json`: exit 0 first, nothing on stderr, then the parsed JSON."""
    result = s(*argv, "-f", "json", today=d(today) if today else None)
    assert_ok(result)
    assert result.stderr == "", result.stderr
    return result.json()


def followup(s: Samfam, ref: str, day: str, scale: int | None = None) -> None:
    argv = ["event", "add", ref, "followup", "--on", day]
    if scale is not None:
        argv += ["--scale", str(scale)]
    s.ok(*argv)


def event_id(s: Samfam, ref: str, kind: str, day: str) -> int:
    [event] = [e for e in run_json(s, "event", "list", ref) if e["kind"] == kind and e["day"] == day]
    return event["id"]


def void(s: Samfam, ref: str, kind: str, day: str) -> None:
    s.ok("event", "void", str(event_id(s, ref, kind, day)), "--reason", "Registreret på forkert sag")


def close(s: Samfam, ref: str, on: str) -> None:
    s.ok("case", "close", ref, "--reason", "Flyttet", "--on", on, "--force", "Familien er flyttet")


def heading_lines(text: str, fmt: str) -> list[str]:
    """The heading lines of a Markdown or HTML document."""
    if fmt == "markdown":
        return [line for line in text.splitlines() if line.startswith("#")]
    return re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", text, flags=re.S)


# =====================================================================================================
# 1. An advisor who has left: their open cases need a new advisor
# =====================================================================================================


@pytest.fixture(scope="session")
def _departed_db(tmp_path_factory, migrated_db):
    return _built(tmp_path_factory, migrated_db, "departed", add_team, _departed)


@pytest.fixture
def departed(team: Samfam, _departed_db) -> Samfam:
    """`_departed`, built once a session (a worker) and copied for each test."""
    return _restore(team, _departed_db)


def _departed(team: Samfam) -> Samfam:
    """MKJ leaves on 2026-11-20 holding two open cases. All cases BL 86 (3-month track), opened 06-01.

    - 2026-0201 MKJ, no follow-up: due 09-01 -> 82 days overdue (Sep 1 -> Nov 1 61, + 21).
    - 2026-0202 MKJ, follow-up 10-01: due 2027-01-01 -> not overdue; only needs a new advisor.
    - 2026-0203 LBH, follow-up 08-01: due 11-01 -> 21 days overdue.
    - 2026-0204 LBH, SEL 11 only: unclassified (needs classification).
    - 2026-0205 ATP, follow-up 10-01: due 2027-01-01 -> on track, in no listing.
    """
    s = team
    open_(s, "2026-0201", "BL 86")
    open_(s, "2026-0202", "BL 86")
    followup(s, "2026-0202", "2026-10-01")
    open_(s, "2026-0203", "BL 86", advisor="LBH")
    followup(s, "2026-0203", "2026-08-01")
    open_(s, "2026-0204", "SEL 11", advisor="LBH")
    open_(s, "2026-0205", "BL 86", advisor="ATP")
    followup(s, "2026-0205", "2026-10-01")
    s.ok("advisor", "leave", "MKJ", "--on", LEFT)
    return s


# case: (status, needs_new_advisor), in the order `overdue` lists them: overdue (most days first), then
# the cases needing a new advisor, then the cases needing classification.
DEPARTED_OVERDUE = {
    "2026-0201": ("overdue", True),  # overdue and MKJ has left: still counted as overdue, flagged
    "2026-0203": ("overdue", False),
    "2026-0202": (NEEDS_NEW_ADVISOR, True),  # not overdue: listed only because MKJ has left
    "2026-0204": ("needs classification", False),
}


def test_overdue_json_lists_each_departed_advisors_case_once(departed):
    rows = run_json(departed, "overdue")
    assert [r["case"] for r in rows] == list(DEPARTED_OVERDUE)  # each case once; 2026-0205 is on track
    assert {r["case"]: (r["status"], r["needs_new_advisor"]) for r in rows} == DEPARTED_OVERDUE


def test_overdue_json_overdue_case_of_a_departed_advisor_keeps_its_days_overdue(departed):
    row = next(r for r in run_json(departed, "overdue") if r["case"] == "2026-0201")
    assert (row["advisor"], row["next_due"], row["days_overdue"]) == ("MKJ", "2026-09-01", 82)
    assert row["status"] == "overdue"
    assert row["needs_new_advisor"] is True


def test_overdue_json_case_needing_only_a_new_advisor_names_who_left_and_when(departed):
    row = next(r for r in run_json(departed, "overdue") if r["case"] == "2026-0202")
    assert row["status"] == NEEDS_NEW_ADVISOR
    assert row["needs_new_advisor"] is True
    assert row["advisor"] == "MKJ"
    assert "MKJ" in row["reason"] and LEFT in row["reason"], row["reason"]
    assert row["next_due"] == "2027-01-01"  # follow-up 10-01 + 3 months


@pytest.mark.parametrize(
    ("mkj_overdue_case", "expected"),
    [
        # MKJ's only case is on track: it needs a new advisor, but no follow-up is overdue.
        pytest.param(False, 0, id="only-needs-a-new-advisor"),
        # MKJ also holds a case with no follow-up since 06-01 (82 days overdue).
        pytest.param(True, OVERDUE_FOUND, id="also-an-overdue-case"),
    ],
)
def test_overdue_check_exits_3_only_when_something_is_overdue(team, mkj_overdue_case, expected):
    open_(team, "2026-0202", "BL 86")
    followup(team, "2026-0202", "2026-10-01")
    if mkj_overdue_case:
        open_(team, "2026-0201", "BL 86")
    team.ok("advisor", "leave", "MKJ", "--on", LEFT)
    result = team("overdue", "--check", "-f", "json")
    assert result.exit_code == expected, result.stderr
    statuses = {r["case"]: r["status"] for r in result.json()}  # the listing is still printed
    assert statuses["2026-0202"] == NEEDS_NEW_ADVISOR


def test_overdue_table_has_a_needs_a_new_advisor_section(departed):
    result = departed("overdue")
    assert_ok(result)
    text = result.stdout
    lines = text.splitlines()
    [section] = [i for i, line in enumerate(lines) if "Needs a new advisor" in line]
    assert "(1)" in lines[section]  # one case: 2026-0202 (2026-0201 is in the overdue table)
    after = "\n".join(lines[section:])
    before = "\n".join(lines[:section])
    assert "2026-0202" in after
    assert "2026-0202" not in before
    assert "2026-0201" in before  # the overdue one stays in the overdue table


def test_overdue_csv_ends_with_needs_new_advisor_as_yes_or_no(departed):
    result = departed("overdue", "-f", "csv")
    assert_ok(result)
    header, *rows = parse_csv(result.stdout)
    assert header[-1] == "needs_new_advisor"
    case = header.index("case")
    assert {r[case]: r[-1] for r in rows} == {
        "2026-0201": "yes",
        "2026-0202": "yes",
        "2026-0203": "no",
        "2026-0204": "no",
    }


# advisor: (primary, left, needs_new_advisor)
DEPARTED_CASELOAD = {
    "MKJ": (2, LEFT, 2),  # 2026-0201, 2026-0202
    "LBH": (2, None, 0),
    "ATP": (1, None, 0),
    "TOTAL": (5, None, 2),
}


def test_caseload_shows_who_left_and_how_many_cases_need_a_new_advisor(departed):
    rows = run_json(departed, "caseload")
    assert {r["advisor"]: (r["primary"], r["left"], r["needs_new_advisor"]) for r in rows} == DEPARTED_CASELOAD
    assert rows[-1]["advisor"] == "TOTAL"


def test_weekly_needs_new_advisor_until_the_case_is_reassigned(departed):
    rows = weekly(departed)["needs_new_advisor"]
    assert sorted(rows, key=lambda r: r["case"]) == [
        {"case": "2026-0201", "advisor": "MKJ", "left": LEFT, "next_due": "2026-09-01"},
        {"case": "2026-0202", "advisor": "MKJ", "left": LEFT, "next_due": "2027-01-01"},
    ]

    departed.ok("case", "assign", "2026-0202", "--advisor", "LBH")

    assert [r["case"] for r in weekly(departed)["needs_new_advisor"]] == ["2026-0201"]
    assert "2026-0202" not in [r["case"] for r in run_json(departed, "overdue")]  # on track with LBH


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        pytest.param("2026-11-19", [], id="the-day-before-nothing-yet"),
        pytest.param("2026-11-20", ["2026-0201", "2026-0202"], id="on-the-leave-day"),
        pytest.param("2026-11-21", ["2026-0201", "2026-0202"], id="the-day-after"),
    ],
)
def test_cases_need_a_new_advisor_from_the_leave_day(departed, today, expected):
    overdue = run_json(departed, "overdue", today=today)
    assert sorted(r["case"] for r in overdue if r["needs_new_advisor"]) == expected
    assert sorted(r["case"] for r in overdue if r["status"] == NEEDS_NEW_ADVISOR) == [
        ref for ref in expected if ref == "2026-0202"
    ]
    caseload = {r["advisor"]: r["needs_new_advisor"] for r in run_json(departed, "caseload", today=today)}
    assert caseload["MKJ"] == len(expected)
    assert caseload["TOTAL"] == len(expected)
    assert sorted(r["case"] for r in weekly(departed, today=today)["needs_new_advisor"]) == expected
    listed = run_json(departed, "case", "list", "--attention", today=today)
    flagged = [r["case"] for r in listed if any("needs a new advisor" in why for why in r["attention"])]
    assert sorted(flagged) == expected


def _needing_a_new_advisor(s: Samfam, today: str) -> dict[str, list[str]]:
    """Each listing's cases needing a new advisor on `today`."""
    overdue = run_json(s, "overdue", today=today)
    caseload = {r["advisor"]: r["needs_new_advisor"] for r in run_json(s, "caseload", today=today)}
    listed = run_json(s, "case", "list", "--attention", today=today)
    return {
        "overdue": sorted(r["case"] for r in overdue if r["needs_new_advisor"]),
        "caseload": ["MKJ"] * caseload.get("MKJ", 0),
        "attention": sorted(r["case"] for r in listed if any(NEEDS_NEW_ADVISOR in why for why in r["attention"])),
        "weekly": sorted(r["case"] for r in weekly(s, today=today)["needs_new_advisor"]),
    }


@pytest.mark.parametrize(
    "leave_on",
    [
        pytest.param("2026-11-22", id="leaves-today"),
        pytest.param("2026-11-20", id="leave-recorded-afterwards"),
        pytest.param("2026-12-31", id="leave-recorded-ahead"),
    ],
)
def test_on_the_leave_day_every_listing_names_the_cases_advisor_leave_names(team, leave_on):
    """`advisor leave` says which open cases need a new advisor; on that day, `overdue`, `caseload`, `case
    list --attention` and the weekly report say the same (one rule, rules.cases.has_left), and the day
    before none of them does."""
    open_(team, "2026-0201", "BL 86")
    open_(team, "2026-0202", "BL 86")
    followup(team, "2026-0202", "2026-10-01")
    open_(team, "2026-0203", "BL 86", advisor="LBH")
    result = team("advisor", "leave", "MKJ", "--on", leave_on)
    assert_ok(result)
    named = sorted(re.findall(r"2026-\d{4}", result.stderr))
    assert named == ["2026-0201", "2026-0202"]
    assert "2 open cases need a new advisor" in result.stderr
    on_the_day = _needing_a_new_advisor(team, leave_on)
    assert on_the_day == {"overdue": named, "caseload": ["MKJ", "MKJ"], "attention": named, "weekly": named}
    day_before = (d(leave_on) - timedelta(days=1)).isoformat()
    assert _needing_a_new_advisor(team, day_before) == {"overdue": [], "caseload": [], "attention": [], "weekly": []}


# =====================================================================================================
# 2. case list --attention
# =====================================================================================================


@pytest.fixture(scope="session")
def _attention_world_db(tmp_path_factory, migrated_db):
    return _built(tmp_path_factory, migrated_db, "attention_world", add_team, _attention_world)


@pytest.fixture
def attention_world(team: Samfam, _attention_world_db) -> Samfam:
    """`_attention_world`, built once a session (a worker) and copied for each test."""
    return _restore(team, _attention_world_db)


def _attention_world(team: Samfam) -> Samfam:
    """Cases opened 2026-06-01 on BL 86 unless said. "Started well" = a startup on 06-10 and a child
    observation on 06-20 (within 30 and 60 days). ATP leaves on 2026-11-20.

    - 2026-0301 MKJ, started well, no follow-up since: startup 06-10 + 3 months = 09-10 -> 73 days
      overdue (Sep 10 -> Nov 10 61, + 12).
    - 2026-0302 MKJ, SEL 11 only, started well: needs classification.
    - 2026-0303 LBH, complex, no buddy, started well, follow-up 11-01.
    - 2026-0304 ATP, started well, follow-up 11-01: ATP has left.
    - 2026-0305 LBH, opened 09-01, nothing since: both start-of-case reasons (due 12-01, not overdue).
    - 2026-0306 LBH, opened 09-01, startup 09-10, child conversation 10-20: nothing to attend to.
    - 2026-0307 MKJ, no events, closed 10-01: closed, never listed.
    - 2026-0308 MKJ, complex, no buddy, no events: 82 days overdue, alone, and both start reasons.
    """
    s = team

    def started_well(ref: str) -> None:
        s.ok("event", "add", ref, "startup", "--on", "2026-06-10")
        s.ok("event", "add", ref, "child-observation", "--on", "2026-06-20")

    open_(s, "2026-0301", "BL 86")
    started_well("2026-0301")
    open_(s, "2026-0302", "SEL 11")
    started_well("2026-0302")
    open_(s, "2026-0303", "BL 86", advisor="LBH", extra=("--complex",))
    started_well("2026-0303")
    followup(s, "2026-0303", "2026-11-01")
    open_(s, "2026-0304", "BL 86", advisor="ATP")
    started_well("2026-0304")
    followup(s, "2026-0304", "2026-11-01")
    open_(s, "2026-0305", "BL 86", advisor="LBH", opened="2026-09-01")
    open_(s, "2026-0306", "BL 86", advisor="LBH", opened="2026-09-01")
    s.ok("event", "add", "2026-0306", "startup", "--on", "2026-09-10")
    s.ok("event", "add", "2026-0306", "child-conversation", "--on", "2026-10-20")
    open_(s, "2026-0307", "BL 86")
    close(s, "2026-0307", "2026-10-01")
    open_(s, "2026-0308", "BL 86", extra=("--complex",))
    s.ok("advisor", "leave", "ATP", "--on", "2026-11-20")
    return s


def expected_attention(s: Samfam) -> dict[str, list[str]]:
    """Each open case needing attention with its reasons (the classification reason as `explain` gives it)."""
    unclassified_because = run_json(s, "explain", "2026-0302")["reason"]
    return {
        "2026-0301": ["follow-up 73 days overdue"],
        "2026-0302": [f"needs classification: {unclassified_because}"],
        "2026-0303": ["complex case without a buddy"],
        "2026-0304": ["advisor ATP left on 2026-11-20: needs a new advisor"],
        "2026-0305": [START_REASON, CHILD_REASON],
        "2026-0308": ["follow-up 82 days overdue", "complex case without a buddy", START_REASON, CHILD_REASON],
    }


ADVISOR_OF = {
    "2026-0301": "MKJ",
    "2026-0302": "MKJ",
    "2026-0303": "LBH",
    "2026-0304": "ATP",
    "2026-0305": "LBH",
    "2026-0308": "MKJ",
}


@pytest.mark.parametrize("advisor", [None, "MKJ", "LBH", "ATP"])
def test_case_list_attention_json_lists_open_cases_needing_attention_with_why(attention_world, advisor):
    argv = ["case", "list", "--attention"] + (["--advisor", advisor] if advisor else [])
    rows = run_json(attention_world, *argv)
    expected = {
        ref: sorted(why)
        for ref, why in expected_attention(attention_world).items()
        if advisor is None or ADVISOR_OF[ref] == advisor
    }
    # The order of the reasons is not part of the rule; each reason is there once.
    assert {r["case"]: sorted(r["attention"]) for r in rows} == expected
    assert len(rows) == len(expected)  # each case once
    assert all(r["status"] == "open" for r in rows)
    if advisor:
        assert {r["advisor"] for r in rows} == {advisor}


def test_case_list_attention_leaves_out_a_case_with_nothing_to_attend_to(attention_world):
    refs = [r["case"] for r in run_json(attention_world, "case", "list", "--attention")]
    assert "2026-0306" not in refs  # startup on day 9, child conversation on day 49, not overdue
    assert "2026-0306" in [r["case"] for r in run_json(attention_world, "case", "list")]  # but it is open


@pytest.mark.parametrize("status", ["closed", "all"])
def test_case_list_attention_never_lists_a_closed_case(attention_world, status):
    # 2026-0307 was never followed up and had no startup, but it closed on 10-01.
    rows = run_json(attention_world, "case", "list", "--attention", "--status", status)
    assert "2026-0307" not in [r["case"] for r in rows]
    assert all(r["status"] == "open" for r in rows)
    assert "2026-0307" in [r["case"] for r in run_json(attention_world, "case", "list", "--status", status)]


def test_case_list_without_attention_has_no_attention_field(attention_world):
    rows = run_json(attention_world, "case", "list")
    assert len(rows) == 7  # every open case, needing attention or not
    assert all("attention" not in r for r in rows)


def test_case_list_attention_table(attention_world):
    result = attention_world("case", "list", "--attention")
    assert_ok(result)
    text = result.stdout
    assert "Cases needing attention (6)" in text
    for ref in expected_attention(attention_world):
        assert ref in text, f"{ref} missing from the table"
    for ref in ("2026-0306", "2026-0307"):
        assert ref not in text, f"{ref} should not be listed"
    assert "complex case without a buddy" in " ".join(text.split())


# =====================================================================================================
# 3. The weekly report: the start of new cases
# =====================================================================================================

NEW = "2026-0401"


@pytest.mark.parametrize(
    ("opened", "events", "voided", "missing"),
    [
        # Opened 09-01: the 30 days ran out on 10-01 and the 60 days on 10-31.
        pytest.param("2026-09-01", [], [], [START_REASON, CHILD_REASON], id="nothing-held"),
        pytest.param(
            "2026-09-01",
            [("startup", "2026-09-10"), ("child-observation", "2026-10-20")],
            [],
            None,
            id="startup-day-9-child-seen-day-49",
        ),
        pytest.param(
            "2026-09-01",
            [("startup", "2026-10-01"), ("child-conversation", "2026-10-31")],
            [],
            None,
            id="startup-day-30-child-seen-day-60",
        ),
        pytest.param(
            "2026-09-01",
            [("startup", "2026-10-15"), ("child-observation", "2026-10-20")],
            [],
            [START_REASON],
            id="startup-on-day-44-too-late",
        ),
        pytest.param(
            "2026-09-01",
            [("startup", "2026-09-10"), ("child-observation", "2026-10-20")],
            [("startup", "2026-09-10")],
            [START_REASON],
            id="void-startup-does-not-count",
        ),
        # Opened 11-01: its 30 days run to 12-01, so nothing is missing yet on 11-22.
        pytest.param("2026-11-01", [], [], None, id="opened-11-01-not-yet"),
    ],
)
def test_weekly_start_of_case(open_case, team, opened, events, voided, missing):
    open_case(NEW, "BL 86", opened=opened)
    for kind, day in events:
        team.ok("event", "add", NEW, kind, "--on", day)
    for kind, day in voided:
        void(team, NEW, kind, day)
    rows = weekly(team)["start_of_case"]
    if missing is None:
        assert rows == []
    else:
        [row] = rows
        assert {k: v for k, v in row.items() if k != "missing"} == {"case": NEW, "advisor": "MKJ", "opened": opened}
        assert sorted(row["missing"]) == sorted(missing)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_weekly_documents_carry_the_start_of_new_cases(open_case, team, fmt):
    open_case(NEW, "BL 86", opened="2026-09-01")  # no startup, child not seen
    result = team("report", "weekly", "--format", fmt)
    assert_ok(result)
    headings = [h.lower() for h in heading_lines(result.stdout, fmt)]
    assert any("the start of new cases" in h for h in headings), headings
    assert NEW in result.stdout


# =====================================================================================================
# 4. The weekly report: Signs of Safety over time
# =====================================================================================================


@pytest.fixture(scope="session")
def _scales_db(tmp_path_factory, migrated_db):
    return _built(tmp_path_factory, migrated_db, "scales", add_team, _scales)


@pytest.fixture
def scales(team: Samfam, _scales_db) -> Samfam:
    """`_scales`, built once a session (a worker) and copied for each test."""
    return _restore(team, _scales_db)


def _scales(team: Samfam) -> Samfam:
    """Scored follow-ups (Signs of Safety 0-10) on BL 86 cases opened 2026-06-01.

    MKJ: 2026-0501 2, 3, 5 (first 2, latest 5); 2026-0502 4, 4; 2026-0503 5, 6;
         2026-0504 one scored follow-up (7) and one without a scale: left out.
    LBH: 2026-0505 6, 5, then 9 voided (first 6, latest 5); 2026-0506 3, then 7 voided: one left, out.
    ATP: 2026-0507 2, 8 while LBH held it, reassigned to ATP today: counts for ATP.
         2026-0508 3, 4, closed 11-15: not open, left out.
    """
    s = team
    held_by = {"MKJ": ("2026-0501", "2026-0502", "2026-0503", "2026-0504"),
               "LBH": ("2026-0505", "2026-0506", "2026-0507"), "ATP": ("2026-0508",)}  # fmt: skip
    for advisor, refs in held_by.items():
        for ref in refs:
            open_(s, ref, "BL 86", advisor=advisor)
    for ref, scored in (
        ("2026-0501", [("2026-07-01", 2), ("2026-09-01", 3), ("2026-11-01", 5)]),
        ("2026-0502", [("2026-08-01", 4), ("2026-10-15", 4)]),
        ("2026-0503", [("2026-08-01", 5), ("2026-11-10", 6)]),
        ("2026-0504", [("2026-10-01", 7)]),
        ("2026-0505", [("2026-08-01", 6), ("2026-10-01", 5), ("2026-11-10", 9)]),
        ("2026-0506", [("2026-08-01", 3), ("2026-10-01", 7)]),
        ("2026-0507", [("2026-08-01", 2), ("2026-10-01", 8)]),
        ("2026-0508", [("2026-08-01", 3), ("2026-10-01", 4)]),
    ):
        for day, scale in scored:
            followup(s, ref, day, scale)
    followup(s, "2026-0504", "2026-11-01")  # a follow-up without a scale
    void(s, "2026-0505", "followup", "2026-11-10")
    void(s, "2026-0506", "followup", "2026-10-01")
    s.ok("case", "assign", "2026-0507", "--advisor", "ATP")
    close(s, "2026-0508", "2026-11-15")
    return s


# advisor: (cases, first, latest, change), averages rounded to one decimal
SIGNS_OF_SAFETY = {
    # first (2 + 4 + 5) / 3 = 3.67 -> 3.7; latest (5 + 4 + 6) / 3 = 5.0; change (3 + 0 + 1) / 3 = 1.33 -> 1.3
    "MKJ": (3, 3.7, 5.0, 1.3),
    "LBH": (1, 6.0, 5.0, -1.0),  # 2026-0505 without the voided 9
    "ATP": (1, 2.0, 8.0, 6.0),  # 2026-0507, now ATP's
}


def test_weekly_signs_of_safety_per_advisor(scales):
    rows = weekly(scales)["signs_of_safety"]
    assert {r["advisor"]: (r["cases"], r["first"], r["latest"], r["change"]) for r in rows} == SIGNS_OF_SAFETY
    assert len(rows) == len(SIGNS_OF_SAFETY)  # one row per advisor


def test_weekly_markdown_has_signs_of_safety_over_time(scales):
    result = scales("report", "weekly", "--format", "markdown")
    assert_ok(result)
    headings = [h.lower() for h in heading_lines(result.stdout, "markdown")]
    assert any("signs of safety over time" in h for h in headings), headings


# =====================================================================================================
# 5. The family's plan for a closed case
# =====================================================================================================


@pytest.mark.parametrize(
    ("closed", "says", "does_not_say"),
    [
        pytest.param(
            True,
            ["Sagen blev afsluttet 22. november 2026"],
            ["Rådgiveren kontakter jer", "Næste opfølgningsmøde holdes"],
            id="closed",
        ),
        pytest.param(
            False,
            ["Næste opfølgningsmøde holdes senest 1. januar 2027."],  # follow-up 10-01 + 3 months
            ["Sagen blev afsluttet"],
            id="open",
        ),
    ],
)
def test_plan_says_whether_the_case_is_closed(plan_world, closed, says, does_not_say):
    if closed:
        close(plan_world, REF, "2026-11-22")  # not before the buddy period that began that day
    result = plan_world("plan", REF, "--format", "markdown")
    assert_ok(result)
    for text in says:
        assert text in result.stdout, f"{text!r} not in the plan"
    for text in does_not_say:
        assert text not in result.stdout, f"{text!r} in the plan"
