"""Routing keys: what a shard publishes so a portal asks it only for queries it can answer."""

from __future__ import annotations

import zlib

import pytest
from gkml.search.routing import (
    TOKEN_BITS,
    RoutingError,
    decode,
    encode,
    fold,
    key_hash,
    stream_keys,
)
from gkml.search.text import normalise, stream
from support import query_keys


def test_keys_cover_every_query_the_text_contains() -> None:
    text = "关于做好非煤矿山（2024）安全a-b工作的通知"
    keys = stream_keys(stream("标题", [text], ["002986620/201012-00015"], "皖应急〔2020〕12号").split(" "))
    normal = normalise(text)
    for start in range(len(normal)):
        for end in range(start + 1, len(normal) + 1):
            assert set(query_keys(normal[start:end])) <= keys, normal[start:end]
    assert set(query_keys("应急〔2020", field=True)) <= keys  # the 文号 field's own tokens
    assert set(query_keys("应", field=True)) <= keys
    assert not any(k.startswith("ｗ") for k in keys)  # whole-number tokens only rank
    assert not set(query_keys("煤山")) <= keys


def test_a_bitmap_holds_its_keys_at_every_folded_size() -> None:
    keys = {"非煤", "煤矿", "矿山", "山", "ｆ皖应"}
    bitmap = decode(encode(keys))
    assert bitmap.bit_count() == len({key_hash(k) for k in keys})
    for bits in (TOKEN_BITS, 20, 16, 12, 3):
        folded = fold(bitmap, bits)
        assert folded < 1 << (1 << bits)
        assert all(folded >> (key_hash(k) % (1 << bits)) & 1 for k in keys)
        assert folded.bit_count() <= len(keys)


def test_a_damaged_or_oversized_file_is_refused() -> None:
    good = encode({"矿山"})
    with pytest.raises(RoutingError):
        decode(b"not ours" + good[8:])
    with pytest.raises(RoutingError):
        decode(good[:-5])
    with pytest.raises(RoutingError):  # bigger than a bitmap (a decompression bomb stops at the size)
        decode(good[:8] + zlib.compress(bytes((1 << (TOKEN_BITS - 3)) * 4)))
