"""Remembered results of checking one file, so an unchanged file is not parsed again.

A result is reused only for the same path, the same bytes, the same rules (gkml's code
and the profile) and the same answers to every "does this attachment exist" question
the check asked; cross-document rules always run over the whole catalogue. Like git's
index, an unchanged size and modification time stand for unchanged bytes; otherwise
the bytes are hashed. Bodies are not stored: the build reads them again from the file.
The cache file lives in the project's cache folder (never in the site) and is safe to
delete; a corrupt or foreign one is ignored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gkml.cachedir import write_atomically
from gkml.content.source import body_text
from gkml.content.validation import FileResult, check_file
from gkml.fingerprint import digest, tree_digest, versions
from gkml.profile.model import Profile

Exists = Callable[[str], bool]
_FORMAT = 2


@dataclass(frozen=True)
class _Entry:
    size: int
    mtime_ns: int
    sha256: bytes
    result: FileResult  # its document without the body
    queries: tuple[tuple[str, bool], ...]  # what `exists` answered while checking


class CheckCache:
    def __init__(self, path: Path, fingerprint: str, *, with_bodies: bool) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.with_bodies = with_bodies
        self.entries: dict[str, _Entry] = {}
        self.fresh: dict[str, _Entry] = {}
        self.hits = 0
        try:
            with path.open("rb") as stream:
                stored = pickle.load(stream)
            if stored.get("format") == _FORMAT and stored.get("fingerprint") == fingerprint:
                self.entries = stored["entries"]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError,
                IndexError, KeyError):
            self.entries = {}

    def check(self, rel: str, path: Path, profile: Profile, exists: Exists) -> FileResult:
        stat = path.stat()
        entry = self.entries.get(rel)
        data: bytes | None = None
        if entry is not None and (entry.size, entry.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
            data = path.read_bytes()
            if hashlib.sha256(data).digest() != entry.sha256:
                entry = None
        if entry is not None and all(exists(q) == answer for q, answer in entry.queries):
            self.fresh[rel] = dataclasses.replace(entry, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
            self.hits += 1
            return self._with_body(entry.result, path, data)
        data = data if data is not None else path.read_bytes()
        queries: list[tuple[str, bool]] = []

        def recording(query: str) -> bool:
            answer = exists(query)
            queries.append((query, answer))
            return answer

        result = check_file(rel, data, profile, recording)
        stored = result
        if result.document is not None:
            stored = dataclasses.replace(result, document=dataclasses.replace(result.document, body=""))
        self.fresh[rel] = _Entry(stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).digest(), stored, tuple(queries))
        return result

    def _with_body(self, result: FileResult, path: Path, data: bytes | None) -> FileResult:
        if not self.with_bodies or result.document is None:
            return result
        body = body_text(data if data is not None else path.read_bytes(), result.document.body_line)
        return dataclasses.replace(result, document=dataclasses.replace(result.document, body=body))

    def save(self) -> None:
        """Keep the results of the files seen in this run (a deleted file's result goes)."""
        if self.fresh == self.entries:
            return
        try:
            write_atomically(self.path, pickle.dumps({"format": _FORMAT, "fingerprint": self.fingerprint,
                                                      "entries": self.fresh}, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a read-only project still checks, only slower next time


def open_check_cache(cache_dir: Path, profile: Profile, *, with_bodies: bool) -> CheckCache:
    """The project's check cache, valid for this gkml (its code) and this profile."""
    package = Path(__file__).resolve().parents[1]
    return CheckCache(cache_dir / "check.pickle", digest(versions(), tree_digest([package]), profile),
                      with_bodies=with_bodies)
