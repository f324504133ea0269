"""The agency a page's footer names as the site's (主办单位：某某局, 版权所有：某某局, © 2023 某某局):
what the importer offers as 发布机构 when the page states none, for the editor to confirm."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gkml.importer.text import AGENCY_END, IDEO, SPACES, tight, unspaced
from gkml.profile.synonyms import simplified

_NAME = rf"((?:中共)?[{IDEO}（）()]{{2,30}}?{AGENCY_END})(?![{IDEO}])"
_GAP = rf"[{SPACES}]*"
# The organiser first (the site is its), then the copyright holder, whichever side of its words it stands.
_ORGANISER = re.compile(rf"(?:网站)?主办(?:单位)?{_GAP}[:：]{_GAP}{_NAME}")
_HOLDER = re.compile(rf"版权所有{_GAP}[:：]?{_GAP}(?:(?:©|\(c\)|copyright){_GAP})?(?:\d{{4}}(?:-\d{{4}})?{_GAP})?{_NAME}"
                     rf"|{_NAME}{_GAP}版权所有"
                     rf"|(?:©|\(c\)|copyright){_GAP}(?:\d{{4}}(?:{_GAP}-{_GAP}\d{{4}})?{_GAP})?{_NAME}",
                     re.IGNORECASE)


def site_owner(lines: Iterable[str]) -> str | None:
    """The agency the footer's lines name as the site's organiser, else as its copyright holder."""
    kept = [unspaced(line) for line in lines if len(line) <= 600]  # '主 办 单 位：…', '版 权 所 有'
    for pattern in (_ORGANISER, _HOLDER):
        for line in kept:
            match = pattern.search(simplified(line))  # the shadow is as long as the line: the name as printed
            if match:
                group = next(n for n in range(1, pattern.groups + 1) if match.group(n))
                return tight(line[match.start(group):match.end(group)])
    return None
