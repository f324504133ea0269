"""Reader experience (issue #10): text size and colour scheme remembered and usable by keyboard,
WCAG 2.1 AA by axe-core in each scheme, phones without sideways scrolling, printing and citing.

axe-core is vendored through npm (tests/tooling/package.json + package-lock.json, installed by
tools/setup --test with `npm ci --prefix tests/tooling`) and injected into headless Chromium.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT, build_site, doc, serve, small_site_yml

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "tooling" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = {"0": 20.0, "1": 24.0, "2": 29.6}  # html font-size in px: 125 %, 150 %, 185 % of 16 px


@pytest.fixture(scope="module")
def base(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture()
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("GKML_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pages(site: Path) -> dict[str, str]:
    """One page of each type, as paths under the site root."""
    doc = min((site / "doc").iterdir()).name
    year = max(p.name for p in (site / "year").iterdir() if p.is_dir())
    category = min(p.name for p in (site / "category").iterdir() if p.is_dir())
    return {"home": "", "catalogue": "catalogue/", "category": f"category/{category}/", "attribute": f"year/{year}/",
            "document": f"doc/{doc}/", "search": "search/?q=安全",
            # 相关解读 on a policy, 原文 on its 解读, the 依申请公开 guide with its form
            "policy": "doc/002986620-202003-00032/", "interpretation": "doc/002986620-202003-00033/",
            "application": "pages/ysqgk/"}


def html_state(page) -> tuple[str | None, str | None, float]:
    return page.evaluate("""() => [document.documentElement.getAttribute('data-gkml-font'),
        document.documentElement.getAttribute('data-gkml-scheme'),
        parseFloat(getComputedStyle(document.documentElement).fontSize)]""")


def pressed(page, attr: str) -> list[str]:
    return page.eval_on_selector_all(f'button[{attr}][aria-pressed="true"]', f"bs => bs.map(b => b.getAttribute('{attr}'))")


def test_size_and_scheme_persist_across_reload_and_links(browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base)
    assert html_state(page) == [None, None, SIZES["0"]]
    assert pressed(page, "data-gkml-font") == ["0"] and pressed(page, "data-gkml-scheme") == ["default"]

    page.get_by_role("button", name="特大", exact=True).click()
    page.get_by_role("button", name="高对比", exact=True).click()
    assert html_state(page) == ["2", "contrast", pytest.approx(SIZES["2"], abs=0.1)]
    assert page.get_by_role("button", name="特大", pressed=True).count() == 1
    assert page.get_by_role("button", name="标准", pressed=False).count() == 1
    page.wait_for_function("() => document.querySelector('[data-gkml-status]').textContent === '配色已设为高对比'")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"

    page.reload()
    assert html_state(page) == ["2", "contrast", pytest.approx(SIZES["2"], abs=0.1)]
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="公开目录").click()
    page.wait_for_url("**/catalogue/")
    assert html_state(page) == ["2", "contrast", pytest.approx(SIZES["2"], abs=0.1)]
    assert pressed(page, "data-gkml-font") == ["2"] and pressed(page, "data-gkml-scheme") == ["contrast"]

    page.get_by_role("button", name="大", exact=True).click()
    page.get_by_role("button", name="护眼", exact=True).click()
    page.locator("tr[data-gkml-row] .gkml-table__title a").first.click()
    page.wait_for_url("**/doc/**")
    assert html_state(page) == ["1", "eyecare", SIZES["1"]]
    page.get_by_role("button", name="标准", exact=True).click()
    page.get_by_role("button", name="默认", exact=True).click()
    page.reload()
    assert html_state(page) == [None, None, SIZES["0"]]
    assert errors == []
    context.close()


def test_settings_persist_from_file_urls(browser, sample_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((sample_site / "index.html").as_uri())
    page.get_by_role("button", name="大", exact=True).click()
    page.get_by_role("button", name="高对比", exact=True).click()
    page.goto((sample_site / "catalogue" / "index.html").as_uri())
    assert html_state(page) == ["1", "contrast", SIZES["1"]]
    assert pressed(page, "data-gkml-font") == ["1"]
    context.close()


def tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_controls_by_keyboard_alone(browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "catalogue/")
    tab_to(page, 'button[data-gkml-font="1"]')
    ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] == "solid" and ring[1] >= 2, f"no visible focus ring: {ring}"
    page.keyboard.press("Enter")
    assert html_state(page)[0] == "1"
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    tab_to(page, 'button[data-gkml-scheme="contrast"]')
    page.keyboard.press("Space")
    assert html_state(page)[1] == "contrast"
    page.wait_for_function("() => document.querySelector('[data-gkml-status]').textContent === '配色已设为高对比'")
    # the controls are labelled groups of toggle buttons for screen readers
    group = page.get_by_role("group", name="字号")
    assert group.get_by_role("button").all_inner_texts() == ["标准", "大", "特大"]
    assert page.get_by_role("group", name="配色").get_by_role("button", name="高对比", pressed=True).count() == 1
    page.reload()
    assert html_state(page)[:2] == ["1", "contrast"]
    context.close()


# a date box's calendar button is the browser's own control, with the browser's own ring: not the box's focus
RINGLESS = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
    if (!e.matches(':focus')) return '';
    const s = getComputedStyle(e);
    return s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2 ? e.tagName.toLowerCase() + ' ' + e.textContent.trim().slice(0, 20) : ''; }"""


