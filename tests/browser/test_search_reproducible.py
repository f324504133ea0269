"""gkml's layout of the search bundle (search/bundle.py: pages numbered by date, small index
chunks, every file named by its content) answers every query of the search benchmark
exactly as the bundle Pagefind wrote, in real headless Chromium, and holds the same data."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from gkml.search import bundle, pffiles
from gkml.search.index import build_index
from gkml.search.text import CHAR, SEPARATOR, TITLE_CHAR
from gkml_bench.search_bench import SYNTH_QUERIES
from gkml_bench.search_quality import SAMPLE_QUERIES
from support import CHROMIUM, CHROMIUM_ARGS, serve

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

QUERIES = tuple(dict.fromkeys(SAMPLE_QUERIES + SYNTH_QUERIES))
# with a filter and sorted by date, so filter files and sort lists are read too (every query
# reads the filter files for its counts; these read them to select, on a third of the list)
VARIANTS = {"": QUERIES, "&cat=" + quote("政府信息公开年报"): QUERIES[::3], "&sort=date": QUERIES[::3]}


def _indexed(sample_site: Path, target: Path, *, pagefind_layout: bool) -> Path:
    shutil.copytree(sample_site, target)
    pages = sorted(p.relative_to(target).as_posix() for p in (target / "doc").rglob("index.html"))
    build_index(target, {"all": pages[: len(pages) // 2], "rest": pages[len(pages) // 2:]}, quiet=True,
                pagefind_layout=pagefind_layout)
    return target


@pytest.fixture(scope="module")
def answers(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    work = tmp_path_factory.mktemp("reproducible")
    sites = {"pagefind": _indexed(sample_site, work / "pagefind", pagefind_layout=True),
             "gkml": _indexed(sample_site, work / "gkml", pagefind_layout=False)}
    with ExitStack() as stack:
        bases = {name: stack.enter_context(serve(site)) for name, site in sites.items()}
        p = stack.enter_context(playwright.sync_playwright())
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        def ask(name: str, query: str, variant: str) -> tuple[list[str], str]:
            base = bases[name]
            page.goto(f"{base}search/?q={quote(query)}{variant}")
            page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)", timeout=15_000)
            page.wait_for_load_state("networkidle")  # the filter panel fills in after the results
            hrefs = page.locator("#gkml-results .gkml-result-title a").evaluate_all("a => a.map(x => x.href)")
            return [h.removeprefix(base) for h in hrefs], page.locator("#gkml-filters").inner_text()

        yield ask
        browser.close()
        assert errors == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_both_bundles_answer_every_benchmark_query_alike(answers: Any, variant: str) -> None:
    found = 0
    for query in VARIANTS[variant]:
        ours = answers("gkml", query, variant)
        theirs = answers("pagefind", query, variant)
        assert ours == theirs, (query, variant)
        found += bool(ours[0])
    assert found > (len(QUERIES) // 2 if not variant else 0)  # the queries do find documents


def _fragment(packed: bytes | None) -> dict[str, Any]:
    """A page's fragment less the character words Pagefind's own bundle has in its text (gkml
    posts them, search.charwords): the stream's words before them, and Pagefind's count of its words."""
    assert packed is not None
    fragment = json.loads(gzip.decompress(packed)[len(pffiles.SIGNATURE):])
    words = fragment.pop("content").split(" ")
    fragment.pop("word_count")
    words = [w for w in words if w[:1] not in (CHAR, TITLE_CHAR)]
    while words and words[-1] == SEPARATOR:  # the one the character words had after them
        words.pop()
    return {**fragment, "content": words}


def _content(folder: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A bundle's pages and postings, by URL: what does not depend on layout."""
    read = bundle.read(folder, verify=True)
    pages = {page.url: (_fragment(page.packed), page.word_count, page.filters) for page in read.pages}
    postings = {word: {read.pages[n].url: (locs, sorted(runs)) for n, locs, runs in found}
                for word, found in read.postings.items()}
    return pages, postings


def test_both_bundles_hold_the_same_pages_and_postings(sample_site: Path, tmp_path: Path) -> None:
    ours_site = _indexed(sample_site, tmp_path / "ours", pagefind_layout=False)
    theirs_site = _indexed(sample_site, tmp_path / "theirs", pagefind_layout=True)
    for shard in ("all", "rest"):
        ours, theirs = ours_site / "pagefind" / shard, theirs_site / "pagefind" / shard
        assert _content(ours) == _content(theirs)
        # smaller chunks than Pagefind's; pages numbered in date order, so no date sort list
        assert len(list((ours / "index").iterdir())) > len(list((theirs / "index").iterdir()))
        assert bundle.read(ours).sort_lists == [] and bundle.read(theirs).sort_lists[0][0] == "published"
        index = bundle.read(ours).entry["languages"]["zxx"]["hash"]
        assert [p.name for p in (ours / "fragment").iterdir()] == [index]  # numbered, in a folder named by the index
        assert sorted(p.name for p in (ours / "fragment" / index).iterdir())[:2] == ["0.pf_fragment", "1.pf_fragment"]
