"""The narrowest phones (320 px), at the normal and the largest text size, with what editors paste:
a 文号 with a long number, a table of more columns than a phone holds, a long unbroken Latin
string. The page itself never scrolls sideways, online or in the offline copy opened from a folder
whose path has spaces and Chinese characters; a too-wide table scrolls in its own box (reached by
keyboard) and, on paper, which does not scroll, keeps every column on the sheet."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, build_site_and_copy, doc, serve, small_site_yml

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "tooling" / "node_modules" / "axe-core" / "axe.min.js"
WIDTH = 320
LONG_DOC_NO = "皖应急〔2020〕12345678901234567890号"
PUBLISHER = "Anhui" + "X" * 60  # a search filter option
SOURCE = "yjt.ah.gov.cn/gkml/fgwj/2020/" + "tongzhi" * 10  # 来源 an address: one word to a browser
COLUMNS = 14
TABLE = ("| " + " | ".join(f"列标题{i}" for i in range(COLUMNS)) + " |\n|" + "---|" * COLUMNS + "\n| "
         + " | ".join(f"数据{i}" for i in range(COLUMNS)) + " |\n")
CODE_LINE = "curl https://yjt.ah.gov.cn/gkml/catalogue.json?" + "fields=title&" * 20  # a code block wider than a phone
ITEMS = "".join(f"{n}. 第{n}项措施\n" for n in range(1, 13))  # an imported list keeps the numbers the page printed
BODY = (f"正文通知。\n\n{'A' * 300}\n\n{TABLE}\n![图片](图%20片.png)\n\n<img src=\"图%20片.png\" width=\"2000\" alt=\"宽图\">\n\n"
        f"{ITEMS}\n> 引用的上级文件原文。\n\n```\n{CODE_LINE}\n```\n")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
                    "78da63f8cfc0f01f0005000201a5c6a8f40000000049454e44ae426082")
DOC = "doc/002986620-202003-00012"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site, and its offline copy moved into a folder named like a USB stick's (spaces, Chinese)."""
    root = tmp_path_factory.mktemp("narrow")
    folder = root / "content" / "catalogue" / "fgwj" / "2020"
    folder.mkdir(parents=True)
    (folder / "图 片.png").write_bytes(PNG)
    site, copy = build_site_and_copy(root, small_site_yml("测试厅"), {"fgwj/2020/a.md": doc(
        f"doc_no: {LONG_DOC_NO}", f"source: {SOURCE}", "attachments:", "  - file: 图 片.png", "    title: 图片", body=BODY, publisher=PUBLISHER)})
    stick = root / "U 盘 阅览室"
    stick.mkdir()
    return site, Path(shutil.move(copy.parent, stick / copy.parent.name)) / "site"


@pytest.fixture(scope="module")
def site_url(built: tuple[Path, Path]) -> Iterator[str]:
    with serve(built[0]) as url:
        yield url


def _too_wide(browser: Any, addresses: list[str], font: str, width: int = WIDTH, care: str = "0",
              text_px: int | None = None) -> dict[str, int]:
    """Each address whose page is wider than the screen, with its width; the wide table must scroll inside.
    text_px: the browser's own text size (Chromium's 字号 setting, Android's text scaling), the text alone grown."""
    context = browser.new_context(viewport={"width": width, "height": 640}, device_scale_factor=1)
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '{font}'); localStorage.setItem('gkml-care', '{care}'); }}"
                            " catch (e) {}")
    page = context.new_page()
    if text_px:
        context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": text_px}})
    wide: dict[str, int] = {}
    for address in addresses:
        page.goto(address, wait_until="load")
        if "q=" in address:
            page.wait_for_selector("#gkml-results .gkml-result", timeout=15_000)
            page.click("#gkml-filter-panel > summary")  # the filters, folded on phones, opened
            page.wait_for_selector("#gkml-filters .gkml-filter-option")
        if (page_width := page.evaluate("document.documentElement.scrollWidth")) > width:
            wide[address] = page_width
        if "002986620-202003-00012" in address:
            table = page.locator(".gkml-body table")
            assert table.evaluate("t => t.scrollWidth > t.clientWidth"), "the wide table lost columns instead of scrolling"
            assert page.locator(".gkml-body img").first.evaluate("i => i.complete && i.naturalWidth > 0"), address
            assert page.get_by_text(LONG_DOC_NO).count() >= 1
    context.close()
    return wide


