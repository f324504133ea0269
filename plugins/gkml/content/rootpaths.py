"""Where an address written from the server's root (/gkml/catalogue/fgwj/a.pdf, /doc/<id>/) may
lead, read as servers read it: the one rule `gkml check` (a body's link to a docs file) and the
build (a held-back document's page or file, gkml.build.addresses) share.

The site may be served below any folder (/gkml/, /xxgk/gkml/), so each tail of the path is a
place it may name. A server reads a segment as Tomcat and Jetty do (/doc/<id>;jsessionid=1/ is
/doc/<id>/, /doc/x/..;/<id>/ too) and as a Windows server does (a trailing dot or space is dropped, any case); a browser
climbs a `..` before it asks (/doc/x/../<id>/ is /doc/<id>/). Each spelling shows the same name.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from urllib.parse import unquote

# the query "is there a file of this path, in any letter case": a server on Windows serves
# /gkml/CATALOGUE/… as /gkml/catalogue/…, and no path starts with a NUL
_ANY_CASE = "\0"


def any_case(path: str) -> str:
    return _ANY_CASE + path.casefold()


def answering(files: Collection[str], any_case_of: Collection[str] | None = None) -> Callable[[str], bool]:
    """Whether a docs-relative path is one of `files`, asked as written, or by any_case(path) one
    of `any_case_of` (default: `files`; the build's: the files the site never serves at their path)."""
    folded: set[str] | None = None

    def exists(query: str) -> bool:
        nonlocal folded
        if not query.startswith(_ANY_CASE):
            return query in files
        if folded is None:  # made once, when the first link from the root is asked of
            folded = {path.casefold() for path in (files if any_case_of is None else any_case_of)}
        return query[1:] in folded
    return exists


def served_segment(segment: str) -> str:
    """One segment of a path as the server reads it: its ;parameters and trailing dots and spaces dropped.
    A browser climbs only a bare `..`; Tomcat and Jetty climb `..;x` too, its parameter dropped."""
    bare = segment.split(";", 1)[0]
    return bare if bare in (".", "..") else bare.rstrip(". ")


def served_path(path: str) -> str:
    """A site path (no leading "/") with each segment as the server reads it."""
    return "/".join(served_segment(segment) for segment in path.split("/"))


def root_paths(path: str) -> list[str]:
    """The paths below the site's folder that an address's path from the server's root
    (percent-escapes as written) may name, longest first: each tail of it, climbed and served."""
    segments: list[str] = []
    for segment in unquote(path).replace("\\", "/").split("/"):
        if (served := served_segment(segment)) == "..":
            segments = segments[:-1]
        elif served not in ("", "."):
            segments.append(served)
    return ["/".join(segments[start:]) for start in range(len(segments))]
