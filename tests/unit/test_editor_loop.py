"""The loop an editor on Windows lives in: gkml new, an edit, gkml check, gkml fix, the ledger
committed, each on the real `gkml` command and the files it leaves."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support import COMMANDS_YML

DOCUMENT = """---
title: 编辑流程测试文件{n}
index_no: 002986620/202402-0031{n}
category: fgwj
publisher: 安徽省应急管理厅
created: 2024-02-05
published: 2024-02-08
disclosure: 主动公开
---

正文。
"""

LIMIT = 9000  # bytes a file may grow to: a disk that refuses the rest


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    folder = tmp_path / "content" / "catalogue" / "fgwj"
    folder.mkdir(parents=True)
    for n in range(1, 5):
        (folder / f"loop-{n}.md").write_text(DOCUMENT.format(n=n), encoding="utf-8")
    return tmp_path


def gkml(cwd: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """`gkml` as an editor runs it; with `limit`, on a disk that refuses to write past that many bytes
    of a file (the system's own refusal, as a full disk's: the write fails where it is)."""
    def refusing() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of ending gkml
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "gkml.cli", *args], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=300, env=env, preexec_fn=refusing if limit else None)


def test_a_ledger_update_the_disk_refuses_leaves_the_ledger_whole_and_says_why(project: Path) -> None:
    """Written in place, a full disk cut the ledger off mid-line (its published numbers lost) while
    gkml said 登记簿未更新, in the system's English (File too large)."""
    title = "很长的名称" * 400  # the ledger larger than the disk lets a file grow
    ledger = project / "published.ledger"
    before = ("# 登记簿\n" + "".join(f"002986620/202402-0031{n} 2024-02-08 {title}{n}\n" for n in (1, 2, 3))).encode()
    ledger.write_bytes(before)
    assert len(before) > LIMIT
    assert gkml(project, "check").returncode == 0  # the check cache written before the disk fills

    result = gkml(project, "check", "--update-ledger", limit=LIMIT)

    assert ledger.read_bytes() == before
    assert result.returncode == 1
    assert ("gkml check: 无法写入登记簿 published.ledger（磁盘空间不足），登记簿未更新。"
            "请清理出足够的磁盘空间，再运行一次。") in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in project.iterdir()) == [".gkml-cache", "content", "mkdocs.yml", "published.ledger"]
    # with room on the disk the same command records the fourth document
    assert gkml(project, "check", "--update-ledger").returncode == 0
    assert "002986620/202402-00314 2024-02-08 编辑流程测试文件4" in ledger.read_text("utf-8")


def test_a_ledger_made_meanwhile_is_never_written_over(tmp_path: Path) -> None:
    """A ledger another check or the editor wrote after the update read none is kept."""
    from gkml.authoring.ledger import LedgerEntry, write_ledger

    ledger = tmp_path / "published.ledger"
    ledger.write_bytes(b"# saved meanwhile\n")
    assert not write_ledger(ledger, [LedgerEntry("002986620/202402-00311", "2024-02-08", "名称", 0)], None)
    assert ledger.read_bytes() == b"# saved meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["published.ledger"]


def test_fix_on_a_full_disk_says_so_and_leaves_the_document(project: Path) -> None:
    """gkml fix told a full disk in English and advised clearing the read-only attribute."""
    path = project / "content" / "catalogue" / "fgwj" / "loop-1.md"
    before = DOCUMENT.format(n=1).replace("正文。", "正文。" * 4000).encode("gbk")  # fix rewrites it as UTF-8
    path.write_bytes(before)

    result = gkml(project, "fix", limit=LIMIT)

    assert result.returncode != 0
    assert ("content/catalogue/fgwj/loop-1.md: 无法写入（磁盘空间不足），未修正，文件保持原样。"
            "请清理出足够的磁盘空间后再运行 gkml fix。") in result.stderr
    assert "Traceback" not in result.stderr and "只读" not in result.stderr
    assert path.read_bytes() == before


def test_new_in_a_category_folder_takes_its_category_says_so_and_writes_there(project: Path) -> None:
    """`cd content/catalogue/fgwj && gkml new --title …` was refused: 请用 --category 指定."""
    folder = project / "content" / "catalogue" / "fgwj" / "2024 年 文件"  # a subfolder, a name with spaces
    folder.mkdir()

    result = gkml(folder, "new", "--title", "在分类文件夹中新建的文件")

    assert result.returncode == 0, result.stderr
    assert "按所在的文件夹，信息分类为 fgwj（法规文件）；如需其他分类，请用 --category 指定。" in result.stderr
    made = Path(result.stdout.strip())
    assert made.parent == folder
    assert "\ncategory: fgwj\n" in made.read_text("utf-8")
    assert "$schema=../../../../schema/gkml-document.schema.json" in made.read_text("utf-8")
    assert gkml(project, "check").returncode == 0


def test_new_outside_any_category_folder_still_asks_for_one(project: Path) -> None:
    result = gkml(project / "content", "new", "--title", "不在分类文件夹中新建")

    assert result.returncode == 2
    assert result.stderr.startswith("gkml new: 请用 --category 指定信息分类代码，或在分类的文件夹"
                                    "（例如 content/catalogue/gkzn）中运行。可用的分类代码：\n")
    assert not list((project / "content").rglob("*不在分类*"))
    # an explicit --category wins over the folder
    other = gkml(project / "content" / "catalogue" / "fgwj", "new", "--category", "ghjh", "--title", "另选分类")
    assert other.returncode == 0 and "按所在的文件夹" not in other.stderr
    assert Path(other.stdout.strip()).parent == project / "content" / "catalogue" / "ghjh"


