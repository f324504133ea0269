"""220 contract-valid documents (tests/contract_corpus.py, written from the contract alone) built
with `mkdocs build`: each published one has its page showing every field it sets, with the
contract's label and value; it is in every listing, feed and open-data file of its category,
terms and year, newest first; relations are shown both ways; held-back documents reach nothing."""

from __future__ import annotations

import csv
import html
import io
import json
import posixpath
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

import pytest
from contract_corpus import CATEGORIES, Expected, careless, corpus, encoded
from support import listing_index_numbers, listing_pages, mkdocs_build, write_project

SEED, COUNT = 20261127, 220
MKDOCS_YML = """\
site_name: 测试
docs_dir: content
theme: {name: material, language: zh, font: false}
markdown_extensions: [tables, attr_list, footnotes, toc]
plugins:
  - gkml:
      agency: 测试厅
      org_code: "002986620"
      search: false
      build_time: "2026-01-01 00:00"
"""
_TAG = re.compile(r"<[^>]+>")
_ROW = re.compile(r'<tr data-gkml-row>.*?gkml-table__index">(.*?)</td>.*?gkml-table__title">.*?<a href="[^"]+">(.*?)</a>'
                  r'.*?gkml-table__summary">(.*?)</td>.*?<time datetime="([^"]+)"', re.DOTALL)
_ATTR_ROW = re.compile(r'<tr><th scope="row">(.*?)</th><td data-label="[^"]*"[^>]*>(.*?)</td></tr>', re.DOTALL)


def text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


def write_corpus(root: Path, files: dict[str, str | bytes], docs: list[Expected]) -> None:
    by_path = {doc.path: doc for doc in docs}
    saved = {rel: data if isinstance(data, bytes) else encoded(by_path[rel], data) for rel, data in files.items()}
    write_project(root, MKDOCS_YML, saved, "content/catalogue")


def build_pages(root: Path) -> dict[str, str]:
    """`mkdocs build` of the project; each document page (index number -> HTML)."""
    result = mkdocs_build(root / "mkdocs.yml", site_dir=root / "site")
    assert result.returncode == 0, result.stderr
    pages = {}
    for page in (root / "site" / "doc").glob("*/index.html"):
        page_html = page.read_text(encoding="utf-8")
        pages[text(attributes(page_html)["索引号"])] = page_html
    return pages


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Expected], dict[str, str]]:
    """The site, the corpus, and each published document's page (index number -> HTML)."""
    root = tmp_path_factory.mktemp("contract-corpus")
    files, docs = corpus(SEED, COUNT)
    write_corpus(root, files, docs)
    return root / "site", docs, build_pages(root)


def attributes(page_html: str) -> dict[str, str]:
    return {text(label): cell for label, cell in _ATTR_ROW.findall(page_html)}


def test_the_corpus_covers_the_contract(built: tuple[Path, list[Expected], dict[str, str]]) -> None:
    """Every category, every label, attachments, both relations and held-back documents occur."""
    _, docs, _ = built
    public = [d for d in docs if d.public]
    assert {d.category for d in public} == set(CATEGORIES)
    assert {label for d in public for label in d.shown} >= {"文号", "内容概述", "体裁", "主题分类", "主题词", "有效性",
                                                           "来源", "年报年度"}
    assert any(d.attachments for d in public) and any(d.interprets for d in public)
    assert sum(bool(d.superseded_by) for d in public) >= 5 and len(public) < len(docs)
    assert any(d.empty_body and not d.summary and not d.attachments for d in public)
    assert any(len({posixpath.basename(f).casefold() for f, _ in d.attachments}) < len(d.attachments) for d in public)


def test_every_published_document_has_its_page_with_the_contract_labels(
        built: tuple[Path, list[Expected], dict[str, str]]) -> None:
    _, docs, pages = built
    assert_pages_show(pages, docs)


def assert_pages_show(pages: dict[str, str], docs: list[Expected]) -> None:
    """A page for each published document and none other, its name and every field it sets shown."""
    assert set(pages) == {d.index_no for d in docs if d.public}
    for doc in (d for d in docs if d.public):
        page = pages[doc.index_no]
        assert text(re.search(r'<h1 data-gkml-text="title">(.*?)</h1>', page, re.DOTALL)[1]) == doc.title
        rows = attributes(page)
        for label, values in doc.shown.items():
            if label == "名称":
                continue
            assert label in rows, (doc.path, label)
            cell = rows[label]
            if label == "生成日期":
                assert re.search(r'<time datetime="([^"]+)"', cell)[1] == values[0], (doc.path, cell)
            elif label == "发布日期":  # a day written is a day shown, a time with its zone
                shown = re.search(r'<time datetime="([^"]+)"', cell)[1]
                assert shown == (values[0].replace(" ", "T") + "+08:00" if " " in values[0] else values[0]), \
                    (doc.path, values, shown)
            elif label in ("主题分类", "主题词"):
                assert text(cell).split("、") == values, (doc.path, label, cell)
            else:
                assert text(cell) == values[0], (doc.path, label, cell)


