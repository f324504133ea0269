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
from gkml.search.dates import offered, typed_forms
from gkml.search.records import written_dates
from gkml.search.text import PLAIN, layout, normalise, query_terms, query_tokens

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
               '"政府信息/公开"', '"-演练"', '"应急\n"', '"应急""预案"', '"a\ufeff"', "\u3000“应急”\u2028", '\u200b"应急预案"',
               "\ufeff“应急预案”\u200d", '"应急预案\u200b"', '\u2060"应急" \u200b"预案"', "应急预案 \u200b-演练",
               '\ufe0f"应急"', "\u00ad“预案”", '\u202e"应急"\u202c', "矿山、整治", "“应急预案”、“演练”", "、", "一、总则",
               "应急预案、-演练", "矿山､整治", " 、 ", "、、", "矿山 、 整治", *STRINGS]
    tab = browser.new_page()
    try:
        got = tab.evaluate("([section, queries]) => new Function('queries', section + "
                           "'return queries.map(q => queryTerms(q).map(t => t.text));')(queries)", [section.group(0), queries])
    finally:
        tab.close()
    assert {q: g for q, g in zip(queries, got) if g != query_terms(q)} == {}


# Bodies writing days, months and years as agencies do, and what only looks like one.
DAY_TEXTS = (
    "本办法自2024.3.2起施行，2024/03/02公布；2024.03.02印发，2023-11-3修订，2024年03月05日至2024年3月6日",
    "有效期2024.1.1-2025.12.31，2024/3/2～2024/3/5", "二〇二四年三月二日", "二○二四年三月二日", "二O二四年三月二日",
    "二零二四年十二月三十一日", "二◯二四年〇三月〇二日", "2024年三月二日", "二〇二四年3月2日", "一九九八年十月廿一日",
    "二〇二一年一月卅日", "二〇二四年三月印发", "（二〇二四年修订版）", "二〇二四年三月，二〇二四年三月五日，二〇二四年",
    "photo二〇二四年三月", "2024年3月", "2024年12月", "版本1.2024.3.2", "12024.3.2", "2024.3.2.1", "2024.2.30",
    "2024.13.1", "2024.3/2", "2024年13月1日", "v1.2024.3.2", "1.2024.3.2，2024.3.2", "二〇二四年十三月", "二〇二四年二月三十日",
    "三二〇二四年三月", "2024年0月", "2024年00月05日", "2024.0.5", "2024.012.5", "2024年012月5日", "二〇二四年三月二十日",
    "2024年3月23日", "2024年3月2日", "٣.2024.3.2", "2019-06-10", "二〇二四年两月", "二〇二四年二十日",
    "会期2024年3月2日至5日", "二〇二四年十二月三十日至一月二日", "2024年3月2日-4月1日", "2024年3月2日—2024年3月5日",
    "2024年3月2日到三十二日", "2024年3月2日～3日", "2024年3月至5日", "2024年3月2日至5日，2024年3月5日",
    "2024.3.2-5", "2024.3.2—5", "2024/3/2～4/1", "2024.12.30-1.2", "2024-3-2至5日", "2024.3.2-5日", "2024.3.2-123",
    "2024.3.2-5.1.1", "2024-3-2-5", "2024年3月2-5日", "2024年3月2—4月1日", "二〇二四年三月二至五日", "2024年3月2-5号",
    # a range mixing styles, and one without its year (search, seventeenth round)
    "2024.3.2至4月1日", "2024/3/2-4月1日", "2024.12.30至一月二日", "2024.3.2至4月", "2024.3.2-4月", "会期3月2日至5日",
    "3月2-5日", "三月二日至四月一日", "十二月三十日至一月二日", "13月2日至5日", "2024年3月2日，3月5日至8日", "2月29日-3月1日",
    "2月30日至3月1日", "每月2日至5日", "第3月2日到5日", "3月2日", "3月2日—2024年4月1日",
    "2024年3月2日至4.1", "2024年12月30日至1.2日", "2024年3月2日至4.1万元", "3月2日至4.1", "2024年3月至4/1",
    "2024年2月30日至3月2日", "2024.2.30-3.2", "二〇二四年三月二日至4.1", "2024年3月2日至4.1.2",
)


