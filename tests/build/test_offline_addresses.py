"""The reading-room copy's addresses: what names the online site names it as the site does (open
data, feeds, sitemap, canonical, permalink), and every address of every page opens a file inside
the copy, a withdrawn document's 替代文件 and attachments named with Chinese, spaces and # included."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from gkml.outputs.contract import CONTRACT_FILE
from gkml.portal.sitecontract import SourceError
from gkml.portal.source import read_source
from support import (
    build_site,
    build_site_and_copy,
    doc,
    links,
    mkdocs_build,
    small_site_yml,
)

SITE_URL = "https://example.gov.cn/sub/gkml/"
OLD, NEW = "002986620-202003-00012", "002986620-202104-00001"
DOCUMENTS = {
    "fgwj/old.md": doc("validity: 废止", "superseded_by: 002986620/202104-00001", "attachments:",
                       '  - {file: "附件1 实施#方案.pdf", title: 实施方案}', '  - {file: "数据 表.xlsx", title: 数据表}'),
    "fgwj/new.md": doc(title="关于新办法的通知", index_no="002986620/202104-00001", created="2021-04-01",
                       published="2021-04-02 09:30"),
    "fgwj/gone.md": doc("withdrawn: {date: 2022-01-01, reason: 内容有误}", title="关于撤回事项的通知",
                        index_no="002986620/202107-00005", created="2021-07-01", published="2021-07-02 09:30"),
    "fgwj/later.md": doc(title="关于未来事项的公告", index_no="002986620/202612-00003", created="2026-12-01",
                         published="2026-12-20 09:00"),  # embargoed at the build's time
}


def project(root: Path, *top: str) -> tuple[Path, Path]:
    folder = root / "content" / "catalogue" / "fgwj"
    folder.mkdir(parents=True)
    (folder / "附件1 实施#方案.pdf").write_bytes(b"%PDF-1.4 test")
    (folder / "数据 表.xlsx").write_bytes(b"PK test")
    yml = small_site_yml("测试厅", 'build_time: "2026-12-10 10:00"', "preview: true", site_url=SITE_URL) + "".join(f"{line}\n" for line in top)
    return build_site_and_copy(root, yml, DOCUMENTS)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return project(tmp_path_factory.mktemp("addresses"))


def canonical(html: str) -> str:
    found = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return found.group(1) if found else ""


def test_the_copy_names_the_online_site_as_the_site_does(built: tuple[Path, Path]) -> None:
    """The copy's pages are .html files; the online site's are folders (doc/<id>/). Its open data, feeds,
    sitemap and canonical addresses named doc/<id>.html under site_url: no such page online."""
    site, copy = built
    for name in ("catalogue.json", "catalogue.csv", "feed.xml", "feeds/fgwj.xml"):
        assert (copy / name).read_bytes() == (site / name).read_bytes(), name
    assert f"{SITE_URL}doc/{OLD}/" in (copy / "catalogue.json").read_text(encoding="utf-8")
    page = (copy / "doc" / f"{OLD}.html").read_text(encoding="utf-8")
    assert canonical(page) == canonical((site / "doc" / OLD / "index.html").read_text(encoding="utf-8")) == f"{SITE_URL}doc/{OLD}/"
    assert canonical((copy / "index.html").read_text(encoding="utf-8")) == SITE_URL
    assert (site / "sitemap.xml").is_file()
    # a crawler's list of the site's addresses: nobody crawls a stick; the copy's listed catalogue/print/,
    # a page the site does not have, and without site_url /doc/… addresses that name file:///doc/…
    assert not (copy / "sitemap.xml").exists() and not (copy / "sitemap.xml.gz").exists()


def test_every_address_of_every_page_of_the_copy_opens_a_file_inside_it(built: tuple[Path, Path]) -> None:
    """Crawled whole, 404 page included: no address that fails from file://, none that leaves the copy
    (the permalink is the address to cite, shown as text: a reading room has no network)."""
    _site, copy = built
    dead, leaving = [], []
    for page in sorted(copy.rglob("*.html")):
        for tag, url, rel in links(page.read_text(encoding="utf-8")):
            if rel == "canonical" or url.startswith(("#", "mailto:", "tel:", "data:")):
                continue
            if "://" in url or url.startswith("/"):
                leaving.append(f"{page.relative_to(copy)}: <{tag}> {url}")
                continue
            target = (page.parent / unquote(urlsplit(url).path)).resolve()
            if not target.is_file() or not target.is_relative_to(copy.resolve()):
                dead.append(f"{page.relative_to(copy)}: <{tag}> {url}")
    assert dead == [] and leaving == []
    old = (copy / "doc" / f"{OLD}.html").read_text(encoding="utf-8")
    assert "本文件已废止" in old and f'href="{NEW}.html"' in old  # 替代文件, inside the copy
    assert (copy / "doc" / OLD / "附件1 实施#方案.pdf").is_file() and 'href="002986620-202003-00012/附件1 实施%23方案.pdf"' in old
    assert f"永久链接（本机关网站上的地址，需联网打开）：<span class=\"gkml-permalink\">{SITE_URL}doc/{OLD}/</span>" in old
    gone = (copy / "doc" / "002986620-202107-00005.html").read_text(encoding="utf-8")  # withdrawn: its notice, as online
    assert "本文件已撤回" in gone and "撤回理由：内容有误" in gone
    assert not any("未来事项" in p.read_text(encoding="utf-8") for p in copy.rglob("*.html"))  # embargoed
    assert not (copy / "404.html").exists()  # file:// never shows it; it was a page of dead /sub/gkml/ links


def test_a_site_of_html_addresses_has_a_permalink_that_is_one_of_its_pages(tmp_path: Path) -> None:
    """use_directory_urls: false online: the permalink named doc/<id>/, which that site does not have."""
    (tmp_path / "content" / "catalogue").mkdir(parents=True)
    site = build_site(tmp_path, small_site_yml("测试厅", site_url=SITE_URL) + "use_directory_urls: false\n",
                      {"fgwj/new.md": DOCUMENTS["fgwj/new.md"]})
    page = (site / "doc" / f"{NEW}.html").read_text(encoding="utf-8")
    permalink = re.search(r'class="gkml-permalink" href="([^"]*)"', page)
    assert permalink and permalink.group(1) == f"{SITE_URL}doc/{NEW}.html"
    assert (site / permalink.group(1).removeprefix(SITE_URL)).is_file()


def test_a_copy_of_a_site_without_site_url_has_the_sites_open_data(tmp_path: Path) -> None:
    """No online address known: the open data still name the site's pages (doc/<id>/, site-root relative),
    byte for byte the site's, where the copy's named its own files (doc/<id>.html, no page of the site)."""
    (tmp_path / "content" / "catalogue").mkdir(parents=True)
    site, copy = build_site_and_copy(tmp_path, small_site_yml("测试厅", 'build_time: "2026-12-10 10:00"', "preview: true"),
                                     {"fgwj/new.md": DOCUMENTS["fgwj/new.md"]})
    for name in ("catalogue.json", "catalogue.csv", "feed.xml", "feeds/fgwj.xml"):
        assert (copy / name).read_bytes() == (site / name).read_bytes(), name
    assert f'"url": "doc/{NEW}/"' in (copy / "catalogue.json").read_text(encoding="utf-8")
    assert not (copy / "sitemap.xml").exists()


def test_a_docs_file_at_an_address_of_the_sites_own_is_refused_in_any_case(tmp_path: Path) -> None:
    """A guide page Search.md and a page's download Catalogue.csv: in the copy Search.html beside
    search.html and Catalogue.csv beside catalogue.csv, one lost when it is unzipped on Windows or
    carried on a FAT stick; named search.md and catalogue.csv, the site's own pages silently wrote over them."""
    for guide, download in (("Search.md", "Catalogue.csv"), ("search.md", "catalogue.csv")):
        root = tmp_path / guide
        (root / "content" / "catalogue").mkdir(parents=True)
        (root / "content" / "catalogue" / "a.md").write_text(doc(), encoding="utf-8")
        (root / "content" / guide).write_text("# 检索说明\n\n正文。\n", encoding="utf-8")
        (root / "content" / "data.md").write_text(f"# 数据\n\n[数据表]({download})\n", encoding="utf-8")
        (root / "content" / download).write_text("a,b\n1,2\n", encoding="utf-8")
        (root / "mkdocs.yml").write_text(small_site_yml("测试厅", f"guide_pages: {{检索说明: {guide}, 数据: data.md}}"),
                                         encoding="utf-8")
        made = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(root), "--out", str(root / "out"),
                               "--no-zip"], capture_output=True, text=True, encoding="utf-8",
                              timeout=900, check=False)  # a hang guard
        assert made.returncode == 1, made.stderr
        assert f"content/{guide}:1:1: 文件: 网址 {guide[:-3]}.html 与网站自己生成的 search.html " in made.stderr
        assert f"content/{download}:1:1: 文件: 网址 {download} 与网站自己生成的 catalogue.csv " in made.stderr
        assert ("只是大小写不同" if guide[0] == "S" else "相同") in made.stderr
        assert not list((root / "out").glob("*/manifest.json"))
        online = mkdocs_build(root / "mkdocs.yml", site_dir=root / "site")
        assert online.returncode == 1 and f"content/{guide}:1:1:" in online.stderr, online.stderr


def test_a_preview_site_says_so_on_every_page_and_in_its_contract_and_no_portal_takes_it(built: tuple[Path, Path]) -> None:
    """Built with preview: true (build_time later than now: what is still embargoed published), the site
    and its copy looked like the agency's and a portal federated it as the agency's own."""
    site, copy = built
    banner = "预览版：本网站按预览设置生成，可能含有尚未到发布时间的文件，不是正式发布的政府信息公开目录，请勿转发或引用。"
    for page in (site / "index.html", site / "doc" / OLD / "index.html", site / "404.html", copy / "search.html"):
        assert f'<p class="gkml-preview" role="alert">{banner}</p>' in page.read_text(encoding="utf-8"), page
    assert json.loads((site / CONTRACT_FILE).read_text(encoding="utf-8"))["preview"] is True
    with pytest.raises(SourceError, match=re.escape("测试厅（") + ".*" + re.escape(
            "）：这是预览版网站（生成时设了 preview: true，可能提前公开了尚未到发布时间的文件），不是该机关正式发布的网站"
            "（正式网站请删除 build_time 和 preview 后重新生成），拒绝采用该站点。")):
        read_source(site)
