"""Rules on a document's body: what `gkml new` left in it, links to files, Word's indents."""

from __future__ import annotations

import bisect
import html
import itertools
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import unquote

from gkml.content.corrections import PLACEHOLDER, word_indented_lines
from gkml.content.htmlsafety import fenced_blocks, html_addresses
from gkml.content.indented import indented_code
from gkml.content.problems import Problem
from gkml.profile.types import BIDI


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


def body_problems(path: str, body: str, body_line: int, meta: Mapping[str, Any],
                  exists: Callable[[str], bool]) -> list[Problem]:
    """What the body still holds of `gkml new`'s skeleton, links to files that will not be
    on the site, and lines Word indented with a tab. `body_line`: the body's first line."""
    problems: list[Problem] = _bidi_problems(path, body, body_line)
    if PLACEHOLDER not in body and "](" not in body and "]:" not in body and "\t" not in body and "<" not in body:
        return problems  # the common case, kept cheap: gkml check reads every document
    lines = body.split("\n")
    if meta.get("draft") is not True and PLACEHOLDER in body:
        for number, line in enumerate(lines):
            if PLACEHOLDER in line:
                problems.append(Problem(path, body_line + number, line.index(PLACEHOLDER) + 1, None,
                                    "placeholder", f"正文仍是 gkml new 写入的占位文字“{PLACEHOLDER}……”。"
                                    "请填写正文并删除这句话；未写完的文件请保留 draft: true。"))
    problems.extend(_link_problems(path, lines, body_line, meta, exists))
    for number in word_indented_lines(lines):
        problems.append(Problem(path, body_line + number, 1, None, "tab-indent",
                                "正文这一行以制表符（Tab）开头，网页上会显示成灰色代码框；请删除行首的 Tab"
                                "（gkml fix 可自动删除）。"))
    return problems



def _bidi_problems(path: str, body: str, body_line: int) -> list[Problem]:
    """A bidirectional control shows nothing, but the text after it is shown turned around."""
    problems = []
    for match in BIDI.finditer(body):
        line = body.count("\n", 0, match.start())
        col = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(Problem(path, body_line + line, col, None, "bidi-control",
                                f"正文这里有一个看不见的双向文字控制符 U+{ord(match.group()):04X}，"
                                "它会让后面的文字（如文号、金额）在网页上倒过来显示，与文件中的文字不同。"
                                "可运行 gkml fix 删除它；删除后这一行按文件中文字的实际先后显示，请核对。"))
    return problems


# An inline code span, as Python-Markdown pairs them: equal backtick runs within one block
# (it may run over lines, never over a blank one); what is inside is text, not a link.
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)


def _without_code_spans(body: str) -> str:
    """The body with every code span's content blanked (lines and columns kept)."""
    return _CODE_SPAN.sub(lambda m: m.group(1) + re.sub(r"[^\n]", " ", m.group(2)) + m.group(1), body)


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
_DATA = re.compile(r"^data:(?!text/html)", re.IGNORECASE)


def outside_code(body: str) -> str:
    """The body with fenced and indented code blocks and code spans blanked (lines and columns kept).
    A fence is one where Python-Markdown's fenced_code finds one (gkml.content.htmlsafety): after an
    unclosed, indented or mismatched "fence" the links are live on the page."""
    parts: list[str] = []
    done = 0
    fences = fenced_blocks(body)
    for start, end in sorted([*fences, *indented_code(body, fences)]):
        parts += [body[done:start], re.sub(r"[^\n]", " ", body[start:end])]
        done = end
    return _without_code_spans("".join(parts) + body[done:])


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


# A browser drops tabs and line breaks from a URL, and spaces and controls around it
# (href=" ../x.md" is ../x.md): the address it asks for, not the characters written.
_URL_DROPPED = re.compile(r"[\t\n\r]")


def as_browsers_read(url: str) -> str:
    return _URL_DROPPED.sub("", html.unescape(url)).strip("".join(map(chr, range(0x21))))


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
    """(offset, address as written) of each link of `text` (code blanked), in order; `raw_html`:
    <a href>, <img src> too."""
    found = [*_inline_links(text), *((m.start(), _url(m)) for m in _REFERENCE.finditer(text))]
    if raw_html:  # the links raw HTML keeps on a page (htmlsafety.ADDRESS_ATTRIBUTES)
        found += [(address.tag, address.url) for address in html_addresses(text)]
    return sorted(found)


def _file_links(lines: list[str], folder: str, *, raw_html: bool = False) -> Iterator[FileLink]:
    """Each link to a file, outside code; `raw_html`: <a href>, <img src> too."""
    text = outside_code("\n".join(lines))
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    for offset, written in _addresses(text, raw_html=raw_html):
        url = as_browsers_read(written)
        target = unquote(url.split("#", 1)[0].split("?", 1)[0])
        absolute = url.startswith("/") and not url.startswith("//")
        number = bisect.bisect_right(starts, offset) - 1
        if _ON_DISK.match(url) or _DATA.match(url):
            yield FileLink(number, offset - starts[number] + 1, url, target, None, False, local=True)
            continue
        if not _is_file_address(url, target, absolute):
            continue  # addresses, anchors and scripts (htmlsafety's concern) are not files
        linked = join_relative("", target.lstrip("/")) if absolute else join_relative(folder, target)
        yield FileLink(number, offset - starts[number] + 1, url, target, linked, absolute)


