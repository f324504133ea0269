"""What templates show: plain dicts built from the catalogue, with site-root URLs.

Templates relativise every URL with MkDocs' `url` filter, so the same views
serve the online site and the offline copy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from gkml.catalogue.catalogue import Catalogue
from gkml.catalogue.document import Document, timespec, without_text
from gkml.catalogue.taxonomy import Taxonomy, Term
from gkml.profile.model import Profile
from gkml.site import routes
from gkml.site.pagination import Pager, page_of
from gkml.site.routes import Routes
from gkml.site.summary import summary_from_markdown


def zh_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def iso(value: date | datetime) -> str:
    return value.isoformat(timespec=timespec(value)) if isinstance(value, datetime) else value.isoformat()


@dataclass
class Site:
    """Everything views need: the catalogue, its taxonomies and the profile."""

    catalogue: Catalogue
    taxonomies: list[Taxonomy]
    profile: Profile
    agency: str
    site_url: str
    guide_pages: dict[str, str]  # title -> site-root URL
    routes: Routes
    # the online site's addresses: an offline copy's pages are .html files, its absolute addresses the site's
    online_routes: Routes | None = None
    row_cache: dict[str, dict[str, Any]] = field(default_factory=dict)
    # 内容概述 of a body when the editor gave none (the plugin passes one with the site's Markdown extensions)
    summarise: Callable[[str], str] = summary_from_markdown
    summaries: dict[str, str] = field(default_factory=dict)  # index_no -> derived 内容概述
    term_links: dict[tuple[str, str | None], str | None] = field(default_factory=dict)
    org_code: str = ""  # 机关代码: the feeds' ids without a site_url (outputs.feeds)

    def url(self, path: str | None) -> str | None:
        """Site-root URL of a page path; None stays None (an unlinked crumb or item)."""
        return None if path is None else self.routes.url(path)

    @property
    def online(self) -> Routes:
        return self.online_routes or self.routes

    @cached_property
    def by_field(self) -> dict[str, tuple[Taxonomy, dict[str, Term]]]:
        return {t.spec.field: (t, {term.key: term for term in t.terms}) for t in self.taxonomies}

    @cached_property
    def category_taxonomy(self) -> Taxonomy | None:
        return next((t for t in self.taxonomies if t.hierarchical), None)

    def category_name(self, slug: str) -> str:
        return category_name(self.profile, slug)

    def term_link(self, field: str, key: str | None) -> str | None:
        """The page of a field's value (None: no such page); asked about a dozen times per document."""
        try:
            return self.term_links[field, key]
        except KeyError:
            found = self.by_field.get(field)
            path = routes.term_path(found[0], found[1][key]) if found and key in found[1] else None
            self.term_links[field, key] = path
            return path

    def summary(self, doc: Document) -> str:
        """The editor's 内容概述, else the start of the document's text."""
        given = doc.meta.get("summary")
        if given:
            return str(given)
        found = self.summaries.get(doc.index_no)
        if found is None:
            found = self.summaries[doc.index_no] = self.summarise(doc.body) or without_text(doc)
        return found

    def row(self, doc: Document) -> dict[str, Any]:
        """The document's listing row: one object, however many listings show it."""
        found = self.row_cache.get(doc.index_no)
        if found is None:
            found = self.row_cache[doc.index_no] = document_row(self, doc)
        return found

    def category_trail(self, slug: str) -> list[dict[str, Any]]:
        return category_trail(self.profile, self.routes, slug, lambda c: self.term_link("category", c))


def category_name(profile: Profile, slug: str) -> str:
    tree = profile.categories
    return tree[slug].name if slug in tree else slug


