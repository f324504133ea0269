"""The search page speaks the profile's language: results and filters under the profile's labels."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from support import ROOT, build_site, doc, serve, small_site_yml

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


def test_results_and_filters_show_the_profiles_labels(browser, tmp_path: Path) -> None:
    """A profile calling `doc_no` 发文字号 and `category` 主题分类: the results' attributes and the
    filter boxes named them 文号 and 信息分类 (the names the index files them under), unlike every page."""
    profile = (ROOT / "plugins/gkml/profile/default.yml").read_text(encoding="utf-8")
    profile = profile.replace("label: 文号", "label: 发文字号", 1).replace("label: 信息分类", "label: 所属类别", 1)
    (tmp_path / "profile.yml").write_text(profile, encoding="utf-8")
    site = build_site(tmp_path, small_site_yml("标签测试", "profile: profile.yml"),
                      {"fgwj/a.md": doc(body="防汛抗旱工作安排。\n", doc_no="皖应急〔2020〕12号")})
    with serve(site) as base:
        page = browser.new_page()
        page.goto(f"{base}search/?q={quote('防汛抗旱')}")
        page.wait_for_selector("#gkml-results .gkml-result", timeout=30_000)
        shown = page.locator(".gkml-result-meta dt").all_inner_texts()
        # The filters are drawn once the counts are in, after the first results (CI read none).
        page.wait_for_selector("#gkml-filters fieldset.gkml-filter legend", timeout=30_000)
        legends = page.locator("#gkml-filters legend").all_inner_texts()
        page.close()
    assert "发文字号" in shown and "所属类别" in shown and "文号" not in shown, shown
    assert "所属类别" in legends and "信息分类" not in legends, legends
