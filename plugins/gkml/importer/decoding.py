"""Bytes of a saved page → text, through the project's one encoding sniffer."""

from __future__ import annotations

import email
import email.message
import email.policy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin

from gkml.content.encoding import decode

_MARKUP = re.compile(r"<(?:!doctype|html|head|body|meta|title)\b", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|br|table|tr|td|span|a|h[1-6]|li|font|strong|b|center)\b[^>]*>", re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp", ".php", ".mht", ".mhtml")


_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")


def _archive(data: bytes) -> email.message.Message | None:
    """A "web archive, single file" (.mht/.mhtml, MIME multipart/related), else None."""
    head = data[:4096]
    if not _HEADER_LINE.match(head) or b"multipart/related" not in head.lower():
        return None
    return email.message_from_bytes(data, policy=email.policy.compat32)


@dataclass(frozen=True)
class Archived:
    """The files a web archive holds beside its page (the article's pictures)."""

    address: str = ""  # where the page was saved from: its relative links are relative to it
    files: Mapping[str, bytes] = field(default_factory=dict)  # by the address each was saved from

    def file(self, href: str) -> bytes | None:
        if not self.files:
            return None
        try:
            return self.files.get(href) or self.files.get(urljoin(self.address, href))
        except ValueError:  # an address urllib cannot read ('http://[x'): no file of the archive
            return None


def archived(data: bytes) -> Archived:
    """What a web archive (.mht/.mhtml) holds beside its page; nothing for any other page."""
    message = _archive(data)
    if message is None:
        return Archived()
    address = message.get("Snapshot-Content-Location") or ""
    files: dict[str, bytes] = {}
    for part in message.walk():
        location = (part.get("Content-Location") or "").strip()
        if part.is_multipart() or not location:
            continue
        if part.get_content_type() == "text/html":
            address = address or location
        elif isinstance(payload := part.get_payload(decode=True), bytes):
            files.setdefault(location, payload)
    return Archived(address.strip(), files)


def unwrap_archive(data: bytes) -> bytes:
    """The HTML of a web archive (.mht/.mhtml), else `data`."""
    message = _archive(data)
    if message is None:
        return data
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                if charset and b"charset" not in payload[:2048].lower():
                    payload = f'<meta charset="{charset}">'.encode("ascii", "replace") + payload
                return payload
    return data


# Files an editor may pick up by mistake from the same folder: Office (OLE and OOXML/zip),
# PDF, OFD (zip), images, archives.
_BINARY_MAGIC = (b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8",
                 b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")


def is_binary(data: bytes) -> bool:
    """Not a saved page at all: a known binary signature, or NUL bytes in a file without a UTF-16 BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]


def decode_page(data: bytes) -> tuple[str, str]:
    """(text, encoding name); see gkml.content.encoding.decode. A web archive gives its HTML."""
    return decode(unwrap_archive(data))


def looks_like_html(text: str, filename: str = "") -> bool:
    """Markup by content; the file name only decides when there are a few tags."""
    head = text[:20000]
    if _MARKUP.search(head):
        return True
    tags = len(_TAG.findall(head))
    return tags >= 3 or (tags >= 1 and filename.lower().endswith(_HTML_SUFFIXES))
