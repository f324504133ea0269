"""A Pagefind bundle as data: Pagefind indexes each page, gkml lays out the files.

Everything Pagefind 1.5 writes about a page is the page's own: its fragment (URL, text,
meta, filters), its word count, and for each word its locations in the text and in the
meta fields. What joins the pages is layout: page numbers, index chunks, filter files,
sort lists, names. Pagefind lays these out in a different order on every run (hash
maps seeded at random), in chunks of ~20,000 locations whatever the words (a query at
10,000 documents fetched ~190 KB of chunks, ~80 % other words' postings), with page
numbers in file order so the date sort is a permutation to ship.

So a bundle is decoded into pages (`Page`) and postings, and written back (`write`) in
gkml's layout, a pure function of the set of pages:
- pages numbered by date sort value, then URL, and named by their number: the number is
  the date rank (gkml-search.js reads it; the sort list Pagefind would keep, 7 KB a shard,
  is left out), and a fragment's name costs a few bytes in the metadata instead of a
  7-digit hash (the page fetches fragments with the index's name as a query, so a cached
  fragment of an earlier index is never shown);
- index chunks of about `CHUNK_BYTES` of CBOR each, cut between words in word order
  (the browser fetches only the chunks holding the query's words; each chunk's range
  is listed in the metadata, so smaller chunks cost metadata: 6 KB measured best);
- index chunks and filter files named by their content, as Pagefind names them
  (language_ + SHA-1 hex), the metadata too: it names the whole index.

Because a page's data is its own, a bundle can also be updated: decode the last one,
drop the pages that changed, add the changed pages indexed alone, write (search.shard).
Both ways give the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from itertools import pairwise
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
CHUNK_BYTES = 6000  # CBOR bytes per index chunk (before gzip); see the module docstring
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")

# word -> postings: (page number, locations, meta locations as (field name, positions) runs)
Postings = dict[str, list[tuple[int, list[int], tuple[tuple[str, tuple[int, ...]], ...]]]]


class BundleFormatError(RuntimeError):
    """The bundle is not laid out as Pagefind 1.5 writes it (an upgrade must fail loudly)."""


@dataclass
class Page:
    url: str
    fragment: bytes  # the fragment's JSON as Pagefind wrote it
    packed: bytes  # and its file, as Pagefind compressed it (written as it is: no second gzip)
    word_count: int
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)  # sort name -> value (Pagefind keeps only the order)


@dataclass
class Bundle:
    version: str
    language: str
    entry: dict[str, Any]  # pagefind-entry.json
    pages: list[Page]
    postings: Postings  # page numbers index `pages`
    sort_lists: list[tuple[str, list[int]]] = field(default_factory=list)  # as read (unchecked until with_sorts)


def full_hash(raw: bytes) -> str:
    return "".join(format(byte, "x") for byte in hashlib.sha1(raw).digest())  # Rust's {:x?} per byte


def read_file(path: Path) -> Any:
    """A Pagefind file (metadata, index chunk, filter): its CBOR, checked and decoded."""
    return cbor2.loads(_unpack(path))


def _unpack(path: Path) -> bytes:
    return _unpack_bytes(path.read_bytes(), path.name)


def _unpack_bytes(packed: bytes, name: str) -> bytes:
    data = gzip.decompress(packed)
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"unexpected Pagefind file: {name}")
    return data[len(SIGNATURE):]


def _pack(raw: bytes) -> bytes:
    return gzip.compress(SIGNATURE + raw, compresslevel=9, mtime=0)


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def read(folder: Path, *, verify: bool = False) -> Bundle:
    """Decode the bundle in `folder` (one language); the pages' sort values are not in it
    (see with_sorts). `verify`: every file must hold what its name says."""
    entry = json.loads((folder / ENTRY).read_text("utf-8"))
    languages = entry.get("languages")
    if not isinstance(languages, dict) or len(languages) != 1:
        raise BundleFormatError("expected one language per bundle")
    language, info = next(iter(languages.items()))
    meta_raw = _unpack(folder / f"pagefind.{info['hash']}.pf_meta")
    if verify:
        _check_name(info["hash"], language, meta_raw, len(language) + 8)
    meta = cbor2.loads(meta_raw)
    if not (isinstance(meta, list) and len(meta) == 6 and all(isinstance(part, list) for part in meta[1:])):
        raise BundleFormatError("unexpected Pagefind metadata layout")
    version, page_list, chunks, filters, sort_lists, fields = meta
    pages: list[Page] = []
    for name, word_count in page_list:
        packed = (folder / "fragment" / f"{name}.pf_fragment").read_bytes()
        raw = _unpack_bytes(packed, name)
        if verify and not name.isdigit():  # gkml's numbered fragments: checked by the caller (build.incremental)
            _check_name(name, language, raw, 7)
        url = json.loads(raw)["url"]
        pages.append(Page(url=url, fragment=raw, packed=packed, word_count=word_count))
    for filter_name, name in filters:
        raw = _unpack(folder / "filter" / f"{name}.pf_filter")
        if verify:
            _check_name(name, language, raw, 7)
        stored_name, values = cbor2.loads(raw)
        for value, numbers in values:
            for number in numbers:
                pages[number].filters.setdefault(stored_name, []).append(value)
    postings: Postings = {}
    for _from, _to, name in chunks:
        raw = _unpack(folder / "index" / f"{name}.pf_index")
        if verify:
            _check_name(name, language, raw, 7)
        for word, packed, extra in cbor2.loads(raw)[0]:
            if extra:
                raise BundleFormatError(f"unexpected Pagefind word entry: {word!r}")
            number, found = 0, []
            for delta, locs, meta_locs in packed:
                number += delta
                found.append((number, locs, _named_runs(meta_locs, fields) if meta_locs else ()))
            postings[word] = found
    for page in pages:
        for values in page.filters.values():
            values.sort()
    if fields != _fields(pages, postings):
        raise BundleFormatError("unexpected Pagefind meta fields")
    return Bundle(version=version, language=language, entry=entry, pages=pages, postings=postings,
                  sort_lists=[(name, list(numbers)) for name, numbers in sort_lists])


def with_sorts(bundle: Bundle, sorts: Mapping[str, Mapping[str, str]]) -> Bundle:
    """The bundle with its pages' sort values (url -> {sort name: value}), which must be the
    ones its sort lists were made from: the same pages, in an order the values agree with."""
    pages = [replace(page, sort=dict(sorts.get(page.url, {}))) for page in bundle.pages]
    listed = dict(bundle.sort_lists)
    names = sorted({name for page in pages for name in page.sort})
    if names and names[0] not in listed:  # gkml's layout: the page numbers are the first sort's order
        if page_order(pages) != list(range(len(pages))):
            raise BundleFormatError("the bundle's page order disagrees with the sort values given")
        listed[names[0]] = list(range(len(pages)))
    if set(listed) != set(names):
        raise BundleFormatError("the sort values given do not match the bundle's sorts")
    for name, numbers in listed.items():
        if sorted(numbers) != [n for n, page in enumerate(pages) if name in page.sort]:
            raise BundleFormatError(f"the sort values given do not match the bundle's sort {name!r}")
        convert = _sort_key([pages[n].sort[name] for n in numbers])
        values = [convert(pages[n].sort[name]) for n in numbers]
        if any(a > b for a, b in pairwise(values)):
            raise BundleFormatError(f"the bundle's sort {name!r} disagrees with the sort values given")
    return replace(bundle, pages=pages)


def _check_name(name: str, language: str, raw: bytes, length: int) -> None:
    expected = f"{language}_{full_hash(raw)}"
    if not (expected.startswith(name) and len(name) >= len(language) + 1 + length):
        raise BundleFormatError(f"a search file does not hold what its name says: {name}")


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


# --------------------------------------------------------------------------
# Combining (an updated bundle)
# --------------------------------------------------------------------------


def without(bundle: Bundle, urls: Iterable[str]) -> Bundle:
    """The bundle less the pages at `urls`."""
    gone = set(urls)
    keep = [number for number, page in enumerate(bundle.pages) if page.url not in gone]
    renumber = {old: new for new, old in enumerate(keep)}
    postings: Postings = {}
    for word, found in bundle.postings.items():
        kept = [(renumber[number], locs, runs) for number, locs, runs in found if number in renumber]
        if kept:
            postings[word] = kept
    sort_lists = [(name, [renumber[n] for n in numbers if n in renumber]) for name, numbers in bundle.sort_lists]
    return Bundle(bundle.version, bundle.language, bundle.entry, [bundle.pages[n] for n in keep], postings,
                  [(name, numbers) for name, numbers in sort_lists if numbers])


def combined(base: Bundle, added: Bundle) -> Bundle:
    """`base` and `added`'s pages together (their URLs must differ)."""
    if (base.version, base.language) != (added.version, added.language):
        raise BundleFormatError("bundles of different Pagefind versions or languages")
    if {page.url for page in base.pages} & {page.url for page in added.pages}:
        raise ValueError("a page is in both bundles")
    offset = len(base.pages)
    postings: Postings = {word: list(found) for word, found in base.postings.items()}
    for word, found in added.postings.items():
        postings.setdefault(word, []).extend((number + offset, locs, runs) for number, locs, runs in found)
    entry = {**base.entry, **{k: v for k, v in added.entry.items() if k != "languages"}}
    sort_lists = [(name, numbers) for name, numbers in base.sort_lists] + [
        (name, [n + offset for n in numbers]) for name, numbers in added.sort_lists]  # unordered now: write sorts
    merged: dict[str, list[int]] = {}
    for name, numbers in sort_lists:
        merged.setdefault(name, []).extend(numbers)
    return Bundle(base.version, base.language, entry, base.pages + added.pages, postings, list(merged.items()))


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def _sort_key(values: list[str]) -> Any:
    """Pagefind's: numbers if every value is one, else strings (pagefind/src/index/mod.rs)."""
    if all(_NUMBER.fullmatch(v) for v in values):
        return float
    return str


