"""What a page's inline script writes where it stands, as a browser shows it: `document.write('…')` of
string literals ('2024-03-05 10:20', '合肥市应急管理局', an attachment's link), the literals read, the code
never run. A script that computes what it writes (`document.write(d)`) is not read, but the field whose
label stands before it, or it writes before the value, is told (its value is on the live page only, not missing from it);
one with no label is told by its call and the text before it (`Unread`), unless it is the page's furniture
(today's date, a counter, a footer's year, a script or tracker it loads). A body a script copies from a
hidden <textarea> into the page (`x.innerHTML = textarea.value`) is read where the script puts it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gkml.importer.elementtext import BLOCK, DROP, MAX_DEPTH, hidden, label_before
from gkml.importer.furniture import is_chrome, is_terminal
from gkml.importer.labels import key_of
from gkml.importer.text import SPACES

_LITERAL = r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
_JOINED = rf"(?:{_LITERAL})(?:\s*\+\s*(?:{_LITERAL}))*"
_CALL = rf"document\s*\.\s*write(?:ln)?\s*\(\s*({_JOINED})\s*\)\s*;?"
_ONLY_WRITES = re.compile(rf"^\s*(?:<!--)?\s*(?:{_CALL}\s*)+(?://\s*-->)?\s*$")
_CALLS = re.compile(_CALL)
_PIECE = re.compile(_LITERAL)
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
_CHARS = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": "", "0": ""}
_LONGEST = 20_000  # characters of one script read
_ANY_WRITE = re.compile(r"document\s*\.\s*write(?:ln)?\s*\(")
# What only the page's furniture writes: today's date (new Date() of no argument), a script, frame or
# counter it loads, a tracker's escaped markup (cnzz's unescape("%3Cspan…")).
_FURNITURE = re.compile(r"new\s+Date\s*\(\s*\)|<\s*/?\s*(?:script|iframe|link|style|object|embed|img)\b|%3C|unescape\s*\("
                        r"|\\x3c|\\u003c|cnzz|_hmt|hm\.baidu|google|visit|count|hits|clicks", re.IGNORECASE)
# A masthead's clock: '今天是：<script>document.write(today)</script> 星期<script>…'.
_CLOCK = re.compile(r"今天|今日|星期|(?:当前|现在)(?:时间|是)")
# A counter's word: '点击数：<script>document.write(hits)</script>'.
_COUNTER = re.compile(r"(?:(?:点击|浏览|访问|阅读|查看)(?:数|次数|量|率)?|人次|访客)\s*[:：]?\s*$")
_SHOWN_CALL = 60  # characters of a call quoted
_SHOWN_BEFORE = 30  # characters of the text before it quoted
_LINE = 150  # a block longer than this is no one line of the page
_UP_TITLE = 3  # levels looked up for the heading a write stands in
_TITLE_SLOT = re.compile(r"(?:^|[\s_-])(?:title|biaoti|bt)(?:$|[\s_-])", re.IGNORECASE)
_MOST_TOLD = 20  # computed writes told of one page: more is a page its scripts draw
_MOST_EXAMINED = 100  # computed writes with no label looked at, each costing a walk of the tree around it
_UP_BEFORE, _SIBLINGS = 8, 30  # levels and siblings each looked through for the text before a write


@dataclass(frozen=True)
class Unread:
    """A computed write no label names: what it calls, and the page's text just before it."""

    call: str
    before: str


