"""The weekly report's sections are defined once (samfam.documents.sections): the view, the documents and
the terminal all follow that one list, in its order."""

from __future__ import annotations

import re

import pytest

from samfam.documents.sections import WEEKLY_KEYS, WEEKLY_SECTIONS
from samfam.documents.weekly import render_weekly
from samfam.documents.weekly_tables import BUILDERS
from support import open_, weekly

HEAD = ("team", "as_of", "week", "summary")  # the keys before the sections


def test_the_definition_has_unique_keys_anchors_and_headings():
    for field in ("key", "anchor", "heading", "table_heading"):
        values = [getattr(s, field) for s in WEEKLY_SECTIONS]
        assert len(set(values)) == len(values), field
    assert WEEKLY_KEYS == tuple(s.key for s in WEEKLY_SECTIONS)
    for s in WEEKLY_SECTIONS:
        assert re.fullmatch(r"[a-z][a-z0-9-]*", s.anchor), s.anchor
        assert s.explain and s.empty and s.table.columns, s.key
        assert all(c.justify in ("left", "right") for c in s.table.columns), s.key


def test_the_view_gives_the_defined_sections_in_the_defined_order(team):
    data = weekly(team)
    assert tuple(data) == HEAD + WEEKLY_KEYS


def test_the_documents_have_a_builder_for_every_section_and_no_other():
    assert list(BUILDERS) == list(WEEKLY_KEYS)


def _empty_week() -> dict:
    data: dict = {"team": None, "as_of": "2026-11-22", "week": {"from": "2026-11-16", "to": "2026-11-22"}}
    data["summary"] = {}
    data |= {key: [] for key in WEEKLY_KEYS}
    data["experience"] = {"advisors": [], "team": None}
    return data


def test_the_html_sections_carry_the_defined_ids_headings_and_empty_texts_in_order():
    page = render_weekly(_empty_week(), "html")
    ids = re.findall(r'<section id="([^"]+)" class="section', page)
    assert ids == [s.anchor for s in WEEKLY_SECTIONS]
    for s in WEEKLY_SECTIONS:
        block = page[page.index(f'<section id="{s.anchor}"') :]
        block = block[: block.index("</section>")]
        assert f"<h2>{s.heading}</h2>" in block
        assert f'<p class="empty">{s.empty}</p>' in block


def test_the_markdown_sections_carry_the_defined_headings_and_empty_texts_in_order():
    doc = render_weekly(_empty_week(), "markdown")
    assert re.findall(r"^## (.*)$", doc, flags=re.M) == [s.heading for s in WEEKLY_SECTIONS]
    for s in WEEKLY_SECTIONS:
        assert f"## {s.heading}\n\n{s.explain}\n\n{s.empty}\n" in doc


def test_the_terminal_shows_every_defined_table_heading_and_empty_text_in_order(team):
    result = team("report", "weekly")  # no case yet: every section is empty but the teams' meeting rhythm
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    positions = [lines.index(s.table_heading) for s in WEEKLY_SECTIONS]
    assert positions == sorted(positions)
    for s in WEEKLY_SECTIONS:
        if s.key != "team_rhythm":
            assert lines[lines.index(s.table_heading) + 1] == s.table_empty, s.key


@pytest.mark.parametrize("key", ["caseload", "team_rhythm", "followups_last_7_days"])
def test_the_terminal_tables_have_the_defined_column_headers(team, key):
    section = dict(zip(WEEKLY_KEYS, WEEKLY_SECTIONS, strict=True))[key]
    open_(team, "2026-0001", "BL 86", advisor="ATP", opened="2026-11-01")  # due 2027-02-01: nothing to flag
    lines = team.ok("report", "weekly", "--team", "Syd").stdout.splitlines()
    header = lines[lines.index(section.table_heading) + 2]  # the title, the table's top border, its header
    assert [h.strip() for h in header.strip("┃").split("┃")] == [c.header for c in section.table.columns]
