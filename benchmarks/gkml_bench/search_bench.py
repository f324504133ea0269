"""Contract-conforming fixture sites and the search benchmark.

Used by tests/test_search_engine.py and for the figures in the search issue:
``python -m gkml_bench.search_bench 10000 /tmp/bench`` builds N pages, indexes them
in shards and measures index size, indexing time, peak memory, first-query
bytes (http) and time from typing to first result (file://).
"""

from __future__ import annotations

import html
import json
import random
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gkml
from gkml.config import SearchOptions
from gkml.search.index import build_index
from gkml.search.offline import make_offline
from gkml.search.plan import plan_shards
from gkml.site.scripts import served

from gkml_bench.browser import launch, serve

ASSETS = Path(gkml.__file__).parent / "site" / "assets" / "search"
@dataclass(frozen=True)
class FixtureDoc:
    index_no: str  # 002986620/201012-00015
    title: str
    published: str  # 2010-12-07T08:54
    category: str
    org: str
    genre: str
    validity: str
    body: str
    wenhao: str = ""

    @property
    def slug(self) -> str:
        return self.index_no.replace("/", "-")

    @property
    def year(self) -> str:
        return self.published[:4]

    @property
    def date_display(self) -> str:
        y, m, d = self.published[:10].split("-")
        return f"{int(y)}年{int(m)}月{int(d)}日"

    def rel_path(self, offline: bool) -> str:
        return f"doc/{self.slug}.html" if offline else f"doc/{self.slug}/index.html"


def contract_page(doc: FixtureDoc) -> str:
    """One document page following the site's search contract."""
    e = html.escape
    rows = [
        ("索引号", doc.index_no),
        ("信息分类", doc.category),
        ("发布机构", doc.org),
        ("发布日期", doc.date_display),
        ("文号", doc.wenhao),
        ("体裁", doc.genre),
        ("有效性", doc.validity),
    ]
    # as the site writes it: each value its own text, but no label, nor 有效性 (a filter only)
    marks = {k: "" if k == "有效性" else ' data-gkml-text="attributes"' for k, _v in rows}
    # a date as the site writes it: shown one way, <time datetime> the other (both searched)
    shown = {"发布日期": f'<time datetime="{e(doc.published[:10])}">{e(doc.date_display)}</time>'}
    table = "".join(f"<tr><th>{e(k)}</th><td{marks[k]}>{shown.get(k) or e(v)}</td></tr>" for k, v in rows)
    paras = "".join(f"<p>{e(p)}</p>" for p in doc.body.split("\n") if p)
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(doc.title)}</title></head>
<body><nav>首页 导航 信息公开目录</nav>
<article class="gkml-doc" data-gkml-sort="{e(doc.published)}">
<h1 data-gkml-text="title">{e(doc.title)}</h1>
<table class="gkml-attrs">{table}</table>
<div class="gkml-body" data-gkml-text="body">{paras}</div>
</article>
<div hidden>
<span data-gkml-meta="索引号">{e(doc.index_no)}</span>
<span data-gkml-meta="文号">{e(doc.wenhao)}</span>
<span data-gkml-meta="发布日期">{e(doc.date_display)}</span>
<span data-gkml-meta="信息分类">{e(doc.category)}</span>
<span data-gkml-filter="信息分类">{e(doc.category)}</span>
<span data-gkml-filter="年份">{e(doc.year)}</span>
<span data-gkml-filter="发布机构">{e(doc.org)}</span>
<span data-gkml-filter="体裁">{e(doc.genre)}</span>
<span data-gkml-filter="有效性">{e(doc.validity)}</span>
<span data-gkml-filter="发布日">{e(doc.published[:10])}</span>
<span data-gkml-filter="成文日">{e(doc.published[:10])}</span>
</div><footer>版权所有</footer></body></html>
"""


def search_page(base: str) -> str:
    """The search page of the DOM contract; ``base`` leads to the site root."""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>搜索</title>
<link rel="stylesheet" href="{base}assets/search/gkml-search.css"></head>
<body>
<form id="gkml-search-form" role="search"><input id="gkml-q" name="q" type="search" aria-label="搜索">
<button type="submit">搜索</button></form>
<div id="gkml-filters"></div>
<div id="gkml-results" aria-live="polite"></div>
<script src="{base}assets/search/gkml-search.js" data-base="{base}"></script>
</body></html>
"""


