"""Rules on a document's body: what `gkml new` left in it, links to files that will not be on
the site, Word's indents, bidirectional controls; each a located problem.

Apart from content.body, which finds a body's links (outside code, as browsers read them)
for the check, the build's keys and the held-back pages alike: these are what the check
says of them to the editor.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from typing import Any

from gkml.content.body import DATA_URL, file_links, folder_of, path_advice, path_of
from gkml.content.corrections import PLACEHOLDER, word_indented_lines
from gkml.content.problems import Problem
from gkml.content.rootpaths import any_case, root_paths
from gkml.profile.types import BIDI


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


def _link_problems(path: str, lines: list[str], body_line: int, meta: Mapping[str, Any],
                   exists: Callable[[str], bool]) -> list[Problem]:
    """Body links to files next to the document: the file must exist and be an attachment,
    the only way a file reaches the site. A document's own file is never a link target: its
    page is at its index number, and the file may be held back (the link would name it)."""
    problems: list[Problem] = []
    attached = {a.file for a in meta.get("attachments", ())}
    for number, column, url, target, linked, absolute, local in file_links(lines, folder_of(path), raw_html=True):
        where = (path, body_line + number, column, None)
        if local and DATA_URL.match(url):
            problems.append(Problem(*where, "link-local", _data_message(url)))
        elif local:  # C:\…, \\server\…, file:///…: Word puts its pasted pictures there
            problems.append(Problem(*where, "link-path", f"正文链接的路径“{url}”无效：{path_advice(target)}。"
                                    "（地址指向编辑者电脑上的文件，从 Word 等处粘贴图片时常见：请把图片另存到本文件旁，"
                                    "列入属性区 attachments。）"))
        elif target.lower().endswith((".md", ".markdown")):
            problems.append(Problem(*where, "link-document",
                                    f"正文不能链接公开目录中的源文件：{url}。文件之间的关系请在属性区填写"
                                    f"（superseded_by 替代文件、interprets 解读对象）；正文中请写出文件名称和文号。"))
        elif absolute:  # a site address (/doc/…) is not judged; a source file's path never is one (/gkml/catalogue/…)
            paths = root_paths(path_of(url))  # a source's path in any case too: a server on Windows serves it
            if (named := next((p for p in paths if exists(p)), None)) is not None:
                problems.append(Problem(*where, "link-absolute", _absolute_message(url, named, folder_of(path))))
            elif next((p for p in paths if exists(any_case(p))), None) is not None:
                problems.append(Problem(*where, "link-absolute",
                                        f"正文中以 / 开头的地址 {url} 指向内容目录中的源文件（只是大小写不同）：网页上会出现"
                                        "源文件的路径和名称，用 Windows 服务器的网站还会按它找文件。请删除这个链接；附件请列入属性区 "
                                        "attachments，再用相对于本文件、大小写一字不差的路径链接。"))
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


def page_link_problems(path: str, body: str, body_line: int) -> list[Problem]:
    """A page's (公开指南 …) links written with Windows' "\\": MkDocs makes no such link the file's
    address, so the build refuses it as naming a file it does not publish; the check tells it first."""
    if "\\" not in body:
        return []
    return [Problem(path, body_line + link.number, link.col, None, "link-path",
                    f"页面链接的路径“{link.url}”无效：{path_advice(link.target)}。")
            for link in file_links(body.split("\n"), folder_of(path), raw_html=True)
            if not link.local and not link.absolute and "\\" in link.target]


def _data_message(url: str) -> str:
    shown = url if len(url) <= 60 else url[:60] + "…"
    return (f"正文中的图片直接写在地址中（{shown}，从 Word 等处粘贴时常见），网站不显示这样的地址，读者只会看到空白。"
            "请把文件另存后放在本文件旁、列入属性区 attachments，再写相对于本文件的路径。")


def _absolute_message(url: str, linked: str, folder: str) -> str:
    return (f"正文中以 / 开头的地址 {url} 指向内容目录中的源文件：它不会换成发布后的网址，网页上会出现源文件的路径，"
            f"离线查阅版和子路径下的网站也打不开。请写相对于本文件的路径（{posixpath.relpath(linked, folder or '.')}），"
            "并把文件列入属性区 attachments。")
