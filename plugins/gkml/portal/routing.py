"""The portal's routing index: for each token-hash slot, which agencies hold a key there.

Built from the token bitmaps the agencies publish (gkml.search.routing), so a
query's first step is to fetch a few KB and ask only the agencies that can match.
Layout (files of `width` bytes per agency, agencies in manifest order):

    pagefind/routing/<layout>/<j>.bin     slots [j*8w, (j+1)*8w)
    byte t*N + a, bit b: agency a has a key in slot j*8w + 8t + b

`<layout>` is a digest of the size, width and agency list, so a browser holding a
cached file from another layout can never read it with the wrong meaning. The
table is stored by byte column (a strided slice of the agencies' rows), which
keeps building it in C: no loop in Python runs per token.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gkml.search import routing
from gkml.search.routing import TOKEN_BITS, RoutingError

from .catalogue import Agency
from .config import ROUTING_DIR
from .sitecontract import REFUSED, SourceError

FILE_BYTES = 4096  # about what one query token costs the browser
MIN_BITS = 12
# Slots per key an agency holds: 16 leaves ~6 % of an agency's slots set, so a query
# token an agency lacks still routes there ~6 % of the time (a k-token query: 0.06**k).
SPARSITY = 16


@dataclass(frozen=True)
class RoutingIndex:
    bits: int  # 2**bits slots
    width: int  # bytes per agency per file
    path: str  # below pagefind/, ends with "/"
    files: dict[str, bytes]  # path below pagefind/ -> bytes
    routed: int  # agencies that published routing keys (the others are always asked)

    def manifest(self) -> dict[str, Any]:
        return {"version": routing.ROUTING_VERSION, "path": self.path, "bits": self.bits, "width": self.width}


def agency_bitmap(agency: Agency) -> int | None:
    """The union of the agency's shard bitmaps (2 MB: one agency's at a time in memory);
    None when it publishes none (asked for every query)."""
    search = agency.source.search or {}
    info = search.get("routing")
    if not info:
        return None
    who = f"{agency.name}（{agency.source.folder}）"
    if info.get("version") != routing.ROUTING_VERSION or info.get("bits") != TOKEN_BITS:
        raise SourceError(f"{who}：检索路由文件的版本（{info.get('version')}）与本门户不同，"
                          f"请用与门户相同版本的 gkml 重新生成，{REFUSED}。")
    union = 0
    for shard in search["shards"]:
        rel = f"{search['root']}{shard['path']}{routing.TOKENS_FILE}"
        if rel not in search["files"]:
            raise SourceError(f"{who}：发布清单缺少检索分片 {shard['name']} 的路由文件 {rel}，"
                              f"{REFUSED}。")
        data = agency.source.read(rel)  # the bytes verified, or refused: the site changed since
        try:
            union |= routing.decode(data)
        except RoutingError:
            raise SourceError(f"{who}：检索路由文件 {rel} 无法读取（文件损坏），"
                              f"{REFUSED}。") from None
    return union


def _layout(bits: int, width: int, agencies: Sequence[str]) -> str:
    text = json.dumps([routing.ROUTING_VERSION, bits, width, list(agencies)], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def key_count(agency: Agency) -> int | None:
    """How many slots the agency's keys set (None: it publishes none); refuses unreadable keys."""
    bitmap = agency_bitmap(agency)
    return None if bitmap is None else bitmap.bit_count()


def build(agencies: Sequence[Agency], counts: Sequence[int | None] | None = None) -> RoutingIndex:
    """`counts`: each agency's key_count, when already known. Two passes (the size needs the fullest
    agency first): one decoded bitmap in memory at a time."""
    if counts is None:
        counts = [key_count(agency) for agency in agencies]
    most = max((c for c in counts if c is not None), default=0)
    bits = min(TOKEN_BITS, max(MIN_BITS, (SPARSITY * most).bit_length()))
    row_bytes = (1 << bits) // 8
    n = len(agencies)
    width = max(1, min(row_bytes, FILE_BYTES // max(n, 1)))
    width = 1 << (width.bit_length() - 1)  # a power of two divides the row
    table = bytearray()
    for agency, count in zip(agencies, counts):
        bitmap = None if count is None else agency_bitmap(agency)
        table += b"\xff" * row_bytes if bitmap is None else routing.fold(bitmap, bits).to_bytes(row_bytes, "little")
    rows = bytes(table)
    path = f"{ROUTING_DIR}/{_layout(bits, width, [a.slug for a in agencies])}/"
    files = {}
    for j in range(row_bytes // width):
        # Column t of the table is every agency's byte j*width + t: a strided slice of the rows.
        files[f"{path}{j}.bin"] = b"".join(rows[j * width + t::row_bytes] for t in range(width))
    return RoutingIndex(bits=bits, width=width, path=path, files=files,
                        routed=sum(c is not None for c in counts))

