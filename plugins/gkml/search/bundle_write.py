"""Writing a bundle (search.bundle) in gkml's layout.

A bundle is written (`write`) as a pure function of its set of pages:
- pages numbered by date sort value, then URL, and named by their number: the number is
  the date rank (gkml-search.js reads it; the sort list Pagefind would keep, 7 KB a shard,
  is left out), and a fragment's name costs a few bytes in the metadata instead of a
  7-digit hash. Numbers are reused by the next index, so the fragments are in a folder
  named by their index, `fragment/<index>/<number>.pf_fragment` (gkml-search.js asks
  there): no cache can hand a page a fragment of an earlier index;
- index chunks of about `CHUNK_BYTES` of CBOR each, cut between words in word order
  (the browser fetches only the chunks holding the query's words; each chunk's range
  is listed in the metadata, so smaller chunks cost metadata: 6 KB measured best);
- index chunks and filter files named by their content, as Pagefind names them
  (language_ + SHA-1 hex), the metadata too: it names the whole index.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

import cbor2

from gkml.search import layout, splice
from gkml.search.bundle import (
    CHUNK_BYTES,
    Bundle,
    Page,
    decoded,
    fields_of,
    with_runs,
)
from gkml.search.layout import WordLayout
from gkml.search.pffiles import ENTRY, full_hash, pack
from gkml.search.postings import Posting
from gkml.search.sortorder import page_order, sort_names, sorted_by


def _name(language: str, raw: bytes, taken: set[str], hashed: str | None = None) -> str:
    """Pagefind's naming: language_ + 7 hex digits, longer only on a collision."""
    full = f"{language}_{hashed or full_hash(raw)}"
    length = len(language) + 8
    while full[:length] in taken and length < len(full):
        length += 1
    taken.add(full[:length])
    return full[:length]


# Lazy words are spliced (search.splice) unless an update changes more pages than this:
# then decoding the words whole is cheaper than finding each change in every word.
SPLICE_LIMIT = 64


def _splicing(bundle: Bundle, renumber: Mapping[int, int], fields: list[str]) -> splice.Renumbering | None:
    """How the lazy words are renumbered, or None: decode them (no lazy words, other meta
    fields, a variant added to one, or more changes than splicing is worth)."""
    if not bundle.lazy or fields != bundle.lazy_fields or any(
            isinstance(key, tuple) and key[0] in bundle.lazy for key in bundle.postings):
        return None
    try:
        renumbering = splice.Renumbering(renumber, bundle.lazy_read)
    except ValueError:
        return None
    added = sum(1 for n in renumber if n >= bundle.lazy_read)
    return renumbering if renumbering.changes + added <= SPLICE_LIMIT else None


def _entries_now(bundle: Bundle, renumber: Mapping[int, int], fields: list[str],
                 renumbering: splice.Renumbering | None) -> list[tuple[str, bytes, WordLayout | None]]:
    """Each word's index entry in word order, page numbers mapped by `renumber` (postings of
    pages it does not hold are left out), with its layout (None: a word with variants).
    Lazy words are spliced by `renumbering`."""
    field_ids = {name: -(n + 1) for n, name in enumerate(fields)}

    def located(runs: tuple[tuple[str, tuple[int, ...]], ...]) -> list[int]:
        return [item for name, positions in sorted(runs, key=lambda run: -field_ids[run[0]])
                for item in (field_ids[name], *positions)]

    def raw(found: Sequence[Posting]) -> list[splice.Raw]:
        kept = [(renumber[n], locs, located(runs) if runs else []) for n, locs, runs in found if n in renumber]
        kept.sort(key=itemgetter(0))  # the numbers differ: the rest is never compared
        return kept

    variants: dict[str, list[str]] = {}
    for key in bundle.postings:
        if isinstance(key, tuple):
            variants.setdefault(key[0], []).append(key[1])
    entries: list[tuple[str, bytes, WordLayout | None]] = []
    for word in sorted({key if isinstance(key, str) else key[0] for key in bundle.postings} | set(bundle.lazy)):
        posted = bundle.postings.get(word)
        if renumbering is not None and (lazy := bundle.lazy.get(word)) is not None:
            if not posted and renumbering.keeps(lazy[1]):  # nothing of it changed: its bytes as they are
                entries.append((word, *lazy))
                continue
            spliced = renumbering.word(*lazy, raw(posted or []))
            if spliced is not None:
                entries.append((word, *spliced))
            continue
        base = raw(posted or [])
        others = [[variant, splice.deltas(found)] for variant in sorted(variants.get(word, ()))
                  if (found := raw(bundle.postings[(word, variant)]))]
        if others:
            entries.append((word, cbor2.dumps([word, splice.deltas(base), others]), None))
        elif base:
            entries.append((word, *splice.encoded(word, base)))
    return entries


def _chunked(entries: list[tuple[str, bytes, WordLayout | None]], chunk_bytes: int) -> list[tuple[str, str, bytes]]:
    """(first word, last word, CBOR) of each index chunk: entries in word order, cut after
    the one that brings a chunk to `chunk_bytes`."""
    chunks: list[tuple[str, str, bytes]] = []
    items: list[bytes] = []
    first = ""
    size = 0
    for word, item, _where in entries:
        if not items:
            first = word
        items.append(item)
        size += len(item)
        if size >= chunk_bytes:
            chunks.append((first, word, _array(items)))
            items, size = [], 0
    if items:
        chunks.append((first, entries[-1][0], _array(items)))
    return chunks


