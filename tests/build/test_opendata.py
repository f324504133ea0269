"""Open data and feeds of the built sample site, checked against the sample catalogue."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import html
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from gkml.catalogue.catalogue import Catalogue, build_catalogue
from gkml.catalogue.document import SHANGHAI, Document
from gkml.catalogue.taxonomy import build_taxonomy
from gkml.config import load_project
from gkml.content.loader import check_tree
from gkml.outputs import feeds, opendata
from gkml.site.routes import Routes
from gkml.site.views import Site
from gkml_bench.synth import generate_catalogue
from support import ROOT, TAG_URI, atom_ids, build_site, listing_pages, small_site_yml
from support import doc as document_text

SITE_URL = "https://yjt.ah.gov.cn/gkml/"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")
NOT_PUBLIC = ("002986620/202407-00046", "002986620/202504-00049")  # 依申请公开, 不予公开
OPEN_FILES = ("catalogue.json", "catalogue.csv", "catalogue.schema.json", "feed.xml")


@pytest.fixture(scope="module")
def all_documents() -> list[Document]:
    project = load_project(ROOT)
    return check_tree(project.docs_dir, project.options.catalogue_dir, project.profile).documents


def _site_file(site: Path, url: str) -> Path:
    """The built file an absolute site URL points at."""
    assert url.startswith(SITE_URL), url
    rel = unquote(url[len(SITE_URL):])
    return site / rel / "index.html" if rel.endswith("/") or not rel else site / rel


def _open_texts(site: Path) -> dict[str, str]:
    texts = {name: (site / name).read_text(encoding="utf-8-sig") for name in OPEN_FILES}
    texts.update({f"feeds/{p.name}": p.read_text(encoding="utf-8") for p in (site / "feeds").glob("*.xml")})
    return texts


def test_non_public_documents_appear_nowhere(sample_site: Path, sample_catalogue: Catalogue,
                                             all_documents: list[Document]) -> None:
    published = {d.index_no for d in sample_catalogue.published}
    hidden = [d for d in all_documents if d.index_no not in published]
    assert set(NOT_PUBLIC) <= {d.index_no for d in hidden}
    texts = _open_texts(sample_site)
    assert len(texts) > len(OPEN_FILES)  # the category feeds are there too
    for name, text in texts.items():
        for d in hidden:
            assert d.index_no not in text and d.title not in text, (name, d.index_no)
        for key in opendata.NON_PUBLIC:
            assert f'"{key}"' not in text, (name, key)


def test_catalogue_json_round_trips(sample_site: Path, sample_catalogue: Catalogue) -> None:
    data = json.loads((sample_site / "catalogue.json").read_text(encoding="utf-8"))
    published = sample_catalogue.published
    assert data["count"] == len(data["documents"]) == len(published)
    assert [r["index_no"] for r in data["documents"]] == [d.index_no for d in published]  # newest first
    for record, doc in zip(data["documents"], published):
        assert record["title"] == doc.title
        assert record["created"] == doc.created.isoformat()
        assert RFC3339.match(record["published"]) and datetime.fromisoformat(record["published"]) == doc.published
        assert record.get("doc_no") == doc.meta.get("doc_no")
        assert record["category"] == doc.category and record["validity"] == doc.validity
        assert record.get("keywords", []) == list(doc.meta.get("keywords", ()))
        assert record["url"] == f"{SITE_URL}doc/{doc.slug}/"
        assert _site_file(sample_site, record["url"]).is_file()
        assert [a["title"] for a in record.get("attachments", [])] == [a.title for a in doc.attachments]
        for attachment in record.get("attachments", []):
            assert _site_file(sample_site, attachment["url"]).is_file()
    assert any(r.get("attachments") for r in data["documents"])


def test_catalogue_json_follows_its_schema(sample_site: Path) -> None:
    schema = json.loads((sample_site / "catalogue.schema.json").read_text(encoding="utf-8"))
    data = json.loads((sample_site / "catalogue.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []
    assert not set(opendata.NON_PUBLIC) & set(schema["$defs"]["document"]["properties"])


@pytest.mark.parametrize(("field", "value"), [
    ("index_no", "2020-12"), ("superseded_by", "甲/2020-1"), ("title", "关于\n通知"), ("title", "长" * 201),
    ("created", "2020/03/02"), ("published", "2020-03-05T09:30:00Z"), ("published", "2020-03-05 09:30"),
    ("doc_no", "皖应急[2020]1号"), ("keywords", ["一", "二", "三", "四", "五", "六"]), ("genre", "随笔")])
def test_the_published_schema_refuses_what_the_contract_does(sample_site: Path, field: str, value: object) -> None:
    """catalogue.schema.json is what a reuser validates the open data by: it held only each field's
    JSON type, so an index number, a 文号, a date in another zone or a title of two lines passed it,
    where the contract (and gkml check, by profile.types) refuses them."""
    schema = json.loads((sample_site / "catalogue.schema.json").read_text(encoding="utf-8"))
    data = json.loads((sample_site / "catalogue.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(data)) == []
    data["documents"][0][field] = value
    assert list(validator.iter_errors(data)), (field, value)


def test_catalogue_csv_has_a_bom_and_every_published_document(sample_site: Path, sample_catalogue: Catalogue) -> None:
    raw = (sample_site / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    published = sample_catalogue.published
    assert len(rows) == len(published)
    for row, doc in zip(rows, published):
        assert row["名称"] == doc.title and row["索引号"] == doc.index_no
        assert row["生成日期"] == doc.created.isoformat()
        assert row["发布日期"] == doc.published.strftime("%Y-%m-%d %H:%M")
        assert row["文号"] == doc.meta.get("doc_no", "")
        assert row["信息分类代码"] == doc.category and row["有效性"] == doc.validity
        assert row["网址"] == f"{SITE_URL}doc/{doc.slug}/"
        assert len(row["附件网址"].split()) == len(doc.attachments)


def _check_feed(root: ET.Element, site: Path) -> list[ET.Element]:
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{tag}") or "").strip(), tag
    assert RFC3339.match(root.findtext(f"{ATOM}updated"))
    assert root.findtext(f"{ATOM}author/{ATOM}name")
    rels = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert set(rels) == {"self", "alternate"}
    assert _site_file(site, rels["self"]).is_file() and _site_file(site, rels["alternate"]).is_file()
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for tag in ("id", "title", "updated", "published", "summary"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        assert RFC3339.match(entry.findtext(f"{ATOM}updated")) and RFC3339.match(entry.findtext(f"{ATOM}published"))
        assert entry.find(f"{ATOM}category").get("term")
        link = entry.find(f"{ATOM}link")
        assert link.get("rel") == "alternate" and _site_file(site, link.get("href")).is_file()
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext(f"{ATOM}updated") == (updated[0] if updated else root.findtext(f"{ATOM}updated"))
    return entries


def test_main_feed(sample_site: Path, sample_catalogue: Catalogue) -> None:
    root = ET.parse(sample_site / "feed.xml").getroot()
    entries = _check_feed(root, sample_site)
    published = sample_catalogue.published[: feeds.FEED_SIZE]
    assert len(entries) == len(published)
    listed = _listed_summaries(sample_site)
    for entry, doc in zip(entries, published):
        assert entry.findtext(f"{ATOM}id") == f"tag:yjt.ah.gov.cn,{doc.created.year}:{doc.index_no}"
        assert entry.findtext(f"{ATOM}title") == doc.title
        assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == doc.published
        assert entry.find(f"{ATOM}link").get("href") == f"{SITE_URL}doc/{doc.slug}/"
        assert entry.findtext(f"{ATOM}summary") == listed[doc.index_no]  # the one 内容概述, in listing and feed


_SUMMARY_CELL = re.compile(r'class="gkml-table__index">(.*?)</td>.*?class="gkml-table__summary">([^<]*)</td>', re.DOTALL)


def _listed_summaries(site: Path) -> dict[str, str]:
    return {re.sub(r"<[^>]+>", "", index_no): html.unescape(text) for page in listing_pages(site, "catalogue")
            for index_no, text in _SUMMARY_CELL.findall(page.read_text(encoding="utf-8"))}


def test_category_feeds_cover_their_subtree(sample_site: Path, sample_catalogue: Catalogue) -> None:
    fgwj = _check_feed(ET.parse(sample_site / "feeds" / "fgwj.xml").getroot(), sample_site)
    assert [e.findtext(f"{ATOM}title") for e in fgwj] == [d.title for d in sample_catalogue.published if d.category == "fgwj"]
    parent = ET.parse(sample_site / "feeds" / "fdzdgknr.xml").getroot()
    profile = load_project(ROOT).profile
    children = set(profile.categories["fdzdgknr"].children)
    expected = [d for d in sample_catalogue.published if d.category in children][: feeds.FEED_SIZE]
    assert [e.findtext(f"{ATOM}title") for e in _check_feed(parent, sample_site)] == [d.title for d in expected]
    assert {p.stem for p in (sample_site / "feeds").glob("*.xml")} == {c.slug for c, _ in profile.categories.walk()}


def test_pages_link_the_feed_and_the_downloads(sample_site: Path) -> None:
    for page in ("index.html", "catalogue/index.html", "stats/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="[^"]*feed\.xml"', html), page
    catalogue = (sample_site / "catalogue" / "index.html").read_text(encoding="utf-8")
    for target in ("catalogue.json", "catalogue.csv", "feed.xml"):
        assert f'href="../{target}"' in catalogue, target


def test_sitemap_has_every_published_document_and_nothing_else_from_the_catalogue(
        sample_site: Path, sample_catalogue: Catalogue) -> None:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [loc.text or "" for loc in ET.parse(sample_site / "sitemap.xml").getroot().iter(f"{ns}loc")]
    documents = {loc for loc in locs if loc.startswith(f"{SITE_URL}doc/")}
    assert documents == {f"{SITE_URL}doc/{d.slug}/" for d in sample_catalogue.published}
    listing = re.compile(rf"^{re.escape(SITE_URL)}catalogue/((page/\d+|print)/)?$")
    assert all(listing.match(loc) for loc in locs if loc.startswith(f"{SITE_URL}catalogue/"))  # no source paths
    assert not [loc for loc in locs if any(n.replace("/", "-") in loc for n in NOT_PUBLIC)]


# --- without site_url, and a catalogue larger than one feed -----------------------

@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("synth")
    generate_catalogue(out, 120, seed=5)
    project = load_project(ROOT)
    result = check_tree(out, "catalogue", project.profile)
    assert not result.problems
    catalogue = build_catalogue(result.documents, project.profile, datetime(2100, 1, 1, tzinfo=SHANGHAI))
    taxonomies = [build_taxonomy(spec, catalogue.published, project.profile.categories) for spec in project.taxonomies]
    return Site(catalogue, taxonomies, project.profile, "安徽省应急管理厅", "", {}, Routes(True))


def test_feed_caps_at_fifty_and_uses_relative_links_without_site_url(big_site: Site) -> None:
    assert len(big_site.catalogue.published) > feeds.FEED_SIZE
    texts = feeds.feeds(big_site)
    root = ET.fromstring(texts["feed.xml"])
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == feeds.FEED_SIZE
    assert [e.findtext(f"{ATOM}title") for e in entries] == [d.title for d in big_site.catalogue.published[:50]]
    authority = "安徽省应急管理厅".encode("idna").decode()
    assert root.findtext(f"{ATOM}id") == f"tag:{authority},2019:feed"
    first = big_site.catalogue.published[0]
    assert entries[0].findtext(f"{ATOM}id") == f"tag:{authority},{first.created.year}:{first.index_no}"
    assert entries[0].find(f"{ATOM}link").get("href") == f"doc/{first.slug}/"
    assert {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")} == {
        "self": "feed.xml", "alternate": "catalogue/"}
    category = ET.fromstring(texts["feeds/fgwj.xml"])
    assert category.find(f"{ATOM}link[@rel='self']").get("href") == "../feeds/fgwj.xml"
    assert all(e.find(f"{ATOM}link").get("href").startswith("../doc/") for e in category.findall(f"{ATOM}entry"))
    record = json.loads(opendata.catalogue_json(big_site))["documents"][0]
    assert record["url"] == f"doc/{first.slug}/"


def test_entry_ids_are_stable(big_site: Site) -> None:
    assert feeds.feeds(big_site) == feeds.feeds(big_site)
    ids = [e.findtext(f"{ATOM}id") for e in ET.fromstring(feeds.feeds(big_site)["feed.xml"]).findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("agency", ["安徽省人民政府办公厅（省政府外事办公室）", "Anhui Emergency Management", "甲<乙>", "a:b"])
def test_tag_ids_are_dns_names_whatever_the_agency_is_called(big_site: Site, agency: str) -> None:
    """Without site_url the ids' authority comes from the agency name: it must still be a DNS name
    (RFC 4151), or the feed's ids are not URIs at all (a space, < > or a parenthesis from （）)."""
    site = dataclasses.replace(big_site, agency=agency)
    feed = ET.fromstring(feeds.feeds(site)["feed.xml"])
    ids = [feed.findtext(f"{ATOM}id"), *(e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry"))]
    tag = re.compile(r"tag:[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*,\d{4}:[!-~]+")
    assert all(tag.fullmatch(i) for i in ids), ids[0]
    assert feeds.feeds(dataclasses.replace(big_site, agency=agency))["feed.xml"] == feeds.feeds(site)["feed.xml"]


def test_without_site_url_the_ids_come_from_the_org_code_so_a_renaming_keeps_them(big_site: Site) -> None:
    """Without site_url every id was made from the agency name: an agency renamed (机构改革) gave every
    entry of every feed, its own and the portal's, a new id, and readers got all 50 again as new."""
    site = dataclasses.replace(big_site, org_code="11340000MB1A23456X")
    renamed = dataclasses.replace(site, agency="安徽省应急管理厅（安徽省地震局）")

    def ids(of: Site) -> list[str]:
        return [found for text in feeds.feeds(of).values() for found in atom_ids(text)]

    assert ids(site) == ids(renamed) and len(ids(site)) > feeds.FEED_SIZE
    assert all(TAG_URI.fullmatch(found) and found.startswith("tag:gkml-org-11340000mb1a23456x,") for found in ids(site))


def test_a_profiles_label_cannot_be_a_formula_in_the_csv_header(tmp_path: Path) -> None:
    """The header row is made of the profile's labels: one starting with = was written as is,
    a formula Excel or WPS runs on opening, where every value cell was neutralised."""
    profile = (ROOT / "plugins/gkml/profile/default.yml").read_text(encoding="utf-8")
    profile = profile.replace("label: 来源", 'label: "=HYPERLINK(\\"http://x.invalid\\",\\"来源\\")"', 1)
    (tmp_path / "profile.yml").write_text(profile, encoding="utf-8")
    site = build_site(tmp_path, small_site_yml("表头测试", "search: false", "profile: profile.yml"), {"fgwj/a.md": document_text()})
    header = next(csv.reader(io.StringIO((site / "catalogue.csv").read_text(encoding="utf-8-sig"))))
    assert "'=HYPERLINK(\"http://x.invalid\",\"来源\")" in header, header
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in header)


def test_every_date_is_written_in_the_contracts_zone_whatever_the_year(tmp_path: Path) -> None:
    """Asia/Shanghai of the tz database gives a day before 1901 the city's local mean time and a summer
    of 1986-1991 daylight saving time: the feed and the open data wrote 1899-05-01T00:00:00+08:05:43 and
    1988-06-01T09:30:00+09:00, where the contract's dates are +08:00 (an old regulation still in force)."""
    documents = {"fgwj/old.md": document_text(index_no="002986620/189905-00001", created="1899-05-01", published="1899-05-01"),
                 "fgwj/dst.md": document_text(index_no="002986620/198806-00001", created="1988-06-01",
                                              published="1988-06-01 09:30")}
    site = build_site(tmp_path, small_site_yml("日期测试", "search: false"), documents)
    feed = ET.fromstring((site / "feed.xml").read_text(encoding="utf-8"))
    stamps = [e.findtext(f"{ATOM}{tag}") for e in [feed, *feed.findall(f"{ATOM}entry")] for tag in ("updated", "published")]
    stamps = [stamp for stamp in stamps if stamp]
    assert sorted(stamps) == ["1899-05-01T00:00:00+08:00", "1899-05-01T00:00:00+08:00", "1988-06-01T09:30:00+08:00",
                              "1988-06-01T09:30:00+08:00", "1988-06-01T09:30:00+08:00"], stamps
    records = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert sorted(record["published"] for record in records) == ["1899-05-01T00:00:00+08:00", "1988-06-01T09:30:00+08:00"]
    pages = "".join(p.read_text(encoding="utf-8") for p in (site / "doc").glob("*/index.html"))
    assert "+08:05" not in pages and "+09:00" not in pages


def test_a_time_written_with_seconds_is_that_moment_in_every_output(tmp_path: Path) -> None:
    """published: 2024-03-02 08:54:30 (the check reads seconds) was 08:54:30 in catalogue.json and the
    feed but 08:54 in the CSV and the page's <time>: one moment, two values. Each output shows it as
    written; a time written to the minute keeps its form (08:54, 08:54:00 in the RFC 3339 files)."""
    documents = {"fgwj/s.md": document_text(index_no="002986620/202403-00001", created="2024-03-01",
                                            published="2024-03-02 08:54:30"),
                 "fgwj/m.md": document_text(index_no="002986620/202403-00002", created="2024-03-01",
                                            published="2024-03-02 09:10")}
    site = build_site(tmp_path, small_site_yml("日期测试", "search: false"), documents)
    rows = {row["索引号"]: row["发布日期"] for row in csv.DictReader(io.StringIO((site / "catalogue.csv").read_text(encoding="utf-8-sig")))}
    assert rows == {"002986620/202403-00001": "2024-03-02 08:54:30", "002986620/202403-00002": "2024-03-02 09:10"}
    records = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert {r["index_no"]: r["published"] for r in records} == {"002986620/202403-00001": "2024-03-02T08:54:30+08:00",
                                                                "002986620/202403-00002": "2024-03-02T09:10:00+08:00"}
    assert "<published>2024-03-02T08:54:30+08:00</published>" in (site / "feed.xml").read_text(encoding="utf-8")
    for slug, moment in (("202403-00001", "2024-03-02T08:54:30+08:00"), ("202403-00002", "2024-03-02T09:10+08:00")):
        page = (site / "doc" / f"002986620-{slug}" / "index.html").read_text(encoding="utf-8")
        assert f'<time datetime="{moment}"><span class="gkml-nobr">2024年</span><wbr><span class="gkml-nobr">3月2日</span></time>' in page, slug


def test_a_site_without_site_url_publishes_no_sitemap(tmp_path: Path) -> None:
    """sitemaps.org takes absolute addresses only, and only site_url gives them: without it every
    <loc> was a root-relative /doc/… (an invalid sitemap, and wrong under a subpath)."""
    (tmp_path / "bare").mkdir()
    (tmp_path / "url").mkdir()
    site = build_site(tmp_path / "bare", small_site_yml("无网址测试", "search: false"), {"fgwj/a.md": document_text()})
    assert (site / "doc/002986620-202003-00012/index.html").is_file()
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    site = build_site(tmp_path / "url", small_site_yml("有网址测试", "search: false", site_url=SITE_URL), {"fgwj/a.md": document_text()})
    locs = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    assert f"{SITE_URL}doc/002986620-202003-00012/" in locs


def _build_with_sitemap_bound(root: Path, max_urls: int) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of `root` as build_site runs it, with sitemaps.org's 50,000 addresses a file
    lowered to `max_urls`: a few documents then stand for a catalogue of 60,000."""
    code = ("import sys, gkml.build.sitemap as sitemap; from mkdocs.__main__ import cli; "
            f"sitemap.MAX_URLS = {max_urls}; sys.exit(cli(['build', '-q', '-f', 'mkdocs.yml', '-d', 'site']))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", cwd=root,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=900, check=False)  # a hang guard


def test_a_sitemap_past_one_files_bound_is_an_index_of_parts(tmp_path: Path) -> None:
    """sitemaps.org: a sitemap file lists at most 50,000 addresses. Every page of a site of 60,000
    documents went into one sitemap.xml, which crawlers reject whole; past the bound it must be a
    sitemap index naming parts that each keep it and together list every page once."""
    documents = {f"fgwj/{n}.md": document_text(title=f"文件{n}", index_no=f"002986620/202003-{n:05d}") for n in range(1, 6)}
    build_site(tmp_path, small_site_yml("站点地图测试", "search: false", site_url=SITE_URL), documents)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    whole = [loc.text for loc in ET.parse(tmp_path / "site/sitemap.xml").getroot().iter(f"{ns}loc")]
    assert len(whole) > 7
    for build in ("cold", "carried over"):
        result = _build_with_sitemap_bound(tmp_path, 3)
        assert result.returncode == 0, (build, result.stderr)
        index = ET.parse(tmp_path / "site/sitemap.xml").getroot()
        assert index.tag == f"{ns}sitemapindex", build
        parts = [loc.text or "" for loc in index.iter(f"{ns}loc")]
        assert parts == [f"{SITE_URL}sitemap-{n}.xml" for n in range(1, len(parts) + 1)], parts
        listed = []
        for part in parts:
            root = ET.parse(tmp_path / "site" / part.removeprefix(SITE_URL)).getroot()
            assert root.tag == f"{ns}urlset"
            locs = [loc.text for loc in root.iter(f"{ns}loc")]
            assert 0 < len(locs) <= 3
            listed += locs
        assert listed == whole, build
        gz = gzip.decompress((tmp_path / "site/sitemap.xml.gz").read_bytes()).decode("utf-8")
        assert gz == (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")
    build_site(tmp_path, small_site_yml("站点地图测试", "search: false", site_url=SITE_URL), {})  # within the bound again
    assert [loc.text for loc in ET.parse(tmp_path / "site/sitemap.xml").getroot().iter(f"{ns}loc")] == whole
    assert not list((tmp_path / "site").glob("sitemap-*.xml"))  # no part left of the index