def page_order(pages: list[Page]) -> list[int]:
    """The pages by their first sort's value (as Pagefind sorts), then URL; pages without it last."""
    names = sorted({name for page in pages for name in page.sort})
    if not names:
        return sorted(range(len(pages)), key=lambda n: pages[n].url)
    first = names[0]
    convert = _sort_key([page.sort[first] for page in pages if first in page.sort])
    with_value = sorted((n for n, page in enumerate(pages) if first in page.sort),
                        key=lambda n: (convert(pages[n].sort[first]), pages[n].url))
    rest = sorted((n for n, page in enumerate(pages) if first not in page.sort), key=lambda n: pages[n].url)
    return with_value + rest


def _sort_lists(pages: list[Page]) -> list[list[Any]]:
    lists = []
    for name in sorted({name for page in pages for name in page.sort}):
        convert = _sort_key([page.sort[name] for page in pages if name in page.sort])
        numbers = sorted((n for n, page in enumerate(pages) if name in page.sort),
                         key=lambda n: (convert(pages[n].sort[name]), pages[n].url))
        lists.append([name, numbers])
    return lists


def _name(language: str, raw: bytes, taken: set[str]) -> str:
    """Pagefind's naming: language_ + 7 hex digits, longer only on a collision."""
    full = f"{language}_{full_hash(raw)}"
    length = len(language) + 8
    while full[:length] in taken and length < len(full):
        length += 1
    taken.add(full[:length])
    return full[:length]


