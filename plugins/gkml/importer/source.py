"""Which files of a folder are saved pages, and their identity (hash)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml", ".txt", ".asp", ".aspx", ".jsp", ".php")


def source_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def pages_in(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders walked for pages (not into a browser's `_files` folder, not hidden files)."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for item in sorted(path.rglob("*")):
            relative = item.relative_to(path).parts
            if (item.is_file() and item.suffix.lower() in PAGE_SUFFIXES
                    and not any(part.startswith(".") or part.endswith(("_files", ".files")) for part in relative)):
                found.append(item)
    return found