@pytest.mark.parametrize("path", ["stats/2020/", "search/?q=安全"])
def test_every_control_reached_by_tab_shows_a_focus_ring(browser, base: str, path: str) -> None:
    """Material hides the ring of a <summary> (统计口径, 高级检索与筛选, a body's <details>) unless its
    own script marked it .focus-visible; gkml does not load that script, so the ring was never shown."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + path)
    if "q=" in path:
        page.wait_for_selector("#gkml-filters .gkml-filter-option")
    ringless: list[str] = []
    for _ in range(150):
        page.keyboard.press("Tab")
        if (found := page.evaluate(RINGLESS)) is None:
            break
        ringless += [found] if found else []
    assert ringless == []
    context.close()


def test_a_folded_details_shows_its_chevron_in_forced_colours(browser, base: str) -> None:
    """Windows high contrast paints every background in the system's Canvas colour: Material's chevron
    of 统计口径 (a background seen through a mask) was Canvas on Canvas, and nothing said it unfolds."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors="active", color_scheme="dark")
    page = context.new_page()
    page.goto(base + "stats/2020/")
    summary = page.locator("details.gkml-stats-method > summary")
    canvas, chevron = summary.evaluate("""s => [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(s, '::after').backgroundColor]""")
    assert chevron != canvas, f"the chevron is {chevron} on {canvas}"
    context.close()


def axe_problems(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    problems = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            problems.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — {targets}")
    return problems


@pytest.mark.parametrize(("scheme", "care", "width"), [
    ("default", "0", 1280), ("eyecare", "0", 1280), ("contrast", "0", 1280),
    ("default", "1", 1280), ("eyecare", "1", 1280), ("contrast", "1", 1280), ("default", "1", 375),
], ids=["default", "eyecare", "contrast", "care-default", "care-eyecare", "care-contrast", "care-phone"])
def test_axe_finds_no_serious_violations(browser, base: str, sample_site: Path, scheme: str, care: str,
                                         width: int) -> None:
    if not AXE.is_file():
        if shutil.which("npm") is None:
            pytest.skip("axe-core needs npm: run tools/setup --test on a machine with npm")
        pytest.fail(f"{AXE} is missing: run tools/setup --test (npm ci --prefix tests/tooling)")
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.add_init_script(f"try {{ localStorage.setItem('gkml-scheme', '{scheme}'); "
                            f"localStorage.setItem('gkml-care', '{care}'); }} catch (e) {{}}")
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for name, path in pages(sample_site).items():
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        if name == "search":
            page.wait_for_selector("#gkml-results .gkml-result", timeout=10_000)
        assert page.evaluate("document.documentElement.getAttribute('data-gkml-scheme')") == (
            None if scheme == "default" else scheme)
        assert page.evaluate("document.documentElement.getAttribute('data-gkml-care')") == (None if care == "0" else care)
        problems = axe_problems(page)
        if problems:
            found[f"{name} ({path or '/'})"] = problems
    context.close()
    assert not found, "axe-core, serious/critical violations:\n" + "\n".join(
        f"{page}:\n  " + "\n  ".join(problems) for page, problems in found.items())


@pytest.mark.parametrize("font", ["0", "2"])
def test_phone_width_has_no_sideways_scroll_and_rows_are_cards(browser, base: str, sample_site: Path,
                                                               shots: Path, font: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=1)
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '{font}'); }} catch (e) {{}}")
    page = context.new_page()
    wide: dict[str, int] = {}
    for name in ("home", "catalogue", "category", "attribute", "document", "search"):
        page.goto(base + pages(sample_site)[name])
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[name] = width
        if name in ("catalogue", "category", "attribute"):
            row = page.locator("tr[data-gkml-row]").first
            assert row.evaluate("r => getComputedStyle(r).display") == "block", f"{name}: rows are not cards"
            assert page.locator(".gkml-table thead").evaluate("h => h.getBoundingClientRect().height") <= 1
            labels = row.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
            assert "索引号" in labels
        if name == "document":
            assert page.locator("table.gkml-attrs tr").first.evaluate("r => getComputedStyle(r).display") == "flex"
        if font == "0" and name in ("catalogue", "document"):
            page.screenshot(path=str(shots / f"reader-{name}-375.png"), full_page=True)
    context.close()
    assert wide == {}, f"pages wider than 375 px (text size {font}): {wide}"


