"""Alignment of normalised positions with the document's own text, and its meta value (search.excerpts)."""

from __future__ import annotations

import unicodedata

from gkml.search.excerpts import META_KEY, VERSION, differences, original_map
from gkml.search.records import Record, page_html
from gkml.search.text import TITLE_POSITIONS, layout, normalise


def decode(value: str) -> dict[int, str]:
    """The reading gkml-search.js does (decodeOriginal), for checking what the build writes."""
    assert value.startswith(VERSION)
    data = bytes(ord(c) - 0x2800 for c in value[1:])
    at = 0

    def varint() -> int:
        nonlocal at
        n, shift = 0, 0
        while True:
            b = data[at]
            at += 1
            n |= (b & 0x7F) << shift
            if b < 0x80:
                return n
            shift += 7

    entries = []
    for _ in range(varint()):
        size = varint()
        entries.append(data[at:at + size].decode("utf-8"))
        at += size
    out, position = {}, -1
    while at < len(data):
        position += varint() + 1
        out[position] = entries[varint()]
    return out


def slots(segment: str) -> list[str] | None:
    """Per normalised position of `segment`, what it shows (differences, the rest the character itself)."""
    text = normalise(segment)
    found = differences(segment, text)
    return None if found is None else [found.get(i, c) for i, c in enumerate(text)]


def shown(segment: str) -> str:
    """What an excerpt of the whole segment shows, from its slots."""
    found = slots(segment)
    assert found is not None
    assert len(found) == len(normalise(segment))
    return "".join(found)


def test_each_position_shows_the_character_that_produced_it() -> None:
    text = "第一条，为规范（一）适用范围：Open Data ＡＢＣ１２３"
    found = slots(text)
    assert found is not None and len(found) == len(normalise(text))
    assert found[3] == "，" and normalise(found[3]) == ","
    assert found[7:10] == ["（", "一", "）"]
    assert shown(text) == text  # every character, the space kept after "n"
    assert found[found.index("n ")] == "n "  # the space belongs to the position before it


def test_whitespace_runs_are_one_space_and_the_ends_are_trimmed() -> None:
    assert shown("  Open \n\n\u3000 Data\t ") == "Open Data"
    assert shown("第一条\u3000\u3000为") == "第一条 为"
    assert slots("   ") == [] and slots("") == []


def test_a_run_of_mixed_whitespace_shows_as_its_characters_one_by_one_would() -> None:
    # a run is matched whole (a page's indentation); a space before a combining mark is that mark's base
    assert slots("甲 \u3000\n 乙") == ["甲 ", "乙"]
    assert slots("甲\t\u00a0\u2003乙 ") == ["甲 ", "乙"]
    assert slots("x \u200b y") == ["x ", "y"]
    assert slots("㈠  甲") == ["㈠ ", "", "", "甲"]
    assert slots("a  \u0301b") == ["a ", " \u0301", "b"]
    assert slots(" \u0301 \u0301甲") == [" \u0301", " \u0301", "甲"]


def test_invisible_characters_show_nothing() -> None:
    assert shown("a\u200bb\u00adc\u202ed") == "abcd"  # zero width space, soft hyphen, a bidi override


def test_one_character_of_several_positions_then_empty_slots() -> None:
    assert normalise("㈠条") == "〔一〕条"
    assert slots("㈠条") == ["㈠", "", "", "条"]  # the browser widens a match inside ㈠ to all of it
    assert slots("ﬁx") == ["ﬁ", "", "x"]


def test_combining_marks_go_with_their_base() -> None:
    decomposed = "e\u0301te"
    assert normalise(decomposed) == "éte"  # NFKC composes the pair into one position
    assert slots(decomposed) == ["e\u0301", "t", "e"]


def test_no_alignment_when_folding_depends_on_the_context() -> None:
    # conjoining jamo: NFKC composes ᄀ + ᅡ into 가, each alone is itself
    assert normalise("\u1100\u1161") == "가"
    assert slots("\u1100\u1161") is None
    assert slots("\u1100\u1161 第一条") is None  # the whole segment falls back to its normalised text


def test_a_greek_word_keeps_its_segment_aligned() -> None:
    # Σ lowers to ς at a word's end only; normalise folds ς to σ, so per character gives the same
    assert shown("ΟΔΟΣ，第一条") == "ΟΔΟΣ，第一条"


def test_the_meta_value_lists_only_positions_that_differ_in_stream_positions() -> None:
    segments = ["索引号 002986620/202403-00001", "第一条，为（一）Open Data"]
    value = original_map(segments)
    placed = list(layout(segments))
    assert placed[0][0] == TITLE_POSITIONS
    body_start = placed[1][0]
    assert decode(value) == {
        TITLE_POSITIONS + 2: " ",  # 号 then a space: " " alone stands for "itself, then a space"
        body_start + 3: "，",
        body_start + 5: "（",
        body_start + 7: "）",
        body_start + 8: "O",
        body_start + 11: " ",
        body_start + 12: "D",
    }
    assert original_map(["全部相同的文字"]) == ""  # nothing differs: no value at all


def test_a_segment_without_alignment_writes_nothing_and_the_next_keeps_its_positions() -> None:
    segments = ["\u1100\u1161", "甲，乙"]
    start = list(layout(segments))[1][0]
    assert decode(original_map(segments)) == {start + 1: "，"}


def test_the_value_gives_pagefind_no_word() -> None:
    # Pagefind 1.5 indexes meta values word by word: letters and digits (and emoji) make words.
    value = original_map(["Open Data ＡＢＣ１２３，㈠ 🙂 " + "字" * 300 + "Z"])
    assert value and not any(c.isalnum() or c.isspace() for c in value)
    assert all(unicodedata.category(c) == "So" for c in value)
    assert max(decode(value)) > 128  # gaps past one varint byte


def test_the_record_page_carries_the_value_escaped_as_text() -> None:
    record = Record(title="标题", segments=["<script>alert(1)</script>，A"])
    html = page_html(record)
    assert f'<span data-pagefind-meta="{META_KEY}">' + original_map(record.segments) + "</span>" in html
    assert "<script>" not in html
    assert decode(original_map(record.segments))[TITLE_POSITIONS + 13] == "("  # shown by the browser, escaped there
