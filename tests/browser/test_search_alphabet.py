"""gkml-search.js's normalise and query tokens, run in Chromium, against search.text's on the same strings.

The index is made by Python and the query by the reader's browser: a string the two normalise
differently is a typed text the index cannot find. The script's alphabet section is run as it
is served (the functions are private to the script, so the section is cut out of its source).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from gkml.search.text import PLAIN, normalise, query_terms, query_tokens

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "plugins" / "gkml" / "site" / "assets" / "search" / "gkml-search.js"
# Typed and pasted text of the kinds the documents hold; each also inside a word and at its end.
STRINGS = (
    "皖政〔2024〕3号", "皖政[2024]3号", "皖政（２０２４）３号", "皖政【2024】3号", "皖政〖2024〗3号", "皖政﹝2024﹞3号",
    "PM2.5", "ＧＢ/Ｔ 2260—2007", "5G基站", "COVID-19", "2024年度", "应急\n预案。", "应急\u3000预案？", "Ⅱ类", "㈠", "㎡",
    "ΟΔΟΣ", "ΟΔΟΣΑ", "ΣΑ", "ΑΣ.", "Σ", "ς", "İstanbul", "ẞ", "ǅ", "Ω", "ﬁ", "e\u0301", "\u1100\u1161",
    "葛\U000e0100根", "❤\ufe0f", "\u1820\u180b\u180f", "a\u200bb\u00ad\u2060\ufeff\u202ec", "\x85\x1c", "😀👍🏽🇨🇳",
)


def assigned() -> list[str]:
    """Every character this Python's Unicode has assigned (the newer ones the browser knows are
    told apart by text.PLAIN, not by normalise), but the ideographs and Hangul syllables, which
    no step changes (NFKC of U+F900's compatibility ideographs is tested), and surrogates."""
    plain = [(a, b) for a, b in PLAIN if a >= 0x3400] + [(0xAC00, 0xD7A3), (0xF0000, 0x10FFFF)]
    return [chr(cp) for cp in range(sys.maxunicode + 1)
            if unicodedata.category(chr(cp)) not in ("Cn", "Cs") and not any(a <= cp <= b for a, b in plain)]


def browser_alphabet(browser: Any, strings: list[str]) -> list[list[Any]]:
    source = SCRIPT.read_text("utf-8")
    section = re.search(r"  var ESCAPE = .*?\n  function queryTokens\(chars\) \{.*?\n  \}\n", source, re.DOTALL)
    assert section, "gkml-search.js: the alphabet section (ESCAPE … queryTokens) moved"
    tab = browser.new_page()
    try:
        return tab.evaluate("([section, strings]) => new Function('strings', section + "
                            "'return strings.map(s => { const n = normalise(s); "
                            "return [n, n ? queryTokens(Array.from(n)) : []]; });')(strings)",
                            [section.group(0), strings])
    finally:
        tab.close()


def test_typed_strings_normalise_and_tokenise_alike(browser: Any) -> None:
    strings = [s for base in STRINGS for s in (base, "Α" + base, base + "Α", "中" + base + "文")]
    got = browser_alphabet(browser, strings)
    wrong = {s: (g, [normalise(s), query_tokens(s)]) for s, g in zip(strings, got) if g != [normalise(s), query_tokens(s)]}
    assert wrong == {}


def test_every_character_normalises_alike_alone_and_after_a_letter(browser: Any) -> None:
    chars = assigned()
    strings = chars + ["Α" + c for c in chars]
    got = browser_alphabet(browser, strings)
    wrong = {s: (g[0], normalise(s)) for s, g in zip(strings, got) if g[0] != normalise(s)}
    assert len(wrong) == 0, sorted(wrong.items())[:20]


def test_queries_split_into_the_same_terms(browser: Any) -> None:
    """gkml-search.js's queryTerms against text.query_terms (the tests' truth): at spaces, and at a / or -
    between words (政府信息/公开) but not inside a code (GB/T, COVID-19)."""
    source = SCRIPT.read_text("utf-8")
    section = re.search(r"  var ESCAPE = .*?\n  function queryTerms\(query\) \{.*?\n  \}\n", source, re.DOTALL)
    assert section, "gkml-search.js: the alphabet section (ESCAPE … queryTerms) moved"
    queries = ["政府信息/公开", "应急－预案 应急", "政府信息 / 公开", "GB/T 2260-2007", "COVID-19", "Ｂ/Ｔ", "/应急-",
               "《条例》/“规划”", "a-预案", "预案/3", "应急\u3000-\u3000预案", "皖政〔2024〕3号-附件",
               "应急—预案", "应急——预案", "应急～预案", "应急〜预案", "应急–预案", "3～5", "2020—2024", "——应急",
               "应急预案 -演练", "-演练", "应急预案\u3000－演练", "-5℃", "应急 -—预案", "a -b", "-\x00演练",
               '"应急预案"', "“应急预案”", "「应急」 “预案”", '"应急 预案"', ' " 应急预案 " ', "“十四五”规划", "it's", '"', '""',
               '"政府信息/公开"', '"-演练"', '"应急\n"', '"应急""预案"', '"a\ufeff"', "\u3000“应急”\u2028", *STRINGS]
    tab = browser.new_page()
    try:
        got = tab.evaluate("([section, queries]) => new Function('queries', section + "
                           "'return queries.map(q => queryTerms(q).map(t => t.text));')(queries)", [section.group(0), queries])
    finally:
        tab.close()
    assert {q: g for q, g in zip(queries, got) if g != query_terms(q)} == {}
