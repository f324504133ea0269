"""One search shard's bundle: Pagefind indexes the pages, search.bundle writes the files.

A clean shard: Pagefind indexes every record page, and its bundle is rewritten in gkml's
layout. An update (a build after an edit): the last build's bundle of the shard is the
base; the pages whose records are unchanged are kept from it, Pagefind indexes only the
others (one page after an edit, none after a withdrawal), and the two are written as
one. Either way the files are the same bytes (tests/build proves it), because what
Pagefind writes about a page is the page's own (search.bundle). The shards of a build
share one queue of Pagefind runs (`Runs`): `start` asks for a shard's, `finish` writes it.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Self

from gkml.search import bundle, bundle_join, bundle_write, charwords, pffiles, sortorder
from gkml.search.records import char_words_in_stream, char_words_of

_SORT = re.compile(r'data-pagefind-sort="([^"]*)"')
WASM_GLOB = "wasm.*.pagefind"
# Pages per Pagefind run: its memory grows with the pages it holds (a 4,000-page shard of
# record pages at once: 1.4 GB peak). The runs' bundles are combined, as an update's are.
# A run overlaps this process combining the last ones and writing the last shard: at 10,000
# documents, runs of 500 pages (180 MB) took the build's peak to 1,037 MB, runs of 250
# (99 MB, in half the time: Pagefind's time is its pages') to 950 MB.
PAGEFIND_BATCH = 250


@dataclass(frozen=True)
class Base:
    """The last build's bundle of this shard and the pages of it that are unchanged."""
    folder: Path
    unchanged: frozenset[str]  # page paths (doc/x/index.html) whose records are the same
    decoded: bundle.Bundle | None = None  # the folder's bundle, once read

    def read(self, layouts: Path | None = None) -> Base:
        """This base with its bundle read and checked (BundleFormatError: not what its names say);
        `layouts`: search.layout's folder (with the bundle's layout, its words are not decoded)."""
        if self.decoded is not None:
            return self
        return replace(self, decoded=bundle.read(self.folder, verify=True, layouts=layouts))


@dataclass(frozen=True)
class Indexed:
    pages: int  # pages in the bundle
    indexed: int  # pages Pagefind indexed for it (all of them, or the changed ones)
    meta: str  # the metadata's name: names the whole index
    peak_rss_kb: int
    log: str
    browser_js: str | None  # Pagefind's pagefind.js when Pagefind ran
    spliced: bool = False  # the base's words were spliced (search.splice), not decoded


def url(rel: str) -> str:
    """The URL Pagefind gives the page at `rel` (pagefind/src/fossick: index.html dropped)."""
    return "/" + (rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel)


def sort_values(record: str) -> dict[str, str]:
    """A record page's sort values (records.page_html: data-pagefind-sort="name:value")."""
    found = _SORT.search(record)
    if not found:
        return {}
    name, _, value = html.unescape(found.group(1)).partition(":")
    return {name: value}


Run = Callable[[Path, Path], tuple[int, int, str]]
_Ran = tuple[Path, int, int, str]  # Pagefind's output folder, exit status, peak RSS in KB, log


