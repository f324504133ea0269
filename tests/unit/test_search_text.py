"""The search alphabet and the page → record extraction (pure functions)."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

from gkml.search import text
from gkml.search.records import (
    META_MARK,
    Record,
    char_words_of,
    extract,
    indexed_words,
    page_html,
)
from gkml.search.text import (
    CHAR,
    PLAIN,
    SEPARATOR,
    TITLE_CHAR,
    TITLE_POSITIONS,
    contains,
    normalise,
    number_token,
    query_tokens,
    stream,
    tokens,
    unit,
)

SCRIPT = Path(__file__).resolve().parents[2] / "plugins" / "gkml" / "site" / "assets" / "search" / "gkml-search.js"


def test_normalise_width_case_whitespace_brackets_and_invisible_characters() -> None:
    assert normalise("ＡＢｃ１２３") == "abc123"
    assert normalise("皖应急[2020]12号") == normalise("皖应急【2020】12号") == normalise("皖应急〔2020〕12号")
    assert normalise("皖应急（2020）12号") == normalise("皖应急﹝2020﹞12号") == "皖应急〔2020〕12号"
    assert normalise("安全\n 生\u3000产\u200b") == "安全生产"
    assert normalise("\u00ad") == ""


def test_a_greek_sigma_is_found_wherever_the_document_has_it() -> None:
    """Lower case writes Σ as ς at a word's end only: ΟΔΟΣΑ held δοσ, ΔΟΣ typed alone was δος."""
    assert normalise("ΟΔΟΣ") == normalise("οδοσ") == "οδοσ"
    assert contains("ΟΔΟΣΑ路", "ΔΟΣ") and contains("公式ΑΣ", "Σ")


def test_a_variation_selector_is_no_character_of_the_text() -> None:
    """It chooses a glyph's look (葛 with U+E0100 in a name, ❤ from an emoji keyboard with U+FE0F);
    the reader types the character."""
    assert normalise("葛\U000e0100根") == "葛根" and contains("葛\U000e0100根", "葛根")
    assert contains("注意❤事项", "❤\ufe0f") and contains("注意❤\ufe0f事项", "❤事项")
    assert normalise("\u1820\u180b\u180f\ufe00") == "\u1820"  # Mongolian's selectors too


def test_contains_is_substring_after_normalisation() -> None:
    assert contains("全省非煤矿山安全", "矿山")
    assert contains("皖应急〔2020〕12号", "皖应急[2020]12号")
    assert not contains("安全，生产", "安全生产")  # punctuation is kept
    assert not contains("anything", "  ")


def test_tokens_are_position_bigrams_with_punctuation_encoded() -> None:
    assert tokens("非煤矿山") == ["非煤", "煤矿", "矿山", "山"]
    assert tokens("a,b") == ["aｘ00002c", "ｘ00002cb", "b"]
    assert query_tokens("矿山") == ["矿山"]
    assert query_tokens("非煤矿山") == ["非煤", "煤矿", "矿山"]
    assert query_tokens("矿") == ["矿"]
    assert query_tokens(" ") == []


def test_stream_pads_the_title_and_separates_segments() -> None:
    words = stream("关于矿山", ["索引号1", "正文"], ["002986620/201012-00015"], "皖应急〔2020〕12号").split(" ")
    assert words[:4] == ["关于", "于矿", "矿山", "山"]
    assert words[4:TITLE_POSITIONS] == [SEPARATOR] * (TITLE_POSITIONS - 4)
    assert words[TITLE_POSITIONS:TITLE_POSITIONS + 4] == ["索引", "引号", "号1", "1"]
    assert number_token("002986620/201012-00015") in words
    assert "ｆ皖应" in words  # the 文号 field's own tokens
    # a query never spans two segments: each ends with a lone character
    assert "1正" not in words


