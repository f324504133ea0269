"""A file rewritten by a tool only while it still holds what the tool read, and whole.

`gkml fix` reads a file, corrects it and writes it back; an editor may save the same file in
Word or Notepad meanwhile. Writing then would throw that edit away, and a write cut short
(a full disk, a crash) would leave half a document. So the new bytes go to a temporary file
beside it first, the file is read once more, and only if it is unchanged is it replaced.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def replace_if_unchanged(path: Path, before: bytes, after: bytes) -> bool:
    """Write `after` as `path`'s whole content while it still holds `before`; False (and nothing
    written) when it holds something else now. OSError when the system refuses (read-only, locked)."""
    info = path.stat()
    if not info.st_mode & stat.S_IWUSR:  # a read-only file stays so: replacing it would bypass that
        raise PermissionError(errno.EACCES, "只读文件", str(path))
    temp = path.with_name(f".{path.name}.{os.getpid()}.gkml-fix.tmp")
    try:
        with open(temp, "wb") as stream:
            stream.write(after)
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        if path.read_bytes() != before:
            return False
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return True
