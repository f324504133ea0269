"""Paper from a site built without site_url: a document printed with scripts off, and from the offline
copy opened by file:// in a folder whose path has spaces and Chinese. The sheet says when its text is
as of and where a reader finds the page and its attachments; the pages stay the same bytes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support import (
    build_site,
    build_site_and_copy,
    doc,
    mkdocs_build,
    serve,
    small_site_yml,
)

pytestmark = pytest.mark.browser

INDEX_NO = "002986620/201905-00931"
PAGE = "doc/002986620-201905-00931"
MOMENT = "2024年5月6日 07:08"  # build_time below, as paper prints it
FIND = f"查找本页和附件：在测试厅政府信息公开目录中检索索引号{INDEX_NO}"
LONG_NO = "002986620/201905-00932"
# forty chapters of uneven length, some with a sub-heading: sheets end at many places
LONG_BODY = "".join(
    f"## 第{i}章　关于第{i}项工作的要求\n\n"
    + "".join(f"{'本章规定' * (3 + (i * j) % 17)}第{j}款。\n\n" for j in range(1, 2 + i % 4))
    + (f"### 第{i}章附则\n\n本附则自发布之日起施行。\n\n" if i % 7 == 0 else "") for i in range(1, 41))
HEADING = re.compile(r"第\d+章(关于第\d+项工作的要求|附则)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("paper")
    folder = root / "content" / "catalogue" / "fgwj"
    folder.mkdir(parents=True)
    (folder / "纸面附表.pdf").write_bytes(b"%PDF-1.4\n")
    return build_site_and_copy(root, small_site_yml("测试厅", 'build_time: "2024-05-06 07:08"'), {
        "fgwj/paper.md": doc("attachments:", "  - {file: 纸面附表.pdf, title: 纸面附表}", title="无网址打印测试的通知",
                             index_no=INDEX_NO, created="2019-05-20", published="2019-05-21 10:00"),
        "fgwj/paper-long.md": doc(title="分页打印测试的长篇办法", index_no=LONG_NO, created="2019-05-22",
                                  published="2019-05-23 10:00", body=LONG_BODY)})


def pdf_text(pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run tools/setup --test (poppler-utils)")
    run = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    return re.sub(r"\s+", "", run.stdout)


def test_printed_without_scripts_and_site_url_it_says_where_to_find_it_and_what_it_is_as_of(
        browser: Any, built: tuple[Path, Path], tmp_path: Path) -> None:
    """Scripts off: the print footer was reader.js's alone for its date, and without site_url the page
    printed no footer at all (no address, attachments none): paper said neither where the page and its
    attachments are nor when. It says to search the index number at the agency's catalogue and what the
    site's text is as of (the build's moment, from a stylesheet: no page holds it, so pages stay the same bytes)."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, java_script_enabled=False)
    page = context.new_page()
    printed = {}
    with serve(built[0]) as url:
        for path in (f"{PAGE}/", "catalogue/"):
            page.goto(url + path)
            page.emulate_media(media="print")
            page.pdf(path=str(tmp_path / "sheet.pdf"), format="A4")
            printed[path] = pdf_text(tmp_path / "sheet.pdf")
    context.close()
    as_of = f"网站内容截至：{MOMENT}".replace(" ", "")
    assert FIND + as_of in printed[f"{PAGE}/"] and "纸面附表" in printed[f"{PAGE}/"], printed
    # a listing printed no footer at all: whose catalogue it is (the header is not printed) and its date
    assert "本页：测试厅政府信息公开目录·公开目录" + as_of in printed["catalogue/"], printed
    pages = [p for p in built[0].rglob("*.html") if "2024年5月6日" in p.read_text(encoding="utf-8")]
    assert pages == []  # the moment is in built-print.css only


def test_printed_with_scripts_it_has_the_print_date_not_the_build_moment(browser: Any, built: tuple[Path, Path]) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    with serve(built[0]) as url:
        page.goto(f"{url}{PAGE}/")
        page.emulate_media(media="print")
        footer = page.locator(".gkml-print-footer")
        assert footer.is_visible()
        shown = footer.evaluate("f => f.textContent + getComputedStyle(f, '::after').content")
    context.close()
    assert shown.startswith(f"本页网址：{url}{PAGE}/　打印日期：") and "网站内容截至" not in shown, shown


