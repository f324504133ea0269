"""`gkml check` remembers files it has checked, and never trusts a remembered result wrongly:
with the cache it says exactly what it says without one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gkml.config import load_project
from gkml.content import parallel
from gkml.content.loader import FileJob
from gkml.content.tree import scan_docs
from support import COMMANDS_YML, doc, gkml

FOLDER = "content/catalogue/fgwj"


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return gkml(root, "check", *args)


def shards(root: Path) -> list[Path]:
    return sorted((root / ".gkml-cache" / "check").glob("*.pickle"))


def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    (folder / "a.md").write_text(doc("attachments: [{file: a.pdf, title: 附件}]"), encoding="utf-8")
    (folder / "a.pdf").write_bytes(b"%PDF-1.4")
    (folder / "b.md").write_text(doc(index_no="002986620/202003-00013"), encoding="utf-8")
    return tmp_path


def problem_tree(tmp_path: Path) -> Path:
    """Documents with problems of one file and across files, and some good ones."""
    root = project(tmp_path)
    folder = root / FOLDER
    (folder / "c.md").write_text(doc(index_no="002986620/202003-00014", superseded_by="002986620/202003-00013"),
                                 encoding="utf-8")
    (folder / "d.md").write_text(doc(index_no="002986620/202003-00015", validity="no"), encoding="utf-8")
    (folder / "e.md").write_text(doc(index_no="002986620/202003-00016", pubisher="某局"), encoding="utf-8")
    (folder / "f.md").write_text(doc(index_no="002986620/202003-00017", genre="解读",
                                     interprets="002986620/202003-00012"), encoding="utf-8")
    (folder / "g.md").write_text("---\ntitle: [未闭合\n---\n正文\n", encoding="utf-8")
    for number in range(20, 40):
        (folder / f"n{number}.md").write_text(doc(index_no=f"002986620/202003-000{number}"), encoding="utf-8")
    return root


def same_as_uncached(root: Path) -> str:
    """Check with the cache the last check left, then with none; both must say the same."""
    cached = check(root)
    shutil.rmtree(root / ".gkml-cache")
    uncached = check(root)
    assert uncached.stdout == cached.stdout
    assert uncached.returncode == cached.returncode
    assert shards(root)  # the uncached check left a cache for the next step
    return cached.stdout


def test_results_are_reused_until_a_file_or_what_it_refers_to_changes(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert check(root).returncode == 0
    assert shards(root)
    assert check(root).returncode == 0  # from the cache
    # the attachment disappears: a.md is checked again although its bytes did not change
    (root / FOLDER / "a.pdf").unlink()
    result = check(root)
    assert result.returncode == 1 and "a.pdf" in result.stdout
    (root / FOLDER / "a.pdf").write_bytes(b"%PDF-1.4")
    assert check(root).returncode == 0
    # an edit that keeps the size is still seen
    path = root / FOLDER / "b.md"
    path.write_text(path.read_text(encoding="utf-8").replace("disclosure: 主动公开", "disclosure: 主动公Q"),
                    encoding="utf-8")
    result = check(root)
    assert result.returncode == 1 and "b.md" in result.stdout
    # cross-document rules always see every file: a duplicate index number in an unchanged file
    path.write_text(doc(), encoding="utf-8")
    result = check(root)
    assert result.returncode == 1 and "a.md" in result.stdout and "b.md" in result.stdout


def test_a_second_edit_within_the_clock_resolution_is_seen(tmp_path: Path) -> None:
    """A file modified moments before it was checked may be edited again to the same size and
    the same modification time (a coarse clock, FAT's 2 s): it is still checked again. (Its
    time is set ahead here, so how long the first check takes cannot matter.)"""
    root = project(tmp_path)
    path = root / FOLDER / "b.md"
    recent = time.time_ns() + 60_000_000_000
    os.utime(path, ns=(recent, recent))
    assert check(root).returncode == 0
    size = path.stat().st_size
    path.write_text(path.read_text(encoding="utf-8").replace("disclosure: 主动公开", "disclosure: 主动公告"),
                    encoding="utf-8")
    os.utime(path, ns=(recent, recent))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (size, recent)
    result = check(root)
    assert result.returncode == 1 and "b.md" in result.stdout and "主动公告" in result.stdout


def test_an_edit_whose_modification_time_was_put_back_is_seen(tmp_path: Path) -> None:
    """cp -p, unzip, rsync -t and touch -d set a file's modification time, to an edit of the same
    size too: its change time, which nothing sets back, shows the edit."""
    root = project(tmp_path)
    path = root / FOLDER / "b.md"
    time.sleep(3.2)  # past the moments in which a second change could keep the file's times
    assert check(root).returncode == 0
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("disclosure: 主动公开", "disclosure: 主动公告"),
                    encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    result = check(root)
    assert result.returncode == 1 and "b.md" in result.stdout and "主动公告" in result.stdout


def test_cached_and_uncached_checks_agree_through_edits_renames_and_deletions(tmp_path: Path) -> None:
    root = problem_tree(tmp_path)
    folder = root / FOLDER
    out = same_as_uncached(root)
    assert "d.md:" in out and "e.md:" in out and "g.md:" in out
    assert check(root).stdout == out  # and again, every result from the cache
    # one file changes to another's index number: both files are named, the unchanged one too
    (folder / "n20.md").write_text(doc(index_no="002986620/202003-00021"), encoding="utf-8")
    out = same_as_uncached(root)
    assert "n20.md:3:1" in out and "n21.md:3:1" in out and "另见：content/catalogue/fgwj/n20.md" in out
    # renamed: the unchanged file's message names the new path
    (folder / "n20.md").rename(folder / "m20.md")
    out = same_as_uncached(root)
    assert "另见：content/catalogue/fgwj/m20.md" in out and "n20.md" not in out
    # the document c.md is superseded by is deleted: c.md, unchanged, now names no document
    assert "替代文件 002986620/202003-00013 不在目录中" not in out
    (folder / "b.md").unlink()
    out = same_as_uncached(root)
    assert "c.md:" in out and "替代文件 002986620/202003-00013 不在目录中" in out
    # the policy f.md explains becomes unpublished: f.md, unchanged, may no longer link to it
    (folder / "a.md").write_text(doc("attachments: [{file: a.pdf, title: 附件}]", disclosure="依申请公开"),
                                 encoding="utf-8")
    out = same_as_uncached(root)
    assert "f.md:" in out and "解读对象 002986620/202003-00012 不公开发布" in out
    # a file added
    (folder / "h.md").write_text(doc(index_no="002986620/202003-00017"), encoding="utf-8")
    out = same_as_uncached(root)
    assert "h.md:3:1" in out and "f.md:3:1" in out
    # and a check of one file reports that file only, cross-document problems included
    one = check(root, f"{FOLDER}/h.md")
    assert one.returncode == 1
    assert one.stdout.splitlines() == [line for line in out.splitlines() if line.startswith(f"{FOLDER}/h.md:")]


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign", "empty"])
def test_a_damaged_cache_costs_time_not_correctness(tmp_path: Path, damage: str) -> None:
    root = problem_tree(tmp_path)
    expected = same_as_uncached(root)
    for shard in shards(root):
        data = shard.read_bytes()
        damaged = {"flip": data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF]) + data[len(data) // 2 + 1:],
                   "truncate": data[:len(data) * 2 // 3],
                   "foreign": b"\x80\x05garbage",
                   "empty": b""}[damage]
        shard.write_bytes(damaged)
    result = check(root)
    assert result.stdout == expected and result.returncode == 1
    assert check(root).stdout == expected  # the rewritten cache holds
    # and an edit after the damage is still seen
    (root / FOLDER / "a.pdf").unlink()
    assert "a.pdf" in check(root).stdout


def test_every_core_checks_files_exactly_as_one_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first check of a large catalogue runs in worker processes: same results, same order."""
    root = problem_tree(tmp_path)
    project_ = load_project(root)
    tree = scan_docs(project_.docs_dir, "catalogue", pages=None, allowed_types=project_.profile.attachment_types)
    jobs = [FileJob(rel, str(project_.docs_dir / rel), tree.sizes[rel], tree.stamps[rel]) for rel in tree.documents]
    one = list(parallel.check_jobs(jobs, project_.profile, tree.catalogue_files, with_bodies=True, workers=1))
    monkeypatch.setattr(parallel, "_CHUNK", 4)
    many = parallel._in_processes(jobs, project_.profile, frozenset(tree.catalogue_files), True, 2)
    assert many is not None  # the processes did run: no fallback to this one
    assert many == one
    assert any(c.result.problems for c in one) and any(c.result.document for c in one)
    assert next(c.result.document.body for c in many if c.result.document) == "正文。\n"


