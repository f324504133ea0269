"""The portal's pure parts: portal.yml, rows re-based onto agencies' sites, listings."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from gkml.outputs.contract import CONTRACT_FILE, CONTRACT_VERSION
from gkml.portal.catalogue import (
    Agency,
    Row,
    agency_of,
    agency_rows,
    listings,
    newest_first,
)
from gkml.portal.claims import claimed
from gkml.portal.config import (
    AgencyEntry,
    PortalConfig,
    PortalConfigError,
    parse_portal_config,
)
from gkml.portal.feedid import feed_id
from gkml.portal.opendata import atom_feed, catalogue_csv, catalogue_json
from gkml.portal.output import MARKER, Output
from gkml.portal.pages import root_of, zh_date
from gkml.portal.search import Expected, check_pages
from gkml.portal.selection import Selection, select
from gkml.portal.sitecontract import SourceError
from gkml.portal.source import Source, read_source
from gkml.portal.withdrawals import agency_notices, most_recent_first, notice_record
from support import atom_ids

FEED_ID = "urn:uuid:00000000-0000-4000-8000-000000000001"  # the portal's own feed id (feedid)


def test_config_reads_groups_in_order() -> None:
    config = parse_portal_config({"title": "省平台", "groups": [
        {"name": "省直部门", "agencies": [{"org_code": "002986620", "slug": "yjt", "base_url": "https://a.example/x"}]},
        {"name": "市县", "agencies": [{"org_code": 113401000}]}]})
    assert config.groups == ("省直部门", "市县") and config.listed
    assert [(a.org_code, a.group, a.slug, a.base_url) for a in config.agencies] == [
        ("002986620", "省直部门", "yjt", "https://a.example/x/"), ("113401000", "市县", None, None)]


@pytest.mark.parametrize(("data", "key"), [
    ({"titel": "x"}, "titel"),
    ({"page_size": 0}, "page_size"),
    ({"groups": [{"agencies": []}]}, "groups[0].name"),
    ({"groups": [{"name": "g", "agencies": [{"org_code": "1", "slug": "../x"}]}]}, "groups[0].agencies[0].slug"),
    ({"groups": [{"name": "g", "agencies": [{"org_code": "1", "base_url": "javascript:alert(1)"}]}]},
     "groups[0].agencies[0].base_url"),
    ({"groups": [{"name": "g", "agencies": [{"org_code": "1"}, {"org_code": "1"}]}]}, "groups[0].agencies[1].org_code"),
    # pagefind/routing/ is the routing index: such an agency kept every index ever written as its bundle
    ({"groups": [{"name": "g", "agencies": [{"org_code": "1", "slug": "routing"}]}]}, "groups[0].agencies[0].slug"),
    # every row's link is base_url + the document's path: https://x/gkml?a=1/doc/x/ leads nowhere
    ({"groups": [{"name": "g", "agencies": [{"org_code": "1", "base_url": "https://x.gov.cn/gkml?a=1"}]}]},
     "groups[0].agencies[0].base_url"),
    ({"groups": [{"name": "g", "agencies": [{"org_code": "1", "base_url": "https://x.gov.cn/#/gkml"}]}]},
     "groups[0].agencies[0].base_url"),
    ({"site_url": "https://gkml.gov.cn/省 平台/"}, "site_url"),
    # one folder on a host that ignores case (Windows, macOS): one agency's pages and bundle replaced the other's
    ({"groups": [{"name": "g", "agencies": [{"org_code": "1", "slug": "hf"}, {"org_code": "2", "slug": "HF"}]}]},
     "groups[0].agencies[1].slug"),
])
def test_config_errors_name_the_key(data: dict, key: str) -> None:
    with pytest.raises(PortalConfigError, match=key.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")):
        parse_portal_config(data)


def _agency(slug: str = "a", site_url: str = "https://a.example/gkml/", base: str = "https://mirror.example/a/") -> Agency:
    source = Source(Path("/nowhere"), {"agency": "甲机关", "org_code": slug, "site_url": site_url}, "0" * 64, {})
    return Agency(slug, "甲机关", slug, "市县", base, source, 2, 0)


def _doc(url: str, published: str = "2024-03-05T09:00:00+08:00", **extra: str) -> dict[str, str]:
    return {"title": "标题", "index_no": extra.pop("index_no", "000000001/202403-00001"), "url": url, "published": published,
            "category": "fgwj", "category_name": "法规文件", **extra}


def test_rows_link_to_the_configured_base_url() -> None:
    agency = _agency()
    rows = agency_rows(agency, [_doc("https://a.example/gkml/doc/1-202403-00001/"), _doc("/doc/x/", index_no="000000002/202403-00002")])
    assert [r.url for r in rows] == ["https://mirror.example/a/doc/1-202403-00001/", "https://mirror.example/a/doc/x/"]


@pytest.mark.parametrize("url", ["https://evil.example/doc/x/", "//evil.example/x", "javascript:alert(1)"])
def test_a_catalogue_pointing_off_the_agency_site_is_refused(url: str) -> None:
    with pytest.raises(SourceError, match="甲机关"):
        agency_rows(_agency(), [_doc(url)])


@pytest.mark.parametrize("url", ["../../wh/gkml/doc/x/", "/doc/../../../wh/doc/x/", "https://a.example/gkml/../wh/doc/x/",
                                 "doc/%2e%2e/%2E%2E/wh/doc/x/", "doc\\..\\..\\wh/doc/x/"])
def test_a_catalogue_url_climbing_out_of_the_agency_site_is_refused(url: str) -> None:
    """Agencies of one province often share a host (www.ah.gov.cn/hf/, /wh/): a row of one agency's
    catalogue.json linked, under that agency's name, to another agency's page one `..` up."""
    with pytest.raises(SourceError, match="catalogue.json 中的网址 .* 指向本机关网站（https://mirror.example/a/）之外"):
        agency_rows(_agency(), [_doc(url)])



@pytest.mark.parametrize("site_url", ["https://a.example/gkml?x=1", "https://a.example/#/gkml/", "file:///srv/gkml/site/",
                                      "https://a.example/gk ml/"])
def test_a_contract_site_url_no_document_address_can_follow_is_refused(site_url: str) -> None:
    """The base of every row is portal.yml's base_url, else the site_url the contract declares: portal.yml's
    was refused unless a folder's address, the contract's taken as it came (…/gkml?x=1/doc/x/ leads nowhere)."""
    source = Source(Path("/nowhere"), {"agency": "甲机关", "org_code": "1", "site_url": site_url}, "0" * 64, {})
    with pytest.raises(SourceError, match=r"甲机关（/nowhere）：发布清单中的 site_url 应为.*拒绝采用该站点（或在门户配置中为该机关写 base_url）"):
        agency_of(AgencyEntry("1", "市县"), source, "a")
    assert agency_of(AgencyEntry("1", "市县", base_url="https://mirror.example/a/"), source, "a").base_url == "https://mirror.example/a/"


def test_a_site_read_over_file_only_needs_a_base_url() -> None:
    """An agency whose site is served nowhere (no site_url: read from its offline copy) has no address to link."""
    source = Source(Path("/nowhere"), {"agency": "甲机关", "org_code": "1"}, "0" * 64, {})
    with pytest.raises(PortalConfigError, match="甲机关：门户配置和站点都没有给出网址（base_url / site_url）"):
        agency_of(AgencyEntry("1", "市县"), source, "a")

def _row(agency: str, published: str, category_name: str, index_no: str, category: str = "fgwj") -> Row:
    return Row(agency, agency, "t", index_no, "u", category, category_name, published, "", "", "", "有效")


def test_newest_first_then_agency_order() -> None:
    rows = [_row("b", "2024-01-01T00:00:00+08:00", "x", "1"), _row("a", "2024-01-01T00:00:00+08:00", "x", "2"),
            _row("b", "2025-01-01T00:00:00+08:00", "x", "3")]
    assert [r.index_no for r in newest_first(rows, {"a": 0, "b": 1})] == ["3", "2", "1"]


def test_categories_are_joined_by_name_and_slugs_stay_safe() -> None:
    rows = [_row("a", "2024", "法规文件", "1", "fgwj"), _row("b", "2024", "法规文件", "2", "wj"),
            _row("b", "2023", "其他", "3", "../x"), _row("a", "2023", "另一个", "4", "fgwj")]
    found = {x.name: (x.slug, len(x.rows)) for x in listings(rows, [_agency("a"), _agency("b")])["category"]}
    assert found["法规文件"] == ("fgwj", 2)
    assert found["其他"][0] != "../x" and found["另一个"][0] != "fgwj"


def test_relative_roots_and_dates() -> None:
    assert (root_of(""), root_of("catalogue"), root_of("agency/x/page/2")) == ("./", "../", "../../../../")
    assert zh_date("2024-03-05T09:00:00+08:00") == "2024年3月5日" and zh_date("不详") == "不详"


def test_a_record_cannot_claim_another_agency() -> None:
    """A tampered catalogue.json whose record says it is another agency's stays its own agency's."""
    record = _doc("/doc/x/", agency="b", agency_name="乙机关", org_code="b")
    data = json.loads(catalogue_json(parse_portal_config({"title": "省"}), [_agency()], [(_agency(), record)], None))
    assert (data["documents"][0]["agency"], data["documents"][0]["agency_name"]) == ("a", "甲机关")


def _published_site(folder: Path, documents: list[dict], raw: bytes | None = None, **contract_values: object) -> Path:
    """A site folder with a consistent contract and catalogue.json (or `raw` as catalogue.json; no search bundle)."""
    folder.mkdir()
    if raw is None:
        raw = json.dumps({"agency": "甲机关", "count": len(documents), "documents": documents}, ensure_ascii=False).encode()
    (folder / "catalogue.json").write_bytes(raw)
    contract = {"gkml_site": CONTRACT_VERSION, "agency": "甲机关", "org_code": "a", "counts": {"documents": len(documents)},
                "open_data": {"catalogue.json": hashlib.sha256(raw).hexdigest()}, **contract_values}
    (folder / CONTRACT_FILE).write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    return folder


@pytest.mark.parametrize(("version", "told"), [(CONTRACT_VERSION + 1, "站点由更新版本的 gkml 生成，请升级门户使用的 gkml"),
                                               (0, "请用与门户相同版本的 gkml 重新生成该站点"),
                                               ("2", "请用与门户相同版本的 gkml 重新生成该站点")])
def test_a_contract_of_another_version_says_which_gkml_to_change(tmp_path: Path, version: object, told: str) -> None:
    """An agency upgraded before the province: its site is refused (the portal cannot know what a newer
    contract means), and the operator is told to upgrade the portal's gkml, not to rebuild the site."""
    with pytest.raises(SourceError, match=f"甲机关（.*）：发布约定版本为 {version!r}，本 gkml 只支持版本 {CONTRACT_VERSION}（{told}），拒绝采用该站点。"):
        read_source(_published_site(tmp_path / "site", [], gkml_site=version))

