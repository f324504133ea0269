"""The search index of an incremental build: which shards are carried over from the last
build, the bases of those updated, and what is recorded for the next build.

A shard's key is the keys of its documents' pages (gkml.build.incremental): unchanged
pages, unchanged shard. A carried shard is linked from the last site only while its files
are intact; the script the browser loads (Pagefind's, adapted) is carried with them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from gkml.build.carryover import CarryOver
from gkml.build.links import link_or_copy
from gkml.filetree import files_below
from gkml.fingerprint import digest
from gkml.search import layout, recordcache
from gkml.search.cancelling import Cancellation
from gkml.search.pagefind import PAGEFIND_DIR, SHARDS_JSON
from gkml.search.plan import plan_shards
from gkml.search.shard import Base
from gkml.search.worker import Child, index_in_child
from gkml.site.routes import document_path
from gkml.site.views import Site


def search_shards(site: Site, shard_size: int) -> dict[str, list[str]]:
    """The shards of the published documents' pages, by year (gkml.search.plan)."""
    router = site.routes
    items = [(str(doc.year), router.dest_uri(document_path(doc))) for doc in site.catalogue.published]
    return plan_shards(items, shard_size)


class SearchIndexing:
    """One build's search index in three steps: link the unchanged shards' bundles from
    the last build, index the others in a child process, record them for the next build.

    `bundle_root` is the folder whose pagefind/ receives the bundle: the site itself, or
    (mkdocs serve, gkml.build.preview) a staging folder renamed into the site later."""

    def __init__(self, carry: CarryOver | None, site_dir: Path, shards: Mapping[str, list[str]], cache_dir: Path,
                 bundle_root: Path | None = None) -> None:
        self.carry, self.site_dir, self.shards = carry, site_dir, shards
        self.bundle_root = bundle_root or site_dir
        self.records = cache_dir / "search-records"
        self.layouts = cache_dir / "search-layouts"
        self.keys: dict[str, str | None] = {}
        self.reused: dict[str, dict[str, Any]] = {}
        self.bases: dict[str, Base] = {}

    def reuse(self) -> int:
        """Link the unchanged shards, and the last bundles of the changed ones as bases to
        update (search.shard); afterwards the last build's folder is no longer read."""
        self.choose()
        try:
            self.link_reused()
        except SearchReuseError:  # changed meanwhile: every shard is indexed (the others whole)
            for name in [*self.reused, "browser"]:
                self.carry.groups.pop(f"search:{name}", None)  # type: ignore[union-attr]
            self.reused = {}
        return len(self.reused)

    def choose(self) -> int:
        """Which shards are carried over, and the bases of the others; nothing is written (the
        site folder may still be emptied: link_reused links them once it no longer is)."""
        if self.carry is not None:
            self.keys = {name: _shard_key(self.carry, name, pages) for name, pages in self.shards.items()}
            self.reused = reusable_search_shards(self.carry, self.keys)
            self.bases = search_bases(self.carry, self.shards, self.reused,
                                      self.bundle_root / "bases" if self.bundle_root != self.site_dir else None)
        return len(self.reused)

    def link_reused(self) -> None:
        """Link the files of the shards chosen; raises SearchReuseError if one is no longer intact."""
        if self.carry is None:
            return
        reused = [*self.reused, "browser"] if self.reused else []
        self.carry.drop_prelinked(f"search:{name}" for name in reused)
        for name in reused:
            key = _browser_key(self.carry) if name == "browser" else self.keys[name]
            if not self.carry.reuse_group(f"search:{name}", key, self.bundle_root):
                raise SearchReuseError(name)

    def index(self, on_shard: Callable[[str], None], cancel: Cancellation | None = None,
              written: Iterable[str] | None = None, child: Child | None = None) -> dict[str, object]:
        """`child`: an indexing child started earlier (search.worker.Child), else one is started."""
        out_root = self.bundle_root / "pagefind" if self.bundle_root != self.site_dir else None
        if self.carry is None:
            return index_in_child(self.site_dir, self.shards, on_shard=on_shard, out_root=out_root, cancel=cancel,
                                  written=written, child=child)
        keys = self.carry.keys
        return index_in_child(self.site_dir, self.shards, on_shard=on_shard, reused=self.reused,
                              record_cache=self.records, out_root=out_root, cancel=cancel, bases=self.bases,
                              written=written, layouts=self.layouts, child=child,
                              record_keys={dest: key for name, pages in self.shards.items() if name not in self.reused
                                           for dest in pages if (key := keys.get(dest))})

    def prepare(self) -> None:
        """What record() needs of the last build's shards, taken while the index is made (after
        one edit, 30 ms less once it is)."""
        if self.carry is not None:
            self.known = {name: self.carry.known_files(f"search:{name}") for name in self.shards
                          if name not in self.reused}

    known: dict[str, dict[tuple[int, int], str]] | None = None  # prepare(): by shard

    def record(self) -> None:
        """Record the new shards' files (paths relative to the bundle root, as in the site)."""
        if self.carry is None:
            return
        record_search_shards(self.carry, self.bundle_root, self.keys, self.reused, self.known)

    def prune(self) -> None:
        """Drop the cached layouts and records no shard or page of this build has (after the
        index is recorded; nothing waits for it)."""
        if self.carry is None:
            return
        layout.prune(self.layouts, _shard_metas(self.bundle_root / PAGEFIND_DIR / SHARDS_JSON))
        recordcache.prune(self.records, (self.carry.keys[dest] for pages in self.shards.values()
                                         for dest in pages if dest in self.carry.keys))


