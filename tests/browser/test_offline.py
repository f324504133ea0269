"""The reading-room copy: opened from file:// with every network request blocked, dated on
every page and printed sheet, signed, checked, and listed on the online site."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from support import (
    ROOT,
    build_site_and_copy,
    copy_project,
    doc,
    links,
    mkdocs_build,
    serve,
    small_site_yml,
)

playwright = pytest.importorskip("playwright.sync_api")

SNAPSHOT_LINE = "快照日期：2026年11月1日"
ENTRY = "打开公开目录.html"


def gkml(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", *args], check=False, capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=900)  # a hang guard, not a speed target


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project with a signing key: `gkml keygen`, then `gkml offline --sign` into its offline/."""
    root = tmp_path_factory.mktemp("project")
    skip = {".git", ".venv", "site", "offline", "plugins", "tests", "benchmarks", "tools", "schema", "bench-results"}
    for item in ROOT.iterdir():  # the sample project: content, ledger and whatever else mkdocs.yml names
        if item.name not in skip and not item.name.startswith((".", "site.")):
            (shutil.copytree if item.is_dir() else shutil.copy)(item, root / item.name)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next(entry["gkml"] for entry in config["plugins"] if isinstance(entry, dict) and "gkml" in entry)
    options["snapshots"] = {"public_key": "keys/offline-signing-key.pub.pem"}
    options["build_time"] = "2026-11-01 12:00"  # the copy's moment, which its snapshot date is
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    made = gkml("keygen", "--out", str(root / "keys"))
    assert made.returncode == 0, made.stderr
    result = gkml("offline", "--config", str(root), "--sign", str(root / "keys" / "offline-signing-key.pem"))
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def offline_copy(project: Path) -> Path:
    folders = [p for p in (project / "offline").iterdir() if p.is_dir()]
    assert len(folders) == 1
    return folders[0]


@pytest.fixture(scope="module")
def public_key(project: Path) -> Path:
    return project / "keys" / "offline-signing-key.pub.pem"


def test_copy_has_one_entry_file_and_everything_else_in_one_folder(offline_copy: Path) -> None:
    assert offline_copy.name == "安徽省应急管理厅政府信息公开目录-2026-11-01"
    assert sorted(p.name for p in offline_copy.iterdir()) == sorted(
        [ENTRY, "使用说明.txt", "README.txt", "manifest.json", "SHA256SUMS", "manifest.sig", "site"])
    with zipfile.ZipFile(offline_copy.with_suffix(".zip")) as zipped:
        names = zipped.namelist()
    assert f"{offline_copy.name}/{ENTRY}" in names and f"{offline_copy.name}/site/index.html" in names
    guide = (offline_copy / "使用说明.txt").read_bytes()
    assert guide.startswith(b"\xef\xbb\xbf") and b"\r\n" in guide and b"\n" not in guide.replace(b"\r\n", b"")


def test_every_link_is_a_relative_file_that_exists(offline_copy: Path) -> None:
    broken = []
    for page in [offline_copy / ENTRY, *(offline_copy / "site").rglob("*.html")]:
        if page.name == "404.html":
            continue  # served by web servers only; unused offline
        for _tag, url, rel in links(page.read_text(encoding="utf-8")):
            if rel in ("canonical", "alternate") or url.startswith(("#", "mailto:")) or "://" in url:
                continue
            path = unquote(urlsplit(url).path)
            if not path or path.endswith("/") or not (page.parent / path).is_file():
                broken.append(f"{page.relative_to(offline_copy)}: {url}")
    assert broken == []
    site = offline_copy / "site"
    assert 'href="catalogue/page/2.html"' in (site / "catalogue.html").read_text(encoding="utf-8")
    assert (site / "catalogue" / "print.html").is_file()


def test_every_offline_page_carries_the_snapshot_line(offline_copy: Path) -> None:
    pages = [offline_copy / ENTRY, *(offline_copy / "site").rglob("*.html")]
    assert len(pages) > 100
    without = [str(p.relative_to(offline_copy)) for p in pages
               if p.name != "404.html" and f"{SNAPSHOT_LINE}　收录主动公开政府信息 44 件" not in p.read_text(encoding="utf-8")]
    assert without == []


