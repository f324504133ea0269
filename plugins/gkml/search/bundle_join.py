"""Bundles joined: the pages of one shard's Pagefind runs read into one bundle as each run
ends (`Joined`), and a bundle updated (`without` the changed pages, `combined` with them
indexed alone). Pages keep their data; only their numbers move (search.bundle)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from gkml.search.bundle import (
    Bundle,
    decoded,
    read,
)
from gkml.search.pffiles import BundleFormatError
from gkml.search.postings import Packed, Postings
from gkml.search.sortorder import with_sorts


def without(bundle: Bundle, urls: Iterable[str]) -> Bundle:
    """The bundle less the pages at `urls` (left out when written: nothing is renumbered here)."""
    gone = set(urls)
    return replace(bundle, dropped=bundle.dropped | {n for n, page in enumerate(bundle.pages) if page.url in gone})


def combined(base: Bundle, added: Bundle) -> Bundle:
    """`base` and `added`'s pages together (their URLs must differ)."""
    _check_joinable(base, added)
    added = decoded(added)
    offset = len(base.pages)
    postings: Postings = {word: found.copy() for word, found in base.postings.items()}
    for word, found in added.postings.items():
        postings.setdefault(word, Packed()).extend(found, offset)
    return replace(base, entry=_joined_entry(base, added), pages=base.pages + added.pages, postings=postings,
                   sort_lists=_joined_sort_lists(base, added), dropped=base.dropped | {n + offset for n in added.dropped})


def _check_joinable(base: Bundle, added: Bundle) -> None:
    if (base.version, base.language) != (added.version, added.language):
        raise BundleFormatError("bundles of different Pagefind versions or languages")
    if {base.pages[n].url for n in base.live()} & {added.pages[n].url for n in added.live()}:
        raise ValueError("a page is in both bundles")


def _joined_entry(base: Bundle, added: Bundle) -> dict[str, Any]:
    return {**base.entry, **{k: v for k, v in added.entry.items() if k != "languages"}}


def _joined_sort_lists(base: Bundle, added: Bundle) -> list[tuple[str, list[int]]]:
    """The sort lists of `added`'s pages numbered after `base`'s (unordered now: write() sorts)."""
    merged: dict[str, list[int]] = {}
    for name, numbers in base.sort_lists:
        merged.setdefault(name, []).extend(numbers)
    for name, numbers in added.sort_lists:
        merged.setdefault(name, []).extend(n + len(base.pages) for n in numbers)
    return list(merged.items())


class Joined:
    """The bundles Pagefind wrote for runs over parts of one shard's pages, read into one as
    each run ends: a part's postings are numbered after the pages read before it as they
    are decoded, and appended (combining the parts two by two copied every posting read
    so far at each run: 16 runs of a 3,900-page shard, 1.7 million postings)."""

    def __init__(self, sorts: Mapping[str, Mapping[str, str]]) -> None:
        self.sorts = sorts  # the pages' sort values (with_sorts)
        self.bundle: Bundle | None = None

    def read(self, folder: Path) -> None:
        whole = self.bundle
        part = with_sorts(read(folder, numbered_from=len(whole.pages) if whole else 0), self.sorts)
        if part.dropped or part.lazy:
            raise BundleFormatError("a run's bundle is Pagefind's own, whole")
        if whole is None:
            self.bundle = part
            return
        _check_joinable(whole, part)
        for word, found in part.postings.items():  # numbered already
            have = whole.postings.get(word)
            if have is None:
                whole.postings[word] = found
            else:
                have.extend(found)
        whole.sort_lists = _joined_sort_lists(whole, part)
        whole.entry = _joined_entry(whole, part)
        whole.pages.extend(part.pages)  # after the sort lists: they number the part's pages after these
