"""`gkml check` remembers files it has checked, and never trusts a remembered result wrongly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import doc

MKDOCS_YML = 'site_name: 测试\ndocs_dir: content\nplugins:\n  - gkml: {agency: 安徽省应急管理厅, org_code: "002986620"}\n'


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=root, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    folder = tmp_path / "content" / "catalogue" / "fgwj"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text(doc("attachments: [{file: a.pdf, title: 附件}]"), encoding="utf-8")
    (folder / "a.pdf").write_bytes(b"%PDF-1.4")
    (folder / "b.md").write_text(doc(index_no="002986620/202003-00013"), encoding="utf-8")
    return tmp_path


def test_results_are_reused_until_a_file_or_what_it_refers_to_changes(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert check(root).returncode == 0
    assert (root / ".gkml-cache" / "check.pickle").is_file()
    assert check(root).returncode == 0  # from the cache
    # the attachment disappears: a.md is checked again although its bytes did not change
    (root / "content/catalogue/fgwj/a.pdf").unlink()
    result = check(root)
    assert result.returncode == 1 and "a.pdf" in result.stdout
    (root / "content/catalogue/fgwj/a.pdf").write_bytes(b"%PDF-1.4")
    assert check(root).returncode == 0
    # an edit with the same size and an older modification time is still seen (bytes are hashed)
    path = root / "content/catalogue/fgwj/b.md"
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("disclosure: 主动公开", "disclosure: 主动公Q"),
                    encoding="utf-8")
    result = check(root)
    assert result.returncode == 1 and "b.md" in result.stdout
    del stat
    # cross-document rules always see every file: a duplicate index number in an unchanged file
    path.write_text(doc(), encoding="utf-8")
    result = check(root)
    assert result.returncode == 1 and "a.md" in result.stdout and "b.md" in result.stdout


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert check(root).returncode == 0
    (root / ".gkml-cache" / "check.pickle").write_bytes(b"\x80\x05garbage")
    assert check(root).returncode == 0
    (root / "content/catalogue/fgwj/a.pdf").unlink()
    assert check(root).returncode == 1
