"""A Pagefind bundle as data: Pagefind indexes each page, gkml lays out the files.

Everything Pagefind 1.5 writes about a page is the page's own: its fragment (URL, text,
meta, filters), its word count, and for each word its locations in the text and in the
meta fields. What joins the pages is layout: page numbers, index chunks, filter files,
sort lists, names. Pagefind lays these out in a different order on every run (hash
maps seeded at random), in chunks of ~20,000 locations whatever the words (a query at
10,000 documents fetched ~190 KB of chunks, ~80 % other words' postings), with page
numbers in file order so the date sort is a permutation to ship.

So a bundle is decoded into pages (`Page`) and postings (its files unpacked by
search.pffiles), and written back in gkml's layout (search.bundle_write), a pure
function of the set of pages.

Because a page's data is its own, a bundle can also be updated: read the last one, drop
the pages that changed, add the changed pages indexed alone (search.bundle_join), write
(search.shard). Both ways give the same bytes. With the layout gkml kept of the last
bundle (search.layout), its words are read as bytes (`Bundle.lazy`), never decoded:
writing splices each entry (search.splice), re-encoding only the blocks of postings next
to a change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import cbor2

from gkml.search import layout, splice
from gkml.search.layout import WordLayout
from gkml.search.pffiles import (
    ENTRY,
    BundleFormatError,
    check_name,
    fragment_path,
    full_hash,
    unpack,
    unpack_bytes,
)
from gkml.search.postings import Packed, Postings

CHUNK_BYTES = 6000  # CBOR bytes per index chunk (before gzip); see the module docstring


@dataclass
class Page:
    url: str
    meta_keys: frozenset[str]  # the names of the meta values in its fragment
    packed: bytes | None  # its file, as Pagefind compressed it (written as it is); None: not read (see source)
    word_count: int
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)  # sort name -> value (Pagefind keeps only the order)
    source: str | None = None  # the file it was read from: written as a link to it (a str: thousands per shard)


@dataclass
class Bundle:
    version: str
    language: str
    entry: dict[str, Any]  # pagefind-entry.json
    pages: list[Page]
    postings: Postings  # page numbers index `pages`
    sort_lists: list[tuple[str, list[int]]] = field(default_factory=list)  # as read (unchecked until with_sorts)
    dropped: frozenset[int] = frozenset()  # pages left out (without): written neither nor numbered
    # words read with their layout (search.layout), not decoded: word -> (its index entry's
    # bytes, where its postings are). Their page numbers are those of the first `lazy_read`
    # pages; `postings` may hold more of their postings (pages added since).
    lazy: dict[str, tuple[bytes, WordLayout]] = field(default_factory=dict)
    lazy_read: int = 0
    lazy_fields: list[str] = field(default_factory=list)  # the meta fields their entries number
    chunk_files: dict[str, Path] = field(default_factory=dict)  # gkml's layout: a chunk's CBOR's full hash -> its file

    def live(self) -> list[int]:
        return [n for n in range(len(self.pages)) if n not in self.dropped]


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def read(folder: Path, *, verify: bool = False, layouts: Path | None = None, numbered_from: int = 0) -> Bundle:
    """Decode the bundle in `folder` (one language); the pages' sort values are not in it
    (see search.sortorder.with_sorts). `verify`: every file must hold what its name says.
    `layouts`: the folder of search.layout files; with this bundle's, its words are kept as bytes (lazy).
    `numbered_from` (Joined only): its postings number its pages from there."""
    entry = json.loads((folder / ENTRY).read_text("utf-8"))
    languages = entry.get("languages")
    if not isinstance(languages, dict) or len(languages) != 1:
        raise BundleFormatError("expected one language per bundle")
    language, info = next(iter(languages.items()))
    meta_raw = unpack(folder / f"pagefind.{info['hash']}.pf_meta")
    if verify:
        check_name(info["hash"], language, meta_raw, len(language) + 8)
    meta = cbor2.loads(meta_raw)
    if not (isinstance(meta, list) and len(meta) == 6 and all(isinstance(part, list) for part in meta[1:])):
        raise BundleFormatError("unexpected Pagefind metadata layout")
    version, page_list, chunks, filters, sort_lists, fields = meta
    ours = all(name.isdigit() for name, _count in page_list)  # gkml wrote it (numbered fragments)
    known = layout.load(layout.path(layouts, info["hash"]), meta_raw) if layouts is not None and ours else None
    if known is not None and len(known.pages) != len(page_list):
        known = None
    pages: list[Page] = []
    for number, (name, word_count) in enumerate(page_list):
        source = fragment_path(str(folder), info["hash"], name)
        if known is not None:  # gkml's fragments are checked by the caller (build.incremental)
            url, meta_keys = known.pages[number]
            pages.append(Page(url=url, meta_keys=meta_keys, packed=None, word_count=word_count, source=source))
            continue
        packed = Path(source).read_bytes()
        raw = unpack_bytes(packed, name)
        if verify and not name.isdigit():  # gkml's numbered fragments: checked by the caller (build.incremental)
            check_name(name, language, raw, 7)
        fragment = json.loads(raw)
        pages.append(Page(url=fragment["url"], meta_keys=frozenset(fragment.get("meta", {})), packed=packed,
                          word_count=word_count, source=source))
    for filter_name, name in filters:
        raw = unpack(folder / "filter" / f"{name}.pf_filter")
        if verify:
            check_name(name, language, raw, 7)
        stored_name, values = cbor2.loads(raw)
        for value, numbers in values:
            for number in numbers:
                pages[number].filters.setdefault(stored_name, []).append(value)
    for page in pages:
        for values in page.filters.values():
            values.sort()
    chunk_raws: list[tuple[str, str, bytes]] = []
    chunk_files: dict[str, Path] = {}
    for first, last, name in chunks:
        raw = unpack(folder / "index" / f"{name}.pf_index")
        hashed = full_hash(raw) if verify or ours else None
        if verify:
            check_name(name, language, raw, 7, hashed)
        if hashed and ours:  # a chunk write() makes again can be linked to this file
            chunk_files[hashed] = folder / "index" / f"{name}.pf_index"
        chunk_raws.append((first, last, raw))
    bundle = Bundle(version=version, language=language, entry=entry, pages=pages, postings={},
                    sort_lists=[(name, list(numbers)) for name, numbers in sort_lists], chunk_files=chunk_files)
    if known is not None:
        try:
            return _lazy(bundle, chunk_raws, known.words, fields)
        except (BundleFormatError, ValueError, TypeError, cbor2.CBORDecodeError):
            return read(folder, verify=verify)  # a layout that does not fit: read whole
    for _first, _last, raw in chunk_raws:
        for word, packed, variants in cbor2.loads(raw)[0]:
            _add_postings(bundle.postings, word, packed, variants, fields, len(pages), numbered_from)
    # the fields are the pages' meta keys and the fields named in meta locations, which are
    # fields by construction: when the keys alone make the list, no posting need be looked at
    if fields != sorted({key for page in pages for key in page.meta_keys}) and \
            fields != _fields(pages, bundle.postings, None):
        raise BundleFormatError("unexpected Pagefind meta fields")
    return bundle


def _add_postings(postings: Postings, word: str, packed: list[list[Any]], variants: list[list[Any]],
                  fields: list[str], count: int, first: int = 0) -> None:
    if packed:
        postings[word] = _unpacked(packed, fields, count, first)
    for variant, variant_packed in variants:
        postings[(word, variant)] = _unpacked(variant_packed, fields, count, first)


def _lazy(bundle: Bundle, chunk_raws: list[tuple[str, str, bytes]], known: list[layout.Entry],
          fields: list[str]) -> Bundle:
    """The bundle with its words as bytes, cut by their layout (words with variants decoded)."""
    lazy: dict[str, tuple[bytes, layout.WordLayout]] = {}
    at = 0
    for first, last, raw in chunk_raws:
        length = _array_length(raw)
        if length is None or at + length > len(known) or (known[at].word, known[at + length - 1].word) != (first, last):
            raise BundleFormatError("the layout does not fit the bundle")
        offset = _head_size(length) + 1
        for word in known[at:at + length]:
            item = raw[offset:offset + word.size]
            offset += word.size
            if word.layout is None:
                decoded, packed, variants = cbor2.loads(item)
                if decoded != word.word:
                    raise BundleFormatError("the layout does not fit the bundle")
                _add_postings(bundle.postings, word.word, packed, variants, fields, len(bundle.pages))
            else:
                if word.layout.size != word.size or item[:word.layout.head] != (
                        b"\x83" + cbor2.dumps(word.word) + splice.cbor_head(4, len(word.layout.pages))):
                    raise BundleFormatError("the layout does not fit the bundle")
                lazy[word.word] = (item, word.layout)
        if offset != len(raw):
            raise BundleFormatError("the layout does not fit the bundle")
        at += length
    if at != len(known):
        raise BundleFormatError("the layout does not fit the bundle")
    return replace(bundle, lazy=lazy, lazy_read=len(bundle.pages), lazy_fields=list(fields))


def decoded(bundle: Bundle) -> Bundle:
    """The bundle with every word's postings decoded."""
    if not bundle.lazy:
        return bundle
    postings: Postings = {}
    for word, (item, _where) in bundle.lazy.items():
        _word, packed, variants = cbor2.loads(item)
        _add_postings(postings, word, packed, variants, bundle.lazy_fields, bundle.lazy_read)
    for key, found in bundle.postings.items():  # pages added since: numbered after the pages read
        postings.setdefault(key, Packed()).extend(found)
    return replace(bundle, postings=postings, lazy={}, lazy_read=0)


