"""What one indexing of a site's search reports: each shard's pages, time, memory and
bytes (`ShardReport`), and the whole index's (`SearchIndexReport`), which the indexing
child sends its build as JSON (search.worker). Apart from search.index because it is what
indexing tells, not how it indexes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ShardReport:
    name: str
    files: int  # HTML files handed to pagefind
    pages: int  # pages pagefind reports as indexed (pagefind-entry.json)
    seconds: float
    peak_rss_kb: int  # max resident set of the pagefind process
    bytes_on_disk: int
    indexed: int = 0  # pages Pagefind indexed (the others were kept from the last bundle)


@dataclass(frozen=True)
class SearchIndexReport:
    shards: tuple[ShardReport, ...]
    seconds: float
    bytes_on_disk: int  # whole pagefind/ directory
    pagefind_version: str
    language: str
    by_shard: dict[str, int] = field(default_factory=dict)

    @property
    def total_pages(self) -> int:
        return sum(s.pages for s in self.shards)

    @property
    def indexed_pages(self) -> int:
        return sum(s.indexed for s in self.shards)

    @property
    def peak_rss_kb(self) -> int:
        return max((s.peak_rss_kb for s in self.shards), default=0)

    @property
    def ok(self) -> bool:
        return all(s.pages == s.files for s in self.shards)
