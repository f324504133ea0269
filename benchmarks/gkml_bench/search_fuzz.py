"""A fuzzer of the reader's search: random substrings of what the pages show, against substring truth.

A synthetic catalogue (gkml_bench.synth) is enriched with what real bodies and titles hold
and the phrase banks do not: inline Markdown inside words, Latin words and English
abbreviations (PM2.5, GDP, 5G, COVID-19), percentages, money, 文号 in either bracket, full-width
digits, dates and times, lists, tables, units and symbols. It is built with gkml, and each query
is drawn at random from a document page as the reader sees it: a substring (1 to 20
characters, or a 40-80 character pasted passage) of its title, attribute table or body text,
starting and ending anywhere, then perhaps retyped as a reader would (the other width of digits
and Latin, 〔〕 typed [], a space put in). Each query runs in real Chromium on the built site
(gkml_bench.search_quality.search_answers) and is compared with the truth
(search_quality.truth): every miss (recall) and every false hit (precision).

Everything is driven by one seed: a run is reproducible.

    python -m gkml_bench.search_fuzz WORK [-n 600] [--queries 400] [--seed 4]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from gkml_bench.search_quality import _VOID, document_texts, page_of, truth
from gkml_bench.synth import generate_catalogue

# Sentences of real bodies the phrase banks lack; {a}..{d} are random numbers.
RICH = (
    "全市PM2.5平均浓度为{a}微克/立方米，同比下降{b}.{c}%，优良天数比例达{d}.5%。",
    "全年GDP增长{c}.{a}%，完成固定资产投资¥{a},{b}00万元，其中5G基站建设{d}个。",
    "COVID-19疫情期间，累计发放防护物资{a},{b}件，核酸检测{c}万人次。",
    "依据《中华人民共和国安全生产法》（20{c}年修正）第{d}条和GB/T 29639-2020《生产经营单位生产安全事故应急预案编制导则》。",
    "现将皖应急〔20{c}〕{d}号文件转发给你们，另见皖应急[20{c}]{a}号、皖财（20{c}）{b}号。",
    "联系人：王{b}，电话：0551-6{a}{b}，传真：0551-6{b}{a}，邮箱：yjt{c}@ah.gov.cn。",
    "请于20{c}年{d}月{c}日前报送，时间为上午9:00—11:30、下午2:30-5:30。",
    "ISO 9001:2015质量管理体系认证，H7N9、CO₂排放量下降{c}.{d}%，面积{a}m²，气温{c}℃。",
    "（一）加强**组织**领导；（二）落实*主体*责任；（三）强化`Wi-Fi`监测，e.g. IoT传感器。",
    "启动Ⅲ级应急响应，IV级预警解除，编号№{a}，第①②③项。",
    "２０２{c}年全省ＧＤＰ达到{a}亿元，ＰＭ２.５浓度{b}μg/m³。",
    "Smart City与Emergency Management项目（英文名：Anhui Emergency Response Plan v{c}.{d}）。",
    "应急**管理**厅与PM*2.5*及COVID-**19**防控，详见[办事指南](https://www.ah.gov.cn/zwgk/{a}.html)。",
    "预算执行率{d}.{c}%，较上年提高{c}个百分点；人均经费¥{a}.{b}元，合计{b},{a}万元。",
    "本办法自20{c}年{d}月1日起施行，20{c}年{c}月{d}日印发的《××管理办法》同时废止。",
    "A&amp;B公司、x&lt;y条件、AT&amp;T及“双随机、一公开”监管……",
    "iPhone、eGov、APP等移动端，访问量{a}万次/日，峰值QPS为{b}。",
    "检查发现隐患{a}处，整改率{c}{d}.{c}%；罚款{b}万元，责令停产整顿{c}家。",
)
RICH_LISTS = (
    "1. 排查重大危险源{a}处\n2. 完成PM2.5监测站点{b}个\n3. 整改COVID-19防控漏洞{c}项",
    "- 5G应急通信保障车{c}台\n- 无人机（UAV）{d}架\n- 卫星电话{a}部",
    "| 指标 | 20{c}年 | 增长率 |\n|---|---:|---:|\n| GDP（亿元） | {a}.{b} | {c}.{d}% |\n| PM2.5（μg/m³） | {b} | -{c}.{d}% |",
)
TITLE_WORDS = ("PM2.5", "5G", "COVID-19", "GDP", "（试行）", "[2023]", "〔2024〕12号", "ＡＢＣ", "２０２３年",
               "Wi-Fi", "ISO 9001", "“十四五”", "《条例》", "Ⅲ级", "e-Gov")


def _fill(rng: random.Random, text: str) -> str:
    return text.format(a=rng.randint(1, 9999), b=rng.randint(10, 999), c=rng.randint(1, 9), d=rng.randint(1, 60))


_TITLE = re.compile(r'^title: "(.*)"$', re.MULTILINE)


def enrich(catalogue: Path, rng: random.Random) -> None:
    """Rich sentences and lists in every body, a mixed word in some titles."""
    for path in sorted(catalogue.rglob("*.md")):
        text = path.read_text("utf-8")
        extra = [_fill(rng, rng.choice(RICH)) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            extra.append(_fill(rng, rng.choice(RICH_LISTS)))
        text = text.rstrip("\n") + "\n\n" + "\n\n".join(extra) + "\n"
        if rng.random() < 0.25:
            found = _TITLE.search(text)
            if found:
                titled = _insert(rng, found.group(1), rng.choice(TITLE_WORDS))
                text = text[:found.start()] + f'title: "{titled}"' + text[found.end():]
        path.write_text(text, "utf-8")


def _insert(rng: random.Random, title: str, word: str) -> str:
    at = rng.randint(0, len(title))
    return (title[:at] + word + title[at:]).replace('"', "“")


MKDOCS_YML = """site_name: 检索模糊测试公开目录
docs_dir: content
theme: {name: material, language: zh, font: false}
plugins:
  - gkml:
      agency: 测试厅
      org_code: "002986620"
      build_time: "2026-11-01T08:00"
