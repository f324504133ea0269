"""A date as editors type it (2024年3月5日, 2024/3/5, 下午3:30, a weekday after it) read as the
contract writes it, when the reading is certain; a weekday that is not the date's told: the
corrections `gkml check` states and `gkml fix` applies to date fields, a withdrawal's date and a command's date argument read so."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from gkml.catalogue.document import SHANGHAI
from gkml.content.corrections import normalize_width
from gkml.content.numerals import date_in_digits
from gkml.profile.clock import HALF_DAY, day_hour
from gkml.profile.synonyms import simplified
from gkml.profile.types import DATE, DATETIME, DATETIME_FORMAT

# Dates as editors type them: 2024/3/1, 2024.3.5, 2024年3月5日, 2024-3-5, optionally with a time,
# which may say 上午 or 下午, before it or after it as a 12-hour clock says AM (下午3:30 and 3:30下午 are 15:30; profile.clock).
_LOOSE_DATE = re.compile(
    r"^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*[日号]?"  # 3月2号: the day as it is said
    rf"(?:\s*(?P<half>{HALF_DAY})?\s*(\d{{1,2}})\s*[:：时]\s*(\d{{2}})(?::(?P<second>\d{{2}})(?P<fraction>\.\d+)?)?"
    rf"\s*分?(?:\s*(?P<after>{HALF_DAY}))?)?$"
    r"|^(\d{4})(\d{2})(\d{2})$", re.IGNORECASE)  # 20240305: the only reading of eight digits


# A moment as other systems write it, with its offset (2024-03-05T09:30:00+08:00, …Z): the
# contract's times are Beijing time, so it is written as that.
_OFFSET_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$",
                          re.IGNORECASE)  # +08 is +08:00
# A date with the zone a system writes after it (2020-03-02Z, 2020-03-02+08:00): the day as written
_ZONED_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}(?::?\d{2})?)$", re.IGNORECASE)
# 24:00, the end of a day, is the next day's 00:00 (ISO 8601); which day a date field means by it is not certain
END_OF_DAY = re.compile(r"(?<!\d)24\s*[:：时]\s*00(?!\d)(?:\s*分)?(?::00(?:\.0+)?)?$")


def _written(moment: datetime) -> str:
    """A moment as the contract writes it: to the minute, or to the second when it has seconds; a
    fraction of a second rounded up, so a time an embargo ends at is never made earlier."""
    if moment.microsecond:
        moment = moment.replace(microsecond=0) + timedelta(seconds=1)
    return moment.strftime(DATETIME_FORMAT + (":%S" if moment.second else ""))


def _microseconds(fraction: str | None) -> int:
    return round(float(fraction or "0") * 1_000_000)


def _beijing_time(text: str) -> str | None:
    match = _OFFSET_TIME.match(text)
    if not match:
        return None
    y, m, d, hour, minute = (int(g) for g in match.groups()[:5])
    offset = match.group(8).upper().replace(":", "")
    zone = UTC if offset == "Z" else timezone((-1 if offset[0] == "-" else 1)
                                                       * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5] or 0)))
    try:
        moment = datetime(y, m, d, hour, minute, int(match[6] or 0), _microseconds(match[7]), tzinfo=zone)
    except ValueError:
        return None
    return _written(moment.astimezone(SHANGHAI))


# The zone a page says its times are in (2020-03-05 09:30（北京时间）): the contract's own, said or not;
# CST as a Chinese OA system's Java prints Asia/Shanghai (Thu Mar 05 09:30:00 CST 2020), GMT+8, UTC+08:00
_SAID_BEIJING = re.compile(r"[（(]?(?:北京时间|(?<![A-Za-z])(?:CST|(?:GMT|UTC)\s*\+\s*0?8(?::?00)?)(?![A-Za-z0-9]))[)）]?")
# A time said in words: noon and 正午 are 12:00; 12点, 9时, 9点30分, 9点半, 9点整 an hour and its minutes
_NOON = re.compile(r"(?:(?<![0-9:])12(?::00)?\s*)?(?<![A-Za-z])noon$|正午(?:12[点时](?:整)?)?$", re.IGNORECASE)
# the half of the day may follow it (9点30分上午) as it follows 9:30上午; the minutes' 分 may be left off (上午9点30)
_SAID_HOUR = re.compile(r"(?<![0-9])([0-9]{1,2})\s*[点时](?:\s*(?:([0-9]{1,2})\s*分|([0-9]{2})|(半)|整))?"
                        rf"(?P<after>\s*(?:{HALF_DAY}))?$", re.IGNORECASE)
# A moment a system exports as digits: 20200305 0930, 20200305 09:30:00, 202003050930, 20200305093000
_COMPACT_MOMENT = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})(?:\s+([0-9]{2}):?([0-9]{2})(?::?([0-9]{2}))?"
                             r"|([0-9]{2})([0-9]{2})([0-9]{2})?)$")


# A moment as Java prints one (an OA system's export: Thu Mar 05 09:30:00 CST 2020), CST already taken off
_JAVA_MOMENT = re.compile(r"^(?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<month>[A-Z][a-z]{2}) (?P<day>[0-9]{1,2}) "
                          r"(?P<clock>[0-9]{2}:[0-9]{2}:[0-9]{2})\s+(?P<year>[0-9]{4})$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _java_moment(match: re.Match[str]) -> str:
    """The moment as the loose date reads it; the text as it is when its weekday or month is not the date's."""
    if match["month"] not in _MONTHS:
        return match[0]
    day = f"{match['year']}-{_MONTHS.index(match['month']) + 1:02d}-{int(match['day']):02d}"
    if not _valid_day(day) or ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[date.fromisoformat(day).weekday()] != match["weekday"]:
        return match[0]
    return f"{day} {match['clock']}"


