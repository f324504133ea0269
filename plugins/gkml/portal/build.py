"""`gkml portal` end to end: verify every source first, then write only what changed."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gkml.outputs.contract import CSV_FILE, FEED_FILE, JSON_FILE
from gkml.search.pagefind import (
    BROWSER_JS,
    PAGEFIND_DIR,
    Engine,
    classic_browser_js,
    pagefind_executable,
)
from gkml.search.pagefind import engine as pagefind_engine
from gkml.site.scripts import served

from . import routing
from .catalogue import Agency, Listing, Row, listings, newest_first
from .config import PortalConfig
from .feedid import feed_id
from .opendata import (
    AGENCIES_FILE,
    agencies_json,
    atom_feed,
    catalogue_csv,
    catalogue_json,
)
from .output import SOURCES, Output, PortalOutputError
from .pages import RowCache, environment, portal_pages, render
from .search import (
    PAGES_CHECK,
    Expected,
    bundle_dir,
    expected_of,
    manifest,
    manifest_files,
)
from .selection import Held, Selection, select
from .sitemap import SITEMAP_FILE, sitemap_xml
from .withdrawals import Notice, most_recent_first

ASSETS = Path(__file__).parent / "assets"
SITE_ASSETS = Path(__file__).resolve().parents[1] / "site" / "assets"


@dataclass
class PortalReport:
    agencies: int
    documents: int
    pages: int
    republished: list[str]  # agencies whose bundle was (re)copied this run
    routed: int = 0  # agencies whose queries are routed (the others are always asked)
    held: list[Held] = field(default_factory=list)  # agencies kept at their last good publication, or left out
    strays: list[str] = field(default_factory=list)  # sites given of no agency of the portal
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _material_css() -> Path:
    import material

    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    return found[0]


def asset_files() -> dict[str, Path]:
    """Portal-relative path -> file: the agencies' own stylesheets and search script, and the portal's."""
    return {
        "assets/gkml/css/material.css": _material_css(),
        "assets/gkml/css/gkml.css": SITE_ASSETS / "css" / "gkml.css",
        "assets/gkml/css/noscript.css": SITE_ASSETS / "css" / "noscript.css",
        "assets/gkml/css/portal.css": ASSETS / "portal.css",
        "assets/gkml/search/gkml-search.js": SITE_ASSETS / "search" / "gkml-search.js",
        "assets/gkml/search/gkml-search.css": SITE_ASSETS / "search" / "gkml-search.css",
        "assets/gkml/search/gkml-t2s.js": SITE_ASSETS / "search" / "gkml-t2s.js",  # loaded by the one above
        "assets/gkml/search/gkml-search-old.js": SITE_ASSETS / "search" / "gkml-search-old.js",  # says when it cannot run
    }


def build_portal(config: PortalConfig, folders: Sequence[Path], out: Path,
                 progress: Callable[[str], None] = lambda _message: None) -> PortalReport:
    output = Output(out)
    output.take_turns(lambda: progress(f"另一次 gkml portal 正在生成 {out}，等待其完成……"))
    try:
        return _build(config, folders, output, progress)
    finally:
        output.release()


class _Laps:
    """Each step's seconds, from the end of the one before."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.started = self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._last, 3)
        self._last = now

    def total(self) -> dict[str, float]:
        return {**self.seconds, "total": round(time.perf_counter() - self.started, 3)}


