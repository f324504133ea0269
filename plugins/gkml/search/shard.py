"""One search shard's bundle: Pagefind indexes the pages, search.bundle writes the files.

A clean shard: Pagefind indexes every record page, and its bundle is rewritten in gkml's
layout. An update (a build after an edit): the last build's bundle of the shard is the
base; the pages whose records are unchanged are kept from it, Pagefind indexes only the
others (one page after an edit, none after a withdrawal), and the two are written as
one. Either way the files are the same bytes (tests/build proves it), because what
Pagefind writes about a page is the page's own (search.bundle).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from gkml.search import bundle

_SORT = re.compile(r'data-pagefind-sort="([^"]*)"')
WASM_GLOB = "wasm.*.pagefind"
# Pages per Pagefind run: its memory grows with the pages it holds (a 4,000-page shard of
# record pages at once: 1.4 GB peak). The runs' bundles are combined, as an update's are.
# A run overlaps this process combining the last ones: at 10,000 documents, runs of 1,000
# (328 MB) took the build's peak to 1,094 MB, runs of 500 (152 MB) to 970 MB.
PAGEFIND_BATCH = 500


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


def index(records: Mapping[str, str], out_dir: Path, scratch: Path, run: Run, *, base: Base | None = None,
          chunk_bytes: int = bundle.CHUNK_BYTES, rewrite: bool = True, batch: int = PAGEFIND_BATCH,
          layouts: Path | None = None, later: list[Callable[[], None]] | None = None) -> Indexed:
    """Write the bundle of the pages `records` (page path -> record page) into `out_dir`.

    `run(site, output)` runs Pagefind over the record pages in `site` and returns
    (exit status, peak RSS in KB, log), on at most `batch` pages at a time. With `base`, its
    unchanged pages are not indexed again. `layouts`: search.layout's folder (the base's
    layout is read from it, the new bundle's written to it, or by a function put in `later`).
    `rewrite=False` (tests only): Pagefind's own bundle, as it wrote it."""
    if not rewrite:
        with tempfile.TemporaryDirectory(prefix=".gkml-shard-", dir=scratch) as tmp:
            _write_pages(records, Path(tmp) / "site")
            status, rss, log = run(Path(tmp) / "site", out_dir)
        if status != 0:
            raise RuntimeError(f"pagefind failed (exit {status}):\n{log}")
        languages = json.loads((out_dir / bundle.ENTRY).read_text("utf-8"))["languages"]
        return Indexed(pages=len(records), indexed=len(records), meta=next(iter(languages.values()))["hash"],
                       peak_rss_kb=rss, log=log, browser_js=(out_dir / "pagefind.js").read_text("utf-8"))
    sorts = {url(rel): sort_values(text) for rel, text in records.items()}
    whole: bundle.Bundle | None = None  # the base and the runs so far, combined as each comes (one run held at a time)

    def add(part: bundle.Bundle) -> None:
        nonlocal whole
        whole = part if whole is None else bundle.combined(whole, part)

    fresh = list(records)
    if base is not None:
        old = base.read(layouts).decoded
        assert old is not None
        keep = {url(rel) for rel in base.unchanged & set(records)}
        kept = bundle.without(old, {page.url for page in old.pages} - keep)
        add(bundle.with_sorts(kept, sorts))
        held = {kept.pages[n].url for n in kept.live()}
        fresh = [rel for rel in records if url(rel) not in held]  # changed, added, or not in the base
    rss, log, browser_js = 0, "", None
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gkml-shard-", dir=scratch) as tmp:
        if base is not None:
            for wasm in base.folder.glob(WASM_GLOB):
                shutil.copyfile(wasm, out_dir / wasm.name)
        # an update with nothing new runs Pagefind not at all; a shard of no pages still once (its empty bundle)
        runs = [fresh[start:start + batch] for start in range(0, len(fresh), batch)] or ([] if base else [[]])

        def pagefind(number: int) -> tuple[Path, int, int, str]:
            site, output = Path(tmp) / f"site{number}", Path(tmp) / f"out{number}"  # kept: write() links fragments
            _write_pages({rel: records[rel] for rel in runs[number]}, site)
            status, peak, said = run(site, output)
            shutil.rmtree(site)
            return output, status, peak, said

        # Pagefind indexes the next pages while this process reads the last run's bundle
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gkml-pagefind") as pool:
            done = [pool.submit(pagefind, number) for number in range(len(runs))]
            for job in done:
                output, status, peak, said = job.result()
                rss, log = max(rss, peak), log + said
                if status != 0:
                    for other in done:
                        other.cancel()
                    raise RuntimeError(f"pagefind failed (exit {status}):\n{log}")
                add(bundle.with_sorts(bundle.read(output), sorts))
                for wasm in output.glob(WASM_GLOB):
                    (out_dir / wasm.name).unlink(missing_ok=True)
                    shutil.move(wasm, out_dir / wasm.name)
                js = output / "pagefind.js"
                browser_js = js.read_text("utf-8") if js.is_file() else browser_js
        assert whole is not None
        written = bundle.write(whole, out_dir, chunk_bytes=chunk_bytes, layouts=layouts, later=later)
    return Indexed(pages=len(whole.live()), indexed=len(fresh), meta=written.meta, peak_rss_kb=rss, log=log,
                   browser_js=browser_js, spliced=written.spliced)


def _write_pages(records: Mapping[str, str], site: Path) -> None:
    for rel, text in records.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
