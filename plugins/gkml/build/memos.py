"""The build's memos (gkml.memo): what is expensive per document, kept across builds."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from gkml.build.carryover import CarryOver
from gkml.catalogue.document import Document
from gkml.fingerprint import (
    SharedDigests,
    Unfingerprintable,
    digest,
    file_sha256,
    versions,
)
from gkml.memo import Memo
from gkml.outputs import opendata
from gkml.site import sanitize, summary
from gkml.site.routes import document_path
from gkml.site.views import Site


def summaries(cache_dir: Path, extensions: Sequence[Any], configs: Mapping[str, Any]) -> Memo | None:
    """内容概述 by body: made by the summary and sanitiser code with the site's Markdown extensions."""
    try:
        namespace = digest(versions(), [file_sha256(Path(m.__file__)) for m in (summary, sanitize) if m.__file__],
                           list(extensions), dict(configs), summary.LIMIT)
    except (Unfingerprintable, OSError):
        return None
    return Memo(cache_dir / "memo-summaries.json", namespace)


class RowKeys:
    """The digest of each document's listing row, which its listings' page keys hold, kept
    across builds by the document's bytes (`sources`: docs-relative path -> sha256): a
    document is made from them and the settings in the fingerprint (the memo's namespace),
    so an unchanged document's row is not made again to be digested."""

    def __init__(self, memo: Memo | None, sources: Mapping[str, str], row: Callable[[Document], Any],
                 shared: SharedDigests) -> None:
        self.memo, self.sources, self.row, self.shared = memo, sources, row, shared
        self.found: dict[str, str] = {}  # this build's, by source path

    def __call__(self, doc: Document) -> str:
        found = self.found.get(doc.src_path)
        if found is None:
            source = self.sources.get(doc.src_path)
            found = self.memo.get(source) if self.memo is not None and source else None
            if found is None:
                found = self.shared.of(self.row(doc))["~shared"]  # the rows' memo knows a row by it too
                if self.memo is not None and source:
                    self.memo.put(source, found)
            self.found[doc.src_path] = found
        return found

    def save(self) -> None:
        if self.memo is not None:
            self.memo.save()


def row_keys(cache_dir: Path, fingerprint: str, sources: Mapping[str, str], row: Callable[[Document], Any],
             shared: SharedDigests) -> RowKeys:
    return RowKeys(Memo(cache_dir / "memo-row-keys.json", fingerprint), sources, row, shared)


def write_open_data(site_dir: Path, site: Site, carry: CarryOver | None, cache_dir: Path) -> None:
    """Open data is made from every published document: carried over when no page key changed,
    else joined from each document's JSON record and CSV row, kept by its page's key."""
    catalogue = site.catalogue
    page_keys = {doc.index_no: carry.keys.get(site.routes.dest_uri(document_path(doc))) if carry else None
                 for doc in chain(catalogue.published, catalogue.withdrawn)}
    if carry is None or None in page_keys.values():
        opendata.write_open_data(site_dir, site)
        return
    key = digest(carry.fingerprint, "opendata", [page_keys[d.index_no] for d in catalogue.published],
                 [page_keys[d.index_no] for d in catalogue.withdrawn])
    if carry.reuse_group("opendata", key, site_dir):
        return
    texts = Memo(cache_dir / "memo-opendata.json", carry.fingerprint)

    def kept(kind: str, make: Callable[[Site, Document], str]) -> Callable[[Document], str]:
        def text(doc: Document) -> str:
            name = f"{kind}:{page_keys[doc.index_no]}"
            found = texts.get(name)
            if found is None:
                found = make(site, doc)
                texts.put(name, found)
            return found
        return text

    written = opendata.write_open_data(site_dir, site, kept("json", opendata.record_json), kept("csv", opendata.csv_row))
    carry.record_group("opendata", key, site_dir, written)
    texts.save()
