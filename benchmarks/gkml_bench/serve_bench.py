"""`gkml bench --serve`: one save under `mkdocs serve`, as an editor sees it.

`mkdocs serve` runs on 127.0.0.1 over the synthetic catalogue; Debian's Chromium opens
one document's page; the document's title is rewritten on disk. From that save, two
spans are timed:

- reload: until the open page (reloaded by MkDocs' live reload) shows the new title;
- searchable: until the search page, loaded again and again, lists the document for a
  word only the new title holds.

CPU seconds of the serve process tree over the same spans come from /proc (its own and
the children it has reaped, e.g. the search indexer). Start is the time from launching
`mkdocs serve` to its first answer (its cold build).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote
from urllib.request import urlopen

from gkml_bench.browser import launch
from gkml_bench.measuring import tree_pids

# Only the new title holds it: searching for it finds the document once it is re-indexed.
MARK = "鹭洲校勘"
TIMEOUT_S = 600.0  # a hang guard, not a target
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


IDLE_S = 2.0  # the window the preview's idle CPU is measured over


def cpu_seconds(pid: int) -> float:
    """User + system CPU of `pid`'s live tree, with the children each process has reaped."""
    total = 0
    for member in tree_pids(pid):
        try:
            with open(f"/proc/{member}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
    return total / CLOCK_TICKS


def pick_document(docs: Path) -> tuple[Path, str, str]:
    """A published document in the middle of the catalogue: its file, address and title."""
    from gkml_bench.incremental import _published_documents

    candidates = [p for p in _published_documents(docs) if "withdrawn:" not in p.read_text(encoding="utf-8")]
    path = candidates[len(candidates) // 2]
    text = path.read_text(encoding="utf-8")
    index_no = re.search(r'^index_no: "([^"]+)"$', text, re.MULTILINE)
    title = re.search(r'^title: "([^"]+)"$', text, re.MULTILINE)
    assert index_no and title, path
    return path, f"doc/{index_no[1].replace('/', '-')}/", title[1]


def retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'^title: "[^"]*"$', f'title: "{title}"', text, count=1, flags=re.MULTILINE), encoding="utf-8")


def _wait_for_server(base: str, proc: subprocess.Popen[bytes]) -> str:
    """The site's address once it answers (MkDocs serves under site_url's path, e.g. /gkml/)."""
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        try:
            with urlopen(base, timeout=30) as answer:
                return str(answer.geturl())
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not start") from None
            time.sleep(0.2)


def _search_finds(page: Any, base: str, query: str, address: str) -> bool:
    page.goto(f"{base}search/?q={quote(query)}")
    page.wait_for_selector("#gkml-results :is(.gkml-result, .gkml-empty-result, .gkml-error)", timeout=120_000)
    hrefs = page.eval_on_selector_all("#gkml-results .gkml-result a", "links => links.map(a => a.href)")
    return any(href.rstrip("/").endswith(address.rstrip("/")) for href in hrefs)


def run_serve(work: Path, docs: Path, logs: Path) -> dict[str, Any]:
    """One save of one document's title under `mkdocs serve`; the spans in seconds."""
    from playwright.sync_api import sync_playwright

    path, address, title = pick_document(docs)
    new_title = MARK + title
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    result: dict[str, Any] = {"document": str(path.relative_to(docs)), "address": address}
    log = (logs / "serve.log").open("wb")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(work / "mkdocs.yml"),
                             "-a", f"127.0.0.1:{port}"], cwd=work, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        base = _wait_for_server(base, proc)
        result["start_s"] = round(time.perf_counter() - started, 3)
        with sync_playwright() as p:
            browser = launch(p)
            reader, searcher = browser.new_page(), browser.new_page()
            searcher.route("**/livereload/**", lambda route: route.abort())  # reloaded by us, not mid-reading
            reader.goto(base + address)
            reader.locator("h1", has_text=title).wait_for(timeout=120_000)
            if _search_finds(searcher, base, MARK, address):
                raise RuntimeError(f"search finds {MARK} before the edit")
            time.sleep(1.0)  # the page's live-reload poll is connected
            # what the preview burns while nobody saves: MkDocs' polling, and any loop of gkml's own
            # (a watch woken by its own reads kept a core busy and made a save six times slower)
            idle0 = cpu_seconds(proc.pid)
            time.sleep(IDLE_S)
            result["idle_cpu_share"] = round((cpu_seconds(proc.pid) - idle0) / IDLE_S, 3)
            cpu0 = cpu_seconds(proc.pid)
            saved = time.perf_counter()
            retitle(path, new_title)
            reader.locator("h1", has_text=MARK).wait_for(timeout=TIMEOUT_S * 1000)
            result["reload_s"] = round(time.perf_counter() - saved, 3)
            result["reload_cpu_s"] = round(cpu_seconds(proc.pid) - cpu0, 2)
            attempts = 0
            while not _search_finds(searcher, base, MARK, address):
                attempts += 1
                if time.perf_counter() - saved > TIMEOUT_S:
                    raise RuntimeError("search never found the new title")
            result["searchable_s"] = round(time.perf_counter() - saved, 3)
            result["searchable_cpu_s"] = round(cpu_seconds(proc.pid) - cpu0, 2)
            result["search_attempts"] = attempts + 1
            browser.close()
        result["ok"] = True
    except Exception as error:  # noqa: BLE001 - the report says what failed; the other steps' figures stay
        result.update(ok=False, error=f"{type(error).__name__}: {error}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        retitle(path, title)
    result["load_after"] = os.getloadavg()
    text = (logs / "serve.log").read_text("utf-8", "replace")
    result["index_lines"] = [line.strip() for line in text.splitlines() if "检索" in line][-4:]
    return result


def format_serve(result: dict[str, Any], cold_build_s: float | None) -> str:
    if not result.get("ok"):
        return f"serve: failed: {result.get('error')}"
    line = (f"serve: start {result['start_s']:.1f} s; one title saved → page reloaded {result['reload_s']:.1f} s "
            f"(cpu {result['reload_cpu_s']:.1f} s), → found by search {result['searchable_s']:.1f} s "
            f"(cpu {result['searchable_cpu_s']:.1f} s)")
    if "idle_cpu_share" in result:
        line += f"; idle before the save: {result['idle_cpu_share'] * 100:.0f} % of a core"
    if cold_build_s:
        line += f"; reload ×{result['reload_s'] / cold_build_s:.3f} of cold build"
    return line
