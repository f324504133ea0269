"""`mkdocs serve` only: where a document the preview showed went.

An editor changing a document's 索引号 changes its address: the page open in the browser
reloaded to a bare 页面不存在. Every address the preview has shown a document at is kept
for the session, and one no document has now is written as a page saying where that document
is now (its new address), or why it is gone (held back, or its file deleted or renamed).
A built site never has these pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from gkml.catalogue.document import Document
from gkml.site import livereload
from gkml.site.routes import Routes, document_path


@dataclass(frozen=True)
class Shown:
    src_path: str  # docs-relative
    title: str


@dataclass(frozen=True)
class Gone:
    """What the page at an address a document left says."""

    title: str
    text: str
    moved_to: str | None  # the document's page path now, if it has one


def whereabouts(seen: dict[str, Shown], now: dict[str, str], exists: Callable[[str], bool]) -> dict[str, Gone]:
    """For each page path in `seen` (page path → the document shown there) that no document has
    `now` (src_path → page path): where its document is, or why it is gone."""
    live = set(now.values())
    gone: dict[str, Gone] = {}
    for path, shown in seen.items():
        if path in live:
            continue
        if (moved := now.get(shown.src_path)) is not None:
            gone[path] = Gone(shown.title, f"文件 {shown.src_path} 的索引号改了，它的页面换了地址：", moved)
        elif exists(shown.src_path):
            gone[path] = Gone(shown.title, f"文件 {shown.src_path} 现在不发布（请看它的公开方式、发布时间是否改了），"
                                           "所以网站上没有它的页面。", None)
        else:
            gone[path] = Gone(shown.title, f"文件 {shown.src_path} 已被删除或改名，网站上没有它的页面了。"
                                           "如果是改名，新文件的页面在公开目录中。", None)
    return gone


class Whereabouts:
    """The addresses this preview session has shown documents at (the plugin outlives rebuilds)."""

    def __init__(self) -> None:
        self.seen: dict[str, Shown] = {}
        self.docs_dir: Path | None = None  # the last rebuild's, before a paused one gives MkDocs an empty folder
        self.last: set[str] = set()  # the files of the documents the last rebuild that went on published

    def deleted(self) -> list[Shown]:
        """The documents the last rebuild that went on published, shown in this session, whose files
        are gone now: told beside the problems of a rebuild that showed only those (the only document
        deleted empties the catalogue, refused), where no page of theirs says it. Certain whatever the
        check found: the file is not there."""
        if self.docs_dir is None:
            return []
        docs_dir = self.docs_dir
        files = {shown.src_path: shown for shown in self.seen.values() if shown.src_path in self.last}
        return [files[src] for src in sorted(files) if not (docs_dir / src).is_file()]

    def write(self, site_dir: Path, published: Iterable[Document], docs_dir: Path, routes: Routes) -> None:
        """After a rebuild: each address left written as a page telling where its document went
        (`published`: every document with a page, a withdrawn one's notice too)."""
        now = {doc.src_path: document_path(doc) for doc in published}
        self.docs_dir, self.last = docs_dir, set(now)
        titles = {doc.src_path: doc.title for doc in published}
        for path, gone in whereabouts(self.seen, now, lambda src: (docs_dir / src).is_file()).items():
            dest = routes.dest_uri(path)
            if (site_dir / dest).exists():  # the build's own page (another document's, a notice): never replaced
                continue
            up = "../" * dest.count("/")
            link = up + routes.url(gone.moved_to) if gone.moved_to is not None else None
            livereload.write_moved_page(site_dir / dest, gone.title, gone.text, link, up + routes.url(""))
        self.seen.update({path: Shown(src, titles[src]) for src, path in now.items()})
