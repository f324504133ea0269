"""Incremental builds: outputs whose inputs are unchanged are carried over, not rebuilt.

Each output file of a build (a page, an attachment, a search shard's files) has a key:
a digest of everything it is made from. The manifest of the last successful build
(`<cache>/outputs-<digest of the site folder's path>.json`, outside the site;
gkml.build.incremental.manifest_path) maps output paths to keys and to the sha256 of the
bytes written. An output is carried over when its key is unchanged and the previous site
still holds those exact bytes; it is then hard-linked into the new site instead of being
rendered. Anything else (no manifest, a changed key, a file edited
or missing in the old site, a corrupt manifest) is simply rebuilt: the cache can cost
time, never correctness. Deleting the cache folder is always safe.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from gkml.build.atomic import discard
from gkml.build.hashing import Hashing, identity
from gkml.build.linker import SEARCH_GROUPS, Linking
from gkml.build.links import Entry, link_one
from gkml.cachedir import write_atomically
from gkml.fingerprint import file_sha256

MANIFEST_VERSION = 2
LINK_IN_CHILD = 2000  # outputs of the last build from which carried files are linked by a child (gkml.build.linker)


@dataclass
class Prelinked:
    """The search groups' files the linker child linked ahead (gkml.build.linker) into
    `site_dir`, by group: each checked intact as it was linked."""

    site_dir: Path
    groups: dict[str, set[str]] = field(default_factory=dict)

    def holds(self, name: str, files: Iterable[str], site_dir: Path) -> bool:
        """Every one of `files` of group `name` is linked ahead into `site_dir`."""
        return site_dir == self.site_dir and self.groups.get(name, set()).issuperset(files)

    def drop_all_but(self, kept: set[str]) -> None:
        site = str(self.site_dir)
        for name, files in self.groups.items():
            if name not in kept:
                for dest in files:
                    _remove(site, dest, prune=True)
        self.groups = {name: files for name, files in self.groups.items() if name in kept}


@dataclass
class CarryOver:
    manifest_path: Path
    previous: Path | None  # the last successful output folder, if any
    fingerprint: str
    old: dict[str, Entry] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # this build: output path -> key
    carried: list[str] = field(default_factory=list)
    # Groups: several files made together from one key (open data, a search shard).
    old_groups: dict[str, tuple[str, dict[str, Entry]]] = field(default_factory=dict)
    groups: dict[str, tuple[str, dict[str, Entry]]] = field(default_factory=dict)
    prelinked: Prelinked | None = None  # the search groups' files the linker linked ahead

    @classmethod
    def open(cls, manifest_path: Path, previous: Path | None, fingerprint: str) -> CarryOver:
        cache = cls(manifest_path, previous if previous and previous.is_dir() else None, fingerprint)
        try:
            data = json.loads(manifest_path.read_text(encoding="utf-8"))
            if data.get("version") == MANIFEST_VERSION and data.get("fingerprint") == fingerprint:
                cache.old = {path: Entry(*entry) for path, entry in data["outputs"].items()}
                cache.old_groups = {name: (key, {path: Entry(key, *entry) for path, entry in files.items()})
                                    for name, (key, files) in data["groups"].items()}
        except (OSError, ValueError, TypeError, KeyError):
            cache.old = {}  # no usable manifest: everything is built
        return cache

    def reusable(self, dest: str, key: str, linking: Linking | None = None) -> bool:
        """Record `dest`'s key; True when the previous site's file can stand in for it (then
        `linking` is given it to link)."""
        self.keys[dest] = key
        entry = self.old.get(dest)
        if entry is None or entry.key != key or self.previous is None:
            return False
        self.carried.append(dest)
        if linking is not None:
            linking.add(dest, entry)
        return True

    def start_linking(self, site_dir: Path, at_least: int = LINK_IN_CHILD) -> Linking | None:
        """A child to link the carried files into `site_dir` as they are found (None: fewer
        than `at_least` outputs last time, or no previous site; link_into links them)."""
        if self.previous is None or len(self.old) < at_least:
            return None
        try:
            return Linking(self.previous, site_dir)
        except OSError:
            return None

    def link_into(self, site_dir: Path, linking: Linking | None = None) -> list[str]:
        """Hard-link (or copy) every carried file into `site_dir`, or wait for `linking` to
        have done so; returns the ones that turned out unusable (changed or missing in the
        old site) and must be built."""
        assert self.previous is not None or not self.carried
        if linking is not None and linking.ahead:
            return self._linked_ahead(site_dir, linking.finish())
        failed = linking.finish() if linking is not None else None
        if failed is None:  # linked here (a child that failed may have linked some: done again)
            made: set[str] = set()
            previous, site = str(self.previous), str(site_dir)
            failed = [dest for dest in self.carried
                      if not link_one(previous, site, dest, self.old[dest], made, replace=linking is not None)]
        if failed:
            gone = set(failed)
            self.carried = [d for d in self.carried if d not in gone]
        return failed

    def _linked_ahead(self, site_dir: Path, linked: list[str] | None) -> list[str]:
        """The files linked before their keys were known (gkml.build.linker, ahead): those not
        carried over are removed before anything is written into the site (a page rendered
        into one would be written through the link into the last site). Returns the carried
        files that were not linked (changed or missing in the old site)."""
        carried = set(self.carried)
        grouped = {dest: name for name, (_key, files) in self.old_groups.items() if name.startswith(SEARCH_GROUPS)
                   for dest in files}
        stray = None if linked is None else [dest for dest in linked if dest not in carried and dest not in grouped]
        if stray is None or len(stray) > len(carried):  # cheaper to start from an empty folder
            _empty(site_dir)
            return self.link_into(site_dir)
        self.prelinked = Prelinked(site_dir)
        for dest in linked or ():
            if (name := grouped.get(dest)) is not None:
                self.prelinked.groups.setdefault(name, set()).add(dest)
        site = str(site_dir)
        for dest in stray:
            _remove(site, dest, prune=dest not in self.keys)  # an output of this build: its folder stays
        failed = carried - set(linked or ())
        if failed:
            self.carried = [dest for dest in self.carried if dest not in failed]
        return sorted(failed)

    def intact_group(self, name: str) -> tuple[str, dict[str, Entry]] | None:
        """The last build's group `name` (key, files) when the previous site still holds every
        file of it as recorded; None otherwise."""
        old = self.old_groups.get(name)
        if old is None or self.previous is None:
            return None
        previous = str(self.previous)
        if not all(entry.intact(os.path.join(previous, dest)) for dest, entry in old[1].items()):
            return None
        return old

    def reuse_group(self, name: str, key: str, site_dir: Path) -> bool:
        """Link a group's files from the previous site when its key is unchanged and every
        file is intact; False means the caller makes them (and records them)."""
        old = self.old_groups.get(name)
        if old is None or old[0] != key or self.previous is None:
            return False
        if self.prelinked is not None and self.prelinked.holds(name, old[1].keys(), site_dir):
            self.groups[name] = old  # every file linked ahead, each intact then
            return True
        made: set[str] = set()
        previous, site = str(self.previous), str(site_dir)
        linked: list[str] = []
        for dest, entry in old[1].items():
            if not link_one(previous, site, dest, entry, made, replace=True):  # not intact: all or none
                for done in linked:
                    os.unlink(os.path.join(site, done))
                return False
            linked.append(dest)
        self.groups[name] = old
        return True

    def drop_prelinked(self, keep: Iterable[str]) -> None:
        """Unlink the files linked ahead of the groups not in `keep` (not carried over: their
        shards are written anew, into folders that must not hold a link to the last site)."""
        if self.prelinked is not None:
            self.prelinked.drop_all_but(set(keep))

    def known_files(self, name: str) -> dict[tuple[int, int], str]:
        """The sha256 of group `name`'s last files still intact, by file (device, number): a
        file of this build that is a link to one of them need not be read."""
        known: dict[tuple[int, int], str] = {}
        old = self.old_groups.get(name)
        if old is not None and self.previous is not None:
            previous = str(self.previous)
            for dest, entry in old[1].items():
                stat = entry.intact_stat(os.path.join(previous, dest))
                if stat is not None and stat.st_ino:  # 0: a file system without file numbers
                    known[(stat.st_dev, stat.st_ino)] = entry.sha256
        return known

    def record_group(self, name: str, key: str, site_dir: Path, files: Iterable[str],
                     known: Mapping[tuple[int, int], str] | None = None) -> None:
        """Record the files of group `name`; a file that is a link to one of the group's last
        files, still intact, is not read again (an updated search shard links most of them).
        `known`: known_files(name), taken earlier."""
        known = self.known_files(name) if known is None else known
        entries = {}
        site = str(site_dir)
        for dest in files:
            path = os.path.join(site, dest)
            stat = os.stat(path)
            sha = known.get((stat.st_dev, stat.st_ino)) or file_sha256(Path(path))
            entries[dest] = Entry(key, sha, stat.st_size, stat.st_mtime_ns)
        self.groups[name] = (key, entries)

    def digests(self) -> dict[str, str]:
        """The sha256 of every file of this build's groups (taken once, when recorded or verified)."""
        return {dest: entry.sha256 for _key, files in self.groups.values() for dest, entry in files.items()}

    def hash_ahead(self, site_dir: Path) -> Hashing:
        """Start hashing this build's own outputs written so far (a cold build waits for its
        search index meanwhile: at 100,000 documents, save() spent 10.8 s hashing)."""
        carried = set(self.carried)
        return Hashing(site_dir, [dest for dest in self.keys if dest not in carried])

    def save(self, site_dir: Path, hashed: Hashing | None = None) -> None:
        """Record this build's outputs (only those with a key) for the next build. `hashed`:
        what hash_ahead found (stopped first; a file changed since is hashed again)."""
        outputs = {}
        carried = set(self.carried)
        site = str(site_dir)
        ahead = hashed.stop() if hashed is not None else {}
        for dest, key in sorted(self.keys.items()):
            if dest in carried:  # a link to the last site's file, checked intact: its entry holds
                old = self.old[dest]
                outputs[dest] = [key, old.sha256, old.size, old.mtime_ns]
                continue
            path = os.path.join(site, dest)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            if S_ISREG(stat.st_mode):
                known = ahead.get(dest)
                sha = known[0] if known is not None and known[1:] == identity(stat) else file_sha256(Path(path))
                outputs[dest] = [key, sha, stat.st_size, stat.st_mtime_ns]
        groups = {name: [key, {dest: [e.sha256, e.size, e.mtime_ns] for dest, e in files.items()}]
                  for name, (key, files) in sorted(self.groups.items())}
        write_atomically(self.manifest_path, json.dumps(
            {"version": MANIFEST_VERSION, "fingerprint": self.fingerprint, "outputs": outputs, "groups": groups},
            ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def forget(self) -> None:
        """A failed build: the next one must not trust anything it did not verify."""
        self.manifest_path.unlink(missing_ok=True)


def _remove(site: str, dest: str, *, prune: bool) -> None:
    """Remove `dest` from the site; `prune`: and the folders it leaves empty."""
    os.unlink(os.path.join(site, dest))
    folder = os.path.dirname(dest) if prune else ""
    while folder:
        try:
            os.rmdir(os.path.join(site, folder))
        except OSError:  # not empty (or gone)
            return
        folder = os.path.dirname(folder)


def _empty(folder: Path) -> None:
    """An empty `folder` in place of this one, at once (the old one is deleted in the background)."""
    discard(folder)
    folder.mkdir(parents=True, exist_ok=True)
