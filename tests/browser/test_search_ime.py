"""Typing Chinese through a pinyin input method: the search waits for the chosen characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CHROMIUM, CHROMIUM_ARGS, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


def test_pinyin_letters_being_composed_are_not_searched(sample_site: Path) -> None:
    with playwright.sync_playwright() as p, serve(sample_site) as root:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{root}search/")
        page.focus("#gkml-q")
        ime = page.context.new_cdp_session(page)
        # What an input method does: the box holds the letters while the reader picks.
        ime.send("Input.imeSetComposition", {"text": "kuang", "selectionStart": 5, "selectionEnd": 5})
        assert page.input_value("#gkml-q") == "kuang"
        page.wait_for_timeout(800)  # well past the typing pause
        assert "kuang" not in page.url
        assert page.locator("#gkml-results :is(.gkml-result, .gkml-empty-result)").count() == 0
        ime.send("Input.insertText", {"text": "矿山"})  # the reader picks 矿山: composition ends
        page.wait_for_selector("#gkml-results .gkml-result")
        assert page.input_value("#gkml-q") == "矿山"
        assert "q=%E7%9F%BF%E5%B1%B1" in page.url
        titles = page.locator("#gkml-results .gkml-result-title a").all_inner_texts()
        assert titles and any("矿山" in t for t in titles)
        browser.close()