def _tab_until(page: Any, target: Any, reached: str, presses: int) -> None:
    """Tab through the page until `reached` (a function of the target) holds, at most `presses` times."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate(reached):
            return


@pytest.mark.parametrize("font", ["0", "2"])
def test_no_page_wider_than_a_320_px_phone_online(browser: Any, site_url: str, font: str) -> None:
    addresses = [site_url + path for path in ("", "catalogue/", "category/fgwj/", "year/2020/", f"{DOC}/",
                                              "search/?q=通知")]
    assert _too_wide(browser, addresses, font) == {}


@pytest.mark.parametrize("care", ["0", "1"])
def test_no_page_wider_than_a_320_px_phone_at_the_browsers_largest_text(browser: Any, site_url: str, care: str) -> None:
    """Chromium's 字号 'very large' (24 px; Android's text scaling does the same) under 特大: the attribute
    table's value cells kept a minimum of 10em (333 px) and the home page's latest dates stayed whole
    on their line, so a document page was 370 px wide on a 320 px phone and the home page 341."""
    addresses = [site_url + path for path in ("", "catalogue/", f"{DOC}/")]
    assert _too_wide(browser, addresses, "2", care=care, text_px=24) == {}


@pytest.mark.parametrize(("width", "font", "care"), [(768, "2", "0"), (1024, "1", "1")])
def test_no_page_wider_than_a_tablet_or_a_zoomed_screen(browser: Any, site_url: str, width: int, font: str, care: str) -> None:
    """Above the phone layout the listings and the attribute table are tables: a long Latin value (a
    publisher, a 来源 that is an address) kept them as wide as its letters (1676 px on a 768 px tablet
    at 特大, which is also a 1536 px screen zoomed to 200 %)."""
    addresses = [site_url + path for path in ("catalogue/", "category/fgwj/", f"{DOC}/")]
    assert _too_wide(browser, addresses, font, width, care) == {}


@pytest.mark.parametrize("font", ["0", "2"])
def test_no_page_wider_than_a_320_px_phone_offline(browser: Any, built: tuple[Path, Path], font: str) -> None:
    copy = built[1]
    addresses = [(copy / name).as_uri() for name in ("index.html", "catalogue.html", "category/fgwj.html",
                                                     f"{DOC}.html", "search.html")]
    addresses[-1] += "?q=通知"
    assert _too_wide(browser, addresses, font) == {}


def test_the_search_filters_fit_the_phone_at_the_browsers_larger_text(browser: Any, site_url: str) -> None:
    """The browser's own text size (Chromium's 字号 setting 'large', 20 px: the text alone grows, not the
    page) on top of 关怀版 at 特大: the opened filters' date boxes (从 … 至 …) kept their fieldset as
    wide as one box and its label, and the 320 px page scrolled sideways."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 640}, device_scale_factor=1)
    context.add_init_script("try { localStorage.setItem('gkml-font', '2'); localStorage.setItem('gkml-care', '1'); } catch (e) {}")
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 20}})
    page.goto(site_url + "search/?q=通知")
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "37px"  # 20 px × 185 % (特大)
    page.wait_for_selector("#gkml-results .gkml-result", timeout=15_000)
    page.click("#gkml-filter-panel > summary")
    page.wait_for_selector("#gkml-filters .gkml-filter-option")
    assert page.locator("#gkml-advanced input[type=date]").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    context.close()


def test_a_table_wider_than_the_phone_is_reached_and_scrolled_by_keyboard(browser: Any, site_url: str) -> None:
    """Newer Chromium lets Tab reach any scroller; older browsers and axe-core need a tab stop."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 640}, bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.goto(f"{site_url}{DOC}/")
    page.add_script_tag(path=str(AXE))
    serious = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r =>
        r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ' ' + v.nodes[0].target))""",
                            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    assert serious == []
    table = page.locator(".gkml-body table")
    _tab_until(page, table, "t => document.activeElement === t", 60)
    assert table.evaluate("t => document.activeElement === t"), "Tab never reaches the wide table"
    assert table.evaluate("t => getComputedStyle(t).outlineStyle") != "none", "the focused table shows no ring"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.gkml-body table').scrollLeft > 0", timeout=2_000)
    context.close()


