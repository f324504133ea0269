"""A year and a date in Chinese numerals, as GB/T 9704-1999 had a 成文日期 written and old documents
still print it (二〇二〇年三月二日, 二○二○年, a year digit by digit, a month and a day as they are said),
read as Arabic digits: the only reading of each (profile.numerals: the one reading of a numeral)."""

from __future__ import annotations

import re

from gkml.profile.numerals import DIGITS, ONES, TENS, TWO, numeral_value

# four Chinese digits, a year as GB/T 9704-1999 printed it
YEAR_IN_NUMERALS = f"[{''.join(DIGITS)}]{{4}}"
_SAID = f"[{ONES}{TWO}{''.join(TENS)}]{{1,3}}"
_DATE = re.compile(rf"^\s*(?P<year>{YEAR_IN_NUMERALS})\s*年\s*(?P<month>{_SAID})\s*月\s*(?P<day>{_SAID})\s*日")


def year_in_digits(text: str) -> str | None:
    """二〇二〇 as 2020: four Chinese digits, each one digit; None for anything else."""
    text = text.strip()
    return f"{numeral_value(text):04d}" if re.fullmatch(YEAR_IN_NUMERALS, text) else None


def said_number(text: str) -> int | None:
    """A number from 1 to 99 as it is said (三, 十二, 二十, 三十一, 廿一); None for another text (三一: digit by digit)."""
    said = len(text) == 1 or any(ch in TENS for ch in text)
    value = numeral_value(text) if said and not text.isascii() else None
    return value if value and value <= 99 else None


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