def test_the_page_reads_the_days_a_text_writes_as_search_dates_does(browser: Any) -> None:
    """gkml-search.js's typedForms against search.dates.typed_forms (the index's and the benchmark's truth), and
    writtenDay, which marks in an excerpt where the text writes a form the index added: it marks a writing of
    that form, and marks nothing where the text writes no form holding it."""
    source = SCRIPT.read_text("utf-8")
    section = re.search(r"  var DAY_SEPARATED = .*?\n  function writtenDay\([^)]*\) \{.*?\n  \}\n", source,
                        re.DOTALL)
    assert section, "gkml-search.js: the days section (DAY_SEPARATED … writtenDay) moved"
    texts = [normalise(t) for t in DAY_TEXTS]
    forms = sorted({f for t in texts for f in typed_forms(t)} | {"2024-03", "2024年", "2024年3月", "2019年"})
    tab = browser.new_page()
    try:
        got = tab.evaluate(
            "([section, texts, forms]) => new Function('texts', 'forms', section + "
            "'return texts.map(t => [typedForms(t), forms.map(f => { const s = [{text: t}, {text: f}]; "
            "const w = writtenDay(s, s[1]); return w && w.segment.text.slice(w.span[0], w.span[1]); })]);')(texts, forms)",
            [section.group(0), texts, forms])
    finally:
        tab.close()
    assert {t: js for t, (js, _marked) in zip(texts, got) if js != typed_forms(t)} == {}
    wrong = {}
    for text, (_js, marked) in zip(texts, got):  # a text shaped as a form (2024年3月) is looked in too
        for form, mark in zip(forms, marked):
            if form in text:  # never added (records.written_dates): the text itself is found
                continue
            ok = (form in typed_forms(mark) if mark is not None else form not in typed_forms(text)) and (
                mark is None or any(form in f for f in typed_forms(text)))
            if not ok:
                wrong[(text, form)] = mark
    assert wrong == {}


# Records as search.records writes them: a title and texts, some shaped as a form (an attribute's value, a
# body that is a table cell's month), then the forms the texts write and do not hold (written_dates).
RECORDS = (
    ("通知", ["2024年3月"]), ("通知", ["2024-03"]), ("通知", ["2024年03月02日"]), ("通知", ["附件", "2024年3月2日", "说明"]),
    ("通知", ["2024年3月2日", "自2024.3.5起施行"]), ("2024.3.2会议纪要", ["2024年3月"]), ("通知", ["2024年3月", "2024.3.2"]),
    ("通知", ["2024年3月2日", "2024.3.2-5"]), ("通知", ["二〇二四年三月"]), ("通知", ["2024年3月2-5日"]),
)


