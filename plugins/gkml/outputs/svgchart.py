"""Bar charts as inline SVG, drawn at build time: no charting script in the browser.

Each chart is an accessible image (role="img" labelled by its <title> and <desc>),
and each bar carries its own <title> with the exact value; pages put the same
numbers in a table beside the chart for screen readers and printing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
BAR_CLASS = "gkml-chart__bar"
BAR_FILL = "#b71c1c"
AXIS = "#757575"
FONT_SIZE = 12


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def _svg(width: int, height: int, title: str, desc: str, id_prefix: str) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": SVG_NS, "class": "gkml-chart", "role": "img", "width": str(width), "height": str(height),
        "viewBox": f"0 0 {width} {height}", "aria-labelledby": f"{id_prefix}-title {id_prefix}-desc",
        "font-size": str(FONT_SIZE), "font-family": "inherit", "style": "max-width: 100%; height: auto",
    })
    ET.SubElement(svg, "title", {"id": f"{id_prefix}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{id_prefix}-desc"}).text = desc
    return svg


def _text(parent: ET.Element, x: float, y: float, text: str, anchor: str = "middle") -> None:
    ET.SubElement(parent, "text", {"x": f"{x:g}", "y": f"{y:g}", "text-anchor": anchor, "fill": "currentColor"}).text = text


def _markup(svg: ET.Element) -> Markup:
    """gkml's own markup, safe for autoescaping templates: ElementTree escapes every label."""
    return Markup(ET.tostring(svg, encoding="unicode"))


def _bar(parent: ET.Element, x: float, y: float, width: float, height: float, bar: Bar) -> None:
    rect = ET.SubElement(parent, "rect", {"class": BAR_CLASS, "x": f"{x:g}", "y": f"{y:g}",
                                          "width": f"{width:g}", "height": f"{height:g}", "fill": BAR_FILL})
    ET.SubElement(rect, "title").text = f"{bar.label}：{bar.value} 件"


def _text_width(text: str) -> int:
    """Rough width in pixels: CJK glyphs are square, others about half as wide."""
    return sum(FONT_SIZE if ord(ch) > 0x2E7F else FONT_SIZE // 2 + 1 for ch in text)


def bar_chart(bars: Sequence[Bar], title: str, desc: str, *, id_prefix: str = "gkml-chart",
              width: int = 640, height: int = 220) -> Markup:
    """Vertical bars (e.g. the twelve months), value above each bar, label below."""
    svg = _svg(width, height, title, desc, id_prefix)
    top, bottom, left = 20, 24, 8
    plot_height = height - top - bottom
    slot = (width - 2 * left) / max(len(bars), 1)
    peak = max((b.value for b in bars), default=0) or 1
    baseline = top + plot_height
    ET.SubElement(svg, "line", {"x1": str(left), "x2": str(width - left), "y1": str(baseline), "y2": str(baseline),
                                "stroke": AXIS, "stroke-width": "1"})
    for i, bar in enumerate(bars):
        bar_height = plot_height * bar.value / peak
        x = left + i * slot + slot * 0.15
        _bar(svg, round(x, 1), round(baseline - bar_height, 1), round(slot * 0.7, 1), round(bar_height, 1), bar)
        centre = round(left + (i + 0.5) * slot, 1)
        _text(svg, centre, round(baseline - bar_height - 4, 1), str(bar.value))
        _text(svg, centre, baseline + FONT_SIZE + 4, bar.label)
    return _markup(svg)


def horizontal_bar_chart(bars: Sequence[Bar], title: str, desc: str, *, id_prefix: str = "gkml-chart",
                         width: int = 640, row_height: int = 22) -> Markup:
    """One row per bar, label on the left, for long labels such as category names."""
    label_width = max((_text_width(b.label) for b in bars), default=0) + 12
    value_width = 40
    height = max(len(bars), 1) * row_height + 8
    svg = _svg(width, height, title, desc, id_prefix)
    plot_width = max(width - label_width - value_width, 40)
    peak = max((b.value for b in bars), default=0) or 1
    for i, bar in enumerate(bars):
        y = 4 + i * row_height
        bar_width = round(plot_width * bar.value / peak, 1)
        _text(svg, label_width - 6, y + row_height * 0.7, bar.label, anchor="end")
        _bar(svg, label_width, y + 3, bar_width, row_height - 6, bar)
        _text(svg, label_width + bar_width + 4, y + row_height * 0.7, str(bar.value), anchor="start")
    return _markup(svg)
