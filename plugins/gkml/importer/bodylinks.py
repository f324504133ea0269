"""Where the links of a page's body lead once the page is a document.

A link to another site (gov.cn) or an e-mail address stays a link. A link to a page of
the old site is written with its absolute address (a relative one is read against the
address the page states, `HtmlPage.address`) and named in a TODO: the old site may be
closed, and that page may be a document of the catalogue now, which a body never links
(`gkml check` refuses links to .md files: the page may be held back). A relative
address nothing resolves stays text, with a TODO: written as it is it would be a dead
link on the new site. Attachments and scripts are not links here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from gkml.importer.blocks import Block

# Characters a URL keeps as written; anything else (spaces, < > " \, ideographs) is percent-escaped,
# so the address fits a Markdown destination in <…> and is the address a browser would ask for.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_SHOWN = 60  # characters of a link's text quoted in a TODO


@dataclass(frozen=True)
class BodyLink:
    text: str
    href: str  # as the page wrote it
    address: str  # the absolute address the document links; '' when the link stays text
    old_site: bool  # a page of the old site: a relative address, or one on the page's own host


def _host(address: str) -> str:
    try:
        return (urlsplit(address).hostname or "").lower()
    except ValueError:
        return ""


def _resolved(href: str, base: str) -> str:
    try:
        address = urljoin(base, href) if base else href
        split = urlsplit(address)
    except ValueError:  # an unbalanced [ in a host: no address a browser would open
        return ""
    if split.scheme.lower() not in ("http", "https", "mailto") or (split.scheme.lower() != "mailto" and not split.hostname):
        return ""
    return quote(address, safe=_URL_SAFE)


def body_link(text: str, href: str, base: str) -> BodyLink | None:
    """What a body link becomes, or None when it stays text with nothing to say (a script, an
    anchor on the page, a scheme no reader opens from a document: tel:, ftp:, data:)."""
    lowered = href.lower()
    if not href or href.startswith("#") or lowered.startswith("javascript:"):
        return None
    scheme = href.partition(":")[0].lower() if ":" in href else ""
    if scheme in ("http", "https", "mailto"):
        address = _resolved(href, "")  # '' for one no browser opens ('http://[x'): text, nothing to find again
        return BodyLink(text, href, address, scheme != "mailto" and _host(address) == _host(base)) if address else None
    if scheme and not (len(scheme) == 1 and href[1:3] in (":\\", ":/")):  # a scheme, not a Windows drive
        return None
    address = _resolved(href, base)  # '//www.gov.cn/…' is another site's: only the page's own host is the old site
    return BodyLink(text, href, address, not address or _host(address) == _host(base))


def body_links(blocks: Iterable[Block], base: str, files: Mapping[str, str]) -> tuple[BodyLink, ...]:
    """The links of the body's text, lists and tables, in order, once each (attachments,
    by their href in `files`, excepted)."""
    found: dict[tuple[str, str], BodyLink] = {}
    for block in blocks:
        if block.kind == "image":
            continue
        for anchor in block.links:
            if anchor.href not in files and (anchor.text, anchor.href) not in found:
                link = body_link(anchor.text, anchor.href, base)
                if link is not None:
                    found[(anchor.text, anchor.href)] = link
    return tuple(found.values())


def address_key(address: str) -> str:
    """An address as the same page: host, path and query, whatever the scheme and fragment
    (an old site moved from http to https; its links still say http)."""
    try:
        split = urlsplit(quote(address, safe=_URL_SAFE))
    except ValueError:
        return address
    return _host(address) + (split.path or "/") + (f"?{split.query}" if split.query else "")


def link_note(link: BodyLink, imported: str | None) -> str:
    """The TODO of a link to the old site, or of one left text; `imported`: the document the
    linked page became, if it was imported."""
    text = link.text if len(link.text) <= _SHOWN else link.text[:_SHOWN] + "…"
    if not link.address:
        return (f"正文链接“{text}”的地址 {link.href} 是相对地址，页面没有写明自己的网址，无法补全，"
                "正文中只留了文字：请在旧网站上找到它指向的页面，把完整网址写成链接（或导入该页面，再写出其名称和文号）")
    if imported:
        return (f"正文链接“{text}”指向旧网站的页面 {link.address}，该页面已导入为 {imported}：旧网站关闭后链接将打不开，"
                "正文不能链接公开文件的源文件，请改为写出该文件的名称和文号（文件之间的关系填在属性区 superseded_by、interprets），"
                "并删去链接")
    return (f"正文链接“{text}”指向旧网站的页面 {link.address}，该页面没有导入：旧网站关闭后链接将打不开，"
            "请导入该页面（再改为写出其名称和文号），或核对该网址长期有效")
