"""The inspection-ready portal in real Chromium: 政策解读 ↔ 原文 both ways, the site
identification footer on every page type online and offline, the 依申请公开 form download."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

POLICY = "doc/002986620-202003-00032"  # 关于印发《安徽省安全生产领域举报奖励办法》的通知
JIEDU = "doc/002986620-202003-00033"  # its 政策解读 (interprets: 002986620/202003-00032)


@pytest.fixture(scope="module")
def base(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(ROOT), "--out", str(out),
                             "--no-zip"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return next(p for p in out.iterdir() if p.is_dir()) / "site"  # the copy's pages (beside its entry page and manifest)


def offline_context(browser):
    """A context in which anything but file:// fails: the reading room has no network."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    return context


def test_policy_lists_its_interpretation_and_the_interpretation_links_back(browser, base: str) -> None:
    page = browser.new_page()
    page.goto(f"{base}{POLICY}/")
    related = page.get_by_role("region", name="相关解读")
    related.get_by_role("link", name="《安徽省安全生产领域举报奖励办法》政策解读").click()
    page.wait_for_url(f"**/{JIEDU}/")
    assert page.locator("h1").inner_text() == "《安徽省安全生产领域举报奖励办法》政策解读"
    original = page.locator(".gkml-related--original")
    assert "原文：" in original.inner_text() and original.locator(".gkml-badge", has_text="解读").count() == 1
    original.get_by_role("link").click()
    page.wait_for_url(f"**/{POLICY}/")
    assert "举报奖励办法》的通知" in page.locator("h1").inner_text()
    # a document that is neither has neither block
    page.goto(f"{base}catalogue/")
    page.locator("tr[data-gkml-row] .gkml-table__title a").first.click()
    assert page.locator(".gkml-related").count() == 0
    page.close()


def test_catalogue_rows_and_search_results_mark_interpretations(browser, base: str) -> None:
    page = browser.new_page()
    page.goto(f"{base}category/fgwj/")
    rows = page.locator("tr[data-gkml-row]")
    marked = [rows.nth(i).locator(".gkml-table__title a").inner_text() for i in range(rows.count())
              if rows.nth(i).locator(".gkml-badge--jiedu").count()]
    assert sorted(marked) == ["《安徽省安全生产领域举报奖励办法》政策解读", "《安徽省应急管理行政处罚裁量基准》解读"]
    page.goto(f"{base}search/?q=政策解读")
    page.wait_for_selector("#gkml-results .gkml-summary")
    page.wait_for_function("() => document.querySelectorAll('#gkml-results .gkml-result').length >= 3")
    results = page.locator("#gkml-results .gkml-result")
    badges = {results.nth(i).locator("h3 a").inner_text(): results.nth(i).locator("h3 .gkml-badge--jiedu").count()
              for i in range(results.count())}
    assert badges.get("《安徽省安全生产领域举报奖励办法》政策解读") == 1, badges
    assert badges.get("《安徽省应急管理行政处罚裁量基准》解读") == 1, badges
    assert [n for title, n in badges.items() if "年度报告" in title] == [0, 0], badges  # they only mention 解读
    page.close()


def footer_facts(page) -> dict[str, object]:
    return page.evaluate("""() => {
        const f = document.querySelector('footer .gkml-ident');
        if (!f) return null;
        const text = s => { const e = f.querySelector(`[data-gkml-ident="${s}"]`); return e ? e.innerText : null; };
        const href = s => { const a = f.querySelector(`[data-gkml-ident="${s}"] a`); return a ? a.href : null; };
        const img = f.querySelector('.gkml-ident__badge img');
        return {sponsor: text('sponsor'), organizer: text('organizer'), phone: text('phone'), address: text('address'),
                code: text('site-code'), icp: text('icp'), icp_href: href('icp'), police_href: href('police'),
                badge: img ? img.complete && img.naturalWidth > 0 : false, badge_alt: img ? img.alt : null,
                sample: f.hasAttribute('data-gkml-placeholder') && f.querySelector('.gkml-ident__sample').offsetHeight > 0};
    }""")


