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


def page_count(items: Sequence[T], size: int) -> int:
    """At least one page, so an empty listing still has its (empty) page."""
    return max(1, -(-len(items) // size))


def page_of(items: Sequence[T], size: int, number: int) -> Pager[T]:
    """Page `number` (1-based) of the listing `items`."""
    start = (number - 1) * size
    return Pager(number, page_count(items, size), items[start:start + size], start + 1, len(items))


def paginate(items: Sequence[T], size: int) -> list[Pager[T]]:
    return [page_of(items, size, number) for number in range(1, page_count(items, size) + 1)]


def page_path(base: str, number: int) -> str:
    """URL path of page `number` of a listing at `base` ('' is the site root)."""
    if number == 1:
        return base
    return f"{base}/page/{number}" if base else f"page/{number}"
