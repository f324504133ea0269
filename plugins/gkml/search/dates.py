"""The dates a text writes, in the forms readers type a date: as the site shows one (2024年3月2日,
site.views.zh_date) and as its <time datetime> writes one (2024-03-02).

A body writes a day many ways (2024.3.2, 2024/03/02, 2024.03.02, 2024-3-2, 2024年03月02日, and in Chinese
numerals, as a 落款 does: 二〇二四年三月二日, 二○二四年三月二日, 二O二四年; a range's end: 2024年3月2日至5日, 2024.3.2-5, 2024.3.2至4月1日;
a range without its year, 3月2日至5日, both days as 3月2日 and 3月5日); a reader types the form the pages show, and a
day or a range typed otherwise is offered as the pages show its days (offered). Each day a text writes is indexed again in both forms, each a segment of its own (search.records), and
the benchmark's substring truth reads them alike: 2024年3月2日 finds a body's 2024.3.2, and 2024-03 its month.
A month or a year a text writes without its day (二〇二四年三月, 2024年3月, 二〇二四年) is indexed again as
2024年3月 and 2024-03, or 2024年. A form typed otherwise (2024.3.2) finds only what writes it so.
Read from normalised text (search.text.normalise: no whitespace, full-width digits made ASCII, lower case).
gkml-search.js's writtenDay finds where a text writes a form, for the excerpt; tests hold the two alike.
"""

from __future__ import annotations

import re
from datetime import date

from gkml.profile.numerals import ONES, TWO, ZEROS, numeral_value

# A year 1900-2099, then month and day with one separator twice, or 年 月 日. Not inside a longer
# number (12024.3.2, 1.2024.3.2, 2024.3.2.1: a version or a code; written_days checks what precedes),
# but either day of a range (2024.3.2-2024.3.5).
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
_SEPARATED = re.compile(r"(?<![0-9])" + _YEAR + r"(?P<sep>[./-])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
                        r"(?![0-9])(?!(?P=sep)[0-9])")

# Digits as a 落款 writes them, after normalise (lower case: profile.numerals' ZEROS, a zero), 一 to 九 and
# 两; tens 十, 廿 (20), 卅 (30). gkml-search.js: CN_DIGITS.
_ZEROS = ZEROS + "0"
_DIGITS = _ZEROS + ONES + TWO + "123456789"
_DIGIT = "[" + _DIGITS + "]"
_ONES = "[" + ONES + TWO + "]"
# 年, then 月 and 日 if written: the year in four digits (2024, 二〇二四), month and day in one or two
# digits or as numbers (十二, 二十一, 廿一, 〇三). Not after a digit (12024年, 三二〇二四年; a letter o is a word's).
_NUMBER = r"(?:[0-9]{1,2}|[" + _ZEROS + r"]?" + _ONES + r"|(?:" + _ONES + r"?十|廿|卅)" + _ONES + r"?)"
_WRITTEN = re.compile(r"(?<![" + "".join(c for c in _DIGITS if c not in "oοо") + r"])(?P<year>(?:[一1][九9]|[二2两][" + _ZEROS + r"])" + _DIGIT + r"{2})年"
                      r"(?:(?P<month>" + _NUMBER + r")月(?:(?P<day>" + _NUMBER + r")日)?)?")

# The other end of a range written after a day (2024年3月2日至5日, 至4月1日, 二〇二四年十二月三十日至一月二日: the next
# year's): its month and day in the first day's year. 2024年3月2日-5日 writes the first day without its 日.
_TO = r"(?:至|到|[-~\u2013-\u2015〜])"
_RANGE_END = re.compile(_TO + r"(?:(?P<month>" + _NUMBER + r")月)?(?P<day>" + _NUMBER + r")日")
_DAY_BEFORE_END = re.compile(r"(?P<first>" + _NUMBER + r")(?=" + _RANGE_END.pattern + r")")
# After a separated day (2024.3.2-5, 2024.3.2—4.1, 2024/3/2至5日): month and day in the first day's separator,
# or as 年月日 writes them (2024.3.2至4月1日; the 4 of 4月 is no day).
_SEPARATED_ENDS = {sep: re.compile(_TO + r"(?:(?:(?P<month>[0-9]{1,2})" + re.escape(sep) + r")?(?P<day>[0-9]{1,2})"
                                   r"(?![0-9月年])(?!" + re.escape(sep) + r"[0-9])日?|(?P<wmonth>" + _NUMBER + r")月"
                                   r"(?P<wday>" + _NUMBER + r")日)") for sep in "./-"}
