"""A data table's cells as a rectangular grid, as Markdown tables need it."""

from __future__ import annotations

from selectolax.lexbor import LexborNode


def _span(cell: LexborNode, name: str, limit: int) -> int:
    value = (cell.attributes.get(name) or "1").strip()
    return min(int(value), limit) if value.isdigit() and int(value) > 1 else 1


def _fill_covered(line: list[str], below: dict[int, int], up_to: int) -> None:
    """Empty cells where a rowspan cell above still covers the row: at the next columns, or up to `up_to`."""
    while below.get(len(line), 0) > 0 or len(line) < up_to:
        if below.get(len(line), 0) > 0:
            below[len(line)] -= 1
        line.append("")


def grid(rows: list[list[LexborNode]], texts: list[list[str]]) -> list[tuple[str, ...]]:
    """A colspan or rowspan cell leaves empty cells where it spans, so the columns below a
    项目 (rowspan=2) | 金额 (colspan=2) header stay aligned."""
    below: dict[int, int] = {}  # column → how many more rows a rowspan cell above still covers
    result: list[tuple[str, ...]] = []
    for row, cells in zip(rows, texts, strict=True):
        line: list[str] = []
        for cell, text in zip(row, cells, strict=True):
            _fill_covered(line, below, 0)
            across, down = _span(cell, "colspan", 20), _span(cell, "rowspan", len(rows))
            for column in range(len(line), len(line) + across):
                if down > 1:
                    below[column] = down - 1
            line.extend([text] + [""] * (across - 1))
        # covered columns right of the row's last cell
        _fill_covered(line, below, max((c + 1 for c, left in below.items() if left > 0), default=0))
        result.append(tuple(line))
    return result
