"""A day a text writes (2024.3.2, 2024/03/02) is searchable in the forms readers type: as the site shows a
date (2024年3月2日) and as its <time datetime> writes one (2024-03-02)."""

from __future__ import annotations

from datetime import date

from gkml.search.dates import typed_forms, written_days
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