def test_an_added_form_is_shown_where_a_text_writes_it_even_a_text_shaped_as_a_form(browser: Any) -> None:
    """A segment that is itself a form (a cell holding only 2024年3月) was skipped: 2024-03 found the document, and
    its excerpt was the added 2024-03 alone. Each added form is marked in a text writing it, never in an added one."""
    source = SCRIPT.read_text("utf-8")
    section = re.search(r"  var DAY_SEPARATED = .*?\n  function writtenDay\([^)]*\) \{.*?\n  \}\n", source,
                        re.DOTALL)
    assert section, "gkml-search.js: the days section (DAY_SEPARATED … writtenDay) moved"
    cases = []
    for title, texts in RECORDS:
        laid = list(layout(texts))
        added = written_dates(normalise(title), laid)
        cases.append([normalise(title), [text for _s, _seg, text in laid], added])
    tab = browser.new_page()
    try:
        got = tab.evaluate(
            "([section, cases]) => new Function('cases', section + "
            "'return cases.map(([title, texts, added]) => { const s = texts.concat(added).map(t => ({text: t})); "
            "return added.map((f, i) => { const w = writtenDay(s, s[texts.length + i], title); "
            "return w && [s.indexOf(w.segment), w.segment.text.slice(w.span[0], w.span[1])]; }); });')(cases)",
            [section.group(0), cases])
    finally:
        tab.close()
    wrong = {}
    for (title, texts, added), marks in zip(cases, got):
        for form, mark in zip(added, marks):
            written_in_title = form in typed_forms(title) and not any(form in typed_forms(t) for t in texts)
            if mark is None and written_in_title:
                continue
            if mark is None or mark[0] >= len(texts) or form not in typed_forms(mark[1]):
                wrong[(title, tuple(texts), form)] = mark
    assert wrong == {}
    assert got[0] == [[0, "2024年3月"]]  # the cell itself


# Words a reader types as texts write days (search.dates.offered's cases and what only looks like them).
TYPED_DAYS = (
    "2024.3.7", "2024/3/7", "2024年03月07日", "2024.03.07", "二〇二四年三月七日", "二O二四年三月七日", "2024-3-7", "2024年3月7",
    "2024-03-07", "2024年3月7日", "2024年3月", "二〇二四年三月", "2024-03", "2024年", "二〇二四年", "2024.2.30", "2024.13.1",
    "2024.3.2-5", "2024.3.2—5", "2024/3/2～4/1", "2024.12.30-1.2", "2024-3-2至5日", "2024年3月2-5日", "2024年3月2日至5日",
    "2024年3月2日-4月1日", "2024年3月2—4月1日", "二〇二四年三月二至五日", "2024.3.2至4月1日", "2024年3月2日至2024年3月5日",
    "2024.3.2-2024.3.5", "2024.3.2至", "2024.3.2起", "2024年3月2-5号", "3月2日至5日", "3月2-5日", "3月2日", "2024.3.2 5日",
    "１２月３０日～１月２日", "2024.3.2-5.1.1", "2024年3月2日至5日召开", "至2024.3.2",
    "2024年3月2日至4.1", "2024年3月2日-4/1", "2024年3月2日至4.1%", "2月30日至3月2日", "2024年2月30日至3月2日",
)


def test_the_offer_for_a_typed_day_or_range_is_search_dates_offered(browser: Any) -> None:
    """2024.3.2-5 was offered as its end day (2024年3月5日) and 2024年3月2-5日 as its first: the page's dayShown picks
    by span. One rule, search.dates.offered: a range is offered as both its days, which every writing of it holds."""
    source = SCRIPT.read_text("utf-8")
    alphabet = re.search(r"  var ESCAPE = .*?\n  function queryTokens\(chars\) \{.*?\n  \}\n", source, re.DOTALL)
    days = re.search(r"  var DAY_SEPARATED = .*?\n  function writtenDay\([^)]*\) \{.*?\n  \}\n", source, re.DOTALL)
    offer = re.search(r"  var DAY_UNENDED = .*?\n  function dayShown\(word\) \{.*?\n  \}\n", source, re.DOTALL)
    assert alphabet and days and offer, "gkml-search.js: the alphabet, days or dayShown section moved"
    tab = browser.new_page()
    try:
        got = tab.evaluate("([section, words]) => new Function('words', section + "
                           "'return words.map(w => dayShown(w));')(words)",
                           [alphabet.group(0) + days.group(0) + offer.group(0), list(TYPED_DAYS)])
    finally:
        tab.close()
    assert {w: js for w, js in zip(TYPED_DAYS, got) if js != (offered(normalise(w)) or w)} == {}
    assert got[TYPED_DAYS.index("2024.3.2-5")] == got[TYPED_DAYS.index("2024年3月2-5日")] == "2024年3月2日 2024年3月5日"
