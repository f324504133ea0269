"""A lock held while a file stays open: one build of a site, one run of a portal, one `gkml new` or `gkml import`, at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from gkml.cachedir import ensure


def exclusive(path: Path, waiting: Callable[[], None]) -> BinaryIO | None:
    """The lock `path`, held while the file returned stays open: the system lets it go when the
    process ends, however it ends; `waiting` is told when another holds it. None where it cannot
    be taken (no flock: Windows; a folder that cannot be written)."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        lock = path.open("ab")
    except OSError:
        return None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        waiting()
        fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def exclusive_in_cache(path: Path, waiting: Callable[[], None]) -> BinaryIO | None:
    """`exclusive`, the cache folder holding `path` made first; None where it cannot be (read-only)."""
    try:
        ensure(path.parent)
    except OSError:  # a read-only cache: as without one
        return None
    return exclusive(path, waiting)