@pytest.mark.parametrize("held_back", [{"withdrawn": True}, {"draft": True}, {"exemption": "依申请公开"}])
def test_a_catalogue_listing_a_held_back_document_is_refused(tmp_path: Path, held_back: dict) -> None:
    assert read_source(_published_site(tmp_path / "ok", [_doc("/doc/1/")])).catalogue["count"] == 1
    folder = _published_site(tmp_path / "tampered", [_doc("/doc/1/"), _doc("/doc/2/", index_no="000000002/202403-00002", **held_back)])
    with pytest.raises(SourceError, match=f"甲机关.*索引号 000000002/202403-00002 .*{next(iter(held_back))}"):
        read_source(folder)


@pytest.mark.parametrize(("record", "told"), [
    ({"title": "关于\u202e知通fdp.exe"}, "title 含有看不见的字符 U+202E"),
    ({"doc_no": "皖应急〔2020〕\u206612号"}, "doc_no 含有看不见的字符 U+2066"),
    ({"keywords": ["安全", "生\x1b产"]}, "keywords 含有看不见的字符 U+001B"),
    ({"attachments": [{"title": "附\u202d件", "url": "/doc/1/a.pdf"}]}, "attachments 含有看不见的字符 U+202D"),
])
def test_a_record_holding_what_does_not_show_is_refused(tmp_path: Path, record: dict, told: str) -> None:
    """gkml's check lets no control or bidirectional control into a published value: a catalogue.json
    holding one is not what a check passed, and the portal showed the title turned around (关于{U+202E}知通fdp.exe)."""
    assert read_source(_published_site(tmp_path / "ok", [_doc("/doc/1/", summary="第一段。\n第二段。")])).catalogue["count"] == 1
    folder = _published_site(tmp_path / "tampered", [_doc("/doc/1/", **record)])
    with pytest.raises(SourceError, match=f"甲机关.*catalogue.json 中索引号 000000001/202403-00001 的 {re.escape(told)}"):
        read_source(folder)


