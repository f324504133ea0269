"""Where a link of a saved page leads: its href, or the address a script handler opens.

Download links of many CMSs are scripts (<a href="javascript:downloadFile('/u/a.xlsx')">,
<a href="#" onclick="window.open('../files/a.pdf')">): the address is a quoted argument.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from gkml.webaddress import address_read

_QUOTED = re.compile(r"""(['"])([^'"\s<>]{1,500}?)\1""")
_FILE_LIKE = re.compile(r"\.[A-Za-z0-9]{1,5}(?:[?#]|$)|=[^&]*\.[A-Za-z0-9]{1,5}(?:&|$)")


def url_text(value: str | None) -> str:
    """An address attribute as a browser reads it; none is ''."""
    return address_read(value or "")


def _script(href: str) -> bool:
    return not href or href.startswith("#") or href.lower().startswith("javascript:")


def _file_argument(quoted: list[str]) -> str | None:
    return next((q for q in quoted if _FILE_LIKE.search(q) and not q.lower().startswith("javascript:")), None)


def link_address(attributes: Mapping[str, str | None]) -> str:
    """The href, unless it is a script or an anchor: then the handler's quoted argument that
    names a file (else one that is a path), else the handler as a script address
    ('javascript:down(123)': what an editor can look for on the old site), else the href as written.
    A bare file name beside other arguments is the file's name, not its address
    (downLoadFile('8a8f2b','报名表.xlsx') fetches by the id): the handler is the address then."""
    href = url_text(attributes.get("href"))
    if not _script(href):
        return href
    code = href[len("javascript:"):] if href.lower().startswith("javascript:") else ""
    onclick = url_text(attributes.get("onclick"))
    quoted = [m.group(2) for source in (code, onclick) for m in _QUOTED.finditer(source)]
    named = _file_argument(quoted)
    if named is not None and "/" not in named and len(quoted) > 1:
        named = None
    path = next((q for q in quoted if "/" in q and not q.lower().startswith("javascript:")), None)
    return named or path or ("javascript:" + onclick.removeprefix("javascript:") if onclick else href)


def script_file(href: str) -> str:
    """The file a script address names among its handler's arguments
    ("javascript:downLoadFile('8a8f2b','报名表.xlsx')" → '报名表.xlsx'), else ''."""
    if not href.lower().startswith("javascript:"):
        return ""
    return _file_argument([m.group(2) for m in _QUOTED.finditer(href)]) or ""


_WEB_PAGE = re.compile(r"\.(?:s?html?|xhtml|jsp|aspx?|php|cn|com|net|org)$", re.IGNORECASE)


def option_files(options: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A <select> of downloads ('请选择附件下载', each <option value> a file's address) as its links
    (text, address); none for any other <select> (a 友情链接 menu of sites, a year picker)."""
    valued = [(text, address) for text, address in options if address and text]

    def names_file(address: str) -> bool:
        path, query = path_and_query(address)
        last = path.rsplit("/", 1)[-1]
        return ("." in last and not _WEB_PAGE.search(last)) or bool(_FILE_LIKE.search("?" + query) and query)

    return valued if any(names_file(address) for _, address in valued) else []


def path_and_query(href: str) -> tuple[str, str]:
    """The path and query of an address; ('', '') for one no browser can open ('http://[::1/a.pdf':
    an unclosed IPv6 bracket), which urllib refuses with an exception."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return "", ""
    return parts.path, parts.query
