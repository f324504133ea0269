"""List items Python-Markdown does not read as the editor wrote them.

CommonMark (and GitHub, and most editors' habit) nests a list item indented two spaces under
the item above; Python-Markdown needs four per level, and shows a shallower item as a sibling:
the list the editor wrote renders flat, with no error. The check tells each such item and
`gkml fix` indents it four spaces a level, the depth the editor's own indents give it.

CommonMark also lets a list start right under a paragraph's last line; Python-Markdown starts
a list only after a blank line, and shows the items as more words of the paragraph
(第一段 - 一项 - 二项). The check tells the first such item, `gkml fix` puts the blank line before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from gkml.content.problems import Problem

TAB = 4  # Python-Markdown's tab_length: the indent of one nesting level
SHALLOW_CODE = "shallow-list-indent"
UNSEPARATED_CODE = "list-after-paragraph"
_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
# lines that end a paragraph within a block of lines (Python-Markdown splits the block there):
# a heading, a rule or setext underline, a quote
_BLOCK_BREAK = re.compile(r"^ {0,3}(?:#|>|(?:[-*_=][ \t]*){3,}$)")
# what a block opens with that is not a paragraph: a table row, raw HTML
_NOT_PARAGRAPH = re.compile(r"^ {0,3}[|<]")


class ShallowItem(NamedTuple):
    line: int  # 0-based, in the lines given
    indent: int  # the spaces written
    needed: int  # the spaces that nest it as written


def _unfenced(lines: Sequence[str]) -> Iterator[tuple[int, str | None]]:
    """(0-based line, the line with tabs expanded) of every line outside fenced code; a fence's
    own lines as (line, None), the code between them left out."""
    fence: str | None = None
    for number, raw in enumerate(lines):
        line = raw.expandtabs(TAB)
        stripped = line.lstrip(" ")
        if fence:
            fence = None if stripped.startswith(fence) else fence
            yield number, None
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            yield number, None
        else:
            yield number, line


def shallow_items(lines: Sequence[str]) -> list[ShallowItem]:
    """Items of a list whose editor nested them (indented deeper than the item above) by fewer
    than four spaces a level; not in fenced code, not after the list has ended."""
    found: list[ShallowItem] = []
    levels: list[int] = []  # the indents of the open levels, outermost first; empty: no list
    for number, line in _unfenced(lines):
        if line is None or not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        if not _ITEM.match(line):
            if indent == 0:  # a paragraph, heading or table of its own: the list has ended
                levels = []
            continue
        if not levels:
            levels = [indent] if indent < TAB else []  # deeper, it is a code block, no list
            continue
        while levels and levels[-1] > indent:
            levels.pop()
        if not levels or levels[-1] < indent:
            levels.append(indent)
        needed = TAB * (len(levels) - 1)
        if indent < needed:
            found.append(ShallowItem(number, indent, needed))
    return found


def unseparated_items(lines: Sequence[str]) -> list[int]:
    """The first list item (0-based line) written right under a paragraph's line, no blank line
    between: Python-Markdown shows it and the items after it as the paragraph's text."""
    found: list[int] = []
    paragraph = False  # the lines since the block began are a paragraph's
    fresh = True  # the next line begins a block: after a blank line, a heading, a rule, a fence
    for number, line in _unfenced(lines):
        if line is None or not line.strip() or _BLOCK_BREAK.match(line):
            paragraph, fresh = False, True
            continue
        indent = len(line) - len(line.lstrip(" "))
        if _ITEM.match(line):
            if paragraph and indent < TAB:
                found.append(number)
                paragraph = False  # once a list's, the rest of the block follows this item
        elif fresh:
            paragraph = indent < TAB and not _NOT_PARAGRAPH.match(line)
        fresh = False
    return found


def unseparated_notices(path: str, body: str, body_line: int) -> list[Problem]:
    """A located notice for each list written right under a paragraph: the page shows its words, not as a list."""
    return [Problem(path, body_line + line, 1, None, UNSEPARATED_CODE,
                    "正文这一行的列表项紧接在上一行文字之下，中间没有空行：网页上它和后面的列表项会连在上一段文字里显示，"
                    "不成列表。请在这一行前面加一个空行（gkml fix 可自动加上）。")
            for line in unseparated_items(body.split("\n"))]


def shallow_notices(path: str, body: str, body_line: int) -> list[Problem]:
    """A located notice for each shallow item: the page still shows its text, not nested as written."""
    return [Problem(path, body_line + item.line, item.indent + 1, None, SHALLOW_CODE,
                    f"正文这一行的列表项缩进了 {item.indent} 个空格，网页上不会按所写的层级显示"
                    f"（每一级须缩进 4 个空格，少了会与上一级并列）。请缩进 {item.needed} 个空格（gkml fix 可自动改正）。")
            for item in shallow_items(body.split("\n"))]
