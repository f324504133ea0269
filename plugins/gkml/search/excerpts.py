"""The document's own characters for result excerpts.

The index holds the *normalised* text (search.text), one position per character,
and the browser builds excerpts from it; a reader must see the document's own
characters (，not ``,``, （一）not 〔一〕, ``Latin Words`` not ``latinwords``).
``slots`` aligns each normalised position of a segment with the original text
that produced it; ``original_map`` writes, for a record, only the positions
whose original differs from their normalised character, as a meta value
gkml-search.js reads (``decodeOriginal``).

What a slot shows: the original character (or cluster: a base and its combining
marks) whose normalisation produced this position; the next positions of the
same character (㈠ → 〔一〕) show nothing and belong to it (a match inside them
marks the whole character). A whitespace run after a position shows as one
space (line breaks and paragraph indents are the page's layout, an excerpt is
one line); invisible format and control characters show nothing.

Alignment holds when normalising character by character gives normalise(segment)
(nearly always; not for context-dependent folds, such as Greek final sigma):
otherwise the segment has no slots and its excerpt shows the normalised text.

The value has no letter, digit, emoji or whitespace, so Pagefind 1.5, which
indexes meta values too (pagefind/src/fossick: parse_meta_words), takes no word
from it: the index, the results and their ranking are those without it. It is
``VERSION``, then the bytes below, each byte b written as U+2800 + b (Braille
patterns, category So):

    varint n, then n entries: varint length + UTF-8   the distinct shown slices
    then until the end: varint gap, varint entry       a position's slice

Positions are those of the token stream (text.layout): the first is its gap,
each next one the previous + 1 + its gap. Entry text ``" "`` alone means "the normalised
character itself, then a space"; any other entry is shown as it is ("" for the
next positions of one character). A record without the value (an older bundle)
shows the normalised text, as before.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from gkml.search.text import layout, normalise

META_KEY = "orig"
VERSION = "\u2801"  # format 1
_BRAILLE = 0x2800
_SPACE_AFTER = " "


def _clusters(text: str) -> Iterable[str]:
    """A base character with the combining marks after it."""
    start = 0
    for i in range(1, len(text)):
        c = text[i]
        if unicodedata.category(c)[0] != "M":
            yield text[start:i]
            start = i
    if text:
        yield text[start:]


_NORMAL: dict[str, str] = {}


def _normal(cluster: str) -> str:
    found = _NORMAL.get(cluster)
    if found is None:
        found = normalise(cluster)
        if len(cluster) == 1:
            _NORMAL[cluster] = found
    return found


def slots(segment: str) -> list[str] | None:
    """Per normalised position of `segment`, the original text it shows; None: no alignment.

    A slot ending in one space is followed by whitespace; "" continues the character before.
    """
    out: list[str] = []
    produced: list[str] = []
    for cluster in _clusters(segment):
        normal = _normal(cluster)
        if not normal:
            if out and cluster[0].isspace() and not out[-1].endswith(" "):
                out[-1] += " "
            continue
        produced.append(normal)
        out.append(cluster)
        out.extend([""] * (len(normal) - 1))
    if "".join(produced) != normalise(segment):
        return None
    if out and out[-1].endswith(" "):
        out[-1] = out[-1][:-1]
    return out


def _varint(n: int, into: bytearray) -> None:
    while n >= 0x80:
        into.append(n & 0x7F | 0x80)
        n >>= 7
    into.append(n)


def original_map(segments: Iterable[str]) -> str:
    """The meta value: where the excerpt segments' original differs from their normalised text ("" if nowhere)."""
    entries: dict[str, int] = {}
    records: list[tuple[int, int]] = []
    for start, segment, text in layout(segments):
        shown = slots(segment)
        if shown is None:
            continue
        for i, (normal, original) in enumerate(zip(text, shown)):
            if original == normal:
                continue
            entry = _SPACE_AFTER if original == normal + " " else original
            records.append((start + i, entries.setdefault(entry, len(entries))))
    if not records:
        return ""
    data = bytearray()
    _varint(len(entries), data)
    for entry in entries:  # insertion order is the index order
        raw = entry.encode("utf-8")
        _varint(len(raw), data)
        data += raw
    last = -1
    for position, index in records:
        _varint(position - last - 1, data)
        _varint(index, data)
        last = position
    return VERSION + "".join(chr(_BRAILLE + b) for b in data)
