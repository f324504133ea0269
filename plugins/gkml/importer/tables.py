"""What a <table> is for the reader: an attribute block (标签 | 值 cells), a data table (a grid,
its caption rows above it), or page layout to look through."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from selectolax.lexbor import LexborNode

from gkml.importer.blocks import Anchor, Block
from gkml.importer.elementtext import below, cell_lines, children, element_text, holds
from gkml.importer.furniture import crumb_items
from gkml.importer.labels import (
    grid_pairs,
    key_of,
    pair_cells,
    starts_with_label,
    unstacked,
)
from gkml.importer.links import link_address
from gkml.importer.tablegrid import grid
from gkml.importer.text import SPACES, clean_line, shown_line
from gkml.importer.values import lists_items

GAP = "    "  # between the cells of a layout row: a wide gap separates attribute runs


def table_rows(table: LexborNode) -> list[list[LexborNode]]:
    """The table's own rows (not a nested table's), each its <td>/<th> cells; empty rows left out."""
    found: list[list[LexborNode]] = []

    def visit(node: LexborNode) -> None:
        for child in children(node):
            if child.tag == "tr":
                found.append([c for c in children(child) if c.tag in ("td", "th")])
            elif child.tag in ("tbody", "thead", "tfoot"):
                visit(child)

    visit(table)
    return [row for row in found if row]


def read_table(table: LexborNode) -> list[Block] | None:
    """The blocks a table of attributes or of data gives; None for layout, to be looked through."""
    rows = table_rows(table)
    texts = [_cell_texts(row) for row in rows]  # as written: labels take ':' and '：'
    labelled, label_texts = _spanned(rows, texts)
    fields = _attributes(_label_lines(labelled, label_texts))
    # The files an attribute table links (a 附件 row) are the document's: kept with its values.
    if fields is not None:
        return [replace(fields, links=_anchors(table))]
    # A first row of one cell with no label over rows of attributes: the title the table shows.
    if (len(labelled) > 2 and len(labelled[0]) == 1 and label_texts[0][0] and not key_of(label_texts[0][0])
            and not starts_with_label(label_texts[0][0]) and (fields := _attributes(_label_lines(labelled[1:], label_texts[1:])))):
        return [Block("text", label_texts[0][0]), replace(fields, links=_anchors(table))]
    if not _data_table(table, rows):
        return None
    texts = [[_data_cell(cell, text) for cell, text in zip(row, cells, strict=True)] for row, cells in zip(rows, texts, strict=True)]
    # The table's <caption> ('2024年第一批机构名单'), shown above it.
    blocks = [Block("text", text) for node in children(table)
              if node.tag == "caption" and (text := shown_line(element_text(node)))]
    # A first row of one cell across the table ('2020年收支表', '单位：万元') is a caption, not a header.
    while len(rows) > 2 and len(rows[0]) == 1 and max(len(row) for row in rows[1:]) > 1:
        if texts[0][0]:
            blocks.append(Block("text", texts[0][0]))
        rows, texts = rows[1:], texts[1:]
    laid = grid(rows, texts)
    result = [line for line in laid if any(line)]
    if result:
        links = _anchors(table)
        blocks.append(Block("table", rows=tuple(result), links=links, cells=_cell_links(rows, laid)))
    return blocks


def _spanned(rows: list[list[LexborNode]], texts: list[list[str]]) -> tuple[list[list[LexborNode]], list[list[str]]]:
    """The rows a label spans down (<td rowspan=2>附件</td>, a file a row) joined to the label's row: the
    rows under it hold its values only, no label (read alone, the table was no attribute table)."""
    kept_rows: list[list[LexborNode]] = []
    kept_texts: list[list[str]] = []
    spanned = 0  # rows still under the last row's first cell
    for row, cells in zip(rows, texts, strict=True):
        if spanned and kept_texts and not any(key_of(text) or starts_with_label(text) for text in cells):
            kept_texts[-1] = kept_texts[-1][:-1] + [" ".join(filter(None, [kept_texts[-1][-1], *cells]))]
            spanned -= 1
            continue
        span = row[0].attributes.get("rowspan") or "1"
        spanned = int(span) - 1 if span.isdigit() and 1 < int(span) <= 50 else 0
        kept_rows.append(row)
        kept_texts.append(cells)
    return kept_rows, kept_texts


def _anchors(node: LexborNode) -> tuple[Anchor, ...]:
    return tuple(Anchor(text, href, clean_line(a.attributes.get("title") or "")) for a in below(node, "a")
                 if (text := clean_line(a.text(deep=True))) and (href := link_address(a.attributes)))


def _cell_links(rows: list[list[LexborNode]], laid: list[tuple[str, ...]]) -> tuple[tuple[tuple[Anchor, ...], ...], ...]:
    """Each grid cell's own links, laid out as `grid` lays the texts (a cell's key in every place its
    text is): a link belongs to its cell, not to the first cell that shows its text ('名单' in 企业名单)."""
    owned = [[_anchors(cell) for cell in row] for row in rows]
    keys = [[f"{r}.{c}" for c in range(len(row))] for r, row in enumerate(rows)]
    placed = [line for line, texts in zip(grid(rows, keys), laid, strict=True) if any(texts)]
    return tuple(tuple(tuple(anchor for key in place.split() for anchor in owned[int(key.split(".")[0])][int(key.split(".")[1])])
                       for place in line) for line in placed)


def _cell_texts(row: list[LexborNode]) -> list[str]:
    """Each cell's text as the browser shows it; beside a list's label (主题词) its <br>s part the items
    ('安全生产<br>行政处罚'), which between ideographs would run together."""
    texts: list[str] = []
    for cell in row:
        items = bool(texts) and lists_items(texts[-1])
        texts.append(" ".join(cell_lines(cell)) if items else shown_line(element_text(cell)))
    return texts


def _label_lines(rows: list[list[LexborNode]], texts: list[list[str]]) -> list[list[str]]:
    """Each row's cells as lines of cells, a row of stacked labels ('索引号：<br>发布机构：') unstacked (not
    a row holding a table: its labels are the inner table's, read with it)."""
    return [line for row, cells in zip(rows, texts, strict=True)
            for line in (None if any(holds(cell, "table") for cell in row) else unstacked([cell_lines(cell) for cell in row])) or [cells]]