def test_wide_screenshots(browser, base: str, sample_site: Path, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for name in ("catalogue", "document"):
        page.goto(base + pages(sample_site)[name])
        page.screenshot(path=str(shots / f"reader-{name}-1280.png"), full_page=True)
    page.get_by_role("button", name="高对比", exact=True).click()
    page.screenshot(path=str(shots / "reader-document-1280-contrast.png"), full_page=True)
    page.get_by_role("button", name="护眼", exact=True).click()
    page.get_by_role("button", name="特大", exact=True).click()
    page.screenshot(path=str(shots / "reader-document-1280-eyecare-xl.png"), full_page=True)
    # the choices took effect, and the screenshots exist for a person to look at
    root = page.locator("html")
    assert (root.get_attribute("data-gkml-scheme"), root.get_attribute("data-gkml-font")) == ("eyecare", "2")
    assert all((shots / f"reader-{name}-1280.png").stat().st_size > 10_000 for name in ("catalogue", "document"))
    context.close()


def document_with_doc_no(page, base: str) -> str:
    """The address of the newest document that has a 文号 (so its citation carries all four parts)."""
    page.goto(base + "catalogue/")
    row = page.locator("tr[data-gkml-row]", has=page.locator("td[data-label='文号']", has_text=re.compile(r"〔\d{4}〕")))
    row.first.locator(".gkml-table__title a").click()
    page.wait_for_url("**/doc/**")
    return page.url


def test_print_has_attributes_text_address_and_date_but_no_navigation(browser, base: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("try { localStorage.setItem('gkml-scheme', 'contrast'); localStorage.setItem('gkml-font', '2'); } catch (e) {}")
    page = context.new_page()
    url = document_with_doc_no(page, base)
    title = page.locator("h1").inner_text()
    page.emulate_media(media="print")
    for selector in (".gkml-header", ".gkml-menu", ".gkml-reader", ".gkml-breadcrumb", ".gkml-footer",
                     ".gkml-prevnext", ".gkml-cite", ".gkml-skip"):
        assert page.locator(selector).count() == 0 or not page.locator(selector).first.is_visible(), selector
    for selector in ("table.gkml-attrs", ".gkml-body", ".gkml-print-footer", "h1"):
        assert page.locator(selector).first.is_visible(), selector
    # black on white and normal size whatever the screen settings
    assert page.evaluate("getComputedStyle(document.querySelector('table.gkml-attrs td')).backgroundColor") == "rgb(255, 255, 255)"
    assert page.evaluate("getComputedStyle(document.querySelector('table.gkml-attrs td')).color") == "rgb(0, 0, 0)"
    today = datetime.date.today()
    footer = page.locator(".gkml-print-footer").inner_text()
    assert url in footer and f"打印日期：{today.year}年{today.month}月{today.day}日" in footer, footer

    body_text = page.locator(".gkml-body").inner_text().split("\n")
    index_no = page.locator("table.gkml-attrs tr", has=page.locator("th", has_text="索引号")).locator("td").inner_text()
    pdf = shots / "reader-document.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) >= 1
    context.close()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", title) in flat
        assert index_no in flat and "发布机构" in flat and "打印日期" in flat
        last = next(line for line in reversed(body_text) if line.strip())
        assert re.sub(r"\s+", "", last) in flat, "the full text's last paragraph is missing from the PDF"
        for absent in ("主菜单", "字号", "上一篇", "复制引用", "跳到正文"):
            assert absent not in flat, f"{absent} printed"
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(shots / "reader-document-pdf")],
                           check=False)


def printed_sheets(page, pdf: Path) -> list[str]:
    """The page printed on A4 as Chromium prints it, each sheet's text without spaces."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is missing")
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", "", sheet) for sheet in text.split("\f") if sheet.strip()]


def test_printed_search_results_start_on_the_first_sheet_without_the_filters(browser, base: str, tmp_path: Path) -> None:
    """The filters (a form of date boxes and some 60 tick boxes) printed beside the results on three
    sheets, and the grid holding both left the first sheet blank under 检索."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "search/?q=安全")
    page.wait_for_selector("#gkml-filters .gkml-filter-option")
    first = re.sub(r"\s+", "", page.locator("#gkml-results .gkml-result-title").first.inner_text())
    sheets = printed_sheets(page, tmp_path / "search.pdf")
    assert first in sheets[0], "the first result is not on the first sheet"
    flat = "".join(sheets)
    for control in ("高级检索与筛选", "按条件检索", "排序", "年份"):
        assert control not in flat, f"{control} printed"
    assert "search/?q=安全" in flat, "the printed address does not say what was searched"
    context.close()


def test_printed_search_results_say_what_was_searched_on_the_first_sheet(browser, base: str, tmp_path: Path) -> None:
    """Paper hides the box and the filters: a sheet said 共找到 1 条结果 and named neither the words nor
    the conditions (the address, at the foot of the last sheet, only the words). The first sheet says
    both, under the form's labels; the screen shows them in the form, not twice."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "search/?q=安全&year=2018&docno=皖安监&pfrom=2018-01-01&pto=2018-12-31")
    page.wait_for_selector("#gkml-results .gkml-result-title")
    assert not page.locator(".gkml-print-asked").is_visible()
    sheets = printed_sheets(page, tmp_path / "search.pdf")
    assert "检索词：“安全”；文号含“皖安监”；发布日期：从2018-01-01至2018-12-31；年份：2018" in sheets[0], sheets[0]
    page.goto(base + "search/?q=无此词语的检索")
    page.wait_for_selector("#gkml-results .gkml-empty-result")
    sheets = printed_sheets(page, tmp_path / "none.pdf")
    assert "检索词：“无此词语的检索”" in sheets[0] and "没有找到相关文件" in sheets[0], sheets[0]
    context.close()


def test_printed_search_results_say_how_many_of_the_results_they_hold(browser, base: str, tmp_path: Path) -> None:
    """A sheet said 共找到 36 条结果 and held the first 20: nothing said the rest were not printed, and
    paper has no 显示更多结果 button. It says how many it holds; once every result is shown, nothing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "search/?q=安全")
    page.wait_for_selector("#gkml-results .gkml-more")
    assert not page.locator(".gkml-print-more").is_visible()
    flat = "".join(printed_sheets(page, tmp_path / "first.pdf"))
    told = re.search(r"以上是前20条，共(\d+)条结果；其余未打印", flat)
    assert told and int(told.group(1)) > 20 and flat.count("索引号：") == 20, flat[-300:]
    while page.locator("#gkml-results .gkml-more").count():
        page.click("#gkml-results .gkml-more")
        page.wait_for_function("() => !document.querySelector('.gkml-more[disabled]')")
    flat = "".join(printed_sheets(page, tmp_path / "all.pdf"))
    assert flat.count("索引号：") == int(told.group(1)) and "未打印" not in flat
    context.close()


