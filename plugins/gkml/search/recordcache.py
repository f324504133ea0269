"""Search records kept across builds: an unchanged page's record is linked, not made again.

A document's record page (records.extract, then records.page_html) is a pure function of
the page's bytes, and a page whose carry-over key (gkml.build.incremental) is unchanged
has the same bytes; so re-indexing a shard after one edit extracts one record and links
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


def _fresh(site_dir: Path, rel: str, target: Path) -> str:
    text = records.page_html(records.extract((site_dir / rel).read_text("utf-8")))
    target.write_text(text, "utf-8")
    return text


def _unsealed(entry: str) -> str | None:
    sealed, _, text = entry.partition("\n")
    return text if seal(text) == sealed else None


def write_record(site_dir: Path, rel: str, target: Path, cache: Path | None, key: str | None) -> str:
    """Write the record page of document page `rel` at `target`; returns it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if cache is None or key is None or not re.fullmatch(r"[0-9a-f]{64}", key):
        text = _fresh(site_dir, rel, target)
    else:
        entry = cache / f"{key}.html"
        try:
            found = _unsealed(entry.read_text("utf-8"))
        except (OSError, UnicodeDecodeError):
            found = None
        if found is None:
            text = _fresh(site_dir, rel, target)
            _file(text, entry)
        else:
            text = found
            target.write_text(text, "utf-8")
    return text


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
