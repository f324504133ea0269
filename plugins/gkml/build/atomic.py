"""Atomic output: build into a sibling folder, swap it in only when everything succeeded."""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from gkml.cachedir import ensure
from gkml.locks import exclusive_in_cache


class AtomicOutput:
    def __init__(self, config: MkDocsConfig, trash: Path | None = None, spares: Path | None = None,
                 locks: Path | None = None, waiting: Callable[[], None] = lambda: None) -> None:
        """`locks`: the folder of the site folders' locks (the cache): a second build of the
        same site waits for the first (`waiting` is told so), which it would otherwise empty
        the new site of while it is written, or swap it in half made."""
        # a site folder that is a link (site -> the web server's folder) is swapped where it
        # leads: renamed itself, the link would go and the folder it names would stay as it was
        self.final = Path(os.path.realpath(config.site_dir))
        self.temp = self.final.with_name(self.final.name + ".gkml-new")
        # the folders above it, as MkDocs makes them: the new site, its spare and the search
        # child's plan are made beside it before MkDocs writes anything
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.trash = trash  # where a replaced site waits to be deleted in the background
        name = hashlib.sha256(str(self.final).encode()).hexdigest()[:16]
        # where the replaced site is kept instead, for the next build to start from (gkml.build.linker)
        self.spare = spares / name if spares else None
        self._lock = exclusive_in_cache(locks / f"build-{name}.lock", waiting) if locks else None
        self.old = self.final.with_name(self.final.name + ".gkml-old")
        self._restore()
        shutil.rmtree(self.temp, ignore_errors=True)
        config.site_dir = str(self.temp)

    def commit(self, *, keep: bool = True, spare: Path | None = None) -> None:
        """Swap the new site in; `keep`: the replaced one is kept as the spare (worth it when
        the new site shares most of its files: else the next build would unlink them all), or
        else `spare` is (a copy of the new site's folders: gkml.build.spare.Mirroring)."""
        old = self.old
        shutil.rmtree(old, ignore_errors=True)
        # in one step where the system can: between two renames the site folder is missing,
        # and a build stopped there (killed, the power lost) would leave it so
        if self.final.is_dir() and exchange(self.temp, self.final):
            self.temp.rename(old)
        else:
            if self.final.exists():
                self.final.rename(old)
            self.temp.rename(self.final)
        if not (keep and self._keep(old)):
            self._remove(old)
            if spare is not None and not self._keep(spare):
                discard(spare)
        self._release()

    def _restore(self) -> None:
        """A swap stopped between its two renames left no site folder, the last site beside it:
        put back before anything (this build may fail, and the web server serves it meanwhile)."""
        if not os.path.lexists(self.final) and self.old.is_dir():
            self.old.rename(self.final)

    def _keep(self, old: Path) -> bool:
        """`old` kept as the spare (its thousands of folders are what the next build's copy
        would spend most of its time making)."""
        if self.spare is None or not old.is_dir():
            return False
        try:
            ensure(self.spare.parent.parent)
            self.spare.parent.mkdir(exist_ok=True)
            discard(self.spare)  # one the last build did not take
            old.rename(self.spare)
            return True
        except OSError:
            return False  # another file system: deleted

    def abandon(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.close()

    def _remove(self, old: Path) -> None:
        """Deleting tens of thousands of files can take longer than the build itself on some
        disks: the replaced site is moved to the trash and deleted by a detached process."""
        if not old.exists():
            return
        if self.trash is not None:
            try:
                ensure(self.trash.parent)
                self.trash.mkdir(exist_ok=True)
                parked = self.trash / uuid.uuid4().hex
                old.rename(parked)
                empty_trash(self.trash)
                return
            except OSError:
                pass  # another file system: delete now
        shutil.rmtree(old, ignore_errors=True)


def discard(folder: Path) -> None:
    """Remove a folder without waiting: renamed out of the way at once, deleted by a
    detached process (which also outlives a preview stopped meanwhile)."""
    if not folder.exists():
        return
    trash = folder.with_name(f"{folder.name}-trash-{uuid.uuid4().hex[:8]}")
    try:
        folder.rename(trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    empty_trash(trash)


# At the lowest priority: a site's ~30,000 files (10,000 documents) took more CPU to delete than a
# one-edit build, beside the next build or the preview's next rebuild, on two cores.
DELETER = "import os, shutil, sys\nif hasattr(os, 'nice'): os.nice(19)\nshutil.rmtree(sys.argv[1], ignore_errors=True)"


def empty_trash(trash: Path) -> None:
    subprocess.Popen([sys.executable, "-c", DELETER, str(trash)], start_new_session=True,
                     creationflags=getattr(subprocess, "IDLE_PRIORITY_CLASS", 0),  # Windows' os.nice
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux's renameat2 RENAME_EXCHANGE); False where the
    system or its file system cannot, and nothing moved."""
    if sys.platform != "linux":
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without it (glibc before 2.28, musl)
        return False
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


# why a write failed, and what the editor does about it
_WRITE_FAILURES = {
    errno.ENOSPC: ("磁盘空间不足", "清理出足够的磁盘空间"),
    errno.EDQUOT: ("超出了磁盘配额", "清理出足够的磁盘空间"),
    errno.EACCES: ("没有写入权限", "由管理员给运行 mkdocs build 的用户写入权限"),
    errno.EPERM: ("没有写入权限", "由管理员给运行 mkdocs build 的用户写入权限"),
    errno.EROFS: ("所在的文件系统是只读的", "由管理员把它改为可写"),
}


def failed_writing(error: BaseException, final: Path) -> str | None:
    """A build ended by the system refusing a write (disk full, no permission): what the editor
    is told, in Chinese, where and why; None for any other error."""
    if not isinstance(error, OSError) or error.errno not in _WRITE_FAILURES:
        return None
    why, what = _WRITE_FAILURES[error.errno]
    where = error.filename2 or error.filename  # a copy's target, else the file
    kept = f"原来的网站 {final} 保持不变" if final.is_dir() else "没有生成网站"
    return f"无法写入{f' {where}' if where else '文件'}：{why}。本次构建的网站没有发布，{kept}。请{what}后重新运行 mkdocs build。"
