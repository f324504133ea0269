"""Search finds exactly the documents containing what the reader typed: online and from file://.

The expected sets are substring truth over each written document page's title,
attribute table and body (gkml_bench.search_quality), plus a few fixed facts of
the sample content, so a wrong truth cannot hide a wrong search.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from gkml_bench.search_quality import document_texts, search_answers, truth
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

QUERIES = (
    "矿山",  # 4 documents say 矿山 alone, the others only 非煤矿山
    "非煤矿山", "应急预案", "安全生产许可", "举报奖励", "尾矿库", "决算", "瞒报", "制度执行年", "皖应急",
    "皖应急〔2020〕12号", "皖应急[2020]12号", "皖应急【2020】12号", "皖应急（2020）12号", "ＷＡＮ", "皖 应急",
    "002986620/201012-00015",  # an index number
    "安全 生产", "应急 预案 演练", "信息公开 年报",  # every term must be contained
    "应急处置能力评估", "储存物质种类",  # only in the held-back 不予公开 document
    "年", "2010", "程传如", "上一篇",
)
FIXED = {
    "矿山": 10,
    "非煤矿山": 7,
    "皖应急〔2020〕12号": 3,
    "002986620/201012-00015": 1,
    "应急处置能力评估": 0,
    "储存物质种类": 0,
    "上一篇": 0,  # prev/next links quote other documents: not a document's own text
}


def slug(rel: str) -> str:
    """doc/x/index.html (online) and doc/x.html (offline) → doc/x."""
    return rel.removesuffix("/index.html").removesuffix(".html")


@pytest.fixture(scope="module")
def expected(sample_site: Path) -> dict[str, set[str]]:
    texts = document_texts(sample_site)
    return {q: {slug(r) for r in truth(texts, q)} for q in QUERIES}


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline-search")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(ROOT), "--out", str(out),
                             "--snapshot", "2026-11-01"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return next(p for p in out.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def page() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        yield page
        browser.close()
        assert errors == []


def test_the_expected_sets_are_what_the_sample_says(expected: dict[str, set[str]]) -> None:
    for query, count in FIXED.items():
        assert len(expected[query]) == count, query


def test_online_results_are_exactly_the_documents_containing_the_query(
        page, sample_site: Path, expected: dict[str, set[str]]) -> None:  # noqa: ANN001
    with serve(sample_site) as root:
        for query in QUERIES:
            found, _ = search_answers(page, root, query)
            assert len(found) == len(set(found)), query
            assert {slug(r) for r in found} == expected[query], query


def test_offline_results_are_the_same(page, offline_site: Path, expected: dict[str, set[str]]) -> None:  # noqa: ANN001
    root = offline_site.as_uri() + "/"
    for query in QUERIES:
        found, _ = search_answers(page, root, query, search_page="search.html")
        assert {slug(r) for r in found} == expected[query], query


def test_ranking_number_typed_whole_then_title_hits(page, sample_site: Path) -> None:  # noqa: ANN001
    with serve(sample_site) as root:
        found, _ = search_answers(page, root, "皖应急[2020]12号")
        assert "002986620-202003-00032" in found[0]  # its 文号; two others only cite it
        page.goto(f"{root}search/?q=矿山")
        page.wait_for_selector("#gkml-results .gkml-result")
        titles = page.locator("#gkml-results .gkml-result-title a").all_inner_texts()
        in_title = [("矿山" in t) for t in titles]
        assert any(in_title) and in_title == sorted(in_title, reverse=True)  # title hits first
        marks = page.locator("#gkml-results .gkml-result-excerpt mark").all_inner_texts()
        assert marks and set(marks) == {"矿山"}  # the exact characters matched
