"""The original text excerpts carry (search.excerpts) changes no word of the search index.

Pagefind 1.5 indexes meta values too; the value is made of no letter, digit, emoji or
whitespace, so it gives no word, and its key sorts after every other meta key, so the
others keep their field numbers: the word index is byte for byte the one of a build
without it, hence the same documents found in the same order. Only the records
(fragments) and the list of meta fields grow.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from gkml.search import records
from gkml.search.excerpts import META_KEY
from gkml.search.index import build_index
from gkml_bench.search_bench import FixtureDoc, generate_docs, write_site

LATIN = FixtureDoc(index_no="002986620/202403-00001", title="关于Open Data Portal的通知（试行）", published="2024-03-05T09:00",
                   category="政策法规", org="省数据局", genre="通知", validity="有效", wenhao="皖数〔2024〕1号",
                   body="第一条　为规范管理，制定本办法（一）适用范围：Open  Data Portal, API v2.0。\nＡＢＣ１２３；ΟΔΟΣ ㈠ 🙂")


def _bundle(root: Path) -> dict[str, bytes]:
    docs = [LATIN, *generate_docs(60)]
    items = write_site(root, docs, offline=False)
    build_index(root, {"all": [p for _, p in items]}, quiet=True)
    return {p.relative_to(root / "pagefind").as_posix(): gzip.decompress(p.read_bytes())
            for p in (root / "pagefind").rglob("*.pf_*")}


def test_the_word_index_is_the_one_without_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_original = _bundle(tmp_path / "with")
    with monkeypatch.context() as m:
        m.setattr(records, "original_map", lambda segments, **_laid: "")  # what a build before issue 14 wrote
        without = _bundle(tmp_path / "without")
    index = {k: v for k, v in with_original.items() if k.endswith(".pf_index")}
    assert index and index == {k: v for k, v in without.items() if k.endswith(".pf_index")}
    fragments = [v for k, v in with_original.items() if k.endswith(".pf_fragment")]
    assert all(META_KEY.encode() in f for f in fragments)  # every record has full-width commas at least
    assert not any(META_KEY.encode() in v for v in without.values())
