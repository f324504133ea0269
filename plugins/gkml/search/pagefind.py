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
catalogue is indexed one shard at a time, each run seeing only its own files
(search.plan groups them, search.index indexes them). The browser queries every
shard and merges (see assets/search/gkml-search.js).

Why the adapted script: Pagefind ships an ES module that fetch()es its files,
which fails from file://.  ``search.offline`` re-emits every bundle file as a
classic script registering its bytes (base64); the adapted Pagefind code
reads through a pluggable fetcher, so online and offline run the exact same
search code (same segmentation, filters and ranking).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gkml.search.pffiles import ENTRY

PAGEFIND_DIR = "pagefind"
SHARDS_JSON = "shards.json"
SHARDS_JS = "shards.js"
BROWSER_JS = "gkml-pagefind.js"
# Name of the global function the offline data scripts call.
OFFLINE_CALLBACK = "__gkmlPagefindData"
# The token stream is no natural language: no stemming, no word segmentation
# (Pagefind segments zh, ja and th in the browser), one index per shard.
LANGUAGE = "zxx"


def pagefind_executable() -> Path:
    """The extended (CJK-segmenting) pagefind binary shipped as a wheel."""
    from pagefind_bin_extended import get_executable

    exe = Path(get_executable())
    if "extended" not in exe.name:
        raise RuntimeError(f"pagefind extended binary not found (got {exe})")
    return exe


def _run_measured(cmd: list[str], log_path: Path) -> tuple[int, int]:
    """Run cmd; return (exit status, peak RSS in KB) of exactly that child."""
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss


def run_pagefind(exe: Path, site: Path, output: Path, *options: str) -> tuple[int, int, str]:
    """Pagefind over the pages in `site`, its bundle in `output`: (exit status, peak RSS in KB, its log)."""
    log_path = site.parent / f"{site.name}.pagefind.log"
    status, rss = _run_measured([str(exe), "--site", str(site), "--output-path", str(output), *options], log_path)
    return status, rss, log_path.read_text("utf-8", "replace")


@dataclass(frozen=True)
class Engine:
    """What one Pagefind puts in every bundle it writes for a language, besides the index:
    the code readers' browsers run."""

    version: str
    language: str
    module_js: str  # pagefind.js, an ES module (classic_browser_js makes gkml-pagefind.js of it)
    wasm: Mapping[str, bytes]  # wasm.<language>.pagefind and any other wasm file: its bytes


def engine(exe: Path, scratch: Path, language: str = LANGUAGE) -> Engine:
    """This machine's Pagefind's browser code and WebAssembly, from indexing one empty page."""
    with tempfile.TemporaryDirectory(prefix=".gkml-js-", dir=scratch) as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        (site / "index.html").write_text("<!doctype html><html><body><main>gkml</main></body></html>", "utf-8")
        out = Path(tmp) / "out"
        status, _rss, _log = run_pagefind(exe, site, out, "--force-language", language, "--quiet")
        if status != 0:
            raise RuntimeError(f"pagefind failed (exit {status})")
        version = str(json.loads((out / ENTRY).read_text("utf-8"))["version"])
        wasm = {path.name: path.read_bytes() for path in out.glob("wasm.*")}
        return Engine(version, language, (out / "pagefind.js").read_text("utf-8"), wasm)


def pagefind_js(exe: Path, scratch: Path) -> str:
    """Pagefind's browser script (an ES module)."""
    return engine(exe, scratch).module_js


def classic_browser_js(module_js: str) -> str:
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


def write_manifest(out_root: Path, manifest: Mapping[str, object]) -> None:
    """shards.json for http, shards.js (a global assignment) for file://."""
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    (out_root / SHARDS_JSON).write_text(text, "utf-8")
    (out_root / SHARDS_JS).write_text(f"window.GKML_SHARDS={text};\n", "utf-8")
