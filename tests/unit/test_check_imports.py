"""`gkml check` in a pre-commit hook starts without what only a build, a site including files or a
misspelt name needs (at 10,000 documents the one-file check is mostly its start)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import COMMANDS_YML, doc

# the build's (memory given back, its progress line), a site's pymdownx.snippets, a misspelt name's match
NOT_NEEDED = ("ctypes", "gkml.build.progress", "gkml.site.includes", "difflib")

RUN = "import sys; from gkml.cli import main; code = main(sys.argv[1:]); print(' '.join(sorted(sys.modules))); sys.exit(code)"


def _project(root: Path) -> Path:
    (root / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    path = root / "content" / "catalogue" / "fgwj" / "imports.md"
    path.parent.mkdir(parents=True)
    path.write_text(doc(title="只检查一个文件时的导入", index_no="002986620/202003-07801"), encoding="utf-8")
    return path


def test_a_one_file_check_imports_only_what_checking_needs(tmp_path: Path) -> None:
    path = _project(tmp_path)
    ran = subprocess.run([sys.executable, "-c", RUN, "check", str(path.relative_to(tmp_path))], cwd=tmp_path,
                         capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    assert "已检查 1 个文件，未发现问题" in ran.stderr
    modules = set(ran.stdout.split())
    assert "gkml.content.crossfacts" in modules
    assert [name for name in NOT_NEEDED if name in modules] == []
    # what they serve still works when asked for
    report = subprocess.run([sys.executable, "-m", "gkml.cli", "check", "--json"], cwd=tmp_path, capture_output=True,
                            text=True, encoding="utf-8", timeout=120, check=False)
    assert (report.returncode, json.loads(report.stdout)) == (0, [])
    path.write_text(doc(title="只检查一个文件时的导入", index_no="002986620/202003-07801").replace("publisher:", "publsher:"),
                    encoding="utf-8")
    misspelt = subprocess.run([sys.executable, "-m", "gkml.cli", "check"], cwd=tmp_path, capture_output=True,
                              text=True, encoding="utf-8", timeout=120, check=False)
    assert misspelt.returncode == 1 and "publisher" in misspelt.stdout, misspelt.stdout
