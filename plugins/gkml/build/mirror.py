"""The child of gkml.build.spare.Mirroring: a build's new site linked, page by page, into the
folder that becomes the next build's spare, while the build waits for its search index.

    python -m gkml.build.mirror <site> <new folder>

Exit status 0: the folder is whole; anything else (it raised): the folder is not used.
"""

from __future__ import annotations

import os
import sys

SEARCH_FOLDER = "pagefind"  # gkml.search.pagefind.PAGEFIND_DIR (not imported: this child starts small)


def mirror(source: str, target: str) -> None:
    """Every file below `source` linked into the new folder `target`, but the search bundle
    (still being written; the next build links it whole)."""
    os.mkdir(target)
    folders = [""]
    while folders:
        folder = folders.pop()
        with os.scandir(os.path.join(source, folder) if folder else source) as entries:
            for item in entries:
                rel = f"{folder}/{item.name}" if folder else item.name
                if item.is_dir(follow_symlinks=False):
                    if rel != SEARCH_FOLDER:
                        os.mkdir(os.path.join(target, rel))
                        folders.append(rel)
                elif item.is_file(follow_symlinks=False):
                    os.link(item.path, os.path.join(target, rel))


if __name__ == "__main__":
    mirror(*sys.argv[1:3])  # raises: exit status 1, the folder is not used