def check_footer(facts: dict[str, object] | None, where: str) -> None:
    assert facts is not None, f"{where}: no identification footer"
    assert facts["sponsor"] == "主办单位：安徽省应急管理厅", where
    assert facts["organizer"] and facts["phone"] and facts["address"] and facts["icp"], (where, facts)
    assert facts["code"] == "网站标识码：0000000000", where
    assert facts["icp_href"] == "https://beian.miit.gov.cn/", where
    assert str(facts["police_href"]).startswith("https://beian.mps.gov.cn/") and "34000000000000" in str(facts["police_href"])
    assert facts["badge"] is True and facts["badge_alt"] == "党政机关网站标识", (where, facts)
    assert facts["sample"] is True, f"{where}: sample values are not marked"


ONLINE = {"home": "", "catalogue": "catalogue/", "category": "category/fgwj/", "attribute": "year/2020/",
          "document": f"{POLICY}/", "interpretation": f"{JIEDU}/", "search": "search/?q=安全", "terms": "publisher/",
          "stats": "stats/", "stats year": "stats/2020/", "guide": "pages/gkzn/", "依申请公开": "pages/ysqgk/"}
# 404.html addresses its assets under site_url's path (/gkml/), which this local server does not have;
# test_every_built_page_carries_the_identification covers it.
OFFLINE = {"home": "index.html", "catalogue": "catalogue.html", "category": "category/fgwj.html",
           "attribute": "year/2020.html", "document": f"{POLICY}.html", "search": "search.html",
           "stats year": "stats/2020.html", "guide": "pages/gkzn.html", "依申请公开": "pages/ysqgk.html",
           "printable": "catalogue/print.html"}


def test_identification_footer_on_every_page_type_online(browser, base: str) -> None:
    page = browser.new_page()
    for name, path in ONLINE.items():
        page.goto(base + path)
        page.wait_for_load_state("load")
        check_footer(footer_facts(page), name)
    page.close()


def test_identification_footer_on_every_page_type_offline(browser, offline_copy: Path) -> None:
    context = offline_context(browser)
    page = context.new_page()
    for name, path in OFFLINE.items():
        page.goto((offline_copy / path).as_uri())
        page.wait_for_load_state("load")
        check_footer(footer_facts(page), f"offline {name}")
    context.close()


def test_every_built_page_carries_the_identification(sample_site: Path, offline_copy: Path) -> None:
    for site in (sample_site, offline_copy):
        pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
        lacking = [p.relative_to(site).as_posix() for p in pages
                   if 'data-gkml-ident="site-code"' not in p.read_text(encoding="utf-8")]
        assert len(pages) > 50 and lacking == [], lacking[:10]


def download_form(page) -> tuple[str, bytes]:
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="依申请公开").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "依申请公开"
    for channel in ("当面申请", "信函申请", "网络申请", "受理机构"):
        assert page.locator("table", has_text=channel).count() == 1, channel
    with page.expect_download() as event:
        page.get_by_role("link", name="下载政府信息公开申请表（Word 文档）").click()
    download = event.value
    return download.suggested_filename, Path(download.path()).read_bytes()


@pytest.mark.parametrize("where", ["online", "offline"])
def test_application_form_downloads_from_the_menu(browser, base: str, offline_copy: Path, where: str) -> None:
    context = offline_context(browser) if where == "offline" else browser.new_context()
    page = context.new_page()
    page.goto(base if where == "online" else (offline_copy / "index.html").as_uri())
    name, data = download_form(page)
    context.close()
    # from file:// Chromium keeps the file's own name (the download attribute's name is same-origin only)
    assert name == ("政府信息公开申请表.docx" if where == "online" else "ysqgk-shenqingbiao.docx")
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    assert "政府信息公开申请表" in text and "获取信息的方式" in text