"""


def build(work: Path, n: int, seed: int) -> Path:
    """Catalogue of `n` enriched documents built under `work`; returns the site folder."""
    import os
    import subprocess

    if not (work / "site" / "search").is_dir():
        generate_catalogue(work / "gen", n, seed=seed)
        enrich(work / "gen" / "catalogue", random.Random(seed))
        (work / "content").mkdir(parents=True, exist_ok=True)
        (work / "gen" / "catalogue").rename(work / "content" / "catalogue")
        (work / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"),
                                 "-d", str(work / "site")], capture_output=True, text=True, env=env, check=False)
        if result.returncode:
            raise SystemExit(result.stderr)
    return work / "site"


class _Shown(HTMLParser):
    """Each region's text as the page shows it: element edges that break a line or cell are a space."""

    _BREAKS = frozenset(("p", "li", "td", "th", "tr", "br", "h2", "h3", "h4", "h5", "h6", "div", "table", "ul", "ol",
                         "dt", "dd", "pre", "blockquote"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {}
        self.key: str | None = None
        self.depth = 0
        self.in_doc = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" and "gkml-doc" in classes:
            self.in_doc = True
        if tag in _VOID:
            if self.key and tag == "br":
                self.parts[self.key].append(" ")
            return
        if self.key:
            self.depth += 1
            if tag in self._BREAKS:
                self.parts[self.key].append(" ")
            return
        key = dict(attrs).get("data-gkml-text")
        if self.in_doc and key is not None and key not in self.parts:  # the regions the truth reads
            self.key, self.depth = key, 0
            self.parts[key] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.key:
            return
        if tag in self._BREAKS:
            self.parts[self.key].append(" ")
        if self.depth:
            self.depth -= 1
        else:
            self.key = None

    def handle_data(self, data: str) -> None:
        if self.key:
            self.parts[self.key].append(data)


def shown_texts(site: Path, rels: Sequence[str]) -> dict[str, list[str]]:
    """Each page's regions as shown (whitespace runs one space)."""
    out = {}
    for rel in rels:
        parser = _Shown()
        parser.feed((site / rel).read_text("utf-8"))
        out[rel] = [re.sub(r"\s+", " ", "".join(p)).strip() for p in parser.parts.values()]
    return out


_WIDE = {c: chr(ord(c) + 0xFEE0) for c in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_NARROW = {v: k for k, v in _WIDE.items()}


def retyped(rng: random.Random, query: str) -> str:
    """The query as a reader may type it instead of copying it."""
    roll = rng.random()
    if roll < 0.15:
        return "".join(_WIDE.get(c, c) for c in query)
    if roll < 0.25:
        return "".join(_NARROW.get(c, c) for c in query)
    if roll < 0.32:
        return query.replace("〔", "[").replace("〕", "]").replace("（", "(").replace("）", ")")
    if roll < 0.38:
        return query.upper() if rng.random() < 0.5 else query.lower()
    if roll < 0.45 and len(query) > 2:
        at = rng.randint(1, len(query) - 1)
        return query[:at] + rng.choice((" ", "\u3000")) + query[at:]
    return query


def draw(rng: random.Random, shown: dict[str, list[str]], count: int, pasted: int) -> list[str]:
    """`count` substring queries of 1-20 characters and `pasted` of 40-80, from random regions."""
    rels = sorted(shown)
    queries: list[str] = []
    while len(queries) < count + pasted:
        regions = [r for r in shown[rng.choice(rels)] if r]
        region = rng.choice(regions)
        if len(queries) < count:
            length = min(len(region), rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 10, 12, 15, 20)))
            start = rng.randint(0, len(region) - length)
            query = retyped(rng, region[start:start + length])
        else:
            if len(region) < 40:
                continue
            length = rng.randint(40, min(80, len(region)))
            start = rng.randint(0, len(region) - length)
            query = region[start:start + length]
        if query.strip():
            queries.append(query)
    return queries


def answers(page: Any, root: str, query: str, limit: int) -> tuple[list[str], int, float]:
    """The results listed (every page of them while at most `limit`), the number said, seconds to the first."""
    from urllib.parse import urlencode

    t0 = time.monotonic()
    page.goto(f"{root}search/?{urlencode({'q': query})}")
    page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result, .gkml-error)", timeout=300_000)
    first = time.monotonic() - t0
    if page.locator("#gkml-results .gkml-error").count():
        return [], -1, first
    summary = page.locator("#gkml-results .gkml-summary strong")
    total = int(summary.inner_text()) if summary.count() else 0
    while total <= limit and page.locator("#gkml-results .gkml-more").count():
        before = page.locator("#gkml-results .gkml-result").count()
        page.click("#gkml-results .gkml-more")
        page.locator("#gkml-results .gkml-result").nth(before).wait_for()
    hrefs = page.locator("#gkml-results .gkml-result-title a").evaluate_all("links => links.map(a => a.href)")
    return [page_of(h, root) for h in hrefs], total, first


