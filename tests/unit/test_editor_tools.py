"""Editor tools (#7): gkml new, gkml import, gkml fix, run as an editor runs them, on real files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import gkml.profile
import pytest
from gkml.authoring.new import next_index_no, used_index_numbers
from gkml.cli import main
from gkml.profile.types import UNSEEN
from support import COMMANDS_YML

FIXTURES = Path(__file__).parents[1] / "fixtures" / "legacy"
TEXT = FIXTURES / "annual-report-2010.txt"
GBK_HTML = FIXTURES / "annual-report-2010.gbk.html"
TITLE = "省安全监管局2010年度政务公开、政府信息公开及政务服务工作总结报告"

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
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
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


def test_new_takes_off_the_quotes_a_chinese_input_method_types_around_its_values(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With the input method's Chinese punctuation on, " types “ in cmd or PowerShell, which keep it:
    the genre, category and 文号 were refused as no allowed value, and the title was refused (or
    written with the quotes around it, for the page to show)."""
    capsys.readouterr()
    assert main(["new", "--category", "“fgwj”", "--title", "“关于印发某办法的通知”", "--genre", "“通知”",
                 "--doc-no", "‘皖应急[2025]3号’", "--date", "2025-03-18"]) == 0
    first = Path(capsys.readouterr().out.strip())
    assert [field(first, key) for key in ("category", "title", "genre", "doc_no")] == \
        ["fgwj", "关于印发某办法的通知", "通知", "皖应急〔2025〕3号"]
    assert main(["new", "--category", "fgwj", "--title", "《安徽省安全生产条例》"]) == 0
    assert field(Path(capsys.readouterr().out.strip()), "title") == "安徽省安全生产条例"
    assert check(capsys)[0] == 0


def test_a_name_typed_on_the_command_line_is_echoed_escaped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A category or argument holding a right-to-left override was echoed as typed in the refusal:
    the rest of the line, the list of codes included, read reversed in the terminal."""
    capsys.readouterr()
    assert main(["new", "--category", "fg\u202ewj", "--title", "关于三的通知"]) == 2
    err = capsys.readouterr().err
    assert "gkml new: 信息分类“fg\\u202ewj”不存在。" in err and not UNSEEN.search(err), err
    with pytest.raises(SystemExit):
        main(["new", "--category", "fgwj", "--title", "关于四的通知", "--\u2066x"])
    err = capsys.readouterr().err
    assert "\\u2066x" in err and not UNSEEN.search(err), err


def test_new_with_a_blank_or_quoted_publisher_writes_the_agency_or_the_publisher_unquoted(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--publisher "  "` (a batch file's empty variable) was told 不知道发布机构 though mkdocs.yml
    names the agency; `--publisher “安徽省应急管理厅”` kept the input method's quotes in the value."""
    capsys.readouterr()
    assert main(["new", "--category", "fgwj", "--title", "关于一的通知", "--publisher", "  "]) == 0
    assert field(Path(capsys.readouterr().out.strip()), "publisher") == "安徽省应急管理厅"
    assert main(["new", "--category", "fgwj", "--title", "关于二的通知", "--publisher", "“安徽省地震局”"]) == 0
    assert field(Path(capsys.readouterr().out.strip()), "publisher") == "安徽省地震局"


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