def test_a_code_block_wider_than_the_phone_is_one_tab_stop_that_scrolls(browser: Any, site_url: str) -> None:
    """The code block's tab stop was its <pre>, but Material scrolls the <code> inside: the arrow keys
    moved nothing there (an older browser had no other way in), and a newer Chromium made the <code> a
    second stop whose ring Material hides."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.goto(f"{site_url}{DOC}/")
    block = page.locator(".gkml-body pre")
    _tab_until(page, block, "b => b.contains(document.activeElement)", 80)
    assert block.evaluate("b => document.activeElement === b"), "Tab never reaches the code block"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.gkml-body pre').scrollLeft > 0", timeout=2_000)
    page.keyboard.press("Tab")
    assert not block.evaluate("b => b.contains(document.activeElement)"), "a second tab stop inside the code block"
    context.close()


@pytest.mark.parametrize("width", [700, 794])  # an A4 sheet's text area at 96 dpi, and the whole sheet
def test_a_printed_table_keeps_every_column_and_a_code_line_its_end_on_the_sheet(browser: Any, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 1100})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{site_url}{DOC}/")
    code = page.locator(".gkml-body pre")  # paper does not scroll: a long line wraps
    assert code.evaluate("p => [p, p.firstElementChild].every(e => e.scrollWidth <= e.clientWidth)"), "the code line is cut"
    last = page.locator(".gkml-body table th").last
    assert last.inner_text() == f"列标题{COLUMNS - 1}"
    right = last.evaluate("th => th.getBoundingClientRect().right")
    assert right <= page.evaluate("document.documentElement.clientWidth"), f"the last column is off the sheet at {right}"
    context.close()


@pytest.mark.parametrize("font", ["0", "2"])
def test_list_numbers_and_quotes_stay_inside_the_column(browser: Any, site_url: str, font: str) -> None:
    """Material lays out lists, quotes and <details> by the page's dir="ltr": without it a list's numbers
    hung left of the text, "10." read "0." at a phone's edge, a quote had no bar and 统计口径's icon
    covered its first character. gkml's own lists (pager, categories) still start at the edge."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 640}, device_scale_factor=1)
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '{font}'); }} catch (e) {{}}")
    page = context.new_page()
    page.goto(f"{site_url}{DOC}/")
    items = page.locator(".gkml-body ol > li")
    assert items.count() == 12
    for list_item in (items.first, items.last, page.locator(".gkml-attachments li").first):
        # an outside marker ("12.") needs about 1.5em left of the item, inside the text column
        room = list_item.evaluate("""li => (li.getBoundingClientRect().left
            - li.closest('.md-content__inner').getBoundingClientRect().left) / parseFloat(getComputedStyle(li).fontSize)""")
        assert room >= 1.5, f"{list_item.inner_text()!r}: its number has {room:.2f}em, less than it needs"
    assert page.locator(".gkml-body blockquote").evaluate("q => parseFloat(getComputedStyle(q).borderLeftWidth)") > 0
    page.goto(f"{site_url}stats/2020/")
    summary = page.locator("details.gkml-stats-method > summary")
    clear = summary.evaluate("""s => { const icon = getComputedStyle(s, '::before');
        return icon.content === 'none' || parseFloat(icon.left) + parseFloat(icon.width) <= parseFloat(getComputedStyle(s).paddingLeft); }""")
    assert clear, "统计口径: the icon covers the text"
    page.goto(site_url)
    lists = page.locator(".gkml-hero__links, ul.gkml-terms, ul.gkml-browse")
    assert lists.count() == 3
    assert lists.evaluate_all("""uls => uls.filter(ul =>
        ul.firstElementChild.getBoundingClientRect().left !== ul.getBoundingClientRect().left).map(ul => ul.className)""") == []
    context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_care_mode_phone_menu_shows_search_without_a_sideways_scroll(browser: Any, site_url: str, width: int) -> None:
    """关怀版 hides the header's search box, search being in the menu; but a phone's menu scrolled sideways
    and its 检索 stood past the screen's right edge, so a document page showed a reader no way to search.
    Every menu item is on the screen, and Tab then Enter on 检索 opens the search page."""
    context = browser.new_context(viewport={"width": width, "height": 640}, device_scale_factor=1)
    context.add_init_script("try { localStorage.setItem('gkml-font', '2'); localStorage.setItem('gkml-care', '1'); } catch (e) {}")
    page = context.new_page()
    page.goto(f"{site_url}{DOC}/")
    assert not page.locator(".gkml-header__search").is_visible()
    menu = page.get_by_role("navigation", name="主菜单")
    for link in menu.get_by_role("link").all():
        box = link.bounding_box()
        assert box and 0 <= box["x"] and box["x"] + box["width"] <= width, f"{link.inner_text()!r} at {box}"
    search = menu.get_by_role("link", name="检索")
    _tab_until(page, search, "a => document.activeElement === a", 20)
    assert search.evaluate("a => document.activeElement === a"), "Tab never reaches 检索"
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/")
    assert page.locator("#gkml-search-form input").is_visible()
    context.close()


