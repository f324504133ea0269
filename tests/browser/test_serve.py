"""`mkdocs serve` as editors preview (#15): live reload under the CSP, problems shown in the browser;
(#18) a save reloads the page before the search index is redone, and search catches up."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from support import BASE, EXTRA, NO_SEARCH_YML, doc, mkdocs_build

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

TITLE = BASE["title"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "content/catalogue/fgwj").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(NO_SEARCH_YML, encoding="utf-8")
    (tmp_path / "content/catalogue/fgwj/a.md").write_text(doc(), encoding="utf-8")
    return tmp_path


@pytest.fixture()
def served(project: Path) -> Iterator[str]:
    with serving(project) as base:
        yield base


@contextmanager
def serving(project: Path, log: Path | None = None) -> Iterator[str]:
    """`mkdocs serve` of the project on 127.0.0.1, as an editor starts it."""
    port = free_port()
    output = log.open("wb") if log else subprocess.DEVNULL
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120  # a hang guard, not a speed target
        while True:
            try:
                urllib.request.urlopen(base, timeout=5).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        if log:
            output.close()  # type: ignore[union-attr]


def test_live_reload_error_page_and_recovery(browser, project: Path, served: str) -> None:
    page = browser.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(served)
    page.get_by_role("link", name=TITLE).first.click()
    assert page.locator("h1").inner_text() == TITLE
    assert "Enabled live reload" in console, console
    assert not [text for text in console if "Content Security Policy" in text], console

    # an edit reloads the open page by itself
    document = project / "content/catalogue/fgwj/a.md"
    document.write_text(doc(title="关于做好2020年安全生产工作的补充通知"), encoding="utf-8")
    page.locator("h1", has_text="补充通知").wait_for(timeout=60_000)

    # a mistake replaces the page with the problems, in Chinese, located
    document.write_text(doc("validity: no", title="关于做好2020年安全生产工作的补充通知"), encoding="utf-8")
    page.locator("#gkml-serve-error").wait_for(timeout=60_000)
    assert page.locator("h1").inner_text() == "预览暂停：公开目录中有问题"
    assert "content/catalogue/fgwj/a.md:9:11: 有效性(validity): “no”被 YAML 解析成了布尔值" in page.locator("ol").inner_text()

    # fixed: the site is back at the same address without the editor pressing F5
    document.write_text(doc("validity: 有效", title="关于做好2020年安全生产工作的补充通知"), encoding="utf-8")
    page.locator("h1", has_text="补充通知").wait_for(timeout=60_000)
    assert page.locator("#gkml-serve-error").count() == 0


def test_a_built_site_never_allows_inline_scripts(project: Path, tmp_path: Path) -> None:
    result = mkdocs_build(project / "mkdocs.yml", site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = list((tmp_path / "site").rglob("*.html"))
    assert pages
    for html in pages:
        text = html.read_text(encoding="utf-8")
        policy = text.split('http-equiv="Content-Security-Policy" content="', 1)[-1].split('"', 1)[0]
        script_src = next((part for part in policy.split(";") if part.strip().startswith("script-src")), "")
        assert "'unsafe-inline'" not in script_src, html


def test_an_option_mistake_while_previewing_shows_in_the_browser(browser, project: Path, served: str) -> None:
    page = browser.new_page()
    page.goto(served)
    page.get_by_role("link", name=TITLE).first.wait_for()
    config = project / "mkdocs.yml"
    config.write_text(NO_SEARCH_YML.replace("search: false}", "search: false, page_size: 很多}"), encoding="utf-8")
    page.locator("#gkml-serve-error").wait_for(timeout=60_000)
    problems = page.locator("ol").inner_text()
    assert "mkdocs.yml:5:" in problems and "page_size" in problems, problems
    config.write_text(NO_SEARCH_YML, encoding="utf-8")  # fixed: the preview comes back by itself
    page.get_by_role("link", name=TITLE).first.wait_for(timeout=60_000)
    assert page.locator("#gkml-serve-error").count() == 0


def test_a_yaml_mistake_in_mkdocs_yml_while_previewing_shows_in_the_browser(browser, project: Path, served: str) -> None:
    """MkDocs could not read mkdocs.yml, so no plugin ran: the server held every request (the
    browser hung) and the terminal said so in English. Now every address shows it, located."""
    page = browser.new_page()
    page.goto(served + ADDRESS)
    assert page.locator("h1").inner_text() == TITLE
    config = project / "mkdocs.yml"
    config.write_text(NO_SEARCH_YML.replace("language: zh}", "language: zh"), encoding="utf-8")  # a brace left open
    page.locator("#gkml-serve-error").wait_for(timeout=60_000)
    assert "mkdocs.yml:4:8: YAML 格式有误，无法读取" in page.locator("ol").inner_text()
    home = browser.new_page()
    home.goto(served)  # another address: the same problems, not the site before the mistake
    assert "mkdocs.yml:4:8: YAML 格式有误，无法读取" in home.locator("ol").inner_text()
    config.write_text(NO_SEARCH_YML.replace("\n  - gkml", "\n\t- gkml"), encoding="utf-8")  # still wrong: a tab
    page.get_by_text("出现了制表符（Tab），请改用空格").wait_for(timeout=60_000)
    assert "mkdocs.yml:5:1: YAML 格式有误" in page.locator("ol").inner_text()
    config.write_text(NO_SEARCH_YML, encoding="utf-8")  # fixed: the page it showed comes back by itself
    page.locator("h1", has_text=TITLE).wait_for(timeout=60_000)
    assert page.url == served + ADDRESS and page.locator("#gkml-serve-error").count() == 0


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_link_in_the_docs_folder_while_previewing_shows_in_the_browser(browser, project: Path, served: str) -> None:
    """A link to a folder above loops. The check refused it, but by stopping the rebuild: the server
    held every request until removed. Emacs' lock beside a file being edited (.#a.md, a link to
    nothing) is an editor's litter: it no longer pauses the preview."""
    page = browser.new_page()
    page.goto(served + ADDRESS)
    folder = project / "content/catalogue/fgwj"
    (folder / ".#a.md").symlink_to("editor@pc.4242:1700000000")
    (folder / "环").symlink_to("..", target_is_directory=True)
    (folder / "a.md").write_text(doc(title="关于做好2020年安全生产工作的链接通知"), encoding="utf-8")
    page.locator("#gkml-serve-error").wait_for(timeout=60_000)
    problems = page.locator("ol").inner_text()
    assert ".#a.md" not in problems, problems
    assert "content/catalogue/fgwj/环:1:1: 文件: 这是一个符号链接（指向 ..）" in problems, problems
    (folder / ".#a.md").unlink()
    (folder / "环").unlink()
    (folder / "a.md").write_text(doc(title="关于做好2020年安全生产工作的链接通知"), encoding="utf-8")  # saved: the lock goes
    page.locator("h1", has_text="链接通知").wait_for(timeout=60_000)
    assert page.locator("#gkml-serve-error").count() == 0


