"""How deep a saved page's elements nest, counted in one linear pass before Lexbor builds its tree.

The tree builder looks through the open elements for most start tags (is a <p> open?), so its
time grows with depth times tags: 30,000 unclosed <div> take seconds, 200,000 (2 MB) minutes.
No browser nests a page so deep (Blink stops at 512) and no real page comes near (an editor that
never closes a <div> leaves a few thousand): such a page is refused, the line where it passes told.
"""

from __future__ import annotations

import re
from collections import defaultdict

MAX_NESTING = 10_000

_TOKEN = re.compile(r"<(?:(!--)|(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>)")  # [^<>]: one scan per '<'
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "basefont", "bgsound", "frame", "keygen"})
# Elements whose text is no markup: their tags are not counted.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"})
# Start tags that close an open element of their own name first (<p>a<p>b, <li>, <td>; <a> by the
# adoption agency), with what is open inside it, as the HTML parser does; only one open inside the
# same scope (a <td> of this table, not of the table around it; an <li> of this list).
_SCOPE = frozenset({"table", "td", "th", "caption", "object", "marquee", "applet", "template", "html"})
_TABLE_SCOPE = frozenset({"table", "template", "html"})
_CLOSES_ITS_OWN = {
    **dict.fromkeys(("tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup"), _TABLE_SCOPE),
    "li": _SCOPE | {"ul", "ol"},
    **dict.fromkeys(("p", "dt", "dd", "option", "optgroup", "a", "rb", "rt", "rp", "rtc", "form"), _SCOPE),
}


class TooDeep(ValueError):
    """A page whose elements nest deeper than MAX_NESTING."""


def too_deep_line(markup: str) -> int | None:
    """The line where the elements of `markup` first nest deeper than MAX_NESTING, else None."""
    stack: list[str] = []
    where: dict[str, list[int]] = defaultdict(list)  # each name's places on the stack

    def close(name: str) -> None:  # the last open `name` and all open inside it
        at = where[name][-1]
        while len(stack) > at:
            where[stack.pop()].pop()

    position = 0
    while (match := _TOKEN.search(markup, position)) is not None:
        position = match.end()
        if match[1]:  # a comment: to its end, or the rest of the page
            end = markup.find("-->", position)
            if end < 0:
                return None
            position = end + 3
            continue
        name = match[3].lower()
        if name in _VOID:
            continue
        if match[2]:
            if where[name]:
                close(name)
            continue
        if name == "plaintext":
            return None
        if name in _RAW_TEXT:
            end = re.compile(rf"</{name}", re.IGNORECASE).search(markup, position)
            if end is None:
                return None
            position = end.start()
            continue
        scope = _CLOSES_ITS_OWN.get(name)
        if scope is not None and where[name] and where[name][-1] > max((where[b][-1] for b in scope if where[b]), default=-1):
            close(name)
        where[name].append(len(stack))
        stack.append(name)
        if len(stack) > MAX_NESTING:
            return markup.count("\n", 0, match.start()) + 1
    return None


def refuse_too_deep(markup: str, what: str = "网页") -> None:
    """Raise TooDeep, in Chinese and located, for a page nested deeper than MAX_NESTING."""
    line = too_deep_line(markup)
    if line is not None:
        raise TooDeep(f"{what}的标签嵌套超过 {MAX_NESTING} 层（第 {line} 行起），比任何正常网页都深，可能已损坏："
                      "请在浏览器中打开它，另存为文本（.txt）后再导入")
