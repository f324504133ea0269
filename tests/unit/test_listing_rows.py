"""site.listing_rows: a row's text kept across builds (memo-rows.json) is the text the row
renders to now, with each listing page's own link; content never becomes the link."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gkml.fingerprint import SharedDigests
from gkml.memo import Memo
from gkml.profile.model import load_profile
from gkml.site import listing_rows
from gkml.site.listing_rows import RowTexts, listing_rows_function
from gkml.site.tokens import date_parts, nobr_parts
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape

TEMPLATES = Path(__file__).resolve().parents[2] / "plugins" / "gkml" / "site" / "templates"
PAGE = "{{ listing_rows(rows) }}"


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(("html",)))

    @pass_context
    def url(context: Any, value: str) -> str:  # MkDocs' filter: relative to the page rendered
        return context["depth"] + value

    env.filters["url"] = url
    env.filters["nobr_parts"] = nobr_parts
    env.filters["date_parts"] = date_parts
    env.globals["gkml_site"] = {"labels": {key: spec.label for key, spec in load_profile().fields.items()}}  # as the build's
    return env


def _row(n: int, title: str | None = None) -> dict[str, Any]:
    return {"title": title or f"关于第{n}号文件的通知", "url": f"doc/{n}/", "index_no": f"002986620/2024-{n:05d}",
            "summary": f"概述{n} & <说明>", "created": "2024年1月1日", "created_iso": "2024-01-01", "validity": "有效",
            "publisher": "测试厅", "doc_no": f"测〔2024〕{n}号" if n % 2 else "", "interpretation": n % 3 == 0}


def _pages(texts: RowTexts | None, rows: list[dict[str, Any]]) -> list[str]:
    env = _env()
    env.globals["listing_rows"] = listing_rows_function(env, texts or RowTexts(env))
    page = env.from_string(PAGE)
    return [page.render(rows=rows, depth=depth) for depth in ("", "../", "../../")]


def test_rows_kept_across_builds_are_the_rows_rendered_now(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing_rows, "MEMO_AFTER", 0)
    hostile = _row(99, f"标题{listing_rows.LINK}<script>alert(1)</script>")  # the stand-in, as content
    rows = [_row(n) for n in range(30)] + [hostile]
    fresh = _pages(None, rows)
    assert listing_rows.LINK not in "".join(fresh) and "<script>" not in "".join(fresh)
    assert 'href="../../doc/5/"' in fresh[2] and "&lt;gkml-row-link&gt;" in fresh[0]

    def build(rows: list[dict[str, Any]]) -> tuple[list[str], RowTexts]:
        env, shared = _env(), SharedDigests()
        texts = RowTexts(env, lambda: Memo(tmp_path / "memo-rows.json", "fp"), lambda row: shared.of(row)["~shared"])
        return _pages(texts, rows), texts

    first, texts = build(rows)
    texts.save(rows)
    assert first == fresh and texts.rendered == len(rows)
    changed = [*rows[:10], _row(10, "改过的标题"), *rows[11:]]
    second, texts = build(changed)
    assert second == _pages(None, changed)
    assert texts.rendered == 1  # only the changed row was rendered; the others came from the memo


@pytest.mark.parametrize("directory_urls", [True, False])
def test_each_rows_link_is_what_mkdocs_makes_it_on_that_page(directory_urls: bool) -> None:
    """The link is MkDocs' own url filter's, though it is asked only once a page."""
    from mkdocs.utils.templates import url_filter

    env = _env()
    env.filters["url"] = url_filter
    env.globals["listing_rows"] = listing_rows_function(env, RowTexts(env))
    page = env.from_string(PAGE)
    end = "/" if directory_urls else ".html"
    targets = [f"doc/{n}{end}" for n in range(3)] + [f"category/c{end}", "doc/../up/", "doc/./x/", "https://e.cn/x",
                                                      f"docs/1{end}", f"doc/1/sub{end}"]
    pages = ["", "catalogue/", "catalogue/page/2/", "category/c/page/3/", "doc/", "doc/1/", "doc/2/", "category/"]
    if not directory_urls:
        pages = ["index.html", "catalogue.html", "catalogue/page/2.html", "category/c/page/3.html", "doc/1.html",
                 "doc/2.html", "category/c.html"]
    for at in pages:
        rows = [{**_row(n), "url": target} for n, target in enumerate(targets)]
        context = {"page": type("Page", (), {"url": at})(), "base_url": ""}
        hrefs = [part.split('"')[0] for part in page.render(rows=rows, **context).split('href="')[1:]]
        made = [url_filter(context, target) for target in targets]
        assert [href for href in hrefs if not href.startswith("#")][:len(made)] == made, at
