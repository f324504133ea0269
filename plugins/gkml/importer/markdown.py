"""Body blocks as Markdown that renders exactly the page's text.

Everything the old page said is text: characters Markdown or HTML would read
as syntax (`<`, `&`, `*`, `[`, `{: …}`, a leading `#` or `1.`) are escaped, so
an imported document never carries live markup, whatever the page held.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from gkml.importer.blocks import Block
from gkml.importer.text import clean_line

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


def table(rows: Sequence[Sequence[str]]) -> str:
    width = max(len(row) for row in rows)

    def line(row: Sequence[str]) -> str:
        cells = [inline(cell) for cell in row] + [""] * (width - len(row))
        return "| " + " | ".join(cells) + " |"

    return "\n".join([line(rows[0]), "|" + "---|" * width, *(line(row) for row in rows[1:])])


def render(blocks: Sequence[Block], files: Mapping[str, str] | None = None) -> tuple[str, tuple[str, ...]]:
    """Markdown with a blank line between blocks, and the plain text of each paragraph. A picture
    shows the file its address names in `files` (beside the document); one not named there is left out."""
    parts: list[str] = []
    paragraphs: list[str] = []
    for block in blocks:
        if block.kind == "image":
            name = (files or {}).get(block.links[0][1], "") if block.links else ""
            if name and not _UNSAFE_NAME.search(name):
                parts.append(f"![{inline(block.raw)}](<{name}>)")
            continue
        if block.kind == "table":
            parts.append(table([tuple(_plain(c) for c in row) for row in block.rows]))
            continue
        if block.kind == "fields":  # an attribute grid inside the body: keep it readable
            parts.append("\n\n".join(inline(f"{label.strip()}{value}") for label, value in block.pairs))
            continue
        text = block.text
        if not text:
            continue
        paragraphs.append(text)
        if block.kind == "item":
            parts.append(("1. " if block.level == 1 else "- ") + inline(text))
            continue
        level = heading_level(text)
        if block.kind == "heading" and not level:
            level = min(max(block.level, 2), 4) if block.level else 0
        parts.append(("#" * level + " " if level else "") + inline(text))
    out: list[str] = []
    for part in parts:  # consecutive items form one list
        if out and part[:2] in ("- ", "1.") and out[-1][:2] == part[:2]:
            out[-1] += "\n" + part
        else:
            out.append(part)
    markdown = "\n\n".join(out)
    return (markdown + "\n" if markdown else ""), tuple(paragraphs)


def _plain(cell: str) -> str:
    return clean_line(cell)
