"""The pages the catalogue generates: home, 公开目录, taxonomy listings, search,
withdrawal notices. Each is a path, a title, a template and a context factory,
so nothing is rendered (or held in memory) before MkDocs asks for it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from gkml.catalogue.taxonomy import Taxonomy, Term
from gkml.site import routes
from gkml.site.document_page import index_labels
from gkml.site.generated import GeneratedPage
from gkml.site.pagination import page_count
from gkml.site.views import Listing, Site, rows, withdrawal_view, withdrawn_title


def generated_pages(site: Site, page_size: int, latest_count: int, *, printable: bool = False) -> Iterator[GeneratedPage]:
    yield GeneratedPage(routes.HOME, "首页", "gkml/home.html", lambda: home_view(site, latest_count))
    yield from _catalogue_pages(site, page_size)
    if printable:
        yield GeneratedPage(routes.PRINTABLE, "政府信息公开目录（打印版）", "gkml/printable.html",
                            lambda: {"kind": "printable", "rows": rows(site, site.catalogue.published),
                                     "total": len(site.catalogue.published)})
    for taxonomy in site.taxonomies:
        yield GeneratedPage(routes.taxonomy_path(taxonomy), f"按{taxonomy.spec.title}浏览", "gkml/terms.html",
                            lambda t=taxonomy: terms_view(site, t))
        for term in taxonomy.terms:
            yield from _term_pages(site, taxonomy, term, page_size)
    yield GeneratedPage(routes.SEARCH, "检索", "gkml/search.html",
                        lambda: {"kind": "search", "breadcrumb": _trail(site, "检索"), "labels": index_labels(site.profile)})
    for doc in site.catalogue.withdrawn:
        yield GeneratedPage(routes.document_path(doc), withdrawn_title(doc), "gkml/withdrawn.html",
                            lambda d=doc: withdrawal_view(site, d))


def _trail(site: Site, *names: str) -> list[dict[str, Any]]:
    return [{"name": "首页", "url": site.url(routes.HOME)}, *({"name": n, "url": None} for n in names)]


def _catalogue_pages(site: Site, page_size: int) -> Iterator[GeneratedPage]:
    @cache
    def listing() -> Listing:
        return Listing({"kind": "catalogue", "heading": "政府信息公开目录",
                        "breadcrumb": [{"name": "首页", "url": site.url(routes.HOME)}, {"name": "信息公开", "url": None}]},
                       site.catalogue.published, routes.catalogue_path, page_size)

    for number in range(1, page_count(site.catalogue.published, page_size) + 1):
        title = "公开目录" if number == 1 else f"公开目录（第 {number} 页）"
        yield GeneratedPage(routes.catalogue_path(number), title, "gkml/catalogue.html",
                            lambda n=number: listing().page(site, n), lambda n=number: (listing(), n))


def _term_pages(site: Site, taxonomy: Taxonomy, term: Term, page_size: int) -> Iterator[GeneratedPage]:
    documents = taxonomy.documents.get(term.key, [])

    @cache
    def listing() -> Listing:
        common: dict[str, Any] = {
            "kind": "term",
            "heading": term.name,
            "taxonomy": {"title": taxonomy.spec.title, "url": site.url(routes.taxonomy_path(taxonomy))},
            "children": [],
        }
        if taxonomy.hierarchical:
            common["breadcrumb"] = site.category_trail(term.key)
            common["description"] = site.profile.categories[term.key].description
            common["children"] = [
                {"name": site.profile.categories[c].name, "count": taxonomy.count(c),
                 "url": site.url(site.term_link(taxonomy.spec.field, c))}
                for c in term.children
            ]
        else:
            common["breadcrumb"] = [*_trail(site), {"name": "信息公开", "url": site.url(routes.CATALOGUE)},
                                    {"name": f"按{taxonomy.spec.title}", "url": site.url(routes.taxonomy_path(taxonomy))},
                                    {"name": term.name, "url": None}]
        return Listing(common, documents, lambda n: routes.term_path(taxonomy, term, n), page_size)

    for number in range(1, page_count(documents, page_size) + 1):
        title = term.name if number == 1 else f"{term.name}（第 {number} 页）"
        yield GeneratedPage(routes.term_path(taxonomy, term, number), title, "gkml/listing.html",
                            lambda n=number: listing().page(site, n), lambda n=number: (listing(), n))


def terms_view(site: Site, taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "kind": "terms",
        "heading": f"按{taxonomy.spec.title}浏览",
        "tree": taxonomy.hierarchical,
        "breadcrumb": [*_trail(site), {"name": "信息公开", "url": site.url(routes.CATALOGUE)},
                       {"name": f"按{taxonomy.spec.title}", "url": None}],
        "terms": [
            {"name": t.name, "count": taxonomy.count(t.key), "depth": t.depth, "url": site.url(routes.term_path(taxonomy, t))}
            for t in taxonomy.terms
        ],
    }


def home_view(site: Site, latest_count: int) -> dict[str, Any]:
    category = site.category_taxonomy
    tree = []
    if category:
        tree = [{"name": t.name, "count": category.count(t.key), "depth": t.depth,
                 "url": site.url(routes.term_path(category, t))} for t in category.terms]
    return {
        "kind": "home",
        "agency": site.agency,
        "total": len(site.catalogue.published),
        "latest": rows(site, site.catalogue.published[:latest_count]),
        "categories": tree,
        "guides": [{"name": name, "url": url} for name, url in site.guide_pages.items()],
        "browse": [{"name": f"按{t.spec.title}", "url": site.url(routes.taxonomy_path(t))}
                   for t in site.taxonomies if not t.hierarchical],
        "annual_reports": site.url(site.term_link("category", site.profile.category_for("annual_report"))),
    }
