"""What Python-Markdown's extensions show a reader is in Chinese: a heading's permanent link and
a footnote's way back (tooltips in English before, read out by screen readers too)."""

from __future__ import annotations

from pathlib import Path

from support import build_site, small_site_yml

DOC = """---
title: 关于脚注和小节链接的测试通知
index_no: 002986620/202403-00991
category: fgwj
publisher: 测试厅
created: 2024-03-01
published: 2024-03-05 09:00
genre: 通知
disclosure: 主动公开
---

## 第一节

正文引用了一份文件[^1]。

[^1]: 皖应急〔2024〕1号。
"""


def test_permalinks_and_footnote_backlinks_are_titled_in_chinese(tmp_path: Path) -> None:
    yml = small_site_yml("提示测试厅", "search: false") + "markdown_extensions:\n  - footnotes\n  - toc:\n      permalink: true\n"
    site = build_site(tmp_path, yml, {"fgwj/tooltips.md": DOC})
    page = (site / "doc/002986620-202403-00991/index.html").read_text(encoding="utf-8")
    assert 'title="本节的永久链接"' in page and 'title="返回正文中第 1 个脚注处"' in page, page
    assert "Permanent link" not in page and "Jump back" not in page


def test_a_sites_own_tooltip_is_kept(tmp_path: Path) -> None:
    yml = (small_site_yml("提示测试厅", "search: false")
           + "markdown_extensions:\n  - toc:\n      permalink: true\n      permalink_title: 链接到这里\n")
    site = build_site(tmp_path, yml, {"fgwj/tooltips.md": DOC.replace("[^1]", "")})
    page = (site / "doc/002986620-202403-00991/index.html").read_text(encoding="utf-8")
    assert 'title="链接到这里"' in page and "本节的永久链接" not in page