def test_verify_the_signed_copy_as_folder_and_zip_then_a_changed_file(offline_copy: Path, public_key: Path,
                                                                      tmp_path: Path) -> None:
    for target in (offline_copy, offline_copy.with_suffix(".zip")):
        ok = gkml("verify", "--key", str(public_key), str(target))
        assert ok.returncode == 0, ok.stdout
        assert "校验通过：副本完整、未被修改，且确为签名者发布" in ok.stdout
        assert "2026年11月1日，收录主动公开政府信息 44 件（来自已核对签名的清单）" in ok.stdout
    copy = tmp_path / offline_copy.name
    shutil.copytree(offline_copy, copy)
    (copy / "desktop.ini").write_text("[.ShellClassInfo]", encoding="utf-8")
    (copy / "site" / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8))  # OLE, as Windows writes
    littered = gkml("verify", "--key", str(public_key), str(copy))
    assert littered.returncode == 0 and "[无害] 2 个" in littered.stdout
    target = next((copy / "site" / "doc").glob("*.html"))
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01  # one byte of one file
    target.write_bytes(bytes(data))
    altered = gkml("verify", str(copy))
    assert altered.returncode == 1
    assert f"文件被修改：site/doc/{target.name}" in altered.stdout


@pytest.fixture(scope="module")
def offline_page(browser) -> Iterator[tuple[object, list[str]]]:
    """A page of the shared Chromium that may load file:// only: any other request is recorded and refused."""
    context = browser.new_context()
    outside: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield context.new_page(), outside
    context.close()


def search(page, folder: Path, query: str) -> list[str]:
    page.goto((folder / "site" / "search.html").as_uri() + "?q=" + query)
    page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)", timeout=10_000)
    return page.locator("#gkml-results .gkml-result-title a").all_inner_texts()


@pytest.mark.browser
def test_browse_and_search_from_file_url_with_no_network(offline_page, offline_copy: Path) -> None:
    page, outside = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_copy / ENTRY).as_uri())
    assert SNAPSHOT_LINE in page.locator(".gkml-snapshot").inner_text()
    page.get_by_role("link", name="进入公开目录").click()
    assert page.url.endswith("site/index.html")
    assert SNAPSHOT_LINE in page.locator(".gkml-snapshot").inner_text()
    page.locator(".gkml-home__browse").get_by_role("link", name="政府信息公开年报").click()
    assert page.url.endswith("category/nb.html")
    page.get_by_role("link", name="省安全监管局2010年度政务公开、政府信息公开及政务服务工作总结报告").click()
    assert page.url.endswith("doc/002986620-201012-00015.html")
    assert page.locator("h1").inner_text().startswith("省安全监管局2010年度")

    assert any("部门预算" in t for t in search(page, offline_copy, "预算"))  # a sub-word of 财政预算/部门预算
    assert search(page, offline_copy, "皖应急〔2020〕12号")[0].endswith("举报奖励办法》的通知")
    assert search(page, offline_copy, "002986620/201012-00015") == [
        "省安全监管局2010年度政务公开、政府信息公开及政务服务工作总结报告"]
    page.goto((offline_copy / "site" / "search.html").as_uri() + "?q=安全生产&cat=政府信息公开年报")
    page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)", timeout=10_000)
    filtered = page.locator("#gkml-results .gkml-result-title a").all_inner_texts()
    assert filtered and all("年" in t and "报" in t for t in filtered)
    first = page.locator("#gkml-results .gkml-result-title a").first
    first.click()
    assert page.url.startswith("file://") and page.url.endswith(".html")
    assert errors == []
    assert outside == []


@pytest.mark.browser
def test_an_empty_answer_in_the_copy_says_the_copy_date(offline_page, offline_copy: Path, online_site: Path,
                                                         browser) -> None:
    """A reader in the reading room who finds nothing learns the copy stops at its snapshot: a document
    published since is in no copy of that date (the online site's empty answer has no such line)."""
    page, outside = offline_page
    note = "本副本截至 2026年11月1日，之后公开的文件不在其中。"
    assert search(page, offline_copy, "量子计算机") == []
    assert page.locator(".gkml-empty-result").inner_text() == f"没有找到相关文件。{note}"
    assert search(page, offline_copy, "预算？") == []  # the offer of the query without its ？ still follows
    assert page.locator(".gkml-empty-result").inner_text().startswith(f"没有找到相关文件。{note}检索词按原文逐字查找")
    assert page.locator(".gkml-retyped").inner_text() == "预算"
    assert search(page, offline_copy, "\u00ad") == []  # nothing any document could hold: told the same
    assert page.locator(".gkml-empty-result").inner_text() == f"没有找到相关文件。{note}"
    assert outside == []
    with serve(online_site) as base:
        online = browser.new_page()
        online.goto(f"{base}search/?q=量子计算机")
        online.wait_for_selector("#gkml-results .gkml-empty-result", timeout=10_000)
        assert online.locator(".gkml-empty-result").inner_text() == "没有找到相关文件"
        online.close()


