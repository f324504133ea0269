"""A reader's path through the built site in real headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("GKML_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_home_category_document_and_replacement(browser, sample_site: Path, tmp_path: Path) -> None:
    shots = screenshots(tmp_path)
    with serve(sample_site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
        page.goto(base)
        assert page.locator("h1").first.inner_text().endswith("政府信息公开")
        page.screenshot(path=str(shots / "home.png"), full_page=True)

        page.locator(".gkml-home__browse").get_by_role("link", name="法规文件").click()
        assert page.locator("h1").inner_text() == "法规文件"
        assert page.locator("tr[data-gkml-row]").count() > 0
        page.screenshot(path=str(shots / "category.png"), full_page=True)

        retired = page.locator("tr[data-gkml-row]", has=page.locator(".gkml-badge--废止")).first
        title = retired.locator(".gkml-table__title a").inner_text()
        retired.locator(".gkml-table__title a").click()
        assert page.locator("h1").inner_text() == title
        assert page.locator(".gkml-notice--retired").is_visible()
        assert page.locator("table.gkml-attrs th", has_text="索引号").count() == 1
        page.screenshot(path=str(shots / "document.png"), full_page=True)

        page.locator(".gkml-notice--retired a").click()
        replacement = page.locator("h1").inner_text()
        assert replacement != title
        assert page.locator(".gkml-notice--replaces a", has_text=title).count() == 1
        page.screenshot(path=str(shots / "replacement.png"), full_page=True)
        assert outside == []
