"""`mkdocs serve` only: the search index is finished after the browser has reloaded.

MkDocs tells the browser to reload when the build returns; re-indexing a changed search
shard takes seconds more. So under serve the index is made in a staging folder beside
the site, in a thread, while the reloaded preview searches with the last build's
bundle; when it is done, the new bundle replaces that one by renaming folders, so no
reader ever sees a half-written pagefind/. A newer rebuild stops an index still running
(it indexes again itself). A failure is said in the terminal, in Chinese, and its shards
are not recorded as reusable, so the next rebuild indexes them again.

`mkdocs build` never comes here: it waits for its index and fails when the index fails.
A mkdocs.yml MkDocs cannot read (its YAML) is shown in the browser too (gkml.build.rebuilding).
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from gkml.build import incremental
from gkml.build.atomic import discard, exchange
from gkml.build.rebuilding import DocsFolderWatch
from gkml.build.search_index import SearchIndexing
from gkml.build.search_run import SearchRun
from gkml.build.whereabouts import Whereabouts
from gkml.config import GkmlConfig
from gkml.content.problems import Problem
from gkml.search.cancelling import Cancellation, Cancelled
from gkml.search.pagefind import PAGEFIND_DIR
from gkml.site import livereload

log = logging.getLogger("mkdocs.plugins.gkml")


def watch(server: Any, root: Path, options: GkmlConfig) -> None:
    """MkDocs' serve told to watch gkml's own inputs too (watched)."""
    for path in watched(root, options):
        server.watch(str(path))


def watched(root: Path, options: GkmlConfig) -> list[Path]:
    """gkml's own inputs outside the docs folder and mkdocs.yml, the only ones MkDocs' serve
    watches: the profile, the ledger and the footer's badge (else a saved profile would change
    nothing in the preview until some document was saved too)."""
    named = [options.profile, options.ledger, options.identification.badge]
    return [path for name in named if name and (path := root / name).is_file()]


def nothing_to_walk(cache_dir: Path) -> str:
    """The empty folder MkDocs walks instead of the docs folder while the preview shows only
    problems: it follows links as it walks (a link to a folder above, a loop), before any plugin
    can drop the files it found."""
    empty = cache_dir / "serve-nothing"
    empty.mkdir(parents=True, exist_ok=True)
    return str(empty)


def show_unreadable_config(site_dir: Path, kept: Path | None, problems: list[str]) -> Path | None:
    """The preview's every address showing `problems`; the last output set aside (returned) for
    the rebuild after the fix to carry over from, as a rebuild refused by gkml keeps it."""
    for problem in problems:
        log.error(problem)
    kept = incremental.set_aside(site_dir, kept)
    livereload.write_error_page(site_dir, problems, f"mkdocs.yml 有 {len(problems)} 个问题，无法读取，未生成网站。请先修正。")
    return kept


def stand_in(previous: Path | None) -> Path | None:
    """The last build's search bundle, which can serve the preview while the new one is made."""
    bundle = previous / PAGEFIND_DIR if previous else None
    return bundle if bundle and (bundle / "shards.json").is_file() else None


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


class Serving:
    """`mkdocs serve`'s state between rebuilds (the plugin outlives them)."""

    def __init__(self) -> None:
        self.search: PreviewSearch | None = None  # the last rebuild's index, maybe still running
        self.kept_aside: Path | None = None  # the last output, set aside by a rebuild that showed only problems
        self.open_todos: dict[str, list[str]] = {}  # each document's notices (open TODOs, blank fields), on its page
        self.docs_folder: DocsFolderWatch | None = None  # the docs folder itself, watched (on_serve)
        self.whereabouts = Whereabouts()  # the addresses documents were shown at

    def stop_search(self) -> None:
        if self.search is not None:
            self.search.cancel()
            self.search = None

    def stop(self) -> None:
        """serve stopped (also the end of `mkdocs build`): the index stopped, and the output
        set aside while the preview showed problems removed."""
        self.stop_search()
        incremental.discard_set_aside(self.kept_aside, None)
        if self.docs_folder is not None:
            self.docs_folder.stop()

    def last_output(self, site_dir: Path, final: Path | None, *, aside: bool) -> Path | None:
        """The last site (incremental.last_output), taken from where a rebuild kept it aside."""
        previous = incremental.last_output(site_dir, final, self.kept_aside, aside=aside)
        self.kept_aside = None
        return previous

    def show_notices(self, notices: Iterable[Problem], shown_docs: str) -> None:
        """The check's notices (TODOs, blank optional fields), shown on their documents' pages
        (`shown_docs`: the docs folder as the notices' paths begin, livereload.todos_by_page)."""
        self.open_todos = livereload.todos_by_page(((n.path, n.format()) for n in notices), shown_docs)

    def with_notices(self, output: str, src_uri: str) -> str:
        """A page's HTML with its document's open notices shown (show_notices), if it has any."""
        todos = self.open_todos.get(src_uri)
        return livereload.with_open_todos(output, todos) if todos else output

    def show_refusal(self, site_dir: Path, problems: list[str], summary: str) -> None:
        """A rebuild gkml refused (its options, profile or documents): the problems at every
        address, with the documents the preview showed whose files are gone."""
        livereload.write_error_page(site_dir, problems, summary,
                                    [(shown.title, shown.src_path) for shown in self.whereabouts.deleted()])

    def show_only(self, site_dir: Path, problems: list[str]) -> None:
        """A mkdocs.yml MkDocs cannot read, shown in the browser instead of the site."""
        self.stop_search()  # it writes into the folder set aside
        self.kept_aside = show_unreadable_config(site_dir, self.kept_aside, problems)

    def start_search_when_documents_are_written(self, search: SearchRun, options: GkmlConfig,
                                                stand_in: Callable[[], Path | None], site_dir: Path, expected: int,
                                                indexing: Callable[[Path], SearchIndexing]) -> None:
        if self.search is None:
            self.search = start_when_documents_are_written(search, options, stand_in, site_dir, expected, indexing)


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
