"""Which search tokens a shard holds, as a hashed bitmap a portal can route queries with.

A query matches a document only where the document holds every token the query
is made of (``text.query_tokens``: its bigrams, or one character as a prefix).
So each shard publishes the set of its *routing keys* and a portal asks only the
agencies whose sets contain all of a query's keys: a superset of the agencies
with hits (hash collisions cost a request, never a result).

Keys of a token stream: every token (the 文号-field ones included) and the first
unit of every token (what a one-character prefix search needs). The whole-number
tokens only rank, and a character word (``ｕ``, ``ｔ``) says what its unit
already does, so they are left out.

The set is stored as a bitmap of ``2**TOKEN_BITS`` bits, bit ``crc32(key) mod
2**TOKEN_BITS`` (UTF-8), zlib-compressed (run-length): a portal folds it to the size it needs
with a few big-integer operations. gkml-search.js computes the same hash.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from gkml.search.text import (
    CHAR,
    ESCAPE,
    FIELD,
    NUMBER,
    SEPARATOR,
    TITLE_CHAR,
)

TOKENS_FILE = "gkml-tokens.bin"  # in each shard's folder
ROUTING_VERSION = 1  # bump on any change of keys, hash or file layout
TOKEN_BITS = 24
_MAGIC = b"GKMLTOK1"


class RoutingError(ValueError):
    """A token file that cannot be read."""


def _first_unit(token: str) -> str:
    mark = token[0] if token[0] == FIELD else ""
    rest = token[len(mark):]
    return mark + (rest[:7] if rest[:1] == ESCAPE else rest[:1])


def stream_keys(words: Iterable[str]) -> set[str]:
    """Routing keys of the words of a token stream (``text.stream(...).split(" ")``)."""
    tokens = {w for w in words if w and w != SEPARATOR and w[0] not in (NUMBER, CHAR, TITLE_CHAR)}
    return tokens | {_first_unit(t) for t in tokens}


def key_hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) & ((1 << TOKEN_BITS) - 1)


def encode(keys: Iterable[str]) -> bytes:
    bitmap = bytearray(1 << (TOKEN_BITS - 3))
    for key in keys:
        h = key_hash(key)
        bitmap[h >> 3] |= 1 << (h & 7)
    # run-length deflate: a sparse bitmap is runs of zero bytes; 23,000 keys: 4 ms and 48 KB,
    # against 170 ms and 43 KB at level 9 (on the critical path of a one-edit build)
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    return _MAGIC + packer.compress(bytes(bitmap)) + packer.flush()


def decode(data: bytes) -> int:
    """The bitmap as an integer (bit h set: some key hashes to h)."""
    if not data.startswith(_MAGIC):
        raise RoutingError("not a gkml token file")
    try:
        raw = zlib.decompressobj().decompress(data[len(_MAGIC):], (1 << (TOKEN_BITS - 3)) + 1)
    except zlib.error as error:
        raise RoutingError(str(error)) from None
    if len(raw) != 1 << (TOKEN_BITS - 3):
        raise RoutingError("token bitmap of the wrong size")
    return int.from_bytes(raw, "little")


def fold(bitmap: int, bits: int) -> int:
    """The same set at 2**bits slots (slot = hash mod 2**bits): OR the halves together."""
    size = TOKEN_BITS
    while size > bits:
        size -= 1
        bitmap = (bitmap >> (1 << size)) | (bitmap & ((1 << (1 << size)) - 1))
    return bitmap