def _is_file_address(url: str, target: str, absolute: bool) -> bool:
    return bool(target) and not (_NOT_A_FILE.match(url) and not absolute) and ":" not in target \
        and not target.endswith("/")


def link_targets(body: str) -> list[str]:
    """The files a body links, relative to it as written (Markdown links, raw <a href> and
    <img src>, outside code): what a page's address depends on. A function of the body alone,
    so the build keeps it by the file's bytes (gkml.build.memos.LinkTargets)."""
    if "](" not in body and "]:" not in body and "<" not in body:
        return []  # no link at all: the common case
    return [link.target for link in _file_links(body.split("\n"), "", raw_html=True)
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
        target = unquote(url.split("#", 1)[0].split("?", 1)[0])
        absolute = url.startswith("/") and not url.startswith("//")
        if target and not _ON_DISK.match(url) and not _DATA.match(url) \
                and (absolute or not _is_file_address(url, target, absolute)):
            found.append(url)
    return found


def key_addresses(body: str) -> list[str]:
    """What a document page's key holds of its body's links: the files it links (link_targets),
    then the addresses that name no file (page_addresses)."""
    return [*link_targets(body), *page_addresses(body)]


def _link_problems(path: str, lines: list[str], body_line: int, meta: Mapping[str, Any],
                   exists: Callable[[str], bool]) -> list[Problem]:
    """Body links to files next to the document: the file must exist and be an attachment,
    the only way a file reaches the site. A document's own file is never a link target: its
    page is at its index number, and the file may be held back (the link would name it)."""
    problems: list[Problem] = []
    attached = {a.file for a in meta.get("attachments", ())}
    for number, column, url, target, linked, absolute, local in _file_links(lines, _folder(path), raw_html=True):
        where = (path, body_line + number, column, None)
        if local and _DATA.match(url):
            problems.append(Problem(*where, "link-local", _data_message(url)))
        elif local:  # C:\…, \\server\…, file:///…: Word puts its pasted pictures there
            problems.append(Problem(*where, "link-path", f"正文链接的路径“{url}”无效：{path_advice(target)}。"
                                    "（地址指向编辑者电脑上的文件，从 Word 等处粘贴图片时常见：请把图片另存到本文件旁，"
                                    "列入属性区 attachments。）"))
        elif target.lower().endswith((".md", ".markdown")):
            problems.append(Problem(*where, "link-document",
                                    f"正文不能链接公开目录中的源文件：{url}。文件之间的关系请在属性区填写"
                                    f"（superseded_by 替代文件、interprets 解读对象）；正文中请写出文件名称和文号。"))
        elif absolute:  # a site address (/doc/…) is not judged; a source file's path never is one
            if linked is not None and exists(linked):
                problems.append(Problem(*where, "link-absolute", _absolute_message(url, linked, _folder(path))))
        elif linked is None:
            problems.append(Problem(*where, "link-path", f"正文链接的路径“{url}”无效：{path_advice(target)}。"))
        elif not exists(linked):
            problems.append(Problem(*where, "link-missing", f"正文链接的文件不存在：{url}（网站上文件名区分大小写）",
                                    subject=linked))
        elif linked not in attached:
            problems.append(Problem(*where, "link-not-attached",
                                    f"正文链接的文件 {url} 没有列入附件，网站上不会有这个文件。请在属性区 attachments 中"
                                    f"加上一项 {{file: {target}, title: 附件名称}}。"))
    return problems


def _data_message(url: str) -> str:
    shown = url if len(url) <= 60 else url[:60] + "…"
    return (f"正文中的图片直接写在地址中（{shown}，从 Word 等处粘贴时常见），网站不显示这样的地址，读者只会看到空白。"
            "请把文件另存后放在本文件旁、列入属性区 attachments，再写相对于本文件的路径。")


def _absolute_message(url: str, linked: str, folder: str) -> str:
    return (f"正文中以 / 开头的地址 {url} 指向内容目录中的源文件：它不会换成发布后的网址，网页上会出现源文件的路径，"
            f"离线查阅版和子路径下的网站也打不开。请写相对于本文件的路径（{posixpath.relpath(linked, folder or '.')}），"
            "并把文件列入属性区 attachments。")


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
    prefix = catalogue_dir.strip("/") + "/"
    return [CatalogueLink(path, body_line + link.number, link.col, link.url, link.linked, link.absolute)
            for link in _file_links(body.split("\n"), _folder(path), raw_html=True)
            if link.linked is not None and link.linked.startswith(prefix)]


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""