@pytest.mark.browser
def test_an_agency_filter_of_a_portal_link_is_no_filter_on_the_site_or_its_copy(offline_page, offline_copy: Path,
                                                                                  online_site: Path, browser) -> None:
    """?agency= is the portal's filter; on an agency's site and its copy no agency is listed, so there is no
    box to untick: a portal's search link opened there (or an agency's old id) answered nothing to every query."""
    page, outside = offline_page
    found = search(page, offline_copy, "预算")
    assert found and search(page, offline_copy, "预算&agency=yjt") == found
    assert outside == []
    with serve(online_site) as base:
        online = browser.new_page()
        for query in ("预算", "预算&agency=yjt"):
            online.goto(f"{base}search/?q={query}")
            online.wait_for_selector("#gkml-results .gkml-result", timeout=10_000)
            assert online.locator("#gkml-results .gkml-result-title a").all_inner_texts() == found
        online.close()


@pytest.mark.browser
def test_snapshot_line_on_screen_and_in_print_on_every_kind_of_page(offline_page, offline_copy: Path) -> None:
    page, outside = offline_page
    site = offline_copy / "site"
    kinds = ["index.html", "catalogue.html", "catalogue/page/2.html", "category.html", "category/nb.html", "year.html",
             "search.html", "stats.html", "pages/gkzn.html", "doc/002986620-201012-00015.html", "catalogue/print.html"]
    for rel in kinds:
        page.goto((site / rel).as_uri())
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            line = page.locator(".gkml-snapshot")
            assert line.is_visible(), (rel, media)
            assert f"{SNAPSHOT_LINE}　收录主动公开政府信息 44 件　安徽省应急管理厅" in line.inner_text(), (rel, media)
        page.emulate_media(media=None)
    assert outside == []


def pdf_pages_text(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                           check=True, capture_output=True, text=True).stdout for n in range(1, count + 1)]


