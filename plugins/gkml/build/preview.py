"""`mkdocs serve` only: the search index is finished after the browser has reloaded.

MkDocs tells the browser to reload when the build returns; re-indexing a changed search
shard takes seconds more. So under serve the index is made in a staging folder beside
the site, in a thread, while the reloaded preview searches with the last build's
bundle; when it is done, the new bundle replaces that one by renaming folders, so no
reader ever sees a half-written pagefind/. A newer rebuild stops an index still running
(it indexes again itself). A failure is said in the terminal, in Chinese, and its shards
are not recorded as reusable, so the next rebuild indexes them again.

`mkdocs build` never comes here: it waits for its index and fails when the index fails.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from gkml.build.atomic import discard, exchange
from gkml.build.search_index import SearchIndexing
from gkml.build.search_run import SearchRun
from gkml.config import GkmlConfig
from gkml.search.cancelling import Cancellation, Cancelled
from gkml.search.pagefind import PAGEFIND_DIR

log = logging.getLogger("mkdocs.plugins.gkml")


def stand_in(previous: Path | None) -> Path | None:
    """The last build's search bundle, which can serve the preview while the new one is made."""
    bundle = previous / PAGEFIND_DIR if previous else None
    return bundle if bundle and (bundle / "shards.json").is_file() else None


def serve_stand_in(previous: Path | None, options: GkmlConfig, *, serve: bool) -> Path | None:
    """serve, after its first build: the last bundle, which serves while the index is made after
    the reload. None under `mkdocs build`, and for an offline site: its file:// search is made from
    the finished index (gkml.build.publishing), so its serve waits for the index as a build does."""
    return stand_in(previous) if serve and not options.offline else None


def start_when_documents_are_written(search: SearchRun, options: GkmlConfig, stand_in: Callable[[], Path | None],
                                     site_dir: Path, expected: int,
                                     indexing: Callable[[Path], SearchIndexing]) -> PreviewSearch | None:
    """serve: once the last document is on disk, the index is made in the background (`stand_in`:
    the last bundle, serving meanwhile); the browser reloads before it is done. None: not now."""
    if search.job or not options.search or not search.every_document_written():
        return None
    found = stand_in()
    if found is None:
        return None
    preview = PreviewSearch(site_dir, found, expected)
    preview.start(indexing)
    return preview


class PreviewSearch:
    """One rebuild's search index, finished in the background."""

    def __init__(self, site_dir: Path, stand_in: Path, expected: int) -> None:
        self.site_dir = site_dir
        self.stand_in = stand_in  # the last build's bundle: moved into the site while indexing
        self.expected = expected  # records: one per published document
        for stale in site_dir.parent.glob(site_dir.name + ".gkml-search-*"):  # an earlier run's, if it was killed
            if "-trash-" not in stale.name:  # those are being deleted already
                shutil.rmtree(stale, ignore_errors=True)
        # one name per rebuild: where a stopped indexer cannot be killed with its Pagefind
        # process (not POSIX), that process may still write into the old one
        self.staging = site_dir.with_name(f"{site_dir.name}.gkml-search-{uuid.uuid4().hex[:8]}")
        self.cancellation = Cancellation()
        self.lock = threading.Lock()  # the swap, the state, and the build's records (CarryOver) after reuse
        self.reused = threading.Event()  # the last build's folder is no longer read
        self.state = "indexing"  # then "done", "failed" or "cancelled"
        self.error = ""
        self.publish: Callable[[], None] | None = None  # set once the build has returned
        self.thread: threading.Thread | None = None
        self.publishing: threading.Thread | None = None  # the first publish, beside the browser's reload

    def start(self, indexing: Callable[[Path], SearchIndexing]) -> None:
        """Index in a thread; `indexing(bundle_root)` makes the SearchIndexing for the staging folder."""
        self.thread = threading.Thread(target=self._run, args=(indexing(self.staging),),
                                       name="gkml-preview-search", daemon=True)
        self.thread.start()

    def _run(self, indexing: SearchIndexing) -> None:
        started = time.monotonic()
        report: dict[str, object] | None = None
        try:
            indexing.reuse()
            self.reused.set()
            report = indexing.index(lambda _shard: None, cancel=self.cancellation)
            if report["total_pages"] != self.expected:
                raise RuntimeError(f"检索索引有 {report['total_pages']} 条记录，应为 {self.expected} 条")
        except Cancelled:
            pass
        except Exception as error:  # noqa: BLE001 (any failure: said in the terminal, never a stuck preview)
            self.error = str(error).strip() or type(error).__name__
        finally:
            self.reused.set()
        with self.lock:
            if self.cancellation.requested:
                self.state = "cancelled"
            elif report is not None and not self.error:
                try:
                    indexing.record()
                    indexing.prune()
                    self._swap()
                    self.state = "done"
                except OSError as error:
                    self.error = str(error)
            if self.error:
                self.state = "failed"
            if self.publish is not None:  # the browser already shows the pages
                self._tell(time.monotonic() - started)
                if self.state == "done":
                    self._published()
        discard(self.staging)

    def _published(self) -> None:
        """Run `publish` (the lock held): a failure is said in the terminal and costs the next
        rebuild only time (without a manifest it carries nothing over)."""
        assert self.publish is not None
        try:
            self.publish()
        except Exception as error:  # noqa: BLE001 (any failure: said in the terminal, costs only time)
            log.error(f"gkml: 预览网站的清单没有写成，下次保存会重新生成全部页面。原因：{error}")

    def _publish_first(self) -> None:
        with self.lock:
            self._published()

    def _swap(self) -> None:
        final, staged = self.site_dir / PAGEFIND_DIR, self.staging / PAGEFIND_DIR
        # in one step where the system can: between two renames the preview's server found
        # pagefind/shards.json, then not (a 500 and a traceback in the terminal, a search failing)
        if not (final.exists() and exchange(staged, final)):
            if final.exists():
                final.rename(self.staging / "replaced")
            staged.rename(final)
        discard(self.staging)  # at once: the preview may be stopped while the manifest is written

    def _tell(self, seconds: float) -> None:
        if self.state == "done":
            log.info(f"gkml: 预览的检索索引已更新，用时 {seconds:.1f} 秒")
        elif self.state == "failed":
            log.error(f"gkml: 检索索引没有更新，预览中的检索仍是修改之前的内容；再次保存文件会重新生成。原因：{self.error}")

    def show(self, publish: Callable[[], None]) -> None:
        """The build returns and the browser reloads: until the new bundle is in place, the
        last one serves the preview. `publish` writes what describes the finished site
        (contract, carry-over manifest): it starts now, beside the reload (the browser does not
        wait for it), and runs again once the new bundle is in; the next rebuild waits for it."""
        self.reused.wait()
        with self.lock:
            final = self.site_dir / PAGEFIND_DIR
            if self.state != "done" and not final.exists():
                try:
                    self.stand_in.rename(final)
                except OSError:
                    pass  # no search until the new bundle is in place
            if self.state == "failed":
                self._tell(0)
            self.publish = publish
        self.publishing = threading.Thread(target=self._publish_first, name="gkml-preview-publish", daemon=True)
        self.publishing.start()

    def cancel(self) -> None:
        """A newer rebuild starts (or the preview stops): stop indexing, remove the staging
        folder; the first publish is finished, not stopped (the rebuild carries over by its manifest)."""
        self.cancellation.cancel()
        if self.publishing is not None:
            self.publishing.join()
        if self.thread is not None:
            self.thread.join()
        discard(self.staging)
