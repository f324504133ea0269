"""MkDocs glue: validate before anything renders, then hand MkDocs the catalogue's pages.

Only the public MkDocs 1.6 plugin API is used, so ProperDocs can stand in.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from importlib import metadata
from itertools import chain
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from gkml.build import steps as build_steps
from gkml.build.atomic import AtomicOutput
from gkml.build.progress import StatusLine, interactive
from gkml.catalogue.catalogue import build_catalogue
from gkml.catalogue.document import SHANGHAI, Document
from gkml.catalogue.taxonomy import build_taxonomy, taxonomy_specs
from gkml.config import GkmlConfig, resolve_profile
from gkml.content.loader import check_tree
from gkml.outputs import contract, offline, opendata
from gkml.outputs.stats import parse_rules
from gkml.outputs.stats_pages import stats_pages
from gkml.search import pagefind as search
from gkml.site import csp, routes
from gkml.site.generated import GeneratedPage
from gkml.site.identification import badge_path, identification_view
from gkml.site.pages import generated_pages
from gkml.site.routes import Routes, document_path
from gkml.site.tokens import nobr_parts
from gkml.site.views import Site, document_view, iso, zh_date

log = logging.getLogger("mkdocs.plugins.gkml")
TEMPLATES = Path(__file__).parent / "site" / "templates"
ASSETS = Path(__file__).parent / "site" / "assets"


class GkmlPlugin(BasePlugin[GkmlConfig]):
    supports_multiple_instances = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        self.profile = resolve_profile(self.config, self.root)
        if self.config.identification.badge:
            try:
                badge_path(self.config.identification.badge)
            except ValueError as error:
                raise PluginError(str(error)) from None
        theme_dirs = config.theme.dirs
        theme_dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        if self.config.offline:  # file:// has no directory index pages
            config.use_directory_urls = False
        self.output = AtomicOutput(config) if getattr(self, "command", "build") == "build" else None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir)
        chatty = log.getEffectiveLevel() <= logging.INFO and interactive()
        result = check_tree(docs_dir, self.config.catalogue_dir, self.profile, display_prefix=_prefix(docs_dir, self.root),
                            progress=StatusLine(enabled=chatty).counter("检查文件"))
        if result.problems:
            for problem in result.problems:
                log.error(problem.format())
            raise PluginError(f"公开目录中有 {len(result.problems)} 个问题，未生成网站。请先修正（可运行 gkml check 查看）。")
        now = self.now = _build_time(self.config.build_time)
        catalogue = build_catalogue(result.documents, self.profile, now)
        router = Routes(config.use_directory_urls)
        taxonomies = [build_taxonomy(spec, catalogue.published, self.profile.categories)
                      for spec in taxonomy_specs(self.config.taxonomies)]
        guides = {title: files.get_file_from_path(path).url for title, path in self.config.guide_pages.items()
                  if files.get_file_from_path(path)}
        self.site = Site(catalogue, taxonomies, self.profile, self.config.agency, config.site_url or "", guides, router)
        self.documents: dict[str, Document] = {}
        self.generated: dict[str, GeneratedPage] = {}
        files = build_steps.place_catalogue_files(files, config, catalogue, self.config.catalogue_dir, router, self.documents)
        pages = chain(generated_pages(self.site, self.config.page_size, self.config.latest_count,
                                      printable=self.config.offline),
                      stats_pages(self.site, parse_rules(self.config.stats)))
        for page in pages:
            file = File.generated(config, f"_gkml/{page.path or 'home'}.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
            file.dest_uri = router.dest_uri(page.path)
            files.append(file)
            self.generated[file.src_uri] = page
        identification = self.config.identification
        if identification.badge:
            files.append(File.generated(config, badge_path(identification.badge), abs_src_path=identification.badge))
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file():
                rel = asset.relative_to(ASSETS).as_posix()
                files.append(File.generated(config, f"assets/gkml/{rel}", abs_src_path=str(asset)))
        log.info(f"gkml: 发布 {len(catalogue.published)} 件，撤回 {len(catalogue.withdrawn)} 件；"
                 + ("暂不发布 " + "，".join(f"{reason} {n} 件" for reason, n in sorted(catalogue.held_back.items()))
                    if catalogue.held_back else "无暂不发布文件"))
        self.status = StatusLine(enabled=chatty)
        self.pages_written = self.status.counter("生成页面").start(len(files.documentation_pages()))
        self.documents_written = 0
        self.search_job: Future[int] | None = None
        self.search_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gkml-search")
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        doc = self.documents.get(page.file.src_uri)
        if doc is not None:
            return doc.body  # front matter already parsed, strictly, by gkml
        if page.file.src_uri in self.generated:
            return ""
        return None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        doc = self.documents.get(page.file.src_uri)
        if doc is not None:
            page.meta.update(title=doc.title, template="gkml/document.html")
        elif (generated := self.generated.get(page.file.src_uri)) is not None:
            page.meta.update(title=generated.title, template=generated.template)
        return markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.filters["zh_date"] = zh_date
        env.filters["iso"] = iso
        env.filters["nobr_parts"] = nobr_parts
        env.globals["gkml_site"] = {
            "agency": self.config.agency, "search_url": self.site.url("search"), "home_url": self.site.url(""),
            "catalogue_url": self.site.url("catalogue"), "guides": self.site.guide_pages,
            "annual_reports_url": self.site.url(self.site.term_link("category", self.profile.category_for("annual_report"))),
            "printable_url": self.site.url(routes.PRINTABLE) if self.config.offline else None,
            "material_css": _theme_stylesheet(config),
            "identification": identification_view(self.config.identification),
        }
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        self._start_search_when_documents_are_written(config)
        doc = self.documents.get(page.file.src_uri)
        if doc is not None:
            context["gkml"] = document_view(self.site, doc)
        elif (generated := self.generated.get(page.file.src_uri)) is not None:
            context["gkml"] = generated.context()
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.pages_written.advance()
        if page.file.src_uri in self.documents:
            self.documents_written += 1
        return csp.with_policy(output)

    def _start_search_when_documents_are_written(self, config: MkDocsConfig) -> None:
        """Documents are built first; once the last one is on disk, Pagefind indexes them on
        the other core while MkDocs renders the listing pages."""
        if self.search_job is None and self.config.search and self.documents_written == len(self.documents):
            self.search_job = self.search_pool.submit(self._index_search, Path(config.site_dir))

    @event_priority(-100)  # last: everything else has written into the new site
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        opendata.write_open_data(site_dir, self.site)
        self._start_search_when_documents_are_written(config)
        records = self.search_job.result() if self.search_job else None
        self.search_pool.shutdown()
        build_steps.verify_outputs(site_dir, self.site, self.config.page_size, records)
        if not self.config.offline:  # the publication contract a portal reads (gkml portal, docs/portal.md)
            contract.write_contract(site_dir, contract.site_contract(
                site_dir, agency=self.config.agency, org_code=self.config.org_code, site_url=config.site_url or "",
                gkml_version=_gkml_version(), built=self.now.isoformat(timespec="seconds"),
                counts={"documents": len(self.site.catalogue.published), "withdrawn": len(self.site.catalogue.withdrawn)}))
        if self.config.offline:
            if self.config.search:
                search.make_offline(site_dir)
            snapshot = date.fromisoformat(self.config.snapshot) if self.config.snapshot else date.today()
            offline.write_manifest(site_dir, agency=self.config.agency, snapshot=snapshot,
                                   documents=len(self.site.catalogue.published))
        if self.output:
            self.output.commit()

    def _index_search(self, site_dir: Path) -> int:
        router = self.site.routes
        items = [(str(doc.year), router.dest_uri(document_path(doc))) for doc in self.site.catalogue.published]
        shards = search.plan_shards(items, self.config.search_shard_size)
        quiet = log.getEffectiveLevel() > logging.INFO
        indexed = self.status.counter("检索分片").start(len(shards))
        report = search.build_index(site_dir, shards, quiet=True, on_shard=lambda _name: indexed.advance())
        if not quiet:
            log.info(f"gkml: 检索索引 {report.total_pages} 条记录，{len(report.shards)} 个分片，用时 {report.seconds:.1f} 秒")
        return report.total_pages

    def on_build_error(self, *, error: Exception) -> None:
        job = getattr(self, "search_job", None)
        if job is not None:
            job.exception()  # let the indexer finish before its folders are removed
        if getattr(self, "output", None):
            self.output.abandon()


def _theme_stylesheet(config: MkDocsConfig) -> str:
    """Material's main stylesheet, found through the theme's folders (its name carries a per-release hash)."""
    for folder in config.theme.dirs:
        found = sorted(Path(folder, "assets", "stylesheets").glob("main.*.min.css"))
        if found:
            return f"assets/stylesheets/{found[0].name}"
    raise PluginError("主题中找不到 Material 的样式表（theme: name: material）。")


def _gkml_version() -> str:
    try:
        return metadata.version("gkml")
    except metadata.PackageNotFoundError:
        return "unknown"


def _build_time(value: str | None) -> datetime:
    if not value:
        return datetime.now(SHANGHAI)
    return datetime.fromisoformat(value).replace(tzinfo=SHANGHAI)


def _prefix(docs_dir: Path, root: Path) -> str:
    try:
        return docs_dir.resolve().relative_to(root.resolve()).as_posix() + "/"
    except ValueError:
        return str(docs_dir) + "/"
