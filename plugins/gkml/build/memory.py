"""Memory the build no longer uses, given back to the system while it waits for the search index."""

from __future__ import annotations

import gc
import sys


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
    results. For a process that exits after its build or check only: a frozen object that becomes
    cyclic garbage is not freed."""
    gc.freeze()
