"""The sitemap of every page, rendered now or carried over from the last build (MkDocs' own
sitemap lists only the pages it renders), and carried over itself when nothing it shows changed.
Past sitemaps.org's bounds of one file (50,000 addresses, 50 MB) sitemap.xml is an index of parts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from gkml.build.carryover import CarryOver
from gkml.catalogue.document import Document
from gkml.catalogue.taxonomy import build_taxonomy
from gkml.fingerprint import digest
from gkml.outputs.withdrawals import changed_at, latest_change
from gkml.site import routes
from gkml.site.generated import GeneratedPage
from gkml.site.pagination import page_count
from gkml.site.routes import Routes, path_of_html
from gkml.site.views import Site

SITEMAP = "sitemap.xml"  # a static template of MkDocs' theme, which also writes sitemap.xml.gz
_MADE = (SITEMAP, SITEMAP + ".gz")
# sitemaps.org: a sitemap file holds at most 50,000 addresses and 50 MB, uncompressed; more need an index
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
_ENTRY_BYTES = 100  # the template's bytes around one <loc> (81: indents, <url>, <lastmod>), and a margin
_FILE_BYTES = 200  # the XML declaration and <urlset>


def sitemap_view(config: MkDocsConfig, dates: Mapping[str, str | None]) -> dict[str, Any]:
    """What the theme's sitemap template shows: every page's absolute address and its date (an
    online site's only: an offline copy has none, configuring.configure); past one file's bounds,
    `parts` (part file -> its addresses) instead, and sitemap.xml is their index, `locations` theirs.
    `dates`: each page's address -> its day (page_dates), never the build's: two builds of one tree on
    two days write the same sitemap. `lastmod`: the location's, in the order of `locations`; a part's is its newest page's."""
    locations = [online_address(config, url, None) for url in dates]
    days = list(dates.values())
    chunks = split_locations(locations)
    if len(chunks) == 1:
        return {"locations": locations, "lastmod": days, "parts": {}}
    parts: dict[str, dict[str, list[Any]]] = {}
    start = 0
    for n, chunk in enumerate(chunks, 1):
        parts[part_name(n)] = {"locations": chunk, "lastmod": days[start:start + len(chunk)]}
        start += len(chunk)
    return {"locations": [online_address(config, name, None) for name in parts],
            "lastmod": [max((day for day in part["lastmod"] if day), default=None) for part in parts.values()],
            "parts": parts}


def sitemap_date(site: Site) -> str | None:
    """The day the catalogue last changed, as its documents date it (None: no document)."""
    changed = latest_change(site)
    return changed.date().isoformat() if changed else None


def _day(documents: Iterable[Document]) -> str | None:
    """The day the newest of `documents` changed the catalogue (None: none)."""
    newest = max((changed_at(doc) for doc in documents), default=None)
    return newest.date().isoformat() if newest else None


def listing_dates(site: Site, page_size: int) -> dict[str, str | None]:
    """Each term listing page's path -> the day its listing last changed: a publication or withdrawal
    of one of its documents (every page of it: a new row moves the rows of each page after)."""
    dates: dict[str, str | None] = {}
    for taxonomy in site.taxonomies:
        gone = build_taxonomy(taxonomy.spec, site.catalogue.withdrawn, site.profile.categories).documents
        for term in taxonomy.terms:
            shown = taxonomy.documents.get(term.key, [])
            # newest first, as the catalogue orders them: the first is the listing's newest publication
            # (each build dated 60,000 documents' changes at 10,000 documents: 0.2 s)
            day = _day([*shown[:1], *gone.get(term.key, [])])
            dates.update((routes.term_path(taxonomy, term, n), day) for n in range(1, page_count(shown, page_size) + 1))
    return dates


def page_dates(files: Files, site: Site, documents: Mapping[str, Document], generated: Mapping[str, GeneratedPage],
               page_size: int) -> dict[str, str | None]:
    """Each page's address -> the day it last changed as the catalogue records it (never the build's
    clock): a document's page its publication, a withdrawn one's notice its withdrawal, a term
    listing's pages its documents' newest change; any other page (home, the catalogue, the terms,
    search, statistics) shows the whole catalogue: its last change."""
    latest = sitemap_date(site)
    notices = {routes.document_path(doc): doc for doc in site.catalogue.withdrawn}
    listings = listing_dates(site, page_size)
    dates: dict[str, str | None] = {}
    for file in files.documentation_pages():
        page = generated.get(file.src_uri)
        doc = documents.get(file.src_uri) or (notices.get(page.path) if page is not None else None)
        if doc is not None:
            dates[file.url] = _day([doc])
        else:
            dates[file.url] = listings.get(page.path, latest) if page is not None else latest
    return dates


def date_pages(files: Files, lastmod: str | None) -> None:
    """MkDocs dates sitemap.xml.gz (its gzip header) by the pages it renders' newest update_date, which
    it sets to the build's day: given the catalogue's last change instead (every page the same: an
    incremental build renders some pages only, and its gzip is a clean build's)."""
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = lastmod or "1970-01-01"


def part_name(number: int) -> str:
    return f"sitemap-{number}.xml"


def split_locations(locations: list[str]) -> list[list[str]]:
    """The addresses in runs that each fit one sitemap file (at least one run, maybe empty)."""
    # escaped, a character is at most 6 bytes (&quot;): most sites fit one file without measuring each
    if len(locations) <= MAX_URLS and _FILE_BYTES + sum(_ENTRY_BYTES + 6 * len(loc) for loc in locations) <= MAX_BYTES:
        return [list(locations)]
    chunks: list[list[str]] = [[]]
    size = _FILE_BYTES
    for location in locations:
        entry = _ENTRY_BYTES + len(str(escape(location)).encode("utf-8"))
        if len(chunks[-1]) == MAX_URLS or (chunks[-1] and size + entry > MAX_BYTES):
            chunks.append([])
            size = _FILE_BYTES
        chunks[-1].append(location)
        size += entry
    return chunks


def sitemap_parts(env: Any, config: MkDocsConfig, sitemap: dict[str, Any]) -> dict[str, str]:
    """The part files' texts (name -> text), rendered by the sitemap's own template, when this
    build writes sitemap.xml (not carried over, not an offline copy) and it is an index."""
    if SITEMAP not in config.theme.static_templates or not sitemap["parts"]:
        return {}
    template = env.get_template(SITEMAP)
    return {name: template.render(gkml_sitemap={**part, "parts": {}}) for name, part in sitemap["parts"].items()}


def online_address(config: MkDocsConfig, url: str, online: Routes | None) -> str:
    """A page's absolute address (MkDocs' page or file url); `online`: an offline copy's, the
    online site's routes, by which it names the page's address online, not its file's in the copy."""
    return _absolute(config, online.url(path_of_html(url)) if online is not None else url)


def carry_sitemap_over(carry: CarryOver | None, config: MkDocsConfig, sitemap: dict[str, Any]) -> str | None:
    """The sitemap (and MkDocs' gzip of it, dated by `lastmod` too) is made from the pages'
    addresses and the date alone: carried over when they are unchanged, not rendered. Returns
    the key to record the sitemap MkDocs writes by (record_sitemap), None when it is carried or not
    written: a site without site_url has none, since a sitemap names pages by absolute addresses
    (sitemaps.org). Taken out of the theme's templates only now that MkDocs has listed the theme's
    files: listed before, the template itself was copied to the site as sitemap.xml."""
    if not config.site_url:
        config.theme.static_templates.discard(SITEMAP)
        return None
    if carry is None or SITEMAP not in config.theme.static_templates:
        return None
    key = digest(carry.fingerprint, "sitemap", sitemap)
    if carry.reuse_group("sitemap", key, Path(config.site_dir)):
        config.theme.static_templates.discard(SITEMAP)
        return None
    return key


def record_sitemap(carry: CarryOver | None, key: str | None, site_dir: Path, parts: Mapping[str, str]) -> None:
    """The index's parts (sitemap_parts) written, and the sitemap MkDocs wrote this build recorded
    with them by `key` (carry_sitemap_over) for the next."""
    for name, text in parts.items():
        (site_dir / name).write_text(text, encoding="utf-8")
    made = (*_MADE, *parts)
    if carry is not None and key is not None and all((site_dir / name).is_file() for name in made):
        carry.record_group("sitemap", key, site_dir, made)


def prepare(env: Any, config: MkDocsConfig, files: Files, site: Site, dates: Mapping[str, str | None],
            carry: CarryOver | None) -> tuple[str | None, dict[str, str]]:
    """`on_env`: the pages dated, the theme's sitemap view set, and what on_post_build writes
    and records: the key of the sitemap MkDocs writes (carry_sitemap_over) and the index's parts."""
    date_pages(files, sitemap_date(site))
    env.globals["gkml_sitemap"] = sitemap = sitemap_view(config, dates)
    key = carry_sitemap_over(carry, config, sitemap)
    return key, sitemap_parts(env, config, sitemap)


def _absolute(config: MkDocsConfig, url: str) -> str:
    if config.site_url:
        base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        # a page's own address (doc/x/): joined as text, as urljoin would (15,000 of them at 10k)
        return base + url if _PLAIN_PATH.fullmatch(url) else urljoin(base, url)
    return "/" + url  # not published: a site without site_url writes no sitemap (carry_sitemap_over)


_PLAIN_PATH = re.compile(r"(?:[\w~-][\w.~-]*/)*(?:[\w~-][\w.~-]*)?", re.ASCII)  # no scheme, no ./.., no query
