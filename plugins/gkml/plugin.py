"""MkDocs glue: validate before anything renders, then hand MkDocs the catalogue's pages.

Each event hands the build's state to the build/ module of its step (ARCHITECTURE.md names
them in the order MkDocs runs them); what lives here is that state, kept between events and,
under `mkdocs serve`, between rebuilds. Only the public MkDocs 1.6 plugin API is used, so
ProperDocs can stand in.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from gkml.build import (
    carrying,
    configuring,
    environment,
    failure,
    incremental,
    memos,
    preview,
    rebuilding,
    serving,
    spare,
)
from gkml.build.assembly import (
    assemble,
    catalogue_counts,
    published_copies,
)
from gkml.build.atomic import AtomicOutput
from gkml.build.carryover import CarryOver
from gkml.build.checking import check_documents, refused
from gkml.build.gate import as_of
from gkml.build.linker import LinkingAhead
from gkml.build.memory import release_free_memory, settle, tidy_later
from gkml.build.pages import (
    Addressable,
    name_online,
    page_content,
    page_markdown,
    page_source,
    page_view,
)
from gkml.build.progress import build_status_line
from gkml.build.publishing import verify_and_publish
from gkml.build.search_index import SearchIndexing, search_shards
from gkml.build.search_run import SearchRun
from gkml.build.sitemap import prepare, record_sitemap
from gkml.build.template_page import template_pages
from gkml.config import GkmlConfig, Project
from gkml.content.body import LinkTargets
from gkml.content.problems import shown_path
from gkml.content.todos import todo_summary
from gkml.fingerprint import SharedDigests
from gkml.site.listing_rows import RowTexts
from gkml.site.routes import Routes

log = logging.getLogger("mkdocs.plugins.gkml")


class GkmlPlugin(BasePlugin):  # type: ignore[type-arg]
    supports_multiple_instances = False
    # gkml's own schema, not a MkDocs Config (gkml check reads it without loading MkDocs'): MkDocs
    # takes it from load_config below, its public way for a plugin to read its options
    config: GkmlConfig  # type: ignore[assignment]

    # one build's state, kept between its events (the rest is set by the event that makes it)
    command = "build"  # or serve (mkdocs serve), gh-deploy
    row_texts: RowTexts | None = None  # this build's rendered listing rows
    row_keys: memos.RowKeys | None = None  # this build's listing rows by digest (incremental)
    document_keys: memos.DocumentKeys | None = None  # document pages' keys kept across builds (incremental)
    link_targets: LinkTargets | None = None  # their bodies' link targets, by bytes (incremental)
    output: AtomicOutput | None = None  # mkdocs build: the site folder swapped in at the end
    search: SearchRun  # this build's index (mkdocs build; serve's first build), from on_pre_build
    ahead: LinkingAhead | None = None  # the last site linked from the start (gkml.build.linker)
    sitemap_key: str | None = None  # the sitemap MkDocs writes this build is recorded by it
    sitemap_parts: Mapping[str, str] = MappingProxyType({})  # past one file's bounds, the sitemap index's parts
    mirroring: spare.Mirroring | None = None  # this site's pages linked into the next build's spare

    def __init__(self) -> None:
        super().__init__()
        self.serving = serving.Serving()  # serve's state between rebuilds

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[list[Any], list[Any]]:
        """The typed options, each mistake located; under serve shown in the preview (gkml.build.configuring)."""
        self.config, self.option_problems, errors, warnings = configuring.load_options(
            options, config_file_path, serve=self.command == "serve")
        return errors, warnings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        serving.watch(server, self.root, self.config)
        rebuilding.keep_preview(server, builder, Path(config.config_file_path), lambda problems: (
            self.serving.show_only(Path(config.site_dir), problems)))
        self.serving.docs_folder = rebuilding.follow_docs_folder(server, Path(config.config_file_path),
                                                                 self.root / self.config.cache_dir)
        return server

    def on_shutdown(self) -> None:
        self.serving.stop()  # serve stopped, maybe while it showed problems
        # `mkdocs build` exits next: the collector would walk the whole heap once more on the
        # way out for nothing (10k documents: 0.2 s of a 3.4 s edit's build)
        settle()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        # what absolute addresses name, in a copy too: by them its pages name their addresses online
        self.online_routes = Routes(config.use_directory_urls)
        self.broken: configuring.Broken | None  # serve only: the problems shown instead of the site
        self.profile, self.broken = configuring.read_profile(self.config, self.root, Path(config.config_file_path),
                                                             self.option_problems, serve=self.command == "serve",
                                                             site_name=config.site_name)
        if self.broken:
            return config
        configuring.configure(config, self.config)
        self.final_site = Path(config.site_dir)  # told of a failed write before the output is set up
        self.output = spare.site_output(config, self.root / self.config.cache_dir, self.config) if self.command == "build" else None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Check every file of the docs folder before MkDocs walks it (gkml.build.checking)."""
        self.serving.rebuild_begins()
        settle()  # the modules and the configuration
        # the indexing child starts now, while the documents are checked and the keys made
        self.search = SearchRun(Path(config.site_dir), child=bool(self.output and self.config.search and not self.broken))
        self.previous_output = self.serving.last_output(Path(config.site_dir), self.output.final if self.output else None,
                                                        aside=bool(self.broken or self.config.incremental))
        if self.broken:  # the options or the profile: nothing else can be checked
            self.serving.keep_aside(self.previous_output)
            return
        spare_at = self.output.spare if self.output else self.serving.spare_for(config, self.config)
        self.ahead = carrying.link_ahead(self.previous_output, Path(config.site_dir), self._manifest_path(config),
                                         spare_at, self.config, build=self.output is not None)
        self.project = Project(self.root, Path(config.docs_dir), self.config, self.profile,
                               site_url=config.site_url or "", use_directory_urls=config.use_directory_urls)
        self.now = as_of(self.config)
        checked = check_documents(self.project, self.now, config, settle)
        self.checked, self.source_digests, self.meta_digests = checked.result, checked.source_digests, checked.meta_digests
        self.broken = refused(self.checked, serve=self.command == "serve")
        if self.broken:
            self.serving.keep_aside(self.previous_output)
            config.docs_dir = serving.nothing_to_walk(self.root / self.config.cache_dir)  # a link in it, maybe
            return
        if self.command == "serve":  # the notices shown on their pages too (TODOs, blank optional fields)
            self.serving.show_notices(self.checked.notices, shown_path(self.project.docs_dir, self.root))
        settle()  # the documents

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.broken:
            self._let_ahead_go()
            self.search.drop()
            config.theme.static_templates.clear()
            return Files([])
        self.summaries = (memos.summaries(self.root / self.config.cache_dir, config.markdown_extensions, config.mdx_configs)
                          if self.config.incremental else None)
        files, built = assemble(files, config, self.config, self.project, self.checked, self.now, self.summaries,
                                lambda: published_copies(self.root, self.config), self.online_routes)
        self.site, self.documents, self.generated = built.site, built.documents, built.generated
        self.snapshot, self.sitemap, self.site_globals = built.snapshot, built.sitemap, built.globals  # snapshot: gkml offline
        self.contexts: dict[str, dict[str, Any]] = {}
        self.row_digests = SharedDigests()  # listing rows' digests: in page keys and the rows' memo
        self.row_keys = self.document_keys = self.link_targets = None
        self.addressable = Addressable.of(files, self.site, self.checked, self.config.catalogue_dir)
        self.status = build_status_line(log)
        self.carry: CarryOver | None = None  # set as it is opened: the search may start once the documents are keyed
        kept = carrying.carry_over(
            files, config, self.config, self.root, own=self, built=built, manifest=self._manifest_path(config),
            previous=self.previous_output, documents=self.checked.documents, sources=self.source_digests,
            meta_digests=self.meta_digests, contexts=self.contexts, row_digests=self.row_digests,
            hidden=self.addressable.hidden, opened=lambda carry: setattr(self, "carry", carry),
            take_ahead=self._take_ahead, documents_keyed=lambda: self._start_search(config))
        if kept is not None:
            self.row_keys, self.document_keys, self.link_targets = kept.row_keys, kept.document_keys, kept.link_targets
        self._let_ahead_go()  # not taken (nothing is carried over): nothing of it may stay
        log.info(catalogue_counts(self.site))
        to_render = files.documentation_pages()  # not those carried over
        template_pages(to_render, self.generated, config)
        self.pages_written = self.status.counter("生成页面").start(len(to_render))
        self._start_search(config)  # unless started once the documents' keys were made
        self.search.link_reused()  # the site folder is settled
        self.search.documents_to_write(sum(1 for f in to_render if f.src_uri in self.documents))
        settle()  # the catalogue, the files and their keys
        return files

    def _start_search(self, config: MkDocsConfig) -> None:
        """The index started as soon as every document's key is made, else once every key is (SearchRun.begin)."""
        self.search.begin(bool(self.config.search), self._preview_stand_in, lambda: self._indexing(config), self.status)

    def _indexing(self, config: MkDocsConfig, bundle_root: Path | None = None) -> SearchIndexing:
        return SearchIndexing(self.carry, Path(config.site_dir), search_shards(self.site, self.config.search_shard_size),
                              self.root / self.config.cache_dir, bundle_root)

    def _let_ahead_go(self) -> None:
        if (ahead := self._take_ahead()) is not None:
            ahead.abandon()

    def _preview_stand_in(self) -> Path | None:
        return preview.serve_stand_in(self.previous_output, self.config, serve=self.command == "serve")

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        return page_source(page.file.src_uri, self.documents, self.generated)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return page_markdown(markdown, page, files, self.documents, self.generated)

    @event_priority(-100)  # last: what any other plugin left is what gets sanitised
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return page_content(html, page, config, self.root, documents=self.documents, generated=self.generated,
                            addressable=self.addressable)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.broken:
            return env
        self.policy = environment.prepare(env, config, self.root / self.config.cache_dir)
        self.row_texts = environment.listing_rows(env, self.root / self.config.cache_dir, self.carry, self.row_keys,
                                                  self.row_digests, self.site)
        env.globals["gkml_site"] = self.site_globals
        self.sitemap_key, self.sitemap_parts = prepare(env, config, files, self.site, self.sitemap, self.carry)
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        name_online(page, config, self.config, self.online_routes)
        self.search.page_started()
        self._start_preview_search_when_documents_are_written(config)
        if (view := page_view(page.file.src_uri, self.site, self.documents, self.generated, self.contexts)) is not None:
            context["gkml"] = view
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # written now: MkDocs reads neither again, and 100,000 pages' texts held until the
        # search index is made took a cold build past 3 GB
        page.markdown, page.content = None, None
        self.pages_written.advance()
        if page.file.src_uri in self.documents:
            self.search.document_written(page.file.dest_uri)
        output = self.serving.with_notices(output, page.file.src_uri)
        return environment.with_policy(self.policy, output, page.file.dest_uri, serve=self.command == "serve")

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        return environment.template_with_policy(self.policy, output, template_name, serve=self.command == "serve")

    def _start_preview_search_when_documents_are_written(self, config: MkDocsConfig) -> None:
        self.serving.start_search_when_documents_are_written(
            self.search, self.config, self._preview_stand_in, Path(config.site_dir),
            len(self.site.catalogue.published), lambda root: self._indexing(config, root))

    @event_priority(-100)  # last: everything else has written into the new site
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.command == "serve":
            tidy_later()  # what this rebuild settled, given back once the browser has its page
        site_dir = Path(config.site_dir)
        if self.broken:
            self.serving.show_refusal(site_dir, *self.broken)
            return
        self.search.page_started()
        record_sitemap(self.carry, self.sitemap_key, site_dir, self.sitemap_parts)
        memos.write_open_data(site_dir, self.site, self.carry, self.root / self.config.cache_dir, self.source_digests)
        self._start_preview_search_when_documents_are_written(config)
        self.mirroring = spare.start_mirroring(self.output, site_dir, self.carry)
        if not spare.keeps_replaced_site(self.carry):  # a site made (mostly) whole: its pages' texts are written and gone
            release_free_memory()
        verify_and_publish(site_dir, self.config, config.site_url or "", self.site, self.carry, self.now,
                           self.search.records, self.serving.search)
        memos.save_memos(self.summaries, self.row_texts, self.site, self.row_keys, self.document_keys, self.link_targets)
        self.search.finish()  # the next build reads what its child writes
        if self.output:
            mirroring, self.mirroring = self.mirroring, None
            spare.swap_in(self.output, self.carry, mirroring)
        else:  # serve: the output set aside is the next rebuild's spare
            self.serving.keep_last(self.previous_output, site_dir, self.carry)
        if self.command == "serve":
            self.serving.tell_whereabouts(site_dir, self.site.catalogue, self.project.docs_dir, self.online_routes)
        if summary := todo_summary(self.checked.notices):
            log.info(f"gkml: {summary}")

    def _take_ahead(self) -> LinkingAhead | None:
        ahead, self.ahead = self.ahead, None
        return ahead

    def _manifest_path(self, config: MkDocsConfig) -> Path:
        return incremental.manifest_path(self.root / self.config.cache_dir, Path(config.site_dir),
                                         self.output.final if self.output else None)

    @event_priority(-100)  # last: it may end the build with the editor's message
    def on_build_error(self, *, error: Exception) -> None:
        ahead = self._take_ahead()
        mirroring, self.mirroring = self.mirroring, None
        failure.clean_up(error, carry=getattr(self, "carry", None), ahead=ahead, mirroring=mirroring,
                         search=getattr(self, "search", None), serving=self.serving, output=self.output,
                         site_dir=getattr(self, "final_site", None))
