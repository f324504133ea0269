"""Where a link of a saved page leads: its href, or the address a script handler opens.

Download links of many CMSs are scripts (<a href="javascript:downloadFile('/u/a.xlsx')">,
<a href="#" onclick="window.open('../files/a.pdf')">): the address is a quoted argument.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_QUOTED = re.compile(r"""(['"])([^'"\s<>]{1,500}?)\1""")
_FILE_LIKE = re.compile(r"\.[A-Za-z0-9]{1,5}(?:[?#]|$)|=[^&]*\.[A-Za-z0-9]{1,5}(?:&|$)")


def url_text(value: str | None) -> str:
    """An address attribute as a browser reads it (WHATWG URL): C0 controls and spaces around it
    trimmed, every tab and line break inside it removed."""
    return _TAB_OR_NEWLINE.sub("", (value or "").strip("".join(map(chr, range(0x21)))))


def _script(href: str) -> bool:
    return not href or href.startswith("#") or href.lower().startswith("javascript:")


def link_address(attributes: Mapping[str, str | None]) -> str:
    """The href, unless it is a script or an anchor: then the handler's quoted argument that
    names a file (else one that is a path), else the href as written."""
    href = url_text(attributes.get("href"))
    if not _script(href):
        return href
    code = href[len("javascript:"):] if href.lower().startswith("javascript:") else ""
    quoted = [m.group(2) for source in (code, url_text(attributes.get("onclick"))) for m in _QUOTED.finditer(source)]
    named = next((q for q in quoted if _FILE_LIKE.search(q) and not q.lower().startswith("javascript:")), None)
    return named or next((q for q in quoted if "/" in q and not q.lower().startswith("javascript:")), href)