def test_extract_takes_only_the_marked_text_and_ignores_markers_inside_it() -> None:
    page = (
        '<nav>上一篇 别的文件</nav><article data-gkml-sort="2020-01-02T09:00">'
        '<h1 data-gkml-text="title">关于 &lt;b&gt; 的通知</h1>'
        '<div class="gkml-notice">替代文件：另一个文件</div>'
        '<table><caption>文件属性</caption><tr><th>索引号</th><td data-gkml-text="attributes">002986620/202001-00001</td>'
        '</tr><tr><th>发布机构</th><td data-gkml-text="attributes">应急<a href="/o/">管理厅</a></td></tr></table>'
        '<div data-gkml-text="body"><p>正文<br>第二行<span data-gkml-meta="索引号">伪造</span>'
        '<span data-gkml-filter="信息分类">伪造</span></p></div>'
        '<section><h2>附件</h2><ol><li data-gkml-text="attachments"><a href="a.pdf">附表</a>（a.pdf）</li></ol></section>'
        '</article>'
        '<div hidden><span data-gkml-meta="索引号">002986620/202001-00001</span>'
        '<span data-gkml-filter="信息分类">应急管理</span></div>'
    )
    record = extract(page)
    assert record.title == "关于 <b> 的通知"
    # cell and line edges are whitespace: dropped from the index, a space in an excerpt
    # each value and attachment is a segment of its own; labels, caption and headings are no text
    assert [" ".join(s.split()) for s in record.segments] == [
        "002986620/202001-00001", "应急管理厅", "正文 第二行伪造伪造", "附表（a.pdf）"]
    assert record.meta == {"索引号": "002986620/202001-00001"}
    assert record.filters == {"信息分类": ["应急管理"]}
    assert record.sort == "2020-01-02T09:00"
    html = page_html(record)
    assert "另一个文件" not in html and "上一篇" not in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert f">{META_MARK}关于{META_MARK}ｓ&lt;b&gt;{META_MARK}ｓ的通知<" in html



def _meta(page: str) -> str:
    return html.unescape(re.search(r'data-pagefind-meta="title">([^<]*)<', page).group(1))


def _decoded(value: str) -> str:
    """What gkml-search.js metaText shows."""
    def one(m: re.Match[str]) -> str:
        c = m.group(1)
        if len(c) == 3:
            return chr(sum((ord(b) - 0x2800) << shift for b, shift in zip(c, (16, 8, 0))))
        return META_MARK if c == META_MARK else " "
    return re.sub("\uff59([\u2800-\u28ff]{3}|.?)", one, value.removeprefix(META_MARK), flags=re.DOTALL)


def test_meta_values_are_one_word_without_letters_pagefind_would_strip_marks_from() -> None:
    title = "Ｓａｆｅｔｙ  Café与Zhōngguó ガス 한국 \uf900城《通知》"
    value = _meta(page_html(extract(f'<article><h1 data-gkml-text="title">{title}</h1></article>')))
    assert value.startswith(META_MARK) and not any(c.isspace() for c in value)
    assert _decoded(value) == "Ｓａｆｅｔｙ Café与Zhōngguó ガス 한국 \uf900城《通知》"
    letters = {c for c in value if unicodedata.category(c)[0] in "LMN"}
    assert all(c.isascii() or unit(c) == c or c in (META_MARK, "ｓ") for c in letters)
    assert unicodedata.normalize("NFD", "".join(letters).lower()) == "".join(letters).lower()


def test_units_follow_a_fixed_list_not_this_pythons_unicode_database() -> None:
    assert unit("矿") == "矿" and unit("𠮷") == "𠮷" and unit("7") == "7"
    # Unicode 15 ideographs (Ext C's last, Ext H): unassigned for Python 3.11, letters for Chromium
    assert unit("\U0002b739") == "ｘ02b739" and unit("\U00031350") == "ｘ031350"
    assert unit("é") == "ｘ0000e9" and unit("が") == "ｘ00304c"  # Pagefind would fold their marks away
    assert query_tokens("新\U00031350") == ["新ｘ031350"]


def test_every_plain_code_point_is_a_letter_or_digit_here_too() -> None:
    """Unicode 14 (Python 3.11) already has them all: newer versions only add."""
    for a, b in PLAIN:
        assert all(unicodedata.category(chr(cp))[0] in "LN" for cp in range(a, b + 1)), hex(a)


def test_the_browser_has_the_same_plain_list() -> None:
    found = re.search(r"var PLAIN = (\[.*?\]);", SCRIPT.read_text("utf-8"), re.DOTALL)
    assert found
    assert [tuple(r) for r in json.loads(re.sub(r"0x([0-9a-f]+)", lambda m: str(int(m.group(1), 16)), found.group(1)))] \
        == list(PLAIN)


def test_the_browser_wraps_a_long_number_part_where_the_pages_do() -> None:
    from gkml.site.tokens import LONG_PART

    found = re.search(r"var LONG_PART = (\d+);", SCRIPT.read_text("utf-8"))
    assert found and int(found.group(1)) == LONG_PART


