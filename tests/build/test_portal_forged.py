"""A copy of an agency's site with its catalogue.json changed and the contract's digest made to match (as a
forger, or a tool other than gkml, would): the portal republishes each record whole in its open data, so a
record must be what gkml writes, or the site is refused, named, and the agency keeps its last good one."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import AgencySites, forged_site

CONFIG = ("title: 测试省\ngroups:\n  - name: 市县\n    agencies:\n"
          "      - {org_code: '113401000', slug: hf, base_url: 'https://hf.example.gov.cn/'}\n"
          "      - {org_code: '113402000', slug: wh, base_url: 'https://wh.example.gov.cn/gkml/'}\n")


def _portal(out: Path, config: Path, *sources: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), "--config", str(config),
                           *map(str, sources)], check=False, capture_output=True, text=True, timeout=900)  # a hang guard


@pytest.mark.parametrize(("change", "told"), [
    (lambda d: d.update(homepage="https://evil.example/"), "的字段 homepage 不是该站点 catalogue.schema.json 声明的字段"),
    (lambda d: d.update(keywords={"链接": "https://evil.example/"}), "的字段 keywords 的值不是 gkml 写出的值（文字、数字或文字的列表）"),
    (lambda d: d.update(attachments="https://evil.example/x.exe"), "的附件（attachments）不是 gkml 写出的格式"),
])
def test_a_record_gkml_does_not_write_refuses_the_site_and_keeps_the_last_good_one(
        tmp_path: Path, agency_sites: AgencySites, change: Callable[[dict[str, Any]], None], told: str) -> None:
    """Each reached the portal's catalogue.json as it was: another host's address under the agency's name."""
    config = tmp_path / "portal.yml"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "portal"
    assert _portal(out, config, agency_sites.hf, agency_sites.wh).returncode == 0
    before = (out / "catalogue.json").read_bytes()
    forged = forged_site(agency_sites.hf, tmp_path / "forged", change)
    number = json.loads((forged / "catalogue.json").read_text("utf-8"))["documents"][0]["index_no"]
    result = _portal(out, config, forged, agency_sites.wh)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert "合肥市应急管理局（hf）：保留其" in result.stderr and f"catalogue.json 中索引号 {number} {told}" in result.stderr, \
        result.stderr
    assert (out / "catalogue.json").read_bytes() == before and b"evil.example" not in before
