"""Carried-over files linked into the new site by a child process, as the build finds them.

Checking and linking the 15,000 unchanged files of a 10,000-document site is 1–2 s of
system calls. Done in the build's process it starts only when every key is made; a thread
would wait for the interpreter lock the key making holds. So a child gets each file as
soon as its key is found unchanged, and links it on the other core meanwhile.

    python -m gkml.build.linker <previous site> <new site>

stdin: one JSON line per file, [dest, size, mtime_ns, sha256]; stdout, at the end of
stdin: one JSON line, the files it could not link (changed or missing in the old site).

Ahead (POSIX): `--ahead <manifest>` links every intact output the last build's manifest
lists, before the keys are known, into a folder of its own (it works in that folder, so the
build can rename it into place meanwhile); stdout: the files it linked. The build then
removes those it does not carry over, before anything is written into the site.

A new folder per page is most of that time (ext4 here: 165 µs a folder, 17 µs a link), so
when the site replaced by the last build was kept (the spare, gkml.build.spare),
`--refresh <manifest>` starts from it instead: its folders stand, and a file stays only when
it is the very file of the last site (the same file number). Everything else it holds goes,
whatever it is: it may be stale, or altered, and nothing may be published from it unchecked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from gkml.build.atomic import discard
from gkml.build.links import Entry, link_one

_BATCH = 512  # lines per write to the child
# ahead: the search shards' files too (gkml.build.carryover.SEARCH_GROUPS); the build unlinks
# those of shards it does not carry over before the index is written
WITH_SEARCH = "--with-search"
SEARCH_GROUPS = "search:"  # gkml.build.search_index's group names


class Linking:
    """A child linking files from `previous` into `site` as they are added."""

    def __init__(self, previous: Path, site: Path, ahead: Path | None = None, *, refresh: bool = False,
                 search: bool = False) -> None:
        self._pending: list[str] = []
        self.ahead = ahead is not None  # every intact file of the manifest `ahead` is linked, none added
        mode = "--refresh" if refresh else "--ahead"  # refresh: `site` holds a spare to start from
        # ahead: the child works in `site` (its working folder, given at its start, follows the
        # folder when it is renamed); -P: that folder is not on its module path
        self._proc: subprocess.Popen[str] | None = subprocess.Popen(
            [sys.executable, "-P", "-m", "gkml.build.linker", str(previous.resolve()), str(site.resolve()),
             *([mode, str(ahead.resolve())] if ahead is not None else []), *([WITH_SEARCH] if search else [])],
            cwd=site if ahead is not None else None,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8")

    def add(self, dest: str, entry: Entry) -> None:
        if self._proc is None or self.ahead:
            return  # abandoned: link_into links every carried file; ahead: linked already
        self._pending.append(json.dumps([dest, entry.size, entry.mtime_ns, entry.sha256], ensure_ascii=False))
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._proc is None or not self._pending:
            return
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write("\n".join(self._pending) + "\n")
        except OSError:
            self.abandon()  # the child is gone: linked in the build's process
        self._pending = []

    def finish(self) -> list[str] | None:
        """The files that could not be linked (ahead: the files linked); None if the child
        failed (link them here; ahead: it may have linked any)."""
        self._flush()
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        try:
            out, _err = proc.communicate()
        except OSError:
            proc.kill()
            proc.wait()
            return None
        try:
            failed = json.loads(out)
        except ValueError:
            return None
        return failed if proc.returncode == 0 and isinstance(failed, list) else None

    def abandon(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            proc.wait()


class LinkingAhead:
    """POSIX: from the start of the build, a child links every file of the last site (`mkdocs
    serve`: the output set aside) into a folder of its own; once MkDocs has emptied the site
    folder, it is moved there, and the key making takes the files it carries over from it.
    A site's thousands of folders and links then cost the build no time of its own: the key
    making does not wait for a child linking files as each key is found (Linking)."""

    def __init__(self, previous: Path, site_dir: Path, manifest: Path, spare: Path | None = None, *,
                 search: bool = False) -> None:
        self.site_dir, self.spare = site_dir, spare
        self.folder = site_dir.with_name(site_dir.name + ".gkml-ahead")
        shutil.rmtree(self.folder, ignore_errors=True)
        refresh = spare is not None and _take(spare, self.folder)
        if not refresh:
            self.folder.mkdir(parents=True)
        self.linking: Linking | None = Linking(previous, self.folder, ahead=manifest, refresh=refresh, search=search)

    @classmethod
    def start(cls, previous: Path | None, site_dir: Path, manifest: Path,
              spare: Path | None = None, *, search: bool = False) -> LinkingAhead | None:
        """`spare`: where the site the last build replaced may wait (gkml.build.atomic); `search`:
        the search shards' files too (`mkdocs build`: its index is written into the site)."""
        if os.name != "posix" or previous is None or not previous.is_dir() or not manifest.is_file():
            if spare is not None:
                discard(spare)  # nothing to refresh it from
            return None  # elsewhere a folder in use cannot be renamed: linked as keys are found
        try:
            return cls(previous, site_dir, manifest, spare, search=search)
        except OSError:
            return None

    def move_in(self) -> Linking | None:
        """Into the site folder (MkDocs emptied it); None when it cannot be (nothing moved)."""
        linking, self.linking = self.linking, None
        if linking is None:
            return None
        try:
            try:
                self.site_dir.rmdir()
            except FileNotFoundError:
                pass
            self.folder.rename(self.site_dir)
        except OSError:
            linking.abandon()
            shutil.rmtree(self.folder, ignore_errors=True)
            return None
        return linking

    def abandon(self) -> None:
        """Not moved in (the build failed or carries nothing over): stopped, and kept as the
        spare again (the next build checks every file of it), else removed."""
        linking, self.linking = self.linking, None
        if linking is not None:
            linking.abandon()
            if not (self.spare is not None and _put_back(self.folder, self.spare)):
                shutil.rmtree(self.folder, ignore_errors=True)


