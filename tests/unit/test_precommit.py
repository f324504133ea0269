"""The pre-commit example works as written, offline, and tells the editor in Chinese what to do next (#15)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import NO_SEARCH_YML, ROOT, doc

BIN = str(Path(sys.executable).parent)  # the activated .venv, as the example asks
ENV = {**os.environ, "PATH": BIN + os.pathsep + os.environ["PATH"], "GIT_CONFIG_GLOBAL": os.devnull,
       "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "e@example.invalid",
       "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.invalid"}


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], check=False, cwd=repo, capture_output=True, text=True, env=ENV, timeout=300)


def repository(tmp_path: Path) -> Path:
    """A content repository with the example's hooks installed."""
    repo = tmp_path / "repo"
    (repo / "content/catalogue/fgwj").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text(NO_SEARCH_YML, encoding="utf-8")
    shutil.copy(ROOT / "pre-commit-config.example.yaml", repo / ".pre-commit-config.yaml")
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    installed = subprocess.run([f"{BIN}/pre-commit", "install"], check=False, cwd=repo, capture_output=True, text=True, env=ENV)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def test_example_hooks_fix_check_and_ledger_with_chinese_next_steps(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    document = repo / "content/catalogue/fgwj/a.md"
    document.write_text(doc(created="2020/3/2"), encoding="utf-8")  # fix rewrites it to 2020-03-02
    git(repo, "add", "-A")
    first = git(repo, "commit", "-m", "发布")
    assert first.returncode != 0
    output = first.stdout + first.stderr
    assert "gkml fix 已修改文件，请 git add 后再次提交" in output
    assert "created: 2020-03-02" in document.read_text(encoding="utf-8")
    assert "请 git add published.ledger 后再次提交" in output  # the ledger hook recorded the new number
    assert "002986620/202003-00012" in (repo / "published.ledger").read_text(encoding="utf-8")

    git(repo, "add", "-A")
    second = git(repo, "commit", "-m", "发布")
    assert second.returncode == 0, second.stdout + second.stderr

    document.write_text(doc("validity: no"), encoding="utf-8")
    git(repo, "add", "-A")
    broken = git(repo, "commit", "-m", "改")
    assert broken.returncode != 0
    output = broken.stdout + broken.stderr
    assert "content/catalogue/fgwj/a.md:9:11: 有效性(validity)" in output
    assert "修正后请 git add 并再次提交" in output

    # A TODO an import left for an optional field: the commit goes through, and says so.
    document.write_text(doc("# TODO(待补充): 文号（建议值，核对后删去行首的 “# ”）", "# doc_no: 皖应急2020-15号"),
                        encoding="utf-8")
    git(repo, "add", "-A")
    noticed = git(repo, "commit", "-m", "导入")
    assert noticed.returncode == 0, noticed.stdout + noticed.stderr
    output = noticed.stdout + noticed.stderr
    assert "content/catalogue/fgwj/a.md:9:1: 文号(doc_no): 导入时留下的待补充项" in output, output
    assert "提示：1 个文件中还有 1 处导入时留下的待补充项" in output


def test_a_document_not_yet_added_to_git_is_not_recorded_in_the_ledger_a_commit_holds(tmp_path: Path) -> None:
    """The ledger hook checks the working folder, where a finished document may wait unadded: its
    number went into the ledger committed without it, and every clone's check then failed
    (已发布的索引号 … 找不到对应文件) until a withdrawal notice was written for a file never committed."""
    repo = repository(tmp_path)
    (repo / "content/catalogue/fgwj/a.md").write_text(doc(), encoding="utf-8")
    (repo / "content/catalogue/fgwj/waiting.md").write_text(
        doc(index_no="002986620/202003-00013", title="还没有提交的文件"), encoding="utf-8")
    git(repo, "add", "mkdocs.yml", ".pre-commit-config.yaml", "content/catalogue/fgwj/a.md")
    first = git(repo, "commit", "-m", "发布")
    assert first.returncode != 0  # the ledger recorded a.md's number
    assert "1 个文件还没有 git add，本次提交不登记它们的索引号（例如 content/catalogue/fgwj/waiting.md）" in first.stderr
    ledger = (repo / "published.ledger").read_text(encoding="utf-8")
    assert "002986620/202003-00012" in ledger and "00013" not in ledger
    git(repo, "add", "published.ledger")
    assert git(repo, "commit", "-m", "发布").returncode == 0

    clone = tmp_path / "clone"
    assert git(tmp_path, "clone", "-q", str(repo), str(clone)).returncode == 0
    checked = subprocess.run([f"{BIN}/gkml", "check"], check=False, cwd=clone, capture_output=True, text=True, env=ENV)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    git(repo, "add", "content/catalogue/fgwj/waiting.md")
    assert git(repo, "commit", "-m", "发布").returncode != 0  # now it is recorded
    assert "002986620/202003-00013" in (repo / "published.ledger").read_text(encoding="utf-8")


def test_a_document_whose_name_windows_changed_only_in_case_is_recorded_as_committed(tmp_path: Path) -> None:
    """Renamed Report.md → report.md in Explorer after git add: Windows git keeps the index's name
    (core.ignorecase), so `git add` never changes it; the ledger hook took the document for one not
    yet added, on every commit, and its number was never recorded. The index Windows leaves, made here."""
    repo = tmp_path / "repo"
    (repo / "content/catalogue/fgwj").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text(NO_SEARCH_YML, encoding="utf-8")
    document = repo / "content/catalogue/fgwj/report.md"
    document.write_text(doc(), encoding="utf-8")
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    blob = git(repo, "hash-object", "-w", str(document)).stdout.strip()
    assert git(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},content/catalogue/fgwj/Report.md").returncode == 0
    hook = subprocess.run([f"{BIN}/gkml", "check", "--update-ledger", "--pre-commit"], check=False, cwd=repo,
                          capture_output=True, text=True, env=ENV)
    assert hook.returncode == 1 and "还没有 git add" not in hook.stderr, hook.stderr
    assert "登记簿新增 1 个已发布索引号" in hook.stderr
    assert "002986620/202003-00012" in (repo / "published.ledger").read_text(encoding="utf-8")


def test_a_ledger_the_system_will_not_let_the_hook_write_is_told(tmp_path: Path) -> None:
    """published.ledger marked read-only, or open in an editor on Windows: the ledger hook ended in
    a PermissionError traceback."""
    repo = tmp_path / "repo"
    (repo / "content/catalogue/fgwj").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text(NO_SEARCH_YML, encoding="utf-8")
    (repo / "content/catalogue/fgwj/a.md").write_text(doc(), encoding="utf-8")
    ledger = repo / "published.ledger"
    ledger.write_text("# 登记簿\n", encoding="utf-8")
    ledger.chmod(0o444)
    immutable = os.access(ledger, os.W_OK)  # root writes a read-only file: the system must refuse it
    if immutable and subprocess.run(["chattr", "+i", str(ledger)], capture_output=True, check=False).returncode:
        pytest.skip("no way here to make the system refuse to write a file")
    try:
        hook = subprocess.run([f"{BIN}/gkml", "check", "--update-ledger"], check=False, cwd=repo,
                              capture_output=True, text=True, env=ENV)
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(ledger)], check=True)
        ledger.chmod(0o644)
    assert hook.returncode == 1 and "Traceback" not in hook.stderr, hook.stderr
    assert "gkml check: 无法写入登记簿 published.ledger（" in hook.stderr
    assert "），登记簿未更新。请取消它的“只读”属性（右键→属性）或关闭打开它的程序，再运行一次。" in hook.stderr
    assert ledger.read_text(encoding="utf-8") == "# 登记簿\n"


