"""Queries whose cost grew with the text, not with the answer (issue 14, fourth round).

A one-character term was a prefix search over the bigram tokens, and Pagefind scores every
location of every token it extends to: on these documents, full of commas each before
another character, ，took many seconds, and a passage pasted with a space between its
characters (sixty one-character terms, each such a search, all asked at once) ten times
more. Each must still be exact, and come in a few seconds (the bound is loose: before the
character words and the early stop, far over it on any machine).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from gkml_bench.search_quality import document_texts, search_answers, truth
from support import build_site, doc, serve, small_site_yml

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

MKDOCS_YML = small_site_yml("粘贴检索测试公开目录", 'build_time: "2026-01-01T08:00"')
DOCUMENTS = 40
PASSAGE = "为深入贯彻落实党中央国务院关于安全生产工作的决策部署进一步压实企业安全生产主体责任有效防范化解重大安全风险坚决遏制"
SECONDS = 8.0


def _body(n: int) -> str:
    # 3,000 commas, each before one of 2,000 ideographs: thousands of distinct tokens that start with ，
    chars = [chr(0x4E00 + (n * 37 + k * 7) % 2000) for k in range(3000)]
    return "".join(c + "，" for c in chars) + ("\n\n" + PASSAGE if n == 7 else "") + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    documents = {f"fgwj/p{n:02d}.md": doc(body=_body(n), title=f"粘贴测试文件{n}号", index_no=f"002986620/202003-{n + 200:05d}")
                 for n in range(DOCUMENTS)}
    return build_site(tmp_path_factory.mktemp("pasted"), MKDOCS_YML, documents)


@pytest.mark.parametrize("query", ["，", " ".join(PASSAGE), " ".join(PASSAGE) + " 茶", "丁， 丂"])
def test_long_and_common_queries_are_exact_and_quick(browser: Any, site: Path, query: str) -> None:
    expected = truth(document_texts(site), query)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serve(site) as root:
        page.goto(f"{root}search/?q={quote('丁')}")  # the engine loaded, as for a reader typing on
        page.wait_for_selector("#gkml-results .gkml-result")
        started = time.monotonic()
        found, _ = search_answers(page, root, query)
        seconds = time.monotonic() - started
    page.close()
    assert set(found) == expected and len(found) == len(expected) and errors == []
    assert seconds < SECONDS, (query[:20], seconds)
