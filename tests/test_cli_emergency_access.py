"""Emergency access ("break the glass", docs/privacy.md "Log control"): `access open/close`, stored in
`emergency_access` with an audit row each, shown in the weekly report and `audit unusual`; the access letter
(`access REF`) works as before. Real advisors act (ATP in Syd opens MKJ's case in Nord)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from support import DOMAIN_ERROR, OTHER, REF, USAGE_ERROR, assert_ok, assert_refused

# Emergency access is stamped with the real clock: the weekly report's week is the real one.
NOW = datetime.now(UTC).date()
WIDE = ("--from", "2000-01-01", "--to", "2100-01-01")


def _open(s, *extra: str, user: str = "ATP"):
    return s("access", "open", REF, "--reason", "Akut henvendelse fra skolen", *extra, user=user)


def test_open_stores_the_grant_for_the_acting_advisor_with_its_audit_row(case1):
    result = _open(case1, "--hours", "2")
    assert_ok(result)
    assert result.stdout.startswith(f"Emergency access to {REF} for ATP until ") and "(2 hours)" in result.stdout
    [grant] = case1.rows("emergency_access")
    _, case_id, advisor_id, reason, opened, expires, closed = grant
    assert (case_id, reason, closed) == (1, "Akut henvendelse fra skolen", None)
    assert advisor_id == 3  # ATP, the third advisor added
    hours = (datetime.fromisoformat(expires) - datetime.fromisoformat(opened)).total_seconds() / 3600
    assert hours == 2
    last = case1.ok("audit", "--action", "access.open", "-f", "json", user="ATP").json()[0]
    assert (last["user"], last["kind"], last["case"]) == ("ATP", "write", REF)
    assert "Akut henvendelse fra skolen" in last["detail"] and "until" in last["detail"]


def test_the_default_is_three_hours(case1):
    assert_ok(_open(case1))
    [(_, _, _, _, opened, expires, _)] = case1.rows("emergency_access")
    assert (datetime.fromisoformat(expires) - datetime.fromisoformat(opened)).total_seconds() == 3 * 3600


@pytest.mark.parametrize(
    ("argv", "code", "names"),
    [
        (["access", "open", REF, "--reason", "  "], USAGE_ERROR, ("--reason",)),
        (["access", "open", REF, "--reason", "x", "--hours", "0"], USAGE_ERROR, ("--hours", "0")),
        (["access", "open", REF, "--reason", "x", "--hours", "25"], USAGE_ERROR, ("--hours", "25")),
        (["access", "open", "2026-9999", "--reason", "x"], DOMAIN_ERROR, ("2026-9999",)),
        (["access", "open", REF], USAGE_ERROR, ("--reason",)),
        (["access", "close", REF], DOMAIN_ERROR, ("no open emergency access", REF)),
        (["access", "close", "2026-9999"], DOMAIN_ERROR, ("2026-9999",)),
    ],
)
def test_bad_input_is_refused_with_one_line_and_nothing_changed(case1, argv, code, names):
    assert_refused(case1, argv, code, *names, user="ATP")


def test_a_second_grant_while_one_is_open_is_refused(case1):
    assert_ok(_open(case1))
    assert_refused(
        case1, ["access", "open", REF, "--reason", "igen"], DOMAIN_ERROR, "already", "access close", user="ATP"
    )


def test_close_ends_it_early_and_it_no_longer_shows(case1):
    assert_ok(_open(case1))
    shown = case1.ok("access", "review", "--team", "Nord", "-f", "json", user="LBH").json()
    assert any(r["advisor"] == "ATP" and r["why"].startswith("emergency access until") for r in shown["rows"])
    result = case1("access", "close", REF, user="ATP")
    assert_ok(result)
    assert result.stdout.startswith(f"Emergency access to {REF} closed at ")
    [(*_, closed)] = case1.rows("emergency_access")
    assert closed is not None
    shown = case1.ok("access", "review", "--team", "Nord", "-f", "json", user="LBH").json()
    assert not any(r["advisor"] == "ATP" for r in shown["rows"])
    last = case1.ok("audit", "--action", "access.close", "-f", "json", user="ATP").json()[0]
    assert last["case"] == REF and "Akut henvendelse fra skolen" in last["detail"]


def test_the_weekly_report_shows_emergency_access_this_week(case1):
    assert_ok(_open(case1))
    for team in ([], ["--team", "Nord"], ["--team", "Syd"]):
        data = case1.ok("report", "weekly", "-f", "json", *team, user="LBH", today=NOW).json()
        [row] = data["emergency_access"]
        assert (row["advisor"], row["case"], row["note"], row["closed"]) == (
            "ATP",
            REF,
            "Akut henvendelse fra skolen",
            None,
        )
        assert row["opened"].startswith(NOW.isoformat()) or row["opened"] < row["expires"]
    markdown = case1.ok("report", "weekly", "-f", "markdown", user="LBH", today=NOW).stdout
    section = markdown.split("## Emergency access this week (1)")[1]
    assert "| ATP" in section and REF in section and "Akut henvendelse fra skolen" in section
    html = case1.ok("report", "weekly", "-f", "html", user="LBH", today=NOW).stdout
    assert 'id="emergency-access"' in html and "Akut henvendelse fra skolen" in html
    table = case1.ok("report", "weekly", user="LBH", today=NOW).stdout
    assert "Emergency access this week" in table and "Akut henvendelse" in table


def test_an_empty_week_says_so(case1):
    markdown = case1.ok("report", "weekly", "-f", "markdown", user="LBH", today=NOW).stdout
    assert "## Emergency access this week\n" in markdown and "No emergency access was opened this week." in markdown


def test_pseudonymised_weekly_report_leaves_the_reason_out(case1):
    assert_ok(_open(case1))
    data = case1.ok("report", "weekly", "-f", "json", "--pseudonymise", user="LBH", today=NOW).json()
    [row] = data["emergency_access"]
    assert row["case"].startswith("P-") and row["note"] == "(udeladt)"


def test_audit_unusual_shows_the_grant_and_the_reads_under_it(case1):
    assert_ok(_open(case1))
    case1.ok("case", "show", REF, user="ATP")
    rows = case1.ok("audit", "unusual", *WIDE, "-f", "json", user="LBH").json()
    opened = [r for r in rows if r["action"] == "access.open"]
    assert len(opened) == 1 and opened[0]["why"][0].startswith("emergency access opened")
    [read] = [r for r in rows if r["action"] == "case.show" and r["user"] == "ATP"]
    assert "emergency access" in read["why"] and "outside caseload" not in read["why"]


# -- the access letter is as it was ------------------------------------------------------------------


def test_the_access_letter_still_takes_ref_or_cpr_first(case1):
    data = case1.ok("access", REF, "-f", "json", user="MKJ").json()
    assert data["cases"] == [REF]
    assert case1.ok("access", "letter", REF, "-f", "json", user="MKJ").json()["cases"] == [REF]
    assert case1.ok("access", REF, user="MKJ").stdout.startswith("#")  # Markdown, the default


def test_access_help_lists_both_uses(case1):
    result = case1("access", "--help", user="MKJ")
    assert_ok(result)
    for word in ("REF", "--cpr", "open", "close", "review", "letter"):
        assert word in result.stdout


def test_the_letter_words_an_emergency_access_for_the_family(case1):
    assert_ok(_open(case1))
    letter = case1.ok("access", REF, "-f", "markdown", user="MKJ").stdout
    assert "nødadgang" in letter
    data = case1.ok("access", REF, "-f", "json", user="MKJ").json()
    assert any(e["action"] == "access.open" for e in data["entries"])
    assert OTHER not in json.dumps(data)