@pytest.mark.parametrize(("category", "date", "folder", "created"), [
    ("法规文件", "2025年3月18日", "fgwj", "2025-03-18"),
    ("法规文件（规章、规范性文件、政策解读）", "2025/3/8", "fgwj", "2025-03-08"),
    ("政府信息公开年报", "2025.1.20", "nb", "2025-01-20"),
    ("FGWJ", "２０２５－０３－１８", "fgwj", "2025-03-18"),
    ("年报", "2025-01-20", "nb", "2025-01-20"),  # 政府信息公开年报, as people shorten it
])
def test_new_takes_a_category_by_its_chinese_name_and_a_date_as_typed(
        project: Path, capsys: pytest.CaptureFixture[str], category: str, date: str, folder: str, created: str) -> None:
    """What the category list shows and the dates the check corrects are what an editor types."""
    capsys.readouterr()
    assert main(["new", "--category", category, "--title", "2024年政府信息公开工作年度报告", "--date", date]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == project / "content" / "catalogue" / folder
    assert field(path, "category") == folder and field(path, "created") == created
    assert check(capsys)[0] == 0


@pytest.mark.parametrize("date", ["2025-02-30", "2025年13月1日", "明天"])
def test_new_refuses_a_date_that_does_not_exist(project: Path, capsys: pytest.CaptureFixture[str], date: str) -> None:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main(["new", "--category", "fgwj", "--title", "某通知", "--date", date])
    assert exit_.value.code == 2
    assert f"gkml new：参数有误：参数 --date：“{date}”不是有效的日期，应为 YYYY-MM-DD" in capsys.readouterr().err

@pytest.mark.parametrize("title,message", [
    ("关于\t通知", "名称(title)：名称中有看不见的制表符 Tab"),
    ("关于\r通知", "名称(title)：名称中有看不见的回车符"),
    ("关于\u2028通知", "看不见的行分隔符 U+2028"),
    ("关" * 201, "名称(title)：名称最多 200 个字，现在有 201 个字"),
])
def test_new_refuses_a_title_check_would_refuse_and_writes_nothing(
        project: Path, capsys: pytest.CaptureFixture[str], title: str, message: str) -> None:
    before = sorted((project / "content").rglob("*"))
    capsys.readouterr()
    assert main(["new", "--category", "fgwj", "--title", title]) == 2
    err = capsys.readouterr().err
    assert "未新建文件" in err and message in err, err
    assert sorted((project / "content").rglob("*")) == before


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


def test_new_never_takes_a_number_a_file_named_in_capitals_or_as_markdown_holds(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """X.MD and x.markdown, which the check refuses asking for .md, may be a document renamed:
    the numbers either holds are taken, as a file with an error's are."""
    folder = project / "content" / "catalogue" / "fgwj"
    (folder / "held.MD").write_text(EXISTING.replace("00041", "00070") + "draft: true\n", encoding="utf-8")
    (folder / "old.markdown").write_text(EXISTING.replace("00041", "00080"), encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "--category", "fgwj", "--title", "新文件", "--date", "2025-03-18"]) == 0
    assert field(Path(capsys.readouterr().out.strip()), "index_no") == "002986620/202503-00081"
    assert {"002986620/202401-00070", "002986620/202401-00080"} <= used_index_numbers(project / "content", "catalogue")


def test_new_run_many_at_once_never_gives_one_number_twice(project: Path) -> None:
    """Two windows, or a script: every `gkml new` read the catalogue before any wrote, and up to
    four documents of one run got the same index number."""
    numbers: list[str] = []
    for round_ in range(2):
        runs = [subprocess.Popen([sys.executable, "-m", "gkml.cli", "new", "--category", "fgwj", "--title",
                                  f"同时新建{round_}-{n}"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                for n in range(6)]
        for run in runs:
            out, _ = run.communicate(timeout=120)
            assert run.returncode == 0
            numbers.append(field(Path(out.decode("utf-8").strip()), "index_no") or "")
    assert len(set(numbers)) == len(numbers) == 12, sorted(numbers)


# --- gkml import ---------------------------------------------------------------


def original_paragraphs() -> list[str]:
    """The sample's body read independently of the parser: lines between 发布时间 and 分享到."""
    lines = TEXT.read_text("utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("发布时间")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("分享到"))
    body = [line.replace("\u00a0", " ").strip() for line in lines[start:end]]
    return [line for line in body if line]  # the page's punctuation as printed


def imported(project: Path) -> list[Path]:
    return sorted((project / "content" / "catalogue").rglob("*import*.md"))


def test_import_text_page_writes_todos_that_check_names_until_filled(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["import", str(TEXT)]) == 0
    out = capsys.readouterr().out
    [path] = imported(project)
    assert path.parent.name == "nb"  # breadcrumb "安徽省应急管理厅信息公开年报"
    assert "已导入 1 个文件" in out
    assert re.search(r"-> 缺少 发布机构、生成日期、索引号", out), out
    text = path.read_text(encoding="utf-8")
    assert field(path, "title") == TITLE
    assert field(path, "published") == "2010-12-07 08:54"  # 发布时间, never used as created
    assert field(path, "source") == "安徽省应急管理厅"
    assert field(path, "report_year") == "2010"  # the title says 2010年度
    assert field(path, "disclosure") == "主动公开"
    # The 落款 '年十二月三日' lost its year: 2010 is proposed from 发布日期, never written as a value.
    assert field(path, "created") is None
    assert "# TODO(待补充): 生成日期（建议值，核对后删去行首的 “# ”）\n# created: 2010-12-03\n" in text
    assert "# TODO(待补充): 索引号\n# index_no:\n" in text
    assert "# publisher: 安徽省应急管理厅\n" in text  # a suggestion to confirm, not a value
    assert text.split("\n")[1].startswith("# yaml-language-server: $schema=")
    body = re.sub(r"^#{2,3} ", "", text.split("\n---\n", 1)[1], flags=re.MULTILINE)
    paragraphs = original_paragraphs()
    assert len(paragraphs) > 20
    for paragraph in paragraphs:
        assert paragraph in body, paragraph

    code, output = check(capsys)
    assert code == 1
    assert len(re.findall(r"缺少必填字段", output)) == 3, output
    for key in ("index_no", "publisher", "created"):
        assert f"缺少必填字段 {key}" in output

    text = (text.replace("# index_no:\n", "index_no: 002986620/201012-00042\n")
                .replace("# publisher: 安徽省应急管理厅\n", "publisher: 安徽省安全生产监督管理局\n")
                .replace("# created: 2010-12-03\n", "created: 2010-12-03\n"))
    path.write_text(text, encoding="utf-8")
    code, output = check(capsys)
    assert code == 0, output


def test_import_gbk_html_page_with_every_field_stated_passes_check_directly(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["import", str(GBK_HTML)]) == 0
    out = capsys.readouterr().out
    [path] = imported(project)
    assert "需要处理" not in out
    assert field(path, "title") == TITLE
    assert field(path, "index_no") == "002986620/201012-00015"  # the page's own, already published
    assert field(path, "created") == "2010-12-03"  # 成文日期
    assert field(path, "published") == "2010-12-07 08:54"
    assert field(path, "publisher") == "安徽省安全生产监督管理局"
    assert "TODO" not in front(path)
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert "## 五、以群众满意为目标,努力提高窗口服务效能" in body
    assert check(capsys)[0] == 0


def test_importing_twice_creates_no_duplicate(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(TEXT)]) == 0
    capsys.readouterr()
    assert main(["import", str(TEXT), str(GBK_HTML)]) == 0  # same file, and the same page as HTML
    out = capsys.readouterr().out
    assert "已导入 0 个文件，跳过 2 个已有的页面" in out and "--replace" in out
    assert len(imported(project)) == 1


def test_import_a_taken_page_number_is_a_todo_proposing_the_next_free_one(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "published.ledger").write_text("002986620/201012-00015 2010-12-07 别的文件\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(GBK_HTML)]) == 0
    out = capsys.readouterr().out
    [path] = imported(project)
    assert field(path, "index_no") is None  # never silently renumbered
    assert "# index_no: 002986620/201012-00042\n" in path.read_text(encoding="utf-8")  # after 00041
    assert "索引号 002986620/201012-00015 已被 published.ledger 使用，建议使用下一个空号 002986620/201012-00042" in out


def test_import_waits_while_a_gkml_new_chooses_a_number(project: Path) -> None:
    """gkml import read the catalogue's numbers and wrote its pages without the lock gkml new takes:
    an import and a new at once could give two documents one index number. The new is held still
    here (its lock taken by this test) to show the import waits for it, saying so."""
    fcntl = pytest.importorskip("fcntl")
    lock_path = project / ".gkml-cache" / "new.lock"
    lock_path.parent.mkdir()
    with lock_path.open("ab") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        run = subprocess.Popen([sys.executable, "-m", "gkml.cli", "import", str(TEXT)], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        said = run.stderr.readline() if run.stderr else ""  # the import finished at once: ""
        assert said == "另一个 gkml new 或 gkml import 正在分配索引号，等它完成后继续……\n"
        assert imported(project) == []
    out, _ = run.communicate(timeout=120)
    assert run.returncode == 0 and "已导入 1 个文件" in out
    assert len(imported(project)) == 1


# Windows as gkml meets it: no fcntl, and msvcrt.locking (a byte range, refused at once with EACCES
# while another process holds it, let go when the process ends), here made of POSIX record locks.
AS_ON_WINDOWS = """
import errno, fcntl as posix, os, sys, types
msvcrt = types.ModuleType("msvcrt")
msvcrt.LK_UNLCK, msvcrt.LK_LOCK, msvcrt.LK_NBLCK = 0, 1, 2
def locking(fd, mode, nbytes):
    start = os.lseek(fd, 0, os.SEEK_CUR)
    if mode == msvcrt.LK_UNLCK:
        return posix.lockf(fd, posix.LOCK_UN, nbytes, start)
    try:
        posix.lockf(fd, posix.LOCK_EX | posix.LOCK_NB, nbytes, start)
    except OSError:
        raise PermissionError(errno.EACCES, "Permission denied") from None
msvcrt.locking = locking
sys.modules["msvcrt"], sys.modules["fcntl"] = msvcrt, None
"""


def test_gkml_new_takes_turns_on_windows_which_has_no_flock(project: Path) -> None:
    """The locks were flock only: on Windows, where fcntl cannot be imported, there was no lock at
    all, and two gkml new (two windows, or new beside an import) could give two documents one
    index number. One process holds the lock as import does, through the code Windows runs; a
    gkml new waits for it, says so, and goes on once it is let go, as it is when a process ends."""
    pytest.importorskip("fcntl")
    holding = (AS_ON_WINDOWS + "from pathlib import Path\nfrom gkml.authoring.new import choosing_numbers\n"
               "with choosing_numbers(Path('.gkml-cache')):\n    print('held', flush=True)\n    sys.stdin.readline()\n")
    holder = subprocess.Popen([sys.executable, "-c", holding], cwd=project, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert holder.stdout and holder.stdout.readline() == "held\n"
    new = (AS_ON_WINDOWS + "from gkml.cli import main\n"
           "sys.exit(main(['new', '--category', 'fgwj', '--title', '关于印发某办法的通知', '--date', '2025-03-18']))\n")
    run = subprocess.Popen([sys.executable, "-c", new], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, encoding="utf-8")
    said = run.stderr.readline() if run.stderr else ""  # the new finished at once, without waiting: ""
    assert said == "另一个 gkml new 或 gkml import 正在分配索引号，等它完成后继续……\n"
    assert run.poll() is None and len(list((project / "content/catalogue/fgwj").iterdir())) == 1
    holder.kill()  # ended however it ends: the system lets the lock go
    holder.wait(timeout=60)
    out, _ = run.communicate(timeout=120)
    assert run.returncode == 0
    assert field(Path(out.strip()), "index_no") == "002986620/202503-00042"


def test_import_unmapped_column_goes_to_import_folder_and_a_map_fixes_it(
        project: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    pages = tmp_path_factory.mktemp("pages")
    page = pages / "page.txt"
    page.write_text(TEXT.read_text("utf-8").replace("安徽省应急管理厅信息公开年报", "其他栏目"), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "--dry-run", str(pages)]) == 0
    out = capsys.readouterr().out
    assert "将导入 1 个文件" in out and "“其他栏目”" in out and "没有对应的信息分类" in out
    assert imported(project) == []  # dry run writes nothing
    mapping = pages.parent / "map.yml"
    mapping.write_text("其他栏目: ghjh\n", encoding="utf-8")
    assert main(["import", "--category-map", str(mapping), str(page)]) == 0
    [path] = imported(project)
    assert path.parent.name == "ghjh" and field(path, "category") == "ghjh"
    assert field(path, "report_year") is None  # only for nb


def test_import_without_category_writes_into_the_import_folder(
        project: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path_factory.mktemp("pages") / "page.txt"
    page.write_text(TEXT.read_text("utf-8").replace("安徽省应急管理厅信息公开年报", "其他栏目"), encoding="utf-8")
    assert main(["import", str(page)]) == 0
    [path] = imported(project)
    assert path.parent.name == "_import"
    assert "# TODO(待补充): 信息分类\n# category:\n" in path.read_text(encoding="utf-8")
    assert "缺少必填字段 category" in check(capsys)[1]


def test_import_bad_category_map_is_refused(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mapping = tmp_path / "map.yml"
    mapping.write_text("其他栏目: guihua\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "--category-map", str(mapping), str(TEXT)]) == 2
    assert "分类代码不存在：guihua" in capsys.readouterr().err


def test_import_counts_its_pages_on_a_terminal_only(project: Path, tmp_path_factory: pytest.TempPathFactory,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The build's progress line (build.progress), on a terminal and not in CI; silent in a pipe."""
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pages = tmp_path_factory.mktemp("pages")
    for name in ("a.txt", "b.txt"):
        (pages / name).write_text(TEXT.read_text("utf-8"), encoding="utf-8")
    monkeypatch.delenv("CI", raising=False)
    assert main(["import", "--dry-run", str(pages)]) == 0
    assert "导入页面" not in capsys.readouterr().err  # pytest's capture: not a terminal
    tty = Terminal()
    monkeypatch.setattr("sys.stderr", tty)
    assert main(["import", "--dry-run", str(pages)]) == 0
    assert "\r导入页面：2/2（100%）" in tty.getvalue()
    monkeypatch.setenv("CI", "true")
    tty.seek(0), tty.truncate()
    assert main(["import", "--dry-run", str(pages)]) == 0
    assert "导入页面" not in tty.getvalue()


# --- gkml fix ------------------------------------------------------------------

MISTAKES = (
    "\ufeff---\r\n"
    "title: 关于印发某办法的通知  \r\n"
    "index_no: ００２９８６６２０/２０２５０３-０００９９\r\n"
    "category: fgwj\r\n"
    "publisher: 安徽省应急管理厅\r\n"
    "created: ２０２５－０３－１８\r\n"
    "published: \"2025-03-20 09：30\"\r\n"
    "doc_no: 皖应急[2025]3号   # 原文如此\r\n"
    "disclosure: 主动公开\r\n"
    "---\r\n"
    "\r\n"
    "正文第一行，保留换行  \r\n"
    "第二行，行尾有空格 \r\n"
    "\r\n"
    "文号写作 皖应急[2025]3号，日期 ２０２５－０３－１８：正文不改。\t\r\n"
)

FIXED = (
    "---\r\n"
    "title: 关于印发某办法的通知\r\n"
    "index_no: 002986620/202503-00099\r\n"
    "category: fgwj\r\n"
    "publisher: 安徽省应急管理厅\r\n"
    "created: 2025-03-18\r\n"
    "published: \"2025-03-20 09:30\"\r\n"
    "doc_no: 皖应急〔2025〕3号   # 原文如此\r\n"
    "disclosure: 主动公开\r\n"
    "---\r\n"
    "\r\n"
    "正文第一行，保留换行  \r\n"  # a Markdown hard line break stays
    "第二行，行尾有空格\r\n"
    "\r\n"
    "文号写作 皖应急[2025]3号，日期 ２０２５－０３－１８：正文不改。\r\n"
)


def test_fix_check_reports_without_writing_then_fix_makes_the_file_pass(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "content" / "catalogue" / "fgwj" / "mistakes.md"
    path.write_bytes(MISTAKES.encode("utf-8"))
    code, output = check(capsys)
    assert code == 1
    for message in ("应写作：002986620/202503-00099", "应写作：2025-03-18", "应写作：2025-03-20 09:30",
                    "应写作：皖应急〔2025〕3号"):
        assert message in output

    capsys.readouterr()
    assert main(["fix", "--check"]) == 1
    out = capsys.readouterr()
    assert path.read_bytes() == MISTAKES.encode("utf-8")  # --check writes nothing
    assert "-doc_no: 皖应急[2025]3号   # 原文如此" in out.out
    assert "+doc_no: 皖应急〔2025〕3号   # 原文如此" in out.out
    assert "+index_no: 002986620/202503-00099" in out.out
    assert "1 个文件需要修正" in out.err

    assert main(["fix", str(path)]) == 0
    assert path.read_bytes() == FIXED.encode("utf-8")  # only the affected lines, CRLF kept
    assert "已修正 1 个文件" in capsys.readouterr().err
    code, output = check(capsys)
    assert code == 0, output
    assert main(["fix", "--check"]) == 0
    assert "没有需要自动修正的地方" in capsys.readouterr().err


def test_fix_tells_a_file_it_cannot_write_and_still_fixes_the_others(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file marked read-only, or open in Word (Windows refuses to write either): gkml fix ended in
    a PermissionError traceback and the files after it were not fixed."""
    folder = project / "content" / "catalogue" / "fgwj"
    locked, free = folder / "a.md", folder / "b.md"
    for path, number in ((locked, "00042"), (free, "00043")):
        path.write_text(EXISTING.replace("00041", number).replace("2024-01-05", "2024/1/5"), encoding="utf-8")
    locked.chmod(0o444)
    immutable = os.access(locked, os.W_OK)  # root writes a read-only file: the system must refuse it
    if immutable and subprocess.run(["chattr", "+i", str(locked)], capture_output=True, check=False).returncode:
        pytest.skip("no way here to make the system refuse to write a file")
    try:
        capsys.readouterr()
        assert main(["fix"]) == 1
        err = capsys.readouterr().err
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(locked)], check=True)
        locked.chmod(0o644)
    assert "created: 2024/1/5" in locked.read_text(encoding="utf-8")
    assert "created: 2024-01-05" in free.read_text(encoding="utf-8")
    assert "content/catalogue/fgwj/a.md: 无法写入（" in err and ("），未修正。文件可能是只读的（在资源管理器中右键→属性，取消“只读”），"
                                                              "或正被 Word、WPS 等程序打开：关闭后再运行 gkml fix。") in err
    assert "已修正 1 个文件" in err


# Word's owner file for 通知.md while it is open: the user's name in ANSI, then in UTF-16, 162 bytes
WORD_OWNER = (bytes([4]) + "张三".encode("gbk") + b" " * 49 + b"\x02\x00" + "张三".encode("utf-16-le")).ljust(162, b"\x00")


def test_fix_leaves_word_s_temporary_file_beside_an_open_document_alone(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`~$通知.md`, which Word keeps beside 通知.md while it is open: gkml fix read it as UTF-16,
    rewrote it (again on every run) and told it as a file to correct by hand; pre-commit passes it
    by name once `git add .` took it in."""
    folder = project / "content" / "catalogue" / "fgwj"
    owner = folder / "~$isting.md"
    owner.write_bytes(WORD_OWNER)
    capsys.readouterr()
    assert main(["fix"]) == 0
    err = capsys.readouterr().err
    assert owner.read_bytes() == WORD_OWNER
    assert "已检查 1 个文件，没有需要自动修正的地方。" in err and "~$" not in err
    assert main(["fix", str(owner)]) == 0
    assert owner.read_bytes() == WORD_OWNER
    assert ("content/catalogue/fgwj/~$isting.md: 这是 Word、WPS 打开文件时生成的临时文件，不是公开文件，未修正"
            in capsys.readouterr().err)


def test_fix_leaves_what_it_cannot_fix_safely(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gkml.authoring.fix import fix_text
    from gkml.profile.model import load_profile

    # a date that does not exist, a 文号 whose year is not bracketed, a quoted valid number
    text = "---\ncreated: 2025年2月30日\ndoc_no: 皖应急2025第3号\nindex_no: \"002986620/202503-00099\"\n---\n"
    assert fix_text(text, load_profile()) == text
    unknown = project / "content" / "catalogue" / "fgwj" / "latin.md"
    unknown.write_bytes(b"---\ntitle: \x81\xff\xfe \n---\n")
    capsys.readouterr()
    assert main(["fix"]) == 0
    assert "无法识别文件的编码，未修正" in capsys.readouterr().err
    assert unknown.read_bytes() == b"---\ntitle: \x81\xff\xfe \n---\n"


def test_check_and_fix_on_a_chinese_windows_console_quote_what_gbk_cannot_show(project: Path) -> None:
    """cmd.exe on a Chinese Windows, or a pipe there (pre-commit captures the hooks' output): Python
    writes GBK (cp936), strictly. A message quoting a value with an emoji, or fix's diff of a line
    with a bidi control, ended gkml check and gkml fix with UnicodeEncodeError, nothing fixed."""
    doc = project / "content" / "catalogue" / "fgwj" / "x.md"
    doc.write_text(EXISTING.replace("00041", "00042").replace("disclosure", "genre: 通知😀\ndisclosure")
                   .replace("正文。", "正文\u2066甲\u2069。"), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    checked = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=project, env=env, capture_output=True, check=False)
    assert checked.returncode == 1 and b"Traceback" not in checked.stderr, checked.stderr.decode("gbk")
    assert "content/catalogue/fgwj/x.md:8:8: 体裁(genre): “通知\\U0001f600”不是允许的值" in checked.stdout.decode("gbk")
    doc.write_text(doc.read_text(encoding="utf-8").replace("通知😀", "通知"), encoding="utf-8")
    fixed = subprocess.run([sys.executable, "-m", "gkml.cli", "fix"], cwd=project, env=env, capture_output=True, check=False)
    assert fixed.returncode == 0 and b"Traceback" not in fixed.stderr, fixed.stderr.decode("gbk")
    assert "-正文\\u2066甲\\u2069。" in fixed.stdout.decode("gbk") and "正文甲。" in doc.read_text(encoding="utf-8")


# --- editor wiring ---------------------------------------------------------------

REPO = Path(__file__).parents[2]


def test_committed_schema_is_what_gkml_schema_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "schema.json"
    assert main(["schema", "--config-dir", str(REPO), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (REPO / "schema" / "gkml-document.schema.json").read_text(encoding="utf-8")


def test_pre_commit_hooks_run_gkml_on_markdown_files() -> None:
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert hooks["gkml-check"]["entry"] == "gkml check" and hooks["gkml-fix"]["entry"] == "gkml fix"
    for name in ("gkml-check", "gkml-fix"):
        hook = hooks[name]
        assert hook["language"] == "python" and hook["files"] == r"\.md$" and hook["pass_filenames"] is True
    # the ledger hook looks at the whole catalogue, whatever files the commit touches
    assert hooks["gkml-ledger"]["entry"] == "gkml check --update-ledger --pre-commit"
    assert hooks["gkml-ledger"]["pass_filenames"] is False and hooks["gkml-ledger"]["always_run"] is True
    example = yaml.safe_load((REPO / "pre-commit-config.example.yaml").read_text("utf-8"))
    assert [h["id"] for h in example["repos"][0]["hooks"]] == ["gkml-fix", "gkml-check", "gkml-ledger", "gkml-audit"]
    # the inspection checklist reads the built site: before a push or in CI, not on every commit
    assert hooks["gkml-audit"]["entry"] == "gkml audit" and hooks["gkml-audit"]["pass_filenames"] is False
    assert "pre-commit" not in hooks["gkml-audit"]["stages"]


def test_editors_guide_is_staff_documentation_outside_the_public_site() -> None:
    from gkml.config import load_project

    project = load_project(REPO)
    assert "编辑指南" not in project.options.guides(project.docs_dir)
    assert not list(project.docs_dir.rglob("help.md"))
    text = (REPO / "docs" / "editing.md").read_text(encoding="utf-8")
    for command in ("gkml new", "gkml import", "gkml fix", "gkml check", "mkdocs serve", "withdrawn: {date:",
                    ".venv\\Scripts\\Activate.ps1", ".venv\\Scripts\\gkml check", "pre-commit install"):
        assert command in text


def test_new_interpretation_names_its_policy_and_checks_clean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["new", "--interprets", "００２９８６６２０/202401-00041", "--title", "《既有文件》政策解读",
                 "--date", "2024-01-09"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == project / "content" / "catalogue" / "fgwj"  # the policy's category by default
    assert field(path, "genre") == "解读" and field(path, "interprets") == "002986620/202401-00041"
    text = path.read_text(encoding="utf-8").replace("draft: true\n", "")  # published: the placeholder must go too
    path.write_text(re.sub(r"请在此处填写正文.*\n", "解读正文。\n", text), encoding="utf-8")
    code, output = check(capsys)
    assert code == 0, output
    # not a document of the catalogue; not a 解读 of a 解读; no other genre
    assert main(["new", "--interprets", "002986620/202401-00099", "--title", "某解读"]) == 2
    assert "不在公开目录中" in capsys.readouterr().err
    assert main(["new", "--interprets", field(path, "index_no") or "", "--title", "某解读"]) == 2
    assert "本身是一篇解读" in capsys.readouterr().err
    assert main(["new", "--interprets", "002986620/202401-00041", "--genre", "通知", "--title", "某解读"]) == 2
    assert "只能是“解读”" in capsys.readouterr().err


def test_new_interpretation_of_a_policy_named_by_its_page_address(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The policy's address copied from the browser (its page, in the preview or on the site) was
    told 不在公开目录中: the document is there, under the index number its address spells."""
    for n, address in enumerate(("http://127.0.0.1:8000/doc/002986620-202401-00041/", "002986620-202401-00041",
                                 "https://yjt.ah.gov.cn/gkml/doc/002986620-202401-00041.html")):
        capsys.readouterr()
        assert main(["new", "--interprets", address, "--title", f"《既有文件》地址解读{n}", "--date", "2024-01-09"]) == 0
        assert field(Path(capsys.readouterr().out.strip()), "interprets") == "002986620/202401-00041"
    assert main(["new", "--interprets", "http://127.0.0.1:8000/doc/002986620-202401-00099/", "--title", "某解读"]) == 2
    assert "不在公开目录中" in capsys.readouterr().err


def test_the_tools_read_options_a_configuration_inherits(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """mkdocs.yml may take its settings from another file (INHERIT, as multi-site set-ups do):
    the check must read the same options the build reads, not the defaults."""
    (project / "content/catalogue").rename(project / "content/公开")
    (project / "base.yml").write_text(COMMANDS_YML.replace("      org_code:", "      catalogue_dir: 公开\n      org_code:"), encoding="utf-8")
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: 分站\n", encoding="utf-8")
    code, output = check(capsys)
    assert code == 0, output
    assert "已检查 1 个文件，未发现问题" in output


# What mkdocs.yml's INHERIT names is any file: each tool ends with the file and the line, never a traceback.
UNREADABLE_PARENTS = {
    "not-yaml": ("base.yml", "title: 关于: 通知\n".encode(), "gkml {tool}: base.yml:1:10: YAML 格式有误，无法读取：值中有冒号加空格“: ”，YAML 会把后面的部分当作另一个键；请给整个值加引号，应写作：title: '关于: 通知'"),
    "gbk": ("base.yml", "site_name: 测试厅\n".encode("gbk"), "gkml {tool}: base.yml: 不是 UTF-8 编码的文字文件"),
    "a-folder": ("parent.yml/", b"", ""),  # MkDocs reports a parent that is not a file; the tools read on
}


@pytest.mark.parametrize("case", UNREADABLE_PARENTS)
@pytest.mark.parametrize("tool", ["check", "fix", "schema", "stats"])
def test_an_inherited_file_that_is_no_yaml_text_is_told_by_every_tool(project: Path, capsys: pytest.CaptureFixture[str],
                                                                     case: str, tool: str) -> None:
    name, data, message = UNREADABLE_PARENTS[case]
    if name.endswith("/"):
        (project / name).mkdir()
    else:
        (project / name).write_bytes(data)
    (project / "mkdocs.yml").write_text(f"INHERIT: {name.rstrip('/')}\n" + COMMANDS_YML, encoding="utf-8")
    capsys.readouterr()
    code = main([tool, *(["."] if tool in ("check", "fix") else [])])
    err = capsys.readouterr().err
    if message:
        assert code == 2 and message.format(tool=tool) in err, err
    else:
        assert code == 0, err


PROFILES = {
    "missing": (None, "内容模型文件 profile.yml 不存在或无法读取。"),
    "not-yaml": (b"fields: [\n", "内容模型文件 profile.yml 有误：第 2 行 YAML 格式有误"),
    "a-list": (b"- fields\n", "内容模型文件 profile.yml 有误：内容模型应是一个映射"),
    "no-categories": (b"fields: {title: {type: string}}\n", "内容模型文件 profile.yml 有误：内容模型应是一个映射"),
    "category-without-name": (b"fields: {}\ncategories: [{slug: fgwj}]\n", "结构有误（缺少 name）"),
    "field-not-a-mapping": (b"fields: {title: 1}\ncategories: []\n", "结构有误：每个字段应是一个映射"),
    "unknown-type": (b"fields: {title: {type: url}}\ncategories: []\n", "字段 title 的类型 url 不存在"),
    # a name every page, feed and open-data file shows: an override turned it around for every reader
    "category-name-override": ('fields: {}\ncategories: [{slug: fgwj, name: "法规\\u202e文件"}]\n'.encode(),
                               "信息分类 fgwj 的名称 name 中有看不见的字符 U+202E"),
    "label-control": ('fields: {publisher: {label: "发布\\x0b机构"}}\ncategories: []\n'.encode(),
                      "字段 publisher 的名称 label 中有看不见的字符 U+000B"),
    # a name the message echoes is shown escaped: printed as typed, its override turned the message line around
    "field-key-override": ('fields: {"pub\\u202elisher": {label: 发布机构}}\ncategories: []\n'.encode(),
                           "字段名 pub\\u202elisher 中有看不见的字符 U+202E"),
    "slug-override": ('fields: {}\ncategories: [{slug: "fg\\u202ewj", name: 法规文件}]\n'.encode(),
                      "信息分类代码 fg\\u202ewj 中有看不见的字符 U+202E"),
    "type-override": (b'fields: {title: {type: "str\\u2066ing"}}\ncategories: []\n',
                      "字段 title 的类型 str\\u2066ing 不存在"),
    # a field's description reaches the open data's schema: what does not show is refused there too
    "description-control": ('fields: {title: {description: "正式\\x1b名称"}}\ncategories: []\n'.encode(),
                            "字段 title 的说明 description 中有看不见的字符 U+001B"),
    # an XML type a browser opens as a document runs the script in it, on the site's origin; mht is a saved web page
    "attachment-types-active": (b"fields: {}\ncategories: []\nattachment_types: [pdf, xht, rss, mht]\n",
                                "attachment_types 中不能有 mht、rss、xht"),
    "description-override": ('fields: {title: {description: "正式\\u202e名称"}}\ncategories: []\n'.encode(),
                             "字段 title 的说明 description 中有看不见的字符 U+202E"),
}


@pytest.mark.parametrize("case", PROFILES)
@pytest.mark.parametrize("tool", ["check", "fix", "schema"])
def test_a_profile_file_that_is_missing_or_no_profile_is_told_never_replaced_by_the_default(
        project: Path, capsys: pytest.CaptureFixture[str], case: str, tool: str) -> None:
    """A mistyped profile path made gkml fix and gkml schema work with the default profile (a
    custom field renamed, a schema of other fields); a broken one ended every tool with a traceback."""
    data, message = PROFILES[case]
    if data is not None:
        (project / "profile.yml").write_bytes(data)
    (project / "mkdocs.yml").write_text(COMMANDS_YML + "      profile: profile.yml\n", encoding="utf-8")
    capsys.readouterr()
    code = main([tool, *(["."] if tool in ("check", "fix") else [])])
    out = capsys.readouterr()
    assert code == 2 and f"gkml {tool}: mkdocs.yml:7:" in out.err and message in out.err, out.err
    assert "$schema" not in out.out
    assert not UNSEEN.search(out.err), out.err


def test_a_field_description_written_over_lines_is_one_line_in_the_schema(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A description is prose a maintainer may write as a YAML block (`|`): the schema the open data
    publishes shows it as one line, its breaks and tabs folded, never a line break or tab in a title."""
    default = (Path(gkml.profile.__file__).parent / "default.yml").read_text(encoding="utf-8")
    written = default.replace("    description: 文件的正式名称，一行，不超过 200 字\n",
                              "    description: |\n      文件的正式名称，\n      \t一行\n", 1)
    assert written != default
    (project / "profile.yml").write_text(written, encoding="utf-8")
    (project / "mkdocs.yml").write_text(COMMANDS_YML + "      profile: profile.yml\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["title"]["description"] == "名称（title）：文件的正式名称， 一行"


def test_check_of_a_file_outside_the_content_folder_says_it_was_not_checked(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A draft kept beside the content folder is never published: "0 files, no problems" alone reads as passed."""
    (project / "草稿.md").write_text(EXISTING.replace("既有文件", "放错位置的草稿"), encoding="utf-8")
    code, out = check(capsys, "草稿.md", "content/catalogue/fgwj/existing.md")
    assert code == 0, out
    assert "已检查 1 个文件，未发现问题" in out
    assert "未检查：草稿.md 不在网站内容目录 content 中，不会发布到网站。公开目录的文件请放在 content/catalogue 下。" in out
    code, out = check(capsys, "content/catalogue/fgwj/existing.md")
    assert code == 0 and "未检查" not in out, out
    code, out = check(capsys, ".")
    assert code == 0 and "未检查" not in out, out