def _fragment(page: Page) -> bytes:
    if page.packed is not None:
        return page.packed
    assert page.source is not None
    return Path(page.source).read_bytes()


def _place(target: Path | str, content: Callable[[], bytes], same_as: Path | str | None) -> None:
    """Write `content` to `target`, or link `same_as`, a file known to hold it: an update
    writes a few files and links the rest (a link costs 1/25 of writing a small file here)."""
    if same_as is not None:
        try:
            os.link(same_as, target)
            return
        except OSError:
            pass  # another file system, or none left: write it
    with open(target, "xb") as out:
        out.write(content())


def _array(items: list[bytes]) -> bytes:
    """CBOR of [[item, …]] from the items' own CBOR (Pagefind's WordIndex struct)."""
    return b"\x81" + splice.cbor_head(4, len(items)) + b"".join(items)


def _runs_in_own_fields(bundle: Bundle, runs: list[tuple[int, Any]], renumber: Mapping[int, int]) -> bool:
    """Every meta location is in a field of its own page's meta: so the pages written name
    every field (what lets write() know the fields without decoding the lazy words)."""
    return all(name in bundle.pages[n].meta_keys for n, found in runs if n in renumber for name, _p in found)


@dataclass(frozen=True)
class Written:
    meta: str  # the metadata's name: it names the whole index (every other file is named by its content)
    spliced: bool  # the words read lazily were spliced, not decoded


def write(bundle: Bundle, folder: Path, *, chunk_bytes: int = CHUNK_BYTES, layouts: Path | None = None,
          later: list[Callable[[], None]] | None = None) -> Written:
    """Write the bundle's files into `folder` (which holds no earlier ones). `layouts`: the
    folder to write its search.layout into (the next update splices it); `later`: given, the
    layout is written by the function put there (when the index itself is finished)."""
    language = bundle.language
    live = bundle.live()
    order = [live[i] for i in page_order([bundle.pages[n] for n in live])]
    renumber = {old: new for new, old in enumerate(order)}
    pages = [bundle.pages[old] for old in order]
    runs = with_runs(bundle.postings)
    fields = fields_of(pages, runs, renumber)
    entries, spliced = None, False
    renumbering = _splicing(bundle, renumber, fields)
    if renumbering is not None:
        try:
            entries = _entries_now(bundle, renumber, fields, renumbering)
            spliced = True
        except (ValueError, TypeError, cbor2.CBORDecodeError):
            pass  # entries that disagree with their layout: decoded whole
    if entries is None:
        if bundle.lazy:
            bundle = decoded(bundle)
            runs = with_runs(bundle.postings)
            fields = fields_of(pages, runs, renumber)
        entries = _entries_now(bundle, renumber, fields, None)
    for sub in ("index", "filter"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    page_list = [[str(number), page.word_count] for number, page in enumerate(pages)]
    chunk_list = []
    for first, last, raw in _chunked(entries, chunk_bytes):
        hashed = full_hash(raw)
        name = _name(language, raw, taken, hashed)
        _place(folder / "index" / f"{name}.pf_index", lambda raw=raw: pack(raw), bundle.chunk_files.get(hashed))
        chunk_list.append([first, last, name])
    filter_list = []
    for filter_name in sorted({name for page in pages for name in page.filters}):
        values: dict[str, list[int]] = {}
        for number, page in enumerate(pages):
            for value in page.filters.get(filter_name, ()):
                values.setdefault(value, []).append(number)
        raw = cbor2.dumps([filter_name, [[value, values[value]] for value in sorted(values)]])
        name = _name(language, raw, taken)
        (folder / "filter" / f"{name}.pf_filter").write_bytes(pack(raw))
        filter_list.append([filter_name, name])
    # the first sort is the page order (search code reads a page's rank from its number)
    sort_lists = [[name, sorted_by(pages, name)] for name in sort_names(pages)[1:]]
    raw = cbor2.dumps([bundle.version, page_list, chunk_list, filter_list, sort_lists, fields])
    meta = f"{language}_{full_hash(raw)[:len(language) + 8]}"
    (folder / f"pagefind.{meta}.pf_meta").write_bytes(pack(raw))
    if layouts is not None and _runs_in_own_fields(bundle, runs, renumber):
        save_layout = partial(layout.save, layout.path(layouts, meta), raw,
                              (layout.Entry(word, len(item), where) for word, item, where in entries),
                              ((page.url, page.meta_keys) for page in pages))
        if later is None:
            save_layout()
        else:
            later.append(save_layout)
    fragments = folder / "fragment" / meta  # numbered fragments, in a folder named by their index
    fragments.mkdir(parents=True)
    into = str(fragments)
    for number, page in enumerate(pages):
        _place(os.path.join(into, f"{number}.pf_fragment"), lambda page=page: _fragment(page), page.source)
    entry = {**bundle.entry, "languages": {language: {**bundle.entry["languages"][language], "hash": meta,
                                                      "page_count": len(pages)}}}
    (folder / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return Written(meta, spliced)
