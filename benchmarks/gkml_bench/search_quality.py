"""Recall and precision of a built site's search against substring truth.

Truth: a document is a hit for a query when every term (the query split where
Python's str.split splits it; gkml-search.js splits alike) is contained (after gkml's normalisation: width, case, whitespace, 文号 brackets)
in one of its text regions, each read from the written page: the elements of
article.gkml-doc marked data-gkml-text (its title, each value of its attribute
table, its body with its pictures' alt text, each attachment; never a label every
page shows, which would make every document a hit), and each date the attribute table
shows (2024年3月2日) as its <time datetime> writes it (2024-03-02), a region of its own, and each
day any region writes (2024.3.2) in the forms readers type (2024年3月2日, 2024-03-02; search/dates.py).  Within a region, element edges (table cells,
paragraphs, line breaks) are whitespace, which normalisation drops, so a term
may run across them (防汛物资 | 一百万元 contains 物资一百); it never runs from
one region into the next (search/text.py writes a separator there).  A query
whose terms all normalise to nothing (a zero-width space) finds nothing.  A query
no document holds as typed whose words are joined by ，；or + is truly answered by
the documents holding every word, as the page's told fallback lists (all_words).  The
answer: what the site's own search page lists in real Chromium, every result page.  Works for any
built gkml site, whatever its search engine.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

from gkml.search.dates import typed_forms
from gkml.search.text import normalise, query_terms

from gkml_bench.browser import launch, serve

_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"])
_NOT_READ = frozenset({"headerlink", "footnote-backref"})  # a heading's ¶, a footnote's ↩: links, not text


class _Regions(HTMLParser):
    """Text of each outermost element marked data-gkml-text inside article.gkml-doc."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[list[str]] = []
        self.in_doc = 0
        self.depth = -1  # elements open inside the region being read (-1: none)
        self.region = ""  # the data-gkml-text of the region being read
        self.skip = -1  # depth of the link being left out (-1: none)
        self.dates: list[str] = []  # the attribute table's dates as <time datetime> writes them

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img" and self.depth >= 0 and self.skip < 0:
            self.texts[-1].append(dict(attrs).get("alt") or "")  # a picture's words (search/records.py)
        if tag in _VOID:
            return
        found = dict(attrs)
        if tag == "time" and self.depth >= 0 and self.region == "attributes" and (found.get("datetime") or "").strip():
            self.dates.append((found.get("datetime") or "").strip()[:10])  # search/records.py: machine_dates
        if self.depth >= 0:
            self.depth += 1
            if self.skip < 0 and tag == "a" and _NOT_READ & set((found.get("class") or "").split()):
                self.skip = self.depth
            return
        if tag == "article" and "gkml-doc" in (found.get("class") or "").split():
            self.in_doc += 1
        elif self.in_doc and "data-gkml-text" in found:
            self.texts.append([])
            self.region = found.get("data-gkml-text") or ""
            self.depth = 0

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.depth >= 0:
            if self.depth == self.skip:
                self.skip = -1
            self.depth -= 1
        elif tag == "article" and self.in_doc:
            self.in_doc -= 1

    def handle_data(self, data: str) -> None:
        if self.depth >= 0 and self.skip < 0:
            self.texts[-1].append(data)


def document_texts(site_dir: Path) -> dict[str, list[str]]:
    """Site-relative path of each document page → its normalised regions."""
    out: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        page = path.read_text("utf-8", "replace")
        if 'class="gkml-doc"' not in page:
            continue
        parser = _Regions()
        parser.feed(page)
        rel = path.relative_to(site_dir).as_posix()
        regions = [normalise("".join(parts)) for parts in parser.texts] + [normalise(d) for d in parser.dates]
        out[rel] = regions + typed_forms("\n".join(regions))  # search/records.py: written_dates
    return out


def _holding(texts: dict[str, list[str]], query: str) -> set[str]:
    terms = query_terms(query)
    if not terms:
        return set()
    return {rel for rel, regions in texts.items() if all(any(t in r for r in regions) for t in terms)}


# The page's told fallback (gkml-search.js: allWords, JOINERS, LONE_PLUS): a query no document holds as typed is
# asked again as its words, split at ，；, and at a + between words (应急预案+演练), and at once when a + stands
# alone between them (应急预案 + 演练). (A 、 splits words in query_terms itself: 矿山、整治 is two words always.)
_JOINERS = re.compile(r"(?:[\s\u3001;]|,(?![0-9]{3}(?![0-9]))|(?<![0-9]),)+")  # after NFKC: ，→, ；→; not 42,386
_PLUS_JOINS = re.compile(r"\++(?=[^+])")
_LONE_PLUS = re.compile(r"(^|\s)\++(\s|$)")


