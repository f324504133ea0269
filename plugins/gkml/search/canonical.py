"""Pagefind bundles made reproducible: the same pages give the same bytes.

Pagefind 1.5 writes its filter files and the metadata's lists of filters and sorts in
the order of Rust hash maps seeded at random (pagefind/src/index/mod.rs: "TODO: Change
filter indexes to BTree to give them a stable hash"), so every run names and fills
those files differently; word index chunks and fragments are already stable. After
each run this sorts those lists and renames the files exactly as Pagefind names them
(SHA-1 of the CBOR, hex without padding), so the bundle is the one Pagefind would write
if its maps were ordered. Filter values and pages are sets to the search code: the
answers do not change (tests/browser proves it).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class BundleFormatError(RuntimeError):
    """The bundle is not laid out as Pagefind 1.5 writes it (an upgrade must fail loudly)."""


def _full_hash(raw: bytes) -> str:
    return "".join(format(byte, "x") for byte in hashlib.sha1(raw).digest())  # Rust's {:x?} per byte


def read_file(path: Path) -> Any:
    """A Pagefind file (metadata, index chunk, filter): its CBOR, checked and decoded."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"unexpected Pagefind file: {path.name}")
    return cbor2.loads(data[len(SIGNATURE):])


def _write(path: Path, raw: bytes) -> None:
    path.unlink(missing_ok=True)  # never write through a link into an earlier build
    path.write_bytes(gzip.compress(SIGNATURE + raw, compresslevel=9, mtime=0))


def _filter_name(language: str, raw: bytes, taken: set[str]) -> str:
    """Pagefind's own naming: language_ + 7 hex digits, longer only on a collision."""
    full = f"{language}_{_full_hash(raw)}"
    length = len(language) + 8
    while full[:length] in taken and length < len(full):
        length += 1
    return full[:length]


def canonicalise(bundle: Path) -> None:
    """Rewrite one Pagefind output folder's filter files, metadata and entry in a fixed order."""
    entry_path = bundle / ENTRY
    entry_text = entry_path.read_text("utf-8")
    for language, info in json.loads(entry_text)["languages"].items():
        old_meta = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_file(old_meta)
        if not (isinstance(meta, list) and len(meta) >= 5 and isinstance(meta[3], list) and isinstance(meta[4], list)):
            raise BundleFormatError("unexpected Pagefind metadata layout")
        filters, taken = [], set()
        for name, old_hash in sorted(meta[3]):
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = read_file(old_path)
            raw = cbor2.dumps([filter_name, sorted(values, key=lambda value: value[0])])
            new_hash = _filter_name(language, raw, taken)
            taken.add(new_hash)
            old_path.unlink()
            _write(bundle / "filter" / f"{new_hash}.pf_filter", raw)
            filters.append([name, new_hash])
        meta[3] = filters
        meta[4] = sorted(meta[4], key=lambda sort: sort[0])
        raw = cbor2.dumps(meta)
        new_meta = f"{language}_{_full_hash(raw)[:len(language) + 8]}"
        old_meta.unlink()
        _write(bundle / f"pagefind.{new_meta}.pf_meta", raw)
        old = f'"hash":"{info["hash"]}"'
        if entry_text.count(old) != 1:
            raise BundleFormatError("unexpected pagefind-entry.json")
        entry_text = entry_text.replace(old, f'"hash":"{new_meta}"')
    entry_path.unlink()
    entry_path.write_text(entry_text, "utf-8")