def test_printed_without_scripts_after_a_rebuild_it_has_the_new_build_moment(browser: Any, tmp_path: Path) -> None:
    """A browser kept built-print.css of yesterday's build (a file a day old is fresh for 2.4 hours
    to a browser's cache) and paper printed after today's build said yesterday's moment. The
    stylesheet's time is ahead of every answer's, so the browser asks again; the pages keep their bytes."""
    yml = small_site_yml("测试厅", "search: false", 'build_time: "2024-05-06 07:08"')
    site = build_site(tmp_path, yml, {"fgwj/moment.md": doc(
        title="重建后打印日期测试的通知", index_no="002986620/201905-00941", created="2019-05-20",
        published="2019-05-21 10:00")})
    for path in site.rglob("*"):  # built a day ago
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 86_400 * 10**9))
    context = browser.new_context(viewport={"width": 1024, "height": 768}, java_script_enabled=False)
    page = context.new_page()
    with serve(site) as url:
        page.goto(f"{url}catalogue/")
        page.emulate_media(media="print")
        page.pdf(path=str(tmp_path / "before.pdf"), format="A4")
        listing = (site / "catalogue" / "index.html").read_bytes()
        (tmp_path / "mkdocs.yml").write_text(yml.replace("2024-05-06 07:08", "2024-05-07 08:09"), encoding="utf-8")
        assert mkdocs_build(tmp_path / "mkdocs.yml", site_dir=site).returncode == 0
        page.goto(f"{url}catalogue/")
        page.pdf(path=str(tmp_path / "after.pdf"), format="A4")
    context.close()
    assert "网站内容截至：2024年5月6日07:08" in pdf_text(tmp_path / "before.pdf")
    assert "网站内容截至：2024年5月7日08:09" in pdf_text(tmp_path / "after.pdf")
    assert (site / "catalogue" / "index.html").read_bytes() == listing


def test_the_copy_from_a_folder_with_spaces_and_chinese_prints_where_to_find_the_page(
        browser: Any, built: tuple[Path, Path], tmp_path: Path) -> None:
    """A copy of a site without site_url, opened by file:// from 'D:\\阅览室 资料\\…': reader.js printed
    the page's file:/// address, of no use on paper, and dropped the line saying where to find it."""
    folder = tmp_path / "阅览室 资料" / "公开目录 副本"
    copy = Path(shutil.copytree(built[1].parent, folder))
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto((copy / "site" / f"{PAGE}.html").as_uri())
    assert page.locator("h1").inner_text() == "无网址打印测试的通知"
    page.emulate_media(media="print")
    footer = page.locator(".gkml-print-footer").text_content() or ""
    context.close()
    assert footer.replace(" ", "").startswith(FIND + "　打印日期："), footer
    assert "file:" not in footer


def test_a_long_document_printed_ends_no_sheet_with_a_heading(browser: Any, built: tuple[Path, Path],
                                                               tmp_path: Path) -> None:
    """A document of forty chapters printed on A4: three sheets ended with a chapter's heading, its text
    on the next sheet. A heading keeps with what follows it."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    with serve(built[0]) as url:
        page.goto(f"{url}doc/{LONG_NO.replace('/', '-')}/")
        page.emulate_media(media="print")
        page.pdf(path=str(tmp_path / "long.pdf"), format="A4")
    context.close()
    sheets = subprocess.run(["pdftotext", "-layout", str(tmp_path / "long.pdf"), "-"], check=True, capture_output=True,
                            text=True).stdout.split("\f")
    last_lines = [re.sub(r"\s+", "", lines[-1]) for sheet in sheets if (lines := [x for x in sheet.splitlines() if x.strip()])]
    assert len(last_lines) > 4 and HEADING.search(re.sub(r"\s+", "", "".join(sheets)))
    assert [line for line in last_lines if HEADING.fullmatch(line)] == []


def test_a_printed_listing_splits_no_row_over_two_sheets(browser: Any, sample_site: Path, tmp_path: Path) -> None:
    """The catalogue's twenty rows printed on A4 (each a few lines of 内容概述): a row was cut at a sheet's
    foot, its index number and title on one sheet and the rest of its summary under the next sheet's
    header, read there as nobody's. Each sheet after the first starts with its header row, then a row's start."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    with serve(sample_site) as url:
        page.goto(url + "catalogue/")
        page.emulate_media(media="print")
        page.pdf(path=str(tmp_path / "catalogue.pdf"), format="A4")
    context.close()
    sheets = subprocess.run(["pdftotext", "-layout", str(tmp_path / "catalogue.pdf"), "-"], check=True,
                            capture_output=True, text=True).stdout.split("\f")
    starts = [lines[:2] for sheet in sheets[1:] if (lines := [x.strip() for x in sheet.splitlines() if x.strip()])]
    assert len(starts) >= 2
    for n, lines in enumerate(starts):  # (the last sheet may hold the footer alone)
        if n < len(starts) - 1 or lines[0].startswith("索引号"):
            assert lines[0].startswith("索引号") and len(lines) == 2 and re.match(r"\d{9}/", lines[1]), lines
