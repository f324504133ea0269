"""A date in Chinese numerals read alike by the check and fix, the importer and the search index: one
reading (profile.numerals) of every zero fonts and input methods put for 〇 and of 廿 and 卅."""

from __future__ import annotations

from datetime import date

import pytest
from gkml.content.dateslips import iso_date
from gkml.importer.dates import parse_date
from gkml.profile.numerals import numeral_value
from gkml.search.dates import written_days
from gkml.search.text import normalise

# a 落款 as typed -> the day it is
WRITTEN = {
    "二〇二〇年三月二日": date(2020, 3, 2),
    "二〇二〇年三月廿一日": date(2020, 3, 21),  # 廿: twenty
    "二〇二〇年十二月卅一日": date(2020, 12, 31),  # 卅: thirty
    "二◯二◯年三月二日": date(2020, 3, 2),  # ◯ U+25EF, a large circle for 〇
    "二ο二ο年三月二日": date(2020, 3, 2),  # Greek omicron
    "二о二о年三月二日": date(2020, 3, 2),  # Cyrillic o
}


@pytest.mark.parametrize("typed", list(WRITTEN))
def test_a_date_in_chinese_numerals_is_one_day_to_check_importer_and_search(typed: str) -> None:
    meant = WRITTEN[typed]
    assert iso_date(typed, with_time=False) == meant.isoformat()
    assert parse_date(typed) == meant
    assert written_days(normalise(typed)) == [meant]


def test_a_numeral_is_read_digit_by_digit_or_as_said() -> None:
    assert [numeral_value(t) for t in ("二〇二〇", "2〇２4", "十", "十二", "二十一", "廿一", "卅", "〇三")] == \
        [2020, 2024, 10, 12, 21, 21, 30, 3]
    assert [numeral_value(t) for t in ("", "百", "十十", "二廿", "廿十", "十二三", "一x")] == [None] * 7
