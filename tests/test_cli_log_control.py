"""Log control (docs/privacy.md "Log control"): `audit unusual`, `audit sample`, `audit review`, `access
review` and its sign-off. Real advisors act: MKJ and LBH in Nord (LBH made team leader where it matters),
ATP in Syd; case 2026-0101 is MKJ's."""

from __future__ import annotations

import pytest

from support import DOMAIN_ERROR, OTHER, REF, USAGE_ERROR, assert_ok, assert_refused, parse_csv

WIDE = ("--from", "2000-01-01", "--to", "2100-01-01")  # the log is stamped with the real clock


def _reasons(row: dict) -> set[str]:
    return {w.split(" (")[0] for w in row["why"]}


@pytest.fixture
def history(case1):
    case1.ok("case", "open", OTHER, "--child", "Bo Holm", "--advisor", "LBH", "--opened", "2026-06-01",
             "--para", "BL 86", user="MKJ")  # fmt: skip
    case1.ok("case", "show", REF, user="MKJ")  # own case
    case1.ok("case", "show", OTHER, user="ATP")  # another team's case
    case1.ok("case", "show", REF, "--reveal-cpr", user="MKJ")
    case1.ok("case", "list", user="LBH")  # two cases
    return case1


def _unusual(s, *argv: str) -> list[dict]:
    return s.ok("audit", "unusual", *WIDE, *argv, "-f", "json", user="LBH").json()


def test_unusual_names_why_each_read_is_worth_a_look(history):
    rows = {(r["user"], r["action"]): r for r in _unusual(history, "--bulk", "1")}
    assert "outside caseload" in _reasons(rows["ATP", "case.show"])
    assert rows["ATP", "case.show"]["refs"] == [OTHER] and rows["ATP", "case.show"]["cases"] == 1
    assert "full CPR number" in _reasons(rows["MKJ", "case.show.reveal-cpr"])
    assert "outside caseload" not in _reasons(rows.get(("MKJ", "case.show"), {"why": []}))
    assert "bulk read" in _reasons(rows["LBH", "case.list"]) and rows["LBH", "case.list"]["cases"] == 2
    assert list(rows.values())[0].keys() == {"id", "at", "user", "action", "cases", "refs", "why"}


def test_a_listing_of_n_cases_or_fewer_is_not_bulk(history):
    rows = [r for r in _unusual(history) if r["action"] == "case.list"]
    assert all("bulk read" not in _reasons(r) for r in rows)


def test_a_team_leader_reading_the_teams_case_is_in_scope(history):
    history.ok("advisor", "update", "LBH", "--role", "teamleder")  # the administrator (the OS login) sets roles
    history.ok("case", "show", REF, user="LBH")
    [row] = [r for r in _unusual(history) if r["user"] == "LBH" and r["action"] == "case.show"] or [{"why": []}]
    assert "outside caseload" not in _reasons(row)


def test_unusual_for_one_team_keeps_its_advisors_reads_and_reads_of_its_cases(history):
    syd = _unusual(history, "--team", "Syd")
    assert {r["user"] for r in syd} <= {"ATP"}
    nord = _unusual(history, "--team", "Nord")
    assert ("ATP", "case.show") in {(r["user"], r["action"]) for r in nord}  # ATP read a Nord case


@pytest.mark.parametrize("fmt", ["table", "csv", "ndjson"])
def test_unusual_in_every_format(history, fmt):
    out = history.ok("audit", "unusual", *WIDE, "-f", fmt, user="LBH").stdout
    if fmt == "csv":
        assert parse_csv(out)[0] == ["id", "at", "user", "action", "cases", "refs", "why"]
    elif fmt == "ndjson":
        assert all(line.startswith("{") for line in out.splitlines())
    else:
        assert "Reads worth a look" in out and "outside caseload" in out


def test_sample_draws_reads_by_the_teams_advisors_and_shows_reviews(history):
    rows = history.ok("audit", "sample", "--team", "Nord", *WIDE, "--n", "100", "-f", "json", user="LBH").json()
    assert rows and {r["user"] for r in rows} <= {"MKJ", "LBH"} and all(r["reviewed"] is None for r in rows)
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    two = history.ok("audit", "sample", "--team", "Nord", *WIDE, "--n", "2", "-f", "json", user="LBH").json()
    assert len(two) == 2 and {r["user"] for r in two} <= {"MKJ", "LBH"}
    first, second = rows[0]["id"], rows[1]["id"]
    assert history.ok("audit", "review", str(first), "--ok", user="LBH").stdout == f"Reviewed audit row {first}: ok.\n"
    history.ok("audit", "review", str(second), "--question", "Hvorfor læste du sagen?", user="LBH")
    again = {r["id"]: r for r in history.ok("audit", "sample", "--team", "Nord", *WIDE, "--n", "100", "-f", "json",
                                            user="LBH").json()}  # fmt: skip
    assert again[first]["reviewed"].startswith("ok (LBH, ")
    assert again[second]["reviewed"].startswith("question: Hvorfor læste du sagen? (LBH, ")
    logged = history.ok("audit", "--action", "audit.review", "-f", "json", user="LBH").json()
    assert [r["detail"] for r in logged] == [f"row {second}: question: Hvorfor læste du sagen?", f"row {first}: ok"]
    assert history.ok("audit", "verify", user="LBH").exit_code == 0  # the reviews are in the chain


