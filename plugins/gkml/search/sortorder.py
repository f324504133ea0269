"""The pages' order in a bundle, as Pagefind sorts them.

Pagefind keeps no sort values, only each sort's order of the pages; gkml numbers the pages
by the first sort's order (search.bundle_write). So a bundle read is given its pages' sort
values (`with_sorts`), checked against the order it was written in, and the writer sorts
by them exactly as Pagefind would (`page_order`, `sorted_by`). Apart from search.bundle
because it is one rule (Pagefind's number-or-string sort) that reading and writing share.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from itertools import pairwise
from typing import Any

from gkml.search.bundle import Bundle, Page
from gkml.search.pffiles import BundleFormatError

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def with_sorts(bundle: Bundle, sorts: Mapping[str, Mapping[str, str]]) -> Bundle:
    """The bundle with its pages' sort values (url -> {sort name: value}), which must be the
    ones its sort lists were made from: the same pages, in an order the values agree with."""
    live = bundle.live()
    pages = list(bundle.pages)
    for n in live:
        pages[n] = replace(pages[n], sort=dict(sorts.get(pages[n].url, {})))
    listed = {name: kept for name, numbers in bundle.sort_lists
              if (kept := [n for n in numbers if n not in bundle.dropped])}
    names = sort_names([pages[n] for n in live])
    if names and names[0] not in listed:  # gkml's layout: the page numbers are the first sort's order
        if page_order([pages[n] for n in live]) != list(range(len(live))):
            raise BundleFormatError("the bundle's page order disagrees with the sort values given")
        listed[names[0]] = live
    if set(listed) != set(names):
        raise BundleFormatError("the sort values given do not match the bundle's sorts")
    for name, numbers in listed.items():
        if sorted(numbers) != [n for n in live if name in pages[n].sort]:
            raise BundleFormatError(f"the sort values given do not match the bundle's sort {name!r}")
        convert = _sort_key([pages[n].sort[name] for n in numbers])
        values = [convert(pages[n].sort[name]) for n in numbers]
        if any(a > b for a, b in pairwise(values)):
            raise BundleFormatError(f"the bundle's sort {name!r} disagrees with the sort values given")
    return replace(bundle, pages=pages)


def _sort_key(values: list[str]) -> Any:
    """Pagefind's: numbers if every value is one, else strings (pagefind/src/index/mod.rs)."""
    if all(_NUMBER.fullmatch(v) for v in values):
        return float
    return str


def sorted_by(pages: list[Page], name: str) -> list[int]:
    """The pages that have sort `name`, by its value (as Pagefind sorts), then URL."""
    convert = _sort_key([page.sort[name] for page in pages if name in page.sort])
    return sorted((n for n, page in enumerate(pages) if name in page.sort),
                  key=lambda n: (convert(pages[n].sort[name]), pages[n].url))


def sort_names(pages: list[Page]) -> list[str]:
    return sorted({name for page in pages for name in page.sort})


def page_order(pages: list[Page]) -> list[int]:
    """The pages by their first sort's value, then URL; pages without it last, by URL."""
    names = sort_names(pages)
    first = sorted_by(pages, names[0]) if names else []
    listed = set(first)
    return first + sorted((n for n in range(len(pages)) if n not in listed), key=lambda n: pages[n].url)
