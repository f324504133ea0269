"""Editor tools (#7): gkml new, gkml import, gkml fix, run as an editor runs them, on real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gkml.authoring import next_index_no, used_index_numbers
from gkml.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
TEXT = FIXTURES / "annual-report-2010.txt"
GBK_HTML = FIXTURES / "annual-report-2010.gbk.html"
TITLE = "省安全监管局2010年度政务公开、政府信息公开及政务服务工作总结报告"

MKDOCS_YML = """site_name: 测试
docs_dir: content
plugins:
  - gkml:
      agency: 安徽省应急管理厅
      org_code: "002986620"
"""

EXISTING = """---
title: 既有文件
index_no: 002986620/202401-00041
category: fgwj
publisher: 安徽省应急管理厅
created: 2024-01-05
published: 2024-01-08
disclosure: 主动公开
---

正文。
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "content" / "catalogue" / "fgwj").mkdir(parents=True)
    (tmp_path / "content" / "catalogue" / "fgwj" / "existing.md").write_text(EXISTING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", *paths])
    out = capsys.readouterr()
    return code, out.out + out.err


def front(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[0]


def field(path: Path, key: str) -> str | None:
    match = re.search(rf"^{key}: (.*)$", front(path), re.MULTILINE)
    return match.group(1) if match else None


# --- gkml new ------------------------------------------------------------------


def test_new_twice_gives_two_valid_documents_with_different_free_index_numbers(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A broken file still reserves the number it mentions; so does the ledger.
    (project / "content" / "catalogue" / "fgwj" / "broken.md").write_text(
        "---\ntitle: 有错误的文件\nindex_no: 002986620/202402-00050\npubisher: x\n---\n", encoding="utf-8")
    (project / "published.ledger").write_text("002986620/202312-00060 2023-12-20 已发布\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "--category", "fgwj", "--title", "关于印发某办法的通知", "--date", "2025-03-18",
                 "--doc-no", "皖应急[2025]3号", "--genre", "通知"]) == 0
    first = Path(capsys.readouterr().out.strip())
    assert main(["new", "--category", "fgwj", "--title", "关于印发某办法的通知", "--date", "2025-03-18"]) == 0
    second = Path(capsys.readouterr().out.strip())
    assert first != second and first.parent == second.parent == project / "content" / "catalogue" / "fgwj"
    assert field(first, "index_no") == "002986620/202503-00061"
    assert field(second, "index_no") == "002986620/202503-00062"
    assert field(first, "publisher") == "安徽省应急管理厅"
    assert field(first, "created") == field(first, "published") == "2025-03-18"
    assert field(first, "doc_no") == "皖应急〔2025〕3号"
    assert field(first, "disclosure") == "主动公开"
    assert first.read_text(encoding="utf-8").split("\n")[1] == \
        "# yaml-language-server: $schema=../../../schema/gkml-document.schema.json"
    (project / "content" / "catalogue" / "fgwj" / "broken.md").unlink()
    code, output = check(capsys, str(first), str(second))
    assert code == 0, output
    assert "未发现问题" in output


def test_new_annual_report_gets_report_year_from_its_title(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["new", "--category", "nb", "--title", "安徽省应急管理厅2025年政府信息公开工作年度报告",
                 "--date", "2026-01-20"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert field(path, "report_year") == "2025"
    assert field(path, "index_no") == "002986620/202601-00042"
    assert check(capsys)[0] == 0


def test_new_with_an_unknown_category_lists_the_categories(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["new", "--category", "guihua", "--title", "某规划"]) == 2
    err = capsys.readouterr().err
    assert "信息分类“guihua”不存在" in err
    assert "ghjh" in err and "规划计划与总结" in err and "nb" in err
    assert not list((project / "content" / "catalogue").glob("guihua*"))


def test_next_index_no_is_unique_across_the_whole_org() -> None:
    from datetime import date

    used = {"002986620/201012-00015", "002986620/2019-00030", "11340000MB1A23456X/202001-00099"}
    assert next_index_no("002986620", date(2025, 3, 1), used) == "002986620/202503-00031"
    assert next_index_no("002986620", date(2025, 3, 1), []) == "002986620/202503-00001"


def test_used_index_numbers_reads_raw_text_of_every_file(project: Path) -> None:
    folder = project / "content" / "catalogue" / "nb"
    folder.mkdir()
    (folder / "gbk.md").write_bytes("---\ntitle: 乱码\nindex_no: ００２９８６６２０/２０２０１２-０００７７\n".encode("gbk"))
    used = used_index_numbers(project / "content", "catalogue")
    assert {"002986620/202401-00041", "002986620/202012-00077"} <= used
