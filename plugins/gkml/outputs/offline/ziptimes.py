"""A copy's zip entry dated as a librarian's machine reads it, whatever zone it was zipped in.

A zip's own (DOS) time has no zone: Python wrote the zipping machine's local time, so a copy
zipped on a server in UTC unpacked 8 h behind in a Chinese reading room, and one zipped in China
8 h ahead ("in the future") on a machine in UTC. The DOS time is written in China's time, as
Explorer in a reading room reads it, and the extended timestamp field (0x5455, UTC seconds)
beside it, which Info-ZIP's unzip, 7-Zip, libarchive (bsdtar, Windows' tar) and macOS read first.
"""

from __future__ import annotations

import os
import struct
import zipfile
from datetime import datetime
from pathlib import Path

from gkml.catalogue.document import SHANGHAI

EXTENDED_TIMESTAMP = 0x5455
_DOS_FIRST = (1980, 1, 1, 0, 0, 0)
_DOS_LAST = (2107, 12, 31, 23, 59, 58)
_SIGNED_32 = (-(1 << 31), (1 << 31) - 1)


def dos_time(moment: float) -> tuple[int, ...]:
    """`moment` (seconds since the epoch) in China's time, within what a DOS time can hold."""
    written = datetime.fromtimestamp(moment, SHANGHAI).timetuple()[:6]
    return max(_DOS_FIRST, min(_DOS_LAST, written))


def extended_timestamp(moment: float) -> bytes:
    """The 0x5455 field holding the modification time alone ("" beyond its signed 32 bits)."""
    seconds = int(moment)
    if not _SIGNED_32[0] <= seconds <= _SIGNED_32[1]:
        return b""
    return struct.pack("<HHBl", EXTENDED_TIMESTAMP, 5, 1, seconds)


def entry_info(path: Path, name: str) -> zipfile.ZipInfo:
    """The zip entry `name` for the regular file `path`, deflated, dated honestly in any zone."""
    status = os.stat(path)
    info = zipfile.ZipInfo(name, date_time=dos_time(status.st_mtime))
    info.file_size = status.st_size
    info.compress_type = zipfile.ZIP_DEFLATED  # zlib's default level, 6
    info.external_attr = (status.st_mode & 0xFFFF) << 16
    info.extra = extended_timestamp(status.st_mtime)
    return info
