"""Search records kept across builds: an unchanged page's record is read, not made again.

A document's record page (records.extract, then records.page_html) is a pure function of
the page's bytes, and a page whose carry-over key (gkml.build.incremental) is unchanged
has the same bytes; so re-indexing a shard after one edit extracts one record and reads
the others from `<cache>/search-records/<key>.html`. An entry starts with the digest of
its text: a missing, torn or altered entry is made again; entries no page of the build
has any more are pruned.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from gkml.cachedir import write_atomically
from gkml.memo import seal
from gkml.search import records

_KEY = re.compile(r"[0-9a-f]{64}")


def _fresh(site_dir: Path, rel: str) -> str:
    return records.page_html(records.extract((site_dir / rel).read_text("utf-8")))


def _unsealed(entry: str) -> str | None:
    sealed, _, text = entry.partition("\n")
    return text if seal(text) == sealed else None


def record(site_dir: Path, rel: str, cache: Path | None, key: str | None) -> str:
    """The record page of document page `rel`."""
    found = kept(cache, key)
    if found is None:
        found = _fresh(site_dir, rel)
        if cache is not None and key is not None and _KEY.fullmatch(key):
            _file(found, cache / f"{key}.html")
    return found


def kept(cache: Path | None, key: str | None) -> str | None:
    """The record kept for a page with carry-over key `key`, if there is one intact."""
    if cache is None or key is None or not _KEY.fullmatch(key):
        return None
    try:
        return _unsealed((cache / f"{key}.html").read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _file(text: str, entry: Path) -> None:
    try:
        write_atomically(entry, (seal(text) + "\n" + text).encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written only costs time


def prune(cache: Path, keep: Iterable[str]) -> None:
    """Drop the records of pages this build no longer has."""
    wanted = {f"{key}.html" for key in keep}
    try:
        entries = list(os.scandir(cache))
    except OSError:
        return
    for entry in entries:
        if entry.name not in wanted and not entry.name.startswith("."):  # .gitignore is the folder's own
            try:
                os.unlink(entry.path)
            except OSError:
                pass
