"""gkml portal against an agency site whose search shards' own files (the page list, the filter files)
disagree with its catalogue.json while every digest of its contract agrees: the site is refused, the
agency, the document and what to do named."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cbor2
import pytest
from gkml.search.pffiles import pack, unpack_bytes
from support import AgencySites, build_site, doc, small_site_yml

URL = "https://shards.example.gov.cn/gkml/"
OLD, NEW = "002986620/202003-00061", "002986620/202003-00062"
REFUSED = "请用 gkml 重新生成该站点后再发布，拒绝采用该站点。"


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shards")
    return build_site(root, small_site_yml("测试", site_url=URL), {
        "fgwj/a.md": doc(title="关于分片核对旧事项的通知", index_no=OLD, published="2020-03-05 09:30"),
        "fgwj/b.md": doc(title="关于分片核对新事项的通知", index_no=NEW, published="2021-04-01 10:00")})


def portal(out: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), str(site)],
                          check=False, capture_output=True, text=True)


def forged(honest: Path, tmp_path: Path, ending: str, change: Callable[[Any], Any], many: bool = False) -> Path:
    """A copy of the site (made once) with each search file ending in `ending` (CBOR, or a fragment's
    JSON) changed, and the contract's digests made to agree."""
    site = tmp_path / "site"
    if not site.exists():
        shutil.copytree(honest, site)
    contract = json.loads((site / "gkml-site.json").read_text("utf-8"))
    files = sorted(rel for rel in contract["search"]["files"] if rel.endswith(ending))
    assert files and (many or len(files) == 1), files
    for rel in files:
        raw = unpack_bytes((site / rel).read_bytes(), rel)
        if rel.endswith(".pf_fragment"):
            raw = json.dumps(change(json.loads(raw)), ensure_ascii=False).encode("utf-8")
        else:
            raw = cbor2.dumps(change(cbor2.loads(raw)))
        (site / rel).write_bytes(pack(raw))
        assert (site / rel).read_bytes().startswith(b"\x1f\x8b") and unpack_bytes((site / rel).read_bytes(), rel) == raw
        contract["search"]["files"][rel] = hashlib.sha256((site / rel).read_bytes()).hexdigest()
    (site / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    return site


def refused(tmp_path: Path, site: Path, *told: str) -> None:
    result = portal(tmp_path / "portal", site)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(t in result.stderr for t in told), result.stderr
    assert not (tmp_path / "portal").exists()


def test_the_honest_site_is_taken(honest: Path, tmp_path: Path) -> None:
    result = portal(tmp_path / "portal", honest)
    assert result.returncode == 0, result.stderr


def test_a_filter_file_counting_a_document_under_another_category_keeps_the_site_out(honest: Path, tmp_path: Path) -> None:
    """The fragments (what a result shows) were the record's, but the shard's 信息分类 filter file put
    the old document under 政策解读: the province's search counted and filtered it there."""
    def change(data: Any) -> Any:
        name, values = data
        if name == "信息分类":
            values = [["法规文件", [1]], ["政策解读", [0]]]
        return [name, values]
    site = forged(honest, tmp_path, ".pf_filter", change, many=True)
    refused(tmp_path, site, f"测试厅：检索索引（pagefind/2020-2021/filter/）中页面 {URL}doc/002986620-202003-00061/ 的筛选项"
            f"“信息分类”是“政策解读”，与 catalogue.json 中索引号 {OLD} 的“法规文件”不同（全省检索会按它筛选和计数），{REFUSED}")


def test_a_fragment_filtered_as_another_validity_keeps_the_site_out(honest: Path, tmp_path: Path) -> None:
    def change(data: Any) -> Any:
        if data["url"].endswith("00061/"):
            data["filters"]["有效性"] = ["废止"]
        return data
    site = forged(honest, tmp_path, ".pf_fragment", change, many=True)
    refused(tmp_path, site, f"中页面 {URL}doc/002986620-202003-00061/ 的筛选项“有效性”是“废止”，"
            f"与 catalogue.json 中索引号 {OLD} 的“有效”不同")


def test_pages_numbered_against_their_dates_keep_the_site_out(honest: Path, tmp_path: Path) -> None:
    """gkml-search.js ranks a page of gkml's bundle by its number (the bundle is numbered by date): the two
    fragments swapped, and every filter file made to agree, put the 2020 document above the 2021 one."""
    site = forged(honest, tmp_path, ".pf_filter", lambda data: [data[0], [[v, [1 - n for n in ns]] for v, ns in data[1]]],
                  many=True)
    fragments = sorted((site / "pagefind").rglob("*.pf_fragment"))
    assert [f.name for f in fragments] == ["0.pf_fragment", "1.pf_fragment"]
    first, second = (f.read_bytes() for f in fragments)
    fragments[0].write_bytes(second)
    fragments[1].write_bytes(first)
    contract = json.loads((site / "gkml-site.json").read_text("utf-8"))
    for f in fragments:
        contract["search"]["files"][f.relative_to(site).as_posix()] = hashlib.sha256(f.read_bytes()).hexdigest()
    (site / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    refused(tmp_path, site, f"测试厅：检索分片 pagefind/2020-2021/ 中页面 {URL}doc/002986620-202003-00062/（索引号 {NEW}，"
            f"catalogue.json 中 2021-04-01 发布）排在 {URL}doc/002986620-202003-00061/（2020-03-05 发布）之前，"
            f"与发布日期的先后相反（全省检索按发布日期排序会把旧文件排在新文件前面），{REFUSED}")


def test_a_page_list_truncated_keeps_the_site_out(honest: Path, tmp_path: Path) -> None:
    """The shard's page list (pf_meta) cut to its first page: the second document, listed by the portal,
    could never be found by its search."""
    def change(data: Any) -> Any:
        data[1] = data[1][:1]
        return data
    site = forged(honest, tmp_path, ".pf_meta", change)
    forged(honest, tmp_path, ".pf_filter", lambda data: [data[0], [[v, [n for n in ns if n == 0]] for v, ns in data[1]]],
           many=True)
    contract = json.loads((site / "gkml-site.json").read_text("utf-8"))
    contract["search"]["shards"][0]["pages"] = 1  # as the list: the count alone is told otherwise
    (site / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    refused(tmp_path, site, f"测试厅：检索分片 pagefind/2020-2021/ 的页面清单（pagefind.*.pf_meta）与其页面文件不符"
            f"（{URL}doc/002986620-202003-00062/），检索不到或会显示不存在的页面，{REFUSED}")


def _contract_changed(honest: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    site = Path(shutil.copytree(honest, tmp_path / "site"))
    contract = json.loads((site / "gkml-site.json").read_text("utf-8"))
    change(contract)
    (site / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    return site


def test_two_shards_of_one_name_keep_the_site_out(agency_sites: AgencySites, tmp_path: Path) -> None:
    """The search page keeps one Pagefind per shard name: a second shard named as the first was never
    asked, and its documents, listed by the portal, never found."""
    def change(contract: dict[str, Any]) -> None:
        contract["search"]["shards"][1]["name"] = contract["search"]["shards"][0]["name"]
    site = _contract_changed(agency_sites.wh, tmp_path, change)
    name = json.loads((site / "gkml-site.json").read_text("utf-8"))["search"]["shards"][0]["name"]
    refused(tmp_path, site, f"芜湖市应急管理局：gkml-site.json 的 search.shards 中不止一个检索分片名为 {name}"
            f"（全省检索只会检索其中一个），{REFUSED}")


def test_a_shard_claiming_more_pages_than_it_has_keeps_the_site_out(honest: Path, tmp_path: Path) -> None:
    """The portal's shards.json gives each shard's page count as the agency's contract claimed it."""
    site = _contract_changed(honest, tmp_path, lambda contract: contract["search"]["shards"][0].update(pages=10 ** 12))
    refused(tmp_path, site, f"测试厅：gkml-site.json 的 search.shards 中检索分片 2020-2021 的页数 {10 ** 12} 与其页面清单的 2 页不同，"
            f"{REFUSED}")


def test_an_index_chunk_cut_short_keeps_the_site_out(honest: Path, tmp_path: Path) -> None:
    """A chunk written short (a full disk during the agency's build), its digest taken of what was
    written: every search reaching it failed on the portal's search page."""
    def change(contract: dict[str, Any]) -> None:
        (rel,) = [rel for rel in contract["search"]["files"] if rel.endswith(".pf_index")]
        data = (tmp_path / "site" / rel).read_bytes()
        (tmp_path / "site" / rel).write_bytes(data[: len(data) // 2])
        contract["search"]["files"][rel] = hashlib.sha256(data[: len(data) // 2]).hexdigest()
    site = _contract_changed(honest, tmp_path, change)
    (chunk,) = (site / "pagefind").rglob("*.pf_index")
    refused(tmp_path, site, f"测试厅：检索文件 {chunk.relative_to(site).as_posix()} 无法读取，{REFUSED}")
