"""Chinese numerals as documents write them, one reading for the check and fix (content.numerals), the
importer (importer.dates) and the search index (search.dates): a year digit by digit (二〇二〇, 二○二○,
二O二O), a month and a day as they are said (三, 十二, 二十一, 廿一, 卅一)."""

from __future__ import annotations

import unicodedata

# 〇 (U+3007) as typed, and what fonts and input methods put for it: ○ ◯, 零, the letter o, Greek ο,
# Cyrillic о. Search reads lower-cased text, so these are its zeros (gkml-search.js: CN_ZEROS).
ZEROS = "〇○◯oοо零"
CASED_ZEROS = "OＯ"  # the letter O and its full-width form: zeros too where text is read as typed
ONES = "一二三四五六七八九"
TWO = "两"  # 2 as it is said
TENS = {"十": 10, "廿": 20, "卅": 30}
DIGITS: dict[str, int] = {**dict.fromkeys(ZEROS + CASED_ZEROS, 0), **{c: i for i, c in enumerate(ONES, 1)}, TWO: 2}


def _digit(ch: str) -> int | None:
    """A Chinese digit's value, or a decimal digit's of any script (2, ２)."""
    return DIGITS[ch] if ch in DIGITS else unicodedata.decimal(ch, None)


def numeral_value(text: str) -> int | None:
    """二〇二〇 → 2020 (each character a digit, Arabic ones too), 十二 → 12, 二十一 → 21, 廿一 → 21, 〇三 → 3;
    None for any other text (三十十, 二廿, 百)."""
    tens = [ch for ch in text if ch in TENS]
    if not tens:
        digits = [_digit(ch) for ch in text]
        return int("".join(str(d) for d in digits)) if digits and None not in digits else None
    high, _, low = text.partition(tens[0])
    if len(tens) > 1 or len(high) > 1 or len(low) > 1 or (high and tens[0] != "十"):
        return None
    if (high and high not in DIGITS) or (low and low not in DIGITS):
        return None
    return (DIGITS[high] * 10 if high else TENS[tens[0]]) + (DIGITS[low] if low else 0)