def _take(spare: Path, folder: Path) -> bool:
    """The spare renamed into `folder`, if there is one and it can be."""
    try:
        spare.rename(folder)
        return True
    except OSError:  # none, or elsewhere (another file system)
        discard(spare)
        return False


def _put_back(folder: Path, spare: Path) -> bool:
    try:
        folder.rename(spare)
        return True
    except OSError:  # a spare is there already (or the cache is elsewhere)
        return False


def _manifest_entries(manifest: str, search: bool) -> list[tuple[str, Entry]]:
    data = json.loads(Path(manifest).read_text("utf-8"))
    found = [(dest, Entry(key, sha256, size, mtime_ns)) for dest, (key, sha256, size, mtime_ns) in data["outputs"].items()]
    if search:
        found.extend((dest, Entry(key, sha256, size, mtime_ns)) for name, (key, files) in data["groups"].items()
                     if name.startswith(SEARCH_GROUPS) for dest, (sha256, size, mtime_ns) in files.items())
    return found


def _link_ahead(previous: str, manifest: str, search: bool) -> list[str]:
    """Link every output of the manifest intact in `previous` into the working folder."""
    try:
        entries = _manifest_entries(manifest, search)
    except (OSError, ValueError, KeyError, TypeError):
        return []
    made: set[str] = set()
    return [dest for dest, entry in entries if link_one(previous, ".", dest, entry, made)]


def _refresh(previous: str, manifest: str, search: bool) -> list[str]:
    """Make the working folder, a spare, hold exactly the intact outputs of the manifest, as
    links to `previous`'s files; returns them. Raises OSError (or ValueError …, an unreadable
    manifest) when it cannot: the folder is then not to be used."""
    wanted: dict[str, tuple[Entry, tuple[int, int]]] = {}
    for dest, entry in _manifest_entries(manifest, search):
        stat = entry.intact_stat(os.path.join(previous, dest))
        if stat is not None:
            wanted[dest] = (entry, (stat.st_dev, stat.st_ino))
    held, emptied = _files_below(".")
    for rel, held_as in held.items():  # first, so no stale file or folder stands where one is linked
        if rel not in wanted or wanted[rel][1] != held_as:
            os.unlink(rel)
            emptied.add(os.path.dirname(rel))
    _prune(emptied)
    made: set[str] = set()
    return [dest for dest, (entry, file) in wanted.items()
            if held.get(dest) == file or link_one(previous, ".", dest, entry, made)]


def _files_below(top: str) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """Every regular file below `top` (relative, '/'-separated) with its (device, file number),
    and the folders that may be empty; anything else but a folder (a link, a pipe …) is
    removed on the way, so no path can lead out of `top` through it."""
    found: dict[str, tuple[int, int]] = {}
    emptied: set[str] = set()
    folders = [""]
    while folders:
        folder = folders.pop()
        held = False
        with os.scandir(folder or top) as entries:
            for item in entries:
                held = True
                rel = f"{folder}/{item.name}" if folder else item.name
                if item.is_dir(follow_symlinks=False):
                    folders.append(rel)
                elif item.is_file(follow_symlinks=False):
                    stat = item.stat(follow_symlinks=False)
                    found[rel] = (stat.st_dev, stat.st_ino)
                else:
                    os.unlink(rel)
                    emptied.add(folder)
        if not held:
            emptied.add(folder)
    return found, emptied


def _prune(folders: set[str]) -> None:
    """Remove each of `folders` (relative) that is empty, and each parent that leaves empty."""
    for folder in folders:
        while folder:
            try:
                os.rmdir(folder)
            except OSError:  # not empty (or gone already)
                break
            folder = os.path.dirname(folder)


def main(argv: list[str]) -> int:
    if len(argv) in (4, 5) and argv[2] in ("--ahead", "--refresh"):
        previous, _site, mode, manifest = argv[:4]  # the working folder is the site's (see Linking)
        search = argv[4:] == [WITH_SEARCH]
        # _refresh raises when it cannot: exit status 1, the build does not use the folder
        linked = (_refresh if mode == "--refresh" else _link_ahead)(previous, manifest, search)
        sys.stdin.buffer.read()  # the build's end of the pipe: closed by finish() (or gone)
        sys.stdout.buffer.write(json.dumps(linked, ensure_ascii=False).encode("utf-8") + b"\n")
        sys.stdout.buffer.flush()
        return 0
    previous, site = argv
    made: set[str] = set()
    failed = []
    for line in sys.stdin.buffer:  # UTF-8 both ways, whatever the locale (Windows: often GBK)
        dest, size, mtime_ns, sha256 = json.loads(line)
        if not link_one(previous, site, dest, Entry("", sha256, size, mtime_ns), made):
            failed.append(dest)
    sys.stdout.buffer.write(json.dumps(failed, ensure_ascii=False).encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
