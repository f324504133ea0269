"""Which documents share a search shard: a pure plan from their years (the browser
queries every shard and merges; the indexer holds one shard at a time)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence


def _year_key(year: str) -> tuple[int, str]:
    """Sort numeric years numerically; anything else goes last."""
    return (int(year), "") if year.isdigit() else (10**9, year)


def plan_shards(items: Sequence[tuple[str, str]], max_per_shard: int) -> dict[str, list[str]]:
    """Group (year, html_path) items into shards of at most ``max_per_shard`` files.

    Rules (deterministic, newest shards first in the returned dict):
    * a year with more than ``max_per_shard`` documents is split into
      ``<year>-p1``, ``<year>-p2`` … of near-equal size (paths sorted);
    * consecutive small years are grouped while the group stays within
      ``max_per_shard``; a group is named ``<first>-<last>`` (e.g. ``2008-2010``),
      a lone year just ``<year>``;
    * an empty or non-numeric year becomes its own shard named ``other``-style
      (``y-<year>`` or ``undated``) so shard names stay safe directory names.
    Fewer, fuller shards mean fewer metadata files for the browser to load.
    """
    if max_per_shard < 1:
        raise ValueError("max_per_shard must be >= 1")
    by_year: dict[str, list[str]] = {}
    for year, path in items:
        by_year.setdefault(year.strip(), []).append(path)
    for paths in by_year.values():
        paths.sort()

    shards: list[tuple[str, list[str]]] = []
    group: list[str] = []  # years in the current group
    group_paths: list[str] = []

    def flush() -> None:
        if group:
            name = group[0] if len(group) == 1 else f"{group[0]}-{group[-1]}"
            shards.append((name, list(group_paths)))
            group.clear()
            group_paths.clear()

    for year in sorted(by_year, key=_year_key):
        paths = by_year[year]
        if not year.isdigit():
            flush()
            safe = re.sub(r"[^0-9A-Za-z_]+", "_", year)
            shards.append((f"y-{safe}" if safe else "undated", paths))
            continue
        if len(paths) > max_per_shard:
            flush()
            parts = math.ceil(len(paths) / max_per_shard)
            size = math.ceil(len(paths) / parts)
            for i in range(parts):
                shards.append((f"{year}-p{i + 1}", paths[i * size : (i + 1) * size]))
            continue
        if len(group_paths) + len(paths) > max_per_shard:
            flush()
        group.append(year)
        group_paths.extend(paths)
    flush()
    return dict(reversed(shards))
