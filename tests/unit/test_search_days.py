"""A day a text writes (2024.3.2, 2024/03/02) is searchable in the forms readers type: as the site shows a
date (2024年3月2日) and as its <time datetime> writes one (2024-03-02)."""

from __future__ import annotations

from datetime import date

from gkml.search.dates import offered, typed_forms, written_days
from gkml.search.records import Record, indexed_words, page_html
from gkml.search.text import normalise, query_tokens
from gkml.site.views import zh_date


def _found(page: str, query: str) -> bool:
    """Whether the record page's stream holds the query's tokens at consecutive positions."""
    words, wanted = indexed_words(page), query_tokens(query)
    return any(words[i:i + len(wanted)] == wanted for i in range(len(words)))


def test_the_days_a_body_writes_in_the_forms_readers_type() -> None:
    text = normalise("本办法自2024.3.2起施行，2024/03/02公布；2024.03.02印发，2023-11-3修订，二〇二四年，"
                     "2024年03月05日至2024年3月6日")
    assert written_days(text) == [date(2024, 3, 2), date(2023, 11, 3), date(2024, 3, 5), date(2024, 3, 6)]
    assert typed_forms(normalise("于 2024 . 3 . 2 召开")) == ["2024年3月2日", "2024-03-02"]
    assert typed_forms(normalise("２０２４／３／２")) == ["2024年3月2日", "2024-03-02"]
    assert written_days(normalise("有效期2024.1.1-2025.12.31，2024/3/2～2024/3/5")) == [
        date(2024, 1, 1), date(2025, 12, 31), date(2024, 3, 2), date(2024, 3, 5)]  # both days of a range
    assert zh_date(date(2024, 3, 2)) == "2024年3月2日"  # the site's own form


def test_what_only_looks_like_a_day_is_no_day() -> None:
    for text in ("版本1.2024.3.2", "12024.3.2", "2024.3.2.1", "2024.2.30", "2024.13.1", "2024.3/2", "3.5%",
                 "5000万元", "2024-00012", "002986620/202403-91001", "1899.3.2", "2024.3", "2024年13月1日", "v1.2024.3.2"):
        assert typed_forms(normalise(text)) == [], text


def test_a_day_month_or_year_written_in_chinese_numerals_is_read_as_readers_type_it() -> None:
    """A 落款 writes 二〇二四年三月二日 (with 〇, ○, O or 零 for zero): 2024年3月2日 and 2024-03-02 found nothing.
    A month or a year written without its day is indexed again as 2024年3月, 2024-03, or 2024年."""
    for text in ("二〇二四年三月二日", "二○二四年三月二日", "二O二四年三月二日", "二ｏ二四年三月二日", "二零二四年三月二日",
                 "二◯二四年〇三月〇二日", "2024年三月二日", "二〇二四年3月2日", "二〇二四年三月二日印发"):
        assert typed_forms(normalise(text)) == ["2024年3月2日", "2024-03-02"], text
    assert written_days(normalise("一九九八年十二月三十一日，二〇二〇年二月二十九日，二〇二一年十月廿一日，二〇二一年一月卅日")) == [
        date(1998, 12, 31), date(2020, 2, 29), date(2021, 10, 21), date(2021, 1, 30)]
    assert typed_forms(normalise("二〇二四年三月印发")) == ["2024年3月", "2024-03"]
    assert typed_forms(normalise("2024年3月")) == ["2024年3月", "2024-03"]
    assert typed_forms(normalise("二〇二四年十二月")) == ["2024年12月", "2024-12"]
    assert typed_forms(normalise("（二〇二四年修订版）")) == ["2024年"]
    assert typed_forms(normalise("二〇二四年三月，二〇二四年三月五日，二〇二四年")) == ["2024年3月5日", "2024-03-05"]
    for text in ("二〇二四年十三月", "二〇二四年二月三十日", "三二〇二四年三月", "12024年3月", "2024年0月", "2024年00月05日",
                 "2024.0.5", "二〇二四", "三月二日", "二〇二四年十三月五日"):
        assert typed_forms(normalise(text)) == [], text
    assert typed_forms(normalise("photo二〇二四年三月")) == ["2024年3月", "2024-03"]  # a letter o ends a word


