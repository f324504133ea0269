"""Search engine layer: sharded Pagefind index, online (http) and offline (file://)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from gkml.search.index import build_index
from gkml.search.offline import make_offline
from gkml.search.pagefind import BROWSER_JS
from gkml.search.plan import plan_shards
from gkml_bench.browser import launch, serve
from gkml_bench.search_bench import FixtureDoc, offline_copy, write_site

# --------------------------------------------------------------------------
# Fixture documents: ~30 pages, several years/categories, a few "needles".
# --------------------------------------------------------------------------

BUDGET = FixtureDoc(
    index_no="002986620/202103-00001",
    title="2021年省级部门收支情况说明",
    published="2021-03-15T09:30",
    category="财政信息",
    org="省财政厅",
    genre="报告",
    validity="有效",
    body="本部门财政预算编制坚持量入为出原则。\n预算执行情况良好，资金使用规范。",
)
WENHAO = FixtureDoc(
    index_no="002986620/202006-00012",
    title="关于做好汛期安全生产工作的通知",
    published="2020-06-02T10:00",
    category="应急管理",
    org="省应急管理厅",
    genre="通知",
    validity="有效",
    body="各市应急管理局：汛期将至，请切实做好安全防范工作。",
    wenhao="皖应急〔2020〕12号",
)
INDEXED = FixtureDoc(
    index_no="002986620/201012-00015",
    title="关于印发工作要点的通知",
    published="2010-12-07T08:54",
    category="规划计划",
    org="省应急管理厅",
    genre="通知",
    validity="失效",
    body="现将年度工作要点印发给你们，请结合实际认真贯彻落实。",
)
BODY_ONLY = FixtureDoc(
    index_no="002986620/201807-00003",
    title="关于加强湖泊生态保护的意见",
    published="2018-07-20T14:00",
    category="政策法规",
    org="省生态环境厅",
    genre="意见",
    validity="有效",
    body="近期部分水域出现蓝藻水华现象，各地要加强监测预警。",
)

_CATS = ["财政信息", "应急管理", "人事信息", "规划计划", "政策法规"]
_ORGS = ["省应急管理厅", "省财政厅", "省生态环境厅"]
# 2016 gets six filler documents so that it is split into parts.
_FILLER_YEARS = [2012, 2013, 2014, 2015] + [2016] * 6 + [2017, 2019, 2019, 2020, 2021, 2022, 2022, 2023] + [2011] * 8


def _fillers() -> list[FixtureDoc]:
    docs = []
    for i, year in enumerate(_FILLER_YEARS):
        docs.append(
            FixtureDoc(
                index_no=f"002986620/{year}{i % 12 + 1:02d}-{100 + i:05d}",
                title=f"关于开展第{i + 1}批安全生产检查工作的通知",
                published=f"{year}-{i % 12 + 1:02d}-{i % 27 + 1:02d}T09:{i:02d}",
                category=_CATS[i % len(_CATS)],
                org=_ORGS[i % len(_ORGS)],
                genre="通知" if i % 2 else "公告",
                validity="有效",
                body=f"为落实安全生产责任制，决定开展专项检查。检查范围包括第{i + 1}片区的企业和单位。",
            )
        )
    return docs


DOCS = [BUDGET, WENHAO, INDEXED, BODY_ONLY, *_fillers()]


@dataclass(frozen=True)
class Sites:
    single: Path
    sharded: Path
    offline: Path
    shard_names: tuple[str, ...]
    single_pages: int
    sharded_pages: int


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    root = tmp_path_factory.mktemp("search")
    single, sharded = root / "single", root / "sharded"
    items = write_site(single, DOCS, offline=False)
    one = build_index(single, {"all": [p for _, p in items]}, quiet=True)
    items = write_site(sharded, DOCS, offline=False)
    plan = plan_shards(items, 4)
    many = build_index(sharded, plan, quiet=True)
    offline_copy(sharded, root / "offline", DOCS)
    return Sites(single, sharded, root / "offline", tuple(plan), one.total_pages, many.total_pages)


# --------------------------------------------------------------------------
# Python-level tests
# --------------------------------------------------------------------------


def test_plan_shards_groups_small_years_and_splits_big_ones() -> None:
    items = [("2019", f"a{i}") for i in range(2)] + [("2020", f"b{i}") for i in range(2)]
    items += [("2021", f"c{i}") for i in range(7)] + [("2022", "d0")]
    plan = plan_shards(items, 3)
    assert list(plan) == ["2022", "2021-p3", "2021-p2", "2021-p1", "2020", "2019"]
    assert all(len(v) <= 3 for v in plan.values())
    assert sorted(p for v in plan.values() for p in v) == sorted(p for _, p in items)
    assert [k for k in plan if k.startswith("2021-p")] == ["2021-p3", "2021-p2", "2021-p1"]
    assert plan_shards(items, 100) == {"2019-2022": sorted(p for _, p in items)}
    # 2019 + 2020 fit together under 4
    assert plan_shards(items[:4], 4) == {"2019-2020": ["a0", "a1", "b0", "b1"]}


def test_plan_shards_odd_years_and_bad_limit() -> None:
    plan = plan_shards([("", "x"), ("2020", "y"), ("未知", "z")], 10)
    assert plan["2020"] == ["y"]
    assert sorted(p for v in plan.values() for p in v) == ["x", "y", "z"]
    assert all(re.fullmatch(r"[0-9A-Za-z_][0-9A-Za-z_.-]*", k) for k in plan)
    with pytest.raises(ValueError):
        plan_shards([], 0)


def test_build_index_reports_exact_counts(sites: Sites) -> None:
    assert sites.single_pages == len(DOCS)
    assert sites.sharded_pages == len(DOCS)
    assert len(sites.shard_names) > 3
    assert any(name.startswith("2016-p") for name in sites.shard_names)
    manifest = json.loads((sites.sharded / "pagefind" / "shards.json").read_text("utf-8"))
    assert [s["name"] for s in manifest["shards"]] == list(sites.shard_names)
    assert sum(s["pages"] for s in manifest["shards"]) == len(DOCS)
    assert manifest["language"] == "zxx"  # the token stream is no natural language
    js = (sites.sharded / "pagefind" / "shards.js").read_text("utf-8")
    assert js.startswith("window.GKML_SHARDS=")
    browser_js = (sites.sharded / "pagefind" / BROWSER_JS).read_text("utf-8")
    assert "import.meta" not in browser_js and not re.search(r"\bexport\s*\{", browser_js)


def test_make_offline_emits_scripts_only(sites: Sites) -> None:
    pf = sites.offline / "pagefind"
    shard_files = [p for p in pf.rglob("*") if p.is_file() and p.parent != pf]
    assert shard_files and all(p.suffix == ".js" for p in shard_files)
    entry = next(pf.glob("*/pagefind-entry.json.js")).read_text("ascii")
    assert entry.startswith('__gkmlPagefindData("')
    before = sorted(pf.rglob("*"))
    make_offline(sites.offline)  # idempotent
    assert sorted(pf.rglob("*")) == before


# --------------------------------------------------------------------------
# Browser tests (real headless Chromium)
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def single_url(sites: Sites) -> Iterator[str]:
    with serve(sites.single) as root:
        yield root + "search/index.html"


@pytest.fixture(scope="module")
def sharded_url(sites: Sites) -> Iterator[str]:
    with serve(sites.sharded) as root:
        yield root + "search/index.html"


@pytest.fixture(scope="module")
def offline_url(sites: Sites) -> str:
    return (sites.offline / "search.html").as_uri()


def _doc_key(href: str) -> str:
    """Site-independent key of a result link: doc/<slug>."""
    m = re.search(r"(doc/[^/]+?)(?:/|/index\.html|\.html)?$", href)
    assert m, href
    return m.group(1)


@dataclass
class Answer:
    keys: list[str]
    total: int
    meta: list[dict[str, str]]
    excerpts: list[str]
    hrefs: list[str]


def _wait_done(page: Any) -> None:
    page.wait_for_function(
        """() => { const r = document.getElementById('gkml-results');
            return !r.hasAttribute('aria-busy') &&
              !!r.querySelector('.gkml-summary, .gkml-empty-result, .gkml-error'); }""",
        timeout=30_000,
    )


def _collect(page: Any) -> Answer:
    _wait_done(page)
    assert not page.query_selector("#gkml-results .gkml-error"), page.inner_text("#gkml-results")
    while page.query_selector("#gkml-results .gkml-more"):
        count = page.locator(".gkml-result").count()
        page.click("#gkml-results .gkml-more")
        page.wait_for_function(f"document.querySelectorAll('.gkml-result').length > {count}")
    summary = page.query_selector("#gkml-results .gkml-summary")
    total = int(re.sub(r"\D", "", summary.inner_text())) if summary else 0
    rows = page.eval_on_selector_all(
        ".gkml-result",
        """els => els.map(li => ({
            href: li.querySelector('a').href,
            excerpt: (li.querySelector('.gkml-result-excerpt') || {innerHTML: ''}).innerHTML,
            meta: Object.fromEntries([...li.querySelectorAll('dt')].map(dt => [dt.textContent, dt.nextElementSibling.textContent]))
        }))""",
    )
    return Answer(
        keys=[_doc_key(r["href"]) for r in rows],
        total=total,
        meta=[r["meta"] for r in rows],
        excerpts=[r["excerpt"] for r in rows],
        hrefs=[r["href"] for r in rows],
    )


def _search(browser: Any, url: str, query: str = "", **params: str) -> Answer:
    qs = "&".join([f"q={quote(query)}"] + [f"{k}={quote(v)}" for k, v in params.items()])
    page = browser.new_page()
    try:
        page.goto(f"{url}?{qs}")
        return _collect(page)
    finally:
        page.close()


def _key(doc: FixtureDoc) -> str:
    return f"doc/{doc.slug}"


# Queries checked for agreement between single index, shards and offline.
NEEDLES = [
    ("预算", BUDGET),  # sub-word of 财政预算
    ("皖应急〔2020〕12号", WENHAO),  # 文号, only in the attribute table / meta
    ("002986620/201012-00015", INDEXED),  # 索引号
    ("蓝藻水华", BODY_ONLY),  # body-only word
]
AGREEMENT_QUERIES = ["预算", "安全生产", "通知", "检查", "蓝藻", "皖应急〔2020〕12号", "词汇", "量子纠缠"]


@pytest.mark.browser
@pytest.mark.parametrize("query,doc", NEEDLES, ids=["subword", "wenhao", "index_no", "body"])
def test_needles_found_online(browser: Any, sharded_url: str, query: str, doc: FixtureDoc) -> None:
    answer = _search(browser, sharded_url, query)
    assert _key(doc) in answer.keys[:3], (query, answer.keys)


@pytest.mark.browser
def test_result_rendering(browser: Any, sharded_url: str) -> None:
    answer = _search(browser, sharded_url, "预算")
    top = answer.meta[answer.keys.index(_key(BUDGET))]
    assert top["索引号"] == BUDGET.index_no
    assert top["发布日期"] == "2021年3月15日"
    assert top["信息分类"] == "财政信息"
    assert "<mark>预算</mark>" in answer.excerpts[answer.keys.index(_key(BUDGET))]
    wenhao = _search(browser, sharded_url, "皖应急〔2020〕12号")
    assert wenhao.meta[0]["文号"] == "皖应急〔2020〕12号"
    # The link leads to the document page (directory URL online).
    page = browser.new_page()
    page.goto(answer.hrefs[answer.keys.index(_key(BUDGET))])
    assert page.inner_text("h1") == BUDGET.title
    page.close()


@pytest.mark.browser
def test_no_result_message(browser: Any, sharded_url: str) -> None:
    page = browser.new_page()
    page.goto(sharded_url + "?q=" + quote("词汇"))
    _wait_done(page)
    assert page.inner_text("#gkml-results").strip() == "没有找到相关文件"
    page.close()


@pytest.mark.browser
def test_filter_narrows(browser: Any, sharded_url: str) -> None:
    everything = _search(browser, sharded_url, "安全生产")
    assert everything.total == len(everything.keys) > 5
    cats = {m["信息分类"] for m in everything.meta}
    assert len(cats) > 1
    page = browser.new_page()
    page.goto(sharded_url + "?q=" + quote("安全生产"))
    _wait_done(page)
    label = page.locator("fieldset[data-filter='信息分类'] label", has_text="应急管理")
    shown = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))
    label.locator("input").check()
    page.wait_for_url(re.compile(r"cat="))
    page.wait_for_function(f"document.querySelector('#gkml-results .gkml-summary') && !document.getElementById('gkml-results').hasAttribute('aria-busy') && document.querySelectorAll('.gkml-result').length < {everything.total}")
    narrowed = _collect(page)
    assert 0 < narrowed.total == shown < everything.total
    assert {m["信息分类"] for m in narrowed.meta} == {"应急管理"}
    # The URL carries the filter: reopening it gives the same answer (bookmark).
    again = _search(browser, sharded_url, "安全生产", cat="应急管理")
    assert sorted(again.keys) == sorted(narrowed.keys)
    # Two groups combine (AND), values within a group OR.
    both = _search(browser, sharded_url, "安全生产", cat="应急管理", year="2016")
    assert all(k in narrowed.keys for k in both.keys) and both.total < narrowed.total
    page.click("#gkml-filters .gkml-clear")
    page.wait_for_function("!location.search.includes('cat=')")
    assert _collect(page).total == everything.total
    page.close()


@pytest.mark.browser
def test_filter_only_browsing(browser: Any, sharded_url: str) -> None:
    answer = _search(browser, sharded_url, "", year="2016")
    assert answer.total == 6


@pytest.mark.browser
@pytest.mark.parametrize("query", AGREEMENT_QUERIES)
def test_sharded_equals_single(browser: Any, single_url: str, sharded_url: str, query: str) -> None:
    one = _search(browser, single_url, query)
    many = _search(browser, sharded_url, query)
    assert one.total == many.total
    assert sorted(one.keys) == sorted(many.keys)


@pytest.mark.browser
def test_sort_by_date_merges_shards(browser: Any, single_url: str, sharded_url: str) -> None:
    many = _search(browser, sharded_url, "通知", sort="date")
    one = _search(browser, single_url, "通知", sort="date")
    dates = [m["发布日期"] for m in many.meta]
    as_num = [tuple(int(x) for x in re.findall(r"\d+", d)) for d in dates]
    assert as_num == sorted(as_num, reverse=True)
    assert many.keys == one.keys


@pytest.fixture()
def offline_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page whose every non-file:// request is recorded and refused."""
    page = browser.new_page()
    outside: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda req: None if req.url.startswith("file:") else outside.append(req.url))
    yield page, outside
    page.close()


