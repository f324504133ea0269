"""The files of the catalogue folder against what the documents name (attachments, links).

A file there is published only as a document's attachment, so one no document names is never
published: an editor who saved a Word file or a PDF there believes it is, and is told. A file a
document names that is not there is often there under a name a Windows user cannot tell from it
(Report.pdf for report.pdf, `报告 .pdf`, a full-width `．pdf`): the message names that file.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import replace

from gkml.content.problems import Problem
from gkml.content.tree import extension, file_type_message


def unnamed_problems(files: Collection[str], named: Collection[str], documents: Iterable[str],
                     allowed_types: Collection[str]) -> list[Problem]:
    """An error for each of the catalogue folder's `files` (docs-relative) that no document names."""
    by_folder: dict[str, list[str]] = {}
    for document in documents:
        by_folder.setdefault(posixpath.dirname(document), []).append(posixpath.basename(document))
    return [Problem(rel, 1, 1, None, "unattached-file", _unnamed_message(rel, by_folder.get(posixpath.dirname(rel), []),
                                                                         allowed_types))
            for rel in sorted(set(files) - set(named))]


# a document's name with a tail, an editor's or sync tool's temporary copy (通知.md.tmp, 通知.md.orig): it
# was told as a forbidden file type, 网页、脚本、SVG … (通知.md.txt is told by the tree, as Notepad's slip)
_DOCUMENT_TAIL = re.compile(r"(?i)^(.+\.md)(\.[^./]+)$")


def _document_copy(rel: str) -> str | None:
    """What to do with a document saved under its name plus a tail, None for any other file."""
    match = _DOCUMENT_TAIL.match(posixpath.basename(rel))
    if match is None:
        return None
    document, tail = match.groups()
    return (f"这个文件像是 {document} 的临时文件或备份（名字后面多了 {tail}），不会作为公开文件检查和发布。"
            f"编辑器或同步软件正在保存时留下的，保存完成后会自动消失；要发布其中的内容，请把它改名为 {document}；"
            "否则请删除它或移出内容目录。")


def _unnamed_message(rel: str, neighbours: list[str], allowed_types: Collection[str]) -> str:
    if extension(rel) not in allowed_types and (copy := _document_copy(rel)) is not None:
        return copy
    said = "这个文件在公开目录文件夹中，但没有哪份文件把它列为附件，因此不会发布。"
    if extension(rel) not in allowed_types:
        return f"{said}{file_type_message(rel, allowed_types)}请把它移出内容目录。"
    owner = f" {neighbours[0]} 的附件" if len(neighbours) == 1 else "某份文件的附件"
    entry = f"{{file: {posixpath.basename(rel)}, title: 附件名称}}"
    return (f"{said}Word、WPS、PDF 等文件放进这里不会自己成为公开目录中的文件：每份文件要有一个 .md 文件"
            f"（可运行 gkml new 生成），原件列入它属性区的 attachments。如果它是{owner}，请在那份文件的 attachments 中"
            f"加上一项 {entry}（在子文件夹中时写相对于那份文件的路径）；如果不需要发布，请把它移出内容目录。")


def loose(path: str) -> str:
    """What a Windows user sees of a name: letters' case, full-width forms and spaces aside."""
    return "".join(unicodedata.normalize("NFKC", path).casefold().split())


def lookalikes(files: Collection[str]) -> dict[str, list[str]]:
    """The catalogue folder's files by their loose name."""
    found: dict[str, list[str]] = {}
    for rel in sorted(files):
        found.setdefault(loose(rel), []).append(rel)
    return found


def named_lookalikes(problems: list[Problem], files: dict[str, list[str]]) -> list[Problem]:
    """Each missing-file problem told which file is there under a name that looks the same."""
    return [_with_lookalike(problem, files.get(loose(problem.subject), []))
            if problem.subject is not None else problem for problem in problems]


def _with_lookalike(problem: Problem, candidates: list[str]) -> Problem:
    if not candidates or problem.subject is None:
        return problem
    folder = posixpath.dirname(problem.path)
    wanted = posixpath.relpath(problem.subject, folder or ".")
    there = "、".join(f"“{posixpath.relpath(rel, folder or '.')}”" for rel in candidates)
    only = posixpath.relpath(candidates[0], folder or ".")
    how = (f"请把这里写的改为“{only}”，或把文件改名为“{wanted}”。" if len(candidates) == 1
           else "请把这里写的改为其中要发布的那个文件的名字。")
    return replace(problem, message=(f"{problem.message}。文件夹中有名字看起来相同的文件：{there}"
                                     f"（{_difference(problem.subject, candidates[0])}；名字必须一字不差）。{how}"))


def named_strays(problems: list[Problem], unlisted: Collection[str], alike: dict[str, list[str]],
                 prefix: str = "") -> tuple[list[Problem], set[str]]:
    """Each missing file without a look-alike (`alike`) told the file no document lists that is
    likely it, and those files: the one a document's move to another folder left behind (its
    name), or the copy Explorer made beside where it was (报告 - 副本.pdf, 报告(1).pdf)."""
    by_name: dict[str, list[str]] = {}
    by_copy: dict[str, list[str]] = {}
    for rel in sorted(unlisted):
        by_name.setdefault(loose(posixpath.basename(rel)), []).append(rel)
        by_copy.setdefault(copied_from(rel), []).append(rel)
    told: set[str] = set()
    out = []
    for problem in problems:
        wanted = problem.subject
        found = [] if wanted is None or alike.get(loose(wanted)) else (
            by_name.get(loose(posixpath.basename(wanted))) or by_copy.get(loose(wanted), []))
        if wanted is None or not found:
            out.append(problem)
            continue
        told.update(found)
        there = "、".join(f"“{prefix}{rel}”" for rel in found)
        if posixpath.dirname(found[0]) == posixpath.dirname(wanted):
            written = posixpath.relpath(found[0], posixpath.dirname(problem.path) or ".")
            how = (f"如果就是它，请把这里写的改为“{written}”，或把文件改名为“{posixpath.basename(wanted)}”" if len(found) == 1
                   else "如果是其中一个，请把这里写的改为它的名字")
        else:
            how = f"是移动文件时附件没有一起移动吗？如果就是它，请把它移到 {prefix}{wanted}"
        out.append(replace(problem, message=f"{problem.message}。公开目录文件夹中有没有列为任何文件附件的文件：{there}。{how}。"))
    return out, told


# what Windows Explorer adds to a copy's or a duplicate download's name: 报告 - 副本.pdf, 报告 - Copy (2).pdf, 报告(1).pdf
_COPY_MARK = re.compile(r"(?:-(?:副本|copy)(?:[(（]\d+[)）])?|[(（]\d+[)）])$")


def copied_from(rel: str) -> str:
    """The loose path of the file `rel` is a copy of, by its name ('' when it is no copy)."""
    folder, name = posixpath.split(loose(rel))
    stem, ext = posixpath.splitext(name)
    base = _COPY_MARK.sub("", stem)
    return posixpath.join(folder, base + ext) if base != stem and base else ""


def _difference(wanted: str, there: str) -> str:
    if wanted.casefold() == there.casefold():
        return "大小写不同"
    if "".join(wanted.split()) == "".join(there.split()):
        return "空格不同"
    if unicodedata.normalize("NFKC", wanted) == unicodedata.normalize("NFKC", there):
        return "全角、半角字符不同"
    return "全角、半角字符或空格不同"
