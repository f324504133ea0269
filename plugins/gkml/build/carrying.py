"""One build's carry-over begun (MkDocs glue for `on_files`): whether anything may be carried
over, the build's fingerprint and the last build's manifest, the memos the keys are made
with, every file keyed and the unchanged ones linked from the last site (gkml.build.incremental)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from gkml.build import addresses, incremental, memos
from gkml.build.assembly import Assembly
from gkml.build.carryover import CarryOver
from gkml.build.linker import LinkingAhead
from gkml.catalogue.document import Document
from gkml.config import GkmlConfig
from gkml.content.body import LinkTargets, link_targets_of
from gkml.fingerprint import SharedDigests, Unfingerprintable, digest
from gkml.site.document_page import page_facts
from gkml.site.generated import GeneratedPage
from gkml.site.views import Site

log = logging.getLogger("mkdocs.plugins.gkml")
PACKAGE = Path(__file__).parents[1]  # gkml's code, templates and assets: in the fingerprint


def link_ahead(previous: Path | None, site_dir: Path, manifest: Path, spare: Path | None,
               options: GkmlConfig, *, build: bool) -> LinkingAhead | None:
    """The last site's files linked from the start of the build (gkml.build.linker); serve too:
    the folder set aside is the last site, linked while the documents are checked. `build`:
    `mkdocs build`, whose search index is written into the site: its shards' files too (serve
    writes its index beside the site, and serves the last one meanwhile)."""
    if not options.incremental or options.offline:
        return None
    return LinkingAhead.start(previous, site_dir, manifest, spare, search=build and bool(options.search))


def open_carry_over(config: MkDocsConfig, options: GkmlConfig, root: Path, own: object, site_globals: dict[str, Any],
                    manifest: Path, previous: Path | None) -> CarryOver | None:
    """The last build's manifest, opened by this build's fingerprint; None: everything is built."""
    if not options.incremental or options.offline:  # every page of a copy shows its snapshot: built whole
        return None
    gathering = incremental.gathering_plugins(config.plugins, own)
    if gathering:
        log.info(f"gkml: 插件 {'、'.join(gathering)} 要汇总每个页面，本次构建不沿用上次构建的文件，全部重新生成。")
        return None
    try:
        fp = incremental.fingerprint(config, PACKAGE, options, root / options.profile if options.profile else None)
        fp = digest(fp, "every page", site_globals)  # the menu's guides, the list of copies …
    except Unfingerprintable:
        return None
    return CarryOver.open(manifest, previous, fp)


@dataclass
class KeyMemos:
    """What the keys are made with, kept across builds (gkml.build.memos)."""

    row_keys: memos.RowKeys
    document_keys: memos.DocumentKeys | None
    link_targets: LinkTargets


def key_memos(cache_dir: Path, carry: CarryOver, site: Site, sources: Mapping[str, str],
              meta_digests: Mapping[str, str | None], documents: Sequence[Document],
              row_digests: SharedDigests) -> KeyMemos:
    fp = carry.fingerprint
    return KeyMemos(memos.row_keys(cache_dir, fp, sources, site.row, row_digests),
                    memos.document_keys(cache_dir, fp, site.catalogue, site.taxonomies, meta_digests, documents),
                    link_targets_of(cache_dir, fp, sources))


def carry_over(files: Files, config: MkDocsConfig, options: GkmlConfig, root: Path, *, own: object,
               built: Assembly, manifest: Path, previous: Path | None, documents: Sequence[Document],
               sources: Mapping[str, str], meta_digests: Mapping[str, str | None], contexts: dict[str, dict[str, Any]],
               row_digests: SharedDigests, hidden: Mapping[str, str], opened: Callable[[CarryOver | None], None],
               take_ahead: Callable[[], LinkingAhead | None], documents_keyed: Callable[[], None]) -> KeyMemos | None:
    """The carry-over opened and told to the build (`opened`: the search may start as soon as the
    documents are keyed), its memos read, every file keyed and the unchanged linked, the last site's
    linking taken over (`take_ahead`) only then; None: everything is built."""
    carry = open_carry_over(config, options, root, own, built.globals, manifest, previous)
    opened(carry)
    if carry is None:
        return None
    kept = key_memos(root / options.cache_dir, carry, built.site, sources, meta_digests, documents, row_digests)
    carry_files(files, carry, config, kept, site=built.site, documents=built.documents, generated=built.generated,
                contexts=contexts, row_digests=row_digests, sources=sources, meta_digests=meta_digests,
                hidden=hidden, ahead=take_ahead(), documents_keyed=documents_keyed)
    return kept


def carry_files(files: Files, carry: CarryOver, config: MkDocsConfig, kept: KeyMemos, *, site: Site,
                documents: Mapping[str, Document], generated: Mapping[str, GeneratedPage],
                contexts: dict[str, dict[str, Any]], row_digests: SharedDigests, sources: Mapping[str, str],
                meta_digests: Mapping[str, str | None], hidden: Mapping[str, str], ahead: LinkingAhead | None,
                documents_keyed: Callable[[], None]) -> None:
    """Every file keyed; those unchanged linked from the last site and left out of rendering."""
    host = addresses.site_host(config.site_url)
    removed = incremental.carry_over(files, carry, Path(config.site_dir), carry.fingerprint, documents=documents,
                                     page_facts=lambda doc: page_facts(site, doc),
                                     row_key=kept.row_keys, generated=generated, contexts=contexts,
                                     shared=row_digests,
                                     sources=sources, kept=kept.document_keys,
                                     targets=kept.link_targets,
                                     held=lambda url, page: addresses.held_back_page(url, page, hidden, host),
                                     ahead=ahead.move_in() if ahead else None,
                                     documents_keyed=documents_keyed,
                                     values=memos.catalogue_values(site.catalogue, documents.values(), meta_digests))
    if removed:
        log.info(f"gkml: 沿用上次构建中未变化的 {len(removed)} 个文件")
