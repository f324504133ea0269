"""A Pagefind 1.5 file as bytes: gzip of a signature and CBOR (a fragment: JSON), named by a
hash of what it holds; and the error an upgrade of Pagefind that wrote them otherwise raises.

Apart from search.bundle, which reads a bundle's files into pages and postings, because
the portal and the query prefixes read single files too, and gkml's writer packs and names
its own the same way (search.bundle_write).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class BundleFormatError(RuntimeError):
    """The bundle is not laid out as Pagefind 1.5 writes it (an upgrade must fail loudly)."""


def full_hash(raw: bytes) -> str:
    return "".join(format(byte, "x") for byte in hashlib.sha1(raw).digest())  # Rust's {:x?} per byte


def read_file(path: Path) -> Any:
    """A Pagefind file (metadata, index chunk, filter): its CBOR, checked and decoded."""
    return cbor2.loads(unpack(path))


def unpack(path: Path) -> bytes:
    return unpack_bytes(path.read_bytes(), path.name)


def unpack_bytes(packed: bytes, name: str) -> bytes:
    data = gzip.decompress(packed)
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"unexpected Pagefind file: {name}")
    return data[len(SIGNATURE):]


def fragment_page(packed: bytes, name: str) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    """The page address a fragment file (as Pagefind compressed it) holds, where a result links, the
    meta values a result shows (as stored: search.records.meta_text reads them) and its filter values."""
    try:
        data = json.loads(unpack_bytes(packed, name))
        url, meta, filters = data.get("url"), data.get("meta") or {}, data.get("filters") or {}
        values = {str(key): value for key, value in meta.items() if isinstance(value, str)}
        lists = {str(key): [str(v) for v in value] for key, value in filters.items() if isinstance(value, list)}
    except (OSError, EOFError, ValueError, AttributeError, TypeError) as error:
        raise BundleFormatError(f"unreadable Pagefind fragment: {name}") from error
    if not isinstance(url, str):
        raise BundleFormatError(f"a Pagefind fragment without its page's address: {name}")
    return url, values, lists


def pack(raw: bytes) -> bytes:
    # level 6: 1 % more bytes than 9, in a third of the time (a 3,900-page shard's chunks: 0.9 s / 2.5 s)
    return gzip.compress(SIGNATURE + raw, compresslevel=6, mtime=0)


def fragment_path(folder: str, meta: str, name: str) -> str:
    """gkml's numbered fragments are in a folder named by their index; Pagefind's are named by hash."""
    return os.path.join(folder, "fragment", meta, f"{name}.pf_fragment") if name.isdigit() else \
        os.path.join(folder, "fragment", f"{name}.pf_fragment")


def check_name(name: str, language: str, raw: bytes, length: int, hashed: str | None = None) -> None:
    expected = f"{language}_{hashed or full_hash(raw)}"
    if not (expected.startswith(name) and len(name) >= len(language) + 1 + length):
        raise BundleFormatError(f"a search file does not hold what its name says: {name}")
