"""Search finds exactly the documents containing what the reader typed: online and from file://.

The expected sets are substring truth over each written document page's title,
attribute values, body and attachments (gkml_bench.search_quality), plus a few fixed facts of
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
    # what every page shows around the document: the attribute table's labels and caption, the 附件 heading,
    # 有效性's value (有效 on nearly every page; the search page filters by it)
    "发布机构", "有效性", "文件属性", "附件", "有效", "生成日期",
)
FIXED = {
    "矿山": 10,
    "非煤矿山": 7,
    "皖应急〔2020〕12号": 3,
    "002986620/201012-00015": 1,
    "应急处置能力评估": 0,
    "储存物质种类": 0,
    "上一篇": 0,  # prev/next links quote other documents: not a document's own text
    "发布机构": 0, "文件属性": 0, "生成日期": 0,  # labels: on every page, in no document's text
    "有效性": 2,  # two annual reports write it; as a label it is on every page
    "附件": 5,  # bodies and attachments' titles, not the heading of every attachment list
    "有效": 13,  # written in 13 documents, shown as 有效性's value on most of the 44
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
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(ROOT), "--out", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return next(p for p in out.iterdir() if p.is_dir()) / "site"  # the copy's pages (beside its entry page and manifest)


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
        page, sample_site: Path, expected: dict[str, set[str]]) -> None:
    with serve(sample_site) as root:
        for query in QUERIES:
            found, _ = search_answers(page, root, query)
            assert len(found) == len(set(found)), query
            assert {slug(r) for r in found} == expected[query], query


def test_offline_results_are_the_same(page, offline_site: Path, expected: dict[str, set[str]]) -> None:
    root = offline_site.as_uri() + "/"
    for query in QUERIES:
        found, _ = search_answers(page, root, query, search_page="search.html")
        assert {slug(r) for r in found} == expected[query], query


def test_ranking_number_typed_whole_then_title_hits(page, sample_site: Path) -> None:
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


def _day(value) -> str:
    return value.date().isoformat() if hasattr(value, "date") else value.isoformat()


ADVANCED = (
    ({"docno": "皖应急"}, lambda d: "皖应急" in d.meta.get("doc_no", "")),
    ({"q": "安全", "docno": "[2020]"}, lambda d: "〔2020〕" in d.meta.get("doc_no", "")),
    ({"pfrom": "2020-01-01", "pto": "2020-12-31"}, lambda d: "2020-01-01" <= _day(d.published) <= "2020-12-31"),
    ({"q": "应急", "pfrom": "2024-01-01"}, lambda d: _day(d.published) >= "2024-01-01"),
    ({"cfrom": "2010-01-01", "cto": "2011-12-31"}, lambda d: "2010-01-01" <= _day(d.created) <= "2011-12-31"),
    ({"q": "安全生产", "docno": "皖安监", "cat": "安全生产监督检查"}, lambda d: "皖安监" in d.meta.get("doc_no", "")
     and d.category == "aqjc"),
)


def test_advanced_search_combines_with_text_and_lives_in_the_url(
        page, sample_site: Path, sample_catalogue, expected: dict[str, set[str]]) -> None:
    texts = document_texts(sample_site)
    with serve(sample_site) as root:
        for params, keep in ADVANCED:
            want = {f"doc/{d.slug}" for d in sample_catalogue.published if keep(d)}
            if "q" in params:
                want &= {slug(r) for r in truth(texts, params["q"])}
            found, _ = search_answers(page, root, params.get("q", ""), params={k: v for k, v in params.items() if k != "q"})
            assert {slug(r) for r in found} == want, params
            assert want, params  # each case finds something
        # the form shows what the address says, and changing it changes the address
        page.goto(f"{root}search/?docno=皖应急&pfrom=2020-01-01")
        page.wait_for_selector("#gkml-results .gkml-result")
        assert page.input_value("#gkml-docno") == "皖应急"
        assert page.input_value("#gkml-advanced input[name=pfrom]") == "2020-01-01"
        page.fill("#gkml-advanced input[name=pto]", "2020-12-31")
        page.dispatch_event("#gkml-advanced input[name=pto]", "change")
        page.wait_for_url("**pto=2020-12-31**")
