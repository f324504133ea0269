"""Rules on a document's body: what `gkml new` left in it, links to files, Word's indents."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any
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


_BODY_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
_NOT_A_FILE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|#|/)")


def _link_problems(path: str, lines: list[str], body_line: int, meta: Mapping[str, Any],
                   exists: Callable[[str], bool]) -> list[Problem]:
    """Body links to files next to the document: the file must exist and be an attachment,
    the only way a file reaches the site. A document's own file is never a link target: its
    page is at its index number, and the file may be held back (the link would name it)."""
    problems: list[Problem] = []
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    attached = {a.file for a in meta.get("attachments", ())}
    fence = False
    outside_code = _without_code_spans("\n".join(lines)).split("\n")
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence:
            continue
        for match in _BODY_LINK.finditer(outside_code[number]):
            url = match.group(1) or match.group(2)
            target = unquote(html.unescape(url).split("#", 1)[0].split("?", 1)[0])
            if not target or _NOT_A_FILE.match(url) or ":" in target or target.endswith("/"):
                continue  # addresses, anchors and scripts (htmlsafety's concern) are not files
            linked = join_relative(folder, target)
            where = (path, body_line + number, match.start() + 1, None)
            if target.lower().endswith((".md", ".markdown")):
                problems.append(Problem(*where, "link-document",
                                        f"正文不能链接公开目录中的源文件：{url}。文件之间的关系请在属性区填写"
                                        f"（superseded_by 替代文件、interprets 解读对象）；正文中请写出文件名称和文号。"))
            elif linked is None or not exists(linked):
                problems.append(Problem(*where, "link-missing", f"正文链接的文件不存在：{url}"))
            elif linked not in attached:
                problems.append(Problem(*where, "link-not-attached",
                                        f"正文链接的文件 {url} 没有列入附件，网站上不会有这个文件。请在属性区 attachments 中"
                                        f"加上一项 {{file: {target}, title: 附件名称}}。"))
    return problems
