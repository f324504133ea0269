"""内容概述 derived from a document's text when the editor gave none.

Built from the sanitised body's text, never from Markdown source with a regex: a link
whose text is markup, or a code span, is text here and stays text in every listing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from typing import Any, Protocol

import markdown

from gkml.site.includes import Includes
from gkml.site.sanitize import TooDeep, clean

LIMIT = 120
_CJK = re.compile(r"[\u4e00-\u9fff]")
# ideographs, CJK punctuation and full-width forms: a space between two of them is a line break
# of the source (or Word's), not the author's; beside a Latin letter or a digit it is written
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_ENDS = frozenset("。；：！？，、…—）》」』”’")  # a block ending so needs no gap before the next
_STARTS = frozenset("。；：！？，、…）》」』”’")
BREAK = "\x1e"  # a block's edge in html_text's output (taken out of the text itself)
ROW = "\x1d"  # a table row's end, where the summary made from a table only parts its rows
_BLOCKS = frozenset({"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
                     "dt", "dd", "br", "hr", "table", "caption"})


class _Text(HTMLParser):
    """Text of an HTML fragment, its prose apart from its tables' cells (a listing shows a
    summary as one line: cells run together there, 序号 单位 金额 1 合肥市 …)."""

    def __init__(self, wanted: int) -> None:
        super().__init__(convert_charrefs=True)
        self.prose: list[str] = []
        self.cells: list[str] = []
        self.parts = self.prose  # where the text now read goes
        self.size = 0  # prose characters collected
        self.cell_size = 0
        self.wanted = wanted
        self.tables = 0  # open <table>s
        self.lists: list[int | None] = []  # next number of each open <ol>, None for <ul>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
            self.parts = self.cells
        if tag in ("ol", "ul"):
            start = dict(attrs).get("start") or "1"
            self.lists.append((int(start) if start.isdigit() else 1) if tag == "ol" else None)
        elif tag == "li" and self.lists and self.lists[-1] is not None:
            number = self.lists[-1]
            self.lists[-1] = number + 1
            self.parts.append(f"{BREAK}{number}.")  # the reader sees the list's numbers; keep them
        elif tag in _BLOCKS:
            self.parts.append(BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag == "tr" and self.tables:
            self.parts.append(ROW)
        if tag in _BLOCKS:
            self.parts.append(BREAK)
        if tag == "table" and self.tables:
            self.tables -= 1
            self.parts = self.cells if self.tables else self.prose

    def handle_data(self, data: str) -> None:
        self.parts.append(data.replace(BREAK, "").replace(ROW, ""))
        if self.tables:
            self.cell_size += len(data)
        else:
            self.size += len(data)

    def text(self) -> str:
        """The prose; the tables' cells when there is none (a body that is only a table)."""
        prose = "".join(self.prose)
        return prose if prose.strip(f"{BREAK}{ROW} \t\r\n\xa0\u3000") else "".join(self.cells)


def html_text(html: str, wanted: int = LIMIT * 8) -> str:
    """The prose of `html` (at least `wanted` characters when it has them), blocks set apart by
    spaces; its tables' text only when it has no prose (rows then parted by ROW)."""
    parser = _Text(wanted)
    step = 4096
    for start in range(0, len(html), step):  # a 50 MB body is read only as far as the summary needs
        parser.feed(html[start:start + step])
        if parser.size >= wanted or parser.cell_size >= wanted * 8:
            break
    parser.close()
    return parser.text()


def summary_text(html: str, limit: int = LIMIT) -> str:
    """The start of a rendered body as one line of plain text, at most `limit` characters (then ……)."""
    text = html_text(html, limit * 8)
    text = _chinese_gaps(text) if _mostly_cjk(text[:200]) else re.sub(
        rf"[\s{BREAK}{ROW}]+", lambda m: "; " if ROW in m.group() else " ", text).strip(" ;")
    return text if len(text) <= limit else text[:limit].rstrip("，、；：") + "……"


def _chinese_gaps(text: str) -> str:
    """Chinese text's whitespace as a reader expects: gone between two Chinese characters, kept
    beside Latin letters and digits (`PM2.5 浓度`), and one space between blocks (list items,
    paragraphs, cells) unless punctuation already parts them (`第一项 第二项`, `如下：1.`)."""
    def gap(match: re.Match[str]) -> str:
        start, end = match.span()
        if start == 0 or end == len(text):
            return ""
        before, after = text[start - 1], text[end]
        if ROW in match.group():  # a table's rows (a body that is only a table)
            return "" if before in "。；！？" else "；"
        if BREAK in match.group():
            return "" if before in _ENDS or after in _STARTS else " "
        return "" if _WIDE.match(before) and _WIDE.match(after) else " "

    return re.sub(rf"[\s{BREAK}{ROW}]+", gap, text)


class Store(Protocol):
    """Summaries kept across builds (a gkml.memo.Memo, gkml.build.memos), by a digest of the body's start."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, value: str) -> None: ...


class Summariser:
    """内容概述 from a document's Markdown, rendered with the site's own Markdown extensions and
    sanitised: a pure function of the body (and the files it includes), so every listing, feed and export shows the same
    text whether or not the document's page was rendered in this build (incremental builds),
    and an unchanged body's summary can be looked up instead of rendered (`store`)."""

    def __init__(self, extensions: Sequence[Any] = (), configs: Mapping[str, Any] | None = None,
                 limit: int = LIMIT, store: Store | None = None) -> None:
        self.md = markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs or {}))
        self.limit = limit
        self.store = store
        self.includes = Includes(extensions, configs or {}) if store is not None else None

    def __call__(self, body: str) -> str:
        start = body[: self.limit * 8]
        if "|" in start or "<table" in start.lower():  # a table first: the prose may follow it
            start = body[: self.limit * 64]
        key = self._key(start) if self.store is not None else ""
        found = self.store.get(key) if self.store is not None else None
        if found is not None:
            return found
        self.md.reset()
        try:
            text = summary_text(clean(self.md.convert(start)), self.limit)
        except TooDeep:
            text = ""  # the build refuses such a body with its file name; a listing shows no summary
        if self.store is not None:
            self.store.put(key, text)
        return text

    def _key(self, start: str) -> str:
        """The start, and the files it includes (gkml.site.includes): it is made from them too."""
        included = self.includes.digest(start) if self.includes else ""
        return hashlib.sha256(f"{start}\0{included}".encode() if included else start.encode("utf-8")).hexdigest()


def summary_from_markdown(body: str, limit: int = LIMIT) -> str:
    """The same with plain Python-Markdown (tests, tools without a site configuration)."""
    return Summariser(limit=limit)(body)


def _mostly_cjk(sample: str) -> bool:
    sample = re.sub(rf"[\s{BREAK}{ROW}]+", "", sample)  # block edges and the HTML's line breaks are no text
    return len(_CJK.findall(sample)) > len(sample) / 3
