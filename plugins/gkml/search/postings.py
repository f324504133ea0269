"""A word's postings, as the bundle holds them (search.bundle): packed in int arrays.

A shard's words hold millions of postings, most with a location or two and no meta. As
Python objects (a tuple, a list, an int per location) each cost ~200 bytes, and the
search worker's peak was mostly them; packed, a posting costs 8 bytes and 4 a location.
A posting is made a tuple again only while it is read (`Posting`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

# A posting: (page number, locations, meta locations as (field name, positions) runs).
Runs = tuple[tuple[str, tuple[int, ...]], ...]
Posting = tuple[int, list[int], Runs]

# Pagefind's mark before locations of weight 1 (the body's), -(1 * 24 + 1): it opens their list
BODY_WEIGHT = -25


class Packed(Sequence[Posting]):
    """Postings in page order as made: their page numbers, where each one's locations end in
    `locations`, and the meta runs of the few that have some (title and meta words), by index."""

    __slots__ = ("ends", "locations", "pages", "runs")

    def __init__(self) -> None:
        self.pages = array("i")
        self.ends = array("i")
        self.locations = array("i")
        self.runs: dict[int, Runs] = {}

    def add(self, page: int, locations: Iterable[int], runs: Runs = ()) -> None:
        if runs:
            self.runs[len(self.pages)] = runs
        self.pages.append(page)
        self.locations.extend(locations)
        self.ends.append(len(self.locations))

    def extend(self, postings: Iterable[Posting], offset: int = 0) -> None:
        """Add `postings`, their page numbers moved by `offset`."""
        if not isinstance(postings, Packed):
            for page, locations, runs in postings:
                self.add(page + offset, locations, runs)
            return
        count, located = len(self.pages), len(self.locations)
        self.runs.update((count + n, runs) for n, runs in postings.runs.items())
        self.pages.extend(postings.pages if not offset else array("i", (page + offset for page in postings.pages)))
        self.locations.extend(postings.locations)
        self.ends.extend(postings.ends if not located else array("i", (end + located for end in postings.ends)))

    def copy(self) -> Packed:
        copied = Packed()
        copied.extend(self)
        return copied

    def with_runs(self) -> Iterator[tuple[int, Runs]]:
        """(page number, meta runs) of the postings that have some."""
        return ((self.pages[n], runs) for n, runs in self.runs.items())

    def __len__(self) -> int:
        return len(self.pages)

    @overload
    def __getitem__(self, index: int) -> Posting: ...

    @overload
    def __getitem__(self, index: slice) -> list[Posting]: ...

    def __getitem__(self, index: int | slice) -> Posting | list[Posting]:
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self)))]
        n = range(len(self.pages))[index]
        start = self.ends[n - 1] if n else 0
        return (self.pages[n], self.locations[start:self.ends[n]].tolist(), self.runs.get(n, ()))

    def __iter__(self) -> Iterator[Posting]:
        start, runs, locations = 0, self.runs, self.locations
        for n, (page, end) in enumerate(zip(self.pages, self.ends)):
            yield (page, locations[start:end].tolist(), runs.get(n, ()))
            start = end


# word -> postings; (word, variant) -> the postings of a variant with diacritics that
# Pagefind files under the word without them (café under cafe)
Postings = dict[str | tuple[str, str], Packed]
