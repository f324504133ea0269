"""An element's text as a browser shows it: which elements are unseen, which are blocks, the
whitespace a browser collapses, a cell's lines as its <br>s break them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gkml.importer.labels import key_of
from gkml.importer.text import (
    AGENCY_LAST,
    IDEO,
    SPACES,
    issuers_meet,
    raised,
    shown_line,
)

DROP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
                  "select", "button", "textarea", "input", "head", "title", "map", "canvas",
                  "audio", "video", "math", "-comment", "option", "datalist"})
BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr",
                   "td", "th", "blockquote", "section", "article", "center", "dl", "dt", "dd", "pre",
                   "hr", "address", "fieldset", "tbody", "thead", "tfoot", "caption", "main",
                   "aside", "figure", "figcaption", "body", "html", "nav", "header", "footer", "form",
                   "legend", "details", "summary", "menu"})
BR = "\u2028"  # a <br> inside collected text
_BREAK = "\u2029"  # a <br> or block edge while one line is collected: told from a source line break
MAX_DEPTH = 150  # deeper nesting is read as flat text
_UP = 3  # levels looked up for the label before an element ('<td>发布日期</td><td><script>…')
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


_TEXT_BOXES = ("input[readonly][value]:not([type]), input[readonly][value][type=text], "
               "input[disabled][value]:not([type]), input[disabled][value][type=text], textarea[readonly]")


_LABELLED_BOXES = "input[value]:not([type]), input[value][type=text]"


def boxes_as_text(tree: LexborHTMLParser) -> None:
    """A read-only text box shows its value (an attribute form's cells: '索引号：[002986620/…]'), as text;
    so does an editable one a known label stands before ('发布机构：<input value=…>': the value the page
    states, in a box a CMS left editable), but not a search box's '请输入关键字'."""
    boxes = tree.css(_TEXT_BOXES)
    seen = {node.mem_id for node in boxes}
    boxes += [node for node in tree.css(_LABELLED_BOXES) if node.mem_id not in seen and label_before(node)]
    for node in boxes:
        value = node.text() if node.tag == "textarea" else node.attributes.get("value")
        if value and value.strip() and not hidden(node):
            node.replace_with(value)


def label_before(node: LexborNode) -> str | None:
    """The field of the label just before `node` ('发布日期：<script>…'), looking up a few levels
    when nothing stands before it in its own element; None when the text before it is no label."""
    for _ in range(_UP):
        sibling = node.prev
        while sibling is not None:
            text = (sibling.text(deep=True) or "").strip(SPACES + "\n\r\t")
            if text:
                return key_of(re.split(f"[{SPACES}\n\r\t]+", text)[-1][-20:])
            sibling = sibling.prev
        if node.parent is None:
            return None
        node = node.parent
    return None




def children(node: LexborNode) -> list[LexborNode]:
    return list(node.iter(include_text=True))


def hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or bool(_HIDDEN.search(attrs.get("style") or ""))


def below(node: LexborNode, selector: str) -> list[LexborNode]:
    """Descendants matching `selector` (Lexbor's css() includes the node itself)."""
    return [found for found in node.css(selector) if found.mem_id != node.mem_id]


def collapse(text: str) -> str:
    """Browser whitespace: a source line break between ideographs vanishes, other runs become one space.
    No-break and ideographic spaces are kept, so gaps made of them still separate fields."""
    text = re.sub(rf"(?<=[{IDEO}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{IDEO}])", "", text)
    return re.sub(r"[ \t\r\n\f]+", " ", text)


def raised_text(node: LexborNode) -> str | None:
    """A <sup>/<sub> as the characters it shows (m², CO₂), or None to read it as any inline element."""
    return raised(node.text(deep=True, separator=""), node.tag) if node.tag in ("sup", "sub") else None


_RUN = rf"[ \t\r\n\f]*{_BREAK}[ \t\r\n\f{_BREAK}]*"
_AFTER_NAME = re.compile(rf"(?<=[{AGENCY_LAST}]){_RUN}(?=[{IDEO}])")  # where two agencies' names may meet
_BETWEEN_IDEOGRAPHS = re.compile(rf"(?<=[{IDEO}]){_RUN}(?=[{IDEO}])")
_ANY_RUN = re.compile(_RUN)


def _broken(text: str) -> str:
    """The <br>s and block edges of one line's text: between ideographs nothing (a title broken to
    fit), but a space between two agencies' names ('市应急局<br>市财政局'), as a joint title keeps
    it; a space elsewhere. Only the breaks after a name's last character are asked of in Python
    (a cell's text is read at each table it is inside): the others by the patterns alone."""
    def join(match: re.Match[str]) -> str:
        return " " if issuers_meet(text, match.start(), match.end()) else ""

    text = _AFTER_NAME.sub(join, text)  # first, on the text as given: the names' context is in it
    return _ANY_RUN.sub(" ", _BETWEEN_IDEOGRAPHS.sub("", text))


# While one tree is walked, unchanged: each element's text, read once. A table's reading reads
# its cells whole, and a nested table's cells again: without it, nested tables cost depth × size.
@dataclass
class _Memo:
    texts: dict[tuple[int, str], str] = field(default_factory=dict)  # by element and line break
    lines: dict[int, tuple[str, ...]] = field(default_factory=dict)  # a cell's lines
    holding: dict[str, set[int]] = field(default_factory=dict)  # by selector: the elements above a match


_REMEMBERED: ContextVar[_Memo | None] = ContextVar("_REMEMBERED", default=None)


@contextmanager
def texts_remembered() -> Iterator[None]:
    """Each element's text read once while the tree is walked; the tree must not change meanwhile."""
    token = _REMEMBERED.set(_Memo())
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def element_text(node: LexborNode, depth: int = 0, br: str = "\n") -> str:
    """A cell's or an element's text on one line, as a browser shows it: inline runs (Word's
    <span>s, <font>s) joined as they are, a <br> or a block boundary a line break that vanishes
    between ideographs (not between two agencies' names) and is a space elsewhere (or `br`, to
    tell the lines apart)."""
    if depth == 0 and br == "\n":
        memo = _REMEMBERED.get()
        key = (node.mem_id, "")
        if memo is not None and key in memo.texts:
            return memo.texts[key]
        shown = collapse(_broken(element_text(node, 1, _BREAK)))
        if memo is not None:
            memo.texts[key] = shown
        return shown
    text = _joined(node, depth, br, _REMEMBERED.get())[0]
    return collapse(text) if depth == 0 else text


def _joined(node: LexborNode, depth: int, br: str, memo: _Memo | None) -> tuple[str, bool]:
    """The element's text, its lines parted by `br`, and whether it was read whole (not cut flat at
    MAX_DEPTH): only a whole reading is remembered."""
    key = (node.mem_id, br)
    if memo is not None and key in memo.texts:
        return memo.texts[key], True
    if depth >= MAX_DEPTH:
        return collapse(node.text(deep=True, separator=" ")), False
    parts: list[str] = []
    whole = True
    for child in children(node):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag == "br":
            parts.append(br)
        elif tag in DROP:
            continue
        elif (shown := raised_text(child)) is not None:
            parts.append(shown)
        else:
            text, read = _joined(child, depth + 1, br, memo)
            whole = whole and read
            parts.append(br + text + br if tag in BLOCK else text)
    text = "".join(parts)
    if memo is not None and whole:
        memo.texts[key] = text
    return text, whole


def holds(node: LexborNode, selector: str) -> bool:
    """Whether an element matching `selector` is inside the element (`below`); while a tree is walked,
    told from one pass over the tree's matches: asked at each table a cell is inside, not a walk each."""
    memo = _REMEMBERED.get()
    if memo is None:
        return bool(below(node, selector))
    if (held := memo.holding.get(selector)) is None:
        root = node
        while root.parent is not None:
            root = root.parent
        held = memo.holding[selector] = set()
        for found in root.css(selector):
            up = found.parent
            while up is not None and up.mem_id not in held:  # those above a marked one are marked
                held.add(up.mem_id)
                up = up.parent
    return node.mem_id in held


_BLOCKS = ", ".join(sorted(BLOCK))


def cell_lines(cell: LexborNode) -> list[str]:
    """A cell's lines as its <br>s and blocks break them, each as the browser shows it. Between
    <br>s an empty line stays ('<br>安徽省应急管理厅': the first value is empty); [] for an empty cell."""
    memo = _REMEMBERED.get()
    if memo is not None and cell.mem_id in memo.lines:
        return list(memo.lines[cell.mem_id])
    lines = [shown_line(collapse(part)) for part in element_text(cell, 1, BR).split(BR)]
    if holds(cell, _BLOCKS):  # blocks: their edges make no lines
        lines = [line for line in lines if line]
    elif not any(lines):
        lines = []
    if memo is not None:
        memo.lines[cell.mem_id] = tuple(lines)
    return lines
