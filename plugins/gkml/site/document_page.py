"""A document's page view, made from the document and the facts it shows about the rest
of the catalogue.

A document page shows three things: the document's own file; the site's settings (profile,
addresses, site URL), which are all in the build's fingerprint; and a few facts that depend
on other documents: the title and address of each document it links to (替代/被替代,
解读/原文, 上一篇/下一篇), the term page of each attribute value and category in its trail,
and its 内容概述. `page_facts` gathers exactly those facts and `page_view` is given nothing
else: it cannot reach the catalogue. So a digest of the document and its facts is a complete
key of its page (gkml.build.incremental), found without building the view. A fact the view
looks up that `page_facts` did not gather raises KeyError in every build, so a new input can
never be left out of the key silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple
from urllib.parse import quote

from gkml.catalogue.catalogue import replacements
from gkml.catalogue.document import Document, as_written
from gkml.profile.model import Profile
from gkml.site import routes
from gkml.site.routes import Routes
from gkml.site.views import Site, category_name, category_trail, iso, row, zh_date

# Fields with a place of their own on the page (the heading, the replacement notice, the 原文
# link, the attachments, the withdrawal notice) or flags that are not attributes (draft).
_OWN_PLACE_KEYS = frozenset({"title", "superseded_by", "interprets"})
_OWN_PLACE_TYPES = frozenset({"attachments", "withdrawal", "boolean"})
RETIRED = ("失效", "废止", "已修订")

# What a document's page gives the search index, under the name the index knows each value by
# (search/records.py reads the page's marks, gkml-search.js the index) → the profile's field it
# is, whose label the search page shows for it ("": 年份, the published year, no field of its own):
# what each result shows (meta) and what results are filtered by.
INDEX_META = {"索引号": "index_no", "文号": "doc_no", "发布日期": "published", "信息分类": "category"}
INDEX_FILTERS = {"信息分类": "category", "年份": "", "发布机构": "publisher", "体裁": "genre", "有效性": "validity"}

Link = dict[str, Any]  # {"title", "url", "index_no", "status"} of a related document (status: "" while in force)


class PageFacts(NamedTuple):
    """What a document's page shows that depends on other documents; plain data, digested
    into the page's key (a tuple: serialised without a call back into Python)."""

    summary: str  # the editor's 内容概述, else the start of the text
    terms: Mapping[str, Mapping[str, str | None]]  # field -> value -> its term page (None: no page)
    replacement: Link | None  # the document that replaced this one
    latest: Link | None  # the last of the replacements' replacements (A→B→C: C on A's page), when not the first
    replaces: list[Link | None]
    original: Link | None  # on a 解读: the policy it explains (原文)
    original_latest: Link | None  # the last document that replaced the 原文: the version in force, if any
    interpretations: list[Link | None]
    newer: Link | None  # neighbours in its category
    older: Link | None


@dataclass(frozen=True)
class Settings:
    """The site's settings a page view reads; all of them are in the build's fingerprint."""

    profile: Profile
    routes: Routes
    site_url: str
    online: Routes  # the online site's addresses (a copy's permalink is the site's)

    def url(self, path: str | None) -> str | None:
        return None if path is None else self.routes.url(path)


def document_view(site: Site, doc: Document) -> dict[str, Any]:
    return page_view(Settings(site.profile, site.routes, site.site_url, site.online), doc, page_facts(site, doc))


def page_facts(site: Site, doc: Document) -> PageFacts:
    catalogue = site.catalogue
    newer, older = catalogue.neighbours.get(doc.index_no, (None, None))
    terms: dict[str, dict[str, str | None]] = {}
    for field, key in _term_keys(doc, site.profile):
        terms.setdefault(field, {})[key] = site.term_link(field, key)
    return PageFacts(
        summary=site.summary(doc),
        terms=terms,
        replacement=_link(site, doc.superseded_by),
        latest=_latest(site, doc, 2),
        replaces=[_link(site, d.index_no) for d in catalogue.replaces.get(doc.index_no, [])],
        original=_link(site, doc.interprets),
        original_latest=_latest(site, policy, 1) if (policy := catalogue.by_index.get(doc.interprets or "")) else None,
        interpretations=[_link(site, d.index_no) for d in catalogue.interpretations.get(doc.index_no, [])],
        newer=_link(site, newer.index_no) if newer else None,
        older=_link(site, older.index_no) if older else None,
    )


def _term_keys(doc: Document, profile: Profile) -> list[tuple[str, str]]:
    """Every (field, value) whose term page the view links: the attribute values and the
    categories of the breadcrumb."""
    keys = [(key, _term_key(key, item)) for key, values in _attribute_values(doc, profile) for item in values]
    if doc.category in profile.categories:
        keys += [("category", c.slug) for c in [*profile.categories.ancestors(doc.category),
                                                 profile.categories[doc.category]]]
    return keys


def attribute_fields(profile: Profile) -> list[str]:
    """The fields the page's attribute table shows, in the profile's order: every field but those
    with a place of their own and those that only decide publication (公开方式, and 不予公开依据,
    required by one of its values), so a profile's own field is shown with its label."""
    deciding = set(profile.publishable)
    return [key for key, spec in profile.fields.items()
            if key not in _OWN_PLACE_KEYS and spec.type not in _OWN_PLACE_TYPES and key not in deciding
            and not deciding & set(spec.required_when)]


