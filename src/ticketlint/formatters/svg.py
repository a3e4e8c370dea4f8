"""Horizontal bar charts as inline SVG, generated here: the HTML report needs no script and no library.

Every label is escaped; the chart scales to its container (viewBox) and prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

ROW, BAR, LABEL, PLOT, VALUE = 24, 14, 230, 560, 110


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def bar_chart(title: str, items: Sequence[tuple[str, float, str]], *, maximum: float | None = None,
              value_text: Callable[[float], str] = lambda v: f"{v:g}") -> str:
    """`items` are (label, value, colour); bars are scaled to `maximum` (the largest value by default)."""
    if not items:
        return ""
    top = maximum if maximum is not None else max(v for _, v, _ in items)
    width = LABEL + PLOT + VALUE
    height = ROW * len(items) + 6
    out = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet">',
           f"<title>{escape(title)}</title>"]
    for i, (label, value, colour) in enumerate(items):
        y = 3 + i * ROW
        length = 0.0 if top <= 0 else max(0.0, min(1.0, value / top)) * PLOT
        out.append(f'<text x="{LABEL - 8}" y="{y + 15}" text-anchor="end" class="lbl">{escape(_clip(label))}</text>')
        out.append(f'<rect x="{LABEL}" y="{y + 4}" width="{PLOT}" height="{BAR}" rx="3" class="track"/>')
        if length > 0:
            out.append(f'<rect x="{LABEL}" y="{y + 4}" width="{length:.1f}" height="{BAR}" rx="3" '
                       f'fill="{escape(colour)}"/>')
        out.append(f'<text x="{LABEL + PLOT + 8}" y="{y + 15}" class="val">{escape(value_text(value))}</text>')
    out.append("</svg>")
    return "".join(out)