def _chunks(postings: Postings, renumber: Mapping[int, int], fields: list[str],
            chunk_bytes: int) -> list[tuple[str, str, bytes]]:
    """(first word, last word, CBOR) of each index chunk, in word order; page numbers mapped by `renumber`."""
    field_ids = {name: -(n + 1) for n, name in enumerate(fields)}
    chunks: list[tuple[str, str, bytes]] = []
    words: list[bytes] = []
    first = last = ""
    size = 0
    for word in sorted(postings):
        packed, previous = [], 0
        for number, locs, runs in sorted((renumber[n], locs, runs) for n, locs, runs in postings[word]):
            meta_locs = [item for name, positions in sorted(runs, key=lambda run: -field_ids[run[0]])
                         for item in (field_ids[name], *positions)] if runs else []
            packed.append([number - previous, locs, meta_locs])
            previous = number
        encoded = cbor2.dumps([word, packed, []])
        if not words:
            first = word
        words.append(encoded)
        last = word
        size += len(encoded)
        if size >= chunk_bytes:
            chunks.append((first, last, _array(words)))
            words, size = [], 0
    if words:
        chunks.append((first, last, _array(words)))
    return chunks


def _array(items: list[bytes]) -> bytes:
    """CBOR of [[item, …]] from the items' own CBOR (Pagefind's WordIndex struct)."""
    return b"\x81" + _cbor_head(4, len(items)) + b"".join(items)


