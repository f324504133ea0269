"""A lock held while a file stays open: one build of a site, one run of a portal, at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


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