def test_the_other_end_of_a_range_written_after_a_day_is_a_day_too() -> None:
    """2024年3月2日至5日: 2024年3月5日 found nothing; the end takes the first day's year and month unless it
    writes its own (至4月1日), the next year's when its month is earlier (十二月三十日至一月二日)."""
    assert written_days(normalise("会期2024年3月2日至5日")) == [date(2024, 3, 2), date(2024, 3, 5)]
    assert written_days(normalise("二〇二四年十二月三十日至一月二日")) == [date(2024, 12, 30), date(2025, 1, 2)]
    assert written_days(normalise("2024年3月2日-4月1日，2024年3月2日～3日")) == [
        date(2024, 3, 2), date(2024, 4, 1), date(2024, 3, 3)]
    assert written_days(normalise("2024年3月2日到三十二日，2024年3月至5日")) == [date(2024, 3, 2)]


def test_a_record_holds_a_body_date_as_readers_type_it() -> None:
    page = page_html(Record(title="汛期工作会议纪要", segments=["会议于2024.3.2召开，2024/03/05印发。", "附件1"]))
    for query in ("2024年3月2日", "2024-03-02", "2024年3月5日", "2024-03-05", "2024-03", "3月2日", "2024.3.2"):
        assert _found(page, query), query
    for query in ("2024-03-02召开", "2024.03.02", "2024年3月2日召开"):  # a form is a segment of its own
        assert not _found(page, query), query


def test_a_form_the_text_holds_is_not_indexed_again() -> None:
    written = page_html(Record(title="通知", segments=["自2024年3月2日起施行"]))
    assert indexed_words(written).count("4年") == 1  # 2024-03-02 added, 2024年3月2日 already there
    assert _found(written, "2024-03-02")
    plain = page_html(Record(title="通知", segments=["自发布之日起施行"]))
    assert len(indexed_words(plain)) < len(indexed_words(written))


def test_the_other_end_of_a_range_written_with_separators_is_a_day_too() -> None:
    """2024.3.2-5, 2024.3.2—5 and 2024年3月2-5日 wrote 2024年3月5日 (and 2024.3.2—5 even 2024年3月2日 only as a
    month); the end takes the first day's separator for its month (2024.3.2-4.1), the next year's when earlier."""
    for text in ("2024.3.2-5", "2024.3.2—5", "2024.3.2～5", "2024/3/2-5", "2024.3.2至5日", "2024-3-2至5日", "2024.3.2-5日",
                 "2024年3月2日-5日", "2024年3月2日〜5日", "2024年3月2-5日", "二〇二四年三月二至五日"):
        assert written_days(normalise(text)) == [date(2024, 3, 2), date(2024, 3, 5)], text
    assert written_days(normalise("2024.3.2-4.1，2024.12.30—1.2，2024年3月2—4月1日")) == [
        date(2024, 3, 2), date(2024, 4, 1), date(2024, 12, 30), date(2025, 1, 2)]
    for text in ("2024.3.2-5.1.1", "2024.3.2-123", "2024.3.2-3.32", "2024.3.2-40", "2024年3月2-5号"):
        assert date(2024, 3, 5) not in written_days(normalise(text)) and len(written_days(normalise(text))) <= 1, text
    assert written_days(normalise("2024-3-2-5")) == []  # a code, not a day


