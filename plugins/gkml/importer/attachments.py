"""Attachment files beside a saved page (or inside it: a web archive), found, then copied next to the imported document.

A browser's "save page" keeps the page's own images in `<name>_files/`; editors
put downloaded attachments beside the page or keep the site's folders. A link
is looked up, in order, at its relative path, at its path with leading folders
dropped, and by its file name in the page's folder and its `_files` folder.
Nothing outside the page's folder is ever read.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from gkml.content.filenames import windows_safe
from gkml.importer.decoding import Archived
from gkml.importer.linkedfiles import Link, data_picture, url_unquote
from gkml.importer.links import path_and_query


@dataclass(frozen=True)
class Found:
    link: Link
    path: Path  # the saved file, or the web archive that holds it
    data: bytes | None = None  # the file's bytes when a web archive (.mht) holds it

    @property
    def name(self) -> str:
        return self.path.name if self.data is None else self.link.name

    def same_as(self, other: Path) -> bool:
        if self.data is None:
            return filecmp.cmp(other, self.path, shallow=False)
        return other.stat().st_size == len(self.data) and other.read_bytes() == self.data

    def copy_to(self, target: Path) -> None:
        if self.data is None:
            shutil.copyfile(self.path, target)
        else:
            target.write_bytes(self.data)


def _inside(path: Path, root: Path) -> bool:
    try:
        resolved = path.resolve()
        return resolved.is_relative_to(root) and path.is_file() and not path.is_symlink()
    except (OSError, RuntimeError, ValueError):
        return False


def _file_path(href: str, name: str) -> str:
    """The path in `href` that leads to the file `name`: its own, or a query value naming it (a PDF
    shown in pdf.js, viewer.html?file=/upload/2024/a.pdf; download.jsp?path=/upload/a.pdf)."""
    path, query = path_and_query(href)
    if url_unquote(path).rsplit("/", 1)[-1] == name:
        return url_unquote(path)
    for pair in re.split(r"[&;]", query):
        value = url_unquote(pair.partition("=")[2].replace("+", " "))
        if name and value.rsplit("/", 1)[-1] == name:
            return value
    return url_unquote(path)


def locate(page: Path, link: Link) -> Path | None:
    """The saved copy of `link`'s file beside `page`, else None."""
    root = page.parent.resolve()
    parts = [p for p in PurePosixPath(_file_path(link.href, link.name)).parts if p not in ("/", ".", "..", "")]
    # 'a/b/c.pdf' is looked for as a/b/c.pdf, b/c.pdf, c.pdf under the page's folder (the site's tree, partly saved).
    candidates = [page.parent.joinpath(*parts[k:]) for k in range(len(parts))]
    # An opaque address (/u/wKgAAmYW.pdf) is saved under the name the link shows (检查情况统计表.pdf).
    names = [name for name in (link.name, link.alias) if name]
    candidates += [folder / name for name in names for folder in (page.parent, page.parent / f"{page.stem}_files",
                                                                  page.parent / f"{page.stem}.files")]
    return next((c for c in candidates if c.name in names and _inside(c, root)), None)


def find_all(page: Path, links: tuple[Link, ...], archive: Archived | None = None) -> tuple[list[Found], list[Link]]:
    """The saved file of each link, beside the page or inside it when it is a web archive (one
    attachment per file: two links to it, say a relative and an absolute one, are one attachment,
    titled by the first), and the links not found."""
    found: list[Found] = []
    missing: list[Link] = []
    seen: set[object] = set()
    for link in links:
        data = data_picture(link.href)  # a picture the page holds in its address
        path = locate(page, link) if data is None else None
        if data is None and archive is not None and path is None and link.name:
            data = archive.file(link.href)
        if path is None and data is None:
            missing.append(link)
        elif (key := path.resolve() if path is not None else data) not in seen:
            seen.add(key)
            found.append(Found(link, path or page, data))
    return found, missing


def target_names(folder: Path, stem: str, found: list[Found]) -> list[tuple[Found, str]]:
    """The file name each attachment gets next to the document: its own (as Windows can hold it),
    unless another file has it. Names are compared without case, as Windows compares them: A.pdf
    beside a.pdf is one file there."""
    present = {path.name.casefold(): path for path in folder.iterdir()} if folder.is_dir() else {}
    names: list[tuple[Found, str]] = []
    used: set[str] = set()
    for item in found:
        name = windows_safe(item.name)
        existing = present.get(name.casefold())
        if name.casefold() in used or (existing is not None and not item.same_as(existing)):
            name = f"{stem}-{name}"
        elif existing is not None:
            name = existing.name  # the same file, already there under its own spelling
        used.add(name.casefold())
        names.append((item, name))
    return names


def copy_all(folder: Path, named: list[tuple[Found, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for item, name in named:
        target = folder / name
        if not target.exists():
            item.copy_to(target)
