"""Search engine layer: sharded Pagefind indexes usable online and from file://.

Layout produced under ``<site>/pagefind/``::

    shards.json            list of shards (read by the search UI over http)
    shards.js              same data as a classic script (for file://)
    gkml-pagefind.js       Pagefind's browser code, adapted to a classic script
    <shard>/               one Pagefind bundle per shard (entry, meta, wasm,
                           index/, filter/, fragment/)

What is indexed: not the pages themselves but one synthetic page per document
holding the token stream of ``search.text`` (exact substring search, see
there) and the metadata the result list shows (``search.records``).

Why shards: the indexer needs ~0.17 GB per 1,000 documents, so a large
catalogue is indexed one shard at a time, each run seeing only its own files.
The browser queries every shard and merges (see assets/search/gkml-search.js).

Why the adapted script: Pagefind ships an ES module that fetch()es its files,
which fails from file://.  ``make_offline`` re-emits every bundle file as a
classic script registering its bytes (base64); the adapted Pagefind code
reads through a pluggable fetcher, so online and offline run the exact same
search code (same segmentation, filters and ranking).
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from gkml.search import prefixes
from gkml.search import shard as shard_index
from gkml.search import tally as tally_file
from gkml.search.bundle import BundleFormatError
from gkml.search.recordcache import record
from gkml.search.routing import TOKENS_FILE, encode, stream_keys
from gkml.search.tally import Tally

PAGEFIND_DIR = "pagefind"
SHARDS_JSON = "shards.json"
SHARDS_JS = "shards.js"
BROWSER_JS = "gkml-pagefind.js"
# Name of the global function the offline data scripts call.
OFFLINE_CALLBACK = "__gkmlPagefindData"
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
# The token stream is no natural language: no stemming, no word segmentation
# (Pagefind segments zh, ja and th in the browser), one index per shard.
LANGUAGE = "zxx"


# --------------------------------------------------------------------------
# Shard planning (pure)
# --------------------------------------------------------------------------


def _year_key(year: str) -> tuple[int, str]:
    """Sort numeric years numerically; anything else goes last."""
    return (int(year), "") if year.isdigit() else (10**9, year)


def plan_shards(items: Sequence[tuple[str, str]], max_per_shard: int) -> dict[str, list[str]]:
    """Group (year, html_path) items into shards of at most ``max_per_shard`` files.

    Rules (deterministic, newest shards first in the returned dict):
    * a year with more than ``max_per_shard`` documents is split into
      ``<year>-p1``, ``<year>-p2`` … of near-equal size (paths sorted);
    * consecutive small years are grouped while the group stays within
      ``max_per_shard``; a group is named ``<first>-<last>`` (e.g. ``2008-2010``),
      a lone year just ``<year>``;
    * an empty or non-numeric year becomes its own shard named ``other``-style
      (``y-<year>`` or ``undated``) so shard names stay safe directory names.
    Fewer, fuller shards mean fewer metadata files for the browser to load.
    """
    if max_per_shard < 1:
        raise ValueError("max_per_shard must be >= 1")
    by_year: dict[str, list[str]] = {}
    for year, path in items:
        by_year.setdefault(year.strip(), []).append(path)
    for paths in by_year.values():
        paths.sort()

    shards: list[tuple[str, list[str]]] = []
    group: list[str] = []  # years in the current group
    group_paths: list[str] = []

    def flush() -> None:
        if group:
            name = group[0] if len(group) == 1 else f"{group[0]}-{group[-1]}"
            shards.append((name, list(group_paths)))
            group.clear()
            group_paths.clear()

    for year in sorted(by_year, key=_year_key):
        paths = by_year[year]
        if not year.isdigit():
            flush()
            safe = re.sub(r"[^0-9A-Za-z_]+", "_", year)
            shards.append((f"y-{safe}" if safe else "undated", paths))
            continue
        if len(paths) > max_per_shard:
            flush()
            parts = math.ceil(len(paths) / max_per_shard)
            size = math.ceil(len(paths) / parts)
            for i in range(parts):
                shards.append((f"{year}-p{i + 1}", paths[i * size : (i + 1) * size]))
            continue
        if len(group_paths) + len(paths) > max_per_shard:
            flush()
        group.append(year)
        group_paths.extend(paths)
    flush()
    return dict(reversed(shards))


# --------------------------------------------------------------------------
# Index building (runs the extended pagefind binary once per shard)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ShardReport:
    name: str
    files: int  # HTML files handed to pagefind
    pages: int  # pages pagefind reports as indexed (pagefind-entry.json)
    seconds: float
    peak_rss_kb: int  # max resident set of the pagefind process
    bytes_on_disk: int
    indexed: int = 0  # pages Pagefind indexed (the others were kept from the last bundle)


@dataclass(frozen=True)
class SearchIndexReport:
    shards: tuple[ShardReport, ...]
    seconds: float
    bytes_on_disk: int  # whole pagefind/ directory
    pagefind_version: str
    language: str
    by_shard: dict[str, int] = field(default_factory=dict)

    @property
    def total_pages(self) -> int:
        return sum(s.pages for s in self.shards)

    @property
    def indexed_pages(self) -> int:
        return sum(s.indexed for s in self.shards)

    @property
    def peak_rss_kb(self) -> int:
        return max((s.peak_rss_kb for s in self.shards), default=0)

    @property
    def ok(self) -> bool:
        return all(s.pages == s.files for s in self.shards)


def pagefind_executable() -> Path:
    """The extended (CJK-segmenting) pagefind binary shipped as a wheel."""
    from pagefind_bin_extended import get_executable

    exe = Path(get_executable())
    if "extended" not in exe.name:
        raise RuntimeError(f"pagefind extended binary not found (got {exe})")
    return exe


def _dir_size(path: Path) -> int:
    total = 0
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                total += _dir_size(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                total += entry.stat().st_size
    return total


def _run_measured(cmd: list[str], log_path: Path) -> tuple[int, int]:
    """Run cmd; return (exit status, peak RSS in KB) of exactly that child."""
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss


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


def _classic_browser_js(module_js: str) -> str:
    """Turn Pagefind's ES module into a classic script exposing GkmlPagefind.

    Only three textual edits, each asserted so a Pagefind upgrade that moves
    them fails the build instead of silently breaking search:
    the ``export{…}`` line, ``import.meta.url`` and the one real ``fetch``.
    """
    fetch_call = "queued.resolve(await fetch(queued.input));"
    if module_js.count(fetch_call) != 1:
        raise RuntimeError("unexpected pagefind.js: fetch call not found")
    js = module_js.replace(fetch_call, "queued.resolve(await gkmlFetch(queued.input));")
    js = js.replace("import.meta.url", "(void 0)")
    export_re = re.compile(r"export\s*\{[^}]*\};?\s*$")
    if not export_re.search(js) or "import.meta" in js:
        raise RuntimeError("unexpected pagefind.js: export/import.meta layout changed")
    js = export_re.sub("", js)
    return (
        "/* Pagefind browser code adapted by gkml into a classic script. */\n"
        "(function(){\n"
        "var gkmlFetch=function(u){return fetch(u);};\n"
        f"{js}\n"
        "window.GkmlPagefind={version:pagefind_version,PagefindInstance:PagefindInstance,"
        "setFetcher:function(f){gkmlFetch=f;}};\n"
        "})();\n"
    )


def run_pagefind(exe: Path, site: Path, output: Path, *options: str) -> tuple[int, int, str]:
    """Pagefind over the pages in `site`, its bundle in `output`: (exit status, peak RSS in KB, its log)."""
    log_path = site.parent / f"{site.name}.pagefind.log"
    status, rss = _run_measured([str(exe), "--site", str(site), "--output-path", str(output), *options], log_path)
    return status, rss, log_path.read_text("utf-8", "replace")


def _pagefind_js(exe: Path, scratch: Path) -> str:
    """Pagefind's browser script, from indexing one empty page."""
    with tempfile.TemporaryDirectory(prefix=".gkml-js-", dir=scratch) as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        (site / "index.html").write_text("<!doctype html><html><body><main>gkml</main></body></html>", "utf-8")
        status, _rss, _log = run_pagefind(exe, site, Path(tmp) / "out", "--quiet")
        if status != 0:
            raise RuntimeError(f"pagefind failed (exit {status})")
        return (Path(tmp) / "out" / "pagefind.js").read_text("utf-8")


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
    site_dir = site_dir.resolve()
    scratch = site_dir.parent if out_root is None else out_root.parent
    out_root = site_dir / PAGEFIND_DIR if out_root is None else out_root
    reused = dict(reused or {})
    if out_root.exists():
        for path in out_root.iterdir():
            if path.name not in reused and not (path.name == BROWSER_JS and reused):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    out_root.mkdir(parents=True, exist_ok=True)
    exe = pagefind_executable()
    version = ""
    browser_js: str | None = None
    started = time.monotonic()
    options = ["--force-language", language, *(["--quiet"] if quiet else [])]

    def run(site: Path, output: Path) -> tuple[int, int, str]:
        return run_pagefind(exe, site, output, *options)

    def size(folder: Path) -> int:
        return _dir_size(folder) if measure else 0

    def begin(name: str) -> _Begun:
        t0 = time.monotonic()
        counted, kept = (tallies or {}).get(name, (None, frozenset()))
        base = (bases or {}).get(name)
        if base is None:
            kept = frozenset()
        records, tally = _records(site_dir, shards[name], record_keys or {}, record_cache, prepared or {}, counted, kept)
        begun = _Begun(records, tally, base, t0)
        if pagefind_layout:
            return begun  # indexed as one, when finished
        try:
            begun.started = shard_index.start(records, out_root / name, scratch, runs, base=base, layouts=layouts,
                                              kept={rel: tally.pages[rel][1] for rel in kept})
        except BundleFormatError:
            if base is None:
                raise
            begun.base = None  # a base that cannot be read costs time only
            shutil.rmtree(out_root / name, ignore_errors=True)
            _read_kept(name, records)
            begun.started = shard_index.start(records, out_root / name, scratch, runs, layouts=layouts)
        if begun.base is None:
            begun.records = {}  # on disk for Pagefind now; only an update may need them again
        return begun

    def finish(name: str, begun: _Begun) -> shard_index.Indexed:
        out_dir = out_root / name
        if begun.started is None:
            return shard_index.index(begun.records, out_dir, scratch, run, rewrite=False)
        try:
            return begun.started.finish(layouts=layouts, later=later)
        except BundleFormatError:
            if begun.base is None:
                raise
            shutil.rmtree(out_dir, ignore_errors=True)
            _read_kept(name, begun.records)
            return shard_index.start(begun.records, out_dir, scratch, runs, layouts=layouts).finish(
                layouts=layouts, later=later)

    def _read_kept(name: str, records: dict[str, str]) -> None:
        """The records of the shard's pages counted but not read (indexed whole after all)."""
        for rel in shards[name]:
            if rel not in records:
                records[rel] = record(site_dir, rel, record_cache, (record_keys or {}).get(rel))

    for name in shards:
        if not re.fullmatch(r"[0-9A-Za-z_][0-9A-Za-z_.-]*", name):
            raise ValueError(f"unsafe shard name: {name!r}")
    done: dict[str, tuple[ShardReport, dict[str, object]]] = {}  # by shard: its report and shards.json entry
    for name in (name for name in shards if name in reused):
        entry = dict(reused[name])
        version = str(entry.pop("pagefind", version))
        done[name] = (ShardReport(name=name, files=len(shards[name]), pages=int(entry["pages"]),  # type: ignore[call-overload]
                                  seconds=0.0, peak_rss_kb=0, bytes_on_disk=size(out_root / name)), entry)
        if on_shard:
            on_shard(name)
    # the largest first: the last one's bundle is written with nothing left to overlap it
    indexed = sorted((name for name in shards if name not in reused), key=lambda name: -len(shards[name]))
    ahead: dict[str, _Begun] = {}  # shards whose Pagefind runs are asked for: this one and the next
    with shard_index.Runs(run) as runs:
        try:
            for at, name in enumerate(indexed):
                while later:  # the last shard's layout only waits for the end (each holds its shard's words)
                    later.pop(0)()
                for upcoming in indexed[at:at + 2]:
                    if upcoming not in ahead:
                        ahead[upcoming] = begin(upcoming)
                begun = ahead.pop(name)
                result = finish(name, begun)
                out_dir = out_root / name
                if not quiet:
                    print(result.log, end="")
                if browser_js is None and result.browser_js is not None:
                    browser_js = _classic_browser_js(result.browser_js)
                version = version or json.loads((out_dir / "pagefind-entry.json").read_text("utf-8"))["version"]
                for unused in _UNUSED_BUNDLE_FILES:
                    (out_dir / unused).unlink(missing_ok=True)
                (out_dir / TOKENS_FILE).write_bytes(encode(stream_keys(begun.tally.word_set())))
                if layouts is not None:
                    save_tally = partial(tally_file.save, tally_file.path(layouts, result.meta), begun.tally)
                    later.append(save_tally) if later is not None else save_tally()
                prefixes.write(out_dir)  # one-character queries across chunk boundaries
                if on_shard:
                    on_shard(name)
                done[name] = (
                    ShardReport(name=name, files=len(shards[name]), pages=result.pages,
                                seconds=round(time.monotonic() - begun.t0, 3), peak_rss_kb=result.peak_rss_kb,
                                bytes_on_disk=size(out_dir), indexed=result.indexed),
                    {"name": name, "path": f"{name}/", "pages": result.pages, "years": sorted(begun.tally.year_set(), reverse=True),
                     # names the shard's index as published: an open search page sees a newer one (gkml-search.js)
                     "meta": result.meta})
        finally:
            for begun in ahead.values():
                if begun.started is not None:
                    begun.started.discard()
    reports = [done[name][0] for name in shards]
    manifest = [done[name][1] for name in shards]
    if browser_js is None and not (out_root / BROWSER_JS).is_file() and manifest:
        browser_js = _classic_browser_js(_pagefind_js(exe, scratch))  # every shard was updated without Pagefind
    if browser_js is not None:
        (out_root / BROWSER_JS).unlink(missing_ok=True)  # may be a link into the last build: never write through it
        (out_root / BROWSER_JS).write_text(browser_js, "utf-8")
    write_manifest(out_root, {"version": 1, "pagefind": version, "language": language, "shards": manifest})
    return SearchIndexReport(
        shards=tuple(reports),
        seconds=round(time.monotonic() - started, 3),
        bytes_on_disk=size(out_root),
        pagefind_version=version,
        language=language,
        by_shard={r.name: r.pages for r in reports},
    )


