"""Reading an offline copy without trusting it, from a folder or a zip.

Nothing is followed or opened that is not a regular file: links and special
files (a FIFO would block a reader forever) are reported, never read. No file is
read past the size the manifest gives it, so a swapped-in huge file or a zip
bomb costs no more than the genuine copy would.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

from gkml.litter import is_litter
from gkml.syserrors import why_refused

Kind = Literal["file", "link", "special", "unreadable", "litter-dir", "outside", "empty-dir"]
_BLOCK = 1 << 20

@dataclass(frozen=True)
class Entry:
    path: str  # relative to the copy, '/'-separated
    kind: Kind
    size: int = 0
    detail: str = ""
    garbled: bool = False  # a zip name Chinese Windows unpacks as mojibake (UTF-8 without the UTF-8 flag) below the copy's folder
    backslashed: str = ""  # the zip's name of it when its folders are parted by '\': one file of that name on Linux and macOS


class Source(Protocol):
    label: str
    names: tuple[str, ...]  # what the copy is called: its folder; a zip's own name and its top folder's

    def entries(self) -> Iterator[Entry]: ...

    def read(self, path: str, limit: int) -> bytes | None:
        """The whole file if it is a regular file of at most `limit` bytes, else None."""

    def head(self, path: str, count: int, *, outside: bool = False) -> bytes:
        """The first `count` bytes of a regular file (b"" if it cannot be read); `outside`: of the zip's
        entry `path` beside the copy's folder (an Entry of kind "outside")."""

    def sha256(self, path: str, limit: int) -> str | None:
        """Digest of a regular file of at most `limit` bytes; None if larger, unreadable or damaged."""

    def opens(self, path: str) -> bool:
        """Whether a page of the copy linking `path` finds the file there, held under a name of other case."""


class _Reader:
    """read() and sha256() over a source's bounded stream of blocks."""

    failures: tuple[type[BaseException], ...] = (OSError,)

    def _stream(self, path: str) -> BinaryIO | None:
        raise NotImplementedError

    def _blocks(self, path: str, limit: int) -> Iterator[bytes] | None:
        stream = self._stream(path)
        if stream is None:
            return None

        def blocks() -> Iterator[bytes]:
            with stream:
                left = limit + 1  # one byte more than allowed tells "too long" without reading on
                while left > 0 and (block := stream.read(min(_BLOCK, left))):
                    left -= len(block)
                    yield block
        return blocks()

    def read(self, path: str, limit: int) -> bytes | None:
        try:
            blocks = self._blocks(path, limit)
            data = b"".join(blocks) if blocks is not None else None
        except self.failures:
            return None
        return data if data is not None and len(data) <= limit else None

    def head(self, path: str, count: int, *, outside: bool = False) -> bytes:
        if count <= 0 or outside:  # a folder's copy has nothing beside it
            return b""
        try:
            blocks = self._blocks(path, count)
            return b"".join(blocks)[:count] if blocks is not None else b""
        except self.failures:
            return b""

    def sha256(self, path: str, limit: int) -> str | None:
        digest, total = hashlib.sha256(), 0
        try:
            blocks = self._blocks(path, limit)
            if blocks is None:
                return None
            for block in blocks:
                total += len(block)
                digest.update(block)
        except self.failures:
            return None
        return digest.hexdigest() if total <= limit else None


def _special_name(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"


class FolderSource(_Reader):
    def __init__(self, root: Path, outer: str = "") -> None:
        """`outer`: the folder the copy was found in, a name of it too (Explorer unpacks a zip into a
        folder of the zip's name)."""
        self.root = root
        self.label = str(root)
        self.names = (*([outer] if outer else []), root.name)

    def entries(self) -> Iterator[Entry]:
        pending = [""]
        while pending:
            rel = pending.pop()
            try:
                with os.scandir(self.root / rel if rel else self.root) as listing:
                    items = sorted(listing, key=lambda item: item.name)
            except OSError as error:
                yield Entry(rel, "unreadable", detail=why_refused(error))
                continue
            if rel and not items:  # holds nothing: no file of the copy, but not one of its folders either
                yield Entry(rel, "empty-dir")
                continue
            folders = []
            for item in items:
                path = f"{rel}/{item.name}" if rel else item.name
                try:
                    status = item.stat(follow_symlinks=False)
                except OSError as error:
                    yield Entry(path, "unreadable", detail=why_refused(error))
                    continue
                mode = status.st_mode
                if stat.S_ISLNK(mode):
                    try:
                        target = os.readlink(item.path)
                    except OSError:
                        target = "?"
                    yield Entry(path, "link", detail=target)
                elif stat.S_ISDIR(mode):
                    # the systems make these at a disk's top, where a copy may be put; deeper, one is someone's
                    if not rel and is_litter(path, directory=True):
                        yield Entry(path, "litter-dir")
                    else:
                        folders.append(path)
                elif stat.S_ISREG(mode):
                    yield Entry(path, "file", size=status.st_size)
                else:
                    yield Entry(path, "special", detail=_special_name(mode))
            pending.extend(reversed(folders))

    def opens(self, path: str) -> bool:
        # the disk answers: Windows, macOS, a FAT or exFAT stick open FEED.XML as feed.xml; Linux' ext4 does not
        return (self.root / path).is_file()

    def _stream(self, path: str) -> BinaryIO | None:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.root / path, flags)
        except OSError:
            return None
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a link, FIFO or device since the walk
            os.close(fd)
            return None
        return os.fdopen(fd, "rb")


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


class ZipSource(_Reader):
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
            entry = Entry(path, "special", detail=_special_name(mode))
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
