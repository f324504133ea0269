"""Every file of the docs folder, sorted into what it may become, before anything reads it.

MkDocs copies whatever the docs folder holds and follows symlinks, so one gate looks
at every entry first: a symlink (to a file, a folder, or nothing) or a special file
is an error, never followed; a Markdown file is a catalogue document or a page the
configuration names; any other file is a document-type file (an attachment under the
catalogue folder, or an image or download a page uses) or an error.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from gkml.content.problems import Problem
from gkml.fingerprint import Stamp, stat_stamp
from gkml.litter import is_editor_backup, is_litter
from gkml.syserrors import why_refused


@dataclass
class DocsTree:
    documents: list[str] = field(default_factory=list)  # Markdown files under the catalogue folder
    pages: list[str] = field(default_factory=list)  # Markdown files the configuration names
    catalogue_files: set[str] = field(default_factory=set)  # other files under the catalogue folder
    static: list[str] = field(default_factory=list)  # document-type files outside it (pages' images, downloads)
    sizes: dict[str, int] = field(default_factory=dict)  # docs-relative path -> bytes
    stamps: dict[str, Stamp] = field(default_factory=dict)  # docs-relative path -> its times (fingerprint.stat_stamp)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # told, never published, not stopping the build

    def publishable_outside(self) -> set[str]:
        return {*self.pages, *self.static}


# What MkDocs also reads as Markdown (mkdocs.utils.markdown_extensions): gkml takes documents and
# pages as .md only, so such a file would be silently held back or made a page past every rule.
OTHER_MARKDOWN = frozenset({"markdown", "mdown", "mkdn", "mkd"})
# `x.md.txt`: Windows hides known extensions, so a document saved from Notepad as `x.md` gets `.txt`
# after it; in the catalogue folder it was a file no document owns, dropped without a word.
HIDDEN_TXT = ".md.txt"


# `~$通知.docx`: Word, Excel and WPS keep one beside a file while it is open; `~WRL0001.tmp`: Word
# writes one beside a file it saves. Hidden on Windows; left behind when the program crashes.
OFFICE_TEMPORARY = re.compile(r"^(?:~\$|~WR[A-Z]\d{4}\.tmp$)", re.IGNORECASE)


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _problem(rel: str, code: str, message: str) -> Problem:
    return Problem(rel, 1, 1, None, code, message)


def symlink_problem(rel: str, target: str) -> Problem:
    return _problem(rel, "symlink", f"这是一个符号链接（指向 {target}），内容目录中不允许符号链接："
                                    "它会把内容目录以外的文件带进网站。请删除链接，把文件本身复制到这里。")


def scan_docs(docs_dir: Path, catalogue_dir: str, *, pages: Collection[str] | None,
              allowed_types: Collection[str]) -> DocsTree:
    """Sort every entry of `docs_dir` without following any link. `pages` are the
    docs-relative paths of the pages the configuration names; None judges only the
    catalogue folder (tools that need the documents and nothing else)."""
    tree = DocsTree()
    prefix = catalogue_dir.strip("/") + "/"
    if docs_dir.is_symlink():
        tree.problems.append(symlink_problem(".", os.readlink(docs_dir)))
        return tree
    if not docs_dir.is_dir():
        return tree
    # plain strings, not Path objects: this runs for every file on every check
    pending = [(str(docs_dir), "")]
    while pending:
        folder, folder_rel = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            tree.problems.append(_problem(folder_rel or ".", "unreadable", f"无法读取这个文件夹：{why_refused(error)}"))
            continue
        for entry in entries:
            rel = f"{folder_rel}/{entry.name}" if folder_rel else entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as error:  # a path past the system's 4096 bytes, a file gone meanwhile: told, not a traceback
                tree.problems.append(_problem(rel, "unreadable", f"无法读取这个文件或文件夹：{why_refused(error)}"))
                continue
            if is_editor_backup(entry.name) and not stat.S_ISDIR(info.st_mode) and not (
                    stat.S_ISLNK(info.st_mode) and os.path.exists(entry.path)):
                continue  # Emacs' lock is a link to nothing: litter; one leading somewhere MkDocs would follow
            if stat.S_ISLNK(info.st_mode):
                tree.problems.append(symlink_problem(rel, os.readlink(entry.path)))
            elif stat.S_ISDIR(info.st_mode):
                pending.append((entry.path, rel))
            elif not stat.S_ISREG(info.st_mode):
                tree.problems.append(_problem(rel, "special-file", "这不是普通文件（是管道、设备或套接字），内容目录中只能放普通文件。请删除它。"))
            elif entry.name.endswith(".md") and rel.startswith(prefix) and not entry.name.startswith((".", "~")):
                # nearly every file: a catalogue document, which no litter name nor Office's
                # temporary file (~$, ~WR) ends as; the same outcome as _classify's, sooner
                tree.sizes[rel] = info.st_size
                tree.stamps[rel] = stat_stamp(info)
                tree.documents.append(rel)
            elif not (entry.name.startswith(".") or is_litter(entry.name)):  # MkDocs skips dot files; litter is never published
                tree.sizes[rel] = info.st_size
                tree.stamps[rel] = stat_stamp(info)
                _classify(tree, rel, prefix, pages, allowed_types)
    tree.documents.sort()
    tree.pages.sort()
    tree.static.sort()
    return tree


def _classify(tree: DocsTree, rel: str, prefix: str, pages: Collection[str] | None,
              allowed_types: Collection[str]) -> None:
    in_catalogue = rel.startswith(prefix)
    is_markdown = extension(rel) == "md"
    name = rel.rsplit("/", 1)[-1]
    if OFFICE_TEMPORARY.match(name):
        if in_catalogue or pages is not None:
            tree.notices.append(_problem(rel, "office-temporary", (
                "这是 Word、WPS 或 Excel 打开或保存文件时在旁边生成的临时文件（文件名以 ~$ 或 ~WR 开头，Windows 中默认隐藏），"
                "不会发布。打开的文件在网站上是最后一次保存时的内容：请保存并关闭它；"
                "程序已关闭而这个文件还在（程序异常退出时会留下），可以删除它。")))
    elif name.lower().endswith(HIDDEN_TXT) and (in_catalogue or pages is not None):
        tree.problems.append(_problem(rel, "markdown-extension", (
            f"文件名以 .md.txt 结尾（记事本保存时在 .md 后又加了 .txt，Windows 默认隐藏扩展名，所以看不出来），"
            f"它不会被检查，也不会发布。请改名为 {name[:-7]}.md（在资源管理器的“查看”中勾选“文件扩展名”即可看到完整的名字）。")))
    elif extension(rel) in OTHER_MARKDOWN and (in_catalogue or pages is not None):
        stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        tree.problems.append(_problem(rel, "markdown-extension",
                                      f"Markdown 文件的扩展名应为 .md，.{extension(rel)} 文件不会被检查，也不会发布。"
                                      f"请改名为 {stem}.md。"))
    elif is_markdown and not rel.endswith(".md") and (in_catalogue or pages is not None):
        # MkDocs reads .md alone as Markdown: x.MD was a document to the check and a stray file
        # to MkDocs, and the build failed its own verification, naming no file
        tree.problems.append(_problem(rel, "markdown-extension",
                                      f"扩展名 .{rel.rsplit('.', 1)[1]} 要写成小写的 .md：网站生成时区分大小写，"
                                      f"这个文件不会作为 Markdown 文件发布。请改名为 {name.rsplit('.', 1)[0]}.md。"))
    elif in_catalogue and is_markdown:
        tree.documents.append(rel)
    elif in_catalogue:
        tree.catalogue_files.add(rel)  # published only as a published document's attachment
    elif pages is None:
        return
    elif is_markdown:
        if rel in pages:
            tree.pages.append(rel)
        else:
            tree.problems.append(_problem(
                rel, "unnamed-page",
                f"这个 Markdown 文件既不在公开目录文件夹 {prefix} 中，也不是配置（mkdocs.yml 的 guide_pages）列出的页面，"
                f"因此不会发布。公开目录文件请移到 {prefix} 下；页面请在 guide_pages 中列出；否则请移出内容目录。"))
    elif extension(rel) in allowed_types:
        tree.static.append(rel)
    else:
        tree.problems.append(_problem(rel, "file-type", file_type_message(rel, allowed_types)))


def file_type_message(name: str, allowed_types: Collection[str]) -> str:
    kind = f".{extension(name)} 类型的文件" if extension(name) else "没有扩展名的文件"
    return f"{kind}不允许发布（网页、脚本、SVG 等会在网站上执行代码）。允许的类型：{'、'.join(allowed_types)}。"
