"""Dates as old pages write them: 2019-06-10, 2019/6/10, 2019.06.10, 2019年6月10日 09:30,
full-width digits and Chinese numerals (二〇一九年六月十日, 二○二一年一月二十一日).

A date is only returned when complete: '年十二月三日' or '2019年6月' gives None.
"""

from __future__ import annotations

import re
from datetime import date

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "o": 0, "一": 1, "二": 2, "两": 2, "三": 3,
              "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WIDTH = str.maketrans("０１２３４５６７８９：／－．", "0123456789:/-.")
CN_NUM = "〇○零ＯO一二两三四五六七八九十廿卅"
_NUM = rf"[{CN_NUM}\d]"

_DATE = re.compile(
    rf"(?<![\d{CN_NUM}])({_NUM}{{4}})\s*(?:[-/.]|年)\s*({_NUM}{{1,3}})\s*(?:[-/.]|月)\s*({_NUM}{{1,3}})(?![\d])\s*日?"
    r"(?:\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*\d{1,2}\s*秒?)?)?"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATE_ONLY = re.compile(rf"^{_NUM}{{0,4}}\s*年\s*{_NUM}{{1,3}}\s*月\s*{_NUM}{{1,3}}\s*日$|^\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}$")


def cn_number(text: str) -> int | None:
    """'二〇一〇' → 2010, '十二' → 12, '三十一' → 31, '廿一' → 21, '7' → 7."""
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" in text:
        tens, _, units = text.partition("十")
        if len(tens) > 1 or len(units) > 1:
            return None
        high = _CN_DIGITS.get(tens, -1) if tens else 1
        low = _CN_DIGITS.get(units, -1) if units else 0
        return None if high < 0 or low < 0 else high * 10 + low
    digits = [_CN_DIGITS.get(ch) if not ch.isdigit() else int(ch) for ch in text]
    if not digits or None in digits:
        return None
    return int("".join(str(d) for d in digits))


def _day(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None or not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first complete date in `text`."""
    found = parse_datetime(text)
    return found[0] if found else None


def parse_datetime(text: str) -> tuple[date, str | None] | None:
    """The first complete date in `text` and its 'HH:MM' time when one follows, else None."""
    text = text.translate(_WIDTH)
    compact = _COMPACT.match(text.strip())
    if compact:
        day = _day(*(int(g) for g in compact.groups()))
        return (day, None) if day else None
    for match in _DATE.finditer(text):
        day = _day(cn_number(match.group(1)), cn_number(match.group(2)), cn_number(match.group(3)))
        if day is None:
            continue
        time = None
        if match.group(4) is not None:
            hour, minute = int(match.group(4)), int(match.group(5))
            if hour <= 23 and minute <= 59:
                time = f"{hour:02d}:{minute:02d}"
        return day, time
    return None


def published_value(text: str) -> str | None:
    """'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD' as the content model writes 发布日期."""
    found = parse_datetime(text)
    if found is None:
        return None
    day, time = found
    # A CMS that stores a date as a timestamp prints midnight ('2010-03-08 00:00:00'): no time stated.
    return f"{day.isoformat()} {time}" if time and time != "00:00" else day.isoformat()


def is_date_line(text: str) -> bool:
    """A line that is only a date, complete or not: a 落款 date ('年十二月三日' is one)."""
    return _DATE_ONLY.match(re.sub(r"\s+", "", text.translate(_WIDTH))) is not None
