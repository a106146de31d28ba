"""The barometer as Markdown (samfam.documents.barometer): pure text from plain values."""

from datetime import date

from samfam.documents import barometer
from samfam.listing import Column

COLUMNS = (Column("advisor", "Advisor"), Column("on_time_pct", "%", "right"), Column("worst_delay", "Worst", "right"))


def test_markdown_title_table_and_missing_figures():
    rows = [
        {"advisor": "MKJ", "on_time_pct": 87.5, "worst_delay": 12},
        {"advisor": "all", "on_time_pct": None, "worst_delay": 0},
    ]
    text = barometer.markdown(date(2026, 1, 1), date(2026, 6, 30), "Nord", rows, COLUMNS)
    assert text.splitlines() == [
        "# Barometer 2026-01-01 – 2026-06-30, team Nord",
        "",
        "| Advisor |    % | Worst |",
        "|---------|-----:|------:|",
        "| MKJ     | 87.5 |    12 |",
        "| all     |    – |     0 |",
    ]
    assert text.endswith("|\n")


def test_markdown_without_team_escapes_pipes():
    text = barometer.markdown(date(2026, 1, 1), date(2026, 1, 31), None, [{"advisor": "A|B"}], COLUMNS[:1])
    assert text.splitlines()[0] == "# Barometer 2026-01-01 – 2026-01-31"
    assert "| A\\|B    |" in text
