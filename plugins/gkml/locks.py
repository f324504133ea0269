"""A lock held while a file stays open: one build of a site, one run of a portal, one `gkml new` or `gkml import`, at a time.

POSIX locks the whole file (flock); Windows, which has no flock, locks its first byte (msvcrt.locking).
Either way the system lets the lock go when the process ends, however it ends (a closed console
window, Ctrl+C, a crash): no lock file is ever left behind to be judged stale.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from gkml.cachedir import ensure

POLL = 0.2  # seconds between tries on Windows, whose lock cannot be waited for without a limit
# what msvcrt.locking raises while another process holds the byte: EACCES, or EDEADLOCK (36 on Windows)
_HELD = frozenset({errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)})


class Lock:
    """A lock taken: `close` lets it go (so does the end of the process)."""

    def __init__(self, stream: BinaryIO, unlock: Callable[[], None] | None = None) -> None:
        self._stream, self._unlock = stream, unlock

    def close(self) -> None:
        if self._stream.closed:
            return
        try:
            if self._unlock is not None:
                self._unlock()  # Windows: a byte left locked at close is let go only "eventually"
        except OSError:
            pass
        finally:
            self._stream.close()


def exclusive(path: Path, waiting: Callable[[], None]) -> Lock | None:
    """The lock `path`, held until the returned lock is closed or the process ends; `waiting` is
    told when another holds it. None where it cannot be taken (a folder that cannot be written,
    a file system without locks)."""
    try:
        lock = path.open("ab")
    except OSError:
        return None
    try:
        import fcntl
    except ImportError:
        return _windows(lock, waiting)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        waiting()
        fcntl.flock(lock, fcntl.LOCK_EX)
    return Lock(lock)


def _windows(lock: BinaryIO, waiting: Callable[[], None]) -> Lock | None:
    try:
        import msvcrt
    except ImportError:  # neither: no lock, as on a read-only folder
        lock.close()
        return None
    fd = lock.fileno()
    told = False
    while True:
        os.lseek(fd, 0, os.SEEK_SET)  # locking() locks from where the file stands: always its first byte
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno not in _HELD:  # a share that cannot lock: as without a lock
                lock.close()
                return None
            if not told:
                waiting()
                told = True
            time.sleep(POLL)  # LK_LOCK would give up after ten seconds; a build takes longer
            continue

        def unlock() -> None:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

        return Lock(lock, unlock)


def exclusive_in_cache(path: Path, waiting: Callable[[], None]) -> Lock | None:
    """`exclusive`, the cache folder holding `path` made first; None where it cannot be (read-only)."""
    try:
        ensure(path.parent)
    except OSError:  # a read-only cache: as without one
        return None
    return exclusive(path, waiting)
