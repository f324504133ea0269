"""A document body's links: the files and pages it links, outside code, as browsers read them;
the paths a document writes, resolved or told why they are no place on the site.

The check (content.bodyrules), the build's page keys and the held-back pages all read a
body's links from here, so each finds the same ones.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

from gkml.catalogue.document import Document
from gkml.content.htmlsafety import AUTOLINK, html_addresses, visible
from gkml.content.rootpaths import root_paths
from gkml.memo import Memo
from gkml.webaddress import address_read


def join_relative(folder: str, relative: str) -> str | None:
    """Resolve a document-relative path; None if it escapes the docs dir or is absolute."""
    if relative.startswith("/") or "\\" in relative or "://" in relative:
        return None
    parts = [p for p in folder.split("/") if p]
    for part in relative.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


# a place on the editor's computer or a shared drive: C:\…, D:/…, \\server\…, file:///…
_ON_DISK = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|file:)", re.IGNORECASE)


def path_advice(written: str) -> str:
    """Why `written`, a file a document names, is no place on the site, and what to write instead."""
    if not written:
        return "没有写文件名"
    if _ON_DISK.match(written):
        return ("这是本机（或共享盘）上的位置，网站上没有。请把文件复制到本文件所在的文件夹（或其中的子文件夹），"
                "只写相对于本文件的路径，例如 附件.pdf")
    if "://" in written:
        return "这里要写随本文件保存的文件，不能写网址。请把文件下载后放在本文件旁，只写文件名"
    if "\\" in written:
        slashed = written.replace("\\", "/")
        return f"路径中的“\\”是 Windows 的写法，网站上要用“/”，请改为：{slashed}"
    if written.startswith("/"):
        return "路径不能以“/”开头：必须是相对于本文件、位于内容目录之内的路径，例如 附件.pdf 或 files/附件.pdf"
    return "路径跑出了内容目录（“..”太多）：必须是相对于本文件、位于内容目录之内的路径，可以在子文件夹中"


# A destination in <…> may hold spaces (CommonMark; Python-Markdown renders it): `[表](<附件 一.pdf>)`.
# Python-Markdown also takes a bare destination with spaces, up to a title in quotes: `[表](附件 一.pdf)`.
_DESTINATION = re.compile(r"\(\s*(?:<([^<>\n]+)>|([^)\s>]+(?: [^)\s>\"']+)*))")
# What pairs a link's brackets: an escaped character, a bracket, or a blank line (a link ends with its paragraph).
_BRACKET = re.compile(r"\\.|\[|\]|\n[ \t]*\n", re.DOTALL)
# A reference definition as Python-Markdown's ReferenceProcessor reads one: the destination may be on
# the next line, and nothing but a title may follow it (`[注]: 说明 文字` is a paragraph). `[^1]: …` is a
# footnote (the footnotes extension), whatever its text: never a file.
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\[\]\n]*\]:[ \t]*(?:\n[ \t]*)?(?:<([^<>\n]+)>|([^\s>]+))"
                        r"[ ]*(?:\n[ ]*)?(?:([\"']).*\3[ ]*|\(.*\)[ ]*)?$", re.MULTILINE)
_NOT_A_FILE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|#|/)")
# A picture written into its address (data:image/…, as Word pastes one); data:text/html is a script (htmlsafety)
DATA_URL = re.compile(r"^data:(?!text/html)", re.IGNORECASE)


def outside_code(body: str) -> str:
    """The body with fenced and indented code blocks and code spans blanked (lines and columns kept),
    as Python-Markdown reads them (gkml.content.htmlsafety.visible)."""
    return visible(body)


def _inline_links(text: str) -> Iterator[tuple[int, str]]:
    """(offset of its "[" or "![", destination) of each inline link, its text over lines or
    holding brackets ([甲\n乙](x), [a [b] c](x)) as Python-Markdown reads it. Linear: a "]"
    inside a destination already read is part of that address."""
    opened: list[int] = []
    read_to = 0
    for mark in _BRACKET.finditer(text):
        if mark.start() < read_to:
            continue
        if mark.group() == "[":
            opened.append(mark.start())
        elif mark.group() == "]":
            destination = _DESTINATION.match(text, mark.end()) if opened else None
            start = opened.pop() if opened else 0
            if destination:
                read_to = destination.end()
                yield (start - 1 if start and text[start - 1] == "!" else start), _url(destination)
        elif mark.group().startswith("\n"):
            opened.clear()


def as_browsers_read(url: str) -> str:
    """A body's address (its entities as written) as the browser asks for it (href=" ../x.md" is ../x.md)."""
    return address_read(html.unescape(url))


