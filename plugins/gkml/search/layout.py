"""Where each word's postings are in a bundle gkml wrote: kept beside the build, not published.

An index chunk is CBOR; finding one page's posting in it means decoding the whole word,
and the common words of a shard hold ~1.7 million postings. So when search.bundle writes
a bundle it also writes its layout (`<cache>/search-layouts/<metadata name>`): for each
word, in word order, its entry's size, and for a word without variants the page numbers
of its postings and how its postings are cut into blocks encoded together; and each
page's URL and meta names (its fragment need not be read). The next update reads the
chunks as bytes, decodes no word, and rewrites only the blocks a changed page is in
(search.splice).

The file names the metadata it belongs to by the metadata's full hash, and carries a
digest of itself: a missing, torn, altered or foreign layout reads as None, and the
bundle is decoded whole (it costs time, never correctness).
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cbor2

from gkml.cachedir import write_atomically

_MAGIC = b"gkml-search-layout 2\n"
_DIGEST = 32  # sha256 of the payload
_MACHINE = f"{sys.byteorder} {array('I').itemsize}"  # how its page numbers are stored (array 'I')


@dataclass(frozen=True)
class WordLayout:
    """One word's postings in its index entry (gkml writes a word without variants as
    [word, [posting, ...], []])."""
    head: int  # bytes before its first posting: the entry's array head, the word, the postings' array head
    pages: array  # 'I': its postings' page numbers, ascending
    blocks: array  # 'I': (postings, bytes) of each block of postings, flat

    @property
    def size(self) -> int:
        """The entry's bytes: head, postings, and the empty variant list (one byte)."""
        return self.head + sum(self.blocks[1::2]) + 1


@dataclass(frozen=True)
class Entry:
    word: str
    size: int  # bytes of the word's index entry
    layout: WordLayout | None  # None: a word with variants (decoded whole when needed)


@dataclass(frozen=True)
class Layout:
    words: list[Entry]  # in word order
    pages: list[tuple[str, frozenset[str]]]  # by page number: URL and meta names, as in its fragment


def path(folder: Path, meta: str) -> Path:
    return folder / f"{meta}.layout"


def save(target: Path, meta_raw: bytes, entries: Iterable[Entry], pages: Iterable[tuple[str, Iterable[str]]]) -> None:
    words = [[e.word, e.size] if e.layout is None else
             [e.word, e.size, e.layout.head, e.layout.pages.tobytes(), e.layout.blocks.tobytes()] for e in entries]
    listed = [[url, sorted(keys)] for url, keys in pages]
    payload = cbor2.dumps([hashlib.sha256(meta_raw).hexdigest(), _MACHINE, words, listed])
    try:
        write_atomically(target, _MAGIC + hashlib.sha256(payload).digest() + payload)
    except OSError:
        pass  # no layout: the next update decodes the bundle


def load(source: Path, meta_raw: bytes) -> Layout | None:
    """The layout of the bundle whose metadata is `meta_raw`, or None."""
    try:
        data = source.read_bytes()
    except OSError:
        return None
    start = len(_MAGIC) + _DIGEST
    if not data.startswith(_MAGIC) or hashlib.sha256(data[start:]).digest() != data[len(_MAGIC):start]:
        return None
    try:
        meta_hash, machine, words, pages = cbor2.loads(data[start:])
        if meta_hash != hashlib.sha256(meta_raw).hexdigest() or machine != _MACHINE:
            return None
        return Layout([Entry(word[0], word[1], None if len(word) == 2 else
                             WordLayout(word[2], _uints(word[3]), _uints(word[4]))) for word in words],
                      [(url, frozenset(keys)) for url, keys in pages])
    except (ValueError, TypeError, IndexError, cbor2.CBORDecodeError):
        return None


def _uints(raw: bytes) -> array:
    found = array("I")
    found.frombytes(raw)
    return found


def prune(folder: Path, keep: Sequence[str]) -> None:
    """Drop the files (layouts, search.tally's tallies) of bundles no shard is any more (`keep`:
    the shards' metadata names)."""
    wanted = set(keep)
    try:  # a wanted file's temporary file (cachedir.write_atomically) may be being written now
        names = [p for p in folder.iterdir() if p.name.partition(".")[0] not in wanted and not p.name.startswith(".")]
    except OSError:
        return
    for name in names:
        try:
            name.unlink(missing_ok=True)
        except OSError:
            pass  # in use elsewhere, or gone
