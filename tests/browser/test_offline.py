"""The reading-room copy: opened from file:// with every network request blocked."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, links

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline")
    result = subprocess.run([sys.executable, "-m", "gkml.cli", "offline", "--config", str(ROOT), "--out", str(out),
                             "--snapshot", "2026-11-01"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 1
    return folders[0]


def verify(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", "verify", str(folder)], capture_output=True, text=True)


def test_copy_is_named_and_zipped(offline_copy: Path) -> None:
    assert offline_copy.name == "安徽省应急管理厅政府信息公开目录-2026-11-01"
    archive = offline_copy.with_suffix(".zip")
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
    assert f"{offline_copy.name}/index.html" in names and f"{offline_copy.name}/manifest.json" in names


def test_every_link_is_a_relative_file_that_exists(offline_copy: Path) -> None:
    broken = []
    for page in offline_copy.rglob("*.html"):
        if page.name == "404.html":
            continue  # served by web servers only; unused offline
        for tag, url, rel in links(page.read_text(encoding="utf-8")):
            if rel in ("canonical", "alternate") or url.startswith(("#", "mailto:")) or "://" in url:
                continue
            path = unquote(urlsplit(url).path)
            if not path or path.endswith("/") or not (page.parent / path).is_file():
                broken.append(f"{page.relative_to(offline_copy)}: {url}")
    assert broken == []
    assert 'href="catalogue/page/2.html"' in (offline_copy / "catalogue.html").read_text(encoding="utf-8")
    assert (offline_copy / "catalogue" / "print.html").is_file()


def test_verify_passes_then_names_an_altered_and_a_missing_file(offline_copy: Path, tmp_path: Path) -> None:
    copy = tmp_path / offline_copy.name
    shutil.copytree(offline_copy, copy)
    ok = verify(copy)
    assert ok.returncode == 0 and "校验通过" in ok.stdout
    target = next((copy / "doc").glob("*.html"))
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01  # one byte of one file
    target.write_bytes(bytes(data))
    altered = verify(copy)
    assert altered.returncode == 1
    assert f"文件被修改：doc/{target.name}" in altered.stdout
    (copy / "catalogue.html").unlink()
    (copy / "extra.txt").write_text("x", encoding="utf-8")
    broken = verify(copy)
    assert "缺少文件：catalogue.html" in broken.stdout and "多出文件：extra.txt" in broken.stdout


@pytest.fixture(scope="module")
def offline_page(offline_copy: Path) -> Iterator[tuple[object, list[str]]]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        outside: list[str] = []

        def guard(route) -> None:  # noqa: ANN001
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        yield context.new_page(), outside
        browser.close()


def search(page, folder: Path, query: str) -> list[str]:  # noqa: ANN001
    page.goto((folder / "search.html").as_uri() + "?q=" + query)
    page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)", timeout=10_000)
    return page.locator("#gkml-results .gkml-result-title a").all_inner_texts()


@pytest.mark.browser
def test_browse_and_search_from_file_url_with_no_network(offline_page, offline_copy: Path) -> None:  # noqa: ANN001
    page, outside = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_copy / "index.html").as_uri())
    page.locator(".gkml-home__browse").get_by_role("link", name="政府信息公开年报").click()
    assert page.url.endswith("category/nb.html")
    page.get_by_role("link", name="省安全监管局2010年度政务公开、政府信息公开及政务服务工作总结报告").click()
    assert page.url.endswith("doc/002986620-201012-00015.html")
    assert page.locator("h1").inner_text().startswith("省安全监管局2010年度")

    assert any("部门预算" in t for t in search(page, offline_copy, "预算"))  # a sub-word of 财政预算/部门预算
    assert search(page, offline_copy, "皖应急〔2020〕12号")[0].endswith("举报奖励办法》的通知")
    assert search(page, offline_copy, "002986620/201012-00015") == [
        "省安全监管局2010年度政务公开、政府信息公开及政务服务工作总结报告"]
    page.goto((offline_copy / "search.html").as_uri() + "?q=安全生产&cat=政府信息公开年报")
    page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)", timeout=10_000)
    filtered = page.locator("#gkml-results .gkml-result-title a").all_inner_texts()
    assert filtered and all("年" in t and "报" in t for t in filtered)
    first = page.locator("#gkml-results .gkml-result-title a").first
    first.click()
    assert page.url.startswith("file://") and page.url.endswith(".html")
    assert errors == []
    assert outside == []