def test_the_browser_shows_and_filters_by_the_names_the_pages_give_the_index() -> None:
    """The script's result rows and filters name the index's meta and filters as document pages give them."""
    from gkml.site.document_page import INDEX_FILTERS, INDEX_META

    script = SCRIPT.read_text("utf-8")
    meta = re.search(r"var META_FIELDS = (\[.*?\]);", script, re.DOTALL)
    filters = re.search(r"var FILTERS = \[(.*?)\];", script, re.DOTALL)
    assert meta and filters
    assert json.loads(meta.group(1).replace("'", '"')) == list(INDEX_META)
    assert re.findall(r"key: '([^']+)'", filters.group(1)) == list(INDEX_FILTERS)


def test_a_title_nfkc_makes_longer_than_its_positions_is_also_written_whole() -> None:
    title = "㈱" * 100 + "末尾"  # 102 characters, 302 normalised
    words = stream(title, ["正文"]).split(" ")
    assert "末尾" not in words[:TITLE_POSITIONS]
    tail = words[TITLE_POSITIONS + 3:]  # after 正文's two tokens and separator
    assert tail[:3] == tokens(normalise(title))[:3] and "末尾" in tail
    after = stream("关于矿山", ["正文"]).split(" ")[TITLE_POSITIONS + 3:]
    assert [w for w in after if w != SEPARATOR and w[0] not in (CHAR, TITLE_CHAR)] == []  # a title that fits: once


def test_each_character_held_is_one_word_after_everything_else() -> None:
    """A one-character query is one word (a prefix search over the tokens cost a second a
    search for a comma at 600 documents): every character of title and segments, once,
    carried by the record page beside the stream, which ends with the separator they follow."""
    title, segments = "关于Ａ，矿山", ["正文，正文", "山"]
    page = page_html(Record(title=title, segments=segments, meta={"索引号": "002986620/201012-00015",
                                                                     "文号": "皖应急〔2020〕12号"}))
    words = char_words_of(page).split(" ")
    held = [w for w in words if w[0] == CHAR]
    assert held == sorted({CHAR + unit(c) for c in normalise("关于a，矿山正文")})
    assert CHAR + "ｘ00ff0c" not in held and CHAR + "ｘ00002c" in held  # as normalised: NFKC's comma
    assert [w for w in words if w[0] == TITLE_CHAR] == sorted(TITLE_CHAR + unit(c) for c in "关于a,矿山")
    indexed = indexed_words(page)
    assert not [w for w in indexed if w[0] in (CHAR, TITLE_CHAR)]
    assert indexed[-1] == SEPARATOR and indexed[-2].startswith("ｆ")  # the field's tokens, then their separator
    assert char_words_of(page_html(Record())) == ""


def test_the_stream_ends_with_a_separator_so_pagefinds_period_splits_no_word() -> None:
    for numbers, doc_no in (([], ""), (["002986620/201012-00015"], ""), (["002986620/201012-00015"], "皖应急〔2020〕12号")):
        assert stream("关于矿山", ["正文"], numbers, doc_no).split(" ")[-1] == SEPARATOR


def test_the_characters_dropped_are_those_unicode_says_for_this_python() -> None:
    """The class kept in the code for Unicode 14.0 is what scanning gives (another version is scanned)."""
    if unicodedata.unidata_version == "14.0.0":
        assert text._scanned() == text._DROPPED_14
    assert text.normalise("a\u200bb\u3000c\ufeffd\U000e0041") == "abcd"


def test_a_slash_or_hyphen_between_words_splits_the_query_as_a_space_would() -> None:
    """政府信息/公开 and 应急-预案 were searched as typed: the documents holding both words were not found.
    One touching a letter or digit stays: codes and numbers (GB/T, COVID-19, 2024-03-01, an index number)."""
    assert text.query_terms("政府信息/公开") == ["政府信息", "公开"] == text.query_terms("政府信息 ／ 公开")
    assert text.query_terms("应急－预案 应急") == ["应急", "预案"]
    assert text.query_terms("《条例》/“规划”") == ["《条例》", "规划"]  # quotes around a word: not text
    for code in ("GB/T 2260-2007", "COVID-19", "2024-03-01", "002986620/202405-70001", "Ｂ/Ｔ", "a-预案", "预案/3"):
        assert text.query_terms(code) == [text.normalise(part) for part in code.split()], code
    assert text.query_terms("/应急-") == ["/应急-"]  # a mark at an end joins nothing