def test_the_first_search_on_a_slow_pc_says_it_is_searching(browser, base: str) -> None:
    """An old PC loads the index for seconds: the results' box stayed empty meanwhile, as if nothing
    would come. It says 正在检索…… until the answer (the index's files held back here, not timed)."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    held: list = []

    def hold(route) -> None:
        held.append(route)

    page.route("**/pagefind/**", hold)
    page.goto(base + "search/?q=安全", wait_until="commit")  # its load waits for the index's script
    page.wait_for_function("() => document.querySelector('#gkml-results[aria-busy=true]')")
    shown = page.locator("#gkml-results").evaluate("box => getComputedStyle(box, '::before').content")
    assert shown == '"正在检索……"'
    for route in held:
        route.continue_()
    page.unroute("**/pagefind/**", hold)  # (and what it holds since, let go)
    page.wait_for_selector("#gkml-results .gkml-result-title")
    assert page.locator("#gkml-results").evaluate("box => getComputedStyle(box, '::before').content") == "none"
    context.close()


def test_a_folded_details_prints_its_text(browser, base: str, tmp_path: Path) -> None:
    """统计口径 is folded on screen; on paper, which cannot be unfolded, its rules were missing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "stats/2020/")
    assert "本年制发：生成日期在本年内" in "".join(printed_sheets(page, tmp_path / "stats.pdf"))
    # a browser without ::details-content: reader.js unfolds it for the print and folds it again after
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.gkml-stats-method").evaluate("d => d.open")
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert not page.locator("details.gkml-stats-method").evaluate("d => d.open")
    context.close()