@pytest.mark.parametrize(
    ("argv", "code", "names"),
    [
        (["audit", "review", "99999", "--ok"], DOMAIN_ERROR, ("99999",)),
        (["audit", "review", "1", "--ok"], USAGE_ERROR, ("not a read",)),  # row 1: a write
        (["audit", "review", "5"], USAGE_ERROR, ("--ok", "--question")),
        (["audit", "review", "5", "--ok", "--question", "x"], USAGE_ERROR, ("--ok", "--question")),
        (["audit", "review", "5", "--question", " "], USAGE_ERROR, ("--question",)),
        (["audit", "sample", "--team", "Øst"], DOMAIN_ERROR, ("Øst",)),
        (["audit", "sample"], USAGE_ERROR, ("--team",)),
        (["audit", "sample", "--team", "Nord", "--n", "0"], USAGE_ERROR, ("--n",)),
        (["audit", "unusual", "--from", "2026-12-01", "--to", "2026-11-01"], DOMAIN_ERROR, ("--from",)),
        (["audit", "unusual", "--team", "Øst"], DOMAIN_ERROR, ("Øst",)),
        (["access", "review", "--team", "Øst"], DOMAIN_ERROR, ("Øst",)),
        (["access", "review", "--team", "Øst", "--sign-off"], DOMAIN_ERROR, ("Øst",)),
        (["access", "review", "--team", "Nord", "--note", "x"], USAGE_ERROR, ("--note", "--sign-off")),
    ],
)
def test_bad_input_is_refused_with_one_line_and_nothing_changed(history, argv, code, names):
    assert_refused(history, argv, code, *names, user="LBH")


def test_access_review_says_who_can_see_each_case_and_why(history):
    history.ok("advisor", "update", "LBH", "--role", "teamleder")  # the administrator (the OS login) sets roles
    history.ok("case", "buddy", REF, "LBH", user="MKJ")
    data = history.ok("access", "review", "--team", "Nord", "-f", "json", user="LBH").json()
    assert (data["team"], data["last_signoff"], data["signoff_due"]) == ("Nord", None, True)
    why = {(r["case"], r["advisor"]): r["why"] for r in data["rows"]}
    assert why[REF, "MKJ"] == "primary" and why[REF, "LBH"] == "buddy; team leader"
    assert why[OTHER, "LBH"] == "primary; team leader"
    assert "ATP" not in {r["advisor"] for r in data["rows"]}
    table = history.ok("access", "review", "--team", "Nord", user="LBH").stdout
    assert "Never signed off: due now" in table
    header = parse_csv(history.ok("access", "review", "--team", "Nord", "-f", "csv", user="LBH").stdout)[0]
    assert header == ["case", "advisor", "name", "why"]


def test_sign_off_writes_a_row_and_an_audit_row(history):
    history.ok("advisor", "update", "LBH", "--role", "teamleder")  # Nord's leader signs off
    result = history("access", "review", "--team", "Nord", "--sign-off", "--note", "Gennemgået", "-f", "json",
                     user="LBH")  # fmt: skip
    assert_ok(result)
    data = result.json()
    assert data["last_signoff"]["signed_by"] == "LBH" and data["last_signoff"]["note"] == "Gennemgået"
    assert data["signoff_due"] is False
    [(_, team, signed_by, _, note)] = history.rows("access_signoff")
    assert (team, signed_by, note) == ("Nord", "LBH", "Gennemgået")
    last = history.ok("audit", "--action", "access.signoff", "-f", "json", user="LBH").json()[0]
    assert last["detail"] == "Nord: Gennemgået" and last["kind"] == "write"
    assert "Last signed off on" in history.ok("access", "review", "--team", "Nord", user="LBH").stdout


@pytest.mark.parametrize(
    ("argv", "action"),
    [
        (["audit", "unusual", *WIDE], "audit.unusual"),
        (["audit", "sample", "--team", "Nord", *WIDE], "audit.sample"),
        (["access", "review", "--team", "Nord"], "access.review"),
    ],
)
def test_each_listing_is_logged_as_log_control(history, argv, action):
    history.ok(*argv, user="LBH")
    last = history.ok("audit", "--limit", "1", "-f", "json", user="LBH").json()
    # the newest row is the `audit` read itself; the one before is the listing's
    logged = history.ok("audit", "--action", action, "-f", "json", user="LBH").json()[0]
    assert (logged["kind"], logged["purpose"], logged["user"]) == ("read", "logkontrol", "LBH")
    assert last[0]["action"] == action
