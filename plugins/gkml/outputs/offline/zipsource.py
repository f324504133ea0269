"""An offline copy read from a zip without trusting it (outputs.offline.source): names as Chinese
Windows' unzipper reads them, entries beside the copy's folder, unsafe paths, links and special
files told, never followed; no entry read past the size it states."""

from __future__ import annotations

import bisect
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from gkml.litter import is_litter
from gkml.outputs.offline.source import Entry, Reader, special_name


def _zip_name(info: zipfile.ZipInfo) -> tuple[str, bool]:
    """Names a Chinese Windows zipper wrote in GBK (no UTF-8 flag) read back as Chinese, and
    whether Chinese Windows' own unzipper, which reads a name without the flag as GBK, garbles it
    (UTF-8 without the flag: what macOS' Archive Utility and some other zippers write)."""
    # filename as Python makes it (cut at a NUL) but for the backslashes Python on Windows makes "/"
    name = info.orig_filename.split("\0", 1)[0]
    garbled = False
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            raw = None
        if raw is not None:
            for encoding in ("utf-8", "gbk"):
                try:
                    name = raw.decode(encoding)
                    garbled = encoding == "utf-8" and not raw.isascii()
                    break
                except UnicodeDecodeError:
                    continue
    return name, garbled


def _holds(files: list[str], folder: str) -> bool:
    """Some file (of the sorted `files`) is in `folder` ('/'-ended): a folder entry holding none is an
    empty folder. Looked up, not every file's folders listed: a name 30,000 folders deep (a zip entry's
    name may be 64 KB) made 30,000 prefixes of it, gigabytes for a few such names."""
    at = bisect.bisect_left(files, folder)
    return at < len(files) and files[at].startswith(folder)


# What opening or reading a damaged zip raises: a version or method zipfile does not know
# (NotImplementedError), a name flagged UTF-8 that is not (UnicodeDecodeError, a ValueError) …
ZIP_FAILURES = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError)


class ZipSource(Reader):
    """A zip holding the copy, either at its top or inside one top folder."""

    failures = ZIP_FAILURES

    def __init__(self, archive: zipfile.ZipFile, label: str) -> None:
        self.archive = archive
        self.label = label
        self.infos: dict[str, zipfile.ZipInfo] = {}  # the regular files, by path in the copy
        self._outside: dict[str, zipfile.ZipInfo] = {}  # the entries beside the copy's folder, by the zip's name
        named = [(*_zip_name(info), info) for info in archive.infolist()]
        # read as Windows' unzippers do; the zip format's separator is '/', and unzip, Python and
        # macOS make site\index.html one file of that name (a repacked zip: gkml writes '/')
        self._backslashed = {name.replace("\\", "/"): name for name, _, _ in named if "\\" in name}
        self._names = [(name.replace("\\", "/"), garbled, info) for name, garbled, info in named]
        names = {name for name, _, _ in self._names}
        # the top folders holding a copy: the prefix is the one folder, or "" for a copy at the zip's top
        self.tops = sorted(name[: -len("manifest.json")] for name in names
                           if name.endswith("/manifest.json") and name.count("/") == 1)
        self.prefix = "" if "manifest.json" in names else self.tops[0] if len(self.tops) == 1 else None
        self._entries = list(self._index())
        self.names = (Path(label).name, *([self.prefix.rstrip("/")] if self.prefix else []))

    def entries(self) -> Iterator[Entry]:
        return iter(self._entries)

    def opens(self, path: str) -> bool:
        return True  # the disk it is unpacked to decides; verified there, the folder is told

    def _index(self) -> Iterator[Entry]:
        prefix = self.prefix or ""
        seen: set[str] = set()
        files = sorted(name for name, _, _ in self._names if not name.endswith("/"))
        for name, garbled, info in self._names:
            if name.endswith("/"):
                path = name.removeprefix(prefix).rstrip("/")
                if path and name.startswith(prefix) and not _holds(files, name):
                    litter = is_litter(path.split("/", 1)[0], directory=True)
                    yield Entry(path, "litter-dir" if litter else "empty-dir", garbled=garbled and not path.isascii())
                continue
            entry = self._entry(name, info, prefix, seen)
            if name in self._backslashed:
                entry = replace(entry, backslashed=self._backslashed[name])
            # the copy's folder garbled alone breaks no link: its pages' addresses are below it
            yield replace(entry, garbled=True) if garbled and not entry.path.isascii() else entry

    def _entry(self, name: str, info: zipfile.ZipInfo, prefix: str, seen: set[str]) -> Entry:
        path = name.removeprefix(prefix)
        parts = path.split("/")
        if len(parts) > 1 and is_litter(parts[0], directory=True):  # a volume's: at the copy's top only
            return Entry(path, "litter-dir")
        if not name.startswith(prefix) and not (path.startswith("/") or ".." in parts or "" in parts or ":" in parts[0]):
            self._outside[name] = info  # read only for what a system file under its name begins with
            return Entry(name, "outside", size=info.file_size, detail=prefix.rstrip("/"))  # unpacked, beside the copy's folder
        mode = info.external_attr >> 16 if info.create_system == 3 else 0
        kind = stat.S_IFMT(mode)  # 0: a zipper that writes permissions only
        if path.startswith("/") or ".." in parts or "" in parts or ":" in parts[0]:
            entry = Entry(path, "special", detail="不安全的路径")
        elif path in seen:
            entry = Entry(path, "special", detail="压缩包中重复的条目")
        elif kind == stat.S_IFLNK:
            entry = Entry(path, "link")
        elif kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            entry = Entry(path, "special", detail=special_name(mode))
        elif info.flag_bits & 0x1:
            entry = Entry(path, "unreadable", detail="已加密")
        else:
            self.infos[path] = info
            entry = Entry(path, "file", size=info.file_size)
        seen.add(path)
        return entry

    def _stream(self, path: str) -> BinaryIO | None:
        info = self.infos.get(path)
        return None if info is None else self.archive.open(info)

    def head(self, path: str, count: int, *, outside: bool = False) -> bytes:
        if not outside:
            return super().head(path, count)
        info = self._outside.get(path)
        if info is None or count <= 0:
            return b""
        try:  # an encrypted entry raises: unread, it is not shown to be the system's
            with self.archive.open(info) as stream:
                return stream.read(count)
        except self.failures:
            return b""

    def read(self, path: str, limit: int) -> bytes | None:
        info = self.infos.get(path)
        return None if info is None or info.file_size > limit else super().read(path, limit)
