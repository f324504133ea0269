"""Parsing core of `gkml import`: pages saved from the old CMS become documents.

Input is a page saved from the old site, either as plain text (the browser's
"save as text") or as HTML, in UTF-8, GBK or GB18030. Everything here is pure:
bytes or text in, a `LegacyPage` or Markdown text out; the command that
assigns index numbers, maps categories and writes files lives elsewhere.

Rule one: never invent a value. A field the page does not state is None, a
date the page states incompletely (the old CMS often lost the year of the
closing date: "年十二月三日") is None, and the text of the body is kept word for
word, only its typography is cleaned (full-width punctuation inside Chinese
text, no page chrome, no stray spaces).

How `render_document` marks what the editor must still fill in
---------------------------------------------------------------
Every key in `todo_keys` is written as a YAML *comment*, never as a value:

    # TODO(待补充): 索引号
    # index_no:

    # TODO(待补充): 发布机构（建议值取自原页面，核对后删去行首的 “# ”）
    # publisher: 安徽省安全生产监督管理局

A commented-out key is simply absent for the YAML parser, so:

* a required key the editor must fill makes `gkml check` fail with the
  ordinary "missing required field" error, naming the field, until an editor
  writes the value — the import cannot publish a half-finished document;
* an optional key left as a TODO passes the check unchanged: it is a reminder,
  not an error;
* nothing ever parses to a placeholder value. A marker such as
  `publisher: TODO` or `publisher: 待补充` would be a *valid* string for a free
  text field and be published as the publisher; `null` would be read as "no
  value" for optional keys and silently hide the reminder. A comment cannot be
  misread.

A suggested value (a key in both `fields` and `todo_keys`) is written commented
out as well, so an editor confirms it by deleting two characters and the check
keeps failing until someone has looked at it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Literal

from gkml.authoring.frontmatter import FIELD_ORDER, yaml_entry

# --------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------

LOSSY_SUFFIX = " (lossy)"
"""Appended to the encoding name when no encoding decoded the bytes cleanly and
undecodable bytes were replaced by U+FFFD."""

_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)

_CHARSET_NAMES = {
    "utf-8": "UTF-8", "utf8": "UTF-8",
    "gbk": "GBK", "gb2312": "GBK", "x-gbk": "GBK", "cp936": "GBK", "windows-936": "GBK",
    "gb_2312-80": "GBK", "euc-cn": "GBK",
    "gb18030": "GB18030",
}


def declared_charset(data: bytes) -> str | None:
    """The charset named by an HTML `<meta charset>` or `http-equiv` tag, normalised."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    return _CHARSET_NAMES.get(match.group(1).decode("ascii", "replace").lower())


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _damage(text: str) -> int:
    """Replacement and private-use characters: what a wrong or damaged decoding produces."""
    return sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")


def decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode a saved page: (text, encoding name).

    UTF-8 comes first (a long Chinese text that is valid UTF-8 is UTF-8, even
    when a stale `<meta charset=gb2312>` says otherwise). Otherwise GBK, or
    GB18030 when the page uses characters outside GBK. A declaration of
    GB18030 is honoured when the bytes decode under it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = _try(data[3:], "utf-8")
        if text is not None:
            return text, "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16")
        if text is not None:
            return text.lstrip("\ufeff"), "UTF-16"
    declared = declared_charset(data)
    text = _try(data, "utf-8")
    if text is not None and (not text.isascii() or declared in (None, "UTF-8")):
        return text, "UTF-8"
    if declared == "GB18030":
        text = _try(data, "gb18030")
        if text is not None:
            return text, "GB18030"
    for codec, name in (("gbk", "GBK"), ("gb18030", "GB18030")):
        text = _try(data, codec)
        if text is not None:
            return text, name
    # Damaged bytes: pick the reading that loses least and say so.
    utf8 = data.decode("utf-8", "replace")
    gb = data.decode("gb18030", "replace")
    if _damage(utf8) <= _damage(gb):
        return utf8, "UTF-8" + LOSSY_SUFFIX
    return gb, "GB18030" + LOSSY_SUFFIX


# --------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------