def test_citation_copies_by_keyboard_online_and_from_file(browser, base: str, sample_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    url = document_with_doc_no(page, base)
    citation = page.locator("#gkml-citation").input_value()
    title = page.locator("h1").inner_text()
    doc_no = page.locator("table.gkml-attrs tr", has=page.locator("th", has_text="文号")).locator("td").inner_text()
    index_no = page.locator("table.gkml-attrs tr", has=page.locator("th", has_text="索引号")).locator("td").inner_text()
    assert citation.startswith(f"《{title}》") and doc_no in citation and index_no in citation
    permalink = page.locator(".gkml-permalink").get_attribute("href")
    assert permalink and citation.endswith(permalink) and permalink.endswith(url[len(base):])

    for address in (url, (sample_site / url[len(base):] / "index.html").as_uri()):
        page.goto(address)
        tab_to(page, "button.gkml-copy")
        page.keyboard.press("Enter")
        status = page.locator("#gkml-citation-status")
        page.wait_for_function("() => document.getElementById('gkml-citation-status').textContent !== ''")
        assert status.inner_text() in ("已复制到剪贴板", "已选中引用文字，请按 Ctrl+C（或 ⌘+C）复制"), address
        tab_to(page, "a.gkml-permalink", limit=5)
    context.close()


def test_controls_hidden_without_scripts(browser, base: str, sample_site: Path) -> None:
    """Without scripts the buttons could do nothing, so they are not shown; the page is still readable."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "catalogue/")
    assert not page.locator(".gkml-reader").is_visible()
    assert page.locator("tr[data-gkml-row]").first.is_visible()
    page.goto(base + pages(sample_site)["document"])
    assert page.locator("#gkml-citation").is_visible() and not page.locator("button.gkml-copy").is_visible()
    context.close()


# --- 关怀版 (elderly and phone readers, MIIT 适老化) ------------------------------------

CARE_FILES = {"care-home-375", "care-document-375", "care-catalogue-375", "care-document-1280", "care-home-1280"}
VISIBLE_TEXT_LINE_HEIGHTS = """() => {
    const worst = [];
    for (const el of document.querySelectorAll('body *')) {
        if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own) continue;
        const s = getComputedStyle(el);
        const ratio = s.lineHeight === 'normal' ? 0 : parseFloat(s.lineHeight) / parseFloat(s.fontSize);
        if (ratio < 1.3) worst.push(`${el.tagName.toLowerCase()}.${el.className}: ${s.lineHeight} / ${s.fontSize}`);
    }
    return worst;
}"""


def test_care_mode_switch_larger_type_spacing_and_simpler_header(browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base)
    header_search = page.locator(".gkml-header__search")
    assert header_search.is_visible()
    page.get_by_role("group", name="版式").get_by_role("button", name="关怀版").click()
    assert page.evaluate("document.documentElement.getAttribute('data-gkml-care')") == "1"
    assert page.get_by_role("button", name="关怀版", pressed=True).count() == 1
    page.wait_for_function("() => document.querySelector('[data-gkml-status]').textContent === '版式已设为关怀版'")
    assert html_state(page)[2] == pytest.approx(24.0)  # 150 % of 16 px instead of 125 %
    assert not header_search.is_visible(), "关怀版 keeps the header simple: search is in the menu"
    assert page.get_by_role("navigation", name="主菜单").get_by_role("link", name="检索").is_visible()
    # remembered on the next page, and every line of text there is spaced at least 1.3
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="公开目录").click()
    page.wait_for_url("**/catalogue/")
    assert page.evaluate("document.documentElement.getAttribute('data-gkml-care')") == "1"
    for path in ("catalogue/", "doc/002986620-202003-00032/", "pages/ysqgk/", ""):
        page.goto(base + path)
        assert page.evaluate(VISIBLE_TEXT_LINE_HEIGHTS) == [], path
    page.get_by_role("button", name="特大", exact=True).click()
    assert html_state(page)[2] == pytest.approx(29.6, abs=0.1)
    page.get_by_role("button", name="标准版").click()
    assert page.evaluate("document.documentElement.getAttribute('data-gkml-care')") is None
    context.close()


@pytest.mark.parametrize("care", ["0", "1"])
@pytest.mark.parametrize(("width", "height"), [(375, 667), (740, 360)], ids=["upright", "on-its-side"])
def test_title_on_the_first_phone_screen_at_the_largest_size(browser, base: str, sample_site: Path, care: str,
                                                             width: int, height: int) -> None:
    """At 特大 on a 375 × 667 phone, or one on its side (740 × 360: wider than the phone layout, but
    as short as a screen gets), the document's title starts on the first screen, the breadcrumb
    keeps whole words, and nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '2'); localStorage.setItem('gkml-care', '{care}'); }} catch (e) {{}}")
    page = context.new_page()
    for path in ("doc/002986620-202003-00032/", "catalogue/", ""):
        page.goto(base + path)
        page.wait_for_load_state("load")
        box = page.locator("h1").first.bounding_box()
        line = page.locator("h1").first.evaluate("h => parseFloat(getComputedStyle(h).lineHeight)")
        assert box and box["y"] >= 0 and box["y"] + line <= height, f"{path}: title's first line at {box} (care {care})"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        # no crumb is broken into one character per line
        for crumb in page.locator(".gkml-breadcrumb li").all():
            rects = crumb.evaluate("li => li.getClientRects().length")
            assert rects <= 2, f"{path}: crumb {crumb.inner_text()!r} in {rects} pieces"
    context.close()


def unbroken_tokens(page) -> list[str]:
    """Parts of a 文号 or 索引号 broken across lines (a part on one line has one client rect)."""
    return page.evaluate("""() => [...document.querySelectorAll('.gkml-nobr')]
        .filter(e => e.offsetParent && e.getClientRects().length > 1).map(e => e.textContent)""")


@pytest.mark.parametrize("care", ["0", "1"])
def test_doc_numbers_and_index_numbers_never_break_inside(browser, base: str, care: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667})
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '2'); localStorage.setItem('gkml-care', '{care}'); }} catch (e) {{}}")
    page = context.new_page()
    for path in ("catalogue/", "category/fgwj/", "doc/002986620-202003-00032/"):
        page.goto(base + path)
        wrapped = page.evaluate("""() => [...document.querySelectorAll('td[data-label="文号"], td[data-label="索引号"]')]
            .filter(td => td.textContent.trim() !== '—')
            .every(td => [...td.querySelectorAll('.gkml-nobr')].map(s => s.textContent).join('') === td.textContent.trim())""")
        assert wrapped, f"{path}: a 文号/索引号 is not split into unbreakable parts"
        assert page.locator(".gkml-nobr").count() > 0
        assert unbroken_tokens(page) == [], path
    page.goto(base + "search/?q=举报奖励")
    page.wait_for_selector("#gkml-results .gkml-result")
    assert page.locator("#gkml-results .gkml-result-meta .gkml-nobr").count() >= 2
    assert unbroken_tokens(page) == []
    context.close()


# (width, text size, 关怀版, the fewest characters a line of the 名称 column must hold)
@pytest.mark.parametrize(("width", "font", "care", "chars"), [
    (1024, "0", "0", 15), (800, "0", "0", 9), (1024, "2", "0", 10), (760, "2", "0", 8), (900, "1", "0", 10),
    (1024, "0", "1", 12), (760, "2", "1", 8)])