def test_a_check_of_one_changed_file_says_of_it_what_the_whole_check_says(tmp_path: Path) -> None:
    """The pre-commit case: the cache warm, one file edited, then `gkml check <that file>`; each file
    given is told exactly the lines of the whole check (cross-document problems too), no fewer, no more."""
    root = problem_tree(tmp_path)
    folder = root / FOLDER
    other = root / "content/catalogue/tjxx"  # a folder of good documents: what they name is known
    other.mkdir()
    (other / "s.md").write_text(doc(index_no="002986620/202003-00050", category="tjxx"), encoding="utf-8")
    (other / "stray.pdf").write_bytes(b"%PDF-1.4")  # a file no document lists
    (folder / "b.md").unlink()  # c.md's superseded_by now names no document
    assert check(root).returncode == 1  # the cache warm
    (folder / "n21.md").write_text(doc(index_no="002986620/202003-00020", title="改过的标题"), encoding="utf-8")
    whole = check(root).stdout.splitlines()
    told = {name for line in whole if (name := line.split(":", 1)[0].rsplit("/", 1)[-1])}
    assert {"n20.md", "n21.md", "c.md", "stray.pdf", "d.md", "g.md"} <= told
    for path in (f"{FOLDER}/n21.md", f"{FOLDER}/n20.md", f"{FOLDER}/c.md", "content/catalogue/tjxx/stray.pdf",
                 f"{FOLDER}/a.md"):
        one = check(root, path)
        mine = [line for line in whole if line.startswith(f"{path}:")]
        assert one.stdout.splitlines() == mine, path
        assert one.returncode == (1 if mine else 0), path


