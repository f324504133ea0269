"""An element's text as a browser shows it: which elements are unseen, which are blocks, the
whitespace a browser collapses, a cell's lines as its <br>s break them."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gkml.importer.labels import key_of
from gkml.importer.text import IDEO, SPACES, issuers_meet, raised, shown_line

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


def _broken(text: str) -> str:
    """The <br>s and block edges of one line's text: between ideographs nothing (a title broken to
    fit), but a space between two agencies' names ('市应急局<br>市财政局'), as a joint title keeps
    it; a space elsewhere."""

    def join(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        if re.match(f"[{IDEO}]", text[start - 1:start]) and re.match(f"[{IDEO}]", text[end:end + 1]):
            return " " if issuers_meet(text, start, end) else ""
        return " "

    return re.sub(rf"[ \t\r\n\f]*{_BREAK}[ \t\r\n\f{_BREAK}]*", join, text)


def element_text(node: LexborNode, depth: int = 0, br: str = "\n") -> str:
    """A cell's or an element's text on one line, as a browser shows it: inline runs (Word's
    <span>s, <font>s) joined as they are, a <br> or a block boundary a line break that vanishes
    between ideographs (not between two agencies' names) and is a space elsewhere (or `br`, to
    tell the lines apart)."""
    if depth == 0 and br == "\n":
        return collapse(_broken(element_text(node, 1, _BREAK)))
    if depth >= MAX_DEPTH:
        return collapse(node.text(deep=True, separator=" "))
    parts: list[str] = []
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
        elif tag in BLOCK:
            parts.append(br + element_text(child, depth + 1, br) + br)
        else:
            parts.append(element_text(child, depth + 1, br))
    return collapse("".join(parts)) if depth == 0 else "".join(parts)


def cell_lines(cell: LexborNode) -> list[str]:
    """A cell's lines as its <br>s and blocks break them, each as the browser shows it. Between
    <br>s an empty line stays ('<br>安徽省应急管理厅': the first value is empty); [] for an empty cell."""
    lines = [shown_line(collapse(part)) for part in element_text(cell, 1, BR).split(BR)]
    if below(cell, ", ".join(sorted(BLOCK))):  # blocks: their edges make no lines
        return [line for line in lines if line]
    return lines if any(lines) else []