def test_listing_headers_sit_over_their_own_cells_and_the_title_gets_room(
        browser, base: str, width: int, font: str, care: str, chars: int) -> None:
    """A column hidden at some size (内容概述 in 关怀版) goes with its header: a screen reader names
    each value by the header above it. The title, what a reader scans for, is not squeezed to a
    few characters a line by the longer summary beside it."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '{font}'); "
                            f"localStorage.setItem('gkml-care', '{care}'); }} catch (e) {{}}")
    page = context.new_page()
    page.goto(base + "catalogue/")
    misplaced, title_chars = page.evaluate("""() => {
        const visible = el => getComputedStyle(el).display !== 'none';
        const heads = [...document.querySelectorAll('.gkml-table thead th')].filter(visible);
        const misplaced = [];
        for (const row of document.querySelectorAll('tr[data-gkml-row]')) {
          const cells = [...row.children].filter(visible);
          cells.forEach((cell, i) => {
            const head = heads[i];
            if (!head || head.textContent.trim() !== cell.dataset.label
                || Math.abs(head.getBoundingClientRect().left - cell.getBoundingClientRect().left) > 1) {
              misplaced.push([cell.dataset.label, head ? head.textContent.trim() : null]);
            }
          });
          if (cells.length !== heads.length) misplaced.push(['cells', cells.length, 'headers', heads.length]);
        }
        const title = document.querySelector('.gkml-table tbody th');
        return [misplaced.slice(0, 5), title.getBoundingClientRect().width / parseFloat(getComputedStyle(title).fontSize)];
    }""")
    context.close()
    assert misplaced == [], f"values under another column's header ({width} px, size {font}, 关怀版 {care})"
    assert title_chars >= chars, f"名称 holds {title_chars:.1f} characters a line ({width} px, size {font}, 关怀版 {care})"


@pytest.mark.parametrize(("width", "font"), [(375, "2"), (1280, "2"), (1280, "0")])
def test_home_list_numbers_are_visible(browser, base: str, width: int, font: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '{font}'); }} catch (e) {{}}")
    page = context.new_page()
    page.goto(base)
    numbers = page.locator(".gkml-latest__n")
    assert numbers.count() == 10
    for i in range(numbers.count()):
        box = numbers.nth(i).bounding_box()
        assert numbers.nth(i).inner_text() == f"{i + 1}."
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width and box["width"] > 0, (i, box)
    context.close()


def test_care_mode_screenshots(browser, base: str, shots: Path) -> None:
    """关怀版 at 特大 on a phone and on a desktop, saved for people to look at (GKML_SCREENSHOTS)."""
    folder = shots
    for width, height in ((375, 667), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_init_script("try { localStorage.setItem('gkml-font', '2'); localStorage.setItem('gkml-care', '1'); } catch (e) {}")
        page = context.new_page()
        for name, path in (("home", ""), ("document", "doc/002986620-202003-00032/"), ("catalogue", "catalogue/")):
            if width == 1280 and name == "catalogue":
                continue
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.screenshot(path=str(folder / f"care-{name}-{width}.png"))
        context.close()
    assert {p.stem for p in folder.glob("care-*.png")} >= CARE_FILES


# --- search by keyboard and screen reader -------------------------------------------------

def focused(page) -> str:
    return page.evaluate("""() => { const a = document.activeElement;
        return a.id || (a.name ? a.name + '=' + a.value : a.tagName.toLowerCase() + ' ' + a.textContent.trim()); }""")


def settled(page, said: str) -> None:
    """The search answered and said `said` in its status line (a regular expression)."""
    page.wait_for_function("re => new RegExp(re).test(document.getElementById('gkml-search-status').textContent)", arg=said)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("#gkml-results:not([aria-busy])")
    page.wait_for_timeout(300)  # the filter counts, fetched after the results, are drawn


def test_search_filters_order_and_more_results_by_keyboard(browser, base: str) -> None:
    """A filter ticked with the space bar, the order chosen with the arrow keys, 清除筛选 and 显示更多结果
    rebuilt the filter box or removed the button: the focus fell to the top of the page. The number
    found is said in Chinese by a status line; the result list itself is not read out whole."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "search/?q=安全")
    settled(page, r"^共找到 36 条结果$")
    assert page.locator("#gkml-results").get_attribute("aria-live") is None
    assert page.get_by_role("status").filter(has_text="共找到 36 条结果").count() == 1

    tab_to(page, "#gkml-filters input[name=cat]", limit=80)
    box = focused(page)
    page.keyboard.press("Space")
    settled(page, r"^共找到 [1-9]\d? 条结果$")
    assert "cat=" in page.url and focused(page) == box
    assert page.evaluate("document.activeElement.checked") is True

    page.keyboard.press("Shift+Tab")  # the box: 清除筛选, the order, then the filters
    assert focused(page) == "gkml-sort"
    page.keyboard.press("ArrowDown")
    page.wait_for_url("**sort=date**")
    settled(page, r"条结果$")
    assert focused(page) == "gkml-sort"

    page.keyboard.press("Shift+Tab")
    assert focused(page).endswith("清除筛选")
    page.keyboard.press("Enter")
    settled(page, r"^共找到 36 条结果$")
    assert page.evaluate("document.getElementById('gkml-filters').contains(document.activeElement)")

    tab_to(page, ".gkml-more", limit=200)
    page.keyboard.press("Enter")
    settled(page, r"^已显示 36 条，共 36 条结果$")
    assert page.locator(".gkml-result").count() == 36
    assert page.evaluate("document.activeElement === document.querySelectorAll('.gkml-result-title a')[20]")
    context.close()