def _unescaped(literal: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match[1]
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _CHARS.get(code, code)

    return _ESCAPE.sub(one, literal[1:-1])


def written(code: str) -> str | None:
    """The markup a script of only `document.write` calls of literals writes, else None."""
    if len(code) > _LONGEST or not _ONLY_WRITES.match(code):
        return None
    return "".join(_unescaped(piece[0]) for call in _CALLS.finditer(code) for piece in _PIECE.finditer(call[1]))


def _label_written(code: str) -> str | None:
    """The field of a label a computed write prints before its value ("document.write('发布日期：' + d)")."""
    for literal in _PIECE.finditer(code[:_LONGEST]):
        shown = re.sub(r"<[^>]*>", " ", _unescaped(literal[0])).split()
        if shown and (key := key_of(shown[-1][-20:])):
            return key
    return None


def _call(code: str, start: int) -> str:
    """The write call at `start` as written ('document.write(d.toLocaleDateString())'), shortened."""
    depth, end = 0, start
    for end in range(start, min(len(code), start + 4 * _SHOWN_CALL)):
        depth += {"(": 1, ")": -1}.get(code[end], 0)
        if code[end] == ")" and depth == 0:
            break
    call = " ".join(code[start:end + 1].split())
    return call if len(call) <= _SHOWN_CALL else call[:_SHOWN_CALL] + "…"


def _text(node: LexborNode | None, depth: int = 0) -> str:
    """What `node` shows, its scripts' code and styles left out."""
    if node is None or depth > MAX_DEPTH or node.tag in DROP:
        return ""
    if node.tag == "-text":
        return " ".join((node.text_content or "").split())
    return " ".join(filter(None, (_text(child, depth + 1) for child in node.iter(include_text=True))))


def _before(node: LexborNode) -> tuple[str, str]:
    """The line `node` stands in (its block's text, when short) and the text of what the page shows
    just before it."""
    block = node.parent
    while block is not None and block.tag not in BLOCK:
        block = block.parent
    line = _text(block) if block is not None and block.tag not in ("body", "html") else ""
    line = line if len(line) <= _LINE else ""
    for _ in range(_UP_BEFORE):  # a few levels and siblings each: a page of thousands of scripts stays linear
        if node is None or node.tag in ("body", "html"):
            break
        sibling, steps = node.prev, 0
        while sibling is not None and steps < _SIBLINGS:
            if text := _text(sibling).strip(SPACES):
                return line, text
            sibling, steps = sibling.prev, steps + 1
        node = node.parent
    return line, ""


def _unread(node: LexborNode, code: str, start: int) -> Unread | None:
    """A computed write told by its call and the text before it; None for the page's furniture: in the
    head or hidden, after a counter's or a clock's word, in a footer's or a chrome row's line or below one."""
    if _FURNITURE.search(code) or any(n.tag == "head" or hidden(n) for n in _ancestors(node)):
        return None
    line, before = _before(node)
    last = before[-_SHOWN_BEFORE:]
    if (_CLOCK.search(line or last) or _COUNTER.search(last[-8:])
            or any(text and (is_terminal(text) or is_chrome(text)) for text in (line, before[-_LINE:]))):
        return None
    return Unread(_call(code, start), before if len(before) <= _SHOWN_BEFORE else "…" + last)


def _titled(node: LexborNode) -> str | None:
    """'title' for a write in the page's heading or title slot ('<h1><script>document.write(ArticleTitle)')."""
    slots = [n for n in _ancestors(node, _UP_TITLE)
             if n.tag in ("h1", "h2") or _TITLE_SLOT.search(n.attributes.get("class") or "")]
    return "title" if slots else None


def _ancestors(node: LexborNode, most: int = MAX_DEPTH) -> list[LexborNode]:
    found: list[LexborNode] = []
    parent = node.parent
    while parent is not None and len(found) < most:
        found.append(parent)
        parent = parent.parent
    return found


def write_scripts(tree: LexborHTMLParser) -> tuple[tuple[str, ...], tuple[Unread, ...]]:
    """Each inline script that only writes literals replaced by what it writes; the fields whose
    value a script computes as it writes it, by the label before it; the other computed writes."""
    computed: list[str] = []
    unread: list[Unread] = []
    examined = 0
    for node in tree.css("script"):
        if "src" in node.attributes:
            continue
        code = node.text() or ""
        if (markup := written(code)) is None:
            if (call := _ANY_WRITE.search(code[:_LONGEST])) is None:
                continue
            if key := _label_written(code) or label_before(node) or _titled(node):
                computed.append(key)
            elif (examined := examined + 1) <= _MOST_EXAMINED and len(unread) < _MOST_TOLD \
                    and (told := _unread(node, code[:_LONGEST], call.start())) is not None:
                unread.append(told)
            continue
        box = LexborHTMLParser(f"<span>{markup}</span>").css_first("body > span")
        if box is not None:
            node.replace_with(box)
    return tuple(dict.fromkeys(computed)), tuple(dict.fromkeys(unread))


# 'getElementById("content").innerHTML = …' / '$("#content").html(…)': the element a script fills.
_FILLS = re.compile(r"""getElementById\(\s*['"]([\w:.-]+)['"]\s*\)\s*\.innerHTML\s*=|\$\(\s*['"]#([\w:.-]+)['"]\s*\)\s*\.html\(""")
_MARKUP = re.compile(r"<\s*(?:p|div|br|table|span|h[1-6]|ul|ol|img|a)\b", re.IGNORECASE)


def textareas_shown(tree: LexborHTMLParser) -> None:
    """A hidden <textarea> of markup an inline script copies into an element in one statement (the body a CMS
    keeps there for its script to show: 'content.innerHTML = contentText.value'): its markup put into that
    element when the page left it empty; a box no script copies, or into an element the page already fills
    (a print copy), stays unseen."""
    code = " ".join((node.text() or "")[:_LONGEST] for node in tree.css("script") if "src" not in node.attributes)
    fills = [(m[1] or m[2], statement) for statement in re.split(r"[;\n]", code) for m in _FILLS.finditer(statement)]
    for node in tree.css("textarea") if fills else ():
        name = node.attributes.get("id") or node.attributes.get("name") or ""
        named = re.compile(rf"""['"#]{re.escape(name)}['"]""")
        markup = node.text() or ""
        if not (name and _MARKUP.search(markup) and any(hidden(n) for n in (node, *_ancestors(node)))):
            continue
        target = next((found for id_, statement in fills if id_ != name and named.search(statement)
                       and (found := tree.css_first(f'[id="{id_}"]')) is not None and not _text(found).strip(SPACES)), None)
        box = LexborHTMLParser(f"<div>{markup}</div>").css_first("body > div")
        if target is not None and box is not None:
            target.insert_child(box)
            node.decompose()