def _array_length(raw: bytes) -> int | None:
    """n if `raw` starts with the CBOR of [[…n items…]] with definite lengths, else None."""
    if len(raw) < 2 or raw[0] != 0x81 or raw[1] >> 5 != 4:
        return None
    code = raw[1] & 31
    if code < 24:
        return code
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(code)
    return int.from_bytes(raw[2:2 + size], "big") if size and len(raw) >= 2 + size else None


def _head_size(length: int) -> int:
    return len(splice.cbor_head(4, length))


def _unpacked(packed: list[list[Any]], fields: list[str], count: int, first: int) -> Packed:
    """A word's postings in a bundle of `count` pages, its page n numbered `first + n`."""
    number, found = 0, Packed()
    add = found.add
    for delta, locs, meta_locs in packed:  # page numbers are deltas
        number += delta
        if not 0 <= number < count:
            raise BundleFormatError("a Pagefind posting names a page the bundle does not have")
        add(first + number, locs, _named_runs(meta_locs, fields) if meta_locs else ())
    return found


def _named_runs(meta_locs: list[int], fields: list[str]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """[-(field+1), positions…, -(field+1), …] -> ((field name, positions), …)."""
    runs: list[tuple[str, list[int]]] = []
    for value in meta_locs:
        if value < 0:
            runs.append((fields[-value - 1], []))
        elif runs:
            runs[-1][1].append(value)
        else:
            raise BundleFormatError("unexpected Pagefind meta locations")
    return tuple((name, tuple(positions)) for name, positions in runs)


# The meta fields (read checks them, write lists them)


def _fields(pages: list[Page], postings: Postings, numbers: Mapping[int, int] | None) -> list[str]:
    """The meta fields: every page's meta keys, sorted (as Pagefind lists them). `pages` are
    the pages written, `numbers` their page numbers in `postings` (None: all of them)."""
    return fields_of(pages, with_runs(postings), numbers)


def with_runs(postings: Postings) -> list[tuple[int, tuple[tuple[str, tuple[int, ...]], ...]]]:
    """(page number, meta locations) of the postings that have some (words of titles and meta)."""
    return [posting for found in postings.values() for posting in found.with_runs()]


def fields_of(pages: list[Page], with_runs: list[tuple[int, Any]], numbers: Mapping[int, int] | None) -> list[str]:
    return sorted({name for n, runs in with_runs if numbers is None or n in numbers for name, _p in runs}
                  | {key for page in pages for key in page.meta_keys})