@pytest.mark.parametrize("published", ["9999年", "2024-03-05", "2024-03-05T01:00:00Z", "2024-03-05 09:00",
                                       "2024-03-05T09:00:00.5+08:00", "２０２４-03-05T09:00:00+08:00", 20240305, None])
def test_a_publication_moment_gkml_does_not_write_is_refused(tmp_path: Path, published: object) -> None:
    """The portal orders every agency's rows newest first by `published` as text and gives it as each feed
    entry's Atom date: a site's 9999年 headed the province's listings and feed for good, made the feed
    invalid Atom (a date-only or 2024-03-05 09:00 too), and 01:00Z sorted eight hours early."""
    folder = _published_site(tmp_path / "tampered", [_doc("/doc/1/", published=published)])
    with pytest.raises(SourceError, match=f"甲机关.*catalogue.json 中索引号 000000001/202403-00001 的发布日期 {re.escape(repr(published))} "
                                          r"不是 gkml 写出的时间（YYYY-MM-DDTHH:MM:SS\+08:00，北京时间）"):
        read_source(folder)


@pytest.mark.parametrize("created", ["二〇二四年", "2024-3-1", "2024-03-01T00:00:00+08:00", 2024, None])
def test_a_creation_date_gkml_does_not_write_is_refused(tmp_path: Path, created: object) -> None:
    """The portal's feed gives each document the id its agency's feed does, whose year is `created`'s:
    二〇二四年 made tag:host,二〇二:…, no tag URI, and an id the agency's feed never gave."""
    assert read_source(_published_site(tmp_path / "ok", [_doc("/doc/1/", created="2024-03-01")])).catalogue["count"] == 1
    folder = _published_site(tmp_path / "tampered", [_doc("/doc/1/", created=created)])
    with pytest.raises(SourceError, match=f"甲机关.*索引号 000000001/202403-00001 的生成日期 {re.escape(repr(created))} 不是 gkml 写出的日期"):
        read_source(folder)


@pytest.mark.parametrize("number", ["113402000/202003-00001\u200b", "113402000/202003-00001 ", " 113402000/202003-00001",
                                    "113402000/202003-00001\n", "113402000／202003-00001", "１13402000/202003-00001",
                                    "113402000/202003-1", "x"])
@pytest.mark.parametrize("where", ["documents", "withdrawals"])
def test_an_index_number_gkml_would_refuse_is_refused(tmp_path: Path, number: str, where: str) -> None:
    """Another agency's number with a zero-width space, a space or a full-width slash is another string:
    the portal's one-number-one-agency rule (claims) let it through, and the portal listed wh's
    113402000/202003-00001, as a reader reads it, under another agency's name."""
    notices = [_notice(index_no=number)] if where == "withdrawals" else []
    documents = [_doc("/doc/1/", index_no=number)] if where == "documents" else []
    raw = json.dumps({"agency": "甲机关", "count": len(documents), "documents": documents, "withdrawals": notices},
                     ensure_ascii=False).encode()
    folder = _published_site(tmp_path / "site", [], raw, counts={"documents": len(documents), "withdrawn": len(notices)})
    with pytest.raises(SourceError, match=f"甲机关.*索引号 {re.escape(repr(number))} 不是 gkml 检查通过的格式"):
        read_source(folder)


def test_a_contract_naming_its_agency_with_what_does_not_show_is_refused(tmp_path: Path) -> None:
    folder = _published_site(tmp_path / "site", [_doc("/doc/1/")], agency="芜湖市\u202e局理管急应")
    with pytest.raises(SourceError, match="gkml-site.json 的 agency 含有看不见的字符 U\\+202E"):
        read_source(folder)


