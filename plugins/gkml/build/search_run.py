"""One `mkdocs build`'s search index, from the child started before the check to the
shards recorded for the next build (MkDocs glue; the plugin tells it where the build is).

The indexing child (gkml.search.worker) starts before the documents are checked, so its
start-up is not waited for. It is given its plan once every document's key is made (the
search indexes only documents; the plugin calls `start` then, else once every key is),
reads the bases of the shards it updates, and makes each document's record as MkDocs
writes the page: a page is on disk once MkDocs starts the next one (`page_started`) or
the build's last step. After it answers, the child writes the layouts the next build
reads; `finish` waits for that last.

`mkdocs serve` after its first build indexes after the reload instead (gkml.build.preview):
no child is started, and `start` is not called.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError

from gkml.build.progress import StatusLine
from gkml.build.search_index import SearchIndexing, SearchReuseError
from gkml.search.cancelling import Cancellation
from gkml.search.worker import Child, IndexingFailed

log = logging.getLogger("mkdocs.plugins.gkml")


class SearchRun:
    def __init__(self, site_dir: Path, *, child: bool) -> None:
        """`child`: start the indexing child now (mkdocs build, search on)."""
        self.cancel = Cancellation()
        self.child: Child | None = Child(site_dir, self.cancel) if child else None
        self.started = False
        self.job: Future[int] | None = None
        self.indexing: SearchIndexing | None = None  # once started
        self.unlinked: SearchIndexing | None = None  # its carried shards, still to be linked
        self.finishing: Child | None = None  # answered; writes the layouts for the next build
        self.on_disk: queue.Queue[str | None] = queue.Queue()  # documents written, None once all are
        self.pool: ThreadPoolExecutor | None = None
        self.to_write: int | None = None  # documents MkDocs renders: known once every key is made
        self.written = 0
        self.written_last: str | None = None  # the document MkDocs is writing: on disk at the next page
        self.all_on_disk = False

    def drop(self) -> None:
        """No index this build (search off, the preview's, or nothing to build): the child goes."""
        self.started = True
        child, self.child = self.child, None
        if child is not None:
            child.close()

    def begin(self, wanted: bool, stand_in: Callable[[], object], indexing: Callable[[], SearchIndexing],
              status: StatusLine) -> None:
        """The indexing thread, given the plan (`start`), unless the search is off (`wanted`) or
        the preview's last bundle serves while the index is made after the reload (`stand_in`,
        gkml.build.preview): then none."""
        if self.started:
            return
        if not wanted or stand_in() is not None:
            self.drop()
            return
        self.start(indexing(), status)

    def start(self, indexing: SearchIndexing, status: StatusLine) -> None:
        """The indexing thread, given the plan (once: later calls do nothing)."""
        if self.started:
            return
        self.started = True
        reused = indexing.choose()
        # linked in link_reused, not in the indexing thread: linking thousands of files there,
        # while MkDocs renders, waits for the interpreter lock at every file (an added document
        # at 10k: 0.5 s in the main thread, 4.3 s there); and only once the site folder is settled
        self.unlinked = self.indexing = indexing
        child, self.child = self.child, None
        self.finishing = child
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gkml-search")
        self.job = self.pool.submit(self._index, indexing, reused, iter(self.on_disk.get, None), child, status)

    def link_reused(self) -> None:
        """Once the carry-over is done (it may empty the site folder): the shards carried over,
        which the child reads only once the pages are written."""
        indexing, self.unlinked = self.unlinked, None
        if indexing is None:
            return
        try:
            indexing.link_reused()
        except SearchReuseError as error:
            raise PluginError(f"上次构建的检索索引（{error}）在本次构建中被改动，请重新构建。") from None

    def documents_to_write(self, count: int) -> None:
        self.to_write = count
        self.page_started()  # none to write: told now

    def document_written(self, dest_uri: str) -> None:
        """MkDocs has rendered a document's page; it writes it after the plugin's last hook."""
        self.written += 1
        self.written_last = dest_uri

    def page_started(self) -> None:
        """Called when MkDocs starts a page (the last one is on disk) and after the last one."""
        if self.job is None or self.all_on_disk or self.to_write is None:
            return  # not yet started, or the pages to write are not known yet
        if self.written_last is not None:
            self.on_disk.put(self.written_last)
            self.written_last = None
        if self.written == self.to_write:
            self.on_disk.put(None)
            self.all_on_disk = True

    def every_document_written(self) -> bool:
        return self.written == self.to_write

    def records(self) -> int | None:
        """The records indexed (waits for the index; None: no index made by this run)."""
        if self.job is None:
            return None
        try:
            records = self.job.result()
        except IndexingFailed as error:
            raise PluginError(failed_indexing(error)) from None
        if self.pool is not None:
            self.pool.shutdown()
        return records

    def finish(self) -> None:
        """After records(): the caches no build needs are pruned while the child writes what
        the next build reads, then the child is waited for."""
        if self.indexing is not None:
            self.indexing.prune()
        if self.finishing is not None:
            self.finishing.wait()

    def abort(self) -> None:
        """The build failed: the child is stopped and the indexing thread let finish."""
        if self.child is not None:  # failed before the indexing started
            self.cancel.cancel()
            self.drop()
        if self.job is not None:
            self.cancel.cancel()
            self.on_disk.put(None)  # no more pages: the indexing thread stops waiting for them
            self.job.exception()  # let the indexer finish before its folders are removed

    def _index(self, indexing: SearchIndexing, reused: int, written: Iterator[str], child: Child | None,
               status: StatusLine) -> int:
        """The indexing thread: the child indexes the shards not reused, then they are recorded."""
        quiet = log.getEffectiveLevel() > logging.INFO
        shards = len(indexing.shards)
        indexed = status.counter("检索分片").start(shards)
        indexing.prepare()
        report = indexing.index(lambda _name: indexed.advance(), self.cancel, written, child)
        indexing.record()
        if not quiet:
            log.info(f"gkml: 检索索引 {report['total_pages']} 条记录，{shards} 个分片"
                     + (f"（沿用 {reused} 个）" if reused else "")
                     + f"，其中 {report['indexed_pages']} 条新做索引，用时 {report['seconds']:.1f} 秒")
        return int(report["total_pages"])  # type: ignore[call-overload]


def failed_indexing(error: IndexingFailed) -> str:
    """What the editor is told: the site is not published, the last one stands, what to do."""
    how = (f"索引进程被终止（信号 {-error.status}）" if error.status < 0
           else f"索引进程出错退出（退出码 {error.status}）" + (f"：{error.last_line}" if error.last_line else ""))
    return (f"检索索引没有生成，{how}。本次构建的网站没有发布，原来的网站（如有）保持不变。"
            "请确认磁盘空间充足后重新运行 mkdocs build；再次失败时请把以上信息交给技术人员。")
