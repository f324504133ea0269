"""A written document page → the search record Pagefind indexes.

The document template marks what is the document's own text and what the
result list shows; nothing else of the page is indexed (the replacement notice,
prev/next links, related lists, breadcrumbs and menus only quote other
documents; the attribute table's labels, its caption and the 附件 heading are on
every page, and would make every document match 发布, 机构 or 附件):

    <article data-gkml-sort="2010-12-07T08:54">      sort key (newest first)
      <h1 data-gkml-text="title">…</h1>               the title
      <td data-gkml-text="attributes">…</td>          each value of the attribute table; a date's
                                                      <time datetime> also as written there
                                                      (2024-03-02), a segment of its own
      <div data-gkml-text="body">…</div>              the body
      <li data-gkml-text="attachments">…</li>         each attachment: its title and file name
    <span data-gkml-meta="索引号">…</span>             shown in the result list
    <span data-gkml-filter="信息分类">…</span>         a filter value

The record becomes a small synthetic page for the Pagefind CLI (``page_html``):
its indexed text is the token stream of ``text.stream``; its character words ride
beside it, for search.charwords to post.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gkml.search.dates import machine, typed_forms
from gkml.search.excerpts import META_KEY as ORIGINAL_KEY
from gkml.search.excerpts import original_map
from gkml.search.text import (
    SEPARATOR,
    TITLE_POSITIONS,
    Laid,
    char_words,
    layout,
    normalise,
    stream,
    unit,
)

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
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"])
_WS = re.compile(r"\s+")
# Elements whose edges separate text (the page shows a line or cell break there).
_BREAKS = frozenset(["address", "article", "aside", "blockquote", "br", "caption", "dd", "div",
                     "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
                     "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
                     "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"])


@dataclass
class Record:
    title: str = ""
    segments: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = ""


_MARKED = "[data-gkml-text],[data-gkml-meta],[data-gkml-filter],[data-gkml-sort]"
# What Python-Markdown puts in a body that is no text of it: toc's permalink (¶ after every heading,
# shown on hover) and a footnote's way back (↩); as text, ¶ split 标题¶正文 and matched every page.
NOT_TEXT = "a.headerlink,a.footnote-backref"
_BREAK_ELEMENTS = ",".join(sorted(_BREAKS))


def extract(page: str) -> Record:
    """The record of a written document page: the text, meta and filter values its marked
    elements hold (markers inside a marked element, say in the body, are its text).

    Lexbor builds the tree (10,000 pages: 0.17 ms a page, Python's tokenizer 0.73 ms); a line
    or cell break in the body's text is whitespace there (normalise drops it; an excerpt
    shows a space), so each break element in a text but the title gets a line break before
    it and at its end, as a tokenizer would see its start and end tags."""
    start = page.find("<article")  # the shell before the document (head, menus) holds nothing of ours
    record = Record()
    captured: set[int] = set()
    for node in LexborHTMLParser(page[start:] if start >= 0 else page).css(_MARKED):
        if _inside(node, captured):
            continue
        a = node.attributes
        if "data-gkml-sort" in a and not record.sort:
            record.sort = a["data-gkml-sort"] or ""
        kind, name = next(((kind, a[f"data-gkml-{kind}"]) for kind in ("text", "meta", "filter")
                           if f"data-gkml-{kind}" in a), ("", None))
        if name is None:
            continue
        captured.add(node.mem_id)
        if kind == "text" and name != "title":
            for furniture in node.css(NOT_TEXT):
                furniture.decompose()
            _mark_breaks(node)
            _alt_texts(node)
        text = node.text(deep=True)
        if kind == "text" and name == "title":
            record.title = text
        elif kind == "text":
            record.segments.append(text)
            if name == "attributes":
                record.segments += machine_dates(node)
        elif kind == "meta":
            record.meta[name] = _WS.sub(" ", text).strip()
        elif text.strip():
            record.filters.setdefault(name, []).append(_WS.sub(" ", text).strip())
    return record


def machine_dates(node: LexborNode) -> list[str]:
    """The dates an attribute value shows as 2024年3月2日, as its <time datetime> writes them (2024-03-02):
    readers type a date either way. The day only: the page shows no time of day."""
    return [machine(when) for t in node.css("time[datetime]") if (when := (t.attributes.get("datetime") or "").strip())]


def _inside(node: LexborNode, captured: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in captured:
            return True
        parent = parent.parent
    return False


def _mark_breaks(node: LexborNode) -> None:
    for inner in node.css(_BREAK_ELEMENTS):
        if inner.mem_id == node.mem_id:
            continue  # its own edges: the end only, as where a tokenizer would see its end tag
        inner.insert_before("\n")
        if inner.tag not in _VOID:
            inner.insert_child("\n")
    if node.tag in _BREAKS:
        node.insert_child("\n")


def _alt_texts(node: LexborNode) -> None:
    """A picture's alt text (the editor's words for a chart or a scan) is text of the body, where
    the picture is: a reader searches what the picture says as what the page says."""
    for img in node.css("img[alt]"):
        alt = img.attributes.get("alt") or ""
        if alt.strip():
            img.insert_before(alt)


def page_html(record: Record) -> str:
    """The synthetic page the Pagefind CLI indexes for one document (everything escaped)."""
    e = html.escape
    numbers = [record.meta[k] for k in NUMBER_META if record.meta.get(k)]
    laid = list(layout(record.segments))  # normalised once, for the stream and the excerpts
    dates = written_dates(normalise(record.title), laid)
    laid += layout(dates, laid[-1][0] + len(laid[-1][2]) + 1 if laid else TITLE_POSITIONS)
    segments = record.segments + dates
    content = stream(record.title, segments, numbers, record.meta.get("文号", ""), laid=laid)
    chars = char_words(normalise(record.title), [text for _start, _segment, text in laid])
    metas = {"title": record.title, **record.meta}
    spans = [f'<span data-pagefind-meta="{e(k)}">{e(_meta_value(v))}</span>' for k, v in metas.items() if v]
    original = original_map(segments, laid=laid)  # no word of it is indexed (see search.excerpts)
    if original:
        spans.append(f'<span data-pagefind-meta="{e(ORIGINAL_KEY)}">{e(original)}</span>')
    # Pagefind decodes a filter's text twice (a meta's once): escaped twice, it keeps the value as written
    # (a 发布机构 written "&lt;b&gt;" was filtered and counted as "<b>", not as its catalogue.json record)
    spans += [f'<span data-pagefind-filter="{e(k)}">{e(e(v))}</span>' for k, vs in record.filters.items() for v in vs]
    sort = f' data-pagefind-sort="published:{e(record.sort)}"' if record.sort else ""
    return (
        '<!doctype html><html lang="zxx"><head><meta charset="utf-8"></head><body>'
        f"<div data-pagefind-body{sort}>{e(content)}</div>"
        f"<div>{''.join(spans)}</div>{_carried(chars)}</body></html>"
    )


def written_dates(title: str, laid: list[Laid]) -> list[str]:
    """The forms readers type of each day the title and text write (search.dates: 2024.3.2 is
    2024年3月2日 and 2024-03-02), each a segment, but for those a text already holds (normalised title)."""
    texts = [title, *(text for _start, _segment, text in laid)]
    return [form for form in typed_forms("\n".join(texts)) if not any(form in text for text in texts)]


def _meta_value(value: str) -> str:
    return META_MARK + _WS.sub(META_MARK + META_SPACE, "".join(_meta_char(c) for c in value.strip()))


_META_ESCAPE = re.compile(META_MARK + "([\u2800-\u28ff]{3}|.?)", re.DOTALL)


def meta_text(value: str) -> str:
    """A meta value as a result shows it (gkml-search.js's metaText): _meta_value undone."""
    def one(found: re.Match[str]) -> str:
        c = found.group(1)
        if len(c) == 3:
            return chr(sum((ord(b) - _BRAILLE) << shift for b, shift in zip(c, (16, 8, 0))))
        return META_MARK if c == META_MARK else " "
    return _META_ESCAPE.sub(one, value.removeprefix(META_MARK))


def _meta_char(c: str) -> str:
    if c == META_MARK:
        return META_MARK * 2
    category = unicodedata.category(c)
    if c.isascii() or unit(c) == c or (category[0] not in "LMN" and category != "Cn"):
        return c  # ASCII, an ideograph the alphabet keeps, punctuation, symbols, whitespace
    cp = ord(c)
    return META_MARK + "".join(chr(_BRAILLE + (cp >> shift & 0xFF)) for shift in (16, 8, 0))


# The character words ride outside Pagefind's body, for search.charwords to post.
_CHARS = re.compile(r'<div data-gkml-chars="([^"]*)"></div>')


def _carried(words: list[str]) -> str:
    return f'<div data-gkml-chars="{html.escape(" ".join(words))}"></div>' if words else ""


def char_words_of(page: str) -> str:
    """The character words a record page (page_html) carries, space separated ("" if none)."""
    found = _CHARS.search(page)
    return html.unescape(found.group(1)) if found else ""


def char_words_in_stream(page: str) -> str:
    """The record page with its character words at the end of the stream, where Pagefind indexes
    them (as gkml did before search.charwords posted them): Pagefind's own bundle (tests)."""
    found = _CHARS.search(page)
    if not found:
        return page
    page = page[:found.start()] + page[found.end():]
    body = _BODY.search(page)
    assert body is not None
    return page[:body.end(1)] + " " + html.escape(html.unescape(found.group(1))) + " " + SEPARATOR + page[body.end(1):]


_BODY = re.compile(r"<div data-pagefind-body[^>]*>([^<]*)</div>")


def indexed_words(page: str) -> list[str]:
    """The words of the token stream a record page (page_html) gives Pagefind."""
    found = _BODY.search(page)
    return html.unescape(found.group(1)).split(" ") if found else []


_YEAR = re.compile(r'data-pagefind-filter="年份">([^<]*)<')


def record_years(page: str) -> set[str]:
    """The 年份 filter values of a record page (page_html)."""
    return {html.unescape(year) for year in _YEAR.findall(page)}