@pytest.mark.browser
def test_every_printed_sheet_carries_the_snapshot(offline_page, offline_copy: Path, tmp_path: Path) -> None:
    """Printed to PDF by Chromium, as a reading room prints: the snapshot on every sheet."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run tools/setup --test (poppler-utils)")
    page, outside = offline_page
    site = offline_copy / "site"
    for name, url in (("catalogue", site / "catalogue" / "print.html"), ("document", site / "doc" / "002986620-201012-00015.html"),
                      ("entry", offline_copy / ENTRY)):
        page.goto(url.as_uri())
        page.emulate_media(media="print")
        assert page.locator(".gkml-snapshot").is_visible()
        pdf = tmp_path / f"{name}.pdf"
        page.pdf(path=str(pdf), format="A4")
        page.emulate_media(media=None)
        sheets = pdf_pages_text(pdf)
        assert sheets and all(SNAPSHOT_LINE in sheet for sheet in sheets), name
        if name == "document":  # the address it has online (doc/<id>/), not a .html one the site does not have
            assert "本页网址：https://yjt.ah.gov.cn/gkml/doc/002986620-201012-00015/ " in "".join(sheets)
        if name == "catalogue":
            assert len(sheets) > 3  # the whole catalogue, every sheet dated
            assert all("收录主动公开政府信息 44 件" in sheet for sheet in sheets)
        subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / name)], check=True)
        assert [png.stat().st_size > 1000 for png in tmp_path.glob(f"{name}-*.png")] == [True]
    assert outside == []


@pytest.fixture(scope="module")
def online_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("online") / "site"
    result = mkdocs_build(project / "mkdocs.yml", site_dir=site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.browser
def test_online_list_links_a_copy_whose_digest_matches(online_site: Path, public_key: Path, browser) -> None:
    with serve(online_site) as base:
        page = browser.new_page()
        page.goto(base)
        page.get_by_role("link", name="离线查阅版下载与校验").click()
        assert page.url == base + "offline/"
        row = page.locator("tr[data-gkml-snapshot]").first
        assert row.get_attribute("data-gkml-snapshot") == "2026-11-01"
        assert "最新" in row.inner_text() and "44 件" in row.inner_text()
        published = row.locator("code.gkml-digest").first.inner_text()
        link = row.get_by_role("link")
        with page.expect_download() as download:
            link.click()
        archive = Path(download.value.path())
        with zipfile.ZipFile(archive) as zipped:
            manifest = next(n for n in zipped.namelist() if n.endswith("/manifest.json"))
            assert hashlib.sha256(zipped.read(manifest)).hexdigest() == published
        assert hashlib.sha256(archive.read_bytes()).hexdigest() in row.inner_text()
        listing = page.request.get(base + "offline/snapshots.json").json()
        assert listing["copies"][0]["manifest_sha256"] == published and listing["copies"][0]["documents"] == 44
        key_link = page.get_by_role("link", name="公钥.pem")
        assert page.request.get(page.url + key_link.get_attribute("href")).body() == public_key.read_bytes()
        page.close()


def test_online_build_refuses_a_copy_not_signed_by_the_published_key(project: Path, tmp_path: Path) -> None:
    forged = tmp_path / "forged"
    copy_project(project, forged, "site", "*.zip")
    assert gkml("keygen", "--out", str(forged / "other")).returncode == 0
    yml = forged / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("2026-11-01 12:00", "2026-11-02 12:00"), encoding="utf-8")
    made = gkml("offline", "--config", str(forged),
                "--sign", str(forged / "other" / "offline-signing-key.pem"))
    assert made.returncode == 0, made.stderr
    result = mkdocs_build(forged / "mkdocs.yml", site_dir=tmp_path / "site")
    assert result.returncode != 0
    assert "政府信息公开目录-2026-11-02.zip：签名与配置的公钥（snapshots.public_key）不符" in result.stderr



def test_the_copy_and_its_zip_unpack_with_honest_times_and_the_site_keeps_its_print_moment_fresh(
        project: Path, offline_copy: Path, online_site: Path, tmp_path: Path) -> None:
    """The site's built-print.css is dated a year ahead (printdate.stamp: a browser asks for it again),
    so tar warns "time stamp in the future" unpacking the site. A copy has no such file (its sheets say
    its snapshot date): its folder and its zip carry the times they were made, and unpack without it."""
    now = time.time() + 2  # a FAT or zip time is rounded up to two seconds
    printed = online_site / "assets/gkml/css/built-print.css"
    assert printed.stat().st_mtime > now + 300 * 86_400
    files = [p for p in offline_copy.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name == "built-print.css"]
    assert not [p for p in files if p.stat().st_mtime > now]
    archive = offline_copy.with_name(offline_copy.name + ".zip")
    with zipfile.ZipFile(archive) as zipped:
        # the extended timestamp, UTC, as unzip and 7-Zip read it (the DOS time is China's: ziptimes)
        assert not [i.filename for i in zipped.infolist() if int.from_bytes(i.extra[5:9], "little") > now]
    tarred, unpacked = tmp_path / "copy.tar", tmp_path / "unpacked"
    unpacked.mkdir()
    made = subprocess.run(["tar", "-cf", str(tarred), "-C", str(offline_copy.parent), offline_copy.name],
                          capture_output=True, text=True, check=False, timeout=300)
    taken = subprocess.run(["tar", "-xf", str(tarred), "-C", str(unpacked)], capture_output=True, text=True,
                           check=False, timeout=300)
    assert made.returncode == taken.returncode == 0 and "future" not in made.stderr + taken.stderr, taken.stderr


AXE = ROOT / "tests" / "tooling" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "eyecare", "contrast"])
def test_entry_snapshot_line_and_online_list_pass_axe(browser, offline_copy: Path, online_site: Path, scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core needs npm: run tools/setup --test on a machine with npm")
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(f"try {{ localStorage.setItem('gkml-scheme', '{scheme}'); }} catch (e) {{}}")
    page = context.new_page()
    found = {}
    with serve(online_site) as base:
        for url in ((offline_copy / ENTRY).as_uri(), (offline_copy / "site" / "catalogue.html").as_uri(), base + "offline/"):
            page.goto(url)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
            serious = [f"{v['id']}: {v['help']} — {v['nodes'][0]['target']}" for v in result["violations"]
                       if v["impact"] in ("serious", "critical")]
            if serious:
                found[url] = serious
    context.close()
    assert found == {}


@pytest.mark.browser
def test_the_copy_at_400_percent_zoom_and_by_landmarks(browser, offline_copy: Path) -> None:
    """A reading room's 1280 px screen zoomed to 400 % is 320 px wide: the entry page's guide printed the
    online list's address unbroken, the page scrolled sideways (339 px). And the snapshot line (which copy,
    of what date) sat between main and the footer outside every landmark: a screen reader moving by
    landmarks passed over it."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    page.goto((offline_copy / ENTRY).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.goto((offline_copy / "site" / "catalogue.html").as_uri())
    assert SNAPSHOT_LINE in page.get_by_role("region", name="快照").inner_text()
    if AXE.is_file():
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['region']}})")
        assert [node["target"] for v in result["violations"] for node in v["nodes"]] == []
    context.close()


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
                    "78da63f8cfc0f01f0005000201a5c6a8f40000000049454e44ae426082")


