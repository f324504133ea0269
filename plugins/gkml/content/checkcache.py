"""Remembered results of checking one file, so an unchanged file is not parsed again.

A result is reused only for the same path, the same bytes, the same rules (gkml's code
and the profile) and the same answers to every "does this attachment exist" question
the check asked; cross-document rules always run over the whole catalogue, from the
remembered documents. Like git's index, an unchanged size, modification time, change time
and file number stand for unchanged bytes (the change time, which no tool sets back: an
edit whose modification time was put back is seen), except for a file changed moments
before it was remembered (a second change within the clock's resolution keeps them all):
its bytes are hashed next time.
Bodies are not stored: the build reads one from its file when it is first asked for, and
only if the file still holds the bytes checked.

The cache file lives in the project's cache folder (never in the site) and is safe to
delete. It carries the digest of its contents: a corrupt, truncated or foreign file
is never unpickled, only ignored. The files nothing remembers are checked on every core
when there are enough of them (gkml.content.parallel).
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import time
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from gkml.cachedir import write_atomically
from gkml.catalogue.document import Document
from gkml.content.loader import UNREADABLE, FileJob, read_bytes
from gkml.content.parallel import Checked, check_jobs
from gkml.content.problems import Problem, shown_path
from gkml.content.rootpaths import answering
from gkml.content.source import body_text
from gkml.content.validation import FileResult
from gkml.fingerprint import Stamp, digest, settled, tree_digest, versions
from gkml.profile.model import Profile

_MAGIC = b"gkml-check-cache 7\n"
_SEAL = 32  # bytes of sha256
_SHARDS = 32  # files of the cache: an edit rewrites one

# what is kept of one file: plain tuples, which unpickle several times faster than dataclasses
# (size, stamp or None: hash the bytes, sha256, queries, problems, (meta, body_line, lines) or None,
#  the digest of meta or None, notices, the index number of a file with problems)
_Entry = tuple[int, Stamp | None, bytes, tuple[tuple[str, bool], ...], tuple[Problem, ...],
               tuple[dict[str, Any], int, dict[str, int]] | None, str | None, tuple[Problem, ...], str | None]


def _stamp(stamp: Stamp, now_ns: int) -> Stamp | None:
    """The file's times to trust next time, or None (hash the bytes) for a file changed so
    recently that a second change could still keep the same times."""
    return stamp if settled(stamp, now_ns) else None


def _entry(job: FileJob, checked: Checked, now_ns: int) -> _Entry:
    result = checked.result
    doc = result.document
    kept = (dict(doc.meta), doc.body_line, dict(doc.lines)) if doc is not None else None
    return (job.size, _stamp(job.stamp, now_ns), checked.sha256, checked.queries, tuple(result.problems), kept,
            checked.meta_digest, tuple(result.notices), result.index_no)


class SourceChanged(Exception):
    """A document's file changed between its check and the reading of its body (the build
    raises its own kind, which MkDocs tells as one line: gkml.build.checking)."""


class _CheckedBody:
    """A document's body, read from its file when first asked for: only from the bytes that
    were checked (a file saved again during the build would put an unchecked body on the site)."""

    __slots__ = ("body_line", "changed", "path", "sha256")

    def __init__(self, path: str, body_line: int, sha256: bytes, changed: type[SourceChanged]) -> None:
        self.path, self.body_line, self.sha256, self.changed = path, body_line, sha256, changed

    def __call__(self) -> str:
        try:
            data = read_bytes(self.path)
        except OSError:  # renamed, deleted or locked since the check: its page cannot be made from it
            raise self.changed(f"{shown_path(self.path)}：生成网站期间这个文件被改名、移走或删除了，本次未生成网站。"
                                "请确认文件在应在的位置后重新生成。") from None
        if hashlib.sha256(data).digest() != self.sha256:
            raise self.changed(f"{shown_path(self.path)}：生成网站期间这个文件被修改了，为免发布未经检查的内容，本次未生成网站。"
                                "请保存好文件后重新生成。")
        return body_text(data, self.body_line)




def _result(rel: str, entry: _Entry, body: str | Callable[[], str]) -> FileResult:
    kept = entry[5]
    document = Document(rel, kept[0], body, kept[1], kept[2]) if kept is not None else None
    return FileResult(document, list(entry[4]), list(entry[7]), entry[8], entry[3])


def _shard(rel: str) -> int:
    return zlib.crc32(rel.encode("utf-8", "surrogateescape")) % _SHARDS


def _load(path: Path, head: bytes) -> dict[str, _Entry]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(head):
        return {}  # another gkml, another profile, or not a cache file at all
    # a view, not a copy: the cache of 10,000 files is 6 MB
    seal, payload = data[len(head):len(head) + _SEAL], memoryview(data)[len(head) + _SEAL:]
    if hashlib.sha256(payload).digest() != seal:
        return {}  # truncated or altered: never unpickled
    try:
        entries = pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError,
            KeyError, MemoryError, RecursionError):  # sealed, so written by this code: only a bug in it lands here
        return {}
    return entries if isinstance(entries, dict) else {}


def _canonical(entries: dict[str, _Entry]) -> dict[str, _Entry]:
    """The same string as one object (keys, categories, publishers …): pickle then stores
    it once, and the file is smaller and loads faster."""
    seen: dict[str, str] = {}

    def same(value: Any) -> Any:
        if isinstance(value, str):
            return seen.setdefault(value, value)
        if isinstance(value, tuple):
            return tuple(same(item) for item in value)
        return value

    out = {}
    for rel, (size, stamp, sha, queries, problems, kept, meta_digest, notices, index_no) in entries.items():
        if kept is not None:
            meta, body_line, lines = kept
            kept = ({same(k): same(v) for k, v in meta.items()}, body_line, {same(k): v for k, v in lines.items()})
        out[rel] = (size, stamp, sha, queries, problems, kept, meta_digest, notices, index_no)
    return out


class CheckCache:
    def __init__(self, folder: Path, fingerprint: str, *, with_bodies: bool, workers: int = 1,
                 source_changed: type[SourceChanged] = SourceChanged) -> None:
        self.folder = folder
        self.head = _MAGIC + fingerprint.encode("ascii")
        self.with_bodies = with_bodies
        self.source_changed = source_changed  # what a body read from a file changed since its check raises
        self.workers = workers
        self.entries: dict[str, _Entry] = {}
        # plain acyclic data (tuples, dicts, strings, dates): the cyclic collector, set off again and
        # again by the objects unpickled, would walk them all each time (10,000 files: 0.09 → 0.035 s)
        collecting = gc.isenabled()
        gc.disable()
        try:
            for shard in range(_SHARDS):
                self.entries.update(_load(self._path(shard), self.head))
        finally:
            if collecting:
                gc.enable()
        self.fresh: dict[str, _Entry] = {}
        self.changed: set[str] = set()  # files whose entry is new or different
        self.hits = 0

    def _path(self, shard: int) -> Path:
        return self.folder / f"{shard:02d}.pickle"

    def check(self, jobs: Sequence[FileJob], profile: Profile, catalogue_files: Collection[str]) -> Iterator[FileResult]:
        """gkml.content.loader.Checker: remembered results where they hold, the rest checked."""
        exists = answering(catalogue_files)
        now_ns = time.time_ns()
        plan: list[tuple[_Entry, bytes | None] | None] = []
        misses: list[FileJob] = []
        for job in jobs:
            entry = self.entries.get(job.rel)
            data: bytes | None = None
            if entry is not None and (entry[0] != job.size or entry[1] != job.stamp):
                try:
                    data = read_bytes(job.path)
                except OSError:  # deleted or locked since the scan: checked again, which tells it
                    data, entry = None, None
                if data is not None and (len(data) != entry[0] or hashlib.sha256(data).digest() != entry[2]):
                    entry = None
            if entry is not None and (not entry[3] or all(exists(query) == answer for query, answer in entry[3])):
                plan.append((entry, data))
            else:
                plan.append(None)
                misses.append(job)
        checked = check_jobs(misses, profile, catalogue_files, with_bodies=self.with_bodies, workers=self.workers)
        for job, hit in zip(jobs, plan):
            if hit is None:
                result = next(checked)
                if any(problem.code == UNREADABLE for problem in result.result.problems):
                    yield result.result  # not remembered: the file may be back, unchanged, next time
                    continue
                self.fresh[job.rel] = _entry(job, result, now_ns)
                self.changed.add(job.rel)
                yield result.result
                continue
            entry, data = hit
            if entry[1] != job.stamp:  # same bytes, other times (or too recent to trust)
                restamped = (job.size, _stamp(job.stamp, now_ns), *entry[2:])
                if restamped[1] != entry[1]:
                    self.changed.add(job.rel)
                entry = restamped
            self.fresh[job.rel] = entry
            self.hits += 1
            yield _result(job.rel, entry, self._body(entry, job, data))

    def source_digests(self) -> dict[str, str]:
        """The sha256 of each file checked in this run (docs-relative path -> hex)."""
        return {rel: entry[2].hex() for rel, entry in self.fresh.items()}

    def meta_digests(self) -> dict[str, str | None]:
        """The digest of each document's front-matter values checked in this run (docs-relative path ->
        digest; None: not a document, or values without a digest)."""
        return {rel: entry[6] for rel, entry in self.fresh.items()}

    def _body(self, entry: _Entry, job: FileJob, data: bytes | None) -> str | Callable[[], str]:
        if not self.with_bodies or entry[5] is None:
            return ""
        if data is not None:  # read already, to compare
            return body_text(data, entry[5][1])
        return _CheckedBody(job.path, entry[5][1], entry[2], self.source_changed)

    def save(self) -> None:
        """Keep the results of the files seen in this run (a deleted file's result goes).
        Only the shards holding a change are written: one edit rewrites 1/32 of the cache."""
        dirty = {_shard(rel) for rel in self.changed} | {_shard(rel) for rel in self.entries if rel not in self.fresh}
        shards: dict[int, dict[str, _Entry]] = {shard: {} for shard in dirty}
        for rel, entry in self.fresh.items():
            shard = shards.get(_shard(rel))
            if shard is not None:
                shard[rel] = entry
        try:
            for number, entries in sorted(shards.items()):
                payload = pickle.dumps(_canonical(entries), protocol=pickle.HIGHEST_PROTOCOL)
                write_atomically(self._path(number), self.head + hashlib.sha256(payload).digest() + payload)
        except OSError:
            pass  # a read-only project still checks, only slower next time


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def open_check_cache(cache_dir: Path, profile: Profile, *, with_bodies: bool, workers: int = 1,
                     source_changed: type[SourceChanged] = SourceChanged) -> CheckCache:
    """The project's check cache, valid for this gkml (its code) and this profile; files
    it does not remember are checked by up to `workers` processes."""
    package = Path(__file__).resolve().parents[1]
    return CheckCache(cache_dir / "check", digest(versions(), tree_digest([package]), profile),
                      with_bodies=with_bodies, workers=workers, source_changed=source_changed)


class SourceDigests(Mapping[str, str]):
    """The sha256 of each file the check read (CheckCache.source_digests; the check's and the build's memos of what a body holds are keyed by them), made when first asked for:
    after the check."""

    def __init__(self, cache: CheckCache) -> None:
        self.cache = cache
        self.digests: Mapping[str, str] | None = None

    def _made(self) -> Mapping[str, str]:
        if self.digests is None:
            self.digests = self.cache.source_digests()
        return self.digests

    def __getitem__(self, path: str) -> str:
        return self._made()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._made())

    def __len__(self) -> int:
        return len(self._made())
