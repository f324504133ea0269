"""The written site checked before it is published: every published document has exactly one
page, one catalogue row and one search record."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from gkml.site import routes as paths
from gkml.site.listing_rows import count_rows
from gkml.site.routes import Routes
from gkml.site.views import Site


def catalogue_rows(site_dir: Path, routes: Routes, pages: int) -> int:
    """The rows of the catalogue's `pages` written listing pages."""
    return sum(count_rows((site_dir / routes.dest_uri(paths.catalogue_path(number))).read_text(encoding="utf-8"))
               for number in range(1, pages + 1))


def verify_outputs(site_dir: Path, site: Site, page_size: int,
                   search_records: Callable[[], int | None]) -> None:
    """Every published document: exactly one page, one catalogue row, one search record.
    `search_records` waits for the index (the pages are checked meanwhile)."""
    expected = len(site.catalogue.published)
    root = str(site_dir)  # strings: 100,000 pathlib paths cost a second
    missing = [doc.index_no for doc in site.catalogue.published
               if not os.path.isfile(os.path.join(root, site.routes.dest_uri(paths.document_path(doc))))]
    pages = max(1, -(-expected // page_size))
    rows = catalogue_rows(site_dir, site.routes, pages)
    problems = []
    if missing:
        problems.append(f"{len(missing)} 个文件没有生成页面：{', '.join(missing[:10])}")
    if rows != expected:
        problems.append(f"公开目录有 {rows} 行，应为 {expected} 行")
    records = search_records()
    if records is not None and records != expected:
        problems.append(f"检索索引有 {records} 条记录，应为 {expected} 条")
    if problems:
        raise PluginError("完整性校验失败：" + "；".join(problems))

