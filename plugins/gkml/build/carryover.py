"""Incremental builds: outputs whose inputs are unchanged are carried over, not rebuilt.

Each output file of a build (a page, an attachment, a search shard's files) has a key:
a digest of everything it is made from. The manifest of the last successful build
(`<cache>/<site>.json`, outside the site) maps output paths to keys and to the sha256
of the bytes written. An output is carried over when its key is unchanged and the
previous site still holds those exact bytes; it is then hard-linked into the new site
instead of being rendered. Anything else (no manifest, a changed key, a file edited
or missing in the old site, a corrupt manifest) is simply rebuilt: the cache can cost
time, never correctness. Deleting the cache folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_VERSION = 1


def file_sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


@dataclass
class Entry:
    key: str
    sha256: str
    size: int
    mtime_ns: int

    def matches(self, path: Path) -> bool:
        """The file still holds the bytes recorded (same stat, or failing that the same digest)."""
        stat = path.stat()
        if (stat.st_size, stat.st_mtime_ns) == (self.size, self.mtime_ns):
            return True
        return stat.st_size == self.size and file_sha256(path) == self.sha256


@dataclass
class CarryOver:
    manifest_path: Path
    previous: Path | None  # the last successful output folder, if any
    fingerprint: str
    old: dict[str, Entry] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # this build: output path -> key
    carried: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, manifest_path: Path, previous: Path | None, fingerprint: str) -> CarryOver:
        cache = cls(manifest_path, previous if previous and previous.is_dir() else None, fingerprint)
        try:
            data = json.loads(manifest_path.read_text(encoding="utf-8"))
            if data.get("version") == MANIFEST_VERSION and data.get("fingerprint") == fingerprint:
                cache.old = {path: Entry(*entry) for path, entry in data["outputs"].items()}
        except (OSError, ValueError, TypeError, KeyError):
            cache.old = {}  # no usable manifest: everything is built
        return cache

    def reusable(self, dest: str, key: str) -> bool:
        """Record `dest`'s key; True when the previous site's file can stand in for it."""
        self.keys[dest] = key
        entry = self.old.get(dest)
        if entry is None or entry.key != key or self.previous is None:
            return False
        self.carried.append(dest)
        return True

    def link_into(self, site_dir: Path) -> list[str]:
        """Hard-link (or copy) every carried file into `site_dir`; returns the ones that
        turned out unusable (changed or missing in the old site) and must be built."""
        assert self.previous is not None or not self.carried
        failed = []
        made: set[Path] = set()
        for dest in self.carried:
            source = self.previous / dest  # type: ignore[operator]
            target = site_dir / dest
            try:
                if source.is_symlink() or not source.is_file() or not self.old[dest].matches(source):
                    failed.append(dest)
                    continue
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                _link_or_copy(source, target)
            except OSError:
                failed.append(dest)
        if failed:
            self.carried = [d for d in self.carried if d not in set(failed)]
        return failed

    def save(self, site_dir: Path) -> None:
        """Record this build's outputs (only those with a key) for the next build."""
        outputs = {}
        carried = set(self.carried)
        for dest, key in sorted(self.keys.items()):
            path = site_dir / dest
            if path.is_file():
                stat = path.stat()
                sha = self.old[dest].sha256 if dest in carried else file_sha256(path)
                outputs[dest] = [key, sha, stat.st_size, stat.st_mtime_ns]
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.manifest_path.with_suffix(".tmp")
        temp.write_text(json.dumps({"version": MANIFEST_VERSION, "fingerprint": self.fingerprint, "outputs": outputs},
                                   ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temp, self.manifest_path)

    def forget(self) -> None:
        """A failed build: the next one must not trust anything it did not verify."""
        self.manifest_path.unlink(missing_ok=True)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)
