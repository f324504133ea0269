"""`gkml audit` on a built site with one planted problem of each kind: each reported with
its place (source file:line or built page), a Chinese terminal and HTML report, exit 1 on
any 单项否决 item and 0 once none is left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gkml.profile.model import DEFAULT_PROFILE
from support import doc, mkdocs_build

MKDOCS_YML = """\
site_name: 检查测试
site_url: https://example.gov.cn/gkml/
docs_dir: content
theme: {name: material, language: zh}
plugins:
  - gkml:
      agency: 安徽省应急管理厅
      org_code: "002986620"
      search: false
      profile: profile.yml
      guide_pages: {关于本站: pages/about.md}
      identification:
        sponsor: 安徽省应急管理厅
        icp: 皖ICP备12345678号
        police: 皖公网安备 34010402000001号
      audit:
        words: words.txt
"""
WORDS = "再接再励 -> 再接再厉\n!台湾政府 -> 台湾当局\n"
TODAY = "2025-03-01"
SLUG = {"fgwj": "002986620-202401-00001", "ghjh": "002986620-202502-00002"}

# ghjh/b.md, line by line after the front matter: each planted problem on a known line
B_BODY = (
    "今年要再接再励，做好规划实施。\n"            # body line 1: a common typo
    "\n"
    "详见[工作方案](../../doc/002986620-202401-00099/)。\n"  # 3: an internal link to no page
    "\n"
    "参考[外部网站](http://www.example.com/plan)。\n"  # 5: a plain-http link
    "\n"
    "不得使用台湾政府的提法。\n"                   # 7: a banned expression
)


def body_line(n: int, extra_lines: int) -> int:
    """Line in the file of body line `n`: 7 base fields + extra lines + 2 fences."""
    return 7 + extra_lines + 2 + n


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("audit") / "agency"
    (root / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (root / "content" / "catalogue" / "ghjh" / "files").mkdir(parents=True)
    (root / "content" / "pages").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "words.txt").write_text(WORDS, encoding="utf-8")
    # three columns: fgwj (last published 14 months before TODAY), ghjh (fresh), tjxx (empty)
    profile = yaml.safe_load(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    profile["categories"] = [{"slug": "fgwj", "name": "法规文件"}, {"slug": "ghjh", "name": "规划计划与总结"},
                             {"slug": "tjxx", "name": "统计信息"}]
    profile["fields"]["report_year"].pop("required_when", None)
    (root / "profile.yml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    (root / "content/catalogue/fgwj/a.md").write_text(
        doc(index_no="002986620/202401-00001", created="2024-01-08", published="2024-01-10 09:00"), encoding="utf-8")
    (root / "content/catalogue/ghjh/files/plan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "content/catalogue/ghjh/b.md").write_text(
        doc("attachments:", "  - file: files/plan.pdf", "    title: 规划全文", category="ghjh",
            index_no="002986620/202502-00002", created="2025-02-01", published="2025-02-03 10:00", body=B_BODY),
        encoding="utf-8")
    # a guide page whose title is empty: its page has no heading
    (root / "content/pages/about.md").write_text('---\ntitle: ""\n---\n\n本站说明。\n', encoding="utf-8")
    result = mkdocs_build(root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    # the deployed copy lost an attachment
    (root / "site" / "doc" / SLUG["ghjh"] / "plan.pdf").unlink()
    return root


def audit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", "audit", "site", "--today", TODAY, *args],
                          cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)


def lines_with(out: str, *parts: str) -> list[str]:
    return [line for line in out.splitlines() if all(p in line for p in parts)]


def test_each_planted_problem_is_reported_with_its_place(project: Path) -> None:
    result = audit(project)
    out = result.stdout
    assert result.returncode == 1, result.stderr + out
    b = "content/catalogue/ghjh/b.md"
    extra = 3  # attachments block
    expected = {
        "stale column (单项否决)": ("[单项否决] 栏目不更新", "site/category/fgwj/index.html", "2024-01-10", "6 个月"),
        "empty column": ("[扣分] 空白栏目", "site/category/tjxx/index.html", "统计信息"),
        "broken internal link": ("[扣分] 不可用链接", f"{b}:{body_line(3, extra)} ", "002986620-202401-00099"),
        "broken attachment": ("[扣分] 附件无法下载", f"{b}:{EXTRA_ATTACHMENT_LINE} ", "plan.pdf"),
        "plain http": ("[扣分] 非加密（http）链接", f"{b}:{body_line(5, extra)} ", "http://www.example.com/plan"),
        "typo": ("[扣分] 错别字和禁用词", f"{b}:{body_line(1, extra)}:4 ", "再接再励", "再接再厉"),
        "banned word (单项否决)": ("[单项否决] 错别字和禁用词", f"{b}:{body_line(7, extra)}:5 ", "台湾政府"),
        "missing identifier": ("[扣分] 缺少网站标识", "site/", "网站标识码"),
        "page without title": ("[扣分] 页面无标题", "site/pages/about/index.html", "一级标题"),
    }
    missing = {name: parts for name, parts in expected.items() if len(lines_with(out, *parts)) != 1}
    assert not missing, f"not reported exactly once: {missing}\n{out}"
    # nothing else: the site has exactly the planted problems (the identifier one is one line)
    problems = [line for line in out.splitlines() if line.startswith("[")]
    assert len(problems) == len(expected), out
    assert "共发现 9 个问题（单项否决 2 项，扣分 7 项）" in out
    report = (project / "audit-report.html").read_text(encoding="utf-8")
    assert "网站检查报告" in report and report.count('class="veto"') == 2
    for parts in expected.values():
        assert parts[1].strip() in report


EXTRA_ATTACHMENT_LINE = 9 + 1  # the `- file: files/plan.pdf` line (EXTRA + 1)


def test_no_veto_item_exits_zero(project: Path, tmp_path: Path) -> None:
    """Before the policy column went stale, and with the banned phrase removed, the same site passes."""
    words = project / "words.txt"
    words.write_text("再接再励 -> 再接再厉\n", encoding="utf-8")
    try:
        result = audit(project, "--today", "2024-05-01", "--html", str(tmp_path / "r.html"))
    finally:
        words.write_text(WORDS, encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[单项否决]" not in result.stdout and "无单项否决问题" in result.stdout
    assert "[扣分] 附件无法下载" in result.stdout


def test_audit_refuses_a_folder_that_is_not_a_built_site(project: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "audit", str(tmp_path)], cwd=project,
                            capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert result.returncode == 2 and "不是已生成的网站" in result.stderr
