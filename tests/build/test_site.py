"""The catalogue site built from the sample content: every public document exactly
where it belongs, counts right, pagination complete, no broken link."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from gkml.catalogue.catalogue import Catalogue
from gkml.catalogue.taxonomy import term_slug
from support import (
    ROOT,
    build_site,
    links,
    listing_index_numbers,
    listing_pages,
    row_index_numbers,
    small_site_yml,
)
from support import doc as document_text

SITE_PATH = "/gkml/"  # the path of site_url in mkdocs.yml
NON_PUBLIC = ["002986620/202407-00046", "002986620/202504-00049"]  # 依申请公开, 不予公开 in content/


def doc_page(site: Path, index_no: str) -> Path:
    return site / "doc" / index_no.replace("/", "-") / "index.html"


def test_every_published_document_has_exactly_one_page(sample_site: Path, sample_catalogue: Catalogue) -> None:
    pages = sorted(p.parent.name for p in (sample_site / "doc").glob("*/index.html"))
    expected = sorted(d.slug for d in sample_catalogue.published)
    assert pages == expected
    for doc in sample_catalogue.published:
        html = doc_page(sample_site, doc.index_no).read_text(encoding="utf-8")
        assert f"<h1 data-gkml-text=\"title\">{doc.title}</h1>" in html
        assert doc.index_no in html


def test_non_public_documents_have_no_page_and_no_row(sample_site: Path) -> None:
    for index_no in NON_PUBLIC:
        assert not doc_page(sample_site, index_no).exists()
    everything = "".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html"))
    for index_no in NON_PUBLIC:
        assert index_no not in everything


def test_catalogue_lists_each_document_once_newest_first(sample_site: Path, sample_catalogue: Catalogue) -> None:
    listed = listing_index_numbers(sample_site, "catalogue")
    assert listed == [d.index_no for d in sample_catalogue.published]
    assert len(listed) == len(set(listed))
    assert len(listing_pages(sample_site, "catalogue")) == -(-len(listed) // 20)


def test_catalogue_has_the_article_12_columns(sample_site: Path) -> None:
    html = (sample_site / "catalogue" / "index.html").read_text(encoding="utf-8")
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html)
    assert headers == ["索引号", "名称", "内容概述", "生成日期", "发布机构", "文号"]
    assert re.search(r"<time datetime=\"\d{4}-\d{2}-\d{2}\"><span class=\"gkml-nobr\">\d{4}年</span><wbr><span class=\"gkml-nobr\">\d{1,2}月\d{1,2}日</span></time>", html)


def test_category_pages_list_their_whole_subtree(sample_site: Path, sample_catalogue: Catalogue) -> None:
    by_category: Counter[str] = Counter(d.category for d in sample_catalogue.published)
    leaf = listing_index_numbers(sample_site, "category/fgwj")
    assert sorted(leaf) == sorted(d.index_no for d in sample_catalogue.published if d.category == "fgwj")
    parent = listing_index_numbers(sample_site, "category/fdzdgknr")
    children = ["jgzn", "fgwj", "ghjh", "tjxx", "xzxk", "xzcf", "czzj", "yjgl", "aqjc", "rsxx", "jyta"]
    assert len(parent) == sum(by_category[c] for c in children)
    html = (sample_site / "category" / "fdzdgknr" / "index.html").read_text(encoding="utf-8")
    assert f'法规文件</a> <span class="gkml-count">（{by_category["fgwj"]}）</span>' in html
    crumbs = re.search(r'<nav class="gkml-breadcrumb".*?</nav>', html, re.DOTALL)
    assert crumbs and re.findall(r"<li>.*?>([^<>]+)</(?:a|span)></li>", crumbs.group()) == ["首页", "信息公开", "法定主动公开内容"]


@pytest.mark.parametrize(("slug", "field"), [("year", "published"), ("publisher", "publisher"), ("genre", "genre"),
                                             ("validity", "validity"), ("topic", "topics"), ("keyword", "keywords")])
def test_each_attribute_page_lists_exactly_its_documents(sample_site: Path, sample_catalogue: Catalogue,
                                                          slug: str, field: str) -> None:
    expected: dict[str, list[str]] = {}
    for doc in sample_catalogue.published:
        value = doc.year if field == "published" else (doc.validity if field == "validity" else doc.meta.get(field))
        for v in (value if isinstance(value, tuple) else (value,)):
            if v not in (None, ""):
                expected.setdefault(str(v), []).append(doc.index_no)
    assert expected, f"the sample has no {field}"
    index = (sample_site / slug / "index.html").read_text(encoding="utf-8")
    for value, numbers in expected.items():
        base = f"{slug}/{term_slug(value)}"
        assert listing_index_numbers(sample_site, base) == numbers, value
        assert f'{value if field != "published" else value + "年"}</a> <span class="gkml-count">（{len(numbers)}）</span>' in index


def test_pagination_splits_and_covers_everything(sample_site: Path, sample_catalogue: Catalogue) -> None:
    pages = listing_pages(sample_site, "catalogue")
    assert len(pages) >= 2, "the sample catalogue should need more than one page"
    per_page = [row_index_numbers(p.read_text(encoding="utf-8")) for p in pages]
    assert all(len(rows) == 20 for rows in per_page[:-1]) and 1 <= len(per_page[-1]) <= 20
    flat = [n for rows in per_page for n in rows]
    assert sorted(flat) == sorted(d.index_no for d in sample_catalogue.published)
    second = pages[1].read_text(encoding="utf-8")
    assert 'href="../../" rel="prev"' in second


def test_document_page_shows_attributes_notice_and_links(sample_site: Path, sample_catalogue: Catalogue) -> None:
    retired = [d for d in sample_catalogue.published if d.superseded_by and d.superseded_by in sample_catalogue.by_index]
    assert retired
    for doc in retired:
        html = doc_page(sample_site, doc.index_no).read_text(encoding="utf-8")
        replacement = sample_catalogue.by_index[doc.superseded_by]  # type: ignore[index]
        assert "gkml-notice--retired" in html
        assert f'href="../{replacement.slug}/">{replacement.title}</a>' in html
        back = doc_page(sample_site, replacement.index_no).read_text(encoding="utf-8")
        assert f'href="../{doc.slug}/">{doc.title}</a>' in back
    report = doc_page(sample_site, "002986620/201012-00015").read_text(encoding="utf-8")
    for label in ["索引号", "信息分类", "发布机构", "生成日期", "发布日期", "体裁", "有效性", "来源"]:
        assert f'<th scope="row">{label}</th>' in report
    assert ('<time datetime="2010-12-03"><span class="gkml-nobr">2010年</span><wbr><span class="gkml-nobr">12月3日</span></time>'
            in report)
    assert 'href="../../category/nb/">政府信息公开年报</a>' in report
    assert "<h2" in report and "一、加强组织领导" in report


def test_a_replacement_is_shown_whatever_the_validity_says(tmp_path: Path) -> None:
    """有效性 is optional (default 有效): a document naming its 替代文件 and no 有效性 showed no 替代文件 at all."""
    site = build_site(tmp_path, small_site_yml("测试", "search: false"), {
        "fgwj/old.md": document_text("superseded_by: 002986620/202003-00013", title="旧办法"),
        "fgwj/new.md": document_text(index_no="002986620/202003-00013", title="新办法"),
    })
    html = doc_page(site, "002986620/202003-00012").read_text(encoding="utf-8")
    notice = re.search(r'<div class="gkml-notice gkml-notice--retired" role="note">(.*?)</div>', html, re.DOTALL)
    assert notice and "本文件已" not in notice.group(1), html  # it says nothing the document did not
    assert re.sub(r"\s+", " ", notice.group(1)).strip() == '替代文件：<a href="../002986620-202003-00013/">新办法</a>'


def _notice_text(html: str, pattern: str) -> str:
    found = re.search(pattern, html, re.DOTALL)
    assert found, html
    return re.sub(r"\s+", " ", re.sub(r"<(?!a |/a>)[^>]+>", "", found.group(1))).strip()


def test_a_replaced_document_leads_to_the_version_in_force(tmp_path: Path) -> None:
    """A chain A→B→C: A's page linked only B (itself 已修订), never saying that C is the version in
    force; a 解读 of A linked its 原文 and said nothing of A being no longer in force. Each page now
    says so and links C; a chain ending in a repealed document names it as the last, not as in force."""
    site = build_site(tmp_path, small_site_yml("测试", "search: false"), {
        "fgwj/a.md": document_text("validity: 已修订", "superseded_by: 002986620/202003-00013", title="办法甲"),
        "fgwj/b.md": document_text("validity: 已修订", "superseded_by: 002986620/202003-00014",
                                   index_no="002986620/202003-00013", title="办法乙"),
        "fgwj/c.md": document_text(index_no="002986620/202003-00014", title="办法丙"),
        "fgwj/jd.md": document_text("genre: 解读", "interprets: 002986620/202003-00012",
                                    index_no="002986620/202003-00015", title="办法甲的解读"),
        "fgwj/x.md": document_text("superseded_by: 002986620/202003-00017", index_no="002986620/202003-00016", title="规定甲"),
        "fgwj/y.md": document_text("validity: 废止", index_no="002986620/202003-00017", title="规定乙"),
        "fgwj/jx.md": document_text("genre: 解读", "interprets: 002986620/202003-00016",
                                    index_no="002986620/202003-00018", title="规定甲的解读"),
    })
    retired = r'<div class="gkml-notice gkml-notice--retired" role="note">(.*?)</div>'
    original = r'<p class="gkml-related gkml-related--original" data-pagefind-ignore>(.*?)</p>'
    assert _notice_text(doc_page(site, "002986620/202003-00012").read_text(encoding="utf-8"), retired) == (
        '本文件已修订。 替代文件：<a href="../002986620-202003-00013/">办法乙</a>。'
        '替代文件也已被替代，现行有效的是：<a href="../002986620-202003-00014/">办法丙</a>。')
    assert _notice_text(doc_page(site, "002986620/202003-00013").read_text(encoding="utf-8"), retired) == (
        '本文件已修订。 替代文件：<a href="../002986620-202003-00014/">办法丙</a>')
    assert _notice_text(doc_page(site, "002986620/202003-00015").read_text(encoding="utf-8"), original) == (
        '解读 原文：<a href="../002986620-202003-00012/" rel="up">办法甲</a>'
        '（原文已修订，现行有效的是：<a href="../002986620-202003-00014/">办法丙</a>）')
    assert _notice_text(doc_page(site, "002986620/202003-00016").read_text(encoding="utf-8"), retired) == (
        '替代文件：<a href="../002986620-202003-00017/">规定乙</a>（已废止）')
    assert _notice_text(doc_page(site, "002986620/202003-00018").read_text(encoding="utf-8"), original) == (
        '解读 原文：<a href="../002986620-202003-00016/" rel="up">规定甲</a>'
        '（原文已被替代，最后的替代文件是：<a href="../002986620-202003-00017/">规定乙</a>（已废止））')
    unrelated = doc_page(site, "002986620/202003-00014").read_text(encoding="utf-8")
    assert "gkml-notice--retired" not in unrelated and "现行有效" not in unrelated


def test_a_body_is_shown_whole_whatever_its_first_lines_look_like(tmp_path: Path) -> None:
    """MkDocs reads meta-data from a page's text: a first line "Note: …" or a bare address
    (MultiMarkdown's key: value), or a body opening with a ---/--- block, vanished from the page
    while the listings' and the feed's 内容概述, made from the same body, still showed it."""
    site = build_site(tmp_path, small_site_yml("测试", "search: false"), {
        "fgwj/a.md": document_text(body="Note: 第一行甲乙 自发布之日起施行\nhttps://www.gov.cn/ 第二行丙丁\n\n第二段。\n"),
        "fgwj/b.md": document_text(index_no="002986620/202003-00013", title="YAML 形正文",
                                   body="---\n说明: 横线之间戊己\n---\n第二段。\n"),
    })
    first = doc_page(site, "002986620/202003-00012").read_text(encoding="utf-8")
    second = doc_page(site, "002986620/202003-00013").read_text(encoding="utf-8")
    assert "第一行甲乙" in first and "第二行丙丁" in first and "第二段。" in first
    assert "横线之间戊己" in second and "第二段。" in second


def test_a_bodys_headings_sit_under_the_title_with_no_level_skipped(tmp_path: Path) -> None:
    """A screen reader's list of headings: an editor's '# 一、总则' was a second <h1> beside the title,
    and a heading four levels down ('####', as an import writes a legacy page's <h4>) came straight
    under it; a body of '##' only is left as written."""
    site = build_site(tmp_path, small_site_yml("测试", "search: false"), {
        "fgwj/a.md": document_text(body="# 一、总则\n\n甲。\n\n#### （一）适用范围\n\n乙。\n\n### （二）职责\n\n"
                                        "丙。\n\n# 二、附则\n\n丁。\n\n###### 说明\n\n戊。\n"),
        "fgwj/b.md": document_text(index_no="002986620/202003-00013", title="二级标题",
                                   body="## 一、总体情况\n\n甲。\n\n### （一）\n\n乙。\n\n## 二、其他\n\n丙。\n"),
    })
    def outline(index_no: str) -> list[str]:
        html = doc_page(site, index_no).read_text(encoding="utf-8")
        return [f"h{level} {re.sub(r'<[^>]+>', '', text)}" for level, text in
                re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", html.split("<aside", 1)[0], re.DOTALL)]
    assert outline("002986620/202003-00012") == [
        "h1 关于做好2020年安全生产工作的通知", "h2 一、总则", "h3 （一）适用范围", "h3 （二）职责", "h2 二、附则", "h3 说明"]
    assert outline("002986620/202003-00013") == ["h1 二级标题", "h2 一、总体情况", "h3 （一）", "h2 二、其他"]


def test_a_heading_inside_another_closes_at_its_own_level_and_the_outer_at_its(tmp_path: Path) -> None:
    """A body's raw HTML may hold a heading inside another's <span> or <a> (the parser nests it there):
    each end tag closed the innermost heading and the outer one's end tag was left as written,
    <h2><span><h3>内层</h3></span>尾</h1>."""
    site = build_site(tmp_path, small_site_yml("测试", "search: false"), {
        "fgwj/a.md": document_text(body='<h1 id="x1"><span><h4>内层</h4></span>尾</h1>\n\n'
                                        '<h4><a href="#x1"><h1>回到</h1></a></h4>\n\n甲。\n'),
    })
    html = doc_page(site, "002986620/202003-00012").read_text(encoding="utf-8").split("<aside", 1)[0]
    assert '<h2 id="x1"><span><h3>内层</h3></span>尾</h2>' in html
    assert '<h3><a href="#x1"><h2>回到</h2></a></h3>' in html


def test_attachments_are_copied_beside_their_document(sample_site: Path, sample_catalogue: Catalogue) -> None:
    with_files = [d for d in sample_catalogue.published if d.attachments]
    assert with_files
    for doc in with_files:
        html = doc_page(sample_site, doc.index_no).read_text(encoding="utf-8")
        for attachment in doc.attachments:
            assert (sample_site / "doc" / doc.slug / attachment.name).is_file()
            # with site_url, the address printed on paper without scripts stands beside download
            link = re.compile(f'href="{re.escape(attachment.name)}" download(?: data-gkml-address="[^"]+")?>'
                              f'{re.escape(attachment.title)}</a>')
            assert link.search(html), attachment


def test_addresses_derive_from_index_numbers_not_file_paths(sample_site: Path) -> None:
    assert not (sample_site / "catalogue" / "nb").exists()
    assert doc_page(sample_site, "002986620/201012-00015").is_file()


def test_no_broken_internal_link_or_missing_asset(sample_site: Path) -> None:
    broken = []
    for page in sample_site.rglob("*.html"):
        for tag, url, _rel in links(page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("#", "mailto:")):
                continue
            if parts.path.startswith(SITE_PATH):  # 404.html links from the site root: it is served at any path
                target = (sample_site / unquote(parts.path[len(SITE_PATH):])).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if parts.path == "" or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(sample_site)}: <{tag}> {url}")
    assert not broken, broken[:20]


def test_every_page_title_names_the_page(sample_site: Path) -> None:
    """The first thing a screen reader says and the tab shows: never an empty name before the site's."""
    nameless = []
    for page in sample_site.rglob("*.html"):
        title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.DOTALL)
        if title is None or not title.group(1).strip() or title.group(1).lstrip().startswith("-"):
            nameless.append(f"{page.relative_to(sample_site)}: {title.group(0) if title else '无 <title>'}")
    assert not nameless, nameless[:10]
    assert "<title>页面不存在 - " in (sample_site / "404.html").read_text(encoding="utf-8")


def test_no_request_leaves_the_site(sample_site: Path) -> None:
    remote = []
    for page in sample_site.rglob("*.html"):
        for tag, url, rel in links(page.read_text(encoding="utf-8")):
            if tag == "link" and rel in ("canonical", "alternate"):
                continue  # names the page's public address; nothing is fetched
            if (tag in ("script", "img", "link") and urlsplit(url).scheme in ("http", "https", "")
                    and urlsplit(url).netloc):
                remote.append(f"{page.name}: {url}")
    assert not remote
    css = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in css and "fonts.gstatic.com" not in css


def test_documents_are_not_in_the_nav(sample_site: Path) -> None:
    html = (sample_site / "pages" / "gkzn" / "index.html").read_text(encoding="utf-8")
    assert "/doc/" not in html.split('id="gkml-main"')[0]


def test_listings_and_the_search_form_show_the_profiles_labels(tmp_path: Path) -> None:
    """An agency whose profile calls `created` 成文日期 and `doc_no` 发文字号 saw them so on the document
    page only: the listings' headings (and each cell's label on phones) and the search form said
    生成日期 and 文号, written into the templates; the search form said 成文日期 whatever the profile."""
    profile = (ROOT / "plugins/gkml/profile/default.yml").read_text(encoding="utf-8")
    profile = profile.replace("label: 生成日期", "label: 成文日期", 1).replace("label: 文号", "label: 发文字号", 1)
    (tmp_path / "profile.yml").write_text(profile, encoding="utf-8")
    site = build_site(tmp_path, small_site_yml("测试", "search: false", "profile: profile.yml"), {
        "fgwj/a.md": document_text(doc_no="皖应急〔2020〕12号"),
    })
    listing = (site / "catalogue" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', listing)
    assert headings == ["索引号", "名称", "内容概述", "成文日期", "发布机构", "发文字号"], headings
    assert 'data-label="成文日期"' in listing and 'data-label="发文字号"' in listing
    assert "生成日期" not in listing.split("<table", 1)[1] and 'data-label="文号"' not in listing
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "<legend>成文日期</legend>" in search and '<label for="gkml-docno">发文字号</label>' in search
    assert "<legend>发布日期</legend>" in search


def test_the_attribute_table_shows_every_field_of_the_profile_but_those_with_a_place_of_their_own(
        tmp_path: Path) -> None:
    """The contract's fields and a profile's own field, each under its label: 内容概述 and 年报年度
    were on no part of the page, and a field another agency adds would be shown nowhere."""
    profile = (ROOT / "plugins/gkml/profile/default.yml").read_text(encoding="utf-8")
    profile = profile.replace("  source:\n", "  signer:\n    label: 签发人\n    type: string\n  source:\n", 1)
    (tmp_path / "profile.yml").write_text(profile, encoding="utf-8")
    site = build_site(tmp_path, small_site_yml("测试", "search: false", "profile: profile.yml"), {
        "nb/report.md": document_text("summary: 本年度公开工作概况", "report_year: 2019", "signer: 张三", "draft: false",
                                      category="nb", title="2019年度政府信息公开工作年度报告"),
    })
    html = doc_page(site, "002986620/202003-00012").read_text(encoding="utf-8")
    table = re.search(r'<table class="gkml-attrs".*?</table>', html, re.DOTALL)
    assert table, html
    rows = {th: re.sub(r"<[^>]+>", "", td).strip()
            for th, td in re.findall(r"<th scope=\"row\">(.*?)</th><td[^>]*>(.*?)</td>", table.group(0), re.DOTALL)}
    assert rows["内容概述"] == "本年度公开工作概况" and rows["年报年度"] == "2019" and rows["签发人"] == "张三"
    assert list(rows)[:3] == ["索引号", "信息分类", "发布机构"]
    for elsewhere in ("名称", "公开方式", "不予公开依据", "草稿", "附件", "撤回", "替代文件", "解读对象"):
        assert elsewhere not in rows
