"""Stopping an indexing child from another thread (`Cancellation`): the child killed with
the Pagefind process it runs, in its own process group on POSIX, and the indexing told
`Cancelled`: when a build fails (build.search_run), or `mkdocs serve` drops a preview's
index (build.preview).
Apart from search.worker, which runs the child, because it is about ending one: what is
killed and how.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading


class Cancelled(Exception):
    """The indexing was stopped by Cancellation.cancel()."""


class Cancellation:
    """Lets another thread stop an indexing child, and the Pagefind process it runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.process: subprocess.Popen[str] | None = None  # the child, once started
        self.requested = False

    def cancel(self) -> None:
        with self._lock:
            self.requested = True
            if self.process is not None:
                _kill(self.process)

    def attach(self, proc: subprocess.Popen[str]) -> None:
        with self._lock:
            self.process = proc
            if self.requested:
                _kill(proc)


def _kill(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is not None:
        return
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)  # its own process group: Pagefind goes too
        else:
            proc.kill()
    except ProcessLookupError:
        pass
