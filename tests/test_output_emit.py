"""output.emit: one way out for every result in every format; the command layer never branches on it."""

from __future__ import annotations

import json
import sys

import pytest

from samfam.errors import UsageError
from samfam.listing import Column, Listing
from samfam.output import emit as out

LISTING = Listing((Column("case", "Case"), Column("days", "Days", "right")), ("case", "days"))
ROWS = [{"case": "2024-0001", "days": 3, "hidden": "x"}, {"case": "2024-0002", "days": 0, "hidden": "y"}]


def test_a_table_for_scripts_carries_the_listings_fields_in_order(capsys):
    out.emit(out.Table(ROWS, LISTING), "json")
    assert json.loads(capsys.readouterr().out) == [{"case": "2024-0001", "days": 3}, {"case": "2024-0002", "days": 0}]
    out.emit(out.Table(ROWS, LISTING), "csv", only=["days"])
    assert capsys.readouterr().out == "days\n3\n0\n"


def test_fields_the_listing_does_not_have_are_refused_before_anything_is_shown(capsys):
    with pytest.raises(UsageError, match="unknown field 'hidden'"):
        out.emit(out.Table(ROWS, LISTING), "json", only=["hidden"])
    with pytest.raises(UsageError, match="--fields chooses"):
        out.check(LISTING, ["case"], "table")
    assert capsys.readouterr().out == ""


def test_parts_for_people_one_after_another_and_for_scripts_the_whole(capsys):
    first = out.Table(ROWS[:1], LISTING, title="Overdue (1)", empty="None overdue.")
    second = out.Table([], LISTING, title="Needs a new advisor (0)", empty="")  # no rows, no words: left out
    third = out.Table(ROWS[1:], LISTING, title="Needs classification (1)")
    parts = out.Parts([first, second, third], whole=out.Table(ROWS, LISTING))
    out.emit(parts, "table")
    shown = capsys.readouterr().out
    assert "Overdue (1)" in shown and "Needs classification (1)" in shown
    assert "Needs a new advisor" not in shown
    assert "\n\nNeeds classification" in shown  # an empty line between the tables
    out.emit(parts, "ndjson")
    assert [json.loads(line)["case"] for line in capsys.readouterr().out.splitlines()] == ["2024-0001", "2024-0002"]


def test_a_document_renders_its_format_and_gives_its_data_as_json(tmp_path, capsys):
    document = out.Document(render=lambda fmt: f"<{fmt}>", data={"team": "Nord"})
    out.emit(document, "markdown")
    assert capsys.readouterr().out == "<markdown>\n"
    out.emit(document, "json")
    assert json.loads(capsys.readouterr().out) == {"team": "Nord"}
    target = tmp_path / "week.html"
    out.emit(document, "html", path=str(target))
    assert target.read_text() == "<html>"
    assert capsys.readouterr().err == ""  # off a terminal a file written says nothing (cron mails output)


def test_a_file_written_is_named_on_a_terminal_only(tmp_path, capsys, monkeypatch):
    document = out.Document(render=lambda fmt: f"<{fmt}>", data={})
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    out.emit(document, "html", path=str(tmp_path / "a.html"))
    assert capsys.readouterr().err == f"Wrote {tmp_path / 'a.html'}.\n"
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    out.emit(document, "html", path=str(tmp_path / "b.html"))
    assert capsys.readouterr().err == ""


def test_lines_for_people_and_a_card_for_scripts(capsys):
    lines = out.Lines(["The audit log is intact: 3 rows."], {"ok": True, "rows": 3})
    out.emit(lines, "table")
    assert capsys.readouterr().out == "The audit log is intact: 3 rows.\n"
    out.emit(lines, "json")
    assert json.loads(capsys.readouterr().out) == {"ok": True, "rows": 3}