# Characters that make an ASCII mark "Chinese": ideographs, CJK punctuation,
# full-width forms and the curly quotes Chinese text uses.
_CJK = (
    "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff01-\uff60\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2026\u2014"
    "\U00020000-\U0003ffff"
)
_IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_SPACES = "\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff\t "

_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}

_PAREN_PAIR = re.compile(r"\(([^()\n]*)\)")
_QUOTE_PAIR = re.compile(r'"([^"\n]*)"')
_LONE_MARK = re.compile(rf"(?<=[{_CJK}])[,:;?!()]|[,:;()](?=[{_CJK}])")
_SPACE_RUN = re.compile(rf"[{_SPACES}\r\n]+")
_SPACE_BETWEEN_IDEOGRAPHS = re.compile(rf"(?<=[{_IDEO}])[{_SPACES}]+(?=[{_IDEO}])")


def _has_cjk(text: str) -> bool:
    return re.search(f"[{_CJK}]", text) is not None


def normalise_punctuation(text: str) -> str:
    """ASCII , : ; ( ) ? ! and paired quotes → full-width, only inside Chinese text.

    Numbers and times keep theirs: 1,000 · 5.0 · 08:54 · (a) stay as they are.
    """

    def paren(match: re.Match[str]) -> str:
        start, end = match.span()
        inner = match.group(1)
        before = text[start - 1 : start]
        after = text[end : end + 1]
        if _has_cjk(inner) or _has_cjk(before) or _has_cjk(after):
            return f"（{inner}）"
        return match.group(0)

    text = _PAREN_PAIR.sub(paren, text)
    if text.count('"') % 2 == 0:
        text = _QUOTE_PAIR.sub(
            lambda m: f"“{m.group(1)}”" if _has_cjk(m.group(1)) else m.group(0), text
        )
    return _LONE_MARK.sub(lambda m: _FULLWIDTH[m.group(0)], text)


def clean_line(text: str) -> str:
    """One paragraph's text: entities decoded, spaces collapsed and trimmed, punctuation normalised."""
    text = html.unescape(text) if "&" in text else text
    text = _SPACE_RUN.sub(" ", text).strip()
    return normalise_punctuation(text)


def _tight(text: str) -> str:
    """A short label (title, breadcrumb item): no layout spaces between ideographs ('首 页' → '首页')."""
    return _SPACE_BETWEEN_IDEOGRAPHS.sub("", clean_line(text))


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "０": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3,
              "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "〇○零OＯ０一二三四五六七八九十"

_ISO_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*\d{2}秒?)?)?"
)
_DATE_LINE = re.compile(
    rf"^([{_CN_NUM}\d]{{0,4}})\s*年\s*([{_CN_NUM}\d]{{1,3}})\s*月\s*([{_CN_NUM}\d]{{1,3}})\s*日$"
)


def _cn_number(text: str) -> int | None:
    """'二〇一〇' → 2010, '十二' → 12, '三十一' → 31, '7' → 7."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        if len(tens) > 1 or len(units) > 1:
            return None
        high = _CN_DIGITS.get(tens, -1) if tens else 1
        low = _CN_DIGITS.get(units, -1) if units else 0
        return None if high < 0 or low < 0 else high * 10 + low
    digits = [_CN_DIGITS.get(ch) for ch in text]
    if not digits or None in digits:
        return None
    return int("".join(str(d) for d in digits))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first complete date in `text` as YYYY-MM-DD, else None."""
    match = _ISO_DATE.search(text)
    if match is None:
        return None
    return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def parse_datetime(text: str) -> str | None:
    """The first date in `text` as 'YYYY-MM-DD HH:MM' when it has a time, else 'YYYY-MM-DD'."""
    match = _ISO_DATE.search(text)
    if match is None:
        return None
    day = _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if day is None or match.group(4) is None:
        return day
    hour, minute = int(match.group(4)), int(match.group(5))
    if hour > 23 or minute > 59:
        return day
    return f"{day} {hour:02d}:{minute:02d}"


