"""The dates a text writes, in the forms readers type a date: as the site shows one (2024年3月2日,
site.views.zh_date) and as its <time datetime> writes one (2024-03-02).

A body writes a day many ways (2024.3.2, 2024/03/02, 2024.03.02, 2024-3-2, 2024年03月02日); a reader
types the form the pages show. Each day a text writes is indexed again in both forms, each a segment of
its own (search.records), and the benchmark's substring truth reads them alike: 2024年3月2日 finds a body's
2024.3.2, and 2024-03 its month. A form typed otherwise (2024.3.2) finds only what writes it so.
Read from normalised text (search.text.normalise: no whitespace, full-width digits made ASCII).
"""

from __future__ import annotations

import re
from datetime import date

# A year 1900-2099, then month and day with one separator twice, or 年 月 日. Not inside a longer
# number (12024.3.2, 1.2024.3.2, 2024.3.2.1: a version or a code; written_days checks what precedes),
# but either day of a range (2024.3.2-2024.3.5).
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
_SEPARATED = re.compile(r"(?<![0-9])" + _YEAR + r"(?P<sep>[./-])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
                        r"(?![0-9])(?!(?P=sep)[0-9])")
_WRITTEN = re.compile(r"(?<![0-9])" + _YEAR + r"年(?P<month>[0-9]{1,2})月(?P<day>[0-9]{1,2})日")


def shown(day: date) -> str:
    """The day as the site shows it (site.views.zh_date)."""
    return f"{day.year}年{day.month}月{day.day}日"


def machine(when: str) -> str:
    """A <time datetime> value as readers type its day (2024-03-02T09:30 → 2024-03-02): no time of day is shown."""
    return when.strip()[:10]


def written_days(normalised: str) -> list[date]:
    """The days a normalised text writes, in order, each once."""
    found: dict[date, None] = {}
    for match in (*_SEPARATED.finditer(normalised), *_WRITTEN.finditer(normalised)):
        start, sep = match.start(), match.groupdict().get("sep")
        if sep and normalised[start - 2:start - 1].isdigit() and normalised[start - 1] == sep:
            continue  # 1.2024.3.2: the tail of a longer number
        year, month, day = (int(match.group(n)) for n in ("year", "month", "day"))
        try:
            found.setdefault(date(year, month, day))
        except ValueError:  # 2024.2.30, 2024.13.1: no day
            continue
    return list(found)


def typed_forms(normalised: str) -> list[str]:
    """The forms readers type (2024年3月2日, 2024-03-02) of each day the text writes, each once."""
    return list(dict.fromkeys(form for day in written_days(normalised) for form in (shown(day), day.isoformat())))
