"""A written document page → the search record Pagefind indexes.

The document template marks what is the document's own text and what the
result list shows; nothing else of the page is indexed (the replacement notice,
prev/next links, related lists, breadcrumbs and menus only quote other
documents):

    <article data-gkml-sort="2010-12-07T08:54">      sort key (newest first)
      <h1 data-gkml-text="title">…</h1>               the title
      <table data-gkml-text="attributes">…</table>    the attribute table
      <div data-gkml-text="body">…</div>              the body
    <span data-gkml-meta="索引号">…</span>             shown in the result list
    <span data-gkml-filter="信息分类">…</span>         a filter value

The record becomes a small synthetic page for the Pagefind CLI (``page_html``):
its indexed text is the token stream of ``text.stream``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from gkml.search.excerpts import META_KEY as ORIGINAL_KEY
from gkml.search.excerpts import original_map
from gkml.search.text import stream, unit

# Meta values are stored as one Pagefind word that no query can reach: the
# marker (full width, so never left by NFKC in a query) starts it; inside, it
# starts ｙｓ for whitespace, ｙｙ for the marker itself (a title may hold it:
# Ｓａｆｅｔｙ), and ｙ + three Braille bytes for a letter or digit the search
# alphabet escapes (é, ガ, 한, 豈): Pagefind would index such a letter's word twice,
# with and without its marks, a variant gkml's bundle layout does not carry
# (search.bundle); Braille is no letter, so no word holds it. The browser decodes
# them all (metaText).
META_MARK = "\uff59"
META_SPACE = "\uff53"
_BRAILLE = 0x2800
NUMBER_META = ("索引号", "文号")  # typed whole, these rank first
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_WS = re.compile(r"\s+")
# Elements whose edges separate text (the page shows a line or cell break there).
_BREAKS = frozenset("address article aside blockquote br caption dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
                    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split())


@dataclass
class Record:
    title: str = ""
    segments: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = ""


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.record = Record()
        self._open: list[tuple[str, str, str, list[str]]] = []  # the captured element: (kind, name, tag, text)
        self._depth: list[int] = []  # elements open inside it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)
        if tag in _VOID:
            return
        if self._open:  # markers inside a captured element (say, in the body) are its text, not ours
            self._depth[-1] += 1
            return
        a = dict(attrs)
        if "data-gkml-sort" in a and not self.record.sort:
            self.record.sort = a["data-gkml-sort"] or ""
        for kind in ("text", "meta", "filter"):
            name = a.get(f"data-gkml-{kind}")
            if name is not None:
                self._open.append((kind, name, tag, []))
                self._depth.append(0)
                return

    def handle_endtag(self, tag: str) -> None:
        self._break(tag)
        if not self._open or tag in _VOID:
            return
        if self._depth[-1] > 0:
            self._depth[-1] -= 1
            return
        kind, name, _tag, parts = self._open.pop()
        self._depth.pop()
        text = "".join(parts)
        if kind == "text":
            if name == "title":
                self.record.title = text
            else:
                self.record.segments.append(text)
        elif kind == "meta":
            self.record.meta[name] = _WS.sub(" ", text).strip()
        elif text.strip():
            self.record.filters.setdefault(name, []).append(_WS.sub(" ", text).strip())

    def _break(self, tag: str) -> None:
        """A line or cell ends: whitespace in the text (normalise drops it; an excerpt shows a space)."""
        if tag in _BREAKS and self._open and self._open[-1][0] == "text" and self._open[-1][1] != "title":
            self._open[-1][3].append("\n")

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][3].append(data)


def extract(page: str) -> Record:
    parser = _Extractor()
    start = page.find("<article")  # the shell before the document (head, menus) holds nothing of ours
    parser.feed(page[start:] if start >= 0 else page)
    parser.close()
    return parser.record


def page_html(record: Record) -> str:
    """The synthetic page the Pagefind CLI indexes for one document (everything escaped)."""
    e = html.escape
    numbers = [record.meta[k] for k in NUMBER_META if record.meta.get(k)]
    content = stream(record.title, record.segments, numbers, record.meta.get("文号", ""))
    metas = {"title": record.title, **record.meta}
    spans = [f'<span data-pagefind-meta="{e(k)}">{e(_meta_value(v))}</span>' for k, v in metas.items() if v]
    original = original_map(record.segments)  # no word of it is indexed (see search.excerpts)
    if original:
        spans.append(f'<span data-pagefind-meta="{e(ORIGINAL_KEY)}">{e(original)}</span>')
    spans += [f'<span data-pagefind-filter="{e(k)}">{e(v)}</span>' for k, vs in record.filters.items() for v in vs]
    sort = f' data-pagefind-sort="published:{e(record.sort)}"' if record.sort else ""
    return (
        '<!doctype html><html lang="zxx"><head><meta charset="utf-8"></head><body>'
        f"<div data-pagefind-body{sort}>{e(content)}</div>"
        f"<div>{''.join(spans)}</div></body></html>"
    )


def _meta_value(value: str) -> str:
    return META_MARK + _WS.sub(META_MARK + META_SPACE, "".join(_meta_char(c) for c in value.strip()))


def _meta_char(c: str) -> str:
    if c == META_MARK:
        return META_MARK * 2
    category = unicodedata.category(c)
    if c.isascii() or unit(c) == c or (category[0] not in "LMN" and category != "Cn"):
        return c  # ASCII, an ideograph the alphabet keeps, punctuation, symbols, whitespace
    cp = ord(c)
    return META_MARK + "".join(chr(_BRAILLE + (cp >> shift & 0xFF)) for shift in (16, 8, 0))


_BODY = re.compile(r"<div data-pagefind-body[^>]*>([^<]*)</div>")


def indexed_words(page: str) -> list[str]:
    """The words of the token stream a record page (page_html) gives Pagefind."""
    found = _BODY.search(page)
    return html.unescape(found.group(1)).split(" ") if found else []


_YEAR = re.compile(r'data-pagefind-filter="年份">([^<]*)<')


def record_years(page: str) -> set[str]:
    """The 年份 filter values of a record page (page_html)."""
    return {html.unescape(year) for year in _YEAR.findall(page)}
