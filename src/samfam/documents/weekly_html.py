"""The weekly report as one HTML file: self-contained (inline CSS and SVG, no script), printable on A4."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from samfam.documents.sections import COUNTED_BY
from samfam.documents.text import escape_html, html_table
from samfam.documents.weekly_chart import chart_rows, idle_staff, svg
from samfam.documents.weekly_summary import FOOTER, summary_figures, team_label, week_line
from samfam.documents.weekly_tables import Cell, Section, build_sections
from samfam.documents.weekly_trend import trend_svg
from samfam.documents.weekly_values import number
from samfam.words import language, text

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 68rem; padding: 1.5rem 1.5rem 2.5rem; color: #1f2328; background: #fff;
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans",
  sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .15rem; }
.week { margin: 0 0 1rem; color: #57606a; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0 0 .4rem; padding: 0; list-style: none; }
.summary li { flex: 1 1 8rem; padding: .4rem .7rem; border: 1px solid #d0d7de; border-radius: 6px;
  background: #f6f8fa; }
.summary b { display: block; font-size: 1.5rem; line-height: 1.2; font-variant-numeric: tabular-nums; }
.summary small { display: block; color: #57606a; }
.summary li.alert { border: 2px solid #b3261e; border-left-width: 6px; background: #fff; }
.summary li.alert b { color: #b3261e; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .2rem; padding-bottom: .15rem; border-bottom: 2px solid #d0d7de; }
h2 .count { font-weight: normal; color: #57606a; }
p { margin: 0 0 .45rem; }
.explain { color: #57606a; font-size: .9rem; }
.empty { font-style: italic; }
.lead { font-size: .9rem; }
table { width: 100%; border-collapse: collapse; font-size: .85rem; }
table.narrow { width: auto; min-width: 50%; }
th, td { padding: .25rem .5rem; text-align: left; vertical-align: top; border-bottom: 1px solid #e1e4e8; }
thead th { background: #eef1f4; border-bottom: 2px solid #8c959f; font-weight: 600; }
tbody tr:nth-child(even) { background: #f6f8fa; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap, .item { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.alert { color: #b3261e; font-weight: 700; }
tr.group td { border-top: 2px solid #8c959f; }
tr.total td { font-weight: 700; background: #eef1f4; border-top: 2px solid #57606a; }
figure { margin: .6rem 0 0; }
figure svg { display: block; width: 100%; max-width: 780px; height: auto; }
figcaption { font-size: .85rem; color: #57606a; }
.trends { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.trends figure { flex: 0 1 21rem; }
.trends svg { max-width: 21rem; }
footer { margin-top: 2rem; padding-top: .4rem; border-top: 1px solid #d0d7de; font-size: .8rem; color: #57606a; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  .summary { flex-wrap: nowrap; gap: .3rem; }
  .summary li { flex: 1 1 0; padding: .25rem .45rem; }
  .summary b { font-size: 13pt; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11.5pt; margin-top: 1rem; break-after: avoid; page-break-after: avoid; }
  .explain, .lead { break-after: avoid; page-break-after: avoid; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, li, figure, svg { break-inside: avoid; page-break-inside: avoid; }
  section.keep { break-inside: avoid; page-break-inside: avoid; }
}
"""


_KEEP_ROWS = 8  # sections this short are kept on one page when printed


def _cell(cell: Cell) -> str:
    if cell.items:
        return ", ".join(f'<span class="item">{escape_html(item)}</span>' for item in cell.items)
    return escape_html(cell.text)


def _table(section: Section) -> list[str]:
    return html_table(
        [c.label for c in section.cols],
        [[_cell(cell) for cell in row.cells] for row in section.rows],
        table_class="narrow" if len(section.cols) <= 4 else "",
        column_classes=[c.kind if c.kind != "text" else "" for c in section.cols],
        cell_classes=[["alert" if cell.alert else "" for cell in row.cells] for row in section.rows],
        row_classes=[row.cls for row in section.rows],
    )


def _trends(section: Section, team: str) -> list[str]:
    """The section's rates as small line charts, one figure each, side by side."""
    if not section.trends:
        return []
    out = ['<div class="trends">']
    for trend in section.trends:
        caption = text("{rate}, per week").format(rate=trend.label)
        out += ["<figure>", trend_svg(trend, team), f"<figcaption>{escape_html(caption)}</figcaption>"]
        out.append("</figure>")
    return [*out, "</div>"]


def html_page(data: Mapping[str, Any]) -> str:
    team = team_label(data)
    figures = summary_figures(data)
    title = text("Weekly report: {team}").format(team=team)
    out = [
        "<!doctype html>",
        f'<html lang="{language()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape_html(title)} – {escape_html(week_line(data))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape_html(title)}</h1>",
        f'<p class="week">{escape_html(week_line(data))}</p>',
        f'<p class="counted">{escape_html(text(COUNTED_BY))}</p>',
        f'<ul class="summary" aria-label="{escape_html(text("Summary"))}">',
    ]
    for f in figures:
        attr = ' class="alert"' if f.alert else ""
        note = f"<small>{escape_html(f.note)}</small>" if f.note else ""
        out.append(f"<li{attr}><b>{escape_html(number(f.value))}</b>{escape_html(f.label)}{note}</li>")
    out += ["</ul>", "</header>"]
    bars = chart_rows(data)
    if bars:
        out += [
            '<section id="chart" class="keep">',
            f"<h2>{escape_html(text('Overdue and caseload by advisor'))}</h2>",
            '<p class="explain">'
            + escape_html(
                text(
                    "Left: overdue follow-ups per advisor. Right: open cases as primary advisor, "
                    "with the caseload target as a black tick; the darker part is above target."
                )
            )
            + "</p>",
            "<figure>",
            svg(bars),
        ]
        idle = idle_staff(data)
        if idle:
            shown = text("Not shown (no open cases, no target): {advisors}.").format(advisors=", ".join(idle))
            out.append(f"<figcaption>{escape_html(shown)}</figcaption>")
        out += [
            "</figure>",
            "</section>",
        ]
    for s in build_sections(data):
        keep = " keep" if len(s.rows) <= _KEEP_ROWS else ""
        count = f' <span class="count">({s.count})</span>' if s.count else ""
        out += [
            f'<section id="{s.anchor}" class="section{keep}">',
            f"<h2>{escape_html(s.title)}{count}</h2>",
            f'<p class="explain">{escape_html(s.explain)}</p>',
        ]
        if s.is_empty:
            out.append(f'<p class="empty">{escape_html(s.empty)}</p>')
        else:
            if s.lead:
                out.append(f'<p class="lead">{escape_html(s.lead)}</p>')
            out += _table(s)
            out += _trends(s, team)
        out.append("</section>")
    out += [f"<footer>{escape_html(text(FOOTER))}</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
