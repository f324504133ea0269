"""The files below a folder, as sorted relative POSIX paths.

os.scandir, not Path.rglob: a build lists the search bundle's thousands of files more
than once, and rglob makes a Path (and relative_to another) for every one of them."""

from __future__ import annotations

import os
from pathlib import Path


def files_below(folder: Path, prefix: str = "") -> list[str]:
    """Every regular file below `folder` (links to files count; folders that are links
    are not entered), as `prefix` + its path relative to `folder`, sorted."""
    found: list[str] = []

    def walk(path: str, rel: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, rel + entry.name + "/")
                elif entry.is_file():
                    found.append(rel + entry.name)

    if folder.is_dir():
        walk(str(folder), prefix)
    return sorted(found)
