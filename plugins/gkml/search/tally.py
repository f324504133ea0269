"""A shard's years and words counted over its pages, kept beside its layout for the next update.

A shard's entry in shards.json lists its years, and its routing keys are made from the words
of its pages' token streams (search.routing). An update would read every kept page's record
to gather them again (a 3,900-page shard: 0.35 s of a one-edit build at 10,000 documents).
Counted instead (how many pages have each year, each word) and saved with the bundle's
layout (`<cache>/search-layouts/<metadata name>.tally`), they are updated from the changed
pages' records alone: the new ones, and the last build's, read from the record cache by
the keys the tally lists. The tally also keeps each page's sort values, the one thing
Pagefind's bundle does not (search.shard).

The file carries a digest of itself and names its pages: a missing, torn or foreign tally,
or a last record no longer cached, reads as None, and the kept records are read: it costs
time, never correctness.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gkml.cachedir import write_atomically
from gkml.memo import seal
from gkml.search.recordcache import kept as kept_record
from gkml.search.records import indexed_words, record_years
from gkml.search.shard import Base, sort_values, url

_SUFFIX = ".tally"


@dataclass
class Tally:
    """Pages per year and per word over `pages` (page -> its record's key and sort values)."""
    pages: dict[str, tuple[str | None, dict[str, str]]] = field(default_factory=dict)
    years: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, records: Mapping[str, str], keys: Mapping[str, str]) -> Tally:
        """The tally of record pages (page -> record page; `keys`: their records' keys)."""
        tally = cls()
        for rel, record in records.items():
            tally.add(rel, record, keys.get(rel))
        return tally

    def add(self, rel: str, record: str, key: str | None) -> None:
        self.pages[rel] = (key, sort_values(record))
        self.years.update(record_years(record))
        self.words.update(set(indexed_words(record)))

    def remove(self, rel: str, record: str) -> None:
        del self.pages[rel]
        self.years.subtract(record_years(record))
        self.words.subtract(set(indexed_words(record)))

    def year_set(self) -> set[str]:
        return {year for year, pages in self.years.items() if pages > 0}

    def word_set(self) -> set[str]:
        return {word for word, pages in self.words.items() if pages > 0}


def path(folder: Path, meta: str) -> Path:
    return folder / f"{meta}{_SUFFIX}"


def save(target: Path, tally: Tally) -> None:
    """Saved only when every page's record has a key (else the next update could not read them)."""
    if any(key is None for key, _sort in tally.pages.values()):
        return
    payload = json.dumps([sorted(tally.pages.items()), sorted((year, n) for year, n in tally.years.items() if n > 0),
                          sorted((word, n) for word, n in tally.words.items() if n > 0)],
                         ensure_ascii=False, separators=(",", ":"))
    try:
        write_atomically(target, (seal(payload) + "\n" + payload).encode("utf-8"))
    except OSError:
        pass  # no tally: the next update reads the kept records


def load(source: Path, urls: Iterable[str]) -> Tally | None:
    """The tally at `source` if it is intact and counts exactly the pages at `urls` (the bundle's), else None."""
    try:
        sealed, _, payload = source.read_text("utf-8").partition("\n")
        if seal(payload) != sealed:
            return None
        listed, years, words = json.loads(payload)
        tally = Tally({rel: (key, dict(sort)) for rel, (key, sort) in listed}, Counter(dict(years)),
                      Counter(dict(words)))
    except (OSError, UnicodeDecodeError, ValueError, TypeError):
        return None
    return tally if {url(rel) for rel in tally.pages} == set(urls) else None


def keep(tally: Tally, pages: Iterable[str], unchanged: frozenset[str], keys: Mapping[str, str],
         last_record: Callable[[str], str | None]) -> set[str] | None:
    """Take out of `tally` the pages not kept (changed, or no longer among the shard's `pages`),
    each by its last record (`last_record(key)`), and return the pages kept; None if a last
    record is lost (the tally is then left half updated: drop it)."""
    now = set(pages)
    kept = {rel for rel, (key, _sort) in tally.pages.items() if rel in now and rel in unchanged and keys.get(rel) == key}
    for rel in [rel for rel in tally.pages if rel not in kept]:
        key = tally.pages[rel][0]
        record = last_record(key) if key is not None else None
        if record is None:
            return None
        tally.remove(rel, record)
    return kept


def of_base(base: Base, pages: Iterable[str], keys: Mapping[str, str], cache: Path | None,
            layouts: Path | None) -> tuple[Tally, frozenset[str]] | None:
    """The tally of `base`'s bundle (read) less its pages not kept, and the pages kept; None
    without an intact one, or when a page's last record is no longer in the record `cache`."""
    if layouts is None or base.decoded is None:
        return None
    old = base.decoded
    meta = next(iter(old.entry["languages"].values()))["hash"]
    counted = load(path(layouts, meta), {page.url for page in old.pages})
    if counted is None:
        return None
    kept = keep(counted, pages, base.unchanged, keys, lambda key: kept_record(cache, key))
    return None if kept is None else (counted, frozenset(kept))