def _said_time(text: str) -> str:
    """`text` with a time said in words or exported as digits or by Java written as the loose date reads it."""
    if match := _JAVA_MOMENT.match(text):
        return _java_moment(match)
    if match := _COMPACT_MOMENT.match(text):
        y, m, d, *clock = match.groups()
        hour, minute, second = clock[:3] if clock[0] else clock[3:]
        return f"{y}-{m}-{d} {hour}:{minute}" + (f":{second}" if second else "")
    text = _NOON.sub(" 12:00", text)
    return _SAID_HOUR.sub(lambda said: f"{said[1]}:{'30' if said[4] else f'{int(said[2] or said[3] or 0):02d}'}"
                                       + (said["after"] or ""), text)

# The weekday a page prints after its date (2024年1月8日 星期一, （周一）): said, not written
_WEEKDAY = re.compile(r"(?<=[日\d])\s*[（(]?(?:星期|周|礼拜)(?P<day>[一二三四五六日天])[）)]?")
_WEEKDAYS = "一二三四五六日"


def weekday_slip(text: str, *, with_time: bool) -> str | None:
    """What to write when the weekday said after a date is not that date's (2024年1月8日 星期二),
    a time after it too (2024-01-08 周三 09:30) where the field takes one."""
    said = _WEEKDAY.search(text)
    meant = iso_date(_WEEKDAY.sub(" ", text, count=1), with_time=with_time) if said else None
    if said is None or meant is None or iso_date(text, with_time=with_time):
        return None
    day = meant[:10]
    actual = _WEEKDAYS[date.fromisoformat(day).weekday()]
    written = "只写日期和时间" if len(meant) > 10 else "只写日期"
    return f"{day} 是星期{actual}，不是星期{said['day']}：请核对日期，{written}，不写星期（如 {meant}）。"


# A moment as ISO 8601 writes it without an offset (2020-03-02T10:00:00, 2020-03-02 10:00): Beijing time
_ISO_MOMENT = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?$", re.IGNORECASE)


def day_of_moment(text: str) -> str | None:
    """A date field's value written with a time (2020-03-02 10:00, 2020-03-02T00:00:00Z, 2024年3月5日
    下午3:30): the day it names in Beijing time, YYYY-MM-DD; None when it names no certain moment."""
    text = normalize_width(text).strip()
    if match := _ISO_MOMENT.match(text):
        clock = int(match[2]) <= 23 and int(match[3]) <= 59 and int(match[4] or 0) <= 59
        return match[1] if clock and _valid_day(match[1]) else None
    moment = iso_date(text, with_time=True) if not END_OF_DAY.search(text) else None
    return moment[:10] if moment and len(moment) > 10 else None