def run(site: Path, queries: Sequence[str], *, limit: int = 200) -> dict[str, Any]:
    """Every query in Chromium against the truth: counts, recall, precision and the wrong queries."""
    from playwright.sync_api import sync_playwright

    from gkml_bench.browser import launch, serve

    texts = document_texts(site)
    expected_n = found_n = right_n = 0
    wrong: list[dict[str, Any]] = []
    slow: list[tuple[float, str]] = []
    with sync_playwright() as p, serve(site) as root:
        browser = launch(p)
        page = browser.new_page()
        for query in queries:
            expected = truth(texts, query)
            listed, total, seconds = answers(page, root, query, limit)
            slow.append((round(seconds, 3), query))
            got = set(listed)
            if total > len(got):  # not paged through: the number said, and the first page within truth
                right = len(expected) if got <= expected and total == len(expected) else len(got & expected)
                found = total
            else:
                right, found = len(got & expected), len(got)
            expected_n += len(expected)
            found_n += found
            right_n += right
            if right != len(expected) or found != right:
                wrong.append({"query": query, "expected": len(expected), "found": found, "right": right,
                              "missed": sorted(expected - got)[:5] if total <= limit else [],
                              "extra": sorted(got - expected)[:5]})
        browser.close()
    slow.sort(reverse=True)
    return {"documents": len(texts), "queries": len(queries),
            "recall": round(right_n / expected_n, 4) if expected_n else 1.0,
            "precision": round(right_n / found_n, 4) if found_n else 1.0,
            "slowest": slow[:10], "wrong": wrong}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gkml_bench.search_fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("work", type=Path, help="工作目录（已构建的站点会被重用）")
    parser.add_argument("-n", "--docs", type=int, default=600)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--pasted", type=int, default=30)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)
    site = build(args.work, args.docs, args.seed)
    rels = sorted(document_texts(site))
    queries = draw(random.Random(args.seed), shown_texts(site, rels), args.queries, args.pasted)
    report = run(site, queries)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0 if not report["wrong"] else 1


if __name__ == "__main__":
    sys.exit(main())
