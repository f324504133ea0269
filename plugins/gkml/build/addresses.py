"""Addresses in a page's raw HTML made the published file's, as MkDocs makes a Markdown link's;
and the last look at a rendered body's addresses before its page is written.

MkDocs rewrites only Markdown links (`![图](图1.png)`) to the address of the file they name;
raw HTML pasted from Word or a CMS (`<img src="图1.png">`) passes through untouched, so its
address named the source folder: wrong under a flattened attachment, and in the offline copy,
where a document's page is doc/<id>.html. `gkml check` judges both forms alike
(gkml.content.body); the build gives both the same address, and refuses a page whose body
still holds an address that reaches nothing the site publishes (a held-back document's file).
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

from mkdocs.structure.files import File, Files

from gkml.content import heldpages
from gkml.content.body import as_browsers_read, outside_code
from gkml.content.heldpages import (
    held_back_message,
    held_back_named,
    held_back_owner,
    located,
    reached_from_root,
    relative_path,
    site_host,
    unpublished_link,
)
from gkml.content.htmlsafety import html_addresses
from gkml.content.problems import Problem
from gkml.content.rootpaths import any_case


def linked_file(path: str, page: File, files: Files) -> File | None:
    """The file of `files` a path relative to `page`'s source names, as MkDocs resolves a Markdown link's."""
    return files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path)))


def published_address(url: str, page: File, files: Files) -> str | None:
    """The address from `page` of the file `url` names (relative to the page's source, as
    MkDocs reads a Markdown link), query and fragment kept; None if it names none of `files`."""
    path = relative_path(url)
    if path is None:
        return None
    target = linked_file(path, page, files)
    if target is None:
        return None
    parts = urlsplit(url)
    return urlunsplit(("", "", target.url_relative_to(page), parts.query, parts.fragment))


def with_published_addresses(markdown: str, page: File, files: Files) -> str:
    """`markdown` with the address of each raw-HTML <a href> and <img src> outside code (as
    `gkml check` reads the body) that names a file of the site made that file's address."""
    if "<" not in markdown:
        return markdown  # the common case: no tag at all
    parts: list[str] = []
    done = 0
    for address in html_addresses(outside_code(markdown)):
        new = published_address(as_browsers_read(address.url), page, files)
        if new is not None:
            parts += [markdown[done:address.start], f'"{html.escape(new)}"']
            done = address.end
    return "".join(parts) + markdown[done:] if parts else markdown


class Unpublished(NamedTuple):
    """An address of a rendered body that reaches no published file."""

    url: str  # as the page holds it (entities decoded)
    target: str | None  # the docs-relative file it names, read from the page's source; None: outside docs_dir
    reached: str  # the site file a browser asks for


def unpublished_addresses(body: str, page: File, published: Collection[str]) -> Iterator[Unpublished]:
    """Each relative <a href> or <img src> of a rendered, sanitised `body` that reaches no file
    of `published` (every output's dest_uri). By now MkDocs has made each Markdown link and
    gkml each raw one the published file's address: what is left names a file that is not."""
    if "href=" not in body and "src=" not in body:
        return
    folder = posixpath.dirname(page.dest_uri)
    for address in html_addresses(body):
        url = as_browsers_read(address.url)
        path = relative_path(url)
        if path is None:
            continue
        reached = posixpath.normpath(posixpath.join(folder, path))
        if path.endswith("/") or path in (".", ".."):
            reached = "index.html" if reached == "." else f"{reached}/index.html"
        if reached not in published:
            source = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
            yield Unpublished(url, None if source.startswith("../") or source == ".." else source, reached)


def held_back_page(url: str, page: File, hidden: Mapping[str, str], host: str) -> str | None:
    """The file of the held-back document whose page or a file beside it `url` on `page` names
    (gkml.content.heldpages.held_back_page), or None. `host`: site_url's host, lower case."""
    return heldpages.held_back_page(url, page.dest_uri, hidden, host)


