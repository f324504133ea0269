"""What gkml does to each page MkDocs renders: a document's body is its checked text and a
generated page has no Markdown, raw HTML's addresses are made the published files' (as MkDocs
makes a Markdown link's), and the rendered body is sanitised and given a last look."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from gkml.build import addresses
from gkml.build.assembly import held_back_pages
from gkml.build.sitemap import online_address
from gkml.catalogue.document import Document
from gkml.config import GkmlConfig
from gkml.content.loader import CheckResult
from gkml.content.rootpaths import answering
from gkml.content.tree import DocsTree
from gkml.site import outline, sanitize
from gkml.site.document_page import document_view
from gkml.site.generated import GeneratedPage
from gkml.site.routes import Routes
from gkml.site.views import Site

log = logging.getLogger("mkdocs.plugins.gkml")


def page_source(src_uri: str, documents: Mapping[str, Document], generated: Mapping[str, GeneratedPage]) -> str | None:
    """The Markdown MkDocs renders for a page; None: the file's own (a guide page)."""
    doc = documents.get(src_uri)
    if doc is not None:
        # front matter already parsed, strictly, by gkml. MkDocs reads meta-data again from what
        # this returns: a first line "Note: …" (MultiMarkdown's key: value) or a body opening
        # with ---/--- (YAML) left the page unseen; a blank first line says there is none
        return "\n" + doc.body
    if src_uri in generated:
        return ""
    return None


def page_view(src_uri: str, site: Site, documents: Mapping[str, Document], generated: Mapping[str, GeneratedPage],
              contexts: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """What a page's template shows as `gkml`: a document's view, or a generated page's context
    (made as its key was, `contexts`, else now); None: a guide page's has none."""
    doc = documents.get(src_uri)
    if doc is not None:
        return document_view(site, doc)
    if (page := generated.get(src_uri)) is not None:
        return contexts.pop(src_uri, None) or page.context()
    return None


def name_online(page: Page, config: MkDocsConfig, options: GkmlConfig, online: Routes) -> None:
    """An offline copy's page names its address online as its canonical one, not its file's in the
    copy (`online`: the online site's routes); a site without site_url has no address to name."""
    if options.offline and config.site_url:
        page.canonical_url = online_address(config, page.url, online)


def page_markdown(markdown: str, page: Page, files: Files, documents: Mapping[str, Document],
                  generated: Mapping[str, GeneratedPage]) -> str:
    """A page's title and template set; its raw HTML's addresses made the published files'."""
    doc = documents.get(page.file.src_uri)
    if doc is not None:
        page.meta.update(title=doc.title, template="gkml/document.html")
    elif (found := generated.get(page.file.src_uri)) is not None:
        page.meta.update(title=found.title, template=found.template)
        return markdown
    return addresses.with_published_addresses(markdown, page.file, files)  # MkDocs does the Markdown links


def docs_files(tree: DocsTree) -> Callable[[str], bool]:
    """The docs folder's files as the gate sorted them, the check's rule on every disk: a path as
    written, or (rootpaths.any_case) in any case one of the catalogue folder's, never served at its path."""
    catalogue = {*tree.documents, *tree.catalogue_files}
    return answering({*catalogue, *tree.pages, *tree.static}, catalogue)


@dataclass(frozen=True)
class Addressable:
    """What a page's rendered body is held to, made once the build's files are known."""

    published: frozenset[str]  # every output's address, those carried over too: what a body may link
    hidden: Mapping[str, str]  # the pages held-back documents would have (assembly.held_back_pages)
    exists: Callable[[str], bool]  # the docs folder's files: what an address may name unpublished
    catalogue_dir: str

    @classmethod
    def of(cls, files: Files, site: Site, checked: CheckResult, catalogue_dir: str) -> Addressable:
        return cls(frozenset(file.dest_uri for file in files), held_back_pages(site, checked),
                   docs_files(checked.tree), catalogue_dir)


def page_content(html: str, page: Page, config: MkDocsConfig, root: Path, *, documents: Mapping[str, Document],
                 generated: Mapping[str, GeneratedPage], addressable: Addressable) -> str:
    """The rendered body sanitised; a page refused whose body names a file the site does not publish."""
    try:
        body = sanitize.clean(html)
    except sanitize.TooDeep as error:
        raise PluginError(f"{_prefix(Path(config.docs_dir), root)}{page.file.src_uri}: {error}") from error
    doc = documents.get(page.file.src_uri)
    if doc is not None:
        body = outline.under_title(body)
    if page.file.src_uri not in generated:
        _refuse_unpublished_addresses(body, page, config, root, addressable.published, addressable.hidden,
                                      addressable.catalogue_dir, addressable.exists, is_document=doc is not None)
    if doc is None and "title" not in page.meta and page.title:
        # MkDocs takes a guide page's title from its heading as HTML text (entities kept);
        # as plain text it is escaped once, like every other title.
        page.meta["title"] = unescape(page.title)
    return body


def _refuse_unpublished_addresses(body: str, page: Page, config: MkDocsConfig, root: Path, published: Collection[str],
                                  hidden: Mapping[str, str], catalogue_dir: str, exists: Callable[[str], bool], *,
                                  is_document: bool) -> None:
    """The last look before a page is written: what `gkml check` could not see as a link
    (inside an HTML block, say) must not name a file the site does not publish."""
    prefix = _prefix(Path(config.docs_dir), root)
    errors, warnings = addresses.page_problems(body, page.file, published, is_document=is_document,
                                               catalogue_dir=catalogue_dir, prefix=prefix,
                                               exists=exists, hidden=hidden,
                                               site_url=config.site_url or "")
    for problem in warnings:
        log.warning(problem.format())
    for problem in errors:
        log.error(problem.format())
    if errors:
        raise PluginError(f"{prefix}{page.file.src_uri} 中有 {len(errors)} 个链接指向不会发布的文件，未生成网站。")


def _prefix(docs_dir: Path, root: Path) -> str:
    try:
        return docs_dir.resolve().relative_to(root.resolve()).as_posix() + "/"
    except ValueError:
        return str(docs_dir) + "/"
