"""Once set up, tools/build-site and tools/setup --test work without the network and install nothing (#15)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support import ROOT


def offline(*command: str) -> subprocess.CompletedProcess[str]:
    """`command` in a new network namespace with no interface up: nothing can be fetched."""
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("unshare -rn is not permitted here (no user namespaces)")
    return subprocess.run(["unshare", "-rn", *command], capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)


def stamps() -> dict[str, float]:
    return {path.name: path.stat().st_mtime for path in (ROOT / ".venv").glob(".setup-*")}


def test_setup_is_a_no_op_offline_once_done() -> None:
    before = stamps()
    assert {".setup-product", ".setup-test"} <= set(before), "tools/test runs tools/setup --test first"
    result = offline(str(ROOT / "tools/setup"), "--test")
    assert result.returncode == 0, result.stderr
    assert stamps() == before  # nothing was reinstalled


def test_build_site_works_offline(tmp_path: Path) -> None:
    before = stamps()
    result = offline(str(ROOT / "tools/build-site"), "-q", "-d", str(tmp_path / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "pagefind").is_dir()  # the search index too
    assert stamps() == before