class Runs:
    """The Pagefind runs of one index, one at a time, in the order they are asked for.

    Shared by the shards of a build, so the next shard's pages are indexed while this
    process combines and writes the last shard's bundle (at 10,000 documents, a cold
    build's three shards spent 12 s writing with Pagefind idle)."""

    def __init__(self, run: Run) -> None:
        self._run = run
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gkml-pagefind")

    def submit(self, site: Path, output: Path) -> Future[_Ran]:
        """Pagefind over the pages written in `site`. Only the run is in the thread: writing
        files there, it would wait for the busy main thread at each one (the GIL)."""
        def pagefind() -> _Ran:
            status, peak, said = self._run(site, output)
            return output, status, peak, said

        return self._pool.submit(pagefind)

    def close(self) -> None:
        """Runs not started are dropped; the one running is waited for."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class Started:
    """A shard whose Pagefind runs are asked for: `finish` writes its bundle."""
    out_dir: Path
    whole: bundle.Bundle | None  # the base's unchanged pages, or None
    sorts: dict[str, dict[str, str]]
    fresh: int  # pages Pagefind indexes
    jobs: list[Future[_Ran]]
    tmp: tempfile.TemporaryDirectory[str]
    char_words: dict[str, str]  # URL -> the character words of a page Pagefind indexes (search.charwords)

    def finish(self, *, chunk_bytes: int = bundle.CHUNK_BYTES, layouts: Path | None = None,
               later: list[Callable[[], None]] | None = None) -> Indexed:
        try:
            return self._finish(chunk_bytes, layouts, later)
        finally:
            self.discard()

    def discard(self) -> None:
        """Its runs not started are dropped, its temporary files removed."""
        for job in self.jobs:
            job.cancel()
        wait(self.jobs)  # a run may still write into tmp
        self.tmp.cleanup()

    def _finish(self, chunk_bytes: int, layouts: Path | None, later: list[Callable[[], None]] | None) -> Indexed:
        rss, log, browser_js = 0, "", None
        fresh = bundle_join.Joined(self.sorts)
        for job in self.jobs:
            output, status, peak, said = job.result()
            rss, log = max(rss, peak), log + said
            if status != 0:
                raise RuntimeError(f"pagefind failed (exit {status}):\n{log}")
            fresh.read(output)
            for wasm in output.glob(WASM_GLOB):
                (self.out_dir / wasm.name).unlink(missing_ok=True)
                shutil.move(wasm, self.out_dir / wasm.name)
            js = output / "pagefind.js"
            browser_js = js.read_text("utf-8") if js.is_file() else browser_js
        if fresh.bundle is not None:
            charwords.add(fresh.bundle, self.char_words)
        whole = self.whole if fresh.bundle is None else \
            fresh.bundle if self.whole is None else bundle_join.combined(self.whole, fresh.bundle)
        assert whole is not None
        written = bundle_write.write(whole, self.out_dir, chunk_bytes=chunk_bytes, layouts=layouts, later=later)
        return Indexed(pages=len(whole.live()), indexed=self.fresh, meta=written.meta, peak_rss_kb=rss, log=log,
                       browser_js=browser_js, spliced=written.spliced)


def start(records: Mapping[str, str], out_dir: Path, scratch: Path, runs: Runs, *, base: Base | None = None,
          batch: int = PAGEFIND_BATCH, layouts: Path | None = None,
          kept: Mapping[str, dict[str, str]] | None = None) -> Started:
    """Ask `runs` for the Pagefind runs of the pages `records` (page path -> record page) that
    are not `base`'s unchanged ones, at most `batch` pages each; `finish()` writes the bundle
    into `out_dir`. BundleFormatError: the base cannot be read (`layouts`: search.layout's folder),
    or does not hold a page of `kept`: unchanged pages given by their sort values alone."""
    sorts = {url(rel): sort_values(text) for rel, text in records.items()}
    sorts.update((url(rel), values) for rel, values in (kept or {}).items())
    whole: bundle.Bundle | None = None
    fresh = list(records)
    if base is not None:
        old = base.read(layouts).decoded
        assert old is not None
        keep = {url(rel) for rel in base.unchanged & (set(records) | set(kept or ()))}
        whole = sortorder.with_sorts(bundle_join.without(old, {page.url for page in old.pages} - keep), sorts)
        held = {whole.pages[n].url for n in whole.live()}
        if not {url(rel) for rel in kept or ()} <= held:
            raise pffiles.BundleFormatError("the last bundle lacks a page kept from it")
        fresh = [rel for rel in records if url(rel) not in held]  # changed, added, or not in the base
    out_dir.mkdir(parents=True, exist_ok=True)
    if base is not None:
        for wasm in base.folder.glob(WASM_GLOB):
            shutil.copyfile(wasm, out_dir / wasm.name)
    tmp = tempfile.TemporaryDirectory(prefix=".gkml-shard-", dir=scratch)
    # an update with nothing new runs Pagefind not at all; a shard of no pages still once (its empty bundle)
    parts = [fresh[at:at + batch] for at in range(0, len(fresh), batch)] or ([] if base else [[]])
    started = Started(out_dir, whole, sorts, len(fresh), [], tmp,
                      {url(rel): char_words_of(records[rel]) for rel in fresh})
    try:
        for n, part in enumerate(parts):
            site = Path(tmp.name) / f"site{n}"  # the folders are removed with tmp, once the bundle is written
            _write_pages({rel: records[rel] for rel in part}, site)
            started.jobs.append(runs.submit(site, Path(tmp.name) / f"out{n}"))  # out kept: write() links fragments
    except BaseException:
        started.discard()
        raise
    return started


def index(records: Mapping[str, str], out_dir: Path, scratch: Path, run: Run, *, base: Base | None = None,
          chunk_bytes: int = bundle.CHUNK_BYTES, rewrite: bool = True, batch: int = PAGEFIND_BATCH,
          layouts: Path | None = None, later: list[Callable[[], None]] | None = None) -> Indexed:
    """Write the bundle of the pages `records` (page path -> record page) into `out_dir`: one
    shard alone (`start` and `finish`).

    `run(site, output)` runs Pagefind over the record pages in `site` and returns
    (exit status, peak RSS in KB, log), on at most `batch` pages at a time. With `base`, its
    unchanged pages are not indexed again. `layouts`: search.layout's folder (the base's
    layout is read from it, the new bundle's written to it, or by a function put in `later`).
    `rewrite=False` (tests only): Pagefind's own bundle, as it wrote it (indexing the character words)."""
    if not rewrite:
        with tempfile.TemporaryDirectory(prefix=".gkml-shard-", dir=scratch) as tmp:
            _write_pages({rel: char_words_in_stream(page) for rel, page in records.items()}, Path(tmp) / "site")
            status, rss, log = run(Path(tmp) / "site", out_dir)
        if status != 0:
            raise RuntimeError(f"pagefind failed (exit {status}):\n{log}")
        languages = json.loads((out_dir / pffiles.ENTRY).read_text("utf-8"))["languages"]
        return Indexed(pages=len(records), indexed=len(records), meta=next(iter(languages.values()))["hash"],
                       peak_rss_kb=rss, log=log, browser_js=(out_dir / "pagefind.js").read_text("utf-8"))
    with Runs(run) as runs:
        started = start(records, out_dir, scratch, runs, base=base, batch=batch, layouts=layouts)
        return started.finish(chunk_bytes=chunk_bytes, layouts=layouts, later=later)


def _write_pages(records: Mapping[str, str], site: Path) -> None:
    for rel, text in records.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
