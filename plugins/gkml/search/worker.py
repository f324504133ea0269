"""Index the search shards in a child process, so the build's other core does it.

Reading the written pages and tokenising them is Python work; in a thread it
would hold the interpreter lock MkDocs needs to render the pages.  The child
prints one line per finished shard (the parent's progress display) and the
report last.

Started before the parent knows what changed (`Child`), the child does its imports while the
parent checks the documents; given its plan once their keys are made, while MkDocs still
renders (`written`), it reads the bases of the shards it updates and the records kept from the
last build, then makes each document's record as the parent says
the page is written (`written <page>` lines on its stdin, `done` last), so the
records are ready when the last page is: a cold build's longest step starts
with the rendering instead of after it. Once the pages whose records it must make are
written, it indexes without waiting for the others (an edit's or an addition's
build: while the parent renders the listings).

    python -m gkml.search.worker <site_dir> <plan.json>

`plan` on its stdin once the plan file is written (end of input: nothing to do).
"""

from __future__ import annotations

import gc
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import IO

from gkml.search import excerpts, tally
from gkml.search.cancelling import Cancellation, Cancelled
from gkml.search.index import build_index
from gkml.search.pffiles import BundleFormatError
from gkml.search.recordcache import kept, record
from gkml.search.shard import Base
from gkml.search.tally import Tally

_SHARD = "shard "
_REPORT = "report "
_WRITTEN = "written "
_DONE = "done"
_PLAN = "plan"  # the plan file is written: index by it
ABANDONED = 3  # the child's exit status when the parent stopped before every page was written


_ERROR_LINE = re.compile(r"[A-Za-z_][\w.]*(Error|Exception): ")


class IndexingFailed(RuntimeError):
    """The child ended without its report: killed, out of disk space, Pagefind missing or failing."""

    def __init__(self, status: int, stderr: str) -> None:
        super().__init__(f"search indexing failed (exit {status}):\n{stderr}")
        self.status = status  # negative: the signal that ended it
        lines = [line.strip() for line in stderr.splitlines() if line.strip()]
        # the error the child ended with, not the last line of a log it quotes (Pagefind's)
        self.last_line = next((line for line in reversed(lines) if _ERROR_LINE.match(line)), lines[-1] if lines else "")


