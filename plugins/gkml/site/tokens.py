"""Where a 文号, an 索引号 or a date may wrap: only between its parts, never inside one
(皖应急 / 〔2025〕3号, 002986620/ / 202003-00032, 2020年 / 3月2日; not 〔2025〕3 / 号, 3月2 / 日)."""

from __future__ import annotations

import re

_BREAKS = re.compile(r"(?<=/)|(?=〔)")
_DATE_BREAKS = re.compile(r"(?<=年)")
LONG_PART = 14  # a part longer than this may wrap inside rather than run off a phone screen


def nobr_parts(value: object) -> list[str]:
    """`value` cut before each 〔 and after each /; the parts joined give `value` back."""
    text = "" if value is None else str(value)
    return [part for part in _BREAKS.split(text) if part] or [text]


def date_parts(value: object) -> list[str]:
    """A date as `views.zh_date` writes it, cut after its year; the parts joined give `value` back."""
    text = "" if value is None else str(value)
    return [part for part in _DATE_BREAKS.split(text) if part] or [text]
