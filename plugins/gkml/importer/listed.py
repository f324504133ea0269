"""The files a body lists under 附件： that no link of the page gives: named in the text only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from gkml.importer.blocks import Block
from gkml.importer.text import SPACES, folded

# '附件：安排表', '附件1：安排表', '附件：1.安排表' (the list going on '2.名单' below).
_HEAD = re.compile(rf"^[{SPACES}]*附件[{SPACES}]*(?:[0-9０-９一二三四五六七八九十]+[{SPACES}]*)?[:：][{SPACES}]*(?P<rest>.*)$")
_ITEM = re.compile(rf"^[{SPACES}]*(?:附件[{SPACES}]*)?[0-9０-９一二三四五六七八九十]+[{SPACES}]*[.．、:：][{SPACES}]*(?P<rest>.+)$")
_NUMBER = re.compile(rf"^[{SPACES}]*[0-9０-９一二三四五六七八九十]+[{SPACES}]*[.．、](?![0-9０-９])[{SPACES}]*")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{2,5}$")
_LONGEST = 80  # an attachment's name, not a sentence that mentions 附件


def bare(title: str) -> str:
    """An attachment's name without its number and extension: '1.安排表.xlsx' → '安排表'."""
    return _EXTENSION.sub("", _NUMBER.sub("", title.strip(SPACES))).strip(SPACES)


# Where the next number of a list run into one line starts ('1.预案 2.起草说明'): not '1.5万元'.
_RUN_NUMBER = re.compile(rf"(?<![0-9０-９一二三四五六七八九十])([0-9０-９]+|[一二三四五六七八九十])[{SPACES}]*[.．、](?![0-9０-９])")
_HAN_DIGITS = "一二三四五六七八九十"


def _number(text: str) -> int:
    return _HAN_DIGITS.index(text) + 1 if text in _HAN_DIGITS else int(text)


def _run_items(rest: str) -> list[str]:
    """'1.预案 2.起草说明 3.反馈表' printed on the 附件： line: each item, numbered 1, 2, 3 in turn."""
    cuts: list[int] = []
    for match in _RUN_NUMBER.finditer(rest):
        if _number(match[1]) == len(cuts) + 1 and (cuts or not rest[:match.start()].strip(SPACES)):
            cuts.append(match.start())
    if len(cuts) < 2:
        return [rest]
    return [rest[start:end].strip(SPACES) for start, end in zip(cuts, [*cuts[1:], len(rest)], strict=True)]


def _not_linked(items: list[str], block: Block) -> list[str]:
    """The items whose name is none of the line's links' (a linked one is the link's file)."""
    linked = [folded(link.text) for link in block.links if link.text]
    return [item for item in items if not any(text in folded(item) for text in linked)]


def _names(body: Sequence[Block]) -> list[str]:
    """The names the body's last 附件： list gives, as printed (no link on their lines)."""
    names: list[str] = []
    listing = False
    for block in body:
        text = block.text
        head = _HEAD.match(text) if block.kind in ("text", "item", "heading") else None
        if head:
            listing = True
            names += _not_linked(_run_items(head["rest"]), block) if head["rest"] else []
            continue
        item = _ITEM.match(text) if listing and block.kind in ("text", "item") else None
        if item is None:
            listing = False
            continue
        names += _not_linked([item["rest"]], block)
    return [name for name in names if len(name) <= _LONGEST and "。" not in name]


def unlinked(body: Sequence[Block], linked_titles: Iterable[str]) -> tuple[str, ...]:
    """Names of the body's 附件 list that no attachment link of the page gives (by title)."""
    found = {bare(title) for title in linked_titles}
    named = dict.fromkeys(bare(name) for name in _names(body))
    return tuple(name for name in named if name and not any(name in title or title in name for title in found if title))
