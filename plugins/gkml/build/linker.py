"""Carried-over files linked into the new site by a child process, as the build finds them.

Checking and linking the 15,000 unchanged files of a 10,000-document site is 1–2 s of
system calls. Done in the build's process it starts only when every key is made; a thread
would wait for the interpreter lock the key making holds. So a child gets each file as
soon as its key is found unchanged, and links it on the other core meanwhile.

    python -m gkml.build.linker <previous site> <new site>

stdin: one JSON line per file, [dest, size, mtime_ns, sha256]; stdout, at the end of
stdin: one JSON line, the files it could not link (changed or missing in the old site).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gkml.build.carryover import Entry, link_one

_BATCH = 512  # lines per write to the child


class Linking:
    """A child linking files from `previous` into `site` as they are added."""

    def __init__(self, previous: Path, site: Path) -> None:
        self._pending: list[str] = []
        self._proc: subprocess.Popen[str] | None = subprocess.Popen(
            [sys.executable, "-m", "gkml.build.linker", str(previous), str(site)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8")

    def add(self, dest: str, entry: Entry) -> None:
        if self._proc is None:
            return  # abandoned: link_into links every carried file
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
        """The files that could not be linked; None if the child failed (link them here)."""
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


def main(argv: list[str]) -> int:
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