def test_fix_in_a_folder_the_system_will_not_let_it_write_in_tells_why_in_chinese(project: Path) -> None:
    """A folder shared read-only (or a file another program holds open on Windows): the reason was
    the system's English, Operation not permitted."""
    folder = project / "content" / "catalogue" / "fgwj"
    path = folder / "loop-2.md"
    before = DOCUMENT.format(n=2).encode("gbk")
    path.write_bytes(before)
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode:
        pytest.skip("no way here to make the system refuse to write in a folder")
    try:
        result = gkml(project, "fix")
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert ("content/catalogue/fgwj/loop-2.md: 无法写入（拒绝访问），未修正。文件可能是只读的（在资源管理器中右键→属性，"
            "取消“只读”），或正被 Word、WPS 等程序打开：关闭后再运行 gkml fix。") in result.stderr
    assert path.read_bytes() == before


def test_new_on_a_full_disk_says_so_and_leaves_no_half_written_document(project: Path) -> None:
    """A traceback, and the skeleton cut off mid-front-matter left behind: gkml check refused it,
    and it held the index number it was given."""
    folder = project / "content" / "catalogue" / "fgwj"
    before = sorted(p.name for p in folder.iterdir())

    result = gkml(folder, "new", "--title", "磁盘已满时新建的文件", limit=200)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("gkml new: 无法在 . 中新建文件（磁盘空间不足），未新建文件。请清理出足够的磁盘空间，再运行一次。\n")
    assert sorted(p.name for p in folder.iterdir()) == before


LEGACY_PAGE = Path(__file__).parents[1] / "fixtures" / "legacy" / "annual-report-2010.txt"


def test_import_on_a_full_disk_tells_the_page_and_never_cuts_a_document_it_replaces(project: Path) -> None:
    """`gkml import --replace` wrote the updated document in place: a full disk left it cut off (the
    editor's document lost); a new page's write ended in a traceback."""
    assert gkml(project, "import", str(LEGACY_PAGE)).returncode == 0
    [made] = [p for p in (project / "content" / "catalogue").rglob("*.md") if "loop-" not in p.name]
    edited = made.read_bytes() + "\n编辑补充的一段。\n".encode()  # the document differs from the page now
    made.write_bytes(edited)

    result = gkml(project, "import", "--replace", str(LEGACY_PAGE), limit=len(edited) // 2)

    assert made.read_bytes() == edited
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "：无法写入（磁盘空间不足），未导入。请清理出足够的磁盘空间后再导入一次" in result.stdout
    assert not [p for p in made.parent.iterdir() if p.name.startswith(".")]

    made.unlink()
    again = gkml(project, "import", str(LEGACY_PAGE), limit=len(edited) // 2)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "：无法写入（磁盘空间不足），未导入。请清理出足够的磁盘空间后再导入一次" in again.stdout
    assert not [p for p in (project / "content" / "catalogue").rglob("*.md") if "loop-" not in p.name]


def test_a_duplicate_number_is_never_told_to_take_a_number_a_file_with_problems_holds(project: Path) -> None:
    """Two editors chose 00312 at once; the next free number offered was 00315, which a third
    document, refused for a mistake of its own, already holds."""
    folder = project / "content" / "catalogue" / "fgwj"
    (folder / "loop-dup.md").write_text(DOCUMENT.format(n=2).replace("测试文件2", "同时选号的文件"), encoding="utf-8")
    (folder / "loop-5.md").write_text(DOCUMENT.format(n=5).replace("category: fgwj", "category: 法规"), encoding="utf-8")

    result = gkml(project, "check")

    assert result.returncode == 1
    told = [line for line in result.stdout.splitlines() if "重复" in line]
    assert len(told) == 2 and all(line.endswith("请把尚未发布的那一件改用下一个空闲的索引号 002986620/202402-00316。")
                                  for line in told), told


def test_new_never_gives_the_number_of_a_document_notepad_saved_as_md_txt(project: Path) -> None:
    """Notepad adds .txt to `通知.md` (Windows hides the extension): the check tells it, but gkml new
    gave its number again, and the two collided once the file was renamed back."""
    folder = project / "content" / "catalogue" / "fgwj"
    (folder / "记事本保存的通知.md.txt").write_text(DOCUMENT.format(n=9), encoding="utf-8")

    result = gkml(project, "new", "--category", "fgwj", "--title", "记事本之后新建的文件")

    assert result.returncode == 0, result.stderr
    index_no = Path(result.stdout.strip()).read_text("utf-8").split("\nindex_no: ")[1].split("\n")[0]
    assert index_no.endswith("-00320"), index_no


def test_fix_corrects_a_document_whose_name_is_as_long_as_a_name_may_be(project: Path) -> None:
    """A name of 243 bytes (80 Chinese characters) passes the check, but fix's temporary file beside
    it, the name with ".gkml-fix.tmp" added, was past the 255 bytes a name may have: never fixed."""
    path = project / "content" / "catalogue" / "fgwj" / ("长" * 80 + ".md")
    path.write_bytes(DOCUMENT.format(n=6).encode("gbk"))

    result = gkml(project, "fix")

    assert result.returncode == 0, result.stderr
    assert path.read_text("utf-8") == DOCUMENT.format(n=6)
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, *(f"loop-{n}.md" for n in range(1, 5))])
