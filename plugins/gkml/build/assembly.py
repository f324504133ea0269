"""One build's site, assembled from the checked documents (MkDocs glue for `on_files`): the
published catalogue and its taxonomies, MkDocs' file for every page, asset and download (the
catalogue's files placed at their addresses, the online list of offline copies), what every page
shows besides its own view (the menu, the footer), and the pages held-back documents would have."""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from gkml.build import clashes
from gkml.build.sitemap import SITEMAP, page_dates
from gkml.catalogue.catalogue import Catalogue, build_catalogue
from gkml.catalogue.document import Document
from gkml.catalogue.taxonomy import build_taxonomy
from gkml.config import GkmlConfig, Project
from gkml.content.heldpages import page_key
from gkml.content.loader import CheckResult
from gkml.content.problems import shown_path
from gkml.memo import Memo
from gkml.outputs.contract import CONTRACT_FILE, OPEN_DATA, SEARCH_ROOT
from gkml.outputs.feeds import FEEDS_DIR
from gkml.outputs.offline import signing, snapshots
from gkml.outputs.offline.manifest import ManifestError
from gkml.outputs.offline.snapshot import Snapshot, print_css
from gkml.outputs.stats import parse_rules
from gkml.outputs.stats_pages import stats_pages
from gkml.site import printdate, routes
from gkml.site.generated import GeneratedPage
from gkml.site.identification import badge_path, identification_view
from gkml.site.pages import generated_pages
from gkml.site.routes import Routes
from gkml.site.scripts import served
from gkml.site.summary import Summariser
from gkml.site.views import Site

log = logging.getLogger("mkdocs.plugins.gkml")
ASSETS = Path(__file__).resolve().parents[1] / "site" / "assets"

PublishedCopies = Callable[[], tuple[list[snapshots.PublishedCopy], snapshots.PublishedKeys]]


@dataclass
class Assembly:
    site: Site
    documents: dict[str, Document]  # MkDocs file (src_uri) -> the document its page shows
    generated: dict[str, GeneratedPage]  # MkDocs file (src_uri) -> the generated page it is
    snapshot: Snapshot | None  # an offline copy's (gkml offline writes its manifest)
    sitemap: dict[str, str | None]  # every page's address -> the day it last changed (sitemap.page_dates)
    globals: dict[str, Any]  # what every page shows besides its own view: part of every page's key