@pytest.mark.parametrize(("raw", "contract", "message"), [
    (b"{not json", {}, "catalogue.json 不是有效的 JSON"),
    (b"[" * 100_000 + b"]" * 100_000, {}, "catalogue.json 不是有效的 JSON"),
    (b"[1]", {}, "catalogue.json 格式不对"),
    (None, {"open_data": ["catalogue.json"]}, "open_data 格式不对"),
    (None, {"counts": {"documents": 1, "withdrawn": "x"}}, "counts 格式不对"),
    (None, {"site_url": ["https://a.example/"]}, "site_url 格式不对"),
    # read when the agency is kept at this publication: a traceback on the run after it, its next site refused
    (None, {"built": 5}, "built 格式不对"),
    (None, {"search": "pagefind"}, "search 格式不对"),
    (None, {"search": {"files": ["pagefind/x"]}}, "search.files 格式不对"),
    (None, {"search": {"files": {"pagefind/x": "0"}, "shards": [1]}}, "search.shards 格式不对"),
    (None, {"search": {"files": {"pagefind/x": "0"}, "shards": [{"path": "s/", "pages": 1}]}}, "search.shards 格式不对"),
    # read by the routing index at portal time: an AttributeError stopped the province's run
    (None, {"search": {"files": {"pagefind/x": "0"}, "shards": [], "routing": "x"}}, "search.routing 格式不对"),
    (None, {"search": {"files": {"pagefind/x": "0"}, "shards": [], "routing": [1]}}, "search.routing 格式不对"),
])
def test_a_malformed_source_is_refused_not_a_traceback(tmp_path: Path, raw: bytes | None, contract: dict,
                                                       message: str) -> None:
    """Files consistent with their digests but not of the shape gkml writes: a located refusal."""
    folder = _published_site(tmp_path / "site", [_doc("/doc/1/")], raw, **contract)
    with pytest.raises(SourceError, match=f"甲机关.*{message}"):
        read_source(folder)


def test_a_file_reached_through_a_symlink_is_refused(tmp_path: Path) -> None:
    """A bundle file that is a link to a file outside the site (digest and all right) would publish
    the portal machine's own file: refused."""
    folder = _published_site(tmp_path / "site", [_doc("/doc/1/")])
    outside = tmp_path / "secret.json"
    (folder / "catalogue.json").rename(outside)
    (folder / "catalogue.json").symlink_to(outside)
    with pytest.raises(SourceError, match="甲机关.*catalogue.json 是符号链接"):
        read_source(folder)
    linked = _published_site(tmp_path / "linked", [_doc("/doc/1/")])
    (tmp_path / "real").mkdir()
    (linked / "catalogue.json").rename(tmp_path / "real" / "catalogue.json")
    (linked / "data").symlink_to(tmp_path / "real")
    contract = json.loads((linked / CONTRACT_FILE).read_text("utf-8"))
    contract["open_data"] = {"data/catalogue.json": contract["open_data"].pop("catalogue.json"), "catalogue.json": ""}
    (linked / CONTRACT_FILE).write_text(json.dumps(contract, ensure_ascii=False), "utf-8")
    with pytest.raises(SourceError, match="甲机关.*data/catalogue.json 是符号链接"):
        read_source(linked)


def test_a_made_up_category_slug_never_takes_an_agency_code() -> None:
    """Three names under one code 'c3' (three agencies' profiles): the slugs made for the
    second and third must not be 'c3', or two listings would write one page."""
    rows = [_row("a", "2024", "甲类", "1", "c3"), _row("a", "2024", "乙类", "2", "c3"), _row("a", "2024", "丙类", "3", "c3")]
    slugs = [x.slug for x in listings(rows, [_agency("a")])["category"]]
    assert len(set(slugs)) == 3, slugs


@pytest.mark.parametrize("marker", [b"", b'{"agencies": ', b"[1]", b'{"agencies": [1]}', b"\xff"])
def test_an_unreadable_portal_state_means_a_full_run(tmp_path: Path, marker: bytes) -> None:
    """The portal's own state cut off or replaced: nothing is trusted as unchanged, no traceback."""
    (tmp_path / MARKER).write_bytes(marker)
    assert Output(tmp_path).check_target() == {}


def _selected(out: Path, config: PortalConfig, *sites: Path) -> Selection:
    """The agencies `gkml portal` would publish from `sites`, and those it holds back, with why."""
    output = Output(out)
    output.begin()
    return select(config, list(sites), output, {}, Expected(("1.0", "zh"), "", {}), lambda _message: None)


@pytest.mark.parametrize("org_code", ["../../victim", "a/b", "/tmp/x", "机关", ".hidden", "routing"])
def test_an_org_code_that_is_no_safe_name_needs_a_configured_slug(tmp_path: Path, org_code: str) -> None:
    """Without a slug in portal.yml the org code names the agency's folders (agency/<slug>/,
    pagefind/<slug>/, which a re-run deletes and copies again): one from a contract like '../../x'
    would reach outside the portal."""
    site = _published_site(tmp_path / "site", [], org_code=org_code)
    (held,) = _selected(tmp_path / "portal", parse_portal_config(None), site).held
    assert held.slug is None and re.search(f"甲机关.*{re.escape(org_code)}.*slug", "；".join(held.reasons)), held
    listed = parse_portal_config({"groups": [{"name": "市县", "agencies": [{"org_code": org_code, "slug": "a"}]}]})
    (held,) = _selected(tmp_path / "listed", listed, site).held  # no search bundle: held, but not for its name
    assert held.slug == "a" and "slug" not in "；".join(held.reasons), held


def test_one_site_given_twice_is_one_site(tmp_path: Path) -> None:
    """A CI job's sites/site-* and the same folder named again, or a link to it: the one site was taken
    for two sites claiming one org code, and the agency was held back."""
    site = _published_site(tmp_path / "site", [])
    (tmp_path / "latest").symlink_to(site)
    (held,) = _selected(tmp_path / "portal", parse_portal_config(None), site, tmp_path / "latest", site).held
    assert held.reasons == ("甲机关：门户配置和站点都没有给出网址（base_url / site_url）",), held  # the one site, checked on

@pytest.mark.parametrize(("published", "year"), [("2024-0²-05T09:00:00+08:00", "2024"),
                                                  ("２０２４-03-05T09:00:00+08:00", "undated"), ("²⁰²⁴-03-05", "undated")])
