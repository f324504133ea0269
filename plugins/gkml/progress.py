"""A one-line progress display for long builds, on a terminal only.

Quiet under `mkdocs build -q`, when stderr is not a terminal (CI logs, pipes)
and when CI is set, so logs never fill with carriage returns.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, label: str, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total = 0
        self.done = 0
        self._shown = 0.0

    def start(self, total: int) -> Progress:
        self.total, self.done = total, 0
        return self

    def advance(self, step: int = 1) -> None:
        self.done += step
        if not self.enabled or not self.total:
            return
        now = time.monotonic()
        if now - self._shown >= 0.2 or self.done >= self.total:
            self._shown = now
            percent = 100 * self.done // self.total
            self.stream.write(f"\r{self.label}：{self.done}/{self.total}（{percent}%）")
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()


def interactive(stream: TextIO | None = None) -> bool:
    """Whether a progress line helps: a terminal, and not a CI run."""
    stream = stream or sys.stderr
    return stream.isatty() and not os.environ.get("CI")
