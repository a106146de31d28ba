"""Issue 3 through the command line: goals, tasks, actors, buddies, the core team, handovers,
legal deadlines and the family's plan.

Every test runs with today fixed at 2026-11-22 (conftest) and fictional people only. Expected
dates are computed by hand in the comments; `add_months` clamps to the month's end and a birthday
on 29 February falls on 28 February in common years (DOMAIN.md § 4, rules/dates.py).

For every error: the exit code first (1 domain, 2 usage), then one `Error:` line on stderr, no
traceback, nothing on stdout, and the database exactly as before (CLI.md "Exit codes").
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from support import assert_error

DOMAIN_ERROR = 1
USAGE_ERROR = 2

REF = "2026-0101"
OTHER = "2026-0102"


# -- helpers -----------------------------------------------------------------------------------------


def assert_refused(s, argv: list[str], exit_code: int, *names: str, **kwargs) -> str:
    """The command fails as `assert_error` says and leaves every table as it was."""
    before = s.snapshot()
    result = s(*argv, **kwargs)
    line = assert_error(result, exit_code, *names)
    assert s.snapshot() == before, "the database changed although the command failed"
    return line


def assert_ok(result) -> None:
    assert result.exit_code == 0, f"exit {result.exit_code}\nstderr: {result.stderr!r}\nstdout: {result.stdout!r}"
    assert "Traceback" not in result.stdout + result.stderr


def add_goal(s, ref: str, text: str, horizon: str, owner: str = "family", target: str | None = None) -> int:
    argv = ["goal", "add", ref, text, "--horizon", horizon, "--owner", owner]
    if target:
        argv += ["--target", target]
    result = s(*argv)
    assert_ok(result)
    m = re.fullmatch(rf"Case {ref}: goal (\d+) added \({horizon} term, owner {re.escape(owner)}\)\.\n", result.stdout)
    assert m, result.stdout
    return int(m.group(1))


def add_actor(s, ref: str, kind: str, name: str, *options: str) -> int:
    result = s("actor", "add", ref, kind, "--name", name, *options)
    assert_ok(result)
    m = re.fullmatch(rf"Case {ref}: actor (\d+) {re.escape(name)} added\.\n", result.stdout)
    assert m, result.stdout
    return int(m.group(1))


def add_task(s, goal_id: int, text: str, by: str, *options: str) -> int:
    result = s("task", "add", str(goal_id), text, "--by", by, *options)
    assert_ok(result)
    m = re.fullmatch(rf"Task (\d+) added to goal {goal_id}\.\n", result.stdout)
    assert m, result.stdout
    return int(m.group(1))


def goal_rows(s, *argv: str) -> list[dict]:
    return s.ok("goals", *argv, "-f", "json").json()


def card(s, ref: str = REF) -> dict:
    return s.ok("case", "show", ref, "-f", "json").json()


def handovers(s, ref: str = REF) -> dict[str, dict]:
    """Every handover of a case by kind (the latest of a kind wins)."""
    return {h["kind"]: h for h in s.ok("handover", "show", ref, "--all", "-f", "json").json()}


def items_done(handover: dict) -> dict[str, bool]:
    return {i["item"]: i["done"] for i in handover["items"]}


def audit_actions(s, ref: str = REF) -> list[dict]:
    return s.ok("audit", "--case", ref, "-f", "json").json()


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def case1(team, open_case):
    """Case 2026-0101: Alma Holm, born 2015-03-01 (16 on 2031-03-01, 18 on 2033-03-01), advisor MKJ
    (team Nord), BL 86 since 2026-06-01 (3-month track), no events, goals, actors or handovers."""
    open_case(REF, "BL 86", opened="2026-06-01", born="2015-03-01")
    return team


# =====================================================================================================
# Goals
# =====================================================================================================


def test_goal_add_and_list_json_fields(case1):
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family")
    short = add_goal(case1, REF, "Alma sover i egen seng", "short", "family", "2027-02-01")
    long = add_goal(case1, REF, "Alma går i almindelig skole", "long", f"actor:{school}")
    mine = add_goal(case1, REF, "Søg hjælpemidler", "short", "advisor", "01.03.2027")  # Danish date form
    assert (short, long, mine) == (1, 2, 3)

    rows = goal_rows(case1, REF)
    # short-term goals first, then long-term; within a horizon by id
    assert rows == [
        {
            "case": REF,
            "advisor": "MKJ",
            "id": 1,
            "text": "Alma sover i egen seng",
            "horizon": "short",
            "owner": "family",
            "status": "open",
            "target": "2027-02-01",
            "attention": [],
        },
        {
            "case": REF,
            "advisor": "MKJ",
            "id": 3,
            "text": "Søg hjælpemidler",
            "horizon": "short",
            "owner": "advisor",
            "status": "open",
            "target": "2027-03-01",
            "attention": [],
        },
        {
            "case": REF,
            "advisor": "MKJ",
            "id": 2,
            "text": "Alma går i almindelig skole",
            "horizon": "long",
            "owner": f"actor:{school} (Kildeskolen)",
            "status": "open",
            "target": None,
            "attention": [],
        },
    ]
    audit = [e for e in audit_actions(case1) if e["action"] == "goal.add"]
    assert [e["user"] for e in audit] == ["TST", "TST", "TST"]


@pytest.mark.parametrize(
    ("target", "status", "expected"),
    [
        # today 2026-11-22: a target of 2026-11-21 is past, 2026-11-22 is not (yet)
        pytest.param("2026-11-21", None, ["past target 2026-11-21 and not achieved"], id="past-target-open"),
        pytest.param(
            "2026-11-21", "in-progress", ["past target 2026-11-21 and not achieved"], id="past-target-in-progress"
        ),
        pytest.param("2026-11-22", None, [], id="target-today-is-not-past"),
        pytest.param("2026-12-31", None, [], id="target-ahead"),
        pytest.param("2026-11-21", "achieved", [], id="past-target-but-achieved"),
        pytest.param("2026-11-21", "dropped", [], id="past-target-but-dropped"),
        pytest.param(None, None, [], id="no-target"),
    ],
)
def test_goal_attention_past_target(case1, target, status, expected):
    # a short and a long goal without targets keep the case-level reasons out of the picture
    add_goal(case1, REF, "Familien har en fast aftenrutine", "short")
    add_goal(case1, REF, "Alma klarer sig i skolen", "long")
    tested = add_goal(case1, REF, "Alma sover i egen seng", "short", "family", target)
    if status:
        case1.ok("goal", "update", str(tested), "--status", status)

    rows = {r["id"]: r for r in goal_rows(case1, REF)}
    assert rows[tested]["attention"] == expected
    assert [r["attention"] for i, r in rows.items() if i != tested] == [[], []]

    goal = next(g for g in card(case1)["goals"] if g["id"] == tested)
    assert goal["attention"] == expected
    reasons = [a for a in card(case1)["attention"] if a.startswith("goal ")]
    assert reasons == [f"goal {tested}: {r}" for r in expected]


@pytest.mark.parametrize(
    ("until", "status", "expected"),
    [
        pytest.param("2026-11-21", None, ["owner actor is no longer on the case"], id="owner-left-yesterday"),
        pytest.param("2026-11-22", None, [], id="owner-leaves-today-still-on-case"),
        pytest.param(None, None, [], id="owner-on-the-case"),
        pytest.param("2026-11-21", "achieved", [], id="owner-left-goal-achieved"),
        pytest.param(
            "2026-11-21", "in-progress", ["owner actor is no longer on the case"], id="owner-left-in-progress"
        ),
    ],
)
def test_goal_attention_owner_actor_left(case1, until, status, expected):
    physio = add_actor(case1, REF, "physiotherapy", "Fysio Øst", "--coordinator", "family", "--since", "2026-06-01")
    add_goal(case1, REF, "Familien har en fast aftenrutine", "short")
    add_goal(case1, REF, "Alma klarer sig i skolen", "long")
    tested = add_goal(case1, REF, "Alma går selv på trapper", "short", f"actor:{physio}")
    if status:
        case1.ok("goal", "update", str(tested), "--status", status)
    if until:
        case1.ok("actor", "end", str(physio), "--on", until)

    rows = {r["id"]: r for r in goal_rows(case1, REF)}
    assert rows[tested]["attention"] == expected
    assert rows[tested]["owner"] == f"actor:{physio} (Fysio Øst)"
    goal = next(g for g in card(case1)["goals"] if g["id"] == tested)
    assert goal["attention"] == expected


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        # (horizon, status) per goal, added in order (ids 1, 2 …); expected: (id, attention) per row in
        # the listed order (short before long), and the same reasons on `case show` as "goals: …"
        pytest.param([], [(None, ["no open goal"])], id="open-case-without-goals"),
        pytest.param([("short", "open")], [(1, ["case: no long-term goal"])], id="no-long-term-goal"),
        pytest.param([("long", "open")], [(1, ["case: no short-term goal"])], id="no-short-term-goal"),
        pytest.param(
            [("short", "achieved"), ("long", "dropped")],
            [(1, ["case: no open goal"]), (2, ["case: no open goal"])],
            id="every-goal-finished",
        ),
        pytest.param(
            [("short", "achieved"), ("long", "in-progress")],
            [(1, ["case: no short-term goal"]), (2, ["case: no short-term goal"])],
            id="short-term-goal-achieved",
        ),
        pytest.param([("short", "open"), ("long", "in-progress")], [(1, []), (2, [])], id="short-and-long"),
    ],
)
def test_goal_attention_case_level(case1, goals, expected):
    for n, (horizon, status) in enumerate(goals, start=1):
        gid = add_goal(case1, REF, f"Mål nummer {n}", horizon)
        if status != "open":
            case1.ok("goal", "update", str(gid), "--status", status)

    rows = goal_rows(case1, REF)
    assert [(r["id"], r["attention"]) for r in rows] == expected
    if not goals:
        assert rows == [
            {
                "case": REF,
                "advisor": "MKJ",
                "id": None,
                "text": None,
                "horizon": None,
                "owner": None,
                "status": None,
                "target": None,
                "attention": ["no open goal"],
            }
        ]
    case_reasons = expected[0][1]
    shown = [a for a in card(case1)["attention"] if a.startswith("goals: ")]
    assert shown == ["goals: " + r.removeprefix("case: ") for r in case_reasons]


def test_goals_attention_option_keeps_only_rows_needing_attention(case1, open_case):
    add_goal(case1, REF, "Alma sover i egen seng", "short", "family", "2026-11-01")  # past target: 21 days
    add_goal(case1, REF, "Alma klarer sig i skolen", "long")
    add_goal(case1, REF, "Fast aftenrutine", "short", "family", "2027-01-15")
    open_case(OTHER, "BL 86", opened="2026-06-01")  # no goals at all

    rows = case1.ok("goals", "--attention", "-f", "json").json()
    assert [(r["case"], r["id"], r["attention"]) for r in rows] == [
        (REF, 1, ["past target 2026-11-01 and not achieved"]),
        (OTHER, None, ["no open goal"]),
    ]
    every = case1.ok("goals", "-f", "json").json()
    assert [(r["case"], r["id"]) for r in every] == [(REF, 1), (REF, 3), (REF, 2), (OTHER, None)]


def test_goals_csv_and_table(case1):
    add_goal(case1, REF, "Alma sover i egen seng", "short", "family", "2026-11-01")
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "advisor")
    add_goal(case1, REF, "Alma går i skole", "long", f"actor:{school}")

    result = case1("goals", REF, "-f", "csv")
    assert_ok(result)
    assert parse_csv(result.stdout) == [
        ["case", "id", "text", "horizon", "owner", "status", "target", "attention", "advisor"],
        [REF, "1", "Alma sover i egen seng", "short", "family", "open", "2026-11-01",
         "past target 2026-11-01 and not achieved", "MKJ"],
        [REF, "2", "Alma går i skole", "long", f"actor:{school} (Kildeskolen)", "open", "", "", "MKJ"],
    ]  # fmt: skip

    table = case1("goals", REF)
    assert_ok(table)
    assert table.stdout.startswith("Goals")
    for text in ("Alma sover i egen seng", "Alma går i skole", "past target 2026-11-01 and not achieved",
                 "actor:1 (Kildeskolen)", "Attention"):  # fmt: skip
        assert text in table.stdout
    assert table.stderr == ""


def test_goals_without_ref_lists_open_cases_and_filters(team, open_case):
    # A: MKJ (Nord) · B: LBH (Nord), no goals · C: ATP (Syd) · D: MKJ, closed 2026-10-01
    open_case("2026-0201", "BL 86", advisor="MKJ")
    open_case("2026-0202", "BL 86", advisor="LBH")
    open_case("2026-0203", "BL 86", advisor="ATP")
    open_case("2026-0204", "BL 86", advisor="MKJ")
    add_goal(team, "2026-0201", "Mål A kort", "short")
    add_goal(team, "2026-0201", "Mål A lang", "long")
    add_goal(team, "2026-0203", "Mål C kort", "short")
    add_goal(team, "2026-0204", "Mål D kort", "short")
    team.ok("case", "close", "2026-0204", "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Flyttet")

    def listed(*argv: str) -> list[tuple]:
        return [(r["case"], r["text"]) for r in goal_rows(team, *argv)]

    assert listed() == [
        ("2026-0201", "Mål A kort"),
        ("2026-0201", "Mål A lang"),
        ("2026-0202", None),
        ("2026-0203", "Mål C kort"),
    ]
    assert listed("--advisor", "MKJ") == [("2026-0201", "Mål A kort"), ("2026-0201", "Mål A lang")]
    assert listed("--team", "Syd") == [("2026-0203", "Mål C kort")]
    assert listed("--team", "Nord") == [("2026-0201", "Mål A kort"), ("2026-0201", "Mål A lang"), ("2026-0202", None)]
    # one case by reference: a closed case's goals can still be looked up
    assert listed("2026-0204") == [("2026-0204", "Mål D kort")]


def test_goals_advisor_filter_includes_cases_where_the_advisor_is_buddy(team, open_case):
    # `--advisor` promises "only cases where this advisor is primary or buddy" (its --help, as on overdue)
    open_case("2026-0301", "BL 86", advisor="ATP", buddy="MKJ")
    add_goal(team, "2026-0301", "Mål med makker", "short")
    rows = goal_rows(team, "--advisor", "MKJ")
    assert [(r["case"], r["text"]) for r in rows] == [("2026-0301", "Mål med makker")]


def test_goal_update_status_note_and_target(case1):
    gid = add_goal(case1, REF, "Alma sover i egen seng", "short", "family", "2027-01-31")

    result = case1("goal", "update", str(gid), "--status", "in-progress", "--note", "Sover der 3 nætter om ugen",
                   user="LBH")  # fmt: skip
    assert_ok(result)
    assert result.stdout == f"Goal {gid}: in-progress, target 2027-01-31.\n"

    result = case1("goal", "update", str(gid), "--target", "2027-03-01")
    assert_ok(result)
    assert result.stdout == f"Goal {gid}: in-progress, target 2027-03-01.\n"

    result = case1("goal", "update", str(gid), "--note", "Sover der hver nat nu")
    assert_ok(result)

    goal = card(case1)["goals"][0]
    assert (goal["status"], goal["target"]) == ("in-progress", "2027-03-01")
    # dated review notes: who and when (a target change alone adds no note)
    assert goal["notes"] == [
        {"day": "2026-11-22", "note": "Sover der 3 nætter om ugen", "status": "in-progress", "by": "LBH"},
        {"day": "2026-11-22", "note": "Sover der hver nat nu", "status": None, "by": "TST"},
    ]
    assert goal_rows(case1, REF)[0]["status"] == "in-progress"


@pytest.mark.parametrize("status", ["open", "in-progress", "achieved", "dropped"])
def test_goal_update_every_status(case1, status):
    gid = add_goal(case1, REF, "Alma sover i egen seng", "short")
    result = case1("goal", "update", str(gid), "--status", status)
    assert_ok(result)
    assert result.stdout == f"Goal {gid}: {status}.\n"
    assert goal_rows(case1, REF)[0]["status"] == status


@pytest.fixture
def goal_world(case1, open_case):
    """Case 2026-0101 with actor 1 (school, on the case), actor 2 (PPR, left 2026-11-01) and goal 1;
    case 2026-0102 with actor 3 (daycare); case 2026-0103 closed 2026-10-01."""
    add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family", "--since", "2026-06-01")
    add_actor(case1, REF, "ppr", "PPR Nord", "--coordinator", "advisor", "--since", "2026-06-01")
    case1.ok("actor", "end", "2", "--on", "2026-11-01")
    add_goal(case1, REF, "Alma sover i egen seng", "short")
    open_case(OTHER, "BL 86", opened="2026-06-01")
    add_actor(case1, OTHER, "daycare", "Børnehuset Solsikken", "--coordinator", "family")
    open_case("2026-0103", "BL 86", opened="2026-06-01")
    case1.ok("case", "close", "2026-0103", "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Flyttet")
    return case1


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["goal", "add", "2026-9999", "Mål", "--horizon", "short", "--owner", "family"],
                     DOMAIN_ERROR, ("2026-9999",), id="add-unknown-case"),
        pytest.param(["goal", "add", REF, "Mål", "--horizon", "short", "--owner", "actor:99"],
                     DOMAIN_ERROR, ("actor 99",), id="add-owner-actor-unknown"),
        pytest.param(["goal", "add", REF, "Mål", "--horizon", "short", "--owner", "actor:3"],
                     DOMAIN_ERROR, ("actor 3", REF), id="add-owner-actor-of-another-case"),
        pytest.param(["goal", "add", REF, "Mål", "--horizon", "short", "--owner", "actor:2"],
                     DOMAIN_ERROR, ("actor 2", "2026-11-01"), id="add-owner-actor-left-the-case"),
        pytest.param(["goal", "add", "2026-0103", "Mål", "--horizon", "short", "--owner", "family"],
                     DOMAIN_ERROR, ("2026-0103", "closed"), id="add-on-closed-case"),
        pytest.param(["goal", "add", REF, "Mål", "--horizon", "medium", "--owner", "family"],
                     USAGE_ERROR, ("--horizon", "medium"), id="add-bad-horizon"),
        pytest.param(["goal", "add", REF, "Mål", "--owner", "family"],
                     USAGE_ERROR, ("--horizon",), id="add-missing-horizon"),
        pytest.param(["goal", "add", REF, "Mål", "--horizon", "short", "--owner", "mormor"],
                     USAGE_ERROR, ("mormor", "family", "advisor", "actor:ID"), id="add-bad-owner"),
        pytest.param(["goal", "add", REF, "Mål", "--horizon", "short", "--owner", "actor:skolen"],
                     USAGE_ERROR, ("actor:skolen",), id="add-owner-actor-not-a-number"),
        pytest.param(["goal", "add", REF, "  ", "--horizon", "short", "--owner", "family"],
                     USAGE_ERROR, ("text",), id="add-empty-text"),
        pytest.param(["goal", "add", REF, "Mål", "--horizon", "short", "--owner", "family", "--target", "2027-02-30"],
                     USAGE_ERROR, ("2027-02-30",), id="add-impossible-target"),
        pytest.param(["goal", "update", "99", "--status", "achieved"],
                     DOMAIN_ERROR, ("goal 99",), id="update-unknown-goal"),
        pytest.param(["goal", "update", "1", "--status", "done"],
                     USAGE_ERROR, ("--status", "done"), id="update-bad-status"),
        pytest.param(["goal", "update", "1"], USAGE_ERROR, ("--status", "--note", "--target"),
                     id="update-nothing"),
        pytest.param(["goal", "update", "x1", "--status", "achieved"], USAGE_ERROR, ("x1",),
                     id="update-id-not-a-number"),
        pytest.param(["goals", "2026-9999"], DOMAIN_ERROR, ("2026-9999",), id="list-unknown-case"),
        pytest.param(["goals", "--advisor", "XYZ"], DOMAIN_ERROR, ("XYZ",), id="list-unknown-advisor"),
        pytest.param(["goals", "-f", "xml"], USAGE_ERROR, ("xml",), id="list-bad-format"),
    ],
)  # fmt: skip
def test_goal_errors(goal_world, argv, exit_code, names):
    assert_refused(goal_world, argv, exit_code, *names)


# =====================================================================================================
# Tasks
# =====================================================================================================


def test_task_add_done_and_undo(case1):
    gid = add_goal(case1, REF, "Alma sover i egen seng", "short")
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family")
    t1 = add_task(case1, gid, "Lave billedskema til aftenen", "family", "--due", "2026-12-15")
    t2 = add_task(case1, gid, "Tale med klasselæreren", f"actor:{school}")
    t3 = add_task(case1, gid, "Søge om hjælpemidler", "advisor", "--due", "15-01-2027")  # Danish date form
    assert (t1, t2, t3) == (1, 2, 3)

    result = case1("task", "done", str(t1), "--on", "2026-11-20")
    assert_ok(result)
    assert result.stdout == f"Task {t1}: done 2026-11-20.\n"
    result = case1("task", "done", str(t2))  # default today 2026-11-22
    assert_ok(result)
    assert result.stdout == f"Task {t2}: done 2026-11-22.\n"
    result = case1("task", "done", str(t2), "--undo")
    assert_ok(result)
    assert result.stdout == f"Task {t2}: not done.\n"

    assert card(case1)["goals"][0]["tasks"] == [
        {"id": t1, "text": "Lave billedskema til aftenen", "by": "family", "due": "2026-12-15", "done": "2026-11-20"},
        {"id": t2, "text": "Tale med klasselæreren", "by": f"actor:{school}", "due": None, "done": None},
        {"id": t3, "text": "Søge om hjælpemidler", "by": "advisor", "due": "2027-01-15", "done": None},
    ]
    actions = [e["action"] for e in audit_actions(case1)]
    assert actions.count("task.add") == 3
    assert actions.count("task.done") == 2
    assert actions.count("task.undone") == 1


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["task", "add", "99", "Opgave", "--by", "family"], DOMAIN_ERROR, ("goal 99",),
                     id="add-unknown-goal"),
        pytest.param(["task", "add", "1", "Opgave", "--by", "actor:99"], DOMAIN_ERROR, ("actor 99",),
                     id="add-by-actor-unknown"),
        pytest.param(["task", "add", "1", "Opgave", "--by", "actor:3"], DOMAIN_ERROR, ("actor 3", REF),
                     id="add-by-actor-of-another-case"),
        pytest.param(["task", "add", "1", "Opgave", "--by", "actor:2"], DOMAIN_ERROR, ("actor 2",),
                     id="add-by-actor-who-left"),
        pytest.param(["task", "add", "1", "Opgave", "--by", "naboen"], USAGE_ERROR, ("naboen", "--by"),
                     id="add-bad-doer"),
        pytest.param(["task", "add", "1", "Opgave"], USAGE_ERROR, ("--by",), id="add-missing-by"),
        pytest.param(["task", "add", "1", " ", "--by", "family"], USAGE_ERROR, ("text",), id="add-empty-text"),
        pytest.param(["task", "add", "1", "Opgave", "--by", "family", "--due", "snart"], USAGE_ERROR, ("snart",),
                     id="add-bad-due"),
        pytest.param(["task", "done", "99"], DOMAIN_ERROR, ("task 99",), id="done-unknown-task"),
        pytest.param(["task", "done", "99", "--undo"], DOMAIN_ERROR, ("task 99",), id="undo-unknown-task"),
        pytest.param(["task", "done", "abc"], USAGE_ERROR, ("abc",), id="done-id-not-a-number"),
    ],
)  # fmt: skip
def test_task_errors(goal_world, argv, exit_code, names):
    assert_refused(goal_world, argv, exit_code, *names)


def test_task_add_on_a_closed_case_is_refused(case1):
    # goal add refuses a closed case; a task toward a goal of a closed case is refused the same way
    gid = add_goal(case1, REF, "Alma sover i egen seng", "short")
    case1.ok("case", "close", REF, "--reason", "Flyttet", "--force", "Familien er fraflyttet")
    assert_refused(case1, ["task", "add", str(gid), "Opgave", "--by", "family"], DOMAIN_ERROR, REF, "closed")


# =====================================================================================================
# Actors
# =====================================================================================================


def test_actor_add_and_list_json(case1):
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family",
                       "--contact", "Lærer Ane Berg, 12 34 56 78", "--since", "2026-08-01")  # fmt: skip
    ppr = add_actor(case1, REF, "ppr", "PPR Nord")  # coordinator not agreed yet; since today
    rows = case1.ok("actor", "list", REF, "-f", "json").json()
    assert rows == [
        {
            "case": REF,
            "id": school,
            "kind": "school",
            "name": "Kildeskolen",
            "contact": "Lærer Ane Berg, 12 34 56 78",
            "coordinator": "family",
            "since": "2026-08-01",
            "until": None,
            "active": True,
            "attention": [],
        },
        {
            "case": REF,
            "id": ppr,
            "kind": "ppr",
            "name": "PPR Nord",
            "contact": None,
            "coordinator": None,
            "since": "2026-11-22",
            "until": None,
            "active": True,
            "attention": ["no agreed coordinator"],
        },
    ]
    assert [(a["id"], a["attention"]) for a in card(case1)["actors"]] == [
        (school, []),
        (ppr, ["no agreed coordinator"]),
    ]
    assert f"actor {ppr} (PPR Nord): no agreed coordinator" in card(case1)["attention"]


@pytest.mark.parametrize(
    "kind",
    ["daycare", "school", "ppr", "physiotherapy", "occupational-therapy", "residential-care", "respite-care",
     "hospital", "adult-services", "other"],
)  # fmt: skip
def test_actor_every_kind(case1, kind):
    aid = add_actor(case1, REF, kind, f"Sted for {kind}", "--coordinator", "advisor")
    assert case1.ok("actor", "list", REF, "-f", "json").json()[0]["kind"] == kind
    assert aid == 1


def test_actor_list_csv_and_table(case1):
    add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family", "--since", "2026-08-01")
    add_actor(case1, REF, "ppr", "PPR Nord")
    result = case1("actor", "list", REF, "-f", "csv")
    assert_ok(result)
    assert parse_csv(result.stdout) == [
        ["case", "id", "kind", "name", "contact", "coordinator", "since", "until", "active", "attention"],
        [REF, "1", "school", "Kildeskolen", "", "family", "2026-08-01", "", "yes", ""],
        [REF, "2", "ppr", "PPR Nord", "", "", "2026-11-22", "", "yes", "no agreed coordinator"],
    ]
    table = case1("actor", "list", REF)
    assert_ok(table)
    assert table.stdout.startswith(f"Actors on case {REF}")
    for text in ("Kildeskolen", "PPR Nord", "no agreed coordinator", "Coordinator"):
        assert text in table.stdout


def test_actor_list_empty(case1):
    table = case1("actor", "list", REF)
    assert_ok(table)
    assert "No actors." in table.stdout
    assert case1.ok("actor", "list", REF, "-f", "json").json() == []


def test_actor_update_coordinator_clears_the_attention(case1):
    ppr = add_actor(case1, REF, "ppr", "PPR Nord")
    result = case1("actor", "update", str(ppr), "--coordinator", "advisor", "--contact", "Psykolog Bo Lund")
    assert_ok(result)
    assert result.stdout == f"Actor {ppr} updated.\n"
    row = case1.ok("actor", "list", REF, "-f", "json").json()[0]
    assert (row["coordinator"], row["contact"], row["attention"]) == ("advisor", "Psykolog Bo Lund", [])
    assert not [a for a in card(case1)["attention"] if a.startswith("actor ")]

    case1.ok("actor", "update", str(ppr), "--name", "PPR Nord-Vest")
    case1.ok("actor", "update", str(ppr), "--coordinator", "none")  # back to "not agreed yet"
    row = case1.ok("actor", "list", REF, "-f", "json").json()[0]
    assert (row["name"], row["coordinator"], row["attention"]) == ("PPR Nord-Vest", None, ["no agreed coordinator"])
    assert f"actor {ppr} (PPR Nord-Vest): no agreed coordinator" in card(case1)["attention"]


def test_actor_end_and_list_all(case1):
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family", "--since", "2026-06-01")
    daycare = add_actor(case1, REF, "daycare", "Børnehuset Solsikken", "--since", "2026-06-01")
    ppr = add_actor(case1, REF, "ppr", "PPR Nord", "--coordinator", "advisor", "--since", "2026-06-01")

    result = case1("actor", "end", str(daycare), "--on", "2026-08-31")
    assert_ok(result)
    assert result.stdout == f"Actor {daycare} (Børnehuset Solsikken) left the case on 2026-08-31.\n"
    result = case1("actor", "end", str(ppr))  # today: still on the case on its last day
    assert_ok(result)
    assert result.stdout == f"Actor {ppr} (PPR Nord) left the case on 2026-11-22.\n"

    current = case1.ok("actor", "list", REF, "-f", "json").json()
    assert [(a["id"], a["until"]) for a in current] == [(school, None), (ppr, "2026-11-22")]
    every = case1.ok("actor", "list", REF, "--all", "-f", "json").json()
    assert [(a["id"], a["until"], a["active"]) for a in every] == [
        (school, None, True),
        (daycare, "2026-08-31", False),
        (ppr, "2026-11-22", True),
    ]
    # an actor who has left needs no coordinator any more
    assert not [a for a in card(case1)["attention"] if a.startswith("actor ")]


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["actor", "add", REF, "zoo", "--name", "Zoologisk Have"], USAGE_ERROR, ("zoo",),
                     id="add-bad-kind"),
        pytest.param(["actor", "add", REF, "school", "--name", "Kildeskolen", "--coordinator", "mormor"],
                     USAGE_ERROR, ("--coordinator", "mormor"), id="add-bad-coordinator"),
        pytest.param(["actor", "add", REF, "school"], USAGE_ERROR, ("--name",), id="add-missing-name"),
        pytest.param(["actor", "add", REF, "school", "--name", " "], USAGE_ERROR, ("--name",), id="add-empty-name"),
        pytest.param(["actor", "add", "2026-9999", "school", "--name", "Kildeskolen"], DOMAIN_ERROR, ("2026-9999",),
                     id="add-unknown-case"),
        pytest.param(["actor", "add", "2026-0103", "school", "--name", "Kildeskolen"], DOMAIN_ERROR,
                     ("2026-0103", "closed"), id="add-on-closed-case"),
        pytest.param(["actor", "add", REF, "school", "--name", "Kildeskolen", "--since", "2026-12-01"], DOMAIN_ERROR,
                     ("2026-12-01",), id="add-since-in-the-future"),
        pytest.param(["actor", "add", REF, "school", "--name", "Kildeskolen", "--since", "2026-05-31"], DOMAIN_ERROR,
                     ("2026-05-31", "2026-06-01"), id="add-since-before-the-case-opened"),
        pytest.param(["actor", "list", "2026-9999"], DOMAIN_ERROR, ("2026-9999",), id="list-unknown-case"),
        pytest.param(["actor", "list", REF, "-f", "yaml"], USAGE_ERROR, ("yaml",), id="list-bad-format"),
        pytest.param(["actor", "update", "99", "--coordinator", "family"], DOMAIN_ERROR, ("actor 99",),
                     id="update-unknown-actor"),
        pytest.param(["actor", "update", "1"], USAGE_ERROR, ("--name", "--contact", "--coordinator"),
                     id="update-nothing"),
        pytest.param(["actor", "update", "1", "--coordinator", "skolen"], USAGE_ERROR, ("skolen",),
                     id="update-bad-coordinator"),
        pytest.param(["actor", "end", "99"], DOMAIN_ERROR, ("actor 99",), id="end-unknown-actor"),
        pytest.param(["actor", "end", "2"], DOMAIN_ERROR, ("actor 2", "2026-11-01"), id="end-twice"),
        pytest.param(["actor", "end", "1", "--on", "2026-05-31"], DOMAIN_ERROR, ("2026-05-31", "2026-06-01"),
                     id="end-before-joining"),
        pytest.param(["actor", "end", "1", "--on", "31/12/2026"], USAGE_ERROR, ("31/12/2026",), id="end-bad-date"),
    ],
)  # fmt: skip
def test_actor_errors(goal_world, argv, exit_code, names):
    assert_refused(goal_world, argv, exit_code, *names)


# =====================================================================================================
# Network meetings with actors
# =====================================================================================================


def test_network_meeting_with_actors(case1):
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family")
    ppr = add_actor(case1, REF, "ppr", "PPR Nord", "--coordinator", "advisor")
    result = case1("event", "add", REF, "network-meeting", "--on", "2026-11-20", "--with", str(school),
                   "--with", str(ppr))  # fmt: skip
    assert_ok(result)
    assert result.stdout == f"Case {REF}: network-meeting on 2026-11-20 recorded.\n"
    events = case1.rows("events")
    assert len(events) == 1
    first = events[0][0]
    assert sorted(case1.rows("event_actor")) == [(first, school), (first, ppr)]
    entry = next(e for e in audit_actions(case1) if e["action"] == "event.add")
    assert entry["detail"] == f"network-meeting on 2026-11-20, with actors {school}, {ppr}"
    # a network meeting counts as a follow-up
    assert card(case1)["last_followup"] == "2026-11-20"

    # the same actor named twice takes part once
    case1.ok("event", "add", REF, "network-meeting", "--on", "2026-11-21", "--with", str(ppr), "--with", str(ppr))
    second = max(r[0] for r in case1.rows("events"))
    assert sorted(case1.rows("event_actor")) == [(first, school), (first, ppr), (second, ppr)]


@pytest.mark.parametrize(
    ("actor", "names"),
    [
        pytest.param("3", ("actor 3", REF), id="actor-of-another-case"),
        pytest.param("99", ("actor 99", REF), id="unknown-actor"),
    ],
)
def test_network_meeting_with_actor_not_on_the_case(goal_world, actor, names):
    argv = ["event", "add", REF, "network-meeting", "--on", "2026-11-20", "--with", "1", "--with", actor]
    assert_refused(goal_world, argv, DOMAIN_ERROR, *names)


def test_network_meeting_with_actor_who_left_before_the_meeting(goal_world):
    # actor 2 (PPR Nord) left the case on 2026-11-01: it is no longer on the case on 2026-11-20
    argv = ["event", "add", REF, "network-meeting", "--on", "2026-11-20", "--with", "2"]
    assert_refused(goal_world, argv, DOMAIN_ERROR, "actor 2")


def test_network_meeting_with_bad_actor_id_is_a_usage_error(case1):
    argv = ["event", "add", REF, "network-meeting", "--with", "skolen"]
    assert_refused(case1, argv, USAGE_ERROR, "--with", "skolen")


# =====================================================================================================
# Buddies, complex cases, the core team
# =====================================================================================================


def test_case_buddy_set_and_remove(case1):
    result = case1("case", "buddy", REF, "LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: buddy none -> LBH.\n"
    assert card(case1)["buddy"] == "LBH"
    result = case1("case", "buddy", REF, "atp")  # initials are forgiving about case
    assert_ok(result)
    assert result.stdout == f"Case {REF}: buddy LBH -> ATP.\n"
    result = case1("case", "buddy", REF, "--remove")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: buddy ATP -> none.\n"
    assert card(case1)["buddy"] is None
    buddy_log = [e["detail"] for e in audit_actions(case1) if e["action"] == "case.buddy"]
    assert buddy_log == ["buddy ATP -> none", "buddy LBH -> ATP", "buddy none -> LBH"]  # newest first


def test_complex_case_without_buddy_needs_attention(team):
    team.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01",
            "--para", "BL 86", "--complex")  # fmt: skip
    reason = "complex case without a buddy"
    shown = card(team)
    assert shown["complex"] is True
    assert reason in shown["attention"]

    team.ok("case", "buddy", REF, "LBH")
    assert reason not in card(team)["attention"]
    team.ok("case", "buddy", REF, "--remove")
    assert reason in card(team)["attention"]

    result = team("case", "complex", REF, "--no")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: not complex.\n"
    shown = card(team)
    assert (shown["complex"], reason in shown["attention"]) == (False, False)

    result = team("case", "complex", REF)
    assert_ok(result)
    assert result.stdout == f"Case {REF}: complex.\n"
    assert reason in card(team)["attention"]
    table = team("case", "show", REF)
    assert_ok(table)
    assert reason in table.stdout


def test_closed_complex_case_without_buddy_needs_no_attention(team):
    team.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01", "--complex")
    team.ok("case", "close", REF, "--reason", "Flyttet", "--force", "Familien er fraflyttet")
    assert card(team)["attention"] == []


def test_assigning_the_case_to_its_buddy_leaves_it_without_a_buddy(team, open_case):
    team.ok("case", "open", REF, "--child", "Alma Holm", "--advisor", "MKJ", "--opened", "2026-06-01",
            "--para", "BL 86", "--buddy", "LBH", "--complex")  # fmt: skip
    assert "complex case without a buddy" not in card(team)["attention"]
    result = team("case", "assign", REF, "--advisor", "LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: primary advisor MKJ -> LBH.\n"
    shown = card(team)
    assert (shown["advisor"], shown["buddy"]) == ("LBH", None)
    assert "complex case without a buddy" in shown["attention"]


def test_core_team_members(case1):
    result = case1("case", "member", "add", REF, "LBH", "--role", "psykolog")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: LBH joined the core team as psykolog.\n"
    case1.ok("case", "member", "add", REF, "ATP", "--role", "tale-/hørekonsulent")
    assert card(case1)["team"] == [
        {"initials": "LBH", "name": "Lars Bøgh Hansen", "role": "psykolog", "since": "2026-11-22", "until": None},
        {"initials": "ATP", "name": "Anders Toft Pedersen", "role": "tale-/hørekonsulent", "since": "2026-11-22",
         "until": None},
    ]  # fmt: skip

    result = case1("case", "member", "remove", REF, "LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: LBH left the core team.\n"
    assert [(m["initials"], m["until"]) for m in card(case1)["team"]] == [("LBH", "2026-11-22"), ("ATP", None)]
    # back again later: a new membership
    case1.ok("case", "member", "add", REF, "LBH", "--role", "psykolog")
    assert [(m["initials"], m["until"]) for m in card(case1)["team"]] == [
        ("LBH", "2026-11-22"),
        ("ATP", None),
        ("LBH", None),
    ]
    table = case1("case", "show", REF)
    assert_ok(table)
    assert "Core team" in table.stdout and "tale-/hørekonsulent" in table.stdout
    actions = [e["action"] for e in audit_actions(case1)]
    assert actions.count("case.member.add") == 3 and actions.count("case.member.remove") == 1


@pytest.fixture
def buddy_world(case1, open_case):
    """Case 2026-0101 (primary MKJ) with buddy LBH and ATP on the core team; 2026-0102 (MKJ) without
    a buddy; 2026-0103 closed."""
    case1.ok("case", "buddy", REF, "LBH")
    case1.ok("case", "member", "add", REF, "ATP", "--role", "psykolog")
    open_case(OTHER, "BL 86", opened="2026-06-01")
    open_case("2026-0103", "BL 86", opened="2026-06-01")
    case1.ok("case", "close", "2026-0103", "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Flyttet")
    return case1


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["case", "buddy", OTHER, "MKJ"], DOMAIN_ERROR, ("MKJ", "primary"), id="buddy-is-the-primary"),
        pytest.param(["case", "buddy", REF, "LBH"], DOMAIN_ERROR, ("LBH", "already"), id="buddy-already"),
        pytest.param(["case", "buddy", REF, "XYZ"], DOMAIN_ERROR, ("XYZ",), id="buddy-unknown-advisor"),
        pytest.param(["case", "buddy", "2026-9999", "LBH"], DOMAIN_ERROR, ("2026-9999",), id="buddy-unknown-case"),
        pytest.param(["case", "buddy", "2026-0103", "LBH"], DOMAIN_ERROR, ("2026-0103", "closed"),
                     id="buddy-on-closed-case"),
        pytest.param(["case", "buddy", OTHER, "--remove"], DOMAIN_ERROR, (OTHER, "no buddy"),
                     id="remove-without-buddy"),
        pytest.param(["case", "buddy", REF], USAGE_ERROR, ("INITIALS", "--remove"), id="buddy-neither"),
        pytest.param(["case", "buddy", REF, "ATP", "--remove"], USAGE_ERROR, ("INITIALS", "--remove"),
                     id="buddy-both"),
        pytest.param(["case", "complex", "2026-9999"], DOMAIN_ERROR, ("2026-9999",), id="complex-unknown-case"),
        pytest.param(["case", "complex", REF, "--maybe"], USAGE_ERROR, ("--maybe",), id="complex-bad-option"),
        pytest.param(["case", "member", "add", REF, "ATP", "--role", "psykolog"], DOMAIN_ERROR, ("ATP", "already"),
                     id="member-twice"),
        pytest.param(["case", "member", "add", REF, "XYZ", "--role", "psykolog"], DOMAIN_ERROR, ("XYZ",),
                     id="member-unknown-advisor"),
        pytest.param(["case", "member", "add", REF, "ATP"], USAGE_ERROR, ("--role",), id="member-missing-role"),
        pytest.param(["case", "member", "add", OTHER, "ATP", "--role", " "], USAGE_ERROR, ("--role",),
                     id="member-empty-role"),
        pytest.param(["case", "member", "add", "2026-9999", "ATP", "--role", "psykolog"], DOMAIN_ERROR,
                     ("2026-9999",), id="member-unknown-case"),
        pytest.param(["case", "member", "add", "2026-0103", "ATP", "--role", "psykolog"], DOMAIN_ERROR,
                     ("2026-0103", "closed"), id="member-on-closed-case"),
        pytest.param(["case", "member", "remove", REF, "LBH"], DOMAIN_ERROR, ("LBH", "core team"),
                     id="member-remove-not-a-member"),
        pytest.param(["case", "member", "remove", REF, "XYZ"], DOMAIN_ERROR, ("XYZ",),
                     id="member-remove-unknown-advisor"),
    ],
)  # fmt: skip
def test_buddy_and_member_errors(buddy_world, argv, exit_code, names):
    assert_refused(buddy_world, argv, exit_code, *names)


@pytest.mark.parametrize(
    ("initials", "who"),
    [pytest.param("MKJ", "primary", id="primary-advisor"), pytest.param("LBH", "buddy", id="buddy")],
)
def test_core_team_member_is_beyond_the_primary_advisor_and_buddy(buddy_world, initials, who):
    # `case member` is "the case's core team beyond the primary advisor and buddy" (its --help)
    argv = ["case", "member", "add", REF, initials, "--role", "psykolog"]
    assert_refused(buddy_world, argv, DOMAIN_ERROR, initials)


# =====================================================================================================
# Handovers
# =====================================================================================================

CHECKLIST = {
    "advisor-change": [
        ("goals-current", "data"),
        ("scale-recent", "data"),
        ("actors-current", "data"),
        ("family-told", "person"),
        ("handover-meeting", "person"),
        ("next-followup-booked", "person"),
    ],
    "new-professional": [("goals-shared", "person"), ("network-meeting", "data"), ("coordinator-agreed", "data")],
    "closure": [("goals-finished", "data"), ("family-told", "person"), ("actors-told", "person"),
                ("grants-ended", "data")],
    "transition": [
        ("started-by-16", "data"),
        ("adult-contact", "data"),
        ("transition-meeting", "person"),
        ("topic-support", "person"),
        ("topic-education", "person"),
        ("topic-employment", "person"),
        ("topic-housing", "person"),
        ("topic-social", "person"),
        ("adult-decision", "person"),
    ],
}  # fmt: skip


def person_items(kind: str) -> list[str]:
    return [key for key, decided_by in CHECKLIST[kind] if decided_by == "person"]


@pytest.mark.parametrize("kind", list(CHECKLIST))
def test_handover_start_and_show_json(case1, kind):
    result = case1("handover", "start", REF, kind)
    assert_ok(result)
    assert result.stdout == f"Case {REF}: {kind} handover started; see 'samfam handover show {REF}'.\n"
    shown = case1.ok("handover", "show", REF, "-f", "json").json()
    assert len(shown) == 1
    h = shown[0]
    assert {k: h[k] for k in ("kind", "started", "started_by", "completed", "completed_by", "status")} == {
        "kind": kind,
        "started": "2026-11-22",
        "started_by": "TST",
        "completed": None,
        "completed_by": None,
        "status": "open",
    }
    assert [(i["item"], i["decided_by"]) for i in h["items"]] == CHECKLIST[kind]
    for i in h["items"]:
        assert set(i) >= {"item", "label", "decided_by", "done", "by", "at", "note"}
        assert i["label"]
        if i["decided_by"] == "data":
            assert (i["by"], i["at"]) == ("data", None)
        else:
            assert (i["done"], i["by"], i["at"], i["note"]) == (False, None, None, None)
    assert h["missing"] == [i["item"] for i in h["items"] if not i["done"]]
    assert [e["detail"] for e in audit_actions(case1) if e["action"] == "handover.start"] == [kind]


def test_handover_show_table_and_csv(case1):
    case1.ok("handover", "start", REF, "closure")
    case1.ok("handover", "tick", REF, "family-told", "--note", "Ringet til mor")
    table = case1("handover", "show", REF)
    assert_ok(table)
    # closure on case 2026-0101: goals-finished done (no goals), family-told ticked; missing 2
    assert "closure handover, started 2026-11-22 by TST (open, missing 2)" in table.stdout
    for text in ("actors-told", "grants-ended", "Ringet til mor", "Decided by"):
        assert text in table.stdout

    result = case1("handover", "show", REF, "-f", "csv")
    assert_ok(result)
    rows = parse_csv(result.stdout)
    assert rows[0] == ["case", "handover", "kind", "status", "item", "label", "decided_by", "done", "by", "at", "note"]
    body = [[r[0], r[1], r[2], r[3], r[4], r[6], r[7], r[8], r[10]] for r in rows[1:]]
    assert body == [
        [REF, "1", "closure", "open", "goals-finished", "data", "yes", "data", ""],
        [REF, "1", "closure", "open", "family-told", "person", "yes", "TST", "Ringet til mor"],
        [REF, "1", "closure", "open", "actors-told", "person", "no", "", ""],
        [REF, "1", "closure", "open", "grants-ended", "data", "no", "data", ""],
    ]
    assert rows[2][9].endswith("Z") and rows[3][9] == ""


def test_handover_show_without_handovers(case1):
    table = case1("handover", "show", REF)
    assert_ok(table)
    assert f"Case {REF} has no handovers." in table.stdout
    assert case1.ok("handover", "show", REF, "-f", "json").json() == []


def test_handover_tick_records_who_and_when(case1):
    case1.ok("handover", "start", REF, "closure")
    before = datetime.now(UTC).replace(microsecond=0)
    result = case1("handover", "tick", REF, "family-told", "--note", "Ringet til mor", user="LBH")
    after = datetime.now(UTC)
    assert_ok(result)
    assert result.stdout == f"Case {REF}: closure item 'family-told' ticked.\n"
    item = next(i for i in handovers(case1)["closure"]["items"] if i["item"] == "family-told")
    assert (item["done"], item["by"], item["note"]) == (True, "LBH", "Ringet til mor")
    assert item["at"].endswith("Z")
    at = datetime.fromisoformat(item["at"].removesuffix("Z")).replace(tzinfo=UTC)
    assert before - timedelta(seconds=1) <= at <= after + timedelta(seconds=1)
    entry = next(e for e in audit_actions(case1) if e["action"] == "handover.tick")
    assert (entry["user"], entry["detail"]) == ("LBH", "closure: family-told")


def test_handover_kind_chooses_among_several_open_handovers(case1):
    case1.ok("handover", "start", REF, "closure")
    case1.ok("case", "assign", REF, "--advisor", "LBH")  # starts an advisor-change handover
    # family-told is on both checklists: say which
    assert_refused(case1, ["handover", "tick", REF, "family-told"], USAGE_ERROR, "--kind", "closure",
                   "advisor-change")  # fmt: skip
    result = case1("handover", "tick", REF, "family-told", "--kind", "closure")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: closure item 'family-told' ticked.\n"
    # actors-told is only on the closure checklist: no --kind needed
    case1.ok("handover", "tick", REF, "actors-told")
    shown = handovers(case1)
    assert items_done(shown["closure"])["family-told"] is True
    assert items_done(shown["advisor-change"])["family-told"] is False
    assert_refused(case1, ["handover", "complete", REF], USAGE_ERROR, "--kind")


def test_case_assign_starts_an_advisor_change_handover(case1):
    result = case1("case", "assign", REF, "--advisor", "LBH", user="LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: primary advisor MKJ -> LBH.\n"
    h = handovers(case1)["advisor-change"]
    assert (h["status"], h["started"], h["started_by"], h["detail"]) == ("open", "2026-11-22", "LBH", "MKJ -> LBH")
    assert [(i["item"], i["decided_by"]) for i in h["items"]] == CHECKLIST["advisor-change"]
    # a second change while the first handover is open does not start another one
    case1.ok("case", "assign", REF, "--advisor", "ATP")
    every = case1.ok("handover", "show", REF, "--all", "-f", "json").json()
    assert [x["kind"] for x in every] == ["advisor-change"]
    assert card(case1)["handovers"][0]["kind"] == "advisor-change"


# -- data items: what the data must look like ------------------------------------------------------
# Every handover here starts on 2026-11-15 (a week before today 2026-11-22).

START = "2026-11-15"


def _start(s, kind):
    s.ok("handover", "start", REF, kind, today=date.fromisoformat(START))


def goal_without_target(s):
    add_goal(s, REF, "Alma sover i egen seng", "short")  # goal 1, no target


def set_goal_target(s):
    s.ok("goal", "update", "1", "--target", "2027-02-01")


def dropped_goal_without_target_and_goal_with_target(s):
    add_goal(s, REF, "Alma sover i egen seng", "short", "family", "2027-02-01")
    add_goal(s, REF, "Alma cykler", "long")  # goal 2, no target
    s.ok("goal", "update", "2", "--status", "dropped")


def scaled_followup_then_unscaled(s):
    s.ok("event", "add", REF, "followup", "--on", "2026-10-01", "--scale", "6")
    s.ok("event", "add", REF, "home-visit", "--on", "2026-11-10")  # the last counting event has no scale


def scaled_followup_after(s):
    s.ok("event", "add", REF, "followup", "--on", "2026-11-20", "--scale", "7")
    s.ok("event", "add", REF, "phone", "--on", "2026-11-21")  # informal contact does not count


def actor_without_coordinator(s):
    add_actor(s, REF, "ppr", "PPR Nord", "--since", "2026-06-01")  # actor 1, no coordinator


def agree_coordinator(s):
    s.ok("actor", "update", "1", "--coordinator", "family")


def end_actor_yesterday(s):
    s.ok("actor", "end", "1", "--on", "2026-11-21")


def network_meeting_before_start(s):
    s.ok("event", "add", REF, "network-meeting", "--on", "2026-11-14")  # the day before the handover began


def network_meeting_on_start(s):
    s.ok("event", "add", REF, "network-meeting", "--on", START)


def open_and_achieved_goals(s):
    add_goal(s, REF, "Alma sover i egen seng", "short")  # goal 1
    add_goal(s, REF, "Alma cykler", "long")  # goal 2
    s.ok("goal", "update", "2", "--status", "achieved")


def drop_goal_1(s):
    s.ok("goal", "update", "1", "--status", "dropped")


def achieve_goal_1(s):
    s.ok("goal", "update", "1", "--status", "achieved")


def nothing(s):
    pass


def end_bl86_today(s):
    s.ok("grant", "end", REF, "BL 86")  # ends 2026-11-22 = today: ended


def grant_running_to_next_year(s):
    s.ok("grant", "end", REF, "BL 86", "--on", "2026-12-31")  # still running on 2026-11-22


def school_actor_only(s):
    add_actor(s, REF, "school", "Kildeskolen", "--coordinator", "family")


def adult_services_actor(s):
    add_actor(s, REF, "adult-services", "Voksenhandicap Nord", "--coordinator", "advisor")


def adult_services_actor_who_left(s):
    add_actor(s, REF, "adult-services", "Voksenhandicap Syd", "--coordinator", "advisor", "--since", "2026-06-01")
    s.ok("actor", "end", "1", "--on", "2026-11-01")


@pytest.mark.parametrize(
    ("kind", "item", "arrange", "done_before", "fix", "done_after"),
    [
        pytest.param("advisor-change", "goals-current", goal_without_target, False, set_goal_target, True,
                     id="advisor-change:goals-current:target-set"),
        pytest.param("advisor-change", "goals-current", dropped_goal_without_target_and_goal_with_target, True,
                     nothing, True, id="advisor-change:goals-current:dropped-goal-needs-no-target"),
        pytest.param("advisor-change", "scale-recent", scaled_followup_then_unscaled, False, scaled_followup_after,
                     True, id="advisor-change:scale-recent:scale-on-last-counting-event"),
        pytest.param("advisor-change", "scale-recent", nothing, False, nothing, False,
                     id="advisor-change:scale-recent:no-follow-up-yet"),
        pytest.param("advisor-change", "actors-current", actor_without_coordinator, False, agree_coordinator, True,
                     id="advisor-change:actors-current:coordinator-agreed"),
        pytest.param("advisor-change", "actors-current", actor_without_coordinator, False, end_actor_yesterday, True,
                     id="advisor-change:actors-current:actor-left"),
        pytest.param("new-professional", "network-meeting", network_meeting_before_start, False,
                     network_meeting_on_start, True, id="new-professional:network-meeting:held-since-start"),
        pytest.param("new-professional", "coordinator-agreed", actor_without_coordinator, False, agree_coordinator,
                     True, id="new-professional:coordinator-agreed"),
        pytest.param("closure", "goals-finished", open_and_achieved_goals, False, drop_goal_1, True,
                     id="closure:goals-finished:dropped"),
        pytest.param("closure", "goals-finished", open_and_achieved_goals, False, achieve_goal_1, True,
                     id="closure:goals-finished:achieved"),
        pytest.param("closure", "grants-ended", nothing, False, end_bl86_today, True,
                     id="closure:grants-ended:ended-today"),
        pytest.param("closure", "grants-ended", nothing, False, grant_running_to_next_year, False,
                     id="closure:grants-ended:end-date-ahead"),
        pytest.param("transition", "adult-contact", school_actor_only, False, adult_services_actor, True,
                     id="transition:adult-contact:adult-services-actor"),
        pytest.param("transition", "adult-contact", nothing, False, adult_services_actor_who_left, False,
                     id="transition:adult-contact:adult-services-actor-left"),
    ],
)  # fmt: skip
def test_handover_data_items(case1, kind, item, arrange, done_before, fix, done_after):
    arrange(case1)
    _start(case1, kind)
    h = handovers(case1)[kind]
    assert items_done(h)[item] is done_before
    assert (item in h["missing"]) is (not done_before)
    fix(case1)
    h = handovers(case1)[kind]
    entry = next(i for i in h["items"] if i["item"] == item)
    assert (entry["done"], entry["by"], entry["decided_by"]) == (done_after, "data", "data")
    assert (item in h["missing"]) is (not done_after)
    # decided by the data: it cannot be ticked, whatever the data says
    assert_refused(case1, ["handover", "tick", REF, item, "--kind", kind], DOMAIN_ERROR, item, "data")


@pytest.mark.parametrize(
    ("born", "started", "done"),
    [
        # born 2010-11-10: turns 16 on 2026-11-10
        pytest.param("2010-11-10", "2026-11-09", True, id="started-the-day-before-the-16th-birthday"),
        pytest.param("2010-11-10", "2026-11-10", True, id="started-on-the-16th-birthday"),
        pytest.param("2010-11-10", "2026-11-11", False, id="started-the-day-after-the-16th-birthday"),
        pytest.param("2010-11-10", "2026-11-22", False, id="started-today-12-days-late"),
        # born 2010-02-28: 16 on 2026-02-28; started 2026-06-01 (the case's opening) is late
        pytest.param("2010-02-28", "2026-06-01", False, id="started-when-the-case-opened-at-16"),
        # born 2012-01-15: 16 on 2028-01-15, long before
        pytest.param("2012-01-15", "2026-11-22", True, id="started-at-14"),
        pytest.param(None, "2026-11-22", False, id="no-birth-date"),
    ],
)
def test_transition_started_by_16(team, open_case, born, started, done):
    if born:
        open_case(REF, "BL 86", opened="2026-06-01", born=born)
    else:
        open_case(REF, "BL 86", opened="2026-06-01")
    team.ok("handover", "start", REF, "transition", today=date.fromisoformat(started))
    h = handovers(team)["transition"]
    assert h["started"] == started
    assert items_done(h)["started-by-16"] is done
    assert_refused(team, ["handover", "tick", REF, "started-by-16"], DOMAIN_ERROR, "started-by-16")


# -- completing each kind --------------------------------------------------------------------------


def ready_advisor_change(s):
    add_goal(s, REF, "Alma sover i egen seng", "short", "family", "2027-02-01")
    add_actor(s, REF, "school", "Kildeskolen", "--coordinator", "family")
    s.ok("event", "add", REF, "followup", "--on", "2026-11-20", "--scale", "6")
    s.ok("case", "assign", REF, "--advisor", "LBH")  # starts the advisor-change handover


def ready_new_professional(s):
    s.ok("handover", "start", REF, "new-professional")
    physio = add_actor(s, REF, "physiotherapy", "Fysio Øst", "--coordinator", "advisor")
    s.ok("event", "add", REF, "network-meeting", "--with", str(physio))


def ready_closure(s):
    s.ok("handover", "start", REF, "closure")
    s.ok("grant", "end", REF, "BL 86")


def ready_transition(s):
    # born 2015-03-01: started 2026-11-22, long before the 16th birthday 2031-03-01
    s.ok("handover", "start", REF, "transition")
    add_actor(s, REF, "adult-services", "Voksenhandicap Nord", "--coordinator", "advisor")


@pytest.mark.parametrize(
    ("kind", "ready"),
    [
        pytest.param("advisor-change", ready_advisor_change, id="advisor-change"),
        pytest.param("new-professional", ready_new_professional, id="new-professional"),
        pytest.param("closure", ready_closure, id="closure"),
        pytest.param("transition", ready_transition, id="transition"),
    ],
)
def test_handover_completes_when_every_item_is_done(case1, kind, ready):
    ready(case1)
    h = handovers(case1)[kind]
    assert h["missing"] == person_items(kind), "the data items should be done by now"
    for item in person_items(kind):
        assert_ok(case1("handover", "tick", REF, item))
    assert handovers(case1)[kind]["missing"] == []

    result = case1("handover", "complete", REF, user="LBH")
    assert_ok(result)
    assert result.stdout == f"Case {REF}: {kind} handover complete.\n"
    h = handovers(case1)[kind]
    assert (h["status"], h["completed"], h["completed_by"], h["forced_reason"], h["missing"]) == (
        "complete",
        "2026-11-22",
        "LBH",
        None,
        [],
    )
    assert all(i["done"] for i in h["items"])
    # completed: no longer open, so it cannot be completed again or ticked
    assert_refused(case1, ["handover", "complete", REF], DOMAIN_ERROR, REF, "no open")
    # but a new one of the same kind may start
    assert_ok(case1("handover", "start", REF, kind))
    assert [x["kind"] for x in case1.ok("handover", "show", REF, "--all", "-f", "json").json()] == [kind, kind]
    assert "handover.complete" in [e["action"] for e in audit_actions(case1)]


@pytest.mark.parametrize(
    ("kind", "missing"),
    [
        # case 2026-0101: BL 86 running, born 2015-03-01, no goals, actors or events
        pytest.param("advisor-change", ["scale-recent", "family-told", "handover-meeting", "next-followup-booked"],
                     id="advisor-change"),
        pytest.param("new-professional", ["goals-shared", "network-meeting"], id="new-professional"),
        pytest.param("closure", ["family-told", "actors-told", "grants-ended"], id="closure"),
        pytest.param("transition", ["adult-contact", "transition-meeting", "topic-support", "topic-education",
                                    "topic-employment", "topic-housing", "topic-social", "adult-decision"],
                     id="transition"),
    ],
)  # fmt: skip
def test_handover_complete_refused_lists_the_missing_items(case1, kind, missing):
    case1.ok("handover", "start", REF, kind)
    assert handovers(case1)[kind]["missing"] == missing
    line = assert_refused(case1, ["handover", "complete", REF], DOMAIN_ERROR, kind, REF)
    assert line.endswith("missing: " + ", ".join(missing)), line


@pytest.fixture
def handover_world(case1, open_case):
    """Case 2026-0101 with an open closure handover, family-told ticked; 2026-0102 without handovers;
    2026-0103 closed."""
    case1.ok("handover", "start", REF, "closure")
    case1.ok("handover", "tick", REF, "family-told")
    open_case(OTHER, "BL 86", opened="2026-06-01")
    open_case("2026-0103", "BL 86", opened="2026-06-01")
    case1.ok("case", "close", "2026-0103", "--reason", "Flyttet", "--on", "2026-10-01", "--force", "Flyttet")
    return case1


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["handover", "start", REF, "closure"], DOMAIN_ERROR, (REF, "closure", "already"),
                     id="start-second-open-of-the-same-kind"),
        pytest.param(["handover", "start", REF, "farewell"], USAGE_ERROR, ("farewell",), id="start-bad-kind"),
        pytest.param(["handover", "start", "2026-9999", "closure"], DOMAIN_ERROR, ("2026-9999",),
                     id="start-unknown-case"),
        pytest.param(["handover", "start", "2026-0103", "closure"], DOMAIN_ERROR, ("2026-0103", "closed"),
                     id="start-on-closed-case"),
        pytest.param(["handover", "tick", REF, "grants-ended"], DOMAIN_ERROR, ("grants-ended", "data"),
                     id="tick-data-item"),
        pytest.param(["handover", "tick", REF, "goals-finished"], DOMAIN_ERROR, ("goals-finished", "data"),
                     id="tick-data-item-that-is-done"),
        pytest.param(["handover", "tick", REF, "family-told"], DOMAIN_ERROR, ("family-told", "already"),
                     id="tick-twice"),
        pytest.param(["handover", "tick", OTHER, "family-told"], DOMAIN_ERROR, (OTHER, "no open"),
                     id="tick-without-open-handover"),
        pytest.param(["handover", "tick", REF, "family-told", "--kind", "transition"], DOMAIN_ERROR,
                     (REF, "transition"), id="tick-kind-not-open"),
        pytest.param(["handover", "tick", REF, "actors-told", "--kind", "goodbye"], USAGE_ERROR, ("goodbye",),
                     id="tick-bad-kind"),
        pytest.param(["handover", "tick", "2026-9999", "family-told"], DOMAIN_ERROR, ("2026-9999",),
                     id="tick-unknown-case"),
        pytest.param(["handover", "complete", REF], DOMAIN_ERROR, ("missing", "actors-told", "grants-ended"),
                     id="complete-with-missing-items"),
        pytest.param(["handover", "complete", OTHER], DOMAIN_ERROR, (OTHER, "no open"),
                     id="complete-without-open-handover"),
        pytest.param(["handover", "complete", REF, "--kind", "fast"], USAGE_ERROR, ("fast",),
                     id="complete-bad-kind"),
        pytest.param(["handover", "show", "2026-9999"], DOMAIN_ERROR, ("2026-9999",), id="show-unknown-case"),
        pytest.param(["handover", "show", REF, "-f", "xml"], USAGE_ERROR, ("xml",), id="show-bad-format"),
    ],
)  # fmt: skip
def test_handover_errors(handover_world, argv, exit_code, names):
    assert_refused(handover_world, argv, exit_code, *names)


def test_handover_tick_unknown_item_names_the_items_to_tick(handover_world):
    # a misspelt item is a bad value (exit 2, like a bad KIND); the message lists what can be ticked
    line = assert_refused(handover_world, ["handover", "tick", REF, "family-toId"], USAGE_ERROR, "family-toId")
    assert "actors-told" in line and "family-told" in line


# -- closing a case ---------------------------------------------------------------------------------


def test_full_closure_flow(case1):
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family")
    short = add_goal(case1, REF, "Alma sover i egen seng", "short", "family", "2027-02-01")
    long = add_goal(case1, REF, "Alma går i almindelig skole", "long", f"actor:{school}", "2027-08-01")

    case1.ok("handover", "start", REF, "closure")
    line = assert_refused(case1, ["case", "close", REF, "--reason", "Målene er nået"], DOMAIN_ERROR, REF)
    assert "goals-finished, family-told, actors-told, grants-ended" in line
    assert "--force" in line

    case1.ok("grant", "end", REF, "BL 86")
    case1.ok("goal", "update", str(short), "--status", "achieved", "--note", "Sover i egen seng hver nat")
    case1.ok("goal", "update", str(long), "--status", "dropped", "--note", "Familien ønsker specialskole")
    assert handovers(case1)["closure"]["missing"] == ["family-told", "actors-told"]
    case1.ok("handover", "tick", REF, "family-told", "--note", "Afsluttende møde med forældrene")
    line = assert_refused(case1, ["case", "close", REF, "--reason", "Målene er nået"], DOMAIN_ERROR, "actors-told")
    assert "family-told" not in line
    case1.ok("handover", "tick", REF, "actors-told", "--note", "Brev til Kildeskolen")
    assert handovers(case1)["closure"]["missing"] == []

    result = case1("case", "close", REF, "--reason", "Målene er nået")
    assert_ok(result)
    assert result.stdout == f"Closed case {REF} on 2026-11-22.\n"
    assert result.stderr == ""

    h = handovers(case1)["closure"]
    assert (h["status"], h["completed"], h["completed_by"], h["forced_reason"], h["missing"]) == (
        "complete",
        "2026-11-22",
        "TST",
        None,
        [],
    )
    shown = card(case1)
    assert (shown["status"], shown["closed"], shown["close_reason"]) == ("closed", "2026-11-22", "Målene er nået")
    assert (shown["attention"], shown["deadlines"]) == ([], [])
    actions = [e["action"] for e in audit_actions(case1)]
    assert "case.close" in actions and "case.close.forced" not in actions
    # a closed case is finished: its goal picture needs no attention any more
    rows = goal_rows(case1, REF)
    assert [(r["id"], r["status"], r["attention"]) for r in rows] == [
        (short, "achieved", []),
        (long, "dropped", []),
    ]
    assert REF not in [r["case"] for r in goal_rows(case1)]


def test_case_close_without_a_closure_handover_is_refused(case1):
    line = assert_refused(case1, ["case", "close", REF, "--reason", "Flyttet"], DOMAIN_ERROR, REF)
    assert f"samfam handover start {REF} closure" in line


def test_forced_close_with_an_incomplete_closure_handover(case1):
    add_goal(case1, REF, "Alma sover i egen seng", "short")
    case1.ok("handover", "start", REF, "closure")
    case1.ok("handover", "tick", REF, "family-told")
    result = case1("case", "close", REF, "--reason", "Flyttet til Aarhus", "--on", "2026-11-20",
                   "--force", "Familien er fraflyttet uden varsel", user="LBH")  # fmt: skip
    assert_ok(result)
    assert result.stdout == f"Closed case {REF} on 2026-11-20.\n"
    assert result.stderr == (
        "Closed without: goals-finished, actors-told, grants-ended (the reason is in the audit log).\n"
    )
    h = handovers(case1)["closure"]
    assert (h["status"], h["completed"], h["completed_by"], h["forced_reason"]) == (
        "complete",
        "2026-11-20",
        "LBH",
        "Familien er fraflyttet uden varsel",
    )
    log = audit_actions(case1)
    forced = [e for e in log if e["action"] == "case.close.forced"]
    assert len(forced) == 1
    assert forced[0]["user"] == "LBH"
    assert (
        forced[0]["detail"] == "Familien er fraflyttet uden varsel (missing: goals-finished, actors-told, grants-ended)"
    )
    closing = next(e for e in log if e["action"] == "case.close")
    assert closing["detail"] == "on 2026-11-20: Flyttet til Aarhus"
    assert card(case1)["status"] == "closed"


def test_forced_close_without_a_closure_handover(case1):
    result = case1("case", "close", REF, "--reason", "Flyttet", "--force", "Familien er fraflyttet")
    assert_ok(result)
    assert result.stdout == f"Closed case {REF} on 2026-11-22.\n"
    # no goals: goals-finished is done; the person items and the running BL 86 are not
    assert result.stderr == "Closed without: family-told, actors-told, grants-ended (the reason is in the audit log).\n"
    forced = [e for e in audit_actions(case1) if e["action"] == "case.close.forced"]
    assert [e["detail"] for e in forced] == ["Familien er fraflyttet (missing: family-told, actors-told, grants-ended)"]
    assert case1.rows("handover") == []


def test_force_when_nothing_is_missing_is_not_logged_as_forced(case1):
    ready_closure(case1)
    case1.ok("handover", "tick", REF, "family-told")
    case1.ok("handover", "tick", REF, "actors-told")
    result = case1("case", "close", REF, "--reason", "Målene er nået", "--force", "For en sikkerheds skyld")
    assert_ok(result)
    assert result.stderr == ""
    assert handovers(case1)["closure"]["forced_reason"] is None
    assert "case.close.forced" not in [e["action"] for e in audit_actions(case1)]


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["case", "close", REF, "--reason", "Flyttet", "--force", " "], USAGE_ERROR, ("--force",),
                     id="force-without-reason"),
        pytest.param(["case", "close", REF, "--reason", "Flyttet", "--force"], USAGE_ERROR, ("--force",),
                     id="force-missing-value"),
        pytest.param(["case", "close", REF, "--force", "Flyttet"], USAGE_ERROR, ("--reason",),
                     id="missing-reason"),
        pytest.param(["case", "close", REF, "--reason", "Flyttet"], DOMAIN_ERROR,
                     ("family-told", "actors-told", "grants-ended"), id="incomplete-checklist"),
    ],
)  # fmt: skip
def test_case_close_errors(case1, argv, exit_code, names):
    case1.ok("handover", "start", REF, "closure")
    assert_refused(case1, argv, exit_code, *names)


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
        # born 2008-02-29: 18 on 2026-02-28 (no 29 February in 2026), 267 days ago
        pytest.param((), "2026-06-01", "2008-02-29", 30, [("open-after-18", "2026-02-28", -267, "BL § 122")],
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


# =====================================================================================================
# The family's plan
# =====================================================================================================


@pytest.fixture
def plan_world(case1):
    """Case 2026-0101 (Alma Holm, born 2015-03-01: 11 years old) with buddy LBH, a follow-up on
    2026-10-01 (3-month track -> next due 2027-01-01), one short and one long goal with a task each."""
    case1.ok("case", "buddy", REF, "LBH")
    case1.ok("event", "add", REF, "followup", "--on", "2026-10-01", "--scale", "6")
    school = add_actor(case1, REF, "school", "Kildeskolen", "--coordinator", "family", "--contact", "Lærer Ane Berg")
    add_actor(case1, REF, "ppr", "PPR Nord")
    short = add_goal(case1, REF, "Alma sover i egen seng", "short", "family", "2027-02-01")
    long = add_goal(case1, REF, "Alma går i almindelig skole", "long", f"actor:{school}")
    add_task(case1, short, "Lave billedskema til aftenen", "family", "--due", "2026-12-15")
    add_task(case1, long, "Holde møde om skemaet", "advisor")
    return case1


def test_plan_markdown_in_danish(plan_world):
    result = plan_world("plan", REF)
    assert_ok(result)
    text = result.stdout
    lines = text.splitlines()
    assert lines[0] == "# Vores fælles plan for Alma Holm"
    for line in (
        "Alma Holm er 11 år.",
        "Næste opfølgningsmøde holdes senest 1. januar 2027.",
        "## Det vil vi nå på kort sigt",
        "### Mål 1: Alma sover i egen seng",
        "- Hvem har ansvaret: Familien",
        "- Status: åbent",
        "- Hvornår: Senest 1. februar 2027",
        "| Lave billedskema til aftenen | Familien | Senest 15. december 2026 | Ikke endnu |",
        "## Det vil vi nå på lang sigt",
        "### Mål 2: Alma går i almindelig skole",
        "- Hvem har ansvaret: Kildeskolen",
        "| Holde møde om skemaet | Rådgiveren (Mette Kjær Jensen) | Ingen dato aftalt | Ikke endnu |",
        "| Kildeskolen | Skole | Lærer Ane Berg | Familien |",
        "| PPR Nord | PPR (Pædagogisk Psykologisk Rådgivning) | – | Ikke aftalt endnu |",
        "Jeres rådgiver er Mette Kjær Jensen.",
        "*Udarbejdet 22. november 2026 af Mette Kjær Jensen · Sagsnummer 2026-0101*",
    ):
        assert line in lines, f"{line!r} not in the plan"
    assert lines.index("## Det vil vi nå på kort sigt") < lines.index("## Det vil vi nå på lang sigt")
    assert "Lars Bøgh Hansen kender også jeres sag" in text
    # no internal codes, initials or ids
    for jargon in ("BL 86", "MKJ", "LBH", "actor:", "in-progress", "short", "long"):
        assert jargon not in text
    assert "plan" in [e["action"] for e in audit_actions(plan_world)]


def test_plan_html_and_output_file(plan_world, tmp_path):
    shown = plan_world("plan", REF, "--format", "html")
    assert_ok(shown)
    assert shown.stdout.startswith("<!doctype html>")
    assert '<html lang="da">' in shown.stdout
    assert "<h1>Vores fælles plan for Alma Holm</h1>" in shown.stdout
    assert "Alma sover i egen seng" in shown.stdout

    target = tmp_path / "handleplan.html"
    result = plan_world("plan", REF, "-f", "html", "--output", str(target))
    assert_ok(result)
    assert result.stdout == ""
    assert result.stderr == f"Wrote {target}.\n"
    assert target.read_text(encoding="utf-8") == shown.stdout

    md = tmp_path / "plan.md"
    assert_ok(plan_world("plan", REF, "-o", str(md)))
    assert md.read_text(encoding="utf-8").startswith("# Vores fælles plan for Alma Holm\n")


def test_plan_of_a_case_without_goals(case1):
    result = case1("plan", REF)
    assert_ok(result)
    assert "Der er ikke aftalt mål på kort sigt endnu." in result.stdout
    assert "Der er ikke aftalt mål på lang sigt endnu." in result.stdout
    # BL 86 since 2026-06-01, no follow-up: was due 2026-09-01
    assert "Næste opfølgningsmøde skulle have været holdt senest 1. september 2026." in result.stdout


@pytest.mark.parametrize(
    ("argv", "exit_code", "names"),
    [
        pytest.param(["plan", "2026-9999"], DOMAIN_ERROR, ("2026-9999",), id="unknown-case"),
        pytest.param(["plan", REF, "--format", "pdf"], USAGE_ERROR, ("pdf",), id="bad-format"),
        pytest.param(["plan", REF, "--output", "/nonexistent-dir/plan.md"], DOMAIN_ERROR, ("/nonexistent-dir/plan.md",),
                     id="output-directory-missing"),
    ],
)  # fmt: skip
def test_plan_errors(plan_world, argv, exit_code, names):
    assert_refused(plan_world, argv, exit_code, *names)


# =====================================================================================================
# Everything on the case card
# =====================================================================================================


def test_case_show_table_has_every_section(plan_world):
    plan_world.ok("case", "member", "add", REF, "ATP", "--role", "psykolog")
    plan_world.ok("handover", "start", REF, "new-professional")
    table = plan_world("case", "show", REF)
    assert_ok(table)
    for heading in ("Goals", "Actors", "Core team", "Handovers", "Legal deadlines"):
        assert heading in table.stdout
    for text in ("Alma sover i egen seng", "Kildeskolen", "psykolog", "new-professional", "turns-18",
                 "no agreed coordinator"):  # fmt: skip
        assert text in table.stdout
    data = card(plan_world)
    assert [h["kind"] for h in data["handovers"]] == ["new-professional"]
    assert data["handovers"][0]["missing"] == ["goals-shared", "network-meeting", "coordinator-agreed"]
    # born 2015-03-01: 18 on 2033-03-01, 2291 days ahead (the transition deadline: test_deadline_kinds)
    assert ("turns-18", "2033-03-01", 2291) in [(d["kind"], d["deadline"], d["days_left"]) for d in data["deadlines"]]


def test_event_list_and_case_card_name_the_actors_who_took_part(team, open_case):
    open_case("2026-0501", "BL 86")
    team.ok("actor", "add", "2026-0501", "school", "--name", "Kildeskolen", "--coordinator", "family")  # id 1
    team.ok("actor", "add", "2026-0501", "ppr", "--name", "PPR", "--coordinator", "advisor")  # id 2
    team.ok("event", "add", "2026-0501", "network-meeting", "--on", "2026-11-20", "--with", "2", "--with", "1")
    team.ok("event", "add", "2026-0501", "phone", "--on", "2026-11-21")
    listed = team.ok("event", "list", "2026-0501", "-f", "json").json()
    assert [(e["kind"], e["with"]) for e in listed] == [("network-meeting", [1, 2]), ("phone", [])]
    card = team.ok("case", "show", "2026-0501", "-f", "json").json()
    assert [e["with"] for e in card["events"]] == [[1, 2], []]
    csv_text = team.ok("event", "list", "2026-0501", "-f", "csv").stdout
    assert csv_text.splitlines()[0] == "case,day,kind,counts,scale,note,with,recorded_by"
    assert "network-meeting,yes,,,1; 2,TST" in csv_text
