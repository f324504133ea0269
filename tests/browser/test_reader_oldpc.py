"""A reader on a phone at the largest type, and on an old PC (1024 × 768, no scripts, fonts missing),
and a clerk opening the offline copy's entry page without its stylesheet: dates stay whole, nothing
scrolls sideways, and the guide's commands wrap by themselves."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from gkml.outputs.offline.guide import POWERSHELL_CHECK
from support import build_site_and_copy, doc, serve, small_site_yml

pytestmark = pytest.mark.browser

ENTRY = "打开公开目录.html"
DATE = "2020年12月28日"  # the longest a date gets
ATTACHMENTS = ("实施细则 附表.pdf", "申请表（2020年版）.docx")
DOC_NO = "皖应急〔2020〕872号"
SOURCE = "https://yjt.example.gov.cn/gkml/fgwj/2020/" + "tongzhi" * 12  # a long attribute value
LONG = "doc/002986620-202011-00872"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("oldpc")
    folder = root / "content" / "catalogue" / "fgwj"
    folder.mkdir(parents=True)
    for name in ATTACHMENTS:
        (folder / name).write_bytes(b"%PDF-1.4\n" if name.endswith(".pdf") else b"PK\x03\x04")
    attachments = ["attachments:", *(f"  - {{file: {name}, title: 附件{n}}}" for n, name in enumerate(ATTACHMENTS, 1))]
    site, copy = build_site_and_copy(root, small_site_yml("测试厅", site_url="https://yjt.example.gov.cn/gkml/"), {
        "fgwj/oldpc.md": doc(title="老电脑阅读测试通知", index_no="002986620/202012-00871", created="2020-12-28",
                             published="2020-12-29 10:00"),
        "fgwj/oldpc-long.md": doc(f"doc_no: {DOC_NO}", f"source: {SOURCE}", *attachments, title="老电脑打印测试的实施细则",
                                  index_no="002986620/202011-00872", created="2020-11-03", published="2020-11-04 09:00",
                                  body="第一条　为了规范管理，制定本细则。\n")})
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


# each date whose parts (2020年, 12月28日) are not two, or one of them is on more than one line
BROKEN_DATES = """sel => [...document.querySelectorAll(sel)].filter(t => { const parts = t.querySelectorAll('.gkml-nobr');
    return parts.length !== 2 || [...parts].some(p => new Set([...p.getClientRects()].map(r => Math.round(r.bottom))).size > 1);
}).map(t => t.textContent)"""


@pytest.mark.parametrize("text_px", [16, 24])  # the browser's normal text, and its largest (Chromium's 字号 'very large')
def test_a_date_in_a_phone_card_and_the_snapshot_line_stays_whole_at_the_largest_type(
        browser: Any, built: tuple[Path, Path], text_px: int) -> None:
    """特大 on a 320 px phone: a listing card's 生成日期 broke as "2020年3月2 / 日" and the copy's snapshot
    line as "快照日 / 期"; at the browser's larger text the home page's and the attribute table's dates too.
    A date and a word keep together (a date longer than the line wraps between year and month); the page
    never scrolls sideways."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=1)
    context.add_init_script("try { localStorage.setItem('gkml-font', '2'); } catch (e) {}")
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": text_px}})
    for address in ((built[1] / "catalogue.html").as_uri(), (built[1] / "year" / "2020.html").as_uri()):
        page.goto(address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, address
        date = page.locator(".gkml-table__date time").first
        assert date.inner_text() == DATE
        assert page.evaluate(BROKEN_DATES, ".gkml-table__date time") == []
        if text_px == 16:
            assert _lines(page, ".gkml-table__date time", DATE) == 1, address
        snapshot_date = re.search(r"\d{4}年\d{1,2}月\d{1,2}日", page.locator(".gkml-snapshot p").first.inner_text())[0]
        # (at the largest text 收录主动公开政府信息 is wider than the line, and wraps)
        for word in ("离线查阅版", "快照日期", *(("收录主动公开政府信息", snapshot_date) if text_px == 16 else ())):
            assert _lines(page, ".gkml-snapshot p", word) == 1, word
    for address, dates in (((built[1] / "index.html").as_uri(), ".gkml-latest time"),
                           ((built[1] / f"{LONG}.html").as_uri(), ".gkml-attrs time")):
        page.goto(address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, address
        assert page.locator(dates).count() == 2
        assert page.evaluate(BROKEN_DATES, dates) == [], address
    context.close()


@pytest.mark.parametrize("width", [320, 1024])
def test_the_entry_page_without_its_stylesheet_wraps_its_commands(browser: Any, built: tuple[Path, Path],
                                                                   tmp_path: Path, width: int) -> None:
    """Opened from inside the zip, or beside a folder a stick renamed SITE, the entry page has no entry.css:
    the guide's PowerShell line stayed one line 1990 px wide, and at 320 px (400 % zoom) the address of the
    online list of copies widened it too. The commands and addresses wrap by themselves, and what
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


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_an_old_pc_without_scripts_reads_the_catalogue_a_document_and_prints_it(browser: Any, built: tuple[Path, Path],
                                                                                 tmp_path: Path) -> None:
    """1024 × 768, scripts off (an old PC's locked-down browser), over the online site: the catalogue and a
    document with a long attribute table fit the screen, the search page says it cannot search and where to
    browse, and a printed document shows its attribute table whole, its address and each attachment's
    (reader.js wrote both, so with scripts off paper showed neither)."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run tools/setup --test (poppler-utils)")
    context = browser.new_context(viewport={"width": 1024, "height": 768}, java_script_enabled=False)
    page = context.new_page()
    with serve(built[0]) as url:
        for path in ("catalogue/", f"{LONG}/", "search/"):
            page.goto(url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 1024, path
        notice = page.locator("main .gkml-notice", has_text="检索需要浏览器启用 JavaScript")
        assert notice.is_visible() and not page.locator("#gkml-search-form").is_visible()
        notice.get_by_role("link", name="公开目录").click()
        assert page.locator("tr[data-gkml-row]").count() == 2
        page.emulate_media(media="print")  # a listing printed its address only by reader.js
        page.pdf(path=str(tmp_path / "catalogue.pdf"), format="A4")
        page.emulate_media(media="screen")
        page.goto(f"{url}{LONG}/")
        page.emulate_media(media="print")
        assert page.locator(".gkml-attrs").evaluate("t => getComputedStyle(t).breakInside") == "avoid"
        pdf = tmp_path / "doc.pdf"
        page.pdf(path=str(pdf), format="A4")
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "本页网址：https://yjt.example.gov.cn/gkml/catalogue/网站内容截至：" in re.sub(r"\s+", "", pdf_text(
        tmp_path / "catalogue.pdf"))
    for label in ("索引号", "文号", "来源", "生成日期", f"本页网址：https://yjt.example.gov.cn/gkml/{LONG}/网站内容截至："):
        assert label in text
    for n, name in enumerate(ATTACHMENTS, 1):
        address = f"https://yjt.example.gov.cn/gkml/{LONG}/{name.replace(' ', '%20')}"  # a printed space is seen
        assert f"附件{n}({address})".replace(" ", "") in text, address
    context.close()


def test_the_copys_printable_catalogue_names_no_online_address_it_does_not_have(browser: Any,
                                                                                 built: tuple[Path, Path]) -> None:
    """The printable catalogue exists only in a copy: its canonical link, and so the address reader.js printed
    on its sheets, was https://…/gkml/catalogue/print/, a page the site does not have. It names none; paper
    says whose catalogue it is (and the snapshot line which copy)."""
    html_text = (built[1] / "catalogue" / "print.html").read_text(encoding="utf-8")
    assert "catalogue/print/" not in html_text
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto((built[1] / "catalogue" / "print.html").as_uri())
    page.emulate_media(media="print")
    footer = page.locator(".gkml-print-footer").text_content() or ""
    context.close()
    assert footer.startswith("本页：测试厅政府信息公开目录 · 政府信息公开目录（打印版）　打印日期："), footer
