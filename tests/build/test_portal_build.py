"""gkml portal from three agency sites of different configurations: contract, pages, counts,
open data, refusal of an inconsistent source, incremental re-runs."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from gkml.search.text import ALPHABET
from support import (
    SHARED_WORD,
    TAG_URI,
    AgencySites,
    atom_ids,
    copy_project,
    every_byte,
    mkdocs_build,
    portal_config,
)

BASES = {"yjt": "https://yjt.ah.gov.cn/gkml/", "hf": "https://hf.example.gov.cn/", "wh": "https://wh.example.gov.cn/gkml/"}
NAMES = {"yjt": "安徽省应急管理厅", "hf": "合肥市应急管理局", "wh": "芜湖市应急管理局"}


def portal(out: Path, config: Path | None, *sources: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), *(["--config", str(config)] if config else []),
           *map(str, sources)]
    return subprocess.run(cmd, check=False, capture_output=True, text=True)


@pytest.fixture(scope="module")
def agencies(agency_sites: AgencySites) -> AgencySites:
    return agency_sites


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("portal-config") / "portal.yml"
    path.write_text(portal_config(BASES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, agencies: AgencySites, config: Path) -> Path:
    out = tmp_path_factory.mktemp("portal") / "out"
    result = portal(out, config, agencies.yjt, agencies.hf, agencies.wh)
    assert result.returncode == 0, result.stderr
    return out


def catalogue_count(site: Path) -> int:
    return json.loads((site / "catalogue.json").read_text("utf-8"))["count"]


def rows(out: Path, base: str) -> list[tuple[str, str]]:
    """(agency slug, link) of every row of a paginated portal listing."""
    found, page = [], out / base / "index.html"
    number = 1
    while page.is_file():
        found += re.findall(r'<tr data-gkml-row data-agency="([^"]+)">.*?<a href="([^"]+)"', page.read_text("utf-8"), re.DOTALL)
        number += 1
        page = out / base / "page" / str(number) / "index.html"
    return found


def left_out(result: subprocess.CompletedProcess[str], out: Path, slug: str, *told: str) -> None:
    """The run published the other agencies and told (exit 3) that `slug`, never published here, is left out."""
    assert result.returncode == 3, result.stderr
    assert f"{NAMES[slug]}（{slug}）：未列入门户" in result.stderr and all(t in result.stderr for t in told), result.stderr
    assert not (out / "agency" / slug).exists() and not (out / "pagefind" / slug).exists()
    published = {a["slug"] for a in json.loads((out / "agencies.json").read_text("utf-8"))["agencies"]}
    assert published == set(NAMES) - {slug}
    assert f"/agency/{slug}/" not in (out / "sitemap.xml").read_text("utf-8")


def test_every_build_publishes_its_contract(agencies: AgencySites) -> None:
    for slug, site in (("yjt", agencies.yjt), ("hf", agencies.hf), ("wh", agencies.wh)):
        contract = json.loads((site / "gkml-site.json").read_text("utf-8"))
        assert contract["gkml_site"] == 1 and contract["agency"] == NAMES[slug]
        assert contract["search"]["alphabet"] == ALPHABET
        assert contract["counts"]["documents"] == catalogue_count(site) == contract["search"]["records"]
        for rel, digest in {**contract["open_data"], **contract["search"]["files"]}.items():
            assert hashlib.sha256((site / rel).read_bytes()).hexdigest() == digest, rel
        listed = set(contract["search"]["files"])
        assert listed == {p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*") if p.is_file()}
    assert len(json.loads((agencies.wh / "gkml-site.json").read_text("utf-8"))["search"]["shards"]) >= 3


def test_home_lists_every_agency_in_its_group_with_its_count(built: Path, agencies: AgencySites) -> None:
    html = (built / "index.html").read_text("utf-8")
    counts = {slug: catalogue_count(getattr(agencies, slug)) for slug in NAMES}
    found = dict(re.findall(r'data-gkml-agency="(\w+)">.*?data-gkml-count>(\d+)<', html, re.DOTALL))
    assert found == {slug: str(n) for slug, n in counts.items()}
    assert html.index("省直部门") < html.index(NAMES["yjt"]) < html.index("市县") < html.index(NAMES["hf"]) < html.index(NAMES["wh"])
    assert re.search(rf"data-gkml-total>{sum(counts.values())}<", html)


def test_unified_catalogue_and_listings_link_to_the_agencies_own_pages(built: Path, agencies: AgencySites) -> None:
    counts = {slug: catalogue_count(getattr(agencies, slug)) for slug in NAMES}
    catalogue = rows(built, "catalogue")
    assert len(catalogue) == sum(counts.values())
    for slug, link in catalogue:
        assert link.startswith(BASES[slug]), link
    assert any(link.endswith(".html") for slug, link in catalogue if slug == "wh")  # wh's own page addresses
    for slug, n in counts.items():
        assert [s for s, _ in rows(built, f"agency/{slug}")] == [slug] * n
    years = [p.parent.name for p in (built / "year").glob("*/index.html")]
    assert sum(len(rows(built, f"year/{y}")) for y in years) == sum(counts.values())
    categories = [p.parent.name for p in (built / "category").glob("*/index.html")]
    assert sum(len(rows(built, f"category/{c}")) for c in categories) == sum(counts.values())
    # Every index number of every agency, once.
    expected = {(slug, d["url"]) for slug in NAMES
                for d in json.loads((getattr(agencies, slug) / "catalogue.json").read_text("utf-8"))["documents"]}
    assert len(expected) == len(catalogue)


def test_dates_and_numbers_wrap_only_between_their_parts_as_on_the_agencies_sites(built: Path) -> None:
    """The portal's dates were one text (2020年3月5日), which broke inside (3月5 / 日) at large type on a
    phone, as the sites' did before they wrote a date as two unbreakable parts (tokens.date_parts); its
    索引号 and 文号 likewise. The portal writes them with the sites' own macros."""
    nobr = '<span class="gkml-nobr">{}</span>'
    for page in (built / "catalogue" / "index.html", built / "index.html"):
        html = page.read_text("utf-8")
        dates = re.findall(r'<time datetime="[^"]+">(.*?)</time>', html)
        assert dates and all(re.fullmatch(nobr.format(r"\d{4}年") + "<wbr>" + nobr.format(r"\d{1,2}月\d{1,2}日"), d)
                             for d in dates), (page, dates[:3])
    html = (built / "catalogue" / "index.html").read_text("utf-8")
    assert re.search(r'class="gkml-table__index">' + nobr.format(r"\d{9}/") + "<wbr>" + nobr.format(r"\d{6}-\d{5}") + "</td>", html)
    assert re.search(r'class="gkml-table__docno">' + nobr.format(r"[^<]+") + "<wbr>" + nobr.format(r"〔\d{4}〕\d+号"), html)


