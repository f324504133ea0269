"""`gkml portal` compares the publications it keeps, not only the sites given this run, with the
portal's own address, spelt as a browser reads it (https://host:443/ is https://host/)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from support import AgencySites, portal_config

BASES = {"yjt": "https://yjt.ah.gov.cn/gkml/", "hf": "https://hf.example.gov.cn/", "wh": "https://wh.example.gov.cn/gkml/"}


def portal(out: Path, config: Path, *sources: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), "--config", str(config), *map(str, sources)]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=600)


def test_a_kept_publication_holding_the_portals_new_address_is_left_out(tmp_path: Path, agency_sites: AgencySites) -> None:
    """hf was published; then portal.yml moved the portal under hf's site (written with its default port) and
    hf gave no site this run: its kept pages would be deployed over the portal's. hf is left out, told,
    exit 3; yjt and wh are published."""
    config = tmp_path / "portal.yml"
    config.write_text(portal_config(BASES), encoding="utf-8")
    out = tmp_path / "portal"
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    assert (out / "agency" / "hf" / "index.html").is_file()
    config.write_text(portal_config(BASES).replace("https://gkml.ah.gov.cn/", "https://hf.example.gov.cn:443/p9-portal/"),
                      encoding="utf-8")
    result = portal(out, config, agency_sites.yjt, agency_sites.wh)
    assert result.returncode == 3, result.stderr
    assert "合肥市应急管理局（hf）：未列入门户" in result.stderr, result.stderr
    assert "包含门户自己的网址 https://hf.example.gov.cn:443/p9-portal/" in result.stderr, result.stderr
    assert not (out / "agency" / "hf").exists()
    assert (out / "agency" / "wh" / "index.html").is_file() and (out / "agency" / "yjt" / "index.html").is_file()


def test_a_site_refused_this_run_falls_back_only_to_a_kept_publication_its_address_allows(
        tmp_path: Path, agency_sites: AgencySites) -> None:
    """wh (its address its contract's: no base_url) was published at /gkml/; then portal.yml moved the portal
    under /gkml/, and wh gave a site claiming another address, refused (its documents' addresses are
    off it). Its kept publication, at /gkml/, holds the portal: left out, told, not published over it."""
    config = tmp_path / "portal.yml"
    first = portal_config(BASES).replace(f', base_url: "{BASES["wh"]}"', "")
    config.write_text(first, encoding="utf-8")
    out = tmp_path / "portal"
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    assert (out / "agency" / "wh" / "index.html").is_file()
    moved = tmp_path / "wh-moved"
    shutil.copytree(agency_sites.wh, moved)
    contract = json.loads((moved / "gkml-site.json").read_text("utf-8"))
    contract["site_url"] = "https://wh.example.gov.cn/p10-moved/"
    (moved / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    config.write_text(first.replace("https://gkml.ah.gov.cn/", "https://wh.example.gov.cn/gkml/p10-portal/"), encoding="utf-8")
    result = portal(out, config, agency_sites.yjt, agency_sites.hf, moved)
    assert result.returncode == 3, result.stderr
    assert "芜湖市应急管理局（wh）：未列入门户" in result.stderr, result.stderr
    assert "p10-moved" in result.stderr and "包含门户自己的网址 https://wh.example.gov.cn/gkml/p10-portal/" in result.stderr
    assert not (out / "agency" / "wh").exists() and not (out / "pagefind" / "wh").exists()
    assert (out / "agency" / "hf" / "index.html").is_file() and (out / "agency" / "yjt" / "index.html").is_file()