def test_a_badge_that_would_run_a_script_while_previewing_shows_in_the_browser(browser, project: Path,
                                                                               served: str) -> None:
    """The badge's problem was raised even under serve: the rebuild stopped, every request held."""
    page = browser.new_page()
    page.goto(served + ADDRESS)
    (project / "badge.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                       encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(NO_SEARCH_YML.replace("search: false}", "search: false, identification: {badge: badge.svg}}"),
                      encoding="utf-8")
    page.locator("#gkml-serve-error").wait_for(timeout=60_000)
    problems = page.locator("ol").inner_text()
    assert "identification.badge：网站标识图片" in problems and "badge.svg 含有 <script> 元素" in problems, problems
    config.write_text(NO_SEARCH_YML, encoding="utf-8")
    page.locator("h1", has_text=TITLE).wait_for(timeout=60_000)
    assert page.locator("#gkml-serve-error").count() == 0


def test_the_todos_an_import_left_open_show_on_their_page_in_the_preview_only(project: Path, tmp_path: Path) -> None:
    """The terminal told each open TODO; the page the editor previews said nothing of them."""
    document = project / "content/catalogue/fgwj/a.md"
    document.write_text(doc("# TODO(待补充): 文号", "# doc_no: 皖应急[2020]15号"), encoding="utf-8")
    said = (f"content/catalogue/fgwj/a.md:{EXTRA}:1: 文号(doc_no): 导入时留下的待补充项（# TODO(待补充)）还没有处理："
            "文号（doc_no）还没有填写，发布后页面上将没有文号。下一行注释是建议值（皖应急[2020]15号），"
            "核对（必要时改正）后删去其行首的“# ”；如果本文件确实没有文号，删去这两行注释即可。")
    with serving(project) as base:
        html = urllib.request.urlopen(base + ADDRESS, timeout=30).read().decode("utf-8")
        box = html.split('<aside class="admonition warning" id="gkml-serve-todos" role="note">', 1)[1].split("</aside>")[0]
        assert "本文件还有 1 处待处理的提示" in box and f"<li><code>{said}</code></li>" in box, box
        assert html.index("gkml-serve-todos") < html.index('<article class="gkml-doc"')
    result = mkdocs_build(project / "mkdocs.yml", site_dir=tmp_path / "site")
    assert result.returncode == 0 and said in result.stderr, result.stderr
    assert "gkml-serve-todos" not in (tmp_path / "site" / ADDRESS / "index.html").read_text(encoding="utf-8")


