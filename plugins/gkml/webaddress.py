"""An address in a page as a browser reads it (WHATWG URL), and whether it is another site's: one
rule for the check (content.body, content.remotepictures), the sanitiser (site.sanitize) and the
importer (importer.links)."""

from __future__ import annotations

import re

_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
# another site's address: a scheme of the web, or // (the page's scheme); a browser reads "\" as "/"
_REMOTE = re.compile(r"^(?:https?:|//)", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def address_read(value: str) -> str:
    """An address attribute's value (entities decoded) as a browser reads it: C0 controls and
    spaces around it trimmed, every tab and line break inside it removed."""
    return _TAB_OR_NEWLINE.sub("", value.strip(_C0_AND_SPACE))


def is_remote(value: str) -> bool:
    """Whether a browser fetches the address `value` (entities decoded) from another site
    (https://…, //host/…, \\\\host\\…): that site sees every reader of the page."""
    return bool(_REMOTE.match(address_read(value).replace("\\", "/")))


def has_scheme(value: str) -> bool:
    """Whether the address `value` (entities decoded) names a scheme (https:, data:, mailto: …):
    not a path of this site."""
    return bool(_SCHEME.match(address_read(value)))


def scheme(value: str) -> str:
    """The scheme the address `value` (entities decoded) names, lower case, no colon; "" for none."""
    found = _SCHEME.match(address_read(value))
    return found.group()[:-1].lower() if found else ""


def is_dropped_picture(value: str) -> bool:
    """Whether a page shows no picture at the address `value` (entities decoded): another site's
    (is_remote), or one of another scheme (ftp:, data:, mailto: …), no file of this site. The
    sanitiser drops it; the check tells it."""
    return is_remote(value) or has_scheme(value)
