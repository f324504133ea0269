"""Two editors, two git clones, the same day (#15): no add/add conflict, the ledger merges, check explains."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import NO_SEARCH_YML, ROOT, doc

ENV = {**os.environ, "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "e@example.invalid",
       "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull}


def run(cwd: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "gkml.cli", *args[1:]] if args[0] == "gkml" else list(args)
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV, timeout=120, check=False)
    if ok:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture()
def clones(tmp_path: Path) -> tuple[Path, Path]:
    """A shared repository with one published document and its ledger, cloned by two editors."""
    seed = tmp_path / "seed"
    (seed / "content/catalogue/fgwj").mkdir(parents=True)
    (seed / "mkdocs.yml").write_text(NO_SEARCH_YML, encoding="utf-8")
    (seed / "content/catalogue/fgwj/a.md").write_text(doc(index_no="002986620/202003-00001"), encoding="utf-8")
    shutil.copy(ROOT / ".gitattributes", seed / ".gitattributes")  # the repository's own, as shipped
    run(seed, "gkml", "check", "--update-ledger")
    run(seed, "git", "init", "-q", "-b", "main")
    run(seed, "git", "add", "-A")
    run(seed, "git", "commit", "-qm", "start")
    run(tmp_path, "git", "clone", "-q", "--bare", str(seed), "origin.git")
    for name in ("a", "b"):
        run(tmp_path, "git", "clone", "-q", "origin.git", name)
    return tmp_path / "a", tmp_path / "b"


def publish_new(clone: Path, title: str) -> Path:
    """gkml new, write the text, publish (drop draft), the pre-commit ledger step, commit."""
    made = run(clone, "gkml", "new", "--category", "fgwj", "--title", title, "--date", "2025-03-18")
    path = clone / made.stdout.strip()
    text = path.read_text(encoding="utf-8").replace("draft: true\n", "")
    path.write_text(re.sub(r"请在此处填写正文.*\n", f"{title}正文。\n", text), encoding="utf-8")
    run(clone, "gkml", "check", "--update-ledger")
    run(clone, "git", "add", "-A")
    run(clone, "git", "commit", "-qm", title)
    return path


def test_two_editors_publishing_the_same_day_merge_cleanly_and_check_proposes_a_free_number(clones: tuple[Path, Path]) -> None:
    a, b = clones
    first = publish_new(a, "甲的通知")
    second = publish_new(b, "乙的通知")
    assert first.name != second.name  # same day, same next number, still two names
    run(a, "git", "push", "-q", "origin", "main")
    merged = run(b, "git", "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    assert "CONFLICT" not in merged.stdout + merged.stderr
    ledger = (b / "published.ledger").read_text(encoding="utf-8")
    assert "<<<<<<<" not in ledger
    assert "甲的通知" in ledger and "乙的通知" in ledger
    check = run(b, "gkml", "check", ok=False)
    assert check.returncode == 1
    assert "YAML" not in check.stdout and "找不到对应文件" not in check.stdout
    assert f"索引号 002986620/202503-00002 重复，另见：content/catalogue/fgwj/{first.name}。" \
           "请把尚未发布的那一件改用下一个空闲的索引号 002986620/202503-00003。" in check.stdout
    # editor B takes the proposed number; everything passes and the ledger stays one sorted line per number
    second = b / "content/catalogue/fgwj" / second.name
    second.write_text(second.read_text(encoding="utf-8").replace("202503-00002", "202503-00003"), encoding="utf-8")
    run(b, "gkml", "check", "--update-ledger")
    numbers = [line.split(" ")[0] for line in (b / "published.ledger").read_text(encoding="utf-8").splitlines()[1:]]
    assert numbers == ["002986620/202003-00001", "002986620/202503-00002", "002986620/202503-00003"]


def test_conflict_markers_are_explained_in_chinese(clones: tuple[Path, Path]) -> None:
    a, b = clones
    for clone, title in ((a, "甲改的名称"), (b, "乙改的名称")):
        path = clone / "content/catalogue/fgwj/a.md"
        path.write_text(path.read_text(encoding="utf-8").replace("关于做好2020年安全生产工作的通知", title), encoding="utf-8")
        run(clone, "git", "commit", "-qam", title)
    run(a, "git", "push", "-q", "origin", "main")
    merged = run(b, "git", "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", ok=False)
    assert merged.returncode != 0  # a real conflict in the document
    check = run(b, "gkml", "check", ok=False)
    assert check.returncode == 1
    assert "content/catalogue/fgwj/a.md:2:1: 文件: 合并冲突标记，请先解决冲突" in check.stdout
    assert "YAML" not in check.stdout and "<<<<<<<" not in check.stdout.split("：", 1)[0]
    assert "找不到对应文件" not in check.stdout


def test_conflict_markers_in_the_ledger_are_explained_not_taken_for_index_numbers(tmp_path: Path) -> None:
    """A clone without the union merge (e.g. .gitattributes deleted) gets markers in the ledger."""
    (tmp_path / "content/catalogue/fgwj").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(NO_SEARCH_YML, encoding="utf-8")
    (tmp_path / "content/catalogue/fgwj/a.md").write_text(doc(index_no="002986620/202003-00001"), encoding="utf-8")
    (tmp_path / "published.ledger").write_text(
        "# 登记簿\n<<<<<<< HEAD\n002986620/202003-00001 2020-03-05 甲\n=======\n"
        "002986620/202003-00001 2020-03-05 乙\n>>>>>>> origin/main\n", encoding="utf-8")
    check = run(tmp_path, "gkml", "check", ok=False)
    assert check.returncode == 1
    lines = check.stdout.splitlines()
    assert [line.split(": ", 2)[0] for line in lines] == ["published.ledger:2:1", "published.ledger:4:1", "published.ledger:6:1"]
    assert all("合并冲突标记，请先解决冲突" in line for line in lines)


def test_the_ledger_keeps_its_windows_line_ends_when_a_number_is_added(tmp_path: Path) -> None:
    """Committed with CRLF by an editor whose git does not convert line ends, the ledger was written
    back with LF by the next update elsewhere: every line changed, not the one added."""
    (tmp_path / "content/catalogue/fgwj").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(NO_SEARCH_YML, encoding="utf-8")
    (tmp_path / "content/catalogue/fgwj/a.md").write_text(
        doc(index_no="002986620/202003-00061", title="关于登记簿换行符旁证的通知"), encoding="utf-8")
    (tmp_path / "content/catalogue/fgwj/b.md").write_text(
        doc(index_no="002986620/202003-00062", title="关于登记簿换行符新增的通知"), encoding="utf-8")
    header = "# 已发布文件的索引号登记簿：发布后不得删除或修改；由 gkml check --update-ledger 追加。\r\n"
    first = "002986620/202003-00061 2020-03-05 关于登记簿换行符旁证的通知\r\n"
    (tmp_path / "published.ledger").write_bytes((header + first).encode())
    run(tmp_path, "gkml", "check", "--update-ledger")
    added = "002986620/202003-00062 2020-03-05 关于登记簿换行符新增的通知\r\n"
    assert (tmp_path / "published.ledger").read_bytes() == (header + first + added).encode()


def test_a_ledger_set_inside_the_docs_folder_is_told_at_its_option(tmp_path: Path) -> None:
    """`ledger: content/published.ledger` passed the first check, which wrote it there; every check
    after refused it as a file of the site of a type never published, and said nothing of the option."""
    (tmp_path / "content/catalogue/fgwj").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(NO_SEARCH_YML.replace("search: false}", "search: false, ledger: content/登记簿.ledger}"),
                                         encoding="utf-8")
    (tmp_path / "content/catalogue/fgwj/a.md").write_text(
        doc(index_no="002986620/202003-00063", title="关于登记簿位置旁证的通知"), encoding="utf-8")
    result = run(tmp_path, "gkml", "check", "--update-ledger", ok=False)
    assert (result.returncode, result.stdout) == (1, (
        "mkdocs.yml:5:68: 插件选项(ledger): 登记簿 content/登记簿.ledger 在内容目录 content 中，会被当作网站的文件检查。"
        "请把它移到内容目录以外（例如 mkdocs.yml 旁边），并相应修改这里的 ledger（默认 published.ledger）。\n"))
    assert not (tmp_path / "content/登记簿.ledger").exists()