def test_open_data_is_aggregated(built: Path, agencies: AgencySites) -> None:
    data = json.loads((built / "catalogue.json").read_text("utf-8"))
    counts = {slug: catalogue_count(getattr(agencies, slug)) for slug in NAMES}
    assert data["count"] == len(data["documents"]) == sum(counts.values())
    assert {a["slug"]: a["documents"] for a in data["agencies"]} == counts
    for doc in data["documents"]:
        assert doc["url"].startswith(BASES[doc["agency"]])
    table = list(csv.reader(io.StringIO((built / "catalogue.csv").read_text("utf-8-sig"))))
    assert table[0][:3] == ["机关", "机关代码", "索引号"] and len(table) == sum(counts.values()) + 1
    feed = (built / "feed.xml").read_text("utf-8")
    assert feed.count("<entry>") == 50 and SHARED_WORD in feed  # the newest documents of all agencies
    assert json.loads((built / "agencies.json").read_text("utf-8"))["documents"] == sum(counts.values())
    manifest = json.loads((built / "pagefind" / "shards.json").read_text("utf-8"))
    assert {s["agency"] for s in manifest["shards"]} == set(NAMES)
    assert sum(s["pages"] for s in manifest["shards"]) == sum(counts.values())


def test_a_corrupted_bundle_is_refused_with_the_agency_named(tmp_path: Path, agencies: AgencySites, config: Path,
                                                             built: Path) -> None:
    broken = tmp_path / "wh-site"
    shutil.copytree(agencies.wh, broken)
    chunk = min((broken / "pagefind").rglob("*.pf_index"))
    chunk.write_bytes(chunk.read_bytes()[:-1] + bytes([chunk.read_bytes()[-1] ^ 1]))
    result = portal(tmp_path / "new", config, agencies.yjt, agencies.hf, broken)
    left_out(result, tmp_path / "new", "wh", chunk.name, "拒绝")  # the others published without it
    # An existing portal keeps wh as it was: nothing written.
    before = {p: p.stat().st_mtime_ns for p in built.rglob("*")}
    result = portal(built, config, agencies.yjt, agencies.hf, broken)
    assert result.returncode == 3 and "芜湖市应急管理局（wh）：保留其" in result.stderr and chunk.name in result.stderr
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*")} == before



