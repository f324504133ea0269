"""Dates as old pages write them: 2019-06-10, 2019/6/10, 2019.06.10, 2019年6月10日 09:30, ISO
2019-06-10T09:30:00+08:00 (made Asia/Shanghai), 下午3:20 and 3:20 PM,
full-width digits and Chinese numerals (二〇一九年六月十日, 二○二一年一月二十一日).

A date is only returned when complete: '年十二月三日' or '2019年6月' gives None.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from datetime import time as dt_time

from gkml.catalogue.document import SHANGHAI
from gkml.profile.clock import HALF_DAY, day_hour
from gkml.profile.numerals import CASED_ZEROS, ONES, TENS, TWO, ZEROS, numeral_value

_WIDTH = str.maketrans("０１２３４５６７８９：／－．", "0123456789:/-.")
CN_NUM = ZEROS + CASED_ZEROS + ONES + TWO + "".join(TENS)
_NUM = rf"[{CN_NUM}\d]"
_SPACE_CLASS = "\\s\u00a0\u3000"

_DATE = re.compile(
    rf"(?<![\d{CN_NUM}])({_NUM}{{4}})\s*(?:[-/.]|年)\s*({_NUM}{{1,3}})\s*(?:[-/.]|月)\s*({_NUM}{{1,3}})(?![\d])\s*日?"
    # a time: 09:30, 9时30分, T09:30:00Z (ISO, any offset), 下午3:20, 3:20 PM; the weekday a CMS prints
    # between date and time ('2024年04月03日 星期三 10:20')
    rf"(?:(?:\s*[（(]?(?:星期|礼拜|周)[一二三四五六日天][)）]?)?\s*T?\s*({HALF_DAY})?\s*(\d{{1,2}})\s*[:时]\s*(\d{{1,2}})(?:\s*[:分]\s*\d{{1,2}}(?:\.\d+)?\s*秒?|\s*分)?"
    r"(Z|[+-]\d{2}:?\d{2})?(?:\s*(AM|PM)\b)?)?",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATE_ONLY = re.compile(rf"^{_NUM}{{0,4}}\s*年\s*{_NUM}{{1,3}}\s*月\s*{_NUM}{{1,3}}\s*日$|^\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}$")


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


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A bilingual page's English date: '10 June 2024', 'June 10, 2024', '10th Jun. 2024'.
_ENGLISH_DATE = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?|{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,)\s*(\d{{4}})\b",
                           re.IGNORECASE)


def _numeric(match: re.Match[str]) -> str:
    day, month = match[1] or match[4], match[2] or match[3]
    return f"{match[5]}-{_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}"


def parse_datetime(text: str) -> tuple[date, str | None] | None:
    """The first complete date in `text` and its 'HH:MM' time when one follows, else None."""
    text = _ENGLISH_DATE.sub(_numeric, text.translate(_WIDTH))
    compact = _COMPACT.match(text.strip())
    if compact:
        day = _day(*(int(g) for g in compact.groups()))
        return (day, None) if day else None
    for match in _DATE.finditer(text):
        day = _day(numeral_value(match.group(1)), numeral_value(match.group(2)), numeral_value(match.group(3)))
        if day is None:
            continue
        if match.group(5) is None:
            return day, None
        return _with_time(day, int(match.group(5)), int(match.group(6)), match.group(4) or match.group(8),
                          match.group(7))
    return None


# What a date value may print beside its date and say nothing more: its weekday, 北京时间, 发布/更新(于),
# a bare 上午 or 下午, brackets, punctuation and spaces.
_SAYS_NOTHING = re.compile(
    rf"(?:星期|礼拜|周)[一二三四五六日天]|(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\b\.?"
    rf"|北京时间|(?:发布|更新|发文|印发|成文)(?:于|日期|时间)?|{HALF_DAY}|[{_SPACE_CLASS}()（）\[\]【】:：,，.。;；、|｜/-]",
    re.IGNORECASE)


def beside_date(text: str) -> str:
    """What a date value states besides its first complete date and the time read with it: a name, a
    second date, a time no clock has ('2024-03-05　合肥市应急管理局' → '合肥市应急管理局', '2024-03-05 25:10' →
    '25:10'); '' when it is only the date, or a weekday and punctuation beside it."""
    text = _ENGLISH_DATE.sub(_numeric, text.translate(_WIDTH))
    if _COMPACT.match(text.strip()):
        return ""
    for match in _DATE.finditer(text):
        day = _day(numeral_value(match.group(1)), numeral_value(match.group(2)), numeral_value(match.group(3)))
        if day is None:
            continue
        rest = [text[:match.start()], text[match.end():]]
        if match.group(5) is not None and _with_time(day, int(match.group(5)), int(match.group(6)),
                                                     match.group(4) or match.group(8), match.group(7))[1] is None:
            rest.insert(1, text[match.end(3):match.end()])  # a time said but not read: 晚上12:00, 25:10
        return " ".join(part.strip(" \u00a0\u3000") for part in rest if _SAYS_NOTHING.sub("", part))
    return ""


def _with_time(day: date, hour: int, minute: int, meridiem: str | None, offset: str | None) -> tuple[date, str | None]:
    """The date and 'HH:MM' in Asia/Shanghai: a 12-hour time made 24-hour, an ISO offset applied."""
    if meridiem is not None:
        said = day_hour(meridiem, hour)
        if said is None:
            return day, None
        hour = said
    if hour > 23 or minute > 59:
        return day, None
    if offset is not None:
        zone = UTC if offset.upper() == "Z" else timezone(
            timedelta(hours=int(offset[1:3]), minutes=int(offset[-2:])) * (-1 if offset[0] == "-" else 1))
        moment = datetime.combine(day, dt_time(hour, minute), zone).astimezone(SHANGHAI)
        day, hour, minute = moment.date(), moment.hour, moment.minute
    return day, f"{hour:02d}:{minute:02d}"


def published_value(text: str) -> str | None:
    """'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD' as the content model writes 发布日期."""
    found = parse_datetime(text)
    if found is None:
        return None
    day, time = found
    # A CMS that stores a date as a timestamp prints midnight ('2010-03-08 00:00:00'): no time stated.
    return f"{day.isoformat()} {time}" if time and time != "00:00" else day.isoformat()


_NO_YEAR = re.compile(rf"^\s*年?\s*({_NUM}{{1,3}})\s*月\s*({_NUM}{{1,3}})\s*日$")


def month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a date line that lost its year ('年十二月三日', '12月3日'), else None."""
    match = _NO_YEAR.match(re.sub(r"\s+", "", text.translate(_WIDTH)))
    if match is None:
        return None
    month, day = numeral_value(match.group(1)), numeral_value(match.group(2))
    if month is None or day is None or _day(2000, month, day) is None:  # 2000: 2月29日 is a day
        return None
    return month, day


def is_date_line(text: str) -> bool:
    """A line that is only a date, complete or not: a 落款 date ('年十二月三日' is one)."""
    return _DATE_ONLY.match(re.sub(r"\s+", "", text.translate(_WIDTH))) is not None
