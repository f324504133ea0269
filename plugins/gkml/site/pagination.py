"""Splitting a listing into pages: every item on exactly one page, in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pager(Generic[T]):
    number: int  # 1-based
    count: int  # total pages
    items: Sequence[T]
    first_item: int  # 1-based position of items[0] in the whole listing
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def paginate(items: Sequence[T], size: int) -> list[Pager[T]]:
    """At least one page, so an empty listing still has its (empty) page."""
    count = max(1, -(-len(items) // size))
    return [Pager(n + 1, count, items[n * size:(n + 1) * size], n * size + 1, len(items)) for n in range(count)]


def page_path(base: str, number: int) -> str:
    """URL path of page `number` of a listing at `base` ('' is the site root)."""
    if number == 1:
        return base
    return f"{base}/page/{number}" if base else f"page/{number}"