# After a full date written 年月日 (2024年3月2日至4.1, 至4/1): the end as the separated forms write it, its month
# and day. Only there: after 3月2日 or 2024年3月 a bare 4.1 may as well be a decimal (3月2日增长至4.1%, a version),
# and a full date says a day's range is being written. Not before a unit or more digits (至4.1万元, 至4.1.2).
_DOTTED_END = re.compile(_TO + r"(?P<month>[0-9]{1,2})[./](?P<day>[0-9]{1,2})(?![0-9%‰万亿千百元倍个])(?![./][0-9])日?")
# A range a text writes without its year (3月2日至5日, 3月2-5日, 三月二日至四月一日): both days read as 3月2日 and 3月5日,
# in no year. Not after a year's 年 (2024年3月2日至5日 is read above) or a digit (13月, 十二月's 二月).
_YEARLESS = re.compile(r"(?<![" + "".join(c for c in _DIGITS if c not in "oοо") + r"十廿卅年])(?P<month>" + _NUMBER +
                       r")月(?P<day>" + _NUMBER + r")日?(?=" + _TO + r")")
# A day typed as 2024年3月7, without its 日 (gkml-search.js: DAY_UNENDED).
_UNENDED = re.compile(r"(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}")


def _number(written: str) -> int:
    """二〇二四 → 2024, 十二 → 12, 二十一 → 21, 廿一 → 21, 〇三 → 3, 12 → 12 (as _WRITTEN matches, so never None)."""
    return numeral_value(written) or 0


def shown(day: date) -> str:
    """The day as the site shows it (site.views.zh_date)."""
    return f"{day.year}年{day.month}月{day.day}日"


def machine(when: str) -> str:
    """A <time datetime> value as readers type its day (2024-03-02T09:30 → 2024-03-02): no time of day is shown."""
    return when.strip()[:10]


Written = tuple[int | None, int | None, int | None]  # year, month, day; None: not written (a range's year)
Writing = tuple[Written, int, int]  # and where the text writes it: a range's end, the range from its first day


def _writings(normalised: str) -> list[Writing]:
    """What the text writes of each day, month and year it writes, in order, each once, and where (the first
    writing of each; gkml-search.js's writings)."""
    found: dict[Written, tuple[int, int]] = {}
    for match in _SEPARATED.finditer(normalised):
        start, sep = match.start(), match.group("sep")
        if start >= 2 and normalised[start - 2] in "0123456789" and normalised[start - 1] == sep:
            continue  # 1.2024.3.2: the tail of a longer number
        year, month = int(match.group("year")), int(match.group("month"))
        day = int(match.group("day"))
        found.setdefault((year, month, day), match.span())
        if _valid(year, month, day):  # 2024.2.30-3.2: no first day, no range
            _range_end(found, _SEPARATED_ENDS[sep].match(normalised, match.end()), start, year, month)
    for match in _WRITTEN.finditer(normalised):
        year = _number(match.group("year"))
        month, day = (_number(match.group(n)) if match.group(n) else None for n in ("month", "day"))
        first = _DAY_BEFORE_END.match(normalised, match.end()) if month is not None and day is None else None
        end_from = first.end() if first else match.end()
        end = _RANGE_END.match(normalised, end_from) if month is not None and (day is not None or first) else None
        if end is None and day is not None:  # 2024年3月2日至4.1
            end = _DOTTED_END.match(normalised, end_from)
        if first:  # 2024年3月2-5日: the first day is written with its range's end
            day = _number(first.group("first"))
        found.setdefault((year, month, day), (match.start(), end.end() if first and end else end_from))
        if month is not None and day is not None and _valid(year, month, day):  # 2024年2月30日至3月2日: no range
            _range_end(found, end, match.start(), year, month)
    for match in _YEARLESS.finditer(normalised):
        end = _RANGE_END.match(normalised, match.end())
        if end:
            month, day = _number(match.group("month")), _number(match.group("day"))
            found.setdefault((None, month, day), (match.start(), end.end()))  # 3月2 alone is none
            if _valid(None, month, day):  # 2月30日至3月2日: no first day, so no range to read its end by
                _range_end(found, end, match.start(), None, month)
    return [(written, *span) for written, span in found.items() if _valid(*written)]


