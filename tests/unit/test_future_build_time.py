"""A `build_time` later than now (a preview setting left in mkdocs.yml) published documents still
embargoed today on the real site: refused unless the site says it is a preview (`preview: true`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DOCUMENT = """---
index_no: 002986620/202611-00901
title: 关于未来生成时间测试的通知
category: fgwj
created: 2026-11-01
published: 2099-01-01 09:00
disclosure: 主动公开
publisher: 测试厅
---

正文。
"""


def check(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    lines = "".join(f"      {option}\n" for option in options)
    (root / "mkdocs.yml").write_text("site_name: 测试\ndocs_dir: content\nplugins:\n  - gkml:\n"
                                     f"      agency: 测试厅\n      org_code: \"002986620\"\n{lines}", encoding="utf-8")
    folder = root / "content/catalogue/fgwj"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "future.md").write_text(DOCUMENT, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=root, capture_output=True, text=True,
                          encoding="utf-8", check=False, timeout=120)


def test_a_build_time_later_than_now_is_refused_where_it_is_written(tmp_path: Path) -> None:
    result = check(tmp_path, 'build_time: "2999-01-01 08:00"')
    assert result.returncode == 2, result.stdout + result.stderr
    assert ("mkdocs.yml:7:7: 插件 gkml 的选项 build_time：生成时间 2999-01-01 08:00 晚于现在（北京时间 " in result.stderr
            and "仅供预览或测试的网站，请在 gkml 选项中再写 preview: true。" in result.stderr), result.stderr


@pytest.mark.parametrize("options", [('build_time: "2999-01-01 08:00"', "preview: true"),
                                     ('build_time: "2026-01-01 08:00"',), ()], ids=["preview", "past", "now"])
def test_a_past_build_time_or_a_preview_is_checked_as_before(tmp_path: Path, options: tuple[str, ...]) -> None:
    result = check(tmp_path, *options)
    assert result.returncode == 0, result.stdout + result.stderr
