"""The weekly report's inline SVG chart: overdue follow-ups and open cases against the caseload target, per advisor.

No script and nothing fetched: plain SVG with a title and a description for screen readers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from samfam.documents.text import escape_html
from samfam.documents.weekly_values import int_or_none, number, records, text_of
from samfam.words import text

# Chart geometry (SVG user units; the SVG scales to the page width).
_W = 760
_A_X, _A_W, _A_ROOM = 70, 250, 40  # overdue panel: start, width, room kept for the number label
_B_X, _B_W, _B_ROOM = 350, 400, 120  # caseload panel
_TOP, _ROW_H, _BAR_H = 64, 26, 14
_RED, _BLUE, _NAVY, _INK, _MUTED = "#b3261e", "#8fa9cc", "#2f4b7c", "#1f2328", "#57606a"


@dataclass(frozen=True)
class Bar:
    advisor: str
    overdue: int
    primary: int | None
    target: int | None


def chart_rows(data: Mapping[str, Any]) -> list[Bar]:
    """Per advisor (caseload order, TOTAL skipped): overdue follow-ups, open cases as primary, target.

    Staff with nothing to draw (no open case, no overdue follow-up, no target) are left out; the
    caption names them.
    """
    overdue: dict[str, int] = {}
    for g in records(data, "overdue_by_advisor"):
        n = int_or_none(g.get("overdue"))
        overdue[text_of(g.get("advisor"))] = len(g.get("cases") or []) if n is None else n
    bars: list[Bar] = []
    for r in records(data, "caseload"):
        advisor = text_of(r.get("advisor"))
        if advisor == "TOTAL":
            continue
        bars.append(Bar(advisor, overdue.get(advisor, 0), int_or_none(r.get("primary")), int_or_none(r.get("target"))))
    seen = {b.advisor for b in bars}
    bars += [Bar(a, n, None, None) for a, n in overdue.items() if a not in seen]
    return [b for b in bars if not _idle(b)]


def _idle(bar: Bar) -> bool:
    return not bar.overdue and not bar.primary and bar.target is None


def idle_staff(data: Mapping[str, Any]) -> list[str]:
    rows = [r for r in records(data, "caseload") if r.get("advisor") != "TOTAL"]
    late = {text_of(g.get("advisor")) for g in records(data, "overdue_by_advisor")}
    return [
        text_of(r.get("advisor"))
        for r in rows
        if text_of(r.get("advisor")) not in late
        and _idle(Bar("", 0, int_or_none(r.get("primary")), int_or_none(r.get("target"))))
    ]


def svg(bars: Sequence[Bar]) -> str:
    max_a = max([b.overdue for b in bars] + [1])
    max_b = max([b.primary or 0 for b in bars] + [b.target or 0 for b in bars] + [1])
    scale_a = (_A_W - _A_ROOM) / max_a
    scale_b = (_B_W - _B_ROOM) / max_b
    height = _TOP + _ROW_H * len(bars) + 8
    described = "; ".join(
        text("{advisor}: {overdue} overdue, {open} open cases").format(
            advisor=b.advisor, overdue=number(b.overdue), open=number(b.primary)
        )
        + (text(", target {target}").format(target=number(b.target)) if b.target is not None else "")
        for b in bars
    )
    label = text("Overdue follow-ups and open cases against the caseload target, per advisor")
    out = [
        f'<svg viewBox="0 0 {_W} {height}" width="{_W}" height="{height}" role="img" '
        f'aria-label="{escape_html(label)}" font-size="12" fill="{_INK}" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif">',
        f"<title>{escape_html(label)}</title>",
        f"<desc>{escape_html(described)}</desc>",
    ]
    # Legend.
    x = 0
    legend = [
        ("rect", _RED, text("Overdue follow-ups")),
        ("rect", _BLUE, text("Open cases (primary advisor)")),
        ("rect", _NAVY, text("Above target")),
        ("tick", _INK, text("Caseload target")),
    ]
    out.append('<g class="legend">')
    for shape, colour, words in legend:
        if shape == "rect":
            out.append(f'<rect x="{x}" y="4" width="14" height="12" fill="{colour}"/>')
        else:
            out.append(f'<rect x="{x + 6}" y="1" width="3" height="18" fill="{colour}"/>')
        out.append(f'<text x="{x + 20}" y="14">{escape_html(words)}</text>')
        x += 28 + int(len(words) * 6.6)
    out.append("</g>")
    # Panel headings and axes.
    out.append(
        f'<text x="{_A_X}" y="{_TOP - 14}" font-weight="600">{escape_html(text("Overdue follow-ups"))}</text>'
        f'<text x="{_B_X}" y="{_TOP - 14}" font-weight="600">'
        f"{escape_html(text('Open cases vs caseload target'))}</text>"
    )
    bottom = _TOP + _ROW_H * len(bars)
    for bar_x in (_A_X, _B_X):
        out.append(f'<rect x="{bar_x - 1}" y="{_TOP - 4}" width="1" height="{bottom - _TOP + 4}" fill="{_MUTED}"/>')
    for i, b in enumerate(bars):
        y = _TOP + i * _ROW_H
        bar_y = y + (_ROW_H - _BAR_H) // 2
        text_y = bar_y + _BAR_H - 3
        title = text("{advisor}: {overdue} overdue follow-ups; {open} open cases").format(
            advisor=b.advisor, overdue=number(b.overdue), open=number(b.primary)
        ) + (
            text(", target {target}").format(target=number(b.target))
            if b.target is not None
            else text(", no target set")
        )
        out.append(f'<g class="advisor" data-advisor="{escape_html(b.advisor)}">')
        out.append(f"<title>{escape_html(title)}</title>")
        if i % 2:
            out.append(f'<rect x="0" y="{y}" width="{_W}" height="{_ROW_H}" fill="#f2f4f7"/>')
        out.append(f'<text x="0" y="{text_y}" font-weight="600">{escape_html(b.advisor)}</text>')
        # Overdue follow-ups.
        w = round(b.overdue * scale_a, 1)
        if w:
            out.append(
                f'<rect class="bar-overdue" x="{_A_X}" y="{bar_y}" width="{w}" height="{_BAR_H}" fill="{_RED}"/>'
            )
        weight = ' font-weight="700"' if b.overdue else ""
        out.append(f'<text x="{_A_X + w + 5}" y="{text_y}"{weight}>{number(b.overdue)}</text>')
        # Open cases against target.
        primary = b.primary or 0
        w = round(primary * scale_b, 1)
        if b.target is not None and primary > b.target:
            inside = round(b.target * scale_b, 1)
            out.append(
                f'<rect class="bar-open" x="{_B_X}" y="{bar_y}" width="{inside}" height="{_BAR_H}" fill="{_BLUE}"/>'
            )
            out.append(
                f'<rect class="bar-above" x="{_B_X + inside}" y="{bar_y}" width="{round(w - inside, 1)}" '
                f'height="{_BAR_H}" fill="{_NAVY}"/>'
            )
        elif w:
            out.append(f'<rect class="bar-open" x="{_B_X}" y="{bar_y}" width="{w}" height="{_BAR_H}" fill="{_BLUE}"/>')
        end = w
        if b.target is not None:
            tx = round(b.target * scale_b, 1)
            out.append(
                f'<rect class="target" x="{_B_X + tx - 1}" y="{bar_y - 4}" width="3" '
                f'height="{_BAR_H + 8}" fill="{_INK}"/>'
            )
            end = max(end, tx + 2)
        note = number(b.primary) + (
            text(" · target {target}").format(target=number(b.target)) if b.target is not None else ""
        )
        out.append(f'<text x="{round(_B_X + end + 6, 1)}" y="{text_y}">{escape_html(note)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