def test_a_date_in_other_digits_is_shown_as_written(published: str, year: str) -> None:
    """Digits Python calls digits but no date has (² and the full-width ２): no traceback, no
    year/２０２４/ page beside year/2024/."""
    assert zh_date(published) == published
    assert [x.slug for x in listings([_row("a", published, "x", "1")], [_agency("a")])["year"]] == [year]


def test_a_category_keeps_its_address_whoever_publishes_next() -> None:
    """Two agencies give the code fgwj to two names, and one name two codes: which page is
    category/fgwj/ must not change when a document is published (it went to the name of the
    newest document: a bookmark of 法规文件 then showed 规范性文件, and 法规文件 moved to c<N>)."""
    agencies = [_agency("a"), _agency("b")]
    before = [_row("a", "2024-02-01", "法规文件", "1", "fgwj"), _row("b", "2024-01-01", "规范性文件", "2", "fgwj"),
              _row("b", "2023-01-01", "法规文件", "3", "flwj"), _row("a", "2022-01-01", "其他", "4", "qt")]
    after = [_row("b", "2024-03-01", "规范性文件", "5", "fgwj"), _row("b", "2024-02-15", "法规文件", "6", "flwj"),
             _row("a", "2024-02-10", "新类", "7", "xl"), *before]

    def pages(rows: list[Row]) -> dict[str, str]:
        return {x.name: x.slug for x in listings(newest_first(rows, {"a": 0, "b": 1}), agencies)["category"]}

    first, second = pages(before), pages(after)
    assert first["法规文件"] == "fgwj" and len(set(first.values())) == len(first)
    assert {name: second[name] for name in first} == first


