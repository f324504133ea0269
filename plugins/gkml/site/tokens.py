"""Where a 文号 or an 索引号 may wrap: only between its parts, never inside one
(皖应急 / 〔2025〕3号, 002986620/ / 202003-00032, not 〔2025〕3 / 号)."""

from __future__ import annotations

import re

_BREAKS = re.compile(r"(?<=/)|(?=〔)")
LONG_PART = 14  # a part longer than this may wrap inside rather than run off a phone screen


def nobr_parts(value: object) -> list[str]:
    """`value` cut before each 〔 and after each /; the parts joined give `value` back."""
    text = "" if value is None else str(value)
    return [part for part in _BREAKS.split(text) if part] or [text]
