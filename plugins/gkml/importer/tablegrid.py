"""A data table's cells as a rectangular grid, as Markdown tables need it."""

from __future__ import annotations

from selectolax.lexbor import LexborNode


def _span(cell: LexborNode, name: str, limit: int) -> int:
    value = (cell.attributes.get(name) or "1").strip()
    return min(int(value), limit) if value.isdigit() and int(value) > 1 else 1


def _spread(rows: list[list[LexborNode]], texts: list[list[str]]) -> list[list[tuple[str, bool]]]:
    """Each row's columns as (text, covered): a colspan or rowspan cell's text in every column
    and row it spans, marked covered where it is not the cell's own place."""
    below: dict[int, tuple[int, str]] = {}  # column → (rows a rowspan cell above still covers, its text)
    result: list[list[tuple[str, bool]]] = []

    def fill(line: list[tuple[str, bool]], up_to: int) -> None:
        while below.get(len(line), (0, ""))[0] > 0 or len(line) < up_to:
            left, text = below.get(len(line), (0, ""))
            if left > 0:
                below[len(line)] = (left - 1, text)
            line.append((text if left > 0 else "", True))

    for row, cells in zip(rows, texts, strict=True):
        line: list[tuple[str, bool]] = []
        for cell, text in zip(row, cells, strict=True):
            fill(line, 0)
            across, down = _span(cell, "colspan", 20), _span(cell, "rowspan", len(rows))
            for column in range(len(line), len(line) + across):
                if down > 1:
                    below[column] = (down - 1, text)
            line.extend([(text, False)] + [(text, True)] * (across - 1))
        fill(line, max((c + 1 for c, (left, _) in below.items() if left > 0), default=0))  # right of the last cell
        result.append(line)
    return result


def _header_depth(rows: list[list[LexborNode]]) -> int:
    """How many rows the header takes: a first row with a cell of rowspan=2 beside one of colspan=2
    (项目 beside 金额 over a 2009年 | 2010年 sub-header) makes a two-row header. A rowspan alone
    groups data rows (一、危险化学品 over two companies): the header is one row."""
    if len(rows) < 3 or not rows[0] or all(_span(cell, "colspan", 20) == 1 for cell in rows[0]):
        return 1
    return min(max(_span(cell, "rowspan", len(rows) - 1) for cell in rows[0]), len(rows) - 1)


def _merged(lines: list[list[tuple[str, bool]]]) -> tuple[str, ...]:
    """The header rows as one: each column's texts top to bottom, a spanning text once
    ('金额（万元）' over '2009年' → '金额（万元） 2009年')."""
    width = max(len(line) for line in lines)
    header: list[str] = []
    for column in range(width):
        parts: list[str] = []
        for line in lines:
            text = line[column][0] if column < len(line) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        header.append(" ".join(parts))
    return tuple(header)


def grid(rows: list[list[LexborNode]], texts: list[list[str]]) -> list[tuple[str, ...]]:
    """The table as rows of equal meaning per column. A Markdown table has one header row and
    no spans, so a header's spanning cell names every column it spans and a two-row header
    becomes one; in the data rows a spanned place stays empty, so the columns stay aligned."""
    spread = _spread(rows, texts)
    if not spread:
        return []
    depth = _header_depth(rows)
    body = [tuple("" if covered else text for text, covered in line) for line in spread[depth:]]
    return [_merged(spread[:depth]), *body]