def _build(config: PortalConfig, folders: Sequence[Path], output: Output, progress: Callable[[str], None]) -> PortalReport:
    laps = _Laps()
    previous = output.check_target()
    own = pagefind_engine(pagefind_executable(), Path(tempfile.gettempdir()))
    selection = _select(config, folders, output, previous, expected_of(own), progress)
    agencies = [c.agency for c in selection.chosen]
    laps.lap("verify")
    routes = routing.build(agencies, [c.keys for c in selection.chosen])
    laps.lap("routing")

    # The unified catalogue.
    order = {a.slug: i for i, a in enumerate(agencies)}
    rows = newest_first([row for c in selection.chosen for row in c.rows], order)
    notices = most_recent_first([n for c in selection.chosen for n in c.notices], order)
    lists = listings(rows, agencies)
    laps.lap("catalogue")

    _write_search(output, selection, own, routes)
    laps.lap("search")
    pages = _write_pages(output, config, agencies, rows, lists)
    laps.lap("pages")
    first = "\n".join([config.title, *(a.org_code for a in agencies)])
    own_feed = config.site_url + FEED_FILE if config.site_url else feed_id(output.feed_id, _published(output.root / FEED_FILE), first)
    _write_open_data(output, config, agencies, rows, notices, own_feed)
    laps.lap("open_data")

    removed = output.prune()
    output.save_state({a.slug: a.source.contract_sha256 for a in agencies}, PAGES_CHECK, own_feed, aside=selection.aside)
    laps.lap("finish")
    republished = [c.agency.slug for c in selection.chosen if bundle_dir(c.agency) in c.staged]
    return PortalReport(agencies=len(agencies), documents=len(rows), pages=pages, republished=republished,
                        routed=routes.routed, held=selection.held, strays=selection.strays,
                        written=output.written, removed=removed, seconds=laps.total())


def _select(config: PortalConfig, folders: Sequence[Path], output: Output, previous: dict[str, str],
            expected: Expected, progress: Callable[[str], None]) -> Selection:
    """Each agency's publication: the site given, verified and copied into the portal (staged:
    nothing the portal serves changes yet); else the last one the portal published; else none."""
    output.begin()
    try:
        selection = select(config, folders, output, previous, expected, progress)
    except Exception:  # (a run killed, as by KeyboardInterrupt, is followed by a whole one: begin)
        output.abandon()
        raise
    if not selection.chosen:  # a portal of no agency would replace the province's: refused, as it was
        output.abandon()
        raise PortalOutputError("没有可以发布的机关，门户未作任何改动：\n" + "\n".join(
            [*selection.strays, *(held.line() for held in selection.held)]))
    return selection


def _write_search(output: Output, selection: Selection, own: Engine, routes: routing.RoutingIndex) -> None:
    """Search bundles and the portal's copies of the publications, each proved when staged; the
    portal's own search script, routing index, manifest and assets."""
    agencies = [c.agency for c in selection.chosen]
    output.note_pending({c.agency.slug: c.agency.source.contract_sha256 for c in selection.chosen
                         if f"{SOURCES}/{c.agency.slug}" in c.staged})
    for chosen in selection.chosen:
        for tree in chosen.staged:
            output.commit_staged(tree)
    output.discard_staged()
    output.write(f"{PAGEFIND_DIR}/{BROWSER_JS}", classic_browser_js(own.module_js).encode("utf-8"))  # the portal's own
    for rel, data in routes.files.items():
        output.write(f"{PAGEFIND_DIR}/{rel}", data)
    for rel, text in manifest_files(manifest(agencies, (own.version, own.language), routes.manifest())).items():
        output.write(rel, text)
    for rel, path in asset_files().items():
        output.write(rel, served(path))


def _write_pages(output: Output, config: PortalConfig, agencies: list[Agency], rows: list[Row],
                 lists: dict[str, list[Listing]]) -> int:
    """The portal's pages and, with a site_url, their sitemap; returns how many."""
    env = environment()
    paths = []
    for page in portal_pages(config, agencies, rows, lists, RowCache(env)):
        output.write(page.file, render(env, page, config))
        paths.append(page.path)
    if config.site_url:
        output.write(SITEMAP_FILE, sitemap_xml(config.site_url, paths))
    return len(paths)


def _published(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_open_data(output: Output, config: PortalConfig, agencies: list[Agency], rows: list[Row],
                     notices: list[Notice], own_feed: str) -> None:
    by_key = {(a.slug, str(d.get("index_no"))): (a, d) for a in agencies for d in a.source.catalogue["documents"]}
    documents = [by_key[(r.agency, r.index_no)] for r in rows]
    updated = max([*(r.published for r in rows[:1]), *(n.changed for n in notices[:1])], default=None)
    output.write(JSON_FILE, catalogue_json(config, agencies, documents, updated, notices))
    output.write(CSV_FILE, catalogue_csv(rows, agencies, notices))
    output.write(FEED_FILE, atom_feed(config, agencies, rows, notices, feed_id=own_feed))
    output.write(AGENCIES_FILE, agencies_json(config, agencies))
