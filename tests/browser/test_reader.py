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
from support import ROOT, serve

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
    doc = sorted((site / "doc").iterdir())[0].name
    year = sorted(p.name for p in (site / "year").iterdir() if p.is_dir())[-1]
    category = sorted(p.name for p in (site / "category").iterdir() if p.is_dir())[0]
    return {"home": "", "catalogue": "catalogue/", "category": f"category/{category}/", "attribute": f"year/{year}/",
            "document": f"doc/{doc}/", "search": "search/?q=安全"}


def html_state(page) -> tuple[str | None, str | None, float]:  # noqa: ANN001
    return page.evaluate("""() => [document.documentElement.getAttribute('data-gkml-font'),
        document.documentElement.getAttribute('data-gkml-scheme'),
        parseFloat(getComputedStyle(document.documentElement).fontSize)]""")


def pressed(page, attr: str) -> list[str]:  # noqa: ANN001
    return page.eval_on_selector_all(f'button[{attr}][aria-pressed="true"]', f"bs => bs.map(b => b.getAttribute('{attr}'))")


def test_size_and_scheme_persist_across_reload_and_links(browser, base: str) -> None:  # noqa: ANN001
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


def test_settings_persist_from_file_urls(browser, sample_site: Path) -> None:  # noqa: ANN001
    context = browser.new_context()
    page = context.new_page()
    page.goto((sample_site / "index.html").as_uri())
    page.get_by_role("button", name="大", exact=True).click()
    page.get_by_role("button", name="高对比", exact=True).click()
    page.goto((sample_site / "catalogue" / "index.html").as_uri())
    assert html_state(page) == ["1", "contrast", SIZES["1"]]
    assert pressed(page, "data-gkml-font") == ["1"]
    context.close()


def tab_to(page, selector: str, limit: int = 60) -> None:  # noqa: ANN001
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_controls_by_keyboard_alone(browser, base: str) -> None:  # noqa: ANN001
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


def axe_problems(page) -> list[str]:  # noqa: ANN001
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    problems = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            problems.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — {targets}")
    return problems


@pytest.mark.parametrize("scheme", ["default", "eyecare", "contrast"])
def test_axe_finds_no_serious_violations(browser, base: str, sample_site: Path, scheme: str) -> None:  # noqa: ANN001
    if not AXE.is_file():
        if shutil.which("npm") is None:
            pytest.skip("axe-core needs npm: run tools/setup --test on a machine with npm")
        pytest.fail(f"{AXE} is missing: run tools/setup --test (npm ci --prefix tests/tooling)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.add_init_script(f"try {{ localStorage.setItem('gkml-scheme', '{scheme}'); }} catch (e) {{}}")
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for name, path in pages(sample_site).items():
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        if name == "search":
            page.wait_for_selector("#gkml-results .gkml-result", timeout=10_000)
        assert page.evaluate("document.documentElement.getAttribute('data-gkml-scheme')") == (
            None if scheme == "default" else scheme)
        problems = axe_problems(page)
        if problems:
            found[f"{name} ({path or '/'})"] = problems
    context.close()
    assert not found, "axe-core, serious/critical violations:\n" + "\n".join(
        f"{page}:\n  " + "\n  ".join(problems) for page, problems in found.items())


@pytest.mark.parametrize("font", ["0", "2"])
def test_phone_width_has_no_sideways_scroll_and_rows_are_cards(browser, base: str, sample_site: Path,  # noqa: ANN001
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


def test_wide_screenshots(browser, base: str, sample_site: Path, shots: Path) -> None:  # noqa: ANN001
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


def document_with_doc_no(page, base: str) -> str:  # noqa: ANN001
    """The address of the newest document that has a 文号 (so its citation carries all four parts)."""
    page.goto(base + "catalogue/")
    row = page.locator("tr[data-gkml-row]", has=page.locator("td[data-label='文号']", has_text=re.compile(r"〔\d{4}〕")))
    row.first.locator(".gkml-table__title a").click()
    page.wait_for_url("**/doc/**")
    return page.url


def test_print_has_attributes_text_address_and_date_but_no_navigation(browser, base: str, shots: Path) -> None:  # noqa: ANN001
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


def test_citation_copies_by_keyboard_online_and_from_file(browser, base: str, sample_site: Path) -> None:  # noqa: ANN001
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


def test_controls_hidden_without_scripts(browser, base: str) -> None:  # noqa: ANN001
    """Without scripts the buttons could do nothing, so they are not shown; the page is still readable."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "catalogue/")
    assert not page.locator(".gkml-reader").is_visible()
    assert page.locator("tr[data-gkml-row]").first.is_visible()
    context.close()