def _data_cell(cell: LexborNode, text: str) -> str:
    """A data cell's text; a small table inside it (a list of names, one a row) its cells apart,
    not run together as the browser's line breaks between ideographs would be read."""
    return " ".join(cell_lines(cell)) if holds(cell, "table") else text


def _attributes(texts: list[list[str]]) -> Block | None:
    """A grid of 标签 | 值 cells (2 or 4 columns) or of 标签：值 cells: one 'fields' block."""
    labelled = sum(1 for cells in texts for text in cells if key_of(text) or starts_with_label(text))
    if labelled < 2:
        return None
    if by_columns := grid_pairs(texts):
        return Block("fields", pairs=tuple(by_columns))
    pairs: list[tuple[str, str]] = []
    columns = _label_columns(texts)
    for cells in texts:
        # '统一登记号 | AHSD-… | 文件类型 | 规范性文件', '报送单位 | 政策法规处 | 公开时限 | …': labels where the others are
        found = pair_cells([_as_label(text) if n in columns else text for n, text in enumerate(cells)])
        # A row of no label (the title, the body in one cell): a page laid out in one table.
        if found is None or (not found and any(cells)):
            return None
        pairs += found
    return Block("fields", pairs=tuple(pairs))


def _label_columns(texts: list[list[str]]) -> set[int]:
    """The columns whose cells are known labels in two or more rows: an attribute grid's label columns."""
    counts = Counter(n for cells in texts for n, text in enumerate(cells) if key_of(text))
    return {n for n, count in counts.items() if count >= 2}


# A label the list does not know, written with no colon: a few Chinese characters ('统一登记号').
_BARE_LABEL = re.compile(rf"^[{SPACES}]*[\u4e00-\u9fff][\u4e00-\u9fff{SPACES}]{{1,9}}$")


def _as_label(text: str) -> str:
    """A cell of a label column read as a label: a colon given to a bare one that the list does not know."""
    return f"{text.strip(SPACES)}：" if key_of(text) is None and _BARE_LABEL.match(text) else text


def _all_link(cell: LexborNode) -> bool:
    """A cell whose whole text is one or more links (a menu)."""
    text = clean_line(cell.text(deep=True))
    linked = "".join(clean_line(a.text(deep=True)) for a in below(cell, "a"))
    return bool(text) and len(linked) >= len(text.replace(" ", "")) * 0.9


def _wrapper(table: LexborNode) -> bool:
    """A table around one piece of text (Word and old editors wrap a cell's value in one): text, not layout."""
    cells = [cell for cell in below(table, "td, th") if cell.text(deep=True).strip(SPACES + "\n\r")]
    return (len(cells) <= 1 and len(clean_line(table.text(deep=True))) <= 100
            and not below(table, "a, p, div, table, ul, ol, li, h1, h2, h3, h4, h5, h6"))


def _cell_table(inner: LexborNode) -> bool:
    """A short list laid out as a table inside one data cell (names, one a row): the cell's value,
    not page layout. Labels, links, pictures or blocks inside make it layout."""
    rows = table_rows(inner)
    return (0 < len(rows) <= 20 and len(clean_line(inner.text(deep=True))) <= 300
            and not below(inner, "a, img, p, div, table, ul, ol, li, dl, form, h1, h2, h3, h4, h5, h6")
            and _attributes([[shown_line(element_text(cell)) for cell in row] for row in rows]) is None)


def _data_table(table: LexborNode, rows: list[list[LexborNode]]) -> bool:
    """A grid of data: not page layout (nested tables, blocks of paragraphs), not a menu of
    links, not a breadcrumb laid out in cells."""
    filled = [row for row in rows if sum(1 for c in row if c.text(deep=True).strip(SPACES + "\n\r")) >= 2]
    if len(filled) < 2 or not all(_wrapper(inner) or _cell_table(inner) for inner in below(table, "table")):
        return False
    cells = [cell for row in rows for cell in row if clean_line(cell.text(deep=True))]
    linked = [cell for cell in cells if _all_link(cell)]
    if len(linked) >= 0.8 * len(cells):
        return False
    for row in rows:
        if crumb_items(GAP.join(clean_line(element_text(cell)) for cell in row)):
            return False
        for cell in row:
            if below(cell, "h1, h2, h3, h4, h5, h6, ul, ol"):
                return False
            if len(below(cell, "p, div")) > 3:
                return False
    return True
