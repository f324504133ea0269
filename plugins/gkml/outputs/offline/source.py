"""Reading an offline copy without trusting it, from a folder or a zip (`zipsource`).

Nothing is followed or opened that is not a regular file: links and special
files (a FIFO would block a reader forever) are reported, never read. No file is
read past the size the manifest gives it, so a swapped-in huge file or a zip
bomb costs no more than the genuine copy would.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
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


class Reader:
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


def special_name(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"


class FolderSource(Reader):
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
                    yield Entry(path, "special", detail=special_name(mode))
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