def test_a_catalogue_listing_a_document_not_yet_published_is_refused(tmp_path: Path) -> None:
    """A site built as of a later moment (build_time: a preview) lists documents still embargoed:
    the portal, run now, published them (pages, open data, feed, search)."""
    with pytest.raises(SourceError, match="索引号 000000002/202403-00002 .*还没有到"):
        read_source(_published_site(tmp_path / "future", [_doc("/doc/2/", "2999-01-01", index_no="000000002/202403-00002")]))
    now = datetime(2026, 3, 5, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    ok = _published_site(tmp_path / "ok", [_doc("/doc/1/", "2026-03-05T09:00:00+08:00"), _doc("/doc/2/", "2026-03-05T00:00:00+08:00", index_no="000000002/202403-00002")])
    assert read_source(ok, now).catalogue["count"] == 2
    early = _published_site(tmp_path / "early", [_doc("/doc/1/"), _doc("/doc/2/", "2026-03-05T09:01:00+08:00", index_no="000000002/202403-00002")])
    with pytest.raises(SourceError, match="甲机关.*索引号 000000002/202403-00002 .*2026-03-05T09:01:00\\+08:00.*还没有到"):
        read_source(early, now)


def test_category_and_agency_folders_differ_in_more_than_case(tmp_path: Path) -> None:
    """category/FGWJ/ beside category/fgwj/, agency/A/ beside agency/a/: one folder where case is ignored."""
    rows = [_row("a", "2024", "法规文件", "1", "fgwj"), _row("a", "2024", "规范文件", "2", "FGWJ")]
    slugs = [x.slug.lower() for x in listings(rows, [_agency("a")])["category"]]
    assert len(set(slugs)) == 2, slugs
    sites = [_published_site(tmp_path / code, [], org_code=code, agency=f"{code}机关") for code in ("A1", "b", "a1")]
    held = {h.name: h for h in _selected(tmp_path / "portal", parse_portal_config(None), *sites).held}
    assert held["a1机关"].slug is None and re.search("a1机关.*a1 重复", "；".join(held["a1机关"].reasons)), held
    assert all("重复" not in "；".join(held[name].reasons) for name in ("A1机关", "b机关")), held


def _claimant(code: str, name: str, *numbers: str) -> Source:
    return Source(Path(f"/sites/{code}"), {"agency": name, "org_code": code}, "0" * 64,
                  {"documents": [{"index_no": number} for number in numbers]})


def test_the_claims_compare_the_sites_given_with_the_publications_kept() -> None:
    """A site given is compared with what the portal keeps of the agencies giving none: a number that names
    neither stays the kept agency's (published first), whatever portal.yml's order; two kept publications
    both showing one (kept before the check existed) both stand; a kept one showing another's named number,
    or calling itself by portal.yml's name of another, is refused."""
    entries = [AgencyEntry("113405000", "市县"), AgencyEntry("113401000", "市县"), AgencyEntry("113402000", "市县")]
    kept = {"113401000": _claimant("113401000", "合肥市", "X/2020-00001", "113402000/202003-00009")}
    given = {"113405000": [_claimant("113405000", "马鞍山市", "X/2020-00001")]}
    refused = claimed(entries, given, kept)
    assert set(refused) == {"113405000"} and "门户已发布它的这份文件" in refused["113405000"], refused
    both = {**kept, "113405000": _claimant("113405000", "马鞍山市", "X/2020-00001")}
    assert claimed(entries, {}, both) == {}
    kept["113402000"] = _claimant("113402000", "芜湖市", "113402000/202003-00009")
    refused = claimed(entries, {}, kept)
    assert set(refused) == {"113401000"} and "索引号中的机关代码是它的" in refused["113401000"], refused
    named = [AgencyEntry("113405000", "市县", name="合肥市"), *entries[1:]]
    refused = claimed(named, {}, {"113401000": _claimant("113401000", "合肥市")})
    assert set(refused) == {"113401000"} and "机关代码 113405000" in refused["113401000"], refused


def _notice(url: str = "/doc/9/", **extra: object) -> dict[str, object]:
    return {"index_no": "000000001/202403-00009", "title": "已撤的通知", "category": "fgwj", "category_name": "法规文件",
            "withdrawn_on": "2024-04-01", "withdrawal_reason": "内容有误", "url": url, **extra}


def _with_withdrawals(folder: Path, notices: object, withdrawn: object = None) -> Path:
    raw = json.dumps({"agency": "甲机关", "count": 1, "documents": [_doc("/doc/1/")], "withdrawals": notices},
                     ensure_ascii=False).encode()
    counts = {"documents": 1, **({"withdrawn": withdrawn} if withdrawn is not None else {})}
    return _published_site(folder, [], raw, counts=counts)


@pytest.mark.parametrize(("notices", "withdrawn", "told"), [
    ("x", None, "撤回数不一致：发布清单 None，catalogue.json 的 withdrawals 格式不对"),
    ([_notice()], 2, "撤回数不一致：发布清单 2，catalogue.json 的 withdrawals 1"),
    ([_notice(), _notice()], 2, "索引号 000000001/202403-00009 的文件既已撤回又重复撤回"),
    ([_notice(index_no="000000001/202403-00001")], 1, "索引号 000000001/202403-00001 的文件既已撤回又已公开"),
    ([5], 1, "withdrawals 中有缺少索引号或网址的条目"),
    ([_notice(url=None)], 1, "withdrawals 中有缺少索引号或网址的条目"),
    ([_notice(withdrawn_on="2024/4/1")], 1, "缺少名称、撤回日期（YYYY-MM-DD）或撤回理由"),
    ([_notice(withdrawal_reason=None)], 1, "缺少名称、撤回日期（YYYY-MM-DD）或撤回理由"),
    ([_notice(title="已撤\u202e的通知")], 1, "撤回记录的 title 含有看不见的字符 U+202E"),
    # a notice dated years ahead would head the province's feed, above every agency's news, till then
    ([_notice(withdrawn_on="2999-01-01")], 1, "索引号 000000001/202403-00009 的撤回日期 2999-01-01 还没有到"),
    # its moment orders the province's feed as text: only a time of its own day, as gkml writes it
    ([_notice(withdrawn_at="2999-01-01T00:00:00+08:00")], 1, "撤回时间 '2999-01-01T00:00:00+08:00' 不是撤回日期 2024-04-01 当天"),
    ([_notice(withdrawn_at="2024-04-01T02:00:00Z")], 1, "撤回时间 '2024-04-01T02:00:00Z' 不是撤回日期 2024-04-01 当天"),
    ([_notice(withdrawn_at="2024-04-01T25:00:00+08:00")], 1, "撤回时间 '2024-04-01T25:00:00+08:00' 不是"),
    ([_notice(withdrawn_at=None)], 1, "撤回时间 None 不是撤回日期 2024-04-01 当天"),
])
def test_a_malformed_or_hostile_withdrawal_is_refused(tmp_path: Path, notices: object, withdrawn: object, told: str) -> None:
    """The portal tells an agency's withdrawals (its open data, its feed): a list gkml did not write is
    refused, located, never a traceback nor a notice of a document still published."""
    assert len(read_source(_with_withdrawals(tmp_path / "ok", [_notice()], 1)).catalogue["withdrawals"]) == 1
    moment = _notice(withdrawn_at="2024-04-01T09:30:01+08:00")
    assert read_source(_with_withdrawals(tmp_path / "at", [moment], 1)).catalogue["withdrawals"] == [moment]
    with pytest.raises(SourceError, match=re.escape(told)):
        read_source(_with_withdrawals(tmp_path / "bad", notices, withdrawn))


@pytest.mark.parametrize("url", ["https://evil.example/x/", "/gkml/../../b/doc/1/"])
def test_a_withdrawal_pointing_off_the_agency_site_is_refused(url: str) -> None:
    with pytest.raises(SourceError, match="拒绝采用该站点"):
        agency_notices(_agency(), [_notice(url)])


def test_a_withdrawal_is_told_in_the_csv_and_feed_as_text() -> None:
    """A notice's title that Excel would run as a formula, and markup a feed reader would render, stay text."""
    agency = _agency()
    (notice,) = agency_notices(agency, [_notice(title="=HYPERLINK(\"http://evil\",\"点此\")", withdrawal_reason="<b>错</b>")])
    text = catalogue_csv([], [agency], [notice])
    assert "'=HYPERLINK" in text and "\r\n" in text
    feed = atom_feed(parse_portal_config({"title": "省"}), [agency], [], [notice], feed_id=FEED_ID)
    assert "&lt;b&gt;错&lt;/b&gt;" in feed and "tag:a.example,2024:000000001/202403-00009" in feed
    assert "<updated>2024-04-01T00:00:00+08:00</updated>" in feed  # a site gkml wrote before the record had its moment


@pytest.mark.parametrize("title", ["安徽 省", "省#1%", "Anhui Province"])
def test_the_portals_feed_id_is_a_uri_kept_whatever_its_title(title: str) -> None:
    """Without site_url the feed's id was tag:gkml-portal,2019:<title>: a rename changed it. Now the id the
    portal keeps (feedid): the one it recorded, else the one its last feed.xml has, else a new urn:uuid made
    from what its first run is of (two portals made alike: the same bytes)."""
    made = feed_id(None, None, "省\n1")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", made) and made == feed_id(None, None, "省\n1") != feed_id(None, None, "省\n2")
    old = b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:gkml-portal,2019:%E7%9C%81</id>'
    assert feed_id(None, old + b"<entry><id>tag:a,2024:x</id></entry></feed>", "") == "tag:gkml-portal,2019:%E7%9C%81"
    assert feed_id(made, old, "") == made and feed_id("not a uri", b"<feed>", "") != "not a uri"
    feed = atom_feed(parse_portal_config({"title": title}), [_agency(site_url="")], [], [], feed_id=made)
    (own,) = atom_ids(feed)
    assert own == made


def test_an_agency_without_site_url_keeps_its_feed_ids_under_another_name() -> None:
    """The portal gives a document the id its agency's feed gives it: from the org code, not the name."""
    agency = _agency(site_url="")
    renamed = Agency(agency.slug, "乙机关", agency.org_code, agency.group, agency.base_url, Source(
        agency.source.folder, {**agency.source.contract, "agency": "乙机关"}, "0" * 64, {}), 2, 0)
    (notice,) = agency_notices(agency, [_notice()])
    feeds = [atom_feed(parse_portal_config({"title": "省"}), [a], [], [notice], feed_id=FEED_ID) for a in (agency, renamed)]
    assert atom_ids(feeds[0]) == atom_ids(feeds[1])
    assert atom_ids(feeds[0])[1] == "tag:gkml-org-a,2024:000000001/202403-00009"


def test_a_withdrawal_is_dated_in_the_portals_feed_as_in_its_agencys() -> None:
    """Withdrawn the day it was published (09:30): the agency's feed dates it 09:30:01, a second after the
    entry it replaces; the portal's dated it 00:00, before it. Now both the agency's moment, and the most
    recent of one day's withdrawals first."""
    agency = _agency()
    early, late = agency_notices(agency, [_notice(index_no="000000001/202403-00001", withdrawn_at="2024-04-01T00:00:00+08:00"),
                                          _notice(withdrawn_at="2024-04-01T09:30:01+08:00")])
    notices = most_recent_first([early, late], {agency.slug: 0})
    assert notices == [late, early]
    feed = ET.fromstring(atom_feed(parse_portal_config({"title": "省"}), [agency], [], notices, feed_id=FEED_ID))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:updated", "", ns) for e in feed.findall("a:entry", ns)] == [
        "2024-04-01T09:30:01+08:00", "2024-04-01T00:00:00+08:00"]
    assert feed.findtext("a:updated", "", ns) == "2024-04-01T09:30:01+08:00"
    assert notice_record(late)["withdrawn_at"] == "2024-04-01T09:30:01+08:00"


