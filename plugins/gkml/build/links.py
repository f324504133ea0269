"""A file of the last site linked into the new one only while it is the file the manifest
recorded (its size and time, else its bytes): the step the carry-over, the linking child
(gkml.build.linker) and the search's carried shards share; its own module, so the child that
the carry-over starts does not import the carry-over."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from gkml.fingerprint import file_sha256


@dataclass
class Entry:
    key: str
    sha256: str
    size: int
    mtime_ns: int

    def intact(self, path: Path | str) -> bool:
        """`path` is a regular file, not a link, and holds the bytes recorded (one lstat: a
        build checks every file it carries over)."""
        return self.intact_stat(path) is not None

    def intact_stat(self, path: Path | str) -> os.stat_result | None:
        """`path`'s stat when it is intact (see intact), else None."""
        try:
            stat = os.lstat(path)
            return stat if S_ISREG(stat.st_mode) and self._holds(stat, path) else None
        except OSError:
            return None

    def _holds(self, stat: os.stat_result, path: Path | str) -> bool:
        if (stat.st_size, stat.st_mtime_ns) == (self.size, self.mtime_ns):
            return True
        return stat.st_size == self.size and file_sha256(Path(path)) == self.sha256


def link_one(previous: str, site: str, dest: str, entry: Entry, made: set[str], *, replace: bool = False) -> bool:
    """Link `dest` from the previous site into the new one if it is intact; `made`: the
    folders made so far. `replace`: a file already there is unlinked first (never written
    through: it may be a link to the previous site's file)."""
    source, target = os.path.join(previous, dest), os.path.join(site, dest)  # strings: pathlib costs more
    try:
        if not entry.intact(source):
            return False
        parent = os.path.dirname(target)
        if parent not in made:
            _make_folder(parent)
            made.add(parent)
        if replace and os.path.lexists(target):
            os.unlink(target)
        link_or_copy(source, target)
        return True
    except OSError:
        return False


def _make_folder(folder: str) -> None:
    """os.makedirs, in one call when the parent exists (a page's folder: its parent was made
    for the page before it)."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def link_or_copy(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)