@pytest.mark.parametrize(("script", "body"), [
    ("gkml-pagefind.js", "/* Pagefind as Chromium 79 reads it: a?.b is a syntax error */ ("),
    ("gkml-search.js", "/* as Chromium 63 reads it: /\\p{Cc}/u is a syntax error */ ("),
])
def test_search_in_a_browser_too_old_for_it_says_so(browser, base: str, script: str, body: str) -> None:
    """Pagefind's script uses ?. and ??, which Chromium before 80 (old 360 and QQ browser cores) cannot
    parse: the script loads and does not run. The page said 搜索功能暂时不可用，请稍后再试, which no
    waiting mends; it says the browser is too old and leads to the catalogue. gkml-search.js's own
    patterns use \\p{…} with the u flag, which Chromium before 64 (Chrome 49, the last on Windows XP)
    cannot parse: it did not run at all, and the note it shows stayed hidden under a box doing nothing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(f"**/{script}", lambda route: route.fulfill(body=body, content_type="text/javascript"))
    page = context.new_page()
    page.goto(base + "search/?q=安全")
    note = page.locator("[data-gkml-unsupported]")
    note.wait_for(state="visible", timeout=10_000)
    assert "浏览器版本较旧" in note.inner_text() and "暂时不可用" not in page.locator("main").inner_text()
    if script == "gkml-pagefind.js":  # said by the search script, which ran
        page.wait_for_function("() => /浏览器版本较旧/.test(document.getElementById('gkml-search-status').textContent)")
    note.get_by_role("link", name="公开目录").click()
    page.wait_for_url("**/catalogue/")
    context.unroute(f"**/{script}")
    page.goto(base + "search/?q=安全")  # a browser that runs both: the note stays hidden
    page.wait_for_selector("#gkml-results .gkml-result", timeout=10_000)
    assert not note.is_visible()
    context.close()


@pytest.mark.parametrize(("width", "font"), [(375, "0"), (375, "2"), (740, "2")])
def test_statistics_tables_keep_rows_and_columns(browser, base: str, sample_site: Path, width: int, font: str) -> None:
    """The year's statistics on a phone: the attribute table's phone layout (label beside value, rows
    wrapped) broke the tables of figures apart (月份 1月 2月 | 3月 … then 件数 0 | 0 26 …), so no count
    could be matched to its month; at 740 px and 特大 the month table widened the page. Each keeps its
    grid and scrolls in its own box, reached by keyboard."""
    year = max(p.name for p in (sample_site / "stats").iterdir() if p.is_dir())
    context = browser.new_context(viewport={"width": width, "height": 700})
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '{font}'); }} catch (e) {{}}")
    page = context.new_page()
    page.goto(f"{base}stats/{year}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    tables = page.locator("table.gkml-stats-table")
    assert tables.count() == 3
    for i in range(3):
        misplaced = tables.nth(i).evaluate("""t => { const bad = [];
            for (const row of t.rows) {
                if (getComputedStyle(row).display !== 'table-row') bad.push('row ' + row.rowIndex + ' is no table row');
                [...row.cells].forEach((cell, c) => {
                    const head = t.rows[0].cells[c];
                    if (Math.abs(cell.getBoundingClientRect().left - head.getBoundingClientRect().left) > 1)
                        bad.push(head.textContent + ' / ' + cell.textContent + ' not in one column');
                });
            }
            return bad; }""")
        assert misplaced == [], misplaced
    months = page.locator(".gkml-table-wrap", has=page.locator("#gkml-stats-months-caption"))
    assert months.get_attribute("tabindex") == "0"
    if months.evaluate("w => w.scrollWidth > w.clientWidth"):
        months.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=2_000)
    context.close()


def test_headings_and_link_names_make_sense_out_of_context(browser, base: str) -> None:
    """A screen reader's list of headings and of links: the search results had no heading of their own
    (each h3 sat under the filters' 筛选), and the pager's links were bare numbers (“2”)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "search/?q=安全")
    page.wait_for_selector("#gkml-results:not([aria-busy]) .gkml-result")
    page.wait_for_load_state("networkidle")
    outline = page.evaluate("() => [...document.querySelectorAll('main h1, main h2, main h3')].map(h => h.tagName + ' ' + h.textContent.trim())")
    first_result = next(i for i, h in enumerate(outline) if h.startswith("H3"))
    assert outline[first_result - 1] == "H2 检索结果", outline[:first_result + 1]
    page.goto(base + "catalogue/")
    pager = page.get_by_role("navigation", name="分页")
    assert pager.get_by_role("link", name="第 2 页", exact=True).count() == 1
    bare = pager.get_by_role("link").evaluate_all("links => links.map(a => a.textContent.trim()).filter(t => /^\\d+$/.test(t))")
    assert bare == []
    context.close()