def page_problems(body: str, page: File, published: Collection[str], *, is_document: bool, catalogue_dir: str,
                  prefix: str, exists: Callable[[str], bool], hidden: Mapping[str, str],
                  site_url: str = "") -> tuple[list[Problem], list[Problem]]:
    """The errors and warnings of a rendered body's addresses that reach no published file. An
    address that names a file of the docs folder the site does not publish (a held-back
    document's source or attachment, `exists`), a held-back document's page (`hidden`: page_key ->
    their files; its address would show the index number) or, from a guide page, anything of the catalogue
    folder is an error; one that reaches nothing at all is a dead link, a warning, as MkDocs warns
    of a Markdown link (the audit counts it). `prefix`: the docs folder as the editor sees it."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    catalogue = catalogue_dir.strip("/") + "/"
    source: str | None = None
    for address in unpublished_addresses(body, page, published):
        source = page.content_string if source is None else source
        where = (f"{prefix}{page.src_uri}", *located(source, address.url), None)
        held = held_back_owner(address.reached, hidden)
        named = (held_back_named(prefix + held) if held
                 else f"{prefix}{address.target}" if address.target else "内容目录以外的文件")
        leaks = held is not None or (address.target is not None and exists(address.target))
        if (is_document and leaks) or (not is_document and (leaks or (address.target or "").startswith(catalogue))):
            errors.append(Problem(*where, *unpublished_link(address.url, named, is_document=is_document)))
        else:
            warnings.append(Problem(*where, "link-missing", f"链接的页面或文件不存在：{address.url}"))
    errors += _held_back_pages(body, page, hidden, prefix, site_host(site_url))
    errors += _docs_files_from_root(body, page, published, exists, prefix, site_host(site_url))
    return errors, warnings


def _held_back_pages(body: str, page: File, hidden: Mapping[str, str], prefix: str, host: str) -> list[Problem]:
    """An address from the server's root or on the site's own host that names a held-back
    document's page: unpublished_addresses reads relative addresses only, but this one shows
    the index number all the same (/doc/002986620-202003-00013/)."""
    if not hidden or ("href=" not in body and "src=" not in body):
        return []
    problems = []
    for address in html_addresses(body):
        url = as_browsers_read(address.url)
        # a relative address is unpublished_addresses' to tell
        held = next((owner for dest in reached_from_root(url, host) if (owner := held_back_owner(dest, hidden))), None)
        if held is not None:
            where = (f"{prefix}{page.src_uri}", *located(page.content_string, url), None)
            problems.append(Problem(*where, "link-unpublished", held_back_message(url, prefix + held)))
    return problems


def _docs_files_from_root(body: str, page: File, published: Collection[str], exists: Callable[[str], bool],
                          prefix: str, host: str) -> list[Problem]:
    """An address from the server's root or on the site's own host that names a file of the docs
    folder below the site's folder (/gkml/catalogue/fgwj/files/s.pdf): the check reads such an
    address from the docs folder only (/catalogue/…), but the page shows the file's name and path
    all the same, a held-back document's too. One that reaches a published file is left alone."""
    if "href=" not in body and "src=" not in body:
        return []
    problems = []
    for address in html_addresses(body):
        url = as_browsers_read(address.url)
        reached = reached_from_root(url, host)  # none for a relative address
        if any(path in published for path in reached):
            continue
        # as the check reads it (gkml.content.bodyrules): a server on Windows serves any case
        named = (next((path for path in reached if exists(path)), None)
                 or next((path for path in reached if exists(any_case(path))), None))
        if named is not None:
            where = (f"{prefix}{page.src_uri}", *located(page.content_string, url), None)
            problems.append(Problem(*where, "link-unpublished",
                                    f"链接的 {url} 指向内容目录中的源文件 {prefix}{named}：网站不在这个地址发布它，"
                                    "网页上会出现它的路径和名称。请删除这个链接；正文只能用相对于本文件的路径链接"
                                    "属性区 attachments 中列出的附件。"))
    return problems
