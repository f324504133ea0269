"""`mkdocs serve` only: the rebuild kept going when MkDocs itself refuses to start one.

A mkdocs.yml MkDocs cannot read, or a docs folder gone (renamed or moved while the preview
runs), stops the rebuild before any plugin runs; MkDocs' server then holds every request
until one succeeds (the browser hangs, the terminal says why in English). Wrapping the
server's rebuild is the only way in: `server.builder` is the attribute MkDocs 1.6 calls, not
plugin API, so a server without it (ProperDocs may drop it) keeps its plain rebuild, told.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort, ConfigurationError

from gkml.config_location import OptionsError, locate_top
from gkml.fingerprint import Stamp, stat_stamp
from gkml.mkdocs_yml import read_mkdocs_yml

log = logging.getLogger("mkdocs.plugins.gkml")

NO_BUILDER = ("gkml: 这个预览服务器没有可替换的重新生成函数（builder），mkdocs.yml 写错或内容目录被改名时，"
              "预览不会在浏览器中显示原因，而是停住等待，原因见终端中 MkDocs 的英文提示；改正并保存后预览会恢复。")


def keep_preview(server: Any, builder: Callable[..., None], config_file: Path,
                 show: Callable[[list[str]], None]) -> None:
    """The server's rebuild made `keeping_preview`, where the server has one to replace."""
    if not callable(getattr(server, "builder", None)):
        log.warning(NO_BUILDER)
        return
    server.builder = keeping_preview(builder, config_file, show)


def keeping_preview(builder: Callable[..., None], config_file: Path,
                    show: Callable[[list[str]], None]) -> Callable[..., None]:
    """serve's rebuild, never stalled by what stops MkDocs before any plugin runs: the mistakes,
    located in Chinese, are `show`n in the browser instead."""

    def rebuild(config: Any = None) -> None:
        try:
            builder(config)
        except (ConfigurationError, Abort):  # Abort: an option MkDocs refuses, docs_dir among them
            try:
                data = read_mkdocs_yml(config_file)
            except OptionsError as error:
                show(error.lines)
                return
            gone = missing_docs_folder(config_file, data)
            if not gone:
                raise
            show(gone)

    return rebuild


def missing_docs_folder(config_file: Path, data: dict[str, Any]) -> list[str]:
    """The located line telling that mkdocs.yml's docs folder is not there; none while it is."""
    name = data.get("docs_dir", "docs")
    if not isinstance(name, str) or (config_file.parent / name).is_dir():
        return []
    line, col = locate_top(config_file, "docs_dir") or (1, 1)
    return [(f"{config_file.name}:{line}:{col}: docs_dir：内容目录“{name}”不见了（被改名、移动或删除了？），"
             f"无法生成网站。请把文件夹改回“{name}”，或把 mkdocs.yml 中的 docs_dir 改为它现在的名字；"
             "改好后预览会自动恢复。")]


def docs_folder(config_file: Path) -> Path:
    """The docs folder mkdocs.yml names (MkDocs' default when it names none)."""
    try:
        name = read_mkdocs_yml(config_file).get("docs_dir", "docs")
    except OptionsError:
        name = "docs"
    return (config_file.parent / (name if isinstance(name, str) else "docs")).absolute()


# What a watch acts on: a change, never a file opened or read (inotify tells those too, and reading
# mkdocs.yml on such an event made an event of its own: one core kept busy reading it for as long as
# the preview ran, a serve save at 10,000 documents 25 s instead of 4).
CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})


def changes() -> list[type]:
    """watchdog's event classes of CHANGES, so inotify's opens and reads never reach Python."""
    from watchdog import events

    return [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent, events.FileMovedEvent,
            events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirModifiedEvent,
            events.DirMovedEvent]


class DocsFolderWatch:
    """The docs folder itself watched, beside what MkDocs' server watches in it. MkDocs ignores a
    folder's own events, and its watch of the folder ends when the folder is renamed: renamed away
    and back, the preview never rebuilt again. And a preview started with a problem watched the
    empty folder gkml had MkDocs walk instead (serving.nothing_to_walk): a fix was never seen.
    Here the folder mkdocs.yml names is watched whenever it is there (named anew, or back), and a
    rebuild asked for (by rewriting `poke`, a file the server watches) when it goes or comes back."""

    def __init__(self, server: Any, config_file: Path, poke: Path) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        self.server, self.config_file, self.poke = server, config_file.absolute(), poke
        poke.parent.mkdir(parents=True, exist_ok=True)
        poke.write_text("0", encoding="utf-8")  # watched from here on
        server.watch(str(poke))
        self.config_stamp = _stamp(self.config_file)
        self.docs = docs_folder(self.config_file)
        self.present, self.pokes = self.docs.is_dir(), 0
        if self.present:
            server.watch(str(self.docs))
        watch = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type not in CHANGES:
                    return
                paths = {Path(str(path)) for path in (event.src_path, getattr(event, "dest_path", "")) if path}
                # mkdocs.yml read again only when it changed: the docs folder's own events come with every
                # save and build (10,000 documents: a third of a save's samples went to parsing mkdocs.yml)
                # (and only when its bytes may have: Windows tells a read as a change of its access time)
                if ((watch.config_file in paths and _stamp(watch.config_file) != watch.config_stamp)
                        or (watch.docs in paths and watch.docs.is_dir() != watch.present)):
                    watch.changed()

        self.observer = Observer()
        for folder in {self.config_file.parent, self.docs.parent}:
            self.observer.schedule(Handler(), str(folder), recursive=False, event_filter=changes())
        self.observer.daemon = True
        self.observer.start()

    def changed(self) -> None:
        """The folder gone, back or named anew: watched where it is, a rebuild asked for when it went or came."""
        self.config_stamp = _stamp(self.config_file)
        docs = docs_folder(self.config_file)
        present = docs.is_dir()
        if docs == self.docs and present == self.present:
            return
        if self.present:
            self._unwatch(self.docs)
        if present:
            self.server.watch(str(docs))
        gone_or_back = docs == self.docs
        self.docs, self.present = docs, present
        if gone_or_back:
            self.pokes += 1
            self.poke.write_text(str(self.pokes), encoding="utf-8")

    def _unwatch(self, folder: Path) -> None:
        unwatch = getattr(self.server, "unwatch", None)
        while unwatch is not None:  # once per watch of it, MkDocs' and this one's
            try:
                unwatch(str(folder))
            except (KeyError, ValueError, OSError):
                break

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=10)


def _stamp(path: Path) -> Stamp | None:
    """What changes when a file's bytes do (fingerprint.stat_stamp), None while it is not there."""
    try:
        return stat_stamp(path.stat())
    except OSError:
        return None


def follow_docs_folder(server: Any, config_file: Path, cache_dir: Path) -> DocsFolderWatch | None:
    """A DocsFolderWatch of mkdocs.yml's docs folder; None (told) where the server cannot watch."""
    try:
        return DocsFolderWatch(server, config_file, cache_dir / "serve-docs-folder")
    except (OSError, AttributeError, TypeError) as error:
        log.warning(f"gkml: 无法监视内容目录本身（{error}）：内容目录改名后，预览不会自动发现。")
        return None