def _written(normalised: str) -> list[Written]:
    """What the text writes of each day, month and year it writes, in order, each once."""
    return [written for written, _start, _end in _writings(normalised)]


def _range_end(found: dict[Written, tuple[int, int]], end: re.Match[str] | None, start: int, year: int | None,
               month: int) -> None:
    """The other end of a range, in the first day's year, or the next one's when its month is earlier."""
    if end:
        month_end, day_end = ("wmonth", "wday") if "wday" in end.re.groupindex and end.group("wday") else ("month", "day")
        to = _number(end.group(month_end)) if end.group(month_end) else month
        found.setdefault((None if year is None else year + (to < month), to, _number(end.group(day_end))),
                         (start, end.end()))


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    try:  # a day without its year is any year's: 2月29日 too
        date(2000 if year is None else year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:  # 2024.2.30, 2024.13.1, 二〇二四年十三月, 2024年0月: no day
        return False
    return True


def written_days(normalised: str) -> list[date]:
    """The days a normalised text writes, in order, each once."""
    return [date(y, m, d) for y, m, d in _written(normalised) if y is not None and m is not None and d is not None]


def _forms(written: Written) -> list[str]:
    """A day, month or year as readers type it (2024年3月2日, 2024-03-02; 2024年3月, 2024-03; 2024年; a range's day
    without its year: 3月5日)."""
    year, month, day = written
    if year is None:
        return [f"{month}月{day}日"]
    if month is not None and day is not None:
        return [shown(date(year, month, day)), date(year, month, day).isoformat()]
    return [f"{year}年{month}月", f"{year}-{month:02}"] if month is not None else [f"{year}年"]


def typed_forms(normalised: str) -> list[str]:
    """The forms readers type (2024年3月2日, 2024-03-02; 2024年3月, 2024-03; 2024年) of each day, month and
    year the text writes, each once, but a form another of them holds (2024-03 beside 2024-03-02)."""
    unique = list(dict.fromkeys(form for written in _written(normalised) for form in _forms(written)))
    return [form for form in unique if not any(form != other and form in other for other in unique)]


_TO_CHAR = re.compile(_TO)


def offered(normalised: str) -> str:
    """What the empty answer offers for a word typed as texts write days (2024.3.7, 二〇二四年三月七日, 2024年3月7): each
    day as the pages show it, 2024年3月7日; a range's ends both (2024.3.2-5, 2024年3月2-5日, 2024年3月2日至5日 →
    2024年3月2日 2024年3月5日), which every document writing the range in any form holds. '' when the word writes
    something else too, or is already as readers type it (2024-03-07). gkml-search.js: dayShown."""
    typed = normalised + "日" if _UNENDED.fullmatch(normalised) else normalised
    writings = _writings(typed)
    covered = {i for _written, start, end in writings for i in range(start, end)}
    if not writings or any(i not in covered and not _TO_CHAR.fullmatch(c) for i, c in enumerate(typed)):
        return ""
    days = [_forms(written)[0] for written, _start, _end in writings]
    return "" if len(writings) == 1 and normalised in _forms(writings[0][0]) else " ".join(days)
