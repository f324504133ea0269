"""An address in a page as a browser reads it (WHATWG URL), and whether it is another site's: one
rule for the check (content.body, content.remotepictures), the sanitiser (site.sanitize) and the
importer (importer.links); where a site's folder is served, one rule for the portal's address checks
(portal.claims)."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

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


_WEB = re.compile(r"^(?:(https?):)?(/*)(.*)$", re.IGNORECASE | re.DOTALL)


def on_the_web(value: str) -> list[tuple[str | None, str]]:
    """What an address (entities decoded) may reach as a browser on a page of the site reads it, each
    (None, the rest): on the site itself, a path from the root or relative to the page, query and fragment
    kept; or (host, the path from its root …); none for another scheme (mailto:, data: …). "\\" reads as
    "/". An http(s) address without "//" is the site's own on a page of its scheme (https:../x is ../x,
    https:/x is /x) and a host's on one of the other (https:host/x); with "//" or more, a host's
    (https:///host/, https:\\\\host\\)."""
    url = address_read(value).replace("\\", "/")
    scheme, slashes, rest = _WEB.match(url).groups()  # type: ignore[union-attr]  # (.*) matches any text
    if not scheme and has_scheme(url):
        return []
    if len(slashes) < 2:
        return [(None, slashes + rest)] + ([_on_host(rest)] if scheme and rest else [])
    return [_on_host(rest)]


def _on_host(rest: str) -> tuple[str, str]:
    end = min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))
    path = rest[end:]
    return web_host(rest[:end]), path if path.startswith("/") else f"/{path}"


def web_host(authority: str) -> str:
    """The host of an address's authority as a browser reaches it: no user or port, percent-escapes decoded,
    IDNA's mapping (full-width letters and dots, 。, upper case read as ASCII), no final dot."""
    try:
        host = urlsplit(f"//{authority}").hostname or ""
    except ValueError:  # an unclosed [ of an IPv6 host
        return authority.casefold()
    host = unquote(host)
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:  # a label IDNA 2003 refuses: the browser refuses the address, or reads it as typed
        pass
    return host.casefold().rstrip(".")


_DEFAULT_PORTS = {"http": 80, "https": 443}


def served_at(url: str) -> str:
    """Where a server finds a site's folder address (https://host[:port]/path/), so two spellings of one
    place compare equal: the host as browsers reach it (web_host), its port unless its scheme's default
    (:443 of https is none), the path's escapes decoded, dot segments and repeated slashes resolved as
    servers resolve them. The scheme is dropped (a host serves one folder over http and https); case is
    kept."""
    parts = urlsplit(address_read(url).replace("\\", "/"))
    host = web_host(parts.netloc)
    try:
        port = parts.port
    except ValueError:  # no port a browser reaches: compared as written
        port = None
        host = parts.netloc.casefold()
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    segments: list[str] = []
    for segment in unquote(parts.path).split("/"):
        if segment == "..":
            segments = segments[:-1]
        elif segment not in ("", "."):
            segments.append(segment)
    folder = unquote(parts.path).endswith(("/", "/.", "/..")) or not segments
    return f"{host}/{'/'.join(segments)}{'/' if folder and segments else ''}"
