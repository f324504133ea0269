"""Memory the build no longer uses, given back to the system while it waits for the search index."""

from __future__ import annotations

import gc
import sys
import threading


def release_free_memory() -> None:
    """glibc keeps the memory a process frees for the process; malloc_trim returns its free
    pages to the system (the search child and Pagefind need them). Elsewhere: nothing."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # the build's only: `gkml check` starts without it (settle is all it uses)

    try:
        trim = ctypes.CDLL(None).malloc_trim  # not in musl
    except (OSError, AttributeError):
        return
    trim(0)


def settle() -> None:
    """What the build has made so far lives until it ends (the documents, the catalogue,
    MkDocs' files and the pages' keys): the cyclic collector need not walk it again at every
    full collection (10,000 documents, one edit: four of them, 0.18 s); `gkml check`: its remembered
    results. A frozen object that becomes cyclic garbage is not freed: a process that goes on
    (`mkdocs serve`) gives them back after each rebuild (tidy_later)."""
    gc.freeze()


def tidy_later(delay: float = 3.0) -> None:
    """`mkdocs serve`: what a rebuild settled given back to the collector, and collected, once the
    browser has its page (`delay` seconds on), not on the way to it: settled, a rebuild's own
    collections walk only what it makes (10,000 documents, one save: 1.2 s of 5.7 s in the collector
    unsettled, under load)."""
    timer = threading.Timer(delay, _tidy)
    timer.daemon = True
    timer.start()


def _tidy() -> None:
    gc.unfreeze()
    gc.collect()