def category_trail(profile: Profile, router: Routes, slug: str,
                   term_link: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """首页 > 信息公开 > … > the category, each linked (`term_link`: a category's page)."""
    trail = [{"name": "首页", "url": router.url(routes.HOME)}, {"name": "信息公开", "url": router.url(routes.CATALOGUE)}]
    if slug in profile.categories:
        for category in [*profile.categories.ancestors(slug), profile.categories[slug]]:
            path = term_link(category.slug)
            trail.append({"name": category.name, "url": None if path is None else router.url(path)})
    return trail


def document_row(site: Site, doc: Document) -> dict[str, Any]:
    return row(doc, site.summary(doc), site.profile, site.routes)


def row(doc: Document, summary: str, profile: Profile, router: Routes) -> dict[str, Any]:
    """One line of any listing: the art. 12 columns plus 发布机构 and 文号."""
    return {
        "title": doc.title,
        "url": router.url(routes.document_path(doc)),
        "index_no": doc.index_no,
        "summary": summary,
        "created": zh_date(doc.created),
        "created_iso": iso(doc.created),
        "published": zh_date(doc.published),
        "published_iso": iso(doc.published),
        "publisher": doc.meta.get("publisher", ""),
        "doc_no": doc.meta.get("doc_no", ""),
        "validity": doc.validity,
        "category": category_name(profile, doc.category),
        "interpretation": doc.is_interpretation,
    }


def withdrawn_title(doc: Document) -> str:
    """The title of a withdrawn document's notice: its page's, and its entry's in the feeds."""
    return f"已撤回：{doc.title}"


def withdrawal_view(site: Site, doc: Document) -> dict[str, Any]:
    assert doc.withdrawn is not None
    return {
        "kind": "withdrawn",
        "doc": doc,
        "breadcrumb": site.category_trail(doc.category),
        "withdrawn_on": zh_date(doc.withdrawn.date),
        "withdrawn_iso": doc.withdrawn.date.isoformat(),
        "reason": doc.withdrawn.reason,
    }


def pager_view(site: Site, pager: Pager[Any], path_of: Callable[[int], str]) -> dict[str, Any]:
    """Links for a pager; long listings show a window around the current page."""
    numbers = sorted({1, pager.count, *range(max(1, pager.number - 2), min(pager.count, pager.number + 2) + 1)})
    links: list[dict[str, Any]] = []
    for n in numbers:
        if links and n - links[-1]["number"] > 1:
            links.append({"number": None, "url": None, "gap": True})
        links.append({"number": n, "url": site.url(path_of(n)), "current": n == pager.number})
    return {
        "number": pager.number,
        "count": pager.count,
        "total": pager.total,
        "first_item": pager.first_item,
        "last_item": pager.first_item + len(pager.items) - 1,
        "previous": site.url(path_of(pager.number - 1)) if pager.has_previous else None,
        "next": site.url(path_of(pager.number + 1)) if pager.has_next else None,
        "links": links,
    }


class Rows(list[dict[str, Any]]):
    """Listing rows, each one of Site.row_cache: the same object in every listing that shows
    the document, so an incremental build digests it once."""


def rows(site: Site, documents: Sequence[Document]) -> Rows:
    """Listing rows; each document's row is built once however many listings show it."""
    return Rows(map(site.row, documents))


class DocumentRows(list[Document]):
    """A listing page's documents, each shown as its row by the templates' `listing_rows`
    (gkml.site.listing_rows): a row whose text the build already has is not made (its 内容概述
    reads the document's body), so a page whose rows only moved costs little to render."""


@dataclass(frozen=True)
class Listing:
    """One listing (公开目录, a term's documents): what each of its pages shows besides its
    own rows and pager. Made once for all its pages, and a page's view is made from it and
    the page's number only, so these two are all the page's key needs (gkml.build.incremental)."""

    common: dict[str, Any]  # heading, breadcrumb …: plain data
    documents: Sequence[Document]  # one row each, in order (a page makes only its own rows)
    path: Callable[[int], str]  # page n's path: the site's routes, the listing's first page
    size: int  # rows per page

    def page(self, site: Site, number: int) -> dict[str, Any]:
        pager = page_of(self.documents, self.size, number)
        return {**self.common, "rows": DocumentRows(pager.items), "pager": pager_view(site, pager, self.path)}