def _attribute_values(doc: Document, profile: Profile) -> list[tuple[str, tuple[Any, ...]]]:
    found = []
    for key in attribute_fields(profile):
        value = doc.validity if key == "validity" else doc.meta.get(key)
        if value in (None, "", ()):
            continue
        found.append((key, value if isinstance(value, tuple) else (value,)))
    return found


def _term_key(key: str, item: Any) -> str:
    if key == "category":
        return item
    if key == "published":
        return str(item.year)
    return str(item)


def _link(site: Site, index_no: str | None) -> Link | None:
    if not index_no:
        return None
    target = site.catalogue.by_index.get(index_no)
    if target is None:
        return {"title": index_no, "url": None, "index_no": index_no, "status": ""}
    return {"title": target.title, "url": site.url(routes.document_path(target)), "index_no": index_no,
            "status": status(target)}


def _latest(site: Site, doc: Document, shortest: int) -> Link | None:
    """The last document of `doc`'s chain of replacements, when the chain is at least `shortest` long."""
    chain = replacements(site.catalogue, doc)
    return _link(site, chain[-1].index_no) if len(chain) >= shortest else None


def status(doc: Document) -> str:
    """What a reader is told of a document no longer in force ("" while it is): withdrawn, or its 有效性."""
    if doc.withdrawn:
        return "已撤回"
    return "已" + doc.validity.removeprefix("已") if doc.validity in RETIRED else ""


def page_view(settings: Settings, doc: Document, facts: PageFacts) -> dict[str, Any]:
    """The template context of a document's page: the document, the settings and the facts, nothing else."""
    profile = settings.profile
    permalink = (settings.site_url.rstrip("/") + "/" + settings.online.url(routes.document_path(doc))
                 if settings.site_url else "")
    doc_no = doc.meta.get("doc_no")
    citation = "，".join(x for x in (f"《{doc.title}》", doc_no, f"索引号：{doc.index_no}") if x)
    shown = row(doc, facts.summary, profile, settings.routes)
    return {
        "kind": "document",
        "doc": doc,
        "row": shown,
        "attributes": _attribute_rows(settings, doc, facts),
        "breadcrumb": category_trail(profile, settings.routes, doc.category, lambda slug: facts.terms["category"][slug]),
        "retired": doc.validity in RETIRED,
        "replacement": facts.replacement,
        "latest": facts.latest,
        "replaces": facts.replaces,
        "original": facts.original,
        "original_latest": facts.original_latest,
        "interpretations": facts.interpretations,
        "attachments": [
            {"title": a.title, "url": (url := routes.attachment_url(doc, a.name)), "name": a.name,
             "address": printed_address(settings.site_url, url)} for a in doc.attachments
        ],
        "newer": facts.newer,
        "older": facts.older,
        "permalink": permalink,
        "citation": citation,
        "meta": {name: _indexed(doc, field, shown) for name, field in INDEX_META.items()},
        "filters": {name: _indexed(doc, field, shown) for name, field in INDEX_FILTERS.items()},
        "genre": doc.meta.get("genre", ""),
    }


# what a sheet shows as nothing or turns (a space, a control, a bidi control or mark), as reader.js's readable()
_UNSEEN = re.compile(r"[\s\x00-\x1f\x7f-\x9f\xad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def printed_address(site_url: str, url: str) -> str:
    """An attachment's online address as paper shows it ("" without site_url): print.css prints it after
    the link, with scripts off too (reader.js, when it runs, writes the same from the page's address)."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + _UNSEEN.sub(lambda m: quote(m[0], safe=""), url)


def _indexed(doc: Document, field: str, shown: Mapping[str, Any]) -> Any:
    """A value the index is given: as the document's listing row shows it, else as the document
    says it; 年份 ("") its year."""
    if not field:
        return str(doc.year)
    return shown[field] if field in shown else doc.meta.get(field, "")


def index_labels(profile: Profile) -> dict[str, str]:
    """The profile's labels of what search results show and are filtered by, by the names the index gives them."""
    return {name: profile.label(field) for name, field in {**INDEX_META, **INDEX_FILTERS}.items() if field}


def _attribute_rows(settings: Settings, doc: Document, facts: PageFacts) -> list[dict[str, Any]]:
    rows = []
    for key, values in _attribute_values(doc, settings.profile):
        items = []
        for item in values:
            url = settings.url(facts.terms[key][_term_key(key, item)])
            if key == "category":
                items.append({"text": category_name(settings.profile, item), "url": url})
            elif key == "published":
                items.append({"text": _display(item), "url": url, "iso": iso(as_written(item))})
            else:
                items.append({"text": _display(item), "url": url,
                              "iso": iso(item) if isinstance(item, (date, datetime)) else None})
        rows.append({"key": key, "label": settings.profile.label(key), "values": items,
                     "text": not _state(settings.profile, key)})
    return rows


def _state(profile: Profile, key: str) -> bool:
    """An enum with a default (有效性: 有效): nearly every page shows its value, as it shows a label,
    so as search text it would match them all (有效 in 有效防范); the search page filters by it."""
    spec = profile.fields[key]
    return spec.type == "enum" and spec.default is not None


def _display(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return zh_date(value)
    return str(value)
