"""A year and a date in Chinese numerals, as GB/T 9704-1999 had a 成文日期 written and old documents
still print it (二〇二〇年三月二日, 二○二○年, a year digit by digit, a month and a day as they are said),
read as Arabic digits: the only reading of each."""

from __future__ import annotations

import re

# 〇 (U+3007) as typed; ○ (U+25CB) and the letter O are what fonts and input methods put for it
_YEAR_DIGITS = {**dict.fromkeys("〇○零OＯ", "0"), **{ch: str(n) for n, ch in enumerate("一二三四五六七八九", 1)}}
_ONES = "一二三四五六七八九"
# four Chinese digits, a year as GB/T 9704-1999 printed it
YEAR_IN_NUMERALS = f"[{''.join(_YEAR_DIGITS)}]{{4}}"
_SAID = r"[一二三四五六七八九十]{1,3}"
_DATE = re.compile(rf"^\s*(?P<year>{YEAR_IN_NUMERALS})\s*年\s*(?P<month>{_SAID})\s*月\s*(?P<day>{_SAID})\s*日")


def year_in_digits(text: str) -> str | None:
    """二〇二〇 as 2020: four Chinese digits, each one digit; None for anything else."""
    text = text.strip()
    return "".join(_YEAR_DIGITS[ch] for ch in text) if re.fullmatch(YEAR_IN_NUMERALS, text) else None


def said_number(text: str) -> int | None:
    """A number from 1 to 99 as it is said (三, 十二, 二十, 三十一); None for another text."""
    match = re.fullmatch(rf"([{_ONES}])?(十)?([{_ONES}])?", text)
    if not text or not match or (match[1] and match[3] and not match[2]):
        return None
    tens, ten, ones = match.groups()
    if not ten:
        return _ONES.index(tens) + 1 if tens else None
    return (_ONES.index(tens) + 1 if tens else 1) * 10 + (_ONES.index(ones) + 1 if ones else 0)


def date_in_digits(text: str) -> str:
    """`text` with a date it starts with in Chinese numerals (二〇二〇年三月二日) written in digits
    (2020年3月2日), what follows it kept; `text` unchanged when it starts with none."""
    match = _DATE.match(text)
    if not match:
        return text
    year, month, day = year_in_digits(match["year"]), said_number(match["month"]), said_number(match["day"])
    if year is None or month is None or day is None:
        return text
    return f"{year}年{month}月{day}日" + text[match.end():]
