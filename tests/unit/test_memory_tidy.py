"""`mkdocs serve` settles what each rebuild makes (kept out of the collector's walks, as `mkdocs
build` does) and gives it back after the rebuild: garbage a rebuild left in cycles is freed, not
kept for as long as the preview runs."""

from __future__ import annotations

import gc
import time
import weakref

from gkml.build.memory import settle, tidy_later


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def _settled_cycle() -> weakref.ref[_Node]:
    node = _Node()
    ref = weakref.ref(node)
    settle()
    del node
    return ref


def test_a_settled_cycle_is_freed_once_the_rebuild_is_tidied() -> None:
    try:
        ref = _settled_cycle()
        gc.collect()
        assert ref() is not None  # settled: no collection walks it
        tidy_later(0)
        deadline = time.monotonic() + 30  # a hang guard
        while ref() is not None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert ref() is None
    finally:
        gc.unfreeze()
