"""A site's files hashed in a thread while the build waits for something else (gkml.build.carryover:
a cold build's pages, while its search index is finished), for the manifest to take instead of
reading each file again."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from stat import S_ISREG

from gkml.fingerprint import file_sha256


def identity(stat: os.stat_result) -> tuple[int, int, int]:
    """What tells a file from one written over it or in its place (not its ctime: linking a
    page into the spare changes that)."""
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


class Hashing:
    """The sha256 of files of a site, taken in a thread until stopped. Only files last written
    a while before it started are taken: a file system may stamp times so coarsely that a file
    written again at once would look the same."""

    SETTLED_NS = 1_000_000_000

    def __init__(self, site_dir: Path, dests: list[str]) -> None:
        self._site, self._dests = str(site_dir), dests
        self._before = time.time_ns() - self.SETTLED_NS
        self._found: dict[str, tuple[str, int, int, int]] = {}  # dest -> sha256 and the file's identity
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gkml-hashing", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for dest in self._dests:
            if self._stopping.is_set():
                return
            path = os.path.join(self._site, dest)
            try:
                before = os.stat(path)
                if not S_ISREG(before.st_mode) or before.st_mtime_ns >= self._before:
                    continue
                sha = file_sha256(Path(path))
                if identity(os.stat(path)) == identity(before):  # not written meanwhile
                    self._found[dest] = (sha, *identity(before))
            except OSError:
                continue

    def stop(self) -> dict[str, tuple[str, int, int, int]]:
        self._stopping.set()
        self._thread.join()
        return self._found
