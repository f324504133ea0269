"""Content digests: what incremental builds key their outputs on."""

from __future__ import annotations

from datetime import date

import pytest

from gkml.fingerprint import SharedDigests, Unfingerprintable, digest


def test_a_shared_value_stands_in_by_its_content() -> None:
    shared = SharedDigests()
    row = {"title": "关于印发办法的通知", "created": "2012年5月14日", "index_no": "002986620/201205-00018"}
    same = dict(row)
    other = {**row, "title": "关于印发办法（修订）的通知"}
    assert shared.of(row) is shared.of(row)  # digested once
    assert shared.of(same) == shared.of(row)
    assert shared.of(other) != shared.of(row)
    # a listing's key changes with any of its rows
    assert digest([shared.of(row), shared.of(other)]) != digest([shared.of(row), shared.of(row)])


def test_a_value_that_cannot_be_digested_is_never_left_out() -> None:
    assert digest({"d": date(2026, 11, 1)}) != digest({"d": "2026-11-01"})
    with pytest.raises(Unfingerprintable):
        SharedDigests().of({"x": object()})
