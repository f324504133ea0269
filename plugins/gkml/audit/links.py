"""Links on built pages: internal ones that lead nowhere, and plain-http ones."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

# an internal link to a file with one of these endings is an attachment, not a page
PAGE_SUFFIXES = ("", ".html", ".htm")
_SKIPPED_SCHEMES = ("mailto", "tel", "javascript", "data", "about", "blob")


def is_plain_http(url: str) -> bool:
    return url[:7].lower() == "http://"


def internal_target(page: str, url: str, base_path: str = "/") -> str | None:
    """The site-relative file a link on `page` (a site-relative path such as
    'doc/x/index.html') points to, or None when it leaves the site or is not a file
    link. A link climbing above the site root resolves to '../…' (always missing)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("#") or not (parts.path or "").strip():
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        prefix = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        if not path.startswith(prefix) and path + "/" != prefix:
            return "../" + path.lstrip("/")  # outside the deployed folder
        path = path[len(prefix):]
        joined = path
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(joined) if joined else "."
    if path.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return target


def resolves(target: str, exists: Callable[[str], bool], is_dir: Callable[[str], bool]) -> bool:
    if target.startswith("../") or target == "..":
        return False
    if exists(target):
        return True
    return is_dir(target) and exists(posixpath.join(target, "index.html"))


def is_attachment(target: str) -> bool:
    return posixpath.splitext(target)[1].lower() not in PAGE_SUFFIXES


def skipped_scheme(url: str) -> bool:
    return urlsplit(url).scheme.lower() in _SKIPPED_SCHEMES
