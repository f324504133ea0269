"""A word's postings, as the bundle holds them (search.bundle)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload

# A posting: (page number, locations, meta locations as (field name, positions) runs).
Posting = tuple[int, list[int], tuple[tuple[str, tuple[int, ...]], ...]]

# Pagefind's mark before locations of weight 1 (the body's), -(1 * 24 + 1): it opens their list
BODY_WEIGHT = -25


class Singles(Sequence[Posting]):
    """A word's postings of one body location and no meta each, as two int arrays (a character
    word's: search.charwords), not three Python objects a posting."""

    __slots__ = ("locations", "pages")

    def __init__(self) -> None:
        self.pages = array("i")
        self.locations = array("i")

    def add(self, page: int, location: int) -> None:
        self.pages.append(page)
        self.locations.append(location)

    def __len__(self) -> int:
        return len(self.pages)

    @overload
    def __getitem__(self, index: int) -> Posting: ...

    @overload
    def __getitem__(self, index: slice) -> list[Posting]: ...

    def __getitem__(self, index: int | slice) -> Posting | list[Posting]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return (self.pages[index], [BODY_WEIGHT, self.locations[index]], ())

    def __iter__(self) -> Iterator[Posting]:
        for page, location in zip(self.pages, self.locations):
            yield (page, [BODY_WEIGHT, location], ())


# word -> postings; (word, variant) -> the postings of a variant with diacritics that
# Pagefind files under the word without them (café under cafe)
Postings = dict[str | tuple[str, str], list[Posting] | Singles]
