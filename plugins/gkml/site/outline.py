"""A document body's headings placed under its page's title, the page's one <h1>, with no level
skipped: what a screen reader's list of headings reads and moves by. An editor's '# 一、总则' was a
second <h1>, and an import's '（一）' (###) or a legacy page's <h4> came straight under the title."""

from __future__ import annotations

import re

from markupsafe import Markup

# A tag as the sanitiser writes it (site.sanitize: every attribute value double-quoted, every '<' of
# text escaped), so each match starts a real tag and takes in any '<' its attribute values hold.
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"=<>/]+(?:="[^"]*")?)*)\s*/?>')
_HEADING = re.compile(r"[hH]([1-6])")
TITLE_LEVEL = 1
DEEPEST = 6


def under_title(body: Markup) -> Markup:
    """`body` (sanitised) with its first and shallowest headings at <h2> and each one level below the
    heading it follows at most; an end tag closes the last heading started and not yet closed (the
    parser closes a heading when another starts right inside it, not inside a <span> or <a> within it)."""
    enclosing: list[int] = []  # the body's own levels of the headings above this point
    opened: list[int] = []  # the levels written for the headings not yet closed, innermost last

    def relevel(match: re.Match[str]) -> str:
        closing, name, attributes = match.group(1), match.group(2), match.group(3)
        heading = _HEADING.fullmatch(name)
        if heading is None or (closing and not opened):
            return match.group()
        if closing:
            return f"</h{opened.pop()}>"
        level = int(heading.group(1))
        while enclosing and enclosing[-1] >= level:
            enclosing.pop()
        opened.append(min(DEEPEST, TITLE_LEVEL + 1 + len(enclosing)))
        enclosing.append(level)
        return f"<h{opened[-1]}{attributes}>"

    return Markup(_TAG.sub(relevel, str(body)))
