"""gkml's scripts as sites serve them: minified, while the repository keeps them readable.

The search script is most of what a reader's first search downloads before the index
(55 KB with its comments, 34 KB minified); not every host compresses scripts. rjsmin
removes comments and whitespace only, so the code that runs is the code reviewed.
"""

from __future__ import annotations

from pathlib import Path

from rjsmin import jsmin


def served(path: Path) -> bytes:
    """The bytes a site serves for the asset at `path`: scripts minified, anything else as it is."""
    data = path.read_bytes()
    if path.suffix != ".js":
        return data
    return jsmin(data.decode("utf-8")).encode("utf-8")