@pytest.mark.browser
def test_offline_matches_online(browser: Any, sharded_url: str, offline_url: str, offline_page: tuple[Any, list[str]]) -> None:
    page, outside = offline_page
    for query, doc in NEEDLES:
        page.goto(f"{offline_url}?q={quote(query)}")
        answer = _collect(page)
        assert _key(doc) in answer.keys[:3], (query, answer.keys)
    for query in AGREEMENT_QUERIES:
        page.goto(f"{offline_url}?q={quote(query)}")
        off = _collect(page)
        on = _search(browser, sharded_url, query)
        # Same code, same index: same set and the same ranking.
        assert off.keys == on.keys, query
    page.goto(f"{offline_url}?q={quote('安全生产')}&cat={quote('应急管理')}&sort=date")
    off = _collect(page)
    on = _search(browser, sharded_url, "安全生产", cat="应急管理", sort="date")
    assert off.keys == on.keys and {m["信息分类"] for m in off.meta} == {"应急管理"}
    assert outside == []


@pytest.mark.browser
def test_offline_typing_links_and_url(offline_url: str, offline_page: tuple[Any, list[str]]) -> None:
    page, outside = offline_page
    page.goto(offline_url)
    page.fill("#gkml-q", "预算")
    page.wait_for_selector(".gkml-result")
    _wait_done(page)
    assert "q=%E9%A2%84%E7%AE%97" in page.url  # query kept in the file:// URL
    href = page.get_attribute(".gkml-result a", "href")
    assert href == f"./doc/{BUDGET.slug}.html"
    page.click(".gkml-result a")
    page.wait_for_load_state()
    assert page.inner_text("h1") == BUDGET.title
    page.go_back()
    _wait_done(page)
    assert page.input_value("#gkml-q") == "预算"
    assert outside == []