class Child:
    """An indexing child, started before its plan is known: its start-up overlaps the parent
    working out what changed. Given its plan with run(), or let go with close()."""

    def __init__(self, site_dir: Path, cancel: Cancellation | None = None) -> None:
        # a build killed (SIGKILL, the power lost) leaves its plan: the next build of the site,
        # one at a time (gkml.build.atomic), removes it before making its own
        prefix = f"{site_dir.name}.plan-"
        for stale in site_dir.parent.glob(f"{glob.escape(prefix)}*.json"):
            stale.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("w", prefix=prefix, suffix=".json", dir=site_dir.parent, delete=False) as f:
            self.plan = Path(f.name)  # written by run(); the child reads it once told to
        # stderr in a file: a pipe nobody reads while pages are passed on could fill and stall the child
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by run() or close()
        self.cancel = cancel
        self.proc = subprocess.Popen([sys.executable, "-m", "gkml.search.worker", str(site_dir), str(self.plan)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors,
                                     text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"},
                                     start_new_session=cancel is not None and os.name == "posix")
        if cancel is not None:
            cancel.attach(self.proc)

    def run(self, plan: Mapping[str, object], on_shard: Callable[[str], None] | None,
            written: Iterable[str] | None) -> dict[str, object]:
        """The child's report, once it has indexed by `plan`; `written` as for index_in_child."""
        try:
            self.plan.write_text(json.dumps(plan, ensure_ascii=False), "utf-8")
            assert self.proc.stdin is not None
            try:
                self.proc.stdin.write(_PLAN + "\n")
                self.proc.stdin.flush()
            except OSError:
                pass  # the child is gone: its exit status and stderr tell why
            _tell(self.proc.stdin, written or (), self.cancel)
            return self._report(on_shard)
        finally:
            self._clean()

    def wait(self) -> None:
        """Once run() has answered: until the child has written what it writes afterwards."""
        self.proc.wait()

    def close(self) -> None:
        """Not needed after all: the child ends without indexing."""
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait()
        self._clean()

    def _report(self, on_shard: Callable[[str], None] | None) -> dict[str, object]:
        """The report, once the child prints it: the index is finished then (what the child
        still does, writing the layouts for the next build, is not waited for)."""
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith(_SHARD) and on_shard:
                on_shard(line[len(_SHARD):].strip())
            elif line.startswith(_REPORT):
                return json.loads(line[len(_REPORT):])  # type: ignore[no-any-return]
        if self.proc.wait() != 0 and self.cancel is not None and self.cancel.requested:
            raise Cancelled
        self.errors.seek(0)
        raise IndexingFailed(self.proc.returncode, self.errors.read().decode("utf-8", "replace"))

    def _clean(self) -> None:
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.errors.close()
        self.plan.unlink(missing_ok=True)


def index_in_child(site_dir: Path, shards: Mapping[str, list[str]],
                   on_shard: Callable[[str], None] | None = None,
                   reused: Mapping[str, Mapping[str, object]] | None = None,
                   record_keys: Mapping[str, str] | None = None, record_cache: Path | None = None,
                   out_root: Path | None = None, cancel: Cancellation | None = None,
                   bases: Mapping[str, Base] | None = None, written: Iterable[str] | None = None,
                   layouts: Path | None = None, child: Child | None = None) -> dict[str, object]:
    """build_index in a child process; returns its report as a dict. With `cancel`, the
    child can be stopped from another thread (then Cancelled is raised). `written`: the
    pages still being written, each yielded once it is on disk (the child starts at once
    and makes their records meanwhile); to stop early, cancel and end it. `child`: one
    started earlier (with the same `cancel`), else one is started now."""
    if cancel is not None and cancel.requested:
        if child is not None:
            child.close()
        raise Cancelled
    plan = {"shards": shards, "reused": reused or {}, "record_keys": record_keys or {},
            "record_cache": str(record_cache) if record_cache else None,
            "out_root": str(out_root) if out_root else None,
            "layouts": str(layouts) if layouts else None,
            "bases": {name: [str(base.folder), sorted(base.unchanged)] for name, base in (bases or {}).items()},
            "streamed": written is not None}
    return (child or Child(site_dir, cancel)).run(plan, on_shard, written)


def _tell(stdin: IO[str], written: Iterable[str], cancel: Cancellation | None) -> None:
    """Pass each written page on to the child; `done` once all are (not when cancelled)."""
    def stopped() -> bool:
        return cancel is not None and cancel.requested

    try:
        for page in written:
            if stopped():
                break
            stdin.write(_WRITTEN + page + "\n")
            stdin.flush()
        if not stopped():
            stdin.write(_DONE + "\n")
        stdin.close()
    except OSError:
        pass  # the child is gone (a broken pipe): its exit status and stderr tell why


def _read_ahead(bases: Mapping[str, Base], layouts: Path | None) -> dict[str, Base]:
    """The bases with their bundles read (a base that cannot be read is dropped: its shard is indexed whole)."""
    read: dict[str, Base] = {}
    for name, base in bases.items():
        try:
            read[name] = base.read(layouts)
        except BundleFormatError:
            pass
    return read


def _kept_records(wanted: set[str], keys: Mapping[str, str], cache: Path | None) -> dict[str, str]:
    """The records of `wanted` kept from the last build."""
    return {rel: found for rel in sorted(wanted) if (found := kept(cache, keys.get(rel))) is not None}


def _records_as_written(lines: IO[str], site_dir: Path, wanted: set[str], keys: Mapping[str, str],
                        cache: Path | None, prepared: dict[str, str]) -> dict[str, str] | None:
    """`prepared` (the kept records) with the record of each written page of `wanted` made as the
    parent names it; None if it stopped first. A record made that goes into the cache is read
    back later; only uncached ones are kept here. Once every page of `wanted` not prepared is
    made, the index need not wait for the parent's other pages (after one edit: one page, written
    while most of the site is still rendered); their names are read on (`_drain`), not waited for.
    Never before the parent's first line: it writes none before its site folder is settled (the
    carried-over shards linked into it), which the index writes into."""
    needed = wanted - prepared.keys()
    for line in lines:
        line = line.rstrip("\n")
        if line == _DONE:
            return prepared
        if line.startswith(_WRITTEN) and (rel := line[len(_WRITTEN):]) in wanted and rel not in prepared:
            made = record(site_dir, rel, cache, keys.get(rel))
            if cache is None or rel not in keys:
                prepared[rel] = made
            needed.discard(rel)
        if not needed:
            break
    else:
        return None  # the parent stopped before `done`
    threading.Thread(target=_drain, args=(lines,), daemon=True).start()
    return prepared


def _drain(lines: IO[str]) -> None:
    """Read the parent's last lines, so that it is never blocked writing them."""
    for _line in lines:
        pass


def main(argv: list[str]) -> int:
    # A shard's postings are millions of small acyclic lists and tuples; the cyclic collector
    # would scan them again and again as they are made (decoding a 3,900-page shard: 10.5 s
    # with it, 2.4 s without). This short-lived child makes no cycles worth collecting.
    gc.disable()
    site_dir, plan = Path(argv[0]), Path(argv[1])
    excerpts.prepare()
    told = sys.stdin.readline()  # started early (Child): its imports are done meanwhile
    if told.rstrip("\n") != _PLAN:
        return 0  # let go (Child.close): nothing to index
    plan_data = json.loads(plan.read_text("utf-8"))
    cache, out_root = plan_data["record_cache"], plan_data.get("out_root")
    record_cache = Path(cache) if cache else None
    layouts = Path(plan_data["layouts"]) if plan_data.get("layouts") else None
    bases = {name: Base(Path(folder), frozenset(pages)) for name, (folder, pages) in plan_data.get("bases", {}).items()}
    prepared: dict[str, str] | None = {}
    tallies: dict[str, tuple[Tally, frozenset[str]]] = {}
    if plan_data.get("streamed"):
        bases = _read_ahead(bases, layouts)
        keys = plan_data["record_keys"]
        updated = {name: pages for name, pages in plan_data["shards"].items() if name not in plan_data["reused"]}
        # while the parent still renders the changed pages: the shards' tallies brought up to date
        tallies = {name: counted for name, pages in updated.items() if name in bases
                   and (counted := tally.of_base(bases[name], pages, keys, record_cache, layouts)) is not None}
        counted_unread = {rel for _tally, kept_pages in tallies.values() for rel in kept_pages}
        wanted = {rel for pages in updated.values() for rel in pages} - counted_unread
        # the kept records of the others, read and counted
        prepared = _kept_records(wanted, keys, record_cache)
        for name, pages in updated.items():
            if name not in tallies:
                tallies[name] = (Tally.of({rel: prepared[rel] for rel in pages if rel in prepared}, keys), frozenset())
        prepared = _records_as_written(sys.stdin, site_dir, wanted, plan_data["record_keys"], record_cache, prepared)
        if prepared is None:
            return ABANDONED
    later: list[Callable[[], None]] = []  # the layouts for the next build: written after the report
    report = build_index(site_dir, plan_data["shards"], quiet=True, reused=plan_data["reused"],
                         record_keys=plan_data["record_keys"], record_cache=record_cache,
                         out_root=Path(out_root) if out_root else None, bases=bases, prepared=prepared, layouts=layouts,
                         on_shard=lambda name: print(_SHARD + name, flush=True), later=later, tallies=tallies,
                         measure=False)
    data = asdict(report)
    data["total_pages"] = report.total_pages
    data["indexed_pages"] = report.indexed_pages
    data["peak_rss_kb"] = report.peak_rss_kb
    print(_REPORT + json.dumps(data, ensure_ascii=False), flush=True)
    for step in later:  # the parent goes on meanwhile (Child: the report is its answer)
        step()
    try:
        sys.stdout.flush()
    except OSError:
        pass  # the parent has what it needed
    os._exit(0)  # nothing is left to close: the parent may be waiting (Child.wait), not for the heap to be freed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
