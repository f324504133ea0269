"""Plugin options are a typed schema: every mistake is a located Chinese error that fails the build (#15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from gkml.profile.types import UNSEEN
from support import doc, mkdocs_build


def project(root: Path, options: str) -> Path:
    """A one-document project; the plugin's own lines start at line 9 (guide_pages, if given, at line 8)."""
    (root / "content/catalogue/fgwj").mkdir(parents=True)
    (root / "content/catalogue/fgwj/a.md").write_text(doc(), encoding="utf-8")
    guide = "" if "guide_pages" in options else "      guide_pages: {}\n"
    (root / "mkdocs.yml").write_text(
        "site_name: 测试\ndocs_dir: content\ntheme: {name: material, language: zh}\nplugins:\n"
        "  - gkml:\n      agency: 安徽省应急管理厅\n      search: false\n" + guide + options, encoding="utf-8")
    return root


# (options appended to the plugin's block from line 9, expected located message)
CASES = {
    "page-size-zero": ("      page_size: 0\n", "mkdocs.yml:9:7: 插件 gkml 的选项 page_size：应为不小于 1 且不大于 1000 的整数，现在是 0。"),
    "page-size-text": ("      page_size: 二十\n", "mkdocs.yml:9:7: 插件 gkml 的选项 page_size：应为不小于 1 且不大于 1000 的整数，现在是 “二十”。"),
    "unknown-option": ("      page_sise: 20\n", "mkdocs.yml:9:7: 插件 gkml 的选项 page_sise：没有这个选项。是否应为 page_size？"),
    "org-code-number": ("      org_code: 12345\n", "mkdocs.yml:9:7: 插件 gkml 的选项 org_code：应为一段文字"),
    "taxonomy-without-field": ("      taxonomies:\n        - {slug: genre, title: 体裁}\n",
                               "mkdocs.yml:10:11: 插件 gkml 的选项 taxonomies → 第 1 项 → field：必须填写。"),
    "taxonomy-by-years": ("      taxonomies:\n        - {field: published, title: 年份, by: years}\n",
                          "mkdocs.yml:10:41: 插件 gkml 的选项 taxonomies → 第 1 项 → by：“years” 不是可选的值。可选：value、year、tree。是否应为 year？"),
    "taxonomy-unknown-field": ("      taxonomies:\n        - {field: genree, title: 体裁}\n",
                               "mkdocs.yml:10:12: 插件 gkml 的选项 taxonomies → 第 1 项 → field：内容模型中没有字段“genree”。是否应为 genre？"),
    "stats-unknown-criterion": ("      stats:\n        规章: {category: [fgwj]}\n",
                                "mkdocs.yml:10:14: 插件 gkml 的选项 stats → 规章 → 第 1 项 → category：没有这个选项。是否应为 categories？"),
    "stats-unknown-category": ("      stats:\n        规章: [{categories: [fgwjj]}]\n",
                               "插件 gkml 的选项 stats → 规章 → 第 1 项 → categories：信息分类“fgwjj”不存在。"),
    # a build "as of" a later moment publishes what is still embargoed today: only a preview says so
    "build-time-future": ("      build_time: 2999-01-01 08:00\n", ("mkdocs.yml:9:7: 插件 gkml 的选项 build_time：生成时间 "
                                                                  "2999-01-01 08:00 晚于现在（北京时间 ")),
    "build-time-text": ("      build_time: 去年\n", "mkdocs.yml:9:7: 插件 gkml 的选项 build_time：应为日期 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，现在是 “去年”。"),
    # a text shown to readers holds nothing that does not show: a line break split the footer's line, an
    # override turned the agency's name around on every page
    "org-code-override": ('      org_code: "0029\\u202e86620"\n', ("mkdocs.yml:9:7: 插件 gkml 的选项 org_code：只能写一行文字，"
                          "其中有看不见的字符 U+202E（换行符、控制字符或双向文字控制符，常见于从 Word 或网页复制的文字），")),
    "sponsor-line-break": ('      identification: {sponsor: "安徽省\\n应急管理厅"}\n',
                           "插件 gkml 的选项 identification → sponsor：只能写一行文字，其中有看不见的字符 U+000A"),
    # a name readers see (a statistics row, a menu title) is such a text too: it reached the page as typed
    "stats-row-override": ('      stats:\n        "规章\\u202e文件": {categories: [fgwj]}\n',
                           "mkdocs.yml:10:9: 插件 gkml 的选项 stats → 规章\\u202e文件：名称只能写一行文字，其中有看不见的字符 U+202E"),
    "guide-title-control": ('      guide_pages: {"公开\\x0b指南": pages/gkzn.md}\n',
                            "插件 gkml 的选项 guide_pages → 公开\\u000b指南：名称只能写一行文字，其中有看不见的字符 U+000B"),
    # a name the message echoes is shown escaped: printed as typed, an override turned the message line around
    "unknown-option-override": ('      "page\\u202e_size": 5\n', "mkdocs.yml:9:7: 插件 gkml 的选项 page\\u202e_size：没有这个选项。"),
    "guide-pages-list": ("      guide_pages: [pages/gkzn.md]\n", "mkdocs.yml:8:7: 插件 gkml 的选项 guide_pages：应写成“名称: 值”的映射"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_mistaken_option_fails_the_build_and_the_gkml_command(tmp_path: Path, case: str) -> None:
    options, expected = CASES[case]
    root = project(tmp_path / "p", options)
    result = mkdocs_build(root / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert expected in output
    assert "Traceback" not in output and not UNSEEN.search(output), output
    assert not (root / "site").exists()
    check = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=root, capture_output=True, text=True,
                           check=False)
    assert check.returncode == 2
    assert expected in check.stderr


@pytest.mark.parametrize("char", ["\\u202e", "\\u2066", "\\x1b", "\\u2028"])
def test_a_site_name_holding_what_does_not_show_fails_the_build(tmp_path: Path, char: str) -> None:
    """MkDocs' site_name is every page's <title> and header beside the agency: an override there
    turned the name around for every reader."""
    root = project(tmp_path / "p", "")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: 测试", f'site_name: "测试{char}公开目录"'),
                      encoding="utf-8")
    result = mkdocs_build(config)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    code = f"U+{ord(char.encode().decode('unicode_escape')):04X}"
    assert f"mkdocs.yml:1:1: 网站名称 site_name：只能写一行文字，其中有看不见的字符 {code}" in result.stderr, result.stderr
    assert not (root / "site").exists()


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "      page_size: 0\n      latest_count: -1\n      colour: red\n")
    output = "".join(mkdocs_build(root / "mkdocs.yml").stderr)
    for key in ("page_size", "latest_count", "colour"):
        assert f"插件 gkml 的选项 {key}：" in output


def test_valid_options_build(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "      page_size: 5\n      build_time: 2026-01-01 08:00\n      snapshot: 2026-01-01\n      taxonomies:\n        - {field: genre, title: 体裁}\n"
                                   "      stats:\n        规章: {categories: [fgwj], genres: [命令]}\n")
    result = mkdocs_build(root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
