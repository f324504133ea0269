"""Which of this build's files can be carried over from the last one (MkDocs glue).

Keys (see gkml.build.carryover):
- a document page: the build fingerprint, its address, the document (its Markdown body
  and front matter), the addresses its body links resolve to, and the facts its view
  shows about other documents (gkml.site.document_page: the view is made from the
  document, the settings and those facts alone, so it need not be built for its key);
- a listing's page: fingerprint, address, template, title, what all the listing's pages
  show (heading, number of rows) and the digests of its own rows: a changed row renders
  only the page that shows it;
- another generated page (home, stats …): fingerprint, address, template, title and
  its whole context; a listing row, which a dozen listings show, is digested once;
- a static file (attachment, asset): fingerprint, address, and the source's path, size
  and times (gkml.fingerprint.stat_stamp).
Everything else a page shows comes from the configuration, the profile, gkml's code,
templates and assets, library versions and what every page shows (menu, footer): all in
the fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from gkml.build.addresses import linked_file
from gkml.build.atomic import discard
from gkml.build.carryover import CarryOver
from gkml.build.linker import Linking
from gkml.build.memos import DocumentKeys
from gkml.catalogue.document import Document
from gkml.content.body import key_addresses
from gkml.fingerprint import (
    SharedDigests,
    Unfingerprintable,
    build_fingerprint,
    digest,
    stat_stamp,
)
from gkml.site.generated import GeneratedPage
from gkml.site.pagination import page_of
from gkml.site.views import Listing, Rows


def fingerprint(config: MkDocsConfig, package_dir: Path, options: Mapping[str, Any], profile_file: Path | None) -> str:
    settings = {
        "site_name": config.site_name, "site_url": config.site_url, "site_description": config.site_description,
        "copyright": config.copyright, "use_directory_urls": config.use_directory_urls,
        "markdown_extensions": list(config.markdown_extensions), "mdx_configs": dict(config.mdx_configs),
        "extra": dict(config.extra), "extra_css": list(config.extra_css),
        "extra_javascript": [str(s) for s in config.extra_javascript],
        "theme": {"name": config.theme.name, "locale": str(config.theme.get("locale")),
                  "favicon": config.theme.get("favicon")},
        "gkml": dict(options),
    }
    config_files = [Path(config.config_file_path)] + ([profile_file] if profile_file else [])
    hooks = [Path(module.__file__) for module in (config.hooks or {}).values() if getattr(module, "__file__", None)]
    return build_fingerprint(package_dir=package_dir, custom_dir=config.theme.custom_dir,
                             config_files=config_files, settings=settings, hook_files=hooks)


# A plugin that sees pages one by one and then acts on the whole site gathers from the pages it
# sees (MkDocs' and Material's search index, tags, blog, social cards, .meta.yml): a page carried
# over is not rendered, so it would be missing from what it makes.
_PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")
_SITE_EVENTS = ("files", "nav", "env", "template_context", "post_template", "post_build")


def gathering_plugins(plugins: Mapping[str, Any], own: object) -> list[str]:
    """The names of the plugins and hooks besides `own` that gather from the rendered pages."""
    return [name for name, plugin in plugins.items()
            if plugin is not own and any(_handles(plugin, e) for e in _PAGE_EVENTS)
            and any(_handles(plugin, e) for e in _SITE_EVENTS)]


def _handles(plugin: object, event: str) -> bool:
    """`plugin` (an instance of a plugin class, or a hook's module) has its own handler of `event`."""
    method = getattr(type(plugin) if isinstance(plugin, BasePlugin) else plugin, f"on_{event}", None)
    return method is not None and method is not getattr(BasePlugin, f"on_{event}", None)


def _destinations(targets: list[str], file: File, files: Files,
                  held: Callable[[str, File], str | None]) -> list[tuple[str, str | None]]:
    """Each target and the address it resolves to; for one that names no file, the held-back
    document whose page it names, if any (its page is refused while it does)."""
    found = []
    for target in targets:
        resolved = linked_file(target, file, files)
        found.append((target, resolved.dest_uri if resolved else held(target, file)))
    return found


def carry_over(files: Files, carry: CarryOver, site_dir: Path, fp: str, *,
               documents: Mapping[str, Document], page_facts: Callable[[Document], Any],
               generated: Mapping[str, GeneratedPage], contexts: dict[str, dict[str, Any]],
               row_key: Callable[[Document], str], shared: SharedDigests | None = None,
               sources: Mapping[str, str] | None = None, kept: DocumentKeys | None = None,
               targets: Callable[[Document], list[str]] | None = None, ahead: Linking | None = None,
               documents_keyed: Callable[[], None] | None = None,
               held: Callable[[str, File], str | None] = lambda url, page: None,
               values: Callable[[], str | None] = lambda: None) -> set[str]:
    """Mark every file of `files` with its key, link the unchanged ones from the previous
    site into `site_dir` and drop them from `files`; returns their src_uris.

    `contexts` receives the context of every generated page that must still be rendered,
    so it is computed once. `row_key`: the digest of a document's listing row (gkml.build.memos.RowKeys).
    `shared`: the digests of listing rows (kept for the rows' memo).
    `sources`: the sha256 of each document's file (docs-relative path): a document is made
    from its bytes (and the profile, in `fp`), so they stand for it in its page's key.
    `targets`: the link targets of a document's body (default: read from it, content.body.key_addresses).
    `held`: the held-back document whose page an address on a page names (addresses.held_back_page).
    `ahead`: the last site's files already being linked into `site_dir` (linker.LinkingAhead).
    `documents_keyed`: called once every document page has its key (in `carry.keys`).
    `values`: a digest of every document's front-matter values and of which are published (None:
    not known), by which a page made from them alone is keyed (GeneratedPage.of_values)."""
    keys = _Keys(files, fp, documents, page_facts, row_key, generated, contexts, shared or SharedDigests(), sources or {},
                 kept, targets or (lambda doc: key_addresses(doc.body)), held, values)
    candidates: dict[str, File] = {}
    # links each carried file while the next keys are made (or linked every file ahead: linker.LinkingAhead)
    linking = ahead or carry.start_linking(site_dir)
    unkeyed = len(documents)
    try:
        for file in list(files):
            try:
                key = keys.of(file)
            except Unfingerprintable:
                key = None  # no key: always built
            if key is not None and carry.reusable(file.dest_uri, key, linking):
                candidates[file.dest_uri] = file
            if file.src_uri in documents:
                unkeyed -= 1
                if unkeyed == 0 and documents_keyed is not None:
                    documents_keyed()
    except BaseException:
        if linking is not None:
            linking.abandon()
        raise
    failed = set(carry.link_into(site_dir, linking))
    carried = set()
    for dest, file in candidates.items():
        if dest in failed:
            continue
        # Carried files stay in `files`, so links from the pages that are rendered still
        # resolve: a page is excluded from rendering; a static file is its own source
        # (MkDocs skips copying a file onto itself).
        if file.is_documentation_page():
            file.inclusion = InclusionLevel.EXCLUDED
        else:
            file.abs_src_path = file.abs_dest_path
        carried.add(file.src_uri)
        contexts.pop(file.src_uri, None)
    return carried


class _Keys:
    """The keys of one build's files, made in one pass (the shared digests live as long as it)."""

    def __init__(self, files: Files, fp: str, documents: Mapping[str, Document], page_facts: Callable[[Document], Any],
                 row_key: Callable[[Document], str], generated: Mapping[str, GeneratedPage],
                 contexts: dict[str, dict[str, Any]], shared: SharedDigests, sources: Mapping[str, str],
                 kept: DocumentKeys | None, targets: Callable[[Document], list[str]],
                 held: Callable[[str, File], str | None], values: Callable[[], str | None]) -> None:
        self.files, self.fp, self.documents, self.page_facts, self.row_key = files, fp, documents, page_facts, row_key
        self.sources, self.kept, self.targets, self.held, self.values = sources, kept, targets, held, values
        self.generated, self.contexts = generated, contexts
        self.shared = shared
        self.listings: dict[int, tuple[Listing, str]] = {}  # by identity, each held (see SharedDigests)
        self.rows: dict[int, str] = {}  # each document's row digest, by identity (the documents are held)

    def of(self, file: File) -> str | None:
        doc = self.documents.get(file.src_uri)
        if doc is not None:
            return self._document(file, doc)
        page = self.generated.get(file.src_uri)
        if page is not None and page.inputs is not None:  # a listing's page: made from the listing and its number
            listing, number = page.inputs()
            return self._listing_page(file.dest_uri, page, listing, number)
        if page is not None and page.of_values is not None and (values := self.values()) is not None:
            return digest(self.fp, "values", file.dest_uri, page.template, page.title, page.of_values, values)
        if page is not None:
            context = self.contexts[file.src_uri] = page.context()
            return digest(self.fp, "generated", file.dest_uri, page.template, page.title, self._rows_digested(context))
        if file.is_documentation_page():
            return None  # an ordinary Markdown page (公开指南 …): cheap, always rendered
        if file.abs_src_path and Path(file.abs_src_path).is_file():  # not generated content: always written
            stat = Path(file.abs_src_path).stat()
            # its change time too: an edit whose modification time was put back is a change
            return digest(self.fp, "file", file.dest_uri, file.abs_src_path, stat.st_size, stat_stamp(stat))
        return None

    def _document(self, file: File, doc: Document) -> str:
        source = self.sources.get(doc.src_path)
        kept = self.kept if source else None
        destinations = _destinations(self.targets(doc), file, self.files, self.held)
        shown = json.dumps(destinations, ensure_ascii=False) if destinations else "[]"  # most bodies link nothing
        name = f"{file.src_uri}\n{file.dest_uri}\n{source}\n{shown}"
        found = kept.get(name, doc) if kept is not None else None
        if found is None:
            found = digest(self.fp, "document", file.dest_uri, destinations,
                           {"source": source} if source else doc, self.page_facts(doc))
            if kept is not None:
                kept.put(name, doc, found)
        return found

    def _listing_page(self, dest: str, page: GeneratedPage, listing: Listing, number: int) -> str:
        """A listing page's key: what all the listing's pages show, the page's number, address and
        title, and its own rows' digests (a changed row renders only the page that shows it).
        Some 5,000 pages at 10,000 documents, each showing rows of documents a dozen listings
        show: joined as text and hashed, not serialised as JSON (the title by its length)."""
        shown = page_of(listing.documents, listing.size, number).items
        rows = self.rows
        try:
            keys = ",".join(map(rows.__getitem__, map(id, shown)))
        except KeyError:
            for doc in shown:
                rows[id(doc)] = self.row_key(doc)  # documents live as long as this pass: ids stay theirs
            keys = ",".join(map(rows.__getitem__, map(id, shown)))
        text = f"{self._listing(listing)}\n{page.template}\n{dest}\n{number}\n{len(page.title)}:{page.title}\n{keys}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _listing(self, listing: Listing) -> str:
        """What every page of a listing shows besides its own rows, made once for all its pages."""
        found = self.listings.get(id(listing))
        if found is None or found[0] is not listing:
            found = self.listings[id(listing)] = (listing, digest(
                self.fp, "listing", listing.common, len(listing.documents), listing.path(1), listing.size))
        return found[1]

    def _rows_digested(self, context: dict[str, Any]) -> dict[str, Any]:
        """The context with each list of listing rows (gkml.site.views.Rows) given by the rows' digests."""
        return {name: [self.shared.of(row) for row in value] if type(value) is Rows else value
                for name, value in context.items()}


def manifest_path(cache_dir: Path, site_dir: Path, final: Path | None) -> Path:
    """The manifest of the folder this build ends up in (site/ for a build, the served folder for serve)."""
    target = (final or site_dir).resolve()
    return cache_dir / f"outputs-{hashlib.sha256(str(target).encode()).hexdigest()[:16]}.json"


def last_output(site_dir: Path, final: Path | None, kept: Path | None, *, aside: bool) -> Path | None:
    """The last site, which this build carries files over from: `final`, the folder `mkdocs
    build` swaps its site into; `mkdocs serve` empties its folder before every rebuild, so
    (`aside`) the last output is kept aside for unchanged pages to be carried over from it;
    a rebuild that shows only the problems keeps it there for the one after it (`kept`:
    fixing a typo must not cost a whole build)."""
    if final:
        return final
    if aside:
        return set_aside(site_dir, kept)
    return None


def set_aside(site_dir: Path, kept: Path | None = None) -> Path | None:
    """Move the last output out of the way of MkDocs' clean-up (serve); returns where it went.
    `kept`: the last output, already aside; what is in `site_dir` (a page of problems) is not one."""
    if kept is not None and kept.is_dir():
        return kept
    if not site_dir.is_dir() or not any(site_dir.iterdir()):
        return None
    aside = site_dir.with_name(site_dir.name + ".gkml-prev")
    shutil.rmtree(aside, ignore_errors=True)
    site_dir.rename(aside)
    site_dir.mkdir()
    return aside


def discard_set_aside(aside: Path | None, final: Path | None) -> None:
    """Remove the last output once the new one is written; deleting tens of thousands of
    files can take longer than the rebuild, so the preview does not wait for it."""
    if aside is not None and aside != final:
        discard(aside)
