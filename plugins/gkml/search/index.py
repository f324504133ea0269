"""The search index of a site: each shard's document pages indexed by Pagefind (runs over
record pages, search.shard) or updated from the last build's bundle, then listed in
shards.json (search.pagefind names the files)."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from gkml.search import prefixes
from gkml.search import shard as shard_index
from gkml.search import tally as tally_file
from gkml.search.indexreport import SearchIndexReport, ShardReport
from gkml.search.pagefind import (
    BROWSER_JS,
    LANGUAGE,
    PAGEFIND_DIR,
    classic_browser_js,
    pagefind_executable,
    pagefind_js,
    run_pagefind,
    write_manifest,
)
from gkml.search.pffiles import ENTRY, BundleFormatError
from gkml.search.recordcache import record
from gkml.search.routing import TOKENS_FILE, encode, stream_keys
from gkml.search.tally import Tally

# Files Pagefind writes that the gkml UI never uses; dropped to save space.
_UNUSED_BUNDLE_FILES = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-highlight.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-ui.css",
    "pagefind-ui.js",
    "pagefind-worker.js",
    "pagefind.js",
)


def _dir_size(path: Path) -> int:
    total = 0
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                total += _dir_size(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                total += entry.stat().st_size
    return total


def _records(site_dir: Path, files: Sequence[str], keys: Mapping[str, str], cache: Path | None,
             prepared: dict[str, str], counted: Tally | None = None,
             kept: frozenset[str] = frozenset()) -> tuple[dict[str, str], Tally]:
    """One record page per document (indexed at the same relative path, so the same URL) but
    the `kept` ones (unchanged, in the base, and counted: not read), and the shard's tally (its
    routing keys are made from its words). `counted`: the tally of some pages, gathered ahead."""
    pages: dict[str, str] = {}
    counted = counted or Tally()
    for rel in files:
        if rel in kept:
            continue
        page = pages[rel] = prepared.pop(rel, None) or record(site_dir, rel, cache, keys.get(rel))
        if rel not in counted.pages:
            counted.add(rel, page, keys.get(rel))
    return pages, counted


def build_index(
    site_dir: Path,
    shards: Mapping[str, list[str]],
    *,
    quiet: bool,
    language: str = LANGUAGE,
    on_shard: Callable[[str], None] | None = None,
    reused: Mapping[str, Mapping[str, object]] | None = None,
    pagefind_layout: bool = False,
    bases: Mapping[str, shard_index.Base] | None = None,
    record_keys: Mapping[str, str] | None = None,
    record_cache: Path | None = None,
    out_root: Path | None = None,
    prepared: dict[str, str] | None = None,
    layouts: Path | None = None,
    later: list[Callable[[], None]] | None = None,
    tallies: Mapping[str, tuple[Tally, frozenset[str]]] | None = None,
    measure: bool = True,
) -> SearchIndexReport:
    """Index each shard's document pages (relative to site_dir) into pagefind/<shard>/.

    Pagefind runs one at a time over temporary folders holding the shard's synthetic
    record pages at the documents' own relative paths, so result URLs are the
    documents' (``/doc/x/``) and memory stays bounded by the shard size; the next
    shard's runs are queued before this one's bundle is written (search.shard.Runs).
    ``language`` is forced so every page lands in one index.

    ``reused`` names shards whose bundles are already in place (carried over from the
    last build, see gkml.build.carryover) with their shards.json entries: they are
    listed, not indexed again. ``bases`` names shards to update from the last build's
    bundle (search.shard). ``pagefind_layout`` keeps the bundles as Pagefind wrote them
    (tests compare both layouts' answers). ``record_keys`` (page -> carry-over key)
    and ``record_cache`` let unchanged pages' records be reused (search.recordcache).
    ``out_root``: the bundle goes there instead (a staging folder, see gkml.build.preview),
    and so do the temporary record folders, so removing its parent removes everything.
    ``prepared``: record pages already made (page -> record page; taken out as used).
    ``layouts``: the folder of the bundles' layouts (search.layout): read for the bases, written for the next build
    (``later``: by the functions put there, once the index is finished).
    ``tallies``: by shard, the tally (search.tally) of some pages gathered ahead, and the pages of
    it that are kept from the base unread (their records are not in ``prepared``). Each shard's
    tally is saved beside its layout (``layouts``).
    ``measure``: report the bytes on disk (a build does not need them: 0).
    """
    for name in shards:
        if not re.fullmatch(r"[0-9A-Za-z_][0-9A-Za-z_.-]*", name):
            raise ValueError(f"unsafe shard name: {name!r}")
    site_dir = site_dir.resolve()
    indexing = _Indexing(
        site_dir, shards, site_dir / PAGEFIND_DIR if out_root is None else out_root,
        site_dir.parent if out_root is None else out_root.parent,
        ["--force-language", language, *(["--quiet"] if quiet else [])],
        quiet=quiet, on_shard=on_shard, pagefind_layout=pagefind_layout, bases=bases or {},
        record_keys=record_keys or {}, record_cache=record_cache, prepared=prepared or {}, layouts=layouts,
        later=later, tallies=tallies or {}, measure=measure)
    return indexing.run(dict(reused or {}), language)


class _Indexing:
    """One build_index call: its options, and what it has found so far (the Pagefind version,
    the adapted browser script)."""

    def __init__(self, site_dir: Path, shards: Mapping[str, list[str]], out_root: Path, scratch: Path,
                 options: list[str], *, quiet: bool, on_shard: Callable[[str], None] | None, pagefind_layout: bool,
                 bases: Mapping[str, shard_index.Base], record_keys: Mapping[str, str], record_cache: Path | None,
                 prepared: dict[str, str], layouts: Path | None, later: list[Callable[[], None]] | None,
                 tallies: Mapping[str, tuple[Tally, frozenset[str]]], measure: bool) -> None:
        self.site_dir, self.shards, self.out_root, self.scratch = site_dir, shards, out_root, scratch
        self.exe, self.options = pagefind_executable(), options
        self.quiet, self.on_shard, self.pagefind_layout, self.measure = quiet, on_shard, pagefind_layout, measure
        self.bases, self.record_keys, self.record_cache, self.prepared = bases, record_keys, record_cache, prepared
        self.layouts, self.later, self.tallies = layouts, later, tallies
        self.version = ""
        self.browser_js: str | None = None

    def run_pagefind(self, site: Path, output: Path) -> tuple[int, int, str]:
        return run_pagefind(self.exe, site, output, *self.options)

    def size(self, folder: Path) -> int:
        return _dir_size(folder) if self.measure else 0

    def run(self, reused: dict[str, Mapping[str, object]], language: str) -> SearchIndexReport:
        started = time.monotonic()
        out_root = self.out_root
        if out_root.exists():
            for path in out_root.iterdir():
                if path.name not in reused and not (path.name == BROWSER_JS and reused):
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
        out_root.mkdir(parents=True, exist_ok=True)
        done: dict[str, tuple[ShardReport, dict[str, object]]] = {}  # by shard: its report and shards.json entry
        for name in (name for name in self.shards if name in reused):
            done[name] = self._reused(name, dict(reused[name]))
        # the largest first: the last one's bundle is written with nothing left to overlap it
        indexed = sorted((name for name in self.shards if name not in reused), key=lambda name: -len(self.shards[name]))
        ahead: dict[str, _Begun] = {}  # shards whose Pagefind runs are asked for: this one and the next
        with shard_index.Runs(self.run_pagefind) as runs:
            try:
                for at, name in enumerate(indexed):
                    while self.later:  # the last shard's layout only waits for the end (each holds its shard's words)
                        self.later.pop(0)()
                    for upcoming in indexed[at:at + 2]:
                        if upcoming not in ahead:
                            ahead[upcoming] = self._begin(upcoming, runs)
                    begun = ahead.pop(name)
                    done[name] = self._published(name, begun, self._finish(name, begun, runs))
            finally:
                for begun in ahead.values():
                    if begun.started is not None:
                        begun.started.discard()
        reports = [done[name][0] for name in self.shards]
        manifest = [done[name][1] for name in self.shards]
        browser_js = self.browser_js
        if browser_js is None and not (out_root / BROWSER_JS).is_file() and manifest:
            browser_js = classic_browser_js(pagefind_js(self.exe, self.scratch))  # every shard was updated without Pagefind
        if browser_js is not None:
            (out_root / BROWSER_JS).unlink(missing_ok=True)  # may be a link into the last build: never write through it
            (out_root / BROWSER_JS).write_text(browser_js, "utf-8")
        write_manifest(out_root, {"version": 1, "pagefind": self.version, "language": language, "shards": manifest})
        return SearchIndexReport(
            shards=tuple(reports),
            seconds=round(time.monotonic() - started, 3),
            bytes_on_disk=self.size(out_root),
            pagefind_version=self.version,
            language=language,
            by_shard={r.name: r.pages for r in reports},
        )

    def _reused(self, name: str, entry: dict[str, object]) -> tuple[ShardReport, dict[str, object]]:
        """A shard carried over: listed as its last build listed it."""
        self.version = str(entry.pop("pagefind", self.version))
        report = ShardReport(name=name, files=len(self.shards[name]), pages=int(entry["pages"]),  # type: ignore[call-overload]
                             seconds=0.0, peak_rss_kb=0, bytes_on_disk=self.size(self.out_root / name))
        if self.on_shard:
            self.on_shard(name)
        return report, entry

    def _begin(self, name: str, runs: shard_index.Runs) -> _Begun:
        """The shard's records made (or taken) and its Pagefind runs asked for."""
        t0 = time.monotonic()
        counted, kept = self.tallies.get(name, (None, frozenset()))
        base = self.bases.get(name)
        if base is None:
            kept = frozenset()
        records, tally = _records(self.site_dir, self.shards[name], self.record_keys, self.record_cache,
                                  self.prepared, counted, kept)
        begun = _Begun(records, tally, base, t0)
        if self.pagefind_layout:
            return begun  # indexed as one, when finished
        out_dir, scratch, layouts = self.out_root / name, self.scratch, self.layouts
        try:
            begun.started = shard_index.start(records, out_dir, scratch, runs, base=base, layouts=layouts,
                                              kept={rel: tally.pages[rel][1] for rel in kept})
        except BundleFormatError:
            if base is None:
                raise
            begun.base = None  # a base that cannot be read costs time only
            shutil.rmtree(out_dir, ignore_errors=True)
            self._read_kept(name, records)
            begun.started = shard_index.start(records, out_dir, scratch, runs, layouts=layouts)
        if begun.base is None:
            begun.records = {}  # on disk for Pagefind now; only an update may need them again
        return begun

    def _finish(self, name: str, begun: _Begun, runs: shard_index.Runs) -> shard_index.Indexed:
        """The shard's bundle written, once its runs have ended."""
        out_dir, scratch, layouts, later = self.out_root / name, self.scratch, self.layouts, self.later
        if begun.started is None:
            return shard_index.index(begun.records, out_dir, scratch, self.run_pagefind, rewrite=False)
        try:
            return begun.started.finish(layouts=layouts, later=later)
        except BundleFormatError:
            if begun.base is None:
                raise
            shutil.rmtree(out_dir, ignore_errors=True)
            self._read_kept(name, begun.records)
            return shard_index.start(begun.records, out_dir, scratch, runs, layouts=layouts).finish(
                layouts=layouts, later=later)

    def _read_kept(self, name: str, records: dict[str, str]) -> None:
        """The records of the shard's pages counted but not read (indexed whole after all)."""
        for rel in self.shards[name]:
            if rel not in records:
                records[rel] = record(self.site_dir, rel, self.record_cache, self.record_keys.get(rel))

    def _published(self, name: str, begun: _Begun, result: shard_index.Indexed) -> tuple[ShardReport, dict[str, object]]:
        """The shard's folder completed (routing keys, prefixes; Pagefind's unused files gone),
        its tally kept for the next build, its report and shards.json entry."""
        out_dir = self.out_root / name
        if not self.quiet:
            print(result.log, end="")
        if self.browser_js is None and result.browser_js is not None:
            self.browser_js = classic_browser_js(result.browser_js)
        self.version = self.version or json.loads((out_dir / ENTRY).read_text("utf-8"))["version"]
        for unused in _UNUSED_BUNDLE_FILES:
            (out_dir / unused).unlink(missing_ok=True)
        (out_dir / TOKENS_FILE).write_bytes(encode(stream_keys(begun.tally.word_set())))
        if self.layouts is not None:
            save_tally = partial(tally_file.save, tally_file.path(self.layouts, result.meta), begun.tally)
            self.later.append(save_tally) if self.later is not None else save_tally()
        prefixes.write(out_dir)  # one-character queries across chunk boundaries
        if self.on_shard:
            self.on_shard(name)
        report = ShardReport(name=name, files=len(self.shards[name]), pages=result.pages,
                             seconds=round(time.monotonic() - begun.t0, 3), peak_rss_kb=result.peak_rss_kb,
                             bytes_on_disk=self.size(out_dir), indexed=result.indexed)
        return report, {"name": name, "path": f"{name}/", "pages": result.pages,
                        "years": sorted(begun.tally.year_set(), reverse=True),
                        # names the shard's index as published: an open search page sees a newer one (gkml-search.js)
                        "meta": result.meta}


@dataclass
class _Begun:
    """A shard of build_index being indexed: its records, its tally (years, words), and its Pagefind runs."""
    records: dict[str, str]
    tally: Tally
    base: shard_index.Base | None
    t0: float
    started: shard_index.Started | None = None
