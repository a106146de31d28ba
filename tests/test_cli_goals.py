"""Goals and tasks through the command line: `goal`, `goals` and `task`, with their errors."""

from __future__ import annotations

import pytest

from support import (
    DOMAIN_ERROR,
    ME,
    OTHER,
    REF,
    USAGE_ERROR,
    add_actor,
    add_goal,
    add_task,
    assert_ok,
    assert_refused,
    audit_actions,
    card,
    goal_rows,
    parse_csv,
)

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
    assert [e["user"] for e in audit] == [ME, ME, ME]


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
        pytest.param([("short", "open")], [(1, ["case: no open long-term goal"])], id="no-long-term-goal"),
        pytest.param([("long", "open")], [(1, ["case: no open short-term goal"])], id="no-short-term-goal"),
        pytest.param(
            [("short", "achieved"), ("long", "dropped")],
            [(1, ["case: no open goal"]), (2, ["case: no open goal"])],
            id="every-goal-finished",
        ),
        pytest.param(
            [("short", "achieved"), ("long", "in-progress")],
            [(1, ["case: no open short-term goal"]), (2, ["case: no open short-term goal"])],
            id="short-term-goal-achieved",
        ),
        pytest.param(
            [("short", "in-progress"), ("long", "achieved")],
            [(1, ["case: no open long-term goal"]), (2, ["case: no open long-term goal"])],
            id="long-term-goal-achieved",
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
        {"day": "2026-11-22", "note": "Sover der hver nat nu", "status": None, "by": ME},
    ]
    assert goal_rows(case1, REF)[0]["status"] == "in-progress"


@pytest.mark.parametrize("status", ["open", "in-progress", "achieved", "dropped"])
def test_goal_update_every_status(case1, status):
    gid = add_goal(case1, REF, "Alma sover i egen seng", "short")
    result = case1("goal", "update", str(gid), "--status", status)
    assert_ok(result)
    assert result.stdout == f"Goal {gid}: {status}.\n"
    assert goal_rows(case1, REF)[0]["status"] == status


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