def _url(match: re.Match[str]) -> str:
    return next((group for group in match.groups() if group is not None), "")


class FileLink(NamedTuple):
    """A body's link to a file: where it is, the address as a browser reads it, its path, the
    docs-relative file or None when it escapes, and whether it starts with "/" (read from the
    docs folder: nothing makes such an address the published file's, on any page)."""

    number: int  # line index in the body
    col: int
    url: str
    target: str
    linked: str | None
    absolute: bool
    local: bool = False  # on the editor's disk or data: (Word's pasted images): the sanitiser drops it, the reader sees nothing


def _addresses(text: str, *, raw_html: bool) -> list[tuple[int, str]]:
    """(offset, address as written) of each link of `text` (code blanked), in order, an autolink's
    (<https://…>) too; `raw_html`: <a href>, <img src> too."""
    found = [*_inline_links(text), *((m.start(), _url(m)) for m in _REFERENCE.finditer(text)),
             *((m.start(), m.group(1)) for m in AUTOLINK.finditer(text) if not _is_destination(text, m.start()))]
    if raw_html:  # the links raw HTML keeps on a page (htmlsafety.ADDRESS_ATTRIBUTES)
        found += [(address.tag, address.url) for address in html_addresses(text)]
    return sorted(found)


def _located(lines: list[str], *, raw_html: bool) -> Iterator[tuple[int, int, str]]:
    text = outside_code("\n".join(lines))
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    for offset, written in _addresses(text, raw_html=raw_html):
        number = bisect.bisect_right(starts, offset) - 1
        yield number, offset - starts[number] + 1, as_browsers_read(written)


def located_addresses(body: str) -> Iterator[tuple[int, int, str]]:
    """(line index in the body, column, address as a browser reads it) of each link of a body,
    outside code: Markdown links and references, raw <a href> and <img src>."""
    return _located(body.split("\n"), raw_html=True)


def address_spans(body: str) -> list[tuple[int, int, str]]:
    """(start, end, address as a browser reads it) of each link's address as the body writes it,
    outside code: what the link rules read (gkml.content.heldpages), not text."""
    if "](" not in body and "]:" not in body and "<" not in body:
        return []
    text = outside_code(body)
    spans = []
    for offset, written in _addresses(text, raw_html=True):
        if written and (start := text.find(written, offset)) >= 0:
            spans.append((start, start + len(written), as_browsers_read(written)))
    return spans


def _is_destination(text: str, start: int) -> bool:
    """Whether the <…> at `start` is a link's destination ([表](<https://…>), [r]: <https://…>), no autolink."""
    before = text[max(0, start - 200):start].rstrip(" \t\n")
    return before.endswith(("(", "]:"))


def file_links(lines: list[str], folder: str, *, raw_html: bool = False) -> Iterator[FileLink]:
    """Each link to a file, outside code; `raw_html`: <a href>, <img src> too."""
    for number, col, url in _located(lines, raw_html=raw_html):
        target = unquote(path_of(url))
        absolute = url.startswith("/") and not url.startswith("//")
        if _ON_DISK.match(url) or DATA_URL.match(url):
            yield FileLink(number, col, url, target, None, False, local=True)
            continue
        if not _is_file_address(url, target, absolute):
            continue  # addresses, anchors and scripts (htmlsafety's concern) are not files
        linked = join_relative("", target.lstrip("/")) if absolute else join_relative(folder, target)
        yield FileLink(number, col, url, target, linked, absolute)


def _is_file_address(url: str, target: str, absolute: bool) -> bool:
    return bool(target) and not (_NOT_A_FILE.match(url) and not absolute) and ":" not in target \
        and not target.endswith("/")


