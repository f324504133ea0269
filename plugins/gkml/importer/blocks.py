"""The common shape of a saved page, HTML or text: blocks in reading order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from gkml.importer.text import SPACES, clean_line, unescape_text_page

BlockKind = Literal["text", "heading", "item", "table", "fields"]


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of a page."""

    kind: BlockKind
    raw: str = ""  # as on the page; wide gaps kept (inline attribute runs are separated by them)
    level: int = 0  # heading level; 1 for an ordered-list item
    rows: tuple[tuple[str, ...], ...] = ()  # a data table
    pairs: tuple[tuple[str, str], ...] = ()  # an attribute table, <dl> or grid: (label, value)
    links: tuple[tuple[str, str], ...] = ()  # (text, href) of the links in this block

    @cached_property  # read by every layout rule; computed once
    def text(self) -> str:
        return clean_line(self.raw)


def text_blocks(text: str) -> list[Block]:
    """A page saved as text: every non-empty line is a block."""
    text = unescape_text_page(text.lstrip("\ufeff"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Block("text", line) for line in lines if line.strip(SPACES)]
