"""Body blocks as Markdown that renders exactly the page's text.

Everything the old page said is text: characters Markdown or HTML would read
as syntax (`<`, `&`, `*`, `[`, `{: …}`, a leading `#` or `1.`) are escaped, so
an imported document never carries live markup, whatever the page held.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from gkml.importer.blocks import Anchor, Block
from gkml.importer.text import folded, shown_line

# What Python-Markdown (with tables and attr_list) reads as syntax inside a line.
_ESCAPE = re.compile(r"([\\`*_\[\]{}|!])")
# '#', a list bullet, and a line of only dashes (a rule; '*' and '_' are escaped everywhere).
_BLOCK_START = re.compile(r"^(#|[+-](?=\s|$)|-(?=[-\s]*$))")
_ORDERED = re.compile(r"^(\d+)([.)])(?=\s|$)")
# Top-level numbering 一、 … 十、, 第一章 / 第一部分; sub-level （一）, 第一节.
_H2 = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百]{1,4}(?:章|部分|篇|编)(?:\s|$))")
_H3 = re.compile(r"^(?:（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十百]{1,4}节(?:\s|$))")
# A file name a Markdown destination in <…> cannot hold as written.
_UNSAFE_NAME = re.compile(r"[<>/\\\x00-\x1f\x7f]")
_SENTENCE = re.compile(r"[。！？；：:]")
_LINK_ESCAPES = re.compile(r"[%#?]")  # read in a link's address as an escape, a fragment, a query


def inline(text: str) -> str:
    """Plain text as Markdown inline content that shows exactly this text."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _ESCAPE.sub(r"\\\1", text).replace("\\](", "\\]\\(")  # not even the look of a link
    text = _BLOCK_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def heading_level(text: str) -> int:
    """2 for a short top-level heading ('一、总体要求'), 3 for '（一）…', else 0."""
    if _SENTENCE.search(text.rstrip("：:")) or text.endswith(("，", "、")):
        return 0
    if _H2.match(text) and len(text) <= 40:
        return 2
    if _H3.match(text) and len(text) <= 30:
        return 3
    return 0


def _linked(shown: str, links: Sequence[Anchor], addresses: Mapping[str, str]) -> tuple[str, int]:
    """`linked`, and how many of `links` it found (the index after the last one found)."""
    read = folded(shown)  # a link's text is read alone, its punctuation normalised: the same length
    parts: list[str] = []
    written = searched = found = 0
    for n, link in enumerate(links):
        at = read.find(folded(link.text), searched) if link.text else -1
        if at < 0:
            continue
        searched, found = at + len(link.text), n + 1
        if address := addresses.get(link.href):
            parts += [inline(shown[written:at]), f"[{inline(shown[at:searched])}](<{address}>)"]
            written = searched
    return ("".join(parts) + inline(shown[written:]) if parts else inline(shown)), found


def linked(shown: str, links: Sequence[Anchor], addresses: Mapping[str, str]) -> str:
    """`shown` as Markdown inline content, each of its `links` (in order) whose address is known
    (`addresses`, by href) a link on its text, the rest text (`inline`)."""
    return _linked(shown, links, addresses)[0] if addresses and links else inline(shown)


AHEAD = 8  # a table's links are looked for cell by cell, in order, a few ahead: one no cell shows is passed over


def table(rows: Sequence[Sequence[str]], links: Sequence[Anchor] = (), addresses: Mapping[str, str] | None = None,
          cells: Sequence[Sequence[Sequence[Anchor]]] = ()) -> str:
    """A Markdown table; `cells`, each cell's own links (as `rows`), else the table's `links` looked for
    cell by cell."""
    width = max(len(row) for row in rows)
    first = 0  # the table's first link not yet found in a cell

    def cell(text: str, own: Sequence[Anchor] | None) -> str:
        nonlocal first
        if own is not None:
            return linked(text, own, addresses or {})
        if not addresses or first >= len(links):
            return inline(text)
        shown, found = _linked(text, links[first:first + AHEAD], addresses)
        first += found
        return shown

    def line(n: int, row: Sequence[str]) -> str:
        owned = cells[n] if len(cells) == len(rows) and len(cells[n]) == len(row) else None
        shown = [cell(text, owned[c] if owned is not None else None) for c, text in enumerate(row)]
        return "| " + " | ".join(shown + [""] * (width - len(row))) + " |"

    return "\n".join([line(0, rows[0]), "|" + "---|" * width, *(line(n, row) for n, row in enumerate(rows) if n)])


def render(blocks: Sequence[Block], files: Mapping[str, str] | None = None,
           addresses: Mapping[str, str] | None = None) -> tuple[str, tuple[str, ...]]:
    """Markdown with a blank line between blocks, and the plain text of each paragraph. A picture
    shows the file its address names in `files` (beside the document); one not named there is left out.
    A link is a link where `addresses` gives its href an address (gkml.importer.bodylinks, `beside`), else its text."""
    addresses = addresses or {}
    parts: list[str] = []
    paragraphs: list[str] = []
    run: list[Block] = []  # list items in a row
    for block in blocks:
        if block.kind == "item" and block.text:
            run.append(block)
            paragraphs.append(block.shown)
            continue
        if run:
            parts += _list(run, addresses)
            run = []
        if block.kind == "image":
            name = (files or {}).get(block.links[0][1], "") if block.links else ""
            if name and not _UNSAFE_NAME.search(name):
                parts.append(f"![{inline(block.raw)}](<{_link_path(name)}>)")
            continue
        if block.kind == "table":
            parts.append(table([tuple(_plain(c) for c in row) for row in block.rows], block.links, addresses, block.cells))
            continue
        if block.kind == "fields":  # an attribute grid inside the body: keep it readable
            parts.append("\n\n".join(inline(f"{label.strip()}{value}") for label, value in block.pairs))
            continue
        if not block.text:
            continue
        paragraphs.append(block.shown)
        level = heading_level(block.text)
        if block.kind == "heading" and not level:
            level = min(max(block.level, 2), 4) if block.level else 0
        parts.append(("#" * level + " " if level else "") + linked(block.shown, block.links, addresses))
    parts += _list(run, addresses)
    markdown = "\n\n".join(parts)
    return (markdown + "\n" if markdown else ""), tuple(paragraphs)


def beside(files: Mapping[str, str]) -> dict[str, str]:
    """Attachments copied beside the document (href → file name) as the addresses of the body's links to
    them ('详见<a href=report.pdf>年度报告</a>'); what a link would read otherwise in a name ('#' a fragment,
    '?' a query, '%' an escape) percent-escaped, as the check and MkDocs read a link's path unescaped."""
    return {href: _link_path(name) for href, name in files.items() if name and not _UNSAFE_NAME.search(name)}


def _link_path(name: str) -> str:
    """A file name beside the document as a link's path: '方案#2.pdf' → '方案%232.pdf'."""
    return _LINK_ESCAPES.sub(lambda m: f"%{ord(m[0]):02X}", name)


def _list(items: Sequence[Block], addresses: Mapping[str, str]) -> list[str]:
    """List items in a row as one Markdown list when Markdown numbers and nests them as the page
    did (it counts every list from 1 and joins adjacent lists), else as paragraphs that start
    with the number or bullet the page printed ('3. 第三项' of <ol start=3>): the same text."""
    shown: dict[int, tuple[bool, int]] = {}  # depth → (ordered, the number Markdown gives the next item)
    lines: list[str] = []
    for item in items:
        ordered = item.level == 1
        shown = {depth: state for depth, state in shown.items() if depth <= item.depth}
        kind, number = shown.get(item.depth, (ordered, 1))
        if (not item.marker or kind != ordered or item.depth > len(shown) or item.depth > 0 and not lines
                or ordered and item.marker != f"{number}."):
            return [linked(f"{item.marker} {item.shown}" if item.marker else item.shown, item.links, addresses)
                    for item in items]
        shown[item.depth] = (ordered, number + 1)
        lines.append("    " * item.depth + ("1. " if ordered else "- ") + linked(item.shown, item.links, addresses))
    return ["\n".join(lines)] if lines else []


def _plain(cell: str) -> str:
    return shown_line(cell)
