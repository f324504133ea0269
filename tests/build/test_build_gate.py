"""`mkdocs build` enforces everything `gkml check` does, and refuses a site that lost its catalogue (#15)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import copy_project, doc, mkdocs_build

OPTIONS = '{agency: 安徽省应急管理厅, org_code: "002986620", search: false, guide_pages: {}}'


def mkdocs_yml(options: str = OPTIONS) -> str:
    return f"site_name: 测试\ndocs_dir: content\ntheme: {{name: material, language: zh}}\nplugins:\n  - gkml: {options}\n"


def tree_digest(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


A = doc()
B = doc(category="ghjh", index_no="002986620/202003-00013", title="关于印发2020年工作要点的通知")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built site whose two documents are in the ledger, as after the pre-commit hook."""
    root = tmp_path_factory.mktemp("gate") / "p"
    (root / "content/catalogue/fgwj").mkdir(parents=True)
    (root / "content/catalogue/ghjh").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")
    (root / "content/catalogue/fgwj/a.md").write_text(A, encoding="utf-8")
    (root / "content/catalogue/ghjh/b.md").write_text(B, encoding="utf-8")
    ledger = subprocess.run([sys.executable, "-m", "gkml.cli", "check", "--update-ledger"], cwd=root, capture_output=True, text=True, check=False)
    assert ledger.returncode == 0, ledger.stdout + ledger.stderr
    assert "002986620/202003-00013" in (root / "published.ledger").read_text(encoding="utf-8")
    result = mkdocs_build(root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return root


def refused(built: Path, tmp_path: Path, change, *flags: str) -> str:
    """Copy the built project, apply `change`, build: the build fails and site/ is byte-identical."""
    project = tmp_path / "p"
    copy_project(built, project)
    before = tree_digest(project / "site")
    change(project)
    result = mkdocs_build(project / "mkdocs.yml", *flags)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert tree_digest(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith("site.")]
    assert "Traceback" not in output
    return output


def test_a_deleted_published_document_fails_the_build(built: Path, tmp_path: Path) -> None:
    output = refused(built, tmp_path, lambda p: (p / "content/catalogue/ghjh/b.md").unlink())
    assert "published.ledger:" in output
    assert "已发布的索引号 002986620/202003-00013（关于印发2020年工作要点的通知）找不到对应文件" in output


def test_an_unpublished_ledger_document_fails_the_build(built: Path, tmp_path: Path) -> None:
    def unpublish(project: Path) -> None:
        (project / "content/catalogue/ghjh/b.md").write_text(
            B.replace("disclosure: 主动公开", "disclosure: 依申请公开"), encoding="utf-8")

    output = refused(built, tmp_path, unpublish, "-q")
    assert "已发布的文件 002986620/202003-00013 现在不会再发布" in output


def test_a_mistyped_catalogue_folder_fails_the_build(built: Path, tmp_path: Path) -> None:
    def mistype(project: Path) -> None:
        (project / "mkdocs.yml").write_text(mkdocs_yml(OPTIONS[:-1] + ", catalogue_dir: catalog}"), encoding="utf-8")

    output = refused(built, tmp_path, mistype)
    assert "公开目录文件夹 content/catalog 不存在" in output


def test_an_empty_catalogue_fails_unless_allowed(built: Path, tmp_path: Path) -> None:
    def empty(project: Path) -> None:
        shutil.rmtree(project / "content/catalogue")
        (project / "content/catalogue").mkdir()
        (project / "published.ledger").unlink()

    output = refused(built, tmp_path, empty)
    assert "公开目录文件夹 content/catalogue 中没有任何文件" in output
    project = tmp_path / "p"
    (project / "mkdocs.yml").write_text(mkdocs_yml(OPTIONS[:-1] + ", allow_empty: true}"), encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert "发布 0 件" in result.stderr


def test_no_published_document_fails_unless_allowed(built: Path, tmp_path: Path) -> None:
    def drafts_only(project: Path) -> None:
        for path in (project / "content/catalogue").rglob("*.md"):
            path.write_text(path.read_text(encoding="utf-8").replace("disclosure: 主动公开", "disclosure: 主动公开\ndraft: true"),
                            encoding="utf-8")
        (project / "published.ledger").unlink()

    output = refused(built, tmp_path, drafts_only)
    assert "没有可发布的文件" in output


def test_a_missing_guide_page_fails_the_build(built: Path, tmp_path: Path) -> None:
    def guide(project: Path) -> None:
        (project / "mkdocs.yml").write_text(mkdocs_yml(OPTIONS.replace("guide_pages: {}", "guide_pages: {公开指南: pages/gkzn.md}")),
                                            encoding="utf-8")

    output = refused(built, tmp_path, guide)
    assert re.search(r"mkdocs\.yml:5:\d+: 插件选项\(guide_pages\): 页面 content/pages/gkzn\.md 不存在，公开指南将从菜单中消失。", output)


def test_gkml_check_reports_the_same_site_problems(built: Path, tmp_path: Path) -> None:
    project = tmp_path / "p"
    copy_project(built, project)
    (project / "content/catalogue/ghjh/b.md").unlink()
    (project / "mkdocs.yml").write_text(mkdocs_yml(OPTIONS.replace("guide_pages: {}", "guide_pages: {公开指南: pages/gkzn.md}")),
                                        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "找不到对应文件" in result.stdout
    assert "页面 content/pages/gkzn.md 不存在" in result.stdout


def test_gkml_new_placeholder_fails_check_and_build_once_draft_is_removed(built: Path, tmp_path: Path) -> None:
    def new_document(project: Path) -> None:
        made = subprocess.run([sys.executable, "-m", "gkml.cli", "new", "--category", "fgwj", "--title", "关于某事的通知",
                               "--date", "2020-03-20"], cwd=project, capture_output=True, text=True, check=False)
        assert made.returncode == 0, made.stderr
        path = project / made.stdout.strip()
        draft = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=project, capture_output=True, text=True, check=False)
        assert draft.returncode == 0, draft.stdout  # a draft may hold the placeholder
        path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
        check = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=project, capture_output=True, text=True, check=False)
        assert check.returncode == 1
        assert "正文仍是 gkml new 写入的占位文字“请在此处填写正文……”" in check.stdout

    output = refused(built, tmp_path, new_document)
    assert re.search(r"content/catalogue/fgwj/[^:]+\.md:\d+:1: 文件: 正文仍是 gkml new 写入的占位文字", output)
