"""`gkml import` of a folder holding a page and Explorer's copies of it (通知 - 副本.html, 通知(1).html):
one document, written from the page itself, each copy told a duplicate of the page of this run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gkml.cli import main

LAYOUT = Path(__file__).parents[1] / "fixtures" / "import" / "trs-wcm-padded"


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    (site / "content" / "catalogue").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: 副本\ndocs_dir: content\nplugins:\n  - gkml:\n"
                                     "      agency: 安徽省应急管理厅\n      org_code: '002986620'\n", encoding="utf-8")
    monkeypatch.chdir(site)
    pages = tmp_path / "pages"
    shutil.copytree(LAYOUT, pages)
    # 'page - 副本.html' sorts before 'page.html' (' ' before '.'), 'page(1).html' after it
    for copy in ("page - 副本.html", "page(1).html"):
        shutil.copyfile(pages / "page.html", pages / copy)
    return pages


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    code = main(["import", *args])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    return out.out


def test_the_page_not_its_copy_is_imported_and_the_copies_told_duplicates_of_it(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, str(folder))
    [document] = list(Path("content/catalogue").rglob("*.md"))
    assert "source=page.html\n" in document.read_text(encoding="utf-8")
    assert "已导入 1 个文件，跳过 2 个已有的页面。" in out, out
    for copy in ("page - 副本.html", "page(1).html"):
        assert f"与这次导入的 ../pages/page.html 是同一文件（页面完全相同），已跳过：../pages/{copy}" in out, out
    assert "以前导入过" not in out


def test_replace_never_rewrites_a_document_this_run_wrote_from_the_copy(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--replace", str(folder))
    assert "已导入 1 个文件，跳过 2 个已有的页面。" in out, out
    assert "更新" not in out and "没有变化" not in out
