"""Field selection and NDJSON for scripts (docs/cli.md "Formats"): `--fields a,b` limits and orders what
json, ndjson and csv carry on every listing, an unknown field is a usage error that names it and the valid
ones, and `--format ndjson` writes the json's objects one a line.

Today is fixed at 2026-11-22. The world (built once for the module, copied for each test) is case1's
(2026-0101, Alma Holm, MKJ, BL 86 since 2026-06-01) with something in every listing; the empty listings
run on case1 itself.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import built_once, copy_of, opener
from support import OTHER, REF, USAGE_ERROR, assert_error, assert_ok, assert_refused, parse_csv

CLOSED = "2026-0103"
LATER = date(2031, 10, 16)  # CLOSED, closed 2026-10-15, is past its 5 years' retention


def _build_world(s, open_case):
    open_case(REF, "BL 86", opened="2026-06-01", born="2015-03-01")  # as the case1 fixture
    s.ok("event", "add", REF, "followup", "--on", "2026-07-01", "--note", "Ny skole i Århus")  # due 2026-10-01
    s.ok("goal", "add", REF, "Alma sover i egen seng", "--horizon", "short", "--owner", "family")
    s.ok("actor", "add", REF, "school", "--name", "Kildeskolen", "--coordinator", "family")
    s.ok("handover", "start", REF, "new-professional")
    open_case(OTHER, "BL 86", advisor="LBH", opened="2026-08-25")  # due 2026-11-25: within 14 days
    open_case(CLOSED, "BL 86", opened="2026-01-05")
    s.ok("case", "close", CLOSED, "--reason", "Flyttet til Ærø", "--on", "2026-10-15", "--force", "Fraflyttet")
    s.ok("programme", "add", "Sammen om familien", "--enrolment-target", "30")
    s.ok("programme", "enrol", REF, "Sammen om familien", "--on", "2026-06-01")
    s.ok("team", "meeting", "add", "stop-op", "--on", "2026-11-20", "--team", "Nord")
    s.ok("learning-goal", "add", "MKJ", "Bruge skalaen i alle opfølgninger")


@pytest.fixture(scope="module")
def _world_db(tmp_path_factory, migrated_db):
    return built_once(tmp_path_factory, migrated_db, lambda s: _build_world(s, opener(s)))


@pytest.fixture
def world(_world_db, tmp_path):
    return copy_of(_world_db, tmp_path)


# name: (argv, fields to ask for (not in the listing's own order), where the JSON keeps its rows, today)
LISTINGS = {
    "overdue": (("overdue",), ["next_due", "case", "advisor"], None, None),
    "due": (("due",), ["days_overdue", "case"], None, None),
    "deadlines": (("deadlines", "--within", "3650"), ["deadline", "case", "kind"], None, None),
    "case-list": (("case", "list"), ["next_due", "case", "advisor"], None, None),
    "goals": (("goals",), ["text", "case", "id"], None, None),
    "event-list": (("event", "list", REF), ["note", "day"], None, None),
    "actor-list": (("actor", "list", REF), ["name", "case"], None, None),
    "advisor-list": (("advisor", "list"), ["name", "initials"], None, None),
    "caseload": (("caseload",), ["primary", "advisor"], None, None),
    "team-meeting-list": (("team", "meeting", "list"), ["kind", "day"], None, None),
    "team-rhythm": (("team", "rhythm", "--team", "Nord"), ["next_due", "kind"], None, None),
    "learning-goal-list": (("learning-goal", "list"), ["text", "advisor"], None, None),
    "paragraphs": (("paragraphs",), ["title", "code"], None, None),
    "event-kinds": (("event", "kinds"), ["counts", "kind"], None, None),
    # The changes only: every `audit` is itself logged as a read, so two runs of it differ by that row.
    "audit": (("audit", "--kind", "write"), ["action", "case", "at"], None, None),
    "handover-show": (("handover", "show", REF), ["item", "done", "case"], None, None),
    "enrolment": (("enrolment",), ["active", "programme"], None, None),
    "retention": (("retention",), ["kept_until", "case"], "cases", LATER),
    "check": (("check",), ["ok", "check"], None, None),
    "access": (("access", REF), ["action", "at"], "entries", None),
}
NAMES = list(LISTINGS)

#: Each run of `access` logs itself, so the next run has one entry more: the earlier run's are its first.
GROWS = {"access"}


def run(s, name: str, *extra: str):
    argv, _, _, today = LISTINGS[name]
    result = s(*argv, *extra, today=today)
    assert_ok(result)
    return result


def rows_of(name: str, data):
    key = LISTINGS[name][2]
    return data[key] if key else data


def json_rows(s, name: str, *extra: str) -> list[dict]:
    rows = rows_of(name, run(s, name, "-f", "json", *extra).json())
    assert isinstance(rows, list)
    return rows


def ndjson_rows(s, name: str, *extra: str) -> list[dict]:
    out = run(s, name, "-f", "ndjson", *extra).stdout
    assert out.endswith("\n") and "\n\n" not in out, out
    assert "\\u00" not in out  # UTF-8 as it is: æ, ø, å are not escaped
    lines = out[:-1].split("\n")
    rows = [json.loads(line) for line in lines]
    assert all(isinstance(r, dict) for r in rows), "one object a line, no enclosing array"
    return rows


def assert_same_rows(name: str, later: list, earlier: list) -> None:
    if name in GROWS:
        assert later[: len(earlier)] == earlier and len(later) == len(earlier) + 1
    else:
        assert later == earlier


def valid_fields(s, name: str) -> list[str]:
    """What --fields may name: the keys the JSON carries (handover show: the items its CSV gives)."""
    if name == "handover-show":
        return parse_csv(run(s, name, "-f", "csv").stdout)[0]
    return list(dict.fromkeys(k for row in json_rows(s, name) for k in row))


# -- --fields limits and orders json and csv ----------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_fields_limit_and_order_the_json_keys(world, name):
    picked = LISTINGS[name][1]
    full = json_rows(world, name)
    assert full, "the world has something to list"
    rows = json_rows(world, name, "--fields", ",".join(picked))
    assert rows and all(list(row) == picked for row in rows)
    if name != "handover-show":  # its JSON lists handovers; with --fields, their items (as its CSV)
        assert_same_rows(name, rows, [{k: row[k] for k in picked} for row in full])


@pytest.mark.parametrize("name", NAMES)
def test_fields_limit_and_order_the_csv_header(world, name):
    picked = LISTINGS[name][1]
    header, *full = parse_csv(run(world, name, "-f", "csv").stdout)
    limited_header, *rows = parse_csv(run(world, name, "-f", "csv", "--fields", ", ".join(picked)).stdout)
    assert limited_header == picked
    assert_same_rows(name, rows, [[row[header.index(k)] for k in picked] for row in full])


def test_fields_may_name_every_key_the_json_carries(world):
    for name in NAMES:
        if name == "handover-show":
            continue
        fields = valid_fields(world, name)
        earlier = json_rows(world, name, "--fields", ",".join(fields))
        assert_same_rows(name, json_rows(world, name), earlier)


def test_fields_are_trimmed_and_a_repeated_one_counts_once(world):
    rows = json_rows(world, "case-list", "--fields", " case , next_due,case,")
    assert rows and all(list(row) == ["case", "next_due"] for row in rows)


def test_enrolment_csv_gives_the_age_bands_in_their_place(world):
    header, row = parse_csv(run(world, "enrolment", "-f", "csv", "--fields", "programme,age_bands,active").stdout)
    assert header == ["programme", "age_0-6", "age_7-12", "age_13-17", "active"]
    assert row == ["Sammen om familien", "0", "1", "0", "1"]  # Alma is 11


def test_csv_cells_asked_for_are_still_spreadsheet_safe(world):
    world.ok("event", "add", REF, "phone", "--on", "2026-11-01", "--note", "=HYPERLINK(1)")
    _, *rows = parse_csv(run(world, "event-list", "-f", "csv", "--fields", "note").stdout)
    assert ["'=HYPERLINK(1)"] in rows


def test_fields_do_not_change_what_is_logged(world):
    """The look-up is logged with every case it showed, also when --fields leaves `case` out."""

    def logged(*argv: str) -> list[str]:
        world.ok(*argv)
        return world.ok("audit", "--kind", "read", "--limit", "1", "-f", "json").json()[0]["cases"]

    for argv in (("case", "list"), ("overdue",), ("goals",)):
        full = logged(*argv, "-f", "json")
        assert REF in full
        assert logged(*argv, "-f", "csv", "--fields", "advisor") == full
        assert logged(*argv, "-f", "ndjson", "--fields", "advisor") == full


# -- refused --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
@pytest.mark.parametrize("name", NAMES)
def test_an_unknown_field_is_refused_naming_it_and_the_valid_ones(world, name, fmt):
    argv, picked, _, today = LISTINGS[name]
    valid = valid_fields(world, name)
    line = assert_refused(
        world, [*argv, "-f", fmt, "--fields", f"{picked[0]},nosuch"], USAGE_ERROR, "'nosuch'", "--fields", today=today
    )
    listed = line.split("valid fields: ", 1)[1].split(", ")
    assert set(listed) == set(valid)
    assert f"'{picked[0]}'" not in line  # only the unknown one is called unknown


def test_every_unknown_field_is_named(world):
    assert_refused(world, ["case", "list", "-f", "csv", "--fields", "case,nosuch,nor_this"], USAGE_ERROR,
                   "unknown fields 'nosuch', 'nor_this'")  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_fields_with_the_table_are_refused(world, name):
    argv, picked, _, today = LISTINGS[name]
    assert_refused(world, [*argv, "--fields", ",".join(picked)], USAGE_ERROR, "--fields", "-f json", today=today)


@pytest.mark.parametrize("value", ["", " ", ",", " , ,"])
def test_empty_fields_are_refused(world, value):
    assert_refused(world, ["case", "list", "-f", "json", "--fields", value], USAGE_ERROR, "--fields", "empty")


def test_an_unknown_field_is_refused_before_a_write(world):
    """team rhythm sets the rhythm before it lists it: a bad --fields must stop it first."""
    argv = ["team", "rhythm", "--team", "Nord", "--case-meetings-every", "14", "-f", "json", "--fields", "nosuch"]
    assert_refused(world, argv, USAGE_ERROR, "'nosuch'")
    argv = ["team", "rhythm", "--team", "Nord", "--case-meetings-every", "14", "--fields", "kind"]
    assert_refused(world, argv, USAGE_ERROR, "--fields")


def test_cards_take_no_fields(world):
    assert_refused(world, ["case", "show", REF, "-f", "json", "--fields", "case"], USAGE_ERROR, "--fields")


# -- ndjson ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("with_fields", [False, True], ids=["all", "fields"])
@pytest.mark.parametrize("name", NAMES)
def test_ndjson_lines_are_the_json_elements(world, name, with_fields):
    extra = ("--fields", ",".join(LISTINGS[name][1])) if with_fields else ()
    earlier = json_rows(world, name, *extra)
    assert earlier
    assert_same_rows(name, ndjson_rows(world, name, *extra), earlier)


# On case1 (2026-0101 alone, no events, goals, actors or handovers; nobody in team Syd holds a case) each of
# these lists nothing.
EMPTY = {
    "overdue": ("overdue", "--team", "Syd"),
    "due": ("due", "--team", "Syd"),
    "deadlines": ("deadlines", "--team", "Syd"),
    "case-list": ("case", "list", "--team", "Syd"),
    "goals": ("goals", "--team", "Syd"),
    "event-list": ("event", "list", REF),
    "actor-list": ("actor", "list", REF),
    "caseload": ("caseload", "--team", "Syd"),
    "team-meeting-list": ("team", "meeting", "list"),
    "learning-goal-list": ("learning-goal", "list"),
    "audit": ("audit", "--user", "NOBODY"),
    "handover-show": ("handover", "show", REF),
    "enrolment": ("enrolment",),
    "retention": ("retention",),
}


@pytest.mark.parametrize("name", list(EMPTY))
def test_an_empty_listing_in_ndjson_prints_nothing(case1, name):
    result = case1(*EMPTY[name], "-f", "ndjson")
    assert_ok(result)
    assert result.stdout == ""
    result = case1(*EMPTY[name], "-f", "ndjson", "--fields", LISTINGS[name][1][0])
    assert_ok(result)
    assert result.stdout == ""
    assert rows_of(name, case1.ok(*EMPTY[name], "-f", "json").json()) == []


@pytest.mark.parametrize(
    "argv", [("case", "show", REF), ("explain", REF), ("audit", "verify")], ids=["case-show", "explain", "audit-verify"]
)
def test_a_card_in_ndjson_is_its_object_on_one_line(world, argv):
    card = world.ok(*argv, "-f", "json").json()
    out = world.ok(*argv, "-f", "ndjson").stdout
    assert out.endswith("\n") and out.count("\n") == 1
    assert json.loads(out) == card


def test_ndjson_keeps_each_object_on_one_line_whatever_the_text(world):
    """A note may hold characters some line readers split on (U+2028, U+2029, NEL): escaped, same value."""
    note = "før\u2028efter\u2029og\x85så"
    world.ok("event", "add", REF, "phone", "--on", "2026-11-01", "--note", note)
    out = run(world, "event-list", "-f", "ndjson", "--fields", "note").stdout
    assert len(out.splitlines()) == 2 == len(json_rows(world, "event-list"))
    assert [json.loads(line)["note"] for line in out.splitlines()] == ["Ny skole i Århus", note]
    assert "før" in out  # not ASCII-escaped otherwise


def test_access_writes_ndjson_to_a_file(world, tmp_path):
    target = tmp_path / "indsigt.ndjson"
    result = world("access", REF, "-f", "ndjson", "--fields", "action", "--output", str(target))
    assert_ok(result)
    assert result.stdout == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"action": "case.open"}


def test_access_refuses_fields_with_its_documents(world):
    line = assert_error(world("access", REF, "--fields", "action"), USAGE_ERROR, "--fields", "markdown")
    assert "-f ndjson" in line
