"""Documents imported before: found again by the saved page's hash, or by title and date or index number.

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
from gkml.importer import values
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


def find_previous(page: LegacyPage, digest: str, existing: list[Existing]) -> tuple[Existing, str] | None:
    """The document `page` was imported as before, and what tells it is the same (said to the editor):
    the same bytes; the same title and publication day; or the same title and
    index number (a save that lost the publication date is the same document, not a second one
    to be given the next free number)."""
    day = (page.published or "")[:10]
    number = values.index_no(page.index_no) if page.index_no else None
    for item in existing:
        if digest[:16] in item.hashes:
            return item, "页面完全相同"
    for item in existing:
        if item.title == page.title and item.published_day == day:
            return item, "名称和发布日期相同"
        if number and str(item.values.get("index_no") or "") == number and _same_title(item.title, page.title):
            return item, "名称和索引号相同"
    return None


def _same_title(one: str, other: str) -> bool:
    """One title, also when one save prints the issuer before it ('安徽省应急管理厅关于…的通知', '关于…的通知')."""
    short, long = sorted((one, other), key=len)
    return short == long or (len(short) >= 8 and long.endswith(short))


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