def test_careless_forms_are_errors_showing_the_corrected_form_and_fix_writes_it(tmp_path: Path) -> None:
    """Full-width digits, look-alike 文号 brackets, an ideographic space in a time: each is an error
    of its file and field that shows the corrected value; `gkml fix` writes it; the pages are right."""
    files, docs = corpus(SEED + 1, 80)
    changed = careless(files, docs, SEED)
    write_corpus(tmp_path, files, docs)
    check = gkml(tmp_path, "check", "--format", "json")
    assert check.returncode == 1, check.stderr
    found = {(row["file"], row["key"]): row["message"] for row in json.loads(check.stdout) if row["level"] == "error"}
    assert sorted(found) == sorted((f"content/catalogue/{path}", key)
                                   for path, fields in changed.items() for key in fields), check.stdout
    for path, fields in changed.items():
        for key, right in fields.items():
            assert f"应写作：{right}" in found[(f"content/catalogue/{path}", key)]
    assert gkml(tmp_path, "fix").returncode == 0
    assert gkml(tmp_path, "check").returncode == 0
    assert_pages_show(build_pages(tmp_path), docs)


def gkml(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", *args], cwd=project, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False)  # a hang guard


def test_attachments_are_published_beside_their_page(built: tuple[Path, list[Expected], dict[str, str]]) -> None:
    site, docs, pages = built
    files, _ = corpus(SEED, COUNT)
    for doc in (d for d in docs if d.public and d.attachments):
        section = re.search(r'<section class="gkml-attachments".*?</section>', pages[doc.index_no], re.DOTALL)[0]
        links = re.findall(r'<li[^>]*><a href="([^"]+)" download>(.*?)</a>', section)
        assert [text(title) for _, title in links] == [title for _, title in doc.attachments]
        folder = posixpath.dirname(doc.path)
        page_dir = site / "doc" / doc.index_no.replace("/", "-")
        for (href, _), (name, _) in zip(links, doc.attachments, strict=True):
            assert (page_dir / html.unescape(href)).read_bytes() == files[posixpath.normpath(posixpath.join(folder, name))]


def test_relations_are_shown_both_ways(built: tuple[Path, list[Expected], dict[str, str]]) -> None:
    _, docs, pages = built
    titles = {d.index_no: d.title for d in docs}
    replaced_by: dict[str, list[str]] = defaultdict(list)
    interpreted_by: dict[str, list[str]] = defaultdict(list)
    for doc in (d for d in docs if d.public):
        page = pages[doc.index_no]
        if doc.superseded_by:
            replaced_by[doc.superseded_by].append(doc.index_no)
            notice = re.search(r'替代文件：<a href="[^"]+">(.*?)</a>', page)
            assert notice and text(notice[1]) == titles[doc.superseded_by], doc.path
        if doc.interprets:
            interpreted_by[doc.interprets].append(doc.index_no)
            original = re.search(r'原文：<a href="[^"]+" rel="up">(.*?)</a>', page)
            assert original and text(original[1]) == titles[doc.interprets], doc.path
    for doc in (d for d in docs if d.public):
        page = pages[doc.index_no]
        replaces = re.search(r"本文件替代：(.*?)</section>", page, re.DOTALL)
        assert sorted(text(t) for t in re.findall(r"<a [^>]+>(.*?)</a>", replaces[1] if replaces else "")) == \
            sorted(titles[n] for n in replaced_by[doc.index_no]), doc.path
        related = re.search(r'<h2 id="gkml-interpretations-h">相关解读</h2>\s*<ul>(.*?)</ul>', page, re.DOTALL)
        assert sorted(text(t) for t in re.findall(r"<a [^>]+>(.*?)</a>", related[1] if related else "")) == \
            sorted(titles[n] for n in interpreted_by[doc.index_no]), doc.path


def _newest_first(docs: list[Expected]) -> list[Expected]:
    return sorted(docs, key=lambda d: d.published_at, reverse=True)


def _in_order(listed: list[str], docs: list[Expected]) -> None:
    """`listed` holds exactly `docs`, newest first (documents published at the same minute in any order)."""
    assert sorted(listed) == sorted(d.index_no for d in docs)
    when = {d.index_no: d.published_at for d in docs}
    assert [when[n] for n in listed] == sorted((when[n] for n in listed), reverse=True)


def test_listings_hold_every_published_document_newest_first(
        built: tuple[Path, list[Expected], dict[str, str]]) -> None:
    site, docs, _ = built
    public = [d for d in docs if d.public]
    _in_order(listing_index_numbers(site, "catalogue"), public)
    # the catalogue shows each item's 索引、名称、内容概述、生成日期 (art. 12): the summary given, else one derived
    rows = {text(index): (text(title), text(summary), date) for page in listing_pages(site, "catalogue")
            for index, title, summary, date in _ROW.findall(page.read_text(encoding="utf-8"))}
    for doc in public:
        title, summary, created = rows[doc.index_no]
        assert (title, created) == (doc.title, doc.created.isoformat()) and summary, doc.path
        assert summary == (doc.summary or summary), doc.path
        if doc.empty_body and not doc.summary:  # no text to take one from: its attachments, else its name
            assert summary == ("附件：" + "；".join(t for _, t in doc.attachments) if doc.attachments else doc.title)
    for slug in CATEGORIES:  # a category's page lists its subtree
        subtree = [d for d in public if d.category == slug or CATEGORIES[d.category][1] == slug]
        _in_order(listing_index_numbers(site, f"category/{slug}"), subtree)
    for year in {d.published_at.year for d in public}:
        _in_order(listing_index_numbers(site, f"year/{year}"), [d for d in public if d.published_at.year == year])


@pytest.mark.parametrize(("folder", "label"), [("genre", "体裁"), ("keyword", "主题词"), ("topic", "主题分类"),
                                               ("publisher", "发布机构"), ("validity", "有效性")])
def test_term_pages_list_each_document_under_each_of_its_values(
        built: tuple[Path, list[Expected], dict[str, str]], folder: str, label: str) -> None:
    site, docs, _ = built
    public = [d for d in docs if d.public]
    terms = {}
    for page in (site / folder).glob("*/index.html"):
        name = text(re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8"), re.DOTALL)[1])
        terms[name] = page.parent.relative_to(site).as_posix()
    values = {value for d in public for value in d.shown.get(label, [])}
    assert set(terms) == values
    for value in values:
        _in_order(listing_index_numbers(site, terms[value]), [d for d in public if value in d.shown.get(label, [])])


def test_feeds_hold_the_newest_fifty_of_each_category(built: tuple[Path, list[Expected], dict[str, str]]) -> None:
    site, docs, _ = built
    public = [d for d in docs if d.public]

    def entries(name: str) -> list[str]:
        feed = (site / name).read_text(encoding="utf-8")
        return [html.unescape(i).split(":", 2)[-1] for i in re.findall(r"<entry><id>(.*?)</id>", feed)]

    for name, documents in [("feed.xml", public), *((f"feeds/{slug}.xml", [
            d for d in public if d.category == slug or CATEGORIES[d.category][1] == slug]) for slug in CATEGORIES)]:
        listed = entries(name)
        assert len(listed) == min(50, len(documents)), name
        _in_order(listed, [d for d in documents if d.index_no in listed])
        left_out = [d.published_at for d in documents if d.index_no not in listed]
        assert not left_out or min(d.published_at for d in documents if d.index_no in listed) >= max(left_out), name


def test_open_data_holds_every_published_document_as_written(
        built: tuple[Path, list[Expected], dict[str, str]]) -> None:
    site, docs, _ = built
    public = {d.index_no: d for d in docs if d.public}
    records = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert sorted(r["index_no"] for r in records) == sorted(public)
    rows = list(csv.DictReader(io.StringIO((site / "catalogue.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(r["索引号"] for r in rows) == sorted(public)
    by_index_no = {row["索引号"]: row for row in rows}
    for record in records:
        doc, row = public[record["index_no"]], by_index_no[record["index_no"]]
        assert record["title"] == doc.title and record["category"] == doc.category
        assert record["created"] == doc.created.isoformat()
        assert record["published"].startswith(doc.shown["发布日期"][0].replace(" ", "T"))
        assert record.get("superseded_by", "") == doc.superseded_by and record.get("interprets", "") == doc.interprets
        assert [a["title"] for a in record.get("attachments", [])] == [t for _, t in doc.attachments]
        for label, values in doc.shown.items():
            if label in ("主题分类", "主题词"):
                assert row[label].split("；") == values, (doc.path, label)
            elif label == "信息分类":
                assert row[label] == values[0] and row["信息分类代码"] == doc.category
            elif label == "发布日期":  # as written: a day is no day at 00:00
                assert row[label] == values[0], (doc.path, row[label])
            else:  # a cell starting with = + - @ is neutralised (the contract)
                assert row[label] == ("'" if values[0].startswith(tuple("=+-@")) else "") + values[0], (doc.path, label)


def test_held_back_documents_reach_no_output(built: tuple[Path, list[Expected], dict[str, str]]) -> None:
    site, docs, _ = built
    held = [d.index_no.encode() for d in docs if not d.public]
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not [n for n in held if n in data], path


def test_bodies_link_their_attachments_and_keep_the_editors_markdown(
        built: tuple[Path, list[Expected], dict[str, str]]) -> None:
    """Every picture and link of a body to an attachment reaches the published file; tables,
    footnotes, lists and headings are rendered, not shown as Markdown."""
    site, docs, pages = built
    for doc in (d for d in docs if d.public):
        body = re.search(r'<div class="gkml-body" data-gkml-text="body">(.*?)\n    </div>\n', pages[doc.index_no],
                         re.DOTALL)[1]
        page_dir = site / "doc" / doc.index_no.replace("/", "-")
        for address in re.findall(r'(?:href|src)="([^"]+)"', body):
            if not re.match(r"^(?:https?:|mailto:|#)", address):
                assert (page_dir / unquote(html.unescape(address))).resolve().is_file(), (doc.path, address)
        if "](" in body or "[^1]" in body or "| 序号" in body or "\n## " in body:
            raise AssertionError((doc.path, "Markdown shown as text"))
