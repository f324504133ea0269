"""Memory the build no longer uses, given back to the system while it waits for the search index."""

from __future__ import annotations

import ctypes
import sys


def release_free_memory() -> None:
    """glibc keeps the memory a process frees for the process; malloc_trim returns its free
    pages to the system (the search child and Pagefind need them). Elsewhere: nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        trim = ctypes.CDLL(None).malloc_trim  # not in musl
    except (OSError, AttributeError):
        return
    trim(0)