def test_a_markdown_file_outside_the_docs_folder_is_committed_as_written(tmp_path: Path) -> None:
    """The hooks run on every staged .md: gkml fix "corrected" a README by the documents' rules (a
    blank line put above its list, its picture given an alt, a GBK notes file converted), so the
    commit stopped, and told each as a file with problems to correct by hand that gkml check never reads."""
    repo = repository(tmp_path)
    (repo / "content/catalogue/fgwj/a.md").write_text(doc(title="关于仓库说明文件旁证的通知"), encoding="utf-8")
    readme = "# 仓库说明\n编辑须知：\n- 每个文件一份\n- 提交前检查\n\n![](流程.png)\n".encode()
    notes = "# 会议记录\n中文记录\n".encode("gbk")
    (repo / "README.md").write_bytes(readme)
    (repo / "说明 文件").mkdir()
    (repo / "说明 文件/会议 记录.md").write_bytes(notes)
    (repo / "published.ledger").write_text("", encoding="utf-8")
    git(repo, "add", "-A")
    first = git(repo, "commit", "-m", "说明")  # the ledger hook records a.md's number: commit again
    git(repo, "add", "-A")
    second = git(repo, "commit", "-m", "说明")
    assert (repo / "README.md").read_bytes() == readme
    assert (repo / "说明 文件/会议 记录.md").read_bytes() == notes
    assert second.returncode == 0, first.stdout + first.stderr + second.stdout + second.stderr
    fixed = subprocess.run([f"{BIN}/gkml", "fix", "README.md"], check=False, cwd=repo, capture_output=True, text=True,
                           env=ENV)
    assert (fixed.returncode, fixed.stderr.splitlines()[0]) == (
        0, "README.md: 不在网站的内容目录（mkdocs.yml 的 docs_dir）中，不是公开文件，gkml 不读取它，未修正。")
    walked = subprocess.run([f"{BIN}/gkml", "fix", "."], check=False, cwd=repo, capture_output=True, text=True, env=ENV)
    assert (walked.returncode, walked.stderr) == (0, "已检查 1 个文件，没有需要自动修正的地方。\n")
    assert (repo / "README.md").read_bytes() == readme