def test_a_check_of_one_changed_file_loads_neither_mkdocs_nor_jinja_nor_markdown(tmp_path: Path) -> None:
    """The pre-commit hook's wait (issue #18): the options' schema was made of MkDocs' config classes,
    which brought MkDocs' themes, Jinja, Babel and Markdown; the check cache brought MkDocs' errors
    (Click); every body checked for fenced code brought Markdown and Pygments; the cache's key read
    the versions of gkml's dependencies with importlib.metadata; subprocess is for --pre-commit's
    question to git. None is needed to check front matter and bodies, and together they were a
    quarter of the wait."""
    root = project(tmp_path)
    assert check(root).returncode == 0  # the cache warm
    path = root / FOLDER / "a.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n更正一处文字，见[附件](a.pdf)，`代码`不是围栏。\n", encoding="utf-8")
    script = ("import sys\nfrom gkml.cli import main\ncode = main(['check', sys.argv[1]])\n"
              "print('loaded:', sorted({name.split('.')[0] for name in sys.modules}"
              " & {'mkdocs', 'jinja2', 'markdown', 'babel', 'pygments', 'click', 'subprocess'}), code,"
              " 'importlib.metadata' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script, f"{FOLDER}/a.md"], check=False, cwd=root,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.stdout.splitlines() == ["loaded: [] 0 False"], result.stdout + result.stderr


def test_a_check_of_one_file_tells_its_replacement_loops_and_held_back_names(tmp_path: Path) -> None:
    """The rules a one-file check cannot see from that file alone: a loop of 替代文件, a published
    document naming or sharing an attachment with a held-back one, a 解读 of one.
    Each file given is told exactly the lines the whole check tells of it."""
    root = project(tmp_path)
    folder = root / FOLDER
    files = {
        "loop1.md": doc(index_no="002986620/202003-00060", superseded_by="002986620/202003-00061", title="循环甲"),
        "loop2.md": doc(index_no="002986620/202003-00061", superseded_by="002986620/202003-00060", title="循环乙"),
        "held.md": doc(index_no="002986620/202003-00062", disclosure="依申请公开", title="依申请公开件"),
        "names.md": doc(index_no="002986620/202003-00063", superseded_by="002986620/202003-00062", title="指向依申请件"),
        "reads.md": doc(index_no="002986620/202003-00064", genre="解读", interprets="002986620/202003-00062",
                        title="解读依申请件"),
        "draft.md": doc("draft: true", "attachments: [{file: a.pdf, title: 共用附件}]",
                        index_no="002986620/202003-00065", title="草稿共用附件"),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert check(root).returncode == 1  # the cache warm
    (folder / "loop2.md").write_text(files["loop2.md"].replace("循环乙", "循环乙（改）"), encoding="utf-8")
    whole = check(root).stdout.splitlines()
    told = {line.split(":", 1)[0].rsplit("/", 1)[-1] for line in whole}
    assert {"loop1.md", "loop2.md", "names.md", "reads.md", "a.md"} <= told, whole
    for name in [*files, "a.md"]:
        path = f"{FOLDER}/{name}"
        one = check(root, path)
        mine = [line for line in whole if line.startswith(f"{path}:")]
        assert one.stdout.splitlines() == mine, path
        assert one.returncode == (1 if mine else 0), path


def test_no_collection_walks_the_remembered_results(tmp_path: Path) -> None:
    """The cache is read with the collector off; the first collection after it was switched back on
    walked every remembered result (10,000 files: 0.02 s of a pre-commit check). They are frozen first."""
    root = project(tmp_path)
    for number in range(100, 700):
        (root / FOLDER / f"m{number}.md").write_text(doc(index_no=f"002986620/202003-00{number}", title=f"冻结{number}"),
                                                      encoding="utf-8")
    assert check(root).returncode == 0  # the cache warm
    script = ("import gc, sys\nfrom gkml.cli import main\nseen = []\n"
              "gc.callbacks.append(lambda phase, info: phase == 'start' and seen.append(gc.get_count()[0]))\n"
              "code = main(['check', sys.argv[1]])\nprint(code, max(seen) < 2 * gc.get_threshold()[0])\n")
    result = subprocess.run([sys.executable, "-c", script, f"{FOLDER}/m100.md"], check=False, cwd=root,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    # each collection walks only the young objects: about one threshold's, never the cache's many
    assert result.stdout.split() == ["0", "True"], result.stdout + result.stderr
