"""How a 12-hour time is said (下午3:30, 晚上8点, 3:30 PM) and the hour it is on a 24-hour clock: one rule
for the check's and fix's corrections and the importer's dates."""

from __future__ import annotations

# The words said before the time, or after it (AM, PM), as a regex alternation; matched case-insensitively.
# 午前 and 午后 (午後 in traditional or Japanese forms, read as simplified) as a Japanese input method writes them.
HALF_DAY = "上午|早上|早晨|中午|下午|晚上|午前|午后|AM|PM"
_AFTERNOON = frozenset({"下午", "晚上", "午后", "pm"})


def day_hour(half: str, hour: int) -> int | None:
    """The hour of the day `hour` said with `half` is, or None when it is none or not certain: 上午0:30 and
    下午13:00 are not said; 晚上12点 is the next day's midnight. 上午12:30 is 12:30 AM, 00:30, as the
    12-hour clock reads it (a CMS printing a stored 00:30 writes it so); 下午12:30 is 12:30 PM, 12:30;
    中午12:30 and 中午1:05 are 12:30 and 13:05."""
    half = half.lower()
    if not 1 <= hour <= 12 or (hour == 12 and half == "晚上"):
        return None
    if half == "中午":
        return hour + 12 if hour < 11 else hour
    return hour % 12 + (12 if half in _AFTERNOON else 0)
