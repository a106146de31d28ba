"""`samfam demo`: a fictional team to try samfam on, never built over real data."""

from __future__ import annotations

import sqlite3

from support import assert_error


def test_the_demo_builds_shows_what_is_overdue_and_can_be_rebuilt(tmp_path, samfam):
    path = tmp_path / "try.db"
    first = samfam("demo", "--db", str(path))
    assert first.exit_code == 0, first.stderr
    assert "10 advisors, 240 cases" in first.stdout
    assert "Overdue follow-ups on 2026-11-22" in first.stdout and "Try next" in first.stdout
    assert f"export SAMFAM_DB='{path}'" in first.stdout
    with sqlite3.connect(path) as conn:
        counted = conn.execute("SELECT count(*) FROM cases").fetchone()
        assert conn.execute("SELECT cpr FROM cases WHERE cpr IS NOT NULL").fetchall() == []  # no CPR numbers
    again = samfam("demo", "--db", str(path))  # an earlier demo database is rebuilt, not added to
    assert again.exit_code == 0, again.stderr
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM cases").fetchone() == counted == (240,)


def test_the_demo_refuses_a_database_with_real_cases(team, open_case):
    open_case("2026-0001", "BL 86")
    before = team.snapshot()
    assert_error(team("demo", "--db", str(team.db)), 1, str(team.db), "real cases")
    assert team.snapshot() == before
