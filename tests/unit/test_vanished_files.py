"""A file deleted, moved or locked between the scan of the docs folder and its read is a located
Chinese problem, never a traceback; and `gkml fix` never writes over an edit saved after it read."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

from gkml.authoring.rewrite import replace_if_unchanged
from gkml.content.checkcache import CheckCache
from gkml.content.loader import UNREADABLE, FileJob, check_files, check_tree
from gkml.content.parallel import check_jobs
from gkml.content.validation import FileResult
from gkml.fingerprint import stat_stamp
from gkml.profile.model import Profile, load_profile
from support import COMMANDS_YML, doc

INDEX_NO = "002986620/202003-00712"


def _job(root: Path, rel: str) -> FileJob:
    path = root / rel
    info = path.stat()
    return FileJob(rel, str(path), info.st_size, stat_stamp(info))


def _document(root: Path, rel: str = "catalogue/fgwj/vanish12.md") -> FileJob:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(doc(title="检查时被删除的文件十二", index_no=INDEX_NO), encoding="utf-8")
    return _job(root, rel)


def _told(results: Iterable[FileResult], rel: str) -> str:
    (result,) = results
    assert result.document is None
    (problem,) = result.problems
    assert (problem.path, problem.line, problem.code) == (rel, 1, UNREADABLE)
    return problem.message


def test_a_document_deleted_after_the_scan_is_told(tmp_path: Path) -> None:
    job = _document(tmp_path)
    os.remove(job.path)
    assert "被删除或移走" in _told(check_files([job], load_profile(), ()), job.rel)
    assert "被删除或移走" in _told((c.result for c in check_jobs([job], load_profile(), (), with_bodies=True, workers=1)),
                                 job.rel)


def test_a_folder_where_the_document_was_is_told(tmp_path: Path) -> None:
    job = _document(tmp_path)
    os.remove(job.path)
    os.mkdir(job.path)
    assert "文件夹" in _told(check_files([job], load_profile(), ()), job.rel)


def test_the_check_cache_tells_a_remembered_file_gone_and_forgets_it(tmp_path: Path) -> None:
    job = _document(tmp_path / "docs")
    first = CheckCache(tmp_path / "cache", "fp", with_bodies=True)
    (result,) = first.check([job], load_profile(), ())
    assert result.document is not None
    first.save()
    os.remove(job.path)
    moved = job._replace(stamp=(job.stamp[0] + 1, *job.stamp[1:]))  # the scan saw it touched, then it went
    again = CheckCache(tmp_path / "cache", "fp", with_bodies=True)
    assert "被删除或移走" in _told(again.check([moved], load_profile(), ()), job.rel)
    assert job.rel not in again.fresh  # back next time with the same times, it is read again


def test_a_guide_page_deleted_during_the_check_is_told(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    _document(docs)
    (docs / "guide.md").write_text("# 指南\n", encoding="utf-8")

    def deleting(jobs: Sequence[FileJob], profile: Profile, files: Collection[str]) -> Iterable[FileResult]:
        (docs / "guide.md").unlink()  # between the scan and the read of the pages
        return list(check_files(jobs, profile, files))

    result = check_tree(docs, "catalogue", load_profile(), pages=["guide.md"], checker=deleting)
    assert [(p.path, p.code) for p in result.problems] == [("guide.md", UNREADABLE)]
    assert "再运行一次检查" in result.problems[0].message


def test_fix_never_writes_over_an_edit_saved_after_its_read(tmp_path: Path) -> None:
    path = tmp_path / "edited12.md"
    path.write_bytes(b"read\r\n")
    path.write_bytes(b"saved meanwhile\r\n")  # Word saved after fix read b"read\r\n"
    assert not replace_if_unchanged(path, b"read\r\n", b"fixed\r\n")
    assert path.read_bytes() == b"saved meanwhile\r\n"
    assert replace_if_unchanged(path, b"saved meanwhile\r\n", b"fixed\r\n")
    assert path.read_bytes() == b"fixed\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["edited12.md"]  # no temporary file left


def test_fix_escapes_the_file_names_it_prints(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    folder = tmp_path / "content/catalogue/fgwj"
    folder.mkdir(parents=True)
    name = "通知\u202e12\x1b[2J.md"  # a bidi override turns the line around, an escape clears the screen
    (folder / name).write_bytes(doc(title="按GBK保存的通知十二", index_no="002986620/202003-00713").encode("gbk"))
    os.mkfifo(folder / "管道\n12.md")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "fix"], cwd=tmp_path, capture_output=True, check=False,
                            text=True, encoding="utf-8", timeout=120)
    said = result.stdout + result.stderr
    assert "content/catalogue/fgwj/通知\\u202e12\\u001b[2J.md: 按 GBK 编码读取" in said, said
    assert "content/catalogue/fgwj/管道\\n12.md: 不是普通文件" in said
    assert not any(char in said for char in "\u202e\x1b")
    assert (folder / name).read_bytes().decode("utf-8").startswith("---\n")
