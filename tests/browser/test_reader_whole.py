"""Nothing a reader is owed is cut off by the screen or the settings chosen for it: the whole citation on
a 320 px phone, every column of a listing on paper whatever text size or 关怀版 the screen had; and a
search answer named by what was searched where a page's name is shown and said (tab, history, screen reader)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import serve

pytestmark = pytest.mark.browser

DOC = "doc/002986620-202003-00032/"  # the sample's long citation: title, 文号, 索引号 and the permanent address


@pytest.fixture(scope="module")
def base(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def _context(browser: Any, width: int, font: str = "0", care: str = "0") -> Any:
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1)
    context.add_init_script(f"try {{ localStorage.setItem('gkml-font', '{font}'); localStorage.setItem('gkml-care', '{care}'); }}"
                            " catch (e) {}")
    return context


@pytest.mark.parametrize(("width", "font"), [(320, "0"), (320, "2"), (1280, "2")])
def test_the_whole_citation_is_in_view_on_a_phone_and_at_large_text(browser: Any, base: str, width: int, font: str) -> None:
    """The citation was a one-line box: on a 320 px phone it showed its first dozen characters of some
    70 and the permanent address not at all; a reader had to scroll inside the box, character by character."""
    context = _context(browser, width, font)
    page = context.new_page()
    page.goto(base + DOC)
    field = page.locator("#gkml-citation")
    citation = field.input_value()
    assert citation.startswith("《") and "002986620/202003-00032" in citation and "http" in citation
    hidden = field.evaluate("f => [f.scrollWidth - f.clientWidth, f.scrollHeight - f.clientHeight]")
    assert hidden[0] <= 1 and hidden[1] <= 1, f"{hidden} px of the citation scrolled out of its box"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def _printed(page: Any, pdf: Path) -> str:
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(("font", "care"), [("2", "0"), ("0", "1")])
def test_a_printed_listing_keeps_every_column_whatever_the_screen_settings(browser: Any, base: str, tmp_path: Path,
                                                                          font: str, care: str) -> None:
    """特大 (on a screen 44-60em wide, which A4 is) and 关怀版 hide the listing's 内容概述 column on screen,
    where the document page shows it; on paper, printed at the normal size, the column of art. 12 was
    missing too, and each date broke over two lines (2026年3月18 / 日)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is missing")
    context = _context(browser, 1280, font, care)
    page = context.new_page()
    page.goto(base + "catalogue/")
    summary = page.locator("tr[data-gkml-row] .gkml-table__summary").first.text_content() or ""
    dates = page.locator("tr[data-gkml-row] .gkml-table__date").all_text_contents()
    text = _printed(page, tmp_path / "catalogue.pdf")
    flat = re.sub(r"\s+", "", text)
    header = next(line for line in text.splitlines() if "索引号" in line and "名称" in line)
    assert "内容概述" in header, header
    assert re.sub(r"\s+", "", summary)[:12] in flat
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]  # pdftotext spaces some glyphs apart
    whole = [d for d in dates if any(d.strip() in line for line in lines)]
    assert whole == dates, f"dates broken over lines: {sorted(set(dates) - set(whole))}"
    context.close()


def test_a_search_answer_is_titled_by_what_was_searched(browser: Any, base: str) -> None:
    """Every answer, and the history list of several, was titled 检索 - <site>: a screen reader's first words
    on the page and the tabs did not say what had been searched. A bidi control a crafted ?q= holds is left out."""
    context = _context(browser, 1280)
    page = context.new_page()
    page.goto(base + "search/")
    plain = page.title()
    assert plain.startswith("检索 - ")
    page.goto(base + "search/?q=安全")
    page.wait_for_selector("#gkml-results .gkml-result", timeout=15_000)
    assert page.title() == f"“安全”的检索结果 - {plain}"
    page.fill("#gkml-q", "通知")
    page.press("#gkml-q", "Enter")
    page.wait_for_function("t => document.title === t", arg=f"“通知”的检索结果 - {plain}", timeout=15_000)
    page.go_back()
    page.wait_for_function("t => document.title === t", arg=f"“安全”的检索结果 - {plain}", timeout=15_000)
    # The search typing starts (its debounce) may run before Enter, as it did on a busy machine: it
    # replaced 安全's history entry with 通知's, and Back stayed on 通知. Typing's entry is a new one.
    page.fill("#gkml-q", "通知")
    page.wait_for_function("t => document.title === t", arg=f"“通知”的检索结果 - {plain}", timeout=15_000)
    page.press("#gkml-q", "Enter")
    page.go_back()
    page.wait_for_function("t => document.title === t", arg=f"“安全”的检索结果 - {plain}", timeout=15_000)
    assert page.input_value("#gkml-q") == "安全"
    page.goto(base + "search/?q=%E2%80%AE安全")
    assert page.title() == f"“安全”的检索结果 - {plain}"
    context.close()
