"""search.postings.Packed: postings packed in int arrays read back as the tuples put in; search.charwords
posts each page's character words after its own."""

from __future__ import annotations

import pytest
from gkml.search import charwords
from gkml.search.bundle import Bundle, Page
from gkml.search.pffiles import BundleFormatError
from gkml.search.postings import Packed, Posting

POSTINGS: list[Posting] = [(0, [-25, 3], ()), (2, [-25, 7, 9, -73, 1], (("title", (0, 1)),)), (5, [], ()),
                           (9, [-25, 400000], ())]


def _packed(postings: list[Posting]) -> Packed:
    packed = Packed()
    for page, locations, runs in postings:
        packed.add(page, locations, runs)
    return packed


def test_postings_read_back_as_put_in() -> None:
    packed = _packed(POSTINGS)
    assert list(packed) == POSTINGS and len(packed) == 4
    assert packed[1] == POSTINGS[1] and packed[-1] == POSTINGS[-1] and packed[1:3] == POSTINGS[1:3]
    assert list(packed.with_runs()) == [(2, (("title", (0, 1)),))]


def test_extended_by_packed_or_tuples_with_page_numbers_moved() -> None:
    moved = [(page + 10, locations, runs) for page, locations, runs in POSTINGS]
    for other in (_packed(POSTINGS), POSTINGS):
        packed = _packed(POSTINGS)
        packed.extend(other, 10)
        assert list(packed) == POSTINGS + moved
        assert list(packed.with_runs()) == [(2, (("title", (0, 1)),)), (12, (("title", (0, 1)),))]


def test_a_copy_is_its_own() -> None:
    packed = _packed(POSTINGS)
    copied = packed.copy()
    copied.add(11, [-25, 1], (("x", (2,)),))
    assert list(packed) == POSTINGS and len(copied) == 5 and list(copied)[:4] == POSTINGS


def _bundle() -> Bundle:
    return Bundle(version="1.5.0", language="zxx", entry={}, postings={},
                  pages=[Page(url="/a/", meta_keys=frozenset(), packed=None, word_count=5)])


def test_character_words_follow_the_pages_own_words() -> None:
    bundle = _bundle()
    charwords.add(bundle, {"/a/": "ｕ矿 ｔ矿"})
    assert list(bundle.postings["ｕ矿"]) == [(0, [-25, 5], ())] and list(bundle.postings["ｔ矿"]) == [(0, [-25, 6], ())]
    assert bundle.pages[0].word_count == 8  # and the stream's closing separator


def test_character_words_of_a_page_the_bundle_lacks_fail_loudly() -> None:
    """A record whose address is not its page's would have its one-character queries find nothing."""
    with pytest.raises(BundleFormatError):
        charwords.add(_bundle(), {"/a/": "ｕ矿", "/b/": "ｕ山"})
