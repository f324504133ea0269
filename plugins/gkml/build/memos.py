"""The build's memos (gkml.memo): what is expensive per document, kept across builds."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from gkml.build.carryover import CarryOver
from gkml.catalogue.catalogue import Catalogue, replacements
from gkml.catalogue.document import Document
from gkml.catalogue.taxonomy import Taxonomy
from gkml.content.body import LinkTargets
from gkml.fingerprint import (
    SharedDigests,
    Unfingerprintable,
    digest,
    file_sha256,
    installed,
    versions,
)
from gkml.memo import Memo
from gkml.outputs import feeds, opendata
from gkml.site import routes, sanitize, summary
from gkml.site.listing_rows import RowTexts
from gkml.site.views import Site


def summaries(cache_dir: Path, extensions: Sequence[Any], configs: Mapping[str, Any]) -> Memo | None:
    """内容概述 by body: made by the summary and sanitiser code with the site's Markdown extensions
    (their code by the installed distributions' versions)."""
    try:
        namespace = digest(versions(), installed(), [file_sha256(Path(m.__file__)) for m in (summary, sanitize) if m.__file__],
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
        self.found: dict[str, str] = {}  # this build's, by index number (a row's, as Site.row keeps it)

    def __call__(self, doc: Document) -> str:
        found = self.found.get(doc.index_no)
        if found is None:
            source = self.sources.get(doc.src_path)
            found = self.memo.get(source) if self.memo is not None and source else None
            if found is None:
                found = self.shared.of(self.row(doc))["~shared"]  # the rows' memo knows a row by it too
                if self.memo is not None and source:
                    self.memo.put(source, found)
            self.found[doc.index_no] = found
        return found

    def of_row(self, row: dict[str, Any]) -> str:
        """A row's digest: the one its document's listings were keyed by, else made from it."""
        return self.found.get(row["index_no"]) or self.shared.of(row)["~shared"]

    def save(self) -> None:
        if self.memo is not None:
            self.memo.save(lazily=True)


def row_keys(cache_dir: Path, fingerprint: str, sources: Mapping[str, str], row: Callable[[Document], Any],
             shared: SharedDigests) -> RowKeys:
    return RowKeys(Memo(cache_dir / "memo-row-keys.json", fingerprint), sources, row, shared)


class DocumentKeys:
    """The keys of the documents' pages, kept across builds. A page's key is made from the settings
    (the fingerprint), its document's bytes, its address, the addresses its body's links resolve to,
    the term pages that exist, and the values of the documents it shows beside its own: its
    neighbours and relations (gkml.site.document_page.page_facts). An entry is named by the first
    four (the term pages are the memo's namespace) and holds the key with a digest of those
    documents' values, as they were: it is used only while they are the same, so an addition, a
    withdrawal or a changed title makes again only the keys of the pages that show it."""

    def __init__(self, memo: Memo, catalogue: Catalogue, meta_digests: Mapping[str, str | None]) -> None:
        self.memo, self.catalogue, self.meta_digests = memo, catalogue, meta_digests

    @property
    def used(self) -> Mapping[str, str]:
        return self.memo.used

    def get(self, name: str, doc: Document) -> str | None:
        found = self.memo.get(name)
        if found is None:
            return None
        key, _, shown = found.partition("\n")
        return key if shown == self._shown(doc) else None

    def put(self, name: str, doc: Document, key: str) -> None:
        self.memo.put(name, f"{key}\n{self._shown(doc)}")

    def save(self) -> None:
        self.memo.save(lazily=True)

    def _shown(self, doc: Document) -> str:
        """A digest of the values of every document page_facts reads for `doc`, in its order."""
        catalogue = self.catalogue
        newer, older = catalogue.neighbours.get(doc.index_no, (None, None))
        policy = catalogue.by_index.get(doc.interprets) if doc.interprets else None
        parts = [self._values(newer), self._values(older),
                 self._values(catalogue.by_index.get(doc.superseded_by)) if doc.superseded_by else "",
                 *map(self._values, replacements(catalogue, doc)), "/",  # the chain: the version in force
                 self._values(policy) if doc.interprets else "",
                 *map(self._values, replacements(catalogue, policy) if policy else ()), "/",
                 *map(self._values, catalogue.replaces.get(doc.index_no, ())), "/",
                 *map(self._values, catalogue.interpretations.get(doc.index_no, ()))]
        return hashlib.sha256(" ".join(parts).encode("ascii")).hexdigest()[:32]

    def _values(self, doc: Document | None) -> str:
        return "-" if doc is None else str(self.meta_digests[doc.src_path])


def catalogue_values(catalogue: Catalogue, documents: Iterable[Document],
                     meta_digests: Mapping[str, str | None]) -> Callable[[], str | None]:
    """A digest of every document's front-matter values (the withdrawn too: relations still name
    them) and of the published ones in order (made
    once, when first asked for); None when a document's values have no digest."""
    made: list[str | None] = []

    def values() -> str | None:
        if not made:
            every = {doc.src_path for doc in [*documents, *catalogue.withdrawn]}  # withdrawn: no page of its own
            found = sorted((path, meta_digests.get(path)) for path in every)
            made.append(None if any(value is None for _path, value in found) else
                        digest(found, [doc.src_path for doc in catalogue.published]))
        return made[0]

    return values


def document_keys(cache_dir: Path, fingerprint: str, catalogue: Catalogue, taxonomies: Sequence[Taxonomy],
                  meta_digests: Mapping[str, str | None], documents: Sequence[Document]) -> DocumentKeys | None:
    """The document keys' memo (DocumentKeys), or None when a document's values have no digest."""
    if any(meta_digests.get(doc.src_path) is None for doc in documents):
        return None
    terms = sorted((taxonomy.spec.field, term.key, routes.term_path(taxonomy, term))
                   for taxonomy in taxonomies for term in taxonomy.terms)
    try:
        namespace = digest(fingerprint, "document keys", terms)
    except Unfingerprintable:
        return None
    return DocumentKeys(Memo(cache_dir / "memo-document-keys.json", namespace), catalogue, meta_digests)


def write_open_data(site_dir: Path, site: Site, carry: CarryOver | None, cache_dir: Path,
                    sources: Mapping[str, str]) -> None:
    """Open data is made from every published document and the withdrawals' notices: carried over
    when no document's part of it changed, else joined from each document's JSON record and CSV row. A document is made
    from its bytes (`sources`: docs-relative path -> sha256) and the settings in the fingerprint,
    so its part is kept by them; the feeds, which show 内容概述, are kept apart."""
    published = site.catalogue.published
    if carry is None or any(doc.src_path not in sources for doc in (*published, *site.catalogue.withdrawn)):
        opendata.write_catalogue_files(site_dir, site)
        feeds.write_feeds(site_dir, site)
        return
    _write_catalogue_files(site_dir, site, carry, cache_dir, sources)
    feeds_key = digest(carry.fingerprint, "feeds", [[sources[doc.src_path] for doc in entries]
                                                    for entries in feeds.feed_entries(site)])
    if not carry.reuse_group("feeds", feeds_key, site_dir):
        carry.record_group("feeds", feeds_key, site_dir, feeds.write_feeds(site_dir, site))


def _write_catalogue_files(site_dir: Path, site: Site, carry: CarryOver, cache_dir: Path,
                           sources: Mapping[str, str]) -> None:
    """catalogue.json, .csv and the schema, keyed by the digest of each document's record and
    row (kept by its bytes): a change to a body alone leaves them as they were."""
    parts = Memo(cache_dir / "memo-opendata-keys.json", carry.fingerprint)  # source -> digest of the texts
    made: dict[str, tuple[str, str]] = {}

    def part(doc: Document) -> str:
        source = sources[doc.src_path]
        found = parts.get(source)
        if found is None:
            texts = opendata.record_json(site, doc), opendata.csv_row(site, doc)
            found = digest("opendata", *texts)
            parts.put(source, found)
            made[found] = texts
        return found

    published = site.catalogue.published
    keys = {doc.index_no: part(doc) for doc in published}
    parts.save(lazily=True)
    key = digest(carry.fingerprint, "opendata", [keys[doc.index_no] for doc in published],  # withdrawals: their notices
                 [sources[doc.src_path] for doc in site.catalogue.withdrawn])
    if carry.reuse_group("opendata", key, site_dir):
        return
    texts = Memo(cache_dir / "memo-opendata.json", carry.fingerprint)  # digest -> the texts

    def kept(kind: str) -> Callable[[Document], str]:
        def text(doc: Document) -> str:
            found = keys[doc.index_no]
            name = f"{kind}:{found}"
            value = texts.get(name)
            if value is None:
                pair = made.get(found)
                if pair is None:  # kept by the memo of parts, not by the texts' (saved lazily)
                    pair = made[found] = opendata.record_json(site, doc), opendata.csv_row(site, doc)
                value = pair[0] if kind == "json" else pair[1]
                texts.put(name, value)
            return value
        return text

    written = opendata.write_catalogue_files(site_dir, site, kept("json"), kept("csv"))
    carry.record_group("opendata", key, site_dir, written)
    texts.save(lazily=True)


def save_memos(summaries: Memo | None, row_texts: RowTexts | None, site: Site, row_keys: RowKeys | None,
               document_keys: DocumentKeys | None, link_targets: LinkTargets | None) -> None:
    """Every memo this build used, saved for the next once its site is written."""
    if summaries:
        # where a document page's key was kept, its summary was not asked for: kept too
        summaries.save(prune=document_keys is None or not document_keys.used)
    if row_texts:
        row_texts.save(site.row_cache.values())
    if row_keys is not None:
        row_keys.save()
    if document_keys is not None:
        document_keys.save()
    if link_targets is not None:  # asked only where a document key was not kept (as the summaries)
        link_targets.save(prune=document_keys is None or not document_keys.used)