def test_a_withdrawal_at_a_published_documents_page_is_refused() -> None:
    """A withdrawal whose notice address is a published document's page: the portal's open data and feed
    told re-users that document 1 was withdrawn while its page, and the portal's row, still publish it."""
    agency = _agency()
    rows = agency_rows(agency, [_doc("/doc/1/")])
    notices = agency_notices(agency, [_notice(url="/doc/1/")])
    with pytest.raises(SourceError, match=re.escape("甲机关：catalogue.json 中不止一个文件的网址是 https://mirror.example/a/doc/1/")):
        check_pages(agency, rows, [n.url for n in notices])
    with pytest.raises(SourceError, match="在检索索引中没有"):  # its own address: on to the bundle (none here)
        check_pages(agency, rows, [n.url for n in agency_notices(agency, [_notice(url="/doc/9/")])])


def test_a_withdrawal_under_another_agencys_number_is_a_claim() -> None:
    """A site's catalogue.json withdrew a document under wh's number: the portal's open data and feed told
    re-users that wh's document was withdrawn. It claims the number as a listed document would."""
    entries = [AgencyEntry("113401000", "市县"), AgencyEntry("113402000", "市县")]
    wh = _claimant("113402000", "芜湖市", "113402000/202003-00001")
    thief = Source(Path("/sites/113401000"), {"agency": "合肥市", "org_code": "113401000"}, "0" * 64,
                   {"documents": [], "withdrawals": [{"index_no": "113402000/202003-00001"}]})
    refused = claimed(entries, {"113401000": [thief], "113402000": [wh]})
    assert set(refused) == {"113401000"} and "索引号 113402000/202003-00001 也由机关代码 113402000" in refused["113401000"]


def _at(code: str, site_url: str, *numbers: str) -> Source:
    return Source(Path(f"/sites/{code}"), {"agency": f"机关{code}", "org_code": code, "site_url": site_url}, "0" * 64,
                  {"documents": [{"index_no": number} for number in numbers]})


def test_nested_sites_the_portal_shows_are_settled_first_and_a_refused_one_keeps_no_address() -> None:
    """/x/ contains the shown /x/a/ and the given /x/b/: /x/ is refused for /x/a/, and /x/b/, inside only
    the refused /x/, stands. Without portal.yml a number two give, naming neither, is the first given's:
    the refusal says the command line's order, not portal.yml's."""
    entries = [AgencyEntry("1", "市县"), AgencyEntry("2", "市县"), AgencyEntry("3", "市县")]
    given = {"1": [_at("1", "https://h.example/x/")], "3": [_at("3", "https://h.example/x/b/")]}
    refused = claimed(entries, given, {"2": _at("2", "https://h.example/x/a/")}, listed=False)
    assert set(refused) == {"1"}, refused
    assert "包含机关代码 2 的站点 https://h.example/x/a/（门户已发布该机关的站点）" in refused["1"], refused
    shared = {"1": [_at("1", "https://h.example/1/", "X/2020-1")], "2": [_at("2", "https://h.example/2/", "X/2020-1")]}
    told = claimed(entries, shared, listed=False)
    assert set(told) == {"2"} and "命令行中站点目录的顺序" in told["2"] and "门户配置中列在前面" not in told["2"], told
    assert "门户配置中列在前面" in claimed(entries, shared)["2"]


@pytest.mark.parametrize("attachments", ["https://evil.example/x.exe", ["https://evil.example/x.exe"],
                                         [{"title": "附件", "url": 1}], [{"title": ["附件"], "url": "/doc/1/a.pdf"}]])
