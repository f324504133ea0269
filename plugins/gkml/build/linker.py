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
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from gkml.build.carryover import Entry, link_one

_BATCH = 512  # lines per write to the child


class Linking:
    """A child linking files from `previous` into `site` as they are added."""

    def __init__(self, previous: Path, site: Path, ahead: Path | None = None) -> None:
        self._pending: list[str] = []
        self.ahead = ahead is not None  # every intact file of the manifest `ahead` is linked, none added
        # ahead: the child works in `site` (its working folder, given at its start, follows the
        # folder when it is renamed); -P: that folder is not on its module path
        self._proc: subprocess.Popen[str] | None = subprocess.Popen(
            [sys.executable, "-P", "-m", "gkml.build.linker", str(previous.resolve()), str(site.resolve()),
             *(["--ahead", str(ahead.resolve())] if ahead is not None else [])],
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
    """`mkdocs build` (POSIX): from the start of the build, a child links every file of the
    last site into a folder of its own; once MkDocs has emptied the site folder, it is moved
    there, and the key making takes the files it carries over from it (gkml.build.linker).
    A site's thousands of folders and links then cost the build no time of its own: the
    key making no longer waits for a child linking files as each key is found."""

    def __init__(self, previous: Path, site_dir: Path, manifest: Path) -> None:
        self.site_dir = site_dir
        self.folder = site_dir.with_name(site_dir.name + ".gkml-ahead")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.linking: Linking | None = Linking(previous, self.folder, ahead=manifest)

    @classmethod
    def start(cls, previous: Path | None, site_dir: Path, manifest: Path) -> LinkingAhead | None:
        if os.name != "posix" or previous is None or not previous.is_dir() or not manifest.is_file():
            return None  # elsewhere a folder in use cannot be renamed: linked as keys are found
        try:
            return cls(previous, site_dir, manifest)
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
        """Not moved in (the build failed or carries nothing over): stopped and removed."""
        linking, self.linking = self.linking, None
        if linking is not None:
            linking.abandon()
            shutil.rmtree(self.folder, ignore_errors=True)


def _link_ahead(previous: str, manifest: str) -> list[str]:
    """Link every output of the manifest intact in `previous` into the working folder."""
    try:
        outputs = json.loads(Path(manifest).read_text("utf-8"))["outputs"]
        entries = [(dest, Entry(key, sha256, size, mtime_ns)) for dest, (key, sha256, size, mtime_ns) in outputs.items()]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    made: set[str] = set()
    return [dest for dest, entry in entries if link_one(previous, ".", dest, entry, made)]


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[2] == "--ahead":
        previous, _site, _, manifest = argv  # the working folder is the site's (see Linking)
        linked = _link_ahead(previous, manifest)
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
