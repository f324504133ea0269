"""A one-character query finds every document holding the character, however many index
chunks its tokens fill (issue 14).

A one-character query is a prefix search over the bigram tokens; Pagefind loads only the
chunk whose word range holds the typed character, so where the tokens of a common
character run over several chunks (about 20,000 locations each), documents whose tokens
sit in a later chunk were missed: at 10,000 documents `应` found 8,508 of 9,582. Here 30
documents each hold 煤 before a character of their own 800 times, 24,000 locations of
煤-tokens: more than one chunk.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from gkml.search.prefixes import PREFIXES_FILE
from support import (
    build_site_and_copy,
    doc,
    serve,
    small_site_yml,
)

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

MKDOCS_YML = small_site_yml("前缀测试公开目录", 'build_time: "2026-01-01T08:00"')
DOCUMENTS = 30
CHAR = "煤"  # in no title or attribute: only the bodies hold it


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site and its offline copy's pages."""
    documents = {f"fgwj/d{n:02d}.md": doc(body=(CHAR + chr(0x5C71 + n) + "。") * 800 + "\n",  # 煤山。煤屾。…
                                           index_no=f"002986620/202003-{n + 100:05d}") for n in range(DOCUMENTS)}
    return build_site_and_copy(tmp_path_factory.mktemp("prefix"), MKDOCS_YML, documents)


def _total(browser: Any, url: str, query: str) -> int:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{url}?q={quote(query)}")
        page.wait_for_selector("#gkml-results :is(.gkml-summary, .gkml-empty-result)", timeout=30_000)
        summary = page.inner_text("#gkml-results")
        found = re.search(r"共找到\s*(\d+)\s*条结果", summary)
        assert found, summary[:200]
        return int(found.group(1))
    finally:
        page.close()
        assert errors == []


def test_the_character_tokens_fill_more_than_one_chunk(built: tuple[Path, Path]) -> None:
    """Else the test below proves nothing: the site must have a prefix across a chunk boundary."""
    (shard,) = [p for p in (built[0] / "pagefind").iterdir() if p.is_dir()]
    assert CHAR in json.loads((shard / PREFIXES_FILE).read_text("utf-8"))


def test_one_character_finds_every_document_online_and_offline(browser: Any, built: tuple[Path, Path]) -> None:
    with serve(built[0]) as root:
        assert _total(browser, f"{root}search/", CHAR) == DOCUMENTS
        assert _total(browser, f"{root}search/", CHAR + chr(0x5C71 + DOCUMENTS - 1)) == 1  # two characters: as before
    assert _total(browser, (built[1] / "search.html").as_uri(), CHAR) == DOCUMENTS
