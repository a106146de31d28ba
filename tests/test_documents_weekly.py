"""The weekly report as a document (samfam.weekly_doc): Markdown for e-mail, self-contained HTML."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from samfam.documents.sections import WEEKLY_SECTIONS
from samfam.documents.weekly import render_weekly

FORMATS = ("markdown", "html")
TITLES = [s.heading for s in WEEKLY_SECTIONS]


def _case(ref, advisor, days_overdue, **extra):
    row = {
        "case": ref,
        "advisor": advisor,
        "buddy": None,
        "team": "Nord",
        "track": "3m",
        "paragraphs": ["BL 86", "BL 87"],
        "last_followup": date(2026, 8, 1),
        "next_due": date(2026, 11, 1),
        "days_overdue": days_overdue,
        "level": "overdue" if days_overdue is not None and days_overdue > 0 else "due soon",
    }
    return row | extra


def _week(label, start, due, on_time, finished=0, in_time=0):
    """One week of the barometer section, as samfam.views.weekly.barometer_weeks gives it."""
    first = date.fromisoformat(start)
    return {
        "week": label,
        "from": first,
        "to": date.fromordinal(first.toordinal() + 6),
        "followups_due": due,
        "on_time": on_time,
        "on_time_pct": round(100 * on_time / due, 1) if due else None,
        "investigations_finished": finished,
        "investigations_in_time": in_time,
        "investigations_in_time_pct": round(100 * in_time / finished, 1) if finished else None,
    }


# 12 weeks: W38 and W45 had nothing due (no rate); investigations ended in W40 (1 of 2 in time) and W46.
WEEKS = [
    _week("2026-W36", "2026-08-31", 5, 4),
    _week("2026-W37", "2026-09-07", 3, 3),
    _week("2026-W38", "2026-09-14", 0, 0),
    _week("2026-W39", "2026-09-21", 4, 2),
    _week("2026-W40", "2026-09-28", 2, 1, finished=2, in_time=1),
    _week("2026-W41", "2026-10-05", 6, 6),
    _week("2026-W42", "2026-10-12", 1, 0),
    _week("2026-W43", "2026-10-19", 4, 3),
    _week("2026-W44", "2026-10-26", 2, 2),
    _week("2026-W45", "2026-11-02", 0, 0),
    _week("2026-W46", "2026-11-09", 3, 1, finished=1, in_time=1),
    _week("2026-W47", "2026-11-16", 3, 2),
]
BAROMETER = {
    "weeks": WEEKS,
    # 33 due, 24 on time: 72.7 %; 3 investigations ended, 2 within 4 months: 66.7 %
    "total": _week("", "2026-08-31", 33, 24, finished=3, in_time=2) | {"to": date(2026, 11, 22)},
}
del BAROMETER["total"]["week"]


# A reduced copy of a real `reports.weekly(...)` result, with every key; fictional staff, no children.
SAMPLE = {
    "team": "Nord",
    "as_of": date(2026, 11, 22),
    "week": {"from": date(2026, 11, 16), "to": date(2026, 11, 22)},
    "summary": {"open_cases": 57, "overdue": 4, "due_next_7_days": 1, "unclassified": 1},
    "overdue_by_advisor": [
        {
            "advisor": "ZED",
            "name": "Zenia Eriksen Dahl",
            "overdue": 3,
            "cases": [
                _case("2023-0901", "ZED", 26, reason="compensation only: BL 86, BL 87"),
                _case("2025-0902", "ZED", 17, track="6w", paragraphs=["BL 32.1.7"], reason="a measure"),
                _case("2026-0903", "ZED", 9, reason="compensation only: BL 86"),
            ],
        },
        {
            "advisor": "ABC",
            "name": "Anna Bech Carlsen",
            "overdue": 1,
            "cases": [
                _case(
                    "2024-0904",
                    "ABC",
                    96,  # 3m from 2026-05-18: due 08-18, merely overdue until 11-18
                    next_due=date(2026, 8, 18),
                    level="seriously overdue",
                    reason="compensation with support add-ons: BL 86, BL 30",
                )
            ],
        },
    ],
    "due_next_7_days": [_case("2026-0905", "ABC", -3, buddy="ZED", next_due="2026-11-25")],
    "unclassified": [
        _case(
            "2025-0906",
            "QRS",
            None,
            track="unclassified",
            paragraphs=["BL 30"],
            next_due=None,
            reason="only support add-ons, no compensation grant: BL 30",
        )
    ],
    "legal_deadlines": [
        {
            "case": "2024-0907",
            "advisor": "ABC",
            "kind": "investigation",
            "deadline": date(2026, 8, 17),
            "days_left": -97,
            "what": "BL 20 started 2026-04-17 must be finished",
            "law": "BL § 20 stk. 3",
            "age": None,
        },
        {
            "case": "2023-0908",
            "advisor": "ZED",
            "kind": "turns-18",
            "deadline": date(2026, 12, 10),
            "days_left": 18,
            "what": "turns 18: close or transfer the case",
            "law": "BL § 123",
            "age": 17,
        },
    ],
    "complex_without_buddy": [{"case": "2026-0909", "advisor": "QRS", "track": "6w"}],
    "open_handovers": [
        {
            "case": "2024-0910",
            "advisor": "ZED",
            "kind": "advisor-change",
            "started": date(2026, 11, 19),
            "missing": ["family-told", "handover-meeting", "next-followup-booked"],
        }
    ],
    "goals_past_target": [
        {
            "case": "2023-0911",
            "advisor": "ABC",
            "id": 104,
            "text": "Kira sover i egen seng fire nætter om ugen",
            "status": "in-progress",
            "target": date(2026, 10, 30),
        }
    ],
    "actors_without_coordinator": [
        {"case": "2023-0912", "advisor": "ZED", "id": 328, "kind": "school", "name": "Egeskolen"}
    ],
    "caseload": [
        {
            "advisor": "ABC",
            "name": "Anna Bech Carlsen",
            "team": "Nord",
            "primary": 27,
            "buddy": 3,
            "3m": 18,
            "6w": 8,
            "unclassified": 1,
            "complex": 5,
            "target": 24,
            "vs_target": 3,
        },
        {
            "advisor": "QRS",
            "name": "Rasmus Qvist Sand",
            "team": "Nord",
            "primary": 11,
            "buddy": 0,
            "3m": 6,
            "6w": 4,
            "unclassified": 1,
            "complex": 1,
            "target": None,
            "vs_target": None,
        },
        {
            "advisor": "ZED",
            "name": "Zenia Eriksen Dahl",
            "team": "Nord",
            "primary": 19,
            "buddy": 6,
            "3m": 12,
            "6w": 7,
            "unclassified": 0,
            "complex": 3,
            "target": 24,
            "vs_target": -5,
        },
        {
            "advisor": "TOTAL",
            "name": "Nord",
            "team": "Nord",
            "primary": 57,
            "buddy": 9,
            "3m": 36,
            "6w": 19,
            "unclassified": 2,
            "complex": 9,
            "target": 48,
            "vs_target": 9,
        },
    ],
    "team_rhythm": [
        {
            "team": "Nord",
            "kind": "case-meeting",
            "rhythm": "every 7 days",
            "last": date(2026, 11, 3),
            "next_due": date(2026, 11, 10),
            "days_overdue": 12,
            "status": "overdue",
        },
        {
            "team": "Nord",
            "kind": "half-day",
            "rhythm": None,
            "last": date(2026, 10, 8),
            "next_due": None,
            "days_overdue": None,
            "status": "held",
        },
    ],
    "learning_goals": [
        {
            "id": 8,
            "advisor": "QRS",
            "team": "Nord",
            "text": "Bruge Signs of Safety-skalaen ved alle opfølgninger",
            "status": "open",
            "created": date(2026, 5, 6),
            "last_review": date(2026, 7, 15),
            "review_due": date(2026, 10, 15),
            "attention": ["not reviewed for 3 months"],
        }
    ],
    "followups_last_7_days": [
        {"advisor": "ABC", "name": "Anna Bech Carlsen", "followups": 3},
        {"advisor": "QRS", "name": "Rasmus Qvist Sand", "followups": 0},
        {"advisor": "ZED", "name": "Zenia Eriksen Dahl", "followups": 5},
    ],
    "barometer": BAROMETER,
    "experience": {
        "advisors": [{"advisor": "ABC", "cases": 9, "change": 1.11}, {"advisor": "ZED", "cases": 4, "change": -0.25}],
        "team": {"cases": 13, "first": 2.57, "latest": 3.16, "change": 0.59},
    },
}

EMPTY = SAMPLE | {
    "team": None,
    "summary": {"open_cases": 0, "overdue": 0, "due_next_7_days": 0, "unclassified": 0},
    "overdue_by_advisor": [],
    "due_next_7_days": [],
    "unclassified": [],
    "legal_deadlines": [],
    "complex_without_buddy": [],
    "open_handovers": [],
    "goals_past_target": [],
    "actors_without_coordinator": [],
    "caseload": [],
    "team_rhythm": [],
    "learning_goals": [],
    "followups_last_7_days": [],
    "barometer": {
        "weeks": [_week(w["week"], w["from"].isoformat(), 0, 0) for w in WEEKS],
        "total": BAROMETER["total"]
        | {
            "followups_due": 0,
            "on_time": 0,
            "on_time_pct": None,
            "investigations_finished": 0,
            "investigations_in_time": 0,
            "investigations_in_time_pct": None,
        },
    },  # fmt: skip
    "experience": {"advisors": [], "team": None},
}

EMPTY_WORDING = [
    "No follow-up is overdue.",
    "No follow-up falls due in the next 7 days.",
    "Every open case has a follow-up track.",
    "No legal deadline has passed or falls within 30 days.",
    "Every complex case has a buddy.",
    "No handover is open.",
    "No goal is past its target date.",
    "Every actor has an agreed coordinator.",
    "No caseload figures.",
    "No team meetings are registered.",
    "Every learning goal has been reviewed within 3 months.",
    "No follow-ups were held in the last 7 days.",
    "No follow-up fell due and no investigation ended in the last 12 weeks.",
    "No case has been measured twice yet.",
]


def _svg(doc: str) -> ET.Element:
    match = re.search(r"<svg\b.*?</svg>", doc, re.S)
    assert match, "no inline SVG"
    return ET.fromstring(match.group(0))


def _md_cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_sample_carries_every_section_key():
    assert set(SAMPLE) == {
        "team",
        "as_of",
        "week",
        "summary",
        "overdue_by_advisor",
        "due_next_7_days",
        "unclassified",
        "legal_deadlines",
        "complex_without_buddy",
        "open_handovers",
        "goals_past_target",
        "actors_without_coordinator",
        "caseload",
        "team_rhythm",
        "learning_goals",
        "followups_last_7_days",
        "barometer",
        "experience",
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_section_has_its_heading(fmt):
    doc = render_weekly(SAMPLE, fmt)
    for title in TITLES:
        if fmt == "markdown":
            assert re.search(rf"^## {re.escape(title)}( \(\d+\))?$", doc, re.M), title
        else:
            assert re.search(rf"<h2>{re.escape(title)}( <span|</h2>)", doc), title
    mark = "## " if fmt == "markdown" else "<h2>"
    positions = [doc.index(mark + title) for title in TITLES]
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_names_the_team_and_the_week(fmt):
    doc = render_weekly(SAMPLE, fmt)
    assert "Weekly report: Team Nord" in doc
    assert "16–22 November 2026" in doc
    assert "Weekly report: All teams" in render_weekly(SAMPLE | {"team": None}, fmt)


def test_summary_line_comes_first_and_counts_deadlines_and_handovers():
    doc = render_weekly(SAMPLE, "markdown")
    line = next(x for x in doc.splitlines() if x.startswith("**Summary:**"))
    assert doc.index(line) < doc.index("## ")
    for part in ("57 open cases", "4 overdue", "1 due in 7 days", "1 needs classification", "2 legal deadlines"):
        assert part in line
    assert "(1 passed)" in line and "1 open handover" in line


@pytest.mark.parametrize("fmt", FORMATS)
def test_overdue_advisors_keep_the_given_order(fmt):
    doc = render_weekly(SAMPLE, fmt)
    assert "By advisor: ZED 3 · ABC 1" in doc
    section = doc[doc.index(TITLES[0]) : doc.index(TITLES[1])]
    cases = re.findall(r"20\d\d-09\d\d", section)
    assert cases == ["2023-0901", "2025-0902", "2026-0903", "2024-0904"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_sections_say_so_in_one_line(fmt):
    doc = render_weekly(EMPTY, fmt)
    for title in TITLES:
        assert title in doc
    for sentence in EMPTY_WORDING:
        assert doc.count(sentence) == 1, sentence
    if fmt == "markdown":
        assert "\nNo follow-up is overdue.\n" in doc
        assert "| Case" not in doc
    else:
        assert '<p class="empty">No follow-up is overdue.</p>' in doc
        assert "<table" not in doc and "<svg" not in doc


def test_html_is_one_self_contained_printable_file():
    doc = render_weekly(SAMPLE, "html")
    assert doc.startswith("<!doctype html>")
    assert '<html lang="en">' in doc and '<meta charset="utf-8">' in doc
    lowered = doc.lower()
    for banned in ("<script", "http://", "https://", "url(", "<link", "src=", "@import", "javascript:", " on"):
        if banned == " on":
            assert not re.search(r"\son[a-z]+=", lowered)
        else:
            assert banned not in lowered, banned
    assert "<svg" in doc
    assert "@media print" in doc and "size: A4" in doc
    assert "break-inside: avoid" in doc and "break-after: avoid" in doc


def test_html_escapes_every_text_value():
    data = copy.deepcopy(SAMPLE)
    data["unclassified"][0]["reason"] = "<b>bold</b> & co"
    data["actors_without_coordinator"][0]["name"] = '<img src=x onerror="alert(1)">'
    data["overdue_by_advisor"][0]["advisor"] = "<b>"
    doc = render_weekly(data, "html")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in doc
    assert "<b>bold" not in doc and "<img" not in doc
    assert "&lt;b&gt; 3" in doc  # the advisor in the "By advisor" line
    assert doc.count("<b>") == 6  # only the document's own markup: the six summary figures
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in doc


def test_svg_has_one_bar_group_per_advisor_with_the_numbers():
    doc = render_weekly(SAMPLE, "html")
    svg = _svg(doc)
    assert svg.get("role") == "img" and svg.get("aria-label")
    assert svg.find("title") is not None and svg.find("title").text
    groups = [g for g in svg.iter("g") if g.get("class") == "advisor"]
    assert [g.get("data-advisor") for g in groups] == ["ABC", "QRS", "ZED"]  # caseload order, no TOTAL
    texts = {g.get("data-advisor"): [t.text for t in g.iter("text")] for g in groups}
    assert texts["ABC"] == ["ABC", "1", "27 · target 24"]
    assert texts["QRS"] == ["QRS", "0", "11"]
    assert texts["ZED"] == ["ZED", "3", "19 · target 24"]
    ticks = {g.get("data-advisor"): len([r for r in g.iter("rect") if r.get("class") == "target"]) for g in groups}
    assert ticks == {"ABC": 1, "QRS": 0, "ZED": 1}
    above = [g.get("data-advisor") for g in groups for r in g.iter("rect") if r.get("class") == "bar-above"]
    assert above == ["ABC"]  # 27 against a target of 24
    widths = {
        g.get("data-advisor"): float(r.get("width"))
        for g in groups
        for r in g.iter("rect")
        if r.get("class") == "bar-overdue"
    }
    assert widths["ZED"] == pytest.approx(3 * widths["ABC"])  # scaled to the largest value
    legend = " ".join(t.text for g in svg.iter("g") if g.get("class") == "legend" for t in g.iter("text"))
    assert "Overdue follow-ups" in legend and "Caseload target" in legend


def test_svg_adds_an_overdue_advisor_missing_from_the_caseload():
    data = copy.deepcopy(SAMPLE)
    data["overdue_by_advisor"].append({"advisor": "XYZ", "name": "X", "overdue": 2, "cases": []})
    groups = [g.get("data-advisor") for g in _svg(render_weekly(data, "html")).iter("g") if g.get("class") == "advisor"]
    assert groups == ["ABC", "QRS", "ZED", "XYZ"]


def test_markdown_escapes_pipes_and_keeps_tables_rectangular():
    data = copy.deepcopy(SAMPLE)
    data["unclassified"][0]["reason"] = "a | b"
    doc = render_weekly(data, "markdown")
    assert "a \\| b" in doc
    for block in re.findall(r"(?:^\|.*\|\n)+", doc, re.M):
        widths = {len(_md_cells(line)) for line in block.splitlines()}
        assert len(widths) == 1, block


def test_markdown_right_aligns_numbers():
    doc = render_weekly(SAMPLE, "markdown")
    assert re.search(r"^\|-+\|-+\|-+\|-+\|-+\|-+\|-+:\|-+\|$", doc, re.M)  # overdue: "Days overdue", "Level"
    row = next(x for x in doc.splitlines() if "2023-0901" in x)
    assert _md_cells(row)[-2:] == ["26", "overdue"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_iso_strings_render_exactly_like_dates(fmt):
    as_json = json.loads(json.dumps(SAMPLE, default=str))
    assert isinstance(as_json["as_of"], str)
    assert render_weekly(as_json, fmt) == render_weekly(SAMPLE, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic_and_keeps_children_out(fmt):
    doc = render_weekly(SAMPLE, fmt)
    assert doc == render_weekly(copy.deepcopy(SAMPLE), fmt)
    assert "Kira" not in doc  # goal wording may name the child: left out
    assert "104" in doc  # the goal is still identified by its number


@pytest.mark.parametrize("fmt", FORMATS)
def test_attention_figures(fmt):
    doc = render_weekly(SAMPLE, fmt)
    assert "-97 (passed)" in doc
    assert "overdue by 12 days" in doc
    assert "+3" in doc and "-0.25" in doc and "+0.59" in doc
    if fmt == "html":
        assert '<td class="num alert">-97 (passed)</td>' in doc
        assert '<td class="alert">overdue by 12 days</td>' in doc


@pytest.mark.parametrize("fmt", ["pdf", "HTML", "md", ""])
def test_unknown_format_is_refused_naming_both(fmt):
    with pytest.raises(ValueError) as err:
        render_weekly(SAMPLE, fmt)
    assert "markdown" in str(err.value) and "html" in str(err.value)


# -- escalation levels -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_overdue_rows_show_their_level_and_the_summary_counts_the_serious_ones(fmt):
    doc = render_weekly(SAMPLE, fmt)
    if fmt == "markdown":
        line = next(x for x in doc.splitlines() if x.startswith("**Summary:**"))
        assert "4 overdue (1 seriously)" in line
        section = doc[doc.index("## " + TITLES[0]) : doc.index("## " + TITLES[1])]
        header = next(x for x in section.splitlines() if x.startswith("| Advisor"))
        assert _md_cells(header)[-2:] == ["Days overdue", "Level"]
        levels = {_md_cells(x)[1]: _md_cells(x)[-1] for x in section.splitlines() if re.match(r"\| \w+ +\| 20", x)}
        assert levels == {
            "2023-0901": "overdue",
            "2025-0902": "overdue",
            "2026-0903": "overdue",
            "2024-0904": "seriously overdue",
        }
    else:
        assert '<li class="alert"><b>4</b>overdue<small>1 seriously</small></li>' in doc
        section = doc[doc.index('<section id="overdue"') : doc.index('<section id="due-soon"')]
        assert '<th scope="col" class="nowrap">Level</th>' in section
        assert section.count('<td class="nowrap">overdue</td>') == 3
        assert section.count('<td class="nowrap alert">seriously overdue</td>') == 1
    # the due-soon section says nothing of levels: due soon is what the section is
    due_soon = doc[doc.index(TITLES[1]) : doc.index(TITLES[2])]
    assert "Level" not in due_soon and "due soon" not in due_soon


def test_the_summary_reads_the_serious_count_from_the_summary_when_given():
    data = copy.deepcopy(SAMPLE)
    data["summary"]["seriously_overdue"] = 3
    assert "4 overdue (3 seriously)" in render_weekly(data, "markdown")
    data["summary"]["seriously_overdue"] = 0
    line = next(x for x in render_weekly(data, "markdown").splitlines() if x.startswith("**Summary:**"))
    assert "4 overdue ·" in line and "seriously" not in line


# -- the barometer, week by week -------------------------------------------------------------------------

BAROMETER_TITLE = "On time, week by week"


def _barometer_section(doc: str, fmt: str) -> str:
    if fmt == "markdown":
        start = doc.index(f"## {BAROMETER_TITLE}")
        return doc[start : doc.index("\n## ", start + 1)]
    start = doc.index('<section id="barometer"')
    return doc[start : doc.index("</section>", start)]


def test_markdown_barometer_table_has_a_row_per_week_and_the_total():
    section = _barometer_section(render_weekly(SAMPLE, "markdown"), "markdown")
    lines = [x for x in section.splitlines() if x.startswith("|")]
    assert _md_cells(lines[0]) == [
        "Week", "From", "To", "Due", "On time", "On time %", "Investigations ended", "Within 4 months %",
    ]  # fmt: skip
    assert re.fullmatch(r"\|-+\|-+\|-+\|(-+:\|){5}", lines[1])  # the figures right-aligned
    rows = [_md_cells(x) for x in lines[2:]]
    assert len(rows) == 13
    assert rows[0] == ["2026-W36", "2026-08-31", "2026-09-06", "5", "4", "80.0", "0", "—"]
    assert rows[2] == ["2026-W38", "2026-09-14", "2026-09-20", "0", "0", "—", "0", "—"]  # nothing due: no rate
    assert rows[4] == ["2026-W40", "2026-09-28", "2026-10-04", "2", "1", "50.0", "2", "50.0"]
    assert rows[11] == ["2026-W47", "2026-11-16", "2026-11-22", "3", "2", "66.7", "0", "—"]
    assert rows[12] == ["12 weeks", "2026-08-31", "2026-11-22", "33", "24", "72.7", "3", "66.7"]
    assert "<svg" not in render_weekly(SAMPLE, "markdown")


def _trends(doc: str) -> list[ET.Element]:
    section = _barometer_section(doc, "html")
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", section, re.S)]


def test_html_barometer_has_the_table_and_one_trend_line_per_rate():
    doc = render_weekly(SAMPLE, "html")
    section = _barometer_section(doc, "html")
    assert "<table" in section and '<tr class="total">' in section
    assert '<td class="nowrap">12 weeks</td>' in section
    follow_ups, investigations = _trends(doc)
    for svg in (follow_ups, investigations):
        assert svg.get("role") == "img" and svg.get("class") == "trend"
        assert svg.find("title").text == svg.get("aria-label")
        assert svg.find("desc").text
    assert follow_ups.find("title").text == "Follow-ups on time per week, Team Nord: 2026-W36 to 2026-W47"
    assert investigations.find("title").text.startswith("Investigations within 4 months per week, Team Nord")
    # W38 and W45 had nothing due: 10 points, one line through them
    [line] = follow_ups.findall("polyline")
    points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
    assert len(points) == 10
    assert [c.find("title").text for c in follow_ups.findall("circle")][:3] == [
        "2026-W36: 80.0% on time (4 of 5)",
        "2026-W37: 100.0% on time (3 of 3)",
        "2026-W39: 50.0% on time (2 of 4)",
    ]
    xs = [x for x, _ in points]
    assert xs == sorted(xs) and xs[2] - xs[1] == pytest.approx(2 * (xs[1] - xs[0]), abs=0.2)  # W38 left out, not moved
    heights = {c.find("title").text[:8]: float(c.get("cy")) for c in follow_ups.findall("circle")}
    assert heights["2026-W41"] < heights["2026-W36"] < heights["2026-W39"] < heights["2026-W42"]  # 100 > 80 > 50 > 0
    assert [(x, heights[t.find("title").text[:8]]) for t, x in zip(follow_ups.findall("circle"), xs, strict=True)] == (
        points
    )  # a point on the line for each week with a rate
    assert "2026-W38: no follow-up due" in follow_ups.find("desc").text
    # investigations ended in two weeks only: two points, one line between them
    assert len(investigations.findall("circle")) == 2
    assert len(investigations.find("polyline").get("points").split()) == 2


def test_html_barometer_titles_are_escaped_and_draw_no_line_without_a_rate():
    data = copy.deepcopy(SAMPLE) | {"team": '<Nord & "Syd">'}
    for week in data["barometer"]["weeks"]:
        week["investigations_finished"] = week["investigations_in_time"] = 0
        week["investigations_in_time_pct"] = None
    doc = render_weekly(data, "html")
    section = _barometer_section(doc, "html")
    assert section.count("<svg") == 2
    title = "Follow-ups on time per week, Team &lt;Nord &amp; &quot;Syd&quot;&gt;: 2026-W36 to 2026-W47"
    assert f"<title>{title}</title>" in section and f'aria-label="{title}"' in section
    assert '<Nord & "Syd">' not in doc
    _, investigations = _trends(doc)
    assert investigations.find("polyline") is None and investigations.find("circle") is None
    assert "No rate in these weeks" in [t.text for t in investigations.iter("text")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_barometer_with_nothing_due_and_nothing_ended_is_one_line(fmt):
    section = _barometer_section(render_weekly(EMPTY, fmt), fmt)
    assert "No follow-up fell due and no investigation ended in the last 12 weeks." in section
    assert "<svg" not in section and "<table" not in section and "| Week" not in section


# -- in Danish (issue 20) -------------------------------------------------------------------------------


@pytest.fixture
def danish():
    from samfam import words

    token = words.use("da")
    yield
    words.done(token)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_document_in_danish(danish, fmt):
    page = render_weekly(copy.deepcopy(SAMPLE), fmt)
    assert "Ugerapport: Team Nord" in page
    assert "Uge 16.–22. november 2026 (data pr. 22. november 2026)" in page
    assert "72,7" in page and "72.7" not in page  # the barometer's rate over the 12 weeks, a decimal comma
    for title in TITLES:
        assert title not in page, title
    for english in ("Weekly report", "Summary", "November", "Produced by samfam", "(passed)", "3-month"):
        assert english not in page, english


def test_the_rhythm_is_english_in_the_data_and_danish_for_people():
    from samfam.rules.team import rhythm, rhythm_words

    assert rhythm("case-meeting", 14) == "every 14 days"
    assert rhythm("stop-op", None) == "every 3 months"
    assert rhythm("half-day", 14) is None
    assert rhythm_words("every 14 days", "da") == "hver 14. dag"
    assert rhythm_words("every 3 months", "da") == "hver 3. måned"
    assert rhythm_words("every 3 months", "en") == "every 3 months"
    assert rhythm_words(None, "da") is None
