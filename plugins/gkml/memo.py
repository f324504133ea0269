"""Values computed from content, kept across builds in the cache folder (`memo-<name>.json`).

A memo maps a digest of the inputs to the value made from them (a summary from a body,
a search record from a page). It belongs to one `namespace`, a digest of the code and
settings that make the values, and the file carries the digest of its entries: a
different namespace, or a file unreadable or altered, starts it empty, so a stale or
corrupt memo costs time, never correctness. Saving keeps only the
entries this build used, so it never grows beyond one build's worth; a memo of many
large entries is saved only once enough of it changed (`lazily`): rewriting 16 MB
for the one entry an edit adds costs more than making that entry again next time.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from gkml.cachedir import write_atomically

LAZY_SHARE = 0.01  # see Memo.save
LAZY_AT_LEAST = 50


class Memo:
    def __init__(self, path: Path, namespace: str) -> None:
        self.path = path
        self.namespace = namespace
        self.entries: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.added = False
        self.new = 0  # entries made this build
        try:
            head, _, body = path.read_text(encoding="utf-8").partition("\n")
            if json.loads(head) == {"namespace": namespace, "seal": seal(body)}:
                self.entries = {k: v for k, v in json.loads(body).items() if isinstance(v, str)}
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    def get(self, key: str) -> str | None:
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: str) -> None:
        self.new += key not in self.entries
        self.entries[key] = self.used[key] = value
        self.added = True

    def save(self, *, lazily: bool = False, prune: bool = True) -> None:
        """`lazily`: not while fewer than LAZY_SHARE of the entries are new or unused.
        `prune=False`: keep the entries this build did not use too (a build that took what
        it needed from another memo asked this one only about what changed)."""
        kept = self.used if prune else self.entries
        if not self.added and len(kept) == len(self.entries) and self.path.is_file():
            return  # nothing new, nothing to drop
        changed = self.new + len(self.entries) - len(kept)
        if lazily and changed < max(LAZY_AT_LEAST, len(kept) * LAZY_SHARE) and self.path.is_file():
            return
        body = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
        head = json.dumps({"namespace": self.namespace, "seal": seal(body)})
        write_atomically(self.path, (head + "\n" + body).encode("utf-8"))


def seal(text: str) -> str:
    """The digest a cache entry carries of its own text: an altered entry no longer matches it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
