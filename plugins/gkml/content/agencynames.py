"""A publisher's name with a space inside it (安徽省 应急管理厅) told and written joined by `gkml fix`.

The contract makes 发布机构 one text and sets no separator for joint publishers: sites print them parted
by spaces (财政部 国家税务总局), so a space between two names is kept. A part that is only a place
(安徽省, 合肥市) publishes nothing by itself: the space after it is inside one agency's name, and the
name written with it would be another 发布机构 term, its own page apart from the agency's documents.
"""

from __future__ import annotations

import re

PUBLISHER = "publisher"  # the field that names the agency (the 发布机构 taxonomy's terms)

_SPACES = re.compile("[ \u3000]+")
# a province, city, county or district said alone: no agency's word (厅, 局, 政府 …) in it
_PLACE = re.compile("[\u4e00-\u9fff]{1,10}?(?:省|市|县|区|自治区|自治州|州|盟|旗|地区)")
_AGENCY_WORDS = re.compile("[厅局委办部院会府署室处所站队团社行校馆]|中心|政府")


def joined_name(text: str) -> str | None:
    """`text` with each place said alone joined to the name after it (安徽省 应急管理厅 → 安徽省应急管理厅),
    if there is one; the spaces between whole agencies' names kept."""
    parts = _SPACES.split(text.strip())
    seps = _SPACES.findall(text.strip())
    if len(parts) < 2:
        return None
    written = parts[0]
    for part, sep, after in zip(parts, seps, parts[1:], strict=False):
        # 合肥市 安徽省应急管理厅: a name of its own follows, starting with its place; which is meant is not certain
        inside = _place_alone(part) and (_place_alone(after) or not _PLACE.match(after))
        written += ("" if inside else sep) + after
    return written if written != text.strip() else None


def _place_alone(part: str) -> bool:
    return _PLACE.fullmatch(part) is not None and not _AGENCY_WORDS.search(part)
