"""The common shape of a saved page, HTML or text: blocks in reading order."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

from gkml.importer.labels import key_of, restacked
from gkml.importer.text import (
    CJK,
    IDEO,
    SPACES,
    clean_line,
    issuers_meet,
    shown_line,
    unescape_text_page,
)

BlockKind = Literal["text", "heading", "item", "table", "fields", "image"]


class Anchor(NamedTuple):
    """A link of the page (or a picture: its alt text and src)."""

    text: str
    href: str  # where it leads (gkml.importer.links.link_address)
    title: str = ""  # its title attribute: a download link's file name when its text says only 下载


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of a page."""

    kind: BlockKind
    raw: str = ""  # as on the page; wide gaps kept (inline attribute runs are separated by them); an image's alt
    level: int = 0  # heading level; 1 for an ordered-list item
    rows: tuple[tuple[str, ...], ...] = ()  # a data table
    pairs: tuple[tuple[str, str], ...] = ()  # an attribute table, <dl> or grid: (label, value)
    links: tuple[Anchor, ...] = ()  # the links in this block; an image's (alt, src)
    marker: str = ""  # a list item's number or bullet as the browser prints it ('3.', 'b.', '•'); '' for more of it
    depth: int = 0  # a list item's nesting: 0 in a top-level list
    cells: tuple[tuple[tuple[Anchor, ...], ...], ...] = ()  # a data table: each cell's own links, as `rows`

    @cached_property  # read by every layout rule; computed once
    def text(self) -> str:
        return clean_line(self.raw)

    @cached_property
    def shown(self) -> str:
        """The line as the page shows it, its punctuation as written: what the document says."""
        return shown_line(self.raw)


def text_blocks(text: str) -> list[Block]:
    """A page saved as text: every non-empty line is a block (a hard-wrapped paragraph one line again)."""
    text = unescape_text_page(text.lstrip("\ufeff"))
    lines = unwrap(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    blocks: list[Block] = []
    at = 0
    while at < len(lines):
        if (found := restacked(lines, at)) is not None:  # stacked labels, their cells' lines interleaved
            blocks += [Block("text", line) for line in found[0]]
            at += found[1]
            continue
        if at + 1 < len(lines) and (goes_on := _cell_goes_on(lines[at], lines[at + 1])) is not None:
            lines[at:at + 2] = goes_on  # the row's lines again, its broken value whole
        if lines[at].strip(SPACES):
            blocks.append(Block("text", lines[at]))
        at += 1
    return blocks


_IDEOGRAPH = re.compile(f"[{IDEO}]")


def _cell_goes_on(line: str, below: str) -> list[str] | None:
    """A row of attributes whose last value a <br> broke, as a text save leaves it ('Issued by：\t合肥市应急管理局',
    then '合肥市财政局\tDate of issue：\t2025-03-18'): the row with that value whole, and the rest of the
    line below; None for lines not in that shape."""
    if "\t" not in line or "\t" not in below or len(line) > 300:
        return None
    cells = [cell.strip(SPACES) for cell in line.split("\t")]
    head, *rest = below.split("\t")
    head = head.strip(SPACES)
    if (len(cells) % 2 or not key_of(cells[0]) or not key_of(cells[-2]) or not cells[-1] or not head
            or key_of(head) is not None or key_of(rest[0]) is None):
        return None
    value = line.rstrip(SPACES)
    between = _IDEOGRAPH.match(value[-1:]) and _IDEOGRAPH.match(head[:1])
    joint = f"{value} {head}"
    gap = " " if not between or issuers_meet(joint, len(value), len(value) + 1) else ""
    return [f"{value}{gap}{head}", "\t".join(rest)]


_CJK_END = re.compile(f"[{CJK}]$")
# A sentence ended, then a line that opens as a numbered part does ('一、', '（二）', '3.', '第四条'): a new
# paragraph, however full the line above it ran.
_SENTENCE_END = re.compile(r"[。！？；：:]$")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|第[一二三四五六七八九十百]{1,4}[章节条])")
_CJK_START = re.compile(f"[{CJK}]")
_SLACK = 4  # a line broken early: a wide character or a closing mark that did not fit
_WIDE = frozenset("WF")


def _width(line: str) -> int:
    """Columns on a terminal: an ideograph or full-width form takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in _WIDE else 1 for ch in line)


def _wrap_column(widths: list[int]) -> int | None:
    """The column a hard-wrapped save (Firefox's 'Text Files', lynx/w3m -dump) broke its lines
    at: the commonest width from 60 to 160, with many of the long lines ending near it and few beyond
    it (the short lines, a menu's and a footer's, say nothing: a short notice has more of them)."""
    wide = Counter(w for w in widths if 60 <= w <= 160)
    if not wide:
        return None
    commonest = max(wide, key=lambda w: (wide[w], w))
    column = max(w for w in wide if w <= commonest + _SLACK)
    full = sum(1 for w in widths if column - _SLACK <= w <= column)
    beyond = sum(1 for w in widths if w > column)
    long = sum(1 for w in widths if w >= column // 2)
    return column if full >= 3 and full >= 0.3 * long and beyond <= full // 10 else None


def unwrap(lines: list[str]) -> list[str]:
    """Lines of a hard-wrapped save joined back into paragraphs; other saves unchanged."""
    joinable = [line for line in lines if line.strip(SPACES) and "\t" not in line]
    column = _wrap_column([_width(line.rstrip()) for line in joinable])
    if column is None:
        return lines
    out: list[str] = []
    carry = False  # the last line was full: the next one continues it
    for line in lines:
        if (carry and line.strip(SPACES) and "\t" not in line
                and not (_SENTENCE_END.search(out[-1].rstrip()) and _NUMBERED.match(line.strip(SPACES)))):
            last, rest = out[-1].rstrip(), line.lstrip(" ")
            glue = "" if _CJK_END.search(last) or _CJK_START.match(rest) else " "  # words broke at a space
            out[-1] = last + glue + rest
        else:
            out.append(line)
        carry = "\t" not in line and column - _SLACK <= _width(line.rstrip()) <= column
    return out