def parse_signed_date(line: str) -> str | None:
    """A closing date line ('二〇一〇年十二月三日', '2010年12月3日') as ISO; None when incomplete."""
    match = _DATE_LINE.match(_tight(line))
    if match is None or not match.group(1):
        return None
    numbers = [_cn_number(group) for group in match.groups()]
    if None in numbers:
        return None
    year, month, day = numbers
    assert year is not None and month is not None and day is not None
    if year < 1900:
        return None
    return _iso(year, month, day)


def is_date_line(line: str) -> bool:
    """Whether the line is only a date, complete or not ('年十二月三日' is one)."""
    return _DATE_LINE.match(_tight(line)) is not None


# --------------------------------------------------------------------------
# Labelled fields and page chrome
# --------------------------------------------------------------------------

# Label on the old page → content-model key. Longest labels first in the regex.
FIELD_LABELS: Mapping[str, str] = {
    "索引号": "index_no",
    "文号": "doc_no", "发文字号": "doc_no", "发文文号": "doc_no", "文件编号": "doc_no",
    "发布机构": "publisher", "发文机关": "publisher", "发文机构": "publisher",
    "发布单位": "publisher",
    "成文日期": "created", "生成日期": "created", "形成日期": "created",
    "发布时间": "published", "发布日期": "published",
    "主题分类": "topics",
    "主题词": "keywords", "关键词": "keywords",
    "有效性": "validity", "时效性": "validity",
    "内容概述": "summary", "摘要": "summary",
    "名称": "title", "标题": "title", "文件名称": "title",
    "来源": "source", "信息来源": "source", "文章来源": "source",
    "体裁": "genre", "文种": "genre",
}

# Labels of page chrome that may follow a field on the same line.
_CHROME_LABELS = ("阅读", "浏览", "点击", "访问", "字体", "字号", "保护视力色", "分享到", "打印",
                  "作者", "编辑", "责任编辑")

_LABEL_ALT = "|".join(sorted(FIELD_LABELS, key=len, reverse=True))
_STOP_ALT = "|".join(sorted((*FIELD_LABELS, *_CHROME_LABELS), key=len, reverse=True))
_FIELD = re.compile(rf"(?<![\u4e00-\u9fff])({_LABEL_ALT})\s*[:：]")
_FIELD_AT_START = re.compile(rf"^\s*({_LABEL_ALT})\s*[:：]?\s*")
_VALUE_END = re.compile(rf"\s{{2,}}|[【\[]|(?<![\u4e00-\u9fff])(?:{_STOP_ALT})\s*[:：]")

_CRUMB = re.compile(r"^\s*(?:您所在的位置|您现在的位置|您的位置|当前位置|所在位置|当前的位置)\s*[:：]?\s*")
_CRUMB_SEP = re.compile(r"\s*(?:>|&gt;|＞|»|›|→|〉)\s*")

# A line made only of these (and brackets, separators, counts) is chrome.
_CHROME_WORDS = (
    "您所在的位置", "当前位置", "保护视力色", "分享到", "打印本页", "打印此页", "关闭窗口", "关闭本页",
    "返回顶部", "返回首页", "扫一扫在手机打开当前页", "扫一扫", "在手机打开当前页", "阅读次数", "浏览次数",
    "访问次数", "点击数", "点击率", "阅读", "浏览", "字体", "字号", "打印", "关闭", "收藏", "大", "中", "小",
    "次", "默认", "微信", "微博", "QQ空间", "人人网", "腾讯微博", "新浪微博", "更多", "加入收藏",
)
_STRONG_CHROME = ("保护视力色", "分享到", "打印", "关闭", "字体", "字号", "阅读", "浏览", "收藏",
                  "返回顶部", "扫一扫", "点击数")
_CHROME_RE = re.compile("|".join(sorted(map(re.escape, _CHROME_WORDS), key=len, reverse=True)))
_CHROME_FILLER = re.compile(rf"[\s{_SPACES}\[\]【】()（）|｜:：/·•,，.。0-9-]+")
# After these the page is footer: share buttons, print/close, neighbours, copyright.
_TERMINAL = re.compile(
    r"^(?:【?\s*(?:分享到|打印本页|打印此页|关闭窗口|关闭本页)|上一篇|下一篇|相关链接|相关文章|相关阅读"
    r"|版权所有|Copyright|网站标识码|ICP备"
    # 主办单位 also opens ordinary notices; only the site footer names 承办/ICP/标识码 with it.
    r"|主办单位.*(?:承办单位|技术支持|ICP|网站标识码|版权))"
)


