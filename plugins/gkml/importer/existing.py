"""Documents imported before: found again by the saved page's hash or by title and date.

A corrected page has a new hash but the same title and publication day; a page
saved twice (HTML and text) has the same title and day too. `--replace`
rewrites such a document in place, keeping what editors filled in since.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkml.content.corrections import normalize_width
from gkml.content.encoding import decode
from gkml.content.source import Value, read_source
from gkml.importer.page import LegacyPage
from gkml.importer.plan import Planned

_MARK = re.compile(r"^# gkml-import: sha256=([0-9a-f]{16,64})\b", re.MULTILINE)
_ADDRESS = re.compile(r"^# gkml-import: sha256=[0-9a-f]+ url=(\S+)", re.MULTILINE)


@dataclass
class Existing:
    path: Path
    shown: str
    title: str
    published_day: str  # YYYY-MM-DD or ''
    hashes: frozenset[str]
    text: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    addresses: frozenset[str] = frozenset()  # where the pages it was imported from were on the old site


def _plain(value: Value) -> Any:
    if isinstance(value.data, list):
        return [_plain(item) for item in value.data]
    if isinstance(value.data, dict):
        return {key: _plain(entry.value) for key, entry in value.data.items()}
    return value.data


def read_existing(path: Path, shown: str) -> Existing:
    """Read leniently: an invalid or half-edited document is still recognised."""
    data = path.read_bytes()
    text = decode(data)[0]
    source = read_source(shown, data)
    values = {key: _plain(entry.value) for key, entry in (source.entries or {}).items()}

    def raw(key: str) -> str:
        entry = (source.entries or {}).get(key)
        return str(entry.value.raw or "").strip() if entry else ""

    return Existing(path, shown, raw("title"), normalize_width(raw("published"))[:10],
                    frozenset(h[:16] for h in _MARK.findall(text)), text, values, frozenset(_ADDRESS.findall(text)))


def find_previous(page: LegacyPage, digest: str, existing: list[Existing]) -> Existing | None:
    day = (page.published or "")[:10]
    for item in existing:
        if digest[:16] in item.hashes:
            return item
    for item in existing:
        if item.title == page.title and item.published_day == day:
            return item
    return None


def keep_filled(plan: Planned, previous: Existing) -> list[str]:
    """Values an editor wrote where the import leaves a TODO stay; returns the keys kept."""
    kept = []
    for key in list(dict.fromkeys(plan.todo)):
        if previous.values.get(key) not in (None, "", [], {}):
            plan.fields[key] = previous.values[key]
            plan.todo = [k for k in plan.todo if k != key]
            plan.suggestions.pop(key, None)
            kept.append(key)
    return kept


def diff(old: str, new: str, name: str) -> str:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), f"{name}（原）", f"{name}（新）", lineterm="")
    return "\n".join(lines)
