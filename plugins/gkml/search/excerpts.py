"""The document's own characters for result excerpts.

The index holds the *normalised* text (search.text), one position per character,
and the browser builds excerpts from it; a reader must see the document's own
characters (，not ``,``, （一）not 〔一〕, ``Latin Words`` not ``latinwords``).
``differences`` aligns the normalised positions of a segment with the original
text that produced them and keeps those where the two differ (``differences``);
``original_map`` writes them, for a record, as a meta value
gkml-search.js reads (``decodeOriginal``).

What a slot shows: the original character (or cluster: a base and its combining
marks) whose normalisation produced this position; the next positions of the
same character (㈠ → 〔一〕) show nothing and belong to it (a match inside them
marks the whole character). A whitespace run after a position shows as one
space (line breaks and paragraph indents are the page's layout, an excerpt is
one line); invisible format and control characters show nothing.

Alignment holds when normalising character by character gives normalise(segment)
(nearly always; not for context-dependent folds, such as Greek final sigma):
otherwise the segment has no differences and its excerpt shows the normalised text.

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

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from gkml.search.text import Laid, layout, normalise

# Sorts after every other meta key: Pagefind numbers meta fields in key order, so the
# others keep their numbers and the word index is byte for byte the one without it.
META_KEY = "\uff59orig"
VERSION = "\u2801"  # format 1
_BRAILLE = 0x2800
_SPACE_AFTER = " "


def _ranges(codepoints: Iterable[int]) -> str:
    ranges: list[list[int]] = []
    for cp in codepoints:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


@cache
def _changed() -> re.Pattern[str]:
    """What normalisation changes: a base with combining marks, or a character that is not
    its own normalisation (every character beyond the BMP, to be safe). The rest, nearly
    all of a Chinese text, is skipped in runs."""
    bmp = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
    marks = _ranges(ord(c) for c in bmp if unicodedata.category(c)[0] == "M")
    changed = _ranges(ord(c) for c in bmp if unicodedata.category(c)[0] != "M" and normalise(c) != c)
    # A run of whitespace is one match (a page's indentation: most matches, one by one): it shows
    # as one space, as each of its characters would; not the last before a mark (its cluster's).
    spaces = _ranges(map(ord, sorted(_spaces())))
    return re.compile(f"[{spaces}]+(?![{marks}])|[^{marks}][{marks}]+|[{changed}\\U00010000-\\U0010ffff]")


@cache
def _spaces() -> frozenset[str]:
    """Whitespace normalisation drops (all of it)."""
    return frozenset(c for c in map(chr, range(0x10000)) if c.isspace() and normalise(c) == "")


def prepare() -> None:
    """Scan the character tables now (60 ms): a process that waits before its first record
    (the indexing child, while the parent checks the documents) does it then, not after an
    edit's page is written."""
    _changed()


_NORMAL: dict[str, str] = {}


def _normal(cluster: str) -> str:
    found = _NORMAL.get(cluster)
    if found is None:
        found = normalise(cluster)
        if len(cluster) == 1:
            _NORMAL[cluster] = found
    return found


def differences(segment: str, text: str) -> dict[int, str] | None:
    """Positions of `text` (= normalise(segment)) whose shown original is not the character
    there: position -> what it shows (see the module docstring); None: no alignment."""
    shown: dict[int, str] = {}
    produced: list[str] = []
    position = at = 0
    spaces = _spaces()
    for found in _changed().finditer(segment):
        run = segment[at:found.start()]  # characters that are their own normalisation
        produced.append(run)
        position += len(run)
        at = found.end()
        cluster = found.group()
        normal = "" if cluster[-1] in spaces else _normal(cluster)  # a run of spaces, or one
        if normal:
            produced.append(normal)
            if cluster != normal:
                shown[position] = cluster
                shown.update((position + k, "") for k in range(1, len(normal)))
            position += len(normal)
        elif cluster[0].isspace() and position:
            owner = position - 1
            while shown.get(owner) == "":  # after ㈠ (〔一〕): the space follows ㈠ itself
                owner -= 1
            before = shown.get(owner, text[owner] if owner < len(text) else "")
            if not before.endswith(" "):
                shown[owner] = before + " "
    produced.append(segment[at:])
    if "".join(produced) != text:
        return None
    last = len(text) - 1
    while last >= 0 and shown.get(last) == "":
        last -= 1
    if shown.get(last, "").endswith(" "):  # nothing follows: no space
        shown[last] = shown[last][:-1]
        if shown[last] == text[last]:
            del shown[last]
    return shown


def _varint(n: int, into: bytearray) -> None:
    while n >= 0x80:
        into.append(n & 0x7F | 0x80)
        n >>= 7
    into.append(n)


def original_map(segments: Iterable[str], *, laid: Iterable[Laid] | None = None) -> str:
    """The meta value: where the excerpt segments' original differs from their normalised text ("" if nowhere).
    `laid`: layout(segments), when the caller has it."""
    entries: dict[str, int] = {}
    records: list[tuple[int, int]] = []
    for start, segment, text in layout(segments) if laid is None else laid:
        shown = differences(segment, text)
        for i, original in sorted((shown or {}).items()):
            entry = _SPACE_AFTER if original == text[i] + " " else original
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
