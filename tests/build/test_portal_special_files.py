"""A site folder holding a pipe or a link to a device where gkml writes a file (an artifact's tar keeps either):
the portal refuses the site, named, and goes on; it never waits on the pipe nor reads /dev/zero till the
machine's memory is gone."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import AgencySites

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes of the file system: POSIX")


def _bounded() -> None:  # the old portal read /dev/zero into memory: 2 GB, not the shared machine's
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _portal(out: Path, *sources: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", "portal", "-q", "--out", str(out), *map(str, sources)],
                          check=False, capture_output=True, text=True, timeout=300, preexec_fn=_bounded)  # a hang guard


@pytest.mark.parametrize(("name", "make", "told"), [
    ("gkml-site.json", os.mkfifo, "gkml-site.json 不是普通文件（符号链接、管道、设备或文件夹）"),
    ("gkml-site.json", lambda path: os.symlink("/dev/zero", path), "gkml-site.json 不是普通文件（符号链接、管道、设备或文件夹）"),
    ("catalogue.json", os.mkfifo, "catalogue.json 不是普通文件（管道、设备或文件夹）"),
])
def test_a_pipe_or_a_device_in_a_site_is_refused(tmp_path: Path, agency_sites: AgencySites, name: str, make: object,
                                                 told: str) -> None:
    site = tmp_path / "hf"
    shutil.copytree(agency_sites.hf, site)
    (site / name).unlink()
    make(site / name)  # type: ignore[operator]
    result = _portal(tmp_path / "portal", site, agency_sites.wh)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert told in result.stderr and "拒绝采用该站点" in result.stderr, result.stderr
    assert (tmp_path / "portal" / "agency" / "113402000" / "index.html").is_file()
