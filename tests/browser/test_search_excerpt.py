"""Result excerpts show the document's own characters and mark exactly the matched ones (issue 14).

The index holds normalised text (full width folded, lower case, no whitespace, （）as 〔〕);
a reader typing half-width, lower-case text must still see the body as written, with
<mark> around the original characters that matched: online, from file://, and, for a
bundle written before excerpts carried the original (a portal's older agency), the
normalised excerpt as before.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from gkml.search.excerpts import META_KEY
from support import (
    build_site_and_copy,
    doc,
    serve,
    small_site_yml,
)

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

MKDOCS_YML = small_site_yml("摘录测试公开目录", 'build_time: "2026-01-01T08:00"', site_url="https://example.gov.cn/gkml/")
DOC = doc(body="第一条　为规范管理，制定本办法（一）适用范围：Open  Data Portal 的建设。\n\n"
               "第二条　比较 a &lt; b &amp;&amp; c &gt; d，ＡＢＣ１２３，见㈡项。\n")
TITLED = doc(title="Ｓｍａｒｔ Ｃｉｔｙ与（二）号《智慧》通告", index_no="002986620/202003-00013", body="正文。\n")
BODY = ("第一条 为规范管理，制定本办法（一）适用范围：Open Data Portal 的建设。"
        " 第二条 比较 a &lt; b &amp;&amp; c &gt; d，ＡＢＣ１２３，见㈡项。")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site and its offline copy's pages."""
    return build_site_and_copy(tmp_path_factory.mktemp("excerpt"), MKDOCS_YML, {"fgwj/rules.md": DOC, "fgwj/titled.md": TITLED})


def _excerpt(browser: Any, url: str, query: str, route: Any = None) -> str:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if route:
        page.route("**/*.pf_fragment", route)
    try:
        page.goto(f"{url}?q={quote(query)}")
        page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result)", timeout=30_000)
        found = page.locator("#gkml-results .gkml-result-excerpt")
        assert found.count() == 1, page.inner_text("#gkml-results")
        assert page.locator("#gkml-results .gkml-result-excerpt script, #gkml-results .gkml-result-excerpt b").count() == 0
        return found.inner_html()
    finally:
        page.close()
        assert errors == []


def _shown(start: str, *marked: str) -> str:
    """BODY from `start` on ("…" before it unless it is the beginning), each of `marked` in <mark>."""
    text = BODY[BODY.index(start):]
    for part in marked:
        assert text.count(part) == 1
        text = text.replace(part, f"<mark>{part}</mark>")
    return text if text.startswith("第一条") else "\u2026" + text


# The excerpt starts 20 (normalised) characters before the first match, at one of the document's.
CASES = (
    # typed half-width: （一） is 〔一〕 in the index, shown as written
    ("(一)适用范围", _shown("第一条", "（一）适用范围")),
    # lower case across the space: the mark holds the space between the words
    ("dataportal", _shown("管理", "Data Portal")),
    # two terms, each marked; full-width letters and digits typed half-width
    ("open abc123", _shown("条 为", "Open", "ＡＢＣ１２３")),
    # full-width punctuation typed half-width
    ("管理,制定", _shown("第一条", "管理，制定")),
    # text that looks like markup stays text, spaces inside the mark
    ("a<b&&c>d", _shown("n Data", "a &lt; b &amp;&amp; c &gt; d")),
    # ㈡ is 〔二〕 in the index: a match of part of it marks all of it
    ("二)项", _shown("条 比较", "㈡项")),
)


def test_online_excerpt_shows_the_original_characters_and_marks_the_match(browser: Any, built: tuple[Path, Path]) -> None:
    with serve(built[0]) as root:
        for query, expected in CASES:
            assert _excerpt(browser, f"{root}search/", query) == expected, query


def test_offline_excerpt_is_the_same(browser: Any, built: tuple[Path, Path]) -> None:
    url = (built[1] / "search.html").as_uri()
    for query, expected in CASES[:2]:
        assert _excerpt(browser, url, query) == expected, query


def _without_original(route: Any) -> None:
    """Serve the fragment as a bundle of an older gkml has it: no original text."""
    response = route.fetch()
    data = gzip.decompress(response.body())
    signature, _, text = data.partition(b"{")
    fragment = json.loads(b"{" + text)
    assert fragment["meta"].pop(META_KEY)
    body = gzip.compress(signature + json.dumps(fragment, ensure_ascii=False).encode("utf-8"))
    route.fulfill(response=response, body=body)


def test_a_bundle_without_the_original_shows_the_normalised_excerpt(browser: Any, built: tuple[Path, Path]) -> None:
    with serve(built[0]) as root:
        shown = _excerpt(browser, f"{root}search/", "(一)适用范围", route=_without_original)
    assert shown == ("第一条为规范管理,制定本办法<mark>〔一〕适用范围</mark>:opendataportal的建设。"
                     "第二条比较a&lt;b&amp;&amp;c&gt;d,abc123,见〔二〕项。")


def test_a_title_hit_is_marked_in_the_title_as_written(browser: Any, built: tuple[Path, Path]) -> None:
    """The excerpt is the body's: a match in the title is marked there, on the characters typed
    in another width, with the space inside it."""
    with serve(built[0]) as root:
        page = browser.new_page()
        page.goto(f"{root}search/?q={quote('smartcity (二)号')}")
        page.wait_for_selector("#gkml-results .gkml-result")
        titles = page.locator("#gkml-results .gkml-result-title a")
        assert titles.count() == 1
        assert titles.inner_html() == "<mark>Ｓｍａｒｔ Ｃｉｔｙ</mark>与<mark>（二）号</mark>《智慧》通告"
        assert titles.inner_text() == "Ｓｍａｒｔ Ｃｉｔｙ与（二）号《智慧》通告"
        page.close()