@dataclass
class _Begun:
    """A shard of build_index being indexed: its records, its tally (years, words), and its Pagefind runs."""
    records: dict[str, str]
    tally: Tally
    base: shard_index.Base | None
    t0: float
    started: shard_index.Started | None = None


def write_manifest(out_root: Path, manifest: Mapping[str, object]) -> None:
    """shards.json for http, shards.js (a global assignment) for file://."""
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    (out_root / SHARDS_JSON).write_text(text, "utf-8")
    (out_root / SHARDS_JS).write_text(f"window.GKML_SHARDS={text};\n", "utf-8")


# --------------------------------------------------------------------------
# Offline (file://) conversion
# --------------------------------------------------------------------------


def offline_script(key: str, data: bytes) -> str:
    """A classic script handing ``data`` to the loader under ``key``."""
    b64 = base64.b64encode(data).decode("ascii")
    return f'{OFFLINE_CALLBACK}({json.dumps(key)},"{b64}");\n'


def make_offline(site_dir: Path, *, keep_binary: bool = False) -> None:
    """Re-emit every shard bundle file as ``<file>.js`` for script-tag loading.

    Each script calls ``__gkmlPagefindData(key, base64)`` where key is the
    file's path below ``pagefind/`` (``2010/index/zh-cn_x.pf_index``); the UI
    loads them on demand, so file:// needs neither fetch() nor a server.
    Originals are removed unless ``keep_binary`` (the offline copy of the site
    never fetches them).  Idempotent.
    """
    out_root = site_dir / PAGEFIND_DIR
    manifest_path = out_root / SHARDS_JSON
    if not manifest_path.exists():
        raise FileNotFoundError(f"no search index at {out_root}")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    for shard in manifest["shards"]:
        shard_dir = out_root / str(shard["path"])
        for path in sorted(shard_dir.rglob("*")):
            if path.name == TOKENS_FILE:  # for portals only: never read offline
                path.unlink()
            if not path.is_file() or path.suffix == ".js":
                continue
            key = path.relative_to(out_root).as_posix()
            path.with_name(path.name + ".js").write_text(offline_script(key, path.read_bytes()), "ascii")
            if not keep_binary:
                path.unlink()
    write_manifest(out_root, manifest)
