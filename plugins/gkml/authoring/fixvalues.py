"""Each value type's correction in `gkml fix`, and the lines inside a field (authoring.fix).

A value is corrected only into what its type's pattern accepts; inside a field (a withdrawal,
attachments, a list), odd spaces are taken out, a withdrawal's date corrected, an attachment's
file unquoted, and a list item that runs several words together split.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from gkml.content.corrections import (
    integer_written,
    normalize_width,
    plain_spaced,
    smart_unquoted,
)
from gkml.content.dateslips import day_of_moment, iso_date
from gkml.content.docno import fix_doc_no
from gkml.content.fields import IN_ONE_ITEM
from gkml.content.indexno import fix_index_no
from gkml.profile.types import DATE, DATETIME, DOC_NO, INDEX_NO, INTEGER


def _date(value: str) -> str:
    return iso_date(value, with_time=False) or day_of_moment(value) or normalize_width(value)


def _datetime(value: str) -> str:
    return iso_date(value, with_time=True) or normalize_width(value)


# field type -> (correction, pattern the corrected value must match)
FIXES: Mapping[str, tuple[Callable[[str], str], re.Pattern[str]]] = {
    "date": (_date, DATE),
    "datetime": (_datetime, DATETIME),
    "index_no": (fix_index_no, INDEX_NO),
    "index_ref": (fix_index_no, INDEX_NO),
    "doc_no": (fix_doc_no, DOC_NO),
    "integer": (integer_written, INTEGER),
}
# a field's values written inside it, on its own line or in braces: (field type, inner key) -> type
NESTED: Mapping[tuple[str, str], str] = {("withdrawal", "date"): "date"}
# values inside a field that never hold Word's quotes around them: (field type, inner key)
UNQUOTED_PARTS = frozenset({("attachments", "file")})
_INNER = re.compile(r"(?P<head>(?:^|[{,])[ \t]*(?:-[ \t]+)?(?P<key>[A-Za-z_]+)[ \t]*:[ \t]+)(?P<q>['\"]?)"
                    r"(?P<value>(?:[^'\",{}#\[\] \t]|[ \t]+(?=[^'\",{}#\[\] \t]))*)(?P=q)(?=[ \t]*(?:[,}]|#|$))")


def fix_inner(content: str, kind: str) -> str:
    """A line inside a field of type `kind` (or of its top-level line, after the key): odd spaces
    taken out of every value the check reads as one line, a withdrawal's date corrected."""
    if kind == "text" or content.lstrip().startswith("#"):
        return content
    content = plain_spaced(content)

    def inner(match: re.Match[str]) -> str:
        if (kind, match["key"]) in UNQUOTED_PARTS and (unquoted := smart_unquoted(match["value"].strip())):
            return match["head"] + match["q"] + unquoted + match["q"]
        nested = NESTED.get((kind, match["key"]))
        if nested is None or nested not in FIXES:
            return match.group()
        correct, pattern = FIXES[nested]
        value = match["value"].strip()
        fixed = correct(value)
        if pattern.match(value) or not pattern.match(fixed):
            return match.group()
        return match["head"] + match["q"] + fixed + match["q"]

    return _INNER.sub(inner, content)


# A block list's item, unquoted and with no comment (`  - 防汛；抗旱`)
_BLOCK_ITEM = re.compile(r"^(?P<lead>[ \t]*-[ \t]+)(?!.*:\s)(?P<value>[^'\"\[{#\s][^#]*)$")


def block_items_split(content: str) -> list[str]:
    """A block list's item that an input method's ，or ； runs several words together in, one item a word,
    as the check tells; the line alone otherwise."""
    match = _BLOCK_ITEM.match(content)
    if not match or not IN_ONE_ITEM.search(match["value"]):
        return [content]
    return [match["lead"] + part.strip() for part in IN_ONE_ITEM.split(match["value"]) if part.strip()]
