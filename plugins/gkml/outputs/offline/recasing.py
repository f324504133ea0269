"""A copy's names in other case than its manifest's told by what was renamed: a FAT32 or exFAT
stick, or a tool writing to one, shows SITE for site, and every file below it is then in other
case. One folder renamed back mends them all; listing each file asked a librarian to rename
thousands."""

from __future__ import annotations

from collections.abc import Iterable


def renamed_folders(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Of (the copy's path, the manifest's path) pairs: each folder named in other case, as the copy
    and as the manifest name it, and how many of the files below it are; outermost first, the order
    they are renamed back in."""
    below: dict[tuple[str, str], int] = {}
    for held, listed in pairs:
        held_parts, listed_parts = held.split("/"), listed.split("/")
        for depth in range(min(len(held_parts), len(listed_parts)) - 1):
            if held_parts[depth] != listed_parts[depth]:
                folder = ("/".join(held_parts[: depth + 1]), "/".join(listed_parts[: depth + 1]))
                below[folder] = below.get(folder, 0) + 1
    return sorted(((held, listed, n) for (held, listed), n in below.items()), key=lambda f: (f[0].count("/"), f[0]))


def renamed_itself(held: str, listed: str) -> bool:
    """The file's own name is in other case (FEED.XML), not only a folder above it."""
    return held.rpartition("/")[2] != listed.rpartition("/")[2]
