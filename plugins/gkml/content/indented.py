"""Indented code blocks as Python-Markdown finds them: a block (lines between blank lines) whose
first line is indented four columns, that does not continue a list item or a container above it.
The page shows its text as code, so a picture or link written in it is text: never fetched, never
a file the document must hold.

Where it is not certain, a block is taken as live text (the check then tells what it would tell
of any text): after a list item, an admonition (!!!, ???), a tab (===), a block (///), a footnote
or a definition, which indent their own content; and after a line that may open a raw HTML block
(<div>, <!-- … at its start), which holds what follows, indented or not, as HTML up to its end."""

from __future__ import annotations

import re
from collections.abc import Sequence

_INDENT = 4  # Python-Markdown's tab_length: MkDocs does not change it
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[*+-]|[0-9]+\.)[ ]+")
_RULE = re.compile(r"^[ ]{0,3}(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})$")
# what indents the blocks after it as its own content (extensions a site may enable)
# a tag, comment or declaration at a line's start: Python-Markdown may pass what follows as raw HTML
_RAW_HTML = re.compile(r"^[ ]{0,3}<[A-Za-z/!?]")
_CONTAINER = re.compile(r"^(?:!!!|\?\?\?|===|///)|^[ ]{0,3}\[\^[^\]\n]*\]:|^[ ]{0,3}:[ ]{1,3}\S", re.MULTILINE)


def _indented(line: str) -> bool:
    lead = line[:len(line) - len(line.lstrip(" \t"))]
    return len(lead.expandtabs(_INDENT)) >= _INDENT


def indented_code(body: str, fences: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each indented code block of `body`; `fences`: its fenced code blocks
    (each a block of its own, as Python-Markdown stashes it). Linear in the body's length."""
    spans: list[tuple[int, int]] = []
    holder = False  # the last block not indented was a list item or a container
    raw = False  # a line that may open a raw HTML block was read: no block after it is certainly code
    block: list[tuple[int, str]] = []  # (offset, line) of the block being read
    fence_ends = {start: end for start, end in fences}

    def close() -> None:
        nonlocal holder, raw
        lines = block[:]
        block.clear()
        if not lines:
            return  # one more blank line
        at = 0  # the first line not yet read: an index, so a block of many parts is read once
        while at < len(lines) and (_indented(lines[at][1]) or _RULE.match(lines[at][1])):
            if _RULE.match(lines[at][1]):  # a rule ends a block: what follows it is one of its own
                holder, at = False, at + 1
                continue
            if holder or raw:
                return  # the list item's or container's own content, or perhaps raw HTML
            # a code block ends at its first line not indented: the rest is a block of its own
            start = lines[at][0]
            while at < len(lines) and _indented(lines[at][1]):
                at += 1
            spans.append((start, lines[at - 1][0] + len(lines[at - 1][1])))
        rest = [line for _, line in lines[at:]]
        raw = raw or any(_RAW_HTML.match(line) for line in rest)
        # a heading or rule inside may start a list after it: a list item on any line holds
        holder = any(_LIST_ITEM.match(line) and not _RULE.match(line) for line in rest) \
            or bool(_CONTAINER.search("\n".join(rest)))

    offset = 0
    while offset <= len(body):
        if offset in fence_ends:
            close()
            holder = False
            offset = fence_ends[offset]
            offset = body.find("\n", offset) + 1 or len(body) + 1  # the rest of the closing line
            continue
        end = body.find("\n", offset)
        end = len(body) if end < 0 else end
        line = body[offset:end]
        if line.strip(" \t\r"):
            block.append((offset, line))
        else:
            close()
        offset = end + 1
    close()
    return spans
