"""What the portal tells readers it is, and whose an address is: its own feed's id kept across a rename,
and one agency's site inside another's refused, named, with what to fix."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from support import AgencySites, build_site, doc, portal_config, small_site_yml

BASES = {"yjt": "https://yjt.ah.gov.cn/gkml/", "hf": "https://hf.example.gov.cn/", "wh": "https://wh.example.gov.cn/gkml/"}
NO_CONFIG = "没有门户配置（--config portal.yml）时按命令行中站点目录的顺序，它的站点在前面；请用门户配置写明各机关"


def portal(out: Path, config: Path | None, *sources: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), *(["--config", str(config)] if config else []),
           *map(str, sources)]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=900)  # a hang guard


def _feed_id(out: Path) -> str:
    found = re.search(r"<feed\b[^>]*>\s*<id>([^<]*)</id>", (out / "feed.xml").read_text("utf-8"))
    assert found, (out / "feed.xml").read_text("utf-8")[:500]
    return found[1]


def test_the_portals_feed_id_survives_a_new_title_and_an_older_gkmls_state(tmp_path: Path, agency_sites: AgencySites) -> None:
    """Without site_url the feed's id was made from the portal's title: renaming the portal made every
    feed reader take it for a new feed. Now it is made once, kept in the portal's state; a portal an
    older gkml wrote keeps the id its feed.xml has."""
    config = tmp_path / "portal.yml"
    yml = portal_config(BASES).replace("site_url: https://gkml.ah.gov.cn/\n", "")
    config.write_text(yml, encoding="utf-8")
    out = tmp_path / "out"
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    first = _feed_id(out)
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", first), first
    config.write_text(yml.replace("安徽省政府信息公开平台", "安徽省人民政府信息公开平台"), encoding="utf-8")
    renamed = portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh)
    assert renamed.returncode == 0, renamed.stderr
    assert "安徽省人民政府信息公开平台" in (out / "feed.xml").read_text("utf-8") and _feed_id(out) == first
    # an older gkml's portal: no feed_id in its state, its feed's id made from its title
    marker = out / ".gkml-portal.json"
    state = json.loads(marker.read_text("utf-8"))
    marker.write_text(json.dumps({k: v for k, v in state.items() if k != "feed_id"}), encoding="utf-8")
    old = "tag:gkml-portal,2019:%E5%AE%89%E5%BE%BD%E7%9C%81"
    feed = out / "feed.xml"
    feed.write_text(feed.read_text("utf-8").replace(first, old, 1), encoding="utf-8")
    config.write_text(yml.replace("安徽省政府信息公开平台", "安徽省政务公开平台"), encoding="utf-8")
    assert portal(out, config, agency_sites.yjt, agency_sites.hf, agency_sites.wh).returncode == 0
    assert _feed_id(out) == old and json.loads(marker.read_text("utf-8"))["feed_id"] == old


def _site_at(root: Path, agency: str, org_code: str, site_url: str, title: str, number: str) -> Path:
    root.mkdir()
    yml = small_site_yml("测试", site_url=site_url)
    return build_site(root, yml.replace("agency: 测试厅", f"agency: {agency}").replace('"002986620"', f'"{org_code}"'),
                      {"fgwj/a.md": doc(title=title, index_no=number)})


def test_an_agency_site_inside_another_agencys_is_refused_named(tmp_path: Path) -> None:
    """Two agencies at https://x/gkml/ and https://x/gkml/sub/ were published side by side: the outer site's
    deployment replaces the inner one's folder, and a page of one is at an address of the other. The agency
    first (without portal.yml: on the command line) keeps its address; the other is held back, told which
    address to check, and why the first keeps it."""
    outer = _site_at(tmp_path / "outer", "宣城市应急管理局", "113418000", "https://xc.example.gov.cn/gkml/",
                     "关于嵌套外层事项的通知", "113418000/202003-00091")
    inner = _site_at(tmp_path / "inner", "宣城市地震局", "113418100", "https://XC.example.gov.cn/gkml/sub/",
                     "关于嵌套内层事项的通知", "113418100/202003-00091")
    result = portal(tmp_path / "portal", None, outer, inner)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert (f"宣城市地震局（{inner}）：站点的网址 https://XC.example.gov.cn/gkml/sub/ 在机关代码 113418000 的站点 "
            f"https://xc.example.gov.cn/gkml/ 之内（{NO_CONFIG}），一个机关的网站不能在另一个机关的网站之内"
            "（两站的网页地址重叠，部署一个会覆盖另一个），请核对该站点的 site_url（或门户配置中该机关的 base_url），"
            "拒绝采用该站点。") in result.stderr, result.stderr
    records = json.loads((tmp_path / "portal" / "catalogue.json").read_text("utf-8"))["documents"]
    assert [r["index_no"] for r in records] == ["113418000/202003-00091"]
    # portal.yml lists the inner one first: the outer one is held back; the inner one stands
    config = tmp_path / "portal.yml"
    config.write_text("title: 测试省\ngroups:\n  - name: 市县\n    agencies:\n"
                      "      - {org_code: '113418100', slug: dzj}\n      - {org_code: '113418000', slug: xc}\n",
                      encoding="utf-8")
    result = portal(tmp_path / "listed", config, outer, inner)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert (f"宣城市应急管理局（{outer}）：站点的网址 https://xc.example.gov.cn/gkml/ 包含机关代码 113418100 的站点 "
            "https://XC.example.gov.cn/gkml/sub/（它在门户配置中列在前面），一个机关的网站不能在另一个机关的网站之内") \
        in result.stderr, result.stderr
    records = json.loads((tmp_path / "listed" / "catalogue.json").read_text("utf-8"))["documents"]
    assert [r["index_no"] for r in records] == ["113418100/202003-00091"]
    # a sibling folder is no other agency's site: both published
    sibling = _site_at(tmp_path / "sibling", "宣城市地震局", "113418100", "https://xc.example.gov.cn/gkml2/",
                       "关于嵌套旁邻事项的通知", "113418100/202003-00092")
    assert portal(tmp_path / "both", None, outer, sibling).returncode == 0


def test_an_agency_site_holding_the_portals_own_address_is_refused_named(tmp_path: Path, agency_sites: AgencySites) -> None:
    """portal.yml put the portal at https://www.example.gov.cn/gkml/ and an agency at https://www.example.gov.cn/:
    the agency's site held the portal's folder (its deployment replaces the portal's, its pages at the portal's
    addresses). That agency is held back, told what to check; one in a folder under the portal's stands."""
    config = tmp_path / "portal.yml"
    config.write_text("title: 测试省\nsite_url: https://www.example.gov.cn/gkml/\ngroups:\n  - name: 市县\n    agencies:\n"
                      "      - {org_code: '113401000', slug: hf, base_url: 'https://WWW.example.gov.cn/'}\n"
                      "      - {org_code: '113402000', slug: wh, base_url: 'https://www.example.gov.cn/gkml/wh/'}\n",
                      encoding="utf-8")
    result = portal(tmp_path / "portal", config, agency_sites.hf, agency_sites.wh)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert (f"合肥市应急管理局（{agency_sites.hf.resolve()}）：站点的网址 https://WWW.example.gov.cn/ 包含门户自己的网址 "
            "https://www.example.gov.cn/gkml/（门户配置的 site_url），两者的网页会部署在同一处、相互覆盖，请核对该站点的 site_url"
            "（或门户配置中该机关的 base_url）或门户配置的 site_url，拒绝采用该站点。") in result.stderr, result.stderr
    agencies = json.loads((tmp_path / "portal" / "agencies.json").read_text("utf-8"))["agencies"]
    assert [a["slug"] for a in agencies] == ["wh"]


