"""A file rewritten by a tool only while it still holds what the tool read, and whole.

`gkml fix` reads a file, corrects it and writes it back; an editor may save the same file in
Word or Notepad meanwhile. Writing then would throw that edit away, and a write cut short
(a full disk, a crash) would leave half a document. So the new bytes go to a temporary file
beside it first, the file is read once more, and only if it is unchanged is it replaced.
The ledger (`gkml check --update-ledger`) is written so too.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path


def replace_if_unchanged(path: Path, before: bytes | None, after: bytes) -> bool:
    """Write `after` as `path`'s whole content while it still holds `before` (None: while there is
    no such file); False (and nothing written) when it holds something else now. OSError when the
    system refuses (read-only, locked, the disk full): the file is then as it was."""
    mode = None  # a new file: as open() makes one
    if before is not None:
        info = path.stat()
        if not info.st_mode & stat.S_IWUSR:  # a read-only file stays so: replacing it would bypass that
            raise PermissionError(errno.EACCES, "只读文件", str(path))
        mode = stat.S_IMODE(info.st_mode)
    # beside it (a rename on one disk), never named longer than it may be: a name near the 255 bytes a
    # file system allows, with ".gkml-fix.tmp" added, could not be fixed at all
    temp = path.with_name(f".gkml-{os.getpid()}-{hashlib.sha256(os.fsencode(path.name)).hexdigest()[:16]}.tmp")
    try:
        with open(temp, "wb") as stream:
            stream.write(after)
            stream.flush()
            os.fsync(stream.fileno())  # a crash after the replace must not leave an empty file
        if mode is not None:
            os.chmod(temp, mode)
        if path.exists() if before is None else path.read_bytes() != before:
            return False
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return True

