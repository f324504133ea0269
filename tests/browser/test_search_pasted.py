"""Queries whose cost grew with the text, not with the answer (issue 14, fourth round).

A one-character term was a prefix search over the bigram tokens, and Pagefind scores every
location of every token it extends to: on these documents, full of commas each before
another character, ，took many seconds, and a passage pasted with a space between its
characters (sixty one-character terms, each such a search, all asked at once) ten times
more. Each must still be exact, and cost what its answer costs: Pagefind's answers, counted as the page
searches, hold one location a page for a one-character term (its character word), not every location of the
tokens a prefix extends to (the time it takes is `gkml bench`'s to measure; search_answers' wait is the hang guard).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from gkml.search.text import query_terms
from gkml_bench.search_quality import document_texts, search_answers, truth
from support import build_site, doc, serve, small_site_yml

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

MKDOCS_YML = small_site_yml("粘贴检索测试公开目录", 'build_time: "2026-01-01T08:00"')
DOCUMENTS = 40
PASSAGE = "为深入贯彻落实党中央国务院关于安全生产工作的决策部署进一步压实企业安全生产主体责任有效防范化解重大安全风险坚决遏制"


NONE_FIRST = "茶 " + " ".join(PASSAGE)  # its first term in no document: the rest are not searched
# What Pagefind answered each search with, counted as the page searches: the work a query costs is its
# searches and the locations Pagefind scored and returned (a prefix search: every location of each token it extends to).
COUNTING = """
window.__gkmlPagefindCost = { searches: 0, results: 0, locations: 0 };
Object.defineProperty(window, 'GkmlPagefind', { configurable: true, set: function (lib) {
  var search = lib.PagefindInstance.prototype.search;
  lib.PagefindInstance.prototype.search = function (term, options) {
    return search.apply(this, arguments).then(function (answer) {
      var cost = window.__gkmlPagefindCost;
      if (options && options.preload) return answer;  // Pagefind's preload: its chunks loaded, nothing searched
      cost.searches += 1;
      (answer && answer.results || []).forEach(function (r) { cost.results += 1; cost.locations += r.words.length; });
      return answer;
    });
  };
  Object.defineProperty(window, 'GkmlPagefind', { value: lib, writable: true, configurable: true });
} });
"""


def _body(n: int) -> str:
    # 3,000 commas, each before one of 2,000 ideographs: thousands of distinct tokens that start with ，
    chars = [chr(0x4E00 + (n * 37 + k * 7) % 2000) for k in range(3000)]
    return "".join(c + "，" for c in chars) + ("\n\n" + PASSAGE if n == 7 else "") + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    documents = {f"fgwj/p{n:02d}.md": doc(body=_body(n), title=f"粘贴测试文件{n}号", index_no=f"002986620/202003-{n + 200:05d}")
                 for n in range(DOCUMENTS)}
    return build_site(tmp_path_factory.mktemp("pasted"), MKDOCS_YML, documents)


@pytest.mark.parametrize("query", ["，", " ".join(PASSAGE), " ".join(PASSAGE) + " 茶", "丁， 丂", NONE_FIRST])
def test_long_and_common_queries_are_exact_and_cheap(browser: Any, site: Path, query: str) -> None:
    expected = truth(document_texts(site), query)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serve(site) as root:
        page.goto(f"{root}search/?q={quote('丁')}")  # the engine loaded, as for a reader typing on
        page.wait_for_selector("#gkml-results .gkml-result")
        page.add_init_script(COUNTING)
        found, _ = search_answers(page, root, query)
        cost = page.evaluate("window.__gkmlPagefindCost")
    page.close()
    assert set(found) == expected and len(found) == len(expected) and errors == []
    # A one-character term is searched as its character word: one location a page, not each of its tokens'.
    one_char = all(len(t) == 1 for t in query_terms(query))
    assert cost["locations"] == cost["results"] if one_char else cost["locations"] <= 2 * cost["results"], cost
    assert query != NONE_FIRST or cost["searches"] < len(query_terms(query)), cost
