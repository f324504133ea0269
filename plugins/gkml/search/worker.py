"""Index the search shards in a child process, so the build's other core does it.

Reading the written pages and tokenising them is Python work; in a thread it
would hold the interpreter lock MkDocs needs to render the listing pages.  The
child prints one line per finished shard (the parent's progress display) and
the report last.

    python -m gkml.search.worker <site_dir> <plan.json>
"""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict
from pathlib import Path

from gkml.search.pagefind import build_index
from gkml.search.shard import Base

_SHARD = "shard "
_REPORT = "report "


class Cancelled(Exception):
    """The indexing was stopped by Cancellation.cancel()."""


class Cancellation:
    """Lets another thread stop an indexing child, and the Pagefind process it runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.process: subprocess.Popen[str] | None = None  # the child, once started
        self.requested = False

    def cancel(self) -> None:
        with self._lock:
            self.requested = True
            if self.process is not None:
                _kill(self.process)

    def attach(self, proc: subprocess.Popen[str]) -> None:
        with self._lock:
            self.process = proc
            if self.requested:
                _kill(proc)


def _kill(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is not None:
        return
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)  # its own process group: Pagefind goes too
        else:
            proc.kill()
    except ProcessLookupError:
        pass


def index_in_child(site_dir: Path, shards: Mapping[str, list[str]],
                   on_shard: Callable[[str], None] | None = None,
                   reused: Mapping[str, Mapping[str, object]] | None = None,
                   record_keys: Mapping[str, str] | None = None, record_cache: Path | None = None,
                   out_root: Path | None = None, cancel: Cancellation | None = None,
                   bases: Mapping[str, Base] | None = None) -> dict[str, object]:
    """build_index in a child process; returns its report as a dict. With `cancel`, the
    child can be stopped from another thread (then Cancelled is raised)."""
    if cancel is not None and cancel.requested:
        raise Cancelled
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=site_dir.parent, delete=False, encoding="utf-8") as f:
        json.dump({"shards": shards, "reused": reused or {}, "record_keys": record_keys or {},
                   "record_cache": str(record_cache) if record_cache else None,
                   "out_root": str(out_root) if out_root else None,
                   "bases": {name: [str(base.folder), sorted(base.unchanged)] for name, base in (bases or {}).items()}},
                  f, ensure_ascii=False)
        plan = Path(f.name)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "gkml.search.worker", str(site_dir), str(plan)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                start_new_session=cancel is not None and os.name == "posix")
        if cancel is not None:
            cancel.attach(proc)
        report: dict[str, object] = {}
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(_SHARD) and on_shard:
                on_shard(line[len(_SHARD):].strip())
            elif line.startswith(_REPORT):
                report = json.loads(line[len(_REPORT):])
        stderr = proc.stderr.read() if proc.stderr else ""
        if proc.wait() != 0 and cancel is not None and cancel.requested:
            raise Cancelled
        if proc.returncode != 0 or not report:
            raise RuntimeError(f"search indexing failed (exit {proc.returncode}):\n{stderr}")
        return report
    finally:
        plan.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    # A shard's postings are millions of small acyclic lists and tuples; the cyclic collector
    # would scan them again and again as they are made (decoding a 3,900-page shard: 10.5 s
    # with it, 2.4 s without). This short-lived child makes no cycles worth collecting.
    gc.disable()
    site_dir, plan = Path(argv[0]), Path(argv[1])
    plan_data = json.loads(plan.read_text("utf-8"))
    cache, out_root = plan_data["record_cache"], plan_data.get("out_root")
    report = build_index(site_dir, plan_data["shards"], quiet=True, reused=plan_data["reused"],
                         record_keys=plan_data["record_keys"], record_cache=Path(cache) if cache else None,
                         out_root=Path(out_root) if out_root else None,
                         bases={name: Base(Path(folder), frozenset(pages))
                                for name, (folder, pages) in plan_data.get("bases", {}).items()},
                         on_shard=lambda name: print(_SHARD + name, flush=True))
    data = asdict(report)
    data["total_pages"] = report.total_pages
    data["indexed_pages"] = report.indexed_pages
    data["peak_rss_kb"] = report.peak_rss_kb
    print(_REPORT + json.dumps(data, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
