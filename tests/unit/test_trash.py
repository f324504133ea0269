"""A replaced site is deleted by a detached process at the lowest priority, so that deleting its
tens of thousands of files never slows the next build or the preview's rebuild beside it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from gkml.build.atomic import DELETER, discard


def _site(folder: Path) -> Path:
    for n in range(50):
        (folder / f"p{n}").mkdir(parents=True)
        (folder / f"p{n}" / "index.html").write_text("x", "utf-8")
    return folder


def test_a_discarded_folder_is_gone_at_once_and_deleted_in_the_background(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    discard(site)
    assert not site.exists()
    deadline = time.monotonic() + 60  # a hang guard
    while any(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX niceness")
def test_the_deleter_runs_at_the_lowest_priority(tmp_path: Path) -> None:
    site = _site(tmp_path / "trash")
    ran = subprocess.run([sys.executable, "-c", DELETER + "\nprint(os.nice(0))", str(site)],
                         capture_output=True, text=True, timeout=60, check=True)
    assert ran.stdout.strip() == "19" and not site.exists()
