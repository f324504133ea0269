"""The indexing child (search.worker) starts the index once the pages it must read are
written, not when the parent has written its last page: after one edit, the child indexes
while the parent still renders the listings."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from gkml.search.recordcache import kept
from support import SEARCH_TITLES, search_records

_TIMEOUT = 60  # a hang guard


def _page(n: int, title: str) -> str:
    return (f'<!doctype html><html><body><article data-gkml-sort="2024-01-{n + 10:02d}T08:00">'
            f'<h1 data-gkml-text="title">{title}</h1><div data-gkml-text="body"><p>{title}的正文，第{n}号。</p></div>'
            f'<span data-gkml-meta="索引号">002986620/2024-{n:05d}</span>'
            f'<span data-gkml-filter="年份">2024</span></article></body></html>')


def _child(tmp_path: Path, cached: dict[str, str], pages: list[str]) -> subprocess.Popen[str]:
    """A child told its plan: index shard `s` of `pages`, the records of `cached` in the cache."""
    site, cache = tmp_path / "site", tmp_path / "records"
    cache.mkdir(parents=True)
    keys = {rel: hashlib.sha256(rel.encode()).hexdigest() for rel in pages}
    for rel, text in cached.items():
        (cache / f"{keys[rel]}.html").write_text(f"{hashlib.sha256(text.encode()).hexdigest()}\n{text}", "utf-8")
        assert kept(cache, keys[rel]) == text
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"shards": {"s": pages}, "reused": {}, "record_keys": keys, "record_cache": str(cache),
                                "out_root": None, "layouts": None, "bases": {}, "streamed": True}), "utf-8")
    child = subprocess.Popen([sys.executable, "-m", "gkml.search.worker", str(site), str(plan)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert child.stdin is not None
    child.stdin.write("plan\n")
    child.stdin.flush()
    return child


def _report(child: subprocess.Popen[str]) -> dict[str, object] | None:
    """The child's report, read with a hang guard (None: none came)."""
    found: list[dict[str, object]] = []

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("report "):
                found.append(json.loads(line[len("report "):]))
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(_TIMEOUT)
    return found[0] if found else None


def test_with_every_record_kept_the_child_indexes_at_the_parents_first_page_not_before(tmp_path: Path) -> None:
    cached = search_records(dict(enumerate(SEARCH_TITLES)))
    (tmp_path / "site").mkdir()
    child = _child(tmp_path, cached, sorted(cached))
    assert child.stdin is not None
    try:
        # the parent's site folder is not settled before its first line (carried-over shards are
        # linked into it): nothing may be written there meanwhile
        with pytest.raises(subprocess.TimeoutExpired):
            child.wait(3)
        assert not (tmp_path / "site" / "pagefind").exists()
        child.stdin.write("written pages/listing-0/index.html\n")
        child.stdin.flush()
        report = _report(child)  # no `done`
        assert report is not None and report["total_pages"] == len(cached)
        assert (tmp_path / "site" / "pagefind" / "shards.json").is_file()
    finally:
        child.kill()
        child.wait()


def test_the_child_indexes_once_its_changed_page_is_written_and_reads_the_parents_other_names(tmp_path: Path) -> None:
    cached = search_records(dict(enumerate(SEARCH_TITLES)))
    changed = "doc/002/index.html"
    page = tmp_path / "site" / changed
    page.parent.mkdir(parents=True)
    page.write_text(_page(2, "非煤矿山安全专项整治"), "utf-8")
    del cached[changed]
    child = _child(tmp_path, cached, sorted([*cached, changed]))
    assert child.stdin is not None
    try:
        child.stdin.write(f"written {changed}\n")
        child.stdin.flush()
        report = _report(child)  # the parent has more pages to write: no `done` yet
        assert report is not None and report["total_pages"] == len(cached) + 1
        try:  # the parent's other pages: read on while the child lives, never blocking the parent
            for n in range(2000):
                child.stdin.write(f"written pages/listing-{n}/index.html\n")
            child.stdin.write("done\n")
            child.stdin.close()
        except BrokenPipeError:
            pass  # the child is done and gone (the parent ignores this too)
        assert child.wait(_TIMEOUT) == 0
    finally:
        child.kill()
        child.wait()
