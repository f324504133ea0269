"""Province-wide search in real Chromium: three agency sites and the portal, each served on 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from support import SHARED_WORD, AgencySites, portal_config, serve

pytestmark = pytest.mark.browser
RESULTS = "#gkml-results :is(.gkml-result, .gkml-empty-result)"
LINKS = "#gkml-results .gkml-result-title a"


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory, agency_sites: AgencySites) -> Iterator[dict[str, str]]:
    """Base URLs of the three agency sites and of the portal (key 'portal'), all being served."""
    agencies = agency_sites
    out = tmp_path_factory.mktemp("portal") / "out"
    with ExitStack() as stack:
        bases = {slug: stack.enter_context(serve(getattr(agencies, slug))) for slug in ("yjt", "hf", "wh")}
        config = out.parent / "portal.yml"
        config.write_text(portal_config(bases), encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), "--config", str(config),
                                 str(agencies.yjt), str(agencies.hf), str(agencies.wh)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        bases["portal"] = stack.enter_context(serve(out))
        # The same portal claiming 21+ shards (every shard listed again under another name).
        crowded = out.parent / "crowded"
        shutil.copytree(out, crowded)
        manifest = json.loads((crowded / "pagefind" / "shards.json").read_text("utf-8"))
        shards = manifest["shards"]
        manifest["shards"] = [dict(s, name=f"{s['name']}-{n}") for n in range(21 // len(shards) + 1) for s in shards]
        (crowded / "pagefind" / "shards.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
        bases["crowded"] = stack.enter_context(serve(crowded))
        # The same portal without its routing index: every query asks every agency.
        unrouted = out.parent / "unrouted"
        shutil.copytree(out, unrouted)
        manifest = json.loads((unrouted / "pagefind" / "shards.json").read_text("utf-8"))
        del manifest["routing"]
        (unrouted / "pagefind" / "shards.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
        bases["unrouted"] = stack.enter_context(serve(unrouted))
        # Twenty-one agencies (each real one listed seven times): more than are asked at once.
        many = out.parent / "many"
        shutil.copytree(unrouted, many)
        manifest["agencies"] = [dict(a, id=f"{a['id']}-{n}", name=f"{a['name']}{n}") for n in range(7)
                                for a in manifest["agencies"]]
        manifest["shards"] = [dict(s, name=f"{s['name']}-{n}", agency=f"{s['agency']}-{n}") for n in range(7)
                              for s in manifest["shards"]]
        (many / "pagefind" / "shards.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
        bases["many"] = stack.enter_context(serve(many))
        yield bases


@pytest.fixture()
def page(error_free_page: Any, province: dict[str, str]) -> Any:
    return error_free_page


DONE = "#gkml-results:not([aria-busy])"  # every agency asked has answered


def search(page, province: dict[str, str], query: str, *agencies: str, site: str = "portal") -> list[str]:
    extra = "".join(f"&agency={a}" for a in agencies)
    page.goto(f"{province[site]}search/?q={quote(query)}{extra}")
    page.wait_for_selector(RESULTS, timeout=20_000)
    page.wait_for_selector(DONE, timeout=20_000)
    return page.locator(LINKS).evaluate_all("links => links.map(a => a.href)")


def every_result(page, province: dict[str, str], query: str, site: str, params: str = "") -> tuple[str, list[str]]:
    """The total shown and every result link, in order (all pages of results); params: more of the address."""
    page.goto(f"{province[site]}search/?q={quote(query)}{params}")
    page.wait_for_selector(DONE, timeout=20_000)
    while page.locator("#gkml-results .gkml-more").count():
        shown = page.locator(LINKS).count()
        page.click("#gkml-results .gkml-more")
        page.locator("#gkml-results .gkml-result").nth(shown).wait_for()
    total = page.locator(".gkml-summary strong").inner_text() if page.locator(".gkml-summary").count() else "0"
    return total, page.locator(LINKS).evaluate_all("links => links.map(a => a.href)")


OWNERS = ("yjt", "hf", "wh")


def owner(province: dict[str, str], href: str) -> str:
    return next(slug for slug, base in province.items() if slug in OWNERS and href.startswith(base))


def asked_agencies(page, site: str) -> set[str]:
    """Agencies whose search bundle the page requests (filled in as requests go out)."""
    asked: set[str] = set()

    def seen(request) -> None:
        if request.url.startswith(f"{site}pagefind/"):
            first = request.url[len(f"{site}pagefind/"):].split("/")[0]
            if first in OWNERS:
                asked.add(first)
    page.on("request", seen)
    return asked


def test_a_word_two_agencies_use_finds_both_documents(page, province: dict[str, str]) -> None:
    links = search(page, province, SHARED_WORD)
    assert sorted(owner(province, h) for h in links) == ["hf", "wh"]
    assert page.locator(".gkml-summary strong").inner_text() == "2"
    assert sorted(page.locator(".gkml-result-agency").all_inner_texts()) == ["合肥市应急管理局", "芜湖市应急管理局"]


def test_an_index_number_of_the_third_agency(page, province: dict[str, str]) -> None:
    links = search(page, province, "002986620/201012-00015")
    assert links == [f"{province['yjt']}doc/002986620-201012-00015/"]


def test_the_agency_filter(page, province: dict[str, str]) -> None:
    everywhere = search(page, province, "通知")
    assert {owner(province, h) for h in everywhere} == {"yjt", "hf", "wh"}
    only_hf = search(page, province, "通知", "hf")
    assert only_hf and {owner(province, h) for h in only_hf} == {"hf"}
    # The same by ticking a box: 芜湖 added to 合肥.
    page.wait_for_selector("#gkml-filters input[name=agency][value=wh]")
    page.check("#gkml-filters input[name=agency][value=wh]")
    page.wait_for_url(re.compile(r"agency=wh"))  # (string predicates are eval, which the CSP refuses)
    page.wait_for_selector(RESULTS)
    page.wait_for_selector(DONE)
    links = page.locator(LINKS).evaluate_all("links => links.map(a => a.href)")
    assert {owner(province, h) for h in links} == {"hf", "wh"}
    # Counts per agency in the filter: 合肥 + 芜湖 = the total.
    total = int(page.locator(".gkml-summary strong").inner_text())
    counts = page.locator("#gkml-filters [data-filter=机关] .gkml-count").all_inner_texts()
    assert sum(int(c.strip("()")) for c in counts) == total
    # paper, which shows no filter, names the chosen agencies as the filter does
    names = page.locator("#gkml-filters input[name=agency]:checked").evaluate_all(
        "boxes => boxes.map(b => b.parentNode.textContent.replace(/[(（][^)）]*[)）]/g, '').trim())")
    asked = page.locator(".gkml-print-asked").text_content() or ""
    assert names and asked.startswith("检索词：“通知”；机关：") and all(name in asked for name in names), (asked, names)


def test_the_portals_search_in_a_browser_too_old_for_its_script_says_so(browser: Any, province: dict[str, str]) -> None:
    """gkml-search.js cannot be parsed by Chromium before 64 (its patterns' \\p{…}): the portal's page
    showed a box that did nothing; gkml-search-old.js, served beside it, shows the note instead."""
    context = browser.new_context()
    context.route("**/gkml-search.js", lambda route: route.fulfill(body="(", content_type="text/javascript"))
    page = context.new_page()
    page.goto(f"{province['portal']}search/?q=通知")
    note = page.locator("[data-gkml-unsupported]")
    note.wait_for(state="visible", timeout=10_000)
    assert "浏览器版本较旧" in note.inner_text()
    context.close()


def test_a_result_leads_into_the_agency_site(page, province: dict[str, str]) -> None:
    search(page, province, SHARED_WORD, "wh")
    page.click(LINKS)
    page.wait_for_load_state()
    assert page.url.startswith(province["wh"]) and page.url.endswith(".html")
    assert SHARED_WORD in page.locator("h1").inner_text()
    assert "芜湖市应急管理局" in page.locator(".gkml-header__agency").inner_text()


def test_home_page_counts_and_catalogue_rows_lead_to_agencies(page, province: dict[str, str]) -> None:
    page.goto(province["portal"])
    counts = page.locator("[data-gkml-count]").all_inner_texts()
    assert len(counts) == 3 and int(page.locator("[data-gkml-total]").inner_text()) == sum(map(int, counts))
    page.click("text=政府信息公开目录（全省）")
    first = page.locator("tr[data-gkml-row] .gkml-table__title a").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_load_state()
    assert page.url == href and owner(province, href) in ("yjt", "hf", "wh")


def test_newest_first_interleaves_the_agencies(page, province: dict[str, str]) -> None:
    """Agencies' shards cover the same years: sorted by date, the results are by 发布日期, not by agency."""
    page.goto(f"{province['portal']}search/?q={quote('通知')}&sort=date")
    page.wait_for_selector(DONE, timeout=20_000)  # the final list (the first screen is one agency's)
    days = page.locator("#gkml-results .gkml-result").evaluate_all(
        "items => items.map(li => { const dt = [...li.querySelectorAll('dt')].find(d => d.textContent === '发布日期');"
        " return dt ? dt.nextElementSibling.textContent : ''; })")
    keys = [tuple(int(n) for n in re.findall(r"\d+", day)) for day in days]
    assert len(keys) >= 3 and all(keys)
    assert keys == sorted(keys, reverse=True)
    links = page.locator(LINKS).evaluate_all("links => links.map(a => a.href)")
    assert len({owner(province, h) for h in links}) == 3


def test_no_idle_warm_up_above_twenty_shards(browser, province: dict[str, str]) -> None:
    for site, warmed in (("portal", True), ("crowded", False)):
        page = browser.new_page()
        entries: list[str] = []
        page.on("request", lambda r, seen=entries: seen.append(r.url) if "pagefind-entry.json" in r.url else None)
        page.goto(f"{province[site]}search/")
        page.wait_for_timeout(3_000)
        assert bool(entries) == warmed, site
        page.fill("#gkml-q", SHARED_WORD)
        page.press("#gkml-q", "Enter")
        page.wait_for_selector(RESULTS, timeout=20_000)
        assert entries  # the first query loads the shards it asks
        page.close()


def test_a_rare_word_asks_only_the_agency_that_has_it(page, province: dict[str, str]) -> None:
    """程传如 is in one document of the sample agency only: the routing index sends the query there alone,
    and the answer is the one asking every agency gives."""
    asked = asked_agencies(page, province["portal"])
    routed = every_result(page, province, "程传如", "portal")
    assert asked == {"yjt"}
    assert routed[1] and {owner(province, h) for h in routed[1]} == {"yjt"}
    assert every_result(page, province, "程传如", "unrouted") == routed
    assert page.locator("#gkml-progress").inner_text() == "检索完毕：查询了 3 个机关。"  # unrouted: all
    # The filter says 0 for the agencies not asked (the routing index proves they have no match).
    page.goto(f"{province['portal']}search/?q={quote('程传如')}")
    page.wait_for_selector(DONE)
    counts = page.locator("#gkml-filters [data-filter=机关] .gkml-count").all_inner_texts()
    assert counts == [f"({len(routed[1])})", "(0)", "(0)"]
    assert "其余 2 个机关不含所查文字" in page.locator("#gkml-progress").inner_text()


def test_words_in_several_agencies_give_exactly_the_merged_set(page, province: dict[str, str]) -> None:
    cases = [(q, "") for q in ("通知", SHARED_WORD, "安全 生产", "矿", "002986620/201012-00015", "（2020）")]
    cases += [("通知", "&agency=hf&agency=yjt"), ("", "&docno=" + quote("皖应急")), ("通知", "&docno=" + quote("〔20")),
              ("通知", "&sort=date"), ("安全", "&pfrom=2020-01-01&pto=2021-12-31")]
    for query, params in cases:
        routed = every_result(page, province, query, "portal", params)
        assert routed == every_result(page, province, query, "unrouted", params), (query, params)
        assert routed[0] != "0" or query == "（2020）", (query, params)


def test_a_missing_routing_file_costs_requests_not_results(browser, province: dict[str, str]) -> None:
    """The routing index unreachable (a half-synced host): every agency is asked, the answer is the same."""
    page = browser.new_page()
    page.route("**/pagefind/routing/**", lambda route: route.abort())
    asked = asked_agencies(page, province["portal"])
    assert every_result(page, province, "程传如", "portal") == every_result(page, province, "程传如", "unrouted")
    assert asked == set(OWNERS)
    page.close()


def test_a_word_no_agency_has_loads_no_agency_bundle(page, province: dict[str, str]) -> None:
    asked = asked_agencies(page, province["portal"])
    assert search(page, province, "鼗鼙鼯鼹") == []
    assert asked == set()
    assert page.locator(".gkml-empty-result").inner_text() == "没有找到相关文件"


def test_first_results_show_before_every_agency_answered(browser, province: dict[str, str]) -> None:
    """Twenty-one agencies: the first results and a status come after the first batch, the final
    merged list when all have answered, with the same total as one merge of everything."""
    page = browser.new_page()
    page.add_init_script("""
        window.__events = [];
        document.addEventListener('gkml:results', e => window.__events.push([e.detail.final, e.detail.total,
            (document.querySelector('#gkml-progress') || {}).textContent || '']), true);""")
    page.goto(f"{province['many']}search/?q={quote('通知')}")
    page.wait_for_selector(DONE, timeout=30_000)
    events = page.evaluate("window.__events")
    assert [final for final, _total, _status in events] == [False, True]
    assert events[0][1] <= events[1][1] and re.search(r"已检索 \d+/21 个机关", events[0][2])
    assert page.locator("#gkml-progress").get_attribute("role") == "status"
    assert page.locator("#gkml-progress").inner_text() == "检索完毕：查询了 21 个机关。"
    single = every_result(page, province, "通知", "unrouted")[0]
    page.goto(f"{province['many']}search/?q={quote('通知')}")
    page.wait_for_selector(DONE, timeout=30_000)
    assert int(page.locator(".gkml-summary strong").inner_text()) == 7 * int(single)
    counts = page.locator("#gkml-filters [data-filter=机关] .gkml-count").all_inner_texts()
    assert "(…)" not in counts and sum(int(c.strip("()")) for c in counts) == 7 * int(single)
    page.close()


def test_two_agencies_with_one_title_each_result_names_its_agency(browser, tmp_path: Path) -> None:
    """Two agencies publish a document of the same title: the province's search shows both, each under its
    own agency's name and leading into its own site (a reader must tell whose each one is)."""
    from support import build_site, doc, small_site_yml

    title = "关于做好冬季供暖保障工作的通知"
    sites = {}
    for slug, agency, code in (("hf", "合肥市应急管理局", "113401000"), ("wh", "芜湖市应急管理局", "113402000")):
        (tmp_path / slug).mkdir()
        yml = small_site_yml("测试").replace("agency: 测试厅", f"agency: {agency}").replace('"002986620"', f'"{code}"')
        sites[slug] = build_site(tmp_path / slug, yml, {"fgwj/a.md": doc(title=title, index_no=f"{code}/202003-00001")})
    with ExitStack() as stack:
        bases = {slug: stack.enter_context(serve(site)) for slug, site in sites.items()}
        config = tmp_path / "portal.yml"
        config.write_text("title: 测试省\ngroups:\n  - name: 市县\n    agencies:\n" + "".join(
            f"      - {{org_code: '{code}', slug: {slug}, base_url: '{bases[slug]}'}}\n"
            for slug, code in (("hf", "113401000"), ("wh", "113402000"))), encoding="utf-8")
        out = tmp_path / "portal"
        result = subprocess.run([sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), "--config", str(config),
                                 *map(str, sites.values())], check=False, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        portal = stack.enter_context(serve(out))
        page = browser.new_page()
        page.goto(f"{portal}search/?q={quote('冬季供暖')}")
        page.wait_for_selector(DONE, timeout=20_000)
        shown = page.locator("#gkml-results .gkml-result").evaluate_all(
            "items => items.map(li => [li.querySelector('.gkml-result-title a').textContent,"
            " li.querySelector('.gkml-result-agency').textContent, li.querySelector('.gkml-result-title a').href])")
        page.close()
    assert sorted((t, a, next(s for s, b in bases.items() if h.startswith(b))) for t, a, h in shown) == [
        (title, "合肥市应急管理局", "hf"), (title, "芜湖市应急管理局", "wh")]


def test_an_agency_the_portal_does_not_list_is_no_filter(page, province: dict[str, str]) -> None:
    """A bookmarked ?agency= of an agency the portal no longer has (or renamed) has no box to untick:
    it is no filter, not an empty answer to every query; a listed agency beside it still filters."""
    assert sorted(owner(province, h) for h in search(page, province, SHARED_WORD, "gone")) == ["hf", "wh"]
    assert [owner(province, h) for h in search(page, province, SHARED_WORD, "gone", "hf")] == ["hf"]


def test_traditional_characters_and_plus_in_the_portal(page: Any, province: dict[str, str]) -> None:
    """落實防溺水責任 (traditional) finds nothing, and the empty answer offers it in simplified characters,
    which finds both agencies' documents; 暑期＋巡查 finds the documents holding both words."""
    search(page, province, "落實防溺水責任")
    link = page.locator("#gkml-results .gkml-empty-result a.gkml-retyped")
    assert link.inner_text() == "落实防溺水责任"
    link.click()
    page.wait_for_selector("#gkml-results .gkml-result")
    page.wait_for_selector(DONE, timeout=20_000)
    assert sorted(owner(province, h) for h in page.locator(LINKS).evaluate_all("a => a.map(x => x.href)")) == ["hf", "wh"]
    links = search(page, province, "暑期＋巡查")
    assert sorted(owner(province, h) for h in links) == ["hf", "wh"]
    assert page.locator(".gkml-all-words").inner_text() == "没有文件含有“暑期＋巡查”原文；以下是同时含有“暑期”“巡查”的文件。"