def test_a_site_of_an_org_code_the_portal_does_not_list_says_what_to_fix(tmp_path: Path, agency_sites: AgencySites) -> None:
    """hf's site declares 113401000, portal.yml lists 合肥市应急管理局 as 113401009 (a typo, or a new code):
    the site was told "not in the portal's configuration", and the agency "gave no site", nothing saying they
    are one. Now the stray line names the listed code of that name and what to check; a new agency is told to
    be added."""
    config = tmp_path / "portal.yml"
    config.write_text("title: 测试省\ngroups:\n  - name: 市县\n    agencies:\n"
                      "      - {org_code: '113401009', slug: hf, name: 合肥市应急管理局, base_url: 'https://hf.example.gov.cn/'}\n",
                      encoding="utf-8")
    result = portal(tmp_path / "portal", config, agency_sites.hf, agency_sites.wh)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr  # no agency to publish: refused
    assert (f"机关代码 113401000 不在门户配置中：合肥市应急管理局（{agency_sites.hf.resolve()}），未列入门户"
            "（门户配置中同名机关的机关代码是 113401009，如是同一机关，请核对该站点的 org_code）") in result.stderr, result.stderr
    assert (f"机关代码 113402000 不在门户配置中：芜湖市应急管理局（{agency_sites.wh.resolve()}），未列入门户"
            "（如是新的机关，请在门户配置中加入它）") in result.stderr, result.stderr
