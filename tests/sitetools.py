"""Helpers for tests that read a built site: build it, parse its HTML, serve it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

# One way to serve a folder on 127.0.0.1 and launch Debian's Chromium, shared with the search benchmark.
from gkml.search_bench import CHROMIUM, CHROMIUM_ARGS, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "links", "listing_index_numbers", "listing_pages",
           "mkdocs_build", "row_index_numbers", "serve"]

ROOT = Path(__file__).resolve().parents[1]


def mkdocs_build(config: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir), *extra],
                          capture_output=True, text=True, env=env, cwd=config.parent)


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


_ROW = re.compile(r'<tr data-gkml-row>.*?class="gkml-table__index">([^<]+)</td>', re.S)


def row_index_numbers(html: str) -> list[str]:
    return _ROW.findall(html)


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