@pytest.fixture(scope="module")
def raw_html_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy of a document whose body is pasted HTML: an image beside it, a link to
    an image in a subfolder (both published flat beside its page, doc/<id>/)."""
    root = tmp_path_factory.mktemp("rawhtml")
    folder = root / "content" / "catalogue" / "fgwj"
    (folder / "图表").mkdir(parents=True)
    (folder / "宽图.png").write_bytes(PNG)
    (folder / "图表" / "原图 1.png").write_bytes(PNG)
    body = '<p><img src="宽图.png" alt="宽图" width="40"></p>\n\n<p><a href="图表/原图%201.png">查看原图</a></p>\n'
    _site, copy = build_site_and_copy(root, small_site_yml("测试厅"), {"fgwj/x.md": doc(
        "attachments:", "  - {file: 宽图.png, title: 宽图}", "  - {file: 图表/原图 1.png, title: 原图}", body=body)})
    return copy


@pytest.mark.browser
def test_pasted_html_image_and_link_work_in_the_offline_copy(offline_page, raw_html_copy: Path) -> None:
    """<img src> and <a href> in raw HTML pointed at doc/宽图.png from doc/<id>.html: no image, a dead link."""
    page, outside = offline_page
    page.goto((raw_html_copy / "doc" / "002986620-202003-00012.html").as_uri())
    image = page.locator(".gkml-body img")
    assert image.evaluate("i => i.complete && i.naturalWidth > 0"), image.get_attribute("src")
    page.locator(".gkml-body").get_by_role("link", name="查看原图").click()
    page.wait_for_load_state()
    assert unquote(page.url).endswith("/doc/002986620-202003-00012/原图 1.png"), page.url
    assert page.evaluate("document.images.length === 1 && document.images[0].naturalWidth > 0")
    assert outside == []


@pytest.mark.browser
def test_the_entry_page_opened_inside_the_zip_says_to_unzip_first(offline_page, raw_html_copy: Path, tmp_path: Path) -> None:
    """Explorer opens a file double-clicked inside a zip alone, from a temporary folder: no site/ beside it."""
    entry = raw_html_copy.parent / ENTRY
    alone = tmp_path / "Temp1_副本.zip" / ENTRY
    alone.parent.mkdir()
    shutil.copy(entry, alone)
    page, outside = offline_page
    page.goto(entry.as_uri())
    assert page.locator(".entry__open").is_visible() and not page.locator(".entry__alone").is_visible()
    page.goto(alone.as_uri())
    notice = page.locator(".entry__alone")
    assert notice.is_visible() and "本页旁边没有 site 文件夹" in notice.inner_text() and "全部解压缩" in notice.inner_text()
    assert outside == []


@pytest.mark.browser
def test_a_site_page_opened_inside_the_zip_says_to_unzip_first(offline_page, raw_html_copy: Path, tmp_path: Path) -> None:
    """A page of site/ double-clicked inside the zip is opened alone too: unstyled, its links dead. It says why."""
    document = raw_html_copy / "doc" / "002986620-202003-00012.html"
    alone = tmp_path / "Temp1_副本.zip" / document.name
    alone.parent.mkdir()
    shutil.copy(document, alone)
    page, outside = offline_page
    page.goto(document.as_uri())
    assert page.locator("h1").is_visible() and not page.locator(".gkml-alone").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".gkml-alone").is_visible()
    page.emulate_media(media=None)
    page.goto(alone.as_uri())
    notice = page.locator(".gkml-alone")
    assert notice.is_visible() and "全部解压缩" in notice.inner_text()
    assert notice.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]  # the first thing read
    assert outside == []
