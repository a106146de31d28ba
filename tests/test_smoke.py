def test_overdue_on_a_small_team(team, open_case):
    open_case("2026-0001", "BL 86")
    team.ok("event", "add", "2026-0001", "followup", "--on", "2026-07-01")
    result = team("overdue", "-f", "json")
    assert result.exit_code == 0
    rows = result.json()
    assert [(r["case"], r["next_due"], r["days_overdue"]) for r in rows] == [("2026-0001", "2026-10-01", 52)]
