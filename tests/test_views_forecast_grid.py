"""The forecast for people (samfam.views.forecast_grid): a row per advisor, a column per week, 12 weeks a table."""

from datetime import date, timedelta

from samfam.views import forecast_grid as grid

MONDAY = date(2026, 11, 2)


def week(advisor, team, i, items=3, workdays=5, flagged=False, away=False):
    return {"advisor": advisor, "team": team, "week": MONDAY + timedelta(weeks=i), "followups": items, "deadlines": 0,
            "decisions": 0, "items": items, "workdays": workdays, "load": None, "team_median": None,
            "flagged": flagged, "away": away}  # fmt: skip


def test_cell_text():
    assert grid.cell_text(week("A", None, 0, 4, 5)) == "4/5d"
    assert grid.cell_text(week("A", None, 0, 9, 4, flagged=True)) == "9/4d !"
    assert grid.cell_text(week("A", None, 0, 2, 0, flagged=True, away=True)) == "2/0d away"


def test_a_table_per_12_weeks_the_caption_on_the_last():
    rows = [week(a, t, i, flagged=(a, i) == ("MKJ", 13)) for i in range(14) for a, t in (("MKJ", "Nord"), ("SØ", None))]
    first, last = grid.grids(rows, team="Nord")
    assert first.title == "What is coming: weeks W45–W03, Monday 2026-11-02 to Sunday 2027-01-24, team Nord"
    assert first.caption is None
    assert [c.header for c in first.listing.columns][:4] == ["Advisor", "Team", "W45", "W46"]
    assert first.rows[1] == {"advisor": "SØ", "team": None} | {f"w{i}": "3/5d" for i in range(12)}
    assert last.title == "What is coming: weeks W04–W05, Monday 2027-01-25 to Sunday 2027-02-07, team Nord"
    assert last.rows[0] == {"advisor": "MKJ", "team": "Nord", "w0": "3/5d", "w1": "3/5d !"}
    assert last.caption.endswith(" Flagged: 1 advisor-week.")


def test_one_week_one_advisor_and_no_rows():
    [only] = grid.grids([week("MKJ", "Nord", 0)], advisor=True)
    assert only.title == "What is coming: week W45, Monday 2026-11-02 to Sunday 2026-11-08, advisor MKJ"
    assert only.caption.endswith(" Nothing flagged.")
    assert grid.grids([]) == []


def test_the_listing_for_scripts_is_the_row_type():
    assert grid.FORECAST.fields == tuple(week("A", None, 0))
