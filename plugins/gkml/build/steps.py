"""Build steps around MkDocs' own: placing catalogue files, and checking the output."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from gkml.catalogue.catalogue import Catalogue
from gkml.catalogue.document import Document
from gkml.site import routes as paths
from gkml.site.routes import Routes
from gkml.site.views import Site

ROW_MARKER = "<tr data-gkml-row>"  # with "<": escaped text (a title saying data-gkml-row) cannot form it


def place_catalogue_files(files: Files, config: MkDocsConfig, catalogue: Catalogue, catalogue_dir: str,
                          routes: Routes, documents: dict[str, Document], *, outside: set[str]) -> Files:
    """Published documents go to their index-number address and their attachments beside
    them; everything else under the catalogue folder (held-back documents and their
    files, stray files) is dropped from the build, so it cannot reach any output. Outside
    it, only the files in `outside` (named pages, their images and downloads) stay."""
    prefix = catalogue_dir.strip("/") + "/"
    docs_dir = os.path.normpath(config.docs_dir)
    live = {doc.src_path: doc for doc in catalogue.published}
    destinations: dict[str, list[str]] = defaultdict(list)
    for doc in catalogue.published:
        for attachment in doc.attachments:
            destinations[attachment.file].append(paths.attachment_path(doc, attachment.name))
    for file in list(files):
        if not file.src_uri.startswith(prefix):
            if file.src_dir and os.path.normpath(file.src_dir) == docs_dir and file.src_uri not in outside:
                files.remove(file)  # OS litter (Thumbs.db …) and anything the gate did not admit
            continue
        doc = live.get(file.src_uri)
        if doc is not None:
            file.dest_uri = routes.dest_uri(paths.document_path(doc))
            file.inclusion = InclusionLevel.NOT_IN_NAV
            documents[file.src_uri] = doc
            continue
        targets = destinations.get(file.src_uri)
        if not targets:
            files.remove(file)
            continue
        file.dest_uri = targets[0]
        for extra in targets[1:]:  # one source file attached to several documents
            files.append(File.generated(config, extra, abs_src_path=str(file.abs_src_path)))
    return files


def count_rows(site_dir: Path, routes: Routes, pages: int) -> int:
    total = 0
    for number in range(1, pages + 1):
        html = (site_dir / routes.dest_uri(paths.catalogue_path(number))).read_text(encoding="utf-8")
        total += html.count(ROW_MARKER)
    return total


def verify_outputs(site_dir: Path, site: Site, page_size: int,
                   search_records: Callable[[], int | None]) -> None:
    """Every published document: exactly one page, one catalogue row, one search record.
    `search_records` waits for the index (the pages are checked meanwhile)."""
    expected = len(site.catalogue.published)
    root = str(site_dir)  # strings: 100,000 pathlib paths cost a second
    missing = [doc.index_no for doc in site.catalogue.published
               if not os.path.isfile(os.path.join(root, site.routes.dest_uri(paths.document_path(doc))))]
    pages = max(1, -(-expected // page_size))
    rows = count_rows(site_dir, site.routes, pages)
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