def _cbor_head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for code, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | code]) + length.to_bytes(size, "big")
    raise ValueError("too long")


def _fields(pages: list[Page], postings: Postings) -> list[str]:
    """The meta fields: every page's meta keys, sorted (as Pagefind lists them)."""
    return sorted({name for found in postings.values() for _n, _l, runs in found for name, _p in runs}
                  | {key for page in pages for key in json.loads(page.fragment).get("meta", {})})


def write(bundle: Bundle, folder: Path, *, chunk_bytes: int = CHUNK_BYTES) -> str:
    """Write the bundle's files into `folder` (which holds no earlier ones); returns the
    metadata's name (it names the whole index: every other file is named by its content)."""
    language = bundle.language
    order = page_order(bundle.pages)
    renumber = {old: new for new, old in enumerate(order)}
    pages = [bundle.pages[old] for old in order]
    fields = _fields(pages, bundle.postings)
    for sub in ("fragment", "index", "filter"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    page_list = []
    for number, page in enumerate(pages):
        (folder / "fragment" / f"{number}.pf_fragment").write_bytes(page.packed)
        page_list.append([str(number), page.word_count])
    chunk_list = []
    for first, last, raw in _chunks(bundle.postings, renumber, fields, chunk_bytes):
        name = _name(language, raw, taken)
        (folder / "index" / f"{name}.pf_index").write_bytes(_pack(raw))
        chunk_list.append([first, last, name])
    filter_list = []
    for filter_name in sorted({name for page in pages for name in page.filters}):
        values: dict[str, list[int]] = {}
        for number, page in enumerate(pages):
            for value in page.filters.get(filter_name, ()):
                values.setdefault(value, []).append(number)
        raw = cbor2.dumps([filter_name, [[value, values[value]] for value in sorted(values)]])
        name = _name(language, raw, taken)
        (folder / "filter" / f"{name}.pf_filter").write_bytes(_pack(raw))
        filter_list.append([filter_name, name])
    # the first sort is the page order (search code reads a page's rank from its number)
    raw = cbor2.dumps([bundle.version, page_list, chunk_list, filter_list, _sort_lists(pages)[1:], fields])
    meta = f"{language}_{full_hash(raw)[:len(language) + 8]}"
    (folder / f"pagefind.{meta}.pf_meta").write_bytes(_pack(raw))
    entry = {**bundle.entry, "languages": {language: {**bundle.entry["languages"][language], "hash": meta,
                                                      "page_count": len(pages)}}}
    (folder / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return meta