def write_site(site_dir: Path, docs: Iterable[FixtureDoc], *, offline: bool) -> list[tuple[str, str]]:
    """Write doc pages + search page + UI assets; return (year, html_path) items."""
    items: list[tuple[str, str]] = []
    for doc in docs:
        rel = doc.rel_path(offline)
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(contract_page(doc), "utf-8")
        items.append((doc.year, rel))
    if offline:
        (site_dir / "search.html").write_text(search_page("./"), "utf-8")
    else:
        (site_dir / "search").mkdir(parents=True, exist_ok=True)
        (site_dir / "search" / "index.html").write_text(search_page("../"), "utf-8")
    for asset in ASSETS.iterdir():  # as a built site serves them (scripts minified)
        (site_dir / "assets" / "search").mkdir(parents=True, exist_ok=True)
        (site_dir / "assets" / "search" / asset.name).write_bytes(served(asset))
    return items


def offline_copy(online_dir: Path, offline_dir: Path, docs: Iterable[FixtureDoc]) -> None:
    """Offline variant: .html pages, the online index copied then made file://-loadable."""
    write_site(offline_dir, docs, offline=True)
    shutil.copytree(online_dir / "pagefind", offline_dir / "pagefind", dirs_exist_ok=True)
    make_offline(offline_dir)


# --------------------------------------------------------------------------
# Generated documents
# --------------------------------------------------------------------------

_CATEGORIES = ["财政信息", "应急管理", "人事信息", "规划计划", "政策法规", "统计信息", "行政许可", "公共服务"]
_ORGS = ["省应急管理厅", "省财政厅", "市人民政府办公室", "县农业农村局", "省生态环境厅"]
_GENRES = ["通知", "公告", "意见", "报告", "办法", "决定"]
_VALIDITY = ["有效", "失效", "废止"]
_WORDS = [
    "安全生产", "防汛抗旱", "财政预算", "决算公开", "森林防火", "地质灾害", "应急预案", "救灾物资", "专项资金", "绩效评价",
    "政府采购", "行政审批", "城乡建设", "乡村振兴", "生态保护", "环境监测", "医疗保障", "教育发展", "交通运输", "水利工程",
    "信息公开", "依法行政", "安全隐患", "排查治理", "危险化学品", "矿山安全", "消防救援", "气象预警", "粮食储备", "社会保障",
    "就业创业", "科技创新", "数字政府", "营商环境", "统计调查", "人口普查", "产业园区", "招商引资", "文化旅游", "体育事业",
]
_TEMPLATES = [
    "为进一步做好{a}工作，根据有关规定，现就{b}有关事项通知如下。",
    "各地要高度重视{a}，切实加强组织领导，确保{b}落到实处。",
    "{a}是一项长期任务，要坚持问题导向，统筹推进{b}和{c}。",
    "本年度{a}情况总体平稳，{b}取得阶段性成效，{c}仍需加强。",
    "请各单位结合实际，认真抓好{a}，于规定时间内报送{b}材料。",
]


def generate_docs(n: int, *, seed: int = 7, years: Sequence[int] = tuple(range(2008, 2025))) -> list[FixtureDoc]:
    """n varied documents spread over ``years`` (deterministic for a seed)."""
    rnd = random.Random(seed)
    docs: list[FixtureDoc] = []
    for i in range(n):
        year = years[i % len(years)]
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        words = rnd.sample(_WORDS, 6)
        sentences = [
            rnd.choice(_TEMPLATES).format(a=rnd.choice(words), b=rnd.choice(words), c=rnd.choice(words))
            for _ in range(rnd.randint(4, 14))
        ]
        genre = rnd.choice(_GENRES)
        docs.append(
            FixtureDoc(
                index_no=f"0029866{i % 7:02d}/{year}{month:02d}-{i:05d}",
                title=f"关于{words[0]}和{words[1]}的{genre}",
                published=f"{year}-{month:02d}-{day:02d}T{rnd.randint(8, 17):02d}:{rnd.randint(0, 59):02d}",
                category=rnd.choice(_CATEGORIES),
                org=rnd.choice(_ORGS),
                genre=genre,
                validity=rnd.choice(_VALIDITY),
                body="\n".join(sentences),
                wenhao=f"皖政〔{year}〕{i % 200 + 1}号" if i % 3 == 0 else "",
            )
        )
    return docs