ADDRESS = "doc/002986620-202003-00012/"


def found_by_search(page: Any, base: str, query: str, address: str = ADDRESS) -> bool:
    """Whether the preview's search page lists the document for `query` (never an error)."""
    page.goto(f"{base}search/?q={quote(query)}")
    page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result, .gkml-error)", timeout=30_000)
    assert page.locator("#gkml-results .gkml-error").count() == 0, page.inner_text("#gkml-results")
    hrefs = page.eval_on_selector_all("#gkml-results .gkml-result a", "links => links.map(a => a.href)")
    return any(href.endswith(address) for href in hrefs)


def wait_until_found(page: Any, base: str, query: str) -> None:
    deadline = time.monotonic() + 120  # a hang guard, not a speed target
    while not found_by_search(page, base, query):
        assert time.monotonic() < deadline, f"search never found {query}"
        time.sleep(0.2)


def test_a_save_reloads_the_page_and_search_catches_up(browser, project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(NO_SEARCH_YML.replace("search: false", "search: true"), encoding="utf-8")
    (project / "content/catalogue/fgwj/b.md").write_text(
        doc(title="关于防汛抗旱工作的通知", index_no="002986620/202104-00001", created="2021-04-01",
            published="2021-04-02 09:00"), encoding="utf-8")
    document = project / "content/catalogue/fgwj/a.md"
    log = tmp_path / "serve.log"
    with serving(project, log) as base:
        base = urllib.request.urlopen(base, timeout=30).geturl()
        reader, searcher = browser.new_page(), browser.new_page()
        searcher.route("**/livereload/**", lambda route: route.abort())  # it is reloaded by the test only
        reader.goto(base + ADDRESS)
        assert reader.locator("h1").inner_text() == TITLE
        assert found_by_search(searcher, base, "安全生产工作") and not found_by_search(searcher, base, "鹭洲")

        # one save: the open page shows it, and then search finds the new title
        document.write_text(doc(title="关于做好2020年鹭洲安全生产工作的通知"), encoding="utf-8")
        reader.locator("h1", has_text="鹭洲").wait_for(timeout=60_000)
        wait_until_found(searcher, base, "鹭洲")

        # two saves in a row: the first one's index, stopped or finished, never outlives the second
        document.write_text(doc(title="关于做好2020年雁栖安全生产工作的通知"), encoding="utf-8")
        reader.locator("h1", has_text="雁栖").wait_for(timeout=60_000)
        document.write_text(doc(title="关于做好2020年白沙安全生产工作的通知"), encoding="utf-8")
        reader.locator("h1", has_text="白沙").wait_for(timeout=60_000)
        wait_until_found(searcher, base, "白沙")
        assert not found_by_search(searcher, base, "雁栖") and not found_by_search(searcher, base, "鹭洲")
        assert found_by_search(searcher, base, "防汛抗旱", "doc/002986620-202104-00001/")  # the other document
    text = log.read_text("utf-8")
    assert "检索索引没有更新" not in text and "Traceback" not in text, text


def test_a_preview_started_with_a_problem_and_a_docs_folder_renamed_while_serving_keep_following_saves(
        browser, project: Path) -> None:
    """Started with a problem, the preview watched the empty folder gkml had MkDocs walk: the fix was
    never seen. The docs folder renamed was not noticed, and renamed back the preview never rebuilt
    again (MkDocs' watch of it had ended)."""
    document = project / "content/catalogue/fgwj/a.md"
    document.write_text(doc("validity: no", title="关于做好2020年安全生产工作的改名通知"), encoding="utf-8")
    with serving(project) as base:
        page = browser.new_page()
        page.goto(base + ADDRESS)
        page.locator("#gkml-serve-error").wait_for(timeout=60_000)
        document.write_text(doc(title="关于做好2020年安全生产工作的改名通知"), encoding="utf-8")
        page.locator("h1", has_text="改名通知").wait_for(timeout=60_000)

        (project / "content").rename(project / "内容 备份")
        page.get_by_text("docs_dir：内容目录“content”不见了（被改名、移动或删除了？）").wait_for(timeout=60_000)
        assert "mkdocs.yml:2:1:" in page.locator("ol").inner_text()
        (project / "内容 备份").rename(project / "content")
        page.locator("h1", has_text="改名通知").wait_for(timeout=60_000)
        document.write_text(doc(title="关于做好2020年安全生产工作的复原通知"), encoding="utf-8")
        page.locator("h1", has_text="复原通知").wait_for(timeout=60_000)


def test_the_page_a_document_left_says_where_it_went(browser, project: Path, served: str) -> None:
    """Its 索引号 changed while previewed, a document's page reloaded to a bare 页面不存在."""
    (project / "content/catalogue/fgwj/b.md").write_text(
        doc(title="关于防汛抗旱工作的迁址旁证通知", index_no="002986620/202104-00031", created="2021-04-01",
            published="2021-04-02 09:00"), encoding="utf-8")
    page = browser.new_page()
    page.goto(served + ADDRESS)
    document = project / "content/catalogue/fgwj/a.md"
    document.write_text(doc(title="关于做好2020年安全生产工作的迁址通知", index_no="002986620/202003-00099"),
                        encoding="utf-8")
    page.locator("#gkml-serve-moved").wait_for(timeout=60_000)
    assert "《关于做好2020年安全生产工作的通知》" in page.inner_text("main")
    assert "文件 catalogue/fgwj/a.md 的索引号改了，它的页面换了地址" in page.inner_text("main")
    page.get_by_role("link", name="打开它现在的页面").click()
    assert page.url == served + "doc/002986620-202003-00099/"
    assert page.locator("h1").inner_text() == "关于做好2020年安全生产工作的迁址通知"
    document.unlink()
    page.get_by_text("文件 catalogue/fgwj/a.md 已被删除或改名，网站上没有它的页面了。").wait_for(timeout=60_000)
    assert "《关于做好2020年安全生产工作的迁址通知》" in page.inner_text("main")
    page.goto(served + ADDRESS)  # the first address tells the same
    assert "已被删除或改名" in page.inner_text("main")


def test_the_only_document_deleted_is_told_beside_the_empty_catalogue(browser, project: Path) -> None:
    """Its only document deleted, the catalogue is empty and refused: the preview showed only that
    problem, never which file was gone (the page it left is written only by a rebuild that goes on).
    A document deleted before, its page told so then, is not told again."""
    earlier = project / "content/catalogue/fgwj/b.md"
    earlier.write_text(doc(title="关于早先删除旁证的通知", index_no="002986620/202003-00041"), encoding="utf-8")
    with serving(project) as served:
        page = browser.new_page()
        page.goto(served + "doc/002986620-202003-00041/")
        page.locator("h1", has_text="早先删除旁证").wait_for(timeout=60_000)
        earlier.unlink()
        page.locator("#gkml-serve-moved").wait_for(timeout=60_000)
        page.goto(served + ADDRESS)
        (project / "content/catalogue/fgwj/a.md").unlink()
        page.locator("#gkml-serve-deleted").wait_for(timeout=60_000)
        assert "中没有任何文件，网站将是空的" in page.inner_text("ol")
        assert page.inner_text("ul") == f"《{TITLE}》：文件 catalogue/fgwj/a.md 已被删除或改名。"
        (project / "content/catalogue/fgwj/a.md").write_text(doc(), encoding="utf-8")  # restored from the recycle bin
        page.locator("h1", has_text=TITLE).wait_for(timeout=60_000)