def _visible(query: str) -> str:
    """What the page reads of a query (gkml-search.js: visible): controls and format characters dropped but spaces."""
    kept = (" " if c.isspace() else c for c in unicodedata.normalize("NFKC", query)
            if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf"))
    return "".join(kept).strip()


def all_words(query: str) -> str:
    """The query as the words the page asks for when it is found nowhere as typed; '' when nothing splits."""
    words = [w for part in _JOINERS.split(_visible(query)) for w in _PLUS_JOINS.split(part)
             if w.strip("+")]
    joined = " ".join(words)
    return joined if query_terms(joined) and query_terms(joined) != query_terms(query) else ""


def truth(texts: dict[str, list[str]], query: str) -> set[str]:
    """The documents the page must list for ``query``: those holding every term, or, when none does and the query
    joins words by ，；or +, those holding every word, as the page's told fallback asks (at once for a lone +)."""
    words = all_words(query)
    if words and _LONE_PLUS.search(_visible(query)):
        return _holding(texts, words)
    return _holding(texts, query) or (_holding(texts, words) if words else set())


def page_of(href: str, root: str) -> str:
    """A result link → the page's path relative to the site root (``doc/x/index.html``)."""
    rel = unquote(urlsplit(href).path)[len(unquote(urlsplit(root).path)):]
    if rel.endswith("/") or rel == "":
        rel += "index.html"
    return rel


def search_answers(page: Any, root: str, query: str, search_page: str = "search/",
                   params: Mapping[str, str] | None = None) -> tuple[list[str], float]:
    """Every result the search page lists for ``query`` (all pages of results) and seconds to the first.

    ``params``: more of the page's address parameters (advanced search, filters).
    """
    t0 = time.monotonic()
    page.goto(f"{root}{search_page}?{urlencode({'q': query, **(params or {})})}")
    page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result, .gkml-error)", timeout=300_000)
    first = time.monotonic() - t0
    while page.locator("#gkml-results .gkml-more").count():
        before = page.locator("#gkml-results .gkml-result").count()
        page.click("#gkml-results .gkml-more")
        page.locator("#gkml-results .gkml-result").nth(before).wait_for()  # (no eval: the CSP forbids it)
    hrefs = page.locator("#gkml-results .gkml-result-title a").evaluate_all("links => links.map(a => a.href)")
    return [page_of(h, root) for h in hrefs], first


@dataclass
class QueryScore:
    query: str
    expected: int
    found: int
    right: int
    seconds_to_first: float


def score(site_dir: Path, queries: Sequence[str]) -> dict[str, Any]:
    """Micro-averaged recall and precision of the site's search over ``queries``."""
    from playwright.sync_api import sync_playwright

    texts = document_texts(site_dir)
    rows: list[QueryScore] = []
    with sync_playwright() as p, serve(site_dir) as root:
        browser = launch(p)
        page = browser.new_page()
        for query in queries:
            expected = truth(texts, query)
            found, seconds = search_answers(page, root, query)
            rows.append(QueryScore(query, len(expected), len(set(found)), len(expected & set(found)), round(seconds, 3)))
        browser.close()
    return summarise(rows, documents=len(texts))


def summarise(rows: Iterable[QueryScore], *, documents: int) -> dict[str, Any]:
    rows = list(rows)
    expected = sum(r.expected for r in rows)
    found = sum(r.found for r in rows)
    right = sum(r.right for r in rows)
    return {
        "documents": documents,
        "queries": len(rows),
        "recall": round(right / expected, 3) if expected else 1.0,
        "precision": round(right / found, 3) if found else 1.0,
        "wrong_queries": [r.__dict__ for r in rows if r.right != r.expected or r.found != r.right],
    }


SAMPLE_QUERIES = (
    "矿山", "非煤矿山", "应急预案", "安全生产", "安全生产许可", "举报奖励", "尾矿库", "决算", "瞒报",
    "制度执行年", "皖应急", "应急响应", "预算", "程传如", "皖应急〔2020〕12号", "皖应急[2020]12号",
    "皖应急【2020】12号", "002986620/201012-00015", "安全 生产", "应急 预案 演练", "信息公开 年报",
    "应急处置能力评估", "储存物质种类", "2010", "年", "ＡＢＣ", "通知", "危险化学品", "防汛",
)