def is_chrome(line: str) -> bool:
    """Whether a whole line is page chrome (font size, share, print, view counter…)."""
    stripped = line.strip(_SPACES + "\r\n")
    if not stripped:
        return True
    if _TERMINAL.match(stripped):
        return True
    if not any(word in stripped for word in _STRONG_CHROME):
        return stripped in ("[] []", "[]", "【】")
    rest = _CHROME_FILLER.sub("", _CHROME_RE.sub("", stripped))
    return rest == ""


def _field_pairs(raw: str) -> list[tuple[str, str]]:
    """Every `label: value` on one raw line; a value runs to a wide gap or the next label."""
    pairs: list[tuple[str, str]] = []
    for match in _FIELD.finditer(raw):
        rest = raw[match.end() :]
        rest = rest.lstrip(" \t")
        end = _VALUE_END.search(rest)
        value = rest[: end.start()] if end else rest
        pairs.append((match.group(1), value.strip(_SPACES)))
    return pairs


def _is_field_line(raw: str) -> bool:
    """A line that starts with a known label followed by a colon (or is only a label)."""
    text = raw.strip(_SPACES)
    match = _FIELD_AT_START.match(text)
    if match is None:
        return False
    return text[match.end(1) :].lstrip(_SPACES)[:1] in (":", "：") or text == match.group(1)


# --------------------------------------------------------------------------
# Blocks: the common shape of a text page and an HTML page
# --------------------------------------------------------------------------

BlockKind = Literal["text", "heading", "item", "table"]


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of a page, in reading order."""

    kind: BlockKind
    raw: str  # as on the page, wide gaps kept (fields are separated by them)
    level: int = 0  # heading level for "heading"; 1 for an ordered-list item
    rows: tuple[tuple[str, ...], ...] = ()  # for "table"

    @property
    def text(self) -> str:
        return clean_line(self.raw)


def text_blocks(text: str) -> list[Block]:
    """A plain-text page: every non-empty line is a paragraph."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Block("text", line.replace("\u00a0", " ")) for line in lines if line.strip(_SPACES)]


# --------------------------------------------------------------------------
# HTML → blocks (stdlib html.parser, tolerant of the old CMS's markup)
# --------------------------------------------------------------------------

_VOID = frozenset({"br", "img", "meta", "link", "hr", "input", "area", "base", "col", "embed",
                   "param", "source", "track", "wbr"})
_DROP = frozenset({"script", "style", "nav", "header", "footer", "noscript", "iframe", "select",
                   "button", "textarea", "object", "svg", "template", "head", "form", "map"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table",
                    "tr", "td", "th", "blockquote", "section", "article", "center", "dl", "dt",
                    "dd", "pre", "hr", "address", "fieldset", "tbody", "thead", "tfoot", "caption",
                    "main", "aside", "figure", "figcaption", "body", "html"})
