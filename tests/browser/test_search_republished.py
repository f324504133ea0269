"""A search page left open while the site is published again finds what is there now.

Publishing renames the index files (Pagefind names them by content), so a page that loaded
the old index's metadata would ask for files that are gone and answer 没有找到相关文件 for a
document that is on the site (a preview re-indexing under `mkdocs serve`, a deploy).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from support import build_site, doc, serve, small_site_yml

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

MKDOCS_YML = small_site_yml("重新发布测试公开目录", 'build_time: "2026-01-01T08:00"')
NEW_WORD = "防汛抗旱"
CHECK_INTERVAL_MS = 10_000  # gkml-search.js: FRESH_CHECK_MS


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site before and after one more document is published."""
    first = {f"fgwj/d{n}.md": doc(body=f"第{n}号通知正文，关于安全生产。\n", index_no=f"002986620/202003-{n + 100:05d}")
             for n in range(12)}
    second = {**first, "fgwj/new.md": doc(body=f"{NEW_WORD}工作通知。\n", index_no="002986620/202003-00200")}
    return (build_site(tmp_path_factory.mktemp("before"), MKDOCS_YML, first),
            build_site(tmp_path_factory.mktemp("after"), MKDOCS_YML, second))


def test_an_open_search_page_finds_what_was_published_after_it_loaded(browser: Any, sites: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    served = tmp_path / "www"
    shutil.copytree(sites[0], served)
    with serve(served) as root:
        page = browser.new_page()
        page.goto(f"{root}search/")
        page.wait_for_load_state("networkidle")  # the idle page has loaded the index's metadata
        shutil.rmtree(served / "pagefind")  # published again: the new index, under new names
        shutil.copytree(sites[1] / "pagefind", served / "pagefind")
        page.wait_for_timeout(CHECK_INTERVAL_MS + 500)
        page.evaluate("() => { window.samePage = true; }")
        box = page.locator("#gkml-q")
        box.fill(NEW_WORD)
        box.press("Enter")
        page.wait_for_selector("#gkml-results :is(.gkml-summary, .gkml-error, .gkml-empty-result)", timeout=30_000)
        page.wait_for_function("() => !document.querySelector('#gkml-results[aria-busy]')", timeout=30_000)
        assert page.evaluate("() => window.samePage === true")  # the page that loaded the old index
        text = page.inner_text("#gkml-results")
        assert "共找到 1 条结果" in text, text[:200]
        page.close()


def _searched(page: Any, word: str) -> str:
    """The results once `word` is typed and Enter pressed, and the search is over."""
    box = page.locator("#gkml-q")
    box.fill(word)
    box.press("Enter")
    page.wait_for_selector("#gkml-results :is(.gkml-summary, .gkml-error, .gkml-empty-result)", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('#gkml-results[aria-busy]')", timeout=30_000)
    return page.inner_text("#gkml-results")


def test_an_index_published_within_the_same_second_is_noticed(browser: Any, sites: tuple[Path, Path],
                                                               tmp_path: Path) -> None:
    """The new shards.json has the old one's time (a quick rebuild, rsync -a): the server
    answers a revalidation with 304, so the periodic check must not revalidate."""
    served = tmp_path / "www"
    shutil.copytree(sites[0], served)
    manifest = served / "pagefind" / "shards.json"
    with serve(served) as root:
        page = browser.new_page()
        page.goto(f"{root}search/")
        page.wait_for_load_state("networkidle")
        loaded = manifest.stat()
        shutil.rmtree(served / "pagefind")
        shutil.copytree(sites[1] / "pagefind", served / "pagefind")
        os.utime(manifest, ns=(loaded.st_atime_ns, loaded.st_mtime_ns))
        page.wait_for_timeout(CHECK_INTERVAL_MS + 500)
        text = _searched(page, NEW_WORD)
        assert "共找到 1 条结果" in text, text[:200]
        page.close()


@pytest.mark.parametrize("over_the_old", [False, True], ids=["replaced", "copied-over-the-old"])
def test_a_search_right_after_publishing_finds_the_new_document(browser: Any, sites: tuple[Path, Path],
                                                                tmp_path: Path, over_the_old: bool) -> None:
    """Before the periodic check is due. Replaced: Pagefind skips the old index files it
    cannot load, no error. Copied over the old (rsync without --delete, a copy over SMB):
    the old index still answers, with nothing."""
    served = tmp_path / "www"
    shutil.copytree(sites[0], served)
    with serve(served) as root:
        page = browser.new_page()
        page.goto(f"{root}search/")
        page.wait_for_load_state("networkidle")
        if not over_the_old:
            shutil.rmtree(served / "pagefind")
        shutil.copytree(sites[1] / "pagefind", served / "pagefind", dirs_exist_ok=True)
        text = _searched(page, NEW_WORD)
        assert "共找到 1 条结果" in text, text[:200]
        page.close()


def test_an_index_replaced_while_a_search_loads_it_is_searched_again(browser: Any, sites: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    """shards.json read, then the index replaced before its metadata is fetched: not an error."""
    served = tmp_path / "www"
    shutil.copytree(sites[0], served)
    swapped: list[bool] = []

    def publish_then_continue(route: Any) -> None:
        if not swapped:
            swapped.append(True)
            # as a deploy does it: the new index beside the old, then renamed into place
            # (the page's other requests meanwhile never see a half-copied folder)
            shutil.copytree(sites[1] / "pagefind", served / "pagefind.new")
            (served / "pagefind").rename(served / "pagefind.old")
            (served / "pagefind.new").rename(served / "pagefind")
        route.continue_()

    with serve(served) as root:
        page = browser.new_page()
        page.route("**/*.pf_meta", publish_then_continue)
        page.goto(f"{root}search/?q={NEW_WORD}")
        page.wait_for_selector("#gkml-results :is(.gkml-summary, .gkml-error, .gkml-empty-result)", timeout=30_000)
        page.wait_for_function("() => !document.querySelector('#gkml-results[aria-busy]')", timeout=30_000)
        assert swapped
        text = page.inner_text("#gkml-results")
        assert "共找到 1 条结果" in text, text[:200]
        page.close()


@pytest.fixture(scope="module")
def renumbered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site before and after an older document is published: pages are numbered by date
    (search/bundle.py), so every page's fragment changes number."""
    first = {f"fgwj/d{n}.md": doc(body=f"第{n}号通知正文。\n", index_no=f"002986620/202003-{n + 100:05d}")
             for n in range(6)}
    second = {**first, "fgwj/old.md": doc(body="更早的通知。\n", index_no="002986620/202002-00001",
                                         created="2020-02-01", published="2020-02-03 09:30")}
    return (build_site(tmp_path_factory.mktemp("numbered"), MKDOCS_YML, first),
            build_site(tmp_path_factory.mktemp("renumbered"), MKDOCS_YML, second))


def _published_a_day_ago(folder: Path) -> None:
    """Files a day old: the browser may then reuse a fetched one without asking (heuristic freshness)."""
    when = time.time() - 86_400
    for path in folder.rglob("*"):
        os.utime(path, (when, when))


def test_a_cached_fragment_of_an_earlier_index_is_never_shown(browser: Any, renumbered: tuple[Path, Path],
                                                             tmp_path: Path) -> None:
    served = tmp_path / "www"
    shutil.copytree(renumbered[0], served)
    _published_a_day_ago(served)

    def result_links(page: Any, query: str) -> list[str]:
        page.goto(f"{root}search/?q={query}")
        page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)", timeout=30_000)
        return page.locator("#gkml-results .gkml-result-title a").evaluate_all("a => a.map(x => x.href)")

    with serve(served) as root:
        page = browser.new_page()
        assert [link.removeprefix(root) for link in result_links(page, "第4号")] == ["doc/002986620-202003-00104/"]
        shutil.rmtree(served / "pagefind")
        shutil.copytree(renumbered[1] / "pagefind", served / "pagefind")  # 第3号 is now where 第4号 was
        _published_a_day_ago(served)
        fetched: list[str] = []
        page.on("requestfinished", lambda request: fetched.append(request.url))
        links = [link.removeprefix(root) for link in result_links(page, "第3号")]
        assert links == ["doc/002986620-202003-00103/"], "\n".join(fetched)
        assert any(re.search(r"/fragment/zxx_[0-9a-f]+/\d+\.pf_fragment$", url) for url in fetched), fetched
        page.close()