def assemble(files: Files, config: MkDocsConfig, options: GkmlConfig, project: Project, checked: CheckResult,
             now: datetime, summaries: Memo | None, published_copies: PublishedCopies,
             online: Routes) -> tuple[Files, Assembly]:
    profile = project.profile
    catalogue = build_catalogue(checked.documents, profile, now)
    taxonomies = [build_taxonomy(spec, catalogue.published, profile.categories) for spec in options.taxonomy_specs]
    guides = {title: found.url for title, path in options.guides(project.docs_dir).items()
              if (found := files.get_file_from_path(path))}
    site = Site(catalogue, taxonomies, profile, options.agency, config.site_url or "", guides,
                Routes(config.use_directory_urls), online,
                summarise=Summariser(config.markdown_extensions, config.mdx_configs, store=summaries),
                org_code=options.org_code)
    built = Assembly(site, {}, {}, None, [], {})
    files = place_catalogue_files(files, config, catalogue, options.catalogue_dir, site.routes,
                                  built.documents, outside=checked.tree.publishable_outside())
    for page in chain(generated_pages(site, options.page_size, options.latest_count, printable=options.offline),
                      stats_pages(site, parse_rules(options.stats), options.stats_since, options.stats_until)):
        _add_page(files, config, built, page)
    snapshot = snapshots_url = None
    if options.offline:  # an offline copy: every page shows its snapshot
        snapshot_date = date.fromisoformat(options.snapshot) if options.snapshot else now.date()
        snapshot = built.snapshot = Snapshot(options.agency or config.site_name, snapshot_date,
                                             len(catalogue.published), config.site_url or "")
        files.append(File.generated(config, "assets/gkml/css/snapshot-print.css", content=print_css(snapshot)))
        # no sitemap, a crawler's list of the site's addresses: a copy has none and nobody crawls a stick.
        # Not rendered from here on; discarded before MkDocs listed the theme's files, it was copied as one
        config.theme.static_templates.discard(SITEMAP)
    else:  # paper printed without scripts says what the pages are as of (a copy's sheets: its snapshot date)
        files.append(File.generated(config, printdate.PATH, content=printdate.built_print_css(now)))
        copies, keys = published_copies()
        for dest, download in snapshots.downloads(copies, keys):
            files.append(File.generated(config, dest, **download))
        for page in snapshots.list_pages(site, copies, keys):
            _add_page(files, config, built, page)
            snapshots_url = site.url(page.path)
    if options.identification.badge:
        files.append(File.generated(config, badge_path(options.identification.badge),
                                    abs_src_path=options.identification.badge))
    for asset in sorted(ASSETS.rglob("*")):
        if asset.is_file():
            rel = asset.relative_to(ASSETS).as_posix()
            if asset.suffix == ".js":  # minified (site.scripts)
                files.append(File.generated(config, f"assets/gkml/{rel}", content=served(asset)))
            else:
                files.append(File.generated(config, f"assets/gkml/{rel}", abs_src_path=str(asset)))
    _refuse_clashes(files, config, project)
    built.sitemap = page_dates(files, site, built.documents, built.generated, options.page_size)
    built.globals = {
        "agency": options.agency, "search_url": site.url("search"), "home_url": site.url(""),
        "catalogue_url": site.url("catalogue"), "guides": site.guide_pages,
        "annual_reports_url": site.url(site.term_link("category", profile.category_for("annual_report"))),
        "printable_url": site.url(routes.PRINTABLE) if options.offline else None,
        "snapshot": snapshot, "snapshots_url": snapshots_url,
        "preview": options.preview is True,  # every page says so (main.html), as gkml-site.json does
        "material_css": _theme_stylesheet(config),
        "identification": identification_view(options.identification),
        # the profile's labels, which the listings' headings and the search form show as the document page does
        "labels": {key: spec.label for key, spec in profile.fields.items()},
    }
    return files, built


def published_copies(root: Path, options: GkmlConfig) -> tuple[list[snapshots.PublishedCopy], snapshots.PublishedKeys]:
    """Online: the offline copies `gkml offline` wrote, checked against the published keys."""
    copies = options.snapshots
    if copies.retired_keys and not copies.public_key:
        raise PluginError("离线查阅版：设了停用的公钥（snapshots.retired_keys），却没有设现用的公钥（snapshots.public_key）")
    try:
        keys = snapshots.PublishedKeys(
            signing.load_public_key(root / copies.public_key) if copies.public_key else None,
            tuple(signing.load_public_key(root / path) for path in copies.retired_keys))
        return snapshots.published_copies(root / copies.dir, keys), keys
    except (signing.KeyFileError, ManifestError) as error:
        raise PluginError(f"离线查阅版：{error}") from None


def held_back_pages(site: Site, checked: CheckResult) -> dict[str, str]:
    """The pages the documents held back would have (addresses.page_key -> their files): an
    address naming one would show its index number."""
    shown = {doc.src_path for doc in (*site.catalogue.published, *site.catalogue.withdrawn)}
    return {page_key(site.routes.dest_uri(routes.document_path(doc))): doc.src_path for doc in checked.documents
            if doc.src_path not in shown}


def catalogue_counts(site: Site) -> str:
    """What the build tells of the catalogue: published, withdrawn, held back by reason."""
    catalogue = site.catalogue
    return (f"gkml: 发布 {len(catalogue.published)} 件，撤回 {len(catalogue.withdrawn)} 件；"
            + ("暂不发布 " + "，".join(f"{reason} {n} 件" for reason, n in sorted(catalogue.held_back.items()))
               if catalogue.held_back else "无暂不发布文件"))