def test_the_offline_entry_page_has_the_large_type_switch_by_keyboard_and_none_without_scripts(
        browser: Any, built: tuple[Path, Path]) -> None:
    """The reading room's start page (打开公开目录.html over file://) had no text size or 关怀版 switch, though
    every page of the copy has one. At 320 px (a 1280 px screen at 400 %), keyboard only: 特大 chosen there
    grows the page and holds on the copy's pages; without scripts the switch, which would do nothing, is hidden."""
    entry = (built[1].parent / "打开公开目录.html").as_uri()
    context = browser.new_context(viewport={"width": WIDTH, "height": 640}, device_scale_factor=1)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if message.type == "error" else None)
    page.goto(entry)
    before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    larger = page.get_by_role("region", name="阅读设置").get_by_role("button", name="特大")
    _tab_until(page, larger, "b => document.activeElement === b", 10)
    page.keyboard.press("Space")
    assert larger.get_attribute("aria-pressed") == "true"
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") > before * 1.4
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert page.get_by_role("link", name="进入公开目录").is_visible()
    page.get_by_role("link", name="进入公开目录").press("Enter")
    page.wait_for_url("**/site/index.html")
    assert page.evaluate("document.documentElement.getAttribute('data-gkml-font')") == "2"
    assert refused == []
    context.close()
    scriptless = browser.new_context(viewport={"width": WIDTH, "height": 640}, java_script_enabled=False)
    page = scriptless.new_page()
    page.goto(entry)
    assert not page.get_by_role("button", name="特大").is_visible()
    assert page.get_by_role("link", name="进入公开目录").is_visible()
    scriptless.close()


def test_the_offline_entry_page_at_the_largest_type_on_a_phone_shows_the_way_in_and_the_chosen_colours(
        browser: Any, built: tuple[Path, Path]) -> None:
    """At 特大 with 关怀版 on a 320 × 568 phone, the entry page's 进入公开目录 was below the first screen (its
    top at 708 px): only the settings and the title showed. And it ignored 配色: a reader who chose 高对比 on the
    site's pages got the entry page black on white, and it had no 配色 switch. Keyboard only, over file://; the
    settings' eight buttons before the way in are skipped by the first Tab's link."""
    entry = (built[1].parent / "打开公开目录.html").as_uri()
    context = browser.new_context(viewport={"width": WIDTH, "height": 568}, device_scale_factor=1)
    page = context.new_page()
    page.goto(entry)
    settings = page.get_by_role("region", name="阅读设置")
    for name in ("特大", "高对比", "关怀版"):
        button = settings.get_by_role("button", name=name)
        _tab_until(page, button, "b => document.activeElement === b", 12)
        page.keyboard.press("Space")
        assert button.get_attribute("aria-pressed") == "true", name
    way_in = page.get_by_role("link", name="进入公开目录")
    box = way_in.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 568, box
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(255, 255, 255)"
    assert way_in.evaluate("a => getComputedStyle(a).color") == "rgb(255, 235, 59)"
    way_in.press("Enter")
    page.wait_for_url("**/site/index.html")
    assert page.evaluate("document.documentElement.getAttribute('data-gkml-scheme')") == "contrast"
    context.close()
    eyecare = browser.new_context(viewport={"width": WIDTH, "height": 568})
    eyecare.add_init_script("try { localStorage.setItem('gkml-scheme', 'eyecare'); } catch (e) {}")  # chosen on the site
    page = eyecare.new_page()
    page.goto(entry)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(204, 232, 207)"
    assert page.get_by_role("button", name="护眼").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Tab")  # eight settings buttons before the way in: the first Tab offers to skip them
    assert page.evaluate("document.activeElement.textContent") == "跳过阅读设置"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "进入公开目录"
    eyecare.close()


def test_the_entry_page_of_a_copy_whose_site_folder_a_stick_recased_says_to_rename_it(
        browser: Any, built: tuple[Path, Path], tmp_path: Path) -> None:
    """A FAT stick or a copier showed the copy's site folder as SITE; copied on to a disk that tells case apart
    (统信 UOS, 麒麟) the entry page found no site/ beside it and told the clerk to unzip first: the copy was
    unzipped, and the fix is one rename."""
    copy = Path(shutil.copytree(built[1].parent, tmp_path / "U 盘 二" / built[1].parent.name))
    (copy / "site").rename(copy / "SITE")
    if (copy / "site").is_dir():
        pytest.skip("this disk does not tell case apart: SITE opens as site")
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.goto((copy / "打开公开目录.html").as_uri())
    alert = page.get_by_role("alert")
    assert alert.is_visible()
    assert "旁边的文件夹若名为 SITE（大写：有的 U 盘和拷贝软件会这样改名），请把它改名为 site。" in alert.inner_text()
    assert alert.bounding_box()["y"] < 640  # the first thing the clerk sees
    context.close()
