"""A body's address that names a held-back document's page or a file beside it: the one reading
`gkml check` (from the Markdown, gkml.build.gate) and the build's last look at a rendered page
(gkml.build.addresses) share. Relative to the page, from the server's root (/gkml/doc/<id>/) or
in full on the site's own host in any spelling a browser reads as it (gkml.webaddress.on_the_web):
each shows the index number of a document that is not published.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from gkml.content.body import located_addresses
from gkml.content.problems import Problem
from gkml.content.rootpaths import root_paths, served_path
from gkml.webaddress import on_the_web, web_host


def site_host(site_url: str | None) -> str:
    """site_url's host as a browser reaches it (gkml.webaddress.web_host): lower case, no user, port or final dot."""
    return web_host(urlsplit(site_url or "").netloc)


def page_key(dest: str) -> str:
    """A page's address in the one spelling `hidden` is keyed by: servers on Windows answer any
    case (/DOC/…), and the offline copy and a site without directory URLs name doc/<id>.html;
    each spelling shows the index number all the same, as does one a server reads as it
    (doc/<id>;jsessionid=1/, doc/<id>./: gkml.content.rootpaths)."""
    key = posixpath.normpath(served_path(dest)).lower()  # doc/x/..;/<id>/: climbed as Tomcat climbs it
    for end in ("/index.html", ".html", "/"):
        if key.endswith(end):
            return key[:-len(end)]
    return key


def held_back_owner(dest: str, hidden: Mapping[str, str]) -> str | None:
    """The file of the held-back document whose page is `dest` or whose page's folder holds it
    (doc/<id>/附件.pdf: its attachment would have been published there), or None."""
    parts = page_key(dest).split("/")
    return next((hidden[key] for end in range(len(parts), 0, -1) if (key := "/".join(parts[:end])) in hidden), None)


def relative_path(url: str) -> str | None:
    """The path of an address relative to its page, or None: a full address, an absolute
    path, a page's own anchor or query. Read as a browser reads it (gkml.webaddress.on_the_web):
    "\\" as "/" (..\\doc\\<id>\\ is ../doc/<id>/), https:../doc/<id>/ as ../doc/<id>/."""
    own = next((rest for host, rest in on_the_web(url) if host is None), None)
    path = urlsplit(own).path if own is not None else ""
    if not path or path.startswith("/"):
        return None
    return unquote(path).replace("\\", "/")


def reached_from_root(url: str, host: str) -> list[str]:
    """The site files an address written from the server's root (/gkml/doc/…) or in full on the
    site's own host (`host`: site_host) may reach: its path below each of its folders, as the site
    may be served below any of them (a folder's address is its index.html, and the server adds a missing "/")."""
    paths = [urlsplit(rest).path for found, rest in on_the_web(url) if found is None or (host and found == host)]
    return [reached for path in paths if path.startswith("/")
            for tail in root_paths(path) for reached in (tail, f"{tail}/index.html")]


def held_back_page(url: str, dest: str, hidden: Mapping[str, str], host: str) -> str | None:
    """The file of the held-back document whose page or a file beside it `url` (as a browser reads it)
    on the page written to `dest` names (`hidden`: their pages' page_key -> their files), or None."""
    path = relative_path(url)  # https:x/ is relative on a page of its scheme, x's on another's: both are asked
    reached = [] if path is None else [posixpath.normpath(posixpath.join(posixpath.dirname(dest), path))]
    reached += reached_from_root(url, host)
    return next((held for found in reached if (held := held_back_owner(found, hidden)) is not None), None)


def held_back_message(url: str, held: str) -> str:
    """An address from the root or on the site's own host naming `held`'s page (`held`: its file, as shown)."""
    return (f"链接的 {url} 是暂不发布的文件 {held} 的页面或附件，这个地址（其中有它的索引号）"
            "不能出现在网站上。请删除这个链接。")


def held_back_named(held: str) -> str:
    return f"暂不发布的文件 {held} 的页面或附件"


def unpublished_link(url: str, named: str, *, is_document: bool) -> tuple[str, str]:
    """(code, message) of a relative address on a page that reaches no published file (`named`: what it names)."""
    if is_document:
        return ("link-unpublished", (f"正文链接的 {url} 不是网站发布的文件（{named}），这个地址不能出现在网页上。"
                                     "正文只能链接本文件属性区 attachments 中列出的附件；请删除这个链接，或把文件列入附件。"))
    return "page-links-unpublished", f"页面链接的文件 {url} 不会发布（{named}），它的名称也不能出现在网站上。请删除这个链接。"


def located(source: str, url: str, line: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of `url` in a page's source file, as written or with its
    characters escaped, from its link's line (0-based `line`) on: the same address twice is told
    twice where each is; 1, 1 when the source spells it otherwise."""
    start = 0
    for _ in range(line):
        start = source.find("\n", start) + 1 or len(source)
    for spelling in (url, html.escape(url), html.escape(url, quote=False)):
        # where the address starts, not inside a longer one (/doc/x/ in /gkml/doc/x/)
        pattern = re.compile(r"""(?:^|(?<=[\s"'(<=]))""" + re.escape(spelling), re.MULTILINE)
        found = pattern.search(source, start) or re.compile(re.escape(spelling)).search(source, start) \
            or pattern.search(source) or re.search(re.escape(spelling), source)
        if found:
            offset = found.start()
            return source.count("\n", 0, offset) + 1, offset - (source.rfind("\n", 0, offset) + 1) + 1
    return 1, 1


class HeldPages(NamedTuple):
    """The pages of the held-back documents (page_key -> their files) and the site's host (site_host)."""

    hidden: Mapping[str, str]
    host: str


def held_back_links(path: str, targets: Sequence[str], body: Callable[[], str], body_line: int, dest: str,
                    held: HeldPages, prefix: str = "", *, is_document: bool) -> list[Problem]:
    """Each link of a page's Markdown body (outside code; its first line the file's `body_line`) written
    to `dest` that names a held-back document's page or a file beside it, told and located as the build
    tells the rendered page. `targets`: the body's key_addresses (gkml.content.body.LinkTargets, kept by
    its bytes); the body is read only when one names such a page, to say where."""
    if not held.hidden or not any(held_back_page(url, dest, held.hidden, held.host) for url in targets):
        return []
    text = body()
    problems = []
    for number, _col, url in located_addresses(text):
        relative = relative_path(url)
        reached = posixpath.normpath(posixpath.join(posixpath.dirname(dest), relative)) if relative else None
        if reached is not None and (owner := held_back_owner(reached, held.hidden)) is not None:
            told = unpublished_link(url, held_back_named(prefix + owner), is_document=is_document)
        elif (owner := next(filter(None, (held_back_owner(found, held.hidden)
                                          for found in reached_from_root(url, held.host))), None)) is not None:
            told = ("link-unpublished", held_back_message(url, prefix + owner))
        else:
            continue
        line, col = located(text, url, number)
        problems.append(Problem(path, body_line - 1 + line, col, None, *told))
    return problems
