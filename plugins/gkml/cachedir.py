"""The project's cache folder (`.gkml-cache/` by default): made on first use and ignored
by git whatever the project's own .gitignore says, so no editor ever commits it."""

from __future__ import annotations

import os
from pathlib import Path

_IGNORE = "# gkml 的缓存：可随时删除，不要提交。\n*\n"


def ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text(_IGNORE, encoding="utf-8")
    return folder


def write_atomically(path: Path, data: bytes) -> None:
    """Replace a cache file whole: a reader (or a crash) never sees half of it. The temporary
    name is the process's own, so a build and a preview never write into each other's."""
    ensure(path.parent)
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)
