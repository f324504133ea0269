"""Which files of a folder are saved pages, and their identity (hash)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from gkml.content.owners import copied_from, loose

PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml", ".txt", ".asp", ".aspx", ".jsp", ".php")


def source_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def pages_in(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders walked for pages (not into a browser's `_files` folder, not hidden files),
    Explorer's copy of a page (通知 - 副本.html, 通知(1).html) after the page itself, so that the page,
    not its copy, is the one imported and the copy the one told a duplicate ('a - 副本' sorts before 'a.')."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        pages = [item for item in sorted(path.rglob("*"))
                 if item.is_file() and item.suffix.lower() in PAGE_SUFFIXES
                 and not any(part.startswith(".") or part.endswith(("_files", ".files"))
                             for part in item.relative_to(path).parts)]
        names = {loose(item.relative_to(path).as_posix()) for item in pages}
        copies = [item for item in pages if copied_from(item.relative_to(path).as_posix()) in names]
        found += [item for item in pages if item not in copies] + copies
    return found