# Opening one of these closes an open element of the same family first.
_CLOSES = {
    "p": ({"p"}, {"div", "td", "th", "li", "body", "blockquote", "table"}),
    "li": ({"li"}, {"ul", "ol"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table", "tbody", "thead", "tfoot"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
}


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    children: list[_Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: unclosed <p>/<li>/<td> are closed, stray end tags ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {})
        self.stack: list[_Element] = [self.root]
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _CLOSES:
            closes, barrier = _CLOSES[tag]
            for depth in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[depth].tag
                if open_tag in barrier:
                    break
                if open_tag in closes:
                    del self.stack[depth:]
                    break
        element = _Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "br":  # </br> is a line break in every browser
            self.stack[-1].children.append(_Element("br", {}))
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.stack[-1].children.append(data)


# A <br> inside the text; source newlines are only whitespace.
_BR = "\u2028"


def _inline_text(node: _Element | str) -> str:
    """The text of a node, `<br>` as _BR, dropped elements skipped."""
    if isinstance(node, str):
        return node
    if node.tag in _DROP:
        return ""
    if node.tag == "br":
        return _BR
    return "".join(_inline_text(child) for child in node.children)


def _collapse_html_space(text: str) -> str:
    """Browser whitespace rules: source line breaks vanish between ideographs, other runs become one space.

    Non-breaking spaces are kept as spaces, so gaps made of &nbsp; still separate fields.
    """
    text = re.sub(rf"(?<=[{_IDEO}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_IDEO}])", "", text)
    return re.sub(r"[ \t\r\n\f]+", " ", text).replace("\u00a0", " ")


class _BlockWalker:
    """Walk the tree, emitting one block per paragraph, heading, list item or data table."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.kind: BlockKind = "text"
        self.level = 0

    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        # <br> separates lines: each is a paragraph of its own.
        for line in raw.split(_BR):
            line = _collapse_html_space(line)
            if line.strip(_SPACES):
                self.blocks.append(Block(self.kind, line, self.level))

    def walk(self, node: _Element | str, list_tag: str = "") -> None:
        if isinstance(node, str):
            self.buffer.append(node)
            return
        tag = node.tag
        if tag in _DROP:
            return
        if tag == "br":
            self.buffer.append(_BR)
            return
        if tag == "table" and not _is_layout_table(node):
            self.flush()
            rows = _table_rows(node)
            if rows:
                self.blocks.append(Block("table", "", 0, rows))
            return
        if tag not in _BLOCK:
            for child in node.children:
                self.walk(child, list_tag)
            return
        self.flush()
        previous = (self.kind, self.level)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.kind, self.level = "heading", int(tag[1])
        elif tag == "li":
            self.kind, self.level = "item", 1 if list_tag == "ol" else 0
        for child in node.children:
            self.walk(child, tag if tag in ("ul", "ol") else list_tag)
        self.flush()
        self.kind, self.level = previous


def _descendants(node: _Element, tags: frozenset[str]) -> Iterable[_Element]:
    for child in node.children:
        if isinstance(child, _Element):
            if child.tag in tags:
                yield child
            if child.tag not in _DROP:
                yield from _descendants(child, tags)


def _rows(table: _Element) -> list[list[_Element]]:
    """Rows of this table only (not of tables nested in its cells)."""
    rows: list[list[_Element]] = []

    def visit(node: _Element) -> None:
        for child in node.children:
            if not isinstance(child, _Element) or child.tag == "table":
                continue
            if child.tag == "tr":
                rows.append([c for c in child.children
                             if isinstance(c, _Element) and c.tag in ("td", "th")])
            else:
                visit(child)

    visit(table)
    return rows


def _is_layout_table(table: _Element) -> bool:
    """Old CMS pages wrap the whole page in tables; only a grid of short cells is data."""
    if any(True for _ in _descendants(table, frozenset({"table"}))):
        return True
    rows = [row for row in _rows(table) if row]
    if not rows or max(len(row) for row in rows) < 2:
        return True
    return any(
        any(True for _ in _descendants(cell, frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})))
        for row in rows for cell in row
    )


def _table_rows(table: _Element) -> tuple[tuple[str, ...], ...]:
    """Cell texts row by row; a colspan repeats as empty cells so columns line up."""
    result: list[tuple[str, ...]] = []
    for row in _rows(table):
        cells: list[str] = []
        for cell in row:
            cells.append(_collapse_html_space(_inline_text(cell).replace(_BR, " ")))
            span = cell.attrs.get("colspan", "1")
            cells.extend([""] * (min(int(span), 20) - 1 if span.isdigit() and int(span) > 1 else 0))
        if any(c.strip(_SPACES) for c in cells):
            result.append(tuple(cells))
    return tuple(result)


def html_blocks(markup: str) -> tuple[list[Block], str]:
    """An HTML page as blocks, and its <title> text (a last-resort title)."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    walker = _BlockWalker()
    walker.walk(builder.root)
    walker.flush()
    return walker.blocks, builder.title


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class LegacyPage:
    """What an old CMS page states, cleaned; fields it does not state are None."""

    title: str
    published: str | None
    source: str | None
    breadcrumb: tuple[str, ...]
    body_markdown: str
    paragraphs: tuple[str, ...]
    signed_date: str | None
    encoding: str
    index_no: str | None = None
    doc_no: str | None = None
    publisher: str | None = None
    created: str | None = None
    topics: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    validity: str | None = None
    summary: str | None = None
    genre: str | None = None
    # Every labelled value as the page states it (label, value), for the import report.
    attributes: tuple[tuple[str, str], ...] = ()
    format: Literal["text", "html"] = "text"


def _crumb(raw: str) -> tuple[str, ...]:
    rest = _CRUMB.sub("", raw, count=1)
    return tuple(item for item in (_tight(part) for part in _CRUMB_SEP.split(rest)) if item)


def _attribute_table(block: Block) -> list[tuple[str, str]]:
    """Label/value pairs of an attribute table (索引号 | 002986620/… | 主题分类 | …), else []."""
    if block.kind != "table":
        return []
    pairs: list[tuple[str, str]] = []
    for row in block.rows:
        # '名　　称' is a label spaced out to the width of a four-character one.
        cells = [_SPACE_BETWEEN_IDEOGRAPHS.sub("", c.strip(_SPACES)) for c in row]
        i = 0
        while i < len(cells):
            match = _FIELD_AT_START.match(cells[i])
            if match and (cells[i][match.end(1):].strip(_SPACES + ":：") == "" and i + 1 < len(cells)):
                pairs.append((match.group(1), cells[i + 1]))
                i += 2
                continue
            pairs.extend(_field_pairs(cells[i]))
            i += 1
    return pairs if len({label for label, _ in pairs}) >= 2 else []


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(item for item in (v.strip(_SPACES) for v in re.split(r"[；;、，,\s]+", value)) if item)


def _is_meta_line(block: Block) -> bool:
    return (block.kind != "table" and len(block.raw) < 300
            and re.search(r"发布(?:时间|日期)\s*[:：]\s*\d{4}", block.raw) is not None)


@dataclass
class _Layout:
    crumb: int | None
    title: int | None
    body_start: int


def _layout(blocks: Sequence[Block]) -> _Layout:
    """Where the breadcrumb, the title and the body are."""
    crumb = next((i for i, b in enumerate(blocks) if b.kind != "table" and _CRUMB.match(b.raw)
                  and len(b.raw) < 300), None)
    start = 0 if crumb is None else crumb + 1
    meta = next((i for i in range(start, len(blocks)) if _is_meta_line(blocks[i])), None)

    def candidate(i: int) -> bool:
        b = blocks[i]
        return (b.kind != "table" and not is_chrome(b.raw) and not _is_field_line(b.raw)
                and not _CRUMB.match(b.raw) and len(b.text) <= 200)

    title: int | None = None
    if meta is not None:
        title = next((i for i in range(meta - 1, start - 1, -1) if candidate(i)), None)
        if title is None:  # title below the date line
            title = next((i for i in range(meta + 1, len(blocks)) if candidate(i)), None)
        body_start = max(meta, title if title is not None else meta) + 1
    else:
        title = next((i for i in range(start, len(blocks))
                      if blocks[i].kind == "heading" and candidate(i)), None)
        if title is None:
            title = next((i for i in range(start, len(blocks)) if candidate(i)), None)
        body_start = (title + 1) if title is not None else start
    return _Layout(crumb, title, body_start)


def _body_blocks(blocks: Sequence[Block]) -> list[Block]:
    """Drop chrome lines; stop at the footer (share, print, close, copyright…)."""
    body: list[Block] = []
    for block in blocks:
        if block.kind == "table":
            body.append(block)
            continue
        text = block.raw.strip(_SPACES)
        if _TERMINAL.match(text):
            break
        if not is_chrome(block.raw):
            body.append(block)
    return body


# Top-level numbering 一、 … 十、(and beyond), 第一章; sub-level （一）, 第一节.
_H2 = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百]{1,4}[章部篇编]\s*)")
_H3 = re.compile(r"^(?:（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十百]{1,4}节\s*)")
_SENTENCE = re.compile(r"[。！？；：]")


