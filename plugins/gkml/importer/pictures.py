"""Which <img> of a page is a picture of the article (a chart, a scanned page) and which is the
page's furniture (a logo, an icon, a button, a QR code, a banner that links somewhere)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from gkml.importer.links import url_text
from gkml.importer.text import clean_line

_ICON = 48  # pixels: a picture this small is an icon or a button
_FURNITURE = re.compile(r"(?:^|[/_.-])(?:logo|icon|ico|qr|qrcode|ewm|erweima|share|banner|btn|button|spacer|blank|bg)"
                        r"(?:$|[/_.\d-])", re.IGNORECASE)
_MAX_UP = 150  # ancestors looked at for a link around the picture


def _in_link(node: LexborNode) -> bool:
    parent, steps = node.parent, 0
    while parent is not None and steps < _MAX_UP:
        if parent.tag == "a":
            return True
        parent, steps = parent.parent, steps + 1
    return False


def article_picture(node: LexborNode) -> tuple[str, str] | None:
    """(alt text, src) of a picture of the article, else None."""
    src = url_text(node.attributes.get("src"))
    sizes = [int(v) for v in (node.attributes.get("width"), node.attributes.get("height")) if v and v.isdigit()]
    if not src or any(size < _ICON for size in sizes) or _FURNITURE.search(src) or _in_link(node):
        return None
    return clean_line(node.attributes.get("alt") or node.attributes.get("title") or ""), src
