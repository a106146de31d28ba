"""The team leader's weekly report as a document to forward: Markdown for e-mail, or one HTML file.

`render_weekly(data, fmt)` takes the dict from `samfam.views.weekly.weekly(...)` (dates as
`datetime.date` or ISO strings) and returns the text. Pure: standard library only, no clock, no I/O;
the same data always gives the same bytes. The HTML is self-contained (inline CSS and SVG, no script,
nothing fetched from the network) and prints on A4.

The sections and their order come from `samfam.documents.sections`; the tables from `weekly_tables`,
the head and foot from `weekly_summary`, the formats from `weekly_markdown`, `weekly_html`,
`weekly_chart` (the caseload chart) and `weekly_trend` (the barometer's trend lines).
"""

from __future__ import annotations

from samfam.documents.text import FORMATS, clean
from samfam.documents.weekly_html import html_page
from samfam.documents.weekly_markdown import markdown

__all__ = ["FORMATS", "render_weekly"]


def render_weekly(data: dict, fmt: str) -> str:
    """The weekly report from `samfam.views.weekly.weekly(...)` as "markdown" or "html", cleaned
    (samfam.documents.text.clean: no control character or bidi override from stored text)."""
    if fmt == "markdown":
        return clean(markdown(data))
    if fmt == "html":
        return clean(html_page(data))
    raise ValueError(f"unknown format {fmt!r}: use 'markdown' or 'html'")
