"""Rules on a document's body: what `gkml new` left in it, links to files, Word's indents."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import unquote

from gkml.content.corrections import PLACEHOLDER, word_indented_lines
from gkml.content.problems import Problem


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
_LOCAL = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|file:)", re.IGNORECASE)


def path_advice(written: str) -> str:
    """Why `written`, a file a document names, is no place on the site, and what to write instead."""
    if not written:
        return "没有写文件名"
    if _LOCAL.match(written):
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
    problems: list[Problem] = []
    if PLACEHOLDER not in body and "](" not in body and "]:" not in body and "\t" not in body:
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


# An inline code span, as Python-Markdown pairs them: equal backtick runs within one block
# (it may run over lines, never over a blank one); what is inside is text, not a link.
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)


def _without_code_spans(body: str) -> str:
    """The body with every code span's content blanked (lines and columns kept)."""
    return _CODE_SPAN.sub(lambda m: m.group(1) + re.sub(r"[^\n]", " ", m.group(2)) + m.group(1), body)


# A destination in <…> may hold spaces (CommonMark; Python-Markdown renders it): `[表](<附件 一.pdf>)`.
# Python-Markdown also takes a bare destination with spaces, up to a title in quotes: `[表](附件 一.pdf)`.
_BODY_LINK = re.compile(r"!?\[[^\]]*\]\(\s*(?:<([^<>\n]+)>|([^)\s>]+(?: [^)\s>\"']+)*))"
                        r"|^\s{0,3}\[[^\]]+\]:\s*(?:<([^<>\n]+)>|([^\s>]+))")
_HTML_LINK = re.compile(r"""<(?:a|img|link|source|embed|object)\b[^>]*?\s(?:href|src|data)\s*=\s*["']?([^"'\s>]+)""",
                        re.IGNORECASE)
_NOT_A_FILE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|#|/)")


def _file_links(lines: list[str], folder: str, *, raw_html: bool = False
                ) -> Iterator[tuple[int, int, str, str, str | None]]:
    """(line index, column, url as written, its path, the docs-relative file or None when it
    escapes) of each link to a file, outside code; `raw_html`: <a href>, <img src> too."""
    fence = False
    outside_code = _without_code_spans("\n".join(lines)).split("\n")
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence:
            continue
        found = [(m.start(), next(g for g in m.groups() if g)) for m in _BODY_LINK.finditer(outside_code[number])]
        if raw_html:
            found += [(m.start(), m.group(1)) for m in _HTML_LINK.finditer(outside_code[number])]
        for column, url in sorted(found):
            target = unquote(html.unescape(url).split("#", 1)[0].split("?", 1)[0])
            if _LOCAL.match(target):  # the editor's own disk: no reader can open it
                yield number, column + 1, url, target, None
                continue
            if not target or _NOT_A_FILE.match(url) or ":" in target or target.endswith("/"):
                continue  # addresses, anchors and scripts (htmlsafety's concern) are not files
            yield number, column + 1, url, target, join_relative(folder, target)


def _link_problems(path: str, lines: list[str], body_line: int, meta: Mapping[str, Any],
                   exists: Callable[[str], bool]) -> list[Problem]:
    """Body links to files next to the document: the file must exist and be an attachment,
    the only way a file reaches the site. A document's own file is never a link target: its
    page is at its index number, and the file may be held back (the link would name it)."""
    problems: list[Problem] = []
    attached = {a.file for a in meta.get("attachments", ())}
    for number, column, url, target, linked in _file_links(lines, _folder(path)):
        where = (path, body_line + number, column, None)
        if target.lower().endswith((".md", ".markdown")):
            problems.append(Problem(*where, "link-document",
                                    f"正文不能链接公开目录中的源文件：{url}。文件之间的关系请在属性区填写"
                                    f"（superseded_by 替代文件、interprets 解读对象）；正文中请写出文件名称和文号。"))
        elif linked is None:
            problems.append(Problem(*where, "link-path", f"正文链接的路径“{url}”无效：{path_advice(target)}。"))
        elif not exists(linked):
            problems.append(Problem(*where, "link-missing", f"正文链接的文件不存在：{url}（网站上文件名区分大小写）"))
        elif linked not in attached:
            problems.append(Problem(*where, "link-not-attached",
                                    f"正文链接的文件 {url} 没有列入附件，网站上不会有这个文件。请在属性区 attachments 中"
                                    f"加上一项 {{file: {target}, title: 附件名称}}。"))
    return problems


class CatalogueLink(NamedTuple):
    """A page's link to a file of the catalogue folder (docs-relative `target`)."""

    path: str
    line: int
    col: int
    url: str
    target: str


def catalogue_links(path: str, body: str, body_line: int, catalogue_dir: str) -> list[CatalogueLink]:
    """The links of a page the configuration names (公开指南 …) to files of the catalogue folder,
    in Markdown or raw HTML: each must be a published document or its attachment
    (gkml.content.gate), or the page would name a file that is held back."""
    prefix = catalogue_dir.strip("/") + "/"
    return [CatalogueLink(path, body_line + number, column, url, linked)
            for number, column, url, _target, linked in _file_links(body.split("\n"), _folder(path), raw_html=True)
            if linked is not None and linked.startswith(prefix)]


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""