def moved_by_offset(text: str, day: str) -> bool:
    """Whether a moment written with its offset (…T20:00:00Z) falls on another `day` in Beijing time."""
    match = _OFFSET_TIME.match(normalize_width(text).strip())
    return bool(match) and "-".join(match.groups()[:3]) != day


def _valid_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


# An ISO week date (2020-W10-1, 2020W101: the Monday of 2020's tenth week), a time after it; a week with no day (2020-W10)
_WEEK_DATE = re.compile(r"^([0-9]{4})-?W([0-9]{2})(?:-?([1-7]))?(?=$|[T\s])", re.IGNORECASE)
# A day, a month and a year as digits, the year last (05/03/2020): which of the first two is the month, only its writer knows
_YEAR_LAST = re.compile(r"^([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4})(?=$|[T\s])")


def _week_day(match: re.Match[str]) -> date | None:
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:  # week 53 of a year of 52 weeks
        return None


def _written_day(text: str) -> str:
    """`text` with a week date or a day and month whose order is certain (13/03/2020: the 13th) written YYYY-MM-DD."""
    if (week := _WEEK_DATE.match(text)) and week[3] and (day := _week_day(week)):
        return day.isoformat() + " " + text[week.end():].lstrip("Tt")
    if match := _YEAR_LAST.match(text):
        first, second = int(match[1]), int(match[3])
        if first == second or (first > 12) != (second > 12):  # the month is the one of them a month can be
            day, month = (first, second) if first > 12 or first == second else (second, first)
            return f"{match[4]}-{month:02d}-{day:02d}" + text[match.end():]
    return text


def date_order_slip(text: str) -> str | None:
    """Why a date is not read as meant when its day and month may be either (05/03/2020), or it names a week (2020-W10)
    or a week day that no year has (2019-W53-1): what to write instead."""
    text = normalize_width(text).strip()
    if match := _YEAR_LAST.match(text):
        first, second, year = int(match[1]), int(match[3]), match[4]
        if first > 12 or second > 12 or first == second or not (first and second):
            return None
        return (f"日和月的先后不确定：“{match[0]}”按“日/月/年”是 {year}-{second:02d}-{first:02d}，按“月/日/年”是 "
                f"{year}-{first:02d}-{second:02d}。请核对原件，按“年-月-日”写作 YYYY-MM-DD。")
    if not (week := _WEEK_DATE.match(text)):
        return None
    if not week[3]:
        try:
            monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        except ValueError:
            return f"“{week[0]}”是按周写的日期，但 {week[1]} 年没有第 {int(week[2])} 周。请写出具体日期 YYYY-MM-DD。"
        return (f"“{week[0]}”是 {week[1]} 年第 {int(week[2])} 周（{monday} 至 {monday + timedelta(days=6)}），不是某一天："
                f"请写出具体日期 YYYY-MM-DD。")
    return None if _week_day(week) else f"“{week[0]}”是按周写的日期，但 {week[1]} 年没有第 {int(week[2])} 周。请写出具体日期 YYYY-MM-DD。"


def iso_date(text: str, *, with_time: bool) -> str | None:
    """`text` as YYYY-MM-DD (or YYYY-MM-DD HH:MM, Beijing time), when it is an unambiguous, existing
    date; a weekday said after it only when it is that date's. Its words in traditional or Japanese forms
    (下午3點30分, 午後3時, 2號) are read as simplified."""
    text = simplified(text)
    if with_time and (beijing := _beijing_time(normalize_width(text).strip())):
        return beijing
    if (zoned := _ZONED_DAY.match(normalize_width(text).strip())) and _valid_day(zoned[1]):
        return zoned[1]
    text = _written_day(normalize_width(text).strip())
    text = _said_time(normalize_width(date_in_digits(_SAID_BEIJING.sub(" ", text).strip())).strip())  # 二〇二〇年三月二日
    said = _WEEKDAY.search(text)
    # a sentence's stop typed after it (2020年3月2日。) is no part of the date
    match = _LOOSE_DATE.match(normalize_width(_WEEKDAY.sub(" ", text, count=1) if said else text).strip().rstrip("。．.，,；;").rstrip())
    if not match:
        return None
    y, m, d = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[-3:]))
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    if said and _WEEKDAYS[day.weekday()] != said["day"].replace("天", "日"):
        return None  # 2024年1月8日（星期二）: the date or the weekday is wrong; the editor knows which
    if match.group(5) is None:
        return f"{y:04d}-{m:02d}-{d:02d}"
    hour, minute = int(match.group(5)), int(match.group(6))
    if match["half"] and match["after"]:  # 下午3:30 PM: said twice
        return None
    if half := match["half"] or match["after"]:
        said = day_hour(half, hour)
        if said is None:
            return None
        hour = said
    second = int(match["second"] or 0)
    if not with_time or minute > 59 or second > 59 or (hour == 24 and (minute or second or match["fraction"])):
        return None
    if hour == 24:  # the end of the day: the next day's 00:00
        return _written(datetime(y, m, d) + timedelta(days=1))
    if hour > 23:
        return None
    return _written(datetime(y, m, d, hour, minute, second, _microseconds(match["fraction"])))