@pytest.mark.parametrize("address", ["https://evil.example.com/x.pdf", "../../hf/files/x.pdf"])
def test_an_attachment_address_off_the_agency_site_holds_back_only_that_agency(tmp_path: Path, agencies: AgencySites,
                                                                               config: Path, address: str) -> None:
    """Only the documents' addresses were proved when a site was taken; an attachment's was re-based only
    when the portal's open data was written, after every bundle was in place: one agency's attachment
    leading off its site stopped the province's run there (exit 1, its new copy kept, its state not)."""
    broken = tmp_path / "wh-site"
    shutil.copytree(agencies.wh, broken)
    catalogue = json.loads((broken / "catalogue.json").read_text("utf-8"))
    catalogue["documents"][0]["attachments"] = [{"name": "附件1.pdf", "url": address}]
    raw = json.dumps(catalogue, ensure_ascii=False).encode("utf-8")
    (broken / "catalogue.json").write_bytes(raw)
    contract = json.loads((broken / "gkml-site.json").read_text("utf-8"))
    contract["open_data"]["catalogue.json"] = hashlib.sha256(raw).hexdigest()
    (broken / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    result = portal(tmp_path / "new", config, agencies.yjt, agencies.hf, broken)
    left_out(result, tmp_path / "new", "wh", f"catalogue.json 中的网址 {address}", "拒绝采用该站点")
    assert "Traceback" not in result.stderr
    assert address not in (tmp_path / "new" / "catalogue.json").read_text("utf-8")

# Every part of the exact-search bundle: the UI's manifest and script, and each shard's
# entry, metadata, wasm, word index, filters, records (the token stream) and routing keys.
BUNDLE_PARTS = ("shards.json", "shards.js", "gkml-pagefind.js", "pagefind-entry.json", "*.pf_meta", "wasm.*",
                "*.pf_filter", "*.pf_fragment", "gkml-tokens.bin")


def test_every_part_of_the_search_bundle_is_verified(tmp_path: Path, agencies: AgencySites, config: Path) -> None:
    for number, pattern in enumerate(BUNDLE_PARTS):
        broken = tmp_path / f"wh-{number}"
        shutil.copytree(agencies.wh, broken)
        target = max((broken / "pagefind").rglob(pattern))
        target.write_bytes(target.read_bytes() + b" ")
        result = portal(tmp_path / "out", config, agencies.yjt, agencies.hf, broken)
        left_out(result, tmp_path / "out", "wh", target.name, "拒绝")
        shutil.rmtree(broken)


@pytest.mark.parametrize(("alphabet", "told"), [
    (None, "检索索引的格式（旧版）"),
    (ALPHABET - 1, f"检索索引的格式（第 {ALPHABET - 1} 版）"),
    (ALPHABET + 1, f"检索索引的格式（第 {ALPHABET + 1} 版）"),
])
def test_a_bundle_in_another_search_alphabet_is_refused(tmp_path: Path, agencies: AgencySites, config: Path,
                                                        alphabet: int | None, told: str) -> None:
    """An agency on another search alphabet (none: the old search engine): the portal's script could not
    read it. Who acts is told: an older index is rebuilt by the agency, a newer one (the agency upgraded
    gkml first) waits for the portal's gkml to be upgraded, as a newer contract version does."""
    other = tmp_path / "hf-other"
    shutil.copytree(agencies.hf, other)
    contract = json.loads((other / "gkml-site.json").read_text("utf-8"))
    if alphabet is None:
        del contract["search"]["alphabet"]
    else:
        contract["search"]["alphabet"] = alphabet
    (other / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    result = portal(tmp_path / "out", config, agencies.yjt, other, agencies.wh)
    newer = alphabet is not None and alphabet > ALPHABET
    act = "请升级门户使用的 gkml" if newer else "请用与门户相同版本的 gkml 重新生成该站点"
    left_out(result, tmp_path / "out", "hf", f"gkml-site.json 的 search.alphabet：{told}", act)
    assert ("重新生成" in result.stderr) != newer, result.stderr  # one who acts, not both


def test_a_missing_file_or_inconsistent_count_is_refused(tmp_path: Path, agencies: AgencySites, config: Path) -> None:
    missing = tmp_path / "hf-missing"
    shutil.copytree(agencies.hf, missing)
    next((missing / "pagefind").rglob("pagefind-entry.json")).unlink()
    result = portal(tmp_path / "out", config, agencies.yjt, missing, agencies.wh)
    left_out(result, tmp_path / "out", "hf", "缺少文件")
    lying = tmp_path / "hf-lying"
    shutil.copytree(agencies.hf, lying)
    contract = json.loads((lying / "gkml-site.json").read_text("utf-8"))
    contract["counts"]["documents"] += 1
    (lying / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    result = portal(tmp_path / "out", config, agencies.yjt, lying, agencies.wh)
    left_out(result, tmp_path / "out", "hf", "文件数不一致")


def test_a_shard_left_off_or_listed_twice_in_the_contract_is_refused(tmp_path: Path, agencies: AgencySites,
                                                                     config: Path) -> None:
    """wh's search.shards (three shards of 10 documents) edited, every file and digest as built. A shard
    left off the list: its files were verified and its pages counted as indexed, but the portal asks only
    the shards listed, so its ten documents were never found. A shard listed twice: each of its results
    shown twice, the counts doubled."""
    for damage, told in (("dropped", "在检索索引中没有"), ("twice", "列出了不止一次")):
        site = tmp_path / f"wh-{damage}"
        shutil.copytree(agencies.wh, site)
        contract = json.loads((site / "gkml-site.json").read_text("utf-8"))
        shards = contract["search"]["shards"]
        assert len(shards) > 1
        contract["search"]["shards"] = shards[:-1] if damage == "dropped" else [*shards, shards[0]]
        (site / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
        result = portal(tmp_path / f"out-{damage}", config, agencies.yjt, agencies.hf, site)
        left_out(result, tmp_path / f"out-{damage}", "wh", told)


def test_agencies_and_sources_must_match_the_config(tmp_path: Path, agencies: AgencySites, config: Path) -> None:
    result = portal(tmp_path / "given", config, agencies.yjt, agencies.hf)
    assert result.returncode == 3 and "113402000" in result.stderr and "没有提供站点目录" in result.stderr  # wh: not given
    assert not (tmp_path / "given" / "agency" / "113402000").exists() and not (tmp_path / "given" / "agency" / "wh").exists()
    bad = tmp_path / "bad.yml"
    bad.write_text("title: x\ngroups:\n  - name: 市县\n    agencies:\n      - {org_code: '1', colour: red}\n", "utf-8")
    result = portal(tmp_path / "out", bad, agencies.hf)
    assert result.returncode == 1 and "groups[0].agencies[0].colour" in result.stderr
    assert not (tmp_path / "out").exists()


def test_supplied_text_is_escaped(tmp_path: Path, agencies: AgencySites, config: Path) -> None:
    """A consistent source whose catalogue carries markup: shown as text, never run."""
    hostile = tmp_path / "hf-hostile"
    shutil.copytree(agencies.hf, hostile)
    data = json.loads((hostile / "catalogue.json").read_text("utf-8"))
    data["documents"][0]["title"] = '<img src=x onerror="alert(1)">标题'
    (hostile / "catalogue.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    contract = json.loads((hostile / "gkml-site.json").read_text("utf-8"))
    # its search result shows that title too (the portal refuses a bundle showing another)
    from gkml.search.pffiles import pack, unpack_bytes
    from gkml.search.records import _meta_value
    for rel in [rel for rel in contract["search"]["files"] if rel.endswith(".pf_fragment")]:
        fragment = json.loads(unpack_bytes((hostile / rel).read_bytes(), rel))
        if fragment["url"].strip("/") == data["documents"][0]["url"].strip("/"):
            fragment["meta"]["title"] = _meta_value(data["documents"][0]["title"])
            (hostile / rel).write_bytes(pack(json.dumps(fragment, ensure_ascii=False).encode("utf-8")))
            contract["search"]["files"][rel] = hashlib.sha256((hostile / rel).read_bytes()).hexdigest()
    contract["open_data"]["catalogue.json"] = hashlib.sha256((hostile / "catalogue.json").read_bytes()).hexdigest()
    (hostile / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    assert portal(out, config, agencies.yjt, hostile, agencies.wh).returncode == 0
    html = (out / "agency" / "hf" / "index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=" in html and "<img src=x" not in html
    for page in out.rglob("*.html"):
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.read_text("utf-8")), page  # no inline script


def _state(root: Path) -> dict[str, tuple[int, int, str]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in root.rglob("*") if p.is_file()}


def test_rerunning_after_one_agency_republished_touches_only_its_part(tmp_path: Path, agencies: AgencySites,
                                                                      config: Path) -> None:
    hf = tmp_path / "hf"
    copy_project(agencies.hf.parent, hf, "site", "site.*")
    assert mkdocs_build(hf / "mkdocs.yml", site_dir=hf / "site").returncode == 0
    out = tmp_path / "portal"
    assert portal(out, config, agencies.yjt, hf / "site", agencies.wh).returncode == 0
    first = _state(out)
    again = portal(out, config, agencies.yjt, hf / "site", agencies.wh)
    assert again.returncode == 0 and _state(out) == first  # nothing changed: nothing written

    # hf publishes one more document and rebuilds.
    extra = hf / "docs" / "catalogue" / "yjgl" / "2026-extra.md"
    extra.write_text((hf / "docs" / "catalogue" / "yjgl" / "2026-fangnishui.md").read_text("utf-8")
                     .replace("202607-09001", "202607-09002").replace("防溺水工作", "汛期值班工作"), "utf-8")
    assert mkdocs_build(hf / "mkdocs.yml", site_dir=hf / "site").returncode == 0
    assert portal(out, config, agencies.yjt, hf / "site", agencies.wh).returncode == 0
    second = _state(out)
    changed = {rel for rel in set(first) | set(second) if first.get(rel) != second.get(rel)}
    for other in ("yjt", "wh"):
        part = [rel for rel in first if rel.startswith((f"pagefind/{other}/", f"agency/{other}/"))]
        assert part and not changed.intersection(part), other  # same bytes, same file, same mtime
    assert all(rel in changed for rel in second if rel.startswith("pagefind/hf/"))
    assert "agency/hf/index.html" in changed and "catalogue.json" in changed and "pagefind/shards.json" in changed
    assert len(rows(out, "agency/hf")) == catalogue_count(agencies.hf) + 1


def test_an_agency_dropped_from_the_portal_leaves_nothing_behind(tmp_path: Path, agencies: AgencySites,
                                                                 config: Path) -> None:
    out = tmp_path / "portal"
    assert portal(out, config, agencies.yjt, agencies.hf, agencies.wh).returncode == 0
    two = tmp_path / "two.yml"
    two.write_text(re.sub(r'      - \{org_code: "113401000".*\n', "", config.read_text("utf-8")), "utf-8")
    result = portal(out, two, agencies.yjt, agencies.wh)
    assert result.returncode == 0, result.stderr
    assert not (out / "agency" / "hf").exists() and not (out / "pagefind" / "hf").exists()
    assert not (tmp_path / "portal.gkml-kept" / "hf").exists()  # nor the copy kept for a failed run of hf
    texts = {rel: (out / rel).read_text("utf-8") for rel in ("catalogue.json", "catalogue.csv", "feed.xml",
                                                             "agencies.json", "pagefind/shards.json", ".gkml-portal.json")}
    for rel, text in texts.items():
        assert "合肥市应急管理局" not in text and "hf.example.gov.cn" not in text and '"hf"' not in text, rel
    for page in out.rglob("*.html"):
        assert "hf.example.gov.cn" not in page.read_text("utf-8"), page
    assert json.loads(texts["catalogue.json"])["count"] == catalogue_count(agencies.yjt) + catalogue_count(agencies.wh)


def test_an_agency_cannot_bring_its_own_script_to_the_portal(tmp_path: Path, agencies: AgencySites, config: Path) -> None:
    """The portal serves its own Pagefind's gkml-pagefind.js to every reader: an agency whose script is not
    that one (digest and contract made to agree) is refused, in any position, also as the only agency."""
    hostile = tmp_path / "hf-script"
    shutil.copytree(agencies.hf, hostile)
    script = hostile / "pagefind" / "gkml-pagefind.js"
    script.write_text(script.read_text("utf-8") + "\nwindow.__pwned = 1;\n", "utf-8")
    contract = json.loads((hostile / "gkml-site.json").read_text("utf-8"))
    contract["search"]["files"]["pagefind/gkml-pagefind.js"] = hashlib.sha256(script.read_bytes()).hexdigest()
    (hostile / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    hf_first = tmp_path / "hf-first.yml"  # the script served is the first agency's
    hf_first.write_text(re.sub(r'      - \{org_code: "002986620".*\n', "", config.read_text("utf-8")), "utf-8")
    only_hf = tmp_path / "only-hf.yml"  # no other agency to compare it with
    only_hf.write_text(re.sub(r'      - \{org_code: "(?!113401000).*\n', "", config.read_text("utf-8")), "utf-8")
    assert only_hf.read_text("utf-8").count("org_code") == 1
    for n, (settings, sources) in enumerate(((config, (agencies.yjt, hostile, agencies.wh)), (hf_first, (hostile, agencies.wh)))):
        result = portal(tmp_path / f"out{n}", settings, *sources)
        assert result.returncode == 3 and "合肥市应急管理局（hf）：未列入门户" in result.stderr, result.stderr
        assert "gkml-pagefind.js" in result.stderr and not (tmp_path / f"out{n}" / "pagefind" / "hf").exists()
        assert (tmp_path / f"out{n}" / "pagefind" / "gkml-pagefind.js").read_bytes() == (
            agencies.wh / "pagefind" / "gkml-pagefind.js").read_bytes()
    result = portal(tmp_path / "out", only_hf, hostile)  # no agency left: nothing published
    assert result.returncode == 1 and "gkml-pagefind.js" in result.stderr and "没有可以发布的机关" in result.stderr
    assert not (tmp_path / "out").exists()
    del contract["search"]["files"]["pagefind/gkml-pagefind.js"]
    (hostile / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    result = portal(tmp_path / "out", config, hostile, agencies.yjt, agencies.wh)
    left_out(result, tmp_path / "out", "hf", "没有 gkml-pagefind.js")


def test_an_agency_cannot_bring_its_own_webassembly(tmp_path: Path, agencies: AgencySites, config: Path) -> None:
    hostile = tmp_path / "hf-wasm"
    shutil.copytree(agencies.hf, hostile)
    wasm = next((hostile / "pagefind").rglob("wasm.*.pagefind"))
    wasm.write_bytes(wasm.read_bytes() + b"\0")
    contract = json.loads((hostile / "gkml-site.json").read_text("utf-8"))
    contract["search"]["files"][wasm.relative_to(hostile).as_posix()] = hashlib.sha256(wasm.read_bytes()).hexdigest()
    (hostile / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    result = portal(tmp_path / "out", config, agencies.yjt, hostile, agencies.wh)
    left_out(result, tmp_path / "out", "hf", "wasm.*.pagefind")


def _extra_document(project: Path, number: int) -> None:
    """One more published document in a copy of hf's project (a new publication of hf)."""
    folder = project / "docs" / "catalogue" / "yjgl"
    (folder / f"2026-extra-{number}.md").write_text(
        (folder / "2026-fangnishui.md").read_text("utf-8").replace("202607-09001", f"202607-0900{number + 1}")
        .replace("防溺水工作", f"汛期值班工作{number}"), "utf-8")


@pytest.mark.parametrize("first_run", [False, True])
def test_a_site_swapped_while_the_portal_runs_is_refused_not_mixed(tmp_path: Path, agencies: AgencySites,
                                                                   config: Path, first_run: bool) -> None:
    """hf's build swaps in its next site after the portal verified hf and before it copied hf's
    bundle: the portal refuses that site, keeping hf as it was (it copied a mix of both publications,
    or stopped with a traceback on a file the new site no longer has)."""
    from gkml.portal.build import build_portal
    from gkml.portal.config import load_portal_config

    hf = tmp_path / "hf"
    copy_project(agencies.hf.parent, hf, "site", "site.*")
    _extra_document(hf, 1)
    assert mkdocs_build(hf / "mkdocs.yml", site_dir=hf / "site").returncode == 0
    _extra_document(hf, 2)
    assert mkdocs_build(hf / "mkdocs.yml", site_dir=hf / "next").returncode == 0
    out = tmp_path / "portal"
    if not first_run:
        assert portal(out, config, agencies.yjt, agencies.hf, agencies.wh).returncode == 0
    before = _state(out) if out.exists() else None

    def swap_when_copying_hf(message: str) -> None:
        if "合肥市应急管理局" in message:
            (hf / "site").rename(hf / "site.gkml-old")
            (hf / "next").rename(hf / "site")

    report = build_portal(load_portal_config(config), [agencies.yjt, hf / "site", agencies.wh], out, swap_when_copying_hf)
    (held,) = report.held
    assert re.search("合肥市应急管理局.*发生了变化.*拒绝采用该站点", held.line()) and held.kept is not first_run
    if first_run:
        assert not (out / "agency" / "hf").exists() and not (out / "pagefind" / "hf").exists()
    else:  # hf as the last run published it: not one file written
        assert _state(out) == before
    assert not (out / ".gkml-staging").exists()
    # The next run, the site whole again, publishes it.
    assert portal(out, config, agencies.yjt, hf / "site", agencies.wh).returncode == 0
    assert len(rows(out, "agency/hf")) == catalogue_count(agencies.hf) + 2


def test_routing_keys_changed_after_the_verification_are_refused(tmp_path: Path, agencies: AgencySites) -> None:
    """The routing keys are read after every source is verified: a site rebuilt in between (here its
    keys file replaced by another shard's) must not route the agency by keys it does not publish."""
    from gkml.portal import routing
    from gkml.portal.catalogue import agency_of
    from gkml.portal.config import DEFAULT_GROUP, AgencyEntry
    from gkml.portal.sitecontract import SourceError
    from gkml.portal.source import read_source

    wh = tmp_path / "wh"
    shutil.copytree(agencies.wh, wh)
    source = read_source(wh)
    agency = agency_of(AgencyEntry(source.org_code, DEFAULT_GROUP), source, "wh")
    keys = sorted((wh / "pagefind").rglob("gkml-tokens.bin"))
    assert len(keys) > 1 and keys[0].read_bytes() != keys[-1].read_bytes()
    keys[0].unlink()
    shutil.copyfile(keys[-1], keys[0])
    with pytest.raises(SourceError, match="芜湖市应急管理局.*发生了变化.*gkml-tokens.bin"):
        routing.build([agency])


def test_the_sitemap_lists_the_portals_own_pages(built: Path, tmp_path: Path, agencies: AgencySites) -> None:
    """Every page of the portal at its address below site_url, nothing else (the documents' pages are the
    agencies', in their own sitemaps); without a site_url no sitemap (its addresses must be absolute)."""
    found = re.findall(r"<loc>([^<]*)</loc>", (built / "sitemap.xml").read_text("utf-8"))
    pages = sorted("https://gkml.ah.gov.cn/" + p.parent.relative_to(built).as_posix().removeprefix(".") + ("/" if p.parent != built else "")
                   for p in built.rglob("index.html") if not p.relative_to(built).parts[0].startswith("."))
    assert sorted(found) == pages and len(found) == len(set(found)) > 10
    assert "https://gkml.ah.gov.cn/agency/hf/" in found and "https://gkml.ah.gov.cn/" in found
    plain = tmp_path / "plain.yml"
    plain.write_text(portal_config(BASES).replace("site_url: https://gkml.ah.gov.cn/\n", ""), "utf-8")
    assert portal(tmp_path / "out", plain, agencies.yjt, agencies.hf, agencies.wh).returncode == 0
    assert not (tmp_path / "out" / "sitemap.xml").exists()


def test_feed_entries_keep_the_agencies_own_ids(built: Path, agencies: AgencySites) -> None:
    """The portal's feed gives each document the id its agency's feed gives it, so a reader of both
    sees one entry: also for hf, which declares no site_url (its ids are made from its org code, not
    its name, which a renaming changes, nor the base_url portal.yml gives it). Every id is a tag: URI."""
    feeds = [(getattr(agencies, slug) / "feed.xml").read_text("utf-8") for slug in NAMES]
    for feed in [*feeds, (built / "feed.xml").read_text("utf-8")]:
        assert all(TAG_URI.fullmatch(found) or found.startswith("https://") for found in atom_ids(feed)), atom_ids(feed)
    assert all(found.startswith("tag:gkml-org-113401000,") for found in atom_ids(feeds[1]))
    own = {}
    for slug in NAMES:
        for found in re.findall(r"<id>(tag:[^<]*)</id>", (getattr(agencies, slug) / "feed.xml").read_text("utf-8")):
            own[found.rsplit(":", 1)[1]] = found
    portal_ids = re.findall(r"<id>(tag:[^<]*)</id>", (built / "feed.xml").read_text("utf-8"))
    compared = [found for found in portal_ids if found.rsplit(":", 1)[1] in own]
    assert any("113401000/" in found for found in compared), compared  # hf's documents are compared
    assert compared == [own[found.rsplit(":", 1)[1]] for found in compared]


def test_two_runs_on_one_portal_take_turns(tmp_path: Path, agencies: AgencySites, config: Path) -> None:
    """A second run on the same folder (an overlapping cron job) started while the first copies the
    bundles waits for it: run meanwhile, its prune removed the bundles the first had staged and
    each wrote into the other's portal. Both end well, and the portal is what one run makes."""
    from gkml.portal.build import build_portal
    from gkml.portal.config import load_portal_config

    out, sources = tmp_path / "portal", (agencies.yjt, agencies.hf, agencies.wh)
    cmd = [sys.executable, "-m", "gkml.cli", "portal", "--out", str(out), "--config", str(config), *map(str, sources)]
    second: list[subprocess.Popen[str]] = []
    told: list[str] = []

    def start_a_second_run(message: str) -> None:
        if "合肥市应急管理局" in message and not second:
            second.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
            for line in second[0].stderr:  # type: ignore[union-attr]  # to its end, or until it waits
                told.append(line)
                if "等待" in line:
                    break

    build_portal(load_portal_config(config), sources, out, start_a_second_run)
    assert second[0].wait(timeout=600) == 0 and any("等待" in line for line in told), told
    fresh = tmp_path / "fresh"
    assert portal(fresh, config, *sources).returncode == 0
    made = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert made == {p.relative_to(fresh).as_posix(): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}


def test_a_first_run_stopped_half_way_is_followed_by_a_whole_one(tmp_path: Path, agencies: AgencySites,
                                                                 config: Path) -> None:
    """A first run killed while it copies the bundles (a CI timeout, out of memory) left a folder
    that was no portal yet: every later run refused it (不是空目录，也不是 gkml portal 生成的门户)."""
    from gkml.portal.build import build_portal
    from gkml.portal.config import load_portal_config

    out, sources = tmp_path / "portal", (agencies.yjt, agencies.hf, agencies.wh)

    def killed(message: str) -> None:
        if "合肥市应急管理局" in message:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_portal(load_portal_config(config), sources, out, killed)
    assert any(out.iterdir())
    result = portal(out, config, *sources)
    assert result.returncode == 0, result.stderr
    fresh = tmp_path / "fresh"
    assert portal(fresh, config, *sources).returncode == 0
    made = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert made == {p.relative_to(fresh).as_posix(): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}


def test_a_withdrawn_document_leaves_the_portal_everywhere(tmp_path: Path, agencies: AgencySites, config: Path) -> None:
    """hf withdraws its 防溺水 notice and rebuilds: after the next run no page or bundle file (opened)
    of the portal names its index number or title; wh's own notice stays. The open data and the feed
    tell the withdrawal as hf's own do: they dropped it silently, and a re-user or feed reader who had
    it from the portal never learned it was withdrawn. Withdrawn the day it was published (09:00), both
    feeds date it a second after its publication: the portal's had 00:00, before the entry it replaces."""
    hf = tmp_path / "hf"
    copy_project(agencies.hf.parent, hf, "site", "site.*")
    assert mkdocs_build(hf / "mkdocs.yml", site_dir=hf / "site").returncode == 0
    out = tmp_path / "portal"
    assert portal(out, config, agencies.yjt, hf / "site", agencies.wh).returncode == 0
    notice = hf / "docs" / "catalogue" / "yjgl" / "2026-fangnishui.md"
    number, title = "113401000/202607-09001", f"合肥市应急管理局关于做好暑期{SHARED_WORD}工作的通知"
    assert any(number.encode() in data for data in every_byte(out).values())
    notice.write_text(notice.read_text("utf-8").replace("disclosure: 主动公开\n",
                                                         "disclosure: 主动公开\nwithdrawn: {date: 2026-07-02, reason: 已废止}\n"),
                      "utf-8")
    assert mkdocs_build(hf / "mkdocs.yml", site_dir=hf / "site").returncode == 0
    assert portal(out, config, agencies.yjt, hf / "site", agencies.wh).returncode == 0
    contents = every_byte(out)
    told = ("catalogue.json", "catalogue.csv", "feed.xml")
    for rel, data in contents.items():
        if rel not in told:
            assert number.encode() not in data and number.replace("/", "-").encode() not in data, rel
            assert title.encode() not in data, rel
    assert any("芜湖市应急管理局关于做好暑期".encode() in data for data in contents.values())
    assert len(rows(out, "agency/hf")) == catalogue_count(agencies.hf) - 1
    # open data: hf's notice record, with which agency; not a document
    own = json.loads((hf / "site" / "catalogue.json").read_text("utf-8"))["withdrawals"]
    data = json.loads((out / "catalogue.json").read_text("utf-8"))
    assert number not in {d["index_no"] for d in data["documents"]}
    url = "https://hf.example.gov.cn/" + own[0]["url"]  # hf has no site_url: its address on the portal's base_url
    assert data["withdrawals"] == [{**own[0], "url": url, "agency": "hf", "agency_name": "合肥市应急管理局"}]
    assert data["updated"] >= "2026-07-02T09:00:01+08:00"
    csv_rows = list(csv.reader(io.StringIO((out / "catalogue.csv").read_text("utf-8-sig"))))
    assert csv_rows[0][-2:] == ["撤回日期", "撤回理由"]
    assert [r for r in csv_rows if number in r] == [["合肥市应急管理局", "113401000", number, title, own[0]["category_name"],
                                                      "", "", "", "", "", url, "2026-07-02", "已废止"]]
    # the feed: the entry under the id hf's feed gives it, as hf's notice
    ns = {"a": "http://www.w3.org/2005/Atom"}
    hf_feed = ET.parse(hf / "site" / "feed.xml").getroot()
    (theirs,) = [e for e in hf_feed.findall("a:entry", ns) if number in e.findtext("a:id", "", ns)]
    (ours,) = [e for e in ET.parse(out / "feed.xml").getroot().findall("a:entry", ns) if number in e.findtext("a:id", "", ns)]
    for key in ("a:id", "a:title", "a:summary", "a:updated", "a:published", "a:author"):  # a notice: no publication
        assert ours.findtext(key, None, ns) == theirs.findtext(key, None, ns), key
    assert theirs.find("a:published", ns) is None  # one rule: the notice's facts only
    assert ours.find("a:link", ns).get("href") == url
    assert ours.findtext("a:updated", "", ns) == "2026-07-02T09:00:01+08:00"


def test_a_damaged_bundle_of_an_unchanged_agency_is_copied_again(tmp_path: Path, agencies: AgencySites,
                                                                   config: Path) -> None:
    """The portal's copy of an agency's bundle lost a file and gained a stray one (a partial restore
    of the CI cache, a hand edit, or a gkml that copied other files): the agency is unchanged, so it
    was kept so, searches failing on the missing fragment, for as long as the agency did not republish."""
    out = tmp_path / "portal"
    assert portal(out, config, agencies.yjt, agencies.hf, agencies.wh).returncode == 0
    fragment = max((out / "pagefind" / "wh").rglob("*.pf_fragment"))
    fragment.unlink()
    (out / "pagefind" / "wh" / "stray.bin").write_bytes(b"x")
    result = portal(out, config, agencies.yjt, agencies.hf, agencies.wh)
    assert result.returncode == 0, result.stderr
    contract = json.loads((agencies.wh / "gkml-site.json").read_text("utf-8"))
    listed = {rel.removeprefix("pagefind/"): digest for rel, digest in contract["search"]["files"].items()
              if rel.startswith("pagefind/") and "/" in rel.removeprefix("pagefind/") and not rel.endswith("gkml-tokens.bin")}
    copied = {p.relative_to(out / "pagefind" / "wh").as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
              for p in (out / "pagefind" / "wh").rglob("*") if p.is_file()}
    assert copied == listed


_STALE_URL = "https://a.example.gov.cn/gkml/"


def _stale_bundle_site(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A site whose counts agree (two documents, two search records) but whose bundle is the one built
    before the agency withdrew 乙 and published 丙; and the documents of its whole next build."""
    from support import build_site, doc, small_site_yml

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    a = doc(title="关于甲事项的通知")
    b = doc(title="关于乙事项的通知", index_no="002986620/202003-00013")
    c = doc(title="关于丙事项的通知", index_no="002986620/202003-00014")
    before = build_site(first, small_site_yml("测试", site_url=_STALE_URL), {"fgwj/a.md": a, "fgwj/b.md": b})
    after = build_site(second, small_site_yml("测试", site_url=_STALE_URL), {
        "fgwj/a.md": a, "fgwj/b.md": b.replace("disclosure: 主动公开", "disclosure: 主动公开\nwithdrawn: {date: 2020-03-06, reason: 内容有误}"),
        "fgwj/c.md": c})
    contract = json.loads((after / "gkml-site.json").read_text(encoding="utf-8"))
    contract["search"] = json.loads((before / "gkml-site.json").read_text(encoding="utf-8"))["search"]
    shutil.rmtree(after / "pagefind")
    shutil.copytree(before / "pagefind", after / "pagefind")
    (after / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    return after, {"fgwj/a.md": a, "fgwj/c.md": c}


_STALE_TOLD = (f"测试厅：检索索引中有 catalogue.json 没有的页面 {_STALE_URL}doc/002986620-202003-00013/（已撤回、不公开的文件，"
               "或过期的检索分片），全省检索会找到并链接它，拒绝采用该站点。")


def test_a_page_left_in_an_agencys_search_bundle_keeps_that_site_out(tmp_path: Path) -> None:
    """The counts agreed, but the bundle was the one built before the agency withdrew 乙: the portal's
    search found 乙 and linked it under the agency's name. Each page of a bundle must be a document of
    catalogue.json, and each document a page."""
    from support import build_site, small_site_yml

    after, whole_documents = _stale_bundle_site(tmp_path)
    result = portal(tmp_path / "portal", None, after)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert _STALE_TOLD in result.stderr, result.stderr
    assert not (tmp_path / "portal").exists()
    # the bundle its own build made is taken
    (tmp_path / "third").mkdir()
    whole = build_site(tmp_path / "third", small_site_yml("测试", site_url=_STALE_URL), whole_documents)
    assert portal(tmp_path / "portal", None, whole).returncode == 0


def test_a_record_at_another_documents_page_keeps_that_site_out(tmp_path: Path) -> None:
    """A catalogue.json whose second record (its own title and index number) gives the first's page, its
    counts raised to match: every page of the bundle was a document's and every address had a page, so
    the portal listed a document no page shows, linking it to another document's page."""
    from support import build_site, doc, small_site_yml

    (tmp_path / "site").mkdir()
    site = build_site(tmp_path / "site", small_site_yml("测试", site_url=_STALE_URL),
                      {"fgwj/a.md": doc(title="关于出租屋甲事项的通知", index_no="002986620/202003-00021")})
    data = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    forged = {**data["documents"][0], "title": "关于出租屋乙事项的通知", "index_no": "002986620/202003-00022"}
    data["documents"].append(forged)
    data["count"] = 2
    (site / "catalogue.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    contract = json.loads((site / "gkml-site.json").read_text(encoding="utf-8"))
    contract["counts"]["documents"] = contract["search"]["records"] = 2
    contract["open_data"]["catalogue.json"] = hashlib.sha256((site / "catalogue.json").read_bytes()).hexdigest()
    (site / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    result = portal(tmp_path / "portal", None, site)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert (f"测试厅：catalogue.json 中不止一个文件的网址是 {_STALE_URL}doc/002986620-202003-00021/"
            "（每个文件有自己的页面，页面上只有其中一个），拒绝采用该站点。") in result.stderr, result.stderr
    assert not (tmp_path / "portal").exists()


@pytest.mark.parametrize(("key", "forged", "label", "was"), [
    ("title", "关于标题核对乙事项的通知", "名称", "关于标题核对甲事项的通知"),
    ("index_no", "113401000/202003-00031", "索引号", "002986620/202003-00031"),  # another agency's number
    ("doc_no", "皖应急〔2020〕99号", "文号", "皖应急〔2020〕31号"),
])
def test_a_search_result_showing_what_the_catalogue_does_not_give_keeps_that_site_out(
        tmp_path: Path, key: str, forged: str, label: str, was: str) -> None:
    """catalogue.json changed (its hash and the contract made to agree) while the search bundle kept what
    it showed: the portal listed one name, number or 文号 and its search showed another, under the agency's
    name. What each result shows must be what its record gives."""
    from support import build_site, doc, small_site_yml

    (tmp_path / "site").mkdir()
    site = build_site(tmp_path / "site", small_site_yml("测试", site_url=_STALE_URL), {"fgwj/a.md": doc(
        title="关于标题核对甲事项的通知", index_no="002986620/202003-00031", doc_no="皖应急〔2020〕31号")})
    data = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    data["documents"][0][key] = forged
    (site / "catalogue.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    contract = json.loads((site / "gkml-site.json").read_text(encoding="utf-8"))
    contract["open_data"]["catalogue.json"] = hashlib.sha256((site / "catalogue.json").read_bytes()).hexdigest()
    (site / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    result = portal(tmp_path / "portal", None, site)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    number = forged if key == "index_no" else "002986620/202003-00031"
    assert (f"测试厅：检索索引中页面 {_STALE_URL}doc/002986620-202003-00031/ 的{label}“{was}”与 catalogue.json 中"
            f"索引号 {number} 的{label}“{forged}”不同（检索结果会显示目录中没有的{label}），拒绝采用该站点。") in result.stderr, result.stderr
    assert not (tmp_path / "portal").exists()


def test_a_fragment_dated_otherwise_than_its_record_keeps_that_site_out(tmp_path: Path) -> None:
    """The province's newest first merges the agencies' results by each fragment's 发布日: a bundle
    whose fragments (rewritten, the contract's digests made to agree) said 2099-12-31 put the agency's
    2020 documents above every other agency's newest. The day must be its record's."""
    from gkml.search.pffiles import pack, unpack_bytes
    from support import build_site, doc, small_site_yml

    (tmp_path / "site").mkdir()
    site = build_site(tmp_path / "site", small_site_yml("测试", site_url=_STALE_URL),
                      {"fgwj/a.md": doc(title="关于日期核对事项的通知", index_no="002986620/202003-00041")})
    contract = json.loads((site / "gkml-site.json").read_text(encoding="utf-8"))
    (fragment,) = [rel for rel in contract["search"]["files"] if rel.endswith(".pf_fragment")]
    data = json.loads(unpack_bytes((site / fragment).read_bytes(), fragment))
    assert data["filters"]["发布日"] == ["2020-03-05"]
    data["filters"]["发布日"] = ["2099-12-31"]
    (site / fragment).write_bytes(pack(json.dumps(data, ensure_ascii=False).encode("utf-8")))
    contract["search"]["files"][fragment] = hashlib.sha256((site / fragment).read_bytes()).hexdigest()
    (site / "gkml-site.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    result = portal(tmp_path / "portal", None, site)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert (f"测试厅：检索索引中页面 {_STALE_URL}doc/002986620-202003-00041/ 的发布日期“2099-12-31”与 catalogue.json 中"
            "索引号 002986620/202003-00041 的发布日期“2020-03-05”不同（检索结果会显示目录中没有的发布日期），拒绝采用该站点。"
            ) in result.stderr, result.stderr


def test_a_publication_kept_before_the_pages_check_is_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle's pages were checked only when a publication was new: one the portal kept from a gkml
    without the check (its state names no checks) was never checked, and its withdrawn page stayed
    findable on the portal for as long as the agency gave no new site."""
    from gkml.portal import selection
    from gkml.portal.build import build_portal
    from gkml.portal.config import load_portal_config
    from gkml.portal.search import PAGES_CHECK
    from support import doc

    after, _whole = _stale_bundle_site(tmp_path)
    hf = _agency_site(tmp_path / "hf", "合肥市应急管理局", "113401000", {
        "fgwj/a.md": doc(title="关于合肥甲事项的通知", index_no="113401000/202003-00001")})
    config = tmp_path / "portal.yml"
    config.write_text("title: 测试省\ngroups:\n  - name: 市县\n    agencies:\n"
                      "      - {org_code: '002986620', slug: cs}\n      - {org_code: '113401000', slug: hf}\n", encoding="utf-8")
    out = tmp_path / "portal"
    monkeypatch.setattr(selection, "check_pages", lambda *_: None)  # a gkml without the check
    build_portal(load_portal_config(config), [after, hf], out)
    monkeypatch.undo()
    state = json.loads((out / ".gkml-portal.json").read_text(encoding="utf-8"))
    (out / ".gkml-portal.json").write_text(json.dumps({"gkml_portal": 1, "agencies": state["agencies"]}), encoding="utf-8")
    # 测试厅 gives no site (its CI failed): it stood kept, never checked; now checked once, and left out
    result = portal(out, config, hf)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert f"测试厅（cs）：未列入门户（没有可以保留的上一次成功发布的版本）。原因：没有提供站点目录；上一次的版本也无法使用：{_STALE_TOLD}" \
        in result.stderr, result.stderr
    assert "002986620" not in (out / "agencies.json").read_text(encoding="utf-8")
    assert not (out / "pagefind" / "cs").exists()
    # checked once: the next run does not read every kept bundle's pages again
    assert json.loads((out / ".gkml-portal.json").read_text(encoding="utf-8"))["checks"] == PAGES_CHECK


def _agency_site(root: Path, agency: str, org_code: str, documents: dict[str, str]) -> Path:
    from support import build_site, small_site_yml

    root.mkdir()
    config = small_site_yml("测试", site_url=f"https://{org_code}.example.gov.cn/")
    return build_site(root, config.replace("agency: 测试厅", f"agency: {agency}").replace('"002986620"', f'"{org_code}"'),
                      documents)


def test_a_site_claiming_another_agencys_name_or_index_number_holds_back_only_itself(tmp_path: Path) -> None:
    """Each site was verified alone: a site that called itself by another agency's name, or listed a
    document under an index number another agency's site lists and that names the other agency, was
    published beside it, and a reader took its documents for the other agency's."""
    from support import doc

    def numbered(index_no: str, title: str) -> str:
        return doc(title=title, index_no=index_no)

    hf = _agency_site(tmp_path / "hf", "合肥市应急管理局", "113401000", {
        "fgwj/a.md": numbered("113401000/202003-00001", "关于合肥甲事项的通知")})
    wh = _agency_site(tmp_path / "wh", "芜湖市应急管理局", "113402000", {
        "fgwj/a.md": numbered("113402000/202003-00001", "关于芜湖甲事项的通知")})
    # a site listing wh's number, and a site calling itself wh
    thief = _agency_site(tmp_path / "thief", "马鞍山市应急管理局", "113405000", {
        "fgwj/a.md": numbered("113402000/202003-00001", "关于芜湖甲事项的通知")})
    liar = _agency_site(tmp_path / "liar", "芜湖市应急管理局", "113406000", {
        "fgwj/a.md": numbered("113406000/202003-00001", "关于某事项的通知")})
    # portal.yml says whose the name is
    config = tmp_path / "portal.yml"
    config.write_text("title: 测试省\ngroups:\n  - name: 市县\n    agencies:\n"
                      "      - {org_code: '113401000', slug: hf, name: 合肥市应急管理局}\n"
                      "      - {org_code: '113402000', slug: wh, name: 芜湖市应急管理局}\n"
                      "      - {org_code: '113405000', slug: mas}\n      - {org_code: '113406000', slug: liar}\n",
                      encoding="utf-8")
    result = portal(tmp_path / "portal", config, hf, wh, thief, liar)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert (f"马鞍山市应急管理局（{thief}）：索引号 113402000/202003-00001 也由机关代码 113402000 的站点发布"
            "（索引号中的机关代码是它的），一个索引号只能是一个机关的文件，拒绝采用该站点。") in result.stderr, result.stderr
    assert (f"芜湖市应急管理局（{liar}）：站点自称“芜湖市应急管理局”，这也是门户中另一个机关（机关代码 113402000）的名称，"
            "拒绝采用该站点。") in result.stderr, result.stderr
    listed = (tmp_path / "portal" / "agencies.json").read_text(encoding="utf-8")
    assert "113405000" not in listed and "113406000" not in listed
    records = json.loads((tmp_path / "portal" / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert sorted((r["index_no"], r["agency_name"]) for r in records) == [
        ("113401000/202003-00001", "合肥市应急管理局"), ("113402000/202003-00001", "芜湖市应急管理局")]
    # without it, a name two sites give themselves is neither's for sure: both are held back, told how to settle it
    result = portal(tmp_path / "bare", None, hf, wh, liar)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert ("这也是门户中另一个机关（机关代码 113406000）的名称（门户配置没有写明这个名称是哪个机关的，"
            "请在该机关的配置中写 name），拒绝采用该站点。") in result.stderr, result.stderr
    records = json.loads((tmp_path / "bare" / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert [r["agency_name"] for r in records] == ["合肥市应急管理局"]


def test_a_site_named_like_another_agency_in_other_code_points_holds_back_only_itself(tmp_path: Path) -> None:
    """A site calling itself 芜湖市应急管\uf9e4局 (the compatibility ideograph of 理, drawn alike) or with a
    space inside the name was published beside 芜湖市应急管理局: a reader saw two agencies of one name."""
    from support import doc

    wh = _agency_site(tmp_path / "wh", "芜湖市应急管理局", "113402000", {
        "fgwj/a.md": doc(title="关于芜湖同名甲事项的通知", index_no="113402000/202003-00071")})
    liar = _agency_site(tmp_path / "liar", "芜湖市应急管\uf9e4局", "113407000", {
        "fgwj/a.md": doc(title="关于同名乙事项的通知", index_no="113407000/202003-00071")})
    config = tmp_path / "portal.yml"
    config.write_text("title: 测试省\ngroups:\n  - name: 市县\n    agencies:\n"
                      "      - {org_code: '113402000', slug: wh, name: 芜湖市 应急管理局}\n"
                      "      - {org_code: '113407000', slug: liar}\n", encoding="utf-8")
    result = portal(tmp_path / "portal", config, wh, liar)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert (f"芜湖市应急管\uf9e4局（{liar}）：站点自称“芜湖市应急管\uf9e4局”，这也是门户中另一个机关（机关代码 113402000）的名称，"
            "拒绝采用该站点。") in result.stderr, result.stderr
    assert [a["org_code"] for a in json.loads((tmp_path / "portal" / "agencies.json").read_text("utf-8"))["agencies"]] \
        == ["113402000"]


def test_a_site_at_another_agencys_address_holds_back_only_itself(tmp_path: Path) -> None:
    """A site declaring another agency's site_url, its own name and index numbers: each record's address
    (on the other agency's site) had its page in the bundle, so the portal listed its documents under its
    name, linking into the other agency's site (another's page, or none)."""
    from support import build_site, doc, small_site_yml

    wh = _agency_site(tmp_path / "wh", "芜湖市应急管理局", "113402000", {
        "fgwj/a.md": doc(title="关于同址甲事项的通知", index_no="113402000/202003-00081")})
    (tmp_path / "squatter").mkdir()
    config = small_site_yml("测试", site_url="https://113402000.example.gov.cn/")
    squatter = build_site(tmp_path / "squatter", config.replace("agency: 测试厅", "agency: 马鞍山市应急管理局")
                          .replace('"002986620"', '"113405000"'), {
        "fgwj/a.md": doc(title="关于同址乙事项的通知", index_no="113405000/202003-00081")})
    result = portal(tmp_path / "portal", None, wh, squatter)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert (f"马鞍山市应急管理局（{squatter}）：站点的网址 https://113402000.example.gov.cn/ 也是机关代码 113402000 的站点的网址"
            "（没有门户配置（--config portal.yml）时按命令行中站点目录的顺序，它的站点在前面；请用门户配置写明各机关），"
            "一个网站只能是一个机关的，请核对该站点的 site_url（或门户配置中该机关的 base_url），"
            "拒绝采用该站点。") in result.stderr, result.stderr
    records = json.loads((tmp_path / "portal" / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert [r["index_no"] for r in records] == ["113402000/202003-00081"]


def test_a_site_claiming_what_the_portal_already_shows_of_another_agency_holds_back_only_itself(tmp_path: Path) -> None:
    """The claims compared only the sites given in one run: an agency published yesterday and given no
    site today was not compared, so a site claiming its index number or its name was published beside
    what the portal kept of it."""
    from support import doc

    hf = _agency_site(tmp_path / "hf", "合肥市应急管理局", "113401000", {
        "fgwj/a.md": doc(title="关于合肥甲事项的通知", index_no="113401000/202003-00001")})
    wh = _agency_site(tmp_path / "wh", "芜湖市应急管理局", "113402000", {
        "fgwj/a.md": doc(title="关于芜湖甲事项的通知", index_no="113402000/202003-00001")})
    thief = _agency_site(tmp_path / "thief", "马鞍山市应急管理局", "113405000", {
        "fgwj/a.md": doc(title="关于芜湖甲事项的通知", index_no="113402000/202003-00001")})
    liar = _agency_site(tmp_path / "liar", "合肥市应急管理局", "113406000", {
        "fgwj/a.md": doc(title="关于某事项的通知", index_no="113406000/202003-00001")})
    config = tmp_path / "portal.yml"  # no names: the name hf's site gives itself is the one the portal shows
    config.write_text("title: 测试省\ngroups:\n  - name: 市县\n    agencies:\n"
                      "      - {org_code: '113405000', slug: mas}\n      - {org_code: '113406000', slug: liar}\n"
                      "      - {org_code: '113401000', slug: hf}\n      - {org_code: '113402000', slug: wh}\n",
                      encoding="utf-8")
    out = tmp_path / "portal"
    assert portal(out, config, hf, wh).returncode == 3  # yesterday: hf and wh
    result = portal(out, config, thief, liar)  # today: two new sites only, hf and wh kept
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert (f"马鞍山市应急管理局（{thief}）：索引号 113402000/202003-00001 也由机关代码 113402000 的站点发布"
            "（索引号中的机关代码是它的），一个索引号只能是一个机关的文件，拒绝采用该站点。") in result.stderr, result.stderr
    assert (f"合肥市应急管理局（{liar}）：站点自称“合肥市应急管理局”，这也是门户中另一个机关（机关代码 113401000）的名称"
            "（门户已发布该机关的站点），拒绝采用该站点。") in result.stderr, result.stderr
    records = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert sorted((r["index_no"], r["agency_name"]) for r in records) == [
        ("113401000/202003-00001", "合肥市应急管理局"), ("113402000/202003-00001", "芜湖市应急管理局")]
    listed = (out / "agencies.json").read_text(encoding="utf-8")
    assert "113405000" not in listed and "113406000" not in listed
