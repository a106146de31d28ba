"""A count and its noun agree: "1 case", "2 cases", never "1 cases" or "case(s)". Every such phrase goes
through samfam.words.plural (gettext's ngettext), so a catalogue gives the other language its own forms.

Case 2026-0101 (fixture case1): BL 86 since 2026-06-01, no follow-up: due 2026-09-01. On 2026-09-02 it is
1 day overdue; on 2026-08-31 it is due in 1 day.
"""

from __future__ import annotations

import re

from support import REF, assert_ok, d

ONE_DAY_OVERDUE = d("2026-09-02")
DUE_TOMORROW = d("2026-08-31")


def test_explain_and_attention_say_one_day_overdue(case1):
    explained = " ".join(case1.ok("explain", REF, today=ONE_DAY_OVERDUE).stdout.split())
    assert "The follow-up is 1 day overdue." in explained, explained
    (row,) = case1.ok("case", "list", "--attention", "-f", "json", today=ONE_DAY_OVERDUE).json()
    assert "follow-up 1 day overdue" in row["attention"], row["attention"]


def test_explain_says_due_in_one_day(case1):
    explained = " ".join(case1.ok("explain", REF, today=DUE_TOMORROW).stdout.split())
    assert "The follow-up is due in 1 day." in explained, explained


def test_due_within_one_day(case1):
    result = case1.ok("due", "--within", "1", today=d("2026-08-20"))
    assert "Nothing due within 1 day." in result.stdout, result.stdout
    table = case1.ok("due", "--within", "1", today=DUE_TOMORROW).stdout
    assert "within 1 day (1)" in table, table


def test_the_calendar_says_in_one_day(case1):
    ics = case1.ok("calendar", today=DUE_TOMORROW).stdout.replace("\r\n ", "").replace("\n ", "")
    assert "in 1 day from 2026-08-31" in ics, ics
    assert "in 1 days" not in ics


def test_the_audit_log_counts_one_case_and_one_deadline(case1):
    """What a listing logs of the cases it showed: "1 case", "1 deadline" (in English: the database keeps it)."""
    case1.ok("case", "list")
    case1.ok("deadlines", "--within", "2000")  # the 16th birthday, 2031-03-01; not the 18th (2033)
    case1.ok("overdue")
    details = [row["detail"] for row in case1.ok("audit", "-f", "json").json() if row["detail"]]
    assert "1 case" in details, details
    assert "1 deadline" in details, details
    assert not [detail for detail in details if re.search(r"\b1 (cases|deadlines)\b", detail)], details


def test_an_advisor_who_leaves_one_open_case(case1):
    result = case1("advisor", "leave", "MKJ", "--on", "2026-11-22")
    assert_ok(result)
    assert f"1 open case needs a new advisor: {REF}" in result.stderr, result.stderr
    assert "case(s)" not in result.stderr


def test_a_rhythm_of_one_day(team):
    table = team.ok("team", "rhythm", "--team", "Nord", "--case-meetings-every", "1").stdout
    assert "every 1 day " in table, table
    (row,) = [r for r in team.ok("audit", "-f", "json").json() if r["action"] == "team.rhythm"]
    assert row["detail"] == "Nord: case meetings every 1 day", row


def test_a_backup_of_one_case(case1, tmp_path):
    result = case1("backup", str(tmp_path / "copy.db"))
    assert_ok(result)
    assert ", 1 case, " in result.stdout, result.stdout


def test_the_card_labels_a_follow_up_not_yet_due_by_what_it_is(case1):
    """The card's label goes by the sign: a follow-up due in 1 day is not under "days overdue"."""
    card_text = case1.ok("case", "show", REF, today=DUE_TOMORROW).stdout
    assert re.search(r"^next follow-up +due in 1 day\b", card_text, re.M), card_text
    assert "days overdue" not in card_text, card_text
    card_text = case1.ok("case", "show", REF, today=ONE_DAY_OVERDUE).stdout
    assert re.search(r"^days overdue +1 day overdue\b", card_text, re.M), card_text
    assert case1.ok("case", "show", REF, "-f", "json", today=DUE_TOMORROW).json()["days_overdue"] == -1


def test_the_caseload_total_names_its_team_once(case1):
    """Defect: the TOTAL row read "TOTAL │ Nord │ Nord": the team as its name and again as its team."""
    table = case1.ok("caseload", "--team", "Nord").stdout
    (total,) = [line for line in table.splitlines() if "TOTAL" in line]
    assert total.count("Nord") == 1, total
    rows = case1.ok("caseload", "--team", "Nord", "-f", "json").json()
    assert (rows[-1]["advisor"], rows[-1]["name"], rows[-1]["team"]) == ("TOTAL", "Nord", None)
    everyone = case1.ok("caseload", "-f", "json").json()
    assert (everyone[-1]["name"], everyone[-1]["team"]) == ("all teams", None)
