"""One-character 文号 queries over chunk boundaries.

A one-character query in the 文号 field is a prefix search: every field token that starts
with the character (search.text; elsewhere one character is searched as its character word). Pagefind loads, for a term, only the index chunks whose word range
holds the term itself (pagefind_web request_indexes: `term >= from && term <= to`),
but the tokens of a common character fill several chunks: at 10,000 documents `应`
found 8,508 of the 9,582 documents that contain it. So each shard lists, for every
prefix whose tokens run past a chunk boundary, the first word of each further chunk;
before a one-character search the browser preloads those words' chunks
(gkml-search.js), and the prefix search then sees every token.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from gkml.search.pffiles import ENTRY, BundleFormatError, read_file
from gkml.search.text import CHAR, ESCAPE, FIELD, NUMBER, TITLE_CHAR

PREFIXES_FILE = "gkml-prefixes.json"  # in each shard's folder
_ESCAPED_UNIT = 7  # ESCAPE and six hex digits


def prefix(word: str) -> str | None:
    """The one-character query whose prefix search reaches `word` (None: none does)."""
    head = ""
    if word.startswith(FIELD):  # 文号 field tokens: a one-character 文号 search
        head, word = FIELD, word[len(FIELD):]
    if word.startswith((NUMBER, CHAR, TITLE_CHAR)) or not (head or word):  # a character word is searched whole
        return None
    # a chunk boundary may be a shortened word (ｘ00ff): then so is its prefix
    return head + (word[:_ESCAPED_UNIT] if word.startswith(ESCAPE) else word[:1])


def _related(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and (a.startswith(b) or b.startswith(a))


def probes(chunks: Sequence[Sequence[str]]) -> dict[str, list[str]]:
    """prefix -> the first word of each chunk that continues that prefix's tokens from the chunk
    before it. `chunks`: Pagefind's metadata list of (from, to, hash), in word order."""
    found: dict[str, list[str]] = {}
    for before, chunk in pairwise(chunks):
        key = prefix(chunk[0])
        if key is not None and _related(key, prefix(before[1])):
            found.setdefault(key, []).append(chunk[0])
    return found


def write(bundle: Path) -> None:
    """Write the bundle's prefix list (an empty object when no prefix crosses a chunk)."""
    found: dict[str, list[str]] = {}
    for info in json.loads((bundle / ENTRY).read_text("utf-8"))["languages"].values():
        meta = read_file(bundle / f"pagefind.{info['hash']}.pf_meta")
        for key, words in probes(_chunks(meta)).items():
            found.setdefault(key, []).extend(words)
    path = bundle / PREFIXES_FILE
    path.unlink(missing_ok=True)  # never write through a link into an earlier build
    path.write_text(json.dumps(found, ensure_ascii=False, sort_keys=True, separators=(",", ":")), "utf-8")


def _chunks(meta: object) -> list[Sequence[str]]:
    chunks = meta[2] if isinstance(meta, list) and len(meta) > 2 else None
    if not isinstance(chunks, list) or not all(
            isinstance(c, list) and len(c) >= 2 and isinstance(c[0], str) and isinstance(c[1], str) for c in chunks):
        raise BundleFormatError("unexpected Pagefind metadata layout (index chunks)")
    return chunks
