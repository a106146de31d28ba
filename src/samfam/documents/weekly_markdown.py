"""The weekly report as Markdown, for e-mail: headings, explanation lines and aligned tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from samfam.documents.sections import COUNTED_BY
from samfam.documents.text import markdown_table, md_cell
from samfam.documents.weekly_summary import FOOTER, summary_figures, summary_line, team_label, week_line
from samfam.documents.weekly_tables import Section, build_sections
from samfam.words import text


def _table(section: Section) -> list[str]:
    return markdown_table(
        [md_cell(c.label) for c in section.cols],
        [[md_cell(cell.text) for cell in row.cells] for row in section.rows],
        right=[c.kind == "num" for c in section.cols],
    )


def markdown(data: Mapping[str, Any]) -> str:
    out = [
        "# " + text("Weekly report: {team}").format(team=team_label(data)),
        "",
        week_line(data),
        "",
        text(COUNTED_BY),
        "",
        text("**Summary:** {figures}").format(figures=summary_line(summary_figures(data))),
    ]
    for s in build_sections(data):
        heading = s.title + (f" ({s.count})" if s.count else "")
        out += ["", f"## {heading}", "", s.explain, ""]
        if s.is_empty:
            out.append(s.empty)
            continue
        if s.lead:
            out += [s.lead, ""]
        out += _table(s)
    out += ["", "---", text(FOOTER)]
    return "\n".join(out) + "\n"