def test_attachments_not_as_gkml_writes_them_are_refused(attachments: object) -> None:
    """A record's attachments as a bare string or a list of strings passed to the portal's catalogue.json as
    they were: an address of another host under the agency's name, never re-based nor checked."""
    agency = _agency()
    kept = agency_rows(agency, [{**_doc("/doc/1/"), "attachments": [{"title": "附件", "file": "a.pdf", "url": "/doc/1/a.pdf"}]}])
    assert [r.url for r in kept] == ["https://mirror.example/a/doc/1/"]
    with pytest.raises(SourceError, match=re.escape("甲机关：catalogue.json 中索引号 000000001/202403-00001 的附件（attachments）"
                                                    "不是 gkml 写出的格式")):
        agency_rows(agency, [{**_doc("/doc/1/"), "attachments": attachments}])


@pytest.mark.parametrize(("shown", "forged"), [("长丰县应急管理局", "⻓丰县应急管理局"), ("安徽省文化和旅游厅", "安徽省⽂化和旅游厅"),
                                               ("安徽省政府门户网站管理中心", "安徽省政府⻔户网站管理中心"), ("芜湖市民政局", "芜湖市⺠政局"),
                                               ("黄山市应急管理局", "⻩山市应急管理局")])
def test_a_name_spelt_with_radicals_is_the_name_it_looks_like(shown: str, forged: str) -> None:
    """A site calling itself by another agency's name spelt with look-alike radicals (CJK Radicals Supplement ⻓ ⻔ ⺠,
    Kangxi Radicals ⽂), which read the same on the portal's pages, claims that agency's name: refused, named."""
    entries = [AgencyEntry("113401000", "市县"), AgencyEntry("113402000", "市县")]
    refused = claimed(entries, {"113402000": [_claimant("113402000", forged)]}, {"113401000": _claimant("113401000", shown)})
    assert set(refused) == {"113402000"} and f"站点自称“{forged}”，这也是门户中另一个机关（机关代码 113401000）" in refused["113402000"]
    named = [AgencyEntry("113401000", "市县", name=shown), entries[1]]
    assert set(claimed(named, {"113402000": [_claimant("113402000", forged)]})) == {"113402000"}


_TOO_LONG = "概" * 20_001  # one past gkml.portal.records.MAX_TEXT: a real summary has 300 characters


@pytest.mark.parametrize(("record", "told"), [
    ({"summary": _TOO_LONG}, "字段 summary 有 20001 个字，超过门户接受的 20000 个字"),
    ({"title": _TOO_LONG}, "字段 title 有 20001 个字"),
    ({"keywords": ["安全"] * 10_001}, "字段 keywords 有 10001 项，超过门户接受的 10000 项"),
    ({"attachments": [{"title": _TOO_LONG, "url": "/doc/1/a.pdf"}]}, "字段 attachments 有 20001 个字"),
])
def test_a_record_past_what_any_agency_writes_is_refused_naming_the_field(tmp_path: Path, record: dict, told: str) -> None:
    """A site's catalogue.json with a 20 MB summary (or a title, a list, an attachment's name past any agency's)
    was republished whole in the portal's open data and pages: refused, the agency, record and field named."""
    folder = _published_site(tmp_path / "tampered", [_doc("/doc/1/", **record)])
    with pytest.raises(SourceError, match=f"^甲机关（.*）：catalogue.json 中索引号 000000001/202403-00001 的{told}") as refusal:
        read_source(folder)
    assert len(str(refusal.value)) < 500


def test_a_withdrawal_or_an_index_number_past_any_agencys_is_refused_not_repeated(tmp_path: Path) -> None:
    notices = [_notice(reason=_TOO_LONG)]
    raw = json.dumps({"agency": "甲机关", "count": 0, "documents": [], "withdrawals": notices}, ensure_ascii=False).encode()
    folder = _published_site(tmp_path / "withdrawn", [], raw, counts={"documents": 0, "withdrawn": 1})
    with pytest.raises(SourceError, match="甲机关.*索引号 000000001/202403-00009 的撤回记录的字段 reason 有 20001 个字"):
        read_source(folder)
    folder = _published_site(tmp_path / "number", [_doc("/doc/1/", index_no="1" * 1_000_000)])
    with pytest.raises(SourceError, match="索引号 '1111.*'…（共 1000000 个字） 不是 gkml 检查通过的格式") as refusal:
        read_source(folder)
    assert len(str(refusal.value)) < 500


def test_a_million_records_are_refused_before_they_are_read(tmp_path: Path) -> None:
    folder = _published_site(tmp_path / "site", [_doc("/doc/1/")], counts={"documents": 1_000_000})
    with pytest.raises(SourceError, match="甲机关.*：发布清单说有 1000000 件文件，超过门户接受的一个机关 500000 件"):
        read_source(folder)


@pytest.mark.parametrize(("key", "value", "who"), [("agency", "应急管理局" * 20_000, "机关代码 a"), ("org_code", "a" * 65, "甲机关"),
                                                   ("site_url", "https://a.example/" + "x/" * 2000, "甲机关")])
def test_a_contract_naming_its_agency_past_any_real_name_is_refused_told_short(tmp_path: Path, key: str, value: str,
                                                                               who: str) -> None:
    """A 100 KB agency name headed every row and message of the portal: refused, the agency told by its org code;
    a site refused so keeps its last good publication as any refused site does (selection), told by its code."""
    folder = _published_site(tmp_path / "site", [_doc("/doc/1/")], **{key: value})
    with pytest.raises(SourceError, match=f"^{who}（.*）：gkml-site.json 的 {key} 有 {len(value)} 个字符，超过门户接受的") as refusal:
        read_source(folder)
    assert len(str(refusal.value)) < 500
    config = parse_portal_config({"title": "省", "groups": [{"name": "市县", "agencies": [{"org_code": "a"}]}]})
    selection = _selected(tmp_path / "portal", config, folder)
    told = [*(held.line() for held in selection.held), *selection.strays]
    assert any(f"gkml-site.json 的 {key} 有" in line for line in told) and all(len(line) < 500 for line in told), told