def impossible_time(text: str) -> str | None:
    """What to say of an existing day written with a time no clock shows (24:00, 25:00, 10:60):
    24:00 is the next day's 00:00, written so; None when the day itself is wrong."""
    written = normalize_width(text).strip()
    match = DATETIME.match(written)
    if not match or match[4] is None or not _valid_day(f"{match[1]}-{match[2]}-{match[3]}"):
        return None
    clock = written[11:]
    if END_OF_DAY.search(text) and (meant := iso_date(text, with_time=True)):
        return (f"日期没有问题，时间“{clock}”不存在（一天的时间从 00:00 到 23:59；如果指当天，请写当天的具体时间，如 23:59）："
                f"24:00 就是第二天的 00:00，应写作：{meant}")
    return f"日期没有问题，时间“{clock}”不存在：一天的时间从 00:00 到 23:59，请核对时间。"


# A note typed after a date with no space before its # (2020-03-02#成文): YAML reads a comment only after a space
_GLUED_NOTE = re.compile(r"^(?P<value>[^#]*[^#\s])#(?P<note>.*)$")


def glued_note(text: str, *, with_time: bool) -> str | None:
    """The value to write, the note kept as a comment, when a date's note is glued to it (2020-03-02#成文 is
    2020-03-02 # 成文: a comment's # has a space after it too, yamlerrors)."""
    match = _GLUED_NOTE.match(text.strip())
    if not match:
        return None
    value = normalize_width(match["value"])
    meant = value if (DATETIME if with_time else DATE).match(value) else iso_date(value, with_time=with_time)
    return f"{meant} # {match['note'].strip()}" if meant else None


def spreadsheet_day(text: str, *, with_time: bool) -> str | None:
    """What to say of a date pasted from a spreadsheet as its serial number (43892: Excel's day count from
    1899-12-30; 43892.3958: its fraction the time of day): the day, and the time when the field takes one, it
    would be, to be checked, never written for the editor (a Mac's Excel may count from 1904; a fraction cut
    to a few digits is a time off by seconds)."""
    match = re.fullmatch(r"([1-9][0-9]{4})(?:\.([0-9]+))?", text.strip())
    if not match or not 20000 <= int(match[1]) <= 60000:  # 1954 to 2064
        return None
    moment = datetime(1899, 12, 30) + timedelta(days=int(match[1]), seconds=round(float(f"0.{match[2] or 0}") * 86400))
    day = moment.date().isoformat()
    if not match[2] or not int(match[2]):
        told, written = day, day
    elif with_time:
        told, written = moment.strftime("%Y-%m-%d %H:%M:%S"), (moment + timedelta(seconds=30)).strftime(DATETIME_FORMAT)
        return (f"这像是从 Excel 复制的日期时间序号（{match[0]} 按 Excel 的算法约是 {told}，小数部分是时间，复制时只保留了几位小数，"
                f"时间可能差几秒）：请在 Excel 中把这一列设为日期时间格式后再复制，或核对原件后写作 YYYY-MM-DD HH:MM（如 {written}）。")
    else:
        told, written = moment.strftime("%Y-%m-%d %H:%M:%S"), day
    return (f"这像是从 Excel 复制的日期序号（{match[0]} 按 Excel 的算法是 {told}）：请在 Excel 中把这一列设为日期格式后再复制，"
            f"或核对后直接写作 YYYY-MM-DD（如 {written}）。")
