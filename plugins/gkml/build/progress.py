"""A one-line progress display for long builds (and `gkml import`), on a terminal only.

Several counters share one line ("生成页面：1200/15000（8%） · 检索分片：2/6（33%）"),
since Pagefind indexes while MkDocs still writes pages. Quiet under
`mkdocs build -q`, when stderr is not a terminal (CI logs, pipes) and when CI
is set, so logs never fill with carriage returns.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from typing import TextIO


class StatusLine:
    def __init__(self, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.counters: list[Progress] = []
        self._shown = 0.0
        self._lock = threading.Lock()

    def counter(self, label: str) -> Progress:
        progress = Progress(label, self)
        self.counters.append(progress)
        return progress

    def show(self, force: bool = False) -> None:
        if not self.enabled:
            return
        with self._lock:
            now = time.monotonic()
            if not force and now - self._shown < 0.2:
                return
            self._shown = now
            parts = [c.text() for c in self.counters if c.total]
            self.stream.write("\r" + " · ".join(parts) + "\033[K")
            if all(c.done >= c.total for c in self.counters if c.total):
                self.stream.write("\n")
                self.counters = []
            self.stream.flush()


class Progress:
    def __init__(self, label: str, line: StatusLine) -> None:
        self.label = label
        self.line = line
        self.total = 0
        self.done = 0

    def start(self, total: int) -> Progress:
        self.total, self.done = total, 0
        return self

    def advance(self, step: int = 1) -> None:
        self.done += step
        if self.total:
            self.line.show(force=self.done >= self.total)

    def text(self) -> str:
        return f"{self.label}：{self.done}/{self.total}（{100 * self.done // self.total}%）"


def interactive(stream: TextIO | None = None) -> bool:
    """Whether a progress line helps: a terminal, and not a CI run."""
    stream = stream or sys.stderr
    try:
        return stream.isatty() and not os.environ.get("CI")
    except (ValueError, OSError):  # closed or detached
        return False


def build_status_line(log: logging.Logger) -> StatusLine:
    """A build's status line: shown on a terminal unless MkDocs was told to be quiet (-q)."""
    return StatusLine(enabled=log.getEffectiveLevel() <= logging.INFO and interactive())
