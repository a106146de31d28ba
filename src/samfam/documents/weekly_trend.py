"""The weekly report's small inline SVG trend lines: one rate (0-100 %) per week, oldest on the left.

No script and nothing fetched: plain SVG with a title and a description for screen readers, and a
title on each week's point. A week without a rate gets no point, and the line goes on from the week
before it to the week after.
"""

from __future__ import annotations

from collections.abc import Sequence

from samfam.documents.text import escape_html
from samfam.documents.weekly_tables import Point, Trend
from samfam.words import text

# Geometry (SVG user units; the SVG scales down with the page).
_W, _H = 320, 118
_X0, _X1 = 40, 308  # the first and the last week
_Y_TOP, _Y_BOTTOM = 10, 90  # 100 % and 0 %
_LINE, _GRID, _INK, _MUTED = "#2f4b7c", "#d0d7de", "#1f2328", "#57606a"
_FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"


def _x(i: int, n: int) -> float:
    if n <= 1:
        return (_X0 + _X1) / 2
    return round(_X0 + i * (_X1 - _X0) / (n - 1), 1)


def _y(value: float) -> float:
    share = min(max(value, 0.0), 100.0) / 100
    return round(_Y_BOTTOM - share * (_Y_BOTTOM - _Y_TOP), 1)


def _drawn(points: Sequence[Point]) -> list[tuple[float, float, Point]]:
    """The weeks with a rate, where they are drawn: (x, y, point)."""
    return [(_x(i, len(points)), _y(p.value), p) for i, p in enumerate(points) if p.value is not None]


def trend_svg(trend: Trend, context: str) -> str:
    """One rate as a small line chart: `context` (the team) goes into its title."""
    points = trend.points
    span = text("{start} to {end}").format(start=points[0].label, end=points[-1].label) if points else text("no weeks")
    title = text("{rate} per week, {team}: {span}").format(rate=trend.label, team=context, span=span)
    drawn = _drawn(points)
    described = "; ".join(p.note for p in points) or text("No weeks.")
    out = [
        f'<svg class="trend" viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" role="img" '
        f'aria-label="{escape_html(title)}" font-size="11" fill="{_INK}" font-family="{_FONT}">',
        f"<title>{escape_html(title)}</title>",
        f"<desc>{escape_html(described)}</desc>",
    ]
    for value in (0, 50, 100):  # the grid, with its labels on the left
        y = _y(value)
        out.append(f'<rect x="{_X0 - 4}" y="{y}" width="{_X1 - _X0 + 8}" height="1" fill="{_GRID}"/>')
        out.append(f'<text x="{_X0 - 8}" y="{y + 4}" text-anchor="end" fill="{_MUTED}">{value}%</text>')
    if points:  # the first and the last week under the axis
        out.append(f'<text x="{_X0}" y="{_H - 8}" fill="{_MUTED}">{escape_html(points[0].label)}</text>')
        if len(points) > 1:
            out.append(
                f'<text x="{_X1}" y="{_H - 8}" text-anchor="end" fill="{_MUTED}">{escape_html(points[-1].label)}</text>'
            )
    if len(drawn) >= 2:
        line = " ".join(f"{x},{y}" for x, y, _ in drawn)
        out.append(f'<polyline points="{line}" fill="none" stroke="{_LINE}" stroke-width="2"/>')
    for x, y, p in drawn:
        out.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{_LINE}"><title>{escape_html(p.note)}</title></circle>')
    if not drawn:
        x, y = (_X0 + _X1) / 2, (_Y_TOP + _Y_BOTTOM) / 2
        none = escape_html(text("No rate in these weeks"))
        out.append(f'<text x="{x}" y="{y}" text-anchor="middle" fill="{_MUTED}">{none}</text>')
    out.append("</svg>")
    return "\n".join(out)
