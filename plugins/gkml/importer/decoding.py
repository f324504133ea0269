"""Bytes of a saved page → text, through the project's one encoding sniffer."""

from __future__ import annotations

import re

from gkml.content.encoding import decode

_MARKUP = re.compile(r"<(?:!doctype|html|head|body|meta|title)\b", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|br|table|tr|td|span|a|h[1-6]|li|font|strong|b|center)\b[^>]*>", re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp", ".php", ".mht")


def decode_page(data: bytes) -> tuple[str, str]:
    """(text, encoding name); see gkml.content.encoding.decode."""
    return decode(data)


def looks_like_html(text: str, filename: str = "") -> bool:
    """Markup by content; the file name only decides when there are a few tags."""
    head = text[:20000]
    if _MARKUP.search(head):
        return True
    tags = len(_TAG.findall(head))
    return tags >= 3 or (tags >= 1 and filename.lower().endswith(_HTML_SUFFIXES))