# --------------------------------------------------------------------------
# Browser helpers (real headless Chromium, never a downloaded browser)
# --------------------------------------------------------------------------


def _first_query(page: Any, query: str) -> tuple[float, int]:
    """Type ``query`` into the open search page (marked with _MARK_FIRST_RESULT): seconds until the
    driver sees the first result, and milliseconds from the input event to it inside the page
    (what a reader waits, the typing pause included; the driver adds its own round trips)."""
    page.wait_for_selector("#gkml-q")
    t0 = time.monotonic()
    page.fill("#gkml-q", query)
    page.wait_for_selector("#gkml-results .gkml-result, #gkml-results .gkml-empty-result", timeout=30_000)
    seconds = time.monotonic() - t0
    page.wait_for_function("window.__gkmlBench.first !== null")
    return seconds, round(page.evaluate("window.__gkmlBench.first - window.__gkmlBench.typed"))


def measure_browser(online_dir: Path, offline_dir: Path, query: str) -> dict[str, Any]:
    """First-query bytes over http and typing-to-first-result time over file://."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"query": query}
    with sync_playwright() as p, serve(online_dir) as root:
        browser = launch(p)
        page = browser.new_page()
        sizes: list[tuple[str, int]] = []

        def finished(req: Any) -> None:
            s = req.sizes()
            sizes.append((req.url, s["responseBodySize"] + s["responseHeadersSize"]))

        page.on("requestfinished", finished)
        page.add_init_script(_MARK_FIRST_RESULT)
        page.goto(root + "search/index.html")
        page.wait_for_load_state("networkidle")
        page_bytes = sum(n for _, n in sizes)  # search page, its CSS and JS
        sizes.clear()  # from here on: what the query itself pulls in
        t_http, in_page_http = _first_query(page, query)
        at_first = page.evaluate(_RESOURCES_UNTIL_FIRST_RESULT)
        # Filter counts load after the results are shown; wait for them too.
        page.wait_for_selector("#gkml-filters fieldset", timeout=30_000)
        page.wait_for_load_state("networkidle")
        out["http_first_result_ms"] = in_page_http
        out["http_first_query_seconds"] = round(t_http, 3)
        out["http_bytes_to_first_result"] = sum(n for _, n in at_first)
        out["http_requests_to_first_result"] = len(at_first)
        out["http_first_result_by_kind"] = _by_kind([(u, n) for u, n in at_first])
        out["http_bytes_incl_filter_counts"] = sum(n for _, n in sizes)
        out["http_requests_incl_filter_counts"] = len(sizes)
        out["http_page_bytes_before_query"] = page_bytes
        out["http_results"] = page.locator("#gkml-results").inner_text().split("\n")[0]
        page.close()

        page = browser.new_page()
        external: list[str] = []
        page.on("request", lambda r: external.append(r.url) if not r.url.startswith("file:") else None)
        page.add_init_script(_MARK_FIRST_RESULT)
        page.goto((offline_dir / "search.html").as_uri())
        t_file, out["file_first_result_ms"] = _first_query(page, query)
        out["file_typing_to_first_result_seconds"] = round(t_file, 3)
        out["file_non_file_requests"] = external
        browser.close()
    return out


# Timestamps in the page: when the query was typed and when a result showed.
_MARK_FIRST_RESULT = """
window.__gkmlBench = {typed: null, first: null};
document.addEventListener('input', () => { if (window.__gkmlBench.typed === null) window.__gkmlBench.typed = performance.now(); }, true);
document.addEventListener('gkml:results', () => {
  if (window.__gkmlBench.first === null) window.__gkmlBench.first = performance.now();
}, true);
"""
# Body bytes of what was requested after typing and finished before the first result.
_RESOURCES_UNTIL_FIRST_RESULT = """() => {
  const b = window.__gkmlBench;
  return performance.getEntriesByType('resource')
    .filter(e => e.startTime >= b.typed && e.responseEnd <= b.first)
    .map(e => [e.name, e.encodedBodySize]);
}"""


def _by_kind(sizes: Sequence[tuple[str, int]]) -> dict[str, int]:
    """Bytes per kind of file: fragment, index, filter, pf_meta, json, js, pagefind (wasm)."""
    kinds: dict[str, int] = {}
    for url, n in sizes:
        path = url.split("?")[0]
        folder, name = path.rsplit("/", 2)[-2:]
        if "/fragment/" in path:  # gkml's fragment/<index>/<n>.pf_fragment
            folder = "fragment"
        key = folder if folder in ("fragment", "index", "filter") else name.rsplit(".", 1)[-1]
        kinds[key] = kinds.get(key, 0) + n
    return kinds


# --------------------------------------------------------------------------
# Benchmark
# --------------------------------------------------------------------------


# Queries over generated documents: sub-words, several terms, 文号 with look-alike
# brackets, an index number, characters no document has.
SYNTH_QUERIES = (
    "预算", "财政预算", "矿山", "救灾物资", "排查治理", "应急预案 专项资金", "数字政府 营商环境 人口普查",
    "皖政〔2010〕1号", "皖政[2010]1号", "皖政【2011】2号", "002986601/200801-00001", "2015年3月",
    "量子计算", "预案专项", "隐患排",
)


def benchmark(n: int, work_dir: Path, *, max_per_shard: int | None = None, query: str = "财政预算",
              queries: Sequence[str] = ()) -> dict[str, Any]:
    """Generate n pages, index sharded (as a site built with the default options), make offline copy, measure everything."""
    if max_per_shard is None:
        max_per_shard = int(SearchOptions.search_shard_size.default)
    if work_dir.exists():
        shutil.rmtree(work_dir)
    online, offline = work_dir / "site", work_dir / "offline"
    docs = generate_docs(n)
    items = write_site(online, docs, offline=False)
    shards = plan_shards(items, max_per_shard)
    report = build_index(online, shards, quiet=True)
    t0 = time.monotonic()
    offline_copy(online, offline, docs)
    offline_seconds = time.monotonic() - t0
    figures: dict[str, Any] = {
        "documents": n,
        "shards": len(report.shards),
        "max_per_shard": max_per_shard,
        "indexed_pages": report.total_pages,
        "index_ok": report.ok,
        "index_bytes": report.bytes_on_disk,
        "index_seconds": report.seconds,
        "peak_rss_mb": round(report.peak_rss_kb / 1024, 1),
        "offline_bundle_bytes": sum(p.stat().st_size for p in (offline / "pagefind").rglob("*") if p.is_file()),
        "make_offline_seconds": round(offline_seconds, 2),
    }
    figures.update(measure_browser(online, offline, query))
    if queries:
        from gkml_bench.search_quality import score

        figures["quality"] = score(online, queries)
    return figures


def run_search(sizes: Sequence[int], work: Path, site: Path | None, queries: Sequence[str]) -> dict[str, Any]:
    """``gkml bench --search``: generated catalogues of each size, or one built site (``site``)."""
    if site is not None:
        from gkml_bench.search_quality import SAMPLE_QUERIES, score

        return {"site": str(site), "quality": score(site, queries or SAMPLE_QUERIES)}
    return {str(n): benchmark(n, work / f"search-{n}", queries=queries or SYNTH_QUERIES) for n in sizes}


def format_search_table(report: dict[str, Any]) -> str:
    lines = [("| 文件数 | recall | precision | 输入后传输 (http) | 页面与预载 (http) | 输入到首批结果 (http / file://，页面内计时) "
             "| 驱动计时 (http / file://) | 索引 | 索引峰值内存 |"),
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, f in report.items():
        if not isinstance(f, dict) or "documents" not in f:
            continue
        q = f.get("quality", {})
        lines.append(
            f"| {n} | {q.get('recall', '—')} | {q.get('precision', '—')} | {f['http_bytes_to_first_result'] / 1024:.0f} KB "
            f"| {f['http_page_bytes_before_query'] / 1024:.0f} KB "
            f"| {f['http_first_result_ms']} ms / {f['file_first_result_ms']} ms "
            f"| {f['http_first_query_seconds']:.2f} s / {f['file_typing_to_first_result_seconds']:.2f} s "
            f"| {f['index_seconds']:.0f} s, {f['index_bytes'] / 1e6:.1f} MB | {f['peak_rss_mb']:.0f} MB |")
    return "\n".join(lines)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("bench-results")
    print(json.dumps(benchmark(count, target, queries=SYNTH_QUERIES), ensure_ascii=False, indent=2))