def test_a_dash_or_wave_between_words_splits_the_query_as_a_hyphen_does() -> None:
    """应急—预案, 应急——预案 and 应急～预案 were searched as typed; a range of numbers stays (3～5, 2020—2024)."""
    for joined in ("应急—预案", "应急——预案", "应急～预案", "应急〜预案", "应急–预案", "应急―预案", "应急 —— 预案"):
        assert text.query_terms(joined) == ["应急", "预案"], joined
    for kept in ("3～5", "2020—2024", "a—预案", "——应急"):
        assert text.query_terms(kept) == [text.normalise(kept)], kept


def test_a_date_of_the_attribute_table_is_text_also_as_its_datetime_writes_it() -> None:
    """The page shows 2024年3月2日; readers type 2024-03-02 too (the day: no time of day is shown)."""
    record = extract('<article><h1 data-gkml-text="title">通知</h1><table><tr><th>发布日期</th>'
                     '<td data-gkml-text="attributes"><time datetime="2024-03-02T09:30">2024年3月2日</time></td></tr>'
                     '</table><div data-gkml-text="body"><p><time datetime="2020-01-01">元旦</time></p></div></article>')
    assert [s.strip() for s in record.segments] == ["2024年3月2日", "2024-03-02", "元旦"]


def test_a_minus_leading_a_word_is_searched_as_typed_not_as_the_word() -> None:
    """应急预案 -演练 means "without 演练" elsewhere; gkml has no exclusion and found the documents holding 演练."""
    assert text.query_terms("应急预案 -演练") == text.query_terms("应急预案\u3000－演练") == ["应急预案", "-演练"]
    assert text.query_terms("-演练") == ["-演练"]
    for joined in ("应急 - 预案", "应急-预案", "应急 -—预案"):  # a dash between words, or a lone one, still joins
        assert text.query_terms(joined) == ["应急", "预案"], joined


def test_quotes_around_the_query_or_a_word_are_dropped_not_searched() -> None:
    """"应急预案" (typed from habit: a phrase elsewhere) was searched with its quotes and found nothing;
    inside a word (“十四五”规划, it's) they are text, and a quote alone is searched as typed."""
    for typed in ('"应急预案"', "“应急预案”", "＂应急预案＂", "「应急预案」", "『应急预案』", "‘应急预案’", "'应急预案'",
                  ' " 应急预案 " ', '""应急预案""', '"应急预案”'):
        assert text.query_terms(typed) == ["应急预案"], typed
    assert text.query_terms('"应急 预案"') == ["应急", "预案"] == text.query_terms("「应急」 “预案”")
    assert text.query_terms('"政府信息/公开"') == ["政府信息", "公开"]
    assert text.query_terms('"-演练"') == ["-演练"] == text.query_terms("“-演练”")
    for kept in ("“十四五”规划", "it's", '"', '""', '应急预案"'):
        assert text.query_terms(kept) == [text.normalise(kept)], kept
    assert text.query_terms('"应急""预案"') == ['应急""预案']


def test_quotes_after_an_invisible_character_pasted_with_them_are_dropped_too() -> None:
    """\\u200b"应急预案" (a zero-width space copied from a web page) kept its quotes and found nothing;
    what normalise drops is dropped before the quote and minus rules read the query, whitespace kept."""
    for typed in ('\u200b"应急预案"', "\ufeff“应急预案”\u200d", '"应急预案\u200b"', '\u2060"应急预案"\u2060', '\x00"应急预案"'):
        assert text.query_terms(typed) == ["应急预案"], typed
    assert text.query_terms('\u200b"应急" \u200b"预案"') == ["应急", "预案"]
    assert text.query_terms("应急预案 \u200b-演练") == ["应急预案", "-演练"]  # a leading - still, as typed
    assert text.query_terms("应急\u200b预案") == ["应急预案"]


def test_a_dunhao_lists_words_as_a_space_would() -> None:
    """矿山、整治 was one term, which only a text writing 矿山、整治 holds: a 、 lists words, every one of which a
    result holds (gkml-search.js alike: tests/browser/test_search_alphabet.py)."""
    assert text.query_terms("矿山、整治") == ["矿山", "整治"] == text.query_terms("矿山､整治")
    assert text.query_terms("“应急预案”、“演练”") == ["应急预案", "演练"]  # quoted words listed
    assert text.query_terms("矿山、") == ["矿山"] and text.query_terms("、") == ["、"]  # a 、 alone: itself