def heading_level(text: str) -> int:
    """2 for a short top-level heading ('一、加强组织领导，…'), 3 for '（一）…', else 0."""
    if _SENTENCE.search(text.rstrip("：:")) or text.endswith(("，", "、")):
        return 0
    if _H2.match(text) and len(text) <= 40:
        return 2
    if _H3.match(text) and len(text) <= 30:
        return 3
    return 0


_MD_ESCAPE = re.compile(r"([\\`*_\[\]])")
_MD_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[>+=-]|\d+(?=[.)]\s))")


def _md_inline(text: str) -> str:
    text = _MD_ESCAPE.sub(r"\\\1", text).replace("<", "&lt;")
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1), text)


def _md_table(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(row) for row in rows)

    def line(row: Sequence[str]) -> str:
        cells = [_md_inline(clean_line(c)).replace("|", "\\|") for c in row]
        cells += [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    lines = [line(rows[0]), "|" + "---|" * width]
    lines += [line(row) for row in rows[1:]]
    return "\n".join(lines)


def _render_body(blocks: Sequence[Block]) -> tuple[str, tuple[str, ...]]:
    """Markdown with a blank line between blocks, and the plain paragraph texts."""
    parts: list[str] = []
    paragraphs: list[str] = []
    for block in blocks:
        if block.kind == "table":
            parts.append(_md_table(block.rows))
            continue
        text = block.text
        if not text:
            continue
        paragraphs.append(text)
        if block.kind == "item":
            parts.append(("1. " if block.level == 1 else "- ") + _md_inline(text))
            continue
        level = heading_level(text)
        if block.kind == "heading":
            level = level or min(max(block.level, 2), 4)
        parts.append(("#" * level + " " if level else "") + _md_inline(text))
    # Consecutive list items form one list: no blank line between them.
    out: list[str] = []
    for part in parts:
        if out and part[:2] in ("- ", "1.") and out[-1][:2] == part[:2]:
            out[-1] += "\n" + part
        else:
            out.append(part)
    markdown = "\n\n".join(out)
    return (markdown + "\n" if markdown else ""), tuple(paragraphs)


def _parse_blocks(blocks: list[Block], encoding: str, fmt: Literal["text", "html"],
                  fallback_title: str = "") -> LegacyPage:
    layout = _layout(blocks)
    head = blocks[: layout.body_start]
    rest = blocks[layout.body_start :]

    # Field lines and attribute tables right at the top of the body still belong to the head.
    lead = 0
    while lead < len(rest) and (_attribute_table(rest[lead]) or _is_field_line(rest[lead].raw)
                                or is_chrome(rest[lead].raw)):
        lead += 1
    head, rest = head + rest[:lead], rest[lead:]

    attributes: list[tuple[str, str]] = []
    for i, block in enumerate(head):
        if i == layout.crumb or i == layout.title:
            continue
        if block.kind == "table":
            attributes.extend(_attribute_table(block))
            continue
        pairs = _field_pairs(block.raw)
        # A label alone on its line (a table cell saved as text): the value is the next line.
        if _is_field_line(block.raw) and pairs and not pairs[0][1] and i + 1 < len(head):
            nxt = head[i + 1].raw
            if not _is_field_line(nxt) and not is_chrome(nxt) and i + 1 != layout.title:
                pairs[0] = (pairs[0][0], nxt.strip(_SPACES))
        attributes.extend(pairs)
    attributes = [(label, clean_line(value)) for label, value in attributes if value.strip(_SPACES)]

    def first(key: str) -> str | None:
        return next((v for label, v in attributes if FIELD_LABELS[label] == key and v), None)

    title = ""
    if layout.title is not None:
        title = _tight(blocks[layout.title].raw)
    title = title or _tight(first("title") or "") or _tight(re.split(r"[_|]| - ", fallback_title)[0])

    published_values = [parse_datetime(v) for label, v in attributes if FIELD_LABELS[label] == "published"]
    published_values = [v for v in published_values if v]
    published = next((v for v in published_values if " " in v), None) or next(iter(published_values), None)

    body = _body_blocks(rest)
    # The title often repeats as the first body line (heading and 标题 cell).
    while body and body[0].kind != "table" and _tight(body[0].raw) == title:
        body = body[1:]
    markdown, paragraphs = _render_body(body)

    signed = None
    for text in reversed(paragraphs[-3:]):
        if is_date_line(text):
            signed = parse_signed_date(text)
            break

    created_raw = first("created")
    return LegacyPage(
        title=title,
        published=published,
        source=first("source"),
        breadcrumb=_crumb(blocks[layout.crumb].raw) if layout.crumb is not None else (),
        body_markdown=markdown,
        paragraphs=paragraphs,
        signed_date=signed,
        encoding=encoding,
        index_no=first("index_no"),
        doc_no=first("doc_no"),
        publisher=first("publisher"),
        created=parse_date(created_raw) if created_raw else None,
        topics=_split_list(first("topics") or ""),
        keywords=_split_list(first("keywords") or ""),
        validity=first("validity"),
        summary=first("summary"),
        genre=first("genre"),
        attributes=tuple(attributes),
        format=fmt,
    )


def parse_legacy_text(text: str, encoding: str = "UTF-8") -> LegacyPage:
    """A page saved from the old CMS as plain text."""
    return _parse_blocks(text_blocks(text.lstrip("\ufeff")), encoding, "text")


def parse_legacy_html(markup: str, encoding: str = "UTF-8") -> LegacyPage:
    """A page saved from the old CMS as HTML."""
    blocks, title = html_blocks(markup.lstrip("\ufeff"))
    return _parse_blocks(blocks, encoding, "html", clean_line(title))


_MARKUP = re.compile(r"<(?:!doctype|html|head|body|meta|title)\b", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|br|table|tr|td|span|a|h[1-6]|li|font|strong|b|center)\b[^>]*>",
                  re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp", ".php")


def looks_like_html(text: str, filename: str = "") -> bool:
    """Markup by content; the file name only decides when there are a few tags."""
    head = text[:20000]
    if _MARKUP.search(head):
        return True
    tags = len(_TAG.findall(head))
    return tags >= 3 or (tags >= 1 and filename.lower().endswith(_HTML_SUFFIXES))


def parse_legacy(data: bytes, filename: str) -> LegacyPage:
    """Decode and parse one saved page, HTML or text by its content."""
    text, encoding = decode_legacy(data)
    if looks_like_html(text, filename):
        return parse_legacy_html(text, encoding)
    return parse_legacy_text(text, encoding)


# --------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------

FIELD_LABELS_ZH: Mapping[str, str] = {
    "title": "名称", "index_no": "索引号", "category": "信息分类", "publisher": "发布机构",
    "created": "生成日期", "published": "发布日期", "doc_no": "文号", "summary": "内容概述",
    "genre": "体裁", "topics": "主题分类", "keywords": "主题词", "disclosure": "公开方式",
    "exemption": "不予公开依据", "validity": "有效性", "superseded_by": "替代文件",
    "source": "来源", "attachments": "附件", "report_year": "年报年度", "draft": "草稿",
    "withdrawn": "撤回",
}

def render_document(page: LegacyPage, fields: Mapping[str, object], todo_keys: Sequence[str],
                    labels: Mapping[str, str] | None = None) -> str:
    """The Markdown document: front matter in content-model order, TODO comments, then the body.

    `fields` are the values to write; every key in `todo_keys` is written as a
    comment (see the module docstring), with its value from `fields`, if any, as a suggestion.
    """
    labels = labels or FIELD_LABELS_ZH
    todo = set(todo_keys)
    keys = [k for k in FIELD_ORDER if k in fields or k in todo]
    keys += [k for k in (*fields, *todo_keys) if k not in keys and (k in fields or k in todo)]
    seen: set[str] = set()
    lines = ["---"]
    for key in keys:
        if key in seen:
            continue
        seen.add(key)
        label = labels.get(key, key)
        if key in todo:
            if key in fields and fields[key] not in (None, "", [], ()):
                lines.append(f"# TODO(待补充): {label}（建议值取自原页面，核对后删去行首的 “# ”）")
                lines += ["# " + line for line in yaml_entry(key, fields[key]).split("\n")]
            else:
                lines.append(f"# TODO(待补充): {label}")
                lines.append(f"# {key}:")
            continue
        if fields[key] is None:
            continue
        lines.append(yaml_entry(key, fields[key]))
    lines.append("---")
    front = "\n".join(lines) + "\n"
    return front + ("\n" + page.body_markdown if page.body_markdown else "")
