"""`mkdocs serve`'s state between rebuilds (the plugin outlives them): the index still being made
after the last reload (gkml.build.preview), the last output set aside while the preview shows
only problems, each document's open notices, the docs folder watched and the addresses documents
were shown at (gkml.build.whereabouts); what serve watches besides the docs folder, and the
problems page shown instead of the site, a mkdocs.yml MkDocs cannot read (its YAML) too
(gkml.build.rebuilding)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from gkml.build import incremental, spare
from gkml.build.atomic import discard
from gkml.build.carryover import CarryOver
from gkml.build.preview import PreviewSearch, start_when_documents_are_written
from gkml.build.rebuilding import DocsFolderWatch
from gkml.build.search_index import SearchIndexing
from gkml.build.search_run import SearchRun
from gkml.build.whereabouts import Whereabouts
from gkml.catalogue.catalogue import Catalogue
from gkml.config import GkmlConfig
from gkml.content.problems import Problem
from gkml.site import livereload
from gkml.site.routes import Routes

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


class Serving:
    """`mkdocs serve`'s state between rebuilds (the plugin outlives them)."""

    def __init__(self) -> None:
        self.search: PreviewSearch | None = None  # the last rebuild's index, maybe still running
        self.kept_aside: Path | None = None  # the last output, set aside by a rebuild that showed only problems
        self.open_todos: dict[str, list[str]] = {}  # each document's notices (open TODOs, blank fields), on its page
        self.docs_folder: DocsFolderWatch | None = None  # the docs folder itself, watched (on_serve)
        self.whereabouts = Whereabouts()  # the addresses documents were shown at
        self.spare: Path | None = None  # the output the last rebuild set aside, the next one's start
        self.mirroring: spare.Mirroring | None = None  # or the last output's pages linked into one

    def rebuild_begins(self) -> None:
        """The last rebuild's index stopped (it reads the folder MkDocs is about to empty), its notices forgotten."""
        self.stop_search()
        self.open_todos = {}

    def keep_aside(self, previous: Path | None) -> None:
        """A rebuild refused: the last output kept for the rebuild after the fix to carry over from."""
        self.kept_aside = previous

    def stop_search(self) -> None:
        if self.search is not None:
            self.search.cancel()
            self.search = None

    def spare_for(self, config: MkDocsConfig, options: GkmlConfig) -> Path | None:
        """The spare a rebuild starts from (gkml.build.spare.serve_spare)."""
        self.spare = spare.serve_spare(Path(config.site_dir), options)
        mirroring, self.mirroring = self.mirroring, None
        if mirroring is not None and self.spare is not None:
            spare.take_mirrored(mirroring, self.spare)
        return self.spare

    def keep_last(self, aside: Path | None, site_dir: Path, carry: CarryOver | None) -> None:
        """A rebuild written: the output it set aside kept as the next one's spare, or its own
        pages linked into one (gkml.build.spare)."""
        if not spare.keep_set_aside(aside, self.spare, carry) and self.spare is not None:
            self.mirroring = spare.start_serve_mirroring(site_dir, self.spare)

    def stop(self) -> None:
        """serve stopped (also the end of `mkdocs build`): the index stopped, and the output
        set aside while the preview showed problems removed, and the spare."""
        self.stop_search()
        incremental.discard_set_aside(self.kept_aside, None)
        mirroring, self.mirroring = self.mirroring, None
        if mirroring is not None:
            mirroring.abandon()
        if self.spare is not None:
            discard(self.spare)
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

    def tell_whereabouts(self, site_dir: Path, catalogue: Catalogue, docs_dir: Path, routes: Routes) -> None:
        """After a rebuild: each address a document left, a page telling where it went or why it is
        gone (every document with a page: the published, the withdrawn's notices)."""
        self.whereabouts.write(site_dir, [*catalogue.published, *catalogue.withdrawn], docs_dir, routes)

    def show_only(self, site_dir: Path, problems: list[str]) -> None:
        """A mkdocs.yml MkDocs cannot read, shown in the browser instead of the site."""
        self.stop_search()  # it writes into the folder set aside
        self.kept_aside = show_unreadable_config(site_dir, self.kept_aside, problems)

    def start_search_when_documents_are_written(self, search: SearchRun, options: GkmlConfig,
                                                stand_in: Callable[[], Path | None], site_dir: Path, expected: int,
                                                indexing: Callable[[Path], SearchIndexing]) -> None:
        if self.search is None:
            self.search = start_when_documents_are_written(search, options, stand_in, site_dir, expected, indexing)
