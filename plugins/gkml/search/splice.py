"""Update a word's index entry as bytes: rewrite only the blocks of postings a change is in.

Page numbers in a posting list are deltas, so when pages are left out, added or moved,
a word's postings keep their bytes except next to the change: the posting of a page left
out, the one after it (its delta grows), one inserted, and the first one after a point
where the numbering shifts. search.layout knows each word's page numbers and blocks;
`Renumbering.word` decodes and encodes only the blocks holding such postings and copies
the other bytes. After one edit of a 3,900-page shard, ~900 words change, each in a block
or two of `BLOCK` postings, instead of 1.7 million postings encoded again.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from itertools import accumulate, pairwise
from typing import Any

import cbor2

from gkml.search.layout import WordLayout

BLOCK = 32  # postings encoded together (a block is what a change costs to decode and encode)

# A posting as written: (page number, locations, meta locations as Pagefind encodes them)
Raw = tuple[int, list[int], list[int]]


class SpliceError(ValueError):
    """An entry's bytes disagree with its layout."""


def cbor_head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for code, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | code]) + length.to_bytes(size, "big")
    raise ValueError("too long")


def deltas(postings: Sequence[Raw], previous: int = 0) -> list[list[Any]]:
    """Postings as Pagefind writes them: each page number as the step from the one before."""
    numbers = [number for number, _l, _m in postings]
    return [[number - before, locs, meta_locs] for before, (number, locs, meta_locs) in zip([previous, *numbers], postings)]


def _concatenated(items: list[list[Any]]) -> bytes:
    """The items' CBOR one after another (the array's, without its head)."""
    return cbor2.dumps(items)[len(cbor_head(4, len(items))):]


def encoded(word: str, postings: Sequence[Raw]) -> tuple[bytes, WordLayout]:
    """A word's entry without variants, [word, [[delta, locs, meta locs], ...], []], in
    blocks of BLOCK postings (the bytes are cbor2.dumps of the whole entry)."""
    items = deltas(postings)
    head = b"\x83" + cbor2.dumps(word) + cbor_head(4, len(items))
    parts, blocks = [head], array("I")
    for start in range(0, len(items), BLOCK):
        block = items[start:start + BLOCK]
        body = _concatenated(block)
        parts.append(body)
        blocks.extend((len(block), len(body)))
    parts.append(b"\x80")
    return b"".join(parts), WordLayout(len(head), array("I", (number for number, _l, _m in postings)), blocks)


class Renumbering:
    """An update's page numbers: `new_of` maps the numbers of the pages read (below
    `read`) to their numbers now; a page it does not map is left out. The pages kept
    must keep their order (they do: their sort values are unchanged)."""

    def __init__(self, new_of: Mapping[int, int], read: int) -> None:
        self.new = [new_of.get(n, -1) for n in range(read)]
        self.kept_old = [n for n in range(read) if self.new[n] >= 0]
        self.kept_new = [self.new[n] for n in self.kept_old]
        if any(a >= b for a, b in pairwise(self.kept_new)):
            raise ValueError("the pages kept changed their order")
        self.dropped = [n for n in range(read) if self.new[n] < 0]
        self.steps: list[int] = []  # pages from which on the shift (new - old) differs from before
        shift = 0
        for old, new in zip(self.kept_old, self.kept_new, strict=True):
            if new - old != shift:
                self.steps.append(old)
                shift = new - old

    @property
    def changes(self) -> int:
        return len(self.dropped) + len(self.steps)

    def keeps(self, layout: WordLayout) -> bool:
        """The word's entry stays as it is when nothing is added to it: no page is renumbered
        (after an edit, none is) and none of its pages is left out. A bisection a word: an
        edit's update asks it of every word of the shard."""
        if self.steps:
            return False
        pages = layout.pages
        for page in self.dropped:
            i = bisect_left(pages, page)
            if i < len(pages) and pages[i] == page:
                return False
        return True

    def word(self, entry: bytes, layout: WordLayout, added: Sequence[Raw]) -> tuple[bytes, WordLayout] | None:
        """The entry with the pages left out, the others renumbered and `added` (new numbers,
        ascending) inserted; None when no posting is left."""
        pages = layout.pages
        dirty: set[int] = set()
        for page in self.dropped:
            i = bisect_left(pages, page)
            if i < len(pages) and pages[i] == page:
                dirty.update((i, i + 1))
        for page in self.steps:
            dirty.add(bisect_left(pages, page))
        inserts: dict[int, list[Raw]] = {}
        for posting in added:
            j = bisect_right(self.kept_new, posting[0])
            at = len(pages) if j == len(self.kept_old) else bisect_left(pages, self.kept_old[j])
            inserts.setdefault(at, []).append(posting)
        dirty = {i for i in dirty if i < len(pages)}
        if not dirty and not inserts and not self.steps:
            return entry, layout
        starts = list(accumulate(layout.blocks[0::2], initial=0))
        offsets = list(accumulate(layout.blocks[1::2], initial=layout.head))
        count = len(starts) - 1
        touched = sorted({bisect_right(starts, i) - 1 for i in dirty}
                         | {min(bisect_right(starts, i) - 1, count - 1) for i in inserts})
        parts, blocks, numbers = [], array("I"), array("I")
        previous, done = 0, 0
        for block in [*touched, count]:
            if block > done:  # the blocks between: bytes as they are, numbers renumbered
                parts.append(entry[offsets[done]:offsets[block]])
                blocks.extend(layout.blocks[2 * done:2 * block])
                kept = pages[starts[done]:starts[block]]  # no step: every kept page keeps its number
                numbers.extend(kept if not self.steps else map(self.new.__getitem__, kept))
                previous = numbers[-1]
            if block == count:
                break
            start, end = starts[block], starts[block + 1]
            postings = self._kept(entry[offsets[block]:offsets[block + 1]], pages, start, end)
            for at in range(start, end + (block == count - 1)):
                postings.extend(inserts.get(at, ()))
            postings.sort(key=lambda posting: posting[0])
            if postings:
                body = _concatenated(deltas(postings, previous))
                previous = postings[-1][0]
                parts.append(body)
                blocks.extend((len(postings), len(body)))
                numbers.extend(number for number, _l, _m in postings)
            done = block + 1
        if not numbers:
            return None
        prefix = entry[:layout.head - len(cbor_head(4, len(pages)))]  # the entry's array head and the word
        head = prefix + cbor_head(4, len(numbers))
        return b"".join([head, *parts, entry[-1:]]), WordLayout(len(head), numbers, blocks)

    def _kept(self, body: bytes, pages: array, start: int, end: int) -> list[Raw]:
        """A block's postings of pages kept, renumbered (its deltas checked against `pages`)."""
        decoded: list[list[Any]] = cbor2.loads(cbor_head(4, end - start) + body)
        kept, previous = [], pages[start - 1] if start else 0
        for (delta, locs, meta_locs), page in zip(decoded, pages[start:end], strict=True):
            if page - previous != delta:
                raise SpliceError("a word's postings disagree with its layout")
            previous = page
            if (new := self.new[page]) >= 0:
                kept.append((new, locs, meta_locs))
        return kept
