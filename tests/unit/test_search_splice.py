"""search.splice: a word's entry updated as bytes is the entry encoded again, for every
page left out, added, edited or moved, at every place in its blocks."""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path

import cbor2
import pytest
from gkml.search import layout, splice
from gkml.search.layout import WordLayout

PAGES = 120  # pages in the shard
WORD = "应急"


def _postings(seed: int) -> list[splice.Raw]:
    rng = random.Random(seed)
    pages = sorted(rng.sample(range(PAGES), 80))  # three blocks and a bit
    return [(page, sorted(rng.sample(range(500), rng.randint(1, 4))), [-1, rng.randint(0, 9)] if page % 7 == 0 else [])
            for page in pages]


def _check(postings: list[splice.Raw], new_of: Mapping[int, int], added: list[splice.Raw]) -> tuple[bytes, WordLayout]:
    entry, where = splice.encoded(WORD, postings)
    assert entry == cbor2.dumps([WORD, _deltas(postings), []])
    got = splice.Renumbering(new_of, PAGES).word(entry, where, added)
    expected = sorted([(new_of[p], locs, meta) for p, locs, meta in postings if p in new_of] + added)
    assert got is not None
    assert got[0] == splice.encoded(WORD, expected)[0]
    assert list(got[1].pages) == [p for p, _l, _m in expected]
    assert got[1].size == len(got[0])
    return got


def _deltas(postings: list[splice.Raw]) -> list[list[object]]:
    previous, out = 0, []
    for page, locs, meta in postings:
        out.append([page - previous, locs, meta])
        previous = page
    return out


@pytest.mark.parametrize("seed", range(3))
def test_a_page_left_out_anywhere(seed: int) -> None:
    postings = _postings(seed)
    for gone in range(PAGES):
        _check(postings, {n: n - (n > gone) for n in range(PAGES) if n != gone}, [])


@pytest.mark.parametrize("seed", range(3))
def test_a_page_added_anywhere(seed: int) -> None:
    postings = _postings(seed)
    for at in range(PAGES + 1):
        _check(postings, {n: n + (n >= at) for n in range(PAGES)}, [(at, [3, 9], [])])


@pytest.mark.parametrize("seed", range(3))
def test_a_page_edited_or_moved(seed: int) -> None:
    postings = _postings(seed)
    for page in range(0, PAGES, 3):
        _check(postings, {n: n for n in range(PAGES) if n != page}, [(page, [1], [-1, 2])])  # edited in place
        _check(postings, {n: n for n in range(PAGES) if n != page}, [])  # the word no longer on it
        to = (page * 7) % PAGES  # moved (its date changed): the pages between shift by one
        kept = [n for n in range(PAGES) if n != page]
        order = kept[:to] + [page] + kept[to:]
        new_of = {old: new for new, old in enumerate(order) if old != page}
        _check(postings, new_of, [(to, [5], [])])


def test_updates_one_after_another_keep_their_layout_true() -> None:
    postings = _postings(7)
    entry, where = splice.encoded(WORD, postings)
    rng = random.Random(7)
    pages = PAGES
    for _ in range(40):
        gone = rng.randrange(pages)
        at = rng.randrange(pages)
        kept = [n for n in range(pages) if n != gone]
        new_of = {old: new + (new >= at) for new, old in enumerate(kept)}
        added = [(at, [rng.randrange(50)], [])] if rng.random() < 0.5 else []
        got = splice.Renumbering(new_of, pages).word(entry, where, added)
        postings = sorted([(new_of[p], locs, meta) for p, locs, meta in postings if p in new_of] + added)
        assert got is not None and got[0] == splice.encoded(WORD, postings)[0]
        entry, where = got


def test_a_word_left_on_no_page_is_gone() -> None:
    postings = _postings(1)[:3]
    entry, where = splice.encoded(WORD, postings)
    assert splice.Renumbering({n: n for n in range(PAGES) if n not in {p for p, _l, _m in postings}}, PAGES).word(
        entry, where, []) is None


def test_bytes_that_disagree_with_their_layout_are_refused() -> None:
    postings = _postings(2)
    entry, where = splice.encoded(WORD, postings)
    pages = type(where.pages)("I", [p + (i >= 40) for i, p in enumerate(where.pages)])  # one delta off by one
    lying = WordLayout(where.head, pages, where.blocks)
    with pytest.raises(splice.SpliceError):
        splice.Renumbering({n: n for n in range(PAGES + 1) if n != pages[41]}, PAGES + 1).word(entry, lying, [])


def test_pruning_layouts_spares_a_wanted_layout_being_written(tmp_path: Path) -> None:
    """The indexing child writes the new layout after it has answered, while the build prunes
    the old ones: the new one's temporary file is not taken for an old layout."""
    wanted = layout.path(tmp_path, "zh_new")
    old = layout.path(tmp_path, "zh_old")
    for path in (wanted.with_name(wanted.name + ".123.tmp"), old, old.with_name(old.name + ".456.tmp")):
        path.write_bytes(b"x")
    layout.prune(tmp_path, ["zh_new"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [wanted.name + ".123.tmp"]