def _shard_metas(listing: Path) -> list[str]:
    """The metadata names of the shards listed (an unreadable list: none, so every layout goes)."""
    try:
        return [str(entry["meta"]) for entry in json.loads(listing.read_text("utf-8"))["shards"] if "meta" in entry]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _shard_key(carry: CarryOver, name: str, pages: list[str]) -> str | None:
    """A shard is made from its documents' pages: unchanged page keys, unchanged shard."""
    page_keys = [(dest, carry.keys.get(dest)) for dest in pages]
    if any(key is None for _dest, key in page_keys):
        return None
    return digest(carry.fingerprint, "search-shard", name, page_keys)


def search_bases(carry: CarryOver, shards: Mapping[str, list[str]], reused: Mapping[str, Any],
                 copy_to: Path | None) -> dict[str, Base]:
    """The last build's bundle of each shard to index again, where it is intact, with the
    pages whose records are unchanged. `copy_to`: link the bundles there first (the
    preview moves the last build's folder while the index is made)."""
    bases: dict[str, Base] = {}
    for name, pages in shards.items():
        old = None if name in reused else carry.intact_group(f"search:{name}")
        if old is None or carry.previous is None:
            continue
        folder = carry.previous / "pagefind" / name
        try:
            if copy_to is not None:
                for dest in old[1]:
                    target = copy_to / name / Path(dest).relative_to(Path("pagefind") / name)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    link_or_copy(carry.previous / dest, target)
                folder = copy_to / name
        except (OSError, ValueError):
            continue  # no base: the shard is indexed whole
        unchanged = frozenset(dest for dest in pages if (entry := carry.old.get(dest)) is not None
                              and entry.key == carry.keys.get(dest))
        bases[name] = Base(folder, unchanged)
    return bases


class SearchReuseError(RuntimeError):
    """A search shard chosen to be carried over changed in the last site before it was linked."""


def reusable_search_shards(carry: CarryOver, keys: Mapping[str, str | None]) -> dict[str, dict[str, Any]]:
    """The unchanged search shards whose last bundle is intact, with their shards.json entries
    (read from the last build's list) for the indexer to keep."""
    previous = carry.previous / "pagefind" / "shards.json" if carry.previous else None
    try:
        listed = {entry["name"]: entry for entry in json.loads(previous.read_text("utf-8"))["shards"]} if previous else {}
        version = json.loads(previous.read_text("utf-8"))["pagefind"] if previous else None
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    reused: dict[str, dict[str, Any]] = {}
    for name, key in keys.items():
        old = carry.intact_group(f"search:{name}") if key is not None and name in listed else None
        if old is not None and old[0] == key:
            reused[name] = {**listed[name], "pagefind": version}
    browser = carry.intact_group("search:browser")
    if reused and (browser is None or browser[0] != _browser_key(carry)):
        return {}  # the adapted Pagefind script is needed too; without it, index everything
    return reused


def record_search_shards(carry: CarryOver, site_dir: Path, keys: Mapping[str, str | None],
                         reused: Mapping[str, Any], known: Mapping[str, Mapping[tuple[int, int], str]] | None = None) -> None:
    """`known`: by shard, CarryOver.known_files of its group, taken earlier."""
    root = site_dir / "pagefind"
    for name, key in keys.items():
        if key is not None and name not in reused and (root / name).is_dir():
            files = files_below(root / name, f"pagefind/{name}/")
            carry.record_group(f"search:{name}", key, site_dir, files, (known or {}).get(name))
    browser = root / "gkml-pagefind.js"
    if browser.is_file() and "search:browser" not in carry.groups:
        carry.record_group("search:browser", _browser_key(carry), site_dir, [browser.relative_to(site_dir).as_posix()])


def _browser_key(carry: CarryOver) -> str:
    return digest(carry.fingerprint, "search-browser")
