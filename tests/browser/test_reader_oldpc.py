"""A reader on a phone at the largest type, and on an old PC (1024 × 768, no scripts, fonts missing),
and a clerk opening the offline copy's entry page without its stylesheet: dates stay whole, nothing
scrolls sideways, and the guide's commands wrap by themselves."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from gkml.outputs.offline.guide import POWERSHELL_CHECK
from support import build_site_and_copy, doc, small_site_yml

pytestmark = pytest.mark.browser

ENTRY = "打开公开目录.html"
DATE = "2020年12月28日"  # the longest a date gets


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("oldpc")
    site, copy = build_site_and_copy(root, small_site_yml("测试厅"), {"fgwj/oldpc.md": doc(
        title="老电脑阅读测试通知", index_no="002986620/202012-00871", created="2020-12-28", published="2020-12-29 10:00")})
    return site, copy


def _lines(page: Any, selector: str, text: str) -> int:
    """How many lines `text`, inside the first element `selector` finds, is laid out on."""
    return page.evaluate("""([selector, text]) => {
        const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
        let all = '', nodes = [];
        while (walker.nextNode()) { nodes.push([walker.currentNode, all.length]); all += walker.currentNode.data; }
        const start = all.indexOf(text), end = start + text.length;
        if (start < 0) throw new Error(text + ' not in ' + all);
        const range = document.createRange();
        for (const [node, at] of nodes) {
            if (at <= start && start <= at + node.length) range.setStart(node, start - at);
            if (at <= end && end <= at + node.length) { range.setEnd(node, end - at); break; }
        }
        return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size;
    }""", [selector, text])


@pytest.mark.parametrize("text_px", [16, 24])  # the browser's normal text, and its largest (Chromium's 字号 'very large')
def test_a_date_in_a_phone_card_and_the_snapshot_line_stays_whole_at_the_largest_type(
        browser: Any, built: tuple[Path, Path], text_px: int) -> None:
    """特大 on a 320 px phone: a listing card's 生成日期 broke as "2020年3月2 / 日" and the copy's snapshot
    line as "快照日 / 期". A date and a word keep together (at the browser's largest text a date longer
    than the line still wraps, between year and month); the page never scrolls sideways."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=1)
    context.add_init_script("try { localStorage.setItem('gkml-font', '2'); } catch (e) {}")
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": text_px}})
    for address in ((built[1] / "catalogue.html").as_uri(), (built[1] / "year" / "2020.html").as_uri()):
        page.goto(address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, address
        date = page.locator(".gkml-table__date time").first
        assert date.inner_text() == DATE
        if text_px == 16:
            assert _lines(page, ".gkml-table__date time", DATE) == 1, address
        else:
            assert _lines(page, ".gkml-table__date time", "2020年") == 1
            assert _lines(page, ".gkml-table__date time", "12月28日") == 1
        # (at the largest text 收录主动公开政府信息 is wider than the line, and wraps)
        snapshot_date = re.search(r"\d{4}年\d{1,2}月\d{1,2}日", page.locator(".gkml-snapshot p").first.inner_text())[0]
        for word in ("离线查阅版", "快照日期", *(("收录主动公开政府信息", snapshot_date) if text_px == 16 else ())):
            assert _lines(page, ".gkml-snapshot p", word) == 1, word
    context.close()


@pytest.mark.parametrize("width", [320, 1024])
def test_the_entry_page_without_its_stylesheet_wraps_its_commands(browser: Any, built: tuple[Path, Path],
                                                                   tmp_path: Path, width: int) -> None:
    """Opened from inside the zip, or beside a folder a stick renamed SITE, the entry page has no entry.css:
    the guide's PowerShell line stayed one line 1990 px wide. The commands wrap by themselves, and what
    a clerk copies from the page is still the command (two spaces a split needs were one)."""
    copy = Path(shutil.copytree(built[1].parent, tmp_path / built[1].parent.name))
    shutil.rmtree(copy / "site")
    context = browser.new_context(viewport={"width": width, "height": 768}, device_scale_factor=1)
    page = context.new_page()
    for entry, alone in ((copy / ENTRY, True), (built[1].parent / ENTRY, False)):
        page.goto(entry.as_uri())
        assert page.locator(".entry__alone").is_visible() == alone  # shown where entry.css did not load
        assert page.evaluate("document.documentElement.scrollWidth") <= width, entry
        command = page.locator("code", has_text="Get-Content -Encoding UTF8 SHA256SUMS")
        page.evaluate("c => getSelection().selectAllChildren(c)", command.element_handle())
        assert page.evaluate("getSelection().toString()") == POWERSHELL_CHECK
    context.close()
