"""Full-text search on the built sample site, served on 127.0.0.1, in real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from support import CHROMIUM, CHROMIUM_ARGS, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

RESULT_LINKS = "#gkml-results .gkml-result-title a"


@pytest.fixture(scope="module")
def searcher(sample_site: Path) -> Iterator:
    with serve(sample_site) as base, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        def search(query: str, **params: str) -> list[str]:
            """Index numbers of the results, in order (from the result links' addresses)."""
            extra = "".join(f"&{k}={quote(v)}" for k, v in params.items())
            page.goto(f"{base}search/?q={quote(query)}{extra}")
            page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)", timeout=10_000)
            hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
            return [h.rstrip("/").rsplit("/", 1)[-1].replace("-", "/", 1) for h in hrefs]

        search.page = page  # type: ignore[attr-defined]
        search.errors = errors  # type: ignore[attr-defined]
        yield search
        browser.close()
        assert errors == []


def test_a_word_inside_a_longer_word(searcher) -> None:
    found = searcher("预算")
    assert "002986620/202501-00048" in found  # body says 财政预算 and 部门预算
    assert "002986620/201701-00025" in found


def test_a_document_number(searcher) -> None:
    assert searcher("皖应急〔2020〕12号")[0] == "002986620/202003-00032"


def test_an_index_number(searcher) -> None:
    assert searcher("002986620/201012-00015") == ["002986620/201012-00015"]


def test_a_word_from_the_body_only(searcher) -> None:
    assert searcher("程传如") == ["002986620/201012-00015"]  # named only in the 2010 report's body


def test_a_filter_narrows_the_results(searcher, sample_catalogue) -> None:
    everything = searcher("安全生产")
    reports = searcher("安全生产", cat="政府信息公开年报")
    nb = {d.index_no for d in sample_catalogue.published if d.category == "nb"}
    assert reports and set(reports) <= nb
    assert len(reports) < len(everything)
    by_year = searcher("安全生产", year="2010")
    assert by_year == ["002986620/201012-00015"] or set(by_year) <= {
        d.index_no for d in sample_catalogue.published if d.year == 2010}


def test_sorting_by_date_is_newest_first(searcher, sample_catalogue) -> None:
    found = searcher("安全生产", sort="date")
    dates = [sample_catalogue.by_index[n].published for n in found]
    assert len(found) > 3 and dates == sorted(dates, reverse=True)


def test_results_show_metadata_and_highlight(searcher) -> None:
    searcher("皖应急〔2020〕12号")
    first = searcher.page.locator("#gkml-results .gkml-result").first
    text = first.inner_text()
    for label in ("索引号", "文号", "发布日期", "信息分类"):
        assert label in text
    assert searcher.page.locator("#gkml-results mark").count() > 0


def test_words_of_a_withheld_document_find_nothing(searcher) -> None:
    # words only the 不予公开 document 002986620/202504-00049 has (its title and body)
    assert searcher("应急处置能力评估") == []
    assert searcher("储存物质种类") == []
    assert searcher.page.locator(".gkml-empty-result").inner_text() == "没有找到相关文件"


def test_the_header_search_box_leads_to_the_search_page(searcher, sample_site: Path) -> None:
    page = searcher.page
    searcher("预算")
    page.goto(page.url.split("search/")[0] + "catalogue/")
    page.fill("#gkml-header-q", "程传如")
    page.keyboard.press("Enter")
    page.wait_for_selector(RESULT_LINKS)
    assert "search/?q=" in page.url
    assert page.locator(RESULT_LINKS).count() == 1