def test_search_without_scripts_says_so_and_offers_the_catalogue(browser, base: str) -> None:
    """Without scripts the search cannot run (the index is read in the browser): its boxes were shown all
    the same, and the page's one word on it sat under the empty results. The boxes are hidden; under the
    heading the page says why and leads to the catalogue."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "search/?q=安全")
    for box in ("#gkml-search-form", ".gkml-header__search", "#gkml-filter-panel"):
        assert not page.locator(box).is_visible(), f"{box} shown, though it cannot work"
    first = page.evaluate("() => document.querySelector('main h1').nextElementSibling.textContent.trim()")
    assert first.startswith("检索需要浏览器启用 JavaScript"), first
    page.get_by_role("main").get_by_role("link", name="公开目录").click()
    page.wait_for_url("**/catalogue/")
    assert not page.locator(".gkml-header__search").is_visible()
    page.goto(base)
    assert not page.locator(".gkml-hero__search").is_visible()
    context.close()
    # with scripts nothing of it shows
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "search/?q=安全")
    assert page.locator("#gkml-search-form").is_visible() and page.locator(".gkml-header__search").is_visible()
    assert "检索需要浏览器启用" not in page.locator("main").inner_text()
    context.close()


def test_a_printed_document_gives_each_attachment_its_address(browser, base: str, tmp_path: Path) -> None:
    """Paper cannot be clicked: the attachments printed their titles and names only, and nothing on the
    sheet told a reader where to find the file."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "doc/002986620-202003-00032/")
    addresses = page.locator(".gkml-attachments a").evaluate_all("links => links.map(a => decodeURI(a.href))")
    assert addresses and all(a.startswith("http") for a in addresses)
    flat = "".join(printed_sheets(page, tmp_path / "attachments.pdf"))
    for address in addresses:
        assert re.sub(r"\s+", "", address) in flat, f"{address} not printed"
    context.close()


def test_the_pagers_current_page_is_told_by_more_than_colour_in_forced_colours(browser, base: str) -> None:
    """Windows high contrast paints the current page's red box like the links' boxes: it differed from
    them by colour alone (WCAG 1.4.1)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors="active")
    page = context.new_page()
    page.goto(base + "catalogue/page/2/")
    style = """e => { const s = getComputedStyle(e); return [s.fontWeight, s.borderTopWidth]; }"""
    current = page.locator(".gkml-pager [aria-current=page]").evaluate(style)
    others = page.locator(".gkml-pager li a").evaluate_all(f"links => links.map({style})")
    assert others and all(other[0] != current[0] and other[1] != current[1] for other in others), (current, others)
    context.close()


def test_a_summary_shows_a_focus_ring_in_a_browser_without_focus_visible(browser, base: str) -> None:
    """Chromium before 86 (old 360 and QQ cores) drops every rule naming :focus-visible, gkml's ring with
    them, while Material's rule taking a summary's ring off stays: 统计口径 showed no focus at all."""
    def as_old_chromium(route) -> None:
        css = route.fetch().text().replace(":focus-visible", ":gkml-unknown-pseudo")  # the rules dropped
        route.fulfill(body=css, content_type="text/css")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*.css", as_old_chromium)
    page = context.new_page()
    page.goto(base + "stats/2020/")
    tab_to(page, "details.gkml-stats-method > summary")
    ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] == "solid" and ring[1] >= 2, f"no focus ring on the summary: {ring}"
    context.close()


def test_the_home_pages_latest_dates_wrap_at_the_browsers_largest_text(browser, base: str) -> None:
    """Chromium's 字号 'very large' (24 px; Android's text scaling does the same) under 特大 on a 320 px
    phone: each latest document's date ('2026年3月20日') stayed whole on its line, 341 px wide."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=1)
    context.add_init_script("try { localStorage.setItem('gkml-font', '2'); } catch (e) {}")
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 24}})
    page.goto(base)
    assert page.locator(".gkml-latest time").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
    # at the usual sizes a date stays on one line
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base)
    # (a box per part of the date, 2020年 and 3月20日: lines told by their bottoms)
    assert page.locator(".gkml-latest time").evaluate_all(
        "ts => ts.filter(t => new Set([...t.getClientRects()].map(r => Math.round(r.bottom))).size > 1).length") == 0
    context.close()


def test_a_printed_address_keeps_its_invisible_and_turning_characters_encoded(browser, tmp_path: Path) -> None:
    """An address is printed decoded so a reader can copy it from paper; a bidi control in it (%E2%80%AE, a
    body link's or a crafted ?q=) was decoded too and printed the rest of the address backwards, and a
    zero-width space printed nothing where the address holds a character."""
    site = build_site(tmp_path, small_site_yml("测试"), {"fgwj/a.md": doc(
        body="见[附件](https://example.gov.cn/files/%E2%80%AEfdp.exe?a=%E2%80%8B1&b=%E5%AE%89)。\n")})
    with serve(site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url + "doc/002986620-202003-00012/")
        printed = page.locator(".gkml-body a").get_attribute("data-gkml-address")
        assert printed == "https://example.gov.cn/files/%E2%80%AEfdp.exe?a=%E2%80%8B1&b=安"
        page.goto(url + "search/?q=%E2%80%AE安全%E2%81%A6")
        footer = page.locator(".gkml-print-footer").text_content() or ""
        assert "search/?q=%E2%80%AE安全%E2%81%A6" in footer, footer
        context.close()