def place_catalogue_files(files: Files, config: MkDocsConfig, catalogue: Catalogue, catalogue_dir: str,
                          router: Routes, documents: dict[str, Document], *, outside: set[str]) -> Files:
    """Published documents go to their index-number address and their attachments beside
    them; everything else under the catalogue folder (held-back documents and their
    files, stray files) is dropped from the build, so it cannot reach any output. Outside
    it, only the files in `outside` (named pages, their images and downloads) stay."""
    prefix = catalogue_dir.strip("/") + "/"
    docs_dir = os.path.normpath(config.docs_dir)
    live = {doc.src_path: doc for doc in catalogue.published}
    destinations: dict[str, list[str]] = defaultdict(list)
    for doc in catalogue.published:
        for attachment in doc.attachments:
            destinations[attachment.file].append(routes.attachment_path(doc, attachment.name))
    for file in list(files):
        if not file.src_uri.startswith(prefix):
            if file.src_dir and os.path.normpath(file.src_dir) == docs_dir and file.src_uri not in outside:
                files.remove(file)  # OS litter (Thumbs.db …) and anything the gate did not admit
            continue
        doc = live.get(file.src_uri)
        if doc is not None:
            file.dest_uri = router.dest_uri(routes.document_path(doc))
            file.inclusion = InclusionLevel.NOT_IN_NAV
            documents[file.src_uri] = doc
            continue
        targets = destinations.get(file.src_uri)
        if not targets:
            files.remove(file)
            continue
        file.dest_uri = targets[0]
        for extra in targets[1:]:  # one source file attached to several documents
            files.append(File.generated(config, extra, abs_src_path=str(file.abs_src_path)))
    return files


def _refuse_clashes(files: Files, config: MkDocsConfig, project: Project) -> None:
    """A docs file at an address of the site's own, or another's in other case: refused, located."""
    docs_dir = os.path.normpath(config.docs_dir)
    folders: dict[str, bool] = {}  # a file's src_dir -> it is the docs folder (30,000 files, a few folders)

    def from_docs(file: File) -> bool:
        if not file.src_dir or file.generated_by:
            return False
        found = folders.get(file.src_dir)
        if found is None:
            found = folders[file.src_dir] = os.path.normpath(file.src_dir) == docs_dir
        return found

    def shown(src_uri: str | None) -> str | None:  # only for the few files told: paths cost at 30,000
        return shown_path(Path(docs_dir, src_uri), project.root) if src_uri is not None else None

    sources = [(file.dest_uri, file.src_uri if from_docs(file) else None) for file in files]
    made = [*OPEN_DATA, CONTRACT_FILE, *config.theme.static_templates]
    found = [replace(clash, source=shown(clash.source), other_source=shown(clash.other_source))
             for clash in clashes.clashes(sources, made, folders=(SEARCH_ROOT, FEEDS_DIR))]
    for clash in found:
        log.error(f"{clash.source}:1:1: 文件: {clashes.message(clash)}")
    if found:
        raise PluginError(f"公开目录中有 {len(found)} 个文件的网址与网站的其他文件冲突，未生成网站。请先改名。")


def _add_page(files: Files, config: MkDocsConfig, built: Assembly, page: GeneratedPage) -> None:
    file = File.generated(config, f"_gkml/{page.path or 'home'}.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
    file.dest_uri = built.site.routes.dest_uri(page.path)
    files.append(file)
    built.generated[file.src_uri] = page


def _theme_stylesheet(config: MkDocsConfig) -> str:
    """Material's main stylesheet, found through the theme's folders (its name carries a per-release hash)."""
    for folder in config.theme.dirs:
        found = sorted(Path(folder, "assets", "stylesheets").glob("main.*.min.css"))
        if found:
            return f"assets/stylesheets/{found[0].name}"
    raise PluginError("主题中找不到 Material 的样式表（theme: name: material）。")
