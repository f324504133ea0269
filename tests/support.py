"""Helpers for tests that read a built site: build it, parse its HTML, serve it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

# One way to serve a folder on 127.0.0.1 and launch Debian's Chromium, shared with the search benchmark.
from gkml_bench.browser import CHROMIUM, CHROMIUM_ARGS, serve

__all__ = ["BASE", "CHROMIUM", "CHROMIUM_ARGS", "EXTRA", "ROOT", "doc", "links", "listing_index_numbers", "listing_pages",
           "mkdocs_build", "row_index_numbers", "serve"]

ROOT = Path(__file__).resolve().parents[1]


def mkdocs_build(config: Path, *flags: str, site_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of the project whose mkdocs.yml is `config`, as an editor runs it (the one build helper)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    target = ["-d", str(site_dir)] if site_dir else []
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), *target, *flags],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=config.parent,
                          timeout=900)  # a hang guard, not a speed target


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, url, rel)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rel = dict(attrs).get("rel") or ""
        for name, value in attrs:
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("script", "img"))):
                self.links.append((tag, value, rel))


def links(html: str) -> list[tuple[str, str, str]]:
    collector = _Collector()
    collector.feed(html)
    return collector.links


_ROW = re.compile(r'<tr data-gkml-row>.*?class="gkml-table__index">(.*?)</td>', re.S)
_TAG = re.compile(r"<[^>]+>")


def row_index_numbers(html: str) -> list[str]:
    """The 索引号 cell of each row, as text (the cell wraps the number's parts in spans)."""
    return [_TAG.sub("", cell) for cell in _ROW.findall(html)]


def listing_pages(site: Path, base: str) -> list[Path]:
    """Page 1 and every following page of a paginated listing, in order."""
    pages = [site / base / "index.html"]
    number = 2
    while (site / base / "page" / str(number) / "index.html").is_file():
        pages.append(site / base / "page" / str(number) / "index.html")
        number += 1
    return pages


def listing_index_numbers(site: Path, base: str) -> list[str]:
    return [n for page in listing_pages(site, base) for n in row_index_numbers(page.read_text(encoding="utf-8"))]


# Fixed field order, so every line number below is known: title is line 2,
# index_no 3, category 4, publisher 5, created 6, published 7, disclosure 8;
# extra lines start at 9; the closing --- follows them; then the body.
BASE: dict[str, str] = {
    "title": "关于做好2020年安全生产工作的通知",
    "index_no": "002986620/202003-00012",
    "category": "fgwj",
    "publisher": "安徽省应急管理厅",
    "created": "2020-03-02",
    "published": "2020-03-05 09:30",
    "disclosure": "主动公开",
}

EXTRA = 9  # first line after the base fields


def doc(*extra: str, body: str = "正文。\n", drop: tuple[str, ...] = (), **fields: str) -> str:
    """A document: BASE with `fields` replacing values, `drop` removed, `extra` lines appended."""
    values = {**BASE, **fields}
    lines = [f"{key}: {value}" for key, value in values.items() if key not in drop]
    return "---\n" + "\n".join([*lines, *extra]) + "\n---\n" + body