def test_a_range_mixing_styles_or_without_its_year_is_read_at_both_ends() -> None:
    """2024.3.2至4月1日 was read as 2024年3月2日 and 2024年3月4日 (the 4 of 4月 taken for a day), and 3月2日至5日 only as
    the text 3月2日 writes: 3月5日 found nothing. The other end is read as the other ranges' are; without a year, as
    3月5日 (no year is guessed)."""
    for text in ("2024.3.2至4月1日", "2024/3/2-4月1日", "2024-3-2到四月一日"):
        assert written_days(normalise(text)) == [date(2024, 3, 2), date(2024, 4, 1)], text
    assert written_days(normalise("2024.12.30至一月二日")) == [date(2024, 12, 30), date(2025, 1, 2)]
    for text in ("2024.3.2至4月", "2024.3.2-4月底"):
        assert written_days(normalise(text)) == [date(2024, 3, 2)], text
    for text in ("会期3月2日至5日", "3月2-5日", "3月2日—5日", "三月二日至五日", "３月２日～５日"):
        assert typed_forms(normalise(text)) == ["3月2日", "3月5日"], text
    assert typed_forms(normalise("十二月三十日至一月二日")) == ["12月30日", "1月2日"]
    assert typed_forms(normalise("2024年3月2日，3月5日至8日")) == ["2024年3月2日", "2024-03-02", "3月5日", "3月8日"]
    for text in ("3月2日", "13月2日至5日", "每月2日至5日", "2月30日-31日", "第3月"):
        assert typed_forms(normalise(text)) == [], text
    assert typed_forms(normalise("2024年3月2日至5日")) == ["2024年3月2日", "2024-03-02", "2024年3月5日", "2024-03-05"]
    page = page_html(Record(title="会议通知", segments=["会期3月2日至5日，地点另行通知。"]))
    assert _found(page, "3月5日") and not _found(page, "2024年3月5日")


def test_a_typed_day_or_range_is_offered_as_the_pages_show_its_days() -> None:
    """The empty answer's offer (gkml-search.js: dayShown, held alike by tests/browser/test_search_alphabet.py): a range
    typed in any style is offered as both its days, the same whichever style it was typed in."""
    both = "2024年3月2日 2024年3月5日"
    for typed in ("2024.3.2-5", "2024.3.2—5", "2024/3/2至5日", "2024年3月2-5日", "2024年3月2日至5日", "二〇二四年三月二至五日",
                  "2024.3.2-2024.3.5", "2024年3月2日至2024年3月5日", "2024.3.2～3.5"):
        assert offered(normalise(typed)) == both, typed
    assert offered(normalise("2024.3.2至4月1日")) == "2024年3月2日 2024年4月1日"
    assert offered(normalise("3月2日至5日")) == "3月2日 3月5日"
    for typed, offer in (("2024.3.7", "2024年3月7日"), ("2024年3月7", "2024年3月7日"), ("二〇二四年三月", "2024年3月"),
                         ("2024-03-07", ""), ("2024年3月7日", ""), ("2024.2.30", ""), ("2024.3.2起", ""), ("3月2日", "")):
        assert offered(normalise(typed)) == offer, typed


def test_a_range_from_a_full_date_to_a_dotted_day_is_read_at_both_ends() -> None:
    """2024年3月2日至4.1 was read by its first day only (4月1日 found nothing). After a full date 年月日 a 4.1 or 4/1 is
    the range's end; after 3月2日 or a month, or before a unit (至4.1万元, 4.1%), a bare 4.1 may be a decimal: no day."""
    for text in ("2024年3月2日至4.1", "2024年3月2日至4.1日", "2024年3月2日-4/1", "二〇二四年三月二日至4.1"):
        assert written_days(normalise(text)) == [date(2024, 3, 2), date(2024, 4, 1)], text
    assert written_days(normalise("2024年12月30日至1.2")) == [date(2024, 12, 30), date(2025, 1, 2)]
    for text in ("2024年3月2日至4.1万元", "2024年3月2日增长至4.1%", "2024年3月2日至4.1.2", "2024年3月2日至4.13.5",
                 "2024年3月2日至4.31"):
        assert written_days(normalise(text)) == [date(2024, 3, 2)], text
    for text in ("3月2日至4.1", "2024年3月至4.1"):
        assert [d for d in written_days(normalise(text)) if d.month == 4] == [], text
    assert offered(normalise("2024年3月2日至4.1")) == "2024年3月2日 2024年4月1日"


def test_a_range_whose_first_day_is_impossible_is_no_range() -> None:
    """2月30日至3月2日 was read by its end alone (3月2日): a range whose first day does not exist is a slip, and where
    it ends is as unsure as where it starts. Neither end is read, with or without its year, in any style."""
    for text in ("2月30日至3月2日", "2024年2月30日至3月2日", "2024.2.30-3.2", "二〇二四年二月三十日至三月二日", "2月30-31日"):
        assert typed_forms(normalise(text)) == [], text
        assert offered(normalise(text)) == "", text
    assert typed_forms(normalise("2月29日至3月2日")) == ["2月29日", "3月2日"]  # any year's: a leap year's too