def link_targets(body: str) -> list[str]:
    """The files a body links, relative to it as written (Markdown links, raw <a href> and
    <img src>, outside code): what a page's address depends on. A function of the body alone,
    so the build and the check keep it by the file's bytes (LinkTargets)."""
    if "](" not in body and "]:" not in body and "<" not in body:
        return []  # no link at all: the common case
    return [link.target for link in file_links(body.split("\n"), "", raw_html=True)
            if not link.absolute and not link.local]


def page_addresses(body: str) -> list[str]:
    """The addresses of a body's links that name no file, as a browser reads them: a page's
    (../002986620-202003-00013/), from the server's root (/doc/…) or in full (https://…). One
    may name a document's page, which is published or not as that document is: what its page's
    key depends on besides its files (gkml.build.incremental)."""
    if "](" not in body and "]:" not in body and "<" not in body:
        return []
    found = []
    for _, written in _addresses(outside_code(body), raw_html=True):
        url = as_browsers_read(written)
        target = unquote(path_of(url))
        absolute = url.startswith("/") and not url.startswith("//")
        if target and not _ON_DISK.match(url) and not DATA_URL.match(url) \
                and (absolute or not _is_file_address(url, target, absolute)):
            found.append(url)
    return found


def key_addresses(body: str) -> list[str]:
    """What a document page's key holds of its body's links: the files it links (link_targets),
    then the addresses that name no file (page_addresses)."""
    return [*link_targets(body), *page_addresses(body)]


class CatalogueLink(NamedTuple):
    """A page's link to a file of the catalogue folder (docs-relative `target`)."""

    path: str
    line: int
    col: int
    url: str
    target: str
    absolute: bool = False  # written from the docs folder (/catalogue/…): never made the file's address


def catalogue_links(path: str, body: str, body_line: int, catalogue_dir: str) -> list[CatalogueLink]:
    """The links of a page the configuration names (公开指南 …) to files of the catalogue folder,
    in Markdown or raw HTML: each must be a published document or its attachment
    (gkml.content.heldback), or the page would name a file that is held back."""
    prefix = catalogue_dir.strip("/").casefold() + "/"  # /gkml/CATALOGUE/…: a server on Windows serves any case
    found = []
    for link in file_links(body.split("\n"), folder_of(path), raw_html=True):
        named = [link.linked] if not link.absolute else root_paths(path_of(link.url))  # /gkml/catalogue/… too
        if (target := next((p for p in named if p is not None and p.casefold().startswith(prefix)), None)) is not None:
            found.append(CatalogueLink(path, body_line + link.number, link.col, link.url, target, link.absolute))
    return found


def path_of(url: str) -> str:
    """An address's path: its fragment and query cut off."""
    return url.split("#", 1)[0].split("?", 1)[0]


def folder_of(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


class LinkTargets:
    """The link targets of each document's body (gkml.content.body.key_addresses: the files it
    links, then its addresses of pages), which its page's key holds, kept across builds by the
    document's bytes: when the document keys are all made again (a front matter changed), no
    body is read for them."""

    def __init__(self, memo: Memo | None, sources: Mapping[str, str],
                 read: Callable[[Document], list[str]] | None = None) -> None:
        """`read`: what is kept of a document instead of its body's key_addresses (the index numbers it
        writes: gkml.content.heldnumbers.written_numbers)."""
        self.memo, self.sources = memo, sources
        self.read = read or (lambda doc: key_addresses(doc.body))

    def __call__(self, doc: Document) -> list[str]:
        source = self.sources.get(doc.src_path)
        found = self.memo.get(source) if self.memo is not None and source else None
        if found is not None:
            return found.split("\n") if found else []
        targets = self.read(doc)
        if self.memo is not None and source:
            # a file name holds no line break (content.filenames), an address as read none either
            self.memo.put(source, "\n".join(targets))
        return targets

    def save(self, *, prune: bool) -> None:
        if self.memo is not None:
            self.memo.save(lazily=True, prune=prune)


def link_targets_of(cache_dir: Path, fingerprint: str, sources: Mapping[str, str]) -> LinkTargets:
    return LinkTargets(Memo(cache_dir / "memo-link-targets.json", fingerprint), sources)
